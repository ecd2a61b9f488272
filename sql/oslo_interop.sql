-- oslo_interop install script (the build appends the catalog rows of mappings/).
\echo Use "CREATE EXTENSION oslo_interop" to load this file. \quit

-- Consumers call the functions; what they may read or change is granted per object.
GRANT USAGE ON SCHEMA oslo TO PUBLIC;

-- The graph type: an RDF dataset (default graph plus named graphs) in a
-- compact binary form; its text form is N-Quads.
CREATE TYPE oslo.graph;

CREATE FUNCTION oslo.graph_in(cstring) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION oslo.graph_out(oslo.graph) RETURNS cstring
	AS 'MODULE_PATHNAME', 'graph_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION oslo.graph_recv(internal) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION oslo.graph_send(oslo.graph) RETURNS bytea
	AS 'MODULE_PATHNAME', 'graph_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE oslo.graph (
	INPUT = oslo.graph_in,
	OUTPUT = oslo.graph_out,
	RECEIVE = oslo.graph_recv,
	SEND = oslo.graph_send,
	INTERNALLENGTH = VARIABLE,
	STORAGE = extended
);
COMMENT ON TYPE oslo.graph IS 'An RDF dataset (default graph and named graphs); text form N-Quads';

-- Reading RDF text. IMMUTABLE: the answer depends on the argument only.
CREATE FUNCTION oslo.graph_from_ntriples(text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_from_ntriples' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_ntriples(text) IS 'Parse RDF 1.1 N-Triples into a graph';
CREATE FUNCTION oslo.graph_from_nquads(text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_from_nquads' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_nquads(text) IS 'Parse RDF 1.1 N-Quads into a graph (dataset)';
CREATE FUNCTION oslo.graph_from_turtle(text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_from_turtle' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_turtle(text) IS 'Parse RDF 1.1 Turtle into a graph';
CREATE FUNCTION oslo.graph_from_turtle(document text, base text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_from_turtle' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_turtle(text, text) IS 'Parse RDF 1.1 Turtle, resolving relative IRIs against base';

-- Writing. Statements come out sorted, so equal graphs print alike.
CREATE FUNCTION oslo.to_ntriples(oslo.graph) RETURNS text
	AS 'MODULE_PATHNAME', 'graph_to_ntriples' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_ntriples(oslo.graph) IS 'Sorted N-Triples; a dataset with named graphs is refused (use to_nquads)';
CREATE FUNCTION oslo.to_nquads(oslo.graph) RETURNS text
	AS 'MODULE_PATHNAME', 'graph_to_nquads' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_nquads(oslo.graph) IS 'Sorted N-Quads';
CREATE FUNCTION oslo.to_turtle(graph oslo.graph, prefixes jsonb DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'graph_to_turtle' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_turtle(oslo.graph, jsonb) IS 'Turtle, abbreviated with the prefixes given as {"prefix": "IRI"}';
CREATE FUNCTION oslo.to_jsonld(graph oslo.graph, context jsonb DEFAULT NULL) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'graph_to_jsonld' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_jsonld(oslo.graph, jsonb) IS 'JSON-LD: expanded form, or compacted against the context object given';

CREATE FUNCTION oslo.triples(oslo.graph)
	RETURNS TABLE (subject text, predicate text, object text, datatype text, lang text, graph text)
	AS 'MODULE_PATHNAME', 'graph_triples' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION oslo.triples(oslo.graph) IS 'One row per statement; blank nodes as _:label, graph NULL for the default graph';
CREATE FUNCTION oslo.triple_count(oslo.graph) RETURNS bigint
	AS 'MODULE_PATHNAME', 'graph_triple_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.triple_count(oslo.graph) IS 'Number of statements in all graphs of the dataset';
CREATE FUNCTION oslo.graph_union(oslo.graph, oslo.graph) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_union(oslo.graph, oslo.graph) IS 'RDF merge: blank nodes of the two graphs are kept apart';
CREATE FUNCTION oslo.isomorphic(oslo.graph, oslo.graph) RETURNS boolean
	AS 'MODULE_PATHNAME', 'graph_isomorphic' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.isomorphic(oslo.graph, oslo.graph) IS 'True when the datasets are equal up to blank node labels';

CREATE FUNCTION oslo.graph_agg_transfn(internal, oslo.graph) RETURNS internal
	AS 'MODULE_PATHNAME', 'graph_agg_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION oslo.graph_agg_finalfn(internal) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'graph_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE oslo.graph_agg(oslo.graph) (
	SFUNC = oslo.graph_agg_transfn,
	STYPE = internal,
	FINALFUNC = oslo.graph_agg_finalfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE oslo.graph_agg(oslo.graph) IS 'RDF merge of all input graphs';

-- JSON-LD contexts the database may use: never fetched from a network or a
-- file. Rows with builtin = true come with the extension (mappings/).
CREATE TABLE oslo.context (
	iri text PRIMARY KEY CHECK (iri ~ '^[A-Za-z][A-Za-z0-9+.-]*:'),
	document jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
	description text,
	builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE oslo.context IS 'JSON-LD contexts by IRI; the only place contexts come from';
REVOKE ALL ON oslo.context FROM PUBLIC;
GRANT SELECT ON oslo.context TO PUBLIC;
-- user-added contexts survive pg_dump; builtin rows come back with the extension
SELECT pg_catalog.pg_extension_config_dump('oslo.context', 'WHERE NOT builtin');
-- backends cache contexts: tell them when the catalog changes
CREATE FUNCTION oslo.context_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'oslo_context_changed' LANGUAGE C;
COMMENT ON FUNCTION oslo.context_changed() IS 'Trigger: invalidates the per-backend context caches';
CREATE TRIGGER context_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.context
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.context_changed();

-- Formats and plugins. STABLE: the answer depends on the plugins installed
-- in $libdir/oslo_interop and on oslo.context, not only on the arguments.
CREATE FUNCTION oslo.plugins()
	RETURNS TABLE (name text, version text, abi_version integer, file text, status text, description text)
	AS 'MODULE_PATHNAME', 'oslo_plugins' LANGUAGE C STABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION oslo.plugins() IS 'Plugins found in $libdir/oslo_interop, loaded or refused (with the reason)';
CREATE FUNCTION oslo.formats()
	RETURNS TABLE (name text, provider text, media_type text, readable boolean, writable boolean, description text)
	AS 'MODULE_PATHNAME', 'oslo_formats' LANGUAGE C STABLE PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION oslo.formats() IS 'Formats oslo.transform reads and writes, built in or from plugins';
CREATE FUNCTION oslo.transform(input text, from_format text, to_format text, options jsonb DEFAULT '{}')
	RETURNS text
	AS 'MODULE_PATHNAME', 'oslo_transform' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.transform(text, text, text, jsonb) IS 'Transform input between two formats through the graph hub';

CREATE FUNCTION oslo.magda_to_graph(xml) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_magda_to_graph' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.magda_to_graph(xml) IS 'The OSLO graph of a MAGDA GeefPersoon 02.02 response (SOAP envelope or bare response)';
CREATE FUNCTION oslo.magda_to_graph(text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_magda_to_graph' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.magda_to_graph(text) IS 'The OSLO graph of a MAGDA GeefPersoon 02.02 response given as text (parsed once)';
CREATE FUNCTION oslo.magda_to_oslo(xml) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_magda_to_oslo' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.magda_to_oslo(xml) IS 'The PersonEnvelope JSON-LD of the OSLO MAGDA-Persoon implementation model';
CREATE FUNCTION oslo.magda_to_oslo(text) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_magda_to_oslo' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.magda_to_oslo(text) IS 'The PersonEnvelope JSON-LD of a MAGDA GeefPersoon 02.02 response given as text (parsed once)';
