/*
 * sparql_regex.c
 *	  REGEX(text, pattern [, "i"]) through the C library's POSIX extended
 *	  regular expressions. XPath's syntax is translated where POSIX spells it
 *	  differently (\d \D \s \S \w \W, escaped punctuation); what POSIX cannot
 *	  express (groups with "(?", lazy quantifiers, \p{..} classes, back
 *	  references) and flags other than "i" are refused.
 *
 * regcomp() allocates with malloc: compiled expressions are held in a
 * malloc'd block guarded for the whole evaluation (an error unwinding frees
 * them), and a pattern computed per solution is compiled and freed at once.
 */
#include "sparql_internal.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

typedef struct sq_regex_set
{
	int n;
	regex_t **re; /* per REGEX of the query: compiled, or NULL */
	bool *bad;    /* the pattern did not compile */
} sq_regex_set;

/*
 * The POSIX form of an XPath pattern into out; false when it uses what POSIX
 * lacks. Inside brackets only the class escapes are rewritten.
 */
static bool
translate(const char *p, size_t len, oslo_buf *out)
{
	bool in_class = false;

	for (size_t i = 0; i < len; i++)
	{
		char c = p[i];

		if (c == '\\')
		{
			const char *rep = NULL;
			char n;

			if (++i >= len)
				return false;
			n = p[i];
			switch (n)
			{
				case 'd':
					rep = in_class ? "0-9" : "[0-9]";
					break;
				case 'D':
					rep = in_class ? NULL : "[^0-9]";
					break;
				case 's':
					rep = in_class ? " \t\n\r" : "[ \t\n\r]";
					break;
				case 'S':
					rep = in_class ? NULL : "[^ \t\n\r]";
					break;
				case 'w':
					rep = in_class ? "A-Za-z0-9_" : "[A-Za-z0-9_]";
					break;
				case 'W':
					rep = in_class ? NULL : "[^A-Za-z0-9_]";
					break;
				case 'n':
					rep = "\n";
					break;
				case 't':
					rep = "\t";
					break;
				case 'r':
					rep = "\r";
					break;
				default:
					/* an escaped metacharacter stays literal */
					if (strchr(".\\?*+{}()[]^$|-/", n) == NULL)
						return false;
					if (in_class)
					{
						/* POSIX brackets have no escapes: list the character itself */
						if (n == ']' || n == '^' || n == '-' || n == '\\')
							return false;
						oslo_buf_putc(out, n);
					}
					else
					{
						oslo_buf_putc(out, '\\');
						oslo_buf_putc(out, n);
					}
					continue;
			}
			if (rep == NULL)
				return false;
			oslo_buf_puts(out, rep);
			continue;
		}
		if (in_class)
		{
			if (c == '[')
				return false; /* character class subtraction, POSIX classes */
			if (c == ']')
				in_class = false;
			oslo_buf_putc(out, c);
			continue;
		}
		if (c == '[')
		{
			in_class = true;
			oslo_buf_putc(out, c);
			if (i + 1 < len && p[i + 1] == '^')
				oslo_buf_putc(out, p[++i]);
			if (i + 1 < len && p[i + 1] == ']')
				oslo_buf_putc(out, p[++i]); /* a leading ']' is literal */
			continue;
		}
		if (c == '(' && i + 1 < len && p[i + 1] == '?')
			return false;
		if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < len && p[i + 1] == '?')
			return false; /* lazy quantifiers */
		oslo_buf_putc(out, c);
	}
	return !in_class;
}

