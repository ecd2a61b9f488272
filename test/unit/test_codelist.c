/*
 * test_codelist.c
 *	  SKOS code lists: the rows a graph yields, the in-memory table, and the
 *	  core hook oslo_codelist_concept() with its UITZONDERING fallback,
 *	  against a fake host and, when ../shared is there, the published lists.
 */
#include "codelist.h"
#include "oslo_formats.h"
#include "rdf_syntax.h"
#include "unit.h"

#include <dirent.h>

#define SCHEME_A "https://example.org/scheme/A"
#define SCHEME_B "https://example.org/scheme/B"

/* ---- a fake host: a fixed table, and a count of the calls it gets ---- */

static const char *const fake_rows[][3] = {
    {SCHEME_A, "1", "https://example.org/A/1"},
    {SCHEME_A, "2", "https://example.org/A/2"},
    {SCHEME_A, "UITZONDERING", "https://example.org/A/UITZONDERING"},
    {SCHEME_B, "x", "https://example.org/B/x"}, /* B has no exception concept */
};
static int fake_calls;

static const char *
fake_codelist_concept(const char *scheme, const char *code, bool *scheme_known)
{
	fake_calls++;
	*scheme_known = false;
	for (size_t i = 0; i < sizeof(fake_rows) / sizeof(fake_rows[0]); i++)
		if (strcmp(fake_rows[i][0], scheme) == 0)
		{
			*scheme_known = true;
			if (strcmp(fake_rows[i][1], code) == 0)
				return fake_rows[i][2];
		}
	return NULL;
}

static void
set_codelist_host(const char *(*fn)(const char *, const char *, bool *))
{
	oslo_format_host host = {NULL, NULL, NULL, fn};

	oslo_formats_set_host(&host);
}

TEST(hook_without_host_callback_knows_no_scheme)
{
	bool known = true;

	set_codelist_host(NULL);
	CHECK(oslo_codelist_concept(SCHEME_A, "1", &known) == NULL);
	CHECK(!known);
	CHECK(oslo_codelist_concept(SCHEME_A, "1", NULL) == NULL);
}

TEST(hook_hit_miss_and_unknown_scheme)
{
	bool known = false;

	set_codelist_host(fake_codelist_concept);

	fake_calls = 0;
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "2", &known), "https://example.org/A/2");
	CHECK(known);
	CHECK(fake_calls == 1);

	/* a code missing from its list becomes the list's UITZONDERING concept */
	fake_calls = 0;
	known = false;
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "9", &known), "https://example.org/A/UITZONDERING");
	CHECK(known);
	CHECK(fake_calls == 2);
	/* no trimming or numeric matching: " 1" and "01" are other codes */
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "01", NULL), "https://example.org/A/UITZONDERING");
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, " 1", NULL), "https://example.org/A/UITZONDERING");
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "UITZONDERING", NULL),
	            "https://example.org/A/UITZONDERING");

	/* a scheme the host does not have: NULL, and the caller can tell why */
	fake_calls = 0;
	known = true;
	CHECK(oslo_codelist_concept("https://example.org/scheme/C", "1", &known) == NULL);
	CHECK(!known);
	CHECK(fake_calls == 1);

	/* a known scheme without the code and without an exception concept */
	known = false;
	CHECK(oslo_codelist_concept(SCHEME_B, "y", &known) == NULL);
	CHECK(known);
	CHECK_STREQ(oslo_codelist_concept(SCHEME_B, "x", NULL), "https://example.org/B/x");

	/* NULL arguments are no lookup */
	CHECK(oslo_codelist_concept(NULL, "1", &known) == NULL);
	CHECK(!known);
	set_codelist_host(NULL);
}

/* ---- rows of a SKOS graph ---- */

static const char *skos_doc =
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix ex: <https://example.org/> .\n"
    "ex:A2 a skos:Concept ; skos:notation \"2\" ; skos:inScheme <" SCHEME_A "> ;\n"
    "   skos:prefLabel \"two\"@en, \"twee\"@nl, \"deux\" .\n"
    "ex:A1 a skos:Concept ; skos:notation \"1\" ; skos:inScheme <" SCHEME_A ">, <" SCHEME_B "> ;\n"
    "   skos:prefLabel \"one\"@en .\n"
    "ex:AU a skos:Concept ; skos:notation \"UITZONDERING\" ; skos:topConceptOf <" SCHEME_A "> .\n"
    /* the same code for two concepts of one scheme: the smaller IRI wins */
    "ex:B7b a skos:Concept ; skos:notation \"7\" ; skos:inScheme <" SCHEME_B "> .\n"
    "ex:B7a a skos:Concept ; skos:notation \"7\"^^<https://example.org/dt> ; skos:inScheme "
    "<" SCHEME_B "> .\n"
    /* skipped: no notation, a blank node, no scheme, not typed skos:Concept */
    "ex:nocode a skos:Concept ; skos:inScheme <" SCHEME_A "> .\n"
    "[] a skos:Concept ; skos:notation \"5\" ; skos:inScheme <" SCHEME_A "> .\n"
    "ex:noscheme a skos:Concept ; skos:notation \"6\" .\n"
    "<" SCHEME_A "> a skos:ConceptScheme ; skos:notation \"A\" ; skos:inScheme ex:Top .\n";

