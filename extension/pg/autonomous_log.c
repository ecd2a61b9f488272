/*
 * autonomous_log.c
 *	  oslo.consultation_log_autonomous: consultation log rows written in a
 *	  transaction of their own, by a dynamic background worker, so that a
 *	  refused or failed lookup stays logged after its error rolls the
 *	  caller's transaction back (docs/federation.md, "Refused and failed
 *	  lookups are logged even though the call fails").
 *
 * The caller copies its arguments into a dynamic shared memory segment,
 * starts one worker and waits for it to exit; the worker connects to the
 * same database as the caller's current user (the extension's owner: the
 * lookups are SECURITY DEFINER), runs one fixed, parameterised INSERT and
 * commits, and leaves its outcome in the segment. No SQL text ever comes
 * from the caller. When no worker can be started the function returns
 * false and oslo.consultation_log_write keeps a line in the server log.
 *
 * Deadlocks: the caller waits for the worker on its latch, which the
 * deadlock detector cannot see, so the worker must never wait for a lock the
 * caller holds. Its INSERT takes RowExclusiveLock on oslo.consultation_log
 * (and its indexes) and on the identity sequence; oslo.consultation_log has
 * no unique key but that identity, and no foreign key or trigger, so the
 * worker never waits for the caller's transaction to end. Only a lock of
 * ShareLock or stronger that the caller itself took on the table or the
 * sequence (LOCK TABLE, CREATE INDEX, ALTER ...) would block it: that is
 * checked first, and then no worker is started. A wait that goes through a
 * third session is broken by the caller's statement_timeout, lock_timeout
 * (passed on to the worker) or cancel: the wait is interruptible, and an
 * interrupted caller terminates its worker.
 */
#include "pg_host.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "port/atomics.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(oslo_consultation_log_autonomous);

PGDLLEXPORT void oslo_consultation_log_worker_main(Datum main_arg);

/* the arguments of the SQL function, in order, and of the INSERT */
#define LOG_NARGS 11
static const Oid log_argtypes[LOG_NARGS] = {
    UUIDOID,        /* reference */
    TEXTOID,        /* application */
    TEXTOID,        /* db_user */
    TEXTOID,        /* purpose */
    TEXTOID,        /* concept */
    TEXTARRAYOID,   /* subject_keys: one row each */
    TEXTOID,        /* source_entity */
    TEXTOID,        /* side */
    TIMESTAMPTZOID, /* requested_at */
    TEXTOID,        /* outcome */
    TEXTOID,        /* reason */
};

/* Every name qualified: the worker's search_path is pg_catalog only anyway. */
static const char log_insert[] =
    "INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept,"
    " subject_key, source_entity, side, requested_at, answered_at, outcome, reason)"
    " SELECT $1, $2, $3, $4, $5, k, $7, $8, $9, pg_catalog.clock_timestamp(), $10, $11"
    " FROM pg_catalog.unnest($6) AS k";

typedef enum worker_state
{
	WORKER_PENDING = 0, /* not started (yet) */
	WORKER_STARTED,     /* attached; connecting or writing */
	WORKER_WRITTEN,     /* committed */
	WORKER_FAILED       /* the INSERT failed: sqlerrcode and message */
} worker_state;

#define WORKER_MESSAGE_LEN 1024

typedef struct autonomous_log_shared
{
	Oid database_id;
	Oid user_id;
	int lock_timeout_ms;
	int state; /* worker_state, written by the worker only */
	int sqlerrcode;
	char message[WORKER_MESSAGE_LEN];
	char args[FLEXIBLE_ARRAY_MEMBER]; /* datumSerialize'd, in log_argtypes order */
} autonomous_log_shared;

/*
 * Whether this backend holds a lock on the log table or its identity
 * sequence that the worker's RowExclusiveLock would wait for: ShareLock and
 * every stronger mode.
 */
static bool
caller_blocks_log_inserts(void)
{
	Oid schema = get_namespace_oid("oslo", true);
	const char *relations[] = {"consultation_log", "consultation_log_id_seq"};

	if (!OidIsValid(schema))
		return false;
	for (size_t i = 0; i < lengthof(relations); i++)
	{
		Oid relid = get_relname_relid(relations[i], schema);
		LOCKTAG tag;

		if (!OidIsValid(relid))
			continue;
		SET_LOCKTAG_RELATION(tag, MyDatabaseId, relid);
		for (LOCKMODE mode = ShareLock; mode <= AccessExclusiveLock; mode++)
			if (LockHeldByMe(&tag, mode))
				return true;
	}
	return false;
}

