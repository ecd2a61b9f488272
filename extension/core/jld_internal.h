/*
 * jld_internal.h
 *	  Shared between the files of the JSON-LD processor (not a public API).
 */
#ifndef OSLO_JLD_INTERNAL_H
#define OSLO_JLD_INTERNAL_H

#include "jsonld.h"

#include <stdlib.h>
#include <string.h>
#include "rdf_syntax.h"

/*
 * strcmp(a, b) == 0, the first two bytes compared inline: most tests fail
 * there ("@value" against "@type": keywords share their first byte)
 */
static inline bool
jld_streq(const char *a, const char *b)
{
	return a[0] == b[0] &&
	       (a[0] == '\0' || (a[1] == b[1] && (a[1] == '\0' || strcmp(a + 2, b + 2) == 0)));
}

/* jld_set for a key known not to be in object yet */
extern void jld_append_member(jld_arena *a, jld_value *object, const char *key, jld_value *value);

/*
 * A document whose top-level object has an array member key, parsed without
 * building that array: *items (NULL when nothing was deferred) gives its
 * items one by one, each parsed -- and checked -- when asked for, into the
 * arena given then. The member holds an empty array meanwhile. Text that is
 * not valid JSON raises as jld_parse does, items' errors when they are read.
 */
typedef struct jld_items jld_items;

extern jld_value *jld_parse_deferring(jld_arena *a, const char *text, size_t len, const char *key,
                                      bool may_leave_open, jld_items **items);
/* the next item, NULL after the last */
extern jld_value *jld_items_next(jld_items *items, jld_arena *a);
/*
 * may_leave_open: when the array follows only "@context", the text after it
 * is not read until the last item was: then true when the top-level object
 * ends there, false when more members follow (the document must be read
 * whole after all). Syntax errors there raise.
 */
extern bool jld_items_rest_empty(jld_items *items);
/* frees the parser's scratch memory (items may be NULL) */
extern void jld_items_end(jld_items *items);

/*
 * toRdf takes {"@context": ..., "@graph": [...]} node by node (jld_to_rdf.c);
 * false: the whole document is expanded first (the unit tests compare both)
 */
extern bool jld_to_rdf_node_by_node;

/* jld_arena_alloc without zeroing, for memory the caller fills */
extern void *jld_arena_alloc_raw(jld_arena *a, size_t size);

/* --- arena marks: give back everything allocated after a mark ---------- */

typedef struct jld_arena_mark_t
{
	uint64_t block_seq; /* the head block at the mark (0: none) */
	size_t used;        /* its use then */
	uint64_t blocks;    /* blocks allocated until then */
	size_t total;
} jld_arena_mark_t;

extern void jld_arena_mark(jld_arena *a, jld_arena_mark_t *m);
/* bytes allocated since the mark */
extern size_t jld_arena_used_since(const jld_arena *a, const jld_arena_mark_t *m);
/* free what was allocated after m: nothing allocated since may be used again */
extern void jld_arena_release(jld_arena *a, const jld_arena_mark_t *m);

/* --- string-keyed hash map in an arena, insertion order kept ------------ */

typedef struct jld_map
{
	const char **keys; /* insertion order */
	void **vals;
	uint32_t *slots; /* index + 1 into keys, 0 empty */
	size_t count, cap, nslots;
	uint64_t key_lengths; /* bit n: a key of n bytes (63: of 63 or more) */
} jld_map;

extern void *jld_map_get(const jld_map *m, const char *key);
extern bool jld_map_has(const jld_map *m, const char *key);
extern void jld_map_put(jld_arena *a, jld_map *m, const char *key, void *val);
extern void jld_map_copy(jld_arena *a, jld_map *dst, const jld_map *src);

/* append v to node[key] unless an equal value is there; true when added (jld_dedup.c) */
typedef struct jld_dedup
{
	jld_map seen;    /* "array|canonical value" */
	jld_map indexed; /* arrays that have an index */
} jld_dedup;

/* --- active context ---------------------------------------------------- */

enum
{
	JLD_C_LIST = 1,
	JLD_C_SET = 2,
	JLD_C_LANGUAGE = 4,
	JLD_C_INDEX = 8,
	JLD_C_ID = 16,
	JLD_C_TYPE = 32,
	JLD_C_GRAPH = 64
};

