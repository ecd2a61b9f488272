/*
 * shacl_text.h
 *	  The fields of one SHACL validation result as text, for hosts that
 *	  return rows (SQL) or lines (the CLI) rather than JSON or RDF.
 */
#ifndef OSLO_SHACL_TEXT_H
#define OSLO_SHACL_TEXT_H

#include "shacl.h"

typedef struct oslo_shacl_result_text
{
	char *focus_node;                  /* IRI, "_:label", or a literal's lexical form */
	char *result_path;                 /* predicate IRI or SPARQL path syntax; NULL: none */
	char *value;                       /* NULL: none */
	char *source_constraint_component; /* full sh: IRI */
	char *source_shape;
	char *result_severity;
	char *result_message; /* the shape's sh:message, else ours */
} oslo_shacl_result_text;

/* fields of r->results[i], in host memory */
extern void oslo_shacl_result_text_get(const oslo_shacl_report *r, size_t i,
                                       oslo_shacl_result_text *out);

#endif