/*
 * The arguments, flattened: a TOAST pointer would name data the worker
 * cannot see (the caller's transaction is not committed), and an expanded
 * array lives in the caller's memory.
 */
static void
collect_arguments(FunctionCallInfo fcinfo, Datum *values, bool *nulls, int16 *typlens,
                  bool *typbyvals, Size *size)
{
	*size = 0;
	for (int i = 0; i < LOG_NARGS; i++)
	{
		get_typlenbyval(log_argtypes[i], &typlens[i], &typbyvals[i]);
		nulls[i] = PG_ARGISNULL(i);
		values[i] = nulls[i] ? (Datum)0 : PG_GETARG_DATUM(i);
		if (!nulls[i] && typlens[i] == -1)
			values[i] = PointerGetDatum(PG_DETOAST_DATUM(values[i]));
		*size = add_size(*size, datumEstimateSpace(values[i], nulls[i], typbyvals[i], typlens[i]));
	}
}

/*
 * oslo.consultation_log_autonomous(reference, application, db_user, purpose,
 * concept, subject_keys, source_entity, side, requested_at, outcome, reason):
 * true when the worker committed the rows; false when none could be started
 * (no slot, no segment, a lock of the caller's in the way) or its INSERT
 * failed, reported as a WARNING with the worker's SQLSTATE.
 */
Datum
oslo_consultation_log_autonomous(PG_FUNCTION_ARGS)
{
	Datum values[LOG_NARGS];
	bool nulls[LOG_NARGS];
	int16 typlens[LOG_NARGS];
	bool typbyvals[LOG_NARGS];
	Size args_size;
	dsm_segment *segment;
	autonomous_log_shared *shared;
	char *cursor;
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	BgwHandleStatus status;
	int state;
	int sqlerrcode;
	char message[WORKER_MESSAGE_LEN];

	if (PG_NARGS() != LOG_NARGS)
		ereport(ERROR, (errcode(ERRCODE_INVALID_FUNCTION_DEFINITION),
		                errmsg("oslo.consultation_log_autonomous takes %d arguments, not %d",
		                       LOG_NARGS, PG_NARGS())));
	if (caller_blocks_log_inserts())
	{
		ereport(LOG, (errmsg("oslo_interop: consultation log rows not written in a transaction "
		                     "of their own: this transaction holds a lock on "
		                     "oslo.consultation_log the writer would wait for")));
		PG_RETURN_BOOL(false);
	}

	collect_arguments(fcinfo, values, nulls, typlens, typbyvals, &args_size);
	segment = dsm_create(add_size(offsetof(autonomous_log_shared, args), args_size),
	                     DSM_CREATE_NULL_IF_MAXSEGMENTS);
	if (segment == NULL)
	{
		ereport(LOG, (errmsg("oslo_interop: no dynamic shared memory segment left for the "
		                     "consultation log writer")));
		PG_RETURN_BOOL(false);
	}
	shared = dsm_segment_address(segment);
	shared->database_id = MyDatabaseId;
	/* inside the SECURITY DEFINER lookups: the extension's owner */
	shared->user_id = GetUserId();
	shared->lock_timeout_ms = LockTimeout;
	shared->state = WORKER_PENDING;
	shared->sqlerrcode = 0;
	shared->message[0] = '\0';
	cursor = shared->args;
	for (int i = 0; i < LOG_NARGS; i++)
		datumSerialize(values[i], nulls[i], typbyvals[i], typlens[i], &cursor);

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_ConsistentState;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	strlcpy(worker.bgw_library_name, "oslo_interop", BGW_MAXLEN);
	strlcpy(worker.bgw_function_name, "oslo_consultation_log_worker_main", BGW_MAXLEN);
	snprintf(worker.bgw_name, BGW_MAXLEN, "oslo_interop consultation log writer for PID %d",
	         MyProcPid);
	strlcpy(worker.bgw_type, "oslo_interop consultation log writer", BGW_MAXLEN);
	worker.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(segment));
	worker.bgw_notify_pid = MyProcPid;

	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
	{
		ereport(LOG, (errmsg("oslo_interop: no background worker slot free for the "
		                     "consultation log writer"),
		              errhint("Raise max_worker_processes.")));
		dsm_detach(segment);
		PG_RETURN_BOOL(false);
	}

	/*
	 * Interruptible: a cancel or statement_timeout ends the wait with an
	 * ERROR. The worker must then not write on behalf of a caller that gave
	 * up. The segment is detached here on every path; the resource owner of
	 * the (sub)transaction that created it would also detach it at abort,
	 * but an explicit detach does not depend on who catches the error.
	 */
	PG_TRY();
	{
		status = WaitForBackgroundWorkerShutdown(handle);
	}
	PG_CATCH();
	{
		TerminateBackgroundWorker(handle);
		dsm_detach(segment);
		PG_RE_THROW();
	}
	PG_END_TRY();

	pg_read_barrier();
	state = shared->state;
	sqlerrcode = shared->sqlerrcode;
	strlcpy(message, shared->message, sizeof(message));
	dsm_detach(segment);

	if (status == BGWH_POSTMASTER_DIED)
		ereport(FATAL, (errcode(ERRCODE_ADMIN_SHUTDOWN),
		                errmsg("postmaster exited while the consultation log writer ran")));
	switch ((worker_state)state)
	{
		case WORKER_WRITTEN:
			PG_RETURN_BOOL(true);
		case WORKER_FAILED:
			ereport(WARNING,
			        (errcode(sqlerrcode),
			         errmsg("consultation log rows not written in a transaction of "
			                "their own: %s",
			                message),
			         errhint("oslo.consultation_log_write keeps it in the server log instead.")));
			break;
		case WORKER_STARTED:
			ereport(WARNING,
			        (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			         errmsg("the consultation log writer exited before writing "
			                "(see the server log)"),
			         errhint("oslo.consultation_log_write keeps it in the server log instead.")));
			break;
		case WORKER_PENDING:
			ereport(WARNING,
			        (errcode(ERRCODE_INSUFFICIENT_RESOURCES),
			         errmsg("the consultation log writer could not be started"),
			         errhint("oslo.consultation_log_write keeps it in the server log instead.")));
			break;
	}
	PG_RETURN_BOOL(false);
}

