/*
 * test_shacl_paths.c
 *	  Property paths, targets, the background graph and recursive shapes.
 */
#include "shacl_helpers.h"

/* the value nodes a path reaches from ex:a, as the sorted focus of sh:in failures */
static int
values_outside(const char *path, const char *data, const char *allowed)
{
	char *shapes = oslo_psprintf("ex:S a sh:NodeShape ; sh:targetNode ex:a ;"
	                             " sh:property [ sh:path %s ; sh:in ( %s ) ] .",
	                             path, allowed);
	shacl_run r = run_shacl(shapes, data, NULL);
	int n = (int)r.report->nresults;

	oslo_free(shapes);
	shacl_run_free(&r);
	return n;
}

static const char *chain = "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:p ex:a . ex:z ex:p ex:a ."
                           " ex:b ex:q ex:d .";

TEST(predicate_and_inverse_paths)
{
	CHECK(values_outside("ex:p", chain, "ex:b") == 0);
	CHECK(values_outside("ex:p", chain, "ex:c") == 1);
	/* ^ex:p from a: c and z */
	CHECK(values_outside("[ sh:inversePath ex:p ]", chain, "ex:c ex:z") == 0);
	CHECK(values_outside("[ sh:inversePath ex:p ]", chain, "ex:c") == 1);
}

TEST(sequence_and_alternative_paths)
{
	CHECK(values_outside("( ex:p ex:q )", chain, "ex:d") == 0);
	CHECK(values_outside("( ex:p ex:p )", chain, "ex:c") == 0);
	CHECK(values_outside("( ex:p ex:p )", chain, "ex:b") == 1);
	CHECK(values_outside("[ sh:alternativePath ( ex:p [ sh:inversePath ex:p ] ) ]", chain,
	                     "ex:b ex:c ex:z") == 0);
	CHECK(values_outside("[ sh:alternativePath ( ex:p [ sh:inversePath ex:p ] ) ]", chain,
	                     "ex:b") == 2);
	/* inverse of a sequence: ^(p/q) from d is a */
	{
		shacl_run r =
		    run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:d ; sh:property"
		              " [ sh:path [ sh:inversePath ( ex:p ex:q ) ] ; sh:hasValue ex:a ] .",
		              chain, NULL);

		CHECK(r.report->conforms);
		shacl_run_free(&r);
	}
}

TEST(closure_paths_terminate_on_cycles)
{
	CHECK(values_outside("[ sh:zeroOrMorePath ex:p ]", chain, "ex:a ex:b ex:c") == 0);
	CHECK(values_outside("[ sh:zeroOrMorePath ex:p ]", chain, "ex:b ex:c") == 1);
	CHECK(values_outside("[ sh:oneOrMorePath ex:p ]", chain, "ex:a ex:b ex:c") == 0);
	CHECK(values_outside("[ sh:oneOrMorePath ex:q ]", chain, "ex:a") == 0);
	CHECK(values_outside("[ sh:zeroOrOnePath ex:p ]", chain, "ex:a ex:b") == 0);
	CHECK(values_outside("[ sh:zeroOrOnePath ex:p ]", chain, "ex:a") == 1);
	CHECK(values_outside("( ex:p [ sh:zeroOrMorePath ex:q ] )", chain, "ex:b ex:d") == 0);
}

TEST(path_strings_for_json)
{
	shacl_run r = run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property"
	                        " [ sh:path ( [ sh:inversePath ex:p ] [ sh:zeroOrMorePath ex:q ]"
	                        " [ sh:alternativePath ( ex:p ex:q ) ] ) ; sh:minCount 1 ] .",
	                        "ex:a ex:r 1 .", NULL);
	char *json = report_json(r.report);

	CHECK_CONTAINS(json, "\"resultPath\": \"^<http://example.org/p>/<http://example.org/q>*/"
	                     "(<http://example.org/p>|<http://example.org/q>)\"");
	oslo_free(json);
	shacl_run_free(&r);
}

