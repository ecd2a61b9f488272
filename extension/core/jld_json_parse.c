/*
 * jld_json_parse.c
 *	  A strict RFC 8259 parser into the jld_value model.
 *
 * Written by hand rather than through json-c so that values go straight into
 * the arena (no malloc'd objects to guard) and errors can say where they are.
 */
#include "jsonld.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 1000

typedef struct parser
{
	jld_arena *a;
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	unsigned values; /* for oslo_check_interrupts */
	oslo_buf scratch;
	jmp_buf *soft; /* set: a syntax error returns to jld_try_parse instead of raising */
	char *errbuf;  /* with soft: where the message goes */
	size_t errlen;
} parser;

static void OSLO_NORETURN
fail(parser *p, const char *what)
{
	size_t line = 1, col = 1;

	for (size_t i = 0; i < p->pos && i < p->len; i++)
	{
		if (p->s[i] == '\n')
		{
			line++;
			col = 1;
		}
		else if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
	}
	if (p->soft)
	{
		if (p->errbuf)
			snprintf(p->errbuf, p->errlen, "invalid JSON: line %zu, column %zu: %s", line, col,
			         what);
		oslo_buf_free(&p->scratch);
		longjmp(*p->soft, 1);
	}
	oslo_error_detail(OSLO_ERR_SYNTAX, NULL, "invalid JSON: line %zu, column %zu: %s", line, col,
	                  what);
}

