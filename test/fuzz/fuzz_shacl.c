/*
 * fuzz_shacl.c
 *	  SHACL shapes: the input is one Turtle document used as both the shapes
 *	  graph and the data graph (as the W3C SHACL Core tests do). Whatever
 *	  compiles must validate and write its report as RDF and JSON.
 */
#include "fuzz_common.h"
#include "rdf_syntax.h"
#include "shacl.h"

static void
validate(void *arg)
{
	fuzz_input *in = arg;
	oslo_graph *g, *report_graph;
	oslo_shacl_shapes *shapes;
	oslo_shacl_report *report;
	oslo_buf json;

	g = oslo_graph_new();
	oslo_rdf_parse(g, in->data, in->len, OSLO_SYNTAX_TURTLE, "http://example.org/base/");
	shapes = oslo_shacl_compile(g);
	report = oslo_shacl_validate(shapes, g, NULL);
	report_graph = oslo_shacl_report_graph(report);
	oslo_buf_init(&json);
	oslo_shacl_report_json(report, &json);
	oslo_buf_free(&json);
	oslo_graph_free(report_graph);
	oslo_shacl_report_free(report);
	oslo_shacl_shapes_free(shapes);
	oslo_graph_free(g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(validate, data, size);
}
