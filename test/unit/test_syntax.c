/*
 * test_syntax.c
 *	  N-Triples, N-Quads, Turtle and TriG reading and writing (rdf_serd_*.c).
 */
#include "rdf_syntax.h"
#include "unit.h"

#define EX "http://example.org/"

static oslo_graph *
parse(const char *text, oslo_rdf_syntax syntax, const char *base)
{
	oslo_graph *g = oslo_graph_new();

	oslo_rdf_parse(g, text, strlen(text), syntax, base);
	return g;
}

/* writes g; the result lives until the test's run ends */
static const char *
write(const oslo_graph *g, oslo_rdf_syntax syntax, const oslo_prefix *prefixes, size_t n)
{
	oslo_buf *out = oslo_alloc(sizeof(oslo_buf));

	oslo_buf_init(out);
	oslo_rdf_write(g, syntax, prefixes, n, out);
	return out->data;
}

static const oslo_prefix ex_prefixes[] = {{"ex", EX}, {"xsd", OSLO_XSD}};

TEST(ntriples_output_is_canonical_and_sorted)
{
	oslo_graph *g = parse("<" EX "s> <" EX "p> \"b\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
	                      "<" EX "s> <" EX "p> \"a\"@EN-gb .\n"
	                      "<" EX "a> <" EX "p> \"1\"^^<" OSLO_XSD "integer> .\n",
	                      OSLO_SYNTAX_NTRIPLES, NULL);

	CHECK_STREQ(write(g, OSLO_SYNTAX_NTRIPLES, NULL, 0),
	            "<" EX "a> <" EX "p> \"1\"^^<" OSLO_XSD "integer> .\n"
	            "<" EX "s> <" EX "p> \"a\"@en-gb .\n"
	            "<" EX "s> <" EX "p> \"b\" .\n");
}

TEST(equal_graphs_print_alike_whatever_the_insertion_order)
{
	oslo_graph *a = parse("<" EX "s> <" EX "p> <" EX "o2> . <" EX "s> <" EX "p> <" EX "o1> .",
	                      OSLO_SYNTAX_NTRIPLES, NULL);
	oslo_graph *b = parse("<" EX "s> <" EX "p> <" EX "o1> . <" EX "s> <" EX "p> <" EX "o2> .",
	                      OSLO_SYNTAX_NTRIPLES, NULL);
	uint32_t *order = oslo_graph_sorted_order(a);

	CHECK_STREQ(write(a, OSLO_SYNTAX_NQUADS, NULL, 0), write(b, OSLO_SYNTAX_NQUADS, NULL, 0));
	CHECK(order[0] == 1 && order[1] == 0);
}

/* the N-Triples text of term id of g (lives until the test's run ends) */
static const char *
text_of(const oslo_graph *g, oslo_term_id id)
{
	oslo_buf *b = oslo_alloc(sizeof(oslo_buf));

	oslo_buf_init(b);
	if (id)
		oslo_term_to_ntriples(g, id, b);
	else
		oslo_buf_puts(b, ""); /* the default graph sorts first */
	return b->data;
}

/*
 * The statement order compares term texts byte by byte: texts sharing long
 * prefixes (past 8 and 16 bytes), texts that are prefixes of others, bytes
 * of UTF-8 (above 0x7F, after ASCII), many terms at once, and two blank
 * nodes written with the same text (a label that is not valid N-Triples is
 * hex-encoded as x_..., like the valid label x_... of another node) all come
 * out in order, every statement once.
 */
