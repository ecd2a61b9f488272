/*
 * test_binary.c
 *	  The binary graph codec: round trips, and corrupt input never trusted.
 */
#include "rdf_graph.h"
#include "unit.h"

static oslo_graph *
sample_graph(void)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id s = oslo_graph_iri_cstr(g, "http://example.org/s");
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://example.org/p");
	oslo_term_id name = oslo_graph_iri_cstr(g, "http://example.org/graph");
	oslo_term_id b1 = oslo_graph_blank(g, "b1", 2);
	oslo_term_id b2 = oslo_graph_blank(g, "b2", 2);

	/* interned but unused: not encoded */
	oslo_graph_iri_cstr(g, "http://example.org/unused");
	oslo_graph_literal_cstr(g, "unused", NULL, NULL);

	oslo_graph_add(g, s, p, oslo_graph_literal_cstr(g, "plain", NULL, NULL), 0);
	oslo_graph_add(g, s, p, oslo_graph_literal_cstr(g, "42", OSLO_XSD "integer", NULL), 0);
	oslo_graph_add(g, s, p, oslo_graph_literal_cstr(g, "kat", NULL, "nl-BE"), name);
	oslo_graph_add(g, s, p, oslo_graph_literal_cstr(g, "Zoë ✓", NULL, "fr"), 0);
	oslo_graph_add(g, s, p, oslo_graph_literal_cstr(g, "", NULL, NULL), 0);
	oslo_graph_add(g, b1, p, b2, b2);
	oslo_graph_add(g, b2, oslo_graph_iri_cstr(g, OSLO_RDF_TYPE), s, b1);
	oslo_graph_add(g, s, p, b1, 0);
	return g;
}

static void
encode(const oslo_graph *g, oslo_buf *out)
{
	oslo_buf_init(out);
	oslo_graph_encode(g, out);
}

TEST(round_trip_keeps_the_graph)
{
	oslo_graph *g = sample_graph();
	oslo_buf bin, again;
	oslo_graph *d;

	encode(g, &bin);
	d = oslo_graph_decode(bin.data, bin.len);
	CHECK(oslo_graph_size(d) == oslo_graph_size(g));
	CHECK(oslo_graph_isomorphic(g, d));
	/* the two unused terms are gone */
	CHECK(oslo_graph_term_count(d) == oslo_graph_term_count(g) - 2);
	CHECK_STREQ(oslo_graph_term(d, oslo_graph_quads(d)[2].o)->lang, "nl-be");

	/* the encoding is canonical for a decoded graph */
	encode(d, &again);
	CHECK(again.len == bin.len && memcmp(again.data, bin.data, bin.len) == 0);
	oslo_buf_free(&again);
	oslo_buf_free(&bin);
	oslo_graph_free(d);
	oslo_graph_free(g);
}

TEST(empty_graph)
{
	oslo_graph *g = oslo_graph_new();
	oslo_buf bin;
	oslo_graph *d;

	oslo_graph_iri_cstr(g, "http://example.org/unused");
	encode(g, &bin);
	CHECK(bin.len == 6);
	CHECK(memcmp(bin.data, "OG\1\0\0\0", 6) == 0);
	d = oslo_graph_decode(bin.data, bin.len);
	CHECK(oslo_graph_size(d) == 0);
	CHECK(oslo_graph_term_count(d) == 0);
	oslo_buf_free(&bin);
	oslo_graph_free(d);
	oslo_graph_free(g);
}

TEST(encoding_is_compact)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://example.org/p");
	oslo_buf bin;
	oslo_graph *d;
	size_t text = 0;

	for (int i = 0; i < 2000; i++)
	{
		char s[64];
		int n = snprintf(s, sizeof(s), "http://example.org/s%d", i % 300);

		text += (size_t)n;
		oslo_graph_add(g, oslo_graph_iri(g, s, (size_t)n), p,
		               oslo_graph_literal_cstr(g, s + 19, OSLO_XSD "integer", NULL), 0);
	}
	encode(g, &bin);
	/* 300 subject IRIs, 300 literals, two IRIs; 2000 statements of 4-8 bytes */
	CHECK(bin.len < 300 * 24 + 300 * 8 + 100 + 2000 * 8);
	CHECK(bin.len < text / 2);
	d = oslo_graph_decode(bin.data, bin.len);
	CHECK(oslo_graph_isomorphic(g, d));
	oslo_buf_free(&bin);
	oslo_graph_free(d);
	oslo_graph_free(g);
}

/* ---------- hand-made corrupt values ---------- */

