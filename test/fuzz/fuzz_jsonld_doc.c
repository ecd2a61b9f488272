/*
 * fuzz_jsonld_doc.c
 *	  JSON-LD documents through the 1.1 processor: toRdf, then fromRdf and
 *	  compaction against the document's own context. Remote contexts load
 *	  from a one-entry catalog.
 */
#include "fuzz_common.h"
#include "jsonld_api.h"

static const char *
catalog(const char *iri, void *arg)
{
	return strcmp(iri, "https://example.org/c.jsonld") == 0
	           ? "{\"@context\": {\"@vocab\": \"http://e/\", \"n\": {\"@id\": \"http://e/n\", "
	             "\"@container\": \"@list\"}}}"
	           : NULL;
}

static void
process(void *arg)
{
	fuzz_input *in = arg;
	oslo_graph *g = oslo_jsonld_to_graph(in->data, in->len, NULL, catalog, NULL);
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_from_graph(g, "{\"@context\": \"https://example.org/c.jsonld\"}", NULL, catalog,
	                       NULL, &out);
	oslo_buf_reset(&out);
	oslo_jsonld_apply(OSLO_JSONLD_FLATTEN, in->data, in->len, NULL, "{\"ordered\": true}", catalog,
	                  NULL, &out);
	oslo_buf_free(&out);
	oslo_graph_free(g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(process, data, size);
}
