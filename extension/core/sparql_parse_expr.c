/*
 * sparql_parse_expr.c
 *	  FILTER and BIND expressions: operators by precedence (SPARQL 1.1
 *	  grammar rules 110-121) and the built-in calls of the subset.
 */
#include "sparql_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SQ_MAX_EXPR_DEPTH 200

typedef struct sq_builtin
{
	const char *name;
	sq_op op;
	int min_args, max_args; /* max -1: any number */
} sq_builtin;

static const sq_builtin builtins[] = {
    {"BOUND", SQ_E_BOUND, 1, 1},
    {"isIRI", SQ_E_IS_IRI, 1, 1},
    {"isURI", SQ_E_IS_IRI, 1, 1},
    {"isBlank", SQ_E_IS_BLANK, 1, 1},
    {"isLiteral", SQ_E_IS_LITERAL, 1, 1},
    {"isNumeric", SQ_E_IS_NUMERIC, 1, 1},
    {"STR", SQ_E_STR, 1, 1},
    {"LANG", SQ_E_LANG, 1, 1},
    {"DATATYPE", SQ_E_DATATYPE, 1, 1},
    {"IRI", SQ_E_IRI, 1, 1},
    {"URI", SQ_E_IRI, 1, 1},
    {"STRDT", SQ_E_STRDT, 2, 2},
    {"STRLANG", SQ_E_STRLANG, 2, 2},
    {"CONCAT", SQ_E_CONCAT, 0, -1},
    {"STRSTARTS", SQ_E_STRSTARTS, 2, 2},
    {"STRENDS", SQ_E_STRENDS, 2, 2},
    {"CONTAINS", SQ_E_CONTAINS, 2, 2},
    {"STRLEN", SQ_E_STRLEN, 1, 1},
    {"SUBSTR", SQ_E_SUBSTR, 2, 3},
    {"UCASE", SQ_E_UCASE, 1, 1},
    {"LCASE", SQ_E_LCASE, 1, 1},
    {"LANGMATCHES", SQ_E_LANGMATCHES, 2, 2},
    {"sameTerm", SQ_E_SAMETERM, 2, 2},
    {"COALESCE", SQ_E_COALESCE, 0, -1},
    {"IF", SQ_E_IF, 3, 3},
    {"REGEX", SQ_E_REGEX, 2, 3},
};

/* SPARQL 1.1 built-ins and aggregates outside the subset */
static const char *const refused_calls[] = {"STRUUID",
                                            "UUID",
                                            "BNODE",
                                            "RAND",
                                            "ABS",
                                            "CEIL",
                                            "FLOOR",
                                            "ROUND",
                                            "STRBEFORE",
                                            "STRAFTER",
                                            "ENCODE_FOR_URI",
                                            "YEAR",
                                            "MONTH",
                                            "DAY",
                                            "HOURS",
                                            "MINUTES",
                                            "SECONDS",
                                            "TIMEZONE",
                                            "TZ",
                                            "NOW",
                                            "MD5",
                                            "SHA1",
                                            "SHA256",
                                            "SHA384",
                                            "SHA512",
                                            "REPLACE",
                                            "EXISTS",
                                            "COUNT",
                                            "SUM",
                                            "MIN",
                                            "MAX",
                                            "AVG",
                                            "SAMPLE",
                                            "GROUP_CONCAT"};

static sq_expr *parse_or(sq_parser *p);

static sq_expr *
mk(sq_parser *p, sq_op op, int nargs)
{
	sq_expr *x = sq_alloc(&p->q->arena, sizeof(sq_expr));

	x->height = 1;
	x->op = op;
	x->nargs = nargs;
	if (nargs)
		x->args = sq_alloc(&p->q->arena, (size_t)nargs * sizeof(sq_expr *));
	return x;
}

/*
 * The height of x's tree, from its children's: evaluation recurses that deep,
 * and a chain such as 1+1+...+1 parses without recursing, so it is bounded
 * here.
 */
static sq_expr *
tree(sq_parser *p, sq_expr *x)
{
	int h = 0;

	for (int i = 0; i < x->nargs; i++)
		if (x->args[i]->height > h)
			h = x->args[i]->height;
	x->height = h + 1;
	if (x->height > SQ_MAX_EXPR_HEIGHT)
		oslo_error(OSLO_ERR_LIMIT, "%s: expression nested too deeply at line %d, column %d",
		           p->q->what, p->tok.line, p->tok.col);
	return x;
}

static sq_expr *
mk2(sq_parser *p, sq_op op, sq_expr *a, sq_expr *b)
{
	sq_expr *x = mk(p, op, 2);

	x->args[0] = a;
	x->args[1] = b;
	return tree(p, x);
}

