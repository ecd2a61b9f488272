/*
 * jsonld_suite.c
 *	  Runs the W3C JSON-LD 1.1 API test suite (expand, toRdf) against the
 *	  core's JSON-LD processor.
 *
 *	jsonld_suite [SUITE_DIR] [--floor FILE] [--verbose]
 *
 * SUITE_DIR (default ../shared/conformance) holds jsonld-api/tests/. Remote
 * documents are served from that folder by mapping the suite's base IRI to
 * it: nothing is fetched from the network. Expanded output is compared with
 * the suite's JSON-LD equality (arrays unordered except @list), toRdf output
 * as datasets (isomorphism with blank nodes).
 */
#include "oslo_standalone.h"
#include "suite.h"
#include "jsonld.h"
#include "rdf_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUITE_BASE "https://w3c.github.io/json-ld-api/tests/"

static suite_result results[] = {{"jsonld-expand"},
                                 {"jsonld-toRdf"},
                                 {"jsonld-compact"},
                                 {"jsonld-flatten"},
                                 {"jsonld-fromRdf"}};
/* the manifest of each suite, in the order of results[] */
static const char *const manifests[] = {"expand-manifest.jsonld", "toRdf-manifest.jsonld",
                                        "compact-manifest.jsonld", "flatten-manifest.jsonld",
                                        "fromRdf-manifest.jsonld"};
#define NSUITES (sizeof(results) / sizeof(results[0]))

/* a test, in malloc'd strings so it outlives the standalone run that read it */
typedef struct test_case
{
	char *id;
	char *name;
	bool negative, syntax_only;
	char *input, *expect, *error_code;
	char *base, *expand_context, *processing_mode, *spec_version, *rdf_direction;
	bool generalized;
	char *requires;
	char *context;
	int compact_arrays, compact_to_relative; /* -1: not given */
	bool use_native_types, use_rdf_type;
} test_case;

typedef struct manifest
{
	const char *dir;
	const char *file;
	test_case *cases;
	int ncases;
} manifest;

static char *
opt_string(const jld_value *obj, const char *key)
{
	const jld_value *v = jld_get(obj, key);

	return v && v->kind == JLD_STRING ? strdup(v->str) : NULL;
}

static void
load_manifest(void *arg)
{
	manifest *m = arg;
	char path[4096];
	size_t len;
	char *text;
	jld_arena *a = jld_arena_new();
	const jld_value *doc, *seq;
	oslo_guard *guard;

	snprintf(path, sizeof(path), "%s/%s", m->dir, m->file);
	text = suite_read_file(path, &len);
	if (!text)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
	guard = oslo_guard_new(free, text);
	doc = jld_parse(a, text, len);
	oslo_guard_release(guard);
	seq = jld_get(doc, "sequence");
	if (!seq || seq->kind != JLD_ARRAY)
		oslo_error(OSLO_ERR_DATA, "%s has no sequence", path);
	m->cases = calloc(seq->count + 1, sizeof(test_case));
	for (size_t i = 0; i < seq->count; i++)
	{
		const jld_value *t = seq->items[i];
		const jld_value *types = jld_get(t, "@type");
		const jld_value *opt = jld_get(t, "option");
		test_case *tc = &m->cases[m->ncases++];
		const jld_value *g;

		tc->id = opt_string(t, "@id");
		tc->name = opt_string(t, "name");
		for (size_t k = 0; types && k < types->count; k++)
		{
			if (strstr(types->items[k]->str, "Negative"))
				tc->negative = true;
			if (strstr(types->items[k]->str, "PositiveSyntax"))
				tc->syntax_only = true;
		}
		tc->input = opt_string(t, "input");
		tc->expect = opt_string(t, "expect");
		tc->error_code = opt_string(t, "expectErrorCode");
		tc->requires = opt_string(t, "requires");
		tc->context = opt_string(t, "context");
		tc->compact_arrays = tc->compact_to_relative = -1;
		if (opt)
		{
			tc->base = opt_string(opt, "base");
			tc->expand_context = opt_string(opt, "expandContext");
			tc->processing_mode = opt_string(opt, "processingMode");
			tc->spec_version = opt_string(opt, "specVersion");
			tc->rdf_direction = opt_string(opt, "rdfDirection");
			g = jld_get(opt, "produceGeneralizedRdf");
			tc->generalized = g && g->kind == JLD_BOOL && g->boolean;
			g = jld_get(opt, "useNativeTypes");
			tc->use_native_types = g && g->kind == JLD_BOOL && g->boolean;
			g = jld_get(opt, "useRdfType");
			tc->use_rdf_type = g && g->kind == JLD_BOOL && g->boolean;
			if ((g = jld_get(opt, "compactArrays")) != NULL && g->kind == JLD_BOOL)
				tc->compact_arrays = g->boolean;
			if ((g = jld_get(opt, "compactToRelative")) != NULL && g->kind == JLD_BOOL)
				tc->compact_to_relative = g->boolean;
		}
	}
	jld_arena_free(a);
}

