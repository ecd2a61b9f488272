/*
 * sparql_decimal.c
 *	  Exact xsd:decimal arithmetic for SPARQL expressions: a 128-bit integer
 *	  scaled by a power of ten, as Jena does with BigDecimal (so 0.1 + 0.2 =
 *	  0.3 holds, and results print alike). A quotient that does not end is
 *	  rounded half-even to 24 decimals, Jena's precision. Whatever does not fit
 *	  in 128 bits returns false and the caller computes in doubles.
 */
#include "sparql_internal.h"

#include <stdlib.h>
#include <string.h>

#define SQ_DEC_MAX_SCALE  38
#define SQ_DEC_DIV_DIGITS 24

typedef __int128 i128;

static const i128 I128_MAX = (i128)(((unsigned __int128)1 << 127) - 1);

static bool
mul10(i128 *x, int times)
{
	for (int i = 0; i < times; i++)
		if (__builtin_mul_overflow(*x, (i128)10, x))
			return false;
	return true;
}

bool
sq_dec_parse(const char *s, size_t n, sq_dec *out)
{
	size_t i = 0;
	bool neg = false, dot = false;
	int digits = 0;

	out->m = 0;
	out->scale = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < n; i++)
	{
		if (s[i] == '.' && !dot)
		{
			dot = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (out->m != 0 || s[i] != '0')
			digits++;
		if (digits > 37 || !mul10(&out->m, 1))
			return false;
		out->m += s[i] - '0';
		if (dot)
			out->scale++;
	}
	if (out->scale > SQ_DEC_MAX_SCALE)
		return false;
	if (neg)
		out->m = -out->m;
	return true;
}

/* a and b at the same scale (the larger) */
static bool
align(const sq_dec *a, const sq_dec *b, i128 *x, i128 *y, int *scale)
{
	*x = a->m;
	*y = b->m;
	*scale = a->scale > b->scale ? a->scale : b->scale;
	return mul10(x, *scale - a->scale) && mul10(y, *scale - b->scale);
}

int
sq_dec_cmp(const sq_dec *a, const sq_dec *b, bool *ok)
{
	i128 x, y;
	int scale;

	*ok = align(a, b, &x, &y, &scale);
	return x < y ? -1 : x > y;
}

static i128
abs128(i128 x)
{
	return x < 0 ? -x : x;
}

static i128
gcd(i128 a, i128 b)
{
	while (b)
	{
		i128 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static bool
divide(const sq_dec *a, const sq_dec *b, sq_dec *r)
{
	i128 n = a->m, d = b->m, q, rem, reduced;
	int k;

	/* a/b = (ma * 10^sb) / (mb * 10^sa) */
	if (!mul10(&n, b->scale) || !mul10(&d, a->scale) || d == 0 || n == I128_MAX)
		return false;
	reduced = abs128(d) / gcd(abs128(n), abs128(d));
	while (reduced % 2 == 0)
		reduced /= 2;
	while (reduced % 5 == 0)
		reduced /= 5;
	if (reduced == 1)
	{
		/* the quotient ends: the fewest decimals that hold it exactly */
		for (k = 0; k <= SQ_DEC_MAX_SCALE; k++)
		{
			i128 t = n;

			if (!mul10(&t, k))
				return false;
			if (t % d == 0)
			{
				r->m = t / d;
				r->scale = k;
				return true;
			}
		}
		return false;
	}
	if (!mul10(&n, SQ_DEC_DIV_DIGITS))
		return false;
	q = n / d;
	rem = n % d;
	/* half-even rounding of the 24th decimal */
	if (rem != 0)
	{
		i128 twice = abs128(rem) * 2, ad = abs128(d);
		bool negative = (n < 0) != (d < 0);

		if (twice > ad || (twice == ad && (q % 2 != 0)))
			q += negative ? -1 : 1;
	}
	r->m = q;
	r->scale = SQ_DEC_DIV_DIGITS;
	return true;
}

bool
sq_dec_arith(sq_op op, const sq_dec *a, const sq_dec *b, sq_dec *r)
{
	i128 x, y;
	int scale;

	switch (op)
	{
		case SQ_E_ADD:
		case SQ_E_SUB:
			if (!align(a, b, &x, &y, &scale))
				return false;
			r->scale = scale;
			return op == SQ_E_ADD ? !__builtin_add_overflow(x, y, &r->m)
			                      : !__builtin_sub_overflow(x, y, &r->m);
		case SQ_E_MUL:
			if (__builtin_mul_overflow(a->m, b->m, &r->m))
				return false;
			r->scale = a->scale + b->scale;
			while (r->scale > SQ_DEC_MAX_SCALE && r->m % 10 == 0)
				r->m /= 10, r->scale--;
			return r->scale <= SQ_DEC_MAX_SCALE;
		case SQ_E_DIV:
			return divide(a, b, r);
		default:
			return false;
	}
}

/* the nearest double, correctly rounded (through the decimal text) */
double
sq_dec_double(const sq_dec *d)
{
	char buf[64];

	sq_dec_format(d, buf, sizeof(buf));
	return strtod(buf, NULL);
}

/* the canonical form: no trailing zeros after the point, at least one decimal */
void
sq_dec_format(const sq_dec *d, char *buf, size_t size)
{
	char digits[64];
	int n = 0, scale = d->scale;
	i128 m = d->m;
	bool neg = m < 0;
	size_t o = 0;

	while (scale > 0 && m % 10 == 0)
		m /= 10, scale--;
	do
	{
		int digit = (int)(m % 10);

		digits[n++] = (char)('0' + (digit < 0 ? -digit : digit));
		m /= 10;
	} while (m != 0);
	while (n <= scale)
		digits[n++] = '0'; /* a leading "0." */
	if (neg && o + 1 < size)
		buf[o++] = '-';
	for (int i = n - 1; i >= 0 && o + 3 < size; i--)
	{
		buf[o++] = digits[i];
		if (i == scale && scale > 0)
			buf[o++] = '.';
	}
	if (scale == 0 && o + 3 < size)
	{
		buf[o++] = '.';
		buf[o++] = '0';
	}
	buf[o] = '\0';
}
