/*
 * test_jsonld_writer.c
 *	  JSON-LD contexts, expanded and compacted output.
 *
 * The expected documents were checked against jsonld.js 9.0.0 (toRDF of
 * each gives back the graph it was written from); see
 * test/oracle/jsonld_roundtrip.sh.
 */
#include "jsonld_writer.h"
#include "unit.h"

#define EX   "http://example.org/"
#define FOAF "http://xmlns.com/foaf/0.1/"

static oslo_jsonld_context *
parse(const char *json)
{
	return oslo_jsonld_context_parse(json, strlen(json));
}

static const char *
iri_of(const oslo_jsonld_context *ctx, const char *term)
{
	const oslo_jsonld_term *t = oslo_jsonld_context_term(ctx, term);

	return t ? t->iri : NULL;
}

/* ---- contexts ---------------------------------------------------------- */

TEST(context_prefixes_vocab_and_coercions)
{
	/* "name" uses the prefix "foaf" defined after it */
	oslo_jsonld_context *ctx = parse(
	    "{\"name\": \"foaf:name\", \"foaf\": \"http://xmlns.com/foaf/0.1/\","
	    " \"@vocab\": \"http://example.org/vocab#\", \"@version\": 1.1, \"@base\": \"http://b/\","
	    " \"knows\": {\"@id\": \"foaf:knows\", \"@type\": \"@id\"},"
	    " \"age\": {\"@type\": \"http://www.w3.org/2001/XMLSchema#integer\"},"
	    " \"label\": {\"@id\": \"foaf:label\", \"@language\": \"NL-be\", \"@container\": "
	    "[\"@set\"]},"
	    " \"plain\": {\"@id\": \"foaf:plain\", \"@language\": null},"
	    " \"link\": {\"@id\": \"foaf:link\", \"@type\": \"@vocab\", \"@container\": \"@set\"}}");
	const oslo_jsonld_term *t;

	CHECK_STREQ(iri_of(ctx, "name"), FOAF "name");
	CHECK_STREQ(ctx->vocab, "http://example.org/vocab#");
	CHECK_STREQ(iri_of(ctx, "age"), "http://example.org/vocab#age");
	t = oslo_jsonld_context_term(ctx, "foaf");
	CHECK(t && t->prefix);
	t = oslo_jsonld_context_term(ctx, "name");
	CHECK(t && !t->prefix);
	t = oslo_jsonld_context_term(ctx, "knows");
	CHECK(t && strcmp(t->type, "@id") == 0 && !t->set_container);
	t = oslo_jsonld_context_term(ctx, "age");
	CHECK(t && strcmp(t->type, "http://www.w3.org/2001/XMLSchema#integer") == 0);
	t = oslo_jsonld_context_term(ctx, "label");
	CHECK(t && t->has_language && strcmp(t->language, "nl-be") == 0 && t->set_container);
	t = oslo_jsonld_context_term(ctx, "plain");
	CHECK(t && t->has_language && t->language == NULL);
	t = oslo_jsonld_context_term(ctx, "link");
	CHECK(t && strcmp(t->type, "@vocab") == 0 && t->set_container);
	CHECK(oslo_jsonld_context_term(ctx, "nothing") == NULL);
	oslo_jsonld_context_free(ctx);
}

TEST(context_arrays_merge_in_order)
{
	oslo_jsonld_context *ctx =
	    parse("{\"@context\": [{\"ex\": \"http://example.org/\", \"a\": \"ex:a\", \"b\": \"ex:b\"},"
	          " {\"a\": \"ex:other\", \"@language\": \"EN\", \"id\": \"@id\"}]}");

	CHECK_STREQ(iri_of(ctx, "a"), EX "other");
	CHECK_STREQ(iri_of(ctx, "b"), EX "b");
	CHECK_STREQ(ctx->language, "en");
	CHECK_STREQ(oslo_jsonld_keyword(ctx, "@id"), "id");
	CHECK_STREQ(oslo_jsonld_keyword(ctx, "@type"), "@type");
	/* the context is written back as given (the array) */
	CHECK(ctx->json[0] == '[');
	oslo_jsonld_context_free(ctx);

	ctx = parse("[{\"ex\": \"http://example.org/\"}, null, {\"b\": \"http://b/\"}]");
	CHECK(oslo_jsonld_context_term(ctx, "ex") == NULL);
	CHECK_STREQ(iri_of(ctx, "b"), "http://b/");
	oslo_jsonld_context_free(ctx);
}

