/*
 * sparql_template.c
 *	  Instantiating the CONSTRUCT template for one solution: terms imported
 *	  into the output graph once each (a cache per input term), fresh blank
 *	  nodes per solution, ill-formed triples skipped (SPARQL 1.1, 16.2).
 */
#include "sparql_internal.h"

#include <stdio.h>
#include <string.h>

static bool
blank_used(const oslo_graph *g, const char *label, size_t len)
{
	oslo_term t;

	memset(&t, 0, sizeof(t));
	t.kind = OSLO_TERM_BLANK;
	t.value = label;
	t.len = (uint32_t)len;
	return oslo_graph_find_term(g, &t) != 0;
}

/* a blank node label used in neither graph, so input blank nodes keep theirs */
static oslo_term_id
fresh_blank(sq_eval *e)
{
	char label[24];

	for (;;)
	{
		int n = snprintf(label, sizeof(label), "c%u", ++e->fresh_counter);

		if (!blank_used(e->in, label, (size_t)n) && !blank_used(e->out, label, (size_t)n))
			return oslo_graph_blank(e->out, label, (size_t)n);
	}
}

static oslo_term_id
out_const(sq_eval *e, uint32_t i)
{
	if (e->c_out[i] == 0)
	{
		const sq_const *c = &e->q->consts[i];

		if (c->kind == OSLO_TERM_IRI)
			e->c_out[i] = oslo_graph_iri(e->out, c->value, c->len);
		else
			e->c_out[i] =
			    oslo_graph_literal(e->out, c->value, c->len, c->lang ? NULL : c->datatype, c->lang);
	}
	return e->c_out[i];
}

static oslo_term_id
out_var(sq_eval *e, uint32_t v)
{
	oslo_term_id id = e->bind[v];

	if (id == 0)
		return 0;
	if (id & SQ_SCRATCH_BIT)
		return oslo_graph_import_term(e->out, e->scratch, id & ~SQ_SCRATCH_BIT);
	if (e->in2out[id] == 0)
		e->in2out[id] = oslo_graph_import_term(e->out, e->in, id);
	return e->in2out[id];
}

/* 0 for an unbound variable or a template blank node not made yet */
static oslo_term_id
out_term(sq_eval *e, sq_node n)
{
	switch (n.kind)
	{
		case SQ_N_CONST:
			return out_const(e, n.index);
		case SQ_N_VAR:
			return out_var(e, n.index);
		default:
			return e->tblank[n.index];
	}
}

static oslo_term_kind
kind_of(const sq_eval *e, oslo_term_id id)
{
	return oslo_graph_term(e->out, id)->kind;
}

void
sq_template_emit(sq_eval *e)
{
	const oslo_construct *q = e->q;

	for (int b = 0; b < q->ntblank; b++)
		e->tblank[b] = 0;
	for (int i = 0; i < q->ntmpl; i++)
	{
		const sq_triple *t = &q->tmpl[i];
		oslo_term_id s, p, o;

		/* variables and constants first: no blank node for a skipped triple */
		s = t->s.kind == SQ_N_TBLANK ? 1 : out_term(e, t->s);
		p = t->p.kind == SQ_N_TBLANK ? 1 : out_term(e, t->p);
		o = t->o.kind == SQ_N_TBLANK ? 1 : out_term(e, t->o);
		if (s == 0 || p == 0 || o == 0)
			continue;
		if (t->p.kind == SQ_N_TBLANK || kind_of(e, p) != OSLO_TERM_IRI)
			continue;
		if (t->s.kind != SQ_N_TBLANK && kind_of(e, s) == OSLO_TERM_LITERAL)
			continue;
		if (t->s.kind == SQ_N_TBLANK)
		{
			if (e->tblank[t->s.index] == 0)
				e->tblank[t->s.index] = fresh_blank(e);
			s = e->tblank[t->s.index];
		}
		if (t->o.kind == SQ_N_TBLANK)
		{
			if (e->tblank[t->o.index] == 0)
				e->tblank[t->o.index] = fresh_blank(e);
			o = e->tblank[t->o.index];
		}
		oslo_graph_add(e->out, s, p, o, 0);
	}
}
