-- The JSON-LD 1.1 API: remote contexts come from the catalog, never the network
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

-- a context registered under its IRI (processed first)
SELECT oslo.context_register('https://example.org/ns/persoon.jsonld', '{"@context": {
	"persoon": "https://data.vlaanderen.be/ns/persoon#",
	"foaf": "http://xmlns.com/foaf/0.1/",
	"Persoon": "persoon:GeregistreerdPersoon",
	"voornaam": {"@id": "foaf:givenName", "@container": "@set"},
	"achternaam": {"@id": "foaf:familyName"},
	"geboortedatum": {"@id": "persoon:geboortedatum", "@type": "http://www.w3.org/2001/XMLSchema#date"},
	"geslacht": {"@id": "persoon:geslacht", "@type": "@id"}}}', 'test context');

CREATE TEMP TABLE doc AS SELECT '{
	"@context": "https://example.org/ns/persoon.jsonld",
	"@id": "https://example.org/persoon/1",
	"@type": "Persoon",
	"voornaam": ["Anna", "Maria"],
	"achternaam": "Peeters",
	"geboortedatum": "1990-05-02",
	"geslacht": "https://data.vlaanderen.be/id/concept/IT000/Geslacht/2"}'::jsonb AS d;

SELECT jsonb_pretty(oslo.jsonld_expand(d)) FROM doc;
SELECT oslo.to_ntriples(oslo.graph_from_jsonld(d)) FROM doc;
-- the cast, and the same graph back through fromRdf + compaction
SELECT oslo.isomorphic(d::oslo.graph, oslo.graph_from_jsonld(d)) FROM doc;
SELECT jsonb_pretty(oslo.to_jsonld(d::oslo.graph, '"https://example.org/ns/persoon.jsonld"'::jsonb)) FROM doc;
SELECT jsonb_pretty(oslo.jsonld_compact(oslo.jsonld_expand(d), '{"@context": "https://example.org/ns/persoon.jsonld"}')) FROM doc;
SELECT jsonb_pretty(oslo.jsonld_flatten('{"@context": {"@vocab": "http://e/"}, "@id": "http://e/a", "knows": {"name": "B"}}'));
-- options use the API's names
SELECT oslo.jsonld_expand('{"@id": "rel", "http://e/p": "x"}', '{"base": "https://example.org/base/"}');
SELECT oslo.to_jsonld('<http://e/a> <http://e/n> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .'::oslo.graph);

-- a context that does not process is not registered
SELECT pg_temp.error_of($q$SELECT oslo.context_register('https://example.org/bad.jsonld', '{"@context": {"@id": "x"}}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.context_register('https://example.org/bad.jsonld', '{"no": "context"}')$q$);
SELECT iri, builtin, description FROM oslo.context ORDER BY iri;

-- a changed context is seen at once
UPDATE oslo.context SET document = jsonb_set(document, '{@context,achternaam}', '"foaf:lastName"')
WHERE iri = 'https://example.org/ns/persoon.jsonld';
SELECT t.predicate FROM doc, oslo.triples(d::oslo.graph) t WHERE t.object = 'Peeters';
DELETE FROM oslo.context WHERE iri = 'https://example.org/ns/persoon.jsonld';
SELECT pg_temp.error_of($q$SELECT d::oslo.graph FROM doc$q$);

-- remote contexts are parsed and processed once per backend: each call says at
-- DEBUG1 what it parsed and processed and what it found in the cache
SELECT oslo.context_register('https://example.org/ns/cache-prefixes.jsonld',
	'{"@context": {"foaf": "http://xmlns.com/foaf/0.1/"}}');
SELECT oslo.context_register('https://example.org/ns/cache.jsonld',
	'{"@context": ["https://example.org/ns/cache-prefixes.jsonld", {"naam": "foaf:name"}]}');
SET client_min_messages = debug1;
-- first use in this backend: both documents parsed, both contexts processed
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/a", "naam": "Ann"}');
-- second use: nothing parsed or processed again
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/b", "naam": "Bob"}');
SELECT oslo.to_ntriples(oslo.graph_from_jsonld('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/c", "naam": "Cas"}'));
-- replacing the row: the next call parses and processes the new document
SELECT oslo.context_register('https://example.org/ns/cache.jsonld',
	'{"@context": ["https://example.org/ns/cache-prefixes.jsonld", {"naam": "foaf:familyName"}]}');
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/a", "naam": "Ann"}');
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/a", "naam": "Ann"}');
-- a context it refers to changes: the result depends on it too
UPDATE oslo.context SET document = '{"@context": {"foaf": "http://example.org/other#"}}'
WHERE iri = 'https://example.org/ns/cache-prefixes.jsonld';
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "http://e/a", "naam": "Ann"}');
-- another base IRI is another entry (a processed context depends on the base)
SELECT oslo.jsonld_expand('{"@context": "https://example.org/ns/cache.jsonld", "@id": "a", "naam": "Ann"}', '{"base": "http://e/"}');
RESET client_min_messages;
DELETE FROM oslo.context WHERE iri LIKE 'https://example.org/ns/cache%';
-- Entries a catalog change retired are freed at the end of the transaction,
-- whichever function used them (here oslo.transform): replacing a context
-- again and again does not grow the backend's cache memory
SELECT oslo.context_register('https://example.org/ns/retire.jsonld', '{"@context": {"naam": "http://xmlns.com/foaf/0.1/name"}}');
SELECT length(oslo.transform('{"@context": "https://example.org/ns/retire.jsonld", "@id": "http://e/r", "naam": "R"}', 'jsonld', 'nquads')) > 0 AS transformed;
SELECT count(*) AS cache_entries FROM pg_backend_memory_contexts WHERE name = 'oslo_interop cache entry' \gset
DO $$
BEGIN
	FOR i IN 1..5 LOOP
		PERFORM oslo.context_register('https://example.org/ns/retire.jsonld',
			jsonb_build_object('@context', jsonb_build_object('naam', 'http://xmlns.com/foaf/0.1/name' || i)));
		PERFORM oslo.transform('{"@context": "https://example.org/ns/retire.jsonld", "@id": "http://e/r", "naam": "R"}', 'jsonld', 'nquads');
	END LOOP;
END $$;
SELECT count(*) - :cache_entries AS cache_entries_grown FROM pg_backend_memory_contexts WHERE name = 'oslo_interop cache entry';
SELECT oslo.transform('{"@context": "https://example.org/ns/retire.jsonld", "@id": "http://e/r", "naam": "R"}', 'jsonld', 'nquads');
DELETE FROM oslo.context WHERE iri = 'https://example.org/ns/retire.jsonld';