TEST(statement_order_follows_the_bytes_of_term_texts)
{
	oslo_graph *g = oslo_graph_new();
	const char *stems[] = {"http://example.org/",
	                       "http://example.org/a",
	                       "http://example.org/ab",
	                       "http://example.org/abcdefg",
	                       "http://example.org/abcdefgh",
	                       "http://example.org/abcdefghi",
	                       "http://example.org/\xc3\xa9t\xc3\xa9",
	                       "http://example.org/Z",
	                       "http://example.net/"};
	oslo_term_id p = oslo_graph_iri_cstr(g, EX "p");
	oslo_term_id q = oslo_graph_iri_cstr(g, EX "p2");
	oslo_term_id gn = oslo_graph_iri_cstr(g, EX "g");
	oslo_term_id odd = oslo_graph_blank(g, "a b", 3);
	oslo_term_id like_odd = oslo_graph_blank(g, "x_612062", 8);
	unsigned seed = 1;
	uint32_t *order;
	const oslo_quad *quads;
	size_t n;
	bool *seen;

	CHECK_STREQ(text_of(g, odd), text_of(g, like_odd));
	for (int i = 0; i < 3000; i++)
	{
		char iri[128], lex[64];
		oslo_term_id s, o;

		seed = seed * 1103515245u + 12345u;
		snprintf(iri, sizeof(iri), "%s%u", stems[(seed >> 8) % 9], (seed >> 16) % 50);
		s = (seed >> 4) % 7 == 0 ? oslo_graph_fresh_blank(g) : oslo_graph_iri_cstr(g, iri);
		snprintf(lex, sizeof(lex), "%s%u", (seed >> 12) % 2 ? "v\xc3\xa9" : "v",
		         (seed >> 20) % 300);
		o = (seed >> 6) % 3 ? oslo_graph_literal_cstr(g, lex, NULL, (seed >> 9) % 2 ? "nl" : NULL)
		                    : oslo_graph_iri_cstr(g, iri);
		oslo_graph_add(g, s, (seed >> 3) % 2 ? p : q, o, (seed >> 5) % 4 ? 0 : gn);
	}
	oslo_graph_add(g, odd, p, like_odd, 0);
	oslo_graph_add(g, like_odd, p, odd, 0);
	oslo_graph_add(g, like_odd, p, like_odd, 0);
	n = oslo_graph_size(g);
	quads = oslo_graph_quads(g);
	order = oslo_graph_sorted_order(g);
	seen = oslo_alloc0(n);
	for (size_t i = 0; i < n; i++)
	{
		CHECK(order[i] < n && !seen[order[i]]);
		seen[order[i]] = true;
	}
	for (size_t i = 1; i < n; i++)
	{
		const oslo_quad *a = &quads[order[i - 1]], *b = &quads[order[i]];
		int c = strcmp(text_of(g, a->g), text_of(g, b->g));

		if (c == 0)
			c = strcmp(text_of(g, a->s), text_of(g, b->s));
		if (c == 0)
			c = strcmp(text_of(g, a->p), text_of(g, b->p));
		if (c == 0)
			c = strcmp(text_of(g, a->o), text_of(g, b->o));
		if (c > 0)
		{
			CHECK(c <= 0);
			break;
		}
	}
	oslo_free(seen);
	oslo_free(order);
	oslo_graph_free(g);
}

TEST(turtle_output_uses_prefixes_and_reads_back)
{
	oslo_graph *g = parse("@prefix ex: <" EX "> .\n"
	                      "ex:s ex:p ex:o , \"x\" ; ex:q [ ex:r 1 ] , (1 2.5 true) .\n",
	                      OSLO_SYNTAX_TURTLE, NULL);
	const char *ttl = write(g, OSLO_SYNTAX_TURTLE, ex_prefixes, 2);
	oslo_graph *back = parse(ttl, OSLO_SYNTAX_TURTLE, NULL);

	CHECK(oslo_graph_size(g) == 11);
	CHECK_CONTAINS(ttl, "@prefix ex: <" EX "> .");
	CHECK_CONTAINS(ttl, "ex:s");
	CHECK_CONTAINS(ttl, " ;");
	CHECK_CONTAINS(ttl, "2.5");
	CHECK(oslo_graph_isomorphic(g, back));
}

