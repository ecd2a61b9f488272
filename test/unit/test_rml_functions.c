/*
 * test_rml_functions.c
 *	  Function-valued term maps (RML-FNML rml:functionExecution) and the
 *	  built-in functions: what each gives, the warnings and errors they
 *	  raise, and the mapping errors of a malformed execution.
 */
#include "oslo_formats.h"
#include "rdf_syntax.h"
#include "rml.h"
#include "unit.h"

#include <libxml/parser.h>

#define PREFIXES                                                                                   \
	"@prefix rml: <http://w3id.org/rml/> .\n"                                                      \
	"@prefix ofn: <urn:oslo-interop:function:> .\n"                                                \
	"@prefix ex: <http://example.org/> .\n"

#define PERSONS                                                                                    \
	"<#P> rml:logicalSource [ rml:source \"in.xml\" ; rml:referenceFormulation rml:XPath ;\n"      \
	"    rml:iterator \"/r/p\" ] ;\n"                                                              \
	"  rml:subjectMap [ rml:template \"http://example.org/p/{@id}\" ] ;\n"

#define FN_OBJECT(pred, extra, fn, inputs)                                                         \
	"  rml:predicateObjectMap [ rml:predicate " pred " ; rml:objectMap [ " extra                   \
	" rml:functionExecution [ rml:function " fn " ; rml:input " inputs " ] ] ] ;\n"

#define INPUT_REF(param, ref)                                                                      \
	"[ rml:parameter " param " ; rml:inputValueMap [ rml:reference \"" ref "\" ] ]"
#define INPUT_CONST(param, value) "[ rml:parameter " param " ; rml:inputValue \"" value "\" ]"

#define GESLACHT "https://data.vlaanderen.be/id/concept/IT000/Geslacht/"

static const char *
load_source(const char *name, size_t *len, void *arg)
{
	const char *xml = arg;

	if (strcmp(name, "in.xml") != 0)
		return NULL;
	*len = strlen(xml);
	return xml;
}

typedef struct warnings
{
	int count;
	char last[512];
} warnings;

static void
collect_warning(const char *message, void *arg)
{
	warnings *w = arg;

	w->count++;
	snprintf(w->last, sizeof(w->last), "%s", message);
}

/* mapping (PREFIXES + PERSONS + body + "."), applied to xml, as sorted N-Triples */
static char *
run(const char *mapping, const char *xml, warnings *w)
{
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/");
	oslo_graph *g = oslo_graph_new();
	oslo_buf out;

	rml_apply_with_warnings(m, load_source, (void *)xml, g, collect_warning, w);
	rml_free(m);
	oslo_buf_init(&out);
	oslo_rdf_write(g, OSLO_SYNTAX_NTRIPLES, NULL, 0, &out);
	oslo_graph_free(g);
	return out.data;
}

static void
compile_only(const char *mapping)
{
	rml_free(rml_compile(mapping, strlen(mapping), "http://example.org/"));
}

static const char concept_mapping[] = PREFIXES PERSONS FN_OBJECT(
    "ex:g", "rml:termType rml:IRI ;", "ofn:concept",
    INPUT_CONST("ofn:base", GESLACHT) ", " INPUT_REF("ofn:code", "g")) ".\n";

static const char concept_input[] = "<r>\n"
                                    "<p id=\"1\"><g>1</g></p>\n"
                                    "<p id=\"2\"><g>one two</g></p>\n"
                                    "<p id=\"3\"><g>9</g></p>\n"
                                    "<p id=\"4\"/>\n"
                                    "</r>";

TEST(concept_without_code_lists_is_base_and_code)
{
	warnings w = {0};
	char *nt = run(concept_mapping, concept_input, &w);

	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/g> <" GESLACHT "1> .");
	CHECK_CONTAINS(nt, "<http://example.org/p/3> <http://example.org/g> <" GESLACHT "9> .");
	/* a code that cannot be an IRI segment is the exception concept, with a warning */
	CHECK_CONTAINS(nt,
	               "<http://example.org/p/2> <http://example.org/g> <" GESLACHT "UITZONDERING> .");
	CHECK(strstr(nt, "p/4") == NULL); /* no code: no value, no warning */
	CHECK(w.count == 1);
	CHECK_CONTAINS(w.last, "g (line 3): code \"one two\" cannot be a concept of "
	                       "https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht");
	oslo_free(nt);
}

/* a host whose only list is IT000/Geslacht with codes 1, 2 and UITZONDERING */
static const char *
fake_codelist(const char *scheme, const char *code, bool *known)
{
	static const char *const codes[] = {
	    "1", GESLACHT "man", "2", GESLACHT "vrouw", "UITZONDERING", GESLACHT "onbekend"};

	*known = strcmp(scheme, "https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht") == 0;
	for (size_t i = 0; *known && i < sizeof(codes) / sizeof(codes[0]); i += 2)
		if (strcmp(code, codes[i]) == 0)
			return codes[i + 1];
	return NULL;
}

