/*
 * sparql_terms.c
 *	  What a query reads: the constant predicates and rdf:type classes of
 *	  its WHERE clause, and whether its template writes them again (the
 *	  alignment engine drops the triples a query consumes).
 */
#include "sparql_internal.h"

#include <string.h>

typedef struct read_term
{
	const char *iri;
	bool is_class;
} read_term;

typedef struct reader
{
	const oslo_construct *q;
	read_term *seen;
	int nseen, cap;
	void (*cb)(void *arg, const char *iri, bool is_class, bool in_template);
	void *arg;
} reader;

static bool
is_type(const oslo_construct *q, sq_node n)
{
	return n.kind == SQ_N_CONST && q->consts[n.index].kind == OSLO_TERM_IRI &&
	       strcmp(q->consts[n.index].value, OSLO_RDF_TYPE) == 0;
}

static bool
const_iri(const oslo_construct *q, sq_node n)
{
	return n.kind == SQ_N_CONST && q->consts[n.index].kind == OSLO_TERM_IRI;
}

static bool
template_writes(const oslo_construct *q, uint32_t c, bool is_class)
{
	for (int i = 0; i < q->ntmpl; i++)
	{
		const sq_triple *t = &q->tmpl[i];

		if (!is_class && t->p.kind == SQ_N_CONST && t->p.index == c)
			return true;
		if (is_class && is_type(q, t->p) && t->o.kind == SQ_N_CONST && t->o.index == c)
			return true;
	}
	return false;
}

static void
report(reader *r, uint32_t c, bool is_class)
{
	const char *iri = r->q->consts[c].value;

	for (int i = 0; i < r->nseen; i++)
		if (r->seen[i].is_class == is_class && strcmp(r->seen[i].iri, iri) == 0)
			return;
	if (r->nseen == r->cap)
	{
		r->cap = r->cap ? r->cap * 2 : 16;
		r->seen = oslo_realloc(r->seen, (size_t)r->cap * sizeof(read_term));
	}
	r->seen[r->nseen].iri = iri;
	r->seen[r->nseen++].is_class = is_class;
	r->cb(r->arg, iri, is_class, template_writes(r->q, c, is_class));
}

static void
walk(reader *r, const sq_group *g)
{
	for (int i = 0; i < g->nelems; i++)
	{
		const sq_elem *el = &g->elems[i];

		if (el->group)
			walk(r, el->group);
		for (int k = 0; k < el->ntriples; k++)
		{
			const sq_triple *t = &el->triples[k];

			if (const_iri(r->q, t->p))
				report(r, t->p.index, false);
			if (is_type(r->q, t->p) && const_iri(r->q, t->o))
				report(r, t->o.index, true);
		}
	}
}

void
oslo_construct_read_terms(const oslo_construct *q,
                          void (*cb)(void *arg, const char *iri, bool is_class, bool in_template),
                          void *arg)
{
	reader r;

	memset(&r, 0, sizeof(r));
	r.q = q;
	r.cb = cb;
	r.arg = arg;
	walk(&r, q->where);
	oslo_free(r.seen);
}
