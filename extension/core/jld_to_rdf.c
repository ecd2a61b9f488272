/*
 * jld_to_rdf.c
 *	  Deserialize JSON-LD to RDF
 *	  (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm):
 *	  expansion, then statements straight from the expanded document into an
 *	  oslo_graph, which gives the node map's merging and deduplication itself
 *	  (see emit_node).
 *
 * Relative IRIs (and other ill-formed ones) are dropped, as the algorithm
 * says; blank node predicates only with produceGeneralizedRdf.
 */
#include "jld_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I18N_NS  "https://www.w3.org/ns/i18n#"
#define RDF_JSON OSLO_RDF "JSON"

typedef struct rdf_out
{
	jld_state *st;
	oslo_graph *g;
	oslo_term_id graph; /* current graph name (0: default) */
	jld_map blanks;     /* "_:bN" -> term id */
	jld_map indexes;    /* "graph|@id" -> the node's @index */
	struct
	{
		const char *str;
		oslo_term_id id;
	} cache[1024]; /* node_term by string address */
	oslo_term_id rdf_first, rdf_rest, rdf_nil, rdf_type;
} rdf_out;

static bool
well_formed_language(const char *s)
{
	size_t run = 0;
	bool first = true;

	if (!*s)
		return false;
	for (const char *p = s;; p++)
	{
		if (*p == '-' || *p == '\0')
		{
			if (run == 0 || run > 8)
				return false;
			if (*p == '\0')
				return true;
			run = 0;
			first = false;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (!first && *p >= '0' && *p <= '9')))
			return false;
		run++;
	}
}

/* IRI or blank node term for an identifier, 0 when it is not well formed */
static oslo_term_id
node_term_uncached(rdf_out *o, const char *id)
{
	if (jld_is_blank(id))
	{
		uintptr_t t = (uintptr_t)jld_map_get(&o->blanks, id);

		if (!t)
		{
			t = oslo_graph_fresh_blank(o->g);
			jld_map_put(o->st->a, &o->blanks, id, (void *)t);
		}
		return (oslo_term_id)t;
	}
	if (!jld_is_well_formed_iri(id))
		return 0;
	return oslo_graph_iri_cstr(o->g, id);
}

/*
 * Expansion hands out the same string for every use of a term's IRI (a
 * property, a type, a datatype), so a small cache by address skips the
 * well-formedness check, hashing and comparison of the same IRI per
 * statement. Strings live in the arena until the end: an address is never
 * reused for other text while the cache is alive.
 */
static oslo_term_id
node_term(rdf_out *o, const char *id)
{
	size_t i = ((uintptr_t)id >> 4) & 1023;

	if (o->cache[i].str != id)
	{
		o->cache[i].id = node_term_uncached(o, id);
		o->cache[i].str = id;
	}
	return o->cache[i].id;
}

/* XSD canonical double, as JSON-LD writes it: 1.1E0, 1.0E21 */
static void
canonical_double(double d, char *out, size_t size)
{
	char tmp[32], *e, *m_end;
	int exp;

	snprintf(tmp, sizeof(tmp), "%.15e", d);
	e = strchr(tmp, 'e');
	exp = atoi(e + 1);
	m_end = e;
	while (m_end > tmp + 1 && m_end[-1] == '0' && m_end[-2] != '.')
		m_end--;
	*m_end = '\0';
	snprintf(out, size, "%sE%d", tmp, exp);
}

static oslo_term_id emit_node(rdf_out *o, const jld_value *node);
static oslo_term_id emit_object(rdf_out *o, const jld_value *item);

/*
 * A list's items are emitted (nested nodes included) even when the list has
 * no subject (a free-floating list): the node map keeps those nodes too.
 * with_triples false: only the nested nodes, no rdf:first/rest statements.
 */
static oslo_term_id
list_to_rdf(rdf_out *o, const jld_value *list, bool with_triples)
{
	oslo_term_id head = o->rdf_nil, prev = 0;

	if (list->kind != JLD_ARRAY)
		return 0;
	for (size_t i = 0; i < list->count; i++)
	{
		oslo_term_id node, obj;

		if (!with_triples)
		{
			emit_object(o, list->items[i]);
			continue;
		}
		node = oslo_graph_fresh_blank(o->g);
		if (prev)
			oslo_graph_add(o->g, prev, o->rdf_rest, node, o->graph);
		else
			head = node;
		obj = emit_object(o, list->items[i]);
		if (obj)
			oslo_graph_add(o->g, node, o->rdf_first, obj, o->graph);
		prev = node;
	}
	if (prev)
		oslo_graph_add(o->g, prev, o->rdf_rest, o->rdf_nil, o->graph);
	return with_triples ? head : 0;
}

