/*
 * test_jsonld_from_graph.c
 *	  Compaction of a graph (oslo_jsonld_from_graph with a context) skips
 *	  compact()'s expansion of fromRdf's output, which is expanded already:
 *	  the result must be the one compact() gives, byte for byte, for every
 *	  fromRdf input of the W3C suite, with several contexts and options.
 */
#include "jsonld_api.h"
#include "rdf_syntax.h"
#include "unit.h"

#include <dirent.h>

/* the general way: fromRdf, then compact() (which expands its input first) */
static char *
compact_general(const oslo_graph *g, const char *context_json, const char *options_json)
{
	jld_arena *a = jld_arena_new();
	jld_options o;
	oslo_buf out;
	char *copy;

	jld_options_init(&o);
	if (options_json && strstr(options_json, "useNativeTypes"))
		o.use_native_types = true;
	if (options_json && strstr(options_json, "useRdfType"))
		o.use_rdf_type = true;
	if (options_json && strstr(options_json, "i18n-datatype"))
		o.rdf_direction = "i18n-datatype";
	if (options_json && strstr(options_json, "compound-literal"))
		o.rdf_direction = "compound-literal";
	oslo_buf_init(&out);
	jld_serialize(jld_compact(a, jld_from_rdf(a, g, &o),
	                          jld_parse(a, context_json, strlen(context_json)), &o),
	              &out);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	jld_arena_free(a);
	return copy;
}

static char *
compact_api(const oslo_graph *g, const char *context_json, const char *options_json)
{
	oslo_buf out;
	char *copy;

	oslo_buf_init(&out);
	oslo_jsonld_from_graph(g, context_json, options_json, NULL, NULL, &out);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	return copy;
}

static const char *const contexts[] = {
    "{}",
    "{\"@vocab\": \"http://example.com/\"}",
    "{\"ex\": \"http://example.com/\", \"xsd\": \"http://www.w3.org/2001/XMLSchema#\","
    " \"@language\": \"en\", \"p\": {\"@id\": \"http://example.com/p\", \"@type\": \"@id\"},"
    " \"list\": {\"@id\": \"http://example.com/list\", \"@container\": \"@list\"}}",
};

static const char *const options[] = {
    NULL,
    "{\"useNativeTypes\": true}",
    "{\"useRdfType\": true}",
    "{\"rdfDirection\": \"i18n-datatype\"}",
    "{\"rdfDirection\": \"compound-literal\"}",
};

/* one way in its own run: the result (malloc'd), or the error message in err */
typedef struct way_arg
{
	const oslo_graph *g;
	const char *context, *options;
	bool general;
	char *result;
} way_arg;

static void
run_way(void *p)
{
	way_arg *w = p;

	w->result = w->general ? compact_general(w->g, w->context, w->options)
	                       : compact_api(w->g, w->context, w->options);
}

/* the outcome of one way: "ok: JSON" or "error: message", malloc'd */
static char *
outcome(const oslo_graph *g, const char *context, const char *opts, bool general)
{
	way_arg w = {g, context, opts, general, NULL};
	oslo_captured_error err;
	oslo_buf b;
	char *r;

	oslo_buf_init(&b);
	if (oslo_standalone_run(run_way, &w, &err))
		oslo_buf_printf(&b, "ok: %s", w.result);
	else
		oslo_buf_printf(&b, "error: %s", err.message);
	free(w.result);
	r = strdup(b.data);
	oslo_buf_free(&b);
	return r;
}

TEST(graph_compaction_equals_compact_of_from_rdf)
{
	const char *shared = unit_shared_dir();
	static char dir[4200];
	DIR *d;
	struct dirent *e;
	int compared = 0, differ = 0;

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(dir, sizeof(dir), "%.3000s/conformance/jsonld-api/tests/fromRdf", shared);
	if ((d = opendir(dir)) == NULL)
	{
		printf("  skipped: %s not found\n", dir);
		return;
	}
	while ((e = readdir(d)) != NULL)
	{
		size_t n = strlen(e->d_name);
		char path[8400];
		char *text;
		oslo_graph *g;

		if (n < 6 || strcmp(e->d_name + n - 6, "-in.nq") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((text = unit_read_file(path, NULL)) == NULL)
			continue;
		g = oslo_graph_new();
		oslo_rdf_parse(g, text, strlen(text), OSLO_SYNTAX_NQUADS, NULL);
		free(text);
		for (size_t c = 0; c < sizeof(contexts) / sizeof(*contexts); c++)
			for (size_t k = 0; k < sizeof(options) / sizeof(*options); k++)
			{
				char *want = outcome(g, contexts[c], options[k], true);
				char *got = outcome(g, contexts[c], options[k], false);

				if (strcmp(want, got) != 0)
				{
					fprintf(stderr, "  %s, context %zu, options %s:\n    %s\n    %s\n", e->d_name,
					        c, options[k] ? options[k] : "none", want, got);
					differ++;
				}
				compared++;
				free(want);
				free(got);
			}
		oslo_graph_free(g);
	}
	closedir(d);
	CHECK(differ == 0);
	CHECK(compared > 500);
}

int
main(void)
{
	RUN(graph_compaction_equals_compact_of_from_rdf);
	return unit_report();
}
