/*
 * jld_node_map.h
 *	  Node map generation, shared by toRdf (and later flattening).
 */
#ifndef OSLO_JLD_NODE_MAP_H
#define OSLO_JLD_NODE_MAP_H

#include "jld_internal.h"

typedef struct jld_node_map
{
	jld_state *st;
	jld_map graphs; /* graph name ("@default", IRI, _:b) -> jld_map of id -> node object */
	jld_map issued; /* blank node identifier issuer: old label -> new label */
	unsigned counter;
	jld_dedup dedup;
} jld_node_map;

extern void jld_node_map_init(jld_node_map *nm, jld_state *st);
extern jld_map *jld_node_map_graph(jld_node_map *nm, const char *name);
/* a fresh "_:bN" for old (the same one each time), or a new one when old is NULL */
extern const char *jld_issue_blank(jld_node_map *nm, const char *old);
extern void jld_generate_node_map(jld_node_map *nm, const jld_value *element,
                                  const char *active_graph, const char *active_subject,
                                  jld_value *reverse_subject, const char *active_property,
                                  jld_value *list);

#endif
