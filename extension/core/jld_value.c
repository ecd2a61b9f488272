/*
 * jld_value.c
 *	  The JSON value model of the JSON-LD processor: an arena of host memory,
 *	  builders, equality and a compact serializer.
 */
#include "jld_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)

typedef struct arena_block
{
	struct arena_block *next;
	size_t used;
	size_t size;
	uint64_t seq;             /* allocation order of blocks, for jld_arena_release */
	_Alignas(16) char data[]; /* 16: every allocation is rounded to 16 bytes */
} arena_block;

struct jld_arena
{
	arena_block *head;
	uint64_t blocks; /* blocks ever allocated: the next block's seq */
	size_t total;    /* bytes handed out, released ones subtracted */
};

jld_arena *
jld_arena_new(void)
{
	return oslo_alloc0(sizeof(jld_arena));
}

/* a new block for a request the head block cannot take (the rare path) */
static void *__attribute__((noinline)) arena_take_slow(jld_arena *a, size_t size)
{
	arena_block *b = a->head;
	/* a large request gets its own block; the current block stays in use */
	size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
	arena_block *nb = oslo_alloc(sizeof(arena_block) + bsize);

	nb->used = size;
	nb->size = bsize;
	nb->seq = ++a->blocks;
	if (b && size > ARENA_BLOCK / 4)
	{
		nb->next = b->next;
		b->next = nb;
	}
	else
	{
		nb->next = b;
		a->head = nb;
	}
	a->total += size;
	return nb->data;
}

/*
 * size bytes, not zeroed. Inline: the parser and the expander allocate a
 * few million small values per large document.
 */
static inline void *
arena_take(jld_arena *a, size_t size)
{
	arena_block *b = a->head;

	size = (size + 15) & ~(size_t)15;
	if (__builtin_expect(b != NULL && b->used + size <= b->size, 1))
	{
		void *p = b->data + b->used;

		b->used += size;
		a->total += size;
		return p;
	}
	return arena_take_slow(a, size);
}

void *
jld_arena_alloc(jld_arena *a, size_t size)
{
	void *p = arena_take(a, size);

	memset(p, 0, (size + 15) & ~(size_t)15);
	return p;
}

void *
jld_arena_alloc_raw(jld_arena *a, size_t size)
{
	return arena_take(a, size);
}

void
jld_arena_mark(jld_arena *a, jld_arena_mark_t *m)
{
	m->block_seq = a->head ? a->head->seq : 0;
	m->used = a->head ? a->head->used : 0;
	m->blocks = a->blocks;
	m->total = a->total;
}

size_t
jld_arena_used_since(const jld_arena *a, const jld_arena_mark_t *m)
{
	return a->total - m->total;
}

void
jld_arena_release(jld_arena *a, const jld_arena_mark_t *m)
{
	arena_block **link = &a->head;

	bool passed_mark = false;

	/*
	 * Newer blocks are in front of the block that was the head at the mark,
	 * and (large ones) right behind it: stop at the first older block after it.
	 */
	while (*link)
	{
		arena_block *b = *link;

		if (b->seq > m->blocks)
		{
			a->total -= b->used;
			*link = b->next;
			oslo_free(b);
			continue;
		}
		if (passed_mark || b->seq != m->block_seq)
			break;
		a->total -= b->used - m->used;
		b->used = m->used;
		passed_mark = true;
		link = &b->next;
	}
}

char *
jld_arena_strndup(jld_arena *a, const char *s, size_t len)
{
	char *p = jld_arena_alloc_raw(a, len + 1); /* every byte is written */

	jld_copy_bytes(p, s, len);
	p[len] = '\0';
	return p;
}

char *
jld_arena_strdup(jld_arena *a, const char *s)
{
	return jld_arena_strndup(a, s, strlen(s));
}

void
jld_arena_free(jld_arena *a)
{
	arena_block *b;

	if (!a)
		return;
	b = a->head;
	while (b)
	{
		arena_block *next = b->next;

		oslo_free(b);
		b = next;
	}
	oslo_free(a);
}

