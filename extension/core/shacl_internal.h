/*
 * shacl_internal.h
 *	  The compiled form of a shapes graph, shared by the shacl*.c files.
 */
#ifndef OSLO_SHACL_INTERNAL_H
#define OSLO_SHACL_INTERNAL_H

#include "shacl.h"

#include <unicode/uregex.h>

#define OSLO_RDFS "http://www.w3.org/2000/01/rdf-schema#"

/* --- an arena: compiled shapes are freed as one ------------------------- */

typedef struct shacl_chunk shacl_chunk;

typedef struct shacl_arena
{
	shacl_chunk *head;
	size_t used, cap;
} shacl_arena;

extern void *shacl_arena_alloc(shacl_arena *a, size_t size);
extern void shacl_arena_free(shacl_arena *a);

/* --- sets and maps of term ids ----------------------------------------- */

/* a set of non-zero uint32 keys that also keeps insertion order */
typedef struct shacl_idset
{
	uint32_t *slots; /* open addressing, 0 = empty */
	uint32_t cap;    /* power of two */
	uint32_t *items; /* members in insertion order */
	uint32_t n, items_cap;
} shacl_idset;

extern void shacl_idset_init(shacl_idset *s);
extern bool shacl_idset_add(shacl_idset *s, uint32_t key); /* true when new */
extern bool shacl_idset_has(const shacl_idset *s, uint32_t key);
extern void shacl_idset_clear(shacl_idset *s);
extern void shacl_idset_free(shacl_idset *s);

/* uint64 key -> uint32 value (0 = absent) */
typedef struct shacl_map
{
	uint64_t *keys;
	uint32_t *values;
	uint32_t cap, n;
} shacl_map;

extern void shacl_map_init(shacl_map *m);
extern uint32_t shacl_map_get(const shacl_map *m, uint64_t key);
extern void shacl_map_put(shacl_map *m, uint64_t key, uint32_t value);
extern void shacl_map_free(shacl_map *m);

/* --- compiled paths, constraints and shapes ------------------------------ */

typedef enum shacl_path_kind
{
	SHACL_PATH_PREDICATE,
	SHACL_PATH_INVERSE,
	SHACL_PATH_SEQUENCE,
	SHACL_PATH_ALTERNATIVE,
	SHACL_PATH_ZERO_OR_MORE,
	SHACL_PATH_ONE_OR_MORE,
	SHACL_PATH_ZERO_OR_ONE
} shacl_path_kind;

struct oslo_shacl_path
{
	shacl_path_kind kind;
	oslo_term_id predicate;         /* SHACL_PATH_PREDICATE: IRI in the shapes graph */
	struct oslo_shacl_path *sub;    /* inverse and the three closures */
	struct oslo_shacl_path **items; /* sequence, alternative */
	uint32_t nitems;
};

typedef struct shacl_constraint
{
	oslo_shacl_component component;
	oslo_term_id term;         /* class, datatype, nodeKind, hasValue, predicate, bound */
	int64_t count;             /* counts and lengths */
	oslo_shacl_shape **shapes; /* not, and, or, xone, node, property, qualified */
	uint32_t nshapes;
	oslo_term_id *terms; /* in, languageIn, closed (allowed predicates) */
	uint32_t nterms;
	URegularExpression *regex;   /* pattern */
	oslo_shacl_shape **siblings; /* qualifiedValueShapesDisjoint */
	uint32_t nsiblings;
	bool disjoint;
} shacl_constraint;

struct oslo_shacl_shape
{
	oslo_term_id id; /* in the shapes graph */
	bool is_property;
	bool deactivated;
	bool has_sparql;
	bool implicit_class_target;
	oslo_shacl_path *path;
	oslo_term_id severity;
	oslo_term_id *messages;
	uint32_t nmessages;
	oslo_term_id *targets[4]; /* class, node, subjectsOf, objectsOf */
	uint32_t ntargets[4];
	shacl_constraint *constraints;
	uint32_t nconstraints;
	uint32_t index; /* in shapes->all */
};

enum
{
	SHACL_TARGET_CLASS,
	SHACL_TARGET_NODE,
	SHACL_TARGET_SUBJECTS_OF,
	SHACL_TARGET_OBJECTS_OF
};

struct oslo_shacl_shapes
{
	oslo_graph *g; /* private copy of the shapes graph */
	shacl_arena arena;
	oslo_shacl_shape **by_term; /* indexed by term id of g */
	oslo_shacl_shape **all;
	uint32_t nshapes, cap;
	uint32_t nsparql;
	oslo_term_id violation;      /* sh:Violation in g */
	oslo_guard *regex_guard;     /* closes the ICU regexes (shacl_compile.c) */
	oslo_term_id *runtime_terms; /* shapes-graph terms validation needs in the data's id space */
	uint32_t nruntime_terms;
	oslo_shacl_warning *warnings; /* in the arena (shacl_compile_warn.c) */
	uint32_t nwarnings, warnings_cap;
};

/* shacl_compile.c helpers used elsewhere */
extern oslo_term_id shacl_iri(const oslo_graph *g, const char *local); /* sh:local, or 0 */

/* shacl_path.c: the value nodes of path from node (in graph 0 of g), added to out */
extern void shacl_path_eval(const oslo_graph *g, const oslo_shacl_path *p, const oslo_term_id *pmap,
                            oslo_term_id node, shacl_idset *out);

#endif /* OSLO_SHACL_INTERNAL_H */
