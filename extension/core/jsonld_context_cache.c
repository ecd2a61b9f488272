/*
 * jsonld_context_cache.c
 *	  Parsed JSON-LD contexts, kept per process and keyed by their text.
 *
 * A context is processed once per backend: the text is the key, so a
 * changed catalog row is simply a new entry and nothing goes stale. The
 * cache is small; the oldest entry makes room.
 */
#include "jsonld_writer.h"

#include <string.h>

#define CONTEXT_CACHE_SIZE 16

typedef struct cache_entry
{
	uint32_t hash;
	size_t len;
	char *json;
	oslo_jsonld_context *ctx;
	void *token; /* the host's handle on the entry's memory */
} cache_entry;

static cache_entry entries[CONTEXT_CACHE_SIZE];
static int next_victim;

const oslo_jsonld_context *
oslo_jsonld_context_cached(const char *json, size_t len)
{
	uint32_t h = oslo_hash_bytes(OSLO_HASH_SEED, json, len);
	cache_entry *e;
	oslo_persist *p;
	char *copy;
	oslo_jsonld_context *ctx;

	for (int i = 0; i < CONTEXT_CACHE_SIZE; i++)
		if (entries[i].ctx && entries[i].hash == h && entries[i].len == len &&
		    memcmp(entries[i].json, json, len) == 0)
			return entries[i].ctx;

	/* parse first: a bad context must not evict a good one */
	p = oslo_persist_begin();
	copy = oslo_strndup(json, len);
	ctx = oslo_jsonld_context_parse(copy, len);

	e = &entries[next_victim];
	next_victim = (next_victim + 1) % CONTEXT_CACHE_SIZE;
	if (e->ctx)
		oslo_persist_drop(e->token);
	e->hash = h;
	e->len = len;
	e->json = copy;
	e->ctx = ctx;
	e->token = oslo_persist_commit(p);
	return ctx;
}
