/*
 * test_jsonld_api.c
 *	  The JSON-LD API on text: options by their API names, remote documents
 *	  only through the loader, and the empty cases the fuzzer found.
 */
#include "jsonld_api.h"
#include "unit.h"

static const char *
catalog(const char *iri, void *arg)
{
	return strcmp(iri, "https://example.org/c.jsonld") == 0
	           ? "{\"@context\": {\"naam\": \"http://xmlns.com/foaf/0.1/name\"}}"
	           : NULL;
}

/* found by fuzz_jsonld_doc: a document with no node at all */
TEST(empty_graph_round_trips)
{
	const char *doc = "{\"@value\": \"free-floating value\"}";
	oslo_graph *g = oslo_jsonld_to_graph(doc, strlen(doc), NULL, catalog, NULL);
	oslo_buf out;

	CHECK(oslo_graph_size(g) == 0);
	oslo_buf_init(&out);
	oslo_jsonld_from_graph(g, "{\"@context\": \"https://example.org/c.jsonld\"}", NULL, catalog,
	                       NULL, &out);
	CHECK_STREQ(out.data, "{\"@context\":\"https://example.org/c.jsonld\"}");
	oslo_buf_reset(&out);
	oslo_jsonld_from_graph(g, NULL, NULL, catalog, NULL, &out);
	CHECK_STREQ(out.data, "[]");
}

TEST(expand_context_by_iri_comes_from_the_catalog)
{
	const char *doc = "{\"@id\": \"http://e/a\", \"naam\": \"Ann\"}";
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, strlen(doc), NULL,
	                  "{\"expandContext\": \"https://example.org/c.jsonld\"}", catalog, NULL, &out);
	CHECK_CONTAINS(out.data, "\"http://xmlns.com/foaf/0.1/name\"");
	oslo_buf_reset(&out);
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, strlen(doc), NULL,
	                              "{\"expandContext\": \"https://example.org/other\"}", catalog,
	                              NULL, &out));
	CHECK_CONTAINS(unit_err.message, "https://example.org/other");
}

TEST(options_are_checked_by_name_and_type)
{
	const char *doc = "{}";
	oslo_buf out;

	oslo_buf_init(&out);
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, 2, NULL, "{\"usenativetypes\": true}",
	                              NULL, NULL, &out));
	CHECK_CONTAINS(unit_err.message, "usenativetypes");
	CHECK_ERROR(OSLO_ERR_PARAMETER, oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, 2, NULL,
	                                                  "{\"ordered\": \"yes\"}", NULL, NULL, &out));
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, 2, NULL,
	                              "{\"processingMode\": \"json-ld-2\"}", NULL, NULL, &out));
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            oslo_jsonld_apply(OSLO_JSONLD_COMPACT, doc, 2, NULL, NULL, NULL, NULL, &out));
}

TEST(native_types_option_reaches_from_rdf)
{
	oslo_graph *g = oslo_graph_new();
	oslo_buf out;

	oslo_graph_add(g, oslo_graph_iri_cstr(g, "http://e/a"), oslo_graph_iri_cstr(g, "http://e/n"),
	               oslo_graph_literal_cstr(g, "5", OSLO_XSD "integer", NULL), 0);
	oslo_buf_init(&out);
	oslo_jsonld_from_graph(g, NULL, "{\"useNativeTypes\": true}", NULL, NULL, &out);
	CHECK_CONTAINS(out.data, "{\"@value\":5}");
	oslo_buf_reset(&out);
	oslo_jsonld_from_graph(g, NULL, NULL, NULL, NULL, &out);
	CHECK_CONTAINS(out.data, "\"@value\":\"5\"");
}

int
main(void)
{
	RUN(empty_graph_round_trips);
	RUN(expand_context_by_iri_comes_from_the_catalog);
	RUN(options_are_checked_by_name_and_type);
	RUN(native_types_option_reaches_from_rdf);
	return unit_report();
}