TEST(context_errors_name_the_term)
{
	CHECK_ERROR(
	    OSLO_ERR_PARAMETER,
	    parse(
	        "{\"ex\": \"http://e/\", \"items\": {\"@id\": \"ex:i\", \"@container\": \"@list\"}}"));
	CHECK_CONTAINS(unit_err.message, "\"items\"");
	CHECK_CONTAINS(unit_err.message, "@list");

	CHECK_ERROR(
	    OSLO_ERR_PARAMETER,
	    parse(
	        "{\"byLang\": {\"@id\": \"http://e/l\", \"@container\": [\"@language\", \"@set\"]}}"));
	CHECK_CONTAINS(unit_err.message, "\"byLang\"");
	CHECK_CONTAINS(unit_err.message, "@language");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"parent\": {\"@reverse\": \"http://e/child\"}}"));
	CHECK_CONTAINS(unit_err.message, "\"parent\"");
	CHECK_CONTAINS(unit_err.message, "@reverse");

	CHECK_ERROR(
	    OSLO_ERR_PARAMETER,
	    parse("{\"member\": {\"@id\": \"http://e/m\", \"@context\": {\"x\": \"http://e/x\"}}}"));
	CHECK_CONTAINS(unit_err.message, "\"member\"");
	CHECK_CONTAINS(unit_err.message, "scoped");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"@type\": \"http://e/t\"}"));
	CHECK_CONTAINS(unit_err.message, "keyword \"@type\"");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"@version\": 1.0}"));
	CHECK_CONTAINS(unit_err.message, "@version");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"a\": \"b:x\", \"b\": \"a:y\"}"));
	CHECK_CONTAINS(unit_err.message, "cyclic");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"name\": {\"@type\": \"@id\"}}"));
	CHECK_CONTAINS(unit_err.message, "\"name\" has no \"@id\"");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("{\"name\": 42}"));
	CHECK_CONTAINS(unit_err.message, "\"name\"");

	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            parse("{\"n\": {\"@id\": \"http://e/n\", \"@type\": \"@json\"}}"));
	CHECK_CONTAINS(unit_err.message, "\"n\": \"@type\": \"@json\"");
}

TEST(remote_contexts_are_refused)
{
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            parse("{\"@context\": \"https://example.org/context.jsonld\"}"));
	CHECK_CONTAINS(unit_err.message, "https://example.org/context.jsonld");
	CHECK_CONTAINS(unit_err.message, "never fetched");
	CHECK_CONTAINS(unit_err.message, "catalog");

	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("[{\"a\": \"http://e/a\"}, \"https://example.org/c\"]"));
	CHECK_CONTAINS(unit_err.message, "remote context \"https://example.org/c\"");
}

TEST(invalid_json_reports_the_position)
{
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse("{\n  \"a\": \"http://e/a\",\n  \"b\" \"x\"\n}"));
	CHECK_CONTAINS(unit_err.message, "line 3, column");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse("{\"a\": \"http://e/a\""));
	CHECK_CONTAINS(unit_err.message, "end of input");
	CHECK_ERROR(OSLO_ERR_SYNTAX, parse("{} x"));
	CHECK_CONTAINS(unit_err.message, "line 1, column 4");
	CHECK_ERROR(OSLO_ERR_PARAMETER, parse("42"));
}

