-- XSLT 1.0 mappings, XML to XML, in a sandbox (docs/xslt.md). Stylesheets
-- live here by name; xsl:include, xsl:import and document() resolve only
-- against these rows (href="common" is the stylesheet named common), never
-- against files or the network. Each backend compiles a stylesheet once.
CREATE TABLE oslo.xslt (
	name text PRIMARY KEY
		CHECK (char_length(name) <= 120
		       AND name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$'),
	stylesheet xml NOT NULL,
	description text,
	builtin boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oslo.xslt IS 'XSLT 1.0 stylesheets by name; the only place stylesheets, includes and document() come from';
REVOKE ALL ON oslo.xslt FROM PUBLIC;
GRANT SELECT ON oslo.xslt TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON oslo.xslt TO oslo_admin;
SELECT pg_catalog.pg_extension_config_dump('oslo.xslt', 'WHERE NOT builtin');
CREATE TRIGGER xslt_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.xslt
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();

-- Compile in the sandbox, includes resolved against oslo.xslt; raises naming
-- the problem. The register function below calls it.
CREATE FUNCTION oslo.xslt_check(name text, stylesheet xml) RETURNS void
	AS 'MODULE_PATHNAME', 'oslo_xslt_check_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.xslt_check(text, xml) IS 'Compile an XSLT stylesheet in the sandbox as name would be; raises naming the problem';
REVOKE ALL ON FUNCTION oslo.xslt_check(text, xml) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.xslt_check(text, xml) TO oslo_admin;

CREATE FUNCTION oslo.xslt_register(name text, stylesheet xml, description text DEFAULT NULL)
	RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
	PERFORM oslo.xslt_check(xslt_register.name, xslt_register.stylesheet);
	INSERT INTO oslo.xslt AS x (name, stylesheet, description)
	VALUES (xslt_register.name, xslt_register.stylesheet, xslt_register.description)
	ON CONFLICT (name) DO UPDATE
		SET stylesheet = EXCLUDED.stylesheet, description = coalesce(EXCLUDED.description, x.description),
		    updated_at = now()
		WHERE NOT x.builtin;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'XSLT stylesheet "%" comes with the extension and cannot be replaced', xslt_register.name
			USING ERRCODE = 'duplicate_object', HINT = 'Register it under another name.';
	END IF;
END $$;
COMMENT ON FUNCTION oslo.xslt_register(text, xml, text) IS 'Create or replace an XSLT 1.0 stylesheet, after compiling it in the sandbox';
REVOKE ALL ON FUNCTION oslo.xslt_register(text, xml, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.xslt_register(text, xml, text) TO oslo_admin;

-- STABLE: a registered stylesheet can change between statements.
CREATE FUNCTION oslo.xslt_apply(name text, doc xml, params jsonb DEFAULT '{}') RETURNS xml
	AS 'MODULE_PATHNAME', 'oslo_xslt_apply_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.xslt_apply(text, xml, jsonb) IS 'Transform an XML document with a registered XSLT stylesheet; params: a JSON object of string parameters';
