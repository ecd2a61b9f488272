/*
 * shacl_validator.h
 *	  The validation context shared by shacl_validate.c (targets, shapes,
 *	  classes) and shacl_constraints.c (the constraint components).
 */
#ifndef OSLO_SHACL_VALIDATOR_H
#define OSLO_SHACL_VALIDATOR_H

#include "shacl_internal.h"

typedef struct frame
{
	const oslo_shacl_shape *shape;
	oslo_term_id node;
} frame;

typedef struct vctx
{
	const oslo_shacl_shapes *s;
	oslo_graph *w;
	oslo_term_id *cmap; /* shapes-graph term id -> W id */
	oslo_term_id rdf_type, subclass;
	oslo_term_id node_kinds[6]; /* shapes-graph ids of sh:BlankNode ... sh:IRIOrLiteral */
	oslo_shacl_result *results;
	size_t nresults, cap;
	int probe; /* > 0: only whether something fails matters */
	bool probe_failed;
	frame *stack;
	uint32_t depth;
	shacl_map instance_cache; /* (type, class) -> 1 instance, 2 not */
} vctx;

/* in a conformance probe, the first failure settles it */
#define STOP(ctx) ((ctx)->probe && (ctx)->probe_failed)

/* messages are only built when a result is kept */
#define EMIT(ctx, sh, comp, focus, value, ...)                                                     \
	do                                                                                             \
	{                                                                                              \
		if ((ctx)->probe)                                                                          \
			(ctx)->probe_failed = true;                                                            \
		else                                                                                       \
		{                                                                                          \
			char *msg_ = oslo_psprintf(__VA_ARGS__);                                               \
			shacl_emit(ctx, sh, comp, focus, value, 0, msg_);                                      \
			oslo_free(msg_);                                                                       \
		}                                                                                          \
	} while (0)

/* shacl_validate.c */
extern const char *shacl_term_str(vctx *ctx, oslo_term_id id);
extern void shacl_emit(vctx *ctx, const oslo_shacl_shape *sh, oslo_shacl_component comp,
                       oslo_term_id focus, oslo_term_id value, oslo_term_id path_predicate,
                       const char *message);
extern bool shacl_instance_of(vctx *ctx, oslo_term_id node, oslo_term_id cls);
extern void shacl_validate_shape(vctx *ctx, const oslo_shacl_shape *sh, oslo_term_id focus);
/* does node conform to sh (no result of any severity)? */
extern bool shacl_conforms(vctx *ctx, const oslo_shacl_shape *sh, oslo_term_id node);

/* shacl_constraints.c */
extern void shacl_check_constraint(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
                                   oslo_term_id focus, const shacl_idset *values);

#endif
