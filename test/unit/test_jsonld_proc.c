/*
 * test_jsonld_proc.c
 *	  The JSON-LD 1.1 processor: context errors with their JSON-LD codes,
 *	  no network, expansion and toRdf (also of a real OSLO context), JSON
 *	  pointers in error details, memory released on errors.
 */
#include "jld_internal.h"
#include "rdf_syntax.h"
#include "unit.h"

#define PERSOON_CONTEXT_IRI "https://data.vlaanderen.be/context/persoon-basis.jsonld"

/* expand text and serialize the result (malloc'd) */
static char *
expand_text(const char *text, const jld_options *o)
{
	jld_arena *a = jld_arena_new();
	oslo_buf out;
	char *copy;

	oslo_buf_init(&out);
	jld_serialize(jld_expand(a, jld_parse(a, text, strlen(text)), o), &out);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	jld_arena_free(a);
	return copy;
}

static void
expand_only(const char *text, const jld_options *o)
{
	free(expand_text(text, o));
}

static bool quiet_mismatch; /* a mismatch is the expected outcome */

/* toRdf of text compared with N-Quads */
static bool
to_rdf_is(const char *text, const jld_options *o, const char *nquads)
{
	oslo_graph *got = oslo_graph_new(), *want = oslo_graph_new();
	bool same;

	jld_text_to_rdf(text, strlen(text), o, got);
	oslo_rdf_parse(want, nquads, strlen(nquads), OSLO_SYNTAX_NQUADS, NULL);
	same = oslo_graph_isomorphic(got, want);
	if (!same && !quiet_mismatch)
	{
		oslo_buf b;

		oslo_buf_init(&b);
		oslo_rdf_write(got, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
		fprintf(stderr, "    got:\n%s", b.data);
		oslo_buf_free(&b);
	}
	oslo_graph_free(got);
	oslo_graph_free(want);
	return same;
}

TEST(expands_terms_types_and_languages)
{
	jld_options o;
	char *s;

	jld_options_init(&o);
	o.base = "http://example.org/doc";
	s = expand_text("{\"@context\": {\"@vocab\": \"http://v/\", \"@language\": \"nl\","
	                " \"knows\": {\"@type\": \"@id\"}, \"n\": {\"@container\": \"@list\"}},"
	                " \"@id\": \"p1\", \"name\": \"Jan\", \"knows\": \"p2\", \"n\": [1, 2]}",
	                &o);
	CHECK_STREQ(s, "[{\"@id\":\"http://example.org/p1\","
	               "\"http://v/name\":[{\"@value\":\"Jan\",\"@language\":\"nl\"}],"
	               "\"http://v/knows\":[{\"@id\":\"http://example.org/p2\"}],"
	               "\"http://v/n\":[{\"@list\":[{\"@value\":1},{\"@value\":2}]}]}]");
	free(s);
}

TEST(to_rdf_writes_canonical_numbers_lists_and_graphs)
{
	jld_options o;

	jld_options_init(&o);
	CHECK(to_rdf_is(
	    "{\"@id\": \"http://e/s\", \"http://e/p\": [1, 1.5, 1e21, true, 2.0],"
	    " \"http://e/l\": {\"@list\": [\"a\"]},"
	    " \"http://e/rel\": {\"@id\": \"relative\"}}",
	    &o,
	    "<http://e/s> <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "<http://e/s> <http://e/p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	    "<http://e/s> <http://e/p> \"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/p> \"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
	    "<http://e/s> <http://e/p> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
	    "<http://e/s> <http://e/l> _:l .\n"
	    "_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\" .\n"
	    "_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
	    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"));
	CHECK(to_rdf_is("{\"@id\": \"http://e/g\", \"@graph\": {\"@id\": \"http://e/s\","
	                " \"http://e/p\": {\"@value\": \"x\", \"@language\": \"en\"}}}",
	                &o, "<http://e/s> <http://e/p> \"x\"@en <http://e/g> .\n"));
	/* a wrong expectation must fail the comparison */
	quiet_mismatch = true;
	CHECK(!to_rdf_is("{\"@id\": \"http://e/s\", \"http://e/p\": 1}", &o,
	                 "<http://e/s> <http://e/p> \"1\" .\n"));
	quiet_mismatch = false;
}

TEST(context_errors_carry_jsonld_codes)
{
	jld_options o;

	jld_options_init(&o);
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand_only("{\"@context\": {\"@id\": \"http://x/\"}}", &o));
	CHECK_CONTAINS(unit_err.message, "keyword redefinition");
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand_only("{\"@context\": {\"a\": {\"@id\": 5}}}", &o));
	CHECK_CONTAINS(unit_err.message, "invalid IRI mapping");
	CHECK_CONTAINS(unit_err.message, "\"a\"");
	CHECK_CONTAINS(unit_err.detail, "/@context");
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand_only("{\"@context\": 5}", &o));
	CHECK_CONTAINS(unit_err.message, "invalid local context");
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            expand_only("{\"@context\": {\"a\": {\"@id\": \"http://a/\", \"@container\": "
	                        "\"@bogus\"}}}",
	                        &o));
	CHECK_CONTAINS(unit_err.message, "invalid container mapping");
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            expand_only("{\"@context\": [{\"@protected\": true, \"a\": \"http://a/\"},"
	                        " {\"a\": \"http://b/\"}]}",
	                        &o));
	CHECK_CONTAINS(unit_err.message, "protected term redefinition");
	/* OSLO's organisatie-basis copy has "logo": {"@type": ""} */
	CHECK_ERROR(
	    OSLO_ERR_PARAMETER,
	    expand_only("{\"@context\": {\"logo\": {\"@id\": \"http://l/\", \"@type\": \"\"}}}", &o));
	CHECK_CONTAINS(unit_err.message, "invalid type mapping");
}

