/*
 * rml_functions.c
 *	  RML mappings from SQL: registered in oslo.mapping (compiled once per
 *	  backend, dropped when the table changes) or given inline.
 */
#include "catalog_cache.h"
#include "pg_host.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "rml.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(oslo_rml_check);
PG_FUNCTION_INFO_V1(oslo_rml_apply);

static catalog_cache mappings = CATALOG_CACHE("mapping");

/*
 * Mapping documents use relative IRIs (<#PersonMap>); they and any relative
 * IRI a triples map without rml:baseIRI generates resolve against this.
 */
#define MAPPING_BASE "urn:oslo-interop:mapping/"

typedef struct mapping_row
{
	char *body;
	char *base;
} mapping_row;

typedef struct source_text
{
	const char *data;
	size_t len;
} source_text;

/* every logical source of the mapping reads the one source text given */
static const char *
the_source(const char *name, size_t *len, void *arg)
{
	source_text *s = arg;

	*len = s->len;
	return s->data;
}

static void *
fetch_mapping(const char *name)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid argtypes[1] = {TEXTOID};
	Datum values[1] = {CStringGetTextDatum(name)};
	char *body = NULL;
	mapping_row *row;

	oslo_pg_spi_connect("oslo.mapping");
	if (SPI_execute_with_args("SELECT body FROM oslo.mapping WHERE name = $1 AND kind = 'rml'", 1,
	                          argtypes, values, NULL, true, 1) == SPI_OK_SELECT &&
	    SPI_processed == 1)
	{
		char *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (v)
			body = MemoryContextStrdup(caller, v);
	}
	SPI_finish();
	if (body == NULL)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
		                errmsg("RML mapping \"%s\" does not exist", name),
		                errhint("Register it with oslo.mapping_register(name, body), or pass the "
		                        "mapping document itself.")));
	row = palloc(sizeof(mapping_row));
	row->body = body;
	row->base = psprintf(MAPPING_BASE "%s", name);
	return row;
}

static void *
build_mapping(void *arg)
{
	mapping_row *row = arg;

	return rml_compile(row->body, strlen(row->body), row->base);
}

/* the host's mapping catalog for plugins (oslo_format_host.mapping) */
const struct rml_mapping *
oslo_pg_mapping(const char *name)
{
	return catalog_cache_get(&mappings, name, fetch_mapping, build_mapping);
}

/* a registered name, or else an RML document (a name has no white space) */
static bool
is_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '.' || *s == ':' || *s == '-' || *s == '/'))
			return false;
	return true;
}

/* oslo.rml_check(body text): compile; the count of triples maps, or an error */
Datum
oslo_rml_check(PG_FUNCTION_ARGS)
{
	text *body = PG_GETARG_TEXT_PP(0);
	size_t len = VARSIZE_ANY_EXHDR(body);
	rml_mapping *m;
	int32 n;

	oslo_pg_check_input_size(len, "RML mapping");
	m = rml_compile(VARDATA_ANY(body), len, MAPPING_BASE "check");
	n = (int32)rml_triples_map_count(m);
	rml_free(m);
	PG_RETURN_INT32(n);
}

/* oslo.rml_apply(mapping text, source text) */
Datum
oslo_rml_apply(PG_FUNCTION_ARGS)
{
	char *mapping = text_to_cstring(PG_GETARG_TEXT_PP(0));
	text *source = PG_GETARG_TEXT_PP(1);
	source_text src = {VARDATA_ANY(source), VARSIZE_ANY_EXHDR(source)};
	oslo_graph *out = oslo_graph_new();

	oslo_pg_check_input_size(src.len, "RML source");
	if (is_name(mapping))
		rml_apply(catalog_cache_get(&mappings, mapping, fetch_mapping, build_mapping), the_source,
		          &src, out);
	else
	{
		rml_mapping *m;

		oslo_pg_check_input_size(strlen(mapping), "RML mapping");
		m = rml_compile(mapping, strlen(mapping), MAPPING_BASE "inline");
		rml_apply(m, the_source, &src, out);
		rml_free(m);
	}
	PG_RETURN_OSLO_GRAPH(out);
}