TEST(published_contexts)
{
	const char *shared = unit_shared_dir();
	char path[4200];
	size_t len;
	char *text;
	oslo_jsonld_context *ctx;
	const oslo_jsonld_term *t;

	if (shared == NULL)
	{
		printf("     skipped: ../shared (reference material) is absent\n");
		CHECK(unit_shared_dir() == NULL);
		return;
	}
	snprintf(path, sizeof(path), "%s/oslo/persoon/context/persoon-basis.jsonld", shared);
	text = unit_read_file(path, &len);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	ctx = oslo_jsonld_context_parse(text, len);
	free(text);
	t = oslo_jsonld_context_term(ctx, "achternaam");
	CHECK(t && strcmp(t->iri, FOAF "familyName") == 0 && strcmp(t->type, OSLO_XSD_STRING) == 0);
	t = oslo_jsonld_context_term(ctx, "voornaam");
	CHECK(t && t->set_container);
	CHECK_STREQ(iri_of(ctx, "Persoon"), "http://www.w3.org/ns/person#Person");
	oslo_jsonld_context_free(ctx);

	/* keyword aliases, "@nest", a BOM and "@vocab" relative to "@base" */
	snprintf(path, sizeof(path),
	         "%s/magda/oslo-mapping/association-registry/beheer/historiek-vereniging-context.json",
	         shared);
	text = unit_read_file(path, &len);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	ctx = oslo_jsonld_context_parse(text, len);
	free(text);
	CHECK_STREQ(oslo_jsonld_keyword(ctx, "@id"), "id");
	CHECK_STREQ(ctx->vocab, "https://data.vlaanderen.be/ns/@");
	CHECK_STREQ(iri_of(ctx, "naam"), "http://www.w3.org/2004/02/skos/core#prefLabel");
	oslo_jsonld_context_free(ctx);

	/* scoped contexts are refused, naming the term */
	snprintf(path, sizeof(path),
	         "%s/magda/oslo-mapping/association-registry/publiek/detail-vereniging-context.json",
	         shared);
	text = unit_read_file(path, &len);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_jsonld_context_parse(text, len));
	CHECK_CONTAINS(unit_err.message, "\"lidmaatschappen\" has a scoped");
	free(text);
}

/* ---- output ------------------------------------------------------------ */

static oslo_term_id
iri(oslo_graph *g, const char *s)
{
	return oslo_graph_iri_cstr(g, s);
}

static oslo_term_id
lit(oslo_graph *g, const char *s, const char *dt, const char *lang)
{
	return oslo_graph_literal_cstr(g, s, dt, lang);
}

/* a person with a singly referenced address and a shared blank node */
static oslo_graph *
people(void)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id alice = iri(g, EX "alice"), bob = iri(g, EX "bob");
	oslo_term_id addr = oslo_graph_blank(g, "addr", 4), team = oslo_graph_blank(g, "team", 4);

	oslo_graph_add(g, alice, iri(g, OSLO_RDF_TYPE), iri(g, FOAF "Person"), 0);
	oslo_graph_add(g, alice, iri(g, FOAF "name"), lit(g, "Alice \"A\"", NULL, NULL), 0);
	oslo_graph_add(g, alice, iri(g, FOAF "knows"), bob, 0);
	oslo_graph_add(g, alice, iri(g, FOAF "nick"), lit(g, "Al", NULL, NULL), 0);
	oslo_graph_add(g, alice, iri(g, EX "born"), lit(g, "1990-01-02", OSLO_XSD "date", NULL), 0);
	oslo_graph_add(g, alice, iri(g, EX "label"), lit(g, "Aliske", NULL, "NL"), 0);
	oslo_graph_add(g, alice, iri(g, EX "label"), lit(g, "Alice", NULL, "en"), 0);
	oslo_graph_add(g, alice, iri(g, EX "address"), addr, 0);
	oslo_graph_add(g, addr, iri(g, EX "street"), lit(g, "Dorp 1", NULL, NULL), 0);
	oslo_graph_add(g, alice, iri(g, EX "member"), team, 0);
	oslo_graph_add(g, bob, iri(g, EX "member"), team, 0);
	oslo_graph_add(g, team, iri(g, EX "size"), lit(g, "3", OSLO_XSD "integer", NULL), 0);
	oslo_graph_add(g, bob, iri(g, FOAF "name"), lit(g, "Bob", NULL, NULL), iri(g, EX "g1"));
	return g;
}

static const char *people_context =
    "{\"@context\": {\"ex\": \"http://example.org/\", \"foaf\": \"http://xmlns.com/foaf/0.1/\","
    " \"name\": \"foaf:name\", \"knows\": {\"@id\": \"foaf:knows\", \"@type\": \"@id\"},"
    " \"nick\": {\"@id\": \"foaf:nick\", \"@container\": \"@set\"},"
    " \"born\": {\"@id\": \"ex:born\", \"@type\": \"http://www.w3.org/2001/XMLSchema#date\"},"
    " \"label\": {\"@id\": \"ex:label\", \"@language\": \"nl\"},"
    " \"Person\": \"foaf:Person\", \"address\": \"ex:address\"}}";

