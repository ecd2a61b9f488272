/*
 * oslo_standalone.c
 *	  malloc-backed handlers with error capture for hosts other than PostgreSQL.
 */
#include "oslo_standalone.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block
{
	struct block *prev;
	struct block *next;
	uint64_t seq;           /* 0: a cache block, which an error never frees */
	uint32_t persist_owner; /* the cache entry it belongs to, or 0 */
	size_t size;
	max_align_t align[];
} block;

static block *tail;
static uint64_t next_seq = 1;
static size_t live_blocks;
static oslo_guard *guards;
static oslo_run_frame *current;
/* cache entries being built: allocations go to the innermost one */
static uint32_t persist_stack[8];
static int persist_depth;
static uint32_t persist_next_id = 1;

static void *
sa_alloc(size_t size)
{
	block *b = malloc(sizeof(block) + (size ? size : 1));

	if (b == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory (%zu bytes requested)", size);
	b->persist_owner = persist_depth > 0 ? persist_stack[persist_depth - 1] : 0;
	b->seq = b->persist_owner ? 0 : next_seq++;
	b->size = size;
	b->next = NULL;
	b->prev = tail;
	if (tail)
		tail->next = b;
	tail = b;
	if (!b->persist_owner) /* a cache block belongs to no call */
		live_blocks++;
	return b->align;
}

static void
unlink_block(block *b)
{
	if (b->prev)
		b->prev->next = b->next;
	if (b->next)
		b->next->prev = b->prev;
	if (tail == b)
		tail = b->prev;
	if (!b->persist_owner)
		live_blocks--;
}

static void
sa_free(void *ptr)
{
	block *b;

	if (ptr == NULL)
		return;
	b = (block *)((char *)ptr - offsetof(block, align));
	unlink_block(b);
	free(b);
}

static void *
sa_realloc(void *ptr, size_t size)
{
	block *b = (block *)((char *)ptr - offsetof(block, align));
	block *nb;
	block *prev = b->prev, *next = b->next;

	nb = realloc(b, sizeof(block) + (size ? size : 1));
	if (nb == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory (%zu bytes requested)", size);
	/* the block keeps its place (and its seq) in the list */
	nb->size = size;
	if (prev)
		prev->next = nb;
	if (next)
		next->prev = nb;
	if (tail == b)
		tail = nb;
	return nb->align;
}

static void
sa_guard(oslo_guard *g)
{
	g->next = guards;
	guards = g;
}

static void
sa_notice(const char *message)
{
	fprintf(stderr, "NOTICE: %s\n", message);
}

static void
sa_error(oslo_errcode code, const char *message, const char *detail)
{
	oslo_run_frame *f = current;

	if (f == NULL)
	{
		fprintf(stderr, "ERROR: %s%s%s\n", message, detail ? "\nDETAIL: " : "",
		        detail ? detail : "");
		exit(3);
	}
	f->err->code = code;
	snprintf(f->err->message, sizeof(f->err->message), "%s", message);
	snprintf(f->err->detail, sizeof(f->err->detail), "%s", detail ? detail : "");
	longjmp(f->jmp, 1);
}

static block *
block_of(void *ptr)
{
	return (block *)((char *)ptr - offsetof(block, align));
}

static void
free_persist_blocks(uint32_t owner)
{
	/* guards made while the entry was built live in its blocks: forget them first */
	for (oslo_guard **link = &guards; *link;)
	{
		if (block_of(*link)->persist_owner == owner)
			*link = (*link)->next;
		else
			link = &(*link)->next;
	}
	for (block *b = tail; b;)
	{
		block *prev = b->prev;

		if (b->persist_owner == owner)
		{
			unlink_block(b);
			free(b);
		}
		b = prev;
	}
}

static void *
sa_persist_begin(void)
{
	uint32_t id = persist_next_id++;

	if (persist_depth == (int)(sizeof(persist_stack) / sizeof(persist_stack[0])))
		oslo_error(OSLO_ERR_LIMIT, "cache entries nested too deeply");
	persist_stack[persist_depth++] = id;
	return (void *)(uintptr_t)id;
}

static void
sa_persist_end(void *token, bool keep)
{
	uint32_t id = (uint32_t)(uintptr_t)token;

	/* an error may unwind several builds: pop down to this one */
	while (persist_depth > 0 && persist_stack[persist_depth - 1] != id)
		persist_depth--;
	if (persist_depth > 0)
		persist_depth--;
	if (!keep)
		free_persist_blocks(id);
}

static void
sa_persist_drop(void *token)
{
	free_persist_blocks((uint32_t)(uintptr_t)token);
}

void
oslo_standalone_init(void)
{
	static const oslo_handlers h = {sa_alloc,       sa_realloc,     sa_free, sa_error,
	                                sa_notice,      sa_guard,       NULL,    sa_persist_begin,
	                                sa_persist_end, sa_persist_drop};

	oslo_set_handlers(&h);
}

void
oslo_standalone_enter(oslo_run_frame *f, oslo_captured_error *err)
{
	f->mark = next_seq;
	f->guards_mark = guards;
	f->err = err;
	f->outer = current;
	memset(err, 0, sizeof(*err));
	current = f;
}

void
oslo_standalone_leave(oslo_run_frame *f, bool ok)
{
	current = f->outer;
	if (ok)
	{
		oslo_guard **link = &guards;

		/* drop the guards this run released; keep any still holding a resource */
		while (*link && *link != f->guards_mark)
		{
			oslo_guard *g = *link;

			if (g->resource == NULL)
			{
				*link = g->next;
				sa_free(g);
			}
			else
				link = &g->next;
		}
		return;
	}
	/* release third-party resources first: they may point into our blocks */
	while (guards != f->guards_mark && guards != NULL)
	{
		oslo_guard *g = guards;

		guards = g->next;
		oslo_guard_release(g);
	}
	/* free every block of this run, newest first; older ones may be interleaved */
	for (block *b = tail; b;)
	{
		block *prev = b->prev;

		if (b->seq >= f->mark)
		{
			unlink_block(b);
			free(b);
		}
		b = prev;
	}
}

bool
oslo_standalone_run(void (*fn)(void *), void *arg, oslo_captured_error *err)
{
	oslo_run_frame f;

	oslo_standalone_enter(&f, err);
	if (setjmp(f.jmp) == 0)
	{
		fn(arg);
		oslo_standalone_leave(&f, true);
		return true;
	}
	oslo_standalone_leave(&f, false);
	return false;
}

size_t
oslo_standalone_live_blocks(void)
{
	return live_blocks;
}
