/*
 * sparql_value.c
 *	  Values of SPARQL expressions (SPARQL 1.1 section 17): terms read from
 *	  the graphs, numbers, booleans, effective boolean value, comparisons and
 *	  arithmetic. A type error is the value SQ_V_ERROR.
 */
#include "sparql_internal.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQ_BUMP_SIZE 16384

void *
sq_tmp(sq_eval *e, size_t n)
{
	sq_bump *b = e->bump;

	/*
	 * 16, not 8: sq_value holds an __int128, and the host's allocator (palloc)
	 * only promises 8-byte alignment
	 */
	n = (n + 15) & ~(size_t)15;
	if (b == NULL || b->cap - b->used < n)
	{
		size_t cap = n > SQ_BUMP_SIZE ? n : SQ_BUMP_SIZE;

		b = oslo_alloc(sizeof(sq_bump));
		b->block = oslo_alloc(cap + 15);
		b->base = (char *)(((uintptr_t)b->block + 15) & ~(uintptr_t)15);
		b->used = 0;
		b->cap = cap;
		b->prev = e->bump;
		e->bump = b;
	}
	b->used += n;
	return b->base + b->used - n;
}

/* free all temporaries but the first block, which is kept for reuse */
void
sq_tmp_reset(sq_eval *e)
{
	while (e->bump && e->bump->prev)
	{
		sq_bump *prev = e->bump->prev;

		oslo_free(e->bump->block);
		oslo_free(e->bump);
		e->bump = prev;
	}
	if (e->bump)
		e->bump->used = 0;
}

const oslo_term *
sq_term(const sq_eval *e, oslo_term_id id)
{
	if (id & SQ_SCRATCH_BIT)
		return oslo_graph_term(e->scratch, id & ~SQ_SCRATCH_BIT);
	return oslo_graph_term(e->in, id);
}

const char *
sq_term_datatype(const sq_eval *e, oslo_term_id id, const oslo_term *t)
{
	const oslo_term *dt;

	dt = oslo_graph_term((id & SQ_SCRATCH_BIT) ? e->scratch : e->in, t->datatype);
	return dt ? dt->value : OSLO_XSD_STRING;
}

static bool
is_integer_type(const char *dt)
{
	static const char *const types[] = {"integer",
	                                    "int",
	                                    "long",
	                                    "short",
	                                    "byte",
	                                    "nonNegativeInteger",
	                                    "positiveInteger",
	                                    "nonPositiveInteger",
	                                    "negativeInteger",
	                                    "unsignedLong",
	                                    "unsignedInt",
	                                    "unsignedShort",
	                                    "unsignedByte"};

	if (strncmp(dt, OSLO_XSD, sizeof(OSLO_XSD) - 1) != 0)
		return false;
	dt += sizeof(OSLO_XSD) - 1;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dt, types[i]) == 0)
			return true;
	return false;
}

static bool
is_xsd(const char *dt, const char *local)
{
	return strncmp(dt, OSLO_XSD, sizeof(OSLO_XSD) - 1) == 0 &&
	       strcmp(dt + sizeof(OSLO_XSD) - 1, local) == 0;
}

/* numeric lexical forms (XML Schema), without surrounding spaces */
static void
parse_number(sq_value *v)
{
	const char *s = v->lex;
	size_t n = v->len, i = 0;
	bool digits = false;
	char buf[128];

	if (n == 0 || n >= sizeof(buf))
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (is_integer_type(v->datatype))
	{
		if (buf[i] == '+' || buf[i] == '-')
			i++;
		for (; i < n; i++)
		{
			if (buf[i] < '0' || buf[i] > '9')
				return;
			digits = true;
		}
		if (!digits)
			return;
		errno = 0;
		v->i = strtoll(buf, NULL, 10);
		if (errno == ERANGE)
		{
			v->num = SQ_NUM_DECIMAL; /* out of int64 range: approximate */
			v->d = strtod(buf, NULL);
			return;
		}
		v->num = SQ_NUM_INTEGER;
		v->d = (double)v->i;
		v->exact = sq_dec_parse(buf, n, &v->dec);
	}
	else if (is_xsd(v->datatype, "decimal"))
	{
		bool dot = false;

		if (buf[i] == '+' || buf[i] == '-')
			i++;
		for (; i < n; i++)
		{
			if (buf[i] == '.' && !dot)
				dot = true;
			else if (buf[i] < '0' || buf[i] > '9')
				return;
			else
				digits = true;
		}
		if (!digits)
			return;
		v->num = SQ_NUM_DECIMAL;
		v->d = strtod(buf, NULL);
		v->exact = sq_dec_parse(buf, n, &v->dec);
	}
	else if (is_xsd(v->datatype, "double") || is_xsd(v->datatype, "float"))
	{
		char *end;

		if (strcmp(buf, "INF") == 0 || strcmp(buf, "+INF") == 0)
			v->d = INFINITY;
		else if (strcmp(buf, "-INF") == 0)
			v->d = -INFINITY;
		else if (strcmp(buf, "NaN") == 0)
			v->d = NAN;
		else
		{
			/* strtod also reads hex and "inf": accept XML Schema's form only */
			for (i = 0; i < n; i++)
				if (!strchr("0123456789+-.eE", buf[i]))
					return;
			v->d = strtod(buf, &end);
			if (*end != '\0' || end == buf)
				return;
		}
		v->num = SQ_NUM_DOUBLE;
	}
}

