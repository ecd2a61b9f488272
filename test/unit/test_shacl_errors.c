/*
 * test_shacl_errors.c
 *	  Malformed shapes raise OSLO_ERR_PARAMETER naming the shape and triple,
 *	  and a failing compile frees everything (ICU regexes included).
 */
#include "shacl_helpers.h"

static const char *shapes_text;

static void
compile_text(void *arg)
{
	oslo_graph *g = ttl(shapes_text);
	oslo_shacl_shapes *s = oslo_shacl_compile(g);

	oslo_shacl_shapes_free(s);
	oslo_graph_free(g);
}

/* compile must fail with a parameter error mentioning each of the needles */
static void
expect_malformed(const char *text, const char *needle1, const char *needle2)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	shapes_text = text;
	if (oslo_standalone_run(compile_text, NULL, &err))
	{
		fprintf(stderr, "  compiled, but should fail: %s\n", text);
		CHECK(!"malformed shape accepted");
		return;
	}
	CHECK(err.code == OSLO_ERR_PARAMETER);
	CHECK_CONTAINS(err.message, needle1);
	CHECK_CONTAINS(err.message, needle2);
	CHECK(oslo_standalone_live_blocks() == before);
}

TEST(string_count_is_malformed)
{
	/* the 2025 OSLO persoon draft writes sh:maxCount "1" */
	expect_malformed("ex:S a sh:NodeShape ; sh:targetClass ex:C ;"
	                 " sh:property ex:P . ex:P sh:path ex:p ; sh:maxCount \"1\" .",
	                 "malformed shape <http://example.org/P>", "sh:maxCount \"1\"");
	expect_malformed("ex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount -1 ] .",
	                 "sh:minCount", "non-negative");
	expect_malformed("ex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:uniqueLang \"yes\" ] .",
	                 "sh:uniqueLang", "xsd:boolean");
}

TEST(bad_paths_are_malformed)
{
	expect_malformed("ex:S a sh:PropertyShape ; sh:path \"name\" .", "sh:path \"name\"",
	                 "not a valid path");
	expect_malformed("ex:S a sh:PropertyShape ; sh:path [ ex:foo ex:bar ] .",
	                 "sh:path _:", "not a valid path");
	expect_malformed("ex:S a sh:PropertyShape ; sh:path _:p . _:p sh:zeroOrMorePath _:p .",
	                 "<http://example.org/S>", "contains itself");
	expect_malformed("ex:S a sh:PropertyShape ; sh:path ( ex:p ) .", "sh:path",
	                 "at least two members");
	expect_malformed("ex:S a sh:PropertyShape ; sh:path ex:p ; sh:path ex:q .", "sh:path",
	                 "at most one");
}

TEST(improper_lists_are_malformed)
{
	expect_malformed("ex:S a sh:NodeShape ; sh:in ex:l . ex:l rdf:first ex:a .", "sh:in",
	                 "not a proper rdf:List");
	expect_malformed("ex:S a sh:NodeShape ; sh:in ex:l . ex:l rdf:first ex:a ; rdf:rest ex:l .",
	                 "sh:in", "cyclic");
	expect_malformed("ex:S a sh:NodeShape ; sh:in ex:l . ex:l rdf:first ex:a, ex:b ;"
	                 " rdf:rest rdf:nil .",
	                 "sh:in", "more than one");
	expect_malformed("ex:S a sh:NodeShape ; sh:or \"x\" .", "sh:or \"x\"", "rdf:List");
}

TEST(other_malformed_parameters)
{
	expect_malformed("ex:S a sh:NodeShape ; sh:nodeKind ex:Thing .", "sh:nodeKind", "node kinds");
	expect_malformed("ex:S a sh:NodeShape ; sh:class \"Person\" .", "sh:class", "an IRI");
	expect_malformed("ex:S a sh:NodeShape ; sh:property [ sh:minCount 1 ] .", "sh:property",
	                 "no sh:path");
	expect_malformed("ex:S a sh:NodeShape ; sh:minCount 1 .", "sh:minCount",
	                 "only property shapes");
	expect_malformed("ex:S a sh:NodeShape ; sh:pattern \"(\" .", "sh:pattern \"(\"",
	                 "invalid regular expression");
	expect_malformed("ex:S a sh:NodeShape ; sh:pattern \"a\" ; sh:flags \"z\" .", "sh:flags",
	                 "flag");
	expect_malformed("ex:S a sh:NodeShape ; sh:node \"x\" .", "sh:node \"x\"", "IRI or blank node");
}

/* a regex compiled before the error must be released by its guard */
TEST(failing_compile_releases_compiled_patterns)
{
	expect_malformed("ex:A a sh:NodeShape ; sh:pattern \"^[a-z]+$\" ; sh:flags \"i\" .\n"
	                 "ex:B a sh:NodeShape ; sh:pattern \"x\" ; sh:maxLength \"3\" .",
	                 "<http://example.org/B>", "sh:maxLength");
}

TEST(unknown_triples_and_empty_graphs_are_fine)
{
	oslo_graph *g = ttl("ex:S a sh:NodeShape ; rdfs:label \"x\" ; ex:custom ex:y ;"
	                    " sh:name \"naam\" ; sh:order 1 .");
	oslo_graph *empty = oslo_graph_new();
	oslo_shacl_shapes *s = oslo_shacl_compile(g);
	oslo_shacl_shapes *none = oslo_shacl_compile(empty);
	oslo_shacl_report *r = oslo_shacl_validate(none, g, NULL);

	CHECK(oslo_shacl_shape_count(s) == 1);
	CHECK(oslo_shacl_shape_count(none) == 0);
	CHECK(r->conforms);
	oslo_shacl_report_free(r);
	oslo_shacl_shapes_free(s);
	oslo_shacl_shapes_free(none);
	oslo_graph_free(g);
	oslo_graph_free(empty);
}

static void
catastrophic_pattern(void *arg)
{
	shacl_run r = run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:a ;"
	                        " sh:property [ sh:path ex:p ; sh:pattern \"^(a+)+$\" ] .",
	                        "ex:a ex:p \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\" .", NULL);

	shacl_run_free(&r);
}

TEST(runaway_pattern_hits_the_limit)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(catastrophic_pattern, NULL, &err));
	CHECK(err.code == OSLO_ERR_LIMIT);
	CHECK_CONTAINS(err.message, "sh:pattern took too long");
	CHECK(oslo_standalone_live_blocks() == before);
}

static void
deep_shape_chain(void *arg)
{
	oslo_buf text;
	oslo_graph *g;

	oslo_buf_init(&text);
	oslo_buf_puts(&text, "ex:s0 a sh:NodeShape .\n");
	for (int i = 0; i < 1100; i++)
		oslo_buf_printf(&text, "ex:s%d sh:node ex:s%d .\n", i, i + 1);
	g = ttl(text.data);
	oslo_shacl_shapes_free(oslo_shacl_compile(g));
	oslo_graph_free(g);
	oslo_buf_free(&text);
}

TEST(deeply_nested_shapes_hit_the_limit)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(deep_shape_chain, NULL, &err));
	CHECK(err.code == OSLO_ERR_LIMIT);
	CHECK_CONTAINS(err.message, "levels deep");
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(string_count_is_malformed);
	RUN(bad_paths_are_malformed);
	RUN(improper_lists_are_malformed);
	RUN(other_malformed_parameters);
	RUN(failing_compile_releases_compiled_patterns);
	RUN(unknown_triples_and_empty_graphs_are_fine);
	RUN(runaway_pattern_hits_the_limit);
	RUN(deeply_nested_shapes_hit_the_limit);
	return unit_report();
}
