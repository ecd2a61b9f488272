/*
 * sparql_eval.c
 *	  Evaluation of the WHERE clause: index nested loop joins over the input
 *	  graph, one solution at a time, bindings as term ids per variable.
 *
 * Each element of a group runs with the bindings made so far substituted
 * (sparql_scope.c says why that is SPARQL's semantics for the subset) and
 * hands every extension on to a continuation: the rest of its group, then
 * the rest of the enclosing groups, finally the template. An OPTIONAL is a
 * left join: its group runs with a flag the continuation sets; without a
 * solution the rest runs unextended.
 */
#include "sparql_internal.h"

#include <string.h>

typedef struct sq_frame
{
	const sq_group *g;
	int elem;
	const struct sq_frame *up;
	bool *matched; /* the group is an OPTIONAL's: set when it yields a solution */
} sq_frame;

static void run(sq_eval *e, const sq_frame *k);

static void
tick(sq_eval *e)
{
	if ((++e->steps & 0x3FF) == 0)
		oslo_check_interrupts();
}

/* filters of g that run before element i (i == nelems: at the end) */
static bool
filters_before(sq_eval *e, const sq_group *g, int i)
{
	for (int f = 0; f < g->nfilters; f++)
	{
		const sq_filter *flt = &g->filters[f];

		if (!flt->in_bgp && flt->place == i && !sq_filter_pass(e, flt->expr))
			return false;
	}
	return true;
}

/* filters of a BGP whose variables are all bound now; false when one fails */
static bool
bgp_filters(sq_eval *e, const sq_elem *el, int depth)
{
	for (int f = 0; f < el->nfilters; f++)
	{
		const sq_filter *flt = el->filters[f];
		bool ready = true;

		if (e->filter_done[flt->id] >= 0)
			continue;
		for (int k = 0; k < flt->nneed && ready; k++)
			ready = e->bind[flt->need[k]] != 0;
		if (!ready)
			continue;
		if (!sq_filter_pass(e, flt->expr))
			return false;
		e->filter_done[flt->id] = depth;
	}
	return true;
}

static void
bgp_filters_reset(sq_eval *e, const sq_elem *el, int depth)
{
	for (int f = 0; f < el->nfilters; f++)
		if (e->filter_done[el->filters[f]->id] == depth)
			e->filter_done[el->filters[f]->id] = -1;
}

/* the id to look up for a pattern position: 0 = any, SQ_ABSENT = nothing matches */
static oslo_term_id
lookup_id(const sq_eval *e, sq_node n)
{
	if (n.kind == SQ_N_CONST)
		return e->c_in[n.index];
	{
		oslo_term_id id = e->bind[n.index];

		/* a computed term is not in the input graph */
		return (id & SQ_SCRATCH_BIT) ? SQ_ABSENT : id;
	}
}

/* statements of the input's default graph with constant c as predicate or object */
static uint32_t
const_count(sq_eval *e, uint32_t c, bool as_object)
{
	uint32_t *slot = as_object ? &e->c_ocount[c] : &e->c_pcount[c];

	if (*slot == 0)
	{
		oslo_match m;
		uint32_t n = 0;

		/* counted once per evaluation, when first needed */
		oslo_match_init(&m, e->in, 0, as_object ? 0 : e->c_in[c], as_object ? e->c_in[c] : 0, 0);
		while (oslo_match_next(&m, NULL))
			n++;
		*slot = n + 1;
	}
	return *slot - 1;
}

/*
 * The order of a join: the pattern with the most bound positions first; among
 * those, the one expected to match least (a bound subject, else the fewest
 * statements with its constant object or predicate).
 */
static void
estimate(sq_eval *e, const sq_triple *t, int *nbound, uint32_t *cost)
{
	oslo_term_id s = lookup_id(e, t->s), p = lookup_id(e, t->p), o = lookup_id(e, t->o);

	*nbound = (s != 0) + (p != 0) + (o != 0);
	if (s == SQ_ABSENT || p == SQ_ABSENT || o == SQ_ABSENT)
		*cost = 0; /* matches nothing: ends this branch at once */
	else if (s != 0 || (o != 0 && t->o.kind == SQ_N_VAR))
		*cost = 1; /* a subject, or an object a variable brought: few statements */
	else if (o != 0)
	{
		*cost = const_count(e, t->o.index, true);
		if (p != 0 && t->p.kind == SQ_N_CONST)
		{
			uint32_t pc = const_count(e, t->p.index, false);

			*cost = pc < *cost ? pc : *cost;
		}
	}
	else if (p != 0 && t->p.kind == SQ_N_CONST)
		*cost = const_count(e, t->p.index, false);
	else if (p != 0)
		*cost = 1; /* a predicate a variable brought */
	else
		*cost = UINT32_MAX;
}