static void
enter(sq_parser *p)
{
	if (++p->depth > SQ_MAX_EXPR_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "%s: expression nested too deeply at line %d, column %d",
		           p->q->what, p->tok.line, p->tok.col);
}

/* '(' Expression (',' Expression)* ')' or NIL, into a fresh node of op */
static sq_expr *
parse_arg_list(sq_parser *p, sq_op op)
{
	sq_expr **args = NULL;
	int n = 0, cap = 0;
	sq_expr *x;

	sq_expect_punct(p, "(");
	if (!sq_is_punct(p, ")"))
		for (;;)
		{
			sq_grow(&p->q->arena, (void **)&args, &cap, n, sizeof(sq_expr *));
			args[n++] = sq_parse_expression(p);
			if (!sq_is_punct(p, ","))
				break;
			sq_next(p);
		}
	sq_expect_punct(p, ")");
	x = mk(p, op, 0);
	x->nargs = n;
	x->args = args;
	return tree(p, x);
}

static sq_expr *
parse_builtin(sq_parser *p)
{
	sq_token t = p->tok;
	sq_expr *x;

	for (size_t i = 0; i < sizeof(refused_calls) / sizeof(refused_calls[0]); i++)
		if (strcasecmp(t.text, refused_calls[i]) == 0)
		{
			char what[64];

			snprintf(what, sizeof(what), "the function %s", refused_calls[i]);
			sq_unsupported(p, &t, what);
		}
	if (strcasecmp(t.text, "NOT") == 0)
		sq_unsupported(p, &t, "NOT EXISTS");
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
	{
		const sq_builtin *b = &builtins[i];

		if (strcasecmp(t.text, b->name) != 0)
			continue;
		sq_next(p);
		if (!sq_is_punct(p, "("))
			sq_syntax_error(p, &p->tok, "'(' expected after %s", b->name);
		if (b->op == SQ_E_BOUND)
		{
			sq_next(p);
			if (p->tok.kind != SQ_T_VAR)
				sq_syntax_error(p, &p->tok, "BOUND takes a variable");
			x = mk(p, SQ_E_VAR, 0);
			x->index = sq_var(p, p->tok.text);
			sq_next(p);
			sq_expect_punct(p, ")");
			{
				sq_expr *bound = mk(p, SQ_E_BOUND, 1);

				bound->args[0] = x;
				return tree(p, bound);
			}
		}
		x = parse_arg_list(p, b->op);
		if (x->nargs < b->min_args || (b->max_args >= 0 && x->nargs > b->max_args))
			sq_syntax_error(p, &t, "%s takes %d%s argument%s, not %d", b->name, b->min_args,
			                b->max_args < 0             ? " or more"
			                : b->max_args > b->min_args ? " or 3"
			                                            : "",
			                b->min_args == 1 && b->max_args == 1 ? "" : "s", x->nargs);
		if (b->op == SQ_E_REGEX)
			sq_regex_prepare(p, x, &t);
		return x;
	}
	sq_syntax_error(p, &t, "unknown function or keyword %s", t.text);
}

static sq_expr *
parse_primary(sq_parser *p)
{
	sq_token t = p->tok;
	sq_expr *x;

	if (sq_is_punct(p, "("))
	{
		sq_next(p);
		x = sq_parse_expression(p);
		sq_expect_punct(p, ")");
		return x;
	}
	if (t.kind == SQ_T_VAR)
	{
		x = mk(p, SQ_E_VAR, 0);
		x->index = sq_var(p, t.text);
		sq_next(p);
		return x;
	}
	if (t.kind == SQ_T_IRI || t.kind == SQ_T_PNAME)
	{
		const char *iri = sq_iri_of(p, &t);

		sq_next(p);
		if (sq_is_punct(p, "("))
			sq_unsupported(p, &t, "a function call by IRI (casts, extension functions)");
		x = mk(p, SQ_E_CONST, 0);
		x->index = sq_const_add(p, OSLO_TERM_IRI, iri, strlen(iri), NULL, NULL);
		return x;
	}
	if (t.kind == SQ_T_STRING || t.kind == SQ_T_INT || t.kind == SQ_T_DEC ||
	    t.kind == SQ_T_DOUBLE || sq_is_word(p, "true") || sq_is_word(p, "false"))
	{
		uint32_t c;

		x = mk(p, SQ_E_CONST, 0);
		if (!sq_parse_literal(p, &c))
			sq_syntax_error(p, &t, "literal expected");
		x->index = c;
		return x;
	}
	if (t.kind == SQ_T_WORD)
		return parse_builtin(p);
	if (t.kind == SQ_T_BLANK || sq_is_punct(p, "["))
		sq_syntax_error(p, &t, "blank nodes are not allowed in expressions");
	sq_syntax_error(p, &t, "expression expected, found %s", sq_token_desc(p, &t));
}

