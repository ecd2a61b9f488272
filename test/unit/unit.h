/*
 * unit.h
 *	  A minimal test harness for the core library (no PostgreSQL).
 *
 *	TEST(name) { CHECK(cond); CHECK_STREQ(a, b); CHECK_ERROR(OSLO_ERR_SYNTAX, stmt); }
 *	int main(void) { RUN(name); return unit_report(); }
 *
 * Every test runs under the standalone host; an unexpected core error fails
 * the test and is printed. unit_report() prints "N passed, N failed".
 */
#ifndef OSLO_UNIT_H
#define OSLO_UNIT_H

#include "oslo_standalone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_passed;
static int unit_failed;
static int unit_current_failed;
static const char *unit_current;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                                \
	do                                                                                             \
	{                                                                                              \
		if (!(cond))                                                                               \
		{                                                                                          \
			fprintf(stderr, "  %s:%d: %s: CHECK failed: %s\n", __FILE__, __LINE__, unit_current,   \
			        #cond);                                                                        \
			unit_current_failed = 1;                                                               \
		}                                                                                          \
	} while (0)

#define CHECK_STREQ(a, b)                                                                          \
	do                                                                                             \
	{                                                                                              \
		const char *unit_a_ = (a), *unit_b_ = (b);                                                 \
		if (unit_a_ == NULL || unit_b_ == NULL || strcmp(unit_a_, unit_b_) != 0)                   \
		{                                                                                          \
			fprintf(stderr, "  %s:%d: %s: expected\n    \"%s\"\n  to equal\n    \"%s\"\n",         \
			        __FILE__, __LINE__, unit_current, unit_a_ ? unit_a_ : "(null)",                \
			        unit_b_ ? unit_b_ : "(null)");                                                 \
			unit_current_failed = 1;                                                               \
		}                                                                                          \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                                                \
	do                                                                                             \
	{                                                                                              \
		const char *unit_h_ = (hay), *unit_n_ = (needle);                                          \
		if (unit_h_ == NULL || strstr(unit_h_, unit_n_) == NULL)                                   \
		{                                                                                          \
			fprintf(stderr, "  %s:%d: %s: \"%s\" not found in \"%s\"\n", __FILE__, __LINE__,       \
			        unit_current, unit_n_, unit_h_ ? unit_h_ : "(null)");                          \
			unit_current_failed = 1;                                                               \
		}                                                                                          \
	} while (0)

/* stmt runs in a nested standalone run; the error is kept in unit_err */
static oslo_captured_error unit_err __attribute__((unused));

#define CHECK_ERROR(expected_code, stmt)                                                           \
	do                                                                                             \
	{                                                                                              \
		oslo_run_frame unit_f_;                                                                    \
		oslo_standalone_enter(&unit_f_, &unit_err);                                                \
		if (setjmp(unit_f_.jmp) == 0)                                                              \
		{                                                                                          \
			stmt;                                                                                  \
			oslo_standalone_leave(&unit_f_, true);                                                 \
			fprintf(stderr, "  %s:%d: %s: expected an error from: %s\n", __FILE__, __LINE__,       \
			        unit_current, #stmt);                                                          \
			unit_current_failed = 1;                                                               \
		}                                                                                          \
		else                                                                                       \
		{                                                                                          \
			oslo_standalone_leave(&unit_f_, false);                                                \
			if (unit_err.code != (expected_code))                                                  \
			{                                                                                      \
				fprintf(stderr, "  %s:%d: %s: expected error code %d, got %d (%s)\n", __FILE__,    \
				        __LINE__, unit_current, (int)(expected_code), (int)unit_err.code,          \
				        unit_err.message);                                                         \
				unit_current_failed = 1;                                                           \
			}                                                                                      \
		}                                                                                          \
	} while (0)

static void
unit_call(void *fn)
{
	((void (*)(void))fn)();
}

#define RUN(name) unit_run(#name, name)

static void
unit_run(const char *name, void (*fn)(void))
{
	oslo_captured_error err;

	oslo_standalone_init();
	unit_current = name;
	unit_current_failed = 0;
	if (!oslo_standalone_run(unit_call, (void *)fn, &err))
	{
		fprintf(stderr, "  %s: unexpected error %d: %s%s%s\n", name, (int)err.code, err.message,
		        err.detail[0] ? " DETAIL: " : "", err.detail);
		unit_current_failed = 1;
	}
	if (unit_current_failed)
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s\n", name);
	}
	else
	{
		unit_passed++;
		printf("ok   %s\n", name);
	}
}

static int
unit_report(void)
{
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

/* the directory with ../shared next to it, or NULL */
static __attribute__((unused)) const char *
unit_shared_dir(void)
{
	static char path[4096];
	const char *src = getenv("OSLO_SOURCE_DIR");

	snprintf(path, sizeof(path), "%s/../shared", src ? src : ".");
	{
		FILE *f;
		char probe[4200];

		snprintf(probe, sizeof(probe), "%s/README.md", path);
		f = fopen(probe, "r");
		if (!f)
			return NULL;
		fclose(f);
	}
	return path;
}

/* read a whole file into malloc'd memory (test helper; not host memory) */
static __attribute__((unused)) char *
unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

#endif
