/*
 * rml_compile.c
 *	  Walk an RML mapping graph once and build the plan of rml_plan.h:
 *	  triples maps, logical sources, predicate-object maps and joins (term
 *	  maps are rml_compile_terms.c).
 */
#include "rml_compiler.h"
#include "rdf_syntax.h"

#include <stdlib.h>
#include <string.h>

/* ---- triples maps ---- */

static size_t
map_index(compiler *c, oslo_term_id id)
{
	for (size_t i = 0; i < c->m->nmaps; i++)
		if (c->map_ids[i] == id)
			return i;
	oslo_error(OSLO_ERR_PARAMETER, "%s: rml:parentTriplesMap %s is not a triples map", c->where,
	           rml_term_name(c->g, id));
}

static void
compile_object_maps(compiler *c, const rml_logical_source *ls, oslo_term_id pom, rml_pom *out)
{
	size_t nnodes, nshort;
	oslo_term_id *nodes = rml_props_all(c, pom, "objectMap", &nnodes);
	oslo_term_id *shorts = rml_props_all(c, pom, "object", &nshort);

	out->objects = rml_plan_alloc(c->m, (nnodes + nshort + 1) * sizeof(rml_object_map));
	for (size_t i = 0; i < nnodes; i++)
	{
		rml_object_map *om = &out->objects[out->nobjects++];
		oslo_term_id parent = rml_prop(c, nodes[i], "parentTriplesMap");
		size_t njoins;
		oslo_term_id *joins;

		if (!parent)
		{
			om->term = rml_compile_term_map(c, ls, nodes[i], ROLE_OBJECT);
			continue;
		}
		om->parent = map_index(c, parent);
		joins = rml_props_all(c, nodes[i], "joinCondition", &njoins);
		om->joins = rml_plan_alloc(c->m, (njoins + 1) * sizeof(rml_join));
		for (size_t j = 0; j < njoins; j++)
		{
			/* the parent side is evaluated on the parent's logical source, filled in later */
			oslo_term_id child = rml_prop(c, joins[j], "child");
			oslo_term_id child_map = rml_prop(c, joins[j], "childMap");

			if ((child != 0) == (child_map != 0))
				oslo_error(OSLO_ERR_PARAMETER,
				           "%s: a join condition needs one rml:child or rml:childMap", c->where);
			om->joins[j].child = child ? rml_plan_alloc(c->m, sizeof(rml_term_map))
			                           : rml_compile_term_map(c, ls, child_map, ROLE_JOIN);
			if (child)
			{
				om->joins[j].child->kind = RML_REFERENCE;
				om->joins[j].child->type = RML_LITERAL;
				om->joins[j].child->ref =
				    rml_compile_ref(c, ls, rml_string_value(c, child, "child"));
			}
			/* keep the join node: the parent side compiles against the parent's source */
			om->joins[j].parent = (rml_term_map *)(uintptr_t)joins[j];
		}
		om->njoins = njoins;
	}
	for (size_t i = 0; i < nshort; i++)
		out->objects[out->nobjects++].term = rml_constant_map(c, shorts[i], ROLE_OBJECT);
}

/* the parent side of join conditions needs the parent's logical source, known after pass 1 */
static void
compile_parent_joins(compiler *c)
{
	for (size_t t = 0; t < c->m->nmaps; t++)
	{
		rml_triples_map *tm = &c->m->maps[t];

		c->where = tm->name;
		for (size_t p = 0; p < tm->npoms; p++)
			for (size_t o = 0; o < tm->poms[p].nobjects; o++)
			{
				rml_object_map *om = &tm->poms[p].objects[o];
				const rml_logical_source *pls = &c->m->maps[om->parent].source;

				if (om->term)
					continue;
				for (size_t j = 0; j < om->njoins; j++)
				{
					oslo_term_id node = (oslo_term_id)(uintptr_t)om->joins[j].parent;
					oslo_term_id parent = rml_prop(c, node, "parent");
					oslo_term_id parent_map = rml_prop(c, node, "parentMap");

					if ((parent != 0) == (parent_map != 0))
						oslo_error(OSLO_ERR_PARAMETER,
						           "%s: a join condition needs one rml:parent or rml:parentMap",
						           c->where);
					if (parent_map)
						om->joins[j].parent = rml_compile_term_map(c, pls, parent_map, ROLE_JOIN);
					else
					{
						rml_term_map *pm = rml_plan_alloc(c->m, sizeof(rml_term_map));

						pm->kind = RML_REFERENCE;
						pm->type = RML_LITERAL;
						pm->ref = rml_compile_ref(c, pls, rml_string_value(c, parent, "parent"));
						om->joins[j].parent = pm;
					}
				}
			}
	}
}

