/*
 * jld_to_rdf.c
 *	  Deserialize JSON-LD to RDF
 *	  (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm):
 *	  expansion, node map generation, then statements into an oslo_graph.
 *
 * Relative IRIs (and other ill-formed ones) are dropped, as the algorithm
 * says; blank node predicates only with produceGeneralizedRdf.
 */
#include "jld_node_map.h"

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
node_term(rdf_out *o, const char *id)
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

static oslo_term_id object_to_rdf(rdf_out *o, const jld_value *item);

static oslo_term_id
list_to_rdf(rdf_out *o, const jld_value *list)
{
	oslo_term_id head = o->rdf_nil, prev = 0;

	for (size_t i = 0; i < list->count; i++)
	{
		oslo_term_id node = oslo_graph_fresh_blank(o->g);
		oslo_term_id obj;

		if (prev)
			oslo_graph_add(o->g, prev, o->rdf_rest, node, o->graph);
		else
			head = node;
		obj = object_to_rdf(o, list->items[i]);
		if (obj)
			oslo_graph_add(o->g, node, o->rdf_first, obj, o->graph);
		prev = node;
	}
	if (prev)
		oslo_graph_add(o->g, prev, o->rdf_rest, o->rdf_nil, o->graph);
	return head;
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
		else
			t = oslo_graph_literal(o->g, lex, lexlen, datatype, NULL);
		oslo_buf_free(&json);
		return t;
	}
}

static oslo_term_id
object_to_rdf(rdf_out *o, const jld_value *item)
{
	const jld_value *v;

	if (item->kind != JLD_OBJECT)
		return 0;
	if ((v = jld_get(item, "@value")) != NULL)
		return value_to_rdf(o, item);
	if ((v = jld_get(item, "@list")) != NULL)
		return list_to_rdf(o, v);
	if ((v = jld_get(item, "@id")) != NULL && v->kind == JLD_STRING)
		return node_term(o, v->str);
	return 0;
}

static void
graph_to_rdf(rdf_out *o, const jld_map *graph)
{
	bool generalized = o->st->opts->produce_generalized_rdf;

	for (size_t n = 0; n < graph->count; n++)
	{
		const jld_value *node = graph->vals[n];
		oslo_term_id s = node_term(o, graph->keys[n]);

		if (!s)
			continue;
		for (size_t i = 0; i < node->count; i++)
		{
			const char *prop = node->members[i].key;
			const jld_value *values = node->members[i].value;
			oslo_term_id p;

			if ((++o->st->steps & 4095) == 0)
				oslo_check_interrupts();
			if (strcmp(prop, "@type") == 0)
			{
				for (size_t k = 0; k < values->count; k++)
				{
					oslo_term_id t = node_term(o, values->items[k]->str);

					if (t)
						oslo_graph_add(o->g, s, o->rdf_type, t, o->graph);
				}
				continue;
			}
			if (prop[0] == '@' || (jld_is_blank(prop) && !generalized))
				continue;
			p = node_term(o, prop);
			if (!p)
				continue;
			for (size_t k = 0; k < values->count; k++)
			{
				oslo_term_id obj = object_to_rdf(o, values->items[k]);

				if (obj)
					oslo_graph_add(o->g, s, p, obj, o->graph);
			}
		}
	}
}

void
jld_to_rdf(const jld_value *input, const jld_options *opts, oslo_graph *g)
{
	jld_arena *a = jld_arena_new();
	jld_value *expanded = jld_expand(a, input, opts);
	jld_state st;
	jld_node_map nm;
	rdf_out o;

	jld_state_init(&st, a, opts);
	jld_node_map_init(&nm, &st);
	jld_generate_node_map(&nm, expanded, "@default", NULL, NULL, NULL, NULL);
	memset(&o, 0, sizeof(o));
	o.st = &st;
	o.g = g;
	o.rdf_first = oslo_graph_iri_cstr(g, OSLO_RDF "first");
	o.rdf_rest = oslo_graph_iri_cstr(g, OSLO_RDF "rest");
	o.rdf_nil = oslo_graph_iri_cstr(g, OSLO_RDF "nil");
	o.rdf_type = oslo_graph_iri_cstr(g, OSLO_RDF_TYPE);
	for (size_t i = 0; i < nm.graphs.count; i++)
	{
		const char *name = nm.graphs.keys[i];

		if (strcmp(name, "@default") == 0)
			o.graph = 0;
		else if (!(o.graph = node_term(&o, name)))
			continue;
		graph_to_rdf(&o, nm.graphs.vals[i]);
	}
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
