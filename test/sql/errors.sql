-- Bad input: an ERROR with a specific SQLSTATE and a message that points at the problem
-- quiet whether or not an earlier test of the run created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;
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

-- RDF text: 22P02 with the line
SELECT pg_temp.error_of($q$SELECT oslo.graph_from_ntriples('<http://e/a> <http://e/p> "ok" .
<http://e/a> <http://e/p> "unterminated .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.graph_from_turtle('@prefix e: <http://e/> .
e:a e:p e:b .
e:a x:p e:b .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.graph_from_ntriples('<relative> <http://e/p> "x" .')$q$);
SELECT pg_temp.error_of($q$SELECT '<http://e/a> <http://e/p> "x" <http://e/g> <http://e/extra> .'::oslo.graph$q$);
SELECT pg_temp.error_of($q$SELECT oslo.graph_from_ntriples('<http://e/a> <http://e/p> "\u0000" .')$q$);

-- parameters: 22023
SELECT pg_temp.error_of($q$SELECT oslo.to_ntriples('<http://e/a> <http://e/p> "x" <http://e/g> .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.transform('x', 'nosuchformat', 'turtle')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.transform('<http://e/a> <http://e/p> "x" .', 'ntriples', 'magda')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.transform('<http://e/a> <http://e/p> "x" .', 'ntriples', 'turtle', '[1, 2]')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.to_turtle('<http://e/a> <http://e/p> "x" .', '{"e": 1}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.to_jsonld('<http://e/a> <http://e/p> "x" .', '"https://example.org/context.jsonld"')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.to_jsonld('<http://e/a> <http://e/p> "x" .', '{"@context": "https://example.org/context.jsonld"}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.to_jsonld('<http://e/a> <http://e/p> "x" .', '{"@context": {"@type": "http://e/t"}}')$q$);

-- JSON-LD: the error code of the spec in the message, the JSON pointer in DETAIL
SELECT pg_temp.error_of($q$SELECT oslo.transform('{"@context": {"@id": "x"}}', 'jsonld', 'turtle')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.jsonld_expand('{"@context": {"@vocab": "http://e/"}, "a": [{"@context": "https://example.org/unregistered.jsonld", "b": 1}]}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.jsonld_expand('{}', '{"expandcontext": {}}')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.transform('{"a": ', 'jsonld', 'turtle')$q$);
SET oslo.max_input_size = '1kB';
SELECT pg_temp.error_of($q$SELECT oslo.jsonld_expand(jsonb_build_object('x', repeat('y', 2000)))$q$);
RESET oslo.max_input_size;

-- size cap: 54000, before anything is parsed
SET oslo.max_input_size = '1kB';
SELECT pg_temp.error_of($q$SELECT oslo.graph_from_ntriples(repeat('<http://e/a> <http://e/p> "x" .' || E'\n', 100))$q$);
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_graph(('<a>' || repeat('x', 2000) || '</a>')::xml)$q$);
RESET oslo.max_input_size;
SHOW oslo.max_input_size;

-- only a superuser may lift libxml2's limits
CREATE ROLE oslo_regress_user;
SET ROLE oslo_regress_user;
SELECT pg_temp.error_of($q$SET oslo.xml_huge = on$q$);
RESET ROLE;
DROP ROLE oslo_regress_user;
