/*
 * rml_suite.c
 *	  Runs the kg-construct RML-Core test cases against the RML engine.
 *
 *	rml_suite [SUITE_DIR] [--floor FILE]
 *
 * SUITE_DIR (default ../shared/conformance) holds rml/core-json (JSONPath)
 * and rml/core-xml-csv-pg (XPath, CSV and PostgreSQL cases). Each case folder
 * has mapping.ttl, its input files and output.nq, or no output.nq when the
 * mapping must raise an error. Input files are served to the engine through
 * the source loader; the result is compared with output.nq by isomorphism.
 * Set RML_SUITE_VERBOSE=1 to print the generated N-Quads of failing cases.
 */
#include "oslo_standalone.h"
#include "rdf_syntax.h"
#include "rml.h"
#include "suite.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static suite_result results[] = {{"rml-json"}, {"rml-xml"}, {"rml-csv"}};
/* case folders end in these, in the order of results[] */
static const char *const suffixes[] = {"-JSON", "-XML", "-CSV"};
#define NRESULTS (sizeof(results) / sizeof(results[0]))

/* the files of one case folder, read on demand (plain malloc: they outlive runs) */
typedef struct case_files
{
	const char *dir;
	char *names[16];
	char *data[16];
	size_t n;
} case_files;

static const char *
load_case_file(const char *name, size_t *len, void *arg)
{
	case_files *files = arg;
	char path[4096];
	char *data;

	/* the folder is the whole world of a case */
	if (strstr(name, "..") || strchr(name, '/') || files->n == 16)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", files->dir, name);
	data = suite_read_file(path, len);
	if (data == NULL)
		return NULL;
	files->names[files->n] = strdup(name);
	files->data[files->n++] = data;
	return data;
}

static void
case_files_free(case_files *files)
{
	for (size_t i = 0; i < files->n; i++)
	{
		free(files->names[i]);
		free(files->data[i]);
	}
	files->n = 0;
}

typedef struct run_args
{
	const char *dir;
	const char *base;
	bool expect_error;
	case_files files;
	char reason[2200];
	bool ok;
} run_args;

typedef struct parse_args
{
	oslo_graph *g;
	const char *text;
	size_t len;
} parse_args;

static void
parse_expected(void *p)
{
	parse_args *a = p;

	/* made here so that a failed parse frees all of it */
	a->g = oslo_graph_new();
	oslo_rdf_parse(a->g, a->text, a->len, OSLO_SYNTAX_NQUADS, NULL);
}