TEST(expanded_output)
{
	oslo_graph *g = people();
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_write_expanded(g, &out);
	CHECK_STREQ(
	    out.data,
	    "["
	    "{\"@id\":\"_:addr\",\"http://example.org/street\":[{\"@value\":\"Dorp 1\"}]},"
	    "{\"@id\":\"_:team\",\"http://example.org/size\":[{\"@value\":\"3\",\"@type\":"
	    "\"http://www.w3.org/2001/XMLSchema#integer\"}]},"
	    "{\"@id\":\"http://example.org/alice\",\"@type\":[\"http://xmlns.com/foaf/0.1/Person\"],"
	    "\"http://example.org/address\":[{\"@id\":\"_:addr\"}],"
	    "\"http://example.org/born\":[{\"@value\":\"1990-01-02\",\"@type\":"
	    "\"http://www.w3.org/2001/XMLSchema#date\"}],"
	    "\"http://example.org/label\":[{\"@value\":\"Alice\",\"@language\":\"en\"},"
	    "{\"@value\":\"Aliske\",\"@language\":\"nl\"}],"
	    "\"http://example.org/member\":[{\"@id\":\"_:team\"}],"
	    "\"http://xmlns.com/foaf/0.1/knows\":[{\"@id\":\"http://example.org/bob\"}],"
	    "\"http://xmlns.com/foaf/0.1/name\":[{\"@value\":\"Alice \\\"A\\\"\"}],"
	    "\"http://xmlns.com/foaf/0.1/nick\":[{\"@value\":\"Al\"}]},"
	    "{\"@id\":\"http://example.org/bob\",\"http://example.org/member\":[{\"@id\":\"_:team\"}]},"
	    "{\"@id\":\"http://example.org/g1\",\"@graph\":[{\"@id\":\"http://example.org/bob\","
	    "\"http://xmlns.com/foaf/0.1/name\":[{\"@value\":\"Bob\"}]}]}"
	    "]");
	oslo_buf_reset(&out);
	oslo_graph_free(g);
	g = oslo_graph_new();
	oslo_jsonld_write_expanded(g, &out);
	CHECK_STREQ(out.data, "[]");
	oslo_buf_free(&out);
	oslo_graph_free(g);
}

TEST(compacted_output)
{
	oslo_graph *g = people();
	oslo_jsonld_context *ctx = parse(people_context);
	oslo_jsonld_options options = {"https://example.org/people.jsonld", 0, true};
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, &options, &out);
	/*
	 * _:addr is embedded without @id, _:team (two referrers) is not; "nick"
	 * is @set; "label" takes the Dutch value only; "born" coerces xsd:date.
	 */
	CHECK_STREQ(
	    out.data,
	    "{\"@context\":\"https://example.org/people.jsonld\",\"@graph\":["
	    "{\"@id\":\"_:team\",\"ex:size\":{\"@type\":\"http://www.w3.org/2001/XMLSchema#integer\","
	    "\"@value\":\"3\"}},"
	    "{\"@id\":\"ex:alice\",\"@type\":\"Person\",\"address\":{\"ex:street\":\"Dorp 1\"},"
	    "\"born\":\"1990-01-02\",\"ex:label\":{\"@language\":\"en\",\"@value\":\"Alice\"},"
	    "\"ex:member\":{\"@id\":\"_:team\"},\"knows\":\"ex:bob\",\"label\":\"Aliske\","
	    "\"name\":\"Alice \\\"A\\\"\",\"nick\":[\"Al\"]},"
	    "{\"@id\":\"ex:bob\",\"ex:member\":{\"@id\":\"_:team\"}},"
	    "{\"@id\":\"ex:g1\",\"@graph\":[{\"@id\":\"ex:bob\",\"name\":\"Bob\"}]}]}");

	/* without compact_arrays every value is an array; the context object inline */
	options.context_reference = NULL;
	options.compact_arrays = false;
	oslo_buf_reset(&out);
	oslo_jsonld_write_compacted(g, ctx, &options, &out);
	CHECK(strncmp(out.data, "{\"@context\":{\"ex\":\"http://example.org/\",", 40) == 0);
	CHECK_CONTAINS(out.data, "\"@type\":[\"Person\"],\"address\":[{\"ex:street\":[\"Dorp 1\"]}]");
	CHECK_CONTAINS(out.data, "\"knows\":[\"ex:bob\"]");
	oslo_buf_free(&out);
	oslo_jsonld_context_free(ctx);
	oslo_graph_free(g);
}