static void
free_manifest(manifest *m)
{
	for (int i = 0; i < m->ncases; i++)
	{
		test_case *tc = &m->cases[i];
		char *fields[] = {
		    tc->id,   tc->name,           tc->input,           tc->expect,       tc->error_code,
		    tc->base, tc->expand_context, tc->processing_mode, tc->spec_version, tc->rdf_direction};

		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			free(fields[k]);
	}
	free(m->cases);
}

/* --- the document loader: the suite's own files only ----------------------- */

typedef struct loader
{
	const char *dir;
	char *docs[64]; /* texts handed out during one test */
	int ndocs;
} loader;

static const char *
load_document(const char *iri, void *arg)
{
	loader *l = arg;
	char path[4096];
	char *text;

	if (strncmp(iri, SUITE_BASE, strlen(SUITE_BASE)) != 0 || strstr(iri, "..") || l->ndocs == 64)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", l->dir, iri + strlen(SUITE_BASE));
	text = suite_read_file(path, NULL);
	if (text)
		l->docs[l->ndocs++] = text;
	return text;
}

static void
loader_reset(loader *l)
{
	for (int i = 0; i < l->ndocs; i++)
		free(l->docs[i]);
	l->ndocs = 0;
}

/* --- running one test ------------------------------------------------------- */

typedef enum test_kind
{
	KIND_EXPAND,
	KIND_TO_RDF,
	KIND_COMPACT,
	KIND_FLATTEN,
	KIND_FROM_RDF
} test_kind;

typedef struct run_args
{
	const test_case *tc;
	const char *dir;
	test_kind kind;
	loader *ld;
	bool ok;
	char reason[700];
} run_args;

static jld_value *
parse_suite_file(jld_arena *a, const char *dir, const char *file)
{
	char path[4096];
	size_t len;
	char *text;
	jld_value *v;
	oslo_guard *guard;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = suite_read_file(path, &len);
	if (!text)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
	guard = oslo_guard_new(free, text);
	v = jld_parse(a, text, len);
	oslo_guard_release(guard);
	return v;
}

/*
 * fromRdf output names blank nodes afresh (the N-Quads reader relabels them),
 * so labels are compared as wildcards, plus the number of distinct labels.
 */
static size_t
blank_wildcards(jld_value *v, const char **seen, size_t nseen)
{
	if (v->kind == JLD_STRING && strncmp(v->str, "_:", 2) == 0)
	{
		size_t i;

		for (i = 0; i < nseen && strcmp(seen[i], v->str) != 0; i++)
			;
		if (i == nseen && nseen < 1024)
			seen[nseen++] = v->str;
		v->str = "_:";
		v->len = 2;
	}
	else if (v->kind == JLD_ARRAY)
		for (size_t i = 0; i < v->count; i++)
			nseen = blank_wildcards(v->items[i], seen, nseen);
	else if (v->kind == JLD_OBJECT)
		for (size_t i = 0; i < v->count; i++)
			nseen = blank_wildcards(v->members[i].value, seen, nseen);
	return nseen;
}

static bool
equal_up_to_blank_labels(jld_value *got, jld_value *want)
{
	static const char *seen[1024];
	size_t a = blank_wildcards(got, seen, 0);
	size_t b = blank_wildcards(want, seen, 0);

	return a == b && jld_equal(got, want, false);
}

