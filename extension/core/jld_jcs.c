/*
 * jld_jcs.c
 *	  JSON Canonicalization Scheme (RFC 8785) for rdf:JSON literals: sorted
 *	  keys, minimal string escapes, numbers as ECMAScript prints them.
 */
#include "jld_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ECMAScript Number::toString, for JSON canonicalization (RFC 8785) */
static void
js_number(double d, oslo_buf *out)
{
	char digits[32], tmp[40];
	int exp, nd = 0, p;

	if (d == 0)
	{
		oslo_buf_putc(out, '0');
		return;
	}
	if (!isfinite(d)) /* no JSON form; the parser never makes one, this keeps it that way */
		oslo_error(OSLO_ERR_DATA, "a JSON literal holds a number out of the range of a double");
	if (d < 0)
	{
		oslo_buf_putc(out, '-');
		d = -d;
	}
	for (p = 1; p <= 17; p++)
	{
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* tmp: D.DDDDe[+-]X */
	for (char *c = tmp; *c && *c != 'e'; c++)
		if (*c >= '0' && *c <= '9')
			digits[nd++] = *c;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	exp = atoi(strchr(tmp, 'e') + 1) + 1; /* value = 0.DIGITS x 10^exp */
	if (nd <= exp && exp <= 21)
	{
		oslo_buf_puts(out, digits);
		for (int i = nd; i < exp; i++)
			oslo_buf_putc(out, '0');
	}
	else if (0 < exp && exp <= 21)
	{
		oslo_buf_append(out, digits, (size_t)exp);
		oslo_buf_putc(out, '.');
		oslo_buf_puts(out, digits + exp);
	}
	else if (-6 < exp && exp <= 0)
	{
		oslo_buf_puts(out, "0.");
		for (int i = 0; i < -exp; i++)
			oslo_buf_putc(out, '0');
		oslo_buf_puts(out, digits);
	}
	else
	{
		oslo_buf_putc(out, digits[0]);
		if (nd > 1)
		{
			oslo_buf_putc(out, '.');
			oslo_buf_puts(out, digits + 1);
		}
		oslo_buf_printf(out, "e%c%d", exp - 1 >= 0 ? '+' : '-', abs(exp - 1));
	}
}

static void
jcs_string(const char *s, size_t len, oslo_buf *out)
{
	oslo_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char)s[i];

		switch (c)
		{
			case '"':
				oslo_buf_puts(out, "\\\"");
				break;
			case '\\':
				oslo_buf_puts(out, "\\\\");
				break;
			case '\b':
				oslo_buf_puts(out, "\\b");
				break;
			case '\f':
				oslo_buf_puts(out, "\\f");
				break;
			case '\n':
				oslo_buf_puts(out, "\\n");
				break;
			case '\r':
				oslo_buf_puts(out, "\\r");
				break;
			case '\t':
				oslo_buf_puts(out, "\\t");
				break;
			default:
				if (c < 0x20)
					oslo_buf_printf(out, "\\u%04x", c);
				else
					oslo_buf_putc(out, (char)c);
		}
	}
	oslo_buf_putc(out, '"');
}

static int
cmp_members(const void *a, const void *b)
{
	return strcmp(((const jld_member *)a)->key, ((const jld_member *)b)->key);
}

/* RFC 8785 JSON canonicalization (keys sorted by code point; UTF-8 order agrees) */
void
jld_canonical_json(const jld_value *v, oslo_buf *out)
{
	switch (v->kind)
	{
		case JLD_NULL:
		case JLD_BOOL:
			jld_serialize(v, out);
			break;
		case JLD_NUMBER:
			js_number(v->number, out);
			break;
		case JLD_STRING:
			jcs_string(v->str, v->len, out);
			break;
		case JLD_ARRAY:
			oslo_buf_putc(out, '[');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				jld_canonical_json(v->items[i], out);
			}
			oslo_buf_putc(out, ']');
			break;
		case JLD_OBJECT:
		{
			jld_member *m = oslo_alloc((v->count + 1) * sizeof(jld_member));

			jld_copy_bytes(m, v->members, v->count * sizeof(jld_member));
			jld_sort(m, v->count, sizeof(jld_member), cmp_members);
			oslo_buf_putc(out, '{');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				jcs_string(m[i].key, strlen(m[i].key), out);
				oslo_buf_putc(out, ':');
				jld_canonical_json(m[i].value, out);
			}
			oslo_buf_putc(out, '}');
			oslo_free(m);
			break;
		}
	}
}
