/*
 * magda_request_json.c
 *	  A small JSON reader for the request parameters. The plugin ABI gives a
 *	  plugin the core headers and libxml2 only, and the request builder needs
 *	  every member name (an unknown one is an error), which the options
 *	  scanner of magda_options.c does not give.
 */
#include "magda_request.h"

#include <string.h>

#define MAX_DEPTH 64

typedef struct reader
{
	const char *p;
	const char *end;
	const char *what;
} reader;

static void
syntax(const reader *r, const char *expected)
{
	size_t left = (size_t)(r->end - r->p);

	oslo_error(OSLO_ERR_SYNTAX, "%s are not valid JSON: %s near \"%.*s\"", r->what, expected,
	           (int)(left < 20 ? left : 20), r->p);
}

static void
skip_ws(reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool
at(reader *r, char c)
{
	return r->p < r->end && *r->p == c;
}

static void
expect(reader *r, char c, const char *expected)
{
	skip_ws(r);
	if (!at(r, c))
		syntax(r, expected);
	r->p++;
}

static unsigned
hex4(reader *r)
{
	unsigned v = 0;

	if (r->end - r->p < 4)
		syntax(r, "four hex digits after \\u");
	for (int i = 0; i < 4; i++)
	{
		char c = *r->p++;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			syntax(r, "four hex digits after \\u");
	}
	return v;
}

static void
put_utf8(oslo_buf *b, unsigned cp)
{
	if (cp < 0x80)
		oslo_buf_putc(b, (char)cp);
	else if (cp < 0x800)
	{
		oslo_buf_putc(b, (char)(0xC0 | (cp >> 6)));
		oslo_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
	else if (cp < 0x10000)
	{
		oslo_buf_putc(b, (char)(0xE0 | (cp >> 12)));
		oslo_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		oslo_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
	else
	{
		oslo_buf_putc(b, (char)(0xF0 | (cp >> 18)));
		oslo_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		oslo_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		oslo_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* the string at r->p (a quote), unescaped, in host memory */
static char *
read_string(reader *r)
{
	oslo_buf b;

	oslo_buf_init(&b);
	r->p++;
	for (;;)
	{
		char c;

		if (r->p >= r->end)
		{
			oslo_buf_free(&b);
			syntax(r, "a closing quote");
		}
		c = *r->p++;
		if (c == '"')
			break;
		if ((unsigned char)c < 0x20)
		{
			oslo_buf_free(&b);
			r->p--;
			syntax(r, "no control character inside a string");
		}
		if (c != '\\')
		{
			oslo_buf_putc(&b, c);
			continue;
		}
		if (r->p >= r->end)
			syntax(r, "an escape");
		c = *r->p++;
		switch (c)
		{
			case 'n':
				oslo_buf_putc(&b, '\n');
				break;
			case 't':
				oslo_buf_putc(&b, '\t');
				break;
			case 'r':
				oslo_buf_putc(&b, '\r');
				break;
			case 'b':
				oslo_buf_putc(&b, '\b');
				break;
			case 'f':
				oslo_buf_putc(&b, '\f');
				break;
			case '"':
			case '\\':
			case '/':
				oslo_buf_putc(&b, c);
				break;
			case 'u':
			{
				unsigned cp = hex4(r);

				if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
				    r->p[1] == 'u')
				{
					unsigned lo;

					r->p += 2;
					lo = hex4(r);
					if (lo < 0xDC00 || lo >= 0xE000)
						oslo_error(OSLO_ERR_PARAMETER, "%s hold a lone UTF-16 surrogate", r->what);
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				if (cp == 0)
					oslo_error(OSLO_ERR_PARAMETER, "%s hold a NUL character (\\u0000)", r->what);
				if (cp >= 0xD800 && cp < 0xE000)
					oslo_error(OSLO_ERR_PARAMETER, "%s hold a lone UTF-16 surrogate", r->what);
				put_utf8(&b, cp);
				break;
			}
			default:
				r->p--;
				syntax(r, "a valid escape");
		}
	}
	if (!oslo_utf8_valid(b.data, b.len))
		oslo_error(OSLO_ERR_PARAMETER, "%s hold a string that is not valid UTF-8", r->what);
	return b.data;
}

static void read_value(reader *r, mrj_value *v, int depth);

/* members go into a growing array, then into v */
static void
read_container(reader *r, mrj_value *v, int depth, bool object)
{
	size_t cap = 4;
	char close = object ? '}' : ']';

	v->items = oslo_alloc0(cap * sizeof(mrj_value));
	if (object)
		v->keys = oslo_alloc0(cap * sizeof(char *));
	r->p++;
	skip_ws(r);
	if (at(r, close))
	{
		r->p++;
		goto done;
	}
	for (;;)
	{
		if (v->count == cap)
		{
			cap *= 2;
			v->items = oslo_realloc(v->items, cap * sizeof(mrj_value));
			memset(v->items + v->count, 0, (cap - v->count) * sizeof(mrj_value));
			if (object)
				v->keys = oslo_realloc(v->keys, cap * sizeof(char *));
		}
		if (object)
		{
			char *key;

			skip_ws(r);
			if (!at(r, '"'))
				syntax(r, "a member name");
			key = read_string(r);
			for (size_t i = 0; i < v->count; i++)
				if (strcmp(v->keys[i], key) == 0)
					oslo_error(OSLO_ERR_PARAMETER, "%s name member \"%s\" twice", r->what, key);
			v->keys[v->count] = key;
			expect(r, ':', "':' after a member name");
		}
		read_value(r, &v->items[v->count], depth + 1);
		v->count++;
		skip_ws(r);
		if (at(r, ','))
			r->p++;
		else if (at(r, close))
		{
			r->p++;
			break;
		}
		else
			syntax(r, object ? "',' or '}'" : "',' or ']'");
	}
done:
	if (object)
		v->taken = oslo_alloc0((v->count ? v->count : 1) * sizeof(bool));
}

static bool
literal(reader *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return false;
	r->p += n;
	return true;
}

static void
read_number(reader *r)
{
	const char *start = r->p;

	if (at(r, '-'))
		r->p++;
	if (at(r, '0'))
		r->p++;
	else if (r->p < r->end && *r->p >= '1' && *r->p <= '9')
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	else
	{
		r->p = start;
		syntax(r, "a value");
	}
	if (at(r, '.'))
	{
		r->p++;
		if (!(r->p < r->end && *r->p >= '0' && *r->p <= '9'))
			syntax(r, "digits after '.'");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (at(r, 'e') || at(r, 'E'))
	{
		r->p++;
		if (at(r, '+') || at(r, '-'))
			r->p++;
		if (!(r->p < r->end && *r->p >= '0' && *r->p <= '9'))
			syntax(r, "digits in the exponent");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
}

static void
read_value(reader *r, mrj_value *v, int depth)
{
	if (depth > MAX_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "%s nest deeper than %d levels", r->what, MAX_DEPTH);
	skip_ws(r);
	if (r->p >= r->end)
		syntax(r, "a value");
	switch (*r->p)
	{
		case '"':
			v->kind = MRJ_STRING;
			v->text = read_string(r);
			break;
		case '{':
			v->kind = MRJ_OBJECT;
			read_container(r, v, depth, true);
			break;
		case '[':
			v->kind = MRJ_ARRAY;
			read_container(r, v, depth, false);
			break;
		default:
			if (literal(r, "true") || literal(r, "false"))
				v->kind = MRJ_BOOL;
			else if (literal(r, "null"))
				v->kind = MRJ_NULL;
			else
			{
				read_number(r);
				v->kind = MRJ_NUMBER;
			}
	}
}

mrj_value *
mrj_parse(const char *json, size_t len, const char *what)
{
	reader r;
	mrj_value *v = oslo_alloc0(sizeof(mrj_value));

	if (json == NULL)
		json = "", len = 0;
	r.p = json;
	r.end = json + len;
	r.what = what;
	if (memchr(json, '\0', len) != NULL)
		oslo_error(OSLO_ERR_PARAMETER, "%s hold a NUL byte", what);
	read_value(&r, v, 0);
	skip_ws(&r);
	if (r.p != r.end)
		syntax(&r, "the end of the document");
	return v;
}

static void
free_members(mrj_value *v)
{
	for (size_t i = 0; i < v->count; i++)
	{
		free_members(&v->items[i]);
		if (v->keys)
			oslo_free(v->keys[i]);
	}
	oslo_free(v->items);
	oslo_free(v->keys);
	oslo_free(v->taken);
	oslo_free(v->text);
}

void
mrj_free(mrj_value *v)
{
	if (v == NULL)
		return;
	free_members(v);
	oslo_free(v);
}

mrj_value *
mrj_take(mrj_value *obj, const char *key)
{
	for (size_t i = 0; obj && obj->kind == MRJ_OBJECT && i < obj->count; i++)
		if (strcmp(obj->keys[i], key) == 0)
		{
			obj->taken[i] = true;
			return &obj->items[i];
		}
	return NULL;
}

const char *
mrj_untaken(const mrj_value *obj)
{
	for (size_t i = 0; obj && obj->kind == MRJ_OBJECT && i < obj->count; i++)
		if (!obj->taken[i])
			return obj->keys[i];
	return NULL;
}

const char *
mrj_kind_name(mrj_kind kind)
{
	switch (kind)
	{
		case MRJ_NULL:
			return "null";
		case MRJ_BOOL:
			return "a boolean";
		case MRJ_NUMBER:
			return "a number";
		case MRJ_STRING:
			return "a string";
		case MRJ_ARRAY:
			return "an array";
		case MRJ_OBJECT:
			return "an object";
	}
	return "a value";
}
