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

/*
 * The parsed context for this JSON text, parsed once per process and kept
 * (jsonld_context_cache.c). The result belongs to the cache: do not free it.
 */
extern const oslo_jsonld_context *oslo_jsonld_context_cached(const char *json, size_t len);

/* shorter first, then lexicographically least: how JSON-LD picks among terms */
extern int oslo_jsonld_compare_shortest_least(const char *a, const char *b);

/* Expanded form: an array of node objects; named graphs as {"@id", "@graph"}. */
extern void oslo_jsonld_write_expanded(const oslo_graph *g, oslo_buf *out);

typedef struct oslo_jsonld_options
{
	/* emit "@context": "<this IRI>" instead of the context object itself */
	const char *context_reference;
	/* emit only the tree of this node (no "@context", no "@graph"); 0: all */
	oslo_term_id root;
	/* arrays of one value written as the value, except for @set terms */
	bool compact_arrays;
} oslo_jsonld_options;

/*
 * Compacted form. Blank nodes referenced exactly once are embedded in their
 * referrer; other nodes are top-level entries of "@graph" (or the document
 * itself when there is only one). ctx may be NULL (expanded IRIs).
 */
extern void oslo_jsonld_write_compacted(const oslo_graph *g, const oslo_jsonld_context *ctx,
                                        const oslo_jsonld_options *options, oslo_buf *out);

/*
 * The parsed context, shared by jsonld_context.c (which builds it) and the
 * compactor (jsonld_iri_compaction.c, jsonld_writer.c). All strings are in
 * host memory.
 */
typedef struct oslo_jsonld_term
{
	char *name;
	/* absolute IRI, blank node id, a keyword (alias), or NULL (null term) */
	char *iri;
	/* type coercion: NULL, "@id", "@vocab" or a datatype IRI */
	char *type;
	bool has_language;  /* "@language" given; language NULL means null */
	char *language;     /* lower-cased */
	bool set_container; /* "@container": "@set" */
	bool prefix;        /* usable as the prefix of a compact IRI */
} oslo_jsonld_term;

struct oslo_jsonld_context
{
	/* term selection order: shortest name first, then least name */
	oslo_jsonld_term *terms;
	size_t nterms;
	/* indexes into terms ordered by IRI, then term selection order */
	size_t *by_iri;
	/* indexes into terms ordered by name */
	size_t *by_name;
	char *vocab;    /* NULL when none */
	char *base;     /* accepted, not used for output */
	char *language; /* default language, lower-cased, or NULL */
	/* the context as JSON text (object or array), written as "@context" */
	char *json;
};

extern const oslo_jsonld_term *oslo_jsonld_context_term(const oslo_jsonld_context *ctx,
                                                        const char *name);

/*
 * IRI compaction (jsonld_iri_compaction.c), following the JSON-LD 1.1 IRI
 * Compaction and Term Selection algorithms for the value kinds a graph has.
 */
typedef enum oslo_jsonld_value_kind
{
	OSLO_JSONLD_NO_VALUE,      /* @type values and vocabulary IRIs */
	OSLO_JSONLD_NODE_REF,      /* {"@id": iri} */
	OSLO_JSONLD_NODE_EMBEDDED, /* an embedded node object without @id */
	OSLO_JSONLD_STRING,        /* xsd:string literal */
	OSLO_JSONLD_LANG_STRING,   /* literal with a language */
	OSLO_JSONLD_TYPED          /* literal with another datatype */
} oslo_jsonld_value_kind;

typedef struct oslo_jsonld_value_info
{
	oslo_jsonld_value_kind kind;
	const char *iri;      /* NODE_REF: the node's IRI or "_:label" */
	const char *datatype; /* TYPED: datatype IRI */
	const char *language; /* LANG_STRING: lower-cased tag */
} oslo_jsonld_value_info;

/* the term chosen for property iri and this value, or NULL */
extern const oslo_jsonld_term *oslo_jsonld_select_term(const oslo_jsonld_context *ctx,
                                                       const char *iri,
                                                       const oslo_jsonld_value_info *value);

/*
 * Compact iri: vocab true for properties, @type values and @vocab-coerced
 * values (terms and @vocab allowed); false for node identifiers. value is
 * NULL for @type values and identifiers. Returns a new host string.
 */
extern char *oslo_jsonld_compact_iri(const oslo_jsonld_context *ctx, const char *iri, bool vocab,
                                     const oslo_jsonld_value_info *value);

/* the alias of a keyword ("@id", "@type", ...) in ctx, or the keyword */
extern const char *oslo_jsonld_keyword(const oslo_jsonld_context *ctx, const char *keyword);

#endif
