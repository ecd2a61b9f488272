/*
 * fuzz_sparql.c
 *	  SPARQL CONSTRUCT subset: the input is a query. Whatever parses is
 *	  evaluated over a small fixed graph with terms of every kind, and its
 *	  read terms are listed.
 */
#include "fuzz_common.h"
#include "rdf_syntax.h"
#include "sparql.h"

static const char data[] =
    "@prefix : <http://example.org/> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    ":jan a :Person ; :name \"Jan\" , \"John\"@en ; :age 42 ; :knows :jan , :piet ;\n"
    "  :born \"1982-03-14\"^^xsd:date ; :address _:a ; :score 7.5 , 1e3 ; :ok true .\n"
    ":piet a :Person ; :name \"\" ; :age \"x\"^^xsd:integer ; :code \"c\"^^:t .\n"
    "_:a :city \"Gent\"@nl-BE ; :n -3 .\n";

static void
noop(void *arg, const char *iri, bool is_class, bool in_template)
{
	(void)arg;
	(void)iri;
	(void)is_class;
	(void)in_template;
}

static void
run_query(void *arg)
{
	fuzz_input *in = arg;
	oslo_construct *q = oslo_construct_parse(in->data, in->len, "fuzz query");
	oslo_graph *g = oslo_graph_new(), *out = oslo_graph_new();

	oslo_rdf_parse(g, data, sizeof(data) - 1, OSLO_SYNTAX_TURTLE, NULL);
	oslo_construct_eval(q, g, out);
	oslo_construct_read_terms(q, noop, NULL);
	oslo_graph_free(out);
	oslo_graph_free(g);
	oslo_construct_free(q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data_in, size_t size)
{
	/* a query joining many unrelated patterns is a cross product: keep them small */
	if (size > 4096)
		return 0;
	return fuzz_run(run_query, data_in, size);
}
