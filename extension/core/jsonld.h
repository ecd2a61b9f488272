/*
 * jsonld.h
 *	  A JSON-LD 1.1 processor: a JSON value model in host memory, context
 *	  processing, expansion and deserialization to RDF.
 *
 * Every value lives in a jld_arena (large blocks from the host allocator),
 * so an error anywhere frees everything the way the host frees any other
 * allocation, and no third-party object is alive while the algorithms run.
 * (So an arena that a failed call allocated into is gone with that call:
 * do not use it after the error.)
 *
 * Remote contexts are NEVER fetched: they are loaded only through the
 * caller's load_document callback (the database serves them from its
 * catalog). Without a callback a remote context is an error naming its IRI.
 *
 * Errors carry the JSON-LD error code at the start of the message
 * ("invalid local context: ...") and a JSON pointer in the detail:
 * OSLO_ERR_SYNTAX invalid JSON, OSLO_ERR_PARAMETER bad contexts and options,
 * OSLO_ERR_DATA invalid JSON-LD document structure, OSLO_ERR_LIMIT overflow.
 */
#ifndef OSLO_JSONLD_H
#define OSLO_JSONLD_H

#include "rdf_graph.h"

/* --- arena ---------------------------------------------------------------- */

typedef struct jld_arena jld_arena;

extern jld_arena *jld_arena_new(void);
extern void *jld_arena_alloc(jld_arena *a, size_t size); /* zeroed */
extern char *jld_arena_strndup(jld_arena *a, const char *s, size_t len);
extern char *jld_arena_strdup(jld_arena *a, const char *s);
extern void jld_arena_free(jld_arena *a);

/* --- JSON values ---------------------------------------------------------- */

typedef enum jld_kind
{
	JLD_NULL = 0,
	JLD_BOOL,
	JLD_NUMBER,
	JLD_STRING,
	JLD_ARRAY,
	JLD_OBJECT
} jld_kind;

typedef struct jld_value jld_value;

typedef struct jld_member
{
	const char *key;
	jld_value *value;
} jld_member;

struct jld_value
{
	jld_kind kind;
	bool boolean;
	double number;   /* JLD_NUMBER */
	const char *str; /* JLD_STRING: text; JLD_NUMBER: its lexical form */
	size_t len;      /* JLD_STRING: bytes */
	size_t count;    /* items or members */
	size_t cap;
	jld_value **items;   /* JLD_ARRAY */
	jld_member *members; /* JLD_OBJECT, in insertion order */
};

/*
 * Strict RFC 8259 parse. Invalid JSON raises OSLO_ERR_SYNTAX with
 * "line L, column C" in the message; nesting deeper than 1000 OSLO_ERR_LIMIT.
 */
extern jld_value *jld_parse(jld_arena *a, const char *text, size_t len);
/* the same, but NULL for invalid JSON instead of an error (nesting limit still raises) */
extern jld_value *jld_try_parse(jld_arena *a, const char *text, size_t len);
/* ... and the reason, with its position, in errbuf */
extern jld_value *jld_try_parse_reason(jld_arena *a, const char *text, size_t len, char *errbuf,
                                       size_t errlen);
/* compact JSON text */
extern void jld_serialize(const jld_value *v, oslo_buf *out);

extern jld_value *jld_null(jld_arena *a);
extern jld_value *jld_bool(jld_arena *a, bool b);
extern jld_value *jld_string(jld_arena *a, const char *s);
extern jld_value *jld_number(jld_arena *a, double d, const char *lexical);
extern jld_value *jld_array(jld_arena *a);
extern jld_value *jld_object(jld_arena *a);
extern void jld_push(jld_arena *a, jld_value *array, jld_value *item);
/* set key (replacing an existing member) */
extern void jld_set(jld_arena *a, jld_value *object, const char *key, jld_value *value);
extern jld_value *jld_get(const jld_value *object, const char *key);
extern void jld_remove(jld_value *object, const char *key);
/* v itself when it is an array, else a new array holding v */
extern jld_value *jld_as_array(jld_arena *a, jld_value *v);
extern jld_value *jld_copy(jld_arena *a, const jld_value *v);

/*
 * Deep equality. ordered: arrays compare item by item; otherwise arrays are
 * multisets except the values of @list (the JSON-LD test suite's equality).
 * Numbers compare by value, object members regardless of order.
 */
extern bool jld_equal(const jld_value *a, const jld_value *b, bool ordered);

/* --- processor ------------------------------------------------------------ */

/* return the document's JSON text (copied at once), or NULL when unknown */
typedef const char *(*jld_load_document_fn)(const char *iri, void *arg);

typedef struct jld_options
{
	const char *base;                /* document IRI, or NULL */
	const jld_value *expand_context; /* a context, or a document with @context */
	const char *processing_mode;     /* "json-ld-1.1" (default) or "json-ld-1.0" */
	const char *rdf_direction;       /* NULL, "i18n-datatype" or "compound-literal" */
	bool produce_generalized_rdf;
	bool compact_arrays;      /* default true */
	bool compact_to_relative; /* default true */
	bool use_native_types;
	bool use_rdf_type;
	bool ordered;
	jld_load_document_fn load_document; /* NULL: no remote document at all */
	void *loader_arg;
} jld_options;

extern void jld_options_init(jld_options *o);

/* JSON-LD 1.1 expand(); the result (an array) is allocated in out */
extern jld_value *jld_expand(jld_arena *out, const jld_value *input, const jld_options *o);

/*
 * JSON-LD 1.1 compact(): context is a context (or a document with @context),
 * NULL for none; the result is allocated in out.
 */
extern jld_value *jld_compact(jld_arena *out, const jld_value *input, const jld_value *context,
                              const jld_options *o);

/* JSON-LD 1.1 flatten(): context NULL gives the flattened expanded array */
extern jld_value *jld_flatten(jld_arena *out, const jld_value *input, const jld_value *context,
                              const jld_options *o);

/* JSON-LD 1.1 fromRdf(): g as expanded JSON-LD (an array) */
extern jld_value *jld_from_rdf(jld_arena *out, const oslo_graph *g, const jld_options *o);

/* JSON-LD 1.1 toRdf(): add the dataset of input to g */
extern void jld_to_rdf(const jld_value *input, const jld_options *o, oslo_graph *g);

/* toRdf of JSON text */
extern void jld_text_to_rdf(const char *text, size_t len, const jld_options *o, oslo_graph *g);

/*
 * Remote contexts are cached for the life of the process (jld_remote_cache.c):
 * each document's parse, and the result of processing a remote context on an
 * initial active context (per base IRI, processing mode and flags). Entries
 * are checked against the loader's current text before each use, so they are
 * never stale; a host whose documents change retires them at once with
 * invalidate (safe at any time, even inside a call: it frees nothing) and
 * frees retired entries with collect, which must run where no JSON-LD call
 * is in progress.
 */
typedef struct jld_remote_cache_stats
{
	uint64_t documents_parsed;   /* remote documents parsed */
	uint64_t documents_reused;   /* ... found parsed in the cache instead */
	uint64_t contexts_processed; /* remote contexts processed */
	uint64_t contexts_reused;    /* ... found processed in the cache instead */
	size_t documents, contexts;  /* entries held now (retired ones included) */
} jld_remote_cache_stats;

extern void jld_remote_cache_get_stats(jld_remote_cache_stats *out);
extern void jld_remote_cache_invalidate(void);
extern void jld_remote_cache_collect(void);

#endif /* OSLO_JSONLD_H */