/* one N-Quads statement with runs of blanks outside literals squeezed, in host memory */
static char *
normalized_line(const char *s, size_t len)
{
	oslo_buf b;
	bool in_literal = false;

	oslo_buf_init(&b);
	for (size_t i = 0; i < len; i++)
	{
		char c = s[i];

		if (in_literal && c == '\\' && i + 1 < len)
		{
			oslo_buf_putc(&b, c);
			oslo_buf_putc(&b, s[++i]);
			continue;
		}
		/* an IRI's \uXXXX escape is the character itself (ASCII is all the cases need) */
		if (!in_literal && c == '\\' && i + 5 < len && s[i + 1] == 'u' &&
		    strtol((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16) < 0x80)
		{
			oslo_buf_putc(
			    &b, (char)strtol((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16));
			i += 5;
			continue;
		}
		if (c == '"')
			in_literal = !in_literal;
		if (!in_literal && (c == ' ' || c == '\t'))
		{
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				oslo_buf_putc(&b, ' ');
			continue;
		}
		oslo_buf_putc(&b, c);
	}
	while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	return b.data;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sorted lines of N-Quads text (comments and blank lines skipped), in host memory */
static char **
statement_lines(const char *text, size_t len, size_t *n)
{
	char **lines = oslo_alloc((len / 2 + 2) * sizeof(char *));

	*n = 0;
	for (size_t i = 0; i < len;)
	{
		size_t end = i;
		size_t start = i;

		while (end < len && text[end] != '\n')
			end++;
		while (start < end && (text[start] == ' ' || text[start] == '\t' || text[start] == '\r'))
			start++;
		if (start < end && text[start] != '#')
			lines[(*n)++] = normalized_line(text + start, end - start);
		i = end + 1;
	}
	qsort(lines, *n, sizeof(char *), compare_strings);
	return lines;
}

/* compare without blank nodes: the generated N-Quads against the expected text */
static bool
same_lines(const oslo_graph *got, const char *expected, size_t len)
{
	oslo_buf out;
	size_t ngot, nwant;
	char **a, **b;
	bool same;

	oslo_buf_init(&out);
	oslo_rdf_write(got, OSLO_SYNTAX_NQUADS, NULL, 0, &out);
	a = statement_lines(out.data, out.len, &ngot);
	b = statement_lines(expected, len, &nwant);
	same = ngot == nwant;
	if (getenv("RML_SUITE_VERBOSE"))
		printf("--- generated:\n%s---\n", out.data);
	for (size_t i = 0; same && i < ngot; i++)
		same = strcmp(a[i], b[i]) == 0;
	oslo_buf_free(&out);
	return same; /* the lines are freed with this run's memory */
}

static void
run_case(void *p)
{
	run_args *a = p;
	char path[4096];
	size_t len;
	char *text;
	rml_mapping *m;
	oslo_graph *got = oslo_graph_new();
	oslo_graph *want;

	snprintf(path, sizeof(path), "%s/mapping.ttl", a->dir);
	text = suite_read_file(path, &len);
	if (text == NULL)
	{
		snprintf(a->reason, sizeof(a->reason), "no mapping.ttl");
		return;
	}
	/* a failing parse unwinds past us: keep the text in host memory instead */
	{
		char *copy = oslo_strndup(text, len);

		free(text);
		text = copy;
	}
	m = rml_compile(text, len, a->base);
	rml_apply(m, load_case_file, &a->files, got);
	rml_free(m);
	oslo_free(text);
	if (a->expect_error)
	{
		snprintf(a->reason, sizeof(a->reason), "expected an error, got %zu quads",
		         oslo_graph_size(got));
		oslo_graph_free(got);
		return;
	}
	snprintf(path, sizeof(path), "%s/output.nq", a->dir);
	text = suite_read_file(path, &len);
	{
		char *copy = oslo_strndup(text, len);

		free(text);
		text = copy;
	}
	{
		parse_args pa = {NULL, text, len};
		oslo_captured_error err;

		if (!oslo_standalone_run(parse_expected, &pa, &err))
		{
			/* RMLTC0027b expects IRIs with spaces (rml:UnsafeIRI), which N-Quads forbids */
			a->ok = same_lines(got, text, len);
			if (!a->ok)
				snprintf(a->reason, sizeof(a->reason),
				         "differs from output.nq (compared as text: %.200s)", err.message);
			oslo_free(text);
			oslo_graph_free(got);
			return;
		}
		want = pa.g;
	}
	oslo_free(text);
	a->ok = oslo_graph_isomorphic(got, want);
	if (!a->ok)
	{
		snprintf(a->reason, sizeof(a->reason), "not isomorphic: %zu quads, expected %zu",
		         oslo_graph_size(got), oslo_graph_size(want));
		if (getenv("RML_SUITE_VERBOSE"))
		{
			oslo_buf out;

			oslo_buf_init(&out);
			oslo_rdf_write(got, OSLO_SYNTAX_NQUADS, NULL, 0, &out);
			printf("--- generated:\n%s---\n", out.data);
			oslo_buf_free(&out);
		}
	}
	oslo_graph_free(got);
	oslo_graph_free(want);
}

/*
 * "**Default Base IRI**: http://example.com/" in the case README; the older
 * cases (core-xml-csv-pg) have none and expect http://example.com/base/.
 */
static void
case_base_iri(const char *dir, char *base, size_t size)
{
	char path[8300];
	size_t len;
	char *readme, *at;

	snprintf(base, size, "http://example.com/base/");
	snprintf(path, sizeof(path), "%s/README.md", dir);
	readme = suite_read_file(path, &len);
	if (readme == NULL)
		return;
	if ((at = strstr(readme, "**Default Base IRI**: ")) != NULL)
	{
		at += strlen("**Default Base IRI**: ");
		snprintf(base, size, "%.*s", (int)strcspn(at, " \r\n"), at);
	}
	free(readme);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_folder(const char *root, const char *sub, int *skipped)
{
	char dirpath[4096];
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	snprintf(dirpath, sizeof(dirpath), "%s/rml/%s", root, sub);
	if ((d = opendir(dirpath)) == NULL)
	{
		printf("skipped: %s not found\n", dirpath);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "RMLTC", 5) == 0)
		{
			names = realloc(names, (n + 1) * sizeof(char *));
			names[n++] = strdup(e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof(char *), compare_names);
	for (size_t i = 0; i < n; i++)
	{
		suite_result *res = NULL;
		size_t len = strlen(names[i]);
		char casedir[8200], base[512], probe[8300];
		run_args a;
		oslo_captured_error err;
		FILE *f;

		for (size_t r = 0; r < NRESULTS; r++)
		{
			size_t sl = strlen(suffixes[r]);

			if (len > sl && strcmp(names[i] + len - sl, suffixes[r]) == 0)
				res = &results[r];
		}
		if (res == NULL)
		{
			(*skipped)++;
			free(names[i]);
			continue;
		}
		snprintf(casedir, sizeof(casedir), "%s/%s", dirpath, names[i]);
		case_base_iri(casedir, base, sizeof(base));
		snprintf(probe, sizeof(probe), "%s/output.nq", casedir);
		memset(&a, 0, sizeof(a));
		a.dir = casedir;
		a.base = base;
		a.files.dir = casedir;
		if ((f = fopen(probe, "r")) != NULL)
			fclose(f);
		a.expect_error = f == NULL;
		if (!oslo_standalone_run(run_case, &a, &err))
		{
			a.ok = a.expect_error;
			if (!a.ok)
				snprintf(a.reason, sizeof(a.reason), "error %d: %s", (int)err.code, err.message);
			else if (getenv("RML_SUITE_VERBOSE"))
				printf("  %s: expected error: %s\n", names[i], err.message);
		}
		case_files_free(&a.files);
		if (a.ok)
			res->passed++;
		else
		{
			res->failed++;
			printf("FAIL %s: %s\n", names[i], a.reason);
		}
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *root, *floor_file;
	char probe[4200];
	DIR *d;
	int skipped = 0;

	suite_args(argc, argv, &root, &floor_file);
	snprintf(probe, sizeof(probe), "%s/rml", root);
	if ((d = opendir(probe)) == NULL)
	{
		printf("skipped: %s not found\n", probe);
		return 0;
	}
	closedir(d);
	oslo_standalone_init();
	run_folder(root, "core-json", &skipped);
	run_folder(root, "core-xml-csv-pg", &skipped);
	suite_print(results, NRESULTS);
	if (skipped)
		printf("rml-postgresql: %d skipped (database sources are out of scope)\n", skipped);
	return floor_file ? suite_check_floors(floor_file, results, NRESULTS) : 0;
}
