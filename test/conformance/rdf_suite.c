/*
 * rdf_suite.c
 *	  Runs the W3C RDF 1.1 N-Triples and Turtle test suites against
 *	  oslo_rdf_parse, plus a serializer round trip over the same inputs.
 *
 *	rdf_suite [SUITE_DIR] [--floor FILE]
 *
 * SUITE_DIR (default ../shared/conformance) holds rdf-tests/rdf11/. The
 * manifests are read with our own Turtle reader. With --floor, FILE lists
 * "suite count" lines and the run fails when a suite passes fewer tests.
 */
#include "oslo_standalone.h"
#include "rdf_syntax.h"
#include "suite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MF   "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define RDFT "http://www.w3.org/ns/rdftest#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
/* manifests are parsed with this base; action IRIs under it name files */
#define LOCAL_BASE "http://oslo.invalid/suite/"

static suite_result results[3] = {{"ntriples"}, {"turtle"}, {"roundtrip"}};

/* a test case, in plain malloc'd strings so it outlives standalone runs */
typedef struct test_case
{
	char *name;
	char *type; /* local name in rdft: */
	char *action_file;
	char *action_base;
	char *result_file;
} test_case;

typedef struct run_args
{
	const test_case *tc;
	const char *dir;
	oslo_rdf_syntax syntax;
	bool ok;
	char reason[600];
} run_args;

static oslo_graph *
parse_file(const char *dir, const char *file, oslo_rdf_syntax syntax, const char *base)
{
	char path[4096];
	size_t len;
	char *text;
	oslo_graph *g = oslo_graph_new();

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = suite_read_file(path, &len);
	if (!text)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
	/* the text is malloc'd: free it even if the parse raises */
	{
		oslo_guard *guard = oslo_guard_new(free, text);

		oslo_rdf_parse(g, text, len, syntax, base);
		oslo_guard_release(guard);
	}
	return g;
}

static void
run_eval(void *arg)
{
	run_args *a = arg;
	oslo_graph *got = parse_file(a->dir, a->tc->action_file, a->syntax, a->tc->action_base);
	oslo_graph *want = parse_file(a->dir, a->tc->result_file, OSLO_SYNTAX_NTRIPLES, NULL);

	a->ok = oslo_graph_isomorphic(got, want);
	if (!a->ok)
		snprintf(a->reason, sizeof(a->reason), "graph differs from %s (%zu vs %zu statements)",
		         a->tc->result_file, oslo_graph_size(got), oslo_graph_size(want));
}

static void
run_parse(void *arg)
{
	run_args *a = arg;

	parse_file(a->dir, a->tc->action_file, a->syntax, a->tc->action_base);
	a->ok = true;
}

static bool
roundtrip_one(const oslo_graph *g, oslo_rdf_syntax syntax, run_args *a)
{
	static const oslo_prefix prefixes[] = {
	    {"rdf", OSLO_RDF},
	    {"xsd", OSLO_XSD},
	    {"ex", "http://example.org/"},
	    {"", "http://a.example/"},
	    {"t", "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"},
	};
	oslo_buf out;
	oslo_graph *back = oslo_graph_new();

	oslo_buf_init(&out);
	oslo_rdf_write(g, syntax, prefixes, sizeof(prefixes) / sizeof(prefixes[0]), &out);
	oslo_rdf_parse(back, out.data, out.len, syntax, NULL);
	if (!oslo_graph_isomorphic(g, back))
	{
		snprintf(a->reason, sizeof(a->reason), "%s output does not read back as the same graph",
		         syntax == OSLO_SYNTAX_TURTLE ? "Turtle" : "N-Triples");
		return false;
	}
	return true;
}

/* parse the input, write Turtle and N-Triples, read both back */
static void
run_roundtrip(void *arg)
{
	run_args *a = arg;
	oslo_graph *g = parse_file(a->dir, a->tc->action_file, a->syntax, a->tc->action_base);

	a->ok = roundtrip_one(g, OSLO_SYNTAX_TURTLE, a) && roundtrip_one(g, OSLO_SYNTAX_NTRIPLES, a);
}

static void
record(suite_result *r, const test_case *tc, bool ok, const char *reason)
{
	if (ok)
		r->passed++;
	else
	{
		r->failed++;
		printf("FAIL %s %s: %s\n", r->name, tc->name, reason);
	}
}

static void
run_case(const test_case *tc, const char *dir, oslo_rdf_syntax syntax, suite_result *r)
{
	run_args a = {tc, dir, syntax, false, ""};
	oslo_captured_error err;
	bool negative = strstr(tc->type, "Negative") != NULL;
	bool eval = strstr(tc->type, "Eval") != NULL && !negative;
	bool done;

	done = oslo_standalone_run(eval ? run_eval : run_parse, &a, &err);
	if (negative)
	{
		if (done)
			record(r, tc, false, "parsed, but must be rejected");
		else if (err.code != OSLO_ERR_SYNTAX)
		{
			snprintf(a.reason, sizeof(a.reason),
			         "rejected with error code %d, not a syntax error: %.400s", (int)err.code,
			         err.message);
			record(r, tc, false, a.reason);
		}
		else
			record(r, tc, true, NULL);
		return;
	}
	if (!done)
	{
		snprintf(a.reason, sizeof(a.reason), "error: %.400s", err.message);
		record(r, tc, false, a.reason);
		return;
	}
	record(r, tc, a.ok, a.reason);

	/* the serializer round trip, for every input we accept */
	a.ok = false;
	a.reason[0] = '\0';
	if (!oslo_standalone_run(run_roundtrip, &a, &err))
		snprintf(a.reason, sizeof(a.reason), "error: %.400s", err.message);
	record(&results[2], tc, a.ok, a.reason);
}

