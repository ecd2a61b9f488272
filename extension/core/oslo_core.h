/*
 * oslo_core.h
 *	  The host interface of the oslo_interop core library.
 *
 * The core never includes postgres.h (the PostGIS liblwgeom pattern). Whoever
 * hosts it -- the PostgreSQL extension, the unit tests, the fuzzers, the
 * oslo-interop command-line tool -- installs allocator, error and notice
 * handlers with oslo_set_handlers(). Inside PostgreSQL these are palloc with
 * CHECK_FOR_INTERRUPTS and ereport with a SQLSTATE derived from oslo_errcode;
 * elsewhere they are malloc and a captured error (see oslo_standalone.h).
 *
 * Error handlers never return. Third-party libraries (libxml2, serd, json-c)
 * allocate with malloc, so code that holds such memory across a call that may
 * raise registers an oslo_guard: the host releases every pending guard when an
 * error unwinds the stack.
 */
#ifndef OSLO_CORE_H
#define OSLO_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define OSLO_NORETURN     __attribute__((noreturn))
#define OSLO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define OSLO_NORETURN
#define OSLO_PRINTF(f, a)
#endif

/*
 * Error classes. The PostgreSQL host maps each to one SQLSTATE; keep the
 * mapping in extension/pg/pg_handlers.c and docs/errors.md in step.
 */
typedef enum oslo_errcode
{
	OSLO_ERR_SYNTAX = 1,    /* 22P02 invalid text representation (RDF, JSON) */
	OSLO_ERR_XML,           /* 2200M invalid XML document */
	OSLO_ERR_XML_CONTENT,   /* 2200N well-formed XML that is not what was asked for */
	OSLO_ERR_PARAMETER,     /* 22023 invalid parameter value (format names, options) */
	OSLO_ERR_LIMIT,         /* 54000 program limit exceeded (size caps, depth) */
	OSLO_ERR_CORRUPT,       /* 22P03 invalid binary representation (graph decoder) */
	OSLO_ERR_UNSUPPORTED,   /* 0A000 feature not supported (service version, ...) */
	OSLO_ERR_OUT_OF_MEMORY, /* 53200 out of memory */
	OSLO_ERR_PLUGIN,        /* 39000 external routine invocation (bad plugin) */
	OSLO_ERR_DATA           /* 22000 data exception (other bad input data) */
} oslo_errcode;

typedef struct oslo_guard
{
	void (*release)(void *resource);
	void *resource;          /* NULL once released */
	struct oslo_guard *next; /* used by the standalone host only */
} oslo_guard;

typedef struct oslo_handlers
{
	void *(*alloc)(size_t size);
	void *(*realloc)(void *ptr, size_t size);
	void (*free)(void *ptr);
	/* must not return */
	void (*error)(oslo_errcode code, const char *message, const char *detail);
	void (*notice)(const char *message);
	/* remember g until it is released; release it if an error unwinds */
	void (*guard)(oslo_guard *g);
	/* called from long loops; may raise (query cancel) */
	void (*check_interrupts)(void);
	/*
	 * Caches: make allocations until persist_end() outlive the current
	 * call (PostgreSQL: a child of CacheMemoryContext). persist_end(token,
	 * false) and persist_drop(token) free them all. NULL: plain allocations.
	 */
	void *(*persist_begin)(void);
	void (*persist_end)(void *token, bool keep);
	void (*persist_drop)(void *token);
} oslo_handlers;

extern void oslo_set_handlers(const oslo_handlers *handlers);

extern void *oslo_alloc(size_t size);
extern void *oslo_alloc0(size_t size);
extern void *oslo_realloc(void *ptr, size_t size);
extern void oslo_free(void *ptr);
extern char *oslo_strdup(const char *s);
extern char *oslo_strndup(const char *s, size_t len);
extern char *oslo_psprintf(const char *fmt, ...) OSLO_PRINTF(1, 2);

extern void oslo_error(oslo_errcode code, const char *fmt, ...) OSLO_NORETURN OSLO_PRINTF(2, 3);
extern void oslo_error_detail(oslo_errcode code, const char *detail, const char *fmt,
                              ...) OSLO_NORETURN OSLO_PRINTF(3, 4);
extern void oslo_notice(const char *fmt, ...) OSLO_PRINTF(1, 2);
extern void oslo_check_interrupts(void);

/*
 * Protect a malloc'd third-party resource: if an error unwinds before
 * oslo_guard_release(), the host calls release(resource).
 */
extern oslo_guard *oslo_guard_new(void (*release)(void *), void *resource);
/* release now (runs release(resource) once) */
extern void oslo_guard_release(oslo_guard *g);
/* forget without releasing: ownership moved elsewhere */
extern void oslo_guard_forget(oslo_guard *g);

/*
 * Build something that lives for the process (a cache entry):
 *
 *	oslo_persist *p = oslo_persist_begin();
 *	... allocate and build ...
 *	token = oslo_persist_commit(p);		keep; oslo_persist_drop(token) frees it
 *
 * An error between begin and commit frees what was built.
 */
typedef struct oslo_persist oslo_persist;

extern oslo_persist *oslo_persist_begin(void);
extern void *oslo_persist_commit(oslo_persist *p);
extern void oslo_persist_drop(void *token);

/*
 * A growable byte buffer in host memory; data is always NUL-terminated.
 */
typedef struct oslo_buf
{
	char *data;
	size_t len;
	size_t cap;
} oslo_buf;

extern void oslo_buf_init(oslo_buf *b);
extern void oslo_buf_reserve(oslo_buf *b, size_t extra);
extern void oslo_buf_append(oslo_buf *b, const char *s, size_t len);
extern void oslo_buf_puts(oslo_buf *b, const char *s);
extern void oslo_buf_putc(oslo_buf *b, char c);
extern void oslo_buf_printf(oslo_buf *b, const char *fmt, ...) OSLO_PRINTF(2, 3);
/* append s as the body of a JSON string (no quotes), escaped per RFC 8259 */
extern void oslo_buf_json_escaped(oslo_buf *b, const char *s, size_t len);
extern void oslo_buf_reset(oslo_buf *b);
extern void oslo_buf_free(oslo_buf *b);

/* a hash of len bytes for in-memory tables, continuing from h (start with OSLO_HASH_SEED) */
#define OSLO_HASH_SEED 2166136261u
extern uint32_t oslo_hash_bytes(uint32_t h, const char *s, size_t len);

/* UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, no NUL) */
extern bool oslo_utf8_valid(const char *s, size_t len);

#endif /* OSLO_CORE_H */