static void
set_codelists(const char *(*fn)(const char *, const char *, bool *))
{
	oslo_format_host host = {0};

	host.codelist_concept = fn;
	oslo_formats_set_host(&host);
}

TEST(concept_with_a_loaded_list)
{
	warnings w = {0};
	char *nt;

	set_codelists(fake_codelist);
	nt = run(concept_mapping, concept_input, &w);
	set_codelists(NULL);
	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/g> <" GESLACHT "man> .");
	/* a code the list lacks: its exception concept, and a warning naming line and list */
	CHECK_CONTAINS(nt, "<http://example.org/p/3> <http://example.org/g> <" GESLACHT "onbekend> .");
	CHECK(w.count == 2);
	CHECK_CONTAINS(w.last, "g (line 4): code \"9\" is not in code list "
	                       "https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht; written as "
	                       "https://data.vlaanderen.be/id/concept/IT000/Geslacht/onbekend");
	oslo_free(nt);
}

static const char date_mapping[] = PREFIXES PERSONS FN_OBJECT(
    "ex:year", "", "ofn:datePart", INPUT_REF("ofn:value", "d") ", " INPUT_CONST("ofn:part", "year"))
    FN_OBJECT("ex:month", "", "ofn:datePart",
              INPUT_REF("ofn:value", "d") ", " INPUT_CONST("ofn:part", "month"))
        FN_OBJECT("ex:day", "", "ofn:datePart",
                  INPUT_REF("ofn:value", "d") ", " INPUT_CONST("ofn:part", "day"))
            FN_OBJECT("ex:date", "rml:datatype <http://www.w3.org/2001/XMLSchema#date> ;",
                      "ofn:completeDate", INPUT_REF("ofn:value", "d")) ".\n";

TEST(incomplete_dates_keep_their_known_parts)
{
	char *nt = run(date_mapping,
	               "<r><p id=\"1\"><d>1980-00-00</d></p><p id=\"2\"><d>2000-02-29</d></p>"
	               "<p id=\"3\"><d>1900-02-29</d></p><p id=\"4\"><d>0000-07-00</d></p></r>",
	               NULL);

	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/year> \"1980\" .");
	CHECK(strstr(nt, "<http://example.org/p/1> <http://example.org/month>") == NULL);
	CHECK(strstr(nt, "<http://example.org/p/1> <http://example.org/date>") == NULL);
	CHECK_CONTAINS(nt, "<http://example.org/p/2> <http://example.org/date> "
	                   "\"2000-02-29\"^^<http://www.w3.org/2001/XMLSchema#date> .");
	CHECK_CONTAINS(nt, "<http://example.org/p/2> <http://example.org/day> \"29\" .");
	/* 1900 was no leap year: parts, but no xsd:date */
	CHECK(strstr(nt, "<http://example.org/p/3> <http://example.org/date>") == NULL);
	CHECK_CONTAINS(nt, "<http://example.org/p/3> <http://example.org/month> \"02\" .");
	CHECK_CONTAINS(nt, "<http://example.org/p/4> <http://example.org/month> \"07\" .");
	CHECK(strstr(nt, "<http://example.org/p/4> <http://example.org/year>") == NULL);
	oslo_free(nt);
}

TEST(a_value_that_is_no_date_names_its_line)
{
	CHECK_ERROR(OSLO_ERR_DATA,
	            oslo_free(run(date_mapping, "<r>\n<p id=\"1\">\n<d>19x0-01-01</d></p></r>", NULL)));
	CHECK_CONTAINS(unit_err.message, "d (line 3): \"19x0-01-01\" is not a date YYYY-MM-DD");
}

static const char address_mapping[] = PREFIXES PERSONS FN_OBJECT(
    "ex:full", "rml:language \"nl\" ;", "ofn:coalesce",
    INPUT_REF(
        "ofn:value1",
        "full") ", "
                "[ rml:parameter ofn:value2 ; rml:inputValueMap [ "
                "rml:functionExecution [ rml:function ofn:join ; rml:input " INPUT_REF(
                    "ofn:value1",
                    "street") ", " INPUT_REF("ofn:value2",
                                             "nr") ", "
                                                   "[ rml:parameter ofn:value3 ; rml:inputValueMap "
                                                   "[ rml:template \"bus {box}\" ] ] , " INPUT_REF(
                                                       "ofn:value4", "line") " ] ] ]") ".\n";

