/*
 * cli_align.c
 *	  oslo-interop align: apply an alignment (mappings/MANIFEST, kind
 *	  alignment, or the part files given) to an RDF file, or print it as
 *	  plain SPARQL CONSTRUCT queries for another engine; and the "semic:"
 *	  format prefix for "oslo-interop convert".
 *
 *	oslo-interop align [--alignment NAME] [--part FILE]... [--backward]
 *	                   [--from F] [--to F] [--time] [FILE|-]
 *	oslo-interop align [--alignment NAME] [--part FILE]... [--backward] --emit-sparql
 *
 * A part file's role comes from its name, as in the MANIFEST: *.ttl
 * correspondences, *.forward.rq and *.backward.rq queries.
 */
#include "align.h"
#include "cli.h"
#include "oslo_formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* add one part file; its role from its name */
static void
add_part_file(oslo_alignment *a, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base), len;
	char *text = cli_read_input(path, &len);

	if (n > 11 && strcmp(base + n - 11, ".forward.rq") == 0)
		oslo_alignment_add_query(a, OSLO_ALIGN_FORWARD, text, len, base);
	else if (n > 12 && strcmp(base + n - 12, ".backward.rq") == 0)
		oslo_alignment_add_query(a, OSLO_ALIGN_BACKWARD, text, len, base);
	else if (n > 4 && strcmp(base + n - 4, ".ttl") == 0)
		oslo_alignment_add_correspondences(a, text, len, base);
	else
		oslo_error(OSLO_ERR_PARAMETER,
		           "alignment part %s is neither .ttl nor .forward.rq nor .backward.rq", path);
	oslo_free(text);
}

/* every MANIFEST line "alignment NAME PATH ..." */
static oslo_alignment *
load_from_manifest(const char *mappings_dir, const char *name)
{
	char path[4096], line[4096];
	FILE *f;
	oslo_alignment *a = oslo_alignment_new(name);
	int parts = 0;

	if (mappings_dir == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "no mappings directory: give --mappings DIR or --part FILE");
	snprintf(path, sizeof(path), "%s/MANIFEST", mappings_dir);
	f = fopen(path, "r");
	if (f == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "cannot open %s", path);
	while (fgets(line, sizeof(line), f))
	{
		char kind[64], lname[1024], file[1024];

		if (line[0] == '#' || sscanf(line, "%63s %1023s %1023s", kind, lname, file) != 3 ||
		    strcmp(kind, "alignment") != 0 || strcmp(lname, name) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", mappings_dir, file);
		add_part_file(a, path);
		parts++;
	}
	fclose(f);
	if (parts == 0)
		oslo_error(OSLO_ERR_PARAMETER, "alignment \"%s\" is not in %s/MANIFEST", name,
		           mappings_dir);
	return a;
}

static void
usage(void)
{
	fputs("usage: oslo-interop align [--alignment NAME] [--part FILE]... [--backward]\n"
	      "                          [--from FORMAT] [--to FORMAT] [--time] [FILE|-]\n"
	      "       oslo-interop align [--alignment NAME] [--part FILE]... [--backward] "
	      "--emit-sparql\n",
	      stderr);
	exit(2);
}

void
cli_align(int argc, char **argv, const char *mappings_dir, int *result)
{
	const char *name = "semic", *from = NULL, *to = "ntriples", *file = "-";
	oslo_align_direction dir = OSLO_ALIGN_FORWARD;
	bool emit = false, timing = false;
	oslo_alignment *a = NULL;
	oslo_graph *in, *out;
	oslo_buf text;
	char *input;
	size_t len;
	double t0, t1, t2, t3;

	for (int i = 0; i < argc; i++)
	{
		if (strcmp(argv[i], "--alignment") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
		{
			if (a == NULL)
				a = oslo_alignment_new("(files)");
			add_part_file(a, argv[++i]);
		}
		else if (strcmp(argv[i], "--backward") == 0)
			dir = OSLO_ALIGN_BACKWARD;
		else if (strcmp(argv[i], "--emit-sparql") == 0)
			emit = true;
		else if (strcmp(argv[i], "--time") == 0)
			timing = true;
		else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strncmp(argv[i], "--", 2) == 0)
			usage();
		else
			file = argv[i];
	}
	if (a == NULL)
		a = load_from_manifest(mappings_dir, name);
	oslo_buf_init(&text);
	if (emit)
	{
		oslo_alignment_emit_sparql(a, dir, &text);
		fwrite(text.data, 1, text.len, stdout);
		*result = 0;
		return;
	}
	if (from == NULL)
		from = cli_format_of(file);
	t0 = cli_now_seconds();
	input = cli_read_input(file, &len);
	in = oslo_formats_read(input, len, from, NULL);
	oslo_free(input);
	t1 = cli_now_seconds();
	out = oslo_alignment_apply(a, dir, in);
	t2 = cli_now_seconds();
	oslo_formats_write(out, to, NULL, &text);
	fwrite(text.data, 1, text.len, stdout);
	fflush(stdout);
	t3 = cli_now_seconds();
	/* the alignment alone, as benchmarks compare it with an engine timed in its runtime */
	if (timing)
		fprintf(stderr, "time: read %.6f s, align %.6f s (%zu -> %zu statements), write %.6f s\n",
		        t1 - t0, t2 - t1, oslo_graph_size(in), oslo_graph_size(out), t3 - t2);
	*result = 0;
}

/* the "ALIGNMENT:F" format names of convert: alignments of the MANIFEST, the last one kept */
static const char *hook_mappings_dir;
static oslo_alignment *hook_alignment;
static char *hook_alignment_name;

static oslo_graph *
cli_align_hook(const oslo_graph *g, const char *alignment, bool forward)
{
	if (hook_alignment_name == NULL || strcmp(hook_alignment_name, alignment) != 0)
	{
		oslo_persist *p = oslo_persist_begin();

		if (hook_alignment)
		{
			oslo_alignment_free(hook_alignment);
			oslo_free(hook_alignment_name);
			hook_alignment = NULL;
			hook_alignment_name = NULL;
		}
		hook_alignment = load_from_manifest(hook_mappings_dir, alignment);
		hook_alignment_name = oslo_strdup(alignment);
		oslo_persist_commit(p);
	}
	return oslo_alignment_apply(hook_alignment, forward ? OSLO_ALIGN_FORWARD : OSLO_ALIGN_BACKWARD,
	                            g);
}

void
cli_align_install_hook(const char *mappings_dir)
{
	hook_mappings_dir = mappings_dir;
	if (mappings_dir)
		oslo_formats_set_align_hook(cli_align_hook);
}