static void
decode_bytes(const char *data, size_t len)
{
	oslo_graph_free(oslo_graph_decode(data, len));
}

#define DECODES(lit) decode_bytes(lit, sizeof(lit) - 1)

/* header, then 1 IRI "p" (term 1) */
#define HDR     "OG\1\0"
#define IRI_P   "\1\1p"
#define BLANK_X "\2\1x"

TEST(corrupt_headers)
{
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES("OG\1"));
	CHECK_CONTAINS(unit_err.message, "too short");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES("XG\1\0\0\0"));
	CHECK_CONTAINS(unit_err.message, "bad magic bytes");
	CHECK_CONTAINS(unit_err.message, "at byte 0");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES("OG\2\0\0\0"));
	CHECK_CONTAINS(unit_err.message, "unsupported format version 2 at byte 2");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES("OG\1\1\0\0"));
	CHECK_CONTAINS(unit_err.message, "unknown flags 0x01 at byte 3");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\0"));
	CHECK_CONTAINS(unit_err.message, "truncated statement count at byte 5");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\xff\xff\xff\xff\x0f\0"));
	CHECK_CONTAINS(unit_err.message, "term count 4294967295 exceeds");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\xff\xff\xff\xff\x1f\0"));
	CHECK_CONTAINS(unit_err.message, "term count overflows 32 bits at byte 4");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\xff\xff\xff\xff\xff\x01\0"));
	CHECK_CONTAINS(unit_err.message, "overflows 32 bits");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\x80\0\0"));
	CHECK_CONTAINS(unit_err.message, "non-canonical varint for term count at byte 4");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\0\0junk"));
	CHECK_CONTAINS(unit_err.message,
	               "4 bytes of trailing garbage after the last statement at byte 6");
	/* the smallest valid value */
	DECODES(HDR "\0\0");
}

TEST(corrupt_terms)
{
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\1\0\4\1p"));
	CHECK_CONTAINS(unit_err.message, "term 1 has unknown kind 4 at byte 6");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\1\0\1\5p"));
	CHECK_CONTAINS(unit_err.message,
	               "term value of 5 bytes runs past the end (1 bytes left) at byte 7");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\1\0\1\1\xff"));
	CHECK_CONTAINS(unit_err.message, "term value is not valid UTF-8 at byte 8");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0\1\2a\0" IRI_P));
	CHECK_CONTAINS(unit_err.message, "not valid UTF-8");
	/* literal "v" with datatype term 2 (itself / later) */
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0" IRI_P "\3\1v\2\0"));
	CHECK_CONTAINS(unit_err.message,
	               "datatype of term 2 refers to term 2, which is not an earlier IRI at byte 12");
	/* datatype a blank node */
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0" BLANK_X "\3\1v\1\0"));
	CHECK_CONTAINS(unit_err.message, "not an earlier IRI");
	/* a language tag with datatype p instead of rdf:langString */
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0" IRI_P "\3\1v\1\2en"));
	CHECK_CONTAINS(unit_err.message, "must have datatype rdf:langString");
	/* rdf:langString without a tag */
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0\1\x35" OSLO_RDF_LANGSTRING "\3\1v\1\0"));
	CHECK_CONTAINS(unit_err.message, "needs a language tag");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0\1\x35" OSLO_RDF_LANGSTRING "\3\1v\1\2e\0"));
	CHECK_CONTAINS(unit_err.message, "language tag is not valid UTF-8 at byte 66");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(HDR "\2\0\1\x35" OSLO_RDF_LANGSTRING "\3\1v\1\x40"
	                                          "0123456789012345678901234567890123456789"
	                                          "012345678901234567890123"));
	CHECK_CONTAINS(unit_err.message, "language tag of 64 bytes is too long");
	/* a valid tagged literal */
	DECODES(HDR "\2\0\1\x35" OSLO_RDF_LANGSTRING "\3\1v\1\2EN");
}

TEST(corrupt_statements)
{
	/* terms: 1 IRI p, 2 blank x, 3 literal "v"^^p */
#define TERMS HDR "\3\1" IRI_P BLANK_X "\3\1v\1\0"
	DECODES(TERMS "\2\1\3\2");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\3\1\1\0"));
	CHECK_CONTAINS(unit_err.message, "statement 1 has a literal subject at byte 17");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\1\2\1\0"));
	CHECK_CONTAINS(unit_err.message, "predicate that is not an IRI");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\1\1\1\3"));
	CHECK_CONTAINS(unit_err.message, "literal graph name");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\1\1\4\0"));
	CHECK_CONTAINS(unit_err.message, "object refers to term 4 of 3 at byte 19");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\0\1\1\0"));
	CHECK_CONTAINS(unit_err.message, "subject refers to term 0 of 3");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\1\1\1"));
	CHECK_CONTAINS(unit_err.message, "cannot fit");
	CHECK_ERROR(OSLO_ERR_CORRUPT, DECODES(TERMS "\1\1\1\x83"));
	CHECK_CONTAINS(unit_err.message, "truncated graph name at byte 20");
#undef TERMS
}

