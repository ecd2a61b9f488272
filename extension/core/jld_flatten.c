/*
 * jld_flatten.c
 *	  The JSON-LD 1.1 Flattening Algorithm
 *	  (https://www.w3.org/TR/json-ld11-api/#flattening-algorithm).
 */
#include "jld_node_map.h"

#include <stdlib.h>
#include <string.h>

static int
cmp_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the nodes of a graph, by id, without bare node references */
static jld_value *
graph_nodes(jld_state *st, const jld_map *graph)
{
	const char **ids = jld_arena_alloc(st->a, (graph->count + 1) * sizeof(char *));
	jld_value *out = jld_array(st->a);

	jld_copy_bytes(ids, graph->keys, graph->count * sizeof(char *));
	jld_sort(ids, graph->count, sizeof(char *), cmp_keys);
	for (size_t i = 0; i < graph->count; i++)
	{
		jld_value *node = jld_map_get(graph, ids[i]);

		if (!(node->count == 1 && jld_get(node, "@id")))
			jld_push(st->a, out, node);
	}
	return out;
}

jld_value *
jld_flatten(jld_arena *out, const jld_value *input, const jld_value *context, const jld_options *o)
{
	jld_value *expanded = jld_expand(out, input, o);
	jld_state st;
	jld_node_map nm;
	jld_map *default_graph;
	const char **names;
	jld_value *flattened;

	jld_state_init(&st, out, o);
	jld_node_map_init(&nm, &st);
	jld_generate_node_map(&nm, expanded, "@default", NULL, NULL, NULL, NULL);
	default_graph = jld_node_map_graph(&nm, "@default");
	names = jld_arena_alloc(out, (nm.graphs.count + 1) * sizeof(char *));
	jld_copy_bytes(names, nm.graphs.keys, nm.graphs.count * sizeof(char *));
	jld_sort(names, nm.graphs.count, sizeof(char *), cmp_keys);
	for (size_t i = 0; i < nm.graphs.count; i++)
	{
		jld_value *entry;

		if (strcmp(names[i], "@default") == 0)
			continue;
		entry = jld_map_get(default_graph, names[i]);
		if (!entry)
		{
			entry = jld_object(out);
			jld_set(out, entry, "@id", jld_string(out, names[i]));
			jld_map_put(out, default_graph, names[i], entry);
		}
		jld_set(out, entry, "@graph", graph_nodes(&st, jld_map_get(&nm.graphs, names[i])));
	}
	flattened = graph_nodes(&st, default_graph);
	if (!context)
		return flattened;
	return jld_compact_expanded(out, flattened, context, o, true);
}
