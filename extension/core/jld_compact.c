/*
 * jld_compact.c
 *	  The JSON-LD 1.1 Compaction Algorithm and Value Compaction
 *	  (https://www.w3.org/TR/json-ld11-api/#compaction-algorithms).
 */
#include "jld_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct compactor
{
	jld_state *st;
	bool compact_arrays;
	bool ordered;
} compactor;

static const char *
alias(compactor *c, jld_context *active, const char *keyword)
{
	return jld_compact_iri(c->st, active, keyword, NULL, true, false);
}

static bool
lang_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcasecmp(a, b) == 0);
}

/* add value to object[key]; as_array keeps an array even for one value */
static void
add_value(jld_state *st, jld_value *object, const char *key, jld_value *value, bool as_array)
{
	jld_value *existing = jld_get(object, key);

	if (as_array && (!existing || existing->kind != JLD_ARRAY))
	{
		jld_value *arr = jld_array(st->a);

		if (existing)
			jld_push(st->a, arr, existing);
		jld_set(st->a, object, key, arr);
		existing = arr;
	}
	if (value->kind == JLD_ARRAY)
	{
		for (size_t i = 0; i < value->count; i++)
			add_value(st, object, key, value->items[i], as_array);
		if (value->count == 0 && !existing)
			jld_set(st->a, object, key, jld_array(st->a));
		return;
	}
	if (!existing)
		jld_set(st->a, object, key, value);
	else
	{
		if (existing->kind != JLD_ARRAY)
		{
			jld_value *arr = jld_array(st->a);

			jld_push(st->a, arr, existing);
			jld_set(st->a, object, key, arr);
			existing = arr;
		}
		jld_push(st->a, existing, value);
	}
}

/* Value Compaction, as jsonld.js does it (the suite's reference behaviour) */
static jld_value *
value_compact(compactor *c, jld_context *active, const char *active_property,
              const jld_value *value)
{
	jld_state *st = c->st;
	const jld_term *def = active_property ? jld_term_get(active, active_property) : NULL;
	const char *language = def && def->has_language ? def->language : active->default_language;
	const char *direction = def && def->has_direction ? def->direction : active->default_direction;
	const char *tm = def ? def->type_mapping : NULL;
	const jld_value *v = jld_get(value, "@value");
	const jld_value *type = jld_get(value, "@type");
	const jld_value *lang = jld_get(value, "@language");
	const jld_value *dir = jld_get(value, "@direction");
	const jld_value *index = jld_get(value, "@index");
	bool preserve_index = index && !(def && (def->container & JLD_C_INDEX));
	bool type_none = tm && strcmp(tm, "@none") == 0;
	jld_value *r;

	if (!v)
	{
		/* a node reference */
		const char *id = jld_get(value, "@id")->str;
		bool vocab = tm && strcmp(tm, "@vocab") == 0;
		const char *ep =
		    active_property ? jld_expand_iri(st, active, active_property, false, true) : NULL;
		const char *compacted = jld_compact_iri(st, active, id, NULL, vocab, false);

		if ((tm && (strcmp(tm, "@id") == 0 || vocab)) || (ep && strcmp(ep, "@graph") == 0))
			return jld_string(st->a, compacted);
		r = jld_object(st->a);
		jld_set(st->a, r, alias(c, active, "@id"), jld_string(st->a, compacted));
		return r;
	}
	if (!preserve_index && !type_none)
	{
		if (type && type->kind == JLD_STRING && tm && strcmp(type->str, tm) == 0)
			return (jld_value *)v;
		if ((lang || dir) && !type && lang_eq(lang ? lang->str : NULL, language) &&
		    lang_eq(dir ? dir->str : NULL, direction))
			return (jld_value *)v;
	}
	{
		bool value_only = value->count == 1 || (value->count == 2 && index && !preserve_index);
		bool null_mapping = def && def->has_language && !def->language;

		if (value_only && !type_none &&
		    (!active->default_language || v->kind != JLD_STRING || null_mapping))
			return (jld_value *)v;
	}
	r = jld_object(st->a);
	if (preserve_index)
		jld_set(st->a, r, alias(c, active, "@index"), (jld_value *)index);
	if (type && type->kind == JLD_STRING)
		jld_set(st->a, r, alias(c, active, "@type"),
		        jld_string(st->a, jld_compact_iri(st, active, type->str, NULL, true, false)));
	else if (lang)
		jld_set(st->a, r, alias(c, active, "@language"), (jld_value *)lang);
	if (dir)
		jld_set(st->a, r, alias(c, active, "@direction"), (jld_value *)dir);
	jld_set(st->a, r, alias(c, active, "@value"), (jld_value *)v);
	return r;
}

