/*
 * test_shacl_report.c
 *	  The report as an sh:ValidationReport graph and as JSON.
 */
#include "shacl_helpers.h"

#include <json.h>

static const char *shapes =
    "ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;"
    " sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message \"Naam ontbreekt\"@nl ] ;"
    " sh:property ex:BirthShape .\n"
    "ex:BirthShape sh:path [ sh:inversePath ex:child ] ; sh:maxCount 1 ;"
    " sh:severity sh:Warning ; sh:message \"Te veel ouders\" .";
static const char *data = "ex:jan a ex:Person . ex:m ex:child ex:jan . ex:v ex:child ex:jan .";

TEST(report_graph_follows_the_spec)
{
	shacl_run r = run_shacl(shapes, data, NULL);
	oslo_graph *got = oslo_shacl_report_graph(r.report);
	oslo_graph *want =
	    ttl("[] a sh:ValidationReport ; sh:conforms false ;\n"
	        " sh:result [ a sh:ValidationResult ; sh:focusNode ex:jan ; sh:resultPath ex:name ;"
	        "   sh:sourceConstraintComponent sh:MinCountConstraintComponent ;"
	        "   sh:sourceShape _:name ; sh:resultSeverity sh:Violation ;"
	        "   sh:resultMessage \"Naam ontbreekt\"@nl ] ;\n"
	        " sh:result [ a sh:ValidationResult ; sh:focusNode ex:jan ;"
	        "   sh:resultPath [ sh:inversePath ex:child ] ;"
	        "   sh:sourceConstraintComponent sh:MaxCountConstraintComponent ;"
	        "   sh:sourceShape ex:BirthShape ; sh:resultSeverity sh:Warning ;"
	        "   sh:resultMessage \"Te veel ouders\" ] .");

	CHECK(r.report->nresults == 2);
	CHECK(oslo_graph_isomorphic(got, want));
	if (!oslo_graph_isomorphic(got, want))
	{
		oslo_buf b;

		oslo_buf_init(&b);
		oslo_rdf_write(got, OSLO_SYNTAX_NTRIPLES, NULL, 0, &b);
		fprintf(stderr, "%s", b.data);
		oslo_buf_free(&b);
	}
	oslo_graph_free(got);
	oslo_graph_free(want);
	shacl_run_free(&r);
}

TEST(conforming_report_graph)
{
	shacl_run r = run_shacl(shapes, "ex:jan a ex:Person ; ex:name \"Jan\" .", NULL);
	oslo_graph *got = oslo_shacl_report_graph(r.report);
	oslo_graph *want = ttl("[] a sh:ValidationReport ; sh:conforms true .");

	CHECK(r.report->conforms);
	CHECK(oslo_graph_isomorphic(got, want));
	oslo_graph_free(got);
	oslo_graph_free(want);
	shacl_run_free(&r);
}

TEST(json_report_for_etl)
{
	shacl_run r = run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:a ;"
	                        " sh:property [ sh:path ex:d ; sh:datatype xsd:date ] ;"
	                        " sh:property [ sh:path ex:l ; sh:languageIn ( \"nl\" ) ] .",
	                        "ex:a ex:d \"1980-02-30\"^^xsd:date ; ex:l \"x\\\"y\"@fr .", NULL);
	char *json = report_json(r.report);

	const char *head = "{\"conforms\": false, \"sparqlShapesSkipped\": 0, \"results\": [\n  ";
	const char *date_result =
	    "{\"focusNode\": \"http://example.org/a\", \"resultPath\": \"http://example.org/d\", "
	    "\"value\": \"1980-02-30\", \"valueDatatype\": \"http://www.w3.org/2001/XMLSchema#date\", "
	    "\"sourceConstraintComponent\": "
	    "\"http://www.w3.org/ns/shacl#DatatypeConstraintComponent\", "
	    "\"sourceShape\": \"_:b1\", \"resultSeverity\": \"http://www.w3.org/ns/shacl#Violation\", "
	    "\"resultMessage\": \"Value is not a valid lexical form of datatype "
	    "<http://www.w3.org/2001/XMLSchema#date>\"}";
	const char *lang_result =
	    "{\"focusNode\": \"http://example.org/a\", \"resultPath\": \"http://example.org/l\", "
	    "\"value\": \"x\\\"y\", \"valueDatatype\": "
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString\", \"valueLanguage\": \"fr\", "
	    "\"sourceConstraintComponent\": "
	    "\"http://www.w3.org/ns/shacl#LanguageInConstraintComponent\", "
	    "\"sourceShape\": \"_:b2\", \"resultSeverity\": \"http://www.w3.org/ns/shacl#Violation\", "
	    "\"resultMessage\": \"Language tag is not one of the allowed languages\"}";

	/* results come in no promised order: check the frame and each object */
	CHECK(strncmp(json, head, strlen(head)) == 0);
	CHECK_CONTAINS(json, date_result);
	CHECK_CONTAINS(json, lang_result);
	CHECK_CONTAINS(json, "},\n  {");
	CHECK(strlen(json) == strlen(head) + strlen(date_result) + strlen(",\n  ") +
	                          strlen(lang_result) + strlen("\n]}"));
	oslo_free(json);
	shacl_run_free(&r);
}

