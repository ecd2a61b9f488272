/*
 * sparql_run.c
 *	  The driver of sparql_jena.sh:
 *	    sparql_run QUERY.rq DATA.ttl      the CONSTRUCT result as N-Triples
 *	    sparql_run --iso A.nt B.nt        exit 0 when the graphs are isomorphic
 *	  Errors print "ERROR <code>: <message>" and exit 2.
 */
#include "oslo_standalone.h"
#include "rdf_syntax.h"
#include "sparql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

typedef struct job
{
	char **argv;
	int status;
} job;

static oslo_graph *
load(const char *path, oslo_rdf_syntax syntax)
{
	size_t len;
	char *text = slurp(path, &len);
	oslo_graph *g = oslo_graph_new();

	oslo_rdf_parse(g, text, len, syntax, "http://example.org/base/");
	free(text);
	return g;
}

static void
run(void *arg)
{
	job *j = arg;

	if (strcmp(j->argv[1], "--iso") == 0)
	{
		oslo_graph *a = load(j->argv[2], OSLO_SYNTAX_NTRIPLES);
		oslo_graph *b = load(j->argv[3], OSLO_SYNTAX_NTRIPLES);

		j->status = oslo_graph_isomorphic(a, b) ? 0 : 1;
		oslo_graph_free(a);
		oslo_graph_free(b);
	}
	else
	{
		size_t len;
		char *text = slurp(j->argv[1], &len);
		oslo_construct *q = oslo_construct_parse(text, len, j->argv[1]);
		oslo_graph *in = load(j->argv[2], OSLO_SYNTAX_TURTLE);
		oslo_graph *out = oslo_graph_new();
		oslo_buf b;

		free(text);
		oslo_construct_eval(q, in, out);
		oslo_buf_init(&b);
		oslo_rdf_write(out, OSLO_SYNTAX_NTRIPLES, NULL, 0, &b);
		fwrite(b.data, 1, b.len, stdout);
		oslo_buf_free(&b);
		oslo_graph_free(out);
		oslo_graph_free(in);
		oslo_construct_free(q);
		j->status = 0;
	}
}

int
main(int argc, char **argv)
{
	oslo_captured_error err;
	job j = {argv, 2};

	if (argc != 3 && !(argc == 4 && strcmp(argv[1], "--iso") == 0))
	{
		fprintf(stderr, "usage: sparql_run QUERY.rq DATA.ttl | sparql_run --iso A.nt B.nt\n");
		return 2;
	}
	oslo_standalone_init();
	if (!oslo_standalone_run(run, &j, &err))
	{
		printf("ERROR %d: %s\n", (int)err.code, err.message);
		return 2;
	}
	return j.status;
}
