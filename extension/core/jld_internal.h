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

/* --- string-keyed hash map in an arena, insertion order kept ------------ */

typedef struct jld_map
{
	const char **keys; /* insertion order */
	void **vals;
	uint32_t *slots; /* index + 1 into keys, 0 empty */
	size_t count, cap, nslots;
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
	jld_map remote;    /* IRI -> parsed document (jld_value) */
	jld_map processed; /* "active context|flags|IRI" -> processed jld_context */
	jld_path_seg *path;
	size_t depth, path_cap;
	size_t steps;          /* for oslo_check_interrupts */
	int remote_depth;      /* nesting of remote contexts being processed */
	int validating_scoped; /* > 0: errors are reported as "invalid scoped context" */
} jld_state;

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