TEST(compacted_single_node_root_and_no_context)
{
	oslo_graph *g = people();
	oslo_jsonld_context *ctx = parse(people_context);
	oslo_jsonld_options options = {NULL, 0, true};
	oslo_buf out;

	options.root = iri(g, EX "alice");
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, &options, &out);
	CHECK_STREQ(out.data,
	            "{\"@id\":\"ex:alice\",\"@type\":\"Person\",\"address\":{\"ex:street\":\"Dorp 1\"},"
	            "\"born\":\"1990-01-02\",\"ex:label\":{\"@language\":\"en\",\"@value\":\"Alice\"},"
	            "\"ex:member\":{\"@id\":\"_:team\"},\"knows\":\"ex:bob\",\"label\":\"Aliske\","
	            "\"name\":\"Alice \\\"A\\\"\",\"nick\":[\"Al\"]}");
	oslo_graph_free(g);

	/* one top-level node: the document is that node */
	g = oslo_graph_new();
	oslo_graph_add(g, iri(g, EX "x"), iri(g, FOAF "name"), lit(g, "X", NULL, NULL), 0);
	options.root = 0;
	options.context_reference = "urn:ctx";
	oslo_buf_reset(&out);
	oslo_jsonld_write_compacted(g, ctx, &options, &out);
	CHECK_STREQ(out.data, "{\"@context\":\"urn:ctx\",\"@id\":\"ex:x\",\"name\":\"X\"}");

	/* no context: full IRIs and no "@context" */
	options.context_reference = NULL;
	oslo_buf_reset(&out);
	oslo_jsonld_write_compacted(g, NULL, &options, &out);
	CHECK_STREQ(out.data,
	            "{\"@id\":\"http://example.org/x\",\"http://xmlns.com/foaf/0.1/name\":\"X\"}");
	oslo_buf_free(&out);
	oslo_jsonld_context_free(ctx);
	oslo_graph_free(g);
}

TEST(compacted_term_selection)
{
	oslo_graph *g = oslo_graph_new();
	oslo_jsonld_context *ctx =
	    parse("{\"@vocab\": \"http://example.org/\", \"@language\": \"nl\", \"id\": \"@id\","
	          " \"title\": {\"@id\": \"http://purl.org/dc/terms/title\", \"@type\": "
	          "\"http://www.w3.org/2001/XMLSchema#string\"},"
	          " \"titleAny\": \"http://purl.org/dc/terms/title\","
	          " \"kind\": {\"@id\": \"http://example.org/kind\", \"@type\": \"@vocab\"},"
	          " \"Thing\": \"http://example.org/Thing\"}");
	oslo_jsonld_options options = {NULL, 0, true};
	oslo_term_id s = iri(g, "http://example.org/s");
	oslo_buf out;

	oslo_graph_add(g, s, iri(g, "http://purl.org/dc/terms/title"), lit(g, "T", NULL, NULL), 0);
	oslo_graph_add(g, s, iri(g, "http://purl.org/dc/terms/title"), lit(g, "Titel", NULL, "nl"), 0);
	oslo_graph_add(g, s, iri(g, "http://purl.org/dc/terms/title"), lit(g, "Title", NULL, "en"), 0);
	oslo_graph_add(g, s, iri(g, "http://example.org/kind"), iri(g, "http://example.org/Thing"), 0);
	oslo_graph_add(g, s, iri(g, "http://example.org/note"), lit(g, "n", NULL, NULL), 0);
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, &options, &out);
	/*
	 * xsd:string picks the coerced "title"; with a default language a plain
	 * string elsewhere needs {"@value"}; "@vocab"-typed IRIs compact to terms.
	 */
	CHECK_STREQ(
	    out.data,
	    "{\"@context\":{\"@vocab\":\"http://example.org/\",\"@language\":\"nl\",\"id\":\"@id\","
	    "\"title\":{\"@id\":\"http://purl.org/dc/terms/title\",\"@type\":"
	    "\"http://www.w3.org/2001/XMLSchema#string\"},\"titleAny\":\"http://purl.org/dc/terms/"
	    "title\","
	    "\"kind\":{\"@id\":\"http://example.org/kind\",\"@type\":\"@vocab\"},"
	    "\"Thing\":\"http://example.org/Thing\"},"
	    "\"id\":\"http://example.org/s\",\"kind\":\"Thing\",\"note\":{\"@value\":\"n\"},"
	    "\"title\":\"T\",\"titleAny\":[\"Titel\",{\"@language\":\"en\",\"@value\":\"Title\"}]}");
	oslo_buf_free(&out);
	oslo_jsonld_context_free(ctx);
	oslo_graph_free(g);
}

