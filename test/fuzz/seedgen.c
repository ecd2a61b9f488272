/*
 * seedgen.c
 *	  Seeds for the graph decoder: the binary encodings of N-Quads files.
 *	  seedgen OUT_DIR FILE...
 */
#include "oslo_standalone.h"
#include "rdf_syntax.h"

#include <stdio.h>
#include <stdlib.h>

static const char *path;
static const char *out_path;

static void
encode(void *arg)
{
	FILE *f = fopen(path, "rb");
	oslo_buf in, out;
	char chunk[4096];
	size_t n;
	oslo_graph *g = oslo_graph_new();

	if (!f)
		return;
	oslo_buf_init(&in);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		oslo_buf_append(&in, chunk, n);
	fclose(f);
	/* rdf_syntax seeds start with the byte that picks the syntax, as the harness reads it */
	{
		static const oslo_rdf_syntax syntaxes[] = {OSLO_SYNTAX_NTRIPLES, OSLO_SYNTAX_NQUADS,
		                                           OSLO_SYNTAX_TURTLE, OSLO_SYNTAX_TRIG};

		if (in.len < 1)
			return;
		oslo_rdf_parse(g, in.data + 1, in.len - 1, syntaxes[(unsigned char)in.data[0] % 4],
		               "http://example.org/base/");
	}
	oslo_buf_init(&out);
	oslo_graph_encode(g, &out);
	f = fopen(out_path, "wb");
	if (f)
	{
		fwrite(out.data, 1, out.len, f);
		fclose(f);
	}
}

int
main(int argc, char **argv)
{
	oslo_captured_error err;
	char name[4096];

	oslo_standalone_init();
	for (int i = 2; i < argc; i++)
	{
		path = argv[i];
		snprintf(name, sizeof(name), "%s/seed%d.bin", argv[1], i);
		out_path = name;
		if (!oslo_standalone_run(encode, NULL, &err))
			fprintf(stderr, "seedgen: %s: %s\n", path, err.message);
	}
	return 0;
}
