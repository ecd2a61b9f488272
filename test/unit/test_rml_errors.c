/*
 * test_rml_errors.c
 *	  Malformed mappings and bad sources raise specific errors that name the
 *	  triples map and the problem, and leave no memory behind.
 */
#include "rml.h"
#include "unit.h"

#define PREFIXES                                                                                   \
	"@prefix rml: <http://w3id.org/rml/> .\n"                                                      \
	"@prefix ex: <http://example.org/> .\n"

#define XML_SOURCE(iterator)                                                                       \
	"  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"          \
	"    rml:iterator \"" iterator "\" ] ;\n"

static const char *
load_one(const char *name, size_t *len, void *arg)
{
	const char *const *pair = arg;

	if (strcmp(name, pair[0]) != 0)
		return NULL;
	*len = strlen(pair[1]);
	return pair[1];
}

static void
compile_only(const char *mapping)
{
	rml_free(rml_compile(mapping, strlen(mapping), "http://example.org/"));
}

static void
compile_and_apply(const char *mapping, const char *name, const char *content)
{
	const char *pair[] = {name, content};
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/");
	oslo_graph *g = oslo_graph_new();

	rml_apply(m, load_one, (void *)pair, g);
	oslo_graph_free(g);
	rml_free(m);
}

TEST(bad_xpath_names_the_expression)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a/b[") "  rml:subjectMap [ rml:template \"http://example.org/{c}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "<http://example.org/TM>");
	CHECK_CONTAINS(unit_err.message, "XPath \"/a/b[\" does not compile: Invalid expression");
}

TEST(bad_xpath_in_a_reference)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:subjectMap [ rml:template \"http://example.org/{c)}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "XPath \"c)\"");
}

/* an expression that would run for minutes ends at the operation limit */
TEST(pathological_xpath_hits_the_operation_limit)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/r") "  rml:subjectMap [ rml:template \"http://example.org/{count(//a[. = //a])}\" ] .\n";
	unsigned long saved = rml_xpath_op_limit;
	oslo_buf doc;

	rml_xpath_op_limit = 1000000; /* quick under valgrind too; the default is 100x */
	oslo_buf_init(&doc);
	oslo_buf_puts(&doc, "<r>");
	for (int i = 0; i < 2000; i++)
		oslo_buf_puts(&doc, "<a>x</a>");
	oslo_buf_puts(&doc, "</r>");
	CHECK_ERROR(OSLO_ERR_LIMIT, compile_and_apply(mapping, "a.xml", doc.data));
	CHECK_CONTAINS(unit_err.message, "needs more than 1000000 operations");
	oslo_buf_free(&doc);
	rml_xpath_op_limit = saved;
}

TEST(missing_subject_map)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:predicateObjectMap [ rml:predicate ex:p ; rml:object ex:o ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "<http://example.org/TM>: the triples map has no subject map");
}

TEST(unbalanced_template)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:subjectMap [ rml:template \"http://example.org/{c\" ] .\n";
	const char nested[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:subjectMap [ rml:template \"http://example.org/{{c}}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "has an unclosed '{'");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(nested));
	CHECK_CONTAINS(unit_err.message, "'{' inside a reference");
}

TEST(unknown_reference_formulation)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.x\" ; rml:referenceFormulation ex:SQL2008 ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{c}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "unknown reference formulation <http://example.org/SQL2008>");
}

TEST(bad_jsonpath)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$.a[*]]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.c}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "invalid JSONPath \"$.a[*]]\"");
}

TEST(constant_literal_subject_is_refused)
{
	const char mapping[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:subjectMap [ rml:constant \"x\" ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(mapping));
	CHECK_CONTAINS(unit_err.message, "must be an IRI");
}

static const char good_xml_mapping[] =
    PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
        "/r/i") "  rml:subjectMap [ rml:reference \"@iri\" ] ;\n"
                "  rml:predicateObjectMap [ rml:predicate ex:p ; rml:objectMap [ rml:reference "
                "\".\" ] ] .\n";

TEST(source_unknown_to_the_loader)
{
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_apply(good_xml_mapping, "other.xml", "<r/>"));
	CHECK_CONTAINS(unit_err.message, "source \"a.xml\" is unknown to the source loader");
}

