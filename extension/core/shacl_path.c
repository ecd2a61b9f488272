/*
 * shacl_path.c
 *	  Evaluating SHACL property paths (section 2.3.1) over the data graph.
 *
 * Every step follows the graph's subject or object index; closures are a
 * breadth-first walk with a visited set, so cycles in the data terminate.
 */
#include "shacl_internal.h"

static void eval(const oslo_graph *g, const oslo_shacl_path *p, const oslo_term_id *pmap,
                 oslo_term_id node, bool inverse, shacl_idset *out);

static void
eval_predicate(const oslo_graph *g, oslo_term_id pred, oslo_term_id node, bool inverse,
               shacl_idset *out)
{
	oslo_match m;
	oslo_quad q;

	if (pred == 0)
		return;
	if (inverse)
		oslo_match_init(&m, g, 0, pred, node, 0);
	else
		oslo_match_init(&m, g, node, pred, 0, 0);
	while (oslo_match_next(&m, &q))
		shacl_idset_add(out, inverse ? q.s : q.o);
}

/* nodes reachable from node by one or more steps of sub (plus node itself with zero) */
static void
eval_closure(const oslo_graph *g, const oslo_shacl_path *sub, const oslo_term_id *pmap,
             oslo_term_id node, bool inverse, bool include_self, shacl_idset *out)
{
	shacl_idset seen, step;
	uint32_t next = 0;

	shacl_idset_init(&seen);
	shacl_idset_init(&step);
	shacl_idset_add(&seen, node);
	if (include_self)
		shacl_idset_add(out, node);
	/* seen.items doubles as the BFS queue */
	while (next < seen.n)
	{
		oslo_term_id cur = seen.items[next++];

		if ((next & 0xFFF) == 0)
			oslo_check_interrupts();
		shacl_idset_clear(&step);
		eval(g, sub, pmap, cur, inverse, &step);
		for (uint32_t i = 0; i < step.n; i++)
		{
			shacl_idset_add(out, step.items[i]);
			shacl_idset_add(&seen, step.items[i]);
		}
	}
	shacl_idset_free(&seen);
	shacl_idset_free(&step);
}

static void
eval(const oslo_graph *g, const oslo_shacl_path *p, const oslo_term_id *pmap, oslo_term_id node,
     bool inverse, shacl_idset *out)
{
	switch (p->kind)
	{
		case SHACL_PATH_PREDICATE:
			eval_predicate(g, pmap[p->predicate], node, inverse, out);
			break;
		case SHACL_PATH_INVERSE:
			eval(g, p->sub, pmap, node, !inverse, out);
			break;
		case SHACL_PATH_ALTERNATIVE:
			for (uint32_t i = 0; i < p->nitems; i++)
				eval(g, p->items[i], pmap, node, inverse, out);
			break;
		case SHACL_PATH_SEQUENCE:
		{
			shacl_idset cur, nxt;

			shacl_idset_init(&cur);
			shacl_idset_init(&nxt);
			shacl_idset_add(&cur, node);
			/* an inverted sequence walks its steps backwards, each inverted */
			for (uint32_t k = 0; k < p->nitems && cur.n; k++)
			{
				const oslo_shacl_path *stepp = p->items[inverse ? p->nitems - 1 - k : k];
				shacl_idset tmp;

				shacl_idset_clear(&nxt);
				for (uint32_t i = 0; i < cur.n; i++)
					eval(g, stepp, pmap, cur.items[i], inverse, &nxt);
				tmp = cur;
				cur = nxt;
				nxt = tmp;
			}
			for (uint32_t i = 0; i < cur.n; i++)
				shacl_idset_add(out, cur.items[i]);
			shacl_idset_free(&cur);
			shacl_idset_free(&nxt);
			break;
		}
		case SHACL_PATH_ZERO_OR_MORE:
			eval_closure(g, p->sub, pmap, node, inverse, true, out);
			break;
		case SHACL_PATH_ONE_OR_MORE:
			eval_closure(g, p->sub, pmap, node, inverse, false, out);
			break;
		case SHACL_PATH_ZERO_OR_ONE:
			shacl_idset_add(out, node);
			eval(g, p->sub, pmap, node, inverse, out);
			break;
	}
}

void
shacl_path_eval(const oslo_graph *g, const oslo_shacl_path *p, const oslo_term_id *pmap,
                oslo_term_id node, shacl_idset *out)
{
	eval(g, p, pmap, node, false, out);
}
