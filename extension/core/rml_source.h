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
	int line;         /* the XML node it was read from, for messages; 0 when unknown */
	const void *node; /* that node (xmlNodePtr), valid while its record is, or NULL */
	size_t text_cap;  /* bytes allocated for text */
} rml_value;

/*
 * A list of values. Clearing keeps the items' buffers for the next record
 * (a value per reference per record would otherwise be a malloc and a free);
 * rml_values_free gives everything back.
 */
typedef struct rml_values
{
	rml_value *items;
	size_t n;
	size_t cap;
	size_t allocated; /* items[0..allocated) own a text buffer */
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
	/* XML read record by record (no DOM): the loader's bytes and how to read them */
	const char *stream_bytes;
	size_t stream_len;
	int stream_options;
	const char *stream_encoding;
	/* one XPath context for every triples map reading the DOM (making one costs more than a record)
	 */
	xmlXPathContextPtr xpath_ctx;
	oslo_guard *xpath_ctx_guard;
	const struct rml_logical_source *xpath_ns; /* whose namespaces it declares now */
	/* the records of each iterator already evaluated on the DOM (triples maps share them) */
	struct rml_iterated *iterated;
	size_t niterated;
} rml_doc;

/*
 * Load the source of ls; XML sources the mapping only reads record by record
 * (rml_xml_streamable) are not parsed here but streamed by each
 * rml_records_open. where: the triples map that needs the source, for messages.
 */
extern rml_doc *rml_doc_load(const rml_mapping *m, const rml_logical_source *ls,
                             rml_source_loader loader, void *arg, const char *where);
/* an XML source the caller has parsed already and keeps (rml_apply_xml) */
extern rml_doc *rml_doc_borrow_xml(const char *name, xmlDocPtr xml);
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
	oslo_guard *result_guard; /* re-armed for each XPath result: guards are not freed early */
	struct rml_xpath_errors *errors; /* libxml2's messages while the records are open */
	size_t next;                     /* the record rml_records_next gives next */
	struct rml_xml_stream *stream;   /* streamed XML: items[0] is the current record, n is 0 */
} rml_records;

extern void rml_records_open(rml_records *r, const rml_logical_source *ls, rml_doc *doc,
                             const char *where);
/*
 * Advance to the next record: *i is its index for rml_eval_ref. A streamed
 * source has no record count in advance and keeps only the current record.
 */
extern bool rml_records_next(rml_records *r, size_t *i);
extern void rml_records_close(rml_records *r);
/* append the values of ref on record i to out */
extern void rml_eval_ref(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out);

/* ---- what the plan allows (rml_streamable.c) ---- */

/* one element step of a simple iterator path */
typedef struct rml_xml_step
{
	bool any;       /* "*": any element */
	const char *ns; /* namespace URL, NULL for none */
	char *local;
} rml_xml_step;

/*
 * The element steps of an iterator that is a plain path of element names
 * ("/a/p:b/ *"), or false (and nothing allocated) when it is anything else.
 * Free with rml_xml_steps_free.
 */
extern bool rml_iterator_steps(const rml_logical_source *ls, rml_xml_step **steps, size_t *n);
extern void rml_xml_steps_free(rml_xml_step *steps, size_t n);

/*
 * Whether XML source `source` can be read record by record: every logical
 * source reading it has a plain-path iterator, no join indexes its records,
 * and every XPath reference of the mapping looks only inside its record.
 */
extern bool rml_xml_streamable(const rml_mapping *m, const char *source);

/* whether statements of different records never share state (rml_apply_batched) */
extern bool rml_mapping_batchable(const rml_mapping *m);

/* ---- XML read record by record with libxml2's xmlTextReader (rml_xml_stream.c) ---- */

typedef struct rml_xml_stream rml_xml_stream;

extern rml_xml_stream *rml_xml_stream_open(const rml_doc *doc, const rml_logical_source *ls,
                                           const char *where);
/* the next record, expanded (valid until the next call), or NULL after the last one */
extern xmlNodePtr rml_xml_stream_next(rml_xml_stream *s);
extern void rml_xml_stream_close(rml_xml_stream *s);

#endif /* OSLO_RML_SOURCE_H */
