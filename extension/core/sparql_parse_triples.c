/*
 * sparql_parse_triples.c
 *	  Triple patterns of the template and of the WHERE clause: subjects,
 *	  property lists, objects, literals, blank nodes; property paths and
 *	  collections refused.
 */
#include "sparql_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- terms ---- */

typedef struct triple_sink
{
	sq_parser *p;
	sq_elem *bgp; /* NULL: the template */
} triple_sink;

static void
emit(triple_sink *k, sq_node s, sq_node pr, sq_node o)
{
	oslo_construct *q = k->p->q;
	sq_triple *t;

	if (k->bgp)
	{
		sq_grow(&q->arena, (void **)&k->bgp->triples, &k->bgp->cap, k->bgp->ntriples,
		        sizeof(sq_triple));
		t = &k->bgp->triples[k->bgp->ntriples++];
	}
	else
	{
		sq_grow(&q->arena, (void **)&q->tmpl, &q->tcap, q->ntmpl, sizeof(sq_triple));
		t = &q->tmpl[q->ntmpl++];
	}
	t->s = s;
	t->p = pr;
	t->o = o;
}

static sq_node
node(uint8_t kind, uint32_t index)
{
	sq_node n;

	n.kind = kind;
	n.index = index;
	return n;
}

static sq_node
blank_node(sq_parser *p, const sq_token *t, const char *label)
{
	char name[300];

	if (p->in_template)
	{
		if (label)
		{
			for (int i = 0; i < p->ntblank_labels; i++)
				if (strcmp(p->tblank_labels[i], label) == 0)
					return node(SQ_N_TBLANK, (uint32_t)i);
			sq_grow(&p->q->arena, (void **)&p->tblank_labels, &p->tbcap, p->ntblank_labels,
			        sizeof(char *));
			p->tblank_labels[p->ntblank_labels++] = sq_strndup(&p->q->arena, label, strlen(label));
			p->q->ntblank++;
			return node(SQ_N_TBLANK, (uint32_t)(p->ntblank_labels - 1));
		}
		sq_grow(&p->q->arena, (void **)&p->tblank_labels, &p->tbcap, p->ntblank_labels,
		        sizeof(char *));
		p->tblank_labels[p->ntblank_labels++] = "";
		p->q->ntblank++;
		return node(SQ_N_TBLANK, (uint32_t)(p->ntblank_labels - 1));
	}
	/* in the WHERE clause a blank node is a variable no one can name */
	if (label)
	{
		/* a label belongs to one basic graph pattern (SPARQL 1.1, 19.6) */
		for (int i = 0; i < p->nwhere_blanks; i++)
			if (strcmp(p->where_blanks[i].label, label) == 0)
			{
				if (p->where_blanks[i].bgp != p->bgp_counter)
					sq_syntax_error(p, t, "blank node label _:%s used in two basic graph patterns",
					                label);
				break;
			}
		sq_grow(&p->q->arena, (void **)&p->where_blanks, &p->wbcap, p->nwhere_blanks,
		        sizeof(sq_blank_use));
		p->where_blanks[p->nwhere_blanks].label = sq_strndup(&p->q->arena, label, strlen(label));
		p->where_blanks[p->nwhere_blanks++].bgp = p->bgp_counter;
		snprintf(name, sizeof(name), "_:%.280s", label);
	}
	else
		snprintf(name, sizeof(name), "_:[%d]", p->q->nvars);
	return node(SQ_N_VAR, sq_var(p, name));
}

static const char *
number_datatype(sq_tok_kind k)
{
	return k == SQ_T_INT   ? OSLO_XSD "integer"
	       : k == SQ_T_DEC ? OSLO_XSD "decimal"
	                       : OSLO_XSD "double";
}

static void parse_property_list(triple_sink *k, sq_node subject, bool allow_empty);

