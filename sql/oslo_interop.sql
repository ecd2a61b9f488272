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
-- STABLE: a context may refer to remote contexts, which come from oslo.context
CREATE FUNCTION oslo.to_jsonld(graph oslo.graph, context jsonb DEFAULT NULL) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'graph_to_jsonld' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_jsonld(oslo.graph, jsonb) IS 'JSON-LD fromRdf: expanded, or compacted against the context given';

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
-- backends cache what they read from the catalog tables: tell them when it changes
CREATE FUNCTION oslo.catalog_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'oslo_catalog_changed' LANGUAGE C;
COMMENT ON FUNCTION oslo.catalog_changed() IS 'Trigger: drops the per-backend caches of a catalog table (contexts, profiles)';
CREATE TRIGGER context_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.context
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();

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

-- Reading any format the registry knows into a graph (built-in RDF syntaxes
-- and plugin formats). STABLE: it depends on the plugins installed.
CREATE FUNCTION oslo.graph_from(input text, format text, options jsonb DEFAULT '{}') RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_graph_from' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from(text, text, jsonb) IS 'Read input in any readable format of oslo.formats() into a graph';

-- SHACL profiles: named shapes graphs plus an optional background graph
-- (code lists, vocabularies), compiled once per backend.
CREATE TABLE oslo.profile (
	name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]*$'),
	shapes oslo.graph NOT NULL,
	background oslo.graph,
	description text,
	builtin boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oslo.profile IS 'SHACL application profiles: shapes and background graphs by name';
REVOKE ALL ON oslo.profile FROM PUBLIC;
GRANT SELECT ON oslo.profile TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('oslo.profile', 'WHERE NOT builtin');
CREATE TRIGGER profile_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.profile
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();

CREATE FUNCTION oslo.shapes_check(oslo.graph) RETURNS integer
	AS 'MODULE_PATHNAME', 'oslo_shapes_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.shapes_check(oslo.graph) IS 'Compile a SHACL shapes graph; returns its shape count or raises naming the malformed shape';


CREATE FUNCTION oslo.profile_add_background(name text, data text, format text DEFAULT 'turtle')
	RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	g oslo.graph := oslo.graph_from(profile_add_background.data, profile_add_background.format);
	total bigint;
BEGIN
	UPDATE oslo.profile
	SET background = CASE WHEN background IS NULL THEN g ELSE oslo.graph_union(background, g) END,
	    updated_at = now()
	WHERE name = profile_add_background.name
	RETURNING oslo.triple_count(background) INTO total;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'SHACL profile "%" does not exist', profile_add_background.name
			USING ERRCODE = 'undefined_object', HINT = 'Load it with oslo.profile_load(name, shapes).';
	END IF;
	RETURN total;
END $$;
COMMENT ON FUNCTION oslo.profile_add_background(text, text, text) IS 'Add code lists or vocabularies to a profile''s background graph; returns its size';
REVOKE ALL ON FUNCTION oslo.profile_add_background(text, text, text) FROM PUBLIC;

-- Validation. STABLE: the answer depends on oslo.profile.
CREATE FUNCTION oslo.validate(data oslo.graph, profile text) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_validate' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.validate(oslo.graph, text) IS 'SHACL validation report as JSON: conforms and results';
CREATE FUNCTION oslo.conforms(data oslo.graph, profile text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'oslo_conforms' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.conforms(oslo.graph, text) IS 'True when the data conforms to the profile (usable in CHECK constraints)';
CREATE FUNCTION oslo.validation_results(data oslo.graph, profile text)
	RETURNS TABLE (focus_node text, result_path text, value text, source_constraint_component text,
	               source_shape text, result_severity text, result_message text)
	AS 'MODULE_PATHNAME', 'oslo_validation_results' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION oslo.validation_results(oslo.graph, text) IS 'One row per SHACL validation result, for ETL queries';
CREATE FUNCTION oslo.validation_report(data oslo.graph, profile text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_validation_report' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.validation_report(oslo.graph, text) IS 'The W3C sh:ValidationReport as RDF';

-- Mappings as data: RML (RML-Core, Turtle) by name. Users add their own with
-- oslo.mapping_register; each backend compiles a mapping once.
CREATE TABLE oslo.mapping (
	name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
	kind text NOT NULL DEFAULT 'rml' CHECK (kind IN ('rml')),
	body text NOT NULL,
	description text,
	builtin boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oslo.mapping IS 'Declarative mappings (RML) by name';
REVOKE ALL ON oslo.mapping FROM PUBLIC;
GRANT SELECT ON oslo.mapping TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('oslo.mapping', 'WHERE NOT builtin');
CREATE TRIGGER mapping_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.mapping
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();

CREATE FUNCTION oslo.rml_check(body text) RETURNS integer
	AS 'MODULE_PATHNAME', 'oslo_rml_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.rml_check(text) IS 'Compile an RML mapping; returns its number of triples maps or raises naming the problem';


-- STABLE: a registered mapping can change between statements.
CREATE FUNCTION oslo.rml_apply(mapping text, source text) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_rml_apply' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.rml_apply(text, text) IS 'Apply an RML mapping (a registered name or the mapping itself) to one source text';

-- The role that administers the catalog: contexts, profiles and mappings.
-- Roles are cluster-wide: create it once, keep it when the extension goes.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'oslo_admin') THEN
		CREATE ROLE oslo_admin NOLOGIN;
	END IF;
END $$;
GRANT INSERT, UPDATE, DELETE ON oslo.context, oslo.profile, oslo.mapping TO oslo_admin;
GRANT EXECUTE ON FUNCTION oslo.profile_add_background(text, text, text) TO oslo_admin;
-- profile_load, mapping_register and context_register: sql/parts/05_catalog_register.sql

-- The JSON-LD 1.1 API. STABLE, not IMMUTABLE: remote contexts (a string
-- @context, @import, a string expandContext) are read from oslo.context,
-- which can change. options take the API's own option names.
CREATE FUNCTION oslo.jsonld_expand(doc jsonb, options jsonb DEFAULT '{}') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_jsonld_expand' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.jsonld_expand(jsonb, jsonb) IS 'JSON-LD 1.1 expansion';
CREATE FUNCTION oslo.jsonld_compact(doc jsonb, context jsonb, options jsonb DEFAULT '{}') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_jsonld_compact' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.jsonld_compact(jsonb, jsonb, jsonb) IS 'JSON-LD 1.1 compaction against a context';
CREATE FUNCTION oslo.jsonld_flatten(doc jsonb, context jsonb DEFAULT NULL, options jsonb DEFAULT '{}') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'oslo_jsonld_flatten' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION oslo.jsonld_flatten(jsonb, jsonb, jsonb) IS 'JSON-LD 1.1 flattening, compacted when a context is given';
CREATE FUNCTION oslo.graph_from_jsonld(doc jsonb, options jsonb) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_graph_from_jsonld' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_jsonld(jsonb, jsonb) IS 'JSON-LD 1.1 toRdf';
CREATE FUNCTION oslo.graph_from_jsonld(doc jsonb) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_graph_from_jsonld' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.graph_from_jsonld(jsonb) IS 'JSON-LD 1.1 toRdf with default options (also the jsonb -> oslo.graph cast)';
CREATE CAST (jsonb AS oslo.graph) WITH FUNCTION oslo.graph_from_jsonld(jsonb);

