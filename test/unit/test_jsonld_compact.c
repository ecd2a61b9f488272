/*
 * test_jsonld_compact.c
 *	  JSON-LD 1.1 compaction, flattening and fromRdf of the core processor.
 */
#include "jsonld.h"
#include "rdf_syntax.h"
#include "unit.h"

typedef enum op
{
	OP_COMPACT,
	OP_FLATTEN
} op;

/* run op over JSON text with a context, serialize (malloc'd) */
static char *
apply(op which, const char *text, const char *context, const jld_options *o)
{
	jld_arena *a = jld_arena_new();
	jld_value *in = jld_parse(a, text, strlen(text));
	jld_value *ctx = context ? jld_parse(a, context, strlen(context)) : NULL;
	jld_value *res = which == OP_COMPACT ? jld_compact(a, in, ctx, o) : jld_flatten(a, in, ctx, o);
	oslo_buf out;
	char *copy;

	oslo_buf_init(&out);
	jld_serialize(res, &out);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	jld_arena_free(a);
	return copy;
}

TEST(compacts_with_terms_prefixes_and_coercion)
{
	jld_options o;
	char *s;
	const char *ctx =
	    "{\"@vocab\": \"http://v/\", \"ex\": \"http://ex.org/\","
	    " \"knows\": {\"@type\": \"@id\"}, \"nl\": {\"@id\": \"http://v/nl\", "
	    "\"@language\": \"nl\"}, \"seq\": {\"@id\": \"http://v/seq\", \"@container\": "
	    "\"@list\"}}";

	jld_options_init(&o);
	o.base = "http://other.org/doc";
	s = apply(OP_COMPACT,
	          "[{\"@id\": \"http://other.org/p1\", \"@type\": [\"http://ex.org/T\"],"
	          " \"http://v/knows\": [{\"@id\": \"http://other.org/p2\"}],"
	          " \"http://v/nl\": [{\"@value\": \"hallo\", \"@language\": \"nl\"}],"
	          " \"http://v/name\": [{\"@value\": \"x\"}],"
	          " \"http://v/seq\": [{\"@list\": [{\"@value\": 1}, {\"@value\": 2}]}]}]",
	          ctx, &o);
	/* a prefix wins over a relative IRI; otherwise relative to the base */
	CHECK_CONTAINS(s, "\"@id\":\"p1\"");
	CHECK_CONTAINS(s, "\"@type\":\"ex:T\"");
	CHECK_CONTAINS(s, "\"knows\":\"p2\"");
	CHECK_CONTAINS(s, "\"nl\":\"hallo\"");
	CHECK_CONTAINS(s, "\"name\":\"x\"");
	CHECK_CONTAINS(s, "\"seq\":[1,2]");
	CHECK(strncmp(s, "{\"@context\":{", 13) == 0);
	free(s);
	/* without compactToRelative the @id stays absolute */
	o.compact_to_relative = false;
	s = apply(OP_COMPACT,
	          "{\"@id\": \"http://other.org/p1\", \"http://v/r\": {\"@id\": \"http://ex.org/p3\"}}",
	          ctx, &o);
	CHECK_CONTAINS(s, "\"@id\":\"http://other.org/p1\"");
	CHECK_CONTAINS(s, "\"r\":{\"@id\":\"ex:p3\"}");
	free(s);
}

TEST(compaction_errors_are_reported)
{
	jld_options o;

	jld_options_init(&o);
	/* a term used as prefix that an absolute IRI would be read back through */
	CHECK_ERROR(OSLO_ERR_DATA, free(apply(OP_COMPACT, "{\"@id\": \"tag:x\", \"http://p\": \"v\"}",
	                                      "{\"tag\": \"http://tags/\"}", &o)));
	CHECK_CONTAINS(unit_err.message, "IRI confused with prefix");
	CHECK_ERROR(OSLO_ERR_PARAMETER,
	            free(apply(OP_COMPACT, "{\"http://p\": \"v\"}", "{\"@vocab\": 5}", &o)));
	CHECK_CONTAINS(unit_err.message, "invalid vocab mapping");
}

TEST(flatten_lifts_nested_nodes)
{
	jld_options o;
	char *s;

	jld_options_init(&o);
	s = apply(OP_FLATTEN,
	          "{\"@id\": \"http://a\", \"http://p\": {\"http://q\": \"v\"},"
	          " \"http://r\": {\"@id\": \"http://b\", \"http://q\": \"w\"}}",
	          NULL, &o);
	CHECK_STREQ(s, "[{\"@id\":\"_:b0\",\"http://q\":[{\"@value\":\"v\"}]},"
	               "{\"@id\":\"http://a\",\"http://p\":[{\"@id\":\"_:b0\"}],"
	               "\"http://r\":[{\"@id\":\"http://b\"}]},"
	               "{\"@id\":\"http://b\",\"http://q\":[{\"@value\":\"w\"}]}]");
	free(s);
	s = apply(OP_FLATTEN, "{\"@id\": \"http://a\", \"http://p\": \"v\"}", "{\"p\": \"http://p\"}",
	          &o);
	CHECK_STREQ(s, "{\"@context\":{\"p\":\"http://p\"},\"@graph\":[{\"@id\":\"http://a\","
	               "\"p\":\"v\"}]}");
	free(s);
}

