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
		/* not there: no second search */
		arr = jld_array(st->a);
		jld_append_member(st->a, object, key, arr);
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

static jld_value *value_expand(jld_state *st, jld_context *active, const jld_term *def,
                               const jld_value *value);

jld_value *
jld_value_expand(jld_state *st, jld_context *active, const char *active_property,
                 const jld_value *value)
{
	return value_expand(st, active, active_property ? jld_term_get(active, active_property) : NULL,
	                    value);
}

/* def: the term definition of the active property in active, or NULL */
static jld_value *
value_expand(jld_state *st, jld_context *active, const jld_term *def, const jld_value *value)
{
	const char *tm = def ? def->type_mapping : NULL;
	jld_value *result;

	if (tm && value->kind == JLD_STRING && (jld_streq(tm, "@id") || jld_streq(tm, "@vocab")))
	{
		const char *iri = jld_expand_iri(st, active, value->str, true, jld_streq(tm, "@vocab"));

		result = jld_object(st->a);
		jld_set(st->a, result, "@id", iri ? S(st, iri) : jld_null(st->a));
		return result;
	}
	result = jld_object(st->a);
	jld_set(st->a, result, "@value", (jld_value *)value);
	if (tm && !jld_streq(tm, "@id") && !jld_streq(tm, "@vocab") && !jld_streq(tm, "@none"))
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

		if (!jld_streq(k, "@graph") && !jld_streq(k, "@id") && !jld_streq(k, "@index") &&
		    !jld_streq(k, "@context"))
			return false;
	}
	return true;
}

/* a key's expansion as a property (vocab-relative) and its term definition */
typedef struct expanded_key
{
	const char *ep;
	const jld_term *def;
} expanded_key;

static jld_value *expand_element(jld_state *st, jld_context *active, const char *active_property,
                                 const jld_term *pdef, const jld_value *element,
                                 const char *base_url, bool from_map);

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

	if (f->active_property && jld_streq(f->active_property, "@reverse"))
		DOC_FAIL(st, "invalid reverse property map", "a reverse property map cannot hold %s", ep);
	if (jld_get(result, ep) &&
	    (st->mode10 || (!jld_streq(ep, "@included") && !jld_streq(ep, "@type"))))
		DOC_FAIL(st, "colliding keywords", "%s appears more than once", ep);
	if (jld_streq(ep, "@id"))
	{
		const char *id;

		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid @id value", "@id must be a string");
		id = jld_expand_iri(st, active, value->str, true, false);
		ev = id ? S(st, id) : jld_null(st->a);
	}
	else if (jld_streq(ep, "@type"))
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
	else if (jld_streq(ep, "@graph"))
	{
		ev = jld_expand_element(st, active, "@graph", value, f->base_url, false);
		ev = jld_as_array(st->a, ev);
	}
	else if (jld_streq(ep, "@included"))
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
	else if (jld_streq(ep, "@value"))
	{
		if (f->input_type && jld_streq(f->input_type, "@json"))
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
	else if (jld_streq(ep, "@language"))
	{
		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid language-tagged string", "@language must be a string");
		ev = (jld_value *)value;
	}
	else if (jld_streq(ep, "@direction"))
	{
		if (st->mode10)
			return;
		if (!is_str(value, "ltr") && !is_str(value, "rtl"))
			DOC_FAIL(st, "invalid base direction", "@direction must be \"ltr\" or \"rtl\"");
		ev = (jld_value *)value;
	}
	else if (jld_streq(ep, "@index"))
	{
		if (value->kind != JLD_STRING)
			DOC_FAIL(st, "invalid @index value", "@index must be a string");
		ev = (jld_value *)value;
	}
	else if (jld_streq(ep, "@list"))
	{
		if (!f->active_property || jld_streq(f->active_property, "@graph"))
			return;
		ev = jld_expand_element(st, active, f->active_property, value, f->base_url, false);
		ev = jld_as_array(st->a, ev);
	}
	else if (jld_streq(ep, "@set"))
		ev = jld_expand_element(st, active, f->active_property, value, f->base_url, false);
	else if (jld_streq(ep, "@reverse"))
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

			if (jld_streq(prop, "@reverse"))
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
	else if (jld_streq(ep, "@nest"))
	{
		jld_push(st->a, f->nests, S(st, key));
		return;
	}
	else
		return; /* @context handled before; framing keywords are not supported */

	if (ev == NULL)
		return;
	if (ev->kind == JLD_NULL && jld_streq(ep, "@value") &&
	    !(f->input_type && jld_streq(f->input_type, "@json")))
	{
		jld_set(st->a, result, "@value", ev);
		return;
	}
	jld_set(st->a, result, ep, ev);
}

/*
 * known: ep and def are key's expansion and term definition in f->active
 * (computed once by the caller for every key of the element)
 */
