/*
 * pg_host.c
 *	  Core handlers inside a backend: palloc with CHECK_FOR_INTERRUPTS,
 *	  ereport with a specific SQLSTATE, guards as memory context callbacks.
 */
#include "pg_host.h"

#include "executor/spi.h"

#include "miscadmin.h"
#include "utils/memutils.h"

int oslo_max_input_size_kb = 64 * 1024;
bool oslo_xml_huge = false;

int
oslo_pg_sqlstate(oslo_errcode code)
{
	switch (code)
	{
		case OSLO_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case OSLO_ERR_XML:
			return ERRCODE_INVALID_XML_DOCUMENT;
		case OSLO_ERR_XML_CONTENT:
			return ERRCODE_INVALID_XML_CONTENT;
		case OSLO_ERR_PARAMETER:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case OSLO_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case OSLO_ERR_CORRUPT:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case OSLO_ERR_UNSUPPORTED:
			return ERRCODE_FEATURE_NOT_SUPPORTED;
		case OSLO_ERR_OUT_OF_MEMORY:
			return ERRCODE_OUT_OF_MEMORY;
		case OSLO_ERR_PLUGIN:
			return ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION;
		case OSLO_ERR_DATA:
			return ERRCODE_DATA_EXCEPTION;
	}
	return ERRCODE_DATA_EXCEPTION;
}

static void *
pg_alloc(size_t size)
{
	CHECK_FOR_INTERRUPTS();
	/* graphs of a few million statements outgrow palloc's 1 GB chunk limit */
	return MemoryContextAllocHuge(CurrentMemoryContext, size ? size : 1);
}

static void *
pg_realloc(void *ptr, size_t size)
{
	CHECK_FOR_INTERRUPTS();
	return repalloc_huge(ptr, size ? size : 1);
}

static void
pg_free(void *ptr)
{
	pfree(ptr);
}

static void
pg_error(oslo_errcode code, const char *message, const char *detail)
{
	ereport(ERROR, (errcode(oslo_pg_sqlstate(code)), errmsg_internal("%s", message),
	                detail ? errdetail_internal("%s", detail) : 0));
	pg_unreachable();
}

static void
pg_notice(const char *message)
{
	ereport(NOTICE, (errmsg_internal("%s", message)));
}

static void
run_guard(void *arg)
{
	oslo_guard *g = (oslo_guard *)arg;

	oslo_guard_release(g);
}

/*
 * The guard and its callback live in the current memory context, which an
 * error resets on the way out; a guard released earlier is then a no-op.
 */
static void
pg_guard(oslo_guard *g)
{
	MemoryContextCallback *cb = palloc(sizeof(MemoryContextCallback));

	cb->func = run_guard;
	cb->arg = g;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, cb);
}

static void
pg_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Caches built by the core live in their own child of CacheMemoryContext,
 * deleted when the build fails or the entry is evicted.
 */
typedef struct persist_token
{
	MemoryContext cxt;
	MemoryContext caller;
} persist_token;

static void *
pg_persist_begin(void)
{
	MemoryContext cxt =
	    AllocSetContextCreate(CacheMemoryContext, "oslo_interop cache entry", ALLOCSET_SMALL_SIZES);
	persist_token *t = MemoryContextAlloc(cxt, sizeof(persist_token));

	t->cxt = cxt;
	t->caller = MemoryContextSwitchTo(cxt);
	return t;
}

static void
pg_persist_end(void *token, bool keep)
{
	persist_token *t = token;

	/* on an error path the caller's context is gone: leave CurrentMemoryContext be */
	if (CurrentMemoryContext == t->cxt)
		MemoryContextSwitchTo(t->caller);
	if (!keep)
		MemoryContextDelete(t->cxt);
}

static void
pg_persist_drop(void *token)
{
	MemoryContextDelete(((persist_token *)token)->cxt);
}

void
oslo_pg_install_handlers(void)
{
	static const oslo_handlers handlers = {
	    pg_alloc, pg_realloc,          pg_free,          pg_error,       pg_notice,
	    pg_guard, pg_check_interrupts, pg_persist_begin, pg_persist_end, pg_persist_drop};

	oslo_set_handlers(&handlers);
}

void
oslo_pg_check_input_size(size_t len, const char *what)
{
	if ((uint64)len > (uint64)oslo_max_input_size_kb * 1024)
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
		                errmsg("%s of %zu bytes exceeds oslo.max_input_size (%d kB)", what, len,
		                       oslo_max_input_size_kb),
		                errhint("Raise oslo.max_input_size if the input is legitimate.")));
}

/*
 * SPI_connect reports its own errors since PostgreSQL 10; a failure code
 * here would mean SPI is in a state this backend did not expect.
 */
void
oslo_pg_spi_connect(const char *catalog)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
		                errmsg("could not connect to SPI to read %s", catalog)));
}
