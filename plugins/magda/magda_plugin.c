/*
 * magda_plugin.c
 *	  The magda plugin: MAGDA GeefPersoon 02.02 and 02.00 responses to OSLO graphs, and
 *	  OSLO graphs to the JSON of the OSLO MAGDA-Persoon implementation model.
 */
#include "magda.h"
#include "magda_request.h"

static void
magda_to_graph(const oslo_data *input, const char *options_json, oslo_data *output)
{
	output->kind = OSLO_DATA_GRAPH;
	output->graph = oslo_graph_new();
	magda_geefpersoon_to_graph(input->xml, output->graph);
}

static const oslo_format_def formats[] = {
    {"magda", "text/xml",
     "a MAGDA SOAP/XML response (SOAP envelope or bare service element); reads "
     "GeefPersoon 02.02 and 02.00",
     NULL},
    {"oslo-persoon-im", "application/ld+json",
     "JSON of the OSLO MAGDA-Persoon implementation model: a PersonEnvelope with one "
     "GeregistreerdPersoon",
     MAGDA_PERSOON_IM_CONTEXT},
    {"magda-request-params", "application/json",
     "parameters of a MAGDA request: {\"service\", \"subject\", \"context\"} "
     "(oslo.magda_request)",
     NULL},
    {"magda-request", "text/xml",
     "a MAGDA request: SOAP 1.1 envelope with the Verzoek of GeefPersoon, GeefOnderneming or "
     "RegistreerInschrijving",
     NULL},
};

static const char *const reads[] = {"magda", NULL};
static const char *const writes[] = {"oslo-persoon-im", NULL};

static const oslo_transform_def transforms[] = {
    {"magda", "graph", OSLO_DATA_XML, OSLO_DATA_GRAPH, magda_to_graph,
     "GeefPersoon 02.02 or 02.00 Persoon (naam, geslacht, geboorte, hoofdverblijfplaats, "
     "registratie, bron, dates) as OSLO Persoon statements"},
    {"graph", "oslo-persoon-im", OSLO_DATA_GRAPH, OSLO_DATA_BYTES, magda_write_persoon_im,
     "the graph's one GeregistreerdPersoon as a PersonEnvelope, compacted with option \"context\""},
    {"magda-request-params", "magda-request", OSLO_DATA_BYTES, OSLO_DATA_BYTES, magda_write_request,
     "the request envelope, every value checked against the service's WebService XSD"},
};

static const oslo_plugin_def plugin = {
    .abi_version = OSLO_PLUGIN_ABI_VERSION,
    .name = "magda",
    .version = "0.1.0",
    .description = "MAGDA (Flemish government data exchange) responses and the OSLO "
                   "MAGDA-Persoon implementation model",
    .formats = formats,
    .nformats = sizeof(formats) / sizeof(formats[0]),
    .reads = reads,
    .writes = writes,
    .transforms = transforms,
    .ntransforms = sizeof(transforms) / sizeof(transforms[0]),
};

OSLO_PLUGIN_EXPORT const oslo_plugin_def *oslo_plugin_describe(void);

const oslo_plugin_def *
oslo_plugin_describe(void)
{
	return &plugin;
}