static oslo_graph *
parse_turtle(const char *text)
{
	oslo_graph *g = oslo_graph_new();

	oslo_rdf_parse(g, text, strlen(text), OSLO_SYNTAX_TURTLE, NULL);
	return g;
}

TEST(skos_rows_per_scheme_sorted_and_deduplicated)
{
	oslo_graph *g = parse_turtle(skos_doc);
	oslo_skos_code *rows;
	size_t n = oslo_skos_codes(g, &rows);

	CHECK(n == 5);
	if (n == 5)
	{
		CHECK_STREQ(rows[0].scheme, SCHEME_A);
		CHECK_STREQ(rows[0].code, "1");
		CHECK_STREQ(rows[0].concept, "https://example.org/A1");
		CHECK_STREQ(rows[0].label, "one");
		CHECK_STREQ(rows[1].code, "2");
		CHECK_STREQ(rows[1].label, "twee"); /* Dutch first */
		CHECK_STREQ(rows[2].code, "UITZONDERING");
		CHECK_STREQ(rows[2].concept, "https://example.org/AU");
		CHECK(rows[2].label == NULL);
		CHECK_STREQ(rows[3].scheme, SCHEME_B);
		CHECK_STREQ(rows[3].code, "1");
		CHECK_STREQ(rows[3].concept, "https://example.org/A1");
		CHECK_STREQ(rows[4].code, "7");
		CHECK_STREQ(rows[4].concept, "https://example.org/B7a");
	}
	oslo_free(rows);
	oslo_graph_free(g);
}

TEST(skos_rows_of_a_graph_without_concepts)
{
	oslo_graph *g = parse_turtle("<http://e/a> <http://e/p> \"1\" .");
	oslo_skos_code *rows = (oslo_skos_code *)&rows;

	CHECK(oslo_skos_codes(g, &rows) == 0);
	CHECK(rows == NULL);
	oslo_graph_free(g);
}

/* ---- the in-memory table ---- */

TEST(table_put_replace_get_and_grow)
{
	oslo_codelist *cl = oslo_codelist_new();
	char code[32], concept[64];
	bool known;
	size_t misses = 0;

	oslo_codelist_put(cl, SCHEME_A, "1", "https://example.org/old");
	oslo_codelist_put(cl, SCHEME_A, "1", "https://example.org/new");
	CHECK(oslo_codelist_size(cl) == 1);
	CHECK_STREQ(oslo_codelist_get(cl, SCHEME_A, "1", &known), "https://example.org/new");
	CHECK(known);
	CHECK(oslo_codelist_get(cl, SCHEME_A, "2", &known) == NULL);
	CHECK(known);
	CHECK(oslo_codelist_get(cl, SCHEME_B, "1", &known) == NULL);
	CHECK(!known);
	/* a scheme IRI that is a prefix of another is another scheme */
	CHECK(oslo_codelist_get(cl, "https://example.org/scheme/", "A1", &known) == NULL);
	CHECK(!known);

	for (int i = 0; i < 5000; i++)
	{
		snprintf(code, sizeof(code), "%d", i);
		snprintf(concept, sizeof(concept), "https://example.org/B/%d", i);
		oslo_codelist_put(cl, SCHEME_B, code, concept);
	}
	CHECK(oslo_codelist_size(cl) == 5001);
	for (int i = 0; i < 5000; i++)
	{
		const char *got;

		snprintf(code, sizeof(code), "%d", i);
		snprintf(concept, sizeof(concept), "https://example.org/B/%d", i);
		got = oslo_codelist_get(cl, SCHEME_B, code, NULL);
		if (got == NULL || strcmp(got, concept) != 0)
			misses++;
	}
	CHECK(misses == 0);
	CHECK_STREQ(oslo_codelist_get(cl, SCHEME_A, "1", NULL), "https://example.org/new");
	oslo_codelist_free(cl);
	oslo_codelist_free(NULL);
}

