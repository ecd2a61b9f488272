/*
 * jld_expand.c
 *	  The JSON-LD 1.1 Expansion Algorithm and Value Expansion
 *	  (https://www.w3.org/TR/json-ld11-api/#expansion-algorithms).
 */
#include "jld_internal.h"

#include <stdlib.h>
#include <string.h>

#define S(st, s) jld_string((st)->a, (s))

static bool
is_str(const jld_value *v, const char *s)
{
	return v && v->kind == JLD_STRING && strcmp(v->str, s) == 0;
}

static bool
is_scalar(const jld_value *v)
{
	return v->kind == JLD_STRING || v->kind == JLD_NUMBER || v->kind == JLD_BOOL;
}

static void
tick(jld_state *st)
{
	if ((++st->steps & 4095) == 0)
		oslo_check_interrupts();
}

/* append value (flattening an array) to object[key] as an array */
static void
add_value(jld_state *st, jld_value *object, const char *key, jld_value *value)
{
	jld_value *arr = jld_get(object, key);

	if (!arr)
	{
		arr = jld_array(st->a);
		jld_set(st->a, object, key, arr);
	}
	else if (arr->kind != JLD_ARRAY)
	{
		arr = jld_as_array(st->a, arr);
		jld_set(st->a, object, key, arr);
	}
	if (value->kind == JLD_ARRAY)
		for (size_t i = 0; i < value->count; i++)
			jld_push(st->a, arr, value->items[i]);
	else
		jld_push(st->a, arr, value);
}

static int
cmp_keys(const void *a, const void *b)
{
	return strcmp(((const jld_member *)a)->key, ((const jld_member *)b)->key);
}

/* members of obj sorted by key (a new array in the arena) */
jld_member *
jld_sorted_members(jld_state *st, const jld_value *obj)
{
	jld_member *m = jld_arena_alloc(st->a, (obj->count + 1) * sizeof(jld_member));

	if (obj->count)
		jld_copy_bytes(m, obj->members, obj->count * sizeof(jld_member));
	jld_sort(m, obj->count, sizeof(jld_member), cmp_keys);
	return m;
}

jld_value *
jld_value_expand(jld_state *st, jld_context *active, const char *active_property,
                 const jld_value *value)
{
	const jld_term *def = active_property ? jld_term_get(active, active_property) : NULL;
	const char *tm = def ? def->type_mapping : NULL;
	jld_value *result;

	if (tm && value->kind == JLD_STRING && (strcmp(tm, "@id") == 0 || strcmp(tm, "@vocab") == 0))
	{
		const char *iri = jld_expand_iri(st, active, value->str, true, strcmp(tm, "@vocab") == 0);

		result = jld_object(st->a);
		jld_set(st->a, result, "@id", iri ? S(st, iri) : jld_null(st->a));
		return result;
	}
	result = jld_object(st->a);
	jld_set(st->a, result, "@value", (jld_value *)value);
	if (tm && strcmp(tm, "@id") != 0 && strcmp(tm, "@vocab") != 0 && strcmp(tm, "@none") != 0)
		jld_set(st->a, result, "@type", S(st, tm));
	else if (value->kind == JLD_STRING)
	{
		const char *lang = def && def->has_language ? def->language : active->default_language;
		const char *dir = def && def->has_direction ? def->direction : active->default_direction;

		if (lang)
			jld_set(st->a, result, "@language", S(st, lang));
		if (dir)
			jld_set(st->a, result, "@direction", S(st, dir));
	}
	return result;
}

static bool
is_value_object(const jld_value *v)
{
	return v && v->kind == JLD_OBJECT && jld_get(v, "@value");
}

static bool
is_list_object(const jld_value *v)
{
	return v && v->kind == JLD_OBJECT && jld_get(v, "@list");
}

bool
jld_is_graph_object(const jld_value *v)
{
	if (!v || v->kind != JLD_OBJECT || !jld_get(v, "@graph"))
		return false;
	for (size_t i = 0; i < v->count; i++)
	{
		const char *k = v->members[i].key;

		if (strcmp(k, "@graph") != 0 && strcmp(k, "@id") != 0 && strcmp(k, "@index") != 0 &&
		    strcmp(k, "@context") != 0)
			return false;
	}
	return true;
}

typedef struct expand_frame
{
	jld_context *active;
	jld_context *type_scoped;
	const char *active_property;
	const char *base_url;
	const char *input_type;
	jld_value *result;
	jld_value *nests; /* array of nesting keys */
} expand_frame;

static int
cmp_str_values(const void *a, const void *b)
{
	return strcmp((*(const jld_value *const *)a)->str, (*(const jld_value *const *)b)->str);
}

