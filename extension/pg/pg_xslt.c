/*
 * pg_xslt.c
 *	  XSLT mappings from SQL: stylesheets registered in oslo.xslt, compiled
 *	  once per backend in the core's sandbox (xslt_sandbox.h), dropped when
 *	  the table changes.
 *
 * The sandbox resolves xsl:include, xsl:import and document() through a
 * callback that runs inside libxslt and must not raise, so it cannot query:
 * the rows of oslo.xslt are read up front into a per-backend table (one
 * catalog_cache entry, dropped with the compiled stylesheets when the table
 * changes) and the callback only looks names up in it.
 */
#include "catalog_cache.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/xml.h"
#include "xslt_sandbox.h"

PG_FUNCTION_INFO_V1(oslo_xslt_check_sql);
PG_FUNCTION_INFO_V1(oslo_xslt_apply_sql);

/* both keyed on oslo.xslt: any change drops both */
static catalog_cache registry_cache = CATALOG_CACHE("xslt");
static catalog_cache compiled_cache = CATALOG_CACHE("xslt");

/* the whole of oslo.xslt in UTF-8, sorted by name (bytewise) */
typedef struct xslt_registry
{
	int n;
	char **names;
	char **texts;
	size_t *lens;
} xslt_registry;

typedef struct stylesheet_row
{
	const char *name;
	const char *text;
	size_t len;
} stylesheet_row;

/* the registry compiled_cache builds against: set just before catalog_cache_get */
static xslt_registry *building_registry;

static char *
to_utf8(const char *s, size_t len, size_t *out_len)
{
	char *u = (char *)pg_do_encoding_conversion((unsigned char *)s, (int)len, GetDatabaseEncoding(),
	                                            PG_UTF8);

	*out_len = u != s ? strlen(u) : len;
	return u;
}

static void *
fetch_registry(const char *key)
{
	MemoryContext caller = CurrentMemoryContext;
	xslt_registry *r = palloc0(sizeof(xslt_registry));

	oslo_pg_spi_connect("oslo.xslt");
	if (SPI_execute("SELECT name, stylesheet::text FROM oslo.xslt ORDER BY name COLLATE \"C\"",
	                true, 0) != SPI_OK_SELECT)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
		                errmsg("could not read oslo.xslt")));
	r->n = (int)SPI_processed;
	r->names = MemoryContextAllocZero(caller, sizeof(char *) * (r->n + 1));
	r->texts = MemoryContextAllocZero(caller, sizeof(char *) * (r->n + 1));
	r->lens = MemoryContextAllocZero(caller, sizeof(size_t) * (r->n + 1));
	for (int i = 0; i < r->n; i++)
	{
		HeapTuple tuple = SPI_tuptable->vals[i];
		TupleDesc desc = SPI_tuptable->tupdesc;
		char *name = SPI_getvalue(tuple, desc, 1);
		char *text = SPI_getvalue(tuple, desc, 2);
		size_t len;
		char *utf8 = to_utf8(text, strlen(text), &len);

		r->names[i] = MemoryContextStrdup(caller, name);
		r->texts[i] = MemoryContextAlloc(caller, len + 1);
		memcpy(r->texts[i], utf8, len);
		r->texts[i][len] = '\0';
		r->lens[i] = len;
	}
	SPI_finish();
	return r;
}

/* runs inside oslo_persist: a copy that outlives the call */
static void *
build_registry(void *arg)
{
	xslt_registry *row = arg;
	xslt_registry *r = palloc0(sizeof(xslt_registry));

	r->n = row->n;
	r->names = palloc0(sizeof(char *) * (r->n + 1));
	r->texts = palloc0(sizeof(char *) * (r->n + 1));
	r->lens = palloc0(sizeof(size_t) * (r->n + 1));
	for (int i = 0; i < r->n; i++)
	{
		r->names[i] = pstrdup(row->names[i]);
		r->texts[i] = palloc(row->lens[i] + 1);
		memcpy(r->texts[i], row->texts[i], row->lens[i] + 1);
		r->lens[i] = row->lens[i];
	}
	return r;
}

static xslt_registry *
load_registry(void)
{
	return catalog_cache_get(&registry_cache, "*", fetch_registry, build_registry);
}

/* binary search; no allocation, cannot raise (called from inside libxslt) */
static int
registry_find(const xslt_registry *r, const char *name)
{
	int lo = 0, hi = r->n - 1;

	while (lo <= hi)
	{
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(r->names[mid], name);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static const char *
pg_resolve(void *arg, const char *name, size_t *len)
{
	const xslt_registry *r = arg;
	int i = registry_find(r, name);

	if (i < 0)
		return NULL;
	*len = r->lens[i];
	return r->texts[i];
}

/* a cancel or termination is pending: the sandbox stops, then raises it */
static bool
pg_interrupted(void)
{
	return InterruptPending && (QueryCancelPending || ProcDiePending);
}

static void
pg_fail(oslo_xslt_failure kind, const char *message, const char *detail)
{
	switch (kind)
	{
		case OSLO_XSLT_DENIED:
			ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg_internal("%s", message),
			                detail ? errdetail_internal("%s", detail) : 0));
			break;
		case OSLO_XSLT_UNDEFINED:
			ereport(ERROR,
			        (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg_internal("%s", message),
			         detail ? errdetail_internal("%s", detail) : 0,
			         errhint("Register it first with oslo.xslt_register(name, stylesheet).")));
			break;
		case OSLO_XSLT_RUNTIME:
			ereport(ERROR,
			        (errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION), errmsg_internal("%s", message),
			         detail ? errdetail_internal("%s", detail) : 0));
			break;
	}
	pg_unreachable();
}

