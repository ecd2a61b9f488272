/*
 * catalog_cache.c
 *	  Compiled catalog rows, cached per backend (see catalog_cache.h).
 */
#include "catalog_cache.h"

#include "catalog/namespace.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#define MAX_CACHES 8

typedef struct cache_entry
{
	char name[NAMEDATALEN * 2]; /* hash key */
	void *object;
	void *token; /* the entry's memory (oslo_persist) */
} cache_entry;

static catalog_cache *caches[MAX_CACHES];
static int ncaches;

static void
drop_entries(catalog_cache *c)
{
	HASH_SEQ_STATUS scan;
	cache_entry *e;

	if (c->entries == NULL)
		return;
	hash_seq_init(&scan, c->entries);
	while ((e = hash_seq_search(&scan)) != NULL)
		oslo_persist_drop(e->token);
	hash_destroy(c->entries);
	c->entries = NULL;
}

static void
invalidate(Datum arg, Oid relid)
{
	Oid oslo = get_namespace_oid("oslo", true);

	for (int i = 0; i < ncaches; i++)
	{
		Oid table = OidIsValid(oslo) ? get_relname_relid(caches[i]->table, oslo) : InvalidOid;

		if (relid == InvalidOid || relid == table || !OidIsValid(table))
			drop_entries(caches[i]);
	}
}

void *
catalog_cache_get(catalog_cache *c, const char *name, void *(*fetch)(const char *),
                  void *(*build)(void *))
{
	static bool callback_registered = false;
	cache_entry *e;
	bool found;
	oslo_persist *p;
	void *object;
	void *row;

	if (strlen(name) >= sizeof(e->name))
		ereport(ERROR, (errcode(ERRCODE_NAME_TOO_LONG), errmsg("name \"%s\" is too long", name)));
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(invalidate, (Datum)0);
		callback_registered = true;
	}
	if (!c->callback_registered)
	{
		if (ncaches == MAX_CACHES)
			ereport(ERROR,
			        (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			         errmsg("oslo_interop has more catalog caches than its %d slots", MAX_CACHES)));
		caches[ncaches++] = c;
		c->callback_registered = true;
	}
	if (c->entries)
	{
		e = hash_search(c->entries, name, HASH_FIND, NULL);
		if (e)
			return e->object;
	}
	row = fetch(name);
	p = oslo_persist_begin();
	object = build(row);
	if (c->entries == NULL)
	{
		HASHCTL ctl;

		ctl.keysize = sizeof(e->name);
		ctl.entrysize = sizeof(cache_entry);
		ctl.hcxt = CacheMemoryContext;
		c->entries = hash_create(c->table, 8, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	e = hash_search(c->entries, name, HASH_ENTER, &found);
	e->object = object;
	e->token = oslo_persist_commit(p);
	return object;
}
