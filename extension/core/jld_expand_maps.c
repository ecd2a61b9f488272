/*
 * jld_expand_maps.c
 *	  Expansion of language maps and of index, id and type maps (steps 13.7
 *	  and 13.8 of the JSON-LD 1.1 Expansion Algorithm).
 */
#include "jld_internal.h"

#include <string.h>

jld_value *
jld_expand_language_map(jld_state *st, jld_context *active, const jld_term *def,
                        const jld_value *value)
{
	jld_value *out = jld_array(st->a);
	const char *dir = active->default_direction;
	jld_member *m = jld_sorted_members(st, value);

	if (def->has_direction)
		dir = def->direction;
	for (size_t i = 0; i < value->count; i++)
	{
		const char *lang = m[i].key;
		const jld_value *lv = m[i].value;
		const char *el = jld_expand_iri(st, active, lang, false, true);

		for (size_t j = 0; j < (lv->kind == JLD_ARRAY ? lv->count : 1); j++)
		{
			const jld_value *item = lv->kind == JLD_ARRAY ? lv->items[j] : lv;
			jld_value *vo;

			if (item->kind == JLD_NULL)
				continue;
			if (item->kind != JLD_STRING)
				DOC_FAIL(st, "invalid language map value", "language map values must be strings");
			vo = jld_object(st->a);
			jld_set(st->a, vo, "@value", (jld_value *)item);
			if (!el || strcmp(el, "@none") != 0)
				jld_set(st->a, vo, "@language", jld_string(st->a, lang));
			if (dir)
				jld_set(st->a, vo, "@direction", jld_string(st->a, dir));
			jld_push(st->a, out, vo);
		}
	}
	return out;
}

jld_value *
jld_expand_index_map(jld_state *st, jld_context *active, const char *key, const jld_term *def,
                     const jld_value *value, const char *base_url)
{
	jld_value *out = jld_array(st->a);
	const char *index_key = def->index ? def->index : "@index";
	unsigned c = def->container;
	jld_member *m = jld_sorted_members(st, value);

	for (size_t i = 0; i < value->count; i++)
	{
		const char *index = m[i].key;
		jld_context *map_context = active;
		const char *expanded_index;
		jld_value *items;

		if (c & (JLD_C_ID | JLD_C_TYPE))
			map_context = active->previous ? active->previous : active;
		if (c & JLD_C_TYPE)
		{
			const jld_term *idef = jld_term_get(map_context, index);

			if (idef && idef->context)
				map_context = jld_process_context(st, map_context, idef->context,
				                                  idef->context_base, NULL, false, true, true);
		}
		else
			map_context = active;
		expanded_index = jld_expand_iri(st, active, index, false, true);
		jld_path_push_key(st, index);
		items = jld_expand_element(st, map_context, key, jld_as_array(st->a, m[i].value), base_url,
		                           true);
		jld_path_pop(st);
		if (!items)
			continue;
		items = jld_as_array(st->a, items);
		for (size_t j = 0; j < items->count; j++)
		{
			jld_value *item = items->items[j];
			bool none = expanded_index && strcmp(expanded_index, "@none") == 0;

			if ((c & JLD_C_GRAPH) && !jld_is_graph_object(item))
			{
				jld_value *g = jld_object(st->a);

				jld_set(st->a, g, "@graph", jld_as_array(st->a, item));
				item = g;
			}
			if ((c & JLD_C_INDEX) && strcmp(index_key, "@index") != 0 && !none)
			{
				jld_value *re = jld_value_expand(st, active, index_key, jld_string(st->a, index));
				const char *eik = jld_expand_iri(st, active, index_key, false, true);
				jld_value *vals = jld_array(st->a);
				jld_value *existing = eik ? jld_get(item, eik) : NULL;

				jld_push(st->a, vals, re);
				if (existing)
				{
					jld_value *merged = jld_array(st->a);

					jld_push(st->a, merged, re);
					existing = jld_as_array(st->a, existing);
					for (size_t k = 0; k < existing->count; k++)
						jld_push(st->a, merged, existing->items[k]);
					vals = merged;
				}
				if (jld_get(item, "@value"))
					DOC_FAIL(st, "invalid value object",
					         "a value in a property-valued index cannot be a value object");
				jld_set(st->a, item, eik, vals);
			}
			else if ((c & JLD_C_INDEX) && !jld_get(item, "@index") && !none)
				jld_set(st->a, item, "@index", jld_string(st->a, index));
			else if ((c & JLD_C_ID) && !jld_get(item, "@id") && !none)
			{
				const char *id = jld_expand_iri(st, active, index, true, false);

				jld_set(st->a, item, "@id", jld_string(st->a, id));
			}
			else if ((c & JLD_C_TYPE) && !none)
			{
				jld_value *types = jld_array(st->a);
				jld_value *existing = jld_get(item, "@type");

				jld_push(st->a, types, jld_string(st->a, expanded_index));
				if (existing)
				{
					existing = jld_as_array(st->a, existing);
					for (size_t k = 0; k < existing->count; k++)
						jld_push(st->a, types, existing->items[k]);
				}
				jld_set(st->a, item, "@type", types);
			}
			jld_push(st->a, out, item);
		}
	}
	return out;
}
