/*
 * jld_from_rdf.c
 *	  Serialize RDF as JSON-LD
 *	  (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm):
 *	  an oslo_graph dataset to expanded JSON-LD, with RDF lists turned back
 *	  into @list, useNativeTypes, useRdfType and rdfDirection.
 */
#include "jld_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define I18N_NS "https://www.w3.org/ns/i18n#"

typedef struct usage
{
	jld_value *node;
	const char *property;
	jld_value *value;
} usage;

#define NOT_ONCE ((void *)1) /* referenced_once: more than once */

typedef struct graph_state
{
	jld_map nodes;     /* id -> node object */
	jld_map once;      /* blank id -> usage*, or NOT_ONCE */
	jld_map compound;  /* compound literal subjects */
	usage *nil_usages; /* usages of rdf:nil */
	size_t nnil, capnil;
} graph_state;

typedef struct from_rdf
{
	jld_state *st;
	const oslo_graph *g;
	jld_map graphs; /* name -> graph_state */
	jld_dedup dedup;
	jld_map once; /* blank id -> usage*, or NOT_ONCE: dataset-wide, blank nodes are */
} from_rdf;

static const char *
term_id_string(from_rdf *f, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(f->g, id);

	if (t->kind == OSLO_TERM_BLANK)
	{
		char *s = jld_arena_alloc(f->st->a, t->len + 3);

		jld_copy_bytes(s, "_:", 2);
		jld_copy_bytes(s + 2, t->value, t->len);
		return s;
	}
	/* copied: the result must not depend on the graph staying alive */
	return jld_arena_strndup(f->st->a, t->value, t->len);
}

static graph_state *
graph_for(from_rdf *f, const char *name)
{
	graph_state *gs = jld_map_get(&f->graphs, name);

	if (!gs)
	{
		gs = jld_arena_alloc(f->st->a, sizeof(graph_state));
		jld_map_put(f->st->a, &f->graphs, name, gs);
	}
	return gs;
}

static jld_value *
node_for(from_rdf *f, graph_state *gs, const char *id)
{
	jld_value *n = jld_map_get(&gs->nodes, id);

	if (!n)
	{
		n = jld_object(f->st->a);
		jld_set(f->st->a, n, "@id", jld_string(f->st->a, id));
		jld_map_put(f->st->a, &gs->nodes, id, n);
	}
	return n;
}

