/*
 * test_plugins.c
 *	  The plugin registry and the transform pipeline through the graph hub.
 */
#include "format_options.h"
#include "oslo_formats.h"
#include "rdf_syntax.h"
#include "unit.h"

/* a toy format: each line "s p o" of bare words becomes <urn:w:s> <urn:w:p> "o" */
static void
words_to_graph(const oslo_data *in, const char *options, oslo_data *out)
{
	oslo_graph *g = oslo_graph_new();
	const char *p = in->bytes, *end = in->bytes + in->len;

	while (p < end)
	{
		char s[64], pr[64], o[64];
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		if (sscanf(line, "%63s %63s %63s", s, pr, o) != 3)
			oslo_error(OSLO_ERR_SYNTAX, "words: line \"%s\" is not three words", line);
		{
			char si[80], pi[80];

			snprintf(si, sizeof(si), "urn:w:%s", s);
			snprintf(pi, sizeof(pi), "urn:w:%s", pr);
			oslo_graph_add(g, oslo_graph_iri_cstr(g, si), oslo_graph_iri_cstr(g, pi),
			               oslo_graph_literal_cstr(g, o, NULL, NULL), 0);
		}
		p += n + 1;
	}
	out->kind = OSLO_DATA_GRAPH;
	out->graph = g;
}

static void
graph_to_count(const oslo_data *in, const char *options, oslo_data *out)
{
	char *s = oslo_psprintf("%zu statements; options %s", oslo_graph_size(in->graph),
	                        options ? options : "(none)");

	out->kind = OSLO_DATA_BYTES;
	out->bytes = s;
	out->len = strlen(s);
}

static const oslo_transform_def word_transforms[] = {
    {"words", "graph", OSLO_DATA_BYTES, OSLO_DATA_GRAPH, words_to_graph, "words to graph"},
    {"graph", "count", OSLO_DATA_GRAPH, OSLO_DATA_BYTES, graph_to_count, "count statements"},
};
static const oslo_format_def word_formats[] = {
    {"words", "text/plain", "three words a line", NULL},
    {"count", "text/plain", "statement count", "urn:test:context"},
};
static const char *const word_reads[] = {"words", NULL};
static const char *const word_writes[] = {"count", NULL};
static const oslo_plugin_def words_plugin = {
    OSLO_PLUGIN_ABI_VERSION, "words", "1.0", "toy plugin", word_formats, 2, word_reads, word_writes,
    word_transforms,         2};

static const char *
resolve(const char *iri)
{
	return strcmp(iri, "urn:test:context") == 0 ? "{\"x\": \"urn:x\"}" : NULL;
}

static const oslo_plugin_info *
find_plugin(const char *name)
{
	for (size_t i = 0; i < oslo_formats_plugin_count(); i++)
		if (strcmp(oslo_formats_plugin(i)->name, name) == 0)
			return oslo_formats_plugin(i);
	return NULL;
}

TEST(registered_plugin_formats_are_listed)
{
	const oslo_format_info *f;

	oslo_formats_register_plugin(&words_plugin, "linked in");
	f = oslo_formats_find("words");
	CHECK(f != NULL);
	CHECK(f && f->readable && !f->writable);
	CHECK_STREQ(f ? f->provider : NULL, "words");
	f = oslo_formats_find("turtle");
	CHECK(f && f->readable && f->writable);
	CHECK(oslo_formats_find("nosuch") == NULL);
}

TEST(transform_goes_through_the_graph)
{
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_formats_transform("a b c\nd e f", 11, "words", "ntriples", NULL, &out);
	CHECK_STREQ(out.data, "<urn:w:a> <urn:w:b> \"c\" .\n<urn:w:d> <urn:w:e> \"f\" .\n");
}

TEST(writer_gets_its_context_from_the_host)
{
	oslo_format_host host = {NULL, NULL, resolve};
	oslo_buf out;

	oslo_formats_set_host(&host);
	oslo_buf_init(&out);
	oslo_formats_transform("a b c", 5, "words", "count", "{\"keep\": 1}", &out);
	CHECK_CONTAINS(out.data, "1 statements");
	CHECK_CONTAINS(out.data, "\"context\":{\"x\": \"urn:x\"}");
	CHECK_CONTAINS(out.data, "\"keep\": 1");
}