/* a named (IRI) formulation node, shared by logical sources, typed as RML-IO's XPath one */
static bool
rml_is_xpath_formulation_node(compiler *c, oslo_term_id form)
{
	oslo_term_id type = oslo_graph_object(
	    c->g, form, oslo_graph_find_iri(c->g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE)));

	return type && rml_is_vocab(c->g, type, "XPathReferenceFormulation");
}

static void
compile_namespaces(compiler *c, oslo_term_id node, rml_logical_source *ls)
{
	size_t n;
	oslo_term_id *decls = rml_props_all(c, node, "namespace", &n);
	rml_xml_ns *ns = rml_plan_alloc(c->m, (ls->nnamespaces + n + 1) * sizeof(rml_xml_ns));

	if (n == 0)
		return;
	if (ls->nnamespaces)
		memcpy(ns, ls->namespaces, ls->nnamespaces * sizeof(rml_xml_ns));
	for (size_t i = 0; i < n; i++)
	{
		oslo_term_id prefix = rml_prop(c, decls[i], "namespacePrefix");
		oslo_term_id url = rml_prop(c, decls[i], "namespaceURL");

		if (!prefix || !url)
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s: an rml:namespace needs rml:namespacePrefix and rml:namespaceURL",
			           c->where);
		ns[ls->nnamespaces].prefix = rml_plan_strdup(c->m, rml_string_value(c, prefix, "prefix"));
		ns[ls->nnamespaces].url = rml_plan_strdup(c->m, rml_string_value(c, url, "namespaceURL"));
		ls->nnamespaces++;
	}
	ls->namespaces = ns;
}

static void
compile_logical_source(compiler *c, oslo_term_id node, rml_logical_source *ls)
{
	oslo_term_id source = rml_prop(c, node, "source");
	oslo_term_id form = rml_prop(c, node, "referenceFormulation");
	oslo_term_id iterator = rml_prop(c, node, "iterator");
	const oslo_term *st;

	if (!source)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the logical source has no rml:source", c->where);
	st = oslo_graph_term(c->g, source);
	if (st->kind == OSLO_TERM_BLANK)
	{
		oslo_term_id path = rml_prop(c, source, "path");

		if (!path)
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s: only sources with an rml:path are supported (database sources are "
			           "out of scope)",
			           c->where);
		ls->source = rml_plan_strdup(c->m, rml_string_value(c, path, "path"));
	}
	else
		ls->source = rml_plan_strdup(c->m, st->value);

	if (!form)
	{
		size_t len = strlen(ls->source);

		if (len > 4 && strcmp(ls->source + len - 4, ".csv") == 0)
			ls->formulation = RML_CSV;
		else
			oslo_error(OSLO_ERR_PARAMETER, "%s: the logical source has no rml:referenceFormulation",
			           c->where);
	}
	else if (rml_is_vocab(c->g, form, "XPath"))
		ls->formulation = RML_XPATH;
	else if (rml_is_vocab(c->g, form, "JSONPath"))
		ls->formulation = RML_JSONPATH;
	else if (rml_is_vocab(c->g, form, "CSV"))
		ls->formulation = RML_CSV;
	else if (oslo_graph_term(c->g, form)->kind == OSLO_TERM_BLANK ||
	         rml_is_xpath_formulation_node(c, form))
	{
		oslo_term_id type = oslo_graph_object(
		    c->g, form, oslo_graph_find_iri(c->g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE)));

		if (type && !rml_is_vocab(c->g, type, "XPathReferenceFormulation") &&
		    !rml_is_vocab(c->g, type, "XPath"))
			oslo_error(OSLO_ERR_PARAMETER, "%s: unknown reference formulation %s", c->where,
			           rml_term_name(c->g, type));
		/* a node with namespaces is an XPath formulation (RML-IO) */
		ls->formulation = RML_XPATH;
		compile_namespaces(c, form, ls);
	}
	else
		oslo_error(OSLO_ERR_PARAMETER, "%s: unknown reference formulation %s", c->where,
		           rml_term_name(c->g, form));
	compile_namespaces(c, node, ls);

	if (ls->formulation != RML_CSV)
	{
		const char *it = iterator ? rml_string_value(c, iterator, "iterator")
		                          : (ls->formulation == RML_XPATH ? "/" : "$");

		ls->iterator = rml_plan_strdup(c->m, it);
		ls->iterator_ref = rml_compile_ref(c, ls, it);
	}
}

