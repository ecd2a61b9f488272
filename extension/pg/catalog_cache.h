/*
 * catalog_cache.h
 *	  Per-backend caches of things compiled from the rows of a catalog table
 *	  (SHACL profiles, RML mappings), dropped when the table changes: its
 *	  statement trigger (oslo.catalog_changed) sends a relcache invalidation.
 */
#ifndef OSLO_CATALOG_CACHE_H
#define OSLO_CATALOG_CACHE_H

#include "pg_host.h"

typedef struct catalog_cache
{
	const char *table; /* in schema oslo */
	struct HTAB *entries;
	bool callback_registered;
} catalog_cache;

#define CATALOG_CACHE(table)                                                                       \
	{                                                                                              \
		table, NULL, false                                                                         \
	}

/*
 * The compiled object for name: cached, or made on a miss by
 * build(fetch(name)). fetch reads the row in the caller's memory; build runs
 * inside oslo_persist, so what it allocates outlives the call, and an error
 * frees it.
 */
extern void *catalog_cache_get(catalog_cache *cache, const char *name,
                               void *(*fetch)(const char *name), void *(*build)(void *row));

#endif
