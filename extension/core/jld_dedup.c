/*
 * jld_dedup.c
 *	  "Add a value unless an equal one is there", for node maps (toRdf,
 *	  flatten, fromRdf). Short arrays are scanned; from DEDUP_SCAN values on
 *	  an array gets a hash index of canonical value texts, so a node with
 *	  20,000 references is not quadratic.
 */
#include "jld_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEDUP_SCAN 16

static int
cmp_members(const void *a, const void *b)
{
	return strcmp(((const jld_member *)a)->key, ((const jld_member *)b)->key);
}

/* a text equal for values jld_equal(ordered) calls equal: keys sorted, numbers by value */
static void
canonical(jld_state *st, const jld_value *v, oslo_buf *out)
{
	switch (v->kind)
	{
		case JLD_NUMBER:
			oslo_buf_printf(out, "%.17g", v->number);
			break;
		case JLD_ARRAY:
			oslo_buf_putc(out, '[');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				canonical(st, v->items[i], out);
			}
			oslo_buf_putc(out, ']');
			break;
		case JLD_OBJECT:
		{
			jld_member *m = jld_arena_alloc(st->a, (v->count + 1) * sizeof(jld_member));

			jld_copy_bytes(m, v->members, v->count * sizeof(jld_member));
			jld_sort(m, v->count, sizeof(jld_member), cmp_members);
			oslo_buf_putc(out, '{');
			for (size_t i = 0; i < v->count; i++)
			{
				if (i)
					oslo_buf_putc(out, ',');
				oslo_buf_putc(out, '"');
				oslo_buf_json_escaped(out, m[i].key, strlen(m[i].key));
				oslo_buf_puts(out, "\":");
				canonical(st, m[i].value, out);
			}
			oslo_buf_putc(out, '}');
			break;
		}
		default:
			jld_serialize(v, out);
	}
}

/* insert "array|value" into the index; false when it was there */
static bool
index_insert(jld_state *st, jld_dedup *d, const jld_value *arr, const jld_value *v)
{
	oslo_buf key;
	bool added = false;

	oslo_buf_init(&key);
	oslo_buf_printf(&key, "%p|", (const void *)arr);
	canonical(st, v, &key);
	if (!jld_map_has(&d->seen, key.data))
	{
		jld_map_put(st->a, &d->seen, jld_arena_strndup(st->a, key.data, key.len), (void *)arr);
		added = true;
	}
	oslo_buf_free(&key);
	return added;
}

bool
jld_add_unique(jld_state *st, jld_dedup *d, jld_value *node, const char *key, jld_value *v)
{
	jld_value *arr = jld_get(node, key);

	if (!arr)
	{
		arr = jld_array(st->a);
		jld_set(st->a, node, key, arr);
	}
	if (arr->count < DEDUP_SCAN)
	{
		for (size_t i = 0; i < arr->count; i++)
			if (jld_equal(arr->items[i], v, true))
				return false;
		jld_push(st->a, arr, v);
		return true;
	}
	{
		char ptr[32];

		snprintf(ptr, sizeof(ptr), "%p", (void *)arr);
		if (!jld_map_has(&d->indexed, ptr))
		{
			jld_map_put(st->a, &d->indexed, jld_arena_strdup(st->a, ptr), arr);
			for (size_t i = 0; i < arr->count; i++)
				index_insert(st, d, arr, arr->items[i]);
		}
	}
	if (!index_insert(st, d, arr, v))
		return false;
	jld_push(st->a, arr, v);
	return true;
}
