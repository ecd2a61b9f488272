/*
 * sparql_scope.c
 *	  Variable scopes of the WHERE clause, checked and used once after
 *	  parsing.
 *
 * The evaluator substitutes the bindings made so far into what follows
 * (index nested loops). That equals SPARQL's bottom-up semantics when
 *  - an expression sees only the variables in scope where SPARQL puts it:
 *    a FILTER its group's, an OPTIONAL's FILTER also those of the group part
 *    before the OPTIONAL (the left join condition), a BIND the group part
 *    before it; other variables are marked hidden (always unbound);
 *  - no OPTIONAL or BIND in a nested group binds a variable that the part of
 *    the query evaluated before the group may have bound but the group's own
 *    earlier part does not (a pattern that is not "well designed"): such
 *    queries are refused as unsupported rather than answered differently.
 * It also places each FILTER as early as its group allows: right after the
 * variables it reads are certainly bound, inside a basic graph pattern's
 * join when they are bound there.
 */
#include "sparql_internal.h"

#include <string.h>

typedef struct scope
{
	sq_parser *p;
	int n; /* variables */
} scope;

/* a variable set for the analysis only (oslo_free it): one byte per variable */
static uint8_t *
set_new(scope *s)
{
	return oslo_alloc0((size_t)s->n + 1);
}

static void
set_union(scope *s, uint8_t *into, const uint8_t *from)
{
	for (int i = 0; i < s->n; i++)
		into[i] |= from[i];
}

static void inscope_group(scope *s, const sq_group *g, uint8_t *set);

static void
triple_vars(const sq_triple *t, uint8_t *set)
{
	if (t->s.kind == SQ_N_VAR)
		set[t->s.index] = 1;
	if (t->p.kind == SQ_N_VAR)
		set[t->p.index] = 1;
	if (t->o.kind == SQ_N_VAR)
		set[t->o.index] = 1;
}

static void
inscope_elem(scope *s, const sq_elem *e, uint8_t *set)
{
	switch (e->kind)
	{
		case SQ_EL_BGP:
			for (int i = 0; i < e->ntriples; i++)
				triple_vars(&e->triples[i], set);
			break;
		case SQ_EL_GROUP:
		case SQ_EL_OPTIONAL:
			inscope_group(s, e->group, set);
			break;
		case SQ_EL_BIND:
			set[e->var] = 1;
			break;
	}
}

static void
inscope_group(scope *s, const sq_group *g, uint8_t *set)
{
	for (int i = 0; i < g->nelems; i++)
		inscope_elem(s, &g->elems[i], set);
}

/* variables certainly bound once the element has produced a solution */
static void
certain_elem(scope *s, const sq_elem *e, uint8_t *set)
{
	switch (e->kind)
	{
		case SQ_EL_BGP:
			inscope_elem(s, e, set);
			break;
		case SQ_EL_GROUP:
			for (int i = 0; i < e->group->nelems; i++)
				certain_elem(s, &e->group->elems[i], set);
			break;
		case SQ_EL_OPTIONAL:
		case SQ_EL_BIND: /* an error leaves the variable unbound */
			break;
	}
}

static void
expr_vars(const sq_expr *x, uint8_t *set)
{
	if (x->op == SQ_E_VAR)
		set[x->index] = 1;
	for (int i = 0; i < x->nargs; i++)
		expr_vars(x->args[i], set);
}

static void
hide(sq_expr *x, const uint8_t *visible)
{
	if (x->op == SQ_E_VAR)
		x->hidden = !visible[x->index];
	for (int i = 0; i < x->nargs; i++)
		hide(x->args[i], visible);
}

static const char *
var_label(const scope *s, uint32_t v)
{
	return s->p->q->vars[v];
}

static void OSLO_NORETURN
refuse_not_well_designed(scope *s, const sq_elem *e, uint32_t v, const char *what)
{
	oslo_error(OSLO_ERR_UNSUPPORTED,
	           "%s at line %d, column %d: %s binds ?%s, which the query may already have bound "
	           "outside its group; such a pattern is not supported in the SPARQL CONSTRUCT subset",
	           s->p->q->what, e->line, e->col, what, var_label(s, v));
}