static void
skip_ws(parser *p)
{
	while (p->pos < p->len)
	{
		char c = p->s[p->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
hex4(parser *p)
{
	int v = 0;

	if (p->pos + 4 > p->len)
		fail(p, "truncated \\u escape");
	for (int i = 0; i < 4; i++)
	{
		char c = p->s[p->pos++];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			fail(p, "invalid \\u escape");
	}
	return v;
}

static void
put_utf8(oslo_buf *b, unsigned cp)
{
	char t[4];
	size_t n;

	if (cp < 0x80)
	{
		t[0] = (char)cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	}
	else if (cp < 0x10000)
	{
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	else
	{
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	oslo_buf_append(b, t, n);
}

/* parse a string at p->pos (on the quote); returns arena text, *out_len bytes */
static char *
parse_string(parser *p, size_t *out_len)
{
	size_t start;

	p->pos++;
	start = p->pos;
	/* fast path: no escapes */
	while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\\')
	{
		if ((unsigned char)p->s[p->pos] < 0x20)
			fail(p, "control character in string");
		p->pos++;
	}
	if (p->pos >= p->len)
		fail(p, "unterminated string");
	if (p->s[p->pos] == '"')
	{
		*out_len = p->pos - start;
		p->pos++;
		return jld_arena_strndup(p->a, p->s + start, *out_len);
	}
	oslo_buf_reset(&p->scratch);
	oslo_buf_append(&p->scratch, p->s + start, p->pos - start);
	while (p->pos < p->len && p->s[p->pos] != '"')
	{
		char c = p->s[p->pos];

		if ((unsigned char)c < 0x20)
			fail(p, "control character in string");
		if (c != '\\')
		{
			oslo_buf_putc(&p->scratch, c);
			p->pos++;
			continue;
		}
		if (++p->pos >= p->len)
			fail(p, "unterminated string");
		c = p->s[p->pos++];
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				oslo_buf_putc(&p->scratch, c);
				break;
			case 'b':
				oslo_buf_putc(&p->scratch, '\b');
				break;
			case 'f':
				oslo_buf_putc(&p->scratch, '\f');
				break;
			case 'n':
				oslo_buf_putc(&p->scratch, '\n');
				break;
			case 'r':
				oslo_buf_putc(&p->scratch, '\r');
				break;
			case 't':
				oslo_buf_putc(&p->scratch, '\t');
				break;
			case 'u':
			{
				unsigned cp = (unsigned)hex4(p);

				if (cp >= 0xD800 && cp <= 0xDBFF)
				{
					unsigned lo;

					if (p->pos + 2 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
						fail(p, "unpaired surrogate in \\u escape");
					p->pos += 2;
					lo = (unsigned)hex4(p);
					if (lo < 0xDC00 || lo > 0xDFFF)
						fail(p, "unpaired surrogate in \\u escape");
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				else if (cp >= 0xDC00 && cp <= 0xDFFF)
					fail(p, "unpaired surrogate in \\u escape");
				if (cp == 0)
					fail(p, "\\u0000 is not supported");
				put_utf8(&p->scratch, cp);
				break;
			}
			default:
				p->pos--;
				fail(p, "invalid escape in string");
		}
	}
	if (p->pos >= p->len)
		fail(p, "unterminated string");
	p->pos++;
	*out_len = p->scratch.len;
	return jld_arena_strndup(p->a, p->scratch.data, p->scratch.len);
}

static jld_value *
parse_number(parser *p)
{
	size_t start = p->pos;
	const char *s = p->s;
	char *lex;

	if (p->pos < p->len && s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
		fail(p, "invalid number");
	if (s[p->pos] == '0')
		p->pos++;
	else
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	if (p->pos < p->len && s[p->pos] == '.')
	{
		p->pos++;
		if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
			fail(p, "invalid number: digits expected after '.'");
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E'))
	{
		p->pos++;
		if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
			fail(p, "invalid number: digits expected in exponent");
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	lex = jld_arena_strndup(p->a, s + start, p->pos - start);
	return jld_number(p->a, strtod(lex, NULL), lex);
}

static bool
match_word(parser *p, const char *w)
{
	size_t n = strlen(w);

	if (p->pos + n <= p->len && memcmp(p->s + p->pos, w, n) == 0)
	{
		p->pos += n;
		return true;
	}
	return false;
}

static jld_value *parse_value(parser *p);

static jld_value *
parse_container(parser *p, bool is_object)
{
	jld_value *v = is_object ? jld_object(p->a) : jld_array(p->a);
	char close = is_object ? '}' : ']';

	if (++p->depth > MAX_DEPTH)
		oslo_error(OSLO_ERR_LIMIT, "JSON nesting deeper than %d levels", MAX_DEPTH);
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close)
	{
		p->pos++;
		p->depth--;
		return v;
	}
	for (;;)
	{
		skip_ws(p);
		if (is_object)
		{
			size_t klen;
			char *key;

			if (p->pos >= p->len || p->s[p->pos] != '"')
				fail(p, "object key (a string) expected");
			key = parse_string(p, &klen);
			if (strlen(key) != klen)
				fail(p, "NUL in object key");
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				fail(p, "':' expected after object key");
			p->pos++;
			jld_set(p->a, v, key, parse_value(p));
		}
		else
			jld_push(p->a, v, parse_value(p));
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',')
		{
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close)
		{
			p->pos++;
			break;
		}
		fail(p, is_object ? "',' or '}' expected" : "',' or ']' expected");
	}
	p->depth--;
	return v;
}

static jld_value *
parse_value(parser *p)
{
	if ((++p->values & 8191) == 0)
		oslo_check_interrupts();
	skip_ws(p);
	if (p->pos >= p->len)
		fail(p, "unexpected end of input");
	switch (p->s[p->pos])
	{
		case '{':
			return parse_container(p, true);
		case '[':
			return parse_container(p, false);
		case '"':
		{
			jld_value *v = jld_null(p->a);

			v->kind = JLD_STRING;
			v->str = parse_string(p, &v->len);
			return v;
		}
		case 't':
			if (match_word(p, "true"))
				return jld_bool(p->a, true);
			break;
		case 'f':
			if (match_word(p, "false"))
				return jld_bool(p->a, false);
			break;
		case 'n':
			if (match_word(p, "null"))
				return jld_null(p->a);
			break;
		default:
			if (p->s[p->pos] == '-' || (p->s[p->pos] >= '0' && p->s[p->pos] <= '9'))
				return parse_number(p);
	}
	fail(p, "unexpected character");
}

jld_value *
jld_parse(jld_arena *a, const char *text, size_t len)
{
	parser p = {a, text, len, 0, 0, 0, {0}, NULL, NULL, 0};
	jld_value *v;

	if (!oslo_utf8_valid(text, len))
		oslo_error(OSLO_ERR_SYNTAX, "invalid JSON: not valid UTF-8 (or contains NUL)");
	oslo_buf_init(&p.scratch);
	/* a UTF-8 byte order mark is tolerated */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.pos = 3;
	v = parse_value(&p);
	skip_ws(&p);
	if (p.pos < p.len)
		fail(&p, "trailing characters after the JSON value");
	oslo_buf_free(&p.scratch);
	return v;
}

jld_value *
jld_try_parse_reason(jld_arena *a, const char *text, size_t len, char *errbuf, size_t errlen)
{
	jmp_buf env;
	parser p = {a, text, len, 0, 0, 0, {0}, &env, errbuf, errlen};
	jld_value *v;

	if (!oslo_utf8_valid(text, len))
	{
		if (errbuf)
			snprintf(errbuf, errlen, "invalid JSON: not valid UTF-8 (or contains NUL)");
		return NULL;
	}
	oslo_buf_init(&p.scratch);
	if (setjmp(env) != 0)
		return NULL;
	v = parse_value(&p);
	skip_ws(&p);
	if (p.pos < p.len)
		fail(&p, "trailing characters after the JSON value");
	oslo_buf_free(&p.scratch);
	return v;
}

jld_value *
jld_try_parse(jld_arena *a, const char *text, size_t len)
{
	return jld_try_parse_reason(a, text, len, NULL, 0);
}
