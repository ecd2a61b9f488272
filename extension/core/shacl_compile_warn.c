/*
 * shacl_compile_warn.c
 *	  Notices for IRIs in the sh: namespace that SHACL does not define.
 *
 * Published EU shapes carry typos that a conformant engine silently ignores,
 * so the constraint the author meant is never checked: sh:shape (DCAT-AP
 * legacy, #229), sh:dateTime for sh:datatype (DCAT-AP 1.2.1-2.0.1, #147),
 * lower-case sh:nodekind (Core Person 2.1.0, CPOV 2.1.0). We still ignore
 * them, as SHACL requires, but say so, naming the shape and the triple.
 */
#include "shacl_compiler.h"

#include <stdlib.h>
#include <string.h>

/* sh: terms other than the parameters of shacl_param_names (SHACL, SHACL-AF, DASH-free) */
static const char *const other_terms[] = {"AbstractResult",
                                          "alternativePath",
                                          "annotationProperty",
                                          "annotationValue",
                                          "annotationVarName",
                                          "ask",
                                          "BlankNode",
                                          "BlankNodeOrIRI",
                                          "BlankNodeOrLiteral",
                                          "condition",
                                          "conforms",
                                          "construct",
                                          "declare",
                                          "defaultValue",
                                          "description",
                                          "detail",
                                          "entailment",
                                          "expression",
                                          "filterShape",
                                          "focusNode",
                                          "group",
                                          "Info",
                                          "intersection",
                                          "inversePath",
                                          "IRI",
                                          "IRIOrLiteral",
                                          "js",
                                          "jsFunctionName",
                                          "jsLibrary",
                                          "jsLibraryURL",
                                          "labelTemplate",
                                          "Literal",
                                          "name",
                                          "namespace",
                                          "nodes",
                                          "nodeValidator",
                                          "object",
                                          "oneOrMorePath",
                                          "optional",
                                          "order",
                                          "parameter",
                                          "predicate",
                                          "prefix",
                                          "prefixes",
                                          "propertyValidator",
                                          "result",
                                          "resultAnnotation",
                                          "resultMessage",
                                          "resultPath",
                                          "resultSeverity",
                                          "returnType",
                                          "rule",
                                          "select",
                                          "shapesGraph",
                                          "shapesGraphWellFormed",
                                          "sourceConstraint",
                                          "sourceConstraintComponent",
                                          "sourceShape",
                                          "subject",
                                          "suggestedShapesGraph",
                                          "target",
                                          "targetType",
                                          "this",
                                          "union",
                                          "update",
                                          "validator",
                                          "value",
                                          "values",
                                          "Violation",
                                          "Warning",
                                          "zeroOrMorePath",
                                          "zeroOrOnePath"};

/* the local name of an sh: IRI that SHACL does not define, else NULL */
static const char *
unknown_local(const compiler *c, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(c->g, id);
	const char *local;

	if (t->kind != OSLO_TERM_IRI || strncmp(t->value, OSLO_SH, strlen(OSLO_SH)) != 0)
		return NULL;
	local = t->value + strlen(OSLO_SH);
	for (int i = 0; i < P_COUNT; i++)
		if (strcmp(local, shacl_param_names[i]) == 0)
			return NULL;
	for (size_t i = 0; i < sizeof(other_terms) / sizeof(other_terms[0]); i++)
		if (strcmp(local, other_terms[i]) == 0)
			return NULL;
	return local;
}

void
shacl_check_predicate(compiler *c, oslo_term_id shape, oslo_term_id p, oslo_term_id o)
{
	const char *local = unknown_local(c, p);

	char *shape_text, *p_text, *o_text;

	if (!local)
		return;
	/* a notice returns: the texts must be freed (an error would sweep them) */
	shape_text = (char *)shacl_term_text(c->g, shape);
	p_text = (char *)shacl_term_text(c->g, p);
	o_text = (char *)shacl_term_text(c->g, o);
	oslo_notice("shape %s: sh:%s is not a SHACL term; ignored: %s %s %s", shape_text, local,
	            shape_text, p_text, o_text);
	oslo_free(shape_text);
	oslo_free(p_text);
	oslo_free(o_text);
}

void
shacl_check_datatype(compiler *c, oslo_term_id shape, oslo_term_id dt)
{
	const char *local = unknown_local(c, dt);

	char *shape_text, *dt_text;

	if (!local)
		return;
	shape_text = (char *)shacl_term_text(c->g, shape);
	dt_text = (char *)shacl_term_text(c->g, dt);
	oslo_notice("shape %s: sh:datatype sh:%s is not a datatype (no literal has it): %s "
	            "<" OSLO_SH "datatype> %s",
	            shape_text, local, shape_text, dt_text);
	oslo_free(shape_text);
	oslo_free(dt_text);
}
