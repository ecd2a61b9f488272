-- SKOS code lists: loading (oslo_admin only), lookups with the UITZONDERING
-- fallback, and the per-backend cache following changes to oslo.codelist.
-- The code lists are written for this test (the published ones: test/t/009).
CREATE EXTENSION IF NOT EXISTS oslo_interop;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.error_of(text) TO PUBLIC;

-- roles are cluster-wide: names of this test only
SET client_min_messages = warning;
DROP ROLE IF EXISTS codelist_regress_admin;
DROP ROLE IF EXISTS codelist_regress_user;
RESET client_min_messages;
CREATE ROLE codelist_regress_admin IN ROLE oslo_admin;
CREATE ROLE codelist_regress_user;

CREATE TEMP TABLE skos_doc (body text);
GRANT SELECT ON skos_doc TO PUBLIC;
INSERT INTO skos_doc VALUES ($ttl$
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/codes/> .
ex:Geslacht a skos:ConceptScheme .
ex:m a skos:Concept ; skos:notation "1" ; skos:inScheme ex:Geslacht ; skos:prefLabel "Mannelijk"@nl, "Male"@en .
ex:v a skos:Concept ; skos:notation "2" ; skos:inScheme ex:Geslacht, ex:GeslachtKort ; skos:prefLabel "Vrouwelijk"@nl .
ex:u a skos:Concept ; skos:notation "UITZONDERING" ; skos:topConceptOf ex:Geslacht ; skos:prefLabel "Onbekende code"@nl .
$ttl$);

-- PUBLIC may neither load nor write the catalog
SET ROLE codelist_regress_user;
SELECT pg_temp.error_of($q$SELECT oslo.codelist_load((SELECT body FROM skos_doc))$q$);
SELECT pg_temp.error_of($q$INSERT INTO oslo.codelist (scheme, code, concept) VALUES ('https://e/s', '1', 'https://e/c')$q$);
-- nothing loaded yet: the scheme is unknown
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '1') IS NULL AS unknown_scheme_is_null;
RESET ROLE;

-- an administrator loads it: a row per (scheme, notation), the concept in two schemes twice
SET ROLE codelist_regress_admin;
SELECT oslo.codelist_load((SELECT body FROM skos_doc)) AS rows_loaded;
-- loading again replaces, it does not duplicate
SELECT oslo.codelist_load((SELECT body FROM skos_doc)) AS rows_loaded_again;
RESET ROLE;
SELECT scheme, code, concept, label, builtin FROM oslo.codelist ORDER BY scheme, code;

SET ROLE codelist_regress_user;
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '2') AS hit;
SELECT oslo.codelist_concept('https://example.org/codes/GeslachtKort', '2') AS hit_second_scheme;
-- a code missing from its list becomes the list's UITZONDERING concept
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '7') AS missing_code;
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '01') AS no_numeric_matching;
-- a list without an UITZONDERING concept cannot place the code: an error, not NULL
SELECT pg_temp.error_of($q$SELECT oslo.codelist_concept('https://example.org/codes/GeslachtKort', '7')$q$);
SELECT oslo.codelist_concept('https://example.org/codes/Onbekend', '1') IS NULL AS unknown_scheme_is_null;
SELECT oslo.codelist_concept(NULL, '1') IS NULL AS strict;
RESET ROLE;

-- the cache of this backend follows changes to the catalog, within one session
SET ROLE codelist_regress_admin;
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '1') AS before_update;
UPDATE oslo.codelist SET concept = 'https://example.org/codes/m2'
WHERE scheme = 'https://example.org/codes/Geslacht' AND code = '1';
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '1') AS after_update;
-- and within one transaction
BEGIN;
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '9') AS before_delete;
DELETE FROM oslo.codelist WHERE scheme = 'https://example.org/codes/Geslacht' AND code = 'UITZONDERING';
SELECT pg_temp.error_of($q$SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '9')$q$) AS after_delete;
ROLLBACK;
SELECT oslo.codelist_concept('https://example.org/codes/Geslacht', '9') AS after_rollback;
-- a scheme first asked for while unknown is seen once it is loaded
SELECT oslo.codelist_concept('https://example.org/codes/Later', 'a') IS NULL AS not_yet;
SELECT oslo.codelist_load($nt$
<https://example.org/codes/la> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .
<https://example.org/codes/la> <http://www.w3.org/2004/02/skos/core#notation> "a" .
<https://example.org/codes/la> <http://www.w3.org/2004/02/skos/core#inScheme> <https://example.org/codes/Later> .
$nt$, 'ntriples') AS loaded_ntriples;
SELECT oslo.codelist_concept('https://example.org/codes/Later', 'a') AS now_loaded;
-- and a scheme whose rows are all deleted is unknown again
DELETE FROM oslo.codelist WHERE scheme = 'https://example.org/codes/Later';
SELECT oslo.codelist_concept('https://example.org/codes/Later', 'a') IS NULL AS deleted_again;
-- a scheme IRI longer than the cache's keys is looked up all the same (uncached)
SELECT oslo.codelist_load(format($nt$<https://example.org/codes/long-concept> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .
<https://example.org/codes/long-concept> <http://www.w3.org/2004/02/skos/core#notation> "L" .
<https://example.org/codes/long-concept> <http://www.w3.org/2004/02/skos/core#inScheme> <https://example.org/codes/%s> .
$nt$, repeat('x', 300)), 'ntriples') AS loaded_long;
SELECT oslo.codelist_concept('https://example.org/codes/' || repeat('x', 300), 'L') AS long_scheme;
SELECT replace(pg_temp.error_of(format($q$SELECT oslo.codelist_concept('https://example.org/codes/%s', 'M')$q$, repeat('x', 300))),
	repeat('x', 300), '(300 x)') AS long_scheme_missing;
-- documents that give no rows, or are not what the format says
SELECT oslo.codelist_load('<http://e/a> <http://e/p> "1" .') AS no_rows;
SELECT pg_temp.error_of($q$SELECT oslo.codelist_load('<http://e/a> <http://e/p> "1 .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.codelist_load('', 'no-such-format')$q$);
RESET ROLE;

-- the rows of a graph without storing them: one code given to two concepts keeps the smallest IRI
SELECT scheme, code, concept, label FROM oslo.skos_codes(oslo.graph_from_turtle($ttl$
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://e/c/b> a skos:Concept ; skos:notation "1" ; skos:inScheme <https://e/s> ; skos:prefLabel "b"@en, "b-zonder-taal" .
<https://e/c/a> a skos:Concept ; skos:notation "1" ; skos:inScheme <https://e/s> .
<https://e/c/x> a skos:Concept ; skos:inScheme <https://e/s> .
$ttl$));

-- rows an administrator adds are kept by pg_dump; builtin ones come with the extension
SELECT c.relname, x.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'oslo_interop' AND c.relname = 'codelist';

DELETE FROM oslo.codelist WHERE scheme LIKE 'https://example.org/codes/%';
DROP ROLE codelist_regress_admin;
DROP ROLE codelist_regress_user;
