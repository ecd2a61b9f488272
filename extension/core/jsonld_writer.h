/*
 * jsonld_writer.h
 *	  JSON-LD output of a graph: expanded form, and compacted against a
 *	  caller's context (term definitions with @id, @type, @language and
 *	  @container @set).
 *
 * This is deliberately a writer only. The full JSON-LD 1.1 processor (context
 * processing, expansion, compaction, flattening, toRdf/fromRdf) is a later
 * piece of work that can replace the compactor here or reuse its node-tree
 * building (embedding blank nodes referenced once).
 */
#ifndef OSLO_JSONLD_WRITER_H
#define OSLO_JSONLD_WRITER_H

#include "rdf_graph.h"

typedef struct oslo_jsonld_context oslo_jsonld_context;

/*
 * Parse a context given as JSON text: either a context object
 * {"term": ..., "@vocab": ...} or a document {"@context": {...}}.
 * Supports prefixes ("foaf": "http://xmlns.com/foaf/0.1/"), compact IRIs,
 * @vocab, and expanded term definitions with @id, @type (@id, @vocab or a
 * datatype IRI), @language and @container (@set, @list is refused).
 * Bad input raises OSLO_ERR_SYNTAX (not JSON) or OSLO_ERR_PARAMETER (not a
 * usable context) naming the term. Remote contexts (strings) are refused:
 * the core never fetches anything.
 */
extern oslo_jsonld_context *oslo_jsonld_context_parse(const char *json, size_t len);
extern void oslo_jsonld_context_free(oslo_jsonld_context *ctx);

/* Expanded form: an array of node objects; named graphs as {"@id", "@graph"}. */
extern void oslo_jsonld_write_expanded(const oslo_graph *g, oslo_buf *out);

typedef struct oslo_jsonld_options
{
	/* emit "@context": "<this IRI>" instead of the context object itself */
	const char *context_reference;
	/* emit only the tree of this node (no "@context", no "@graph"); 0: all */
	oslo_term_id root;
	/* arrays of one value written as the value, except for @set terms */
	bool		compact_arrays;
} oslo_jsonld_options;

/*
 * Compacted form. Blank nodes referenced exactly once are embedded in their
 * referrer; other nodes are top-level entries of "@graph" (or the document
 * itself when there is only one). ctx may be NULL (expanded IRIs).
 */
extern void oslo_jsonld_write_compacted(const oslo_graph *g, const oslo_jsonld_context *ctx,
										const oslo_jsonld_options *options, oslo_buf *out);

#endif
