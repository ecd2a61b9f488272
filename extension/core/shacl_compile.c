/*
 * shacl_compile.c
 *	  Compiling a shapes graph: shapes, targets, paths and constraints are
 *	  read and checked once, regular expressions compiled once.
 *
 * Malformed shapes raise OSLO_ERR_PARAMETER naming the shape and the triple.
 * Values and lists: shacl_compile_values.c; paths: shacl_compile_path.c;
 * constraint parameters: shacl_compile_constraints.c.
 */
#include "shacl_compiler.h"

#include <stdio.h>
#include <string.h>

const char *const shacl_param_names[P_COUNT] = {"class",
                                                "datatype",
                                                "nodeKind",
                                                "minCount",
                                                "maxCount",
                                                "minExclusive",
                                                "minInclusive",
                                                "maxExclusive",
                                                "maxInclusive",
                                                "minLength",
                                                "maxLength",
                                                "pattern",
                                                "languageIn",
                                                "uniqueLang",
                                                "equals",
                                                "disjoint",
                                                "lessThan",
                                                "lessThanOrEquals",
                                                "not",
                                                "and",
                                                "or",
                                                "xone",
                                                "node",
                                                "property",
                                                "qualifiedValueShape",
                                                "closed",
                                                "hasValue",
                                                "in",
                                                "path",
                                                "flags",
                                                "qualifiedMinCount",
                                                "qualifiedMaxCount",
                                                "qualifiedValueShapesDisjoint",
                                                "ignoredProperties",
                                                "severity",
                                                "message",
                                                "deactivated",
                                                "sparql",
                                                "targetClass",
                                                "targetNode",
                                                "targetSubjectsOf",
                                                "targetObjectsOf"};

oslo_term_id
shacl_iri(const oslo_graph *g, const char *local)
{
	char buf[128];

	snprintf(buf, sizeof(buf), OSLO_SH "%s", local);
	return oslo_graph_find_iri(g, buf, strlen(buf));
}

static void
add_target(compiler *c, oslo_shacl_shape *sh, int kind, oslo_term_id v)
{
	oslo_term_id *bigger =
	    shacl_arena_alloc(&c->s->arena, sizeof(oslo_term_id) * (sh->ntargets[kind] + 1));

	if (sh->ntargets[kind])
		memcpy(bigger, sh->targets[kind], sizeof(oslo_term_id) * sh->ntargets[kind]);
	bigger[sh->ntargets[kind]++] = v;
	sh->targets[kind] = bigger;
	shacl_idset_add(&c->runtime, v);
}

sh_param
shacl_param_of(const compiler *c, oslo_term_id pred)
{
	for (int i = 0; i < P_COUNT; i++)
		if (c->param[i] == pred)
			return (sh_param)i;
	return P_COUNT;
}

static void
read_single_params(compiler *c, oslo_shacl_shape *sh, shape_params *sp)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, c->g, sh->id, 0, 0, 0);
	while (oslo_match_next(&m, &q))
	{
		sh_param p = shacl_param_of(c, q.p);

		switch (p)
		{
			case P_PATH:
				if (sp->path && sp->path != q.o)
					shacl_malformed(c, sh->id, p, q.o, "a shape has at most one sh:path");
				sp->path = q.o;
				break;
			case P_FLAGS:
				sp->flags = q.o;
				break;
			case P_QUALIFIED_VALUE_SHAPE:
				shacl_require_kind(c, sh->id, p, q.o, true, true, false);
				if (sp->qualified_shape && sp->qualified_shape != q.o)
					shacl_malformed(c, sh->id, p, q.o, "more than one sh:qualifiedValueShape");
				sp->qualified_shape = q.o;
				break;
			case P_QUALIFIED_MIN_COUNT:
				sp->qualified_min = shacl_read_count(c, sh->id, p, q.o);
				sp->has_qmin = true;
				break;
			case P_QUALIFIED_MAX_COUNT:
				sp->qualified_max = shacl_read_count(c, sh->id, p, q.o);
				sp->has_qmax = true;
				break;
			case P_QUALIFIED_DISJOINT:
				sp->qualified_disjoint = shacl_read_boolean(c, sh->id, p, q.o);
				break;
			case P_IGNORED_PROPERTIES:
				sp->ignored = q.o;
				break;
			case P_CLOSED:
				sp->closed = shacl_read_boolean(c, sh->id, p, q.o);
				break;
			case P_SEVERITY:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				sh->severity = q.o;
				break;
			case P_DEACTIVATED:
				sh->deactivated = shacl_read_boolean(c, sh->id, p, q.o);
				break;
			case P_MESSAGE:
				shacl_require_kind(c, sh->id, p, q.o, false, false, true);
				{
					oslo_term_id *bigger =
					    shacl_arena_alloc(&c->s->arena, sizeof(oslo_term_id) * (sh->nmessages + 1));

					if (sh->nmessages)
						memcpy(bigger, sh->messages, sizeof(oslo_term_id) * sh->nmessages);
					bigger[sh->nmessages++] = q.o;
					sh->messages = bigger;
				}
				break;
			case P_SPARQL:
				sh->has_sparql = true;
				break;
			case P_TARGET_CLASS:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				add_target(c, sh, SHACL_TARGET_CLASS, q.o);
				break;
			case P_TARGET_NODE:
				add_target(c, sh, SHACL_TARGET_NODE, q.o);
				break;
			case P_TARGET_SUBJECTS_OF:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				add_target(c, sh, SHACL_TARGET_SUBJECTS_OF, q.o);
				break;
			case P_TARGET_OBJECTS_OF:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				add_target(c, sh, SHACL_TARGET_OBJECTS_OF, q.o);
				break;
			case P_COUNT: /* not read; unknown sh: terms: shacl_warn_unknown_terms */
				break;
			default:
				break;
		}
	}
}

