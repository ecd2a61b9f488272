/*
 * suite.h
 *	  What every conformance runner shares: reading test files, the per
 *	  suite counts and their closing lines, and the floors of
 *	  test/conformance/floors.txt ("NAME COUNT" lines; a suite passing fewer
 *	  tests than its floor is a regression, and the run fails).
 */
#ifndef OSLO_SUITE_H
#define OSLO_SUITE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct suite_result
{
	const char *name;
	int passed;
	int failed;
	int skipped;
} suite_result;

/* a whole file in malloc'd memory (test data outlives standalone runs), or NULL */
static inline char *
suite_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)(n < 0 ? 0 : n) + 1);
	if (n < 0 || fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* [SUITE_DIR] [--floor FILE]; SUITE_DIR defaults to ../shared/conformance */
static inline void
suite_args(int argc, char **argv, const char **root, const char **floor_file)
{
	*root = "../shared/conformance";
	*floor_file = NULL;
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc)
			*floor_file = argv[++i];
		else
			*root = argv[i];
	}
}

static inline void
suite_print(const suite_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		if (r[i].skipped)
			printf("%s: %d passed, %d failed, %d skipped\n", r[i].name, r[i].passed, r[i].failed,
			       r[i].skipped);
		else
			printf("%s: %d passed, %d failed\n", r[i].name, r[i].passed, r[i].failed);
	}
}

/* 0 when every suite of r reaches its floor, 1 otherwise */
static inline int
suite_check_floors(const char *path, const suite_result *r, size_t n)
{
	FILE *f = fopen(path, "r");
	char name[64];
	int floor, status = 0;

	if (!f)
	{
		fprintf(stderr, "cannot read floor file %s\n", path);
		return 1;
	}
	while (fscanf(f, "%63s %d", name, &floor) == 2)
		for (size_t i = 0; i < n; i++)
			if (strcmp(r[i].name, name) == 0 && r[i].passed < floor)
			{
				printf("REGRESSION %s: %d passed, floor is %d\n", name, r[i].passed, floor);
				status = 1;
			}
	fclose(f);
	return status;
}

#endif
