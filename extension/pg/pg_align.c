/*
 * pg_align.c
 *	  Alignments from SQL: oslo.align, oslo.to_semic/from_semic,
 *	  oslo.alignment_check, oslo.alignment_sparql, and the "semic:" format
 *	  prefix of oslo.transform. Alignments are read from oslo.alignment,
 *	  compiled once per backend and dropped when the table changes.
 */
#include "catalog_cache.h"

#include "align.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "oslo_formats.h"
#include "pg_host.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(oslo_alignment_check);
PG_FUNCTION_INFO_V1(oslo_align);
PG_FUNCTION_INFO_V1(oslo_alignment_sparql);
PG_FUNCTION_INFO_V1(oslo_to_semic);
PG_FUNCTION_INFO_V1(oslo_from_semic);

#define SEMIC_ALIGNMENT "semic"

static catalog_cache alignments = CATALOG_CACHE("alignment");

typedef struct alignment_rows
{
	char *name;
	int n;
	char **part;
	char **role;
	char **body;
} alignment_rows;

static void *
fetch_alignment(const char *name)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid argtypes[1] = {TEXTOID};
	Datum values[1] = {CStringGetTextDatum(name)};
	alignment_rows *rows = palloc0(sizeof(alignment_rows));

	rows->name = pstrdup(name);
	oslo_pg_spi_connect("oslo.alignment");
	/* correspondences first, then the queries in part order: a stable build */
	if (SPI_execute_with_args("SELECT part, role, body FROM oslo.alignment WHERE alignment = $1 "
	                          "ORDER BY role <> 'correspondences', part, role",
	                          1, argtypes, values, NULL, true, 0) == SPI_OK_SELECT)
	{
		rows->n = (int)SPI_processed;
		rows->part = MemoryContextAlloc(caller, sizeof(char *) * (rows->n + 1));
		rows->role = MemoryContextAlloc(caller, sizeof(char *) * (rows->n + 1));
		rows->body = MemoryContextAlloc(caller, sizeof(char *) * (rows->n + 1));
		for (int i = 0; i < rows->n; i++)
		{
			HeapTuple t = SPI_tuptable->vals[i];
			TupleDesc d = SPI_tuptable->tupdesc;

			rows->part[i] = MemoryContextStrdup(caller, SPI_getvalue(t, d, 1));
			rows->role[i] = MemoryContextStrdup(caller, SPI_getvalue(t, d, 2));
			rows->body[i] = MemoryContextStrdup(caller, SPI_getvalue(t, d, 3));
		}
	}
	SPI_finish();
	if (rows->n == 0)
		ereport(ERROR,
		        (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("alignment \"%s\" does not exist", name),
		         errhint("Register its parts with oslo.alignment_register(alignment, part, "
		                 "role, body).")));
	return rows;
}

static void
add_part(oslo_alignment *a, const char *part, const char *role, const char *body)
{
	size_t len = strlen(body);

	oslo_pg_check_input_size(len, "alignment part");
	if (strcmp(role, "correspondences") == 0)
		oslo_alignment_add_correspondences(a, body, len, part);
	else if (strcmp(role, "forward") == 0 || strcmp(role, "backward") == 0)
		oslo_alignment_add_query(a, oslo_align_direction_parse(role), body, len, part);
	else
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg("alignment part role \"%s\" is unknown", role),
		                errhint("Use correspondences, forward or backward.")));
}

static void *
build_alignment(void *arg)
{
	alignment_rows *rows = arg;
	oslo_alignment *a = oslo_alignment_new(rows->name);

	for (int i = 0; i < rows->n; i++)
		add_part(a, rows->part[i], rows->role[i], rows->body[i]);
	return a;
}

static const oslo_alignment *
get_alignment(const char *name)
{
	return catalog_cache_get(&alignments, name, fetch_alignment, build_alignment);
}

/* the "semic:" format prefix of oslo.transform (oslo_formats.h) */
static oslo_graph *
transform_hook(const oslo_graph *g, const char *alignment, bool forward)
{
	return oslo_alignment_apply(get_alignment(alignment),
	                            forward ? OSLO_ALIGN_FORWARD : OSLO_ALIGN_BACKWARD, g);
}

/*
 * Called from _PG_init: the hook is a plain pointer and oslo.transform may
 * run before any function of this file.
 */
void
oslo_pg_install_align_hook(void)
{
	oslo_formats_set_align_hook(transform_hook);
}

/* oslo.alignment_check(role text, body text) */
Datum
oslo_alignment_check(PG_FUNCTION_ARGS)
{
	char *role = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char *body = text_to_cstring(PG_GETARG_TEXT_PP(1));
	oslo_alignment *a = oslo_alignment_new("(check)");
	int32 n;

	add_part(a, "check", role, body);
	n = strcmp(role, "correspondences") == 0 ? (int32)oslo_alignment_correspondence_count(a) : 1;
	oslo_alignment_free(a);
	PG_RETURN_INT32(n);
}

static Datum
align_graph(Datum graph, const char *name, oslo_align_direction dir)
{
	oslo_graph *in = oslo_pg_graph_from_datum(graph);
	const oslo_alignment *a = get_alignment(name);

	PG_RETURN_OSLO_GRAPH(oslo_alignment_apply(a, dir, in));
}

/* oslo.align(g oslo.graph, alignment text, direction text) */
Datum
oslo_align(PG_FUNCTION_ARGS)
{
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char *direction = text_to_cstring(PG_GETARG_TEXT_PP(2));

	return align_graph(PG_GETARG_DATUM(0), name, oslo_align_direction_parse(direction));
}

Datum
oslo_to_semic(PG_FUNCTION_ARGS)
{
	return align_graph(PG_GETARG_DATUM(0), SEMIC_ALIGNMENT, OSLO_ALIGN_FORWARD);
}

Datum
oslo_from_semic(PG_FUNCTION_ARGS)
{
	return align_graph(PG_GETARG_DATUM(0), SEMIC_ALIGNMENT, OSLO_ALIGN_BACKWARD);
}

/* oslo.alignment_sparql(alignment text, direction text) */
Datum
oslo_alignment_sparql(PG_FUNCTION_ARGS)
{
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char *direction = text_to_cstring(PG_GETARG_TEXT_PP(1));
	oslo_align_direction dir = oslo_align_direction_parse(direction);
	oslo_buf out;
	text *result;

	oslo_buf_init(&out);
	oslo_alignment_emit_sparql(get_alignment(name), dir, &out);
	result = cstring_to_text_with_len(out.data, (int)out.len);
	oslo_buf_free(&out);
	PG_RETURN_TEXT_P(result);
}