void
sq_value_of_term(sq_eval *e, oslo_term_id id, sq_value *v)
{
	const oslo_term *t = sq_term(e, id);

	memset(v, 0, sizeof(*v));
	if (t == NULL)
		return; /* unbound: an error */
	v->id = id;
	v->lex = t->value;
	v->len = t->len;
	switch (t->kind)
	{
		case OSLO_TERM_IRI:
			v->kind = SQ_V_IRI;
			return;
		case OSLO_TERM_BLANK:
			v->kind = SQ_V_BLANK;
			return;
		case OSLO_TERM_LITERAL:
			break;
	}
	v->kind = SQ_V_LITERAL;
	v->datatype = sq_term_datatype(e, id, t);
	v->lang = t->lang;
	sq_value_typed(v);
}

/* the number or boolean a typed literal denotes, when its lexical form is valid */
void
sq_value_typed(sq_value *v)
{
	if (v->lang)
		return;
	if (is_xsd(v->datatype, "boolean"))
	{
		if ((v->len == 4 && memcmp(v->lex, "true", 4) == 0) || (v->len == 1 && v->lex[0] == '1'))
			v->is_bool = v->b = true;
		else if ((v->len == 5 && memcmp(v->lex, "false", 5) == 0) ||
		         (v->len == 1 && v->lex[0] == '0'))
			v->is_bool = true;
		return;
	}
	if (!is_xsd(v->datatype, "string"))
		parse_number(v);
}

void
sq_value_string(sq_value *v, const char *s, size_t len, const char *datatype, const char *lang)
{
	memset(v, 0, sizeof(*v));
	v->kind = SQ_V_LITERAL;
	v->lex = s;
	v->len = len;
	v->lang = lang;
	v->datatype = lang ? OSLO_RDF_LANGSTRING : datatype ? datatype : OSLO_XSD_STRING;
}

void
sq_value_bool(sq_value *v, bool b)
{
	sq_value_string(v, b ? "true" : "false", b ? 4 : 5, OSLO_XSD "boolean", NULL);
	v->is_bool = true;
	v->b = b;
}

void
sq_value_integer(sq_eval *e, sq_value *v, int64_t i)
{
	char *s = sq_tmp(e, 24);

	snprintf(s, 24, "%lld", (long long)i);
	sq_value_string(v, s, strlen(s), OSLO_XSD "integer", NULL);
	v->num = SQ_NUM_INTEGER;
	v->i = i;
	v->d = (double)i;
	v->exact = true;
	v->dec.m = i;
	v->dec.scale = 0;
}

void
sq_value_decimal_exact(sq_eval *e, sq_value *v, const sq_dec *d)
{
	char *s = sq_tmp(e, 64);

	sq_dec_format(d, s, 64);
	sq_value_string(v, s, strlen(s), OSLO_XSD "decimal", NULL);
	v->num = SQ_NUM_DECIMAL;
	v->d = sq_dec_double(d);
	v->exact = true;
	v->dec = *d;
}

void
sq_value_decimal(sq_eval *e, sq_value *v, double d)
{
	char *s = sq_tmp(e, 48);

	if (!isfinite(d))
	{
		memset(v, 0, sizeof(*v)); /* no decimal is infinite */
		return;
	}
	snprintf(s, 48, "%.15g", d);
	if (strchr(s, 'e'))
		snprintf(s, 48, "%.1f", d);
	else if (!strchr(s, '.'))
		strcat(s, ".0");
	sq_value_string(v, s, strlen(s), OSLO_XSD "decimal", NULL);
	v->num = SQ_NUM_DECIMAL;
	v->d = d;
}

/*
 * Doubles computed by expressions are written as Jena ARQ writes them (the
 * alignment bench compares our output with Jena's as graphs, so the lexical
 * forms must agree): Java's Double.toString, the shortest digits that read
 * back as the same double, with "e0" appended in the plain decimal range.
 */