static bool
all_digits(const char *s, bool allow_sign)
{
	if (allow_sign && (*s == '+' || *s == '-'))
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool
xsd_double_lexical(const char *s)
{
	char *end;

	if (!*s || strchr(s, ' ') || strcmp(s, "INF") == 0 || strcmp(s, "-INF") == 0 ||
	    strcmp(s, "NaN") == 0)
		return false;
	if (strncmp(s, "0x", 2) == 0 || strncmp(s, "0X", 2) == 0 || strchr(s, 'x') || strchr(s, 'X'))
		return false;
	return isfinite(strtod(s, &end)) && *end == '\0';
}

static jld_value *
rdf_to_object(from_rdf *f, oslo_term_id id)
{
	jld_state *st = f->st;
	const oslo_term *t = oslo_graph_term(f->g, id);
	jld_value *r = jld_object(st->a);
	const char *dt;
	jld_value *converted;
	const char *type = NULL;
	const char *rdf_dir = st->opts->rdf_direction;

	if (t->kind != OSLO_TERM_LITERAL)
	{
		jld_set(st->a, r, "@id", jld_string(st->a, term_id_string(f, id)));
		return r;
	}
	dt = jld_arena_strdup(st->a, oslo_graph_term(f->g, t->datatype)->value);
	converted = jld_string(st->a, jld_arena_strndup(st->a, t->value, t->len));
	if (st->opts->use_native_types && strcmp(dt, OSLO_XSD_STRING) == 0)
		;
	else if (st->opts->use_native_types && strcmp(dt, OSLO_XSD "boolean") == 0)
	{
		if (strcmp(t->value, "true") == 0 || strcmp(t->value, "1") == 0)
			converted = jld_bool(st->a, true);
		else if (strcmp(t->value, "false") == 0 || strcmp(t->value, "0") == 0)
			converted = jld_bool(st->a, false);
		else
			type = dt;
	}
	else if (st->opts->use_native_types && strcmp(dt, OSLO_XSD "integer") == 0 &&
	         all_digits(t->value, true) && isfinite(strtod(t->value, NULL)))
		converted = jld_number(st->a, strtod(t->value, NULL), NULL);
	else if (st->opts->use_native_types && strcmp(dt, OSLO_XSD "double") == 0 &&
	         xsd_double_lexical(t->value))
		converted = jld_number(st->a, strtod(t->value, NULL), NULL);
	else if (st->opts->use_native_types &&
	         (strcmp(dt, OSLO_XSD "integer") == 0 || strcmp(dt, OSLO_XSD "double") == 0))
		type = dt;
	else if (rdf_dir && strcmp(rdf_dir, "i18n-datatype") == 0 &&
	         strncmp(dt, I18N_NS, strlen(I18N_NS)) == 0)
	{
		const char *spec = dt + strlen(I18N_NS);
		const char *us = strchr(spec, '_');

		if (us && us > spec)
			jld_set(st->a, r, "@language",
			        jld_string(st->a, jld_arena_strndup(st->a, spec, (size_t)(us - spec))));
		if (us && us[1])
			jld_set(st->a, r, "@direction", jld_string(st->a, us + 1));
	}
	else if (t->lang)
		jld_set(st->a, r, "@language", jld_string(st->a, jld_arena_strdup(st->a, t->lang)));
	else if (strcmp(dt, OSLO_RDF "JSON") == 0 && !st->mode10)
	{
		converted = jld_try_parse(st->a, t->value, t->len);
		if (!converted)
			jld_fail(st, OSLO_ERR_DATA, "invalid JSON literal", "\"%.100s\" is not JSON", t->value);
		type = "@json";
	}
	else if (strcmp(dt, OSLO_XSD_STRING) != 0)
		type = dt;
	jld_set(st->a, r, "@value", converted);
	if (type)
		jld_set(st->a, r, "@type", jld_string(st->a, type));
	return r;
}

static void
add_usage(from_rdf *f, graph_state *gs, usage u)
{
	if (gs->nnil == gs->capnil)
	{
		size_t ncap = gs->capnil ? gs->capnil * 2 : 8;
		usage *n = jld_arena_alloc(f->st->a, ncap * sizeof(usage));

		if (gs->nnil)
			jld_copy_bytes(n, gs->nil_usages, gs->nnil * sizeof(usage));
		gs->nil_usages = n;
		gs->capnil = ncap;
	}
	gs->nil_usages[gs->nnil++] = u;
}

static bool
is_list_node(const jld_value *node)
{
	const jld_value *first = jld_get(node, "" OSLO_RDF "first");
	const jld_value *rest = jld_get(node, "" OSLO_RDF "rest");
	const jld_value *type = jld_get(node, "@type");
	size_t expected = 3;

	if (!first || !rest || first->count != 1 || rest->count != 1)
		return false;
	if (type)
	{
		if (type->count != 1 || strcmp(type->items[0]->str, OSLO_RDF "List") != 0)
			return false;
		expected++;
	}
	return node->count == expected;
}

static void
rebuild_lists(from_rdf *f, graph_state *gs)
{
	jld_state *st = f->st;
	jld_map removed = {0};

	for (size_t u = 0; u < gs->nnil; u++)
	{
		jld_value *node = gs->nil_usages[u].node;
		const char *property = gs->nil_usages[u].property;
		jld_value *head = gs->nil_usages[u].value;
		jld_value *list = jld_array(st->a);
		jld_value *list_nodes = jld_array(st->a);

		for (;;)
		{
			const char *nid = jld_get(node, "@id")->str;
			usage *nu;

			if (strcmp(property, OSLO_RDF "rest") != 0 || !jld_is_blank(nid))
				break;
			nu = jld_map_get(&f->once, nid);
			if (!nu || nu == NOT_ONCE || !is_list_node(node))
				break;
			jld_push(st->a, list, jld_get(node, OSLO_RDF "first")->items[0]);
			jld_push(st->a, list_nodes, jld_get(node, "@id"));
			node = nu->node;
			property = nu->property;
			head = nu->value;
			if (!jld_is_blank(jld_get(node, "@id")->str))
				break;
		}
		jld_remove(head, "@id");
		/* reverse: items were collected from the tail */
		for (size_t i = 0; i < list->count / 2; i++)
		{
			jld_value *tmp = list->items[i];

			list->items[i] = list->items[list->count - 1 - i];
			list->items[list->count - 1 - i] = tmp;
		}
		jld_set(st->a, head, "@list", list);
		for (size_t i = 0; i < list_nodes->count; i++)
			jld_map_put(st->a, &removed, list_nodes->items[i]->str, NOT_ONCE);
	}
	/* drop the list nodes from the graph */
	if (removed.count)
		for (size_t i = 0; i < gs->nodes.count; i++)
			if (jld_map_has(&removed, gs->nodes.keys[i]))
				gs->nodes.vals[i] = NULL;
}

static void
resolve_compound_literals(from_rdf *f, graph_state *gs)
{
	jld_state *st = f->st;

	for (size_t i = 0; i < gs->compound.count; i++)
	{
		const char *cl = gs->compound.keys[i];
		usage *u = jld_map_get(&f->once, cl);
		jld_value *cl_node;
		jld_value *refs;

		if (!u || u == NOT_ONCE)
			continue;
		cl_node = jld_map_get(&gs->nodes, cl);
		refs = jld_get(u->node, u->property);
		for (size_t n = 0; n < gs->nodes.count; n++)
			if (gs->nodes.vals[n] == cl_node)
				gs->nodes.vals[n] = NULL;
		for (size_t k = 0; refs && k < refs->count; k++)
		{
			jld_value *ref = refs->items[k];
			const jld_value *id = jld_get(ref, "@id");
			const jld_value *v;

			if (!id || strcmp(id->str, cl) != 0)
				continue;
			jld_remove(ref, "@id");
			if ((v = jld_get(cl_node, OSLO_RDF "value")) != NULL)
				jld_set(st->a, ref, "@value", jld_get(v->items[0], "@value"));
			if ((v = jld_get(cl_node, OSLO_RDF "language")) != NULL)
				jld_set(st->a, ref, "@language", jld_get(v->items[0], "@value"));
			if ((v = jld_get(cl_node, OSLO_RDF "direction")) != NULL)
			{
				const jld_value *d = jld_get(v->items[0], "@value");

				if (!d || d->kind != JLD_STRING ||
				    (strcmp(d->str, "ltr") != 0 && strcmp(d->str, "rtl") != 0))
					jld_fail(st, OSLO_ERR_DATA, "invalid base direction",
					         "compound literal %s has direction other than ltr/rtl", cl);
				jld_set(st->a, ref, "@direction", (jld_value *)d);
			}
		}
	}
}

static int
cmp_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the ids of a node map, sorted */
static const char **
sorted_ids(jld_state *st, const jld_map *m)
{
	const char **ids = jld_arena_alloc(st->a, (m->count + 1) * sizeof(char *));

	jld_copy_bytes(ids, m->keys, m->count * sizeof(char *));
	jld_sort(ids, m->count, sizeof(char *), cmp_keys);
	return ids;
}

static bool
only_id(const jld_value *node)
{
	return node->count == 1 && jld_get(node, "@id");
}

jld_value *
jld_from_rdf(jld_arena *out, const oslo_graph *g, const jld_options *o)
{
	jld_state st;
	from_rdf f;
	const oslo_quad *quads = oslo_graph_quads(g);
	size_t n = oslo_graph_size(g);
	bool compound = o->rdf_direction && strcmp(o->rdf_direction, "compound-literal") == 0;
	graph_state *dg;
	jld_value *result;
	const char **ids;

	jld_state_init(&st, out, o);
	memset(&f, 0, sizeof(f));
	f.st = &st;
	f.g = g;
	dg = graph_for(&f, "@default");
	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[i];
		const char *name = q->g ? term_id_string(&f, q->g) : "@default";
		graph_state *gs = graph_for(&f, name);
		const char *subject = term_id_string(&f, q->s);
		const char *predicate = term_id_string(&f, q->p);
		const oslo_term *obj = oslo_graph_term(g, q->o);
		jld_value *node, *value;

		if ((++st.steps & 4095) == 0)
			oslo_check_interrupts();
		if (q->g)
			node_for(&f, dg, name);
		node = node_for(&f, gs, subject);
		if (compound && strcmp(predicate, OSLO_RDF "direction") == 0)
			jld_map_put(st.a, &gs->compound, subject, NOT_ONCE);
		if (obj->kind != OSLO_TERM_LITERAL)
			node_for(&f, gs, term_id_string(&f, q->o));
		if (strcmp(predicate, OSLO_RDF_TYPE) == 0 && !o->use_rdf_type &&
		    obj->kind != OSLO_TERM_LITERAL)
		{
			jld_add_unique(&st, &f.dedup, node, "@type",
			               jld_string(st.a, term_id_string(&f, q->o)));
			continue;
		}
		value = rdf_to_object(&f, q->o);
		if (!jld_add_unique(&st, &f.dedup, node, predicate, value))
			continue;
		if (obj->kind == OSLO_TERM_IRI && strcmp(obj->value, OSLO_RDF "nil") == 0)
			add_usage(&f, gs, (usage){node, predicate, value});
		else if (obj->kind == OSLO_TERM_BLANK)
		{
			const char *oid = term_id_string(&f, q->o);

			if (jld_map_has(&f.once, oid))
				jld_map_put(st.a, &f.once, oid, NOT_ONCE);
			else
			{
				usage *u = jld_arena_alloc(st.a, sizeof(usage));

				*u = (usage){node, predicate, value};
				jld_map_put(st.a, &f.once, oid, u);
			}
		}
	}
	for (size_t i = 0; i < f.graphs.count; i++)
	{
		graph_state *gs = f.graphs.vals[i];

		if (compound)
			resolve_compound_literals(&f, gs);
		rebuild_lists(&f, gs);
	}
	result = jld_array(out);
	ids = sorted_ids(&st, &dg->nodes);
	for (size_t i = 0; i < dg->nodes.count; i++)
	{
		jld_value *node = jld_map_get(&dg->nodes, ids[i]);
		graph_state *named =
		    strcmp(ids[i], "@default") != 0 ? jld_map_get(&f.graphs, ids[i]) : NULL;

		if (!node)
			continue;
		if (named)
		{
			jld_value *graph = jld_array(out);
			const char **gids = sorted_ids(&st, &named->nodes);

			for (size_t k = 0; k < named->nodes.count; k++)
			{
				jld_value *gn = jld_map_get(&named->nodes, gids[k]);

				if (gn && !only_id(gn))
					jld_push(out, graph, gn);
			}
			jld_set(out, node, "@graph", graph);
		}
		if (!only_id(node))
			jld_push(out, result, node);
	}
	return result;
}