TEST(document_errors_point_at_the_node)
{
	jld_options o;

	jld_options_init(&o);
	CHECK_ERROR(OSLO_ERR_DATA,
	            expand_only("{\"@graph\": [{\"@id\": \"http://a\"}, {\"@id\": 5}]}", &o));
	CHECK_CONTAINS(unit_err.message, "invalid @id value");
	CHECK_STREQ(unit_err.detail, "/@graph/1/@id");
	CHECK_ERROR(OSLO_ERR_DATA,
	            expand_only("{\"http://p\": {\"@value\": \"x\", \"@type\": \"http://t\","
	                        " \"@language\": \"en\"}}",
	                        &o));
	CHECK_CONTAINS(unit_err.message, "invalid value object");
	CHECK_STREQ(unit_err.detail, "/http:~1~1p");
	CHECK_ERROR(OSLO_ERR_PARAMETER, jld_options_init(&o); o.processing_mode = "json-ld-2.0";
	            expand_only("{}", &o));
}

TEST(remote_context_without_loader_is_refused)
{
	jld_options o;

	jld_options_init(&o);
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            expand_only("{\"@context\": \"http://169.254.169.254/latest/meta-data\","
	                        " \"name\": \"x\"}",
	                        &o));
	CHECK_CONTAINS(unit_err.message, "loading remote context failed");
	CHECK_CONTAINS(unit_err.message, "http://169.254.169.254/latest/meta-data");
	/* @import goes through the same gate */
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            expand_only("{\"@context\": {\"@import\": \"file:///etc/passwd\"}}", &o));
	CHECK_CONTAINS(unit_err.message, "file:///etc/passwd");
}

/* a loader that knows two contexts including each other, and counts calls */
static int cycle_loads;

static const char *
cycle_loader(const char *iri, void *arg)
{
	cycle_loads++;
	if (strcmp(iri, "http://ctx/a") == 0)
		return "{\"@context\": [\"http://ctx/b\", {\"a\": \"http://a/\"}]}";
	if (strcmp(iri, "http://ctx/b") == 0)
		return "{\"@context\": [\"http://ctx/a\", {\"b\": \"http://b/\"}]}";
	if (strcmp(iri, "http://ctx/plain") == 0)
		return "{\"@context\": {\"name\": \"http://schema.org/name\"}}";
	return NULL;
}

TEST(loader_serves_contexts_cached_and_cycles_overflow)
{
	jld_options o;
	char *s;

	jld_options_init(&o);
	o.load_document = cycle_loader;
	cycle_loads = 0;
	s = expand_text("[{\"@context\": \"http://ctx/plain\", \"name\": \"x\"},"
	                " {\"@context\": \"http://ctx/plain\", \"name\": \"y\"}]",
	                &o);
	CHECK_STREQ(s, "[{\"http://schema.org/name\":[{\"@value\":\"x\"}]},"
	               "{\"http://schema.org/name\":[{\"@value\":\"y\"}]}]");
	CHECK(cycle_loads == 1);
	free(s);
	CHECK_ERROR(OSLO_ERR_LIMIT, expand_only("{\"@context\": \"http://ctx/a\"}", &o));
	CHECK_CONTAINS(unit_err.message, "context overflow");
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand_only("{\"@context\": \"http://ctx/none\"}", &o));
	CHECK_CONTAINS(unit_err.message, "loading remote context failed");
	CHECK_CONTAINS(unit_err.message, "http://ctx/none");
}