/* steps 13.4: an entry whose key expands to a keyword */
static void
expand_keyword(jld_state *st, expand_frame *f, const char *key, const char *ep,
               const jld_value *value)
{
	jld_context *active = f->active;
	jld_value *result = f->result;
	jld_value *ev = NULL;

	if (f->active_property && strcmp(f->active_property, "@reverse") == 0)
		DOC_FAIL(st, "invalid reverse property map", "a reverse property map cannot hold %s", ep);
	if (jld_get(result, ep) &&
	    (st->mode10 || (strcmp(ep, "@included") != 0 && strcmp(ep, "@type") != 0)))
		DOC_FAIL(st, "colliding keywords", "%s appears more than once", ep);
	if (strcmp(ep, "@id") == 0)
	{
		const char *id;

		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid @id value", "@id must be a string");
		id = jld_expand_iri(st, active, value->str, true, false);
		ev = id ? S(st, id) : jld_null(st->a);
	}
	else if (strcmp(ep, "@type") == 0)
	{
		jld_value *types;

		if (value->kind == JLD_ARRAY)
		{
			for (size_t i = 0; i < value->count; i++)
				if (value->items[i]->kind != JLD_STRING)
					DOC_FAIL(st, "invalid type value", "@type values must be strings");
		}
		else if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid type value", "@type must be a string or array of strings");
		if (value->kind == JLD_STRING)
		{
			const char *t = jld_expand_iri(st, f->type_scoped, value->str, true, true);

			ev = t ? S(st, t) : jld_null(st->a);
		}
		else
		{
			ev = jld_array(st->a);
			for (size_t i = 0; i < value->count; i++)
			{
				const char *t =
				    jld_expand_iri(st, f->type_scoped, value->items[i]->str, true, true);

				if (t)
					jld_push(st->a, ev, S(st, t));
			}
		}
		if ((types = jld_get(result, "@type")) != NULL)
		{
			/* a second alias of @type: existing types first */
			add_value(st, result, "@type", ev);
			return;
		}
	}
	else if (strcmp(ep, "@graph") == 0)
	{
		ev = jld_expand_element(st, active, "@graph", value, f->base_url, false);
		ev = jld_as_array(st->a, ev);
	}
	else if (strcmp(ep, "@included") == 0)
	{
		if (st->mode10)
			return;
		ev = jld_as_array(st->a,
		                  jld_expand_element(st, active, "@included", value, f->base_url, false));
		for (size_t i = 0; i < ev->count; i++)
		{
			const jld_value *it = ev->items[i];

			if (it->kind != JLD_OBJECT || jld_get(it, "@value") || jld_get(it, "@list") ||
			    jld_get(it, "@set"))
				DOC_FAIL(st, "invalid @included value", "@included must hold node objects");
		}
		add_value(st, result, "@included", ev);
		return;
	}
	else if (strcmp(ep, "@value") == 0)
	{
		if (f->input_type && strcmp(f->input_type, "@json") == 0)
		{
			if (st->mode10)
				DOC_FAIL(st, "invalid value object value", "@json in json-ld-1.0 mode");
			ev = (jld_value *)value;
		}
		else if (value->kind != JLD_NULL && !is_scalar(value))
			DOC_FAIL(st, "invalid value object value", "@value must be a scalar or null");
		else
			ev = (jld_value *)value;
	}
	else if (strcmp(ep, "@language") == 0)
	{
		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid language-tagged string", "@language must be a string");
		ev = (jld_value *)value;
	}
	else if (strcmp(ep, "@direction") == 0)
	{
		if (st->mode10)
			return;
		if (!is_str(value, "ltr") && !is_str(value, "rtl"))
			DOC_FAIL(st, "invalid base direction", "@direction must be \"ltr\" or \"rtl\"");
		ev = (jld_value *)value;
	}
	else if (strcmp(ep, "@index") == 0)
	{
		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid @index value", "@index must be a string");
		ev = (jld_value *)value;
	}
	else if (strcmp(ep, "@list") == 0)
	{
		if (!f->active_property || strcmp(f->active_property, "@graph") == 0)
			return;
		ev = jld_expand_element(st, active, f->active_property, value, f->base_url, false);
		ev = jld_as_array(st->a, ev);
	}
	else if (strcmp(ep, "@set") == 0)
		ev = jld_expand_element(st, active, f->active_property, value, f->base_url, false);
	else if (strcmp(ep, "@reverse") == 0)
	{
		jld_value *rev, *inner;

		if (value->kind != JLD_OBJECT)
			DOC_FAIL(st, "invalid @reverse value", "@reverse must be an object");
		rev = jld_expand_element(st, active, "@reverse", value, f->base_url, false);
		if (!rev || rev->kind != JLD_OBJECT)
			return;
		if ((inner = jld_get(rev, "@reverse")) != NULL)
			for (size_t i = 0; i < inner->count; i++)
				add_value(st, result, inner->members[i].key, inner->members[i].value);
		for (size_t i = 0; i < rev->count; i++)
		{
			const char *prop = rev->members[i].key;
			jld_value *items = jld_as_array(st->a, rev->members[i].value);
			jld_value *rmap;

			if (strcmp(prop, "@reverse") == 0)
				continue;
			rmap = jld_get(result, "@reverse");
			if (!rmap)
			{
				rmap = jld_object(st->a);
				jld_set(st->a, result, "@reverse", rmap);
			}
			for (size_t j = 0; j < items->count; j++)
			{
				if (is_value_object(items->items[j]) || is_list_object(items->items[j]))
					DOC_FAIL(st, "invalid reverse property value",
					         "a reverse property cannot hold a value or list");
				add_value(st, rmap, prop, items->items[j]);
			}
		}
		return;
	}
	else if (strcmp(ep, "@nest") == 0)
	{
		jld_push(st->a, f->nests, S(st, key));
		return;
	}
	else
		return; /* @context handled before; framing keywords are not supported */

	if (ev == NULL)
		return;
	if (ev->kind == JLD_NULL && strcmp(ep, "@value") == 0 &&
	    !(f->input_type && strcmp(f->input_type, "@json") == 0))
	{
		jld_set(st->a, result, "@value", ev);
		return;
	}
	jld_set(st->a, result, ep, ev);
}