typedef struct jld_term
{
	const char *iri; /* NULL: mapped to null */
	bool prefix;
	bool protected_;
	bool reverse;
	const char *type_mapping; /* "@id", "@vocab", "@json", "@none", an IRI, or NULL */
	bool has_language;
	const char *language; /* NULL with has_language: explicitly null */
	bool has_direction;
	const char *direction;
	const jld_value *context; /* scoped context, or NULL */
	const char *context_base;
	const char *nest;
	const char *index;
	unsigned container;
	bool has_container;
} jld_term;

typedef struct jld_context
{
	const char *base; /* NULL: none */
	const char *original_base;
	const char *vocab;
	const char *default_language;
	const char *default_direction;
	jld_map terms; /* name -> jld_term */
	bool has_protected;
	struct jld_context *previous;
	void *inverse; /* inverse context for compaction, built on first use */
} jld_context;

/* --- the per-process remote context cache (jld_remote_cache.c) ---------- */

typedef struct jld_cached_doc
{
	const char *iri;
	const char *text; /* what it was parsed from */
	size_t len;
	const jld_value *doc;
	void *token; /* oslo_persist */
	bool retired;
} jld_cached_doc;

/* the documents a remote context's processing loaded */
typedef struct jld_deps
{
	const jld_cached_doc **docs;
	size_t count, cap;
	bool uncacheable; /* one of them is not in the cache */
} jld_deps;

/* the flags a processed remote context is kept under */
enum
{
	JLD_CACHE_OVERRIDE_PROTECTED = 1,
	JLD_CACHE_VALIDATE_SCOPED = 2,
	JLD_CACHE_PROPAGATE = 4,
	JLD_CACHE_MODE10 = 8
};

/*
 * the cached parse of iri's document text, parsed now on a miss; NULL when
 * it is not cached (the table is full: parse it per call) or is not JSON
 * (then reason says why)
 */
extern const jld_cached_doc *jld_remote_cache_document(const char *iri, const char *text,
                                                       size_t len, char *reason, size_t reasonlen);
/* counted as parsed / processed outside the cache */
extern void jld_remote_cache_count_parse(void);
extern void jld_remote_cache_count_process(void);
struct jld_state;
/* the processed remote context iri on an initial active context with base, or NULL */
extern const jld_context *jld_remote_cache_context(const struct jld_state *st, const char *iri,
                                                   const char *base, unsigned flags);
/* keep processed (copied) unless one of deps is not cached */
extern void jld_remote_cache_add_context(const char *iri, const char *base, unsigned flags,
                                         const jld_context *processed, const jld_deps *deps);
extern void jld_deps_add(struct jld_state *st, jld_deps *deps, const jld_cached_doc *doc);
/* a deep copy of c, with no pointer into other memory (c->previous is not copied) */
extern jld_context *jld_context_clone(jld_arena *a, const jld_context *c);

/* --- per-call state ------------------------------------------------------ */

typedef struct jld_path_seg
{
	const char *key; /* NULL: an array index */
	size_t index;
} jld_path_seg;

typedef struct jld_state
{
	jld_arena *a;
	const jld_options *opts;
	bool mode10;       /* processingMode json-ld-1.0 */
	jld_map remote;    /* IRI -> its document (remote_doc, jld_context.c) */
	jld_map processed; /* "active context|flags|IRI" -> processed jld_context */
	jld_path_seg *path;
	size_t depth, path_cap;
	size_t steps;          /* for oslo_check_interrupts */
	int remote_depth;      /* nesting of remote contexts being processed */
	int validating_scoped; /* > 0: errors are reported as "invalid scoped context" */
	jld_deps *recording;   /* documents loaded go here (a remote context to be cached) */
	/*
	 * jld_expand_key results by (context, key) address: a document's keys
	 * are the same few interned strings. Neither address is reused while
	 * the state lives, except after jld_arena_release: emptied then.
	 */
	struct
	{
		const jld_context *context;
		const char *key;
		const char *ep;
		const jld_term *def;
	} key_memo[256];
} jld_state;

