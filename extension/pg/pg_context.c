/*
 * pg_context.c
 *	  JSON-LD contexts by IRI from the catalog table oslo.context -- never
 *	  from a network or a file. Documents are cached per backend and the
 *	  cache is dropped whenever oslo.context changes (relcache invalidation);
 *	  so are the core's parsed and processed remote contexts
 *	  (jld_remote_cache.c), which are only retired here -- the change may
 *	  arrive in the middle of a JSON-LD call that uses them -- and freed at
 *	  the end of the transaction, when no call runs, whichever SQL function
 *	  used them (jsonld_*, transform, the graph casts).
 */
#include "pg_host.h"

#include "jsonld.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

typedef struct context_entry
{
	char iri[NAMEDATALEN * 4]; /* hash key; longer IRIs are not cached */
	char *document;            /* NULL: the catalog has no such IRI */
} context_entry;

static HTAB *documents;
static MemoryContext documents_cxt;
static bool callback_registered;

static void
drop_documents(Datum arg, Oid relid)
{
	Oid context_table = get_relname_relid("context", get_namespace_oid("oslo", true));

	if (relid == InvalidOid || relid == context_table || !OidIsValid(context_table))
	{
		if (documents_cxt)
			MemoryContextDelete(documents_cxt);
		documents_cxt = NULL;
		documents = NULL;
		jld_remote_cache_invalidate();
	}
}

static void
collect_at_transaction_end(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			jld_remote_cache_collect();
			break;
		default:
			break;
	}
}

static char *
fetch_document(const char *iri)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid argtypes[1] = {TEXTOID};
	Datum values[1];
	char *result = NULL;

	values[0] = CStringGetTextDatum(iri);
	oslo_pg_spi_connect("oslo.context");
	if (SPI_execute_with_args("SELECT document::text FROM oslo.context WHERE iri = $1", 1, argtypes,
	                          values, NULL, true, 1) == SPI_OK_SELECT &&
	    SPI_processed == 1)
	{
		char *doc = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (doc)
			result = MemoryContextStrdup(caller, doc);
	}
	SPI_finish();
	return result;
}

const char *
oslo_pg_resolve_context(const char *iri)
{
	context_entry *e;
	bool found;
	char *doc;

	if (strlen(iri) >= sizeof(e->iri))
		return fetch_document(iri);
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(drop_documents, (Datum)0);
		RegisterXactCallback(collect_at_transaction_end, NULL);
		callback_registered = true;
	}
	if (documents == NULL)
	{
		HASHCTL ctl;

		documents_cxt = AllocSetContextCreate(CacheMemoryContext, "oslo_interop contexts",
		                                      ALLOCSET_DEFAULT_SIZES);
		ctl.keysize = sizeof(e->iri);
		ctl.entrysize = sizeof(context_entry);
		ctl.hcxt = documents_cxt;
		documents =
		    hash_create("oslo_interop contexts", 16, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	e = hash_search(documents, iri, HASH_FIND, NULL);
	if (e)
		return e->document;
	/* fetch before entering: an error must not leave a half-made entry */
	doc = fetch_document(iri);
	if (documents == NULL) /* invalidated while we queried */
		return doc;
	e = hash_search(documents, iri, HASH_ENTER, &found);
	e->document = doc ? MemoryContextStrdup(documents_cxt, doc) : NULL;
	return e->document;
}

PG_FUNCTION_INFO_V1(oslo_catalog_changed);

/*
 * Statement trigger on the catalog tables (oslo.context, oslo.profile): row
 * changes send no relcache
 * invalidation by themselves, so ask for one. It reaches this backend at the
 * next command and every other backend when the transaction commits.
 */
Datum
oslo_catalog_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *)fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
		                errmsg("oslo.catalog_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