static jld_value *
new_value(jld_arena *a, jld_kind kind)
{
	jld_value *v = arena_take(a, sizeof(jld_value));

	*v = (jld_value){.kind = kind};
	return v;
}

jld_value *
jld_null(jld_arena *a)
{
	return new_value(a, JLD_NULL);
}

jld_value *
jld_bool(jld_arena *a, bool b)
{
	jld_value *v = new_value(a, JLD_BOOL);

	v->boolean = b;
	return v;
}

jld_value *
jld_string(jld_arena *a, const char *s)
{
	jld_value *v = new_value(a, JLD_STRING);

	v->str = s;
	v->len = strlen(s);
	return v;
}

jld_value *
jld_number(jld_arena *a, double d, const char *lexical)
{
	jld_value *v = new_value(a, JLD_NUMBER);

	v->number = d;
	if (!lexical)
	{
		char tmp[64];

		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(tmp, sizeof(tmp), "%.0f", d);
		else
			snprintf(tmp, sizeof(tmp), "%.17g", d);
		lexical = jld_arena_strdup(a, tmp);
	}
	v->str = lexical;
	return v;
}

jld_value *
jld_array(jld_arena *a)
{
	return new_value(a, JLD_ARRAY);
}

jld_value *
jld_object(jld_arena *a)
{
	return new_value(a, JLD_OBJECT);
}

static void
grow(jld_arena *a, jld_value *v, size_t elem)
{
	size_t ncap = v->cap ? v->cap * 2 : 4;
	void *old = v->kind == JLD_ARRAY ? (void *)v->items : (void *)v->members;
	void *n = arena_take(a, ncap * elem); /* slots past count are never read */

	if (v->count)
		jld_copy_bytes(n, old, v->count * elem);
	if (v->kind == JLD_ARRAY)
		v->items = n;
	else
		v->members = n;
	v->cap = ncap;
}

void
jld_push(jld_arena *a, jld_value *array, jld_value *item)
{
	if (array->count == array->cap)
		grow(a, array, sizeof(jld_value *));
	array->items[array->count++] = item;
}

jld_value *
jld_get(const jld_value *object, const char *key)
{
	if (!object || object->kind != JLD_OBJECT)
		return NULL;
	/*
	 * The same address settles it often (parsed keys are interned, expanded
	 * ones are the context's strings); otherwise the first two bytes settle
	 * most comparisons (keys are "@..." or IRIs)
	 */
	for (size_t i = 0; i < object->count; i++)
	{
		const char *k = object->members[i].key;

		if (k == key)
			return object->members[i].value;
		if (k[0] == key[0] && (k[0] == '\0' || (k[1] == key[1] && strcmp(k + 1, key + 1) == 0)))
			return object->members[i].value;
	}
	return NULL;
}

void
jld_set(jld_arena *a, jld_value *object, const char *key, jld_value *value)
{
	for (size_t i = 0; i < object->count; i++)
	{
		const char *k = object->members[i].key;

		if (k == key ||
		    (k[0] == key[0] && (k[0] == '\0' || (k[1] == key[1] && strcmp(k + 1, key + 1) == 0))))
		{
			object->members[i].value = value;
			return;
		}
	}
	if (object->count == object->cap)
		grow(a, object, sizeof(jld_member));
	object->members[object->count].key = key;
	object->members[object->count].value = value;
	object->count++;
}

void
jld_append_member(jld_arena *a, jld_value *object, const char *key, jld_value *value)
{
	if (object->count == object->cap)
		grow(a, object, sizeof(jld_member));
	object->members[object->count].key = key;
	object->members[object->count].value = value;
	object->count++;
}

void
jld_remove(jld_value *object, const char *key)
{
	for (size_t i = 0; i < object->count; i++)
		if (strcmp(object->members[i].key, key) == 0)
		{
			memmove(&object->members[i], &object->members[i + 1],
			        (object->count - i - 1) * sizeof(jld_member));
			object->count--;
			return;
		}
}