static oslo_term_id
value_to_rdf(rdf_out *o, const jld_value *item)
{
	const jld_value *value = jld_get(item, "@value");
	const jld_value *type = jld_get(item, "@type");
	const jld_value *lang = jld_get(item, "@language");
	const jld_value *dir = jld_get(item, "@direction");
	const char *datatype = type && type->kind == JLD_STRING ? type->str : NULL;
	const char *rdf_dir = o->st->opts->rdf_direction;
	char num[96];
	const char *lex;
	size_t lexlen;
	oslo_buf json;

	if (datatype && strcmp(datatype, "@json") != 0 && !jld_is_well_formed_iri(datatype))
		return 0;
	if (lang && (lang->kind != JLD_STRING || !well_formed_language(lang->str)))
		return 0;
	oslo_buf_init(&json);
	if (datatype && strcmp(datatype, "@json") == 0)
	{
		jld_canonical_json(value, &json);
		lex = json.data;
		lexlen = json.len;
		datatype = RDF_JSON;
	}
	else if (value->kind == JLD_BOOL)
	{
		lex = value->boolean ? "true" : "false";
		lexlen = strlen(lex);
		if (!datatype)
			datatype = OSLO_XSD "boolean";
	}
	else if (value->kind == JLD_NUMBER &&
	         (value->number != floor(value->number) || fabs(value->number) >= 1e21 ||
	          (datatype && strcmp(datatype, OSLO_XSD "double") == 0)))
	{
		canonical_double(value->number, num, sizeof(num));
		lex = num;
		lexlen = strlen(num);
		if (!datatype)
			datatype = OSLO_XSD "double";
	}
	else if (value->kind == JLD_NUMBER)
	{
		snprintf(num, sizeof(num), "%.0f", value->number);
		if (strcmp(num, "-0") == 0)
			strcpy(num, "0");
		lex = num;
		lexlen = strlen(num);
		if (!datatype)
			datatype = OSLO_XSD "integer";
	}
	else if (value->kind == JLD_STRING)
	{
		lex = value->str;
		lexlen = value->len;
	}
	else
	{
		oslo_buf_free(&json);
		return 0;
	}
	if (dir && dir->kind == JLD_STRING && rdf_dir)
	{
		char *lang_lc = jld_arena_strdup(o->st->a, lang ? lang->str : "");
		oslo_term_id t;

		for (char *c = lang_lc; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (strcmp(rdf_dir, "i18n-datatype") == 0)
		{
			char *dt = oslo_psprintf(I18N_NS "%s_%s", lang_lc, dir->str);

			t = oslo_graph_literal(o->g, lex, lexlen, dt, NULL);
			oslo_free(dt);
		}
		else
		{
			t = oslo_graph_fresh_blank(o->g);
			oslo_graph_add(o->g, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "value"),
			               oslo_graph_literal(o->g, lex, lexlen, NULL, NULL), o->graph);
			if (lang)
				oslo_graph_add(o->g, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "language"),
				               oslo_graph_literal_cstr(o->g, lang_lc, NULL, NULL), o->graph);
			oslo_graph_add(o->g, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "direction"),
			               oslo_graph_literal_cstr(o->g, dir->str, NULL, NULL), o->graph);
		}
		oslo_buf_free(&json);
		return t;
	}
	{
		oslo_term_id t;

		if (lang && !datatype)
			t = oslo_graph_literal(o->g, lex, lexlen, NULL, lang->str);
		else if (datatype && datatype == (type ? type->str : NULL))
			t = oslo_graph_literal_dt(o->g, lex, lexlen, node_term(o, datatype));
		else
			t = oslo_graph_literal(o->g, lex, lexlen, datatype, NULL);
		oslo_buf_free(&json);
		return t;
	}
}

/* the term of a value, list or node object; nested nodes' statements are emitted */
static oslo_term_id
emit_object(rdf_out *o, const jld_value *item)
{
	const jld_value *v;

	if (item->kind != JLD_OBJECT)
		return 0;
	if (jld_get(item, "@value") != NULL)
		return value_to_rdf(o, item);
	if ((v = jld_get(item, "@list")) != NULL)
		return list_to_rdf(o, v, true);
	return emit_node(o, item);
}

/* a predicate term: keywords never, blank nodes only for generalized RDF */
static oslo_term_id
predicate_term(rdf_out *o, const char *prop)
{
	if (prop[0] == '@' || (jld_is_blank(prop) && !o->st->opts->produce_generalized_rdf))
		return 0;
	return node_term(o, prop);
}

static void emit_elements(rdf_out *o, const jld_value *elements);

/*
 * Statements of a node object of expanded input, straight into the graph.
 * This is what node map generation followed by the deserialization gives:
 * the graph merges nodes that share an identifier and drops duplicate
 * statements, blank node identifiers map to fresh graph blank nodes for the
 * whole document, and a subject that is not a well-formed IRI drops its
 * statements but not those of the nodes nested in it. Building the node map
 * first (a copy of the whole document, deduplicated value by value) was
 * most of toRdf's time. Returns the node's term, 0 when it has none.
 */