/* a literal at the current token (string, number, boolean); returns a constant */
bool
sq_parse_literal(sq_parser *p, uint32_t *c)
{
	sq_token t = p->tok;

	if (t.kind == SQ_T_STRING)
	{
		sq_next(p);
		if (p->tok.kind == SQ_T_LANG)
		{
			*c =
			    sq_const_add(p, OSLO_TERM_LITERAL, t.text, t.len, OSLO_RDF_LANGSTRING, p->tok.text);
			sq_next(p);
		}
		else if (sq_is_punct(p, "^^"))
		{
			sq_token dt;

			sq_next(p);
			dt = p->tok;
			if (dt.kind != SQ_T_IRI && dt.kind != SQ_T_PNAME)
				sq_syntax_error(p, &dt, "datatype IRI expected after '^^'");
			*c = sq_const_add(p, OSLO_TERM_LITERAL, t.text, t.len, sq_iri_of(p, &dt), NULL);
			sq_next(p);
		}
		else
			*c = sq_const_add(p, OSLO_TERM_LITERAL, t.text, t.len, OSLO_XSD_STRING, NULL);
		return true;
	}
	if (t.kind == SQ_T_INT || t.kind == SQ_T_DEC || t.kind == SQ_T_DOUBLE)
	{
		*c = sq_const_add(p, OSLO_TERM_LITERAL, t.text, t.len, number_datatype(t.kind), NULL);
		sq_next(p);
		return true;
	}
	if ((sq_is_punct(p, "+") || sq_is_punct(p, "-")))
	{
		sq_token sign = t;
		char buf[256];

		sq_next(p);
		if (p->tok.kind != SQ_T_INT && p->tok.kind != SQ_T_DEC && p->tok.kind != SQ_T_DOUBLE)
			sq_syntax_error(p, &sign, "number expected after '%s'", sign.text);
		snprintf(buf, sizeof(buf), "%s%.250s", sign.text, p->tok.text);
		*c = sq_const_add(p, OSLO_TERM_LITERAL, buf, strlen(buf), number_datatype(p->tok.kind),
		                  NULL);
		sq_next(p);
		return true;
	}
	if (sq_is_word(p, "true") || sq_is_word(p, "false"))
	{
		const char *v = sq_is_word(p, "true") ? "true" : "false";

		*c = sq_const_add(p, OSLO_TERM_LITERAL, v, strlen(v), OSLO_XSD "boolean", NULL);
		sq_next(p);
		return true;
	}
	return false;
}

/* VarOrTerm, or a blank node property list; in_subject for the error message */
static sq_node
parse_node(triple_sink *k)
{
	sq_parser *p = k->p;
	sq_token t = p->tok;
	uint32_t c;

	switch (t.kind)
	{
		case SQ_T_VAR:
			sq_next(p);
			return node(SQ_N_VAR, sq_var(p, t.text));
		case SQ_T_IRI:
		case SQ_T_PNAME:
		{
			const char *iri = sq_iri_of(p, &t);

			sq_next(p);
			if (sq_is_punct(p, "("))
				sq_unsupported(p, &t, "a function call in a triple pattern");
			return node(SQ_N_CONST, sq_const_add(p, OSLO_TERM_IRI, iri, strlen(iri), NULL, NULL));
		}
		case SQ_T_BLANK:
			sq_next(p);
			return blank_node(p, &t, t.text);
		default:
			break;
	}
	if (sq_parse_literal(p, &c))
		return node(SQ_N_CONST, c);
	if (sq_is_punct(p, "["))
	{
		sq_node b;

		sq_next(p);
		b = blank_node(p, &t, NULL);
		if (!sq_is_punct(p, "]"))
		{
			if (++p->depth > SQ_MAX_DEPTH)
				oslo_error(OSLO_ERR_LIMIT, "%s: blank node property lists nested too deeply",
				           p->q->what);
			parse_property_list(k, b, false);
			p->depth--;
		}
		sq_expect_punct(p, "]");
		return b;
	}
	if (sq_is_punct(p, "("))
		sq_unsupported(p, &t, "an RDF collection ( ... )");
	if (sq_is_word(p, "a"))
		sq_syntax_error(p, &t, "'a' is only allowed as a predicate");
	sq_syntax_error(p, &t, "RDF term or variable expected, found %s", sq_token_desc(p, &t));
}

