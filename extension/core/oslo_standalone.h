/*
 * oslo_standalone.h
 *	  The host used outside PostgreSQL: unit tests, fuzzers, the CLI.
 *
 * Allocation is malloc with a header that links every live block, so that an
 * error can free what the failed call allocated (as a PostgreSQL memory
 * context would), and LeakSanitizer sees no leak from an error path.
 */
#ifndef OSLO_STANDALONE_H
#define OSLO_STANDALONE_H

#include "oslo_core.h"

#include <setjmp.h>

typedef struct oslo_captured_error
{
	oslo_errcode code;
	char message[2048];
	char detail[2048];
} oslo_captured_error;

/* install the standalone handlers (idempotent) */
extern void oslo_standalone_init(void);

/*
 * Run fn(arg). Returns true on success. On error returns false with err
 * filled in, after releasing guards and freeing every block fn allocated
 * that is still live. Calls nest.
 */
extern bool oslo_standalone_run(void (*fn)(void *arg), void *arg, oslo_captured_error *err);

/*
 * The same, open-coded for callers that need setjmp in their own frame:
 *
 *	oslo_run_frame f;
 *	oslo_standalone_enter(&f, &err);
 *	if (setjmp(f.jmp) == 0) { ...; oslo_standalone_leave(&f, true); }
 *	else oslo_standalone_leave(&f, false);
 */
typedef struct oslo_run_frame
{
	jmp_buf jmp;
	uint64_t mark; /* blocks with a larger seq belong to this run */
	oslo_guard *guards_mark;
	oslo_captured_error *err;
	struct oslo_run_frame *outer;
} oslo_run_frame;

extern void oslo_standalone_enter(oslo_run_frame *f, oslo_captured_error *err);
extern void oslo_standalone_leave(oslo_run_frame *f, bool ok);

/* live blocks and bytes allocated through the standalone host (leak tests) */
extern size_t oslo_standalone_live_blocks(void);

#endif /* OSLO_STANDALONE_H */
