/*
 * rdf_binary.c
 *	  The binary form of a graph: the payload of the oslo.graph SQL type.
 *
 * Layout (all integers are unsigned LEB128 varints of at most 5 bytes, in
 * canonical form, i.e. without redundant trailing zero groups):
 *
 *	"OG"			magic, 2 bytes
 *	version			1 byte, currently 1
 *	flags			1 byte, currently 0
 *	term count		varint
 *	quad count		varint
 *	terms			each: kind byte (1 IRI, 2 blank, 3 literal),
 *					varint value length, value bytes (UTF-8, no NUL);
 *					literals then: varint datatype id (an earlier IRI term),
 *					varint language tag length (0 = none), tag bytes
 *	quads			each: 4 varints s, p, o, g (g 0 = default graph)
 *
 * Term ids are 1-based positions in the term list. The encoder writes only
 * the terms used by statements or as datatypes, IRIs and blank nodes before
 * literals so that a datatype always precedes the literals using it.
 *
 * The decoder never trusts its input: every length, id, kind and string is
 * checked, and any problem raises OSLO_ERR_CORRUPT naming the byte offset.
 * It builds the graph through the public API so the indexes are complete.
 */
#include "rdf_graph.h"

#include <string.h>

#define BINARY_VERSION 1
#define HEADER_SIZE    4
#define VARINT_MAX     5
#define MAX_LANG_LEN   63 /* oslo_graph_literal() accepts up to this */

/* ---------- encoding ---------- */