oslo_shacl_shape *
shacl_compile_shape(compiler *c, oslo_term_id id)
{
	oslo_shacl_shapes *s = c->s;
	oslo_shacl_shape *sh = s->by_term[id];
	shape_params sp;

	if (sh)
		return sh;
	/* each nested shape reference recurses here: bound the C stack */
	if (c->depth == SHACL_MAX_DEPTH * 4)
		oslo_error(OSLO_ERR_LIMIT, "shapes reference each other more than %d levels deep at %s",
		           SHACL_MAX_DEPTH * 4, shacl_term_text(c->g, id));
	c->depth++;
	sh = shacl_arena_alloc(&s->arena, sizeof(oslo_shacl_shape));
	sh->id = id;
	sh->severity = s->violation;
	s->by_term[id] = sh;
	if (s->nshapes == s->cap)
	{
		s->cap = s->cap ? s->cap * 2 : 16;
		s->all = oslo_realloc(s->all, sizeof(oslo_shacl_shape *) * s->cap);
	}
	sh->index = s->nshapes;
	s->all[s->nshapes++] = sh;

	memset(&sp, 0, sizeof(sp));
	read_single_params(c, sh, &sp);
	/* the path comes first: sh:closed of a parent reads it, recursion may too */
	if (sp.path)
	{
		sh->is_property = true;
		sh->path = shacl_read_path(c, id, sp.path);
	}
	if (sh->has_sparql)
		s->nsparql++;
	/* an rdfs:Class that is a shape targets its instances */
	{
		oslo_term_id rdfs_class =
		    oslo_graph_find_iri(c->g, OSLO_RDFS "Class", strlen(OSLO_RDFS "Class"));
		oslo_term_id owl_class = oslo_graph_find_iri(c->g, "http://www.w3.org/2002/07/owl#Class",
		                                             strlen("http://www.w3.org/2002/07/owl#Class"));

		if (oslo_graph_term(c->g, id)->kind == OSLO_TERM_IRI &&
		    ((rdfs_class && oslo_graph_contains(c->g, id, c->rdf_type, rdfs_class, 0)) ||
		     (owl_class && oslo_graph_contains(c->g, id, c->rdf_type, owl_class, 0))))
			sh->implicit_class_target = true;
	}
	if (sh->implicit_class_target)
		shacl_idset_add(&c->runtime, id);
	if (!sh->deactivated)
		shacl_read_constraints(c, sh, &sp);
	for (uint32_t k = 0; k < sh->nconstraints; k++)
	{
		if (sh->constraints[k].term)
			shacl_idset_add(&c->runtime, sh->constraints[k].term);
		for (uint32_t i = 0; i < sh->constraints[k].nterms; i++)
			shacl_idset_add(&c->runtime, sh->constraints[k].terms[i]);
	}
	c->depth--;
	return sh;
}

/* sh:qualifiedValueShapesDisjoint: the qualified shapes of the parents' other property shapes */
static void
link_siblings(compiler *c, oslo_shacl_shape *sh)
{
	for (uint32_t k = 0; k < sh->nconstraints; k++)
	{
		shacl_constraint *con = &sh->constraints[k];
		shacl_idset sib;
		oslo_match pm;
		oslo_quad parent;

		if (!con->disjoint)
			continue;
		shacl_idset_init(&sib);
		oslo_match_init(&pm, c->g, 0, c->param[P_PROPERTY], sh->id, 0);
		while (oslo_match_next(&pm, &parent))
		{
			oslo_match m;
			oslo_quad q;

			oslo_match_init(&m, c->g, parent.s, c->param[P_PROPERTY], 0, 0);
			while (oslo_match_next(&m, &q))
			{
				oslo_term_id qs = oslo_graph_object(c->g, q.o, c->param[P_QUALIFIED_VALUE_SHAPE]);

				if (qs && qs != con->shapes[0]->id && c->s->by_term[qs])
					shacl_idset_add(&sib, qs);
			}
		}
		con->siblings = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_shape *) * (sib.n + 1));
		for (uint32_t i = 0; i < sib.n; i++)
			con->siblings[i] = c->s->by_term[sib.items[i]];
		con->nsiblings = sib.n;
		shacl_idset_free(&sib);
	}
}