static bool
is_graph_object(const jld_value *v)
{
	if (!v || v->kind != JLD_OBJECT || !jld_get(v, "@graph"))
		return false;
	for (size_t i = 0; i < v->count; i++)
	{
		const char *k = v->members[i].key;

		if (strcmp(k, "@graph") != 0 && strcmp(k, "@id") != 0 && strcmp(k, "@index") != 0)
			return false;
	}
	return true;
}

static int
cmp_members(const void *a, const void *b)
{
	return strcmp(((const jld_member *)a)->key, ((const jld_member *)b)->key);
}

static int
cmp_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static jld_value *compact(compactor *c, jld_context *active, const char *active_property,
                          const jld_value *element);

/* the object entries of property values nest under (the result, or a @nest term's map) */
static jld_value *
nest_result_for(compactor *c, jld_context *active, jld_value *result, const char *item_property)
{
	const jld_term *def = item_property ? jld_term_get(active, item_property) : NULL;
	jld_value *nest;

	if (!def || !def->nest)
		return result;
	if (strcmp(def->nest, "@nest") != 0)
	{
		const char *e = jld_expand_iri(c->st, active, def->nest, false, true);

		if (!e || strcmp(e, "@nest") != 0)
			jld_fail(c->st, OSLO_ERR_DATA, "invalid @nest value",
			         "term \"%s\" nests under \"%s\", which is not @nest", item_property,
			         def->nest);
	}
	nest = jld_get(result, def->nest);
	if (!nest)
	{
		nest = jld_object(c->st->a);
		jld_set(c->st->a, result, def->nest, nest);
	}
	return nest;
}

static const char *
container_keyword(unsigned container)
{
	if (container & JLD_C_LANGUAGE)
		return "@language";
	if (container & JLD_C_INDEX)
		return "@index";
	if (container & JLD_C_ID)
		return "@id";
	return "@type";
}

