/*
 * jld_node_map.c
 *	  JSON-LD 1.1 Node Map Generation
 *	  (https://www.w3.org/TR/json-ld11-api/#node-map-generation), with the
 *	  blank node identifier issuer: every blank node gets a fresh label.
 */
#include "jld_node_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
jld_node_map_init(jld_node_map *nm, jld_state *st)
{
	memset(nm, 0, sizeof(*nm));
	nm->st = st;
	jld_node_map_graph(nm, "@default");
}

jld_map *
jld_node_map_graph(jld_node_map *nm, const char *name)
{
	jld_map *g = jld_map_get(&nm->graphs, name);

	if (!g)
	{
		g = jld_arena_alloc(nm->st->a, sizeof(jld_map));
		jld_map_put(nm->st->a, &nm->graphs, name, g);
	}
	return g;
}

const char *
jld_issue_blank(jld_node_map *nm, const char *old)
{
	char label[32];
	const char *issued;

	if (old && (issued = jld_map_get(&nm->issued, old)) != NULL)
		return issued;
	snprintf(label, sizeof(label), "_:b%u", nm->counter++);
	issued = jld_arena_strdup(nm->st->a, label);
	if (old)
		jld_map_put(nm->st->a, &nm->issued, old, (void *)issued);
	return issued;
}

static void
append(jld_state *st, jld_value *node, const char *key, jld_value *v)
{
	jld_value *arr = jld_get(node, key);

	if (!arr)
	{
		arr = jld_array(st->a);
		jld_set(st->a, node, key, arr);
	}
	jld_push(st->a, arr, v);
}

static jld_value *
id_ref(jld_state *st, const char *id)
{
	jld_value *r = jld_object(st->a);

	jld_set(st->a, r, "@id", jld_string(st->a, id));
	return r;
}

static int
cmp_members(const void *a, const void *b)
{
	return strcmp(((const jld_member *)a)->key, ((const jld_member *)b)->key);
}

/*
 * active_subject is either a node id (reverse_subject NULL) or, for reverse
 * properties, the node reference reverse_subject.
 */
void
jld_generate_node_map(jld_node_map *nm, const jld_value *element, const char *active_graph,
                      const char *active_subject, jld_value *reverse_subject,
                      const char *active_property, jld_value *list)
{
	jld_state *st = nm->st;
	jld_map *graph;
	jld_value *subject_node = NULL;
	jld_value *v;
	const char *id;
	jld_value *node;
	jld_member *members;

	if ((++st->steps & 4095) == 0)
		oslo_check_interrupts();
	if (element->kind == JLD_ARRAY)
	{
		for (size_t i = 0; i < element->count; i++)
			jld_generate_node_map(nm, element->items[i], active_graph, active_subject,
			                      reverse_subject, active_property, list);
		return;
	}
	if (element->kind != JLD_OBJECT)
		return;
	graph = jld_node_map_graph(nm, active_graph);
	if (active_subject && !reverse_subject)
		subject_node = jld_map_get(graph, active_subject);

	if ((v = jld_get(element, "@value")) != NULL)
	{
		jld_value *copy = (jld_value *)element;

		if (list)
			append(st, list, "@list", copy);
		else if (subject_node)
			jld_add_unique(st, &nm->dedup, subject_node, active_property, copy);
		return;
	}
	if ((v = jld_get(element, "@list")) != NULL)
	{
		jld_value *result = jld_object(st->a);

		jld_set(st->a, result, "@list", jld_array(st->a));
		jld_generate_node_map(nm, v, active_graph, active_subject, reverse_subject, active_property,
		                      result);
		if (list)
			append(st, list, "@list", result);
		else if (subject_node)
			append(st, subject_node, active_property, result);
		return;
	}

	/* a node object */
	v = jld_get(element, "@id");
	if (v && v->kind == JLD_STRING)
		id = jld_is_blank(v->str) ? jld_issue_blank(nm, v->str) : v->str;
	else if (v)
		return; /* an @id that did not expand (null): the node and its edges are dropped */
	else
		id = jld_issue_blank(nm, NULL);
	node = jld_map_get(graph, id);
	if (!node)
	{
		node = id_ref(st, id);
		jld_map_put(st->a, graph, id, node);
	}
	if (reverse_subject)
		jld_add_unique(st, &nm->dedup, node, active_property, reverse_subject);
	else if (active_property)
	{
		jld_value *ref = id_ref(st, id);

		if (list)
			append(st, list, "@list", ref);
		else if (subject_node)
			jld_add_unique(st, &nm->dedup, subject_node, active_property, ref);
	}
	if ((v = jld_get(element, "@type")) != NULL)
	{
		v = jld_as_array(st->a, v);
		for (size_t i = 0; i < v->count; i++)
		{
			const jld_value *t = v->items[i];

			if (t->kind != JLD_STRING)
				continue;
			if (jld_is_blank(t->str))
				t = jld_string(st->a, jld_issue_blank(nm, t->str));
			jld_add_unique(st, &nm->dedup, node, "@type", (jld_value *)t);
		}
	}
	if ((v = jld_get(element, "@index")) != NULL)
	{
		jld_value *existing = jld_get(node, "@index");

		if (existing && !jld_equal(existing, v, true))
			DOC_FAIL(st, "conflicting indexes", "node %s has two different @index values", id);
		jld_set(st->a, node, "@index", v);
	}
	if ((v = jld_get(element, "@reverse")) != NULL && v->kind == JLD_OBJECT)
	{
		jld_value *ref = id_ref(st, id);

		for (size_t i = 0; i < v->count; i++)
			jld_generate_node_map(nm, v->members[i].value, active_graph, id, ref, v->members[i].key,
			                      NULL);
	}
	if ((v = jld_get(element, "@graph")) != NULL)
		jld_generate_node_map(nm, v, id, NULL, NULL, NULL, NULL);
	if ((v = jld_get(element, "@included")) != NULL)
		jld_generate_node_map(nm, v, active_graph, NULL, NULL, NULL, NULL);
	/* properties in key order, so blank node labels come out as the suite expects */
	members = element->members;
	if (element->count > 1)
	{
		members = jld_arena_alloc(st->a, element->count * sizeof(jld_member));
		jld_copy_bytes(members, element->members, element->count * sizeof(jld_member));
		jld_sort(members, element->count, sizeof(jld_member), cmp_members);
	}
	for (size_t i = 0; i < element->count; i++)
	{
		const char *prop = members[i].key;

		if (prop[0] == '@')
			continue;
		if (jld_is_blank(prop))
			prop = jld_issue_blank(nm, prop);
		/* node may have moved: look it up again after recursion */
		if (!jld_get(node, prop))
			jld_set(st->a, node, prop, jld_array(st->a));
		jld_generate_node_map(nm, members[i].value, active_graph, id, NULL, prop, NULL);
	}
}
