/*
 * pg_shacl_warnings.c
 *	  oslo.shapes_warnings(oslo.graph): the sh: IRIs of a shapes graph that
 *	  SHACL does not define, one row each, as the compiler found them
 *	  (shacl_compile_warn.c). oslo.shapes_check, and so oslo.profile_load,
 *	  raises the same as WARNINGs; this lists them for a query or a test.
 */
#include "pg_host.h"
#include "shacl.h"

#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(oslo_shapes_warnings);

Datum
oslo_shapes_warnings(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	oslo_shacl_shapes *s;

	InitMaterializedSRF(fcinfo, 0);
	s = oslo_shacl_compile(PG_GETARG_OSLO_GRAPH(0));
	for (uint32 i = 0; i < oslo_shacl_warning_count(s); i++)
	{
		const oslo_shacl_warning *w = oslo_shacl_warning_at(s, i);
		Datum values[5];
		bool nulls[5] = {false, false, false, w->meant == NULL, false};

		values[0] = CStringGetTextDatum(w->where);
		values[1] = CStringGetTextDatum(w->term);
		values[2] = CStringGetTextDatum(w->position);
		values[3] = w->meant ? CStringGetTextDatum(w->meant) : (Datum)0;
		values[4] = CStringGetTextDatum(w->message);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	oslo_shacl_shapes_free(s);
	PG_RETURN_NULL();
}
