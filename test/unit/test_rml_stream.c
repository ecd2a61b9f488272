/*
 * test_rml_stream.c
 *	  XML sources read record by record (rml_xml_stream.c): which mappings
 *	  may stream (rml_streamable.c), the same statements as the DOM gives,
 *	  errors with their line, no entity expansion, and batched application.
 */
#include "rdf_syntax.h"
#include "oslo_formats.h"
#include "rml.h"
#include "rml_source.h"
#include "unit.h"

#define PREFIXES                                                                                   \
	"@prefix rml: <http://w3id.org/rml/> .\n"                                                      \
	"@prefix ex: <http://example.org/> .\n"

/* a triples map over "a.xml" with this iterator, subject template and object reference */
#define XML_MAP(iterator, subject, object)                                                         \
	PREFIXES                                                                                       \
	"<http://example.org/TM> a rml:TriplesMap ;\n"                                                 \
	"  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"          \
	"    rml:iterator \"" iterator "\" ] ;\n"                                                      \
	"  rml:subjectMap [ rml:template \"http://example.org/" subject "\" ] ;\n"                     \
	"  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"" object      \
	"\" ] ] .\n"

typedef struct source
{
	const char *name;
	const char *text;
} source;

static const char *
load_one(const char *name, size_t *len, void *arg)
{
	const source *s = arg;

	if (strcmp(name, s->name) != 0)
		return NULL;
	*len = strlen(s->text);
	return s->text;
}

/* apply and write sorted N-Quads (host memory) */
static char *
run_mapping(const char *mapping, const char *xml)
{
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/base/");
	oslo_graph *g = oslo_graph_new();
	source s = {"a.xml", xml};
	oslo_buf out;

	rml_apply(m, load_one, &s, g);
	rml_free(m);
	oslo_buf_init(&out);
	oslo_rdf_write(g, OSLO_SYNTAX_NQUADS, NULL, 0, &out);
	oslo_graph_free(g);
	return out.data;
}

static bool
streamable(const char *mapping)
{
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/base/");
	bool yes = rml_xml_streamable(m, "a.xml");

	rml_free(m);
	return yes;
}

TEST(which_iterators_stream)
{
	CHECK(streamable(XML_MAP("/r/p", "{@id}", "n")));
	CHECK(streamable(XML_MAP("r/p", "{@id}", "n")));
	CHECK(streamable(XML_MAP("/r/*", "{@id}", "n")));
	CHECK(streamable(XML_MAP("/r", "{@id}", "n")));
	/* anything but a plain path of element names reads the DOM */
	CHECK(!streamable(XML_MAP("//p", "{@id}", "n")));
	CHECK(!streamable(XML_MAP("/r/p[1]", "{@id}", "n")));
	CHECK(!streamable(XML_MAP("/r/p/@id", "{@id}", "n")));
	CHECK(!streamable(XML_MAP("/r/x:p", "{@id}", "n"))); /* undeclared: the DOM path reports it */
	CHECK(!streamable(XML_MAP("/r/p | /r/q", "{@id}", "n")));
}

TEST(which_references_stream)
{
	CHECK(streamable(XML_MAP("/r/p", "{@id}", "a/b")));
	CHECK(streamable(XML_MAP("/r/p", "{@id}", "a//b/text()")));
	CHECK(streamable(XML_MAP("/r/p", "{@id}", ".")));
	CHECK(streamable(XML_MAP("/r/p", "{@id}", "a[2]/@x")));
	CHECK(streamable(XML_MAP("/r/p", "{@id}", "*")));
	/* references that may leave the record read the DOM */
	CHECK(!streamable(XML_MAP("/r/p", "{@id}", "../q")));
	CHECK(!streamable(XML_MAP("/r/p", "{@id}", "/r/q")));
	CHECK(!streamable(XML_MAP("/r/p", "{@id}", "a[@x]")));
	CHECK(!streamable(XML_MAP("/r/p", "{@id}", "concat(a, /r/@v)")));
	CHECK(!streamable(XML_MAP("/r/p", "{@id}", "preceding-sibling::p")));
	CHECK(!streamable(XML_MAP("/r/p", "{../@id}", "n")));
	CHECK(!streamable(XML_MAP("/r/p", "{id(@ref)}", "n")));
}

