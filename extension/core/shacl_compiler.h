/*
 * shacl_compiler.h
 *	  State and helpers shared by the shacl_compile*.c files.
 */
#ifndef OSLO_SHACL_COMPILER_H
#define OSLO_SHACL_COMPILER_H

#include "shacl_internal.h"

/* sh: parameters the compiler reads; the order is the switch below */
typedef enum sh_param
{
	P_CLASS,
	P_DATATYPE,
	P_NODE_KIND,
	P_MIN_COUNT,
	P_MAX_COUNT,
	P_MIN_EXCLUSIVE,
	P_MIN_INCLUSIVE,
	P_MAX_EXCLUSIVE,
	P_MAX_INCLUSIVE,
	P_MIN_LENGTH,
	P_MAX_LENGTH,
	P_PATTERN,
	P_LANGUAGE_IN,
	P_UNIQUE_LANG,
	P_EQUALS,
	P_DISJOINT,
	P_LESS_THAN,
	P_LESS_THAN_OR_EQUALS,
	P_NOT,
	P_AND,
	P_OR,
	P_XONE,
	P_NODE,
	P_PROPERTY,
	P_QUALIFIED_VALUE_SHAPE,
	P_CLOSED,
	P_HAS_VALUE,
	P_IN,
	/* parameters that are not constraints of their own */
	P_PATH,
	P_FLAGS,
	P_QUALIFIED_MIN_COUNT,
	P_QUALIFIED_MAX_COUNT,
	P_QUALIFIED_DISJOINT,
	P_IGNORED_PROPERTIES,
	P_SEVERITY,
	P_MESSAGE,
	P_DEACTIVATED,
	P_SPARQL,
	P_TARGET_CLASS,
	P_TARGET_NODE,
	P_TARGET_SUBJECTS_OF,
	P_TARGET_OBJECTS_OF,
	P_COUNT
} sh_param;

extern const char *const shacl_param_names[P_COUNT];

typedef struct compiler
{
	oslo_shacl_shapes *s;
	const oslo_graph *g;
	oslo_term_id param[P_COUNT];
	oslo_term_id rdf_first, rdf_rest, rdf_nil, rdf_type;
	oslo_term_id path_kw[5];  /* inverse, alternative, zeroOrMore, oneOrMore, zeroOrOne */
	oslo_term_id *path_stack; /* blank path nodes being read: cycles are errors */
	uint32_t path_depth;
	uint32_t depth;      /* compile_shape recursion */
	shacl_idset runtime; /* terms validation looks up in the data (shapes->runtime_terms) */
} compiler;

/* single-valued parameters read before the constraints */
typedef struct shape_params
{
	oslo_term_id path, flags, qualified_shape, ignored;
	int64_t qualified_min, qualified_max;
	bool has_qmin, has_qmax, qualified_disjoint, closed;
} shape_params;

/* shacl_compile_values.c: reading parameter values, raising on malformed ones */
extern const char *shacl_term_text(const oslo_graph *g, oslo_term_id id);
extern void shacl_malformed(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id value,
                            const char *why) OSLO_NORETURN;
extern bool shacl_is_literal_of(const oslo_graph *g, oslo_term_id id, const char *datatype);
extern int64_t shacl_read_count(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v);
extern bool shacl_read_boolean(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v);
extern void shacl_require_kind(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v,
                               bool iri, bool blank, bool literal);
extern oslo_term_id *shacl_read_list(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id head,
                                     uint32_t *n);
/* shacl_compile_warn.c: a warning per sh: IRI that is no SHACL term (typos upstream) */
extern void shacl_warn_unknown_terms(compiler *c);
extern oslo_quad *shacl_matches_in_order(const oslo_graph *g, oslo_term_id s, oslo_term_id p,
                                         oslo_term_id o, uint32_t *n);

/* shacl_compile_path.c */
extern oslo_shacl_path *shacl_read_path(compiler *c, oslo_term_id shape, oslo_term_id node);

/* shacl_compile_constraints.c */
extern void shacl_read_constraints(compiler *c, oslo_shacl_shape *sh, const shape_params *sp);
extern void shacl_close_regexes(void *shapes);

/* shacl_compile.c */
extern oslo_shacl_shape *shacl_compile_shape(compiler *c, oslo_term_id id);
/* which sh: parameter pred is, or P_COUNT */
extern sh_param shacl_param_of(const compiler *c, oslo_term_id pred);

#endif