static void
place_filters(scope *s, sq_group *g, const uint8_t *outer_prefix)
{
	uint8_t *own = set_new(s), *visible = set_new(s), *used = set_new(s), *certain = set_new(s);

	inscope_group(s, g, own);
	for (int f = 0; f < g->nfilters; f++)
	{
		sq_filter *flt = &g->filters[f];
		int nneed = 0;
		bool placed = false;

		memset(visible, 0, (size_t)s->n);
		memset(used, 0, (size_t)s->n);
		memset(certain, 0, (size_t)s->n);

		set_union(s, visible, own);
		if (outer_prefix)
			set_union(s, visible, outer_prefix);
		hide(flt->expr, visible);
		expr_vars(flt->expr, used);
		/* what must be waited for: the group's own variables the filter reads */
		for (int v = 0; v < s->n; v++)
		{
			used[v] = used[v] && own[v];
			nneed += used[v];
		}
		flt->need = sq_alloc(&s->p->q->arena, (size_t)(nneed + 1) * sizeof(uint32_t));
		for (int v = 0; v < s->n; v++)
			if (used[v])
				flt->need[flt->nneed++] = (uint32_t)v;
		flt->id = s->p->q->nfilters_total++;
		if (nneed == 0)
		{
			flt->place = 0;
			flt->in_bgp = false;
			continue;
		}
		for (int i = 0; i < g->nelems && !placed; i++)
		{
			bool all = true;

			certain_elem(s, &g->elems[i], certain);
			for (int k = 0; k < flt->nneed; k++)
				all = all && certain[flt->need[k]];
			if (!all)
				continue;
			placed = true;
			if (g->elems[i].kind == SQ_EL_BGP)
			{
				sq_elem *e = &g->elems[i];

				flt->place = i;
				flt->in_bgp = true;
				sq_grow(&s->p->q->arena, (void **)&e->filters, &e->cap_filters, e->nfilters,
				        sizeof(sq_filter *));
				e->filters[e->nfilters++] = flt;
			}
			else
			{
				flt->place = i + 1;
				flt->in_bgp = false;
			}
		}
		if (!placed)
		{
			flt->place = g->nelems;
			flt->in_bgp = false;
		}
	}
	oslo_free(own);
	oslo_free(visible);
	oslo_free(used);
	oslo_free(certain);
}

static void
analyse_group(scope *s, sq_group *g, const uint8_t *ctx, const uint8_t *outer_prefix)
{
	uint8_t *prefix = set_new(s);

	for (int i = 0; i < g->nelems; i++)
	{
		sq_elem *e = &g->elems[i];
		uint8_t *inner_ctx = NULL;

		if (e->kind == SQ_EL_GROUP || e->kind == SQ_EL_OPTIONAL)
		{
			/* what the group may find bound: the context and this group's part before it */
			inner_ctx = set_new(s);
			set_union(s, inner_ctx, ctx);
			set_union(s, inner_ctx, prefix);
		}
		switch (e->kind)
		{
			case SQ_EL_BGP:
				e->bgp_id = s->p->q->nbgps++;
				break;
			case SQ_EL_GROUP:
				analyse_group(s, e->group, inner_ctx, NULL);
				break;
			case SQ_EL_OPTIONAL:
			{
				uint8_t *opt = set_new(s);

				inscope_group(s, e->group, opt);
				for (int v = 0; v < s->n; v++)
					if (opt[v] && ctx[v] && !prefix[v])
						refuse_not_well_designed(s, e, (uint32_t)v, "OPTIONAL");
				oslo_free(opt);
				analyse_group(s, e->group, inner_ctx, prefix);
				break;
			}
			case SQ_EL_BIND:
				if (prefix[e->var])
				{
					sq_token at;

					at.line = e->line;
					at.col = e->col;
					sq_syntax_error(s->p, &at, "BIND to ?%s, which is already in scope",
					                var_label(s, e->var));
				}
				if (ctx[e->var])
					refuse_not_well_designed(s, e, e->var, "BIND");
				hide(e->expr, prefix);
				break;
		}
		inscope_elem(s, e, prefix);
		oslo_free(inner_ctx);
	}
	place_filters(s, g, outer_prefix);
	oslo_free(prefix);
}

/* what bounds the evaluator's recursion: elements and triple patterns, all groups */
static long
count_patterns(const sq_group *g)
{
	long n = g->nelems;

	for (int i = 0; i < g->nelems; i++)
	{
		n += g->elems[i].ntriples;
		if (g->elems[i].group)
			n += count_patterns(g->elems[i].group);
	}
	return n;
}

void
sq_analyse(sq_parser *p)
{
	scope s;
	uint8_t *none;

	s.p = p;
	s.n = p->q->nvars;
	if (count_patterns(p->q->where) > SQ_MAX_PATTERNS)
		oslo_error(OSLO_ERR_LIMIT, "%s: the WHERE clause has more than %d patterns and elements",
		           p->q->what, SQ_MAX_PATTERNS);
	none = set_new(&s);
	analyse_group(&s, p->q->where, none, NULL);
	oslo_free(none);
}
