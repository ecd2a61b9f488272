/*
 * test_align.c
 *	  Alignments: correspondences and CONSTRUCT queries applied in either
 *	  direction, the passthrough, the emitted SPARQL, errors; and the shipped
 *	  mappings/semic alignment on a small OSLO person.
 */
#include "align.h"
#include "rdf_syntax.h"
#include "unit.h"

#define EX "http://example.org/"

static const char corr_ttl[] = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                               "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                               "@prefix o: <http://example.org/oslo#> .\n"
                               "@prefix s: <http://example.org/semic#> .\n"
                               "o:Persoon owl:equivalentClass s:Person .\n"
                               "o:Burger rdfs:subClassOf s:Person .\n"
                               "o:naam owl:equivalentProperty s:name .\n"
                               "o:roepnaam rdfs:subPropertyOf s:name .\n"
                               "o:ouderVan owl:inverseOf s:childOf .\n"
                               "o:naam rdfs:label \"an annotation, ignored\" .\n";

static oslo_graph *
parse(const char *turtle)
{
	oslo_graph *g = oslo_graph_new();

	oslo_rdf_parse(g, turtle, strlen(turtle), OSLO_SYNTAX_TURTLE, NULL);
	return g;
}

/* out, isomorphic to the Turtle expected? prints both when not */
static bool
same(const oslo_graph *out, const char *expected)
{
	oslo_graph *e = parse(expected);
	bool ok = oslo_graph_isomorphic(out, e);

	if (!ok)
	{
		oslo_buf b;

		oslo_buf_init(&b);
		oslo_rdf_write(out, OSLO_SYNTAX_NTRIPLES, NULL, 0, &b);
		fprintf(stderr, "  got:\n%s", b.data);
		oslo_buf_reset(&b);
		oslo_rdf_write(e, OSLO_SYNTAX_NTRIPLES, NULL, 0, &b);
		fprintf(stderr, "  expected:\n%s", b.data);
		oslo_buf_free(&b);
	}
	oslo_graph_free(e);
	return ok;
}

static oslo_alignment *
correspondences_only(void)
{
	oslo_alignment *a = oslo_alignment_new("test");

	CHECK(oslo_alignment_add_correspondences(a, corr_ttl, strlen(corr_ttl), "c") == 5);
	return a;
}

