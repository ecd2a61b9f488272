/*
 * test_jsonld_remote_cache.c
 *	  Remote contexts are parsed and processed once per process
 *	  (jld_remote_cache.c), and a changed document is seen on the next call.
 */
#include "jsonld_api.h"
#include "unit.h"

#define PERSON_IRI "https://example.org/ctx/person.jsonld"
#define BASE_IRI   "https://example.org/ctx/base.jsonld"
#define VOCAB_IRI  "https://example.org/ctx/vocab.jsonld"
#define BAD_IRI    "https://example.org/ctx/bad.jsonld"

/* the catalog: texts the tests change between calls */
static char person_doc[512];
static char base_doc[512];

static const char *
catalog(const char *iri, void *arg)
{
	if (strcmp(iri, PERSON_IRI) == 0)
		return person_doc;
	if (strcmp(iri, BASE_IRI) == 0)
		return base_doc;
	if (strcmp(iri, VOCAB_IRI) == 0)
		return "{\"@context\": {\"@vocab\": \"#\"}}";
	if (strcmp(iri, BAD_IRI) == 0)
		return "{\"@context\": {\"naam\": {\"@id\": 5}}}";
	return NULL;
}

static void
reset_catalog(void)
{
	snprintf(base_doc, sizeof(base_doc),
	         "{\"@context\": {\"foaf\": \"http://xmlns.com/foaf/0.1/\"}}");
	snprintf(person_doc, sizeof(person_doc),
	         "{\"@context\": [\"" BASE_IRI "\", {\"naam\": \"foaf:name\"}]}");
	jld_remote_cache_invalidate();
	jld_remote_cache_collect();
}

/* expand doc with options (the output is the test run's memory) */
static const char *
expand(const char *doc, const char *options)
{
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_jsonld_apply(OSLO_JSONLD_EXPAND, doc, strlen(doc), NULL, options, catalog, NULL, &out);
	return out.data;
}

static jld_remote_cache_stats
stats_now(void)
{
	jld_remote_cache_stats s;

	jld_remote_cache_get_stats(&s);
	return s;
}

static const char *person = "{\"@context\": \"" PERSON_IRI "\", \"@id\": \"http://e/a\", "
                            "\"naam\": \"Ann\"}";

TEST(second_call_reuses_the_processed_context)
{
	jld_remote_cache_stats s0, s1, s2;

	reset_catalog();
	s0 = stats_now();
	CHECK_STREQ(
	    expand(person, NULL),
	    "[{\"@id\":\"http://e/a\",\"http://xmlns.com/foaf/0.1/name\":[{\"@value\":\"Ann\"}]}]");
	s1 = stats_now();
	/* person.jsonld and the base.jsonld it refers to */
	CHECK(s1.documents_parsed - s0.documents_parsed == 2);
	CHECK(s1.contexts_processed - s0.contexts_processed == 2);
	CHECK(s1.contexts_reused == s0.contexts_reused);
	CHECK(s1.contexts == 1);
	CHECK_STREQ(
	    expand(person, NULL),
	    "[{\"@id\":\"http://e/a\",\"http://xmlns.com/foaf/0.1/name\":[{\"@value\":\"Ann\"}]}]");
	s2 = stats_now();
	CHECK(s2.documents_parsed == s1.documents_parsed);
	CHECK(s2.contexts_processed == s1.contexts_processed);
	CHECK(s2.contexts_reused - s1.contexts_reused == 1);
}

TEST(a_changed_document_is_seen_without_invalidation)
{
	jld_remote_cache_stats s0, s1;

	reset_catalog();
	expand(person, NULL);
	/* the context itself changes */
	snprintf(person_doc, sizeof(person_doc),
	         "{\"@context\": [\"" BASE_IRI "\", {\"naam\": \"foaf:familyName\"}]}");
	s0 = stats_now();
	CHECK_CONTAINS(expand(person, NULL), "\"http://xmlns.com/foaf/0.1/familyName\"");
	s1 = stats_now();
	CHECK(s1.contexts_reused == s0.contexts_reused);
	CHECK(s1.contexts_processed - s0.contexts_processed == 2);
	/* a context it refers to changes: the cached result depends on it too */
	snprintf(base_doc, sizeof(base_doc),
	         "{\"@context\": {\"foaf\": \"http://example.org/other#\"}}");
	CHECK_CONTAINS(expand(person, NULL), "\"http://example.org/other#familyName\"");
	/* and the newest result is reused */
	s0 = stats_now();
	CHECK_CONTAINS(expand(person, NULL), "\"http://example.org/other#familyName\"");
	s1 = stats_now();
	CHECK(s1.contexts_reused - s0.contexts_reused == 1);
	CHECK(s1.documents_parsed == s0.documents_parsed);
}

