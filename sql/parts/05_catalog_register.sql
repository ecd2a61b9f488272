-- Registering profiles, mappings and contexts (oslo_admin). A built-in row
-- belongs to the extension: ALTER EXTENSION UPDATE replaces it and pg_dump
-- leaves it out, so replacing it here would lose the change silently; these
-- functions refuse instead (42710). Since 0.2.0; 0.1.0 replaced built-in rows.

CREATE OR REPLACE FUNCTION oslo.profile_load(name text, shapes text, format text DEFAULT 'turtle', description text DEFAULT NULL)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	g oslo.graph := oslo.graph_from(profile_load.shapes, profile_load.format);
	n integer := oslo.shapes_check(g);
BEGIN
	INSERT INTO oslo.profile AS p (name, shapes, description)
	VALUES (profile_load.name, g, profile_load.description)
	ON CONFLICT (name) DO UPDATE
		SET shapes = EXCLUDED.shapes, description = coalesce(EXCLUDED.description, p.description),
		    updated_at = now()
		WHERE NOT p.builtin;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'SHACL profile "%" comes with the extension and cannot be replaced', profile_load.name
			USING ERRCODE = 'duplicate_object', HINT = 'Load it under another name.';
	END IF;
	RETURN n;
END $$;
COMMENT ON FUNCTION oslo.profile_load(text, text, text, text) IS 'Create or replace a SHACL profile from shapes text; returns the shape count';
REVOKE ALL ON FUNCTION oslo.profile_load(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.profile_load(text, text, text, text) TO oslo_admin;

CREATE OR REPLACE FUNCTION oslo.mapping_register(name text, body text, description text DEFAULT NULL)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n integer := oslo.rml_check(mapping_register.body);
BEGIN
	INSERT INTO oslo.mapping AS m (name, kind, body, description)
	VALUES (mapping_register.name, 'rml', mapping_register.body, mapping_register.description)
	ON CONFLICT (name) DO UPDATE
		SET body = EXCLUDED.body, description = coalesce(EXCLUDED.description, m.description),
		    updated_at = now()
		WHERE NOT m.builtin;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'mapping "%" comes with the extension and cannot be replaced', mapping_register.name
			USING ERRCODE = 'duplicate_object', HINT = 'Register it under another name.';
	END IF;
	RETURN n;
END $$;
COMMENT ON FUNCTION oslo.mapping_register(text, text, text) IS 'Create or replace an RML mapping; returns its number of triples maps';
REVOKE ALL ON FUNCTION oslo.mapping_register(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.mapping_register(text, text, text) TO oslo_admin;

-- Registering a context: it must process without error first.
CREATE OR REPLACE FUNCTION oslo.context_register(iri text, document jsonb, description text DEFAULT NULL)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
	IF jsonb_typeof(context_register.document) <> 'object' OR NOT context_register.document ? '@context' THEN
		RAISE EXCEPTION 'a context document is a JSON object with "@context"'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM oslo.jsonld_expand(jsonb_build_object('@context', context_register.document -> '@context'));
	INSERT INTO oslo.context AS c (iri, document, description)
	VALUES (context_register.iri, context_register.document, context_register.description)
	ON CONFLICT (iri) DO UPDATE
		SET document = EXCLUDED.document, description = coalesce(EXCLUDED.description, c.description)
		WHERE NOT c.builtin;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'context "%" comes with the extension and cannot be replaced', context_register.iri
			USING ERRCODE = 'duplicate_object', HINT = 'Register it under another IRI.';
	END IF;
END $$;
COMMENT ON FUNCTION oslo.context_register(text, jsonb, text) IS 'Register (or replace) a JSON-LD context document under its IRI, after processing it';
REVOKE ALL ON FUNCTION oslo.context_register(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.context_register(text, jsonb, text) TO oslo_admin;