static jld_value *
from_rdf_file(jld_arena *a, const char *dir, const char *file, const jld_options *o)
{
	char path[4096];
	size_t len;
	char *text;
	oslo_guard *guard;
	oslo_graph *g = oslo_graph_new();
	jld_value *v;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = suite_read_file(path, &len);
	if (!text)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
	guard = oslo_guard_new(free, text);
	oslo_rdf_parse(g, text, len, OSLO_SYNTAX_NQUADS, NULL);
	oslo_guard_release(guard);
	v = jld_from_rdf(a, g, o);
	oslo_graph_free(g);
	return v;
}

static void
run_test(void *arg)
{
	run_args *r = arg;
	const test_case *tc = r->tc;
	jld_arena *a = jld_arena_new();
	jld_options o;
	char base[2048];
	jld_value *input;

	jld_options_init(&o);
	snprintf(base, sizeof(base), "%s%s", SUITE_BASE, tc->input);
	o.base = tc->base ? tc->base : base;
	if (tc->processing_mode)
		o.processing_mode = tc->processing_mode;
	o.rdf_direction = tc->rdf_direction;
	o.produce_generalized_rdf = tc->generalized;
	o.load_document = load_document;
	o.loader_arg = r->ld;
	if (tc->expand_context)
		o.expand_context = parse_suite_file(a, r->dir, tc->expand_context);
	o.use_native_types = tc->use_native_types;
	o.use_rdf_type = tc->use_rdf_type;
	if (tc->compact_arrays >= 0)
		o.compact_arrays = tc->compact_arrays;
	if (tc->compact_to_relative >= 0)
		o.compact_to_relative = tc->compact_to_relative;
	input = r->kind == KIND_FROM_RDF ? NULL : parse_suite_file(a, r->dir, tc->input);
	if (r->kind != KIND_TO_RDF)
	{
		jld_value *ctx = tc->context ? parse_suite_file(a, r->dir, tc->context) : NULL;
		jld_value *got;

		switch (r->kind)
		{
			case KIND_COMPACT:
				got = jld_compact(a, input, ctx, &o);
				break;
			case KIND_FLATTEN:
				got = jld_flatten(a, input, ctx, &o);
				break;
			case KIND_FROM_RDF:
				got = from_rdf_file(a, r->dir, tc->input, &o);
				break;
			default:
				got = jld_expand(a, input, &o);
		}

		if (tc->negative)
			goto done;
		{
			jld_value *want = parse_suite_file(a, r->dir, tc->expect);

			if (got->kind == JLD_ARRAY)
				want = jld_as_array(a, want);
			if (r->kind == KIND_FROM_RDF)
			{
				oslo_buf b;

				oslo_buf_init(&b);
				jld_serialize(got, &b); /* before the labels become wildcards */
				r->ok = equal_up_to_blank_labels(got, want);
				if (!r->ok)
					snprintf(r->reason, sizeof(r->reason), "output differs: %.500s", b.data);
				oslo_buf_free(&b);
				goto done;
			}
			r->ok = jld_equal(got, want, false);
			if (!r->ok)
			{
				oslo_buf b;

				oslo_buf_init(&b);
				jld_serialize(got, &b);
				snprintf(r->reason, sizeof(r->reason), "output differs: %.500s", b.data);
				oslo_buf_free(&b);
			}
		}
	}
	else
	{
		oslo_graph *got = oslo_graph_new();

		jld_to_rdf(input, &o, got);
		if (tc->syntax_only)
			r->ok = true;
		if (!tc->negative && !tc->syntax_only)
		{
			oslo_graph *want = oslo_graph_new();
			char path[4096];
			size_t len;
			char *text;
			oslo_guard *guard;

			snprintf(path, sizeof(path), "%s/%s", r->dir, tc->expect);
			text = suite_read_file(path, &len);
			if (!text)
				oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", path);
			guard = oslo_guard_new(free, text);
			oslo_rdf_parse(want, text, len, OSLO_SYNTAX_NQUADS, NULL);
			oslo_guard_release(guard);
			r->ok = oslo_graph_isomorphic(got, want);
			if (!r->ok)
			{
				oslo_buf b;

				oslo_buf_init(&b);
				oslo_rdf_write(got, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
				snprintf(r->reason, sizeof(r->reason),
				         "dataset differs (%zu vs %zu statements): %.500s", oslo_graph_size(got),
				         oslo_graph_size(want), b.data);
				oslo_buf_free(&b);
			}
			oslo_graph_free(want);
		}
		oslo_graph_free(got);
	}
done:
	jld_arena_free(a);
}

static bool verbose;

static void
run_case(const test_case *tc, const char *dir, test_kind kind, suite_result *res)
{
	loader ld = {dir, {0}, 0};
	run_args r = {tc, dir, kind, &ld, false, ""};
	oslo_captured_error err;
	bool done;

	if (tc->spec_version && strcmp(tc->spec_version, "json-ld-1.0") == 0)
	{
		res->skipped++;
		printf("SKIP %s %s: json-ld-1.0 only\n", res->name, tc->id);
		return;
	}
	if (tc->requires && strcmp(tc->requires, "GeneralizedRdf") == 0)
	{
		res->skipped++;
		printf("SKIP %s %s: expects generalized RDF (blank node predicates), which N-Quads "
		       "and oslo_graph do not carry\n",
		       res->name, tc->id);
		return;
	}
	done = oslo_standalone_run(run_test, &r, &err);
	loader_reset(&ld);
	if (tc->negative)
	{
		if (done)
			snprintf(r.reason, sizeof(r.reason), "succeeded, but must fail with \"%s\"",
			         tc->error_code);
		else if (!tc->error_code || !strstr(err.message, tc->error_code))
			snprintf(r.reason, sizeof(r.reason), "failed with \"%.500s\", expected \"%s\"",
			         err.message, tc->error_code ? tc->error_code : "?");
		else
			r.ok = true;
	}
	else if (!done)
		snprintf(r.reason, sizeof(r.reason), "error: %.500s%s%.100s", err.message,
		         err.detail[0] ? " at " : "", err.detail);
	if (r.ok)
		res->passed++;
	else
	{
		res->failed++;
		printf("FAIL %s %s (%s): %s\n", res->name, tc->id, tc->name ? tc->name : "", r.reason);
	}
}

static bool
run_suite(const char *dir, suite_result *res)
{
	const char *file = manifests[res - results];
	manifest m = {dir, file, NULL, 0};
	oslo_captured_error err;
	test_kind kind = strstr(file, "toRdf")     ? KIND_TO_RDF
	                 : strstr(file, "compact") ? KIND_COMPACT
	                 : strstr(file, "flatten") ? KIND_FLATTEN
	                 : strstr(file, "fromRdf") ? KIND_FROM_RDF
	                                           : KIND_EXPAND;

	if (!oslo_standalone_run(load_manifest, &m, &err))
	{
		printf("%s: cannot read %s: %s\n", res->name, file, err.message);
		free_manifest(&m);
		return false;
	}
	for (int i = 0; i < m.ncases; i++)
		run_case(&m.cases[i], dir, kind, res);
	free_manifest(&m);
	return true;
}

int
main(int argc, char **argv)
{
	const char *root = "../shared/conformance";
	const char *floor_file = NULL;
	const char *only = getenv("JSONLD_SUITE_ONLY");
	char dir[4096], probe[4200];
	FILE *f;
	bool ok = true;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc)
			floor_file = argv[++i];
		else if (strcmp(argv[i], "--verbose") == 0)
			verbose = true;
		else
			root = argv[i];
	}
	snprintf(dir, sizeof(dir), "%s/jsonld-api/tests", root);
	snprintf(probe, sizeof(probe), "%s/expand-manifest.jsonld", dir);
	if ((f = fopen(probe, "r")) == NULL)
	{
		printf("skipped: %s not found\n", probe);
		return 0;
	}
	fclose(f);
	oslo_standalone_init();
	for (size_t i = 0; i < NSUITES; i++)
		if (!only || strstr(results[i].name, only))
			ok = run_suite(dir, &results[i]) && ok;
	suite_print(results, NSUITES);
	if (!ok)
		return 1;
	return floor_file ? suite_check_floors(floor_file, results, NSUITES) : 0;
}
