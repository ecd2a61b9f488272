/*
 * rml_source.h
 *	  Logical sources at run time: documents loaded through the caller's
 *	  loader, the records their iterator selects, and reference values.
 */
#ifndef OSLO_RML_SOURCE_H
#define OSLO_RML_SOURCE_H

#include "rml_plan.h"

struct json_object;

/* one value of a reference; datatype: the natural RDF datatype (JSON numbers) or NULL */
typedef struct rml_value
{
	char *text;
	const char *datatype;
} rml_value;

typedef struct rml_values
{
	rml_value *items;
	size_t n;
	size_t cap;
} rml_values;

extern void rml_values_push(rml_values *v, const char *s, size_t len, const char *datatype);
extern void rml_values_clear(rml_values *v);
extern void rml_values_free(rml_values *v);

/* a CSV table: the header row and the data rows (rml_csv.c) */
typedef struct rml_csv
{
	char **header;
	size_t ncols;
	char ***rows; /* each row has ncols cells */
	size_t nrows;
} rml_csv;

extern rml_csv *rml_csv_parse(const char *bytes, size_t len, const char *source);
extern void rml_csv_free(rml_csv *t);

typedef struct rml_doc
{
	char *name;
	rml_formulation formulation;
	xmlDocPtr xml;
	struct json_object *json;
	oslo_guard *guard; /* holds xml or json */
	rml_csv *csv;
} rml_doc;

/* where: the triples map that needs the source, for messages */
extern rml_doc *rml_doc_load(const char *name, rml_formulation formulation,
                             rml_source_loader loader, void *arg, const char *where);
extern void rml_doc_free(rml_doc *doc);

typedef struct rml_records
{
	const rml_logical_source *ls;
	rml_doc *doc;
	const char *where; /* the triples map, for messages */
	size_t n;
	void **items; /* xmlNodePtr, struct json_object * or char ** (CSV row) */
	xmlXPathContextPtr xpath_ctx;
	oslo_guard *ctx_guard;
} rml_records;

extern void rml_records_open(rml_records *r, const rml_logical_source *ls, rml_doc *doc,
                             const char *where);
extern void rml_records_close(rml_records *r);
/* append the values of ref on record i to out */
extern void rml_eval_ref(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out);

#endif /* OSLO_RML_SOURCE_H */
