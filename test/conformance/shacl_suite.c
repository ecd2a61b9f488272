/*
 * shacl_suite.c
 *	  Runs the W3C SHACL Core test suite against oslo_shacl_validate.
 *
 *	shacl_suite [SUITE_DIR] [--floor FILE]
 *
 * SUITE_DIR (default ../shared/conformance) holds shacl-core/core/. The
 * manifests are followed through mf:include. A test passes when the report
 * graph is isomorphic to the expected one, both reduced to the report, its
 * results and their paths (other objects are compared as terms), without
 * sh:resultMessage unless the expected report has messages -- the rule of the
 * W3C implementation reports. Failures print one line with the reason.
 */
#include "oslo_standalone.h"
#include "suite.h"
#include "rdf_syntax.h"
#include "shacl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MF  "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define SHT "http://www.w3.org/ns/shacl-test#"

typedef struct test_case
{
	char *name;
	char *file;  /* the test file (holds the expected report) */
	char *entry; /* the entry IRI */
	char *data;  /* file paths */
	char *shapes;
} test_case;

static test_case *cases;
static int ncases, cases_cap;
static char **queue;
static int nqueue, queue_cap;
static const char *suite_dir;
static int passed, failed;

static oslo_graph *
parse_file(const char *path)
{
	size_t len;
	char *text = suite_read_file(path, &len);
	oslo_graph *g = oslo_graph_new();
	char *base;
	oslo_guard *guard;

	if (!text)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
	guard = oslo_guard_new(free, text);
	base = oslo_psprintf("file://%s", path);
	oslo_rdf_parse(g, text, len, OSLO_SYNTAX_TURTLE, base);
	oslo_guard_release(guard);
	oslo_free(base);
	return g;
}

static oslo_term_id
iri(oslo_graph *g, const char *s)
{
	return oslo_graph_iri_cstr(g, s);
}

static char *
file_of(const oslo_graph *g, oslo_term_id id)
{
	const char *v = id ? oslo_graph_term(g, id)->value : "";

	return strncmp(v, "file://", 7) == 0 ? strdup(v + 7) : NULL;
}

static void
enqueue(char *path)
{
	if (nqueue == queue_cap)
	{
		queue_cap = queue_cap ? queue_cap * 2 : 64;
		queue = realloc(queue, sizeof(char *) * queue_cap);
	}
	queue[nqueue++] = path;
}

/* read one manifest file: its includes and its test entries */
static void
load_manifest(void *arg)
{
	const char *path = arg;
	oslo_graph *g = parse_file(path);
	oslo_term_id first = iri(g, OSLO_RDF "first"), rest = iri(g, OSLO_RDF "rest"),
	             nil = iri(g, OSLO_RDF "nil"), type = iri(g, OSLO_RDF_TYPE);
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, g, 0, iri(g, MF "include"), 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		char *inc = file_of(g, q.o);

		if (inc)
			enqueue(inc);
	}
	oslo_match_init(&m, g, 0, iri(g, MF "entries"), 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		for (oslo_term_id list = q.o; list && list != nil; list = oslo_graph_object(g, list, rest))
		{
			oslo_term_id entry = oslo_graph_object(g, list, first);
			oslo_term_id action = oslo_graph_object(g, entry, iri(g, MF "action"));
			test_case *tc;
			const char *e = oslo_graph_term(g, entry)->value;
			size_t dirlen = strlen(suite_dir);

			if (!oslo_graph_contains(g, entry, type, iri(g, SHT "Validate"), 0))
				continue;
			if (ncases == cases_cap)
			{
				cases_cap = cases_cap ? cases_cap * 2 : 128;
				cases = realloc(cases, sizeof(test_case) * cases_cap);
			}
			tc = &cases[ncases++];
			tc->file = strdup(path);
			tc->entry = strdup(e);
			tc->name = strdup(strncmp(e + 7, suite_dir, dirlen) == 0 ? e + 7 + dirlen + 1 : e);
			tc->data = file_of(g, oslo_graph_object(g, action, iri(g, SHT "dataGraph")));
			tc->shapes = file_of(g, oslo_graph_object(g, action, iri(g, SHT "shapesGraph")));
		}
	}
}

