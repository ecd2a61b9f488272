/*
 * magda_options.c
 *	  Find one member of the options object without a JSON library: the
 *	  plugin ABI lets a plugin include only the core headers and libxml2.
 */
#include "magda.h"

#include <string.h>

#define MAX_DEPTH 512

typedef struct scanner
{
	const char *p;
} scanner;

static void
bad(const scanner *s, const char *what)
{
	oslo_error(OSLO_ERR_SYNTAX, "options are not valid JSON: %s near \"%.20s\"", what, s->p);
}

static void
skip_ws(scanner *s)
{
	while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
		s->p++;
}

static void
skip_string(scanner *s)
{
	s->p++; /* opening quote */
	while (*s->p != '"')
	{
		if (*s->p == '\0')
			bad(s, "unterminated string");
		if (*s->p == '\\' && s->p[1] != '\0')
			s->p++;
		s->p++;
	}
	s->p++;
}

static void
skip_value(scanner *s, int depth)
{
	skip_ws(s);
	if (depth > MAX_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "options nest deeper than %d levels", MAX_DEPTH);
	if (*s->p == '"')
		skip_string(s);
	else if (*s->p == '{' || *s->p == '[')
	{
		char close = *s->p == '{' ? '}' : ']';

		s->p++;
		skip_ws(s);
		if (*s->p == close)
		{
			s->p++;
			return;
		}
		for (;;)
		{
			if (close == '}')
			{
				skip_ws(s);
				if (*s->p != '"')
					bad(s, "expected a member name");
				skip_string(s);
				skip_ws(s);
				if (*s->p++ != ':')
					bad(s, "expected ':'");
			}
			skip_value(s, depth + 1);
			skip_ws(s);
			if (*s->p == ',')
				s->p++;
			else if (*s->p == close)
			{
				s->p++;
				return;
			}
			else
				bad(s, "expected ',' or a closing bracket");
		}
	}
	else
	{
		const char *start = s->p;

		while (*s->p && strchr("+-.0123456789eEtrufalsn", *s->p))
			s->p++;
		if (s->p == start)
			bad(s, "expected a value");
	}
}

static unsigned
hex4(scanner *s, const char *h)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++)
	{
		char c = h[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			bad(s, "bad \\u escape");
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

/* the string starting at s->p (a quote), unescaped, in host memory */
static char *
unescape(scanner *s)
{
	oslo_buf b;

	oslo_buf_init(&b);
	s->p++;
	while (*s->p != '"')
	{
		char c = *s->p++;

		if (c == '\0')
			bad(s, "unterminated string");
		if (c != '\\')
		{
			oslo_buf_putc(&b, c);
			continue;
		}
		c = *s->p++;
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
				unsigned cp;

				if (strlen(s->p) < 4)
					bad(s, "bad \\u escape");
				cp = hex4(s, s->p);
				s->p += 4;
				if (cp >= 0xD800 && cp < 0xDC00 && s->p[0] == '\\' && s->p[1] == 'u' &&
				    strlen(s->p) >= 6)
				{
					unsigned lo = hex4(s, s->p + 2);

					if (lo >= 0xDC00 && lo < 0xE000)
					{
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						s->p += 6;
					}
				}
				if (cp == 0 || (cp >= 0xD800 && cp < 0xE000))
					bad(s, "\\u escape of NUL or a lone surrogate");
				put_utf8(&b, cp);
				break;
			}
			default:
				bad(s, "bad escape");
		}
	}
	s->p++;
	return b.data;
}

char *
magda_option(const char *options_json, const char *name, bool *is_string)
{
	scanner s = {options_json ? options_json : "{}"};

	skip_ws(&s);
	if (*s.p != '{')
		bad(&s, "options must be a JSON object");
	s.p++;
	skip_ws(&s);
	if (*s.p == '}')
		return NULL;
	for (;;)
	{
		char *key;

		skip_ws(&s);
		if (*s.p != '"')
			bad(&s, "expected a member name");
		key = unescape(&s);
		skip_ws(&s);
		if (*s.p++ != ':')
			bad(&s, "expected ':'");
		skip_ws(&s);
		if (strcmp(key, name) == 0)
		{
			const char *start = s.p;

			oslo_free(key);
			*is_string = *s.p == '"';
			if (*is_string)
				return unescape(&s);
			skip_value(&s, 0);
			return oslo_strndup(start, (size_t)(s.p - start));
		}
		oslo_free(key);
		skip_value(&s, 0);
		skip_ws(&s);
		if (*s.p == ',')
			s.p++;
		else if (*s.p == '}')
			return NULL;
		else
			bad(&s, "expected ',' or '}'");
	}
}
