/*
 * sparql_func.c
 *	  The built-in functions of the subset (SPARQL 1.1 section 17.4). Each
 *	  returns SQ_V_ERROR for arguments of the wrong type.
 */
#include "sparql_internal.h"
#include "rdf_syntax.h"

#include <math.h>
#include <string.h>
#include <strings.h>

static void
error_value(sq_value *out)
{
	memset(out, 0, sizeof(*out));
}

static bool
is_string_literal(const sq_value *v)
{
	return v->kind == SQ_V_LITERAL &&
	       (v->lang != NULL || strcmp(v->datatype, OSLO_XSD_STRING) == 0);
}

/* arguments compatible for STRSTARTS and friends (17.4.3.1.1) */
static bool
compatible(const sq_value *a, const sq_value *b)
{
	if (!is_string_literal(a) || !is_string_literal(b))
		return false;
	if (b->lang == NULL)
		return true;
	return a->lang != NULL && strcmp(a->lang, b->lang) == 0;
}

/* a string of the same kind as v (keeps the language tag or xsd:string) */
static void
like(sq_value *out, const sq_value *v, const char *s, size_t len)
{
	sq_value_string(out, s, len, v->lang ? NULL : v->datatype, v->lang);
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* byte offset of character number `chars` (0-based) */
static size_t
utf8_offset(const char *s, size_t len, size_t chars)
{
	size_t i = 0;

	while (i < len && chars)
	{
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

static char *
tmp_copy(sq_eval *e, const char *s, size_t len)
{
	char *d = sq_tmp(e, len + 1);

	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static void
fn_substr(sq_eval *e, const sq_value *a, const sq_value *start, const sq_value *len, sq_value *out)
{
	double from, to;
	size_t nchars, b0, b1;
	long first, last;

	if (!is_string_literal(a) || start->num == SQ_NUM_NONE || (len && len->num == SQ_NUM_NONE))
	{
		error_value(out);
		return;
	}
	/* XPath fn:substring: characters at positions p with round(start) <= p <
	 * round(start)+round(len) */
	from = round(start->d);
	to = len ? from + round(len->d) : INFINITY;
	if (isnan(from) || isnan(to))
	{
		like(out, a, "", 0);
		return;
	}
	nchars = utf8_chars(a->lex, a->len);
	first = from < 1 ? 1 : from > (double)nchars + 1 ? (long)nchars + 1 : (long)from;
	last = to > (double)nchars + 1 ? (long)nchars + 1 : to < 1 ? 1 : (long)to;
	if (last < first)
		last = first;
	b0 = utf8_offset(a->lex, a->len, (size_t)(first - 1));
	b1 = utf8_offset(a->lex, a->len, (size_t)(last - 1));
	like(out, a, tmp_copy(e, a->lex + b0, b1 - b0), b1 - b0);
}

static void
fn_case(sq_eval *e, const sq_value *a, bool upper, sq_value *out)
{
	char *s;

	if (!is_string_literal(a))
	{
		error_value(out);
		return;
	}
	/* ASCII letters only (docs/sparql-subset.md) */
	s = tmp_copy(e, a->lex, a->len);
	for (size_t i = 0; i < a->len; i++)
	{
		if (upper && s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 32);
		else if (!upper && s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] + 32);
	}
	like(out, a, s, a->len);
}

static void
fn_concat(sq_eval *e, const sq_expr *x, sq_value *out)
{
	sq_value *vals;
	size_t total = 0;
	const char *lang = NULL;
	bool same_lang = true, all_string = true;
	char *s;

	if (x->nargs == 0)
	{
		sq_value_string(out, "", 0, NULL, NULL);
		return;
	}
	vals = sq_tmp(e, sizeof(sq_value) * (size_t)x->nargs);
	for (int i = 0; i < x->nargs; i++)
	{
		sq_expr_eval(e, x->args[i], &vals[i]);
		if (!is_string_literal(&vals[i]))
		{
			error_value(out);
			return;
		}
		total += vals[i].len;
		if (i == 0)
			lang = vals[i].lang;
		else if ((lang == NULL) != (vals[i].lang == NULL) ||
		         (lang && strcmp(lang, vals[i].lang) != 0))
			same_lang = false;
		if (vals[i].lang)
			all_string = false;
	}
	s = sq_tmp(e, total + 1);
	total = 0;
	for (int i = 0; i < x->nargs; i++)
	{
		memcpy(s + total, vals[i].lex, vals[i].len);
		total += vals[i].len;
	}
	s[total] = '\0';
	sq_value_string(out, s, total, NULL, same_lang && !all_string ? lang : NULL);
}

static bool
lang_matches(const char *tag, size_t tlen, const char *range, size_t rlen)
{
	if (rlen == 1 && range[0] == '*')
		return tlen > 0;
	if (rlen > tlen || strncasecmp(tag, range, rlen) != 0)
		return false;
	return rlen == tlen || tag[rlen] == '-';
}

static void
fn_iri(sq_eval *e, const sq_value *a, sq_value *out)
{
	const char *base = e->q->base;
	oslo_buf b;

	if (a->kind == SQ_V_IRI)
	{
		*out = *a;
		return;
	}
	if (!sq_is_simple_or_string(a))
	{
		error_value(out);
		return;
	}
	{
		char *s = tmp_copy(e, a->lex, a->len);

		if (oslo_iri_is_absolute(s))
		{
			sq_value_string(out, s, a->len, NULL, NULL);
			out->kind = SQ_V_IRI;
			out->datatype = NULL;
			return;
		}
		if (base == NULL)
		{
			error_value(out);
			return;
		}
		oslo_buf_init(&b);
		oslo_iri_resolve(base, s, &b);
		sq_value_string(out, tmp_copy(e, b.data, b.len), b.len, NULL, NULL);
		oslo_buf_free(&b);
		out->kind = SQ_V_IRI;
		out->datatype = NULL;
	}
}

void
sq_func_eval(sq_eval *e, const sq_expr *x, sq_value *out)
{
	sq_value a, b, c;

	switch (x->op)
	{
		case SQ_E_BOUND:
			sq_value_bool(out, !x->args[0]->hidden && e->bind[x->args[0]->index] != 0);
			return;
		case SQ_E_COALESCE:
			for (int i = 0; i < x->nargs; i++)
			{
				sq_expr_eval(e, x->args[i], out);
				if (out->kind != SQ_V_ERROR)
					return;
			}
			error_value(out);
			return;
		case SQ_E_IF:
		{
			int cond;

			sq_expr_eval(e, x->args[0], &a);
			cond = sq_ebv(&a);
			if (cond < 0)
				error_value(out);
			else
				sq_expr_eval(e, x->args[cond ? 1 : 2], out);
			return;
		}
		case SQ_E_CONCAT:
			fn_concat(e, x, out);
			return;
		default:
			break;
	}
	sq_expr_eval(e, x->args[0], &a);
	if (x->nargs > 1)
		sq_expr_eval(e, x->args[1], &b);
	if (x->nargs > 2)
		sq_expr_eval(e, x->args[2], &c);
	if (a.kind == SQ_V_ERROR)
	{
		error_value(out);
		return;
	}
	switch (x->op)
	{
		case SQ_E_IS_IRI:
			sq_value_bool(out, a.kind == SQ_V_IRI);
			return;
		case SQ_E_IS_BLANK:
			sq_value_bool(out, a.kind == SQ_V_BLANK);
			return;
		case SQ_E_IS_LITERAL:
			sq_value_bool(out, a.kind == SQ_V_LITERAL);
			return;
		case SQ_E_IS_NUMERIC:
			sq_value_bool(out, a.num != SQ_NUM_NONE);
			return;
		case SQ_E_STR:
			if (a.kind == SQ_V_BLANK)
				error_value(out);
			else
				sq_value_string(out, a.lex, a.len, NULL, NULL);
			return;
		case SQ_E_LANG:
			if (a.kind != SQ_V_LITERAL)
				error_value(out);
			else
				sq_value_string(out, a.lang ? a.lang : "", a.lang ? strlen(a.lang) : 0, NULL, NULL);
			return;
		case SQ_E_DATATYPE:
			if (a.kind != SQ_V_LITERAL)
				error_value(out);
			else
			{
				const char *dt = a.lang ? OSLO_RDF_LANGSTRING : a.datatype;

				sq_value_string(out, dt, strlen(dt), NULL, NULL);
				out->kind = SQ_V_IRI;
				out->datatype = NULL;
			}
			return;
		case SQ_E_IRI:
			fn_iri(e, &a, out);
			return;
		case SQ_E_STRDT:
			if (!sq_is_simple_or_string(&a) || b.kind != SQ_V_IRI)
				error_value(out);
			else
			{
				sq_value_string(out, a.lex, a.len, tmp_copy(e, b.lex, b.len), NULL);
				sq_value_typed(out);
			}
			if (out->kind == SQ_V_LITERAL && strcmp(out->datatype, OSLO_RDF_LANGSTRING) == 0)
				error_value(out); /* a language tag cannot be given this way */
			return;
		case SQ_E_STRLANG:
			if (!sq_is_simple_or_string(&a) || !sq_is_simple_or_string(&b) || b.len == 0)
				error_value(out);
			else
			{
				char *tag = tmp_copy(e, b.lex, b.len);

				for (char *s = tag; *s; s++)
				{
					if (*s >= 'A' && *s <= 'Z')
						*s = (char)(*s + 32);
					else if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
					{
						error_value(out);
						return;
					}
				}
				sq_value_string(out, a.lex, a.len, NULL, tag);
			}
			return;
		case SQ_E_STRSTARTS:
		case SQ_E_STRENDS:
		case SQ_E_CONTAINS:
			if (!compatible(&a, &b))
				error_value(out);
			else if (b.len > a.len)
				sq_value_bool(out, false);
			else if (x->op == SQ_E_STRSTARTS)
				sq_value_bool(out, memcmp(a.lex, b.lex, b.len) == 0);
			else if (x->op == SQ_E_STRENDS)
				sq_value_bool(out, memcmp(a.lex + a.len - b.len, b.lex, b.len) == 0);
			else
			{
				bool found = b.len == 0;

				for (size_t i = 0; !found && i + b.len <= a.len; i++)
					found = memcmp(a.lex + i, b.lex, b.len) == 0;
				sq_value_bool(out, found);
			}
			return;
		case SQ_E_STRLEN:
			if (!is_string_literal(&a))
				error_value(out);
			else
				sq_value_integer(e, out, (int64_t)utf8_chars(a.lex, a.len));
			return;
		case SQ_E_SUBSTR:
			fn_substr(e, &a, &b, x->nargs > 2 ? &c : NULL, out);
			return;
		case SQ_E_UCASE:
		case SQ_E_LCASE:
			fn_case(e, &a, x->op == SQ_E_UCASE, out);
			return;
		case SQ_E_LANGMATCHES:
			if (!sq_is_simple_or_string(&a) || !sq_is_simple_or_string(&b))
				error_value(out);
			else
				sq_value_bool(out, lang_matches(a.lex, a.len, b.lex, b.len));
			return;
		case SQ_E_SAMETERM:
			if (b.kind == SQ_V_ERROR)
				error_value(out);
			else
				sq_value_bool(out, sq_value_intern(e, &a) == sq_value_intern(e, &b));
			return;
		case SQ_E_REGEX:
			sq_regex_eval(e, x, &a, &b, out);
			return;
		default:
			error_value(out);
			return;
	}
}
