/*
 * rml_jsonpath.h
 *	  The JSONPath subset RML mappings use, over json-c documents.
 *
 * Supported: $ (the context item), .name, ['name'] / ["name"], .* and [*],
 * [n] and [-n] (array index), and .. (recursive descent) before any of them.
 * Anything else (filters, slices, unions) raises OSLO_ERR_PARAMETER naming
 * the expression and the offending position.
 */
#ifndef OSLO_RML_JSONPATH_H
#define OSLO_RML_JSONPATH_H

#include "oslo_core.h"

struct json_object;

typedef struct rml_jsonpath rml_jsonpath;

typedef struct rml_json_nodes
{
	struct json_object **items;
	size_t n;
	size_t cap;
} rml_json_nodes;

/* where (may be NULL) prefixes error messages, e.g. the triples map */
extern rml_jsonpath *rml_jsonpath_compile(const char *expr, const char *where);
extern void rml_jsonpath_free(rml_jsonpath *path);
/*
 * Append the matches of path evaluated on root to out, in document order.
 * JSON null matches nothing.
 */
extern void rml_jsonpath_eval(const rml_jsonpath *path, struct json_object *root,
                              rml_json_nodes *out);
extern void rml_json_nodes_free(rml_json_nodes *nodes);

#endif /* OSLO_RML_JSONPATH_H */