TEST(joins_read_the_dom)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/P> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{@id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:knows ; rml:objectMap [\n"
	    "    rml:parentTriplesMap <http://example.org/P> ;\n"
	    "    rml:joinCondition [ rml:child \"friend\" ; rml:parent \"@id\" ] ] ] .\n";
	rml_mapping *m = rml_compile(mapping, strlen(mapping), NULL);

	CHECK(!rml_xml_streamable(m, "a.xml"));
	CHECK(!rml_mapping_batchable(m));
	rml_free(m);
	CHECK_STREQ(run_mapping(mapping, "<r><p id='a'><friend>b</friend></p><p id='b'/></r>"),
	            "<http://example.org/a> <http://example.org/knows> <http://example.org/b> .\n");
}

static const char people[] = "<?xml version='1.0'?>\n"
                             "<r><meta><n>not a record</n></meta>\n"
                             "<p id='1'><n>Jan</n><n>Jos</n><a><b>x</b></a></p>\n"
                             "<q id='9'><n>other element</n></q>\n"
                             "<p id='2'><n>An<!-- c --><i>na</i></n><![CDATA[<t>]]></p>\n"
                             "<p id='3'/></r>";

/* the same mapping read through the DOM: a predicate true for every record */
TEST(streamed_records_give_the_dom_statements)
{
	const char *refs[] = {"n", "a/b", "@id", ".", "n[2]", "n/text()", "*"};

	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
	{
		char streamed_map[1024], dom_map[1024];
		char *streamed, *dom;

		snprintf(streamed_map, sizeof(streamed_map), XML_MAP("/r/p", "{@id}", "%s"), refs[i]);
		snprintf(dom_map, sizeof(dom_map), XML_MAP("/r/p[true()]", "{@id}", "%s"), refs[i]);
		CHECK(streamable(streamed_map));
		CHECK(!streamable(dom_map));
		streamed = run_mapping(streamed_map, people);
		dom = run_mapping(dom_map, people);
		CHECK_STREQ(streamed, dom);
		CHECK(strstr(streamed, "other element") == NULL);
		oslo_free(streamed);
		oslo_free(dom);
	}
	/* and what they are: multi-valued, mixed content, CDATA, no value */
	CHECK_STREQ(run_mapping(XML_MAP("/r/p", "{@id}", "n"), people),
	            "<http://example.org/1> <http://example.org/v> \"Jan\" .\n"
	            "<http://example.org/1> <http://example.org/v> \"Jos\" .\n"
	            "<http://example.org/2> <http://example.org/v> \"Anna\" .\n");
	CHECK_STREQ(run_mapping(XML_MAP("/r/p", "{@id}", "."), people),
	            "<http://example.org/1> <http://example.org/v> \"JanJosx\" .\n"
	            "<http://example.org/2> <http://example.org/v> \"Anna<t>\" .\n"
	            "<http://example.org/3> <http://example.org/v> \"\" .\n");
}

TEST(internal_entities_as_the_dom)
{
	const char xml[] = "<!DOCTYPE r [<!ENTITY who \"Jan &amp; Co\">]>\n"
	                   "<r><p id='1'><n>[&who;]</n></p><p id='2'><n>x&who;<i>&who;</i></n></p></r>";
	char *streamed = run_mapping(XML_MAP("/r/p", "{@id}", "n"), xml);
	char *dom = run_mapping(XML_MAP("/r/p[true()]", "{@id}", "n"), xml);

	CHECK_STREQ(streamed,
	            "<http://example.org/1> <http://example.org/v> \"[Jan & Co]\" .\n"
	            "<http://example.org/2> <http://example.org/v> \"xJan & CoJan & Co\" .\n");
	CHECK_STREQ(streamed, dom);
	oslo_free(streamed);
	oslo_free(dom);
}

/* an undeclared prefix is a namespace error, not a well-formedness one: both paths take it */
TEST(undeclared_prefixes_as_the_dom)
{
	const char xml[] = "<r><p id='1'><n>a</n><x:n>b</x:n></p></r>";
	char *streamed = run_mapping(XML_MAP("/r/p", "{@id}", "n"), xml);

	CHECK_STREQ(streamed, "<http://example.org/1> <http://example.org/v> \"a\" .\n");
	CHECK_STREQ(streamed, run_mapping(XML_MAP("/r/p[true()]", "{@id}", "n"), xml));
	oslo_free(streamed);
}

TEST(streamed_namespaces)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ;\n"
	    "    rml:referenceFormulation [ a rml:XPathReferenceFormulation ;\n"
	    "      rml:namespace [ rml:namespacePrefix \"s\" ; rml:namespaceURL \"urn:s\" ] ,\n"
	    "        [ rml:namespacePrefix \"p\" ; rml:namespaceURL \"urn:p\" ] ] ;\n"
	    "    rml:iterator \"/s:Envelope/s:Body/*/p:Persoon\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{p:INSZ}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"Naam\" ] "
	    "] .\n";
	/* Naam without a prefix is in no namespace: only the second person's matches */
	const char xml[] =
	    "<e:Envelope xmlns:e='urn:s'><e:Body><x:Response xmlns:x='urn:p'>"
	    "<x:Persoon><x:INSZ>1</x:INSZ><x:Naam>in urn:p</x:Naam></x:Persoon>"
	    "<Persoon xmlns='urn:p'><INSZ>2</INSZ><Naam xmlns=''>Peeters</Naam></Persoon>"
	    "<Persoon><INSZ>3</INSZ></Persoon>"
	    "</x:Response></e:Body></e:Envelope>";

	CHECK(streamable(mapping));
	CHECK_STREQ(run_mapping(mapping, xml),
	            "<http://example.org/2> <http://example.org/v> \"Peeters\" .\n");
}

