/*
 * fuzz_graph_decode.c
 *	  The binary oslo.graph decoder: a value read from disk may be corrupt and
 *	  must be rejected, never trusted. What decodes must re-encode to the
 *	  same bytes and decode again.
 */
#include "fuzz_common.h"
#include "rdf_graph.h"

static void
decode(void *arg)
{
	fuzz_input *in = arg;
	oslo_graph *g = oslo_graph_decode(in->data, in->len);
	oslo_graph *again;
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_graph_encode(g, &b);
	again = oslo_graph_decode(b.data, b.len);
	if (oslo_graph_size(again) != oslo_graph_size(g) || !oslo_graph_isomorphic(g, again))
		abort();
	oslo_graph_free(again);
	oslo_graph_free(g);
	oslo_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(decode, data, size);
}