static void
double_lexical(double d, char *s, size_t size)
{
	char digits[40], m[24];
	int prec, exp, nd = 0;
	char *p;
	bool neg = d < 0 || (d == 0 && signbit(d));

	for (prec = 1; prec <= 17; prec++)
	{
		snprintf(digits, sizeof(digits), "%.*e", prec - 1, fabs(d));
		if (strtod(digits, NULL) == fabs(d))
			break;
	}
	p = strchr(digits, 'e');
	exp = atoi(p + 1);
	for (char *c = digits; c < p; c++)
		if (*c != '.')
			m[nd++] = *c;
	while (nd > 1 && m[nd - 1] == '0')
		nd--;
	m[nd] = '\0';
	if (d == 0)
		snprintf(s, size, "%s0.0e0", neg ? "-" : "");
	else if (fabs(d) >= 1e-3 && fabs(d) < 1e7)
	{
		oslo_buf b;

		oslo_buf_init(&b);
		if (neg)
			oslo_buf_putc(&b, '-');
		if (exp < 0)
		{
			oslo_buf_puts(&b, "0.");
			for (int i = 0; i < -exp - 1; i++)
				oslo_buf_putc(&b, '0');
			oslo_buf_puts(&b, m);
		}
		else
		{
			for (int i = 0; i <= exp; i++)
				oslo_buf_putc(&b, i < nd ? m[i] : '0');
			oslo_buf_putc(&b, '.');
			if (nd > exp + 1)
				oslo_buf_puts(&b, m + exp + 1);
			else
				oslo_buf_putc(&b, '0');
		}
		snprintf(s, size, "%se0", b.data);
		oslo_buf_free(&b);
	}
	else
		snprintf(s, size, "%s%c.%sE%d", neg ? "-" : "", m[0], nd > 1 ? m + 1 : "0", exp);
}

void
sq_value_double(sq_eval *e, sq_value *v, double d)
{
	char *s = sq_tmp(e, 48);

	if (isnan(d))
		strcpy(s, "NaN");
	else if (isinf(d))
		strcpy(s, d > 0 ? "INF" : "-INF");
	else
		double_lexical(d, s, 48);
	sq_value_string(v, s, strlen(s), OSLO_XSD "double", NULL);
	v->num = SQ_NUM_DOUBLE;
	v->d = d;
}

oslo_term_id
sq_value_intern(sq_eval *e, const sq_value *v)
{
	oslo_term_id id;

	if (v->id)
		return v->id;
	if (v->kind == SQ_V_IRI)
	{
		id = oslo_graph_find_iri(e->in, v->lex, v->len);
		if (id)
			return id;
		return oslo_graph_iri(e->scratch, v->lex, v->len) | SQ_SCRATCH_BIT;
	}
	if (v->kind != SQ_V_LITERAL)
		return 0;
	{
		oslo_term t;
		const char *dt = v->lang ? OSLO_RDF_LANGSTRING : v->datatype;

		memset(&t, 0, sizeof(t));
		t.kind = OSLO_TERM_LITERAL;
		t.value = v->lex;
		t.len = (uint32_t)v->len;
		t.lang = v->lang;
		t.datatype = oslo_graph_find_iri(e->in, dt, strlen(dt));
		if (t.datatype && (id = oslo_graph_find_term(e->in, &t)) != 0)
			return id;
	}
	return oslo_graph_literal(e->scratch, v->lex, v->len, v->lang ? NULL : v->datatype, v->lang) |
	       SQ_SCRATCH_BIT;
}

bool
sq_is_simple_or_string(const sq_value *v)
{
	return v->kind == SQ_V_LITERAL && v->lang == NULL && strcmp(v->datatype, OSLO_XSD_STRING) == 0;
}

int
sq_ebv(const sq_value *v)
{
	if (v->kind != SQ_V_LITERAL)
		return -1;
	if (v->is_bool)
		return v->b;
	if (is_xsd(v->datatype, "boolean"))
		return 0; /* ill-formed boolean */
	if (v->num != SQ_NUM_NONE)
		return v->num == SQ_NUM_INTEGER ? v->i != 0 : (v->d != 0 && !isnan(v->d));
	if (is_integer_type(v->datatype) || is_xsd(v->datatype, "decimal") ||
	    is_xsd(v->datatype, "double") || is_xsd(v->datatype, "float"))
		return 0; /* ill-formed number */
	/* plain literals, with or without a language tag (17.2.2) */
	if (v->lang || sq_is_simple_or_string(v))
		return v->len > 0;
	return -1;
}

static int
cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static bool
same_term(const sq_value *a, const sq_value *b)
{
	if (a->id && b->id)
		return a->id == b->id; /* canonical ids: equal terms, equal ids */
	if (a->kind != b->kind || cmp_bytes(a->lex, a->len, b->lex, b->len) != 0)
		return false;
	if (a->kind != SQ_V_LITERAL)
		return true;
	if ((a->lang == NULL) != (b->lang == NULL) || (a->lang && strcmp(a->lang, b->lang) != 0))
		return false;
	return strcmp(a->datatype, b->datatype) == 0;
}

