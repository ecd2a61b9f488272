/*
 * persoon_im.c
 *	  graph -> oslo-persoon-im: the PersonEnvelope JSON of the OSLO
 *	  MAGDA-Persoon implementation model, compacted against the context the
 *	  host passes as option "context".
 */
#include "magda.h"
#include "jsonld_writer.h"
#include "oslo_terms.h"

#include <string.h>

/* true when id is the object of some statement (it is nested, not a root) */
static bool
is_referenced(const oslo_graph *g, oslo_term_id id)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, g, 0, 0, id, OSLO_ANY_GRAPH);
	return oslo_match_next(&m, &q);
}

/*
 * The one GeregistreerdPersoon that no statement points to. A graph with
 * several (e.g. several responses merged) is refused rather than have one
 * picked silently: the IM envelope carries one person.
 */
static oslo_term_id
envelope_person(const oslo_graph *g)
{
	oslo_term_id type = oslo_graph_find_iri(g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));
	oslo_term_id cls =
	    oslo_graph_find_iri(g, T_GEREGISTREERD_PERSOON, strlen(T_GEREGISTREERD_PERSOON));
	oslo_term_id found = 0;
	int count = 0;
	oslo_match m;
	oslo_quad q;

	if (type && cls)
	{
		oslo_match_init(&m, g, 0, type, cls, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, &q))
		{
			oslo_check_interrupts();
			if (q.s != found && !is_referenced(g, q.s))
			{
				found = q.s;
				count++;
			}
		}
	}
	if (count == 0)
		oslo_error(OSLO_ERR_DATA,
		           "oslo-persoon-im needs a graph with one <%s>; this graph has none "
		           "(a GeefPersoon answer without Persoon?)",
		           T_GEREGISTREERD_PERSOON);
	if (count > 1)
		oslo_error(OSLO_ERR_DATA,
		           "oslo-persoon-im writes one person per PersonEnvelope; this graph has %d "
		           "top-level <%s> nodes",
		           count, T_GEREGISTREERD_PERSOON);
	return found;
}

void
magda_write_persoon_im(const oslo_data *input, const char *options_json, oslo_data *output)
{
	bool is_string = false;
	char *context = magda_option(options_json, "context", &is_string);
	const oslo_jsonld_context *ctx;
	oslo_jsonld_options opts;
	oslo_buf out;

	if (context == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "writing oslo-persoon-im needs option \"context\": the JSON-LD context "
		           "document of %s (mappings/magda/persoon-im.context.jsonld)",
		           MAGDA_PERSOON_IM_CONTEXT);
	if (is_string && context[strspn(context, " \t\r\n")] != '{')
		oslo_error(OSLO_ERR_PARAMETER,
		           "option \"context\" must be the context document, not a reference (\"%s\")",
		           context);
	/* parsed once per process: the same context arrives with every message */
	ctx = oslo_jsonld_context_cached(context, strlen(context));

	memset(&opts, 0, sizeof(opts));
	opts.root = envelope_person(input->graph);
	opts.compact_arrays = true;

	oslo_buf_init(&out);
	oslo_buf_puts(&out, "{\"@context\": \"" MAGDA_PERSOON_IM_CONTEXT "\", "
	                    "\"@type\": \"PersonEnvelope\", \"data\": ");
	oslo_jsonld_write_compacted(input->graph, ctx, &opts, &out);
	oslo_buf_puts(&out, "}");
	oslo_free(context);

	output->kind = OSLO_DATA_BYTES;
	output->bytes = out.data;
	output->len = out.len;
}
