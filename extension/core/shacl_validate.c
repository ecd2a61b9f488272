/*
 * shacl_validate.c
 *	  Validating a data graph against compiled shapes (SHACL Core, 2-4):
 *	  targets, shapes, classes. The components are in shacl_constraints.c.
 *
 * The data graph is copied into a private working graph W (flattened into
 * its default graph); the background graph goes into a named graph of W so
 * that its rdf:type/rdfs:subClassOf triples count for classes while paths,
 * which only follow the default graph, never see it. The shapes-graph terms
 * that constraints and paths use get a W id once (cmap), so constraints
 * compare plain ids.
 */
#include "rdf_syntax.h"
#include "shacl_validator.h"

#include <string.h>

#define BACKGROUND_GRAPH "urn:x-oslo:shacl:background"

/* --- results -------------------------------------------------------------- */

const char *
shacl_term_str(vctx *ctx, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(ctx->w, id);

	return t ? t->value : "";
}

void
shacl_emit(vctx *ctx, const oslo_shacl_shape *sh, oslo_shacl_component comp, oslo_term_id focus,
           oslo_term_id value, oslo_term_id path_predicate, const char *message)
{
	oslo_shacl_result *r;

	if (ctx->probe)
	{
		ctx->probe_failed = true;
		return;
	}
	if (ctx->nresults == ctx->cap)
	{
		ctx->cap = ctx->cap ? ctx->cap * 2 : 16;
		ctx->results = oslo_realloc(ctx->results, sizeof(oslo_shacl_result) * ctx->cap);
	}
	r = &ctx->results[ctx->nresults++];
	r->focus = focus;
	r->value = value;
	r->path = sh->is_property && !path_predicate ? sh->path : NULL;
	r->path_predicate = path_predicate;
	r->component = comp;
	r->shape = sh;
	r->message = sh->nmessages ? NULL : oslo_strdup(message);
}

/* --- classes --------------------------------------------------------------- */

/* is type a subclass (reflexive, transitive) of cls, over data and background */
static bool
subclass_of(vctx *ctx, oslo_term_id type, oslo_term_id cls)
{
	uint64_t key = ((uint64_t)type << 32) | cls;
	uint32_t cached = shacl_map_get(&ctx->instance_cache, key);
	shacl_idset seen;
	bool found = false;

	if (type == cls)
		return true;
	if (cached)
		return cached == 1;
	shacl_idset_init(&seen);
	shacl_idset_add(&seen, type);
	for (uint32_t i = 0; i < seen.n && !found && ctx->subclass; i++)
	{
		oslo_match m;
		oslo_quad q;

		oslo_match_init(&m, ctx->w, seen.items[i], ctx->subclass, 0, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, &q))
		{
			if (q.o == cls)
				found = true;
			shacl_idset_add(&seen, q.o);
		}
	}
	shacl_idset_free(&seen);
	shacl_map_put(&ctx->instance_cache, key, found ? 1 : 2);
	return found;
}