TEST(cached_remote_context_is_not_changed_by_later_definitions)
{
	jld_options o;
	char *s;

	jld_options_init(&o);
	o.load_document = cycle_loader;
	/* the first node extends the remote context; the second must not see "x" */
	s = expand_text("[{\"@context\": [\"http://ctx/plain\", {\"x\": \"http://x/\"}], \"x\": 1},"
	                " {\"@context\": \"http://ctx/plain\", \"x\": 2, \"name\": \"n\"}]",
	                &o);
	CHECK_STREQ(s, "[{\"http://x/\":[{\"@value\":1}]},"
	               "{\"http://schema.org/name\":[{\"@value\":\"n\"}]}]");
	free(s);
}

/* serves OSLO's organisatie-basis context, which is not valid JSON (a trailing comma) */
static char *broken_context;

static const char *
broken_loader(const char *iri, void *arg)
{
	return broken_context;
}

TEST(invalid_remote_context_names_iri_and_position)
{
	const char *shared = unit_shared_dir();
	char path[4200];
	jld_options o;

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/oslo/organisatie/context/organisatie-basis.jsonld", shared);
	if (!(broken_context = unit_read_file(path, NULL)))
	{
		printf("  skipped: %s not found\n", path);
		return;
	}
	jld_options_init(&o);
	o.load_document = broken_loader;
	CHECK_ERROR(
	    OSLO_ERR_PARAMETER,
	    expand_only(
	        "{\"@context\": \"https://data.vlaanderen.be/context/organisatie-basis.jsonld\","
	        " \"naam\": \"x\"}",
	        &o));
	CHECK_CONTAINS(unit_err.message, "loading remote context failed");
	CHECK_CONTAINS(unit_err.message, "organisatie-basis.jsonld");
	CHECK_CONTAINS(unit_err.message, "line 190, column 3");
	free(broken_context);
	broken_context = NULL;
}

TEST(errors_free_everything)
{
	jld_options o;
	size_t before;
	const char *doc = "{\"@context\": {\"@vocab\": \"http://v/\"}, \"@id\": \"http://s\","
	                  " \"a\": [1, 2, {\"b\": \"c\"}], \"bad\": {\"@id\": 5}}";

	jld_options_init(&o);
	before = oslo_standalone_live_blocks();
	CHECK_ERROR(OSLO_ERR_DATA, {
		oslo_graph *g = oslo_graph_new();
		jld_text_to_rdf(doc, strlen(doc), &o, g);
	});
	CHECK_ERROR(OSLO_ERR_LIMIT, {
		o.load_document = cycle_loader;
		expand_only("{\"@context\": \"http://ctx/a\"}", &o);
	});
	CHECK(oslo_standalone_live_blocks() == before);
}

/* --- a real OSLO context ------------------------------------------------------ */

static const char *persoon_context;

static const char *
persoon_loader(const char *iri, void *arg)
{
	return strcmp(iri, PERSOON_CONTEXT_IRI) == 0 ? persoon_context : NULL;
}