static void
compact_property(compactor *c, jld_context *active, jld_value *result, const char *ep,
                 const jld_value *ev, bool inside_reverse)
{
	jld_state *st = c->st;

	if (ev->kind == JLD_ARRAY && ev->count == 0)
	{
		const char *iap = jld_compact_iri(st, active, ep, ev, true, inside_reverse);
		jld_value *nest = nest_result_for(c, active, result, iap);

		add_value(st, nest, iap, jld_array(st->a), true);
		return;
	}
	for (size_t i = 0; i < ev->count; i++)
	{
		const jld_value *item = ev->items[i];
		const char *iap = jld_compact_iri(st, active, ep, item, true, inside_reverse);
		jld_value *nest = nest_result_for(c, active, result, iap);
		const jld_term *def = jld_term_get(active, iap);
		unsigned container = def ? def->container : 0;
		bool as_array = (container & JLD_C_SET) || strcmp(iap, "@graph") == 0 ||
		                strcmp(iap, "@list") == 0 || !c->compact_arrays;
		const jld_value *list = jld_get(item, "@list");
		bool graph = is_graph_object(item);
		jld_value *ci;

		ci = compact(c, active, iap, list ? list : graph ? jld_get(item, "@graph") : item);
		if (!ci)
			ci = jld_null(st->a);
		if (list)
		{
			ci = jld_as_array(st->a, ci);
			if (!(container & JLD_C_LIST))
			{
				jld_value *lo = jld_object(st->a);
				const jld_value *idx = jld_get(item, "@index");

				jld_set(st->a, lo, alias(c, active, "@list"), ci);
				if (idx)
					jld_set(st->a, lo, alias(c, active, "@index"), (jld_value *)idx);
				add_value(st, nest, iap, lo, as_array);
			}
			else
				jld_set(st->a, nest, iap, ci);
		}
		else if (graph)
		{
			const jld_value *gid = jld_get(item, "@id");
			const jld_value *gidx = jld_get(item, "@index");

			if ((container & JLD_C_GRAPH) && (container & JLD_C_ID))
			{
				jld_value *map = jld_get(nest, iap);
				const char *key = gid ? jld_compact_iri(st, active, gid->str, NULL, false, false)
				                      : alias(c, active, "@none");

				if (!map)
				{
					map = jld_object(st->a);
					jld_set(st->a, nest, iap, map);
				}
				add_value(st, map, key, ci, as_array);
			}
			else if ((container & JLD_C_GRAPH) && (container & JLD_C_INDEX) && !gid)
			{
				jld_value *map = jld_get(nest, iap);
				const char *key = gidx ? gidx->str : alias(c, active, "@none");

				if (!map)
				{
					map = jld_object(st->a);
					jld_set(st->a, nest, iap, map);
				}
				add_value(st, map, key, ci, as_array);
			}
			else if ((container & JLD_C_GRAPH) && !gid)
			{
				if (ci->kind == JLD_ARRAY && ci->count > 1)
				{
					jld_value *inc = jld_object(st->a);

					jld_set(st->a, inc, alias(c, active, "@included"), ci);
					ci = inc;
				}
				add_value(st, nest, iap, ci, as_array);
			}
			else
			{
				jld_value *go = jld_object(st->a);

				jld_set(st->a, go, alias(c, active, "@graph"), ci);
				if (gid)
					jld_set(st->a, go, alias(c, active, "@id"),
					        jld_string(st->a,
					                   jld_compact_iri(st, active, gid->str, NULL, false, false)));
				if (gidx)
					jld_set(st->a, go, alias(c, active, "@index"), (jld_value *)gidx);
				add_value(st, nest, iap, go, as_array);
			}
		}
		else if ((container & (JLD_C_LANGUAGE | JLD_C_INDEX | JLD_C_ID | JLD_C_TYPE)) &&
		         !(container & JLD_C_GRAPH))
		{
			jld_value *map = jld_get(nest, iap);
			const char *ckey = alias(c, active, container_keyword(container));
			const char *index_key = def && def->index ? def->index : "@index";
			const char *map_key = NULL;

			if (!map)
			{
				map = jld_object(st->a);
				jld_set(st->a, nest, iap, map);
			}
			if ((container & JLD_C_LANGUAGE) && jld_get(item, "@value"))
			{
				const jld_value *l = jld_get(item, "@language");

				ci = jld_get(item, "@value");
				map_key = l ? l->str : NULL;
			}
			else if ((container & JLD_C_INDEX) && strcmp(index_key, "@index") == 0)
			{
				const jld_value *idx = jld_get(item, "@index");

				map_key = idx ? idx->str : NULL;
			}
			else if (container & JLD_C_INDEX)
			{
				/* property-valued index: the first value of that property is the key */
				jld_value *vals = ci->kind == JLD_OBJECT ? jld_get(ci, index_key) : NULL;

				if (!vals && ci->kind == JLD_OBJECT)
				{
					index_key = jld_compact_iri(st, active,
					                            jld_expand_iri(st, active, index_key, false, true),
					                            NULL, true, false);
					vals = jld_get(ci, index_key);
				}

				if (vals)
				{
					jld_value *arr = jld_as_array(st->a, vals);

					if (arr->count > 0 && arr->items[0]->kind == JLD_STRING)
					{
						map_key = arr->items[0]->str;
						if (arr->count == 1)
							jld_remove(ci, index_key);
						else if (arr->count == 2)
							jld_set(st->a, ci, index_key, arr->items[1]);
						else
						{
							jld_value *rest = jld_array(st->a);

							for (size_t m = 1; m < arr->count; m++)
								jld_push(st->a, rest, arr->items[m]);
							jld_set(st->a, ci, index_key, rest);
						}
					}
				}
			}
			else if (container & JLD_C_ID)
			{
				const jld_value *idv = ci->kind == JLD_OBJECT ? jld_get(ci, ckey) : NULL;

				if (idv && idv->kind == JLD_STRING)
				{
					map_key = idv->str;
					jld_remove(ci, ckey);
				}
			}
			else if (container & JLD_C_TYPE)
			{
				jld_value *types = ci->kind == JLD_OBJECT ? jld_get(ci, ckey) : NULL;

				if (types)
				{
					jld_value *arr = jld_as_array(st->a, types);

					if (arr->count > 0)
						map_key = arr->items[0]->str;
					if (arr->count > 1)
					{
						jld_value *rest = jld_array(st->a);

						for (size_t m = 1; m < arr->count; m++)
							jld_push(st->a, rest, arr->items[m]);
						jld_set(st->a, ci, ckey,
						        rest->count == 1 && c->compact_arrays ? rest->items[0] : rest);
					}
					else
						jld_remove(ci, ckey);
				}
				if (ci->kind == JLD_OBJECT && ci->count == 1)
				{
					const char *only = jld_expand_iri(st, active, ci->members[0].key, false, true);

					if (only && strcmp(only, "@id") == 0)
					{
						jld_value *ref = jld_object(st->a);

						jld_set(st->a, ref, "@id", jld_get(item, "@id"));
						ci = compact(c, active, iap, ref);
					}
				}
			}
			if (!map_key)
				map_key = alias(c, active, "@none");
			add_value(st, map, map_key, ci, as_array);
		}
		else
			add_value(st, nest, iap, ci, as_array);
	}
}