static inline size_t
put_varint(unsigned char *p, uint32_t v)
{
	size_t n = 0;

	while (v >= 0x80)
	{
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static void
buf_varint(oslo_buf *out, uint32_t v)
{
	oslo_buf_reserve(out, VARINT_MAX);
	out->len += put_varint((unsigned char *)out->data + out->len, v);
	out->data[out->len] = '\0';
}

static void
buf_string(oslo_buf *out, const char *s, size_t len)
{
	buf_varint(out, (uint32_t)len);
	oslo_buf_append(out, s, len);
}

static void
encode_term(const oslo_graph *g, const oslo_term *t, const uint32_t *newid, oslo_buf *out)
{
	oslo_buf_putc(out, (char)t->kind);
	buf_string(out, t->value, t->len);
	if (t->kind == OSLO_TERM_LITERAL)
	{
		buf_varint(out, newid[t->datatype]);
		buf_string(out, t->lang ? t->lang : "", t->lang ? strlen(t->lang) : 0);
	}
}

void
oslo_graph_encode(const oslo_graph *g, oslo_buf *out)
{
	uint32_t nterms = oslo_graph_term_count(g);
	size_t nquads = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	uint32_t *newid = oslo_alloc0(sizeof(uint32_t) * ((size_t)nterms + 1));
	uint32_t nused = 0;

	/* mark the terms in use (1), then number them densely */
	for (size_t i = 0; i < nquads; i++)
	{
		newid[quads[i].s] = newid[quads[i].p] = newid[quads[i].o] = 1;
		newid[quads[i].g] = 1;
	}
	newid[0] = 0;
	for (uint32_t id = 1; id <= nterms; id++)
	{
		const oslo_term *t = oslo_graph_term(g, id);

		if (newid[id] && t->kind == OSLO_TERM_LITERAL)
			newid[t->datatype] = 1;
	}
	for (int pass = 0; pass < 2; pass++)
	{
		for (uint32_t id = 1; id <= nterms; id++)
		{
			bool literal = oslo_graph_term(g, id)->kind == OSLO_TERM_LITERAL;

			if (newid[id] && literal == (pass == 1))
				newid[id] = ++nused;
		}
	}

	oslo_buf_reserve(out, HEADER_SIZE + 2 * VARINT_MAX + nquads * 8);
	oslo_buf_append(out, "OG", 2);
	oslo_buf_putc(out, BINARY_VERSION);
	oslo_buf_putc(out, 0);
	buf_varint(out, nused);
	buf_varint(out, (uint32_t)nquads);

	for (int pass = 0; pass < 2; pass++)
	{
		for (uint32_t id = 1; id <= nterms; id++)
		{
			const oslo_term *t = oslo_graph_term(g, id);

			if (newid[id] && (t->kind == OSLO_TERM_LITERAL) == (pass == 1))
				encode_term(g, t, newid, out);
		}
	}
	for (size_t i = 0; i < nquads; i++)
	{
		unsigned char *p;

		oslo_buf_reserve(out, 4 * VARINT_MAX);
		p = (unsigned char *)out->data + out->len;
		p += put_varint(p, newid[quads[i].s]);
		p += put_varint(p, newid[quads[i].p]);
		p += put_varint(p, newid[quads[i].o]);
		p += put_varint(p, newid[quads[i].g]);
		out->len = (size_t)((char *)p - out->data);
	}
	out->data[out->len] = '\0';
	oslo_free(newid);
}

/* ---------- decoding ---------- */

typedef struct reader
{
	const unsigned char *start;
	const unsigned char *p;
	const unsigned char *end;
} reader;

#define corrupt(r, at, fmt, ...)                                                                   \
	oslo_error(OSLO_ERR_CORRUPT, "corrupt graph value: " fmt " at byte %zu", ##__VA_ARGS__,        \
	           (size_t)((at) - (r)->start))

static inline size_t
remaining(const reader *r)
{
	return (size_t)(r->end - r->p);
}

static uint32_t
read_varint(reader *r, const char *what)
{
	const unsigned char *at = r->p;
	uint32_t v = 0;

	if (r->p < r->end && *r->p < 0x80)
		return *r->p++;
	for (int shift = 0; shift < 7 * VARINT_MAX; shift += 7)
	{
		unsigned char c;

		if (r->p == r->end)
			corrupt(r, at, "truncated %s", what);
		c = *r->p++;
		if (shift == 28 && c > 0x0F)
			corrupt(r, at, "%s overflows 32 bits", what);
		v |= (uint32_t)(c & 0x7F) << shift;
		if (c < 0x80)
		{
			if (c == 0 && shift > 0)
				corrupt(r, at, "non-canonical varint for %s", what);
			return v;
		}
	}
	corrupt(r, at, "%s overflows 32 bits", what);
}

/* a length-prefixed UTF-8 string; returns its bytes, which are not NUL-terminated */
static const char *
read_string(reader *r, const char *what, uint32_t *len)
{
	const unsigned char *at = r->p;
	const char *s;

	*len = read_varint(r, what);
	if (*len > remaining(r))
		corrupt(r, at, "%s of %u bytes runs past the end (%zu bytes left)", what, *len,
		        remaining(r));
	s = (const char *)r->p;
	if (!oslo_utf8_valid(s, *len))
		corrupt(r, r->p, "%s is not valid UTF-8", what);
	r->p += *len;
	return s;
}

typedef struct decoder
{
	reader r;
	oslo_graph *g;
	uint32_t nterms;
	oslo_term_id *map;       /* encoded id -> graph id */
	unsigned char *kind;     /* encoded id -> oslo_term_kind */
	oslo_term_id langstring; /* graph id of rdf:langString, once seen */
} decoder;

static oslo_term_id
decode_literal(decoder *d, uint32_t i, const char *lex, uint32_t len)
{
	reader *r = &d->r;
	const unsigned char *at = r->p;
	uint32_t dt = read_varint(r, "literal datatype");
	uint32_t langlen;
	const char *langp;
	char lang[MAX_LANG_LEN + 1];

	if (dt == 0 || dt >= i || d->kind[dt] != OSLO_TERM_IRI)
		corrupt(r, at, "datatype of term %u refers to term %u, which is not an earlier IRI", i, dt);
	at = r->p;
	langp = read_string(r, "language tag", &langlen);
	if (langlen > MAX_LANG_LEN)
		corrupt(r, at, "language tag of %u bytes is too long", langlen);
	if ((langlen > 0) != (d->map[dt] == d->langstring))
		corrupt(r, at, "term %u: %s", i,
		        langlen > 0 ? "a literal with a language tag must have datatype rdf:langString"
		                    : "an rdf:langString literal needs a language tag");
	if (langlen == 0)
		return oslo_graph_literal(d->g, lex, len, oslo_graph_term(d->g, d->map[dt])->value, NULL);
	memcpy(lang, langp, langlen);
	lang[langlen] = '\0';
	return oslo_graph_literal(d->g, lex, len, NULL, lang);
}

static void
decode_terms(decoder *d)
{
	reader *r = &d->r;

	for (uint32_t i = 1; i <= d->nterms; i++)
	{
		const unsigned char *at = r->p;
		unsigned char kind;
		const char *value;
		uint32_t len;

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		if (r->p == r->end)
			corrupt(r, at, "truncated term %u of %u", i, d->nterms);
		kind = *r->p++;
		if (kind < OSLO_TERM_IRI || kind > OSLO_TERM_LITERAL)
			corrupt(r, at, "term %u has unknown kind %u", i, kind);
		value = read_string(r, "term value", &len);
		d->kind[i] = kind;
		if (kind == OSLO_TERM_IRI)
		{
			d->map[i] = oslo_graph_iri(d->g, value, len);
			if (d->langstring == 0 && len == sizeof(OSLO_RDF_LANGSTRING) - 1 &&
			    memcmp(value, OSLO_RDF_LANGSTRING, len) == 0)
				d->langstring = d->map[i];
		}
		else if (kind == OSLO_TERM_BLANK)
			d->map[i] = oslo_graph_blank(d->g, value, len);
		else
			d->map[i] = decode_literal(d, i, value, len);
	}
}

static uint32_t
read_term_ref(decoder *d, const char *position, bool allow_default)
{
	reader *r = &d->r;
	const unsigned char *at = r->p;
	uint32_t id = read_varint(r, position);

	if (id > d->nterms || (id == 0 && !allow_default))
		corrupt(r, at, "%s refers to term %u of %u", position, id, d->nterms);
	return id;
}

static void
decode_quads(decoder *d, uint32_t nquads)
{
	reader *r = &d->r;

	for (uint32_t i = 0; i < nquads; i++)
	{
		const unsigned char *at = r->p;
		uint32_t s, p, o, gr;

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		s = read_term_ref(d, "subject", false);
		p = read_term_ref(d, "predicate", false);
		o = read_term_ref(d, "object", false);
		gr = read_term_ref(d, "graph name", true);
		if (d->kind[s] == OSLO_TERM_LITERAL)
			corrupt(r, at, "statement %u has a literal subject", i + 1);
		if (d->kind[p] != OSLO_TERM_IRI)
			corrupt(r, at, "statement %u has a predicate that is not an IRI", i + 1);
		if (gr != 0 && d->kind[gr] == OSLO_TERM_LITERAL)
			corrupt(r, at, "statement %u has a literal graph name", i + 1);
		/* a duplicate (possible only in a hand-made value) is harmless */
		oslo_graph_add(d->g, d->map[s], d->map[p], d->map[o], gr ? d->map[gr] : 0);
	}
}

oslo_graph *
oslo_graph_decode(const char *data, size_t len)
{
	decoder d;
	reader *r = &d.r;
	uint32_t nquads;
	const unsigned char *at;

	memset(&d, 0, sizeof(d));
	r->start = r->p = (const unsigned char *)data;
	r->end = r->start + len;
	if (len < HEADER_SIZE)
		corrupt(r, r->end, "%zu bytes are too short for the header", len);
	if (r->p[0] != 'O' || r->p[1] != 'G')
		corrupt(r, r->p, "bad magic bytes 0x%02x%02x", r->p[0], r->p[1]);
	if (r->p[2] != BINARY_VERSION)
		corrupt(r, r->p + 2, "unsupported format version %u", r->p[2]);
	if (r->p[3] != 0)
		corrupt(r, r->p + 3, "unknown flags 0x%02x", r->p[3]);
	r->p += HEADER_SIZE;

	at = r->p;
	d.nterms = read_varint(r, "term count");
	/* every term takes at least 2 bytes: refuse before allocating for it */
	if (d.nterms > remaining(r) / 2)
		corrupt(r, at, "term count %u exceeds what the remaining %zu bytes can hold", d.nterms,
		        remaining(r));
	at = r->p;
	nquads = read_varint(r, "statement count");
	if (nquads > remaining(r) / 4)
		corrupt(r, at, "statement count %u exceeds what the remaining %zu bytes can hold", nquads,
		        remaining(r));

	d.map = oslo_alloc(sizeof(oslo_term_id) * ((size_t)d.nterms + 1));
	d.kind = oslo_alloc((size_t)d.nterms + 1);
	d.map[0] = 0;
	d.kind[0] = 0;
	d.g = oslo_graph_new();
	decode_terms(&d);

	at = r->p;
	if ((uint64_t)nquads * 4 > remaining(r))
		corrupt(r, at, "%u statements cannot fit in the remaining %zu bytes", nquads, remaining(r));
	decode_quads(&d, nquads);
	if (r->p != r->end)
		corrupt(r, r->p, "%zu bytes of trailing garbage after the last statement", remaining(r));

	oslo_free(d.map);
	oslo_free(d.kind);
	return d.g;
}