TEST(oslo_persoon_basis_document)
{
	const char *shared = unit_shared_dir();
	char path[4200];
	char *ctx;
	jld_options o;
	const char *doc =
	    "{\"@context\": \"" PERSOON_CONTEXT_IRI "\","
	    " \"@id\": \"https://example.org/persoon/1\", \"@type\": \"Persoon\","
	    " \"achternaam\": \"Peeters\", \"voornaam\": [\"Anna\", \"Marie\"],"
	    " \"geslacht\": {\"@id\": \"https://example.org/geslacht/v\"},"
	    " \"heeftGeboorte\": {\"@type\": \"Geboorte\", \"datum\": \"1990-05-02T00:00:00\"}}";
	/* the pitfall of notes/oslo.md 4: "@type": <class> turns a plain string into a literal */
	const char *pitfall = "{\"@context\": \"" PERSOON_CONTEXT_IRI "\","
	                      " \"@id\": \"https://example.org/persoon/2\", \"geslacht\": \"v\"}";

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/oslo/persoon/context/persoon-basis.jsonld", shared);
	ctx = unit_read_file(path, NULL);
	if (!ctx)
	{
		printf("  skipped: %s not found\n", path);
		return;
	}
	persoon_context = ctx;
	jld_options_init(&o);
	o.load_document = persoon_loader;
	CHECK(to_rdf_is(
	    doc, &o,
	    "<https://example.org/persoon/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	    "<http://www.w3.org/ns/person#Person> .\n"
	    "<https://example.org/persoon/1> <http://xmlns.com/foaf/0.1/familyName> "
	    "\"Peeters\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
	    "<https://example.org/persoon/1> <http://xmlns.com/foaf/0.1/givenName> \"Anna\" .\n"
	    "<https://example.org/persoon/1> <http://xmlns.com/foaf/0.1/givenName> \"Marie\" .\n"
	    "<https://example.org/persoon/1> <https://data.vlaanderen.be/ns/persoon#geslacht> "
	    "<https://example.org/geslacht/v> .\n"
	    "<https://example.org/persoon/1> <https://data.vlaanderen.be/ns/persoon#heeftGeboorte> "
	    "_:g .\n"
	    "_:g <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	    "<https://data.vlaanderen.be/ns/persoon#Geboorte> .\n"
	    "_:g <https://data.vlaanderen.be/ns/persoon#datum> "
	    "\"1990-05-02T00:00:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"));
	CHECK(to_rdf_is(
	    pitfall, &o,
	    "<https://example.org/persoon/2> <https://data.vlaanderen.be/ns/persoon#geslacht> "
	    "\"v\"^^<http://www.w3.org/2004/02/skos/core#Concept> .\n"));
	{
		char *s = expand_text(pitfall, &o);

		CHECK_CONTAINS(s, "\"@type\":\"http://www.w3.org/2004/02/skos/core#Concept\"");
		free(s);
	}
	persoon_context = NULL;
	free(ctx);
}

/*
 * Node identifiers are checked sixteen bytes at a time: every forbidden
 * byte is found wherever it stands in a block, its neighbours are not.
 */
TEST(well_formed_iri_finds_forbidden_bytes_at_every_position)
{
	static const char forbidden[] = "<>\"{}|\\^` \t\x01\x1f";
	static const char allowed[] = "z~[]!$&'()*+,;=:@/?%-._0AZaz\x7f";
	char iri[80];

	for (size_t pos = 19; pos < 60; pos++)
	{
		memset(iri, 'b', sizeof(iri));
		memcpy(iri, "http://example.org/", 19);
		iri[64] = '\0';
		for (const char *c = forbidden; *c; c++)
		{
			iri[pos] = *c;
			CHECK(!jld_is_well_formed_iri(iri));
		}
		for (const char *c = allowed; *c; c++)
		{
			iri[pos] = *c;
			CHECK(jld_is_well_formed_iri(iri));
		}
		/* one fragment, not two: the second in the same block or a later one */
		iri[pos] = '#';
		CHECK(jld_is_well_formed_iri(iri));
		iri[pos < 40 ? pos + 1 : 20] = '#';
		CHECK(!jld_is_well_formed_iri(iri));
		iri[pos < 40 ? pos + 1 : 20] = 'b';
		iri[63] = '#';
		CHECK(!jld_is_well_formed_iri(iri));
	}
	CHECK(jld_is_well_formed_iri(
	    "https://data.vlaanderen.be/id/straatnaam/caf\xc3\xa9-\xe2\x82\xac"));
	CHECK(!jld_is_well_formed_iri("relative/path/that/is/long/enough"));
}

int
main(void)
{
	RUN(expands_terms_types_and_languages);
	RUN(to_rdf_writes_canonical_numbers_lists_and_graphs);
	RUN(context_errors_carry_jsonld_codes);
	RUN(document_errors_point_at_the_node);
	RUN(remote_context_without_loader_is_refused);
	RUN(loader_serves_contexts_cached_and_cycles_overflow);
	RUN(cached_remote_context_is_not_changed_by_later_definitions);
	RUN(invalid_remote_context_names_iri_and_position);
	RUN(errors_free_everything);
	RUN(oslo_persoon_basis_document);
	RUN(well_formed_iri_finds_forbidden_bytes_at_every_position);
	return unit_report();
}
