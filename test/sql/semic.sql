-- Alignments OSLO <-> SEMIC (docs/semic.md): the built-in alignment "semic",
-- oslo.to_semic / oslo.from_semic, the "semic:" format prefix, registered
-- alignments, the catalog's privileges and errors with their SQLSTATE.
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
-- the triples of a graph, one line each, sorted (blank labels as written)
CREATE FUNCTION pg_temp.lines(g oslo.graph) RETURNS SETOF text LANGUAGE sql AS $$
	SELECT line FROM regexp_split_to_table(rtrim(oslo.to_ntriples(g), E'\n'), E'\n') AS line ORDER BY 1
$$;

-- the built-in alignment: its parts by role
SELECT role, count(*) FROM oslo.alignment WHERE alignment = 'semic' AND builtin GROUP BY role ORDER BY role;

-- OSLO Persoon -> Core Person: the birth event becomes cv:birthDate and
-- person:placeOfBirth (a dateTime becomes a date), names become
-- one rdf:langString each (two given names joined), tagged "und", the
-- registered person a person:Person with a
-- dct:identifier, geslacht cv:gender; the contact point schema.org -> cv:
CREATE TEMP TABLE person AS SELECT oslo.graph_from($ttl$
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix person: <http://www.w3.org/ns/person#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/persoon/1> a person:Person, persoon:GeregistreerdPersoon ;
	foaf:givenName "Jan", "Pieter" ; foaf:familyName "Peeters" ;
	persoon:gebruikteVoornaam "Jan" ; persoon:volledigeNaam "Jan Pieter Peeters" ;
	persoon:geslacht <https://data.vlaanderen.be/id/concept/geslacht/man> ;
	persoon:registratie _:inszid ;
	schema:contactPoint [ a schema:ContactPoint ; schema:email "jan@example.org" ] ;
	persoon:heeftGeboorte [ a persoon:Geboorte ;
		persoon:datum "1980-02-14T00:00:00"^^xsd:dateTime ;
		persoon:plaats <https://example.org/plaats/gent> ] ;
	persoon:heeftOverlijden [ a persoon:Overlijden ;
		persoon:datum "2050-01-01T09:30:00"^^xsd:dateTime ] .
_:inszid a adms:Identifier ; skos:notation "80021412345" ; adms:schemaAgency "Rijksregister" .
$ttl$, 'turtle') AS g;
SELECT pg_temp.lines(oslo.to_semic(g)) FROM person;

-- and back: what both vocabularies express comes back; lost by design (see
-- mappings/semic/README.md): gebruikteVoornaam, the time of day of a death,
-- the split of "Jan Pieter" into two given names
SELECT pg_temp.lines(oslo.from_semic(oslo.to_semic(g))) FROM person;

-- an OSLO address: huisnummer and busnummer are locator designators,
-- gemeentenaam the post name, the country label stays a label
SELECT pg_temp.lines(oslo.to_semic(oslo.graph_from($ttl$
@prefix locn: <http://www.w3.org/ns/locn#> .
@prefix adres: <https://data.vlaanderen.be/ns/adres#> .
<https://example.org/adres/1> a locn:Address ;
	locn:thoroughfare "Kerkstraat"@nl ; adres:Adresvoorstelling.huisnummer "12" ;
	adres:Adresvoorstelling.busnummer "3" ; locn:postCode "9000" ;
	adres:gemeentenaam "Gent"@nl ; adres:land "België"@nl .
$ttl$, 'turtle')));

-- a registered organisation: legal:LegalEntity, its status a cv:LegalStatus
CREATE TEMP TABLE organisation AS SELECT oslo.graph_from($ttl$
@prefix rov: <http://www.w3.org/ns/regorg#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://example.org/org/0123456789> a rov:RegisteredOrganization, org:Organization ;
	rov:legalName "Voorbeeld NV"@nl ; skos:prefLabel "Voorbeeld"@nl ;
	rov:orgStatus <https://example.org/concept/rechtstoestand/actief> ;
	rov:orgType <https://example.org/concept/rechtsvorm/nv> ;
	foaf:homepage "https://voorbeeld.example.org/" .
<https://example.org/org/gemeente-gent> a cv:PublicOrganisation ; skos:prefLabel "Stad Gent"@nl .
$ttl$, 'turtle') AS g;
SELECT pg_temp.lines(oslo.to_semic(g)) FROM organisation;
SELECT oslo.isomorphic(oslo.from_semic(oslo.to_semic(g)), g) AS organisation_round_trip FROM organisation;

-- an OSLO public service: CPSV-AP 2.x-era terms -> CPSV-AP 3.x
CREATE TEMP TABLE service AS SELECT oslo.graph_from($ttl$
@prefix cpsv: <http://purl.org/vocab/cpsv#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/dienst/1> a cpsv:PublicService ;
	dct:identifier "dienst-1" ; dct:title "Parkeerkaart"@nl ; dct:description "Een parkeerkaart aanvragen"@nl ;
	cv:hasCompetentAuthority <https://example.org/org/gemeente-gent> ;
	cv:hasFormalFramework <https://example.org/regelgeving/1> ;
	cv:hasCost <https://example.org/dienst/1/kost> .
<https://example.org/regelgeving/1> a cpsv:FormalFramework .
<https://example.org/dienst/1/kost> a cv:Cost ; cv:value 25.0 ; dct:description "per jaar" .
$ttl$, 'turtle') AS g;
SELECT pg_temp.lines(oslo.to_semic(g)) FROM service;
SELECT oslo.isomorphic(oslo.from_semic(oslo.to_semic(g)), g) AS service_round_trip FROM service;

-- oslo.align is the general form; oslo.to_semic = align(g, 'semic', 'forward')
SELECT oslo.isomorphic(oslo.align(g, 'semic', 'forward'), oslo.to_semic(g)),
       oslo.isomorphic(oslo.align(g, 'semic', 'backward'), oslo.from_semic(g)) FROM person;

-- through oslo.transform: "semic:F" writes F after to_semic, reads F then from_semic
SELECT oslo.transform('<https://example.org/a> <http://xmlns.com/foaf/0.1/givenName> "Jan" .',
                      'ntriples', 'semic:ntriples');
SELECT oslo.transform('<https://example.org/a> <http://xmlns.com/foaf/0.1/givenName> "Jan"@und .',
                      'semic:ntriples', 'ntriples');
SELECT oslo.transform('{"@id": "https://example.org/a", "http://data.europa.eu/m8g/gender": {"@id": "https://example.org/m"}}',
                      'semic:jsonld', 'ntriples');
SELECT pg_temp.error_of($$SELECT oslo.transform('', 'semic:nope', 'ntriples')$$) ~ '^22023: ' AS unknown_inner_format;

-- the same alignment as plain SPARQL for another engine: the passthrough first
SELECT split_part(oslo.alignment_sparql('semic', 'forward'), E'\n', 2);
SELECT count(*) AS queries FROM regexp_matches(oslo.alignment_sparql('semic', 'forward'), '#-- end of query', 'g');

-- a registered alignment, compiled once per backend, recompiled when it changes
SELECT oslo.alignment_register('test/names', 'names', 'correspondences', $ttl$
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<http://example.org/naam> owl:equivalentProperty <http://xmlns.com/foaf/0.1/name> .
$ttl$, 'a test alignment');
SELECT oslo.to_ntriples(oslo.align('<http://example.org/a> <http://example.org/naam> "A" .', 'test/names', 'forward'));
SELECT oslo.alignment_register('test/names', 'names', 'correspondences', $ttl$
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<http://example.org/naam> owl:equivalentProperty <http://www.w3.org/2000/01/rdf-schema#label> .
$ttl$);
SELECT oslo.to_ntriples(oslo.align('<http://example.org/a> <http://example.org/naam> "A" .', 'test/names', 'forward'));
SELECT oslo.alignment_register('test/names', 'upper', 'forward', $rq$
CONSTRUCT { ?s <http://example.org/upper> ?u } WHERE { ?s <http://example.org/naam> ?n BIND(UCASE(?n) AS ?u) }
$rq$);
SELECT oslo.to_ntriples(oslo.align('<http://example.org/a> <http://example.org/naam> "a" .', 'test/names', 'forward'));
SELECT oslo.to_ntriples(oslo.align('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "a" .', 'test/names', 'backward'));
-- any alignment through oslo.transform: "ALIGNMENT:F", the last ':' splitting
SELECT oslo.transform('<http://example.org/a> <http://example.org/naam> "a" .', 'ntriples', 'test/names:ntriples');
SELECT oslo.transform('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "a" .', 'test/names:ntriples', 'ntriples');
DELETE FROM oslo.alignment WHERE alignment = 'test/names';

-- errors
SELECT pg_temp.error_of($$SELECT oslo.align('', 'no-such-alignment', 'forward')$$);
SELECT pg_temp.error_of($$SELECT oslo.transform('', 'no-such-alignment:ntriples', 'ntriples')$$);
SELECT pg_temp.error_of($$SELECT oslo.align('', 'semic', 'sideways')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_check('correspondences', '<a> <b> .')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_check('correspondences', '<http://e/a> <http://www.w3.org/2002/07/owl#equivalentClass> "x" .')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_check('forward', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p }')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_check('backward', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_check('sideways', '')$$);
SELECT pg_temp.error_of($$SELECT oslo.alignment_register('semic', 'mine', 'forward', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }')$$);
SELECT split_part(pg_temp.error_of($$SELECT oslo.alignment_register('bad name!', 'p', 'forward', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }')$$), ' | ', 1);

-- privileges: registering is for oslo_admin, applying for everyone
CREATE ROLE semic_test_user NOLOGIN;
SET ROLE semic_test_user;
SELECT pg_temp.error_of($$SELECT oslo.alignment_register('test/x', 'p', 'correspondences', '')$$);
SELECT pg_temp.error_of($$DELETE FROM oslo.alignment WHERE alignment = 'semic'$$);
SELECT oslo.to_ntriples(oslo.to_semic('<https://example.org/a> <http://xmlns.com/foaf/0.1/familyName> "Peeters" .')) AS anyone_can_apply;
RESET ROLE;
DROP ROLE semic_test_user;