TEST(turtle_never_writes_a_bad_lexical_form_as_a_bare_number)
{
	oslo_graph *g = oslo_graph_new();
	const char *ttl;

	oslo_graph_add(g, oslo_graph_iri_cstr(g, EX "s"), oslo_graph_iri_cstr(g, EX "p"),
	               oslo_graph_literal_cstr(g, "abc", OSLO_XSD "integer", NULL), 0);
	oslo_graph_add(g, oslo_graph_iri_cstr(g, EX "s"), oslo_graph_iri_cstr(g, EX "p"),
	               oslo_graph_literal_cstr(g, "1.5e3", OSLO_XSD "decimal", NULL), 0);
	ttl = write(g, OSLO_SYNTAX_TURTLE, NULL, 0);
	CHECK_CONTAINS(ttl, "\"abc\"^^xsd:integer");
	CHECK_CONTAINS(ttl, "@prefix xsd: <" OSLO_XSD ">");
	CHECK(oslo_graph_isomorphic(g, parse(ttl, OSLO_SYNTAX_TURTLE, NULL)));
}

TEST(relative_iris_resolve_against_base_and_at_base)
{
	oslo_graph *g = parse("<s> <p> <../o> .\n"
	                      "@base <http://other.org/a/b/> .\n"
	                      "<./s2> <#p> <//host/x/./y/../z?q> .\n"
	                      "@prefix rel: <sub/> .\n"
	                      "rel:s <p> <> .\n",
	                      OSLO_SYNTAX_TURTLE, "http://example.org/dir/doc.ttl");

	CHECK(oslo_graph_find_iri(g, EX "dir/s", strlen(EX "dir/s")) != 0);
	CHECK(oslo_graph_find_iri(g, EX "o", strlen(EX "o")) != 0);
	CHECK(oslo_graph_find_iri(g, "http://other.org/a/b/s2", 23) != 0);
	CHECK(oslo_graph_find_iri(g, "http://other.org/a/b/#p", 23) != 0);
	CHECK(oslo_graph_find_iri(g, "http://host/x/z?q", 17) != 0);
	CHECK(oslo_graph_find_iri(g, "http://other.org/a/b/sub/s", 26) != 0);
	CHECK(oslo_graph_size(g) == 3);
}

TEST(iri_resolution_follows_rfc3986_examples)
{
	static const char *cases[][2] = {
	    {"g", "http://a/b/c/g"},
	    {"./g", "http://a/b/c/g"},
	    {"g/", "http://a/b/c/g/"},
	    {"/g", "http://a/g"},
	    {"//g", "http://g"},
	    {"?y", "http://a/b/c/d;p?y"},
	    {"#s", "http://a/b/c/d;p?q#s"},
	    {"", "http://a/b/c/d;p?q"},
	    {".", "http://a/b/c/"},
	    {"..", "http://a/b/"},
	    {"../g", "http://a/b/g"},
	    {"../../../g", "http://a/g"},
	    {"/./g", "http://a/g"},
	    {"g.", "http://a/b/c/g."},
	    {"./../g", "http://a/b/g"},
	    {"g;x=1/../y", "http://a/b/c/y"},
	    {"g?y/./x", "http://a/b/c/g?y/./x"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		oslo_buf b;

		oslo_buf_init(&b);
		oslo_iri_resolve("http://a/b/c/d;p?q", cases[i][0], &b);
		CHECK_STREQ(b.data, cases[i][1]);
		oslo_buf_free(&b);
	}
}

TEST(blank_nodes_stay_apart_when_parsing_twice)
{
	const char *doc = "_:a <" EX "p> _:a .\n[] <" EX "p> _:b1 .\n";
	oslo_graph *g = parse(doc, OSLO_SYNTAX_TURTLE, NULL);
	const oslo_quad *q;

	CHECK(oslo_graph_size(g) == 2);
	q = oslo_graph_quads(g);
	CHECK(q[0].s == q[0].o); /* one label, one node */
	CHECK(q[1].s != q[1].o); /* [] is not _:b1 */
	CHECK(q[0].s != q[1].o);
	oslo_rdf_parse(g, doc, strlen(doc), OSLO_SYNTAX_TURTLE, NULL);
	CHECK(oslo_graph_size(g) == 4);
}

TEST(named_graphs_in_nquads_and_trig)
{
	oslo_graph *g = parse("<" EX "s> <" EX "p> <" EX "o> <" EX "g> .\n"
	                      "<" EX "s> <" EX "p> \"d\" .\n"
	                      "_:x <" EX "p> <" EX "o> _:g .\n",
	                      OSLO_SYNTAX_NQUADS, NULL);
	const char *trig = write(g, OSLO_SYNTAX_TRIG, ex_prefixes, 2);

	CHECK(oslo_graph_size(g) == 3);
	CHECK(oslo_graph_contains(g, oslo_graph_iri_cstr(g, EX "s"), oslo_graph_iri_cstr(g, EX "p"),
	                          oslo_graph_iri_cstr(g, EX "o"), oslo_graph_iri_cstr(g, EX "g")));
	CHECK_CONTAINS(trig, "ex:g {");
	CHECK(oslo_graph_isomorphic(g, parse(trig, OSLO_SYNTAX_TRIG, NULL)));
	CHECK(oslo_graph_isomorphic(
	    g, parse(write(g, OSLO_SYNTAX_NQUADS, NULL, 0), OSLO_SYNTAX_NQUADS, NULL)));
}

TEST(ntriples_and_turtle_refuse_named_graphs)
{
	oslo_graph *g = parse("<" EX "s> <" EX "p> <" EX "o> <" EX "g> .", OSLO_SYNTAX_NQUADS, NULL);
	oslo_buf out;

	oslo_buf_init(&out);
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_rdf_write(g, OSLO_SYNTAX_NTRIPLES, NULL, 0, &out));
	CHECK_CONTAINS(unit_err.message, "N-Quads");
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_rdf_write(g, OSLO_SYNTAX_TURTLE, NULL, 0, &out));
	CHECK_CONTAINS(unit_err.message, "TriG");
}