TEST(compacted_blank_node_cycles_and_chains)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id next = iri(g, EX "next");
	oslo_term_id prev = oslo_graph_blank(g, "c0", 2);
	oslo_jsonld_options options = {NULL, 0, true};
	oslo_buf out;
	int depth = 0, max_depth = 0;

	/* a two-node cycle, each node referenced once: one of them goes on top */
	oslo_graph_add(g, oslo_graph_blank(g, "a", 1), next, oslo_graph_blank(g, "b", 1), 0);
	oslo_graph_add(g, oslo_graph_blank(g, "b", 1), next, oslo_graph_blank(g, "a", 1), 0);
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, NULL, &options, &out);
	CHECK_STREQ(out.data,
	            "{\"@id\":\"_:a\",\"http://example.org/next\":{\"http://example.org/next\":"
	            "{\"@id\":\"_:a\"}}}");
	oslo_graph_free(g);

	/* a chain of 100 blank nodes does not nest 100 deep */
	g = oslo_graph_new();
	next = iri(g, EX "next");
	prev = oslo_graph_blank(g, "c0", 2);
	for (int i = 1; i < 100; i++)
	{
		char label[16];
		oslo_term_id cur;

		snprintf(label, sizeof(label), "c%d", i);
		cur = oslo_graph_blank(g, label, strlen(label));
		oslo_graph_add(g, prev, next, cur, 0);
		prev = cur;
	}
	oslo_graph_add(g, prev, iri(g, EX "end"), lit(g, "x", NULL, NULL), 0);
	oslo_buf_reset(&out);
	oslo_jsonld_write_compacted(g, NULL, &options, &out);
	for (const char *p = out.data; *p; p++)
	{
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		if (depth > max_depth)
			max_depth = depth;
	}
	CHECK(max_depth > 10 && max_depth <= 16);
	CHECK_CONTAINS(out.data, "\"http://example.org/end\":\"x\"");
	oslo_buf_free(&out);
	oslo_graph_free(g);
}

/* ---- errors free everything --------------------------------------------- */

static void
write_then_fail(void *arg)
{
	oslo_graph *g = people();
	oslo_jsonld_context *ctx = parse(people_context);
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, NULL, &out);
	oslo_jsonld_write_expanded(g, &out);
	/* a context that fails after json-c built its tree and terms were made */
	parse("{\"a\": \"http://e/a\", \"b\": {\"@id\": \"http://e/b\", \"@container\": \"@index\"}}");
}

TEST(errors_free_everything)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(write_then_fail, NULL, &err));
	CHECK(err.code == OSLO_ERR_PARAMETER);
	CHECK_CONTAINS(err.message, "\"b\"");
	CHECK(oslo_standalone_live_blocks() == before);
}

static void
write_and_free(void *arg)
{
	oslo_jsonld_context *ctx = parse(
	    "[{\"ex\": \"http://example.org/\", \"@vocab\": \"http://v/\", \"a\": \"ex:a\"},"
	    " {\"a\": {\"@id\": \"ex:b\", \"@language\": \"nl\"}, \"@vocab\": \"http://w/\"}, null,"
	    " {\"t\": {\"@id\": \"http://t/\", \"@type\": \"http://d/\"}}]");
	oslo_graph *g = people();
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, NULL, &out);
	oslo_jsonld_write_expanded(g, &out);
	oslo_buf_free(&out);
	oslo_graph_free(g);
	oslo_jsonld_context_free(ctx);
}

/* the released guards of a run are the host's to drop, so measure around one */
TEST(free_returns_all_blocks)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(oslo_standalone_run(write_and_free, NULL, &err));
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(context_prefixes_vocab_and_coercions);
	RUN(context_arrays_merge_in_order);
	RUN(context_errors_name_the_term);
	RUN(remote_contexts_are_refused);
	RUN(invalid_json_reports_the_position);
	RUN(published_contexts);
	RUN(expanded_output);
	RUN(compacted_output);
	RUN(compacted_single_node_root_and_no_context);
	RUN(compacted_term_selection);
	RUN(compacted_blank_node_cycles_and_chains);
	RUN(errors_free_everything);
	RUN(free_returns_all_blocks);
	return unit_report();
}
