-- Vocabulary alignments (docs/semic.md): OWL/RDFS correspondences plus
-- SPARQL CONSTRUCT rewrites, one row per part. An alignment is all rows of
-- one name; role says what a part is: 'correspondences' (Turtle), or a
-- CONSTRUCT query for the 'forward' (e.g. OSLO -> SEMIC) or 'backward'
-- direction. Compiled once per backend, dropped when the table changes.
CREATE TABLE oslo.alignment (
	alignment text NOT NULL CHECK (alignment ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
	part text NOT NULL CHECK (part ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
	role text NOT NULL CHECK (role IN ('correspondences', 'forward', 'backward')),
	body text NOT NULL,
	description text,
	builtin boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (alignment, part, role)
);
COMMENT ON TABLE oslo.alignment IS 'Vocabulary alignments: correspondences and CONSTRUCT queries, one row per part';
REVOKE ALL ON oslo.alignment FROM PUBLIC;
GRANT SELECT ON oslo.alignment TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('oslo.alignment', 'WHERE NOT builtin');
CREATE TRIGGER alignment_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oslo.alignment
	FOR EACH STATEMENT EXECUTE FUNCTION oslo.catalog_changed();
GRANT INSERT, UPDATE, DELETE ON oslo.alignment TO oslo_admin;

CREATE FUNCTION oslo.alignment_check(role text, body text) RETURNS integer
	AS 'MODULE_PATHNAME', 'oslo_alignment_check' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.alignment_check(text, text) IS 'Compile one alignment part; returns its number of correspondences (1 for a query) or raises naming the problem';

-- Registering a part (oslo_admin). The parts of a built-in alignment belong
-- to the extension: neither replaced nor added to (42710).
CREATE FUNCTION oslo.alignment_register(alignment text, part text, role text, body text, description text DEFAULT NULL)
	RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	n integer := oslo.alignment_check(alignment_register.role, alignment_register.body);
BEGIN
	IF EXISTS (SELECT FROM oslo.alignment a WHERE a.alignment = alignment_register.alignment AND a.builtin) THEN
		RAISE EXCEPTION 'alignment "%" comes with the extension and cannot be changed', alignment_register.alignment
			USING ERRCODE = 'duplicate_object', HINT = 'Register your parts under another alignment name.';
	END IF;
	INSERT INTO oslo.alignment AS a (alignment, part, role, body, description)
	VALUES (alignment_register.alignment, alignment_register.part, alignment_register.role,
	        alignment_register.body, alignment_register.description)
	ON CONFLICT (alignment, part, role) DO UPDATE
		SET body = EXCLUDED.body, description = coalesce(EXCLUDED.description, a.description),
		    updated_at = now();
	RETURN n;
END $$;
COMMENT ON FUNCTION oslo.alignment_register(text, text, text, text, text) IS 'Create or replace one part of an alignment; returns its number of correspondences (1 for a query)';
REVOKE ALL ON FUNCTION oslo.alignment_register(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION oslo.alignment_register(text, text, text, text, text) TO oslo_admin;

-- STABLE: a registered alignment can change between statements.
CREATE FUNCTION oslo.align(g oslo.graph, alignment text, direction text DEFAULT 'forward') RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_align' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.align(oslo.graph, text, text) IS 'Apply a registered alignment to a graph, forward or backward';

CREATE FUNCTION oslo.alignment_sparql(alignment text, direction text DEFAULT 'forward') RETURNS text
	AS 'MODULE_PATHNAME', 'oslo_alignment_sparql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.alignment_sparql(text, text) IS 'The alignment as plain SPARQL CONSTRUCT queries (for another engine), each followed by a line "#-- end of query"';

CREATE FUNCTION oslo.to_semic(g oslo.graph) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_to_semic' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.to_semic(oslo.graph) IS 'OSLO to the SEMIC core vocabularies and CPSV-AP: oslo.align(g, ''semic'', ''forward'')';

CREATE FUNCTION oslo.from_semic(g oslo.graph) RETURNS oslo.graph
	AS 'MODULE_PATHNAME', 'oslo_from_semic' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION oslo.from_semic(oslo.graph) IS 'The SEMIC core vocabularies and CPSV-AP to OSLO: oslo.align(g, ''semic'', ''backward'')';