/* a document the reader refuses fails as the host's parser fails it (the DOM path) */
static void
check_same_error(const char *xml)
{
	char streamed[2100];

	CHECK_ERROR(OSLO_ERR_XML, run_mapping(XML_MAP("/r/p", "{@id}", "n"), xml));
	snprintf(streamed, sizeof(streamed), "%s", unit_err.message);
	CHECK_CONTAINS(streamed, "XML source \"a.xml\" is not well-formed at line ");
	CHECK_ERROR(OSLO_ERR_XML, run_mapping(XML_MAP("/r/p[true()]", "{@id}", "n"), xml));
	CHECK_STREQ(streamed, unit_err.message);
}

TEST(streamed_errors_are_the_host_parsers)
{
	check_same_error("<r>\n<p id='1'><n>a</n></p>\n<p id='2'><n>b</p>\n</r>");
	check_same_error("<r><p id='1'/></r>\n<extra/>");
	check_same_error("");
	check_same_error("<r><p id='1'>&undeclared;</p></r>");
	CHECK_CONTAINS(unit_err.message, "Entity 'undeclared' not defined");
	CHECK_ERROR(OSLO_ERR_PARAMETER, run_mapping(XML_MAP("/r/p", "{@id}", "n/text("), "<r/>"));
}

TEST(external_entities_are_not_read)
{
	const char xml[] = "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
	                   "<r><p id='1'><n>[&e;]</n></p></r>";
	char *nq = run_mapping(XML_MAP("/r/p", "{@id}", "n"), xml);

	CHECK_STREQ(nq, "<http://example.org/1> <http://example.org/v> \"[]\" .\n");
	oslo_free(nq);
}

typedef struct batches
{
	int calls;
	oslo_buf text;
} batches;

static void
collect(const oslo_graph *batch, void *arg)
{
	batches *b = arg;

	b->calls++;
	oslo_rdf_write(batch, OSLO_SYNTAX_NQUADS, NULL, 0, &b->text);
}

TEST(batches_hand_out_every_statement)
{
	const char *mapping = XML_MAP("/r/p", "{@id}", "n");
	rml_mapping *m = rml_compile(mapping, strlen(mapping), NULL);
	source s = {"a.xml", people};
	batches b = {0};

	oslo_buf_init(&b.text);
	CHECK(rml_mapping_batchable(m));
	rml_apply_batched(m, load_one, &s, 2, collect, &b);
	/* a batch closes once a record brings it to 2 statements (p 1); the rest come at the end */
	CHECK(b.calls == 2);
	CHECK_STREQ(b.text.data, "<http://example.org/1> <http://example.org/v> \"Jan\" .\n"
	                         "<http://example.org/1> <http://example.org/v> \"Jos\" .\n"
	                         "<http://example.org/2> <http://example.org/v> \"Anna\" .\n");
	oslo_buf_free(&b.text);
	rml_free(m);
}

