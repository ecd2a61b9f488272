/*
 * shacl_compile_values.c
 *	  Reading parameter values of shapes (counts, booleans, term kinds,
 *	  rdf:Lists); a malformed one raises OSLO_ERR_PARAMETER naming the shape
 *	  and the triple.
 */
#include "shacl_compiler.h"
#include "rdf_syntax.h"

#include <stdlib.h>
#include <string.h>

const char *
shacl_term_text(const oslo_graph *g, oslo_term_id id)
{
	oslo_buf b;

	oslo_buf_init(&b);
	if (id)
		oslo_term_to_ntriples(g, id, &b);
	else
		oslo_buf_puts(&b, "(none)");
	return b.data;
}

void OSLO_NORETURN
shacl_malformed(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id value, const char *why)
{
	oslo_error(OSLO_ERR_PARAMETER, "malformed shape %s: sh:%s %s: %s", shacl_term_text(c->g, shape),
	           shacl_param_names[p], shacl_term_text(c->g, value), why);
}

bool
shacl_is_literal_of(const oslo_graph *g, oslo_term_id id, const char *datatype)
{
	const oslo_term *t = oslo_graph_term(g, id);

	return t->kind == OSLO_TERM_LITERAL &&
	       strcmp(oslo_graph_term(g, t->datatype)->value, datatype) == 0;
}

int64_t
shacl_read_count(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v)
{
	const oslo_term *t = oslo_graph_term(c->g, v);
	char *end;
	long long n;

	if (!shacl_is_literal_of(c->g, v, OSLO_XSD "integer") ||
	    !oslo_xsd_valid(OSLO_XSD "integer", t->value, t->len, NULL))
		shacl_malformed(c, shape, p, v, "expected a non-negative xsd:integer");
	n = strtoll(t->value, &end, 10);
	if (n < 0)
		shacl_malformed(c, shape, p, v, "expected a non-negative xsd:integer");
	return n;
}

bool
shacl_read_boolean(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v)
{
	const oslo_term *t = oslo_graph_term(c->g, v);

	if (!shacl_is_literal_of(c->g, v, OSLO_XSD "boolean") ||
	    !oslo_xsd_valid(OSLO_XSD "boolean", t->value, t->len, NULL))
		shacl_malformed(c, shape, p, v, "expected an xsd:boolean");
	/* the spec speaks of true only: "1"^^xsd:boolean leaves a parameter off (W3C uniqueLang-002) */
	return strcmp(t->value, "true") == 0;
}

void
shacl_require_kind(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id v, bool iri,
                   bool blank, bool literal)
{
	oslo_term_kind k = oslo_graph_term(c->g, v)->kind;

	if ((k == OSLO_TERM_IRI && iri) || (k == OSLO_TERM_BLANK && blank) ||
	    (k == OSLO_TERM_LITERAL && literal))
		return;
	shacl_malformed(c, shape, p, v,
	                iri && !blank && !literal ? "expected an IRI"
	                : literal && !iri         ? "expected a literal"
	                                          : "expected an IRI or blank node");
}

/* the single object of (s, p) or 0; more than one is an error */
static oslo_term_id
only_object(compiler *c, oslo_term_id s, oslo_term_id p, oslo_term_id shape, sh_param what)
{
	oslo_match m;
	oslo_quad q;
	oslo_term_id found = 0;

	oslo_match_init(&m, c->g, s, p, 0, 0);
	while (oslo_match_next(&m, &q))
	{
		if (found && found != q.o)
			shacl_malformed(c, shape, what, s,
			                "a list node with more than one rdf:first or rdf:rest");
		found = q.o;
	}
	return found;
}

/* members of a well-formed rdf:List (host memory, arena) */
oslo_term_id *
shacl_read_list(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id head, uint32_t *n)
{
	oslo_term_id *items = NULL;
	uint32_t cap = 0;
	shacl_idset seen;

	*n = 0;
	shacl_idset_init(&seen);
	while (head != c->rdf_nil)
	{
		oslo_term_id first, rest;

		if (oslo_graph_term(c->g, head)->kind == OSLO_TERM_LITERAL || !c->rdf_first || !c->rdf_rest)
			shacl_malformed(c, shape, p, head, "not a proper rdf:List");
		if (!shacl_idset_add(&seen, head))
			shacl_malformed(c, shape, p, head, "the rdf:List is cyclic");
		first = only_object(c, head, c->rdf_first, shape, p);
		rest = only_object(c, head, c->rdf_rest, shape, p);
		if (!first || !rest)
			shacl_malformed(c, shape, p, head,
			                "not a proper rdf:List (missing rdf:first or rdf:rest)");
		if (*n == cap)
		{
			oslo_term_id *bigger;

			cap = cap ? cap * 2 : 8;
			bigger = shacl_arena_alloc(&c->s->arena, sizeof(oslo_term_id) * cap);
			if (*n)
				memcpy(bigger, items, sizeof(oslo_term_id) * *n);
			items = bigger;
		}
		items[(*n)++] = first;
		head = rest;
	}
	shacl_idset_free(&seen);
	return items;
}

/* matching statements in the order they were added (index chains run newest first) */
oslo_quad *
shacl_matches_in_order(const oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o,
                       uint32_t *n)
{
	oslo_quad *out = NULL;
	uint32_t cap = 0;
	oslo_match m;
	oslo_quad q;

	*n = 0;
	oslo_match_init(&m, g, s, p, o, 0);
	while (oslo_match_next(&m, &q))
	{
		if (*n == cap)
		{
			cap = cap ? cap * 2 : 16;
			out = oslo_realloc(out, sizeof(oslo_quad) * cap);
		}
		out[(*n)++] = q;
	}
	for (uint32_t i = 0; i < *n / 2; i++)
	{
		oslo_quad t = out[i];

		out[i] = out[*n - 1 - i];
		out[*n - 1 - i] = t;
	}
	return out;
}
