/*
 * test_rml_jsonpath.c
 *	  The JSONPath subset of the RML engine, on a json-c document.
 */
#include "rml_jsonpath.h"
#include "unit.h"

#include <json-c/json.h>

static const char doc_text[] = "{\"store\": {\"book\": [{\"title\": \"A\", \"price\": 8},"
                               " {\"title\": \"B\", \"price\": 12, \"tags\": [\"x\", \"y\"]}],"
                               " \"bike\": {\"title\": \"C\", \"price\": 20}},"
                               " \"odd key\": \"spaced\", \"nothing\": null}";

static void
release_json(void *doc)
{
	json_object_put(doc);
}

/* the string values the path selects, joined with "|" (host memory) */
static char *
select_joined(const char *path)
{
	struct json_object *doc = json_tokener_parse(doc_text);
	oslo_guard *g = oslo_guard_new(release_json, doc);
	rml_jsonpath *p = rml_jsonpath_compile(path, NULL);
	rml_json_nodes nodes = {0};
	oslo_buf out;

	rml_jsonpath_eval(p, doc, &nodes);
	oslo_buf_init(&out);
	for (size_t i = 0; i < nodes.n; i++)
	{
		if (i)
			oslo_buf_putc(&out, '|');
		oslo_buf_puts(&out, json_object_get_string(nodes.items[i]));
	}
	rml_json_nodes_free(&nodes);
	rml_jsonpath_free(p);
	oslo_guard_release(g);
	return out.data;
}

#define CHECK_SELECT(path, expected)                                                               \
	do                                                                                             \
	{                                                                                              \
		char *got_ = select_joined(path);                                                          \
		CHECK_STREQ(got_, expected);                                                               \
		oslo_free(got_);                                                                           \
	} while (0)

TEST(member_and_index_steps)
{
	CHECK_SELECT("$.store.book[0].title", "A");
	CHECK_SELECT("$.store.book[-1].title", "B");
	CHECK_SELECT("$['store']['bike'][\"title\"]", "C");
	CHECK_SELECT("$['odd key']", "spaced");
	CHECK_SELECT("$.store.book[5].title", "");
	CHECK_SELECT("$.nothing", "");
}

TEST(wildcards_and_descent)
{
	CHECK_SELECT("$.store.book[*].title", "A|B");
	CHECK_SELECT("$.store.*.price", "20");
	CHECK_SELECT("$..title", "A|B|C");
	CHECK_SELECT("$..price", "8|12|20");
	CHECK_SELECT("$..tags[*]", "x|y");
	CHECK_SELECT("$.store.book[1].tags.*", "x|y");
}

static void
compile_and_free(const char *path)
{
	rml_jsonpath_free(rml_jsonpath_compile(path, "<TM>"));
}

TEST(unsupported_and_malformed_paths)
{
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_free("store.book"));
	CHECK_CONTAINS(unit_err.message, "starts with '$'");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_free("$.a[*]]"));
	CHECK_CONTAINS(unit_err.message, "<TM>: invalid JSONPath \"$.a[*]]\" at offset 6");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_free("$.a[?(@.b)]"));
	CHECK_CONTAINS(unit_err.message, "filter expressions are not supported");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_free("$['a"));
	CHECK_CONTAINS(unit_err.message, "unterminated quoted name");
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile_and_free("$.a[0:2]"));
}

int
main(void)
{
	RUN(member_and_index_steps);
	RUN(wildcards_and_descent);
	RUN(unsupported_and_malformed_paths);
	return unit_report();
}