static void
expand_entry(jld_state *st, expand_frame *f, const char *key, const jld_value *value)
{
	jld_context *active = f->active;
	const char *ep;
	const jld_term *def;
	unsigned c;
	jld_value *ev;

	if (strcmp(key, "@context") == 0)
		return;
	ep = jld_expand_iri(st, active, key, false, true);
	if (!ep || (!strchr(ep, ':') && !jld_is_keyword(ep)))
		return;
	jld_path_push_key(st, key);
	if (jld_is_keyword(ep))
	{
		expand_keyword(st, f, key, ep, value);
		jld_path_pop(st);
		return;
	}
	def = jld_term_get(active, key);
	c = def ? def->container : 0;
	if (def && def->type_mapping && strcmp(def->type_mapping, "@json") == 0)
	{
		ev = jld_object(st->a);
		jld_set(st->a, ev, "@value", (jld_value *)value);
		jld_set(st->a, ev, "@type", S(st, "@json"));
	}
	else if ((c & JLD_C_LANGUAGE) && value->kind == JLD_OBJECT)
		ev = jld_expand_language_map(st, active, def, value);
	else if ((c & (JLD_C_INDEX | JLD_C_TYPE | JLD_C_ID)) && value->kind == JLD_OBJECT)
		ev = jld_expand_index_map(st, active, key, def, value, f->base_url);
	else
		ev = jld_expand_element(st, active, key, value, f->base_url, false);
	if (!ev)
	{
		jld_path_pop(st);
		return;
	}
	if ((c & JLD_C_LIST) && !is_list_object(ev))
	{
		jld_value *l = jld_object(st->a);

		jld_set(st->a, l, "@list", jld_as_array(st->a, ev));
		ev = l;
	}
	if ((c & JLD_C_GRAPH) && !(c & (JLD_C_ID | JLD_C_INDEX)))
	{
		jld_value *arr = jld_as_array(st->a, ev);
		jld_value *conv = jld_array(st->a);

		for (size_t i = 0; i < arr->count; i++)
		{
			jld_value *g = jld_object(st->a);

			jld_set(st->a, g, "@graph", jld_as_array(st->a, arr->items[i]));
			jld_push(st->a, conv, g);
		}
		ev = conv;
	}
	if (def && def->reverse)
	{
		jld_value *rmap = jld_get(f->result, "@reverse");
		jld_value *arr = jld_as_array(st->a, ev);

		if (!rmap)
		{
			rmap = jld_object(st->a);
			jld_set(st->a, f->result, "@reverse", rmap);
		}
		for (size_t i = 0; i < arr->count; i++)
		{
			if (is_value_object(arr->items[i]) || is_list_object(arr->items[i]))
				DOC_FAIL(st, "invalid reverse property value",
				         "a reverse property cannot hold a value or list");
			add_value(st, rmap, ep, arr->items[i]);
		}
	}
	else
		add_value(st, f->result, ep, ev);
	jld_path_pop(st);
}

