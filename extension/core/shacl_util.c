/*
 * shacl_util.c
 *	  The arena, id sets and id maps the SHACL engine is built on.
 */
#include "shacl_internal.h"

#include <string.h>

struct shacl_chunk
{
	shacl_chunk *next;
	max_align_t data[];
};

#define SHACL_CHUNK_SIZE 16384

void *
shacl_arena_alloc(shacl_arena *a, size_t size)
{
	void *p;

	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (a->head == NULL || a->used + size > a->cap)
	{
		size_t cap = size > SHACL_CHUNK_SIZE ? size : SHACL_CHUNK_SIZE;
		shacl_chunk *c = oslo_alloc(sizeof(shacl_chunk) + cap);

		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	p = (char *)a->head->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

void
shacl_arena_free(shacl_arena *a)
{
	while (a->head)
	{
		shacl_chunk *next = a->head->next;

		oslo_free(a->head);
		a->head = next;
	}
	a->used = a->cap = 0;
}

static uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352d;
	x ^= x >> 15;
	x *= 0x846ca68b;
	x ^= x >> 16;
	return x;
}

static uint32_t
hash64(uint64_t x)
{
	return hash32((uint32_t)x ^ hash32((uint32_t)(x >> 32)));
}

void
shacl_idset_init(shacl_idset *s)
{
	memset(s, 0, sizeof(*s));
}

static void
idset_grow(shacl_idset *s)
{
	uint32_t cap = s->cap ? s->cap * 2 : 16;
	uint32_t *slots = oslo_alloc0(sizeof(uint32_t) * cap);

	for (uint32_t i = 0; i < s->n; i++)
	{
		uint32_t h = hash32(s->items[i]) & (cap - 1);

		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = s->items[i];
	}
	oslo_free(s->slots);
	s->slots = slots;
	s->cap = cap;
}

bool
shacl_idset_add(shacl_idset *s, uint32_t key)
{
	uint32_t h;

	/* small sets are scanned: most value-node sets have a few members */
	if (s->cap == 0 && s->n < 8)
	{
		for (uint32_t i = 0; i < s->n; i++)
			if (s->items[i] == key)
				return false;
	}
	else
	{
		if (s->cap == 0 || (s->n + 1) * 2 > s->cap)
			idset_grow(s);
		h = hash32(key) & (s->cap - 1);
		while (s->slots[h])
		{
			if (s->slots[h] == key)
				return false;
			h = (h + 1) & (s->cap - 1);
		}
		s->slots[h] = key;
	}
	if (s->n == s->items_cap)
	{
		s->items_cap = s->items_cap ? s->items_cap * 2 : 8;
		s->items = oslo_realloc(s->items, sizeof(uint32_t) * s->items_cap);
	}
	s->items[s->n++] = key;
	return true;
}

bool
shacl_idset_has(const shacl_idset *s, uint32_t key)
{
	uint32_t h;

	if (s->cap == 0)
	{
		for (uint32_t i = 0; i < s->n; i++)
			if (s->items[i] == key)
				return true;
		return false;
	}
	h = hash32(key) & (s->cap - 1);
	while (s->slots[h])
	{
		if (s->slots[h] == key)
			return true;
		h = (h + 1) & (s->cap - 1);
	}
	return false;
}

void
shacl_idset_clear(shacl_idset *s)
{
	if (s->cap)
		memset(s->slots, 0, sizeof(uint32_t) * s->cap);
	s->n = 0;
}

void
shacl_idset_free(shacl_idset *s)
{
	oslo_free(s->slots);
	oslo_free(s->items);
	memset(s, 0, sizeof(*s));
}

void
shacl_map_init(shacl_map *m)
{
	memset(m, 0, sizeof(*m));
}

uint32_t
shacl_map_get(const shacl_map *m, uint64_t key)
{
	uint32_t h;

	if (m->cap == 0)
		return 0;
	h = hash64(key) & (m->cap - 1);
	while (m->values[h])
	{
		if (m->keys[h] == key)
			return m->values[h];
		h = (h + 1) & (m->cap - 1);
	}
	return 0;
}

void
shacl_map_put(shacl_map *m, uint64_t key, uint32_t value)
{
	uint32_t h;

	if ((m->n + 1) * 2 > m->cap)
	{
		uint32_t cap = m->cap ? m->cap * 2 : 64;
		uint64_t *keys = oslo_alloc0(sizeof(uint64_t) * cap);
		uint32_t *values = oslo_alloc0(sizeof(uint32_t) * cap);

		for (uint32_t i = 0; i < m->cap; i++)
		{
			if (!m->values[i])
				continue;
			h = hash64(m->keys[i]) & (cap - 1);
			while (values[h])
				h = (h + 1) & (cap - 1);
			keys[h] = m->keys[i];
			values[h] = m->values[i];
		}
		oslo_free(m->keys);
		oslo_free(m->values);
		m->keys = keys;
		m->values = values;
		m->cap = cap;
	}
	h = hash64(key) & (m->cap - 1);
	while (m->values[h])
	{
		if (m->keys[h] == key)
		{
			m->values[h] = value;
			return;
		}
		h = (h + 1) & (m->cap - 1);
	}
	m->keys[h] = key;
	m->values[h] = value;
	m->n++;
}

void
shacl_map_free(shacl_map *m)
{
	oslo_free(m->keys);
	oslo_free(m->values);
	memset(m, 0, sizeof(*m));
}