TEST(closed_shape_reports_the_predicate)
{
	shacl_run r = run_shacl("ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:closed true ;"
	                        " sh:property [ sh:path ex:p ] .",
	                        "ex:a ex:p 1 ; ex:q _:x .", NULL);
	char *json = report_json(r.report);
	oslo_graph *got = oslo_shacl_report_graph(r.report);
	oslo_graph *want = ttl("[] a sh:ValidationReport ; sh:conforms false ;\n"
	                       " sh:result [ a sh:ValidationResult ; sh:focusNode ex:a ;"
	                       "   sh:resultPath ex:q ; sh:value [] ;"
	                       "   sh:sourceConstraintComponent sh:ClosedConstraintComponent ;"
	                       "   sh:sourceShape ex:S ; sh:resultSeverity sh:Violation ;"
	                       "   sh:resultMessage \"Predicate <http://example.org/q> is not "
	                       "allowed (closed shape)\" ] .");

	CHECK_CONTAINS(json, "\"resultPath\": \"http://example.org/q\", \"value\": \"_:");
	CHECK(oslo_graph_isomorphic(got, want));
	oslo_free(json);
	oslo_graph_free(got);
	oslo_graph_free(want);
	shacl_run_free(&r);
}

/* control characters, quotes and non-ASCII in IRIs, values and messages stay valid JSON */
TEST(json_report_parses)
{
	shacl_run r =
	    run_shacl("ex:S a sh:NodeShape ; sh:targetNode <http://example.org/a\\u00e9> ;"
	              " sh:property [ sh:path ex:p ; sh:maxLength 1 ;"
	              "   sh:message \"tab\\there \\\"quoted\\\"\\u0001\" ] .",
	              "<http://example.org/a\\u00e9> ex:p \"line\\nbreak \\\\ \\u0007\" .", NULL);
	char *json = report_json(r.report);
	json_object *root = json_tokener_parse(json);
	json_object *results = NULL, *first = NULL, *field = NULL;

	CHECK(root != NULL);
	if (root)
	{
		CHECK(json_object_object_get_ex(root, "results", &results));
		CHECK(json_object_array_length(results) == 1);
		first = json_object_array_get_idx(results, 0);
		CHECK(json_object_object_get_ex(first, "value", &field));
		CHECK_STREQ(json_object_get_string(field), "line\nbreak \\ \a");
		CHECK(json_object_object_get_ex(first, "resultMessage", &field));
		CHECK_STREQ(json_object_get_string(field), "tab\there \"quoted\"\x01");
		CHECK(json_object_object_get_ex(first, "focusNode", &field));
		CHECK_STREQ(json_object_get_string(field), "http://example.org/a\xc3\xa9");
		json_object_put(root);
	}
	oslo_free(json);
	shacl_run_free(&r);
}

static void
validate_then_fail(void *arg)
{
	shacl_run r = run_shacl(shapes, data, NULL);
	oslo_graph *g = oslo_shacl_report_graph(r.report);
	char *json = report_json(r.report);

	(void)g;
	(void)json;
	oslo_error(OSLO_ERR_DATA, "caller fails after building reports");
}

TEST(error_after_validation_frees_everything)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(validate_then_fail, NULL, &err));
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(report_graph_follows_the_spec);
	RUN(conforming_report_graph);
	RUN(json_report_for_etl);
	RUN(closed_shape_reports_the_predicate);
	RUN(json_report_parses);
	RUN(error_after_validation_frees_everything);
	return unit_report();
}
