/*
 * fuzz_common.h
 *	  Shared set-up of the libFuzzer harnesses: the standalone host, and a
 *	  run that turns a core error into a normal return (errors are expected;
 *	  crashes, leaks and sanitizer reports are the findings).
 */
#ifndef OSLO_FUZZ_COMMON_H
#define OSLO_FUZZ_COMMON_H

#include "oslo_standalone.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct fuzz_input
{
	const char *data;
	size_t len;
} fuzz_input;

static void
fuzz_setup(void)
{
	static int done;

	if (!done)
	{
		oslo_standalone_init();
		done = 1;
	}
}

/* run fn on the input; a core error is an ordinary outcome */
static int
fuzz_run(void (*fn)(void *), const uint8_t *data, size_t size)
{
	oslo_captured_error err;
	fuzz_input in = {(const char *)data, size};
	size_t before;

	fuzz_setup();
	before = oslo_standalone_live_blocks();
	if (!oslo_standalone_run(fn, &in, &err) && err.code == 0)
		abort(); /* an error without a class: a bug */
	/* whatever the outcome, a call leaves nothing behind */
	if (oslo_standalone_live_blocks() != before)
		abort();
	return 0;
}

#endif