static bool
bind_pos(sq_eval *e, sq_node n, oslo_term_id val, uint32_t *set, int *nset)
{
	oslo_term_id *slot;

	if (n.kind != SQ_N_VAR)
		return true;
	slot = &e->bind[n.index];
	if (*slot == 0)
	{
		*slot = val;
		set[(*nset)++] = n.index;
		return true;
	}
	return *slot == val; /* a variable twice in one pattern */
}

static void
join_step(sq_eval *e, const sq_elem *el, int depth, const sq_frame *next)
{
	bool *used = e->used[el->bgp_id];
	int best = -1, best_bound = -1;
	uint32_t best_cost = UINT32_MAX;
	oslo_term_id s, p, o;
	const sq_triple *t;
	oslo_match m;
	oslo_quad quad;

	if (!bgp_filters(e, el, depth))
	{
		bgp_filters_reset(e, el, depth);
		return;
	}
	if (depth == el->ntriples)
	{
		run(e, next);
		bgp_filters_reset(e, el, depth);
		return;
	}
	for (int i = 0; i < el->ntriples; i++)
		if (!used[i])
		{
			int nbound;
			uint32_t cost;

			estimate(e, &el->triples[i], &nbound, &cost);
			if (best < 0 || nbound > best_bound || (nbound == best_bound && cost < best_cost))
				best = i, best_bound = nbound, best_cost = cost;
		}
	t = &el->triples[best];
	s = lookup_id(e, t->s);
	p = lookup_id(e, t->p);
	o = lookup_id(e, t->o);
	if (s == SQ_ABSENT || p == SQ_ABSENT || o == SQ_ABSENT)
	{
		bgp_filters_reset(e, el, depth);
		return;
	}
	used[best] = true;
	oslo_match_init(&m, e->in, s, p, o, 0);
	while (oslo_match_next(&m, &quad))
	{
		uint32_t set[3];
		int nset = 0;

		tick(e);
		if (bind_pos(e, t->s, quad.s, set, &nset) && bind_pos(e, t->p, quad.p, set, &nset) &&
		    bind_pos(e, t->o, quad.o, set, &nset))
			join_step(e, el, depth + 1, next);
		while (nset)
			e->bind[set[--nset]] = 0;
	}
	used[best] = false;
	bgp_filters_reset(e, el, depth);
}

static void
run_bind(sq_eval *e, const sq_elem *el, const sq_frame *next)
{
	sq_value v;
	oslo_term_id id;

	sq_expr_eval(e, el->expr, &v);
	id = v.kind == SQ_V_ERROR ? 0 : sq_value_intern(e, &v);
	sq_tmp_reset(e);
	if (id == 0)
		run(e, next); /* an error leaves the variable unbound */
	else if (e->bind[el->var] != 0)
	{
		if (e->bind[el->var] == id)
			run(e, next);
	}
	else
	{
		e->bind[el->var] = id;
		run(e, next);
		e->bind[el->var] = 0;
	}
}

static void
run(sq_eval *e, const sq_frame *k)
{
	const sq_group *g;
	const sq_elem *el;
	sq_frame next, sub;

	if (k == NULL)
	{
		tick(e);
		sq_template_emit(e);
		return;
	}
	g = k->g;
	if (!filters_before(e, g, k->elem))
		return;
	if (k->elem == g->nelems)
	{
		if (k->matched)
			*k->matched = true;
		run(e, k->up);
		return;
	}
	el = &g->elems[k->elem];
	next.g = g;
	next.elem = k->elem + 1;
	next.up = k->up;
	next.matched = k->matched;
	switch (el->kind)
	{
		case SQ_EL_BGP:
			join_step(e, el, 0, &next);
			break;
		case SQ_EL_GROUP:
			sub.g = el->group;
			sub.elem = 0;
			sub.up = &next;
			sub.matched = NULL;
			run(e, &sub);
			break;
		case SQ_EL_OPTIONAL:
		{
			bool matched = false;

			sub.g = el->group;
			sub.elem = 0;
			sub.up = &next;
			sub.matched = &matched;
			run(e, &sub);
			if (!matched)
				run(e, &next);
			break;
		}
		case SQ_EL_BIND:
			run_bind(e, el, &next);
			break;
	}
}