TEST(term_escaping_in_ntriples)
{
	oslo_graph *g = oslo_graph_new();
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_term_to_ntriples(
	    g, oslo_graph_literal_cstr(g, "q\"b\\n\nr\rt\tc\x01\x7f\xc3\xa9", NULL, NULL), &b);
	CHECK_STREQ(b.data, "\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001\\u007F\xc3\xa9\"");
	oslo_buf_reset(&b);
	oslo_term_to_ntriples(g, oslo_graph_iri_cstr(g, "http://e/a b>"), &b);
	CHECK_STREQ(b.data, "<http://e/a\\u0020b\\u003E>");
	oslo_buf_reset(&b);
	oslo_term_to_ntriples(g, oslo_graph_literal_cstr(g, "1", OSLO_XSD "integer", NULL), &b);
	CHECK_STREQ(b.data, "\"1\"^^<" OSLO_XSD "integer>");
	oslo_buf_reset(&b);
	oslo_term_to_ntriples(g, oslo_graph_blank(g, "ok-1", 4), &b);
	CHECK_STREQ(b.data, "_:ok-1");
	oslo_buf_reset(&b);
	/* a label N-Triples cannot spell is encoded, not written raw */
	oslo_term_to_ntriples(g, oslo_graph_blank(g, "a b", 3), &b);
	CHECK_STREQ(b.data, "_:x_612062");
	oslo_buf_free(&b);
}

TEST(escaped_literals_read_back)
{
	oslo_graph *g = parse("<" EX "s> <" EX "p> \"tab\\there \\u00E9 \\U0001F600 \\\"q\\\"\" .",
	                      OSLO_SYNTAX_NTRIPLES, NULL);
	const oslo_term *t = oslo_graph_term(g, oslo_graph_quads(g)[0].o);

	CHECK_STREQ(t->value, "tab\there \xc3\xa9 \xf0\x9f\x98\x80 \"q\"");
	CHECK(oslo_graph_isomorphic(
	    g, parse(write(g, OSLO_SYNTAX_NTRIPLES, NULL, 0), OSLO_SYNTAX_NTRIPLES, NULL)));
}