static void
compile_all(compiler *c)
{
	static const char *const shape_types[] = {"NodeShape", "PropertyShape"};
	static const sh_param target_params[] = {P_TARGET_CLASS, P_TARGET_NODE, P_TARGET_SUBJECTS_OF,
	                                         P_TARGET_OBJECTS_OF};
	oslo_quad *quads;
	uint32_t n;

	for (int i = 0; i < 2; i++)
	{
		oslo_term_id type = shacl_iri(c->g, shape_types[i]);

		if (!type || !c->rdf_type)
			continue;
		quads = shacl_matches_in_order(c->g, 0, c->rdf_type, type, &n);
		for (uint32_t k = 0; k < n; k++)
			shacl_compile_shape(c, quads[k].s);
		oslo_free(quads);
	}
	for (int i = 0; i < 4; i++)
	{
		if (!c->param[target_params[i]])
			continue;
		quads = shacl_matches_in_order(c->g, 0, c->param[target_params[i]], 0, &n);
		for (uint32_t k = 0; k < n; k++)
			shacl_compile_shape(c, quads[k].s);
		oslo_free(quads);
	}
	for (uint32_t i = 0; i < c->s->nshapes; i++)
		link_siblings(c, c->s->all[i]);
}

oslo_shacl_shapes *
oslo_shacl_compile(const oslo_graph *shapes)
{
	oslo_shacl_shapes *s = oslo_alloc0(sizeof(oslo_shacl_shapes));
	compiler c;
	size_t nquads = oslo_graph_size(shapes);
	const oslo_quad *quads = oslo_graph_quads(shapes);

	memset(&c, 0, sizeof(c));
	c.s = s;
	/* a private copy, flattened to one graph: shapes may be freed, and blank labels stay */
	s->g = oslo_graph_new();
	for (size_t i = 0; i < nquads; i++)
	{
		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		oslo_graph_add(s->g, oslo_graph_import_term(s->g, shapes, quads[i].s),
		               oslo_graph_import_term(s->g, shapes, quads[i].p),
		               oslo_graph_import_term(s->g, shapes, quads[i].o), 0);
	}
	s->violation = oslo_graph_iri_cstr(s->g, OSLO_SH "Violation");
	s->regex_guard = oslo_guard_new(shacl_close_regexes, s);
	c.g = s->g;
	s->by_term = oslo_alloc0(sizeof(oslo_shacl_shape *) * (oslo_graph_term_count(s->g) + 1));
	for (int i = 0; i < P_COUNT; i++)
		c.param[i] = shacl_iri(c.g, shacl_param_names[i]);
	c.path_kw[0] = shacl_iri(c.g, "inversePath");
	c.path_kw[1] = shacl_iri(c.g, "alternativePath");
	c.path_kw[2] = shacl_iri(c.g, "zeroOrMorePath");
	c.path_kw[3] = shacl_iri(c.g, "oneOrMorePath");
	c.path_kw[4] = shacl_iri(c.g, "zeroOrOnePath");
	c.rdf_first = oslo_graph_find_iri(c.g, OSLO_RDF "first", strlen(OSLO_RDF "first"));
	c.rdf_rest = oslo_graph_find_iri(c.g, OSLO_RDF "rest", strlen(OSLO_RDF "rest"));
	c.rdf_nil = oslo_graph_find_iri(c.g, OSLO_RDF "nil", strlen(OSLO_RDF "nil"));
	c.rdf_type = oslo_graph_find_iri(c.g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));
	c.path_stack = oslo_alloc(sizeof(oslo_term_id) * 64);
	if (c.rdf_type || c.param[P_TARGET_CLASS] || c.param[P_TARGET_NODE] ||
	    c.param[P_TARGET_SUBJECTS_OF] || c.param[P_TARGET_OBJECTS_OF])
		compile_all(&c);
	shacl_warn_unknown_terms(&c);
	oslo_free(c.path_stack);
	s->runtime_terms = shacl_arena_alloc(&s->arena, sizeof(oslo_term_id) * (c.runtime.n + 1));
	if (c.runtime.n > 0) /* items is NULL for an empty set, and memcpy must not see NULL */
		memcpy(s->runtime_terms, c.runtime.items, sizeof(oslo_term_id) * c.runtime.n);
	s->nruntime_terms = c.runtime.n;
	shacl_idset_free(&c.runtime);
	return s;
}

void
oslo_shacl_shapes_free(oslo_shacl_shapes *s)
{
	if (!s)
		return;
	oslo_guard_release(s->regex_guard);
	shacl_arena_free(&s->arena);
	oslo_free(s->all);
	oslo_free(s->by_term);
	oslo_graph_free(s->g);
	oslo_free(s);
}

uint32_t
oslo_shacl_shape_count(const oslo_shacl_shapes *s)
{
	return s->nshapes;
}

uint32_t
oslo_shacl_sparql_shape_count(const oslo_shacl_shapes *s)
{
	return s->nsparql;
}

const oslo_graph *
oslo_shacl_shapes_graph(const oslo_shacl_shapes *s)
{
	return s->g;
}

oslo_term_id
oslo_shacl_shape_term(const oslo_shacl_shape *shape)
{
	return shape->id;
}

oslo_term_id
oslo_shacl_shape_severity(const oslo_shacl_shape *shape)
{
	return shape->severity;
}
