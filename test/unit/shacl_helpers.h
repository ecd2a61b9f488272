/*
 * shacl_helpers.h
 *	  Small helpers for the SHACL unit tests: Turtle in, report out.
 */
#ifndef OSLO_SHACL_HELPERS_H
#define OSLO_SHACL_HELPERS_H

#include "rdf_syntax.h"
#include "shacl.h"
#include "unit.h"

#define TTL_PREFIXES                                                                               \
	"@prefix sh: <http://www.w3.org/ns/shacl#> .\n"                                                \
	"@prefix ex: <http://example.org/> .\n"                                                        \
	"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"                                         \
	"@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"                               \
	"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"                                    \
	"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"

static __attribute__((unused)) oslo_graph *
ttl(const char *body)
{
	oslo_graph *g = oslo_graph_new();
	char *text = oslo_psprintf("%s%s", TTL_PREFIXES, body);

	oslo_rdf_parse(g, text, strlen(text), OSLO_SYNTAX_TURTLE, "http://example.org/");
	oslo_free(text);
	return g;
}

typedef struct shacl_run
{
	oslo_graph *shapes_graph, *data, *background;
	oslo_shacl_shapes *shapes;
	oslo_shacl_report *report;
} shacl_run;

/* background_ttl may be NULL */
static __attribute__((unused)) shacl_run
run_shacl(const char *shapes_ttl, const char *data_ttl, const char *background_ttl)
{
	shacl_run r;

	r.shapes_graph = ttl(shapes_ttl);
	r.data = ttl(data_ttl);
	r.background = background_ttl ? ttl(background_ttl) : NULL;
	r.shapes = oslo_shacl_compile(r.shapes_graph);
	r.report = oslo_shacl_validate(r.shapes, r.data, r.background);
	return r;
}

static __attribute__((unused)) void
shacl_run_free(shacl_run *r)
{
	oslo_shacl_report_free(r->report);
	oslo_shacl_shapes_free(r->shapes);
	oslo_graph_free(r->shapes_graph);
	oslo_graph_free(r->data);
	if (r->background)
		oslo_graph_free(r->background);
}

static __attribute__((unused)) int
count_component(const oslo_shacl_report *r, oslo_shacl_component c)
{
	int n = 0;

	for (size_t i = 0; i < r->nresults; i++)
		n += r->results[i].component == c;
	return n;
}

/* the report as JSON (host memory; free with oslo_free) */
static __attribute__((unused)) char *
report_json(const oslo_shacl_report *r)
{
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_shacl_report_json(r, &b);
	return b.data;
}

#endif
