/*
 * shacl_compile_path.c
 *	  Reading SHACL property paths (section 2.3.1) into their compiled form.
 */
#include "shacl_compiler.h"

static oslo_shacl_path *
new_path(compiler *c, shacl_path_kind kind)
{
	oslo_shacl_path *p = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_path));

	p->kind = kind;
	return p;
}

static oslo_shacl_path *
read_path_list(compiler *c, oslo_term_id shape, oslo_term_id head, shacl_path_kind kind)
{
	uint32_t n;
	oslo_term_id *members = shacl_read_list(c, shape, P_PATH, head, &n);
	oslo_shacl_path *p = new_path(c, kind);

	if (n < (kind == SHACL_PATH_SEQUENCE ? 2u : 1u))
		shacl_malformed(c, shape, P_PATH, head,
		                kind == SHACL_PATH_SEQUENCE ? "a sequence path needs at least two members"
		                                            : "an alternative path needs members");
	p->items = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_path *) * n);
	p->nitems = n;
	for (uint32_t i = 0; i < n; i++)
		p->items[i] = shacl_read_path(c, shape, members[i]);
	return p;
}

oslo_shacl_path *
shacl_read_path(compiler *c, oslo_term_id shape, oslo_term_id node)
{
	static const shacl_path_kind kinds[5] = {SHACL_PATH_INVERSE, SHACL_PATH_ALTERNATIVE,
	                                         SHACL_PATH_ZERO_OR_MORE, SHACL_PATH_ONE_OR_MORE,
	                                         SHACL_PATH_ZERO_OR_ONE};
	const oslo_term *t = oslo_graph_term(c->g, node);
	oslo_shacl_path *p = NULL;

	if (t->kind == OSLO_TERM_IRI)
	{
		if (node == c->rdf_nil)
			shacl_malformed(c, shape, P_PATH, node, "rdf:nil is not a path");
		p = new_path(c, SHACL_PATH_PREDICATE);
		p->predicate = node;
		shacl_idset_add(&c->runtime, node);
		return p;
	}
	if (t->kind != OSLO_TERM_BLANK)
		shacl_malformed(c, shape, P_PATH, node, "not a valid path (a literal)");
	for (uint32_t i = 0; i < c->path_depth; i++)
		if (c->path_stack[i] == node)
			shacl_malformed(c, shape, P_PATH, node, "not a valid path (it contains itself)");
	if (c->path_depth == 64)
		shacl_malformed(c, shape, P_PATH, node, "path nested too deeply");
	c->path_stack[c->path_depth++] = node;
	/* a list is a sequence path, even if the node has other path triples */
	if (c->rdf_first && oslo_graph_object(c->g, node, c->rdf_first))
		p = read_path_list(c, shape, node, SHACL_PATH_SEQUENCE);
	else
	{
		for (int k = 0; k < 5 && !p; k++)
		{
			oslo_term_id v = c->path_kw[k] ? oslo_graph_object(c->g, node, c->path_kw[k]) : 0;

			if (!v)
				continue;
			if (kinds[k] == SHACL_PATH_ALTERNATIVE)
				p = read_path_list(c, shape, v, SHACL_PATH_ALTERNATIVE);
			else
			{
				p = new_path(c, kinds[k]);
				p->sub = shacl_read_path(c, shape, v);
			}
		}
	}
	if (!p)
		shacl_malformed(c, shape, P_PATH, node, "not a valid path");
	c->path_depth--;
	return p;
}
