/*
 * fuzz_rdf_syntax.c
 *	  N-Triples, N-Quads, Turtle and TriG reading (the first byte picks the
 *	  syntax). What parses must write as N-Quads and read back isomorphic.
 */
#include "fuzz_common.h"
#include "rdf_syntax.h"

static void
parse(void *arg)
{
	fuzz_input *in = arg;
	static const oslo_rdf_syntax syntaxes[] = {OSLO_SYNTAX_NTRIPLES, OSLO_SYNTAX_NQUADS,
	                                           OSLO_SYNTAX_TURTLE, OSLO_SYNTAX_TRIG};
	oslo_graph *g, *again;
	oslo_buf b;

	if (in->len < 1)
		return;
	g = oslo_graph_new();
	oslo_rdf_parse(g, in->data + 1, in->len - 1, syntaxes[(unsigned char)in->data[0] % 4],
	               "http://example.org/base/");
	oslo_buf_init(&b);
	oslo_rdf_write(g, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
	again = oslo_graph_new();
	oslo_rdf_parse(again, b.data, b.len, OSLO_SYNTAX_NQUADS, NULL);
	if (!oslo_graph_isomorphic(g, again))
		abort();
	oslo_buf_reset(&b);
	if (!oslo_graph_size(g) || (unsigned char)in->data[0] % 2 == 0)
		oslo_rdf_write(g, OSLO_SYNTAX_TRIG, NULL, 0, &b);
	oslo_graph_free(again);
	oslo_graph_free(g);
	oslo_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(parse, data, size);
}
