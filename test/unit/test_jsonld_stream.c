/*
 * test_jsonld_stream.c
 *	  toRdf of {"@context": ..., "@graph": [...]} takes the nodes one at a
 *	  time (parsed, expanded and turned into statements each, the arena
 *	  given back in between): it must give what expanding the whole document
 *	  first gives, with the same errors, across arena releases.
 */
#include "jld_internal.h"
#include "rdf_syntax.h"
#include "unit.h"

#include <dirent.h>

#define SUITE_BASE "https://w3c.github.io/json-ld-api/tests/"

/* --- the suite's documents served by IRI, as the conformance runner does ---- */

static const char *suite_dir;
static char *loaded[64];
static int nloaded;

static const char *
suite_loader(const char *iri, void *arg)
{
	char path[4096];
	char *text;

	if (strncmp(iri, SUITE_BASE, strlen(SUITE_BASE)) != 0 || strstr(iri, "..") || nloaded == 64)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", suite_dir, iri + strlen(SUITE_BASE));
	text = unit_read_file(path, NULL);
	if (text)
		loaded[nloaded++] = text;
	return text;
}

static void
loader_reset(void)
{
	for (int i = 0; i < nloaded; i++)
		free(loaded[i]);
	nloaded = 0;
}

/* --- the two ways, each in its own run so that errors are caught ------------ */

/*
 * A failed run gives back the host memory allocated in it, graphs' included:
 * each run makes its graph and hands back N-Quads in plain malloc'd memory.
 */
typedef struct run_arg
{
	const char *text;
	const jld_options *o;
	bool expanded_first; /* the whole document expanded first (compare_nquads: same) */
	char *nquads;        /* malloc'd */
} run_arg;