TEST(flatten_keeps_one_of_equal_values_in_long_arrays)
{
	jld_options o;
	oslo_buf in;
	jld_arena *a = jld_arena_new();
	jld_value *flat;
	jld_value *values;

	jld_options_init(&o);
	oslo_buf_init(&in);
	/* 120 values, 60 distinct (1 and 1.0 are equal): past where the value index takes over */
	oslo_buf_puts(&in, "{\"@id\": \"http://a\", \"http://p\": [");
	for (int i = 0; i < 60; i++)
		oslo_buf_printf(&in, "%s{\"@id\": \"http://v/%d\"}, %d%s", i ? ", " : "", i % 30, i % 30,
		                i % 2 ? ".0" : "");
	oslo_buf_puts(&in, "]}");
	flat = jld_flatten(a, jld_parse(a, in.data, in.len), NULL, &o);
	values = jld_get(flat->items[0], "http://p");
	CHECK(values != NULL && values->count == 60);
	oslo_buf_free(&in);
	jld_arena_free(a);
}

static char *
from_rdf_text(const char *nquads, const jld_options *o)
{
	oslo_graph *g = oslo_graph_new();
	jld_arena *a = jld_arena_new();
	oslo_buf out;
	char *copy;

	oslo_rdf_parse(g, nquads, strlen(nquads), OSLO_SYNTAX_NQUADS, NULL);
	oslo_buf_init(&out);
	jld_serialize(jld_from_rdf(a, g, o), &out);
	oslo_graph_free(g);
	copy = strdup(out.data);
	oslo_buf_free(&out);
	jld_arena_free(a);
	return copy;
}

TEST(from_rdf_rebuilds_lists_and_native_types)
{
	jld_options o;
	char *s;
	const char *nq = "<http://s> <http://p> _:l .\n"
	                 "_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\" .\n"
	                 "_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
	                 "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
	                 "<http://s> <http://n> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
	                 "<http://s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://T> "
	                 "<http://g> .\n";

	jld_options_init(&o);
	s = from_rdf_text(nq, &o);
	CHECK_STREQ(s, "[{\"@id\":\"http://g\",\"@graph\":[{\"@id\":\"http://s\",\"@type\":["
	               "\"http://T\"]}]},{\"@id\":\"http://s\",\"http://p\":[{\"@list\":[{\"@value\":"
	               "\"a\"}]}],\"http://n\":[{\"@value\":\"5\",\"@type\":"
	               "\"http://www.w3.org/2001/XMLSchema#integer\"}]}]");
	free(s);
	o.use_native_types = true;
	s = from_rdf_text(nq, &o);
	CHECK_CONTAINS(s, "\"http://n\":[{\"@value\":5}]");
	free(s);
}

TEST(from_rdf_then_to_rdf_gives_the_same_dataset)
{
	const char *nq =
	    "<http://s> <http://p> \"x\"@en .\n"
	    "<http://s> <http://q> _:b <http://g> .\n"
	    "_:b <http://p> \"1.5\"^^<http://www.w3.org/2001/XMLSchema#double> <http://g> .\n";
	oslo_graph *g = oslo_graph_new(), *back = oslo_graph_new();
	jld_arena *a = jld_arena_new();
	jld_options o;

	jld_options_init(&o);
	oslo_rdf_parse(g, nq, strlen(nq), OSLO_SYNTAX_NQUADS, NULL);
	jld_to_rdf(jld_from_rdf(a, g, &o), &o, back);
	CHECK(oslo_graph_size(back) == 3);
	CHECK(oslo_graph_isomorphic(g, back));
	jld_arena_free(a);
	oslo_graph_free(g);
	oslo_graph_free(back);
}

TEST(invalid_json_literal_frees_everything)
{
	const char *nq =
	    "<http://s> <http://p> \"{bad\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n";
	jld_options o;
	size_t before;

	jld_options_init(&o);
	before = oslo_standalone_live_blocks();
	CHECK_ERROR(OSLO_ERR_DATA, free(from_rdf_text(nq, &o)));
	CHECK_CONTAINS(unit_err.message, "invalid JSON literal");
	CHECK(oslo_standalone_live_blocks() == before);
}

int
main(void)
{
	RUN(compacts_with_terms_prefixes_and_coercion);
	RUN(compaction_errors_are_reported);
	RUN(flatten_lifts_nested_nodes);
	RUN(flatten_keeps_one_of_equal_values_in_long_arrays);
	RUN(from_rdf_rebuilds_lists_and_native_types);
	RUN(from_rdf_then_to_rdf_gives_the_same_dataset);
	RUN(invalid_json_literal_frees_everything);
	return unit_report();
}