/* datatypes whose values the operators know: comparing two of them is no error */
static bool
known_type(const sq_value *v)
{
	return v->lang || v->num != SQ_NUM_NONE || v->is_bool || sq_is_simple_or_string(v) ||
	       is_xsd(v->datatype, "dateTime") || is_xsd(v->datatype, "date");
}

static int
apply(sq_op op, int c)
{
	switch (op)
	{
		case SQ_E_EQ:
			return c == 0;
		case SQ_E_NE:
			return c != 0;
		case SQ_E_LT:
			return c < 0;
		case SQ_E_LE:
			return c <= 0;
		case SQ_E_GT:
			return c > 0;
		case SQ_E_GE:
			return c >= 0;
		default:
			return -1;
	}
}

int
sq_compare(sq_eval *e, sq_op op, const sq_value *a, const sq_value *b)
{
	bool ordering = op != SQ_E_EQ && op != SQ_E_NE;

	(void)e;
	if (a->kind == SQ_V_ERROR || b->kind == SQ_V_ERROR)
		return -1;
	if (a->num != SQ_NUM_NONE && b->num != SQ_NUM_NONE)
	{
		int c;

		bool ok = false;

		if (a->num == SQ_NUM_INTEGER && b->num == SQ_NUM_INTEGER)
			c = a->i < b->i ? -1 : a->i > b->i;
		else if (a->num != SQ_NUM_DOUBLE && b->num != SQ_NUM_DOUBLE && a->exact && b->exact &&
		         (c = sq_dec_cmp(&a->dec, &b->dec, &ok), ok))
			;
		else
		{
			if (isnan(a->d) || isnan(b->d))
				return op == SQ_E_NE;
			c = a->d < b->d ? -1 : a->d > b->d;
		}
		return apply(op, c);
	}
	if (sq_is_simple_or_string(a) && sq_is_simple_or_string(b))
		return apply(op, cmp_bytes(a->lex, a->len, b->lex, b->len));
	if (a->is_bool && b->is_bool)
		return apply(op, (int)a->b - (int)b->b);
	if (a->kind == SQ_V_LITERAL && b->kind == SQ_V_LITERAL &&
	    strcmp(a->datatype, b->datatype) == 0 &&
	    (is_xsd(a->datatype, "dateTime") || is_xsd(a->datatype, "date")))
		return apply(op, cmp_bytes(a->lex, a->len, b->lex, b->len));
	if (ordering)
		return -1;
	/* RDFterm-equal */
	if (same_term(a, b))
		return op == SQ_E_EQ;
	if (a->kind == SQ_V_LITERAL && b->kind == SQ_V_LITERAL && !(known_type(a) && known_type(b)))
		return -1;
	return op == SQ_E_NE;
}

void
sq_arith(sq_eval *e, sq_op op, const sq_value *a, const sq_value *b, sq_value *r)
{
	sq_num t;

	memset(r, 0, sizeof(*r));
	if (a->num == SQ_NUM_NONE || b->num == SQ_NUM_NONE)
		return;
	t = a->num > b->num ? a->num : b->num;
	if (op == SQ_E_DIV && t == SQ_NUM_INTEGER)
		t = SQ_NUM_DECIMAL; /* integer division gives a decimal */
	if (t == SQ_NUM_INTEGER)
	{
		int64_t x;
		bool overflow;

		switch (op)
		{
			case SQ_E_ADD:
				overflow = __builtin_add_overflow(a->i, b->i, &x);
				break;
			case SQ_E_SUB:
				overflow = __builtin_sub_overflow(a->i, b->i, &x);
				break;
			default:
				overflow = __builtin_mul_overflow(a->i, b->i, &x);
				break;
		}
		if (overflow)
			return; /* beyond int64: an error rather than a wrong number */
		sq_value_integer(e, r, x);
		return;
	}
	if (t == SQ_NUM_DECIMAL && a->exact && b->exact)
	{
		sq_dec x;

		if (op == SQ_E_DIV && b->dec.m == 0)
			return; /* decimal division by zero: an error */
		if (sq_dec_arith(op, &a->dec, &b->dec, &x))
		{
			sq_value_decimal_exact(e, r, &x);
			return;
		}
		/* beyond 128 bits: approximately, in doubles */
	}
	{
		double x;

		switch (op)
		{
			case SQ_E_ADD:
				x = a->d + b->d;
				break;
			case SQ_E_SUB:
				x = a->d - b->d;
				break;
			case SQ_E_MUL:
				x = a->d * b->d;
				break;
			default:
				if (b->d == 0 && t == SQ_NUM_DECIMAL)
					return; /* decimal division by zero: an error */
				x = a->d / b->d;
				break;
		}
		if (t == SQ_NUM_DECIMAL)
			sq_value_decimal(e, r, x);
		else
			sq_value_double(e, r, x);
	}
}