static oslo_codelist *host_table;

static const char *
table_codelist_concept(const char *scheme, const char *code, bool *scheme_known)
{
	return oslo_codelist_get(host_table, scheme, code, scheme_known);
}

TEST(table_from_skos_behind_the_hook)
{
	oslo_graph *g = parse_turtle(skos_doc);
	bool known;

	host_table = oslo_codelist_new();
	CHECK(oslo_codelist_put_graph(host_table, g) == 5);
	oslo_graph_free(g); /* the table keeps copies */
	set_codelist_host(table_codelist_concept);
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "2", &known), "https://example.org/A2");
	CHECK_STREQ(oslo_codelist_concept(SCHEME_A, "3", &known), "https://example.org/AU");
	CHECK(known);
	CHECK(oslo_codelist_concept(SCHEME_B, "3", &known) == NULL);
	CHECK(known);
	set_codelist_host(NULL);
	oslo_codelist_free(host_table);
	host_table = NULL;
}

/* ---- the published MAGDA-Persoon and VKBO code lists of ../shared ---- */

static size_t
load_dir(oslo_codelist *cl, const char *dir, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t rows = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
	{
		size_t len = strlen(e->d_name);
		char path[4096];
		char *text;
		oslo_graph *g;

		if (len <= 4 || strcmp(e->d_name + len - 4, ".ttl") != 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path) ||
		    (text = unit_read_file(path, NULL)) == NULL)
			continue;
		g = oslo_graph_new();
		oslo_rdf_parse(g, text, strlen(text), OSLO_SYNTAX_TURTLE, NULL);
		free(text);
		rows += oslo_codelist_put_graph(cl, g);
		oslo_graph_free(g);
		(*files)++;
	}
	closedir(d);
	return rows;
}

TEST(published_code_lists)
{
	const char *shared = unit_shared_dir();
	char dir[4096];
	int files = 0;
	bool known;

	if (shared == NULL)
	{
		printf("  skipped: ../shared is absent\n");
		return;
	}
	host_table = oslo_codelist_new();
	if (snprintf(dir, sizeof(dir), "%s/magda/oslo-mapping/OSLO-Persoon-MAGDA-IM/codelijsten",
	             shared) < (int)sizeof(dir))
		load_dir(host_table, dir, &files);
	if (snprintf(dir, sizeof(dir), "%s/magda/oslo-mapping/OSLO-Organisatie-VKBO-IMPL/codelijsten",
	             shared) < (int)sizeof(dir))
		load_dir(host_table, dir, &files);
	printf("  %d files, %zu (scheme, code) rows\n", files, oslo_codelist_size(host_table));
	/* counted independently from the N-Triples of the same files (39 schemes) */
	CHECK(files == 41);
	CHECK(oslo_codelist_size(host_table) == 726);

	set_codelist_host(table_codelist_concept);
	/* the unversioned scheme is the one the MAGDA-Persoon IM datavoorbeelden use */
	CHECK_STREQ(oslo_codelist_concept("https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht",
	                                  "1", &known),
	            "https://data.vlaanderen.be/id/concept/IT000/Geslacht/1");
	CHECK_STREQ(oslo_codelist_concept(
	                "https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht/v1", "2", &known),
	            "https://data.vlaanderen.be/id/concept/IT000/Geslacht/v1/2");
	CHECK_STREQ(oslo_codelist_concept("https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht",
	                                  "7", &known),
	            "https://data.vlaanderen.be/id/concept/IT000/Geslacht/UITZONDERING");
	CHECK_STREQ(
	    oslo_codelist_concept(
	        "https://data.vlaanderen.be/id/conceptscheme/IT120/BurgerlijkeStaattype", "10", &known),
	    "https://data.vlaanderen.be/id/concept/IT120/BurgerlijkeStaattype/10");
	/* published without an UITZONDERING concept */
	CHECK(oslo_codelist_concept("https://data.vlaanderen.be/id/conceptscheme/Rechtsvormtype/v1",
	                            "no-such-code", &known) == NULL);
	CHECK(known);
	set_codelist_host(NULL);
	oslo_codelist_free(host_table);
	host_table = NULL;
}

int
main(void)
{
	RUN(hook_without_host_callback_knows_no_scheme);
	RUN(hook_hit_miss_and_unknown_scheme);
	RUN(skos_rows_per_scheme_sorted_and_deduplicated);
	RUN(skos_rows_of_a_graph_without_concepts);
	RUN(table_put_replace_get_and_grow);
	RUN(table_from_skos_behind_the_hook);
	RUN(published_code_lists);
	return unit_report();
}
