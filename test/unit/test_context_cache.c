/*
 * test_context_cache.c
 *	  Parsed contexts are cached per process: they survive an error in the
 *	  call that cached them, and a context that fails to parse is not kept.
 */
#include "jsonld_writer.h"
#include "unit.h"

static const char *good = "{\"@context\": {\"naam\": \"http://xmlns.com/foaf/0.1/name\"}}";
static const oslo_jsonld_context *first;

static void
cache_then_fail(void *arg)
{
	first = oslo_jsonld_context_cached(good, strlen(good));
	oslo_error(OSLO_ERR_DATA, "the call fails after caching");
}

TEST(cached_context_survives_an_error_in_its_call)
{
	oslo_captured_error err;
	const oslo_jsonld_context *again;
	oslo_graph *g = oslo_graph_new();
	oslo_buf out;

	CHECK(!oslo_standalone_run(cache_then_fail, NULL, &err));
	again = oslo_jsonld_context_cached(good, strlen(good));
	CHECK(again == first);
	/* and it is still usable (valgrind/ASan would flag freed memory here) */
	oslo_graph_add(g, oslo_graph_iri_cstr(g, "http://e/a"),
	               oslo_graph_iri_cstr(g, "http://xmlns.com/foaf/0.1/name"),
	               oslo_graph_literal_cstr(g, "Ann", NULL, NULL), 0);
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(g, again, NULL, &out);
	CHECK_CONTAINS(out.data, "\"naam\":\"Ann\"");
}

TEST(bad_context_is_not_cached_and_frees_its_memory)
{
	const char *bad = "{\"@context\": {\"naam\": ";
	size_t before = oslo_standalone_live_blocks();

	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_jsonld_context_cached(bad, strlen(bad)));
	CHECK(oslo_standalone_live_blocks() == before);
	CHECK_ERROR(OSLO_ERR_SYNTAX, oslo_jsonld_context_cached(bad, strlen(bad)));
}

TEST(many_contexts_evict_the_oldest)
{
	char json[128];
	const oslo_jsonld_context *a, *b;

	for (int i = 0; i < 40; i++)
	{
		snprintf(json, sizeof(json), "{\"t%d\": \"http://e/%d\"}", i, i);
		CHECK(oslo_jsonld_context_cached(json, strlen(json)) != NULL);
	}
	a = oslo_jsonld_context_cached(json, strlen(json));
	b = oslo_jsonld_context_cached(json, strlen(json));
	CHECK(a == b);
}

int
main(void)
{
	RUN(cached_context_survives_an_error_in_its_call);
	RUN(bad_context_is_not_cached_and_frees_its_memory);
	RUN(many_contexts_evict_the_oldest);
	return unit_report();
}