TEST(coalesce_and_join_compose)
{
	char *nt = run(address_mapping,
	               "<r><p id=\"1\"><street>Kerkstraat</street><nr>5</nr><box>2 A</box></p>"
	               "<p id=\"2\"><full>Markt 1, Gent</full><street>ignored</street></p>"
	               "<p id=\"3\"><line>a</line><line>b</line></p><p id=\"4\"/></r>",
	               NULL);

	/* a template's value in an input is plain text: "2 A" is not percent-encoded */
	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/full> \"Kerkstraat 5 bus 2 "
	                   "A\"@nl .");
	CHECK_CONTAINS(nt, "<http://example.org/p/2> <http://example.org/full> \"Markt 1, Gent\"@nl .");
	/* every value of an input, in document order */
	CHECK_CONTAINS(nt, "<http://example.org/p/3> <http://example.org/full> \"a b\"@nl .");
	CHECK(strstr(nt, "p/4") == NULL);
	oslo_free(nt);
}

TEST(trim_each_value_before_joining)
{
	static const char mapping[] = PREFIXES PERSONS
	    "  rml:predicateObjectMap [ rml:predicate ex:t ; rml:objectMap [ rml:functionExecution [ "
	    "rml:function ofn:join ; rml:input [ rml:parameter ofn:value1 ; rml:inputValueMap [ "
	    "rml:functionExecution [ rml:function ofn:trim ; rml:input " INPUT_REF(
	        "ofn:value", "t") " ] ] ] ] ] ] .\n";
	char *nt = run(mapping,
	               "<r><p id=\"1\"><t> Rue  1 </t><t>\n\tParis </t><t>   </t></p><p id=\"2\"><t> "
	               "</t></p></r>",
	               NULL);

	/* around each value only; inside kept; a value of white space only gives nothing */
	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/t> \"Rue  1 Paris\" .");
	CHECK(strstr(nt, "p/2") == NULL);
	oslo_free(nt);
}

TEST(an_empty_xpath_string_is_no_value)
{
	static const char mapping[] =
	    PREFIXES PERSONS "  rml:predicateObjectMap [ rml:predicate ex:bron ; rml:objectMap [ "
	                     "rml:reference \"substring('OVO027248', 1, 9 * (@b = 'RR'))\" ] ] .\n";
	char *nt = run(mapping, "<r><p id=\"1\" b=\"RR\"/><p id=\"2\" b=\"KSZ\"/></r>", NULL);

	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/bron> \"OVO027248\" .");
	CHECK(strstr(nt, "p/2") == NULL);
	oslo_free(nt);
}

TEST(a_function_input_outside_the_record_is_read)
{
	/* the input looks at the parent: the source must not be streamed record by record */
	static const char mapping[] = PREFIXES
	    "<#P> rml:logicalSource [ rml:source \"in.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/p/{@id}\" ] ;\n" FN_OBJECT(
	        "ex:k", "", "ofn:join",
	        INPUT_CONST("ofn:separator", "-") ", " INPUT_REF("ofn:value1", "../@k") ", " INPUT_REF(
	            "ofn:value2", "@id")) ".\n";
	char *nt = run(mapping, "<r k=\"K\"><p id=\"1\"/></r>", NULL);

	CHECK_CONTAINS(nt, "<http://example.org/p/1> <http://example.org/k> \"K-1\" .");
	oslo_free(nt);
}

TEST(generate_id_names_each_element_once)
{
	/* a blank node per q keyed on generate-id(), referred to from its p by the same key */
	static const char mapping[] = PREFIXES
	    "<#P> rml:logicalSource [ rml:source \"in.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/p/{@id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:q ; rml:objectMap [ rml:termType "
	    "rml:BlankNode ; rml:template \"q{generate-id(q)}\" ] ] .\n"
	    "<#Q> rml:logicalSource [ rml:source \"in.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p/q\" ] ;\n"
	    "  rml:subjectMap [ rml:termType rml:BlankNode ; rml:template \"q{generate-id()}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \".\" ] ] "
	    ";\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:a ; rml:objectMap [ rml:reference "
	    "\"generate-id(@a)\" ] ] .\n";
	char *nt =
	    run(mapping, "<r><p id=\"1\"><q a=\"x\">one</q></p><p id=\"2\"><q>two</q></p></r>", NULL);
	char label1[32] = "", label2[32] = "";
	const char *at;

	/* each p's blank node is the q that holds its value: same label, two distinct labels */
	at = strstr(nt, "<http://example.org/p/1> <http://example.org/q> _:");
	CHECK(at != NULL);
	if (at)
		sscanf(at + strlen("<http://example.org/p/1> <http://example.org/q> _:"), "%31s", label1);
	at = strstr(nt, "<http://example.org/p/2> <http://example.org/q> _:");
	CHECK(at != NULL);
	if (at)
		sscanf(at + strlen("<http://example.org/p/2> <http://example.org/q> _:"), "%31s", label2);
	CHECK(label1[0] && label2[0] && strcmp(label1, label2) != 0);
	{
		char want[96];

		snprintf(want, sizeof(want), "_:%s <http://example.org/v> \"one\" .", label1);
		CHECK_CONTAINS(nt, want);
		snprintf(want, sizeof(want), "_:%s <http://example.org/v> \"two\" .", label2);
		CHECK_CONTAINS(nt, want);
	}
	/* an attribute has an id of its own; an empty node-set gives none */
	CHECK(strstr(nt, "<http://example.org/a>") != NULL);
	CHECK(strstr(nt, "<http://example.org/a> \"\"") == NULL);
	oslo_free(nt);
}