static void
run_way(void *p)
{
	run_arg *r = p;
	oslo_graph *g = oslo_graph_new();
	oslo_buf b;

	/* the reference: the whole document parsed and expanded first */
	jld_to_rdf_node_by_node = !r->expanded_first;
	jld_text_to_rdf(r->text, strlen(r->text), r->o, g);
	jld_to_rdf_node_by_node = true;
	oslo_buf_init(&b);
	oslo_rdf_write(g, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
	r->nquads = strdup(b.data);
	oslo_buf_free(&b);
	oslo_graph_free(g);
}

static void
compare_nquads(void *p)
{
	run_arg *r = p;
	oslo_graph *g1 = oslo_graph_new(), *g2 = oslo_graph_new();

	oslo_rdf_parse(g1, r[0].nquads, strlen(r[0].nquads), OSLO_SYNTAX_NQUADS, NULL);
	oslo_rdf_parse(g2, r[1].nquads, strlen(r[1].nquads), OSLO_SYNTAX_NQUADS, NULL);
	r[0].expanded_first = oslo_graph_isomorphic(g1, g2);
	oslo_graph_free(g1);
	oslo_graph_free(g2);
}

/* both ways agree: the same error, or isomorphic graphs; *ok: no error */
static bool
ways_agree(const char *text, const jld_options *o, bool *ok, bool verbose)
{
	run_arg r[2] = {{text, o, false, NULL}, {text, o, true, NULL}};
	oslo_captured_error e1, e2, e3;
	bool ok1 = oslo_standalone_run(run_way, &r[0], &e1);
	bool ok2;
	bool agree;

	loader_reset();
	ok2 = oslo_standalone_run(run_way, &r[1], &e2);
	loader_reset();
	if (ok1 != ok2)
		agree = false;
	else if (!ok1)
		agree = e1.code == e2.code && strcmp(e1.message, e2.message) == 0 &&
		        strcmp(e1.detail, e2.detail) == 0;
	else
		agree = oslo_standalone_run(compare_nquads, r, &e3) && r[0].expanded_first;
	if (!agree && verbose)
		fprintf(stderr, "    text way: %s; expanded way: %s\n", ok1 ? "ok" : e1.message,
		        ok2 ? "ok" : e2.message);
	*ok = ok1;
	free(r[0].nquads);
	free(r[1].nquads);
	return agree;
}

static bool
has_top_level_graph(const char *text)
{
	const char *p = text;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return *p == '{' && strstr(text, "\"@graph\"") != NULL;
}

/* every toRdf and expansion input of the W3C suite, both ways */
TEST(suite_documents_stream_like_expanded)
{
	const char *shared = unit_shared_dir();
	const char *folders[] = {"toRdf", "expand"};
	static char dir[4096];
	int compared = 0, with_graph = 0, disagree = 0;

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(dir, sizeof(dir), "%.3000s/conformance/jsonld-api/tests", shared);
	suite_dir = dir;
	for (int f = 0; f < 2; f++)
	{
		char folder[4200];
		DIR *d;
		struct dirent *e;

		snprintf(folder, sizeof(folder), "%s/%s", dir, folders[f]);
		if ((d = opendir(folder)) == NULL)
		{
			printf("  skipped: %s not found\n", folder);
			continue;
		}
		while ((e = readdir(d)) != NULL)
		{
			char path[8400], base[2048];
			size_t n = strlen(e->d_name);
			char *text;
			jld_options o;
			bool ok;

			if (n < 10 || strcmp(e->d_name + n - 10, "-in.jsonld") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
			if ((text = unit_read_file(path, NULL)) == NULL)
				continue;
			snprintf(base, sizeof(base), SUITE_BASE "%s/%s", folders[f], e->d_name);
			jld_options_init(&o);
			o.base = base;
			o.load_document = suite_loader;
			if (!ways_agree(text, &o, &ok, true))
			{
				fprintf(stderr, "  %s/%s: the two ways differ\n", folders[f], e->d_name);
				disagree++;
			}
			compared++;
			with_graph += has_top_level_graph(text);
			free(text);
		}
		closedir(d);
	}
	CHECK(disagree == 0);
	/* the node-by-node way was taken by a fair number of them */
	CHECK(compared > 500);
	CHECK(with_graph > 40);
}

/*
 * When "@graph" follows only "@context", its items are taken before the
 * rest of the text is read: members after the array (a graph name, a
 * second "@context") send the document back to be read whole, and text
 * that is no JSON there is still an error.
 */
TEST(members_after_the_graph_array_are_not_lost)
{
	static const char *const valid[] = {
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"@id\": "
	    "\"http://example.org/a\","
	    " \"name\": \"A\"}], \"@id\": \"http://example.org/g\"}",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"@id\": "
	    "\"http://example.org/a\","
	    " \"name\": \"A\"}], \"@context\": {\"@vocab\": \"http://example.com/\"}}",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"@id\": \"_:x\", "
	    "\"name\": \"A\"}],"
	    " \"@included\": [{\"@id\": \"_:x\", \"age\": 3}]}",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"@id\": "
	    "\"http://example.org/a\","
	    " \"name\": \"A\"}] } \n",
	};
	static const char *const invalid[] = {
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"name\": \"A\"}]} x",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"name\": \"A\"}]",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"name\": \"A\"}] "
	    "\"x\"}",
	    "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [{\"name\": \"A\"}], }",
	};
	jld_options o;
	bool ok;

	jld_options_init(&o);
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
	{
		CHECK(ways_agree(valid[i], &o, &ok, true));
		CHECK(ok);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
	{
		CHECK(ways_agree(invalid[i], &o, &ok, true));
		CHECK(!ok);
	}
}

/* text appended to buf (malloc'd, grown) */
static void
put(oslo_buf *b, const char *s)
{
	oslo_buf_append(b, s, strlen(s));
}

/*
 * Enough nodes to give the arena back several times, sharing blank nodes
 * (by label, across releases), IRIs and values, with lists and a nested
 * named graph: the graph must be the same as the expanded way's.
 */
TEST(many_nodes_across_arena_releases)
{
	oslo_buf b;
	jld_options o;
	bool ok;
	char node[512];

	oslo_buf_init(&b);
	put(&b, "{\"@context\": {\"@vocab\": \"http://example.org/\", \"knows\": {\"@type\": \"@id\"},"
	        " \"tags\": {\"@container\": \"@list\"}},\n \"@graph\": [");
	for (int i = 0; i < 4000; i++)
	{
		snprintf(node, sizeof(node),
		         "%s{\"@id\": \"%s%d\", \"@type\": \"Person\", \"name\": \"n%d\","
		         " \"knows\": \"_:shared%d\", \"tags\": [\"a\", %d],"
		         " \"address\": {\"street\": \"s%d\", \"_:p\": 1}}",
		         i ? ",\n" : "", i % 3 ? "http://example.org/p" : "_:b", i, i % 50, i % 7, i % 11,
		         i % 13);
		put(&b, node);
	}
	put(&b, ", {\"@id\": \"http://example.org/g\", \"@graph\": [{\"@id\": \"_:shared1\","
	        " \"name\": \"in a graph\"}]}]}");
	jld_options_init(&o);
	CHECK(ways_agree(b.data, &o, &ok, true));
	CHECK(ok);
	oslo_buf_free(&b);
}

/*
 * Nodes with contexts of their own: each is processed into the arena that
 * is given back, so a later node's context may land where an earlier one
 * was, defining the same term otherwise. Nothing may be remembered from one
 * to the other.
 */
TEST(node_contexts_across_arena_releases)
{
	oslo_buf b;
	jld_options o;
	bool ok;
	char node[512];

	oslo_buf_init(&b);
	put(&b, "{\"@graph\": [");
	for (int i = 0; i < 3000; i++)
	{
		snprintf(node, sizeof(node),
		         "%s{\"@context\": {\"p\": \"http://example.org/%c/p\", \"T\":"
		         " {\"@id\": \"http://example.org/T%d\", \"@context\": {\"q\":"
		         " \"http://example.org/q%d\"}}},"
		         " \"@id\": \"http://example.org/n%d\", \"@type\": \"T\", \"p\": \"x\","
		         " \"q\": {\"p\": \"filler text to use the arena up\"}}",
		         i ? ",\n" : "", "abc"[i % 3], i % 5, i % 7, i);
		put(&b, node);
	}
	put(&b, "]}");
	jld_options_init(&o);
	CHECK(ways_agree(b.data, &o, &ok, true));
	CHECK(ok);
	oslo_buf_free(&b);
}

/*
 * Strings holding brackets, quotes and backslashes (escaped), at every
 * offset against the 16-byte blocks the skip looks at
 */
TEST(brackets_and_escapes_inside_strings)
{
	oslo_buf b;
	jld_options o;
	bool ok;
	char node[512];

	oslo_buf_init(&b);
	put(&b, "{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"@graph\": [");
	for (int i = 0; i < 40; i++)
	{
		snprintf(node, sizeof(node),
		         "%s{\"@id\": \"http://example.org/n%d\", \"text\": \"%.*s]}\\\"[{|\\\\\\\"\","
		         " \"k%.*s\\u0078\": [\"}\", \"\\\\\", \"\\u005d\"]}",
		         i ? "," : "", i, i % 17, "xxxxxxxxxxxxxxxxx", i % 5, "]]]]]");
		put(&b, node);
	}
	put(&b, "]}");
	jld_options_init(&o);
	CHECK(ways_agree(b.data, &o, &ok, true));
	CHECK(ok);
	/* the nodes were all read: forty texts */
	{
		oslo_graph *g = oslo_graph_new();

		jld_text_to_rdf(b.data, b.len, &o, g);
		CHECK(oslo_graph_size(g) == 40 * 4);
		oslo_graph_free(g);
	}
	oslo_buf_free(&b);
}

/* a graph of the text way (errors fail the test) */
static oslo_graph *
text_graph(const char *text)
{
	jld_options o;
	oslo_graph *g = oslo_graph_new();

	jld_options_init(&o);
	jld_text_to_rdf(text, strlen(text), &o, g);
	return g;
}

static bool
graph_is(oslo_graph *g, const char *nquads)
{
	oslo_graph *want = oslo_graph_new();
	bool same;

	oslo_rdf_parse(want, nquads, strlen(nquads), OSLO_SYNTAX_NQUADS, NULL);
	same = oslo_graph_isomorphic(g, want);
	oslo_graph_free(want);
	oslo_graph_free(g);
	return same;
}

/* documents that look like the node-by-node case but are not */
TEST(other_top_level_keys_take_the_general_way)
{
	/* @id after @graph: a named graph, known only at the end of the text */
	CHECK(graph_is(text_graph("{\"@graph\": [{\"@id\": \"http://a\", \"http://p\": \"x\"}],"
	                          " \"@id\": \"http://g\"}"),
	               "<http://a> <http://p> \"x\" <http://g> .\n"));
	/* a repeated @graph: the last one counts */
	CHECK(graph_is(text_graph("{\"@graph\": [{\"@id\": \"http://a\", \"http://p\": \"1\"}],"
	                          " \"@graph\": [{\"@id\": \"http://b\", \"http://p\": \"2\"}]}"),
	               "<http://b> <http://p> \"2\" .\n"));
	/* @graph holding one node, not an array */
	CHECK(graph_is(text_graph("{\"@context\": {\"p\": \"http://p\"},"
	                          " \"@graph\": {\"@id\": \"http://a\", \"p\": \"x\"}}"),
	               "<http://a> <http://p> \"x\" .\n"));
	/* scalars, nulls and nested arrays among the nodes */
	CHECK(graph_is(text_graph("{\"@graph\": [1, null, \"s\", [[{\"@id\": \"http://a\","
	                          " \"http://p\": [\"x\"]}]], []]}"),
	               "<http://a> <http://p> \"x\" .\n"));
	CHECK(graph_is(text_graph("{\"@graph\": []}"), ""));
	CHECK(graph_is(text_graph("{\"@context\": {}, \"@graph\": [ ] }"), ""));
}

/* the same error either way (message and JSON pointer) */
static void
same_error(const char *text, oslo_errcode code, const char *needle)
{
	jld_options o;
	char message[4200];

	/* what the failed runs allocated (graphs included) goes with them */
	jld_options_init(&o);
	CHECK_ERROR(code, jld_text_to_rdf(text, strlen(text), &o, oslo_graph_new()));
	CHECK_CONTAINS(unit_err.message, needle);
	snprintf(message, sizeof(message), "%s|%s", unit_err.message, unit_err.detail);
	jld_to_rdf_node_by_node = false;
	CHECK_ERROR(code, jld_text_to_rdf(text, strlen(text), &o, oslo_graph_new()));
	jld_to_rdf_node_by_node = true;
	{
		char again[4200];

		snprintf(again, sizeof(again), "%s|%s", unit_err.message, unit_err.detail);
		CHECK_STREQ(message, again);
	}
}

TEST(errors_inside_the_nodes_are_those_of_the_whole_document)
{
	/* JSON syntax inside a later node: reported where it is */
	same_error("{\"@graph\": [{\"@id\": \"http://a\", \"http://p\": \"x\"},\n"
	           " {\"@id\": \"http://b\", \"http://p\": tru}]}",
	           OSLO_ERR_SYNTAX, "line 2");
	same_error("{\"@graph\": [{\"@id\": \"http://a\"} {\"@id\": \"http://b\"}]}", OSLO_ERR_SYNTAX,
	           "',' or ']' expected");
	/* brackets that do not match: parsed at once */
	same_error("{\"@graph\": [{\"@id\": \"http://a\"]}", OSLO_ERR_SYNTAX, "invalid JSON");
	same_error("{\"@graph\": [{\"@id\": \"http://a\"}", OSLO_ERR_SYNTAX, "invalid JSON");
	same_error("{\"@graph\": [\"unterminated]}", OSLO_ERR_SYNTAX, "invalid JSON");
	/* a JSON-LD error in node 2: the pointer names it */
	same_error("{\"@graph\": [{\"@id\": \"http://a\", \"http://p\": \"x\"},"
	           " {\"@id\": \"http://b\"}, {\"@id\": 5}]}",
	           OSLO_ERR_DATA, "invalid @id value");
	CHECK_STREQ(unit_err.detail, "/@graph/2/@id");
	/* and after thousands of nodes, arena releases on the way */
	{
		oslo_buf b;

		oslo_buf_init(&b);
		put(&b, "{\"@context\": {\"@vocab\": \"http://e/\"}, \"@graph\": [");
		for (int i = 0; i < 3000; i++)
			put(&b, "{\"@id\": \"_:x\", \"p\": {\"q\": \"some text to fill the arena\"}},");
		put(&b, "{\"p\": {\"@value\": \"x\", \"q\": 1}}]}");
		same_error(b.data, OSLO_ERR_DATA, "invalid value object");
		CHECK_STREQ(unit_err.detail, "/@graph/3000/p");
		oslo_buf_free(&b);
	}
	/* nesting deeper than the limit inside a node */
	{
		oslo_buf b;

		oslo_buf_init(&b);
		put(&b, "{\"@graph\": [");
		for (int i = 0; i < 1100; i++)
			put(&b, "[");
		for (int i = 0; i < 1100; i++)
			put(&b, "]");
		put(&b, "]}");
		same_error(b.data, OSLO_ERR_LIMIT, "nesting");
		oslo_buf_free(&b);
	}
}

int
main(void)
{
	RUN(suite_documents_stream_like_expanded);
	RUN(members_after_the_graph_array_are_not_lost);
	RUN(many_nodes_across_arena_releases);
	RUN(node_contexts_across_arena_releases);
	RUN(brackets_and_escapes_inside_strings);
	RUN(other_top_level_keys_take_the_general_way);
	RUN(errors_inside_the_nodes_are_those_of_the_whole_document);
	return unit_report();
}
