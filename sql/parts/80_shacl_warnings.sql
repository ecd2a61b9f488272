-- The sh: IRIs of a shapes graph that SHACL does not define (typos in
-- published shapes: sh:shape, sh:dateTime, sh:nodekind), one row each.
-- oslo.shapes_check, and so oslo.profile_load, raises them as WARNINGs.
CREATE FUNCTION oslo.shapes_warnings(shapes oslo.graph)
	RETURNS TABLE (node text, term text, "position" text, probably_meant text, message text)
	AS 'MODULE_PATHNAME', 'oslo_shapes_warnings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION oslo.shapes_warnings(oslo.graph) IS 'The sh: IRIs of a shapes graph that are no SHACL term: the node each sits on, the term, its position in the triple, what it probably meant and a message';