static void
compile_triples_map(compiler *c, oslo_term_id node, rml_triples_map *tm)
{
	oslo_term_id ls = rml_prop(c, node, "logicalSource");
	oslo_term_id base = rml_prop(c, node, "baseIRI");
	oslo_term_id subject_maps[2];
	size_t nsubject = rml_props(c, node, "subjectMap", subject_maps, 2);
	size_t nshort, npoms;
	oslo_term_id *shorts = rml_props_all(c, node, "subject", &nshort);
	oslo_term_id *poms;
	oslo_term_id subject_node;

	tm->name = rml_plan_strdup(c->m, c->where);
	tm->base_iri = base ? rml_plan_strdup(c->m, rml_string_value(c, base, "baseIRI"))
	                    : (c->default_base ? rml_plan_strdup(c->m, c->default_base) : NULL);
	if (!ls)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the triples map has no rml:logicalSource", c->where);
	compile_logical_source(c, ls, &tm->source);

	if (nsubject + nshort == 0)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the triples map has no subject map", c->where);
	if (nsubject + nshort > 1)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the triples map has more than one subject map",
		           c->where);
	if (nshort)
	{
		tm->subject = rml_constant_map(c, shorts[0], ROLE_SUBJECT);
		subject_node = 0;
	}
	else
	{
		subject_node = subject_maps[0];
		tm->subject = rml_compile_term_map(c, &tm->source, subject_node, ROLE_SUBJECT);
	}
	if (subject_node)
	{
		oslo_term_id *classes = rml_props_all(c, subject_node, "class", &tm->nclasses);

		tm->classes = rml_plan_alloc(c->m, (tm->nclasses + 1) * sizeof(char *));
		for (size_t i = 0; i < tm->nclasses; i++)
		{
			const oslo_term *t = oslo_graph_term(c->g, classes[i]);

			if (t->kind != OSLO_TERM_IRI)
				oslo_error(OSLO_ERR_PARAMETER, "%s: rml:class must be an IRI", c->where);
			tm->classes[i] = rml_plan_strdup(c->m, t->value);
		}
		tm->subject_graphs = rml_term_maps(c, &tm->source, subject_node, "graphMap", "graph",
		                                   ROLE_GRAPH, &tm->nsubject_graphs);
	}

	poms = rml_props_all(c, node, "predicateObjectMap", &npoms);
	tm->poms = rml_plan_alloc(c->m, (npoms + 1) * sizeof(rml_pom));
	for (size_t i = 0; i < npoms; i++)
	{
		rml_pom *pom = &tm->poms[tm->npoms++];

		pom->predicates = rml_term_maps(c, &tm->source, poms[i], "predicateMap", "predicate",
		                                ROLE_PREDICATE, &pom->npredicates);
		if (pom->npredicates == 0)
			oslo_error(OSLO_ERR_PARAMETER, "%s: a predicate-object map has no predicate", c->where);
		compile_object_maps(c, &tm->source, poms[i], pom);
		if (pom->nobjects == 0)
			oslo_error(OSLO_ERR_PARAMETER, "%s: a predicate-object map has no object", c->where);
		pom->graphs =
		    rml_term_maps(c, &tm->source, poms[i], "graphMap", "graph", ROLE_GRAPH, &pom->ngraphs);
	}
}