/* --- comparing reports ---------------------------------------------------- */

static void
copy_closure(oslo_graph *dst, const oslo_graph *src, oslo_term_id node, int depth)
{
	oslo_match m;
	oslo_quad q;

	if (depth > 32)
		return;
	oslo_match_init(&m, src, node, 0, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		oslo_graph_add(dst, oslo_graph_import_term(dst, src, q.s),
		               oslo_graph_import_term(dst, src, q.p), oslo_graph_import_term(dst, src, q.o),
		               0);
		if (oslo_graph_term(src, q.o)->kind == OSLO_TERM_BLANK)
			copy_closure(dst, src, q.o, depth + 1);
	}
}

/*
 * The report, its results and their paths as a graph of their own; other
 * objects (focus nodes, values, shapes) stay leaves.
 */
static oslo_graph *
extract_report(const oslo_graph *g, oslo_term_id report, bool keep_messages, int *nresults)
{
	oslo_graph *out = oslo_graph_new();
	oslo_term_id result = oslo_graph_find_iri(g, OSLO_SH "result", strlen(OSLO_SH "result"));
	oslo_term_id message =
	    oslo_graph_find_iri(g, OSLO_SH "resultMessage", strlen(OSLO_SH "resultMessage"));
	oslo_term_id path = oslo_graph_find_iri(g, OSLO_SH "resultPath", strlen(OSLO_SH "resultPath"));
	oslo_match m, rm;
	oslo_quad q, rq;

	*nresults = 0;
	oslo_match_init(&m, g, report, 0, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		oslo_graph_add(out, oslo_graph_import_term(out, g, q.s),
		               oslo_graph_import_term(out, g, q.p), oslo_graph_import_term(out, g, q.o), 0);
		if (!result || q.p != result)
			continue;
		(*nresults)++;
		oslo_match_init(&rm, g, q.o, 0, 0, OSLO_ANY_GRAPH);
		while (oslo_match_next(&rm, &rq))
		{
			if (rq.p == message && !keep_messages)
				continue;
			oslo_graph_add(out, oslo_graph_import_term(out, g, rq.s),
			               oslo_graph_import_term(out, g, rq.p),
			               oslo_graph_import_term(out, g, rq.o), 0);
			if (rq.p == path && oslo_graph_term(g, rq.o)->kind == OSLO_TERM_BLANK)
				copy_closure(out, g, rq.o, 0);
		}
	}
	return out;
}

typedef struct run_args
{
	const test_case *tc;
	bool ok;
	char reason[800];
} run_args;

static void
describe(const oslo_shacl_report *r, char *buf, size_t size)
{
	size_t used = 0;

	for (size_t i = 0; i < r->nresults && used + 100 < size; i++)
	{
		const oslo_shacl_result *res = &r->results[i];
		const oslo_term *f = oslo_graph_term(r->terms, res->focus);

		used += snprintf(buf + used, size - used, "%s%s@%.60s", i ? ", " : "",
		                 oslo_shacl_component_name(res->component), f->value);
	}
}