/* --- reading the manifest ------------------------------------------------ */

static oslo_term_id
iri(oslo_graph *g, const char *s)
{
	return oslo_graph_iri_cstr(g, s);
}

static char *
term_string(oslo_graph *g, oslo_term_id id)
{
	return id ? strdup(oslo_graph_term(g, id)->value) : NULL;
}

static char *
local_file(oslo_graph *g, oslo_term_id id)
{
	const char *v;

	if (!id)
		return NULL;
	v = oslo_graph_term(g, id)->value;
	if (strncmp(v, LOCAL_BASE, strlen(LOCAL_BASE)) != 0)
		return NULL;
	return strdup(v + strlen(LOCAL_BASE));
}

typedef struct manifest
{
	const char *dir;
	test_case *cases;
	int ncases;
	char error[600];
} manifest;

static void
load_manifest(void *arg)
{
	manifest *m = arg;
	oslo_graph *g =
	    parse_file(m->dir, "manifest.ttl", OSLO_SYNTAX_TURTLE, LOCAL_BASE "manifest.ttl");
	oslo_term_id first = iri(g, OSLO_RDF "first"), rest = iri(g, OSLO_RDF "rest"),
	             nil = iri(g, OSLO_RDF "nil"), type = iri(g, OSLO_RDF_TYPE);
	oslo_term_id self = iri(g, LOCAL_BASE "manifest.ttl");
	oslo_term_id test_base = oslo_graph_object(g, self, iri(g, MF "assumedTestBase"));
	const char *dirname = strrchr(m->dir, '/') ? strrchr(m->dir, '/') + 1 : m->dir;
	char base[1024];
	oslo_term_id list = oslo_graph_object(g, self, iri(g, MF "entries"));

	if (test_base)
		snprintf(base, sizeof(base), "%s", oslo_graph_term(g, test_base)->value);
	else
		snprintf(base, sizeof(base), "https://w3c.github.io/rdf-tests/rdf/rdf11/%s/", dirname);
	m->cases = calloc(1024, sizeof(test_case));
	while (list && list != nil && m->ncases < 1024)
	{
		oslo_term_id entry = oslo_graph_object(g, list, first);
		test_case *tc = &m->cases[m->ncases++];
		oslo_term_id t = oslo_graph_object(g, entry, type);
		const char *tv = t ? oslo_graph_term(g, t)->value : "";
		char action_base[2048];

		tc->name = term_string(g, oslo_graph_object(g, entry, iri(g, MF "name")));
		if (!tc->name)
			tc->name = term_string(g, entry);
		tc->type = strdup(strncmp(tv, RDFT, strlen(RDFT)) == 0 ? tv + strlen(RDFT) : tv);
		tc->action_file = local_file(g, oslo_graph_object(g, entry, iri(g, MF "action")));
		tc->result_file = local_file(g, oslo_graph_object(g, entry, iri(g, MF "result")));
		snprintf(action_base, sizeof(action_base), "%s%s", base,
		         tc->action_file ? tc->action_file : "");
		tc->action_base = strdup(action_base);
		list = oslo_graph_object(g, list, rest);
	}
}

static bool
run_suite(const char *root, const char *sub, oslo_rdf_syntax syntax, suite_result *r)
{
	manifest m = {0};
	oslo_captured_error err;
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/rdf-tests/rdf11/%s", root, sub);
	m.dir = dir;
	if (!oslo_standalone_run(load_manifest, &m, &err))
	{
		printf("%s: cannot read manifest in %s: %s\n", r->name, dir, err.message);
		return false;
	}
	for (int i = 0; i < m.ncases; i++)
	{
		test_case *tc = &m.cases[i];

		if (!tc->action_file ||
		    (strstr(tc->type, "Eval") && !strstr(tc->type, "Negative") && !tc->result_file))
		{
			record(r, tc, false, "manifest entry without action/result file");
			continue;
		}
		run_case(tc, dir, syntax, r);
	}
	for (int i = 0; i < m.ncases; i++)
	{
		free(m.cases[i].name);
		free(m.cases[i].type);
		free(m.cases[i].action_file);
		free(m.cases[i].action_base);
		free(m.cases[i].result_file);
	}
	free(m.cases);
	return true;
}

int
main(int argc, char **argv)
{
	const char *root, *floor_file;
	char probe[4200];
	FILE *f;
	bool ok;

	suite_args(argc, argv, &root, &floor_file);
	snprintf(probe, sizeof(probe), "%s/rdf-tests/rdf11/rdf-turtle/manifest.ttl", root);
	if ((f = fopen(probe, "r")) == NULL)
	{
		printf("skipped: %s not found\n", probe);
		return 0;
	}
	fclose(f);
	oslo_standalone_init();
	ok = run_suite(root, "rdf-n-triples", OSLO_SYNTAX_NTRIPLES, &results[0]);
	ok = run_suite(root, "rdf-turtle", OSLO_SYNTAX_TURTLE, &results[1]) && ok;
	suite_print(results, 3);
	if (!ok)
		return 1;
	return floor_file ? suite_check_floors(floor_file, results, 3) : 0;
}
