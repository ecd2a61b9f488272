/*
 * oslo_interop_cli.c
 *	  oslo-interop: the core library on the command line, for ETL pipelines
 *	  and for trying formats without a database.
 *
 *	oslo-interop [--plugin-dir DIR] [--mappings DIR] [--codelists PATH] COMMAND ...
 *	  convert --from F --to T [--options JSON] [--time] [FILE|-]
 *	  isomorphic [--format F] FILE1 FILE2		exit 0 when isomorphic, 1 when not
 *	  rml MAPPING [NAME=FILE ...] [--to F] [--base IRI] [--time]
 *										apply an RML mapping to files
 *	  validate --shapes FILE [--background FILE] [--format text|json] DATA...
 *										exit 0 when all conform, 1 when not
 *	  formats | plugins
 *	  align [--alignment NAME] [--part FILE]... [--backward] [--emit-sparql] [--time] [FILE|-]
 *										apply a vocabulary alignment (cli_align.c)
 *	  codelist SCHEME CODE		the concept IRI (needs --codelists PATH or OSLO_CODELISTS:
 *						SKOS files or directories of *.ttl, ':'-separated)
 *
 * Exit status: 0 success, 1 a negative answer, 2 an error (printed with its
 * class, message and detail on stderr).
 */
#include "cli.h"
#include "codelist.h"
#include "oslo_formats.h"
#include "oslo_standalone.h"
#include "rdf_syntax.h"
#include "rml.h"
#include "shacl.h"
#include "shacl_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#ifndef OSLO_DEFAULT_PLUGIN_DIR
#define OSLO_DEFAULT_PLUGIN_DIR "/usr/lib/postgresql/15/lib/oslo_interop"
#endif

static const char *mappings_dir;

static const char *const errclass[] = {"",
                                       "syntax error",
                                       "invalid XML",
                                       "unexpected XML content",
                                       "invalid parameter",
                                       "limit exceeded",
                                       "corrupt data",
                                       "not supported",
                                       "out of memory",
                                       "plugin error",
                                       "data error"};

static void
usage(void)
{
	fputs("usage: oslo-interop [--plugin-dir DIR] [--mappings DIR] [--codelists PATH] COMMAND\n"
	      "  convert --from FORMAT --to FORMAT [--options JSON] [--time] [FILE|-]\n"
	      "  isomorphic [--format FORMAT] FILE1 FILE2   (exit 0: isomorphic, 1: not)\n"
	      "  rml MAPPING.ttl [SOURCE=FILE ...] [--to FORMAT] [--base IRI] [--time]\n"
	      "  align [--alignment NAME] [--part FILE]... [--backward] [--emit-sparql] [FILE|-]\n"
	      "                                             apply an alignment (default semic)\n"
	      "  formats                                    list formats\n"
	      "  plugins                                    list plugins\n"
	      "  codelist SCHEME CODE                       the concept of a code (--codelists PATH)\n",
	      stderr);
	exit(2);
}

char *
cli_read_input(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	oslo_buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "cannot open %s", path);
	oslo_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		oslo_buf_append(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return b.data;
}