TEST(forward_rewrites_and_passes_through)
{
	oslo_alignment *a = correspondences_only();
	oslo_graph *in = parse("@prefix o: <http://example.org/oslo#> .\n"
	                       "<http://example.org/jan> a o:Persoon, o:Burger, o:Other ;\n"
	                       "  o:naam \"Jan Peeters\" ; o:roepnaam \"Jan\" ;\n"
	                       "  o:ouderVan _:kind, \"not a node\" ; o:hobby \"chess\" .\n");
	oslo_graph *out = oslo_alignment_apply(a, OSLO_ALIGN_FORWARD, in);

	/* the inverse with a literal object has no subject to become: dropped */
	CHECK(same(out, "@prefix o: <http://example.org/oslo#> .\n"
	                "@prefix s: <http://example.org/semic#> .\n"
	                "<http://example.org/jan> a s:Person, o:Other ;\n"
	                "  s:name \"Jan Peeters\", \"Jan\" ; o:hobby \"chess\" .\n"
	                "_:kind s:childOf <http://example.org/jan> .\n"));
	oslo_graph_free(out);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

TEST(backward_has_no_sub_property)
{
	oslo_alignment *a = correspondences_only();
	oslo_graph *in = parse("@prefix s: <http://example.org/semic#> .\n"
	                       "<http://example.org/jan> a s:Person ; s:name \"Jan\" .\n"
	                       "_:kind s:childOf <http://example.org/jan> .\n");
	oslo_graph *out = oslo_alignment_apply(a, OSLO_ALIGN_BACKWARD, in);

	CHECK(same(out, "@prefix o: <http://example.org/oslo#> .\n"
	                "<http://example.org/jan> a o:Persoon ; o:naam \"Jan\" ;\n"
	                "  o:ouderVan [] .\n"));
	oslo_graph_free(out);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

static const char birth_forward[] =
    "PREFIX o: <http://example.org/oslo#>\n"
    "PREFIX s: <http://example.org/semic#>\n"
    "CONSTRUCT { ?p s:birthDate ?d } WHERE { ?p o:geboorte ?e . OPTIONAL { ?e a o:Geboorte } "
    "?e o:datum ?d }\n";
static const char birth_backward[] =
    "PREFIX o: <http://example.org/oslo#>\n"
    "PREFIX s: <http://example.org/semic#>\n"
    "CONSTRUCT { ?p o:geboorte _:e . _:e a o:Geboorte ; o:datum ?d } WHERE { ?p s:birthDate ?d "
    "}\n";

/* a query owns what it reads: the event's triples and its class go */
TEST(queries_consume_what_they_read)
{
	oslo_alignment *a = correspondences_only();
	oslo_graph *in, *out, *back;

	oslo_alignment_add_query(a, OSLO_ALIGN_FORWARD, birth_forward, strlen(birth_forward), "b");
	oslo_alignment_add_query(a, OSLO_ALIGN_BACKWARD, birth_backward, strlen(birth_backward), "b");
	CHECK(oslo_alignment_query_count(a, OSLO_ALIGN_FORWARD) == 1);
	in = parse("@prefix o: <http://example.org/oslo#> .\n"
	           "_:jan a o:Persoon ; o:naam \"Jan\" ; o:geboorte _:g .\n"
	           "_:g a o:Geboorte ; o:datum \"1980-02-14\" ; o:note \"kept\" .\n");
	out = oslo_alignment_apply(a, OSLO_ALIGN_FORWARD, in);
	CHECK(same(out, "@prefix o: <http://example.org/oslo#> .\n"
	                "@prefix s: <http://example.org/semic#> .\n"
	                "_:jan a s:Person ; s:name \"Jan\" ; s:birthDate \"1980-02-14\" .\n"
	                "_:g o:note \"kept\" .\n"));
	back = oslo_alignment_apply(a, OSLO_ALIGN_BACKWARD, out);
	CHECK(same(back, "@prefix o: <http://example.org/oslo#> .\n"
	                 "_:jan a o:Persoon ; o:naam \"Jan\" ; o:geboorte [ a o:Geboorte ; o:datum "
	                 "\"1980-02-14\" ] .\n"
	                 "_:g o:note \"kept\" .\n"));
	oslo_graph_free(back);
	oslo_graph_free(out);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

/* fresh blank nodes never take the label of an input blank node */
TEST(fresh_blank_nodes_stay_apart)
{
	oslo_alignment *a = oslo_alignment_new("blank");
	oslo_graph *in = oslo_graph_new(), *out;
	oslo_term_id p = oslo_graph_iri_cstr(in, EX "p");
	char label[16];

	oslo_alignment_add_query(a, OSLO_ALIGN_BACKWARD, birth_backward, strlen(birth_backward), "b");
	for (int i = 0; i < 50; i++)
	{
		snprintf(label, sizeof(label), "b%d", i);
		oslo_graph_add(in, oslo_graph_blank(in, label, strlen(label)),
		               oslo_graph_iri_cstr(in, "http://example.org/semic#birthDate"),
		               oslo_graph_literal_cstr(in, "2000-01-01", NULL, NULL), 0);
		oslo_graph_add(in, oslo_graph_blank(in, label, strlen(label)), p,
		               oslo_graph_literal_cstr(in, label, NULL, NULL), 0);
	}
	out = oslo_alignment_apply(a, OSLO_ALIGN_BACKWARD, in);
	/* 50 kept p triples, 50 x (geboorte, type, datum) on 50 new events */
	CHECK(oslo_graph_size(out) == 200);
	oslo_graph_free(out);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

TEST(named_graphs_are_rewritten_in_place)
{
	oslo_alignment *a = correspondences_only();
	oslo_graph *in = oslo_graph_new(), *out;
	oslo_buf b;
	const char nq[] = "<http://example.org/jan> <http://example.org/oslo#naam> \"Jan\" "
	                  "<http://example.org/g> .\n";

	oslo_rdf_parse(in, nq, strlen(nq), OSLO_SYNTAX_NQUADS, NULL);
	out = oslo_alignment_apply(a, OSLO_ALIGN_FORWARD, in);
	oslo_buf_init(&b);
	oslo_rdf_write(out, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
	CHECK_STREQ(b.data, "<http://example.org/jan> <http://example.org/semic#name> \"Jan\" "
	                    "<http://example.org/g> .\n");
	oslo_buf_free(&b);
	oslo_graph_free(out);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

TEST(emitted_sparql)
{
	oslo_alignment *a = correspondences_only();
	oslo_buf b;

	oslo_alignment_add_query(a, OSLO_ALIGN_FORWARD, birth_forward, strlen(birth_forward), "b");
	oslo_buf_init(&b);
	oslo_alignment_emit_sparql(a, OSLO_ALIGN_FORWARD, &b);
	CHECK_CONTAINS(b.data, "FILTER(?p NOT IN (\n    <http://example.org/oslo#naam>,\n"
	                       "    <http://example.org/oslo#roepnaam>,\n"
	                       "    <http://example.org/oslo#ouderVan>,\n"
	                       "    <http://example.org/oslo#geboorte>,\n"
	                       "    <http://example.org/oslo#datum>))");
	CHECK_CONTAINS(b.data, "FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> || "
	                       "?o NOT IN (\n    <http://example.org/oslo#Persoon>,\n"
	                       "    <http://example.org/oslo#Burger>,\n"
	                       "    <http://example.org/oslo#Geboorte>))");
	CHECK_CONTAINS(b.data, "CONSTRUCT { ?o <http://example.org/semic#childOf> ?s }\n"
	                       "WHERE { ?s <http://example.org/oslo#ouderVan> ?o "
	                       "FILTER(!isLiteral(?o)) }\n" OSLO_ALIGN_QUERY_SEPARATOR "\n");
	CHECK_CONTAINS(b.data, "CONSTRUCT { ?s a <http://example.org/semic#Person> }\n"
	                       "WHERE { ?s a <http://example.org/oslo#Burger> }");
	CHECK_CONTAINS(b.data, "# b\nPREFIX o:");
	oslo_buf_reset(&b);
	oslo_alignment_emit_sparql(a, OSLO_ALIGN_BACKWARD, &b);
	/* no sub-property on the way back */
	CHECK(strstr(b.data, "roepnaam") == NULL);
	CHECK(strstr(b.data, "Burger") == NULL);
	oslo_buf_free(&b);
	oslo_alignment_free(a);
}

static void
add_corr_text(const char *text)
{
	oslo_alignment *a = oslo_alignment_new("bad");

	oslo_alignment_add_correspondences(a, text, strlen(text), "broken");
	oslo_alignment_free(a);
}

static void
add_query_text(const char *text)
{
	oslo_alignment *a = oslo_alignment_new("bad");

	oslo_alignment_add_query(a, OSLO_ALIGN_FORWARD, text, strlen(text), "q1");
	oslo_alignment_free(a);
}

TEST(errors)
{
	CHECK_ERROR(OSLO_ERR_SYNTAX, add_corr_text("<a> <b> ."));
	CHECK_ERROR(OSLO_ERR_DATA,
	            add_corr_text("<http://example.org/a> "
	                          "<http://www.w3.org/2002/07/owl#equivalentProperty> _:x ."));
	CHECK_CONTAINS(unit_err.message, "alignment bad, correspondences \"broken\"");
	CHECK_CONTAINS(unit_err.message, "not a blank node");
	CHECK_ERROR(OSLO_ERR_DATA,
	            add_corr_text("<http://example.org/a> "
	                          "<http://www.w3.org/2000/01/rdf-schema#subClassOf> \"x\" ."));
	CHECK_CONTAINS(unit_err.message, "not a literal");
	CHECK_ERROR(OSLO_ERR_SYNTAX, add_query_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p"));
	CHECK_CONTAINS(unit_err.message, "alignment bad query q1");
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            add_query_text("CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } }"));
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_align_direction_parse("sideways"));
	CHECK(oslo_align_direction_parse("to_semic") == OSLO_ALIGN_FORWARD);
	CHECK(oslo_align_direction_parse("backward") == OSLO_ALIGN_BACKWARD);
}

/* ---- the shipped alignment (mappings/semic, read as the CLI does) ---- */

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = oslo_alloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* every file of mappings/MANIFEST of kind alignment named semic */
static oslo_alignment *
load_semic(void)
{
	char path[4096], line[1024];
	const char *src = getenv("OSLO_SOURCE_DIR");
	FILE *manifest;
	oslo_alignment *a = oslo_alignment_new("semic");

	snprintf(path, sizeof(path), "%s/mappings/MANIFEST", src ? src : ".");
	manifest = fopen(path, "r");
	CHECK(manifest != NULL);
	if (manifest == NULL)
		return a;
	while (fgets(line, sizeof(line), manifest))
	{
		char kind[64], name[256], file[512], part[512];
		size_t len;
		char *text, *base;

		if (sscanf(line, "%63s %255s %511s", kind, name, file) != 3 ||
		    strcmp(kind, "alignment") != 0 || strcmp(name, "semic") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/mappings/%s", src ? src : ".", file);
		text = slurp(path, &len);
		CHECK(text != NULL);
		if (text == NULL)
			continue;
		base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		snprintf(part, sizeof(part), "%s", base);
		if (strstr(file, ".forward.rq"))
			oslo_alignment_add_query(a, OSLO_ALIGN_FORWARD, text, len, part);
		else if (strstr(file, ".backward.rq"))
			oslo_alignment_add_query(a, OSLO_ALIGN_BACKWARD, text, len, part);
		else
			oslo_alignment_add_correspondences(a, text, len, part);
		oslo_free(text);
	}
	fclose(manifest);
	return a;
}

#define OSLO_PERSON                                                                                \
	"@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .\n"                                \
	"@prefix person: <http://www.w3.org/ns/person#> .\n"                                           \
	"@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"                                               \
	"@prefix dct: <http://purl.org/dc/terms/> .\n"                                                 \
	"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"                                         \
	"<http://example.org/p/1> a person:Person ;\n"                                                 \
	"  foaf:givenName \"Jan\" ; foaf:familyName \"Peeters\" ;\n"                                   \
	"  persoon:geslacht <https://example.org/concept/geslacht/man> ;\n"                            \
	"  persoon:heeftGeboorte <http://example.org/p/1/geboorte> .\n"                                \
	"<http://example.org/p/1/geboorte> a persoon:Geboorte ;\n"                                     \
	"  persoon:datum \"1980-02-14T00:00:00\"^^xsd:dateTime ;\n"                                    \
	"  persoon:plaats <http://example.org/gent> .\n"                                               \
	"<http://example.org/gent> a dct:Location .\n"

TEST(semic_person_round_trip)
{
	oslo_alignment *a = load_semic();
	oslo_graph *in = parse(OSLO_PERSON), *semic, *back;

	CHECK(oslo_alignment_correspondence_count(a) > 10);
	semic = oslo_alignment_apply(a, OSLO_ALIGN_FORWARD, in);
	CHECK(same(semic, "@prefix person: <http://www.w3.org/ns/person#> .\n"
	                  "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
	                  "@prefix dct: <http://purl.org/dc/terms/> .\n"
	                  "@prefix cv: <http://data.europa.eu/m8g/> .\n"
	                  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
	                  "<http://example.org/p/1> a person:Person ;\n"
	                  "  foaf:givenName \"Jan\"@und ; foaf:familyName \"Peeters\"@und ;\n"
	                  "  cv:gender <https://example.org/concept/geslacht/man> ;\n"
	                  "  cv:birthDate \"1980-02-14\"^^xsd:date ;\n"
	                  "  person:placeOfBirth <http://example.org/gent> .\n"
	                  "<http://example.org/gent> a dct:Location .\n"));
	back = oslo_alignment_apply(a, OSLO_ALIGN_BACKWARD, semic);
	/* the event comes back as a blank node: its IRI is lost by design */
	CHECK(same(back, "@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .\n"
	                 "@prefix person: <http://www.w3.org/ns/person#> .\n"
	                 "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
	                 "@prefix dct: <http://purl.org/dc/terms/> .\n"
	                 "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
	                 "<http://example.org/p/1> a person:Person ;\n"
	                 "  foaf:givenName \"Jan\" ; foaf:familyName \"Peeters\" ;\n"
	                 "  persoon:geslacht <https://example.org/concept/geslacht/man> ;\n"
	                 "  persoon:heeftGeboorte [ a persoon:Geboorte ;\n"
	                 "    persoon:datum \"1980-02-14T00:00:00\"^^xsd:dateTime ;\n"
	                 "    persoon:plaats <http://example.org/gent> ] .\n"
	                 "<http://example.org/gent> a dct:Location .\n"));
	oslo_graph_free(back);
	oslo_graph_free(semic);
	oslo_graph_free(in);
	oslo_alignment_free(a);
}

int
main(void)
{
	RUN(forward_rewrites_and_passes_through);
	RUN(backward_has_no_sub_property);
	RUN(queries_consume_what_they_read);
	RUN(fresh_blank_nodes_stay_apart);
	RUN(named_graphs_are_rewritten_in_place);
	RUN(emitted_sparql);
	RUN(errors);
	RUN(semic_person_round_trip);
	return unit_report();
}