/* ---------- truncations and random damage ---------- */

typedef struct attempt
{
	const char *data;
	size_t len;
	size_t size; /* statements of the decoded graph */
} attempt;

static void
try_decode(void *arg)
{
	attempt *a = arg;
	oslo_graph *g = oslo_graph_decode(a->data, a->len);
	oslo_buf again;
	oslo_graph *g2;

	/* whatever decodes is a well-formed graph: it survives a round trip */
	a->size = oslo_graph_size(g);
	oslo_buf_init(&again);
	oslo_graph_encode(g, &again);
	g2 = oslo_graph_decode(again.data, again.len);
	if (!oslo_graph_isomorphic(g, g2))
		a->size = SIZE_MAX;
	oslo_graph_free(g2);
	oslo_buf_free(&again);
	oslo_graph_free(g);
}

/*
 * Decode data[0..len) in a nested run; returns 1 when it decoded, 0 when it
 * raised OSLO_ERR_CORRUPT, -1 for anything else (or a leak).
 */
static int
decode_outcome(const char *data, size_t len)
{
	attempt a = {data, len, 0};
	oslo_captured_error err;
	size_t live = oslo_standalone_live_blocks();
	bool ok = oslo_standalone_run(try_decode, &a, &err);

	if (oslo_standalone_live_blocks() != live)
		return -1;
	if (ok)
		return a.size == SIZE_MAX ? -1 : 1;
	if (err.code != OSLO_ERR_CORRUPT || strstr(err.message, "at byte ") == NULL)
	{
		fprintf(stderr, "    unexpected error %d: %s\n", (int)err.code, err.message);
		return -1;
	}
	return 0;
}

TEST(every_truncation_is_corrupt)
{
	oslo_graph *g = sample_graph();
	oslo_buf bin;
	int bad = 0;

	encode(g, &bin);
	for (size_t len = 0; len < bin.len; len++)
	{
		/* a copy of exactly len bytes, so that reading past it is caught by ASan */
		char *copy = malloc(len ? len : 1);

		memcpy(copy, bin.data, len);
		if (decode_outcome(copy, len) != 0)
		{
			fprintf(stderr, "    truncation to %zu bytes\n", len);
			bad++;
		}
		free(copy);
	}
	CHECK(bad == 0);
	CHECK(decode_outcome(bin.data, bin.len) == 1);
	oslo_buf_free(&bin);
	oslo_graph_free(g);
}

static uint64_t rng_state = 7;

static uint32_t
rng(uint32_t bound)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % bound;
}

TEST(random_damage_never_crashes)
{
	oslo_graph *g = sample_graph();
	oslo_buf bin;
	char *copy;
	int outcomes[3] = {0, 0, 0};

	encode(g, &bin);
	copy = malloc(bin.len);
	for (int round = 0; round < 5000; round++)
	{
		int flips = 1 + (int)rng(3);
		int r;

		memcpy(copy, bin.data, bin.len);
		for (int f = 0; f < flips; f++)
		{
			size_t at = rng((uint32_t)bin.len);

			/* bit flips, and sometimes whole bytes of interesting values */
			if (rng(4) == 0)
				copy[at] = (char)(rng(2) ? 0xff : rng(8));
			else
				copy[at] ^= (char)(1 << rng(8));
		}
		r = decode_outcome(copy, bin.len);
		outcomes[r + 1]++;
		if (r < 0)
			fprintf(stderr, "    round %d failed\n", round);
	}
	CHECK(outcomes[0] == 0);
	/* both outcomes occur: damage to a string's content is not detectable */
	CHECK(outcomes[1] > 1000);
	CHECK(outcomes[2] > 100);
	free(copy);
	oslo_buf_free(&bin);
	oslo_graph_free(g);
}

int
main(void)
{
	RUN(round_trip_keeps_the_graph);
	RUN(empty_graph);
	RUN(encoding_is_compact);
	RUN(corrupt_headers);
	RUN(corrupt_terms);
	RUN(corrupt_statements);
	RUN(every_truncation_is_corrupt);
	RUN(random_damage_never_crashes);
	return unit_report();
}