static void
expand_entry(jld_state *st, expand_frame *f, const char *key, const jld_value *value,
             const expanded_key *known)
{
	jld_context *active = f->active;
	const char *ep;
	const jld_term *def;
	unsigned c;
	jld_value *ev;
	bool keyword;

	if (jld_streq(key, "@context"))
		return;
	if (known)
		ep = known->ep, def = known->def;
	else
		ep = jld_expand_key(st, active, key, &def);
	if (!ep)
		return;
	keyword = jld_is_keyword(ep);
	if (!keyword && !strchr(ep, ':'))
		return;
	jld_path_push_key(st, key);
	if (keyword)
	{
		expand_keyword(st, f, key, ep, value);
		jld_path_pop(st);
		return;
	}
	c = def ? def->container : 0;
	if (def && def->type_mapping && jld_streq(def->type_mapping, "@json"))
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
		ev = expand_element(st, active, key, def, value, f->base_url, false);
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

/* known: the expansion of each key of element in f->active, or NULL */
static void
expand_entries(jld_state *st, expand_frame *f, const jld_value *element, const expanded_key *known)
{
	jld_value *saved_nests = f->nests;
	jld_value *nests = jld_array(st->a);

	f->nests = nests;
	for (size_t i = 0; i < element->count; i++)
		expand_entry(st, f, element->members[i].key, element->members[i].value,
		             known ? &known[i] : NULL);
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

				if (e && jld_streq(e, "@value"))
					DOC_FAIL(st, "invalid @nest value", "a nested object cannot hold @value");
			}
			expand_entries(st, f, nested, NULL);
		}
		f->active = saved_active;
		jld_path_pop(st);
	}
}

/* the keyword entries finish_object looks at, found in one pass */
typedef struct result_entries
{
	jld_value *value, *type, *language, *direction, *set, *list, *id, *index;
} result_entries;

static void
scan_result(const jld_value *result, result_entries *r)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < result->count; i++)
	{
		const char *k = result->members[i].key;
		jld_value *v = result->members[i].value;

		if (k[0] != '@')
			continue;
		if (jld_streq(k, "@value"))
			r->value = v;
		else if (jld_streq(k, "@type"))
			r->type = v;
		else if (jld_streq(k, "@language"))
			r->language = v;
		else if (jld_streq(k, "@direction"))
			r->direction = v;
		else if (jld_streq(k, "@set"))
			r->set = v;
		else if (jld_streq(k, "@list"))
			r->list = v;
		else if (jld_streq(k, "@id"))
			r->id = v;
		else if (jld_streq(k, "@index"))
			r->index = v;
	}
}

/* steps 15-19: value objects, @type arrays, @set/@list, free-floating values */
static jld_value *
finish_object(jld_state *st, jld_value *result, const char *active_property)
{
	result_entries r;
	jld_value *v;

	scan_result(result, &r);
	if ((v = r.value) != NULL)
	{
		jld_value *type = r.type;

		for (size_t i = 0; i < result->count; i++)
		{
			const char *k = result->members[i].key;

			if (!jld_streq(k, "@direction") && !jld_streq(k, "@index") &&
			    !jld_streq(k, "@language") && !jld_streq(k, "@type") && !jld_streq(k, "@value"))
				DOC_FAIL(st, "invalid value object", "a value object cannot hold %s", k);
		}
		if (type && (r.language || r.direction))
			DOC_FAIL(st, "invalid value object",
			         "a value object cannot have both @type and @language/@direction");
		if (type && is_str(type, "@json"))
			return result;
		if (v->kind == JLD_NULL)
			return NULL;
		if (v->kind != JLD_STRING && r.language)
			DOC_FAIL(st, "invalid language-tagged value", "@language needs a string @value");
		if (type && (type->kind != JLD_STRING || !jld_is_well_formed_iri(type->str)))
			DOC_FAIL(st, "invalid typed value", "the @type of a value must be an IRI");
	}
	else if ((v = r.type) != NULL && v->kind != JLD_ARRAY)
		jld_set(st->a, result, "@type", jld_as_array(st->a, v));
	else if (r.set || r.list)
	{
		if (result->count > 2 || (result->count == 2 && !r.index))
			DOC_FAIL(st, "invalid set or list object",
			         "@set and @list objects may only add @index");
		if ((v = r.set) != NULL)
			return v;
	}
	if (result->count == 1 && r.language)
		return NULL;
	if (!active_property || jld_streq(active_property, "@graph"))
	{
		if (result->count == 0 || r.value || r.list)
			return NULL;
		if (result->count == 1 && r.id)
			return NULL;
	}
	return result;
}

jld_value *
jld_expand_element(jld_state *st, jld_context *active, const char *active_property,
                   const jld_value *element, const char *base_url, bool from_map)
{
	return expand_element(st, active, active_property,
	                      active_property ? jld_term_get(active, active_property) : NULL, element,
	                      base_url, from_map);
}

/*
 * Step 11's type-scoped contexts, in key order; sets f->input_type and
 * returns the active context for the entries. Most nodes have one key
 * expanding to @type and no type-scoped context: then known (each key's
 * expansion in active) settles it without sorting the keys.
 */
