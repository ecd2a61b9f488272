/*
 * test_rml.c
 *	  The RML engine on small hand-written mappings: XML with namespaces,
 *	  JSON, CSV, templates, joins, graph maps, datatypes and languages.
 */
#include "rdf_syntax.h"
#include "rml.h"
#include "unit.h"

#define PREFIXES                                                                                   \
	"@prefix rml: <http://w3id.org/rml/> .\n"                                                      \
	"@prefix ex: <http://example.org/> .\n"                                                        \
	"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

/* sources for the loader: name, content pairs ending in NULL */
static const char *
load_from_table(const char *name, size_t *len, void *arg)
{
	const char *const *table = arg;

	for (size_t i = 0; table[i]; i += 2)
		if (strcmp(table[i], name) == 0)
		{
			*len = strlen(table[i + 1]);
			return table[i + 1];
		}
	return NULL;
}

/* compile, apply and write sorted N-Quads (host memory) */
static char *
run_mapping(const char *mapping, const char *const *sources)
{
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/base/");
	oslo_graph *g = oslo_graph_new();
	oslo_buf out;

	rml_apply(m, load_from_table, (void *)sources, g);
	rml_free(m);
	oslo_buf_init(&out);
	oslo_rdf_write(g, OSLO_SYNTAX_NQUADS, NULL, 0, &out);
	oslo_graph_free(g);
	return out.data;
}

static const char soap_response[] =
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soap:Body><p:GeefPersoonResponse xmlns:p=\"http://magda.example/persoon\">"
    "<p:Persoon><p:INSZ>90650212345</p:INSZ><p:Naam>Peeters</p:Naam></p:Persoon>"
    "<p:Persoon><p:INSZ>80010154321</p:INSZ><p:Naam>Jans &amp; Co</p:Naam></p:Persoon>"
    "</p:GeefPersoonResponse></soap:Body></soap:Envelope>";

static const char soap_mapping[] = PREFIXES
    "<#Persons> a rml:TriplesMap ;\n"
    "  rml:logicalSource [ rml:source [ rml:path \"response.xml\" ] ;\n"
    "    rml:referenceFormulation [ a rml:XPathReferenceFormulation ;\n"
    "      rml:namespace [ rml:namespacePrefix \"soap\" ;\n"
    "        rml:namespaceURL \"http://schemas.xmlsoap.org/soap/envelope/\" ] ,\n"
    "      [ rml:namespacePrefix \"p\" ; rml:namespaceURL \"http://magda.example/persoon\" ] ] ;\n"
    "    rml:iterator \"/soap:Envelope/soap:Body/p:GeefPersoonResponse/p:Persoon\" ] ;\n"
    "  rml:subjectMap [ rml:template \"http://example.org/person/{p:INSZ}\" ; rml:class ex:Person "
    "] ;\n"
    "  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference \"p:Naam\" ] "
    "] .\n";

