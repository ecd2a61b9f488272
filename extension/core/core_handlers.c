/*
 * core_handlers.c
 *	  Dispatch to the allocator, error and notice handlers the host installed.
 *
 * Until a host installs handlers the core uses malloc and aborts on error:
 * a library that silently continued after an error would be worse.
 */
#include "oslo_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
default_alloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fputs("oslo core: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *
default_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
	{
		fputs("oslo core: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void
default_error(oslo_errcode code, const char *message, const char *detail)
{
	fprintf(stderr, "oslo core error %d: %s%s%s\n", (int)code, message, detail ? ": " : "",
	        detail ? detail : "");
	abort();
}

static void
default_notice(const char *message)
{
	fprintf(stderr, "oslo core notice: %s\n", message);
}

static void
default_guard(oslo_guard *g)
{
	(void)g;
}

static void
default_check_interrupts(void)
{
}

static oslo_handlers handlers = {
    default_alloc, default_realloc,          free, default_error, default_notice,
    default_guard, default_check_interrupts, NULL, NULL,          NULL};

void
oslo_set_handlers(const oslo_handlers *h)
{
	handlers.alloc = h->alloc ? h->alloc : default_alloc;
	handlers.realloc = h->realloc ? h->realloc : default_realloc;
	handlers.free = h->free ? h->free : free;
	handlers.error = h->error ? h->error : default_error;
	handlers.notice = h->notice ? h->notice : default_notice;
	handlers.guard = h->guard ? h->guard : default_guard;
	handlers.check_interrupts =
	    h->check_interrupts ? h->check_interrupts : default_check_interrupts;
	handlers.persist_begin = h->persist_begin;
	handlers.persist_end = h->persist_end;
	handlers.persist_drop = h->persist_drop;
}

void *
oslo_alloc(size_t size)
{
	return handlers.alloc(size);
}

void *
oslo_alloc0(size_t size)
{
	void *p = handlers.alloc(size);

	memset(p, 0, size);
	return p;
}

void *
oslo_realloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return handlers.alloc(size);
	return handlers.realloc(ptr, size);
}

void
oslo_free(void *ptr)
{
	if (ptr)
		handlers.free(ptr);
}

char *
oslo_strndup(const char *s, size_t len)
{
	char *p = handlers.alloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
oslo_strdup(const char *s)
{
	return oslo_strndup(s, strlen(s));
}

static char *vformat(const char *fmt, va_list args) OSLO_PRINTF(1, 0);

static char *
vformat(const char *fmt, va_list args)
{
	char small[256];
	va_list copy;
	int n;
	char *out;

	va_copy(copy, args);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	out = handlers.alloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(out, small, (size_t)n + 1);
	else
		vsnprintf(out, (size_t)n + 1, fmt, args);
	return out;
}

char *
oslo_psprintf(const char *fmt, ...)
{
	va_list args;
	char *s;

	va_start(args, fmt);
	s = vformat(fmt, args);
	va_end(args);
	return s;
}

void
oslo_error(oslo_errcode code, const char *fmt, ...)
{
	va_list args;
	char *msg;

	va_start(args, fmt);
	msg = vformat(fmt, args);
	va_end(args);
	handlers.error(code, msg, NULL);
	abort(); /* handlers.error must not return */
}

void
oslo_error_detail(oslo_errcode code, const char *detail, const char *fmt, ...)
{
	va_list args;
	char *msg;

	va_start(args, fmt);
	msg = vformat(fmt, args);
	va_end(args);
	handlers.error(code, msg, detail);
	abort();
}

void
oslo_notice(const char *fmt, ...)
{
	va_list args;
	char *msg;

	va_start(args, fmt);
	msg = vformat(fmt, args);
	va_end(args);
	handlers.notice(msg);
	handlers.free(msg);
}

void
oslo_check_interrupts(void)
{
	handlers.check_interrupts();
}

oslo_guard *
oslo_guard_new(void (*release)(void *), void *resource)
{
	oslo_guard *g = handlers.alloc(sizeof(oslo_guard));

	g->release = release;
	g->resource = resource;
	g->next = NULL;
	handlers.guard(g);
	return g;
}

void
oslo_guard_release(oslo_guard *g)
{
	void *r = g->resource;

	g->resource = NULL;
	if (r)
		g->release(r);
}

void
oslo_guard_forget(oslo_guard *g)
{
	g->resource = NULL;
}

struct oslo_persist
{
	oslo_guard *guard; /* abandons the build if an error unwinds */
};

static void
persist_abandon(void *token)
{
	if (handlers.persist_end)
		handlers.persist_end(token, false);
}

oslo_persist *
oslo_persist_begin(void)
{
	/* both live in the caller's short-lived memory, not in the cache */
	oslo_persist *p = handlers.alloc(sizeof(oslo_persist));

	p->guard = oslo_guard_new(persist_abandon, NULL);
	if (handlers.persist_begin)
		p->guard->resource = handlers.persist_begin();
	return p;
}

void *
oslo_persist_commit(oslo_persist *p)
{
	void *token = p->guard->resource;

	oslo_guard_forget(p->guard);
	if (handlers.persist_end)
		handlers.persist_end(token, true);
	/* p and its guard were made before the switch: they are the caller's */
	handlers.free(p);
	return token;
}

void
oslo_persist_drop(void *token)
{
	if (token && handlers.persist_drop)
		handlers.persist_drop(token);
}