static jld_value *
compact(compactor *c, jld_context *active, const char *active_property, const jld_value *element)
{
	jld_state *st = c->st;
	jld_context *type_scoped = active;
	const jld_term *pdef;
	jld_value *result;
	bool inside_reverse;
	const jld_value *types;
	jld_member *members;

	if ((++st->steps & 4095) == 0)
		oslo_check_interrupts();
	if (element->kind != JLD_ARRAY && element->kind != JLD_OBJECT)
		return (jld_value *)element;
	if (element->kind == JLD_ARRAY)
	{
		jld_value *arr = jld_array(st->a);
		const jld_term *def = active_property ? jld_term_get(active, active_property) : NULL;

		for (size_t i = 0; i < element->count; i++)
		{
			jld_value *item = compact(c, active, active_property, element->items[i]);

			if (item)
				jld_push(st->a, arr, item);
		}
		if (arr->count != 1 || !c->compact_arrays ||
		    (active_property &&
		     (strcmp(active_property, "@graph") == 0 || strcmp(active_property, "@set") == 0)) ||
		    (def && (def->container & (JLD_C_LIST | JLD_C_SET))))
			return arr;
		return arr->items[0];
	}
	pdef = active_property ? jld_term_get(active, active_property) : NULL;
	if (pdef && pdef->context)
		active = jld_process_context(st, active, pdef->context, pdef->context_base, NULL, true,
		                             true, true);
	/* value objects and node references compact entirely in Value Compaction */
	if (jld_get(element, "@value") || (element->count == 1 && jld_get(element, "@id")))
		return value_compact(c, active, active_property, element);
	/* a list inside a list container: an array within the array */
	if (jld_get(element, "@list") && pdef && (pdef->container & JLD_C_LIST))
		return compact(c, active, active_property, jld_get(element, "@list"));
	/* a property-scoped context applies after reverting a type-scoped one */
	if (active->previous)
	{
		active = active->previous;
		if (pdef && pdef->context)
			active = jld_process_context(st, active, pdef->context, pdef->context_base, NULL, true,
			                             true, true);
	}
	type_scoped = active;
	inside_reverse = active_property && strcmp(active_property, "@reverse") == 0;
	result = jld_object(st->a);
	if ((types = jld_get(element, "@type")) != NULL)
	{
		jld_value *arr = jld_as_array(st->a, (jld_value *)types);
		const char **compacted = jld_arena_alloc(st->a, (arr->count + 1) * sizeof(char *));

		for (size_t i = 0; i < arr->count; i++)
			compacted[i] = jld_compact_iri(st, type_scoped, arr->items[i]->str, NULL, true, false);
		jld_sort(compacted, arr->count, sizeof(char *), cmp_strings);
		for (size_t i = 0; i < arr->count; i++)
		{
			const jld_term *tdef = jld_term_get(type_scoped, compacted[i]);

			if (tdef && tdef->context)
				active = jld_process_context(st, active, tdef->context, tdef->context_base, NULL,
				                             false, false, true);
		}
	}
	members = jld_arena_alloc(st->a, (element->count + 1) * sizeof(jld_member));
	jld_copy_bytes(members, element->members, element->count * sizeof(jld_member));
	if (c->ordered)
		jld_sort(members, element->count, sizeof(jld_member), cmp_members);
	for (size_t i = 0; i < element->count; i++)
	{
		const char *ep = members[i].key;
		const jld_value *ev = members[i].value;

		if (strcmp(ep, "@id") == 0)
		{
			jld_set(st->a, result, alias(c, active, "@id"),
			        jld_string(st->a, jld_compact_iri(st, active, ev->str, NULL, false, false)));
			continue;
		}
		if (strcmp(ep, "@type") == 0)
		{
			jld_value *cv;
			const char *a = alias(c, active, "@type");
			const jld_term *adef = jld_term_get(active, a);
			bool as_array =
			    (!st->mode10 && adef && (adef->container & JLD_C_SET)) || !c->compact_arrays;

			if (ev->kind == JLD_STRING)
				cv =
				    jld_string(st->a, jld_compact_iri(st, type_scoped, ev->str, NULL, true, false));
			else
			{
				cv = jld_array(st->a);
				for (size_t k = 0; k < ev->count; k++)
					jld_push(st->a, cv,
					         jld_string(st->a, jld_compact_iri(st, type_scoped, ev->items[k]->str,
					                                           NULL, true, false)));
			}
			add_value(st, result, a, cv, as_array);
			continue;
		}
		if (strcmp(ep, "@reverse") == 0)
		{
			jld_value *cv = compact(c, active, "@reverse", ev);
			jld_value *left = jld_object(st->a);

			for (size_t k = 0; cv && k < cv->count; k++)
			{
				const char *prop = cv->members[k].key;
				const jld_term *d = jld_term_get(active, prop);

				if (d && d->reverse)
					add_value(st, result, prop, cv->members[k].value,
					          (d->container & JLD_C_SET) || !c->compact_arrays);
				else
					jld_set(st->a, left, prop, cv->members[k].value);
			}
			if (left->count)
				jld_set(st->a, result, alias(c, active, "@reverse"), left);
			continue;
		}
		if (strcmp(ep, "@preserve") == 0)
			continue;
		if (strcmp(ep, "@index") == 0 && pdef && (pdef->container & JLD_C_INDEX))
			continue;
		if (strcmp(ep, "@direction") == 0 || strcmp(ep, "@index") == 0 ||
		    strcmp(ep, "@language") == 0 || strcmp(ep, "@value") == 0)
		{
			jld_set(st->a, result, alias(c, active, ep), (jld_value *)ev);
			continue;
		}
		compact_property(c, active, result, ep, jld_as_array(st->a, (jld_value *)ev),
		                 inside_reverse);
	}
	return result;
}

