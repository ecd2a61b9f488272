/*
 * jld_map.c
 *	  A string-keyed hash map in an arena for the JSON-LD processor (term
 *	  definitions, node maps, remote documents). Entries are never removed.
 */
#include "jld_internal.h"

#include <string.h>

static inline uint64_t
length_bit(size_t len)
{
	return 1ull << (len < 63 ? len : 63);
}

static uint32_t *
find_slot(const jld_map *m, const char *key, size_t len)
{
	size_t mask = m->nslots - 1;
	size_t i = oslo_hash_bytes(OSLO_HASH_SEED, key, len) & mask;

	for (;;)
	{
		uint32_t *slot = &m->slots[i];

		if (*slot == 0 || strcmp(m->keys[*slot - 1], key) == 0)
			return slot;
		i = (i + 1) & mask;
	}
}

/*
 * The slot of key when m has it, else NULL. A key of a length no key has is
 * not looked for: the expander asks the term definitions for every value
 * it expands, most of them IRIs longer than any term.
 */
static uint32_t *
slot_of(const jld_map *m, const char *key)
{
	size_t len;
	uint32_t *slot;

	if (m->count == 0)
		return NULL;
	len = strlen(key);
	if (!(m->key_lengths & length_bit(len)))
		return NULL;
	slot = find_slot(m, key, len);
	return *slot ? slot : NULL;
}

void *
jld_map_get(const jld_map *m, const char *key)
{
	uint32_t *slot = slot_of(m, key);

	return slot ? m->vals[*slot - 1] : NULL;
}

bool
jld_map_has(const jld_map *m, const char *key)
{
	return slot_of(m, key) != NULL;
}

static void
rehash(jld_arena *a, jld_map *m, size_t nslots)
{
	m->nslots = nslots;
	m->slots = jld_arena_alloc(a, nslots * sizeof(uint32_t));
	for (size_t i = 0; i < m->count; i++)
		*find_slot(m, m->keys[i], strlen(m->keys[i])) = (uint32_t)(i + 1);
}

void
jld_map_put(jld_arena *a, jld_map *m, const char *key, void *val)
{
	uint32_t *slot;
	size_t len = strlen(key);

	if (m->nslots == 0)
		rehash(a, m, 16);
	slot = find_slot(m, key, len);
	if (*slot)
	{
		m->vals[*slot - 1] = val;
		return;
	}
	if (m->count == m->cap)
	{
		size_t ncap = m->cap ? m->cap * 2 : 8;
		const char **nk = jld_arena_alloc(a, ncap * sizeof(char *));
		void **nv = jld_arena_alloc(a, ncap * sizeof(void *));

		if (m->count)
		{
			jld_copy_bytes(nk, m->keys, m->count * sizeof(char *));
			jld_copy_bytes(nv, m->vals, m->count * sizeof(void *));
		}
		m->keys = nk;
		m->vals = nv;
		m->cap = ncap;
	}
	m->keys[m->count] = key;
	m->vals[m->count] = val;
	m->count++;
	m->key_lengths |= length_bit(len);
	*slot = (uint32_t)m->count;
	if (m->count * 2 > m->nslots)
		rehash(a, m, m->nslots * 2);
}

void
jld_map_copy(jld_arena *a, jld_map *dst, const jld_map *src)
{
	memset(dst, 0, sizeof(*dst));
	if (src->count == 0)
		return;
	dst->cap = src->count;
	dst->count = src->count;
	dst->keys = jld_arena_alloc(a, dst->cap * sizeof(char *));
	dst->vals = jld_arena_alloc(a, dst->cap * sizeof(void *));
	jld_copy_bytes(dst->keys, src->keys, src->count * sizeof(char *));
	jld_copy_bytes(dst->vals, src->vals, src->count * sizeof(void *));
	dst->nslots = src->nslots;
	dst->key_lengths = src->key_lengths;
	dst->slots = jld_arena_alloc(a, src->nslots * sizeof(uint32_t));
	jld_copy_bytes(dst->slots, src->slots, src->nslots * sizeof(uint32_t));
}