TEST(malformed_executions_are_parameter_errors)
{
	static const char unknown_function[] =
	    PREFIXES PERSONS FN_OBJECT("ex:x", "", "ofn:uppercase", INPUT_REF("ofn:value", "g")) ".\n";
	static const char unknown_parameter[] = PREFIXES PERSONS FN_OBJECT(
	    "ex:x", "", "ofn:completeDate", INPUT_REF("ofn:date", "g")) ".\n";
	static const char missing_required[] =
	    PREFIXES PERSONS FN_OBJECT("ex:x", "", "ofn:concept", INPUT_REF("ofn:code", "g")) ".\n";
	static const char given_twice[] = PREFIXES PERSONS FN_OBJECT(
	    "ex:x", "", "ofn:completeDate",
	    INPUT_REF("ofn:value", "g") ", " INPUT_REF("ofn:value", "h")) ".\n";
	static const char bad_return[] = PREFIXES PERSONS
	    "  rml:predicateObjectMap [ rml:predicate ex:x ; rml:objectMap [ rml:return ofn:other ; "
	    "rml:functionExecution [ rml:function ofn:completeDate ; rml:input " INPUT_REF(
	        "ofn:value", "g") " ] ] ] .\n";
	static const char two_values[] = PREFIXES PERSONS
	    "  rml:predicateObjectMap [ rml:predicate ex:x ; rml:objectMap [ rml:reference \"g\" ; "
	    "rml:functionExecution [ rml:function ofn:completeDate ; rml:input " INPUT_REF(
	        "ofn:value", "g") " ] ] ] .\n";

	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(unknown_function));
	CHECK_CONTAINS(unit_err.message, "<http://example.org/#P>");
	CHECK_CONTAINS(unit_err.message, "unknown function <urn:oslo-interop:function:uppercase>");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(unknown_parameter));
	CHECK_CONTAINS(unit_err.message, "has no parameter <urn:oslo-interop:function:date>");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(missing_required));
	CHECK_CONTAINS(unit_err.message, "needs its parameter <urn:oslo-interop:function:base>");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(given_twice));
	CHECK_CONTAINS(unit_err.message, "is given twice");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(bad_return));
	CHECK_CONTAINS(unit_err.message, "has one output");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_only(two_values));
	CHECK_CONTAINS(unit_err.message, "rml:functionExecution (it has 2)");
}

TEST(a_parsed_document_is_read_and_left_to_its_owner)
{
	static const char xml[] = "<r><p id=\"7\"><g>2</g></p></r>";
	xmlDocPtr doc = xmlReadMemory(xml, sizeof(xml) - 1, NULL, NULL, XML_PARSE_NONET);
	rml_mapping *m = rml_compile(concept_mapping, strlen(concept_mapping), "http://example.org/");
	oslo_graph *g = oslo_graph_new();

	rml_apply_xml(m, "in.xml", doc, g, NULL, NULL);
	CHECK(oslo_graph_size(g) == 1);
	oslo_graph_free(g);
	rml_free(m);
	/* still ours: valgrind reports a double free if the engine freed it */
	CHECK(xmlDocGetRootElement(doc) != NULL);
	xmlFreeDoc(doc);
}

TEST(registered_mappings_need_a_host_catalog)
{
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_mapping("magda/geefpersoon"));
	CHECK_CONTAINS(unit_err.message, "RML mapping \"magda/geefpersoon\" is not registered");
}

int
main(void)
{
	oslo_standalone_init();
	RUN(concept_without_code_lists_is_base_and_code);
	RUN(concept_with_a_loaded_list);
	RUN(incomplete_dates_keep_their_known_parts);
	RUN(a_value_that_is_no_date_names_its_line);
	RUN(coalesce_and_join_compose);
	RUN(trim_each_value_before_joining);
	RUN(an_empty_xpath_string_is_no_value);
	RUN(a_function_input_outside_the_record_is_read);
	RUN(generate_id_names_each_element_once);
	RUN(malformed_executions_are_parameter_errors);
	RUN(a_parsed_document_is_read_and_left_to_its_owner);
	RUN(registered_mappings_need_a_host_catalog);
	return unit_report();
}
