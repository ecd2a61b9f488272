/*
 * align_compile.c
 *	  Assembling an alignment from its parts: correspondence documents read
 *	  with the Turtle reader, CONSTRUCT queries compiled by sparql.c.
 */
#include "align_internal.h"
#include "rdf_syntax.h"

#include <string.h>

static const struct
{
	const char *iri;
	align_corr_kind kind;
} corr_predicates[] = {
    {OWL_NS "equivalentClass", CORR_EQUIVALENT_CLASS},
    {OWL_NS "equivalentProperty", CORR_EQUIVALENT_PROPERTY},
    {RDFS_NS "subPropertyOf", CORR_SUB_PROPERTY},
    {RDFS_NS "subClassOf", CORR_SUB_CLASS},
    {OWL_NS "inverseOf", CORR_INVERSE},
};

oslo_alignment *
oslo_alignment_new(const char *name)
{
	oslo_alignment *a = oslo_alloc0(sizeof(oslo_alignment));

	a->name = oslo_strdup(name);
	return a;
}

void
oslo_alignment_free(oslo_alignment *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ncorrs; i++)
	{
		oslo_free(a->corrs[i].source);
		oslo_free(a->corrs[i].target);
	}
	for (size_t i = 0; i < a->nqueries; i++)
	{
		align_query *q = &a->queries[i];

		oslo_construct_free(q->construct);
		for (size_t r = 0; r < q->nreads; r++)
			oslo_free(q->reads[r].iri);
		oslo_free(q->reads);
		oslo_free(q->part);
		oslo_free(q->text);
	}
	oslo_free(a->corrs);
	oslo_free(a->queries);
	oslo_free(a->name);
	oslo_free(a);
}

static void
add_corr(oslo_alignment *a, align_corr_kind kind, const char *source, const char *target)
{
	for (size_t i = 0; i < a->ncorrs; i++)
		if (a->corrs[i].kind == kind && strcmp(a->corrs[i].source, source) == 0 &&
		    strcmp(a->corrs[i].target, target) == 0)
			return;
	if (a->ncorrs == a->corrs_cap)
	{
		a->corrs_cap = a->corrs_cap ? a->corrs_cap * 2 : 16;
		a->corrs = oslo_realloc(a->corrs, a->corrs_cap * sizeof(align_corr));
	}
	a->corrs[a->ncorrs].kind = kind;
	a->corrs[a->ncorrs].source = oslo_strdup(source);
	a->corrs[a->ncorrs].target = oslo_strdup(target);
	a->ncorrs++;
}

size_t
oslo_alignment_add_correspondences(oslo_alignment *a, const char *turtle, size_t len,
                                   const char *part)
{
	oslo_graph *g = oslo_graph_new();
	const oslo_quad *quads;
	size_t n, added = 0;

	oslo_rdf_parse(g, turtle, len, OSLO_SYNTAX_TURTLE, "urn:oslo-interop:alignment/");
	quads = oslo_graph_quads(g);
	n = oslo_graph_size(g);
	for (size_t k = 0; k < sizeof(corr_predicates) / sizeof(corr_predicates[0]); k++)
	{
		oslo_term_id p =
		    oslo_graph_find_iri(g, corr_predicates[k].iri, strlen(corr_predicates[k].iri));

		if (p == 0)
			continue;
		for (size_t i = 0; i < n; i++)
		{
			const oslo_term *s, *o;

			if (quads[i].p != p)
				continue;
			s = oslo_graph_term(g, quads[i].s);
			o = oslo_graph_term(g, quads[i].o);
			if (s->kind != OSLO_TERM_IRI || o->kind != OSLO_TERM_IRI)
				oslo_error(OSLO_ERR_DATA,
				           "alignment %s, correspondences \"%s\": <%s> needs an IRI as subject "
				           "and object, not %s",
				           a->name, part, corr_predicates[k].iri,
				           s->kind != OSLO_TERM_IRI
				               ? (s->kind == OSLO_TERM_BLANK ? "a blank node" : "a literal")
				               : (o->kind == OSLO_TERM_BLANK ? "a blank node" : "a literal"));
			add_corr(a, corr_predicates[k].kind, s->value, o->value);
			added++;
		}
	}
	oslo_graph_free(g);
	return added;
}

typedef struct read_collector
{
	align_query *q;
	size_t cap;
} read_collector;