bool
sq_starts_node(const sq_parser *p)
{
	switch (p->tok.kind)
	{
		case SQ_T_VAR:
		case SQ_T_IRI:
		case SQ_T_PNAME:
		case SQ_T_BLANK:
		case SQ_T_STRING:
		case SQ_T_INT:
		case SQ_T_DEC:
		case SQ_T_DOUBLE:
			return true;
		default:
			return sq_is_punct(p, "[") || sq_is_punct(p, "(") || sq_is_punct(p, "+") ||
			       sq_is_punct(p, "-") || sq_is_word(p, "true") || sq_is_word(p, "false");
	}
}

static sq_node
parse_verb(triple_sink *k)
{
	sq_parser *p = k->p;
	sq_token t = p->tok;
	sq_node v;

	if (sq_is_punct(p, "^") || sq_is_punct(p, "!") || sq_is_punct(p, "("))
	{
		if (p->in_template)
			sq_syntax_error(p, &t, "property path in the CONSTRUCT template");
		sq_unsupported(p, &t, "a property path");
	}
	if (sq_is_word(p, "a"))
	{
		sq_next(p);
		v = node(SQ_N_CONST,
		         sq_const_add(p, OSLO_TERM_IRI, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE), NULL, NULL));
	}
	else if (t.kind == SQ_T_VAR)
	{
		sq_next(p);
		v = node(SQ_N_VAR, sq_var(p, t.text));
	}
	else if (t.kind == SQ_T_IRI || t.kind == SQ_T_PNAME)
	{
		const char *iri = sq_iri_of(p, &t);

		sq_next(p);
		v = node(SQ_N_CONST, sq_const_add(p, OSLO_TERM_IRI, iri, strlen(iri), NULL, NULL));
	}
	else
		sq_syntax_error(p, &t, "predicate expected, found %s", sq_token_desc(p, &t));
	if (sq_is_punct(p, "/") || sq_is_punct(p, "|") || sq_is_punct(p, "*") || sq_is_punct(p, "?") ||
	    (sq_is_punct(p, "+") && !(p->lx.pos < p->lx.end && *p->lx.pos >= '0' && *p->lx.pos <= '9')))
	{
		if (p->in_template)
			sq_syntax_error(p, &p->tok, "property path in the CONSTRUCT template");
		sq_unsupported(p, &p->tok, "a property path");
	}
	return v;
}

static void
parse_property_list(triple_sink *k, sq_node subject, bool allow_empty)
{
	sq_parser *p = k->p;

	if (allow_empty && !(sq_is_word(p, "a") || p->tok.kind == SQ_T_VAR || p->tok.kind == SQ_T_IRI ||
	                     p->tok.kind == SQ_T_PNAME || sq_is_punct(p, "^") || sq_is_punct(p, "!") ||
	                     sq_is_punct(p, "(")))
		return;
	for (;;)
	{
		sq_node verb = parse_verb(k);

		for (;;)
		{
			sq_node object = parse_node(k);

			emit(k, subject, verb, object);
			if (!sq_is_punct(p, ","))
				break;
			sq_next(p);
		}
		if (!sq_is_punct(p, ";"))
			return;
		while (sq_is_punct(p, ";"))
			sq_next(p);
		/* a trailing ';' is allowed */
		if (!(sq_is_word(p, "a") || p->tok.kind == SQ_T_VAR || p->tok.kind == SQ_T_IRI ||
		      p->tok.kind == SQ_T_PNAME || sq_is_punct(p, "^") || sq_is_punct(p, "!") ||
		      sq_is_punct(p, "(")))
			return;
	}
}

/* TriplesSameSubject: one subject and its property list, into bgp (NULL: the template) */
void
sq_parse_triples(sq_parser *p, sq_elem *bgp)
{
	triple_sink sink = {p, bgp};
	triple_sink *k = &sink;
	bool bracketed = sq_is_punct(p, "[");
	sq_node s = parse_node(k);

	/* "[ :p :o ]" may stand alone; other subjects need a property list */
	parse_property_list(k, s, bracketed);
}