static sq_expr *
parse_unary(sq_parser *p)
{
	sq_expr *x;

	enter(p);
	if (sq_is_punct(p, "!") || sq_is_punct(p, "-") || sq_is_punct(p, "+"))
	{
		sq_op op = sq_is_punct(p, "!") ? SQ_E_NOT : sq_is_punct(p, "-") ? SQ_E_NEG : SQ_E_PLUS;

		sq_next(p);
		x = mk(p, op, 1);
		x->args[0] = parse_unary(p);
		tree(p, x);
	}
	else
		x = parse_primary(p);
	p->depth--;
	return x;
}

static sq_expr *
parse_multiplicative(sq_parser *p)
{
	sq_expr *x = parse_unary(p);

	while (sq_is_punct(p, "*") || sq_is_punct(p, "/"))
	{
		sq_op op = sq_is_punct(p, "*") ? SQ_E_MUL : SQ_E_DIV;

		sq_next(p);
		x = mk2(p, op, x, parse_unary(p));
	}
	return x;
}

static sq_expr *
parse_additive(sq_parser *p)
{
	sq_expr *x = parse_multiplicative(p);

	while (sq_is_punct(p, "+") || sq_is_punct(p, "-"))
	{
		sq_op op = sq_is_punct(p, "+") ? SQ_E_ADD : SQ_E_SUB;

		sq_next(p);
		x = mk2(p, op, x, parse_multiplicative(p));
	}
	return x;
}

static sq_expr *
parse_relational(sq_parser *p)
{
	static const struct
	{
		const char *s;
		sq_op op;
	} ops[] = {{"=", SQ_E_EQ},  {"!=", SQ_E_NE}, {"<", SQ_E_LT},
	           {"<=", SQ_E_LE}, {">", SQ_E_GT},  {">=", SQ_E_GE}};
	sq_expr *x = parse_additive(p);

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (sq_is_punct(p, ops[i].s))
		{
			sq_next(p);
			return mk2(p, ops[i].op, x, parse_additive(p));
		}
	if (sq_is_word(p, "IN") || sq_is_word(p, "NOT"))
	{
		sq_op op = sq_is_word(p, "IN") ? SQ_E_IN : SQ_E_NOT_IN;
		sq_expr *list, *r;

		sq_next(p);
		if (op == SQ_E_NOT_IN)
		{
			if (!sq_is_word(p, "IN"))
				sq_syntax_error(p, &p->tok, "IN expected after NOT");
			sq_next(p);
		}
		list = parse_arg_list(p, op);
		/* args[0] is the tested expression, the list follows */
		r = mk(p, op, list->nargs + 1);
		r->args[0] = x;
		for (int i = 0; i < list->nargs; i++)
			r->args[i + 1] = list->args[i];
		return tree(p, r);
	}
	return x;
}

static sq_expr *
parse_and(sq_parser *p)
{
	sq_expr *x = parse_relational(p);

	while (sq_is_punct(p, "&&"))
	{
		sq_next(p);
		x = mk2(p, SQ_E_AND, x, parse_relational(p));
	}
	return x;
}

static sq_expr *
parse_or(sq_parser *p)
{
	sq_expr *x = parse_and(p);

	while (sq_is_punct(p, "||"))
	{
		sq_next(p);
		x = mk2(p, SQ_E_OR, x, parse_and(p));
	}
	return x;
}

sq_expr *
sq_parse_expression(sq_parser *p)
{
	sq_expr *x;

	enter(p);
	x = parse_or(p);
	p->depth--;
	return x;
}

/* FILTER's Constraint: a bracketted expression, a built-in call or a function call */
sq_expr *
sq_parse_constraint(sq_parser *p)
{
	sq_token t = p->tok;

	if (sq_is_punct(p, "("))
	{
		sq_expr *x;

		sq_next(p);
		x = sq_parse_expression(p);
		sq_expect_punct(p, ")");
		return x;
	}
	if (t.kind == SQ_T_WORD)
		return parse_builtin(p);
	if (t.kind == SQ_T_IRI || t.kind == SQ_T_PNAME)
		sq_unsupported(p, &t, "a function call by IRI (casts, extension functions)");
	sq_syntax_error(p, &t, "'(' or a function call expected after FILTER, found %s",
	                sq_token_desc(p, &t));
}
