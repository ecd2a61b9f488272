/*
 * test_shacl_oslo.c
 *	  The real OSLO shapes of ../shared compile, and the Persoon profile
 *	  validates a person as the notes describe. Skips when ../shared is absent.
 */
#include "shacl_helpers.h"

static const char *const oslo_shape_files[] = {
    "oslo/persoon/shacl/persoon-basis-SHACL.ttl",
    "oslo/adres/shacl/adresregister-SHACL.ttl",
    "oslo/adres/shacl/gebouwenregister-SHACL.ttl",
    "oslo/dienst/shacl/dienst-transactiemodel-SHACL.ttl",
    "oslo/dienst/shacl/dienstencataloog-SHACL.ttl",
    "oslo/generiek/shacl/generiek-basis-SHACL.ttl",
    "oslo/ipdc-lpdc/shacl/concept-shape.ttl",
    "oslo/ipdc-lpdc/shacl/instantie-shape.ttl",
    "oslo/organisatie/shacl/organisatie-basis-SHACL.ttl",
};

static oslo_graph *
load_shared(const char *rel)
{
	char path[8192];
	size_t len;
	char *text;
	oslo_graph *g;
	oslo_guard *guard;

	snprintf(path, sizeof(path), "%s/%s", unit_shared_dir(), rel);
	text = unit_read_file(path, &len);
	if (!text)
		return NULL;
	guard = oslo_guard_new(free, text);
	g = oslo_graph_new();
	oslo_rdf_parse(g, text, len, OSLO_SYNTAX_TURTLE, "http://example.org/");
	oslo_guard_release(guard);
	return g;
}

TEST(real_oslo_shapes_compile)
{
	if (!unit_shared_dir())
	{
		printf("skipped: ../shared not found\n");
		return;
	}
	for (size_t i = 0; i < sizeof(oslo_shape_files) / sizeof(oslo_shape_files[0]); i++)
	{
		oslo_graph *g = load_shared(oslo_shape_files[i]);
		oslo_shacl_shapes *s;

		CHECK(g != NULL);
		if (!g)
			continue;
		s = oslo_shacl_compile(g);
		if (oslo_shacl_shape_count(s) < 10)
			fprintf(stderr, "  %s: only %u shapes\n", oslo_shape_files[i],
			        oslo_shacl_shape_count(s));
		CHECK(oslo_shacl_shape_count(s) >= 10);
		oslo_shacl_shapes_free(s);
		oslo_graph_free(g);
	}
}

TEST(persoon_profile_validates_a_person)
{
	oslo_graph *g;
	oslo_shacl_shapes *s;
	oslo_graph *data;
	oslo_shacl_report *r;
	char *json;

	if (!unit_shared_dir())
	{
		printf("skipped: ../shared not found\n");
		return;
	}
	g = load_shared(oslo_shape_files[0]);
	CHECK(g != NULL);
	if (!g)
		return;
	s = oslo_shacl_compile(g);
	/* 30 node shapes and 38 property shapes (notes/oslo.md 3.1) */
	CHECK(oslo_shacl_shape_count(s) == 30 + 38);
	data = ttl("@prefix person: <http://www.w3.org/ns/person#> .\n"
	           "@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .\n"
	           "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
	           "ex:anna a person:Person ; persoon:volledigeNaam \"Anna Peeters\" ;"
	           " foaf:familyName \"Peeters\" ; foaf:givenName \"Anna\" ;"
	           " persoon:geslacht <http://codes/v> ; persoon:heeftGeboorte ex:g .\n"
	           "ex:g a persoon:Geboorte .\n"
	           "<http://codes/v> a skos:Concept .\n"
	           "ex:jef a person:Person ; foaf:familyName \"Jef\", \"Jos\" .");
	r = oslo_shacl_validate(s, data, NULL);
	json = report_json(r);
	/* anna conforms; jef lacks volledigeNaam, givenName, geslacht, heeftGeboorte, has 2 familyNames
	 */
	CHECK(strstr(json, "anna") == NULL);
	CHECK(count_component(r, OSLO_SH_MIN_COUNT) == 4);
	CHECK(count_component(r, OSLO_SH_MAX_COUNT) == 1);
	CHECK(r->nresults == 5);
	CHECK_CONTAINS(json, "\"resultPath\": \"https://data.vlaanderen.be/ns/persoon#volledigeNaam\"");
	oslo_free(json);
	oslo_shacl_report_free(r);
	oslo_graph_free(data);
	oslo_shacl_shapes_free(s);
	oslo_graph_free(g);
}

int
main(void)
{
	RUN(real_oslo_shapes_compile);
	RUN(persoon_profile_validates_a_person);
	return unit_report();
}