TEST(invalidation_retires_and_collect_frees)
{
	jld_remote_cache_stats s0, s1;

	reset_catalog();
	expand(person, NULL);
	jld_remote_cache_invalidate();
	/* retired, not freed: a running call might still use them */
	CHECK(stats_now().contexts == 1);
	CHECK(stats_now().documents == 2);
	s0 = stats_now();
	expand(person, NULL);
	s1 = stats_now();
	CHECK(s1.contexts_reused == s0.contexts_reused);
	CHECK(s1.documents_parsed - s0.documents_parsed == 2);
	CHECK(s1.documents == 4);
	jld_remote_cache_invalidate();
	jld_remote_cache_collect();
	CHECK(stats_now().documents == 0);
	CHECK(stats_now().contexts == 0);
}

TEST(the_key_holds_base_iri_and_processing_mode)
{
	const char *doc = "{\"@context\": \"" VOCAB_IRI "\", \"@id\": \"http://e/a\", \"p\": \"x\"}";
	const char *doc11 = "{\"@context\": \"" PERSON_IRI "\", \"@id\": \"http://e/a\", \"naam\": 1}";

	reset_catalog();
	/* @vocab "#" is relative to the document's base */
	CHECK_CONTAINS(expand(doc, "{\"base\": \"http://a.example/doc\"}"),
	               "\"http://a.example/doc#p\"");
	CHECK_CONTAINS(expand(doc, "{\"base\": \"http://b.example/doc\"}"),
	               "\"http://b.example/doc#p\"");
	CHECK_CONTAINS(expand(doc, "{\"base\": \"http://a.example/doc\"}"),
	               "\"http://a.example/doc#p\"");
	/* processed in 1.1 mode, the same context is an error in 1.0 mode (an array context) */
	snprintf(person_doc, sizeof(person_doc),
	         "{\"@context\": {\"@version\": 1.1, \"naam\": \"http://e/n\"}}");
	CHECK_CONTAINS(expand(doc11, NULL), "\"http://e/n\"");
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand(doc11, "{\"processingMode\": \"json-ld-1.0\"}"));
	CHECK_CONTAINS(unit_err.message, "processing mode conflict");
}

TEST(errors_are_not_cached)
{
	const char *doc = "{\"@context\": \"" BAD_IRI "\", \"@id\": \"http://e/a\"}";
	jld_remote_cache_stats s0, s1;

	reset_catalog();
	s0 = stats_now();
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand(doc, NULL));
	CHECK_CONTAINS(unit_err.message, "invalid IRI mapping");
	CHECK_ERROR(OSLO_ERR_PARAMETER, expand(doc, NULL));
	s1 = stats_now();
	CHECK(s1.contexts_processed - s0.contexts_processed == 2);
	CHECK(s1.contexts == 0);
}

/* compaction builds an inverse context on its active context: not on the cached one */
TEST(compaction_with_a_cached_context)
{
	const char *expanded = "[{\"@id\":\"http://e/a\",\"http://xmlns.com/foaf/0.1/name\":\"Ann\"}]";
	oslo_buf out;

	reset_catalog();
	oslo_buf_init(&out);
	for (int i = 0; i < 3; i++)
	{
		oslo_buf_reset(&out);
		oslo_jsonld_apply(OSLO_JSONLD_COMPACT, expanded, strlen(expanded),
		                  "{\"@context\": \"" PERSON_IRI "\"}", NULL, catalog, NULL, &out);
		CHECK_STREQ(out.data,
		            "{\"@context\":\"" PERSON_IRI "\",\"@id\":\"http://e/a\",\"naam\":\"Ann\"}");
	}
	CHECK(stats_now().contexts_reused >= 2);
	oslo_buf_free(&out);
}

/* toRdf of a document with its context by IRI, node by node */
TEST(to_rdf_with_a_cached_context)
{
	const char *doc = "{\"@context\": \"" PERSON_IRI "\", \"@graph\": [{\"@id\": \"http://e/a\", "
	                  "\"naam\": \"Ann\"}, {\"@id\": \"http://e/b\", \"naam\": \"Bob\"}]}";

	reset_catalog();
	for (int i = 0; i < 2; i++)
	{
		oslo_graph *g = oslo_jsonld_to_graph(doc, strlen(doc), NULL, catalog, NULL);

		CHECK(oslo_graph_size(g) == 2);
		oslo_graph_free(g);
	}
}

TEST(collect_frees_everything)
{
	jld_remote_cache_invalidate();
	jld_remote_cache_collect();
	CHECK(stats_now().documents == 0 && stats_now().contexts == 0);
}

int
main(void)
{
	RUN(second_call_reuses_the_processed_context);
	RUN(a_changed_document_is_seen_without_invalidation);
	RUN(invalidation_retires_and_collect_frees);
	RUN(the_key_holds_base_iri_and_processing_mode);
	RUN(errors_are_not_cached);
	RUN(compaction_with_a_cached_context);
	RUN(to_rdf_with_a_cached_context);
	RUN(collect_frees_everything);
	return unit_report();
}