bool
shacl_instance_of(vctx *ctx, oslo_term_id node, oslo_term_id cls)
{
	oslo_match m;
	oslo_quad q;

	if (oslo_graph_term(ctx->w, node)->kind == OSLO_TERM_LITERAL || !ctx->rdf_type)
		return false;
	oslo_match_init(&m, ctx->w, node, ctx->rdf_type, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
		if (subclass_of(ctx, q.o, cls))
			return true;
	return false;
}

/* focus nodes of a class target: data-graph instances of cls or of a subclass */
static void
add_instances(vctx *ctx, oslo_term_id cls, shacl_idset *out)
{
	shacl_idset classes, found;

	if (!ctx->rdf_type)
		return;
	shacl_idset_init(&classes);
	shacl_idset_init(&found);
	shacl_idset_add(&classes, cls);
	for (uint32_t i = 0; i < classes.n; i++)
	{
		oslo_match m;
		oslo_quad q;

		if (ctx->subclass)
		{
			oslo_match_init(&m, ctx->w, 0, ctx->subclass, classes.items[i], OSLO_ANY_GRAPH);
			while (oslo_match_next(&m, &q))
				shacl_idset_add(&classes, q.s);
		}
		/* the index runs newest first: collect, then add in document order */
		shacl_idset_clear(&found);
		oslo_match_init(&m, ctx->w, 0, ctx->rdf_type, classes.items[i], 0);
		while (oslo_match_next(&m, &q))
		{
			if ((found.n & 0xFFF) == 0)
				oslo_check_interrupts();
			shacl_idset_add(&found, q.s);
		}
		for (uint32_t k = found.n; k-- > 0;)
			shacl_idset_add(out, found.items[k]);
	}
	shacl_idset_free(&classes);
	shacl_idset_free(&found);
}

bool
shacl_conforms(vctx *ctx, const oslo_shacl_shape *sh, oslo_term_id node)
{
	bool saved = ctx->probe_failed, ok;

	ctx->probe++;
	ctx->probe_failed = false;
	shacl_validate_shape(ctx, sh, node);
	ok = !ctx->probe_failed;
	ctx->probe--;
	ctx->probe_failed = saved;
	return ok;
}

void
shacl_validate_shape(vctx *ctx, const oslo_shacl_shape *sh, oslo_term_id focus)
{
	shacl_idset values;

	if (sh->deactivated)
		return;
	/* recursion: the same shape on the same node again conforms (see shacl.h) */
	for (uint32_t i = 0; i < ctx->depth; i++)
		if (ctx->stack[i].shape == sh && ctx->stack[i].node == focus)
			return;
	if (ctx->depth == SHACL_MAX_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "shapes nest deeper than %d levels at shape %s", SHACL_MAX_DEPTH,
		           oslo_graph_term(ctx->s->g, sh->id)->value);
	ctx->stack[ctx->depth].shape = sh;
	ctx->stack[ctx->depth].node = focus;
	ctx->depth++;

	shacl_idset_init(&values);
	if (sh->is_property)
		shacl_path_eval(ctx->w, sh->path, ctx->cmap, focus, &values);
	else
		shacl_idset_add(&values, focus);
	for (uint32_t k = 0; k < sh->nconstraints && !STOP(ctx); k++)
		shacl_check_constraint(ctx, sh, &sh->constraints[k], focus, &values);
	shacl_idset_free(&values);
	ctx->depth--;
}

/* --- set-up ----------------------------------------------------------------- */

static void
copy_data(vctx *ctx, const oslo_graph *data)
{
	uint32_t nterms = oslo_graph_term_count(data);
	oslo_term_id *map = oslo_alloc0(sizeof(oslo_term_id) * (nterms + 1));
	const oslo_quad *quads = oslo_graph_quads(data);
	size_t n = oslo_graph_size(data);

	for (size_t i = 0; i < n; i++)
	{
		oslo_term_id ids[3] = {quads[i].s, quads[i].p, quads[i].o};

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		for (int k = 0; k < 3; k++)
		{
			if (!map[ids[k]])
				map[ids[k]] = oslo_graph_import_term(ctx->w, data, ids[k]);
			ids[k] = map[ids[k]];
		}
		oslo_graph_add(ctx->w, ids[0], ids[1], ids[2], 0);
	}
	oslo_free(map);
}

/* a blank node of another graph, kept apart from the data's blank nodes */
static oslo_term_id
foreign_blank(oslo_graph *w, const char *prefix, const oslo_term *t)
{
	char *label = oslo_psprintf("%s%s", prefix, t->value);
	oslo_term_id id = oslo_graph_blank(w, label, strlen(label));

	oslo_free(label);
	return id;
}

static void
copy_background(vctx *ctx, const oslo_graph *bg)
{
	uint32_t nterms = oslo_graph_term_count(bg);
	oslo_term_id *map = oslo_alloc0(sizeof(oslo_term_id) * (nterms + 1));
	const oslo_quad *quads = oslo_graph_quads(bg);
	size_t n = oslo_graph_size(bg);
	oslo_term_id gname = oslo_graph_iri_cstr(ctx->w, BACKGROUND_GRAPH);

	for (size_t i = 0; i < n; i++)
	{
		oslo_term_id ids[3] = {quads[i].s, quads[i].p, quads[i].o};

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		for (int k = 0; k < 3; k++)
		{
			if (!map[ids[k]])
			{
				const oslo_term *t = oslo_graph_term(bg, ids[k]);

				map[ids[k]] = t->kind == OSLO_TERM_BLANK
				                  ? foreign_blank(ctx->w, "bg.", t)
				                  : oslo_graph_import_term(ctx->w, bg, ids[k]);
			}
			ids[k] = map[ids[k]];
		}
		oslo_graph_add(ctx->w, ids[0], ids[1], ids[2], gname);
	}
	oslo_free(map);
}

static void
map_shape_terms(vctx *ctx)
{
	const oslo_graph *g = ctx->s->g;
	uint32_t n = oslo_graph_term_count(g);

	ctx->cmap = oslo_alloc0(sizeof(oslo_term_id) * (n + 1));
	/* only the constants constraints and paths use (not names, descriptions, ...) */
	for (uint32_t k = 0; k < ctx->s->nruntime_terms; k++)
	{
		oslo_term_id i = ctx->s->runtime_terms[k];
		const oslo_term *t = oslo_graph_term(g, i);

		ctx->cmap[i] = t->kind == OSLO_TERM_BLANK ? foreign_blank(ctx->w, "shape.", t)
		                                          : oslo_graph_import_term(ctx->w, g, i);
	}
}

static void
validate_targets(vctx *ctx, const oslo_shacl_shape *sh)
{
	shacl_idset focus;

	if (sh->deactivated)
		return;
	shacl_idset_init(&focus);
	for (uint32_t i = 0; i < sh->ntargets[SHACL_TARGET_CLASS]; i++)
		add_instances(ctx, ctx->cmap[sh->targets[SHACL_TARGET_CLASS][i]], &focus);
	if (sh->implicit_class_target)
		add_instances(ctx, ctx->cmap[sh->id], &focus);
	for (uint32_t i = 0; i < sh->ntargets[SHACL_TARGET_NODE]; i++)
		shacl_idset_add(&focus, ctx->cmap[sh->targets[SHACL_TARGET_NODE][i]]);
	for (int kind = SHACL_TARGET_SUBJECTS_OF; kind <= SHACL_TARGET_OBJECTS_OF; kind++)
	{
		for (uint32_t i = 0; i < sh->ntargets[kind]; i++)
		{
			oslo_match m;
			oslo_quad q;

			oslo_match_init(&m, ctx->w, 0, ctx->cmap[sh->targets[kind][i]], 0, 0);
			while (oslo_match_next(&m, &q))
				shacl_idset_add(&focus, kind == SHACL_TARGET_SUBJECTS_OF ? q.s : q.o);
		}
	}
	for (uint32_t i = 0; i < focus.n; i++)
	{
		if ((i & 0x3FF) == 0)
			oslo_check_interrupts();
		shacl_validate_shape(ctx, sh, focus.items[i]);
	}
	shacl_idset_free(&focus);
}

/* w: the working graph, the data's quads in its default graph; becomes r->terms */
static oslo_shacl_report *
validate_in(const oslo_shacl_shapes *shapes, oslo_graph *w, const oslo_graph *background)
{
	static const char *const kinds[6] = {
	    "BlankNode", "IRI", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral"};
	oslo_shacl_report *r = oslo_alloc0(sizeof(oslo_shacl_report));
	vctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.s = shapes;
	ctx.w = w;
	r->terms = ctx.w;
	r->shapes = shapes;
	if (background)
		copy_background(&ctx, background);
	map_shape_terms(&ctx);
	ctx.rdf_type = oslo_graph_find_iri(ctx.w, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));
	ctx.subclass =
	    oslo_graph_find_iri(ctx.w, OSLO_RDFS "subClassOf", strlen(OSLO_RDFS "subClassOf"));
	for (int i = 0; i < 6; i++)
		ctx.node_kinds[i] = shacl_iri(shapes->g, kinds[i]);
	ctx.stack = oslo_alloc(sizeof(frame) * SHACL_MAX_DEPTH);
	shacl_map_init(&ctx.instance_cache);

	for (uint32_t i = 0; i < shapes->nshapes; i++)
		validate_targets(&ctx, shapes->all[i]);

	r->results = ctx.results;
	r->nresults = ctx.nresults;
	r->conforms = ctx.nresults == 0;
	r->sparql_shapes_skipped = shapes->nsparql;
	if (shapes->nsparql)
		oslo_notice("%u SHACL shape(s) with SPARQL-based constraints (sh:sparql) were not "
		            "evaluated",
		            shapes->nsparql);
	oslo_free(ctx.stack);
	oslo_free(ctx.cmap);
	shacl_map_free(&ctx.instance_cache);
	return r;
}

oslo_shacl_report *
oslo_shacl_validate(const oslo_shacl_shapes *shapes, const oslo_graph *data,
                    const oslo_graph *background)
{
	vctx copy;

	copy.w = oslo_graph_new();
	copy_data(&copy, data);
	return validate_in(shapes, copy.w, background);
}

oslo_shacl_report *
oslo_shacl_validate_owned(const oslo_shacl_shapes *shapes, oslo_graph *data,
                          const oslo_graph *background)
{
	/* named graphs are validated as their union: only the copy flattens them */
	if (oslo_graph_has_named_graphs(data))
	{
		oslo_shacl_report *r = oslo_shacl_validate(shapes, data, background);

		oslo_graph_free(data);
		return r;
	}
	return validate_in(shapes, data, background);
}

void
oslo_shacl_report_free(oslo_shacl_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nresults; i++)
		oslo_free((char *)r->results[i].message);
	oslo_free(r->results);
	oslo_graph_free(r->terms);
	oslo_free(r);
}