TEST(targets_of_every_kind)
{
	shacl_run r =
	    run_shacl("ex:ByClass a sh:NodeShape ; sh:targetClass ex:Agent ; sh:class ex:Checked .\n"
	              "ex:BySubject a sh:NodeShape ; sh:targetSubjectsOf ex:s ; sh:class ex:Checked .\n"
	              "ex:ByObject a sh:NodeShape ; sh:targetObjectsOf ex:o ; sh:class ex:Checked .\n"
	              "ex:Implicit a rdfs:Class, sh:NodeShape ; sh:class ex:Checked .",
	              "ex:Person rdfs:subClassOf ex:Agent .\n"
	              "ex:p1 a ex:Person .\n"
	              "ex:p2 ex:s 1 .\n"
	              "ex:x ex:o ex:p3 .\n"
	              "ex:p4 a ex:Implicit .\n"
	              "ex:ok a ex:Person, ex:Checked .",
	              NULL);
	const char *expected[] = {"http://example.org/p1", "http://example.org/p2",
	                          "http://example.org/p3", "http://example.org/p4"};

	CHECK(r.report->nresults == 4);
	for (int i = 0; i < 4; i++)
	{
		bool found = false;

		for (size_t k = 0; k < r.report->nresults; k++)
			found =
			    found || strcmp(oslo_graph_term(r.report->terms, r.report->results[k].focus)->value,
			                    expected[i]) == 0;
		CHECK(found);
	}
	shacl_run_free(&r);
}

/* code lists: types and subclasses in the background graph count for sh:class */
TEST(background_graph_counts_for_classes_only)
{
	const char *shapes = "ex:S a sh:NodeShape ; sh:targetClass ex:Person ;"
	                     " sh:property [ sh:path ex:geslacht ; sh:class skos:Concept ] .";
	const char *data = "ex:jan a ex:Person ; ex:geslacht <http://codes/m> .";
	const char *codes =
	    "<http://codes/m> a ex:Geslacht . ex:Geslacht rdfs:subClassOf skos:Concept ."
	    " ex:ghost a ex:Person .";
	shacl_run without = run_shacl(shapes, data, NULL);
	shacl_run with = run_shacl(shapes, data, codes);

	CHECK(count_component(without.report, OSLO_SH_CLASS) == 1);
	/* ex:ghost (typed only in the background) is not a focus node */
	CHECK(with.report->conforms);
	shacl_run_free(&without);
	shacl_run_free(&with);
}

TEST(recursive_shapes_terminate)
{
	const char *shapes = "ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;"
	                     " sh:property [ sh:path ex:name ; sh:minCount 1 ] ;"
	                     " sh:property [ sh:path ex:knows ; sh:node ex:PersonShape ] .";
	shacl_run ok = run_shacl(shapes,
	                         "ex:a a ex:Person ; ex:name \"A\" ; ex:knows ex:b ."
	                         " ex:b ex:name \"B\" ; ex:knows ex:a .",
	                         NULL);
	shacl_run bad = run_shacl(shapes,
	                          "ex:a a ex:Person ; ex:name \"A\" ; ex:knows ex:b ."
	                          " ex:b ex:knows ex:a .",
	                          NULL);

	CHECK(ok.report->conforms);
	/* b has no name: a fails through sh:node */
	CHECK(bad.report->nresults == 1);
	CHECK(count_component(bad.report, OSLO_SH_NODE) == 1);
	shacl_run_free(&ok);
	shacl_run_free(&bad);
}

static void
deep_chain(void *arg)
{
	oslo_buf data;
	shacl_run r;

	oslo_buf_init(&data);
	for (int i = 0; i < 400; i++)
		oslo_buf_printf(&data, "ex:n%d ex:next ex:n%d .\n", i, i + 1);
	/* the pattern's ICU regex must be closed by the shapes' guard when this fails */
	r = run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:n0 ; sh:pattern \"^http\" ;"
	              " sh:property [ sh:path ex:next ; sh:node ex:S ] .",
	              data.data, NULL);
	shacl_run_free(&r);
	oslo_buf_free(&data);
}

TEST(nesting_limit_raises_and_frees)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(deep_chain, NULL, &err));
	CHECK(err.code == OSLO_ERR_LIMIT);
	CHECK_CONTAINS(err.message, "deeper than");
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(predicate_and_inverse_paths);
	RUN(sequence_and_alternative_paths);
	RUN(closure_paths_terminate_on_cycles);
	RUN(path_strings_for_json);
	RUN(targets_of_every_kind);
	RUN(background_graph_counts_for_classes_only);
	RUN(recursive_shapes_terminate);
	RUN(nesting_limit_raises_and_frees);
	return unit_report();
}