static void
release_xpaths(void *resource)
{
	rml_xpath_list *list = resource;

	for (size_t i = 0; i < list->n; i++)
		xmlXPathFreeCompExpr(list->items[i]);
	free(list->items);
	free(list);
}

/* triples maps: typed rml:TriplesMap, or (legacy mappings) anything with a logical source */
static oslo_term_id *
find_triples_maps(compiler *c, size_t *n)
{
	size_t cap = 16;
	oslo_term_id *ids = oslo_alloc(cap * sizeof(oslo_term_id));
	const oslo_quad *quads = oslo_graph_quads(c->g);
	size_t nquads = oslo_graph_size(c->g);
	oslo_term_id rdf_type = oslo_graph_find_iri(c->g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));

	*n = 0;
	for (size_t i = 0; i < nquads; i++)
	{
		const oslo_quad *q = &quads[i];
		bool seen = false;

		if (!((q->p == rdf_type && rml_is_vocab(c->g, q->o, "TriplesMap")) ||
		      rml_is_vocab(c->g, q->p, "logicalSource")))
			continue;
		for (size_t j = 0; j < *n && !seen; j++)
			seen = ids[j] == q->s;
		if (seen)
			continue;
		if (*n == cap)
			ids = oslo_realloc(ids, (cap *= 2) * sizeof(oslo_term_id));
		ids[(*n)++] = q->s;
	}
	return ids;
}

rml_mapping *
rml_compile_graph(const oslo_graph *g, const char *base_iri)
{
	rml_mapping *m = oslo_alloc0(sizeof(rml_mapping));
	compiler c = {m, g, base_iri, "mapping", NULL};
	rml_xpath_list *list = calloc(1, sizeof(rml_xpath_list));

	if (list == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory compiling a mapping");
	m->xpaths = list;
	m->xpath_guard = oslo_guard_new(release_xpaths, list);
	c.map_ids = find_triples_maps(&c, &m->nmaps);
	if (m->nmaps == 0)
		oslo_error(OSLO_ERR_PARAMETER, "the mapping has no triples map");
	m->maps = rml_plan_alloc(m, m->nmaps * sizeof(rml_triples_map));
	for (size_t i = 0; i < m->nmaps; i++)
	{
		char *name = rml_term_name(g, c.map_ids[i]);

		c.where = name;
		compile_triples_map(&c, c.map_ids[i], &m->maps[i]);
		oslo_free(name);
	}
	compile_parent_joins(&c);
	rml_link_iterator_bases(&c);
	oslo_free(c.map_ids);
	return m;
}

rml_mapping *
rml_compile(const char *turtle, size_t len, const char *base_iri)
{
	oslo_graph *g = oslo_graph_new();
	rml_mapping *m;

	oslo_rdf_parse(g, turtle, len, OSLO_SYNTAX_TURTLE, base_iri);
	m = rml_compile_graph(g, base_iri);
	oslo_graph_free(g);
	return m;
}

size_t
rml_triples_map_count(const rml_mapping *m)
{
	return m->nmaps;
}

void
rml_free(rml_mapping *m)
{
	if (m == NULL)
		return;
	oslo_guard_release(m->xpath_guard);
	for (size_t i = 0; i < m->njsonpaths; i++)
		rml_jsonpath_free(m->jsonpaths[i]);
	oslo_free(m->jsonpaths);
	for (size_t i = 0; i < m->nblocks; i++)
		oslo_free(m->blocks[i]);
	oslo_free(m->blocks);
	oslo_free(m);
}