TEST(syntax_errors_give_line_and_column)
{
	oslo_graph *g = oslo_graph_new();
	const char *doc = "@prefix ex: <" EX "> .\n"
	                  "ex:a ex:b ex:c .\n"
	                  "ex:a ex:b ex:c ex:d .\n";

	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_rdf_parse(g, doc, strlen(doc), OSLO_SYNTAX_TURTLE, NULL));
	CHECK_CONTAINS(unit_err.message, "invalid Turtle at line 3, column");
}

/* serd takes Turtle's ';', ',' and 'a' in N-Triples; the reader does not */
TEST(ntriples_refuse_turtle_abbreviations)
{
	const char *semicolon = "<" EX "a> <" EX "p> <" EX "o> ; <" EX "q> \"x\" .\n";
	const char *comma = "<" EX "a> <" EX "p> <" EX "o> .\n<" EX "a> <" EX "p> \"1\", \"2\" .\n";
	const char *keyword = "<" EX "a> a <" EX "C> .\n";
	/* letters in blank node labels and language tags are fine */
	const char *labels = "_:b1.x <" EX "p> \"v\"@en-GB .\n_:b2 <" EX "p> _:b1.x <" EX "g> .\n";
	/* the same characters inside IRIs, strings and comments are fine */
	const char *fine = "# a comment; with, both\n<" EX "a;b,c> <" EX "p> \"x; \\\" y, z\" .\n";
	oslo_graph *g = oslo_graph_new();

	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            oslo_rdf_parse(g, semicolon, strlen(semicolon), OSLO_SYNTAX_NTRIPLES, NULL));
	CHECK_CONTAINS(unit_err.message, "invalid N-Triples at line 1, column 70: ';'");
	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_rdf_parse(g, comma, strlen(comma), OSLO_SYNTAX_NQUADS, NULL));
	CHECK_CONTAINS(unit_err.message, "line 2");
	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            oslo_rdf_parse(g, keyword, strlen(keyword), OSLO_SYNTAX_NTRIPLES, NULL));
	CHECK_CONTAINS(unit_err.message, "line 1, column 24: a bare word");
	oslo_graph_free(g);
	g = parse(labels, OSLO_SYNTAX_NQUADS, NULL);
	CHECK(oslo_graph_size(g) == 2);
	oslo_graph_free(g);
	g = parse(fine, OSLO_SYNTAX_NTRIPLES, NULL);
	CHECK(oslo_graph_size(g) == 1);
	oslo_graph_free(g);
}

TEST(undefined_prefix_names_the_prefix_and_line)
{
	oslo_graph *g = oslo_graph_new();
	const char *doc = "@prefix ex: <" EX "> .\n\nex:a ex:b foo:c .\n";

	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_rdf_parse(g, doc, strlen(doc), OSLO_SYNTAX_TURTLE, NULL));
	CHECK_CONTAINS(unit_err.message, "line 3");
	CHECK_CONTAINS(unit_err.message, "undefined prefix \"foo:\"");
}

TEST(relative_iris_need_a_base)
{
	oslo_graph *g = oslo_graph_new();

	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_rdf_parse(g, "<a> <b> <c> .", 13, OSLO_SYNTAX_TURTLE, NULL));
	CHECK_CONTAINS(unit_err.message, "relative IRI <a>");
	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            oslo_rdf_parse(g, "<a> <b> <c> .", 13, OSLO_SYNTAX_NTRIPLES, "http://e/"));
	CHECK_CONTAINS(unit_err.message, "line 1");
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_rdf_parse(g, "<a> <b> <c> .", 13, OSLO_SYNTAX_TURTLE, "not-absolute"));
}

