/*
 * jld_json_parse.c
 *	  A strict RFC 8259 parser into the jld_value model.
 *
 * Written by hand rather than through json-c so that values go straight into
 * the arena (no malloc'd objects to guard) and errors can say where they are.
 */
#include "jld_internal.h"

#include <setjmp.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#define MAX_DEPTH 1000

typedef struct parser
{
	jld_arena *a;      /* values */
	jld_arena *keys_a; /* interned keys and their table (a, unless items are parsed apart) */
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	unsigned values; /* for oslo_check_interrupts */
	oslo_buf scratch;
	/*
	 * Object keys, interned: a document repeats the same few keys in every
	 * node, so each is stored once, and an object's duplicate keys are found
	 * by address. Open addressing, in the arena (outgrown tables stay there:
	 * at most as much again).
	 */
	const char **keys;
	uint32_t *key_lens;
	uint32_t keys_cap, keys_used;
	/*
	 * The interned key last seen at each of a few slots picked by length
	 * and three bytes: most keys are found here, without hashing them.
	 */
	struct
	{
		const char *key;
		size_t len;
	} key_memo[256];
	/*
	 * Members (or items: key NULL) of the containers being parsed, stacked:
	 * a container's are copied out once, at its end, in an array of the
	 * exact size (host memory, grown by doubling, freed with scratch)
	 */
	jld_member *stack;
	size_t stack_len, stack_cap;
	jmp_buf *soft; /* set: a syntax error returns to jld_try_parse instead of raising */
	char *errbuf;  /* with soft: where the message goes */
	size_t errlen;
} parser;

static void
parser_free(parser *p)
{
	oslo_buf_free(&p->scratch);
	if (p->stack)
		oslo_free(p->stack);
	p->stack = NULL;
	p->stack_len = p->stack_cap = 0;
}

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
		parser_free(p);
		longjmp(*p->soft, 1);
	}
	oslo_error_detail(OSLO_ERR_SYNTAX, NULL, "invalid JSON: line %zu, column %zu: %s", line, col,
	                  what);
}