TEST(invalid_xml_source)
{
	CHECK_ERROR(OSLO_ERR_XML, compile_and_apply(good_xml_mapping, "a.xml", "<r><i></r>"));
	CHECK_CONTAINS(unit_err.message, "XML source \"a.xml\" is not well-formed at line 1");
}

TEST(invalid_generated_iri)
{
	CHECK_ERROR(OSLO_ERR_DATA,
	            compile_and_apply(good_xml_mapping, "a.xml", "<r><i iri='http://x/a b'>v</i></r>"));
	CHECK_CONTAINS(unit_err.message, "generated IRI \"http://x/a b\" is not a valid IRI");
}

TEST(malformed_csv)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.csv\" ; rml:referenceFormulation rml:CSV ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{id}\" ] .\n";

	CHECK_ERROR(OSLO_ERR_DATA, compile_and_apply(mapping, "a.csv", "id,name\n1,a\n2\n"));
	CHECK_CONTAINS(unit_err.message, "CSV source \"a.csv\", line 3: 1 fields, the header has 2");
	CHECK_ERROR(OSLO_ERR_SYNTAX, compile_and_apply(mapping, "a.csv", "id,name\n1,\"a\n"));
	CHECK_CONTAINS(unit_err.message, "unterminated quoted field");
}

TEST(template_products_are_capped)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.a[*]}/{$.a[*]}\" ] .\n";
	oslo_buf json;

	/* 400 x 400 values: more than the cap of 100,000 */
	oslo_buf_init(&json);
	oslo_buf_puts(&json, "{\"a\": [0");
	for (int i = 1; i < 400; i++)
		oslo_buf_printf(&json, ",%d", i);
	oslo_buf_puts(&json, "]}");
	CHECK_ERROR(OSLO_ERR_LIMIT, compile_and_apply(mapping, "a.json", json.data));
	CHECK_CONTAINS(unit_err.message, "yields more than 100000 combined values");
	oslo_buf_free(&json);
}

static void
apply_good(void *arg)
{
	compile_and_apply(good_xml_mapping, "a.xml", "<r><i iri='http://x/a'>v</i></r>");
}

TEST(errors_leave_no_memory_behind)
{
	size_t before = oslo_standalone_live_blocks();
	const char bad_late[] = PREFIXES "<http://example.org/TM> a rml:TriplesMap ;\n" XML_SOURCE(
	    "/a") "  rml:subjectMap [ rml:template \"http://example.org/{c}\" ] .\n"
	          "<http://example.org/TM2> a rml:TriplesMap ;\n" XML_SOURCE(
	              "/a") "  rml:subjectMap [ rml:template \"http://example.org/{c\" ] .\n";

	/* a failure after XPath expressions were compiled, at compile and at apply time */
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(bad_late));
	CHECK(oslo_standalone_live_blocks() == before);
	CHECK_ERROR(OSLO_ERR_DATA,
	            compile_and_apply(good_xml_mapping, "a.xml",
	                              "<r><i iri='http://x/a'>v</i><i iri='http://x/a b'>v</i></r>"));
	CHECK(oslo_standalone_live_blocks() == before);
	/* and a success frees everything too (in a run of its own: released guards go at its end) */
	{
		oslo_captured_error err;

		CHECK(oslo_standalone_run(apply_good, NULL, &err));
	}
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(bad_xpath_names_the_expression);
	RUN(bad_xpath_in_a_reference);
	RUN(pathological_xpath_hits_the_operation_limit);
	RUN(missing_subject_map);
	RUN(unbalanced_template);
	RUN(unknown_reference_formulation);
	RUN(bad_jsonpath);
	RUN(constant_literal_subject_is_refused);
	RUN(source_unknown_to_the_loader);
	RUN(invalid_xml_source);
	RUN(invalid_generated_iri);
	RUN(malformed_csv);
	RUN(template_products_are_capped);
	RUN(errors_leave_no_memory_behind);
	return unit_report();
}
