/*
 * transform_functions.c
 *	  Formats and plugins from SQL: listing, the generic transform, and the
 *	  MAGDA entry points.
 */
#include "pg_host.h"

#include "funcapi.h"
#include "oslo_formats.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/xml.h"

PG_FUNCTION_INFO_V1(oslo_plugins);
PG_FUNCTION_INFO_V1(oslo_formats);
PG_FUNCTION_INFO_V1(oslo_transform);
PG_FUNCTION_INFO_V1(oslo_graph_from);
PG_FUNCTION_INFO_V1(oslo_magda_to_graph);
PG_FUNCTION_INFO_V1(oslo_magda_to_oslo);

static Datum
nullable_text(const char *s, bool *isnull)
{
	*isnull = (s == NULL);
	return s ? CStringGetTextDatum(s) : (Datum)0;
}

Datum
oslo_plugins(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;

	oslo_pg_load_plugins();
	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < oslo_formats_plugin_count(); i++)
	{
		const oslo_plugin_info *p = oslo_formats_plugin(i);
		const char *file = strrchr(p->path, '/');
		Datum values[6];
		bool nulls[6] = {false};

		values[0] = CStringGetTextDatum(p->name);
		values[1] = CStringGetTextDatum(p->version);
		values[2] = Int32GetDatum((int32)p->abi_version);
		values[3] = CStringGetTextDatum(file ? file + 1 : p->path);
		values[4] = CStringGetTextDatum(p->refused ? "refused" : "loaded");
		values[5] = nullable_text(p->refused ? p->refused : p->description, &nulls[5]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum)0;
}

Datum
oslo_formats(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;

	oslo_pg_load_plugins();
	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < oslo_formats_count(); i++)
	{
		const oslo_format_info *f = oslo_formats_get(i);
		Datum values[6];
		bool nulls[6] = {false};

		values[0] = CStringGetTextDatum(f->name);
		values[1] = CStringGetTextDatum(f->provider);
		values[2] = nullable_text(f->media_type, &nulls[2]);
		values[3] = BoolGetDatum(f->readable);
		values[4] = BoolGetDatum(f->writable);
		values[5] = nullable_text(f->description, &nulls[5]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum)0;
}

static char *
jsonb_arg_text(FunctionCallInfo fcinfo, int argno)
{
	Jsonb *j;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	j = PG_GETARG_JSONB_P(argno);
	return JsonbToCString(NULL, &j->root, VARSIZE(j));
}

/* oslo.transform(input text, from_format text, to_format text, options jsonb) */
Datum
oslo_transform(PG_FUNCTION_ARGS)
{
	text *input = PG_GETARG_TEXT_PP(0);
	char *from = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char *to = text_to_cstring(PG_GETARG_TEXT_PP(2));
	size_t len = VARSIZE_ANY_EXHDR(input);
	oslo_buf out;

	oslo_pg_check_input_size(len, "input");
	/* plugins load at the first call that names a format the core lacks */
	if (oslo_formats_find(from) == NULL || oslo_formats_find(to) == NULL)
		oslo_pg_load_plugins();
	oslo_buf_init(&out);
	oslo_formats_transform(VARDATA_ANY(input), len, from, to, jsonb_arg_text(fcinfo, 3), &out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, (int)out.len));
}

/* oslo.graph_from(input text, format text, options jsonb) */
Datum
oslo_graph_from(PG_FUNCTION_ARGS)
{
	text *input = PG_GETARG_TEXT_PP(0);
	char *format = text_to_cstring(PG_GETARG_TEXT_PP(1));
	size_t len = VARSIZE_ANY_EXHDR(input);

	oslo_pg_check_input_size(len, "input");
	if (oslo_formats_find(format) == NULL)
		oslo_pg_load_plugins();
	PG_RETURN_OSLO_GRAPH(
	    oslo_formats_read(VARDATA_ANY(input), len, format, jsonb_arg_text(fcinfo, 2)));
}

Datum
oslo_magda_to_graph(PG_FUNCTION_ARGS)
{
	/* xml and text share their representation: both overloads land here */
	text *x = PG_GETARG_TEXT_PP(0);
	oslo_graph *g;

	oslo_pg_load_plugins();
	g = oslo_formats_read(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x), "magda", NULL);
	PG_RETURN_OSLO_GRAPH(g);
}

/* the PersonEnvelope JSON of the OSLO MAGDA-Persoon implementation model */
Datum
oslo_magda_to_oslo(PG_FUNCTION_ARGS)
{
	text *x = PG_GETARG_TEXT_PP(0);
	oslo_buf out;

	oslo_pg_load_plugins();
	oslo_buf_init(&out);
	oslo_formats_transform(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x), "magda", "oslo-persoon-im", NULL,
	                       &out);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}