TEST(fresh_blank_nodes_make_one_batch)
{
	const char mapping[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:termType rml:BlankNode ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"@id\" ] "
	    "] .\n";
	rml_mapping *m = rml_compile(mapping, strlen(mapping), NULL);
	source s = {"a.xml", people};
	batches b = {0};

	oslo_buf_init(&b.text);
	CHECK(!rml_mapping_batchable(m));
	rml_apply_batched(m, load_one, &s, 1, collect, &b);
	CHECK(b.calls == 1);
	oslo_buf_free(&b.text);
	rml_free(m);
}

static void
apply_streamed(void *arg)
{
	oslo_free(run_mapping(XML_MAP("/r/p", "{@id}", "n"), people));
}

TEST(streaming_errors_leave_no_memory_behind)
{
	const char iri_subject[] = PREFIXES
	    "<http://example.org/TM> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:reference \"@iri\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"@iri\" ] "
	    "] .\n";
	size_t before = oslo_standalone_live_blocks();

	/* the reader, the XPath context and the error handler are released on the way out */
	CHECK_ERROR(OSLO_ERR_XML, run_mapping(XML_MAP("/r/p", "{@id}", "n"),
	                                      "<r><p id='1'><n>a</n></p><p id='2'><n>b</p></r>"));
	CHECK(oslo_standalone_live_blocks() == before);
	CHECK_ERROR(OSLO_ERR_DATA,
	            run_mapping(iri_subject, "<r><p iri='http://x/a'/><p iri='http://x/a b'/></r>"));
	CHECK(oslo_standalone_live_blocks() == before);
	{
		oslo_captured_error err;

		CHECK(oslo_standalone_run(apply_streamed, NULL, &err));
	}
	CHECK(oslo_standalone_live_blocks() == before);
}

/* ---- the host decides: its parser options (XML_PARSE_HUGE), or no streaming ---- */

static int host_parses;
static int host_parse_options = XML_PARSE_NONET;
static int host_stream_options;

static xmlDocPtr
counting_parse(const char *bytes, size_t len, const char *what)
{
	xmlDocPtr doc = xmlReadMemory(bytes, (int)len, NULL, NULL, host_parse_options);

	host_parses++;
	if (doc == NULL)
		oslo_error(OSLO_ERR_XML, "%s: the host's parser refuses it", what);
	return doc;
}

static int
stream_options(const char *bytes, size_t len, const char *what, const char **encoding)
{
	return host_stream_options;
}

/* a record nested deeper than libxml2 allows without XML_PARSE_HUGE */
static char *
deep_document(void)
{
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_buf_puts(&b, "<r><p id='1'><n>deep</n>");
	for (int i = 0; i < 300; i++)
		oslo_buf_puts(&b, "<d>");
	for (int i = 0; i < 300; i++)
		oslo_buf_puts(&b, "</d>");
	oslo_buf_puts(&b, "</p></r>");
	return b.data;
}

TEST(the_host_sets_the_reader_options)
{
	oslo_format_host host = {counting_parse, xmlFreeDoc, NULL, NULL, stream_options};
	oslo_format_host standalone = {NULL};
	const char *mapping = XML_MAP("/r/p", "{@id}", "n");
	char *deep = deep_document();

	oslo_formats_set_host(&host);
	/* -1: the host parses every document itself */
	host_stream_options = -1;
	host_parses = 0;
	CHECK_STREQ(run_mapping(mapping, people),
	            "<http://example.org/1> <http://example.org/v> \"Jan\" .\n"
	            "<http://example.org/1> <http://example.org/v> \"Jos\" .\n"
	            "<http://example.org/2> <http://example.org/v> \"Anna\" .\n");
	CHECK(host_parses == 1);
	/* its options: a record too deep without XML_PARSE_HUGE fails as the host's parser fails */
	host_stream_options = XML_PARSE_NONET;
	host_parses = 0;
	CHECK(strstr(run_mapping(mapping, people), "Anna") != NULL);
	CHECK(host_parses == 0);
	CHECK_ERROR(OSLO_ERR_XML, run_mapping(mapping, deep));
	CHECK_CONTAINS(unit_err.message, "XML source \"a.xml\": the host's parser refuses it");
	/* a host whose parser takes what its reader options refuse: the reader's own message */
	host_parse_options = XML_PARSE_NONET | XML_PARSE_HUGE;
	CHECK_ERROR(OSLO_ERR_XML, run_mapping(mapping, deep));
	CHECK_CONTAINS(
	    unit_err.message,
	    "XML source \"a.xml\" is not well-formed at line 1: Excessive depth in document");
	host_parse_options = XML_PARSE_NONET;
	host_stream_options = XML_PARSE_NONET | XML_PARSE_HUGE;
	CHECK_STREQ(run_mapping(mapping, deep),
	            "<http://example.org/1> <http://example.org/v> \"deep\" .\n");
	oslo_formats_set_host(&standalone);
	oslo_free(deep);
}

int
main(void)
{
	RUN(which_iterators_stream);
	RUN(which_references_stream);
	RUN(joins_read_the_dom);
	RUN(streamed_records_give_the_dom_statements);
	RUN(internal_entities_as_the_dom);
	RUN(undeclared_prefixes_as_the_dom);
	RUN(streamed_namespaces);
	RUN(streamed_errors_are_the_host_parsers);
	RUN(external_entities_are_not_read);
	RUN(batches_hand_out_every_statement);
	RUN(fresh_blank_nodes_make_one_batch);
	RUN(streaming_errors_leave_no_memory_behind);
	RUN(the_host_sets_the_reader_options);
	return unit_report();
}
