-- SHACL profiles and validation from SQL (shapes and data written for this test)
CREATE EXTENSION IF NOT EXISTS oslo_interop;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' | ' || left(detail, 120) ELSE '' END;
END $$;

SELECT oslo.profile_load('persoon-test', $ttl$
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/shapes#> .

ex:PersoonShape a sh:NodeShape ;
	sh:targetClass persoon:GeregistreerdPersoon ;
	sh:property [ sh:path foaf:givenName ; sh:minCount 1 ; sh:datatype xsd:string ] ;
	sh:property [ sh:path foaf:familyName ; sh:minCount 1 ; sh:maxCount 1 ;
	              sh:message "precies één achternaam"@nl ] ;
	sh:property [ sh:path persoon:geboortedatum ; sh:datatype xsd:date ; sh:severity sh:Warning ] ;
	sh:property [ sh:path persoon:geslacht ; sh:class skos:Concept ] .
$ttl$, description => 'a small Persoon profile for the regression test');

-- code lists go in the background: the geslacht values are skos:Concepts there
SELECT oslo.profile_add_background('persoon-test', $ttl$
<https://data.vlaanderen.be/id/concept/IT000/Geslacht/1> a <http://www.w3.org/2004/02/skos/core#Concept> .
<https://data.vlaanderen.be/id/concept/IT000/Geslacht/2> a <http://www.w3.org/2004/02/skos/core#Concept> .
$ttl$);

CREATE TABLE person (id int PRIMARY KEY, g oslo.graph);
INSERT INTO person VALUES
(1, oslo.graph_from_turtle($ttl$
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
<http://example.org/p/1> a persoon:GeregistreerdPersoon ; foaf:givenName "Anna" ; foaf:familyName "Peeters" ;
	persoon:geboortedatum "1990-05-02"^^<http://www.w3.org/2001/XMLSchema#date> ;
	persoon:geslacht <https://data.vlaanderen.be/id/concept/IT000/Geslacht/2> .
$ttl$)),
(2, oslo.graph_from_turtle($ttl$
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
<http://example.org/p/2> a persoon:GeregistreerdPersoon ; foaf:familyName "Janssens", "Jansen" ;
	persoon:geboortedatum "1980-02-30"^^<http://www.w3.org/2001/XMLSchema#date> ;
	persoon:geslacht <https://data.vlaanderen.be/id/concept/IT000/Geslacht/9> .
$ttl$));

SELECT id, oslo.conforms(g, 'persoon-test') FROM person ORDER BY id;
SELECT jsonb_pretty(oslo.validate(g, 'persoon-test')) FROM person WHERE id = 1;

-- JSON-LD input works through the cast
SELECT oslo.conforms('{"@context": {"foaf": "http://xmlns.com/foaf/0.1/", "persoon": "https://data.vlaanderen.be/ns/persoon#"},
  "@id": "http://example.org/p/3", "@type": "persoon:GeregistreerdPersoon",
  "foaf:givenName": "Jef", "foaf:familyName": "Janssens"}'::jsonb::oslo.graph, 'persoon-test') AS jsonld_person;

-- one row per result: ready for ETL queries
SELECT id, r.focus_node, r.result_path, r.value,
       regexp_replace(r.source_constraint_component, '.*#', '') AS component,
       regexp_replace(r.result_severity, '.*#', '') AS severity, r.result_message
FROM person, oslo.validation_results(g, 'persoon-test') r
ORDER BY id, component, r.result_path;

-- the report as RDF
SELECT oslo.triple_count(oslo.validation_report(g, 'persoon-test')) > 0 AS has_report,
       (SELECT count(*) FROM oslo.triples(oslo.validation_report(g, 'persoon-test')) t
        WHERE t.predicate = 'http://www.w3.org/ns/shacl#result') AS results
FROM person WHERE id = 2;

-- usable in a CHECK constraint
CREATE TABLE checked_person (g oslo.graph CHECK (oslo.conforms(g, 'persoon-test')));
INSERT INTO checked_person SELECT g FROM person WHERE id = 1;
SELECT pg_temp.error_of($q$INSERT INTO checked_person SELECT g FROM person WHERE id = 2$q$);

-- a changed profile is seen at once (the cached compilation is dropped)
SELECT oslo.profile_load('persoon-test', $ttl$
@prefix sh: <http://www.w3.org/ns/shacl#> .
<http://example.org/shapes#Any> a sh:NodeShape ;
	sh:targetClass <https://data.vlaanderen.be/ns/persoon#GeregistreerdPersoon> .
$ttl$);
SELECT id, oslo.conforms(g, 'persoon-test') FROM person ORDER BY id;

-- bad input: specific errors that name the problem
SELECT pg_temp.error_of($q$SELECT oslo.conforms(g, 'no-such-profile') FROM person$q$);
SELECT pg_temp.error_of($q$SELECT oslo.profile_load('bad', '@prefix sh: <http://www.w3.org/ns/shacl#> . <http://e/S> a sh:NodeShape ; sh:targetNode <http://e/x> ; sh:property [ sh:path <http://e/p> ; sh:maxCount "1" ] .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.profile_load('bad', 'not turtle at all')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.profile_add_background('no-such-profile', '<http://e/a> <http://e/b> <http://e/c> .')$q$);
SELECT name, oslo.triple_count(shapes) AS shapes, oslo.triple_count(background) AS background, description
FROM oslo.profile ORDER BY name;

-- only the catalog's owner loads profiles
CREATE ROLE oslo_regress_etl;
GRANT SELECT ON person TO oslo_regress_etl;
SET ROLE oslo_regress_etl;
SELECT id, oslo.conforms(g, 'persoon-test') FROM person ORDER BY id;
SELECT pg_temp.error_of($q$SELECT oslo.profile_load('mine', '<http://e/a> <http://e/b> <http://e/c> .')$q$);
RESET ROLE;
DROP OWNED BY oslo_regress_etl;
DROP ROLE oslo_regress_etl;
DROP TABLE checked_person, person;
DELETE FROM oslo.profile WHERE name = 'persoon-test';
