/*
 * jsonld_functions.c
 *	  The JSON-LD 1.1 API from SQL. Remote contexts come from oslo.context,
 *	  never from the network: an IRI the catalog lacks is an error naming it.
 *
 * Remote contexts are parsed and processed once per backend (the core's
 * jld_remote_cache.c); each call reports at DEBUG1 what it parsed and
 * processed and what it took from that cache.
 */
#include "pg_host.h"

#include "jsonld_api.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

PG_FUNCTION_INFO_V1(oslo_jsonld_expand);
PG_FUNCTION_INFO_V1(oslo_jsonld_compact);
PG_FUNCTION_INFO_V1(oslo_jsonld_flatten);
PG_FUNCTION_INFO_V1(oslo_graph_from_jsonld);

static const char *
load_from_catalog(const char *iri, void *arg)
{
	return oslo_pg_resolve_context(iri);
}

/* DEBUG1: what this call parsed and processed, and what it found cached */
static void
report_cache_use(const jld_remote_cache_stats *before)
{
	jld_remote_cache_stats after;

	jld_remote_cache_get_stats(&after);
	if (memcmp(&after, before, offsetof(jld_remote_cache_stats, documents)) != 0)
		elog(DEBUG1,
		     "JSON-LD remote contexts: %llu document(s) parsed, %llu found parsed; "
		     "%llu context(s) processed, %llu found processed",
		     (unsigned long long)(after.documents_parsed - before->documents_parsed),
		     (unsigned long long)(after.documents_reused - before->documents_reused),
		     (unsigned long long)(after.contexts_processed - before->contexts_processed),
		     (unsigned long long)(after.contexts_reused - before->contexts_reused));
}

/* a jsonb argument as JSON text, or NULL */
static char *
json_arg(FunctionCallInfo fcinfo, int argno)
{
	Jsonb *j;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	j = PG_GETARG_JSONB_P(argno);
	return JsonbToCString(NULL, &j->root, VARSIZE(j));
}

static Datum
apply(FunctionCallInfo fcinfo, oslo_jsonld_operation op, int context_arg, int options_arg)
{
	char *doc;
	oslo_buf out;
	jld_remote_cache_stats before;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	doc = json_arg(fcinfo, 0);
	oslo_pg_check_input_size(strlen(doc), "JSON-LD document");
	oslo_buf_init(&out);
	jld_remote_cache_get_stats(&before);
	oslo_jsonld_apply(op, doc, strlen(doc), context_arg >= 0 ? json_arg(fcinfo, context_arg) : NULL,
	                  json_arg(fcinfo, options_arg), load_from_catalog, NULL, &out);
	report_cache_use(&before);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}

/* oslo.jsonld_expand(doc jsonb, options jsonb) */
Datum
oslo_jsonld_expand(PG_FUNCTION_ARGS)
{
	return apply(fcinfo, OSLO_JSONLD_EXPAND, -1, 1);
}

/* oslo.jsonld_compact(doc jsonb, context jsonb, options jsonb) */
Datum
oslo_jsonld_compact(PG_FUNCTION_ARGS)
{
	return apply(fcinfo, OSLO_JSONLD_COMPACT, 1, 2);
}

/* oslo.jsonld_flatten(doc jsonb, context jsonb DEFAULT NULL, options jsonb) */
Datum
oslo_jsonld_flatten(PG_FUNCTION_ARGS)
{
	return apply(fcinfo, OSLO_JSONLD_FLATTEN, 1, 2);
}

/* oslo.graph_from_jsonld(doc jsonb [, options jsonb]), also the jsonb -> oslo.graph cast */
Datum
oslo_graph_from_jsonld(PG_FUNCTION_ARGS)
{
	char *doc = json_arg(fcinfo, 0);
	oslo_graph *g;
	jld_remote_cache_stats before;

	oslo_pg_check_input_size(strlen(doc), "JSON-LD document");
	jld_remote_cache_get_stats(&before);
	g = oslo_jsonld_to_graph(doc, strlen(doc), json_arg(fcinfo, 1), load_from_catalog, NULL);
	report_cache_use(&before);
	PG_RETURN_OSLO_GRAPH(g);
}