static void
collect_read(void *arg, const char *iri, bool is_class, bool in_template)
{
	read_collector *c = arg;

	(void)in_template; /* a query owns what it reads, written again or not */
	/* rdf:type triples leave the passthrough by their class, never all at once */
	if (!is_class && strcmp(iri, OSLO_RDF_TYPE) == 0)
		return;
	if (c->q->nreads == c->cap)
	{
		c->cap = c->cap ? c->cap * 2 : 8;
		c->q->reads = oslo_realloc(c->q->reads, c->cap * sizeof(align_read_term));
	}
	c->q->reads[c->q->nreads].iri = oslo_strdup(iri);
	c->q->reads[c->q->nreads].is_class = is_class;
	c->q->nreads++;
}

void
oslo_alignment_add_query(oslo_alignment *a, oslo_align_direction dir, const char *text, size_t len,
                         const char *part)
{
	char *what = oslo_psprintf("alignment %s query %s", a->name, part);
	align_query *q;
	read_collector c = {NULL, 0};

	if (a->nqueries == a->queries_cap)
	{
		a->queries_cap = a->queries_cap ? a->queries_cap * 2 : 8;
		a->queries = oslo_realloc(a->queries, a->queries_cap * sizeof(align_query));
	}
	q = &a->queries[a->nqueries];
	memset(q, 0, sizeof(*q));
	q->construct = oslo_construct_parse(text, len, what);
	oslo_free(what);
	q->dir = dir;
	q->part = oslo_strdup(part);
	q->text = oslo_strndup(text, len);
	c.q = q;
	oslo_construct_read_terms(q->construct, collect_read, &c);
	a->nqueries++;
}

oslo_align_direction
oslo_align_direction_parse(const char *s)
{
	if (strcmp(s, "forward") == 0 || strcmp(s, "to_semic") == 0)
		return OSLO_ALIGN_FORWARD;
	if (strcmp(s, "backward") == 0 || strcmp(s, "from_semic") == 0)
		return OSLO_ALIGN_BACKWARD;
	oslo_error(OSLO_ERR_PARAMETER, "alignment direction \"%s\" is unknown: use forward or backward",
	           s);
	return OSLO_ALIGN_FORWARD;
}

const char *
oslo_align_direction_name(oslo_align_direction dir)
{
	return dir == OSLO_ALIGN_FORWARD ? "forward" : "backward";
}

size_t
oslo_alignment_correspondence_count(const oslo_alignment *a)
{
	return a->ncorrs;
}

size_t
oslo_alignment_query_count(const oslo_alignment *a, oslo_align_direction dir)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nqueries; i++)
		n += a->queries[i].dir == dir;
	return n;
}

align_rule *
align_rules(const oslo_alignment *a, oslo_align_direction dir, size_t *n)
{
	align_rule *rules = oslo_alloc((a->ncorrs + 1) * sizeof(align_rule));
	size_t k = 0;

	for (size_t i = 0; i < a->ncorrs; i++)
	{
		const align_corr *c = &a->corrs[i];
		align_rule *r = &rules[k];
		bool forward = dir == OSLO_ALIGN_FORWARD;

		/* a sub-property or sub-class has no way back: which one is lost */
		if (!forward && (c->kind == CORR_SUB_PROPERTY || c->kind == CORR_SUB_CLASS))
			continue;
		r->from = forward ? c->source : c->target;
		r->to = forward ? c->target : c->source;
		r->is_class = c->kind == CORR_EQUIVALENT_CLASS || c->kind == CORR_SUB_CLASS;
		r->inverse = c->kind == CORR_INVERSE;
		k++;
	}
	*n = k;
	return rules;
}

static void
add_excluded(align_read_term *terms, size_t *n, const char *iri, bool is_class)
{
	for (size_t i = 0; i < *n; i++)
		if (terms[i].is_class == is_class && strcmp(terms[i].iri, iri) == 0)
			return;
	terms[*n].iri = (char *)iri;
	terms[*n].is_class = is_class;
	(*n)++;
}

align_read_term *
align_excluded(const oslo_alignment *a, oslo_align_direction dir, size_t *n)
{
	size_t cap = a->ncorrs + 1, nrules;
	align_rule *rules = align_rules(a, dir, &nrules);
	align_read_term *terms;

	for (size_t i = 0; i < a->nqueries; i++)
		if (a->queries[i].dir == dir)
			cap += a->queries[i].nreads;
	terms = oslo_alloc(cap * sizeof(align_read_term));
	*n = 0;
	for (size_t i = 0; i < nrules; i++)
		add_excluded(terms, n, rules[i].from, rules[i].is_class);
	for (size_t i = 0; i < a->nqueries; i++)
		if (a->queries[i].dir == dir)
			for (size_t r = 0; r < a->queries[i].nreads; r++)
				add_excluded(terms, n, a->queries[i].reads[r].iri, a->queries[i].reads[r].is_class);
	oslo_free(rules);
	return terms;
}