static void
expand_entries(jld_state *st, expand_frame *f, const jld_value *element)
{
	jld_value *saved_nests = f->nests;
	jld_value *nests = jld_array(st->a);

	f->nests = nests;
	for (size_t i = 0; i < element->count; i++)
		expand_entry(st, f, element->members[i].key, element->members[i].value);
	f->nests = saved_nests;
	/* nested properties, in key order */
	if (nests->count > 1)
		jld_sort(nests->items, nests->count, sizeof(jld_value *), cmp_str_values);
	for (size_t n = 0; n < nests->count; n++)
	{
		const char *nk = nests->items[n]->str;
		jld_value *nv = jld_as_array(st->a, jld_get(element, nk));
		const jld_term *ndef = jld_term_get(f->active, nk);
		jld_context *saved_active = f->active;

		/* a @nest alias may carry a property-scoped context */
		if (ndef && ndef->context)
			f->active = jld_process_context(st, f->active, ndef->context, ndef->context_base, NULL,
			                                true, true, true);
		jld_path_push_key(st, nk);
		for (size_t i = 0; i < nv->count; i++)
		{
			const jld_value *nested = nv->items[i];

			if (nested->kind != JLD_OBJECT)
				DOC_FAIL(st, "invalid @nest value", "@nest values must be objects");
			for (size_t k = 0; k < nested->count; k++)
			{
				const char *e = jld_expand_iri(st, f->active, nested->members[k].key, false, true);

				if (e && strcmp(e, "@value") == 0)
					DOC_FAIL(st, "invalid @nest value", "a nested object cannot hold @value");
			}
			expand_entries(st, f, nested);
		}
		f->active = saved_active;
		jld_path_pop(st);
	}
}

/* steps 15-19: value objects, @type arrays, @set/@list, free-floating values */
static jld_value *
finish_object(jld_state *st, jld_value *result, const char *active_property)
{
	jld_value *v;

	if ((v = jld_get(result, "@value")) != NULL)
	{
		jld_value *type = jld_get(result, "@type");

		for (size_t i = 0; i < result->count; i++)
		{
			const char *k = result->members[i].key;

			if (strcmp(k, "@direction") != 0 && strcmp(k, "@index") != 0 &&
			    strcmp(k, "@language") != 0 && strcmp(k, "@type") != 0 && strcmp(k, "@value") != 0)
				DOC_FAIL(st, "invalid value object", "a value object cannot hold %s", k);
		}
		if (type && (jld_get(result, "@language") || jld_get(result, "@direction")))
			DOC_FAIL(st, "invalid value object",
			         "a value object cannot have both @type and @language/@direction");
		if (type && is_str(type, "@json"))
			return result;
		if (v->kind == JLD_NULL)
			return NULL;
		if (v->kind != JLD_STRING && jld_get(result, "@language"))
			DOC_FAIL(st, "invalid language-tagged value", "@language needs a string @value");
		if (type && (type->kind != JLD_STRING || !jld_is_well_formed_iri(type->str)))
			DOC_FAIL(st, "invalid typed value", "the @type of a value must be an IRI");
	}
	else if ((v = jld_get(result, "@type")) != NULL && v->kind != JLD_ARRAY)
		jld_set(st->a, result, "@type", jld_as_array(st->a, v));
	else if (jld_get(result, "@set") || jld_get(result, "@list"))
	{
		if (result->count > 2 || (result->count == 2 && !jld_get(result, "@index")))
			DOC_FAIL(st, "invalid set or list object",
			         "@set and @list objects may only add @index");
		if ((v = jld_get(result, "@set")) != NULL)
			return v;
	}
	if (result->count == 1 && jld_get(result, "@language"))
		return NULL;
	if (!active_property || strcmp(active_property, "@graph") == 0)
	{
		if (result->count == 0 || jld_get(result, "@value") || jld_get(result, "@list"))
			return NULL;
		if (result->count == 1 && jld_get(result, "@id"))
			return NULL;
	}
	return result;
}