/* the constants of the query, looked up in the input graph once */
static void
resolve_constants(sq_eval *e)
{
	const oslo_construct *q = e->q;

	for (int i = 0; i < q->nconsts; i++)
	{
		const sq_const *c = &q->consts[i];
		sq_value v;
		oslo_term_id id;

		sq_value_string(&v, c->value, c->len, c->datatype, c->lang);
		if (c->kind == OSLO_TERM_IRI)
			v.kind = SQ_V_IRI;
		id = sq_value_intern(e, &v);
		e->c_val[i] = id;
		e->c_in[i] = (id & SQ_SCRATCH_BIT) ? SQ_ABSENT : id;
	}
}

static void
collect_bgps(sq_eval *e, const sq_group *g)
{
	for (int i = 0; i < g->nelems; i++)
	{
		const sq_elem *el = &g->elems[i];

		if (el->kind == SQ_EL_BGP)
			e->used[el->bgp_id] = oslo_alloc0((size_t)el->ntriples + 1);
		else if (el->group)
			collect_bgps(e, el->group);
	}
}

void
oslo_construct_eval(const oslo_construct *q, const oslo_graph *in, oslo_graph *out)
{
	sq_eval e;
	sq_frame top;

	/* the join walks the input's index chains: adding to them meanwhile would move them */
	if ((const oslo_graph *)out == in)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the output graph of a CONSTRUCT must not be its input",
		           q->what);
	memset(&e, 0, sizeof(e));
	e.q = q;
	e.in = in;
	e.out = out;
	e.scratch = oslo_graph_new();
	e.bind = oslo_alloc0(((size_t)q->nvars + 1) * sizeof(oslo_term_id));
	e.c_in = oslo_alloc0(((size_t)q->nconsts + 1) * sizeof(oslo_term_id));
	e.c_val = oslo_alloc0(((size_t)q->nconsts + 1) * sizeof(oslo_term_id));
	e.c_out = oslo_alloc0(((size_t)q->nconsts + 1) * sizeof(oslo_term_id));
	e.c_pcount = oslo_alloc0(((size_t)q->nconsts + 1) * sizeof(uint32_t));
	e.c_ocount = oslo_alloc0(((size_t)q->nconsts + 1) * sizeof(uint32_t));
	e.in_nterms = oslo_graph_term_count(in) + 1;
	e.in2out = oslo_alloc0((size_t)e.in_nterms * sizeof(oslo_term_id));
	e.tblank = oslo_alloc0(((size_t)q->ntblank + 1) * sizeof(oslo_term_id));
	e.filter_done = oslo_alloc(((size_t)q->nfilters_total + 1) * sizeof(int));
	for (int i = 0; i < q->nfilters_total; i++)
		e.filter_done[i] = -1;
	e.used = oslo_alloc0(((size_t)q->nbgps + 1) * sizeof(bool *));
	collect_bgps(&e, q->where);
	resolve_constants(&e);
	sq_regex_begin(&e);

	top.g = q->where;
	top.elem = 0;
	top.up = NULL;
	top.matched = NULL;
	run(&e, &top);

	sq_regex_end(&e);
	for (int i = 0; i < q->nbgps; i++)
		oslo_free(e.used[i]);
	oslo_free(e.used);
	oslo_free(e.filter_done);
	oslo_free(e.tblank);
	oslo_free(e.in2out);
	oslo_free(e.c_out);
	oslo_free(e.c_pcount);
	oslo_free(e.c_ocount);
	oslo_free(e.c_val);
	oslo_free(e.c_in);
	oslo_free(e.bind);
	sq_tmp_reset(&e);
	if (e.bump)
	{
		oslo_free(e.bump->block);
		oslo_free(e.bump);
	}
	oslo_graph_free(e.scratch);
}
