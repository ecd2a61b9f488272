/*
 * pg_codelist.c
 *	  SKOS code lists from the catalog table oslo.codelist: the host side of
 *	  oslo_codelist_concept() for plugins, and the SQL functions
 *	  oslo.codelist_concept and oslo.skos_codes.
 *
 * Each backend loads the rows of a scheme once, on first use, into an
 * in-memory table (catalog_cache: dropped when oslo.codelist changes). A
 * scheme with no rows is cached too, as unknown, so a plugin asking for a
 * list nobody loaded costs one query per backend, not one per message.
 */
#include "pg_host.h"
#include "catalog_cache.h"
#include "codelist.h"
#include "oslo_formats.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(oslo_codelist_concept_sql);
PG_FUNCTION_INFO_V1(oslo_skos_codes_sql);

static catalog_cache codelists = CATALOG_CACHE("codelist");

/* catalog_cache keys are shorter than this; longer scheme IRIs are looked up uncached */
#define CACHEABLE_SCHEME_LEN (NAMEDATALEN * 2)

typedef struct scheme_rows
{
	const char *scheme;
	uint64 n;
	char **codes;
	char **concepts;
} scheme_rows;

/* the rows of one scheme, in the caller's memory */
static void *
fetch_scheme(const char *scheme)
{
	MemoryContext caller = CurrentMemoryContext;
	scheme_rows *rows = palloc0(sizeof(scheme_rows));
	Oid argtypes[1] = {TEXTOID};
	Datum values[1];

	rows->scheme = pstrdup(scheme);
	values[0] = CStringGetTextDatum(scheme);
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
		                errmsg("could not connect to SPI to read oslo.codelist")));
	if (SPI_execute_with_args("SELECT code, concept FROM oslo.codelist WHERE scheme = $1", 1,
	                          argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_TABLE),
		                errmsg("could not read the code list catalog oslo.codelist")));
	rows->n = SPI_processed;
	rows->codes = MemoryContextAllocZero(caller, (rows->n + 1) * sizeof(char *));
	rows->concepts = MemoryContextAllocZero(caller, (rows->n + 1) * sizeof(char *));
	for (uint64 i = 0; i < rows->n; i++)
	{
		HeapTuple tuple = SPI_tuptable->vals[i];

		rows->codes[i] = MemoryContextStrdup(caller, SPI_getvalue(tuple, SPI_tuptable->tupdesc, 1));
		rows->concepts[i] =
		    MemoryContextStrdup(caller, SPI_getvalue(tuple, SPI_tuptable->tupdesc, 2));
	}
	SPI_finish();
	return rows;
}

/* runs inside oslo_persist (catalog_cache): the table outlives the call */
static void *
build_scheme(void *arg)
{
	scheme_rows *rows = arg;
	oslo_codelist *table = oslo_codelist_new();

	for (uint64 i = 0; i < rows->n; i++)
		oslo_codelist_put(table, rows->scheme, rows->codes[i], rows->concepts[i]);
	return table;
}

static const oslo_codelist *
scheme_table(const char *scheme)
{
	if (strlen(scheme) >= CACHEABLE_SCHEME_LEN)
		return build_scheme(fetch_scheme(scheme));
	return catalog_cache_get(&codelists, scheme, fetch_scheme, build_scheme);
}

/*
 * The host callback (oslo_format_host.codelist_concept). The answer is
 * copied into the caller's memory: a later lookup may read the catalog,
 * accept an invalidation and drop the cached table it pointed into.
 */
const char *
oslo_pg_codelist_concept(const char *scheme_iri, const char *code, bool *scheme_known)
{
	const char *concept =
	    oslo_codelist_get(scheme_table(scheme_iri), scheme_iri, code, scheme_known);

	return concept ? pstrdup(concept) : NULL;
}

/*
 * oslo.codelist_concept(scheme, code): the core's rule, so SQL answers what
 * plugins get. A known scheme that lacks both the code and an exception
 * concept is an error: NULL would be a silent drop.
 */
Datum
oslo_codelist_concept_sql(PG_FUNCTION_ARGS)
{
	char *scheme = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool known;
	const char *concept = oslo_codelist_concept(scheme, code, &known);

	if (concept)
		PG_RETURN_TEXT_P(cstring_to_text(concept));
	if (known)
		ereport(ERROR,
		        (errcode(ERRCODE_DATA_EXCEPTION),
		         errmsg("code \"%s\" is not in code list <%s>, which has no %s concept", code,
		                scheme, OSLO_CODELIST_EXCEPTION),
		         errhint("Load the list's %s concept with oslo.codelist_load, or check the code.",
		                 OSLO_CODELIST_EXCEPTION)));
	PG_RETURN_NULL();
}

/* oslo.skos_codes(graph): the rows oslo.codelist_load stores */
Datum
oslo_skos_codes_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	oslo_graph *g;
	oslo_skos_code *rows;
	size_t n;

	InitMaterializedSRF(fcinfo, 0);
	g = PG_GETARG_OSLO_GRAPH(0);
	n = oslo_skos_codes(g, &rows);
	for (size_t i = 0; i < n; i++)
	{
		Datum values[4];
		bool nulls[4] = {false, false, false, rows[i].label == NULL};

		values[0] = CStringGetTextDatum(rows[i].scheme);
		values[1] = CStringGetTextDatum(rows[i].code);
		values[2] = CStringGetTextDatum(rows[i].concept);
		values[3] = rows[i].label ? CStringGetTextDatum(rows[i].label) : (Datum)0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}