jld_value *
jld_expand_element(jld_state *st, jld_context *active, const char *active_property,
                   const jld_value *element, const char *base_url, bool from_map)
{
	const jld_term *pdef;
	const jld_value *scoped = NULL;
	const char *scoped_base = NULL;
	expand_frame f;
	jld_value *v;
	jld_member *sorted;

	tick(st);
	if (!element || element->kind == JLD_NULL)
		return NULL;
	pdef = active_property ? jld_term_get(active, active_property) : NULL;
	if (pdef && pdef->context)
	{
		scoped = pdef->context;
		scoped_base = pdef->context_base;
	}
	if (is_scalar(element))
	{
		if (!active_property || strcmp(active_property, "@graph") == 0)
			return NULL;
		if (scoped)
			active = jld_process_context(st, active, scoped, scoped_base, NULL, false, true, true);
		return jld_value_expand(st, active, active_property, element);
	}
	if (element->kind == JLD_ARRAY)
	{
		jld_value *result = jld_array(st->a);
		bool list_container = pdef && (pdef->container & JLD_C_LIST);

		for (size_t i = 0; i < element->count; i++)
		{
			jld_value *item;

			jld_path_push_index(st, i);
			item = jld_expand_element(st, active, active_property, element->items[i], base_url,
			                          from_map);
			jld_path_pop(st);
			if (list_container && item && item->kind == JLD_ARRAY)
			{
				jld_value *l = jld_object(st->a);

				jld_set(st->a, l, "@list", item);
				item = l;
			}
			if (!item)
				continue;
			if (item->kind == JLD_ARRAY)
				for (size_t j = 0; j < item->count; j++)
					jld_push(st->a, result, item->items[j]);
			else
				jld_push(st->a, result, item);
		}
		return result;
	}

	/* a map */
	if (active->previous && !from_map)
	{
		bool revert = true;

		for (size_t i = 0; i < element->count && revert; i++)
		{
			const char *e = jld_expand_iri(st, active, element->members[i].key, false, true);

			if (e && strcmp(e, "@value") == 0)
				revert = false;
			else if (element->count == 1 && e && strcmp(e, "@id") == 0)
				revert = false;
		}
		if (revert)
			active = active->previous;
	}
	if (scoped)
		active = jld_process_context(st, active, scoped, scoped_base, NULL, true, true, true);
	if ((v = jld_get(element, "@context")) != NULL)
	{
		jld_path_push_key(st, "@context");
		active = jld_process_context(st, active, v, base_url, NULL, false, true, true);
		jld_path_pop(st);
	}
	memset(&f, 0, sizeof(f));
	f.type_scoped = active;
	sorted = jld_sorted_members(st, element);
	for (size_t i = 0; i < element->count; i++)
	{
		const char *e = jld_expand_iri(st, active, sorted[i].key, false, true);
		jld_value *types;

		if (!e || strcmp(e, "@type") != 0)
			continue;
		types = jld_as_array(st->a, sorted[i].value);
		if (types->count > 1)
		{
			jld_value *copy = jld_array(st->a);

			for (size_t k = 0; k < types->count; k++)
				if (types->items[k]->kind == JLD_STRING)
					jld_push(st->a, copy, types->items[k]);
			jld_sort(copy->items, copy->count, sizeof(jld_value *), cmp_str_values);
			types = copy;
		}
		for (size_t k = 0; k < types->count; k++)
		{
			const jld_term *tdef;

			if (types->items[k]->kind != JLD_STRING)
				continue;
			tdef = jld_term_get(f.type_scoped, types->items[k]->str);
			if (tdef && tdef->context)
			{
				jld_path_push_key(st, sorted[i].key);
				active = jld_process_context(st, active, tdef->context, tdef->context_base, NULL,
				                             false, false, true);
				jld_path_pop(st);
			}
		}
		if (!f.input_type && types->count > 0)
		{
			const jld_value *last = jld_as_array(st->a, sorted[i].value);

			last = last->count ? last->items[last->count - 1] : NULL;
			if (last && last->kind == JLD_STRING)
				f.input_type = jld_expand_iri(st, active, last->str, false, true);
		}
	}
	f.active = active;
	f.active_property = active_property;
	f.base_url = base_url;
	f.result = jld_object(st->a);
	expand_entries(st, &f, element);
	return finish_object(st, f.result, active_property);
}

jld_value *
jld_expand(jld_arena *out, const jld_value *input, const jld_options *o)
{
	jld_state st;
	jld_context *active;
	jld_value *expanded;

	jld_state_init(&st, out, o);
	active = jld_context_new(&st);
	if (o->expand_context)
	{
		const jld_value *ec = o->expand_context;
		const jld_value *inner = ec->kind == JLD_OBJECT ? jld_get(ec, "@context") : NULL;

		active =
		    jld_process_context(&st, active, inner ? inner : ec, o->base, NULL, false, true, true);
	}
	expanded = jld_expand_element(&st, active, NULL, input, o->base, false);
	if (expanded && expanded->kind == JLD_OBJECT && expanded->count == 1 &&
	    jld_get(expanded, "@graph"))
		expanded = jld_get(expanded, "@graph");
	if (!expanded)
		return jld_array(out);
	return jld_as_array(out, expanded);
}
