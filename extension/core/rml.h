/*
 * rml.h
 *	  An RML-Core engine: compile an RML mapping once, apply it to sources.
 *
 * Mappings are Turtle in the W3C RML vocabulary (http://w3id.org/rml/) or the
 * legacy one (rr: http://www.w3.org/ns/r2rml#, rml: http://semweb.mmlab.be/ns/rml#,
 * ql: http://semweb.mmlab.be/ns/ql#); terms are looked up in all three.
 * Reference formulations: XPath (libxml2), JSONPath (a subset over json-c)
 * and CSV (RFC 4180 with a header row).
 *
 * XPath namespaces are declared in the mapping, on the reference formulation
 * (RML-IO) or directly on the logical source:
 *
 *	rml:referenceFormulation [ a rml:XPathReferenceFormulation ;
 *	    rml:namespace [ rml:namespacePrefix "soap" ;
 *	                    rml:namespaceURL "http://schemas.xmlsoap.org/soap/envelope/" ] ] ;
 *
 * The engine never opens files: each logical source's rml:source (a string,
 * or a node with rml:path) is a name handed to the caller's loader.
 *
 * A compiled mapping lives in the current call: rml_free() frees it, and an
 * error unwinding the call releases its libxml2 objects (they are guarded).
 */
#ifndef OSLO_RML_H
#define OSLO_RML_H

#include "rdf_graph.h"

typedef struct rml_mapping rml_mapping;

/*
 * Return the bytes of source_name (need not be NUL-terminated; they must stay
 * valid until rml_apply returns), or NULL when the source is unknown.
 */
typedef const char *(*rml_source_loader)(const char *source_name, size_t *len, void *arg);

/*
 * Compile a mapping. base_iri resolves relative IRIs that triples maps without
 * rml:baseIRI generate (NULL: such IRIs are an error). Malformed mappings
 * raise OSLO_ERR_PARAMETER naming the triples map; bad Turtle OSLO_ERR_SYNTAX.
 */
extern rml_mapping *rml_compile(const char *turtle, size_t len, const char *base_iri);
extern rml_mapping *rml_compile_graph(const oslo_graph *mapping, const char *base_iri);

/* number of triples maps in a compiled mapping */
extern size_t rml_triples_map_count(const rml_mapping *m);

/* Apply the mapping; statements go into out (graph maps give named graphs). */
extern void rml_apply(const rml_mapping *m, rml_source_loader loader, void *arg, oslo_graph *out);

/*
 * The same, with the warnings of functions (a code missing from its code
 * list, ...) handed to warn instead of raised as notices.
 */
typedef void (*rml_warning_sink)(const char *message, void *arg);
extern void rml_apply_with_warnings(const rml_mapping *m, rml_source_loader loader, void *arg,
                                    oslo_graph *out, rml_warning_sink warn, void *warn_arg);

/*
 * Apply the mapping to an XML document the caller has parsed (a plugin's
 * input): the logical sources named source_name read doc, which the caller
 * keeps and frees; a mapping with other sources fails as with no loader.
 */
struct _xmlDoc;
extern void rml_apply_xml(const rml_mapping *m, const char *source_name, struct _xmlDoc *doc,
                          oslo_graph *out, rml_warning_sink warn, void *warn_arg);

/*
 * Apply the mapping, handing the statements to sink in batches instead of
 * keeping them all: once the records made batch_size statements, sink gets
 * them and the next batch starts empty. A statement made in two batches is
 * handed over twice and blank nodes keep their labels, so this suits
 * line-based output (N-Triples, N-Quads). A mapping whose statements refer
 * across records (joins, fresh blank nodes) gets one batch at the end.
 */
typedef void (*rml_batch_sink)(const oslo_graph *batch, void *arg);
extern void rml_apply_batched(const rml_mapping *m, rml_source_loader loader, void *arg,
                              size_t batch_size, rml_batch_sink sink, void *sink_arg);

extern void rml_free(rml_mapping *m);

/*
 * The most operations one XPath evaluation may take (libxml2's opLimit):
 * beyond it the call fails with OSLO_ERR_LIMIT. libxml2 cannot be
 * interrupted inside an evaluation, so this bounds the wait for a cancel.
 * Default 100,000,000 (about a second); tests lower it.
 */
extern unsigned long rml_xpath_op_limit;

#endif /* OSLO_RML_H */