jld_value *
jld_compact_expanded(jld_arena *out, jld_value *expanded, const jld_value *context,
                     const jld_options *o, bool force_graph)
{
	jld_state st;
	jld_context *active;
	jld_value *result;
	compactor c;
	const jld_value *ctx = context;
	const char *graph_alias;

	jld_state_init(&st, out, o);
	if (ctx && ctx->kind == JLD_OBJECT && jld_get(ctx, "@context"))
		ctx = jld_get(ctx, "@context");
	active = jld_context_new(&st);
	if (!o->compact_to_relative)
		active->base = NULL;
	if (ctx)
		active = jld_process_context(&st, active, ctx, o->base, NULL, false, true, true);
	c.st = &st;
	c.compact_arrays = o->compact_arrays;
	c.ordered = o->ordered;
	result = compact(&c, active, NULL, expanded);
	graph_alias = jld_compact_iri(&st, active, "@graph", NULL, true, false);
	if (force_graph && result && result->kind == JLD_OBJECT)
		result = jld_as_array(out, result);
	if (!result || (result->kind == JLD_ARRAY && result->count == 0 && !force_graph))
		result = jld_object(out);
	else if (result->kind == JLD_ARRAY)
	{
		jld_value *wrap = jld_object(out);

		jld_set(out, wrap, graph_alias, result);
		result = wrap;
	}
	if (ctx && !(ctx->kind == JLD_NULL) && !(ctx->kind == JLD_OBJECT && ctx->count == 0) &&
	    !(ctx->kind == JLD_ARRAY && ctx->count == 0))
	{
		/* @context first, as people expect to read it */
		jld_value *with = jld_object(out);

		jld_set(out, with, "@context", (jld_value *)ctx);
		for (size_t i = 0; i < result->count; i++)
			jld_set(out, with, result->members[i].key, result->members[i].value);
		result = with;
	}
	return result;
}

jld_value *
jld_compact(jld_arena *out, const jld_value *input, const jld_value *context, const jld_options *o)
{
	return jld_compact_expanded(out, jld_expand(out, input, o), context, o, false);
}