/* compile into a malloc'd regex_t, or NULL when the pattern is refused */
static regex_t *
compile(const char *pattern, size_t len, bool icase)
{
	oslo_buf b;
	regex_t *re;
	bool ok;

	oslo_buf_init(&b);
	ok = translate(pattern, len, &b);
	if (!ok)
	{
		oslo_buf_free(&b);
		return NULL;
	}
	re = malloc(sizeof(regex_t));
	if (re == NULL)
	{
		oslo_buf_free(&b);
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory compiling a regular expression");
	}
	if (regcomp(re, b.data ? b.data : "", REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0)
	{
		free(re);
		re = NULL;
	}
	oslo_buf_free(&b);
	return re;
}

static void
release_one(regex_t *re)
{
	if (re)
	{
		regfree(re);
		free(re);
	}
}

static bool
flags_ok(const sq_value *flags)
{
	return sq_is_simple_or_string(flags) &&
	       (flags->len == 0 || (flags->len == 1 && flags->lex[0] == 'i'));
}

void
sq_regex_prepare(sq_parser *p, sq_expr *x, const sq_token *at)
{
	const oslo_construct *q = p->q;
	const sq_expr *pat = x->args[1];
	const sq_expr *fl = x->nargs > 2 ? x->args[2] : NULL;
	bool icase = false;

	x->index = UINT32_MAX; /* compiled per solution unless constant */
	if (fl && fl->op == SQ_E_CONST)
	{
		const sq_const *c = &q->consts[fl->index];

		if (c->kind != OSLO_TERM_LITERAL || c->lang ||
		    !(c->len == 0 || (c->len == 1 && c->value[0] == 'i')))
			sq_unsupported(p, at, "a REGEX flag other than \"i\"");
		icase = c->len == 1;
	}
	if (pat->op == SQ_E_CONST && (fl == NULL || fl->op == SQ_E_CONST))
	{
		const sq_const *c = &q->consts[pat->index];
		regex_t *re;

		if (c->kind != OSLO_TERM_LITERAL)
			return; /* an IRI pattern: a type error when evaluated */
		re = compile(c->value, c->len, icase);
		if (re == NULL)
			sq_unsupported(p, at,
			               "this REGEX pattern (POSIX extended syntax is used: no \"(?\", lazy "
			               "quantifiers, \\p{..} classes or back references)");
		release_one(re);
		x->index = (uint32_t)p->q->nregex++;
	}
}

static void
release_set(void *resource)
{
	sq_regex_set *set = resource;

	for (int i = 0; i < set->n; i++)
		release_one(set->re[i]);
	free(set->re);
	free(set->bad);
	free(set);
}

void
sq_regex_begin(sq_eval *e)
{
	sq_regex_set *set;

	if (e->q->nregex == 0)
		return;
	set = calloc(1, sizeof(sq_regex_set));
	if (set)
	{
		set->re = calloc((size_t)e->q->nregex, sizeof(regex_t *));
		set->bad = calloc((size_t)e->q->nregex, sizeof(bool));
	}
	if (set == NULL || set->re == NULL || set->bad == NULL)
	{
		if (set)
		{
			free(set->re);
			free(set->bad);
			free(set);
		}
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory preparing regular expressions");
	}
	set->n = e->q->nregex;
	e->regex_guard = oslo_guard_new(release_set, set);
}

void
sq_regex_end(sq_eval *e)
{
	if (e->regex_guard)
		oslo_guard_release(e->regex_guard);
	e->regex_guard = NULL;
}

static void
release_single(void *resource)
{
	release_one(resource);
}

void
sq_regex_eval(sq_eval *e, const sq_expr *x, const sq_value *text, const sq_value *pattern,
              sq_value *out)
{
	sq_value flags;
	bool icase = false;

	memset(out, 0, sizeof(*out));
	if (text->kind != SQ_V_LITERAL || !(text->lang || sq_is_simple_or_string(text)) ||
	    !sq_is_simple_or_string(pattern))
		return;
	if (x->nargs > 2)
	{
		sq_expr_eval(e, x->args[2], &flags);
		if (!flags_ok(&flags))
			return;
		icase = flags.len == 1;
	}
	if (x->index != UINT32_MAX)
	{
		sq_regex_set *set = e->regex_guard->resource;
		int i = (int)x->index;

		if (set->re[i] == NULL && !set->bad[i])
		{
			set->re[i] = compile(pattern->lex, pattern->len, icase);
			set->bad[i] = set->re[i] == NULL;
		}
		if (set->re[i])
			sq_value_bool(out, regexec(set->re[i], text->lex, 0, NULL, 0) == 0);
		return;
	}
	{
		/* a pattern computed per solution */
		regex_t *re = compile(pattern->lex, pattern->len, icase);
		oslo_guard *g;

		if (re == NULL)
			return;
		g = oslo_guard_new(release_single, re);
		sq_value_bool(out, regexec(re, text->lex, 0, NULL, 0) == 0);
		oslo_guard_release(g);
	}
}