/* In the worker: one transaction, one INSERT; its outcome into the segment. */
static void
write_log_rows(autonomous_log_shared *shared)
{
	MemoryContext worker_context = CurrentMemoryContext;

	PG_TRY();
	{
		Datum values[LOG_NARGS];
		char nulls[LOG_NARGS];
		char *cursor = shared->args;
		char lock_timeout[32];
		int rc;

		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		/* whatever the role's settings: no schema a role could create objects in */
		SetConfigOption("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION);
		snprintf(lock_timeout, sizeof(lock_timeout), "%d", shared->lock_timeout_ms);
		SetConfigOption("lock_timeout", lock_timeout, PGC_USERSET, PGC_S_SESSION);
		if (SPI_connect() != SPI_OK_CONNECT)
			ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			                errmsg("could not connect to SPI to write oslo.consultation_log")));
		PushActiveSnapshot(GetTransactionSnapshot());
		pgstat_report_activity(STATE_RUNNING, log_insert);
		for (int i = 0; i < LOG_NARGS; i++)
		{
			bool isnull;

			values[i] = datumRestore(&cursor, &isnull);
			nulls[i] = isnull ? 'n' : ' ';
		}
		rc = SPI_execute_with_args(log_insert, LOG_NARGS, (Oid *)log_argtypes, values, nulls, false,
		                           0);
		if (rc != SPI_OK_INSERT)
			ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			                errmsg("INSERT INTO oslo.consultation_log returned SPI code %d", rc)));
		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
		pgstat_report_activity(STATE_IDLE, NULL);
		pg_write_barrier();
		shared->state = WORKER_WRITTEN;
	}
	PG_CATCH();
	{
		ErrorData *error;

		MemoryContextSwitchTo(worker_context);
		error = CopyErrorData();
		/*
		 * Not EmitErrorReport(): its DETAIL would put the failing row, with a
		 * subject key, into the server log. The caller's WARNING says it.
		 */
		AbortCurrentTransaction();
		FlushErrorState();
		shared->sqlerrcode = error->sqlerrcode;
		strlcpy(shared->message, error->message ? error->message : "unknown error",
		        sizeof(shared->message));
		pg_write_barrier();
		shared->state = WORKER_FAILED;
	}
	PG_END_TRY();
}

void
oslo_consultation_log_worker_main(Datum main_arg)
{
	dsm_segment *segment;
	autonomous_log_shared *shared;

	/* SIGTERM (TerminateBackgroundWorker) ends the worker at a safe point */
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();

	/* no resource owner yet: the mapping lasts until the explicit detach */
	segment = dsm_attach(DatumGetUInt32(main_arg));
	if (segment == NULL)
		proc_exit(0); /* the caller gave up before this worker started */
	shared = dsm_segment_address(segment);
	shared->state = WORKER_STARTED;

	BackgroundWorkerInitializeConnectionByOid(shared->database_id, shared->user_id, 0);
	write_log_rows(shared);

	dsm_detach(segment);
	proc_exit(0);
}
