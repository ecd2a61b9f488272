-- SKOS code lists: which concept IRI a code of a scheme denotes. MAGDA
-- answers carry codes (geslacht 1/2, burgerlijke staat, rechtsvorm); OSLO
-- wants the concepts of the official code lists. The database never reads
-- files: an administrator loads the lists (oslo.codelist_load). A code
-- missing from its list becomes that list's UITZONDERING concept.
CREATE TABLE oslo.codelist (
	scheme text NOT NULL CHECK (scheme ~ '^[A-Za-z][A-Za-z0-9+.-]*:'),
	code text NOT NULL,
	concept text NOT NULL CHECK (concept ~ '^[A-Za-z][A-Za-z0-9+.-]*:'),
	label text,
	builtin boolean NOT NULL DEFAULT false,
	PRIMARY KEY (scheme, code)
);
COMMENT ON TABLE oslo.codelist IS 'SKOS code lists: the concept IRI of each (concept scheme IRI, skos:notation)';
REVOKE ALL ON oslo.codelist FROM PUBLIC;
GRANT SELECT ON oslo.codelist TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('oslo.codelist', 'WHERE NOT builtin');
CREATE TRIGGER codelist_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.codelist
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();
GRANT INSERT, UPDATE, DELETE ON oslo.codelist TO oslo_admin;

CREATE FUNCTION oslo.skos_codes(oslo.graph)
	RETURNS TABLE (scheme text, code text, concept text, label text)
	AS 'MODULE_PATHNAME', 'oslo_skos_codes_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION oslo.skos_codes(oslo.graph) IS 'The (scheme, code, concept, label) rows of the SKOS concepts of a graph, as oslo.codelist_load stores them';

CREATE FUNCTION oslo.codelist_load(document text, format text DEFAULT 'turtle')
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer;
BEGIN
	INSERT INTO oslo.codelist AS c (scheme, code, concept, label)
	SELECT r.scheme, r.code, r.concept, r.label
	FROM oslo.skos_codes(oslo.graph_from(codelist_load.document, codelist_load.format)) r
	ON CONFLICT (scheme, code) DO UPDATE
		SET concept = EXCLUDED.concept, label = EXCLUDED.label;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n = 0 THEN
		RAISE NOTICE 'no code list rows: the document has no skos:Concept with an IRI, a skos:notation and a skos:inScheme';
	END IF;
	RETURN n;
END $$;
COMMENT ON FUNCTION oslo.codelist_load(text, text) IS 'Add or replace the code list rows of a SKOS document; returns how many';
REVOKE ALL ON FUNCTION oslo.codelist_load(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.codelist_load(text, text) TO oslo_admin;

-- STABLE: the answer depends on oslo.codelist.
CREATE FUNCTION oslo.codelist_concept(scheme text, code text) RETURNS text
	AS 'MODULE_PATHNAME', 'oslo_codelist_concept_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.codelist_concept(text, text) IS 'The concept IRI of a code in a loaded scheme, its UITZONDERING concept when the code is missing, NULL when the scheme is not loaded';
