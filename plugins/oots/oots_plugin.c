/*
 * oots_plugin.c
 *	  The oots plugin: the OOTS evidence exchange (EDM v1.0, OASIS ebXML
 *	  RegRep 4) -- evidence requests from parameters, evidence responses as
 *	  SEMIC RDF, and the EDM Schematron rules that need XPath 2.0 as native
 *	  checks.
 */
#include "oots.h"

static const oslo_format_def formats[] = {
    {"oots-request-params", "application/json",
     "parameters of an OOTS evidence request: requester, provider, evidence_type, person, "
     "procedure, ... (oslo.oots_evidence_request)",
     NULL},
    {"oots-request", "application/x-ebrs+xml",
     "an OOTS evidence request: RegRep 4 query:QueryRequest of EDM v1.0", NULL},
    {"oots-response", "application/x-ebrs+xml",
     "an OOTS evidence response or error response: RegRep 4 query:QueryResponse (EDM v1.0, v1.2 "
     "and v2.0 packaging)",
     NULL},
    {"oots-check", "application/json",
     "findings of the native EDM Schematron checks: [{\"rule\", \"severity\", \"location\", "
     "\"message\"}]",
     NULL},
};

static const char *const reads[] = {"oots-response", NULL};
static const char *const writes[] = {NULL};

static const oslo_transform_def transforms[] = {
    {"oots-request-params", "oots-request", OSLO_DATA_BYTES, OSLO_DATA_BYTES, oots_write_request,
     "the QueryRequest, every value checked against the EDM code lists, XSD and Schematron"},
    {"oots-response", "graph", OSLO_DATA_XML, OSLO_DATA_GRAPH, oots_response_to_graph,
     "the evidence metadata, the person or legal entity and the issuing authority in SEMIC terms "
     "(CCCEV, Core Person, Core Location, Core Business); an error response raises its EDM code"},
    {"oots-request", "oots-check", OSLO_DATA_XML, OSLO_DATA_BYTES, oots_write_check,
     "the EDM-REQ rules with matches() as native checks"},
    {"oots-response", "oots-check", OSLO_DATA_XML, OSLO_DATA_BYTES, oots_write_check,
     "the EDM-RESP or EDM-ERR rules with matches() as native checks"},
};

static const oslo_plugin_def plugin = {
    .abi_version = OSLO_PLUGIN_ABI_VERSION,
    .name = "oots",
    .version = "0.1.0",
    .description = "the OOTS evidence exchange of the Single Digital Gateway (EDM on OASIS "
                   "ebXML RegRep 4)",
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
