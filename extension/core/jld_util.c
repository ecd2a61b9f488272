/*
 * jld_util.c
 *	  Per-call state of the JSON-LD processor: errors with JSON pointers,
 *	  keyword and IRI predicates.
 */
#include "jld_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>

void
jld_options_init(jld_options *o)
{
	memset(o, 0, sizeof(*o));
	o->processing_mode = "json-ld-1.1";
	o->compact_arrays = true;
	o->compact_to_relative = true;
}

void
jld_state_init(jld_state *st, jld_arena *a, const jld_options *o)
{
	memset(st, 0, sizeof(*st));
	st->a = a;
	st->opts = o;
	st->mode10 = o->processing_mode && strcmp(o->processing_mode, "json-ld-1.0") == 0;
	if (o->processing_mode && !st->mode10 && strcmp(o->processing_mode, "json-ld-1.1") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "invalid processingMode \"%s\"", o->processing_mode);
	if (o->rdf_direction && strcmp(o->rdf_direction, "i18n-datatype") != 0 &&
	    strcmp(o->rdf_direction, "compound-literal") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "invalid rdfDirection \"%s\"", o->rdf_direction);
}

void
jld_path_push_key(jld_state *st, const char *key)
{
	if (st->depth == st->path_cap)
	{
		size_t ncap = st->path_cap ? st->path_cap * 2 : 32;
		jld_path_seg *n = jld_arena_alloc(st->a, ncap * sizeof(jld_path_seg));

		if (st->depth)
			jld_copy_bytes(n, st->path, st->depth * sizeof(jld_path_seg));
		st->path = n;
		st->path_cap = ncap;
	}
	st->path[st->depth].key = key;
	st->path[st->depth].index = 0;
	st->depth++;
}

void
jld_path_push_index(jld_state *st, size_t index)
{
	jld_path_push_key(st, NULL);
	st->path[st->depth - 1].index = index;
}

void
jld_path_pop(jld_state *st)
{
	st->depth--;
}

void
jld_fail(jld_state *st, oslo_errcode code, const char *jsonld_code, const char *fmt, ...)
{
	char msg[1024];
	oslo_buf ptr;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	oslo_buf_init(&ptr);
	for (size_t i = 0; i < st->depth; i++)
	{
		oslo_buf_putc(&ptr, '/');
		if (!st->path[i].key)
			oslo_buf_printf(&ptr, "%zu", st->path[i].index);
		else
			/* RFC 6901: ~ and / are escaped */
			for (const char *k = st->path[i].key; *k; k++)
				if (*k == '~')
					oslo_buf_puts(&ptr, "~0");
				else if (*k == '/')
					oslo_buf_puts(&ptr, "~1");
				else
					oslo_buf_putc(&ptr, *k);
	}
	if (st->validating_scoped > 0 && code == OSLO_ERR_PARAMETER)
		oslo_error_detail(code, ptr.len ? ptr.data : "/", "invalid scoped context: %s: %s",
		                  jsonld_code, msg);
	oslo_error_detail(code, ptr.len ? ptr.data : "/", "%s: %s", jsonld_code, msg);
}

static const char *const keywords[] = {
    "@base",     "@container", "@context",   "@default",   "@direction",  "@embed",
    "@explicit", "@graph",     "@id",        "@import",    "@included",   "@index",
    "@json",     "@language",  "@list",      "@nest",      "@none",       "@omitDefault",
    "@prefix",   "@preserve",  "@propagate", "@protected", "@requireAll", "@reverse",
    "@set",      "@type",      "@value",     "@version",   "@vocab",      NULL};

bool
jld_is_keyword(const char *s)
{
	static bool first_seen;
	static unsigned char first[26]; /* index + 1 of the first keyword by second letter */

	if (!s || s[0] != '@' || s[1] < 'a' || s[1] > 'z')
		return false;
	/* keywords are sorted: start at the first one sharing the second letter */
	if (!first_seen)
	{
		for (int i = 0; keywords[i]; i++)
			if (!first[keywords[i][1] - 'a'])
				first[keywords[i][1] - 'a'] = (unsigned char)(i + 1);
		first_seen = true;
	}
	if (!first[s[1] - 'a'])
		return false;
	for (int i = first[s[1] - 'a'] - 1; keywords[i] && keywords[i][1] == s[1]; i++)
		if (strcmp(s + 2, keywords[i] + 2) == 0)
			return true;
	return false;
}

bool
jld_has_keyword_form(const char *s)
{
	if (!s || s[0] != '@' || !s[1])
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

bool
jld_is_absolute_iri(const char *s)
{
	return s && oslo_iri_is_absolute(s);
}

bool
jld_is_blank(const char *s)
{
	return s && s[0] == '_' && s[1] == ':';
}

/* per byte: 1 not allowed in an RDF IRI (controls, space, <>"{}|\\^`), 2 '#' */
static const unsigned char iri_byte_class[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    [' '] = 1,  ['<'] = 1,  ['>'] = 1,  ['"'] = 1,  ['{'] = 1,  ['}'] = 1,  ['|'] = 1,  ['\\'] = 1,
    ['^'] = 1,  ['`'] = 1,  ['#'] = 2};

/* the classes of s[i, end): false for a forbidden byte or a second '#' */
static bool
iri_bytes_allowed(const unsigned char *s, size_t i, size_t end, bool *fragment)
{
	for (; i < end; i++)
	{
		unsigned char c = iri_byte_class[s[i]];

		if (c == 0)
			continue;
		if (c == 1 || *fragment)
			return false;
		*fragment = true;
	}
	return true;
}

/*
 * an absolute IRI without characters RDF forbids in IRIs, and one fragment
 * at most. Called for every node identifier of a document: sixteen bytes
 * at a time where SSE2 is there, byte by byte only in a block that holds
 * one of the characters of iri_byte_class.
 */
bool
jld_is_well_formed_iri(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	bool fragment = false;
	size_t len, i = 0;

	if (!jld_is_absolute_iri(text))
		return false;
	len = strlen(text);
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16)
	{
		const __m128i space = _mm_set1_epi8(' ');
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* bytes up to the space, unsigned: controls and the space */
		__m128i hit = _mm_cmpeq_epi8(_mm_max_epu8(v, space), space);

		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('^')));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
		/* '{' '|' '}': v - '{' (wrapping) is at most 2, unsigned */
		hit = _mm_or_si128(
		    hit, _mm_cmpeq_epi8(_mm_max_epu8(_mm_sub_epi8(v, _mm_set1_epi8('{')), _mm_set1_epi8(2)),
		                        _mm_set1_epi8(2)));
		if (_mm_movemask_epi8(hit) && !iri_bytes_allowed(s, i, i + 16, &fragment))
			return false;
	}
#endif
	return iri_bytes_allowed(s, i, len, &fragment);
}