/*
 * Run fn under the server's libxml2 setup, as xml.c does: pg_xml_init saves
 * and restores libxml2's handlers around us. The core swaps in its own
 * sandbox handlers and puts these back before it raises.
 */
static void
with_pg_xml(void (*fn)(void *arg), void *arg)
{
	PgXmlErrorContext *xmlerrcxt = pg_xml_init(PG_XML_STRICTNESS_ALL);

	PG_TRY();
	{
		fn(arg);
		if (pg_xml_error_occurred(xmlerrcxt))
			xml_ereport(xmlerrcxt, ERROR, ERRCODE_EXTERNAL_ROUTINE_EXCEPTION,
			            "libxml2 reported an error outside the XSLT sandbox");
	}
	PG_CATCH();
	{
		pg_xml_done(xmlerrcxt, true);
		PG_RE_THROW();
	}
	PG_END_TRY();
	pg_xml_done(xmlerrcxt, false);
}

typedef struct compile_call
{
	const char *name;
	const char *text;
	size_t len;
	const xslt_registry *registry;
	oslo_xslt *result;
} compile_call;

static void
do_compile(void *arg)
{
	compile_call *c = arg;
	oslo_xslt_host host = {pg_resolve, (void *)c->registry, pg_interrupted, pg_fail};

	c->result = oslo_xslt_compile(c->name, c->text, c->len, &host);
}

static void
free_compiled(void *arg)
{
	oslo_xslt_free(arg);
}

static void *
fetch_stylesheet(const char *name)
{
	int i = registry_find(building_registry, name);
	stylesheet_row *row;

	if (i < 0)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
		                errmsg("XSLT stylesheet \"%s\" does not exist", name),
		                errhint("Register it with oslo.xslt_register(name, stylesheet).")));
	row = palloc(sizeof(stylesheet_row));
	row->name = building_registry->names[i];
	row->text = building_registry->texts[i];
	row->len = building_registry->lens[i];
	return row;
}

/*
 * Runs inside oslo_persist: the entry's memory context frees libxslt's
 * stylesheet when the entry goes (table changed) through a reset callback.
 */
static void *
build_stylesheet(void *arg)
{
	stylesheet_row *row = arg;
	MemoryContextCallback *cb = palloc(sizeof(MemoryContextCallback));
	compile_call c = {row->name, row->text, row->len, building_registry, NULL};

	with_pg_xml(do_compile, &c);
	cb->func = free_compiled;
	cb->arg = c.result;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, cb);
	return c.result;
}

/* oslo.xslt_check(name text, stylesheet xml): compile as name would be, then drop */
Datum
oslo_xslt_check_sql(PG_FUNCTION_ARGS)
{
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	xmltype *stylesheet = PG_GETARG_XML_P(1);
	size_t len = VARSIZE_ANY_EXHDR(stylesheet);
	compile_call c;

	oslo_pg_check_input_size(len, "XSLT stylesheet");
	c.name = name;
	c.text = to_utf8(VARDATA_ANY(stylesheet), len, &c.len);
	c.registry = load_registry();
	c.result = NULL;
	with_pg_xml(do_compile, &c);
	oslo_xslt_free(c.result);
	PG_RETURN_VOID();
}

/* name, value, ..., NULL from a JSON object of strings, values in UTF-8 */
static const char **
params_from_jsonb(Jsonb *jb)
{
	JsonbIterator *it;
	JsonbValue v;
	JsonbIteratorToken tok;
	const char **params;
	int n = 0;
	char *key = NULL;

	if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg("XSLT parameters must be a JSON object of strings"),
		                errhint("For example '{\"lang\": \"nl\"}'.")));
	params = palloc0(sizeof(char *) * (2 * JB_ROOT_COUNT(jb) + 1));
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		size_t len;

		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
		{
			if (v.type != jbvString)
				ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				                errmsg("XSLT parameter \"%s\" must be a JSON string", key),
				                errhint("Parameters are passed as XPath strings; write numbers "
				                        "and booleans as strings and convert them with number() "
				                        "or boolean() in the stylesheet.")));
			params[n++] = to_utf8(key, strlen(key), &len);
			params[n++] =
			    to_utf8(pnstrdup(v.val.string.val, v.val.string.len), v.val.string.len, &len);
		}
	}
	return params;
}

typedef struct apply_call
{
	const oslo_xslt *x;
	const char *doc;
	size_t len;
	const char **params;
	const xslt_registry *registry;
	char *out;
	size_t out_len;
} apply_call;

static void
do_apply(void *arg)
{
	apply_call *a = arg;
	oslo_xslt_host host = {pg_resolve, (void *)a->registry, pg_interrupted, pg_fail};

	a->out = oslo_xslt_apply(a->x, a->doc, a->len, a->params, NULL, &host, &a->out_len);
}

/* oslo.xslt_apply(name text, doc xml, params jsonb) returns xml */
Datum
oslo_xslt_apply_sql(PG_FUNCTION_ARGS)
{
	char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	xmltype *doc = PG_GETARG_XML_P(1);
	Jsonb *params = PG_GETARG_JSONB_P(2);
	size_t len = VARSIZE_ANY_EXHDR(doc);
	apply_call a;
	char *result;

	oslo_pg_check_input_size(len, "XML document");
	a.params = params_from_jsonb(params);
	a.registry = load_registry();
	/* no catalog access between here and the end: the registry stays valid */
	building_registry = (xslt_registry *)a.registry;
	a.x = catalog_cache_get(&compiled_cache, name, fetch_stylesheet, build_stylesheet);
	a.doc = to_utf8(VARDATA_ANY(doc), len, &a.len);
	with_pg_xml(do_apply, &a);
	result = pg_any_to_server(a.out, (int)a.out_len, PG_UTF8);
	PG_RETURN_XML_P((xmltype *)cstring_to_text(result));
}