/* the file of MANIFEST line "KIND NAME FILE ..." in path, or false */
static bool
manifest_file(const char *kind, const char *name, char *path, size_t size)
{
	char line[4096];
	FILE *f;
	bool found = false;

	if (mappings_dir == NULL)
		return false;
	snprintf(path, size, "%s/MANIFEST", mappings_dir);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f))
	{
		char lkind[64], lname[2048], file[1024];

		if (line[0] == '#' || sscanf(line, "%63s %2047s %1023s", lkind, lname, file) != 3)
			continue;
		if (strcmp(lkind, kind) == 0 && strcmp(lname, name) == 0)
		{
			snprintf(path, size, "%s/%s", mappings_dir, file);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* contexts come from the mappings MANIFEST, as the database's catalog does */
static const char *
resolve_context(const char *iri)
{
	char path[4096];
	size_t len;

	return manifest_file("context", iri, path, sizeof(path)) ? cli_read_input(path, &len) : NULL;
}

/* mappings too, compiled once per run as a backend does once per session */
#define MAX_CLI_MAPPINGS 8

static struct
{
	char *name;
	rml_mapping *mapping;
} cli_mappings[MAX_CLI_MAPPINGS];

static const struct rml_mapping *
resolve_mapping(const char *name)
{
	char path[4096];
	char *base, *body;
	size_t len, i;
	oslo_persist *p;

	for (i = 0; i < MAX_CLI_MAPPINGS && cli_mappings[i].name; i++)
		if (strcmp(cli_mappings[i].name, name) == 0)
			return cli_mappings[i].mapping;
	if (i == MAX_CLI_MAPPINGS || !manifest_file("mapping", name, path, sizeof(path)))
		return NULL;
	p = oslo_persist_begin(); /* a cache entry: no call's error frees it */
	body = cli_read_input(path, &len);
	base = oslo_psprintf("urn:oslo-interop:mapping/%s", name);
	cli_mappings[i].mapping = rml_compile(body, len, base);
	cli_mappings[i].name = oslo_strdup(name);
	oslo_free(base);
	oslo_free(body);
	oslo_persist_commit(p);
	return cli_mappings[i].mapping;
}

double
cli_now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct command
{
	int argc;
	char **argv;
	int result;
} command;

static void
cmd_convert(void *arg)
{
	command *c = arg;
	const char *from = NULL, *to = NULL, *options = NULL, *file = "-";
	char *input;
	size_t len;
	oslo_buf out;
	bool timing = false;
	double t0, t1, t2, t3;

	for (int i = 0; i < c->argc; i++)
	{
		if (strcmp(c->argv[i], "--time") == 0)
			timing = true;
		else if (strcmp(c->argv[i], "--from") == 0 && i + 1 < c->argc)
			from = c->argv[++i];
		else if (strcmp(c->argv[i], "--to") == 0 && i + 1 < c->argc)
			to = c->argv[++i];
		else if (strcmp(c->argv[i], "--options") == 0 && i + 1 < c->argc)
			options = c->argv[++i];
		else
			file = c->argv[i];
	}
	if (from == NULL || to == NULL)
		usage();
	t0 = cli_now_seconds();
	input = cli_read_input(file, &len);
	t1 = cli_now_seconds();
	oslo_buf_init(&out);
	oslo_formats_transform(input, len, from, to, options, &out);
	t2 = cli_now_seconds();
	fwrite(out.data, 1, out.len, stdout);
	if (out.len && out.data[out.len - 1] != '\n')
		fputc('\n', stdout);
	fflush(stdout);
	t3 = cli_now_seconds();
	/*
	 * Benchmarks compare the conversion itself with other processors timed
	 * inside their own runtime: process start-up and plugin loading are not
	 * part of it. "convert" is parse + processing + serialization in memory.
	 */
	if (timing)
		fprintf(stderr, "time: read %.6f s, convert %.6f s, write %.6f s, total %.6f s\n", t1 - t0,
		        t2 - t1, t3 - t2, t3 - t0);
}

static void
cmd_isomorphic(void *arg)
{
	command *c = arg;
	const char *format = "nquads";
	const char *files[2];
	int nfiles = 0;
	oslo_graph *g[2];

	for (int i = 0; i < c->argc; i++)
	{
		if (strcmp(c->argv[i], "--format") == 0 && i + 1 < c->argc)
			format = c->argv[++i];
		else if (nfiles < 2)
			files[nfiles++] = c->argv[i];
		else
			usage();
	}
	if (nfiles != 2)
		usage();
	for (int k = 0; k < 2; k++)
	{
		size_t len;
		char *input = cli_read_input(files[k], &len);

		g[k] = oslo_formats_read(input, len, format, NULL);
	}
	c->result = oslo_graph_isomorphic(g[0], g[1]) ? 0 : 1;
}

const char *
cli_format_of(const char *path)
{
	static const struct
	{
		const char *ending, *format;
	} endings[] = {{".nt", "ntriples"}, {".nq", "nquads"},     {".trig", "trig"},
	               {".ttl", "turtle"},  {".jsonld", "jsonld"}, {".json", "jsonld"},
	               {".xml", "magda"}};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
	{
		size_t e = strlen(endings[i].ending);

		if (n > e && strcmp(path + n - e, endings[i].ending) == 0)
			return endings[i].format;
	}
	return "turtle";
}

static oslo_graph *
read_graph(const char *path)
{
	size_t len;
	char *input = cli_read_input(path, &len);
	oslo_graph *g = oslo_formats_read(input, len, cli_format_of(path), NULL);

	oslo_free(input);
	return g;
}

static void
print_text_report(const char *file, const oslo_shacl_report *r)
{
	printf("%s: %s", file, r->conforms ? "conforms" : "does not conform");
	if (!r->conforms)
		printf(" (%zu result%s)", r->nresults, r->nresults == 1 ? "" : "s");
	putchar('\n');
	for (size_t i = 0; i < r->nresults; i++)
	{
		oslo_shacl_result_text t;
		const char *severity, *component;

		oslo_shacl_result_text_get(r, i, &t);
		severity = strrchr(t.result_severity, '#') ? strrchr(t.result_severity, '#') + 1
		                                           : t.result_severity;
		component = strrchr(t.source_constraint_component, '#') + 1;
		printf("  %-9s %s", severity, t.focus_node);
		if (t.result_path)
			printf("  path %s", t.result_path);
		if (t.value)
			printf("  value \"%s\"", t.value);
		printf("  [%s]", component);
		if (t.result_message)
			printf(" %s", t.result_message);
		putchar('\n');
	}
}

static void
cmd_validate(void *arg)
{
	command *c = arg;
	const char *shapes_file = NULL, *background_file = NULL, *format = "text";
	oslo_shacl_shapes *shapes;
	oslo_graph *background = NULL;
	bool progress = isatty(STDERR_FILENO);
	int ndata = 0;

	for (int i = 0; i < c->argc; i++)
	{
		if (strcmp(c->argv[i], "--shapes") == 0 && i + 1 < c->argc)
			shapes_file = c->argv[++i];
		else if (strcmp(c->argv[i], "--background") == 0 && i + 1 < c->argc)
			background_file = c->argv[++i];
		else if (strcmp(c->argv[i], "--format") == 0 && i + 1 < c->argc)
			format = c->argv[++i];
	}
	if (shapes_file == NULL || (strcmp(format, "text") != 0 && strcmp(format, "json") != 0))
		usage();
	shapes = oslo_shacl_compile(read_graph(shapes_file));
	for (uint32_t w = 0; w < oslo_shacl_warning_count(shapes); w++)
		fprintf(stderr, "WARNING: %s: %s\n", shapes_file,
		        oslo_shacl_warning_at(shapes, w)->message);
	if (oslo_shacl_sparql_shape_count(shapes) > 0)
		fprintf(stderr, "oslo-interop: %u shapes have SPARQL-based constraints, not evaluated\n",
		        oslo_shacl_sparql_shape_count(shapes));
	if (background_file)
		background = read_graph(background_file);
	if (strcmp(format, "json") == 0)
		printf("[");
	for (int i = 0; i < c->argc; i++)
	{
		oslo_graph *data;
		oslo_shacl_report *r;

		if (strncmp(c->argv[i], "--", 2) == 0)
		{
			i++; /* an option and its value */
			continue;
		}
		if (progress)
			fprintf(stderr, "\rreading %s ...\033[K", c->argv[i]);
		data = read_graph(c->argv[i]);
		if (progress)
			fprintf(stderr, "\rvalidating %s (%zu statements) ...\033[K", c->argv[i],
			        oslo_graph_size(data));
		r = oslo_shacl_validate_owned(shapes, data, background); /* frees data with r */
		if (progress)
			fprintf(stderr, "\r\033[K");
		if (strcmp(format, "json") == 0)
		{
			oslo_buf json;

			oslo_buf_init(&json);
			oslo_shacl_report_json(r, &json);
			printf("%s{\"file\": \"", ndata ? ",\n" : "\n");
			for (const char *p = c->argv[i]; *p; p++)
				printf(*p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
			printf("\", \"report\": %s}", json.data);
			oslo_buf_free(&json);
		}
		else
			print_text_report(c->argv[i], r);
		if (!r->conforms)
			c->result = 1;
		ndata++;
		oslo_shacl_report_free(r);
	}
	if (strcmp(format, "json") == 0)
		printf("\n]\n");
	if (ndata == 0)
		usage();
}

/* ---- rml: an RML mapping applied to files named on the command line ---- */

typedef struct rml_file
{
	const char *name; /* the logical source name the mapping uses */
	const char *path;
	char *bytes; /* read when the mapping first asks for the source */
	size_t len;
} rml_file;

typedef struct rml_files
{
	rml_file *items;
	int n;
} rml_files;

/* the engine never opens files: the tool reads the ones given as NAME=FILE */
static const char *
rml_load_file(const char *name, size_t *len, void *arg)
{
	rml_files *files = arg;

	for (int i = 0; i < files->n; i++)
	{
		rml_file *f = &files->items[i];

		if (strcmp(f->name, name) != 0)
			continue;
		if (f->bytes == NULL)
			f->bytes = cli_read_input(f->path, &f->len);
		*len = f->len;
		return f->bytes;
	}
	oslo_error(OSLO_ERR_PARAMETER,
	           "the mapping reads source \"%s\", which is not given: add %s=FILE to the command",
	           name, name);
}

typedef struct rml_output
{
	bool with_graphs; /* N-Quads */
	oslo_buf text;
	oslo_buf terms;  /* the N-Triples form of each term of the batch, once */
	size_t *term_at; /* term id -> offset in terms + 1, 0 when not yet written */
	size_t *term_len;
	size_t term_cap;
	size_t statements;
} rml_output;

static void
put_term(rml_output *o, const oslo_graph *batch, oslo_term_id id)
{
	if (o->term_at[id] == 0)
	{
		o->term_at[id] = o->terms.len + 1;
		oslo_term_to_ntriples(batch, id, &o->terms);
		o->term_len[id] = o->terms.len - (o->term_at[id] - 1);
	}
	oslo_buf_append(&o->text, o->terms.data + o->term_at[id] - 1, o->term_len[id]);
}

/*
 * Line-based output: each batch is written as soon as it is made, in the
 * order the records made it (no sort: the output follows the source).
 */
static void
rml_write_batch(const oslo_graph *batch, void *arg)
{
	rml_output *o = arg;
	const oslo_quad *quads = oslo_graph_quads(batch);
	size_t n = oslo_graph_size(batch);
	size_t nterms = (size_t)oslo_graph_term_count(batch) + 1;

	if (!o->with_graphs && oslo_graph_has_named_graphs(batch))
		oslo_error(OSLO_ERR_PARAMETER,
		           "the mapping makes statements in named graphs: use --to nquads");
	if (nterms > o->term_cap)
	{
		o->term_cap = nterms;
		o->term_at = oslo_realloc(o->term_at, nterms * sizeof(size_t));
		o->term_len = oslo_realloc(o->term_len, nterms * sizeof(size_t));
	}
	memset(o->term_at, 0, nterms * sizeof(size_t));
	oslo_buf_reset(&o->terms);
	oslo_buf_reset(&o->text);
	for (size_t i = 0; i < n; i++)
	{
		put_term(o, batch, quads[i].s);
		oslo_buf_append(&o->text, " ", 1);
		put_term(o, batch, quads[i].p);
		oslo_buf_append(&o->text, " ", 1);
		put_term(o, batch, quads[i].o);
		if (o->with_graphs && quads[i].g)
		{
			oslo_buf_append(&o->text, " ", 1);
			put_term(o, batch, quads[i].g);
		}
		oslo_buf_append(&o->text, " .\n", 3);
	}
	fwrite(o->text.data, 1, o->text.len, stdout);
	o->statements += n;
}

/* the directory of the mapping file as a file: IRI, the default base */
static char *
rml_default_base(const char *mapping_path)
{
	char *abs = realpath(mapping_path, NULL);
	char *slash;
	char *base;

	if (abs == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "cannot open %s", mapping_path);
	slash = strrchr(abs, '/');
	slash[1] = '\0';
	base = oslo_psprintf("file://%s", abs);
	free(abs);
	return base;
}

static void
cmd_rml(void *arg)
{
	command *c = arg;
	const char *mapping_path = NULL, *to = "ntriples", *base = NULL;
	bool timing = false;
	rml_files files = {oslo_alloc0((size_t)c->argc * sizeof(rml_file) + 1), 0};
	rml_output out = {false};
	rml_mapping *m;
	char *turtle;
	size_t len;
	double t0, t1, t2;

	for (int i = 0; i < c->argc; i++)
	{
		const char *a = c->argv[i];
		const char *eq = strchr(a, '=');

		if (strcmp(a, "--time") == 0)
			timing = true;
		else if (strcmp(a, "--to") == 0 && i + 1 < c->argc)
			to = c->argv[++i];
		else if (strcmp(a, "--base") == 0 && i + 1 < c->argc)
			base = c->argv[++i];
		else if (strncmp(a, "--", 2) == 0)
			usage();
		else if (mapping_path == NULL)
			mapping_path = a;
		else if (eq && eq != a && eq[1])
		{
			files.items[files.n].name = oslo_strndup(a, (size_t)(eq - a));
			files.items[files.n++].path = eq + 1;
		}
		else
			oslo_error(OSLO_ERR_PARAMETER, "\"%s\" is not SOURCE=FILE", a);
	}
	if (mapping_path == NULL)
		usage();
	if (oslo_formats_find(to) == NULL || !oslo_formats_find(to)->writable)
		oslo_error(OSLO_ERR_PARAMETER,
		           "unknown output format \"%s\" (see \"oslo-interop formats\")", to);
	t0 = cli_now_seconds();
	turtle = cli_read_input(mapping_path, &len);
	m = rml_compile(turtle, len, base ? base : rml_default_base(mapping_path));
	t1 = cli_now_seconds();
	oslo_buf_init(&out.text);
	oslo_buf_init(&out.terms);
	if (strcmp(to, "ntriples") == 0 || strcmp(to, "nquads") == 0)
	{
		/* statements are written in batches of about 8192: the whole graph is never held */
		out.with_graphs = strcmp(to, "nquads") == 0;
		rml_apply_batched(m, rml_load_file, &files, 8192, rml_write_batch, &out);
	}
	else
	{
		oslo_graph *g = oslo_graph_new();

		rml_apply(m, rml_load_file, &files, g);
		oslo_formats_write(g, to, NULL, &out.text);
		fwrite(out.text.data, 1, out.text.len, stdout);
		out.statements = oslo_graph_size(g);
	}
	fflush(stdout);
	rml_free(m);
	t2 = cli_now_seconds();
	if (timing)
		fprintf(stderr, "time: compile %.6f s, map %.6f s (%zu statements), total %.6f s\n",
		        t1 - t0, t2 - t1, out.statements, t2 - t0);
}

static void
cmd_align(void *arg)
{
	command *c = arg;

	cli_align(c->argc, c->argv, mappings_dir, &c->result);
}

static void
cmd_formats(void *arg)
{
	printf("%-18s %-10s %-4s %-5s %s\n", "name", "provider", "read", "write", "description");
	for (size_t i = 0; i < oslo_formats_count(); i++)
	{
		const oslo_format_info *f = oslo_formats_get(i);

		printf("%-18s %-10s %-4s %-5s %s\n", f->name, f->provider, f->readable ? "yes" : "no",
		       f->writable ? "yes" : "no", f->description ? f->description : "");
	}
}

static void
cmd_plugins(void *arg)
{
	for (size_t i = 0; i < oslo_formats_plugin_count(); i++)
	{
		const oslo_plugin_info *p = oslo_formats_plugin(i);

		printf("%s %s (ABI %u) %s: %s\n", p->name, p->version, p->abi_version, p->path,
		       p->refused ? p->refused : "loaded");
	}
}

/*
 * Code lists (--codelists PATH or OSLO_CODELISTS): files of SKOS, or
 * directories of *.ttl files, separated by ':', read at start-up into an
 * in-memory table -- what the database keeps in oslo.codelist.
 */
static oslo_codelist *codelists;

static const char *
codelist_concept(const char *scheme_iri, const char *code, bool *scheme_known)
{
	if (codelists == NULL)
	{
		*scheme_known = false;
		return NULL;
	}
	return oslo_codelist_get(codelists, scheme_iri, code, scheme_known);
}

static void
load_codelist_file_run(void *path)
{
	oslo_graph *g = read_graph(path);

	oslo_codelist_put_graph(codelists, g);
	oslo_graph_free(g);
}

static void
load_codelist_file(const char *path)
{
	oslo_captured_error err;

	if (!oslo_standalone_run(load_codelist_file_run, (void *)path, &err))
		oslo_error_detail(err.code, err.detail[0] ? err.detail : NULL, "code list %s: %s", path,
		                  err.message);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* every *.ttl of dir, in name order, so a later file's row wins predictably */
static void
load_codelist_dir(const char *dir, DIR *d)
{
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	while ((e = readdir(d)) != NULL)
	{
		size_t len = strlen(e->d_name);

		if (len <= 4 || strcmp(e->d_name + len - 4, ".ttl") != 0)
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 32;
			names = oslo_realloc(names, cap * sizeof(char *));
		}
		names[n++] = oslo_psprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(char *), compare_names);
	for (size_t i = 0; i < n; i++)
	{
		load_codelist_file(names[i]);
		oslo_free(names[i]);
	}
	oslo_free(names);
}

static void
load_codelists(void *paths)
{
	char *list = oslo_strdup(paths);
	char *save = NULL;

	if (codelists == NULL)
		codelists = oslo_codelist_new();
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save))
	{
		DIR *d = opendir(p);

		if (d)
			load_codelist_dir(p, d);
		else
			load_codelist_file(p);
	}
	oslo_free(list);
}

/* codelist SCHEME CODE: the concept, as a plugin would get it (exit 1: none) */
static void
cmd_codelist(void *arg)
{
	command *c = arg;
	bool known;
	const char *concept;

	if (c->argc != 2)
		usage();
	concept = oslo_codelist_concept(c->argv[0], c->argv[1], &known);
	if (concept)
		printf("%s\n", concept);
	else
	{
		fprintf(stderr, "oslo-interop: %s\n",
		        known ? "the code list has neither this code nor an UITZONDERING concept"
		              : "no such code list loaded (--codelists, OSLO_CODELISTS)");
		c->result = 1;
	}
}

int
main(int argc, char **argv)
{
	const char *plugin_dir = getenv("OSLO_PLUGIN_DIR");
	oslo_format_host host = {NULL, NULL, resolve_context, codelist_concept, NULL, resolve_mapping};
	const char *codelist_paths = getenv("OSLO_CODELISTS");
	oslo_captured_error err;
	command c = {0, NULL, 0};
	void (*fn)(void *) = NULL;
	int i = 1;

	if (plugin_dir == NULL)
		plugin_dir = OSLO_DEFAULT_PLUGIN_DIR;
	/* contexts come from the installed mappings, as the database's come from its catalog */
	mappings_dir = getenv("OSLO_MAPPINGS_DIR");
#ifdef OSLO_DEFAULT_MAPPINGS_DIR
	if (mappings_dir == NULL)
		mappings_dir = OSLO_DEFAULT_MAPPINGS_DIR;
#endif
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++)
	{
		if (strcmp(argv[i], "--plugin-dir") == 0 && i + 1 < argc)
			plugin_dir = argv[++i];
		else if (strcmp(argv[i], "--mappings") == 0 && i + 1 < argc)
			mappings_dir = argv[++i];
		else if (strcmp(argv[i], "--codelists") == 0 && i + 1 < argc)
			codelist_paths = argv[++i];
		else
			usage();
	}
	if (i >= argc)
		usage();
	if (strcmp(argv[i], "convert") == 0)
		fn = cmd_convert;
	else if (strcmp(argv[i], "isomorphic") == 0)
		fn = cmd_isomorphic;
	else if (strcmp(argv[i], "validate") == 0)
		fn = cmd_validate;
	else if (strcmp(argv[i], "rml") == 0)
		fn = cmd_rml;
	else if (strcmp(argv[i], "align") == 0)
		fn = cmd_align;
	else if (strcmp(argv[i], "formats") == 0)
		fn = cmd_formats;
	else if (strcmp(argv[i], "plugins") == 0)
		fn = cmd_plugins;
	else if (strcmp(argv[i], "codelist") == 0)
		fn = cmd_codelist;
	else
		usage();
	c.argc = argc - i - 1;
	c.argv = argv + i + 1;

	oslo_standalone_init();
	oslo_formats_set_host(&host);
	cli_align_install_hook(mappings_dir);
	oslo_formats_load_plugins(plugin_dir);
	if ((codelist_paths && *codelist_paths &&
	     !oslo_standalone_run(load_codelists, (void *)codelist_paths, &err)) ||
	    !oslo_standalone_run(fn, &c, &err))
	{
		fprintf(stderr, "oslo-interop: %s: %s\n",
		        err.code > 0 && err.code <= OSLO_ERR_DATA ? errclass[err.code] : "error",
		        err.message);
		if (err.detail[0])
			fprintf(stderr, "DETAIL: %s\n", err.detail);
		return 2;
	}
	return c.result;
}
