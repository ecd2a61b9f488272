/*
 * test_jsonld_json.c
 *	  The JSON value model of the JSON-LD processor: strict parsing with
 *	  positions, serialization, equality.
 */
#include "jsonld.h"
#include "jsonld_api.h"
#include "unit.h"

static char *
roundtrip(const char *text)
{
	jld_arena *a = jld_arena_new();
	oslo_buf out;
	char *copy;

	oslo_buf_init(&out);
	jld_serialize(jld_parse(a, text, strlen(text)), &out);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	jld_arena_free(a);
	return copy;
}

TEST(parse_and_serialize_keep_order_and_lexical_numbers)
{
	char *s = roundtrip(
	    " {\"b\": [1, 2.50, -0, 1e3, true, null], \"a\": \"x\\u00e9\\n\\ud83d\\ude00\"} ");

	CHECK_STREQ(s, "{\"b\":[1,2.50,-0,1e3,true,null],\"a\":\"x\xc3\xa9\\n\xf0\x9f\x98\x80\"}");
	free(s);
}

TEST(duplicate_keys_keep_the_last_value)
{
	char *s = roundtrip("{\"a\": 1, \"a\": 2}");

	CHECK_STREQ(s, "{\"a\":2}");
	free(s);
}

/* each parse gets its own arena: an error frees the blocks it allocated */
static void
parse_fresh(const char *text, size_t len)
{
	jld_arena *a = jld_arena_new();

	jld_parse(a, text, len);
	jld_arena_free(a);
}

TEST(invalid_json_reports_line_and_column)
{
	const char *bad = "{\n  \"a\": [1, 2,]\n}";

	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh(bad, strlen(bad)));
	CHECK_CONTAINS(unit_err.message, "line 2, column 14");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("{\"a\" 1}", 7));
	CHECK_CONTAINS(unit_err.message, "':' expected");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("[01]", 4));
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("\"\\ud800\"", 8));
	CHECK_CONTAINS(unit_err.message, "surrogate");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("{\"a\":1} x", 9));
	CHECK_CONTAINS(unit_err.message, "trailing");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("\"a\tb\"", 5));
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("\"\xff\"", 3));
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("", 0));
}

/*
 * The encoding is checked where bytes >= 0x80 may be, in strings and keys,
 * on the fast path and after an escape; anywhere else they are no JSON.
 */
TEST(invalid_utf8_is_an_error_where_it_stands)
{
	static const char *const bad[] = {
	    "[\"ab\xc3\"]",                 /* a sequence cut short by the quote */
	    "[\"abcdefghij\xc3\xa9\xc3\"]", /* ... after a valid one */
	    "[\"\\n\xe2\x82\"]",            /* ... after an escape */
	    "[\"\xc0\xaf\"]",               /* overlong '/' */
	    "[\"\xed\xa0\x80\"]",           /* an encoded surrogate */
	    "[\"\xf4\x90\x80\x80\"]",       /* beyond U+10FFFF */
	    "[\"\x80\"]",                   /* a continuation byte first */
	    "{\"k\xe9y\":1}",               /* in a key (Latin-1) */
	    "[1, \xc3\xa9]",                /* outside a string */
	};
	jld_arena *a = jld_arena_new();
	jld_value *v;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh(bad[i], strlen(bad[i])));
		CHECK_CONTAINS(unit_err.message, "line 1");
	}
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("[\"ab\xc3\xa9\xc3", 7));
	CHECK_CONTAINS(unit_err.message, "not valid UTF-8");
	/* NUL: a control character in a string, an unexpected byte elsewhere */
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("[\"a\0b\"]", 6));
	CHECK_CONTAINS(unit_err.message, "control character");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("[1,\0]", 5));
	/* valid sequences of every length, on both paths, in keys and values */
	v = jld_parse(
	    a, "{\"n\xc3\xa4me\":\"\\t\xe2\x82\xac \xf0\x9f\x98\x80 abcdefgh\xc3\xa9\"}",
	    strlen("{\"n\xc3\xa4me\":\"\\t\xe2\x82\xac \xf0\x9f\x98\x80 abcdefgh\xc3\xa9\"}"));
	CHECK(v->kind == JLD_OBJECT && v->count == 1);
	CHECK_STREQ(v->members[0].key, "n\xc3\xa4me");
	CHECK_STREQ(v->members[0].value->str, "\t\xe2\x82\xac \xf0\x9f\x98\x80 abcdefgh\xc3\xa9");
	jld_arena_free(a);
}

/*
 * 1e400 is valid JSON but no double: refused where it is read. Found by the
 * jsonld_doc fuzzer: toRdf formatted the infinity as if it had an exponent
 * and crashed (test/fuzz/seeds/jsonld_doc/regress-infinite-number.jsonld).
 */
static void
to_graph(const char *doc)
{
	oslo_graph_free(oslo_jsonld_to_graph(doc, strlen(doc), "{}", NULL, NULL));
}

TEST(numbers_beyond_a_double_are_refused)
{
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("[1e400]", 7));
	CHECK_CONTAINS(unit_err.message, "line 1, column 2: number out of the range of a double");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse_fresh("-1E+999", 7));
	CHECK_ERROR(OSLO_ERR_SYNTAX, to_graph("{\"http://e/p\": 15555.5555e5555}"));
	CHECK_CONTAINS(unit_err.message, "number out of the range of a double");
	/* tiny numbers are fine: they round to zero */
	to_graph("{\"http://e/p\": 1e-400}");
}

TEST(deep_nesting_is_a_limit_error)
{
	size_t n = 5000;
	char *deep = malloc(n + 1);

	memset(deep, '[', n);
	deep[n] = '\0';
	CHECK_ERROR(OSLO_ERR_LIMIT, parse_fresh(deep, n));
	free(deep);
}

TEST(equality_unordered_except_lists)
{
	jld_arena *a = jld_arena_new();
	jld_value *x = jld_parse(a, "[{\"p\":[1,2],\"@list\":[1,2]},3]", 29);
	jld_value *y = jld_parse(a, "[3,{\"@list\":[1,2],\"p\":[2,1.0]}]", 31);
	jld_value *z = jld_parse(a, "[3,{\"@list\":[2,1],\"p\":[2,1]}]", 29);

	CHECK(jld_equal(x, y, false));
	CHECK(!jld_equal(x, y, true));
	CHECK(!jld_equal(x, z, false));
	jld_arena_free(a);
}

TEST(failed_parse_frees_everything)
{
	size_t before = oslo_standalone_live_blocks();
	const char *bad = "{\"a\": [\"long string that goes into the arena\", {\"b\": tru}]}";

	CHECK_ERROR(OSLO_ERR_SYNTAX, {
		jld_arena *a = jld_arena_new();
		jld_parse(a, bad, strlen(bad));
	});
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(parse_and_serialize_keep_order_and_lexical_numbers);
	RUN(duplicate_keys_keep_the_last_value);
	RUN(invalid_json_reports_line_and_column);
	RUN(invalid_utf8_is_an_error_where_it_stands);
	RUN(numbers_beyond_a_double_are_refused);
	RUN(deep_nesting_is_a_limit_error);
	RUN(equality_unordered_except_lists);
	RUN(failed_parse_frees_everything);
	return unit_report();
}