TEST(bad_input_and_names_raise_specific_errors)
{
	const char *remote = "{\"@context\": \"http://remote.example/c\"}";
	oslo_buf out;

	oslo_buf_init(&out);
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_formats_transform("x", 1, "nosuch", "turtle", NULL, &out));
	CHECK_CONTAINS(unit_err.message, "unknown format \"nosuch\"");
	CHECK_CONTAINS(unit_err.detail, "words");
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_formats_transform("a b c", 5, "words", "words", NULL, &out));
	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_formats_transform("a b", 3, "words", "turtle", NULL, &out));
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_formats_transform("a b c", 5, "words", "turtle", "[1]", &out));
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_formats_transform("a b c", 5, "words", "turtle", "{\"base\": 1", &out));
	CHECK_ERROR(OSLO_ERR_SYNTAX,
	            oslo_formats_transform("{\"a\": ", 6, "jsonld", "turtle", NULL, &out));
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_formats_transform(remote, strlen(remote), "jsonld", "turtle", NULL, &out));
	CHECK_CONTAINS(unit_err.message, "http://remote.example/c");
}

TEST(missing_context_is_named)
{
	oslo_format_host host = {NULL, NULL, NULL};
	oslo_buf out;

	oslo_formats_set_host(&host);
	oslo_buf_init(&out);
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_formats_transform("a b c", 5, "words", "count", NULL, &out));
	CHECK_CONTAINS(unit_err.message, "urn:test:context");
}

TEST(same_plugin_twice_is_refused)
{
	const oslo_plugin_info *p;
	size_t before = oslo_formats_plugin_count();

	oslo_formats_register_plugin(&words_plugin, "again");
	CHECK(oslo_formats_plugin_count() == before + 1);
	p = oslo_formats_plugin(before);
	CHECK(p->refused != NULL);
	CHECK_CONTAINS(p->refused, "already loaded");
}

TEST(plugin_directory_refuses_other_abi_and_non_plugins)
{
	const char *dir = getenv("OSLO_TEST_PLUGIN_DIR");
	const oslo_plugin_info *p;

	if (dir == NULL)
	{
		printf("     skipped: OSLO_TEST_PLUGIN_DIR not set\n");
		return;
	}
	oslo_formats_load_plugins(dir);
	p = find_plugin("bad_abi");
	CHECK(p != NULL);
	if (p)
	{
		CHECK(p->refused != NULL);
		CHECK_CONTAINS(p->refused, "ABI");
		CHECK(p->def == NULL);
	}
	p = find_plugin("no_entry");
	CHECK(p != NULL && p->refused != NULL);
	CHECK(oslo_formats_find("future") == NULL);
}

static const char *options_text;

static void
parse_and_free_options(void *arg)
{
	format_options o;

	format_options_parse(&o, options_text);
	format_options_free(&o);
}

/* found by fuzz_jsonld_context: an options text of exactly "{}" was never freed */
TEST(options_parse_and_free_leave_nothing)
{
	const char *texts[] = {"{}", "{ }", "{\"base\": \"http://e/\"}", "", NULL};

	for (int i = 0; i < 5; i++)
	{
		oslo_captured_error err;
		size_t before = oslo_standalone_live_blocks();

		/* measured around a run: released guard records go when it ends */
		options_text = texts[i];
		CHECK(oslo_standalone_run(parse_and_free_options, NULL, &err));
		CHECK(oslo_standalone_live_blocks() == before);
	}
}

int
main(void)
{
	RUN(registered_plugin_formats_are_listed);
	RUN(transform_goes_through_the_graph);
	RUN(writer_gets_its_context_from_the_host);
	RUN(bad_input_and_names_raise_specific_errors);
	RUN(missing_context_is_named);
	RUN(same_plugin_twice_is_refused);
	RUN(plugin_directory_refuses_other_abi_and_non_plugins);
	RUN(options_parse_and_free_leave_nothing);
	return unit_report();
}
