/*
 * shacl_functions.c
 *	  SHACL validation against the profiles of oslo.profile. Each backend
 *	  compiles a profile once and keeps it until the catalog changes (the
 *	  table's statement trigger sends a relcache invalidation).
 */
#include "catalog_cache.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "shacl.h"
#include "shacl_text.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(oslo_shapes_check);
PG_FUNCTION_INFO_V1(oslo_validate);
PG_FUNCTION_INFO_V1(oslo_conforms);
PG_FUNCTION_INFO_V1(oslo_validation_results);
PG_FUNCTION_INFO_V1(oslo_validation_report);

typedef struct profile_row
{
	oslo_graph *shapes;
	oslo_graph *background; /* NULL: none */
} profile_row;

typedef struct compiled_profile
{
	oslo_shacl_shapes *shapes;
	oslo_graph *background; /* NULL: none */
} compiled_profile;

static catalog_cache profiles = CATALOG_CACHE("profile");

/* the stored shapes and background of a profile, or an error naming it */
static void *
fetch_profile(const char *name)
{
	MemoryContext caller = CurrentMemoryContext;
	profile_row *row = palloc(sizeof(profile_row));
	Oid argtypes[1] = {TEXTOID};
	Datum values[1] = {CStringGetTextDatum(name)};
	bool isnull;
	Datum d;

	oslo_pg_spi_connect("oslo.profile");
	if (SPI_execute_with_args("SELECT shapes, background FROM oslo.profile WHERE name = $1", 1,
	                          argtypes, values, NULL, true, 1) != SPI_OK_SELECT ||
	    SPI_processed != 1)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
		                errmsg("SHACL profile \"%s\" does not exist", name),
		                errhint("Load it with oslo.profile_load(name, shapes).")));
	/* decode in the caller's context: SPI's goes away at SPI_finish */
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		row->shapes = oslo_pg_graph_from_datum(d);
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
		row->background = isnull ? NULL : oslo_pg_graph_from_datum(d);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	return row;
}

/* compiled shapes plus a copy of the background, in the cache entry's memory */
static void *
build_profile(void *arg)
{
	profile_row *row = arg;
	compiled_profile *kept = oslo_alloc(sizeof(compiled_profile));

	kept->shapes = oslo_shacl_compile(row->shapes);
	kept->background = NULL;
	if (row->background)
	{
		kept->background = oslo_graph_new();
		oslo_graph_merge(kept->background, row->background);
	}
	return kept;
}

static oslo_shacl_report *
validate(FunctionCallInfo fcinfo)
{
	oslo_graph *data = PG_GETARG_OSLO_GRAPH(0);
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	compiled_profile *p = catalog_cache_get(&profiles, name, fetch_profile, build_profile);

	/* data is this call's own decoded copy: no second copy for the validator */
	return oslo_shacl_validate_owned(p->shapes, data, p->background);
}

/* oslo.shapes_check(oslo.graph): compile, so malformed shapes fail at load */
Datum
oslo_shapes_check(PG_FUNCTION_ARGS)
{
	oslo_shacl_shapes *s = oslo_shacl_compile(PG_GETARG_OSLO_GRAPH(0));
	int32 n = (int32)oslo_shacl_shape_count(s);

	/* sh: IRIs SHACL does not define: said once, here at load, not at each compile */
	for (uint32 i = 0; i < oslo_shacl_warning_count(s); i++)
		ereport(WARNING, (errmsg_internal("%s", oslo_shacl_warning_at(s, i)->message),
		                  errdetail("SHACL ignores such a triple: the constraint it was meant to "
		                            "state is not checked.")));
	if (oslo_shacl_sparql_shape_count(s) > 0)
		ereport(NOTICE, (errmsg("%u shapes have SPARQL-based constraints (sh:sparql), which are "
		                        "not evaluated",
		                        oslo_shacl_sparql_shape_count(s))));
	oslo_shacl_shapes_free(s);
	PG_RETURN_INT32(n);
}

Datum
oslo_validate(PG_FUNCTION_ARGS)
{
	oslo_shacl_report *r = validate(fcinfo);
	oslo_buf json;

	oslo_buf_init(&json);
	oslo_shacl_report_json(r, &json);
	oslo_shacl_report_free(r);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(json.data)));
}

Datum
oslo_conforms(PG_FUNCTION_ARGS)
{
	oslo_shacl_report *r = validate(fcinfo);
	bool conforms = r->conforms;

	oslo_shacl_report_free(r);
	PG_RETURN_BOOL(conforms);
}

static Datum
nullable(char *s, bool *isnull)
{
	*isnull = (s == NULL);
	return s ? CStringGetTextDatum(s) : (Datum)0;
}

Datum
oslo_validation_results(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	oslo_shacl_report *r;

	InitMaterializedSRF(fcinfo, 0);
	r = validate(fcinfo);
	for (size_t i = 0; i < r->nresults; i++)
	{
		oslo_shacl_result_text t;
		Datum values[7];
		bool nulls[7];

		oslo_shacl_result_text_get(r, i, &t);
		values[0] = nullable(t.focus_node, &nulls[0]);
		values[1] = nullable(t.result_path, &nulls[1]);
		values[2] = nullable(t.value, &nulls[2]);
		values[3] = nullable(t.source_constraint_component, &nulls[3]);
		values[4] = nullable(t.source_shape, &nulls[4]);
		values[5] = nullable(t.result_severity, &nulls[5]);
		values[6] = nullable(t.result_message, &nulls[6]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	oslo_shacl_report_free(r);
	return (Datum)0;
}

Datum
oslo_validation_report(PG_FUNCTION_ARGS)
{
	oslo_shacl_report *r = validate(fcinfo);
	oslo_graph *g = oslo_shacl_report_graph(r);

	oslo_shacl_report_free(r);
	PG_RETURN_OSLO_GRAPH(g);
}