static jld_context *
apply_types(jld_state *st, expand_frame *f, jld_context *active, const jld_value *element,
            const expanded_key *known)
{
	jld_member *sorted;
	size_t type_key = element->count, n_type_keys = 0;

	for (size_t i = 0; i < element->count; i++)
		if (known[i].ep && jld_streq(known[i].ep, "@type"))
			type_key = i, n_type_keys++;
	if (n_type_keys == 0)
		return active;
	if (n_type_keys == 1)
	{
		jld_value *types = jld_as_array(st->a, element->members[type_key].value);
		bool scoped = false;

		for (size_t k = 0; k < types->count && !scoped; k++)
		{
			const jld_term *tdef;

			if (types->items[k]->kind != JLD_STRING)
				continue;
			tdef = jld_term_get(f->type_scoped, types->items[k]->str);
			scoped = tdef && tdef->context;
		}
		if (!scoped)
		{
			const jld_value *last = types->count ? types->items[types->count - 1] : NULL;

			if (last && last->kind == JLD_STRING)
				f->input_type = jld_expand_iri(st, active, last->str, false, true);
			return active;
		}
	}
	/* the general way: keys in order, each in the context the ones before left */
	sorted = jld_sorted_members(st, element);
	for (size_t i = 0; i < element->count; i++)
	{
		const char *e = jld_expand_iri(st, active, sorted[i].key, false, true);
		jld_value *types;

		if (!e || !jld_streq(e, "@type"))
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
			tdef = jld_term_get(f->type_scoped, types->items[k]->str);
			if (tdef && tdef->context)
			{
				jld_path_push_key(st, sorted[i].key);
				active = jld_process_context(st, active, tdef->context, tdef->context_base, NULL,
				                             false, false, true);
				jld_path_pop(st);
			}
		}
		if (!f->input_type && types->count > 0)
		{
			const jld_value *last = jld_as_array(st->a, sorted[i].value);

			last = last->count ? last->items[last->count - 1] : NULL;
			if (last && last->kind == JLD_STRING)
				f->input_type = jld_expand_iri(st, active, last->str, false, true);
		}
	}
	return active;
}

/* pdef: the term definition of active_property in active (NULL: none) */
static jld_value *
expand_element(jld_state *st, jld_context *active, const char *active_property,
               const jld_term *pdef, const jld_value *element, const char *base_url, bool from_map)
{
	const jld_value *scoped = NULL;
	const char *scoped_base = NULL;
	expand_frame f;
	jld_value *v;
	expanded_key known_local[16], *known;
	jld_context *keys_context;

	tick(st);
	if (!element || element->kind == JLD_NULL)
		return NULL;
	if (pdef && pdef->context)
	{
		scoped = pdef->context;
		scoped_base = pdef->context_base;
	}
	if (is_scalar(element))
	{
		if (!active_property || jld_streq(active_property, "@graph"))
			return NULL;
		if (scoped)
		{
			active = jld_process_context(st, active, scoped, scoped_base, NULL, false, true, true);
			return jld_value_expand(st, active, active_property, element);
		}
		return value_expand(st, active, pdef, element);
	}
	if (element->kind == JLD_ARRAY)
	{
		jld_value *result = jld_array(st->a);
		bool list_container = pdef && (pdef->container & JLD_C_LIST);

		for (size_t i = 0; i < element->count; i++)
		{
			jld_value *item;

			jld_path_push_index(st, i);
			item = expand_element(st, active, active_property, pdef, element->items[i], base_url,
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

			if (e && jld_streq(e, "@value"))
				revert = false;
			else if (element->count == 1 && e && jld_streq(e, "@id"))
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
	/* every key's expansion, once: for @type below and for the entries */
	known = element->count <= 16 ? known_local
	                             : jld_arena_alloc(st->a, element->count * sizeof(expanded_key));
	for (size_t i = 0; i < element->count; i++)
		known[i].ep = jld_expand_key(st, active, element->members[i].key, &known[i].def);
	keys_context = active;
	active = apply_types(st, &f, active, element, known);
	f.active = active;
	f.active_property = active_property;
	f.base_url = base_url;
	f.result = jld_object(st->a);
	expand_entries(st, &f, element, active == keys_context ? known : NULL);
	return finish_object(st, f.result, active_property);
}

jld_context *
jld_expand_initial_context(jld_state *st)
{
	jld_context *active = jld_context_new(st);
	const jld_options *o = st->opts;

	if (o->expand_context)
	{
		const jld_value *ec = o->expand_context;
		const jld_value *inner = ec->kind == JLD_OBJECT ? jld_get(ec, "@context") : NULL;

		active =
		    jld_process_context(st, active, inner ? inner : ec, o->base, NULL, false, true, true);
	}
	return active;
}

jld_value *
jld_expand_with(jld_state *st, jld_context *active, const jld_value *input)
{
	jld_value *expanded = jld_expand_element(st, active, NULL, input, st->opts->base, false);

	if (expanded && expanded->kind == JLD_OBJECT && expanded->count == 1 &&
	    jld_get(expanded, "@graph"))
		expanded = jld_get(expanded, "@graph");
	if (!expanded)
		return jld_array(st->a);
	return jld_as_array(st->a, expanded);
}

jld_value *
jld_expand(jld_arena *out, const jld_value *input, const jld_options *o)
{
	jld_state st;

	jld_state_init(&st, out, o);
	return jld_expand_with(&st, jld_expand_initial_context(&st), input);
}