TEST(xml_soap_envelope_with_declared_namespaces)
{
	const char *sources[] = {"response.xml", soap_response, NULL};
	char *nq = run_mapping(soap_mapping, sources);

	CHECK_STREQ(
	    nq, "<http://example.org/person/80010154321> <http://example.org/name> \"Jans & Co\" .\n"
	        "<http://example.org/person/80010154321> "
	        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Person> .\n"
	        "<http://example.org/person/90650212345> <http://example.org/name> \"Peeters\" .\n"
	        "<http://example.org/person/90650212345> "
	        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Person> .\n");
	oslo_free(nq);
}

TEST(xml_undeclared_prefix_names_the_expression)
{
	const char mapping[] = PREFIXES
	    "<#Persons> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"response.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/soap:Envelope/soap:Body\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{x}\" ] .\n";
	const char *sources[] = {"response.xml", soap_response, NULL};

	CHECK_ERROR(OSLO_ERR_PARAMETER, run_mapping(mapping, sources));
	CHECK_CONTAINS(unit_err.message, "/soap:Envelope/soap:Body");
	CHECK_CONTAINS(unit_err.message, "Undefined namespace prefix");
	CHECK_CONTAINS(unit_err.message, "rml:namespace");
}

TEST(xml_attributes_and_multi_valued_references)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/item\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{@id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:tag ; rml:objectMap [ rml:reference \"tag\" ] "
	    "] .\n";
	const char *sources[] = {"a.xml", "<r><item id='1'><tag>x</tag><tag>y</tag></item></r>", NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_STREQ(nq, "<http://example.org/1> <http://example.org/tag> \"x\" .\n"
	                "<http://example.org/1> <http://example.org/tag> \"y\" .\n");
	oslo_free(nq);
}

TEST(xml_nested_iterator_with_parent_axis_references)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"a.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"//antwoord/persoon\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{../@ref}/{naam}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:count ;\n"
	    "    rml:objectMap [ rml:reference \"count(../persoon)\" ] ] .\n";
	const char *sources[] = {
	    "a.xml",
	    "<r><antwoord ref='1'><persoon><naam>a</naam></persoon>"
	    "<persoon><naam>b</naam></persoon></antwoord>"
	    "<x><antwoord ref='2'><persoon><naam>c</naam></persoon></antwoord></x></r>",
	    NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_STREQ(nq, "<http://example.org/1/a> <http://example.org/count> \"2\" .\n"
	                "<http://example.org/1/b> <http://example.org/count> \"2\" .\n"
	                "<http://example.org/2/c> <http://example.org/count> \"1\" .\n");
	oslo_free(nq);
}

TEST(json_natural_datatypes_and_nulls)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$.people[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/p/{$.id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"$.v\" ] ] "
	    ".\n";
	const char *sources[] = {
	    "p.json",
	    "{\"people\": [{\"id\": 1, \"v\": 2.5}, {\"id\": 2, \"v\": true}, {\"id\": 3, \"v\": null},"
	    " {\"id\": null, \"v\": \"lost\"}]}",
	    NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_STREQ(nq, "<http://example.org/p/1> <http://example.org/v> "
	                "\"2.5\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
	                "<http://example.org/p/2> <http://example.org/v> "
	                "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n");
	oslo_free(nq);
}

TEST(templates_encode_per_term_type)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.n}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:uri ;\n"
	    "    rml:objectMap [ rml:template \"http://example.org/{$.n}\" ; rml:termType rml:URI ] ] "
	    ";\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:label ;\n"
	    "    rml:objectMap [ rml:template \"\\\\{{$.n}\\\\}\" ; rml:termType rml:Literal ] ] .\n";
	const char *sources[] = {"p.json", "[{\"n\": \"Zoë a/b\"}]", NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_CONTAINS(nq,
	               "<http://example.org/Zoë%20a%2Fb> <http://example.org/label> \"{Zoë a/b}\" .");
	CHECK_CONTAINS(nq, "<http://example.org/uri> <http://example.org/Zo%C3%AB%20a%2Fb> .");
	oslo_free(nq);
}

TEST(template_without_value_makes_no_term)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:p ; rml:object ex:o ] .\n";
	const char *sources[] = {"p.json", "[{\"id\": \"a\"}, {\"other\": 1}]", NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_STREQ(nq, "<http://example.org/a> <http://example.org/p> <http://example.org/o> .\n");
	oslo_free(nq);
}

static const char join_mapping[] = PREFIXES
    "<#Child> a rml:TriplesMap ;\n"
    "  rml:logicalSource [ rml:source \"kids.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
    "    rml:iterator \"$[*]\" ] ;\n"
    "  rml:subjectMap [ rml:template \"http://example.org/kid/{$.name}\" ] ;\n"
    "  rml:predicateObjectMap [ rml:predicate ex:school ;\n"
    "    rml:objectMap [ rml:parentTriplesMap <#School> ;\n"
    "      rml:joinCondition [ rml:child \"$.school\" ; rml:parent \"$.code\" ] ,\n"
    "                        [ rml:child \"$.city\" ; rml:parent \"$.city\" ] ] ] ;\n"
    "  rml:predicateObjectMap [ rml:predicate ex:self ;\n"
    "    rml:objectMap [ rml:parentTriplesMap <#Child> ] ] .\n"
    "<#School> a rml:TriplesMap ;\n"
    "  rml:logicalSource [ rml:source \"schools.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
    "    rml:iterator \"$[*]\" ] ;\n"
    "  rml:subjectMap [ rml:template \"http://example.org/school/{$.code}/{$.city}\" ] .\n";

TEST(joins_match_every_condition)
{
	const char *sources[] = {
	    "kids.json",
	    "[{\"name\": \"an\", \"school\": \"S1\", \"city\": \"Gent\"},"
	    " {\"name\": \"bo\", \"school\": \"S1\", \"city\": \"Brugge\"},"
	    " {\"name\": \"cy\", \"school\": \"S9\", \"city\": \"Gent\"}]",
	    "schools.json",
	    "[{\"code\": \"S1\", \"city\": \"Gent\"}, {\"code\": \"S1\", \"city\": \"Brugge\"},"
	    " {\"code\": \"S2\", \"city\": \"Gent\"}]",
	    NULL};
	char *nq = run_mapping(join_mapping, sources);

	CHECK_CONTAINS(nq, "<http://example.org/kid/an> <http://example.org/school> "
	                   "<http://example.org/school/S1/Gent> .");
	CHECK_CONTAINS(nq, "<http://example.org/kid/bo> <http://example.org/school> "
	                   "<http://example.org/school/S1/Brugge> .");
	CHECK(strstr(nq, "<http://example.org/kid/cy> <http://example.org/school>") == NULL);
	CHECK(strstr(nq, "kid/an> <http://example.org/school> <http://example.org/school/S1/Brugge>") ==
	      NULL);
	/* same logical source, no join condition: the same record */
	CHECK_CONTAINS(nq, "<http://example.org/kid/an> <http://example.org/self> "
	                   "<http://example.org/kid/an> .");
	CHECK(strstr(nq, "<http://example.org/kid/an> <http://example.org/self> "
	                 "<http://example.org/kid/bo>") == NULL);
	oslo_free(nq);
}

TEST(graph_maps_and_default_graph)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.id}\" ; rml:class ex:T ;\n"
	    "    rml:graphMap [ rml:template \"http://example.org/g/{$.id}\" ] ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:p ; rml:object \"v\" ;\n"
	    "    rml:graph rml:defaultGraph ] .\n";
	const char *sources[] = {"p.json", "[{\"id\": \"a\"}]", NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_STREQ(nq,
	            "<http://example.org/a> <http://example.org/p> \"v\" .\n"
	            "<http://example.org/a> <http://example.org/p> \"v\" <http://example.org/g/a> .\n"
	            "<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	            "<http://example.org/T> <http://example.org/g/a> .\n");
	oslo_free(nq);
}

TEST(datatypes_and_languages)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/{$.id}\" ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:n ;\n"
	    "    rml:objectMap [ rml:reference \"$.n\" ; rml:datatype xsd:decimal ] ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:label ;\n"
	    "    rml:objectMap [ rml:reference \"$.label\" ; rml:languageMap [ rml:reference "
	    "\"$.lang\" ] ] ] .\n";
	const char *sources[] = {
	    "p.json", "[{\"id\": \"a\", \"n\": \"1.50\", \"label\": \"kat\", \"lang\": \"nl-BE\"}]",
	    NULL};
	const char *bad[] = {
	    "p.json", "[{\"id\": \"a\", \"n\": 1, \"label\": \"kat\", \"lang\": \"x-1\"}]", NULL};
	char *nq = run_mapping(mapping, sources);

	CHECK_CONTAINS(nq, "\"1.50\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
	CHECK_CONTAINS(nq, "\"kat\"@nl-be");
	oslo_free(nq);
	CHECK_ERROR(OSLO_ERR_DATA, run_mapping(mapping, bad));
	CHECK_CONTAINS(unit_err.message, "\"x-1\" is not a valid language tag");
}

TEST(legacy_r2rml_vocabulary_and_csv)
{
	const char mapping[] =
	    "@prefix rr: <http://www.w3.org/ns/r2rml#> .\n"
	    "@prefix rml: <http://semweb.mmlab.be/ns/rml#> .\n"
	    "@prefix ql: <http://semweb.mmlab.be/ns/ql#> .\n"
	    "@prefix ex: <http://example.org/> .\n"
	    "<#M> rml:logicalSource [ rml:source \"people.csv\" ; rml:referenceFormulation ql:CSV ] ;\n"
	    "  rr:subjectMap [ rr:template \"http://example.org/{id}\" ; rr:graph ex:g ] ;\n"
	    "  rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rml:reference \"name\" ] "
	    "] ;\n"
	    "  rr:predicateObjectMap [ rr:predicate ex:seen ; rr:object ex:yes ; rr:graph "
	    "rr:defaultGraph "
	    "] .\n";
	const char *sources[] = {"people.csv", "id,name\r\n1,\"Jansen, \"\"Jan\"\"\"\r\n2,Piet\n",
	                         NULL};
	char *nq = run_mapping(mapping, sources);

	/* the subject's graph and, through rr:defaultGraph, the default graph */
	CHECK_STREQ(
	    nq, "<http://example.org/1> <http://example.org/seen> <http://example.org/yes> .\n"
	        "<http://example.org/2> <http://example.org/seen> <http://example.org/yes> .\n"
	        "<http://example.org/1> <http://example.org/name> \"Jansen, \\\"Jan\\\"\" "
	        "<http://example.org/g> .\n"
	        "<http://example.org/1> <http://example.org/seen> <http://example.org/yes> "
	        "<http://example.org/g> .\n"
	        "<http://example.org/2> <http://example.org/name> \"Piet\" <http://example.org/g> .\n"
	        "<http://example.org/2> <http://example.org/seen> <http://example.org/yes> "
	        "<http://example.org/g> .\n");
	oslo_free(nq);
}

TEST(blank_node_subjects_share_labels)
{
	const char mapping[] = PREFIXES
	    "<#M> a rml:TriplesMap ;\n"
	    "  rml:logicalSource [ rml:source \"p.json\" ; rml:referenceFormulation rml:JSONPath ;\n"
	    "    rml:iterator \"$[*]\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"{$.k}\" ; rml:termType rml:BlankNode ] ;\n"
	    "  rml:predicateObjectMap [ rml:predicate ex:v ; rml:objectMap [ rml:reference \"$.v\" ] ] "
	    ".\n";
	const char *sources[] = {"p.json",
	                         "[{\"k\": \"x\", \"v\": \"1\"}, {\"k\": \"x\", \"v\": \"2\"}]", NULL};
	rml_mapping *m = rml_compile(mapping, strlen(mapping), "http://example.org/base/");
	oslo_graph *g = oslo_graph_new();

	rml_apply(m, load_from_table, (void *)sources, g);
	CHECK(oslo_graph_size(g) == 2);
	CHECK(oslo_graph_quads(g)[0].s == oslo_graph_quads(g)[1].s);
	CHECK(oslo_graph_term(g, oslo_graph_quads(g)[0].s)->kind == OSLO_TERM_BLANK);
	rml_free(m);
	oslo_graph_free(g);
}

/*
 * An iterator that extends another one ("/r/p" and "/r/p/q[1]") is evaluated
 * below the other's records: the same records, in document order, as the
 * whole path from the root gives (q[1] is the first q of each p).
 */
#define NESTED_XML                                                                                 \
	"<r><p id=\"1\"><q>a</q><q>b</q></p><p id=\"2\"><q>c</q></p><x><p "                            \
	"id=\"3\"><q>d</q></p></x></r>"
#define Q_MAP(name, iterator)                                                                      \
	"<#" name                                                                                      \
	"> rml:logicalSource [ rml:source \"n.xml\" ; rml:referenceFormulation rml:XPath ;\n"          \
	"    rml:iterator \"" iterator "\" ] ;\n"                                                      \
	"  rml:subjectMap [ rml:template \"http://example.org/q/{.}\" ] ;\n"                           \
	"  rml:predicateObjectMap [ rml:predicate ex:" name                                            \
	" ; rml:objectMap [ rml:reference \"../@id\" ] "                                               \
	"] .\n"

TEST(an_iterator_below_another_gives_the_whole_paths_records)
{
	static const char *const sources[] = {"n.xml", NESTED_XML, NULL};
	static const char alone[] = PREFIXES Q_MAP("Q", "/r/p/q[1]") Q_MAP("U", "/r/p/q | //x/p/q");
	static const char below[] = PREFIXES
	    "<#P> rml:logicalSource [ rml:source \"n.xml\" ; rml:referenceFormulation rml:XPath ;\n"
	    "    rml:iterator \"/r/p\" ] ;\n"
	    "  rml:subjectMap [ rml:template \"http://example.org/p/{@id}\" ] .\n" Q_MAP(
	        "Q", "/r/p/q[1]") Q_MAP("U", "/r/p/q | //x/p/q") Q_MAP("V", "/r/p//q");
	char *a = run_mapping(alone, sources);
	char *b = run_mapping(below, sources);

	CHECK_CONTAINS(b, "<http://example.org/q/a> <http://example.org/Q> \"1\" .");
	CHECK_CONTAINS(b, "<http://example.org/q/c> <http://example.org/Q> \"2\" .");
	/* q[1] is the first q of each p: never b, the second q of p 1 */
	CHECK(strstr(b, "<http://example.org/q/b> <http://example.org/Q>") == NULL);
	/* p 3 is not under /r: the union finds it through //x, the descendant path too */
	CHECK(strstr(b, "<http://example.org/q/d> <http://example.org/Q>") == NULL);
	CHECK_CONTAINS(b, "<http://example.org/q/d> <http://example.org/U> \"3\" .");
	CHECK_CONTAINS(b, "<http://example.org/q/b> <http://example.org/V> \"1\" .");
	/* the maps alone give exactly the statements they give beside a base map */
	{
		size_t lines_a = 0, lines_b_q_u = 0;

		for (const char *c = a; *c; c++)
			lines_a += *c == '\n';
		for (const char *l = b; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		{
			char one[512];
			const char *end = strchr(l, '\n');

			snprintf(one, sizeof(one), "%.*s", (int)(end ? end - l : (ptrdiff_t)strlen(l)), l);
			if (strstr(one, "<http://example.org/V>"))
				continue;
			lines_b_q_u++;
			CHECK_CONTAINS(a, one);
		}
		CHECK(lines_a == lines_b_q_u);
	}
	oslo_free(a);
	oslo_free(b);
}

int
main(void)
{
	RUN(xml_soap_envelope_with_declared_namespaces);
	RUN(xml_undeclared_prefix_names_the_expression);
	RUN(xml_attributes_and_multi_valued_references);
	RUN(xml_nested_iterator_with_parent_axis_references);
	RUN(json_natural_datatypes_and_nulls);
	RUN(templates_encode_per_term_type);
	RUN(template_without_value_makes_no_term);
	RUN(joins_match_every_condition);
	RUN(graph_maps_and_default_graph);
	RUN(datatypes_and_languages);
	RUN(legacy_r2rml_vocabulary_and_csv);
	RUN(blank_node_subjects_share_labels);
	RUN(an_iterator_below_another_gives_the_whole_paths_records);
	return unit_report();
}
