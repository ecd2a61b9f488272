/*
 * sparql_arena.c
 *	  The memory of a parsed query: chunks freed all at once, so the parser
 *	  never has to free piece by piece (an error unwinding frees the chunks
 *	  with the host's allocations).
 */
#include "sparql_internal.h"

#include <stdint.h>
#include <string.h>

#define SQ_CHUNK_SIZE 8192

void *
sq_alloc(sq_arena *a, size_t n)
{
	sq_chunk *c = a->head;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (c == NULL || c->cap - c->used < n)
	{
		size_t cap = n > SQ_CHUNK_SIZE ? n : SQ_CHUNK_SIZE;

		c = oslo_alloc(sizeof(sq_chunk) + 16 + cap);
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	/*
	 * the data starts at the first 16-aligned address after the header (the
	 * 16 spare bytes allow for it): the host's allocator (palloc) only
	 * promises 8, and sq_value holds an __int128
	 */
	p = (char *)(((uintptr_t)(c + 1) + 15) & ~(uintptr_t)15) + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
sq_strndup(sq_arena *a, const char *s, size_t len)
{
	char *d = sq_alloc(a, len + 1);

	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

void
sq_grow(sq_arena *a, void **array, int *cap, int n, size_t elem)
{
	void *bigger;
	int newcap;

	if (n < *cap)
		return;
	newcap = *cap ? *cap * 2 : 4;
	if (newcap > (1 << 24))
		oslo_error(OSLO_ERR_LIMIT, "SPARQL query too large");
	/* the old array stays in the arena: doubling keeps the waste below half */
	bigger = sq_alloc(a, (size_t)newcap * elem);
	if (*array && n)
		memcpy(bigger, *array, (size_t)n * elem);
	*array = bigger;
	*cap = newcap;
}

void
sq_arena_free(sq_arena *a)
{
	sq_chunk *c = a->head;

	while (c)
	{
		sq_chunk *next = c->next;

		oslo_free(c);
		c = next;
	}
	a->head = NULL;
}