static void
run_test(void *arg)
{
	run_args *a = arg;
	const test_case *tc = a->tc;
	oslo_graph *file = parse_file(tc->file);
	oslo_graph *data = strcmp(tc->data, tc->file) == 0 ? file : parse_file(tc->data);
	oslo_graph *shapes_graph = strcmp(tc->shapes, tc->file) == 0 ? file : parse_file(tc->shapes);
	oslo_term_id entry = oslo_graph_iri_cstr(file, tc->entry);
	oslo_term_id expected_node = oslo_graph_object(file, entry, iri(file, MF "result"));
	oslo_term_id message = iri(file, OSLO_SH "resultMessage");
	bool keep_messages = false;
	oslo_shacl_shapes *shapes;
	oslo_shacl_report *report;
	oslo_graph *actual_graph, *expected, *actual;
	oslo_term_id actual_node;
	int nexpected, nactual;
	oslo_match m;

	oslo_match_init(&m, file, 0, message, 0, OSLO_ANY_GRAPH);
	keep_messages = oslo_match_next(&m, NULL);
	shapes = oslo_shacl_compile(shapes_graph);
	report = oslo_shacl_validate(shapes, data, NULL);
	actual_graph = oslo_shacl_report_graph(report);
	{
		oslo_match rm;
		oslo_quad q;

		oslo_match_init(&rm, actual_graph, 0, iri(actual_graph, OSLO_RDF_TYPE),
		                iri(actual_graph, OSLO_SH "ValidationReport"), 0);
		oslo_match_next(&rm, &q);
		actual_node = q.s;
	}
	expected = extract_report(file, expected_node, keep_messages, &nexpected);
	actual = extract_report(actual_graph, actual_node, keep_messages, &nactual);
	a->ok = oslo_graph_isomorphic(expected, actual);
	if (!a->ok)
	{
		char got[500] = "";

		describe(report, got, sizeof(got));
		snprintf(a->reason, sizeof(a->reason), "expected %d results, got %d (conforms %s): %s",
		         nexpected, nactual, report->conforms ? "true" : "false", got);
	}
	oslo_graph_free(expected);
	oslo_graph_free(actual);
	oslo_graph_free(actual_graph);
	oslo_shacl_report_free(report);
	oslo_shacl_shapes_free(shapes);
	if (shapes_graph != file)
		oslo_graph_free(shapes_graph);
	if (data != file)
		oslo_graph_free(data);
	oslo_graph_free(file);
}

int
main(int argc, char **argv)
{
	const char *root, *floor_file;
	char dir[PATH_MAX], probe[PATH_MAX + 64], resolved[PATH_MAX];
	oslo_captured_error err;
	suite_result result = {"shacl-core"};
	FILE *f;

	suite_args(argc, argv, &root, &floor_file);
	snprintf(dir, sizeof(dir), "%s/shacl-core/core", root);
	snprintf(probe, sizeof(probe), "%s/manifest.ttl", dir);
	if ((f = fopen(probe, "r")) == NULL)
	{
		printf("skipped: %s not found\n", probe);
		return 0;
	}
	fclose(f);
	if (!realpath(dir, resolved))
		return 1;
	suite_dir = resolved;
	oslo_standalone_init();
	snprintf(probe, sizeof(probe), "%s/manifest.ttl", resolved);
	enqueue(strdup(probe));
	for (int i = 0; i < nqueue; i++)
	{
		if (!oslo_standalone_run(load_manifest, queue[i], &err))
		{
			printf("shacl-core: cannot read manifest %s: %s\n", queue[i], err.message);
			return 1;
		}
	}
	for (int i = 0; i < ncases; i++)
	{
		run_args a = {&cases[i], false, ""};

		if (!cases[i].data || !cases[i].shapes)
			snprintf(a.reason, sizeof(a.reason), "manifest entry without data or shapes graph");
		else if (!oslo_standalone_run(run_test, &a, &err))
			snprintf(a.reason, sizeof(a.reason), "error: %.700s", err.message);
		if (a.ok)
			passed++;
		else
		{
			failed++;
			printf("FAIL shacl-core %s: %s\n", cases[i].name, a.reason);
		}
	}
	result.passed = passed;
	result.failed = failed;
	suite_print(&result, 1);
	for (int i = 0; i < ncases; i++)
	{
		free(cases[i].name);
		free(cases[i].file);
		free(cases[i].entry);
		free(cases[i].data);
		free(cases[i].shapes);
	}
	for (int i = 0; i < nqueue; i++)
		free(queue[i]);
	free(cases);
	free(queue);
	return floor_file ? suite_check_floors(floor_file, &result, 1) : 0;
}
