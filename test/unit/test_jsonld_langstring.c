/*
 * test_jsonld_langstring.c
 *	  toRdf of values under a term coerced to rdf:langString (the SEMIC 2.x
 *	  and CPSV-AP 3.x contexts): a string without a language becomes an
 *	  xsd:string literal, as jsonld.js writes it, with one notice per document;
 *	  a value object with @language keeps its tag. The JSON-LD 1.1 algorithm
 *	  alone would give "x"^^rdf:langString, which is no RDF 1.1 literal (our
 *	  graph refused to store it). See docs/eu-contexts.md.
 */
#include "jsonld_api.h"
#include "rdf_syntax.h"
#include "unit.h"

#include <unistd.h>

#define LS  "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#define CTX "\"@context\": {\"n\": {\"@id\": \"http://ex.org/n\", \"@type\": \"" LS "\"}}"
#define CTX_NL                                                                                     \
	"\"@context\": {\"@language\": \"nl\", \"n\": {\"@id\": \"http://ex.org/n\", \"@type\": \"" LS \
	"\"}}"

typedef struct to_rdf_call
{
	const char *doc;
	char *nquads; /* malloc'd */
} to_rdf_call;

static void
run_to_rdf(void *arg)
{
	to_rdf_call *call = arg;
	oslo_graph *g = oslo_jsonld_to_graph(call->doc, strlen(call->doc), NULL, NULL, NULL);
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_write_nquads(g, false, &out);
	call->nquads = strdup(out.data ? out.data : "");
	oslo_buf_free(&out);
	oslo_graph_free(g);
}

/* toRdf of doc as sorted-as-written N-Quads; *notices: what went to stderr (malloc'd) */
static char *
to_nquads(const char *doc, char **notices)
{
	char name[] = "/tmp/oslo_langstring_XXXXXX";
	int fd = mkstemp(name), saved = dup(2);
	to_rdf_call call = {doc, NULL};
	oslo_captured_error err;
	bool ok;

	fflush(stderr);
	dup2(fd, 2);
	ok = oslo_standalone_run(run_to_rdf, &call, &err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	*notices = unit_read_file(name, NULL);
	unlink(name);
	if (!ok)
		fprintf(stderr, "  toRdf failed: %s\n", err.message);
	CHECK(ok);
	return call.nquads ? call.nquads : strdup("");
}

TEST(untagged_string_becomes_xsd_string_with_a_notice)
{
	char *notices;
	char *nq =
	    to_nquads("{" CTX ", \"@id\": \"http://ex.org/a\", \"n\": [\"x\", \"y\"]}", &notices);

	CHECK_CONTAINS(nq, "<http://ex.org/a> <http://ex.org/n> \"x\" .");
	CHECK_CONTAINS(nq, "<http://ex.org/a> <http://ex.org/n> \"y\" .");
	CHECK(strstr(nq, "langString") == NULL);
	/* one notice for the document, not one per value */
	CHECK_CONTAINS(notices, "2 JSON-LD values typed rdf:langString without a language");
	CHECK_CONTAINS(notices, "(first: \"x\")");
	CHECK(strstr(strstr(notices, "NOTICE") + 1, "NOTICE") == NULL);
	free(nq);
	free(notices);
}

TEST(value_object_with_language_keeps_its_tag)
{
	char *notices;
	char *nq = to_nquads("{" CTX ", \"@id\": \"http://ex.org/a\", "
	                     "\"n\": {\"@value\": \"y\", \"@language\": \"en\"}}",
	                     &notices);

	CHECK_STREQ(nq, "<http://ex.org/a> <http://ex.org/n> \"y\"@en .\n");
	CHECK(notices && strstr(notices, "NOTICE") == NULL);
	free(nq);
	free(notices);
}

/*
 * A default @language does not reach a coerced term: JSON-LD 1.1 value
 * expansion adds the term's @type and no language (jsonld.js agrees).
 */
TEST(default_language_does_not_apply_to_coerced_terms)
{
	char *notices;
	char *nq = to_nquads("{" CTX_NL ", \"@id\": \"http://ex.org/a\", \"n\": \"x\", "
	                     "\"http://ex.org/plain\": \"p\"}",
	                     &notices);

	CHECK_CONTAINS(nq, "<http://ex.org/a> <http://ex.org/n> \"x\" .");
	CHECK_CONTAINS(nq, "<http://ex.org/a> <http://ex.org/plain> \"p\"@nl .");
	CHECK_CONTAINS(notices, "1 JSON-LD value typed rdf:langString without a language");
	free(nq);
	free(notices);
}

TEST(explicit_value_object_typed_langstring)
{
	char *notices;
	char *nq = to_nquads("{\"@id\": \"http://ex.org/a\", "
	                     "\"http://ex.org/n\": {\"@value\": \"z\", \"@type\": \"" LS "\"}}",
	                     &notices);

	CHECK_STREQ(nq, "<http://ex.org/a> <http://ex.org/n> \"z\" .\n");
	CHECK_CONTAINS(notices, "(first: \"z\")");
	free(nq);
	free(notices);
}

/* what the graph holds must read back: the old ill-formed literal did not */
TEST(the_result_parses_back_as_ntriples)
{
	char *notices;
	char *nq = to_nquads("{" CTX ", \"@id\": \"http://ex.org/a\", \"n\": \"x\"}", &notices);
	oslo_graph *g = oslo_graph_new();

	oslo_rdf_parse(g, nq, strlen(nq), OSLO_SYNTAX_NQUADS, NULL);
	CHECK(oslo_graph_size(g) == 1);
	oslo_graph_free(g);
	free(nq);
	free(notices);
}

/* the value quoted in the notice is cut between characters, never inside one */
TEST(notice_cuts_utf8_between_characters)
{
	char doc[512];
	char *notices, *nq, *first, *end;

	strcpy(doc, "{" CTX ", \"@id\": \"http://ex.org/a\", \"n\": \"a");
	for (int i = 0; i < 30; i++)
		strcat(doc, "\xc3\xa9"); /* é */
	strcat(doc, "\"}");
	nq = to_nquads(doc, &notices);
	first = strstr(notices, "(first: \"");
	CHECK(first != NULL);
	if (first)
	{
		first += strlen("(first: \"");
		end = strchr(first, '"');
		CHECK(end != NULL);
		/* "a" + 19 characters of 2 bytes: 39 bytes, the 40th would split an é */
		CHECK(end && end - first == 39);
	}
	free(nq);
	free(notices);
}

int
main(void)
{
	RUN(untagged_string_becomes_xsd_string_with_a_notice);
	RUN(value_object_with_language_keeps_its_tag);
	RUN(default_language_does_not_apply_to_coerced_terms);
	RUN(explicit_value_object_typed_langstring);
	RUN(the_result_parses_back_as_ntriples);
	RUN(notice_cuts_utf8_between_characters);
	return unit_report();
}