/* forget jld_expand_key's results (the arena was given back) */
static inline void
jld_state_forget_keys(jld_state *st)
{
	memset(st->key_memo, 0, sizeof(st->key_memo));
}

extern void jld_state_init(jld_state *st, jld_arena *a, const jld_options *o);

/* raise with the JSON-LD error code and the current JSON pointer */
extern void jld_fail(jld_state *st, oslo_errcode code, const char *jsonld_code, const char *fmt,
                     ...) OSLO_NORETURN OSLO_PRINTF(4, 5);
#define CTX_FAIL(st, c, ...) jld_fail(st, OSLO_ERR_PARAMETER, c, __VA_ARGS__)
#define DOC_FAIL(st, c, ...) jld_fail(st, OSLO_ERR_DATA, c, __VA_ARGS__)

extern void jld_path_push_key(jld_state *st, const char *key);
extern void jld_path_push_index(jld_state *st, size_t index);
extern void jld_path_pop(jld_state *st);

extern bool jld_is_keyword(const char *s);
extern bool jld_has_keyword_form(const char *s);
extern bool jld_is_absolute_iri(const char *s);
extern bool jld_is_blank(const char *s);
extern bool jld_is_well_formed_iri(const char *s);

/* RFC 8785 canonical JSON text of v (jld_jcs.c) */
extern void jld_canonical_json(const jld_value *v, oslo_buf *out);

extern bool jld_add_unique(jld_state *st, jld_dedup *d, jld_value *node, const char *key,
                           jld_value *v);

extern jld_context *jld_context_new(jld_state *st);
extern jld_context *jld_process_context(jld_state *st, jld_context *active, const jld_value *local,
                                        const char *base_url, jld_map *remote_contexts,
                                        bool override_protected, bool propagate,
                                        bool validate_scoped);
static inline const jld_term *
jld_term_get(const jld_context *c, const char *name)
{
	return jld_map_get(&c->terms, name);
}
/*
 * jld_expand_iri(key, vocab-relative) of a property key, also giving its
 * term definition in active (NULL: none) so that callers look it up once
 */
extern const char *jld_expand_key(jld_state *st, jld_context *active, const char *key,
                                  const jld_term **def);
extern const char *jld_expand_iri(jld_state *st, jld_context *active, const char *value,
                                  bool document_relative, bool vocab);

/* compaction (jld_iri_compact.c) */
extern const char *jld_compact_iri(jld_state *st, jld_context *active, const char *var,
                                   const jld_value *value, bool vocab, bool reverse);
extern const char *jld_remove_base(jld_state *st, const char *base, const char *iri);

/* compaction of expanded input; force_graph: always a top-level @graph (flatten) */
extern jld_value *jld_compact_expanded(jld_arena *out, jld_value *expanded,
                                       const jld_value *context, const jld_options *o,
                                       bool force_graph);

/* expansion helpers shared by jld_expand.c and jld_expand_maps.c */
extern jld_member *jld_sorted_members(jld_state *st, const jld_value *obj);
extern jld_value *jld_value_expand(jld_state *st, jld_context *active, const char *active_property,
                                   const jld_value *value);
extern bool jld_is_graph_object(const jld_value *v);
extern jld_value *jld_expand_language_map(jld_state *st, jld_context *active, const jld_term *def,
                                          const jld_value *value);
extern jld_value *jld_expand_index_map(jld_state *st, jld_context *active, const char *key,
                                       const jld_term *def, const jld_value *value,
                                       const char *base_url);

/* the active context expansion starts with: options' expandContext applied */
extern jld_context *jld_expand_initial_context(jld_state *st);
/* expand() with a given state and initial context (the result is an array) */
extern jld_value *jld_expand_with(jld_state *st, jld_context *active, const jld_value *input);

extern jld_value *jld_expand_element(jld_state *st, jld_context *active,
                                     const char *active_property, const jld_value *element,
                                     const char *base_url, bool from_map);

/*
 * memcpy and qsort with a zero count: empty arrays and maps have no storage,
 * and passing their NULL to the libc functions is undefined behaviour.
 */
static inline void
jld_copy_bytes(void *dst, const void *src, size_t n)
{
	if (n)
		memcpy(dst, src, n);
}

static inline void
jld_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

#endif