static const bool json_ws[256] = {[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true};

static inline void
skip_ws(parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = p->pos;

	while (i < p->len && json_ws[s[i]])
		i++;
	p->pos = i;
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

static const char *intern_key(parser *p, const char *s, size_t len);

/*
 * bytes that end the fast scan of a string: the quote, a backslash,
 * controls, and the first byte of a UTF-8 sequence (checked on its own)
 */
static const bool string_special[256] = {
    [0x00 ... 0x1F] = true, ['"'] = true, ['\\'] = true, [0x80 ... 0xFF] = true};

/* bytes the skip stops at: 1 outside strings, 2 inside them as well */
static const unsigned char skip_stop[256] = {
    ['"'] = 2, ['\\'] = 2, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1};

#define BYTES(c) (0x0101010101010101ull * (uint64_t)(c))

/* the bytes of w that are zero have their high bit set (and maybe later ones) */
static inline uint64_t
zero_bytes(uint64_t w)
{
	return (w - BYTES(0x01)) & ~w & BYTES(0x80);
}

/*
 * the end of a run of ASCII bytes without '"', '\\' or controls from i:
 * sixteen at a time where SSE2 is there (a signed compare with 0x20 finds
 * controls and bytes >= 0x80 at once), else eight
 */
static inline size_t
scan_plain(const unsigned char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
	while (i + 16 <= len)
	{
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
		                           _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit);

		if (mask)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
#endif
	while (i + 8 <= len)
	{
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (zero_bytes(w ^ BYTES('"')) | zero_bytes(w ^ BYTES('\\')) |
		    ((w - BYTES(0x20)) & ~w & BYTES(0x80)) | (w & BYTES(0x80)))
			break;
		i += 8;
	}
	while (i < len && !string_special[s[i]])
		i++;
	return i;
}

/*
 * the bytes of the UTF-8 sequence at p->pos (a byte >= 0x80 in a string):
 * strings are the only place such bytes may be, so the parser checks the
 * encoding there and nowhere else
 */
static size_t
utf8_sequence(parser *p)
{
	unsigned char c = (unsigned char)p->s[p->pos];
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

	if (p->pos + n > p->len || !oslo_utf8_valid(p->s + p->pos, n))
		fail(p, "not valid UTF-8");
	return n;
}

/*
 * parse a string at p->pos (on the quote); returns arena text, *out_len
 * bytes; as_key: an interned object key
 */
static char *
parse_string(parser *p, size_t *out_len, bool as_key)
{
	size_t start;
	const unsigned char *s = (const unsigned char *)p->s;

	p->pos++;
	start = p->pos;
	/* fast path: no escapes */
	p->pos = scan_plain(s, p->pos, p->len);
	while (p->pos < p->len && s[p->pos] >= 0x80)
		p->pos = scan_plain(s, p->pos + utf8_sequence(p), p->len);
	if (p->pos >= p->len)
		fail(p, "unterminated string");
	if (s[p->pos] < 0x20)
		fail(p, "control character in string");
	if (s[p->pos] == '"')
	{
		*out_len = p->pos - start;
		p->pos++;
		if (as_key)
			return (char *)intern_key(p, p->s + start, *out_len);
		return jld_arena_strndup(p->a, p->s + start, *out_len);
	}
	oslo_buf_reset(&p->scratch);
	oslo_buf_append(&p->scratch, p->s + start, p->pos - start);
	while (p->pos < p->len && p->s[p->pos] != '"')
	{
		char c = p->s[p->pos];

		if ((unsigned char)c < 0x20)
			fail(p, "control character in string");
		if ((unsigned char)c >= 0x80)
		{
			size_t n = utf8_sequence(p);

			oslo_buf_append(&p->scratch, p->s + p->pos, n);
			p->pos += n;
			continue;
		}
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
	if (as_key)
		return (char *)intern_key(p, p->scratch.data, p->scratch.len);
	return jld_arena_strndup(p->a, p->scratch.data, p->scratch.len);
}

static inline unsigned
key_memo_slot(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	return len == 0 ? 0 : (unsigned)(len * 37u + u[0] * 7u + u[len - 1] * 131u + u[len / 2]) & 255;
}

static const char *
intern_key(parser *p, const char *s, size_t len)
{
	unsigned memo = key_memo_slot(s, len);
	uint32_t mask, i;
	const char *copy;

	if (p->key_memo[memo].key && p->key_memo[memo].len == len &&
	    memcmp(p->key_memo[memo].key, s, len) == 0)
		return p->key_memo[memo].key;

	if (p->keys_used * 2 >= p->keys_cap)
	{
		const char **old = p->keys;
		uint32_t *old_lens = p->key_lens;
		uint32_t old_cap = p->keys_cap;

		p->keys_cap = old_cap ? old_cap * 2 : 64;
		p->keys = jld_arena_alloc(p->keys_a, p->keys_cap * sizeof(char *));
		p->key_lens = jld_arena_alloc(p->keys_a, p->keys_cap * sizeof(uint32_t));
		mask = p->keys_cap - 1;
		for (uint32_t k = 0; k < old_cap; k++)
		{
			if (!old[k])
				continue;
			i = oslo_hash_bytes(OSLO_HASH_SEED, old[k], old_lens[k]) & mask;
			while (p->keys[i])
				i = (i + 1) & mask;
			p->keys[i] = old[k];
			p->key_lens[i] = old_lens[k];
		}
	}
	mask = p->keys_cap - 1;
	i = oslo_hash_bytes(OSLO_HASH_SEED, s, len) & mask;
	while (p->keys[i])
	{
		if (p->key_lens[i] == len && memcmp(p->keys[i], s, len) == 0)
		{
			p->key_memo[memo].key = p->keys[i];
			p->key_memo[memo].len = len;
			return p->keys[i];
		}
		i = (i + 1) & mask;
	}
	if (len > UINT32_MAX / 2)
		fail(p, "object key too long");
	copy = jld_arena_strndup(p->keys_a, s, len);
	p->keys[i] = copy;
	p->key_lens[i] = (uint32_t)len;
	p->keys_used++;
	p->key_memo[memo].key = copy;
	p->key_memo[memo].len = len;
	return copy;
}

static jld_value *
parse_number(parser *p)
{
	size_t start = p->pos;
	const char *s = p->s;
	char *lex;
	double number;

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
	number = strtod(lex, NULL);
	/* JSON has no infinity: 1e400 is valid JSON but no double (nor xsd:double) value */
	if (!isfinite(number))
	{
		p->pos = start;
		fail(p, "number out of the range of a double");
	}
	return jld_number(p->a, number, lex);
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

static void
stack_push(parser *p, const char *key, jld_value *value)
{
	if (p->stack_len == p->stack_cap)
	{
		p->stack_cap = p->stack_cap ? p->stack_cap * 2 : 64;
		p->stack = p->stack ? oslo_realloc(p->stack, p->stack_cap * sizeof(jld_member))
		                    : oslo_alloc(p->stack_cap * sizeof(jld_member));
	}
	p->stack[p->stack_len].key = key;
	p->stack[p->stack_len].value = value;
	p->stack_len++;
}

/* a member of the object whose members start at base; keys are interned */
static void
add_member(parser *p, size_t base, const char *key, jld_value *value)
{
	for (size_t i = base; i < p->stack_len; i++)
	{
		if (p->stack[i].key == key)
		{
			p->stack[i].value = value; /* a repeated key: the last one counts */
			return;
		}
	}
	stack_push(p, key, value);
}

/* the members or items stacked from base go into v */
static void
stack_pop_into(parser *p, size_t base, jld_value *v)
{
	size_t n = p->stack_len - base;

	if (n == 0)
		return;
	if (v->kind == JLD_OBJECT)
	{
		v->members = jld_arena_alloc_raw(p->a, n * sizeof(jld_member));
		memcpy(v->members, p->stack + base, n * sizeof(jld_member));
	}
	else
	{
		v->items = jld_arena_alloc_raw(p->a, n * sizeof(jld_value *));
		for (size_t i = 0; i < n; i++)
			v->items[i] = p->stack[base + i].value;
	}
	v->count = v->cap = n;
	p->stack_len = base;
}

/*
 * Skip a JSON value that starts at p->pos with '[' by matching brackets
 * outside strings, without checking the rest: the items are parsed (and
 * checked) later. False, with p->pos unchanged, when brackets do not match
 * or nest too deep: the value is then parsed at once, with the error the
 * parser gives.
 */
/*
 * Where in s[i, i + n) (n <= 16) the bytes '"', '\\' and brackets are: bit k
 * for s[i + k]. Sixteen bytes compared at once where SSE2 is there.
 */
static inline uint32_t
structure_mask(const unsigned char *s, size_t i, size_t n)
{
	uint32_t mask = 0;

#if defined(__SSE2__)
	if (n == 16)
	{
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* 0xDF folds '{' '|' '}' onto '[' '\\' ']' ('|' is a harmless extra stop) */
		__m128i f = _mm_and_si128(v, _mm_set1_epi8((char)0xDF));
		__m128i hit =
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		                 _mm_or_si128(_mm_cmpeq_epi8(f, _mm_set1_epi8('[')),
		                              _mm_or_si128(_mm_cmpeq_epi8(f, _mm_set1_epi8('\\')),
		                                           _mm_cmpeq_epi8(f, _mm_set1_epi8(']')))));

		return (uint32_t)_mm_movemask_epi8(hit);
	}
#endif
	for (size_t k = 0; k < n; k++)
		if (skip_stop[s[i + k]])
			mask |= 1u << k;
	return mask;
}

static bool
skip_array_unchecked(parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = p->pos, depth = 0, len = p->len;
	bool in_string = false;
	char closers[MAX_DEPTH];

	/* i: the next byte that counts (an escaped one is skipped over) */
	while (i < len)
	{
		size_t base = i, n = len - i < 16 ? len - i : 16;
		uint32_t mask = structure_mask(s, base, n);

		while (mask)
		{
			size_t j = base + (size_t)__builtin_ctz(mask);
			unsigned char c = s[j];

			mask &= mask - 1;
			if (j < i)
				continue; /* escaped */
			i = j + 1;
			if (in_string)
			{
				if (c == '\\')
					i = j + 2;
				else if (c == '"')
					in_string = false;
			}
			else if (c == '"')
				in_string = true;
			else if (c == '[' || c == '{')
			{
				if (depth + p->depth >= MAX_DEPTH)
					return false;
				closers[depth++] = c == '[' ? ']' : '}';
			}
			else if (c == ']' || c == '}')
			{
				if (depth == 0 || closers[depth - 1] != (char)c)
					return false;
				if (--depth == 0)
				{
					p->pos = i;
					return true;
				}
			}
			/* a backslash or '|' outside a string: the parser will say what is wrong */
		}
		if (i < base + n)
			i = base + n;
	}
	return false;
}

/* the members stacked from base are a single "@context" */
static bool
only_context_before(const parser *p, size_t base)
{
	return p->stack_len == base + 1 && strcmp(p->stack[base].key, "@context") == 0;
}

/*
 * defer_key (top-level object only, else NULL): the member of that name
 * whose value is an array is not built but skipped; *deferred_pos is where
 * its '[' is (0: nothing deferred), and the member holds an empty array.
 * left_open (not NULL): when only "@context" came before that member, the
 * parse stops at its '[' instead of skipping it (*left_open set): what
 * follows the array is read by jld_items_rest_empty after the last item.
 * A document that is "@context" then "@graph" is not scanned twice.
 */
static jld_value *
parse_container_deferring(parser *p, bool is_object, const char *defer_key, size_t *deferred_pos,
                          bool *left_open)
{
	jld_value *v = is_object ? jld_object(p->a) : jld_array(p->a);
	char close = is_object ? '}' : ']';
	size_t base = p->stack_len;

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
			jld_value *value = NULL;

			if (p->pos >= p->len || p->s[p->pos] != '"')
				fail(p, "object key (a string) expected");
			/* no NUL in it: parse_string refuses a raw one and \u0000 */
			key = parse_string(p, &klen, true);
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				fail(p, "':' expected after object key");
			p->pos++;
			if (defer_key && strcmp(key, defer_key) == 0)
			{
				size_t at;

				/* a repeated key replaces the deferred value: nothing stays deferred */
				*deferred_pos = 0;
				skip_ws(p);
				at = p->pos;
				if (at < p->len && p->s[at] == '[' && left_open && only_context_before(p, base))
				{
					*deferred_pos = at;
					*left_open = true;
					add_member(p, base, key, jld_array(p->a));
					stack_pop_into(p, base, v);
					p->depth--;
					return v;
				}
				if (at < p->len && p->s[at] == '[' && skip_array_unchecked(p))
				{
					*deferred_pos = at;
					value = jld_array(p->a);
				}
			}
			add_member(p, base, key, value ? value : parse_value(p));
		}
		else
			stack_push(p, NULL, parse_value(p));
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
	stack_pop_into(p, base, v);
	p->depth--;
	return v;
}

static jld_value *
parse_container(parser *p, bool is_object)
{
	return parse_container_deferring(p, is_object, NULL, NULL, NULL);
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
			v->str = parse_string(p, &v->len, false);
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

/* a UTF-8 byte order mark is tolerated */
static void
skip_byte_order_mark(parser *p)
{
	if (p->len >= 3 && memcmp(p->s, "\xEF\xBB\xBF", 3) == 0)
		p->pos = 3;
}

/* after the top-level value: only white space */
static void
expect_end(parser *p)
{
	skip_ws(p);
	if (p->pos < p->len)
		fail(p, "trailing characters after the JSON value");
}

jld_value *
jld_parse(jld_arena *a, const char *text, size_t len)
{
	parser p = {.a = a, .keys_a = a, .s = text, .len = len};
	jld_value *v;

	oslo_buf_init(&p.scratch);
	skip_byte_order_mark(&p);
	v = parse_value(&p);
	expect_end(&p);
	parser_free(&p);
	return v;
}

jld_value *
jld_try_parse_reason(jld_arena *a, const char *text, size_t len, char *errbuf, size_t errlen)
{
	jmp_buf env;
	parser p = {.a = a,
	            .keys_a = a,
	            .s = text,
	            .len = len,
	            .soft = &env,
	            .errbuf = errbuf,
	            .errlen = errlen};
	jld_value *v;

	oslo_buf_init(&p.scratch);
	if (setjmp(env) != 0)
		return NULL;
	v = parse_value(&p);
	expect_end(&p);
	parser_free(&p);
	return v;
}

jld_value *
jld_try_parse(jld_arena *a, const char *text, size_t len)
{
	return jld_try_parse_reason(a, text, len, NULL, 0);
}

/* --- a top-level array member parsed item by item --------------------------- */

struct jld_items
{
	parser p;
	bool started, done;
	bool object_open; /* the top-level object's rest follows the array */
	size_t index;
};

jld_value *
jld_parse_deferring(jld_arena *a, const char *text, size_t len, const char *key,
                    bool may_leave_open, jld_items **items)
{
	parser p = {.a = a, .keys_a = a, .s = text, .len = len};
	size_t deferred = 0;
	bool left_open = false;
	jld_value *v;

	*items = NULL;
	oslo_buf_init(&p.scratch);
	skip_byte_order_mark(&p);
	skip_ws(&p);
	if (p.pos < p.len && p.s[p.pos] == '{')
		v = parse_container_deferring(&p, true, key, &deferred, may_leave_open ? &left_open : NULL);
	else
		v = parse_value(&p);
	if (!left_open)
		expect_end(&p);
	parser_free(&p);
	if (deferred)
	{
		jld_items *it = jld_arena_alloc(a, sizeof(jld_items));

		it->p = p;
		it->object_open = left_open;
		it->p.pos = deferred;
		it->p.depth = 1; /* inside the top-level object */
		oslo_buf_init(&it->p.scratch);
		it->p.stack = NULL;
		it->p.stack_len = it->p.stack_cap = 0;
		*items = it;
	}
	return v;
}

jld_value *
jld_items_next(jld_items *it, jld_arena *a)
{
	parser *p = &it->p;
	jld_value *v;

	if (it->done)
		return NULL;
	p->a = a;
	if (!it->started)
	{
		/* what parse_container does on entering the array */
		it->started = true;
		if (++p->depth > MAX_DEPTH)
			oslo_error(OSLO_ERR_LIMIT, "JSON nesting deeper than %d levels", MAX_DEPTH);
		p->pos++;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ']')
		{
			it->done = true;
			return NULL;
		}
	}
	else
	{
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ']')
		{
			it->done = true;
			return NULL;
		}
		if (p->pos >= p->len || p->s[p->pos] != ',')
			fail(p, "',' or ']' expected");
		p->pos++;
	}
	skip_ws(p);
	v = parse_value(p);
	it->index++;
	return v;
}

bool
jld_items_rest_empty(jld_items *it)
{
	parser *p = &it->p;

	if (!it->object_open)
		return true;
	if (!it->done)
		return false;
	/* on the array's ']' */
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ',')
		return false;
	if (p->pos >= p->len || p->s[p->pos] != '}')
		fail(p, "',' or '}' expected");
	p->pos++;
	expect_end(p);
	return true;
}

void
jld_items_end(jld_items *it)
{
	if (it)
		parser_free(&it->p);
}
