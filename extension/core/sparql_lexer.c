/*
 * sparql_lexer.c
 *	  Tokens of the SPARQL 1.1 grammar (section 19.8), with line and column
 *	  (in characters) of each for error messages.
 */
#include "sparql_internal.h"

#include <stdio.h>
#include <string.h>

/*
 * The column (in characters) of `at` on the current line, counted on from the
 * previous token's: a query written on one long line stays linear.
 */
static int
column_of(sq_lexer *lx, const char *at)
{
	if (lx->col_line_start != lx->line_start || lx->col_at > at)
	{
		lx->col_line_start = lx->line_start;
		lx->col_at = lx->line_start;
		lx->col = 1;
	}
	for (const char *c = lx->col_at; c < at; c++)
		if (((unsigned char)*c & 0xC0) != 0x80)
			lx->col++;
	lx->col_at = at;
	return lx->col;
}

static void OSLO_NORETURN OSLO_PRINTF(3, 4)
    lex_error(sq_lexer *lx, const char *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	oslo_error(OSLO_ERR_SYNTAX, "invalid SPARQL in %s at line %d, column %d: %s", lx->what,
	           lx->line, column_of(lx, at), msg);
}

/* length of the UTF-8 sequence at s (RFC 3629), 0 when invalid */
static int
utf8_seq(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0];
	int n;
	unsigned cp;

	if (c < 0x80)
		return c == 0 ? 0 : 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (end - s < n)
		return 0;
	for (int i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

void
sq_lex_init(sq_lexer *lx, const char *text, size_t len, sq_arena *a, const char *what)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;

	lx->src = lx->pos = lx->line_start = text;
	lx->end = text + len;
	lx->line = 1;
	lx->arena = a;
	lx->what = what;
	/* check the encoding once, so that the scanners can copy bytes freely */
	while (s < end)
	{
		int n = utf8_seq(s, end);

		if (n == 0)
			lex_error(lx, (const char *)s,
			          *s == 0 ? "NUL byte in the query" : "invalid UTF-8 byte sequence");
		if (*s == '\n')
		{
			lx->line++;
			lx->line_start = (const char *)s + 1;
		}
		s += n;
	}
	lx->line = 1;
	lx->line_start = text;
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* PN_CHARS_U: letters, '_' and non-ASCII characters (checked loosely) */
static bool
is_pn_u(int c)
{
	return is_alpha(c) || c == '_' || c >= 0x80;
}

static bool
is_pn(int c)
{
	return is_pn_u(c) || is_digit(c) || c == '-';
}

static void
put_utf8(oslo_buf *b, unsigned cp)
{
	char s[4];
	int n;

	if (cp < 0x80)
		s[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		s[0] = (char)(0xC0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	else if (cp < 0x10000)
		s[0] = (char)(0xE0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
		s[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	else
		s[0] = (char)(0xF0 | (cp >> 18)), s[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), s[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	oslo_buf_append(b, s, (size_t)n);
}

/* \uXXXX or \UXXXXXXXX at p (pointing at the 'u'); returns the end */
static const char *
read_uchar(sq_lexer *lx, const char *p, oslo_buf *b)
{
	int n = *p == 'u' ? 4 : 8;
	unsigned cp = 0;

	if (lx->end - p - 1 < n)
		lex_error(lx, p - 1, "incomplete \\%c escape", *p);
	for (int i = 1; i <= n; i++)
	{
		int c = (unsigned char)p[i];

		if (!is_hex(c))
			lex_error(lx, p - 1, "invalid \\%c escape", *p);
		cp = cp * 16 + (unsigned)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		lex_error(lx, p - 1, "escape \\%c of an invalid code point", *p);
	put_utf8(b, cp);
	return p + 1 + n;
}

static char *
take_buf(sq_lexer *lx, oslo_buf *b, size_t *len)
{
	char *s = sq_strndup(lx->arena, b->data ? b->data : "", b->len);

	if (len)
		*len = b->len;
	oslo_buf_free(b);
	return s;
}

static void
lex_string(sq_lexer *lx, sq_token *t)
{
	char q = *lx->pos;
	bool longq = lx->end - lx->pos >= 3 && lx->pos[1] == q && lx->pos[2] == q;
	const char *p = lx->pos + (longq ? 3 : 1);
	oslo_buf b;

	oslo_buf_init(&b);
	for (;;)
	{
		if (p >= lx->end)
		{
			oslo_buf_free(&b);
			lex_error(lx, lx->pos, "unterminated string");
		}
		if (*p == q)
		{
			if (!longq)
			{
				p++;
				break;
			}
			if (lx->end - p >= 3 && p[1] == q && p[2] == q)
			{
				/* """a"""" ends with the last three quotes */
				while (lx->end - p > 3 && p[3] == q)
					oslo_buf_putc(&b, *p++);
				p += 3;
				break;
			}
			oslo_buf_putc(&b, *p++);
			continue;
		}
		if (*p == '\\')
		{
			char c = p + 1 < lx->end ? p[1] : '\0';
			const char *rep = NULL;

			switch (c)
			{
				case 't':
					rep = "\t";
					break;
				case 'b':
					rep = "\b";
					break;
				case 'n':
					rep = "\n";
					break;
				case 'r':
					rep = "\r";
					break;
				case 'f':
					rep = "\f";
					break;
				case '"':
					rep = "\"";
					break;
				case '\'':
					rep = "'";
					break;
				case '\\':
					rep = "\\";
					break;
				case 'u':
				case 'U':
					p = read_uchar(lx, p + 1, &b);
					continue;
				default:
					oslo_buf_free(&b);
					lex_error(lx, p, "invalid escape in a string");
			}
			oslo_buf_putc(&b, rep[0]);
			p += 2;
			continue;
		}
		if (!longq && (*p == '\n' || *p == '\r'))
		{
			oslo_buf_free(&b);
			lex_error(lx, p, "line break in a short string");
		}
		if (*p == '\n')
		{
			lx->line++;
			lx->line_start = p + 1;
		}
		oslo_buf_putc(&b, *p++);
	}
	t->kind = SQ_T_STRING;
	t->text = take_buf(lx, &b, &t->len);
	lx->pos = p;
}

/* the local part of a prefixed name (PN_LOCAL), escapes decoded */
static const char *
lex_local(sq_lexer *lx, const char *p, oslo_buf *b)
{
	const char *end = lx->end;
	bool first = true;

	while (p < end)
	{
		int c = (unsigned char)*p;

		if (is_pn(c) || c == ':' || (first && is_digit(c)))
			oslo_buf_putc(b, *p++);
		else if (c == '.' && !first && p + 1 < end &&
		         (is_pn((unsigned char)p[1]) || p[1] == ':' || p[1] == '.' || p[1] == '%' ||
		          p[1] == '\\'))
		{
			/* a dot inside the name, not the one ending a triple */
			const char *q = p;

			while (q < end && *q == '.')
				q++;
			if (q < end && (is_pn((unsigned char)*q) || *q == ':' || *q == '%' || *q == '\\'))
			{
				oslo_buf_append(b, p, (size_t)(q - p));
				p = q;
			}
			else
				break;
		}
		else if (c == '%')
		{
			if (end - p < 3 || !is_hex((unsigned char)p[1]) || !is_hex((unsigned char)p[2]))
				lex_error(lx, p, "invalid %% escape in a prefixed name");
			oslo_buf_append(b, p, 3);
			p += 3;
		}
		else if (c == '\\')
		{
			if (p + 1 >= end || !strchr("_~.-!$&'()*+,;=/?#@%", p[1]) || p[1] == '\0')
				lex_error(lx, p, "invalid escape in a prefixed name");
			oslo_buf_putc(b, p[1]);
			p += 2;
		}
		else
			break;
		first = false;
	}
	return p;
}

static void
lex_number(sq_lexer *lx, sq_token *t)
{
	const char *p = lx->pos, *end = lx->end;

	t->kind = SQ_T_INT;
	while (p < end && is_digit((unsigned char)*p))
		p++;
	if (p < end && *p == '.' && p + 1 < end && is_digit((unsigned char)p[1]))
	{
		t->kind = SQ_T_DEC;
		p++;
		while (p < end && is_digit((unsigned char)*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		const char *q = p + 1;

		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q < end && is_digit((unsigned char)*q))
		{
			while (q < end && is_digit((unsigned char)*q))
				q++;
			p = q;
			t->kind = SQ_T_DOUBLE;
		}
		else
			lex_error(lx, p, "invalid exponent in a number");
	}
	t->text = sq_strndup(lx->arena, lx->pos, (size_t)(p - lx->pos));
	t->len = (size_t)(p - lx->pos);
	lx->pos = p;
}

static void
skip_space(sq_lexer *lx)
{
	while (lx->pos < lx->end)
	{
		char c = *lx->pos;

		if (c == '\n')
		{
			lx->line++;
			lx->line_start = ++lx->pos;
		}
		else if (c == ' ' || c == '\t' || c == '\r')
			lx->pos++;
		else if (c == '#')
		{
			while (lx->pos < lx->end && *lx->pos != '\n')
				lx->pos++;
		}
		else
			break;
	}
}

/* <iri>, when what follows '<' can be one; otherwise NULL */
static const char *
scan_iri(sq_lexer *lx, const char *p)
{
	for (p++; p < lx->end; p++)
	{
		unsigned char c = (unsigned char)*p;

		if (c == '>')
			return p;
		if (c <= 0x20 || strchr("<\"{}|^`\\", c))
			return NULL;
	}
	return NULL;
}

void
sq_lex_next(sq_lexer *lx, sq_token *t)
{
	const char *p;
	int c;

	skip_space(lx);
	memset(t, 0, sizeof(*t));
	t->line = lx->line;
	t->col = column_of(lx, lx->pos);
	if (lx->pos >= lx->end)
	{
		t->kind = SQ_T_EOF;
		return;
	}
	p = lx->pos;
	c = (unsigned char)*p;

	if (c == '<')
	{
		const char *close = scan_iri(lx, p);

		if (close)
		{
			t->kind = SQ_T_IRI;
			t->text = sq_strndup(lx->arena, p + 1, (size_t)(close - p - 1));
			t->len = (size_t)(close - p - 1);
			lx->pos = close + 1;
			return;
		}
	}
	if ((c == '?' || c == '$') && p + 1 < lx->end &&
	    (is_pn_u((unsigned char)p[1]) || is_digit((unsigned char)p[1])))
	{
		const char *q = p + 1;

		while (q < lx->end && (is_pn_u((unsigned char)*q) || is_digit((unsigned char)*q)))
			q++;
		t->kind = SQ_T_VAR;
		t->text = sq_strndup(lx->arena, p + 1, (size_t)(q - p - 1));
		t->len = (size_t)(q - p - 1);
		lx->pos = q;
		return;
	}
	if (c == '"' || c == '\'')
	{
		lex_string(lx, t);
		return;
	}
	if (c == '@')
	{
		const char *q = p + 1;

		while (q < lx->end && is_alpha((unsigned char)*q))
			q++;
		if (q == p + 1)
			lex_error(lx, p, "'@' not followed by a language tag");
		while (q + 1 < lx->end && *q == '-' &&
		       (is_alpha((unsigned char)q[1]) || is_digit((unsigned char)q[1])))
		{
			q++;
			while (q < lx->end && (is_alpha((unsigned char)*q) || is_digit((unsigned char)*q)))
				q++;
		}
		t->kind = SQ_T_LANG;
		t->text = sq_strndup(lx->arena, p + 1, (size_t)(q - p - 1));
		t->len = (size_t)(q - p - 1);
		lx->pos = q;
		return;
	}
	if (is_digit(c) || (c == '.' && p + 1 < lx->end && is_digit((unsigned char)p[1])))
	{
		lex_number(lx, t);
		return;
	}
	if (c == '_' && p + 1 < lx->end && p[1] == ':')
	{
		const char *q = p + 2;
		oslo_buf b;

		if (q >= lx->end || !(is_pn_u((unsigned char)*q) || is_digit((unsigned char)*q)))
			lex_error(lx, p, "blank node label expected after '_:'");
		oslo_buf_init(&b);
		while (q < lx->end)
		{
			if (is_pn((unsigned char)*q))
				oslo_buf_putc(&b, *q++);
			else if (*q == '.' && q + 1 < lx->end && (is_pn((unsigned char)q[1]) || q[1] == '.'))
			{
				const char *r = q;

				while (r < lx->end && *r == '.')
					r++;
				if (r < lx->end && is_pn((unsigned char)*r))
				{
					oslo_buf_append(&b, q, (size_t)(r - q));
					q = r;
				}
				else
					break;
			}
			else
				break;
		}
		t->kind = SQ_T_BLANK;
		t->text = take_buf(lx, &b, &t->len);
		lx->pos = q;
		return;
	}
	if (is_pn_u(c) || c == ':')
	{
		const char *q = p;

		/* a prefix (PN_PREFIX) when a ':' follows, else a keyword */
		while (q < lx->end && (is_pn((unsigned char)*q) || *q == '.'))
			q++;
		while (q > p && q[-1] == '.')
			q--;
		if (q < lx->end && *q == ':' && (c != '_'))
		{
			oslo_buf b;

			t->kind = SQ_T_PNAME;
			t->text = sq_strndup(lx->arena, p, (size_t)(q - p));
			oslo_buf_init(&b);
			lx->pos = lex_local(lx, q + 1, &b);
			t->text2 = take_buf(lx, &b, NULL);
			return;
		}
		q = p;
		while (q < lx->end &&
		       (is_alpha((unsigned char)*q) || is_digit((unsigned char)*q) || *q == '_'))
			q++;
		if (q == p)
			lex_error(lx, p, "unexpected character");
		t->kind = SQ_T_WORD;
		t->text = sq_strndup(lx->arena, p, (size_t)(q - p));
		t->len = (size_t)(q - p);
		lx->pos = q;
		return;
	}
	{
		static const char *const two[] = {"<=", ">=", "!=", "&&", "||", "^^"};

		for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++)
			if (lx->end - p >= 2 && p[0] == two[i][0] && p[1] == two[i][1])
			{
				t->kind = SQ_T_PUNCT;
				t->text = two[i];
				t->len = 2;
				lx->pos = p + 2;
				return;
			}
		if (strchr("{}()[].;,*/+-=<>!^|?", c))
		{
			static const char singles[] =
			    "{\0}\0(\0)\0[\0]\0.\0;\0,\0*\0/\0+\0-\0=\0<\0>\0!\0^\0|\0?";
			const char *s = singles;

			while (*s != c)
				s += 2;
			t->kind = SQ_T_PUNCT;
			t->text = s;
			t->len = 1;
			lx->pos = p + 1;
			return;
		}
	}
	lex_error(lx, p, "unexpected character '%c'", c >= 0x20 && c < 0x7F ? c : '?');
}
