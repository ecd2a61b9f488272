/*
 * jsonld_api.h
 *	  The JSON-LD 1.1 API on JSON text: what the SQL functions, the format
 *	  registry and the CLI call. Options come as a JSON object with the API's
 *	  own option names (base, expandContext, processingMode, rdfDirection,
 *	  produceGeneralizedRdf, compactArrays, compactToRelative, useNativeTypes,
 *	  useRdfType, ordered); an unknown name is an error, not ignored.
 *
 * Remote documents (contexts, @import, a string expandContext) come from
 * load_document -- the host's catalog -- and never from a network or file.
 */
#ifndef OSLO_JSONLD_API_H
#define OSLO_JSONLD_API_H

#include "jsonld.h"

typedef enum oslo_jsonld_operation
{
	OSLO_JSONLD_EXPAND,
	OSLO_JSONLD_COMPACT,
	OSLO_JSONLD_FLATTEN
} oslo_jsonld_operation;

/*
 * Run expand/compact/flatten on a document (JSON text). context_json is the
 * context for compact (required) and flatten (optional, NULL). Output is
 * compact JSON text.
 */
extern void oslo_jsonld_apply(oslo_jsonld_operation op, const char *doc, size_t len,
                              const char *context_json, const char *options_json,
                              jld_load_document_fn load_document, void *loader_arg, oslo_buf *out);

/* toRdf of a document into a new graph */
extern oslo_graph *oslo_jsonld_to_graph(const char *doc, size_t len, const char *options_json,
                                        jld_load_document_fn load_document, void *loader_arg);

/*
 * fromRdf of g; compacted against context_json when given (a context, or a
 * document with @context), else expanded.
 */
extern void oslo_jsonld_from_graph(const oslo_graph *g, const char *context_json,
                                   const char *options_json, jld_load_document_fn load_document,
                                   void *loader_arg, oslo_buf *out);

#endif