static oslo_term_id
emit_node(rdf_out *o, const jld_value *node)
{
	const jld_value *idv = NULL, *types = NULL, *index = NULL, *reverse = NULL, *graph = NULL,
	                *included = NULL;
	oslo_term_id s;

	if ((++o->st->steps & 4095) == 0)
		oslo_check_interrupts();
	for (size_t i = 0; i < node->count; i++)
	{
		const char *k = node->members[i].key;

		if (k[0] != '@')
			continue;
		if (strcmp(k, "@id") == 0)
			idv = node->members[i].value;
		else if (strcmp(k, "@type") == 0)
			types = node->members[i].value;
		else if (strcmp(k, "@index") == 0)
			index = node->members[i].value;
		else if (strcmp(k, "@reverse") == 0)
			reverse = node->members[i].value;
		else if (strcmp(k, "@graph") == 0)
			graph = node->members[i].value;
		else if (strcmp(k, "@included") == 0)
			included = node->members[i].value;
	}
	if (idv && idv->kind != JLD_STRING)
		return 0; /* an @id that did not expand (null): the node and its edges are dropped */
	s = idv ? node_term(o, idv->str) : oslo_graph_fresh_blank(o->g);
	if (index && idv)
	{
		/* one node, one index: what the node map's merge checks */
		char *key = oslo_psprintf("%u|%s", (unsigned)o->graph, idv->str);
		const jld_value *existing = jld_map_get(&o->indexes, key);

		if (existing && !jld_equal(existing, index, true))
			DOC_FAIL(o->st, "conflicting indexes", "node %s has two different @index values",
			         idv->str);
		if (!existing)
			jld_map_put(o->st->a, &o->indexes, jld_arena_strdup(o->st->a, key), (void *)index);
		oslo_free(key);
	}
	if (types && s)
	{
		for (size_t k = 0; k < types->count; k++)
		{
			oslo_term_id t;

			if (types->items[k]->kind == JLD_STRING && (t = node_term(o, types->items[k]->str)))
				oslo_graph_add(o->g, s, o->rdf_type, t, o->graph);
		}
	}
	if (reverse && reverse->kind == JLD_OBJECT)
	{
		for (size_t i = 0; i < reverse->count; i++)
		{
			const jld_value *values = reverse->members[i].value;
			oslo_term_id p = predicate_term(o, reverse->members[i].key);

			for (size_t k = 0; values->kind == JLD_ARRAY && k < values->count; k++)
			{
				oslo_term_id r = values->items[k]->kind == JLD_OBJECT &&
				                         jld_get(values->items[k], "@value") == NULL &&
				                         jld_get(values->items[k], "@list") == NULL
				                     ? emit_node(o, values->items[k])
				                     : 0;

				if (r && p && s)
					oslo_graph_add(o->g, r, p, s, o->graph);
			}
		}
	}
	if (graph && s)
	{
		/* a graph whose name is not well formed is dropped with its contents */
		oslo_term_id outer = o->graph;

		o->graph = s;
		emit_elements(o, graph);
		o->graph = outer;
	}
	if (included)
		emit_elements(o, included);
	for (size_t i = 0; i < node->count; i++)
	{
		const char *prop = node->members[i].key;
		const jld_value *values = node->members[i].value;
		oslo_term_id p;

		if (prop[0] == '@')
			continue;
		p = predicate_term(o, prop);
		for (size_t k = 0; values->kind == JLD_ARRAY && k < values->count; k++)
		{
			oslo_term_id obj = emit_object(o, values->items[k]);

			if (obj && p && s)
				oslo_graph_add(o->g, s, p, obj, o->graph);
		}
	}
	return s;
}

/* top-level elements (or those of @graph, @included): values alone say nothing */
static void
emit_elements(rdf_out *o, const jld_value *elements)
{
	if (elements->kind != JLD_ARRAY)
	{
		if (elements->kind == JLD_OBJECT)
		{
			const jld_value *list = jld_get(elements, "@list");

			if (list)
				list_to_rdf(o, list, false);
			else if (jld_get(elements, "@value") == NULL)
				emit_node(o, elements);
		}
		return;
	}
	for (size_t i = 0; i < elements->count; i++)
		emit_elements(o, elements->items[i]);
}

void
jld_to_rdf(const jld_value *input, const jld_options *opts, oslo_graph *g)
{
	jld_arena *a = jld_arena_new();
	jld_value *expanded = jld_expand(a, input, opts);
	jld_state st;
	rdf_out *o = oslo_alloc0(sizeof(rdf_out));

	jld_state_init(&st, a, opts);
	o->st = &st;
	o->g = g;
	o->rdf_first = oslo_graph_iri_cstr(g, OSLO_RDF "first");
	o->rdf_rest = oslo_graph_iri_cstr(g, OSLO_RDF "rest");
	o->rdf_nil = oslo_graph_iri_cstr(g, OSLO_RDF "nil");
	o->rdf_type = oslo_graph_iri_cstr(g, OSLO_RDF_TYPE);
	emit_elements(o, expanded);
	oslo_free(o);
	jld_arena_free(a);
}

void
jld_text_to_rdf(const char *text, size_t len, const jld_options *opts, oslo_graph *g)
{
	jld_arena *a = jld_arena_new();
	jld_value *doc = jld_parse(a, text, len);

	jld_to_rdf(doc, opts, g);
	jld_arena_free(a);
}
