/*
 * sparql_parse.c
 *	  The query, its prologue, the CONSTRUCT template and the group graph
 *	  patterns of the WHERE clause (SPARQL 1.1 grammar, section 19.8).
 *	  Triple patterns are in sparql_parse_triples.c, expressions in
 *	  sparql_parse_expr.c, scoping in sparql_scope.c.
 */
#include "sparql_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- group graph patterns ---- */

static sq_elem *
add_elem(sq_parser *p, sq_group *g, sq_elem_kind kind, const sq_token *at)
{
	sq_elem *e;

	sq_grow(&p->q->arena, (void **)&g->elems, &g->cap, g->nelems, sizeof(sq_elem));
	e = &g->elems[g->nelems++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->line = at->line;
	e->col = at->col;
	return e;
}

static sq_group *parse_group(sq_parser *p);

static void
refuse_keyword(sq_parser *p)
{
	static const char *const refused[][2] = {
	    {"MINUS", "MINUS"},   {"GRAPH", "GRAPH"},    {"SERVICE", "SERVICE"},
	    {"VALUES", "VALUES"}, {"UNION", "UNION"},    {"SELECT", "a subquery"},
	    {"EXISTS", "EXISTS"}, {"NOT", "NOT EXISTS"}, {"LOAD", "LOAD"},
	};

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (sq_is_word(p, refused[i][0]))
			sq_unsupported(p, &p->tok, refused[i][1]);
}

static sq_group *
parse_group(sq_parser *p)
{
	sq_group *g = sq_alloc(&p->q->arena, sizeof(sq_group));
	sq_elem *bgp = NULL; /* the basic graph pattern being extended */
	bool need_dot = false;

	g->line = p->tok.line;
	g->col = p->tok.col;
	if (++p->depth > SQ_MAX_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "%s: groups nested too deeply at line %d, column %d", p->q->what,
		           p->tok.line, p->tok.col);
	sq_expect_punct(p, "{");
	if (sq_is_word(p, "SELECT"))
		sq_unsupported(p, &p->tok, "a subquery");
	p->bgp_counter++;
	while (!sq_is_punct(p, "}"))
	{
		sq_token at = p->tok;

		if (sq_is_word(p, "OPTIONAL"))
		{
			sq_elem *e;
			sq_group *sub;

			sq_next(p);
			sub = parse_group(p);
			e = add_elem(p, g, SQ_EL_OPTIONAL, &at);
			e->group = sub;
			bgp = NULL;
			p->bgp_counter++;
			need_dot = false;
		}
		else if (sq_is_word(p, "FILTER"))
		{
			sq_expr *x;

			sq_next(p);
			x = sq_parse_constraint(p);
			sq_grow(&p->q->arena, (void **)&g->filters, &g->fcap, g->nfilters, sizeof(sq_filter));
			memset(&g->filters[g->nfilters], 0, sizeof(sq_filter));
			g->filters[g->nfilters++].expr = x;
			need_dot = false;
		}
		else if (sq_is_word(p, "BIND"))
		{
			sq_elem *e;
			sq_expr *x;
			sq_token v;

			sq_next(p);
			sq_expect_punct(p, "(");
			x = sq_parse_expression(p);
			if (!sq_is_word(p, "AS"))
				sq_syntax_error(p, &p->tok, "AS expected in BIND, found %s",
				                sq_token_desc(p, &p->tok));
			sq_next(p);
			v = p->tok;
			if (v.kind != SQ_T_VAR)
				sq_syntax_error(p, &v, "variable expected after AS");
			sq_next(p);
			sq_expect_punct(p, ")");
			e = add_elem(p, g, SQ_EL_BIND, &v);
			e->expr = x;
			e->var = sq_var(p, v.text);
			bgp = NULL;
			p->bgp_counter++;
			need_dot = false;
		}
		else if (sq_is_punct(p, "{"))
		{
			sq_group *sub = parse_group(p);
			sq_elem *e;

			if (sq_is_word(p, "UNION"))
				sq_unsupported(p, &p->tok, "UNION");
			e = add_elem(p, g, SQ_EL_GROUP, &at);
			e->group = sub;
			bgp = NULL;
			p->bgp_counter++;
			need_dot = false;
		}
		else if (sq_is_punct(p, "."))
		{
			if (!need_dot)
				sq_syntax_error(p, &at, "unexpected '.'");
			sq_next(p);
			need_dot = false;
			continue;
		}
		else
		{
			refuse_keyword(p);
			if (p->tok.kind == SQ_T_EOF)
				sq_syntax_error(p, &at, "'}' expected, found the end of the query");
			if (need_dot || !sq_starts_node(p))
				sq_syntax_error(p, &at, "%s unexpected in a group graph pattern",
				                sq_token_desc(p, &at));
			if (bgp == NULL)
				bgp = add_elem(p, g, SQ_EL_BGP, &at);
			sq_parse_triples(p, bgp);
			/* the BGP may have moved when g->elems grew: it is always the last */
			need_dot = true;
			continue;
		}
		if (sq_is_punct(p, "."))
			sq_next(p);
	}
	sq_next(p);
	p->depth--;
	p->bgp_counter++;
	return g;
}

/* ---- the query ---- */

static void
parse_prologue(sq_parser *p)
{
	for (;;)
	{
		if (sq_is_word(p, "BASE"))
		{
			sq_next(p);
			if (p->tok.kind != SQ_T_IRI)
				sq_syntax_error(p, &p->tok, "IRI expected after BASE");
			p->q->base = sq_resolve_iri(p, &p->tok, p->tok.text);
			sq_next(p);
		}
		else if (sq_is_word(p, "PREFIX"))
		{
			sq_token name;

			sq_next(p);
			name = p->tok;
			if (name.kind != SQ_T_PNAME || name.text2[0] != '\0')
				sq_syntax_error(p, &name, "prefix name ending in ':' expected after PREFIX");
			sq_next(p);
			if (p->tok.kind != SQ_T_IRI)
				sq_syntax_error(p, &p->tok, "IRI expected after PREFIX %s:", name.text);
			sq_grow(&p->q->arena, (void **)&p->prefixes, &p->pcap, p->nprefixes, sizeof(sq_prefix));
			p->prefixes[p->nprefixes].name = name.text;
			p->prefixes[p->nprefixes].iri = sq_resolve_iri(p, &p->tok, p->tok.text);
			p->nprefixes++;
			sq_next(p);
		}
		else
			return;
	}
}

static void
parse_template(sq_parser *p)
{
	p->in_template = true;
	sq_expect_punct(p, "{");
	while (!sq_is_punct(p, "}"))
	{
		if (!sq_starts_node(p))
			sq_syntax_error(p, &p->tok, "%s unexpected in the CONSTRUCT template",
			                sq_token_desc(p, &p->tok));
		sq_parse_triples(p, NULL);
		if (!sq_is_punct(p, "."))
			break;
		sq_next(p);
	}
	sq_expect_punct(p, "}");
	p->in_template = false;
}

static void
refuse_modifiers(sq_parser *p)
{
	static const char *const refused[][2] = {
	    {"GROUP", "GROUP BY"}, {"HAVING", "HAVING"}, {"ORDER", "ORDER BY"},
	    {"LIMIT", "LIMIT"},    {"OFFSET", "OFFSET"}, {"VALUES", "VALUES"},
	};

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (sq_is_word(p, refused[i][0]))
			sq_unsupported(p, &p->tok, refused[i][1]);
}

static void
parse_query(sq_parser *p)
{
	oslo_construct *q = p->q;
	bool short_form = false;

	sq_next(p);
	parse_prologue(p);
	if (sq_is_word(p, "SELECT") || sq_is_word(p, "ASK") || sq_is_word(p, "DESCRIBE"))
		sq_unsupported(p, &p->tok, "a query form other than CONSTRUCT");
	if (sq_is_word(p, "INSERT") || sq_is_word(p, "DELETE") || sq_is_word(p, "LOAD") ||
	    sq_is_word(p, "CLEAR") || sq_is_word(p, "DROP") || sq_is_word(p, "CREATE") ||
	    sq_is_word(p, "WITH"))
		sq_unsupported(p, &p->tok, "SPARQL Update");
	if (!sq_is_word(p, "CONSTRUCT"))
		sq_syntax_error(p, &p->tok, "CONSTRUCT expected, found %s", sq_token_desc(p, &p->tok));
	sq_next(p);
	if (sq_is_word(p, "WHERE"))
		short_form = true;
	else
		parse_template(p);
	if (sq_is_word(p, "FROM"))
		sq_unsupported(p, &p->tok, "FROM (a dataset clause)");
	if (sq_is_word(p, "WHERE"))
		sq_next(p);
	else if (!sq_is_punct(p, "{"))
		sq_syntax_error(p, &p->tok, "WHERE expected, found %s", sq_token_desc(p, &p->tok));
	{
		sq_token at = p->tok;

		q->where = parse_group(p);
		if (short_form)
		{
			sq_group *g = q->where;

			if (g->nfilters || g->nelems > 1 || (g->nelems == 1 && g->elems[0].kind != SQ_EL_BGP))
				sq_syntax_error(p, &at, "CONSTRUCT WHERE allows only triple patterns");
			for (int i = 0; g->nelems && i < g->elems[0].ntriples; i++)
			{
				const sq_triple *t = &g->elems[0].triples[i];

				if ((t->s.kind == SQ_N_VAR && strncmp(q->vars[t->s.index], "_:", 2) == 0) ||
				    (t->o.kind == SQ_N_VAR && strncmp(q->vars[t->o.index], "_:", 2) == 0))
					sq_syntax_error(p, &at, "CONSTRUCT WHERE does not allow blank nodes");
				sq_grow(&q->arena, (void **)&q->tmpl, &q->tcap, q->ntmpl, sizeof(sq_triple));
				q->tmpl[q->ntmpl++] = *t;
			}
		}
	}
	refuse_modifiers(p);
	if (p->tok.kind != SQ_T_EOF)
		sq_syntax_error(p, &p->tok, "%s after the end of the query", sq_token_desc(p, &p->tok));
}

oslo_construct *
oslo_construct_parse(const char *text, size_t len, const char *what)
{
	sq_arena arena = {NULL};
	oslo_construct *q;
	sq_parser *p;

	q = sq_alloc(&arena, sizeof(oslo_construct));
	q->what =
	    sq_strndup(&arena, what ? what : "SPARQL query", strlen(what ? what : "SPARQL query"));
	p = sq_alloc(&arena, sizeof(sq_parser));
	p->q = q;
	q->arena = arena;
	sq_lex_init(&p->lx, text, len, &q->arena, q->what);
	parse_query(p);
	sq_analyse(p);
	return q;
}

void
oslo_construct_free(oslo_construct *q)
{
	sq_arena a;

	if (q == NULL)
		return;
	a = q->arena;
	sq_arena_free(&a);
}
