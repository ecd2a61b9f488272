/*
 * fuzz_jsonld_context.c
 *	  JSON-LD contexts given by callers (to_jsonld) and transform options:
 *	  JSON parsing with json-c, context processing, and compaction of a small
 *	  graph against whatever parses.
 */
#include "format_options.h"
#include "fuzz_common.h"
#include "jsonld_writer.h"

static void
parse(void *arg)
{
	fuzz_input *in = arg;
	char *text = oslo_strndup(in->data, in->len);
	format_options opts;
	oslo_jsonld_context *ctx;
	oslo_graph *g;
	oslo_buf out;

	if (strlen(text) != in->len)
	{
		oslo_free(text); /* callers' JSON is text: no NUL inside */
		return;
	}
	format_options_parse(&opts, text);
	format_options_free(&opts);
	ctx = oslo_jsonld_context_parse(text, in->len);
	g = oslo_graph_new();
	oslo_graph_add(g, oslo_graph_iri_cstr(g, "http://xmlns.com/foaf/0.1/p1"),
	               oslo_graph_iri_cstr(g, "http://xmlns.com/foaf/0.1/name"),
	               oslo_graph_literal_cstr(g, "Ann", NULL, "en"), 0);
	oslo_graph_add(g, oslo_graph_iri_cstr(g, "http://xmlns.com/foaf/0.1/p1"),
	               oslo_graph_iri_cstr(g, OSLO_RDF_TYPE),
	               oslo_graph_iri_cstr(g, "http://xmlns.com/foaf/0.1/Person"), 0);
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, ctx, NULL, &out);
	oslo_buf_free(&out);
	oslo_graph_free(g);
	oslo_jsonld_context_free(ctx);
	oslo_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(parse, data, size);
}