jld_value *
jld_as_array(jld_arena *a, jld_value *v)
{
	jld_value *arr;

	if (v && v->kind == JLD_ARRAY)
		return v;
	arr = jld_array(a);
	if (v)
		jld_push(a, arr, v);
	return arr;
}

jld_value *
jld_copy(jld_arena *a, const jld_value *v)
{
	jld_value *c = new_value(a, v->kind);

	*c = *v;
	c->items = NULL;
	c->members = NULL;
	c->count = c->cap = 0;
	if (v->kind == JLD_ARRAY)
		for (size_t i = 0; i < v->count; i++)
			jld_push(a, c, jld_copy(a, v->items[i]));
	else if (v->kind == JLD_OBJECT)
		for (size_t i = 0; i < v->count; i++)
			jld_set(a, c, v->members[i].key, jld_copy(a, v->members[i].value));
	return c;
}

static bool equal_in(const jld_value *a, const jld_value *b, bool ordered, bool in_list);

static bool
arrays_equal_unordered(const jld_value *a, const jld_value *b, bool ordered)
{
	bool *used;
	bool ok = true;

	if (a->count == 0)
		return true;
	used = oslo_alloc0(b->count * sizeof(bool));
	for (size_t i = 0; i < a->count && ok; i++)
	{
		bool found = false;

		for (size_t j = 0; j < b->count && !found; j++)
			if (!used[j] && equal_in(a->items[i], b->items[j], ordered, false))
			{
				used[j] = true;
				found = true;
			}
		ok = found;
	}
	oslo_free(used);
	return ok;
}

static bool
equal_in(const jld_value *a, const jld_value *b, bool ordered, bool in_list)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind)
	{
		case JLD_NULL:
			return true;
		case JLD_BOOL:
			return a->boolean == b->boolean;
		case JLD_NUMBER:
			return a->number == b->number;
		case JLD_STRING:
			return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
		case JLD_ARRAY:
			if (a->count != b->count)
				return false;
			if (ordered || in_list)
			{
				for (size_t i = 0; i < a->count; i++)
					if (!equal_in(a->items[i], b->items[i], ordered, false))
						return false;
				return true;
			}
			return arrays_equal_unordered(a, b, ordered);
		case JLD_OBJECT:
			if (a->count != b->count)
				return false;
			for (size_t i = 0; i < a->count; i++)
			{
				const jld_value *bv = jld_get(b, a->members[i].key);

				if (!bv || !equal_in(a->members[i].value, bv, ordered,
				                     strcmp(a->members[i].key, "@list") == 0))
					return false;
			}
			return true;
	}
	return false;
}

bool
jld_equal(const jld_value *a, const jld_value *b, bool ordered)
{
	return equal_in(a, b, ordered, false);
}

void
jld_serialize(const jld_value *v, oslo_buf *out)
{
	switch (v->kind)
	{
		case JLD_NULL:
			oslo_buf_puts(out, "null");
			break;
		case JLD_BOOL:
			oslo_buf_puts(out, v->boolean ? "true" : "false");
			break;
		case JLD_NUMBER:
			oslo_buf_puts(out, v->str);
			break;
		case JLD_STRING:
			oslo_buf_putc(out, '"');
			oslo_buf_json_escaped(out, v->str, v->len);
			oslo_buf_putc(out, '"');
			break;
		case JLD_ARRAY:
			oslo_buf_putc(out, '[');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				jld_serialize(v->items[i], out);
			}
			oslo_buf_putc(out, ']');
			break;
		case JLD_OBJECT:
			oslo_buf_putc(out, '{');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				oslo_buf_putc(out, '"');
				oslo_buf_json_escaped(out, v->members[i].key, strlen(v->members[i].key));
				oslo_buf_puts(out, "\":");
				jld_serialize(v->members[i].value, out);
			}
			oslo_buf_putc(out, '}');
			break;
	}
}