TEST(embedded_nul_and_bad_utf8_are_rejected_with_position)
{
	oslo_graph *g = oslo_graph_new();
	const char nul[] = "<http://e/s> <http://e/p> \"a\0b\" .";
	const char bad[] = "<http://e/s> <http://e/p> \"ok\" .\n<http://e/s> <http://e/p> \"\xc3(\" .";

	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            oslo_rdf_parse(g, nul, sizeof(nul) - 1, OSLO_SYNTAX_NTRIPLES, NULL));
	CHECK_CONTAINS(unit_err.message, "NUL byte");
	CHECK_CONTAINS(unit_err.message, "line 1, column 29");
	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_rdf_parse(g, bad, sizeof(bad) - 1, OSLO_SYNTAX_TURTLE, NULL));
	CHECK_CONTAINS(unit_err.message, "line 2, column 28: invalid UTF-8");
	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            parse("<http://e/s> <http://e/p> \"\\u0000\" .", OSLO_SYNTAX_NTRIPLES, NULL));
	CHECK_CONTAINS(unit_err.message, "U+0000");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse("<http://e/s> <http://e/p> <http://e/a\\u0020b> .",
	                                   OSLO_SYNTAX_TURTLE, NULL));
	CHECK(oslo_graph_size(g) == 0);
}

TEST(mixed_b_and_B_labels_are_refused_not_merged)
{
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED, parse("_:B1 <http://e/p> _:b1 .", OSLO_SYNTAX_TURTLE, NULL));
}

static void
parse_bad(void *arg)
{
	parse((const char *)arg, OSLO_SYNTAX_TURTLE, "http://e/");
}

TEST(failed_parses_leave_no_blocks_behind)
{
	static const char *docs[] = {
	    "@prefix : <http://e/> .\n:a :b :c .\n:a :b [ :c :d ; ] ( 1 2 \n", /* serd error */
	    "@prefix : <http://e/> .\n:a :b :c .\n:a :b undefined:x .\n",      /* callback error */
	    "<a> <b> \"\\u0000\" .\n",
	};

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
	{
		oslo_captured_error err;
		size_t before = oslo_standalone_live_blocks();

		CHECK(!oslo_standalone_run(parse_bad, (void *)docs[i], &err));
		CHECK(err.code == OSLO_ERR_SYNTAX);
		CHECK(oslo_standalone_live_blocks() == before);
	}
}

TEST(many_statements_parse)
{
	oslo_buf doc;
	oslo_graph *g = oslo_graph_new();

	oslo_buf_init(&doc);
	oslo_buf_puts(&doc, "@prefix : <http://e/> .\n");
	for (int i = 0; i < 10000; i++)
		oslo_buf_printf(&doc, ":s%d :p %d, [ :q \"v%d\" ] .\n", i % 100, i, i);
	oslo_rdf_parse(g, doc.data, doc.len, OSLO_SYNTAX_TURTLE, NULL);
	CHECK(oslo_graph_size(g) == 30000);
	oslo_buf_free(&doc);
}

int
main(void)
{
	RUN(ntriples_output_is_canonical_and_sorted);
	RUN(equal_graphs_print_alike_whatever_the_insertion_order);
	RUN(statement_order_follows_the_bytes_of_term_texts);
	RUN(turtle_output_uses_prefixes_and_reads_back);
	RUN(turtle_never_writes_a_bad_lexical_form_as_a_bare_number);
	RUN(relative_iris_resolve_against_base_and_at_base);
	RUN(iri_resolution_follows_rfc3986_examples);
	RUN(blank_nodes_stay_apart_when_parsing_twice);
	RUN(named_graphs_in_nquads_and_trig);
	RUN(ntriples_and_turtle_refuse_named_graphs);
	RUN(term_escaping_in_ntriples);
	RUN(escaped_literals_read_back);
	RUN(syntax_errors_give_line_and_column);
	RUN(ntriples_refuse_turtle_abbreviations);
	RUN(undefined_prefix_names_the_prefix_and_line);
	RUN(relative_iris_need_a_base);
	RUN(embedded_nul_and_bad_utf8_are_rejected_with_position);
	RUN(mixed_b_and_B_labels_are_refused_not_merged);
	RUN(failed_parses_leave_no_blocks_behind);
	RUN(many_statements_parse);
	return unit_report();
}
