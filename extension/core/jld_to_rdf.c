/*
 * jld_to_rdf.c
 *	  Deserialize JSON-LD to RDF
 *	  (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm):
 *	  expansion, then statements straight from the expanded document into an
 *	  oslo_graph, which gives the node map's merging and deduplication itself
 *	  (see emit_node).
 *
 * The common shape {"@context": ..., "@graph": [...]} goes node by node
 * (stream_graph): from text, each node is parsed, expanded and turned into
 * statements, and the arena is given back every few hundred kilobytes, so
 * memory stays flat and what is worked on stays in cache.
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
	jld_arena *keep; /* the maps below: they outlive the expansion's arena marks */
	oslo_graph *g;
	oslo_term_id graph; /* current graph name (0: default) */
	jld_map blanks;     /* "_:bN" -> term id */
	jld_map indexes;    /* "graph|@id" -> the node's @index */
	struct
	{
		const char *str;
		oslo_term_id id;
	} cache[1024]; /* node_term by string address */
	oslo_term_id rdf_first, rdf_rest, rdf_nil, rdf_type, xsd_string;
	/* values typed rdf:langString without a language: written as xsd:string (value_to_rdf) */
	size_t untagged_langstrings;
	char first_untagged[48];
	/* statements not yet in g: added in batches (oslo_graph_add_many), in order */
	oslo_quad pending[256];
	size_t npending;
} rdf_out;

static void
flush(rdf_out *o)
{
	oslo_graph_add_many(o->g, o->pending, o->npending);
	o->npending = 0;
}

/* oslo_graph_add(o->g, ...), batched */
static void
put(rdf_out *o, oslo_term_id s, oslo_term_id p, oslo_term_id obj, oslo_term_id graph)
{
	oslo_quad *q;

	if (o->npending == sizeof(o->pending) / sizeof(o->pending[0]))
		flush(o);
	q = &o->pending[o->npending++];
	q->s = s;
	q->p = p;
	q->o = obj;
	q->g = graph;
}

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
			jld_map_put(o->keep, &o->blanks, jld_arena_strdup(o->keep, id), (void *)t);
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
 * statement. Strings live in the arena until the end, or until a mark of
 * it is released, which empties the cache: an address is never reused for
 * other text while the cache is alive.
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

	if (!isfinite(d)) /* the parser refuses them; XSD's own lexical forms all the same */
	{
		snprintf(out, size, "%s", isnan(d) ? "NaN" : d > 0 ? "INF" : "-INF");
		return;
	}
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
			put(o, prev, o->rdf_rest, node, o->graph);
		else
			head = node;
		obj = emit_object(o, list->items[i]);
		if (obj)
			put(o, node, o->rdf_first, obj, o->graph);
		prev = node;
	}
	if (prev)
		put(o, prev, o->rdf_rest, o->rdf_nil, o->graph);
	return with_triples ? head : 0;
}

/* the entries of a value object */
typedef struct value_entries
{
	const jld_value *value, *type, *lang, *dir;
} value_entries;

static void
release_json(oslo_buf *json)
{
	if (json->data)
		oslo_buf_free(json);
}

static oslo_term_id
value_to_rdf(rdf_out *o, const value_entries *e)
{
	const jld_value *value = e->value;
	const jld_value *type = e->type;
	const jld_value *lang = e->lang;
	const jld_value *dir = e->dir;
	const char *datatype = type && type->kind == JLD_STRING ? type->str : NULL;
	const char *rdf_dir = o->st->opts->rdf_direction;
	char num[96];
	const char *lex;
	size_t lexlen;
	oslo_buf json = {NULL, 0, 0}; /* only @json values need it */

	/*
	 * A datatype that is not a well-formed IRI drops the value: node_term
	 * below tells (cached by address), when the literal is made.
	 */
	if (lang && (lang->kind != JLD_STRING || !well_formed_language(lang->str)))
		return 0;
	if (datatype && jld_streq(datatype, "@json"))
	{
		oslo_buf_init(&json);
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
		release_json(&json);
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
			put(o, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "value"),
			    oslo_graph_literal(o->g, lex, lexlen, NULL, NULL), o->graph);
			if (lang)
				put(o, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "language"),
				    oslo_graph_literal_cstr(o->g, lang_lc, NULL, NULL), o->graph);
			put(o, t, oslo_graph_iri_cstr(o->g, OSLO_RDF "direction"),
			    oslo_graph_literal_cstr(o->g, dir->str, NULL, NULL), o->graph);
		}
		release_json(&json);
		return t;
	}
	{
		oslo_term_id t;

		if (lang && !datatype)
			t = oslo_graph_literal(o->g, lex, lexlen, NULL, lang->str);
		else if (!datatype)
		{
			/* interned on first use: a graph without strings does not get the term */
			if (!o->xsd_string)
				o->xsd_string = oslo_graph_iri_cstr(o->g, OSLO_XSD_STRING);
			t = oslo_graph_literal_dt(o->g, lex, lexlen, o->xsd_string);
		}
		else if (strcmp(datatype, OSLO_RDF_LANGSTRING) == 0)
		{
			/*
			 * A term coerced to rdf:langString (the SEMIC 2.x and CPSV-AP 3.x
			 * contexts) and a string without @language: the algorithm's
			 * "x"^^rdf:langString is no RDF 1.1 literal (a langString needs a
			 * language tag), so it becomes the plain string jsonld.js also
			 * writes, and the caller hears about it (docs/eu-contexts.md).
			 */
			if (o->untagged_langstrings++ == 0)
			{
				size_t n = lexlen < 40 ? lexlen : 40;

				while (n > 0 && n < lexlen && ((unsigned char)lex[n] & 0xC0) == 0x80)
					n--; /* cut between UTF-8 characters */
				snprintf(o->first_untagged, sizeof(o->first_untagged), "%.*s", (int)n, lex);
			}
			if (!o->xsd_string)
				o->xsd_string = oslo_graph_iri_cstr(o->g, OSLO_XSD_STRING);
			t = oslo_graph_literal_dt(o->g, lex, lexlen, o->xsd_string);
		}
		else if (datatype && datatype == (type ? type->str : NULL))
		{
			oslo_term_id dt = jld_is_blank(datatype) ? 0 : node_term(o, datatype);

			if (!dt)
			{
				release_json(&json);
				return 0;
			}
			t = oslo_graph_literal_dt(o->g, lex, lexlen, dt);
		}
		else
			t = oslo_graph_literal(o->g, lex, lexlen, datatype, NULL);
		release_json(&json);
		return t;
	}
}

/* the term of a value, list or node object; nested nodes' statements are emitted */
static oslo_term_id
emit_object(rdf_out *o, const jld_value *item)
{
	value_entries e = {NULL, NULL, NULL, NULL};
	const jld_value *list = NULL;

	if (item->kind != JLD_OBJECT)
		return 0;
	/* one pass over the keys tells a value object, a list object and a node apart */
	for (size_t i = 0; i < item->count; i++)
	{
		const char *k = item->members[i].key;
		const jld_value *v = item->members[i].value;

		if (k[0] != '@')
			continue;
		if (jld_streq(k, "@value"))
			e.value = v;
		else if (jld_streq(k, "@type"))
			e.type = v;
		else if (jld_streq(k, "@language"))
			e.lang = v;
		else if (jld_streq(k, "@direction"))
			e.dir = v;
		else if (jld_streq(k, "@list"))
			list = v;
	}
	if (e.value)
		return value_to_rdf(o, &e);
	if (list)
		return list_to_rdf(o, list, true);
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
		if (jld_streq(k, "@id"))
			idv = node->members[i].value;
		else if (jld_streq(k, "@type"))
			types = node->members[i].value;
		else if (jld_streq(k, "@index"))
			index = node->members[i].value;
		else if (jld_streq(k, "@reverse"))
			reverse = node->members[i].value;
		else if (jld_streq(k, "@graph"))
			graph = node->members[i].value;
		else if (jld_streq(k, "@included"))
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
			jld_map_put(o->keep, &o->indexes, jld_arena_strdup(o->keep, key),
			            jld_copy(o->keep, index));
		oslo_free(key);
	}
	if (types && s)
	{
		for (size_t k = 0; k < types->count; k++)
		{
			oslo_term_id t;

			if (types->items[k]->kind == JLD_STRING && (t = node_term(o, types->items[k]->str)))
				put(o, s, o->rdf_type, t, o->graph);
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
					put(o, r, p, s, o->graph);
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
				put(o, s, p, obj, o->graph);
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

static void
rdf_out_init(rdf_out *o, jld_state *st, oslo_graph *g)
{
	o->st = st;
	o->keep = jld_arena_new();
	o->g = g;
	o->rdf_first = oslo_graph_iri_cstr(g, OSLO_RDF "first");
	o->rdf_rest = oslo_graph_iri_cstr(g, OSLO_RDF "rest");
	o->rdf_nil = oslo_graph_iri_cstr(g, OSLO_RDF "nil");
	o->rdf_type = oslo_graph_iri_cstr(g, OSLO_RDF_TYPE);
}

/*
 * A document {"@context": C, "@graph": [n1, n2, ...]} (the way producers
 * send many nodes) expands to the expansion of each ni under C: toRdf can
 * take them one at a time, each expanded into the arena and turned into
 * statements while it is still in cache, after which its memory is reused.
 * Other documents (more keys, aliases, an expandContext that does not
 * propagate) take the general way.
 */
static const jld_value *
streamable_graph(const jld_value *input, const jld_context *active)
{
	const jld_value *graph = NULL;

	if (input->kind != JLD_OBJECT || active->previous)
		return NULL;
	for (size_t i = 0; i < input->count; i++)
	{
		const char *k = input->members[i].key;

		if (jld_streq(k, "@graph"))
			graph = input->members[i].value;
		else if (!jld_streq(k, "@context"))
			return NULL;
	}
	return graph && graph->kind == JLD_ARRAY ? graph : NULL;
}

bool jld_to_rdf_node_by_node = true;

/* what may not be given back at an arena mark: state that lives across nodes */
typedef struct persistent_state
{
	size_t remote, processed, path_cap;
} persistent_state;

static persistent_state
persistent_of(const jld_state *st)
{
	persistent_state p = {st->remote.count, st->processed.count, st->path_cap};

	return p;
}

/* after this many bytes of expanded nodes the arena is given back */
#define STREAM_BATCH_BYTES (256 * 1024)

/*
 * graph's items, or (items not NULL) those of the array the parser deferred,
 * each parsed into the arena here
 */
static void
stream_graph(rdf_out *o, jld_context *active, const jld_value *graph, jld_items *items,
             const char *base)
{
	jld_state *st = o->st;
	jld_arena_mark_t mark;
	persistent_state kept;

	jld_arena_mark(st->a, &mark);
	kept = persistent_of(st);
	jld_path_push_key(st, "@graph");
	for (size_t i = 0;; i++)
	{
		const jld_value *item;
		jld_value *node;
		persistent_state now;

		if (items)
		{
			if ((item = jld_items_next(items, st->a)) == NULL)
				break;
		}
		else if (i < graph->count)
			item = graph->items[i];
		else
			break;
		jld_path_push_index(st, i);
		node = jld_expand_element(st, active, "@graph", item, base, false);
		jld_path_pop(st);
		if (node)
			emit_elements(o, node);
		/*
		 * Remote contexts loaded (and cached) on the way, or a deeper path,
		 * live in the arena after the mark: those stay, with a new mark.
		 */
		now = persistent_of(st);
		if (memcmp(&now, &kept, sizeof(now)) != 0)
		{
			jld_arena_mark(st->a, &mark);
			kept = now;
		}
		else if (jld_arena_used_since(st->a, &mark) > STREAM_BATCH_BYTES)
		{
			jld_arena_release(st->a, &mark);
			memset(o->cache, 0, sizeof(o->cache));
			jld_state_forget_keys(st);
		}
	}
	jld_path_pop(st);
}

/*
 * toRdf of input; items: the items of its "@graph" array when the parser
 * deferred them. False when input needs its @graph after all, or when more
 * members followed the array the parser left open: g must then be emptied
 * and the document read whole.
 */
static bool
to_rdf(const jld_value *input, jld_items *items, const jld_options *opts, oslo_graph *g)
{
	jld_arena *a = jld_arena_new();
	jld_state st;
	rdf_out *o = oslo_alloc0(sizeof(rdf_out));
	jld_context *active;
	const jld_value *graph;
	bool done = true;

	jld_state_init(&st, a, opts);
	rdf_out_init(o, &st, g);
	active = jld_expand_initial_context(&st);
	if (jld_to_rdf_node_by_node && (graph = streamable_graph(input, active)) != NULL)
	{
		const jld_value *ctx = jld_get(input, "@context");

		if (ctx)
		{
			jld_path_push_key(&st, "@context");
			active = jld_process_context(&st, active, ctx, opts->base, NULL, false, true, true);
			jld_path_pop(&st);
		}
		stream_graph(o, active, graph, items, opts->base);
		if (items && !jld_items_rest_empty(items))
			done = false;
	}
	else if (items)
		done = false;
	else
		emit_elements(o, jld_expand_with(&st, active, input));
	flush(o);
	if (done && o->untagged_langstrings > 0)
		oslo_notice("%zu JSON-LD value%s typed rdf:langString without a language (first: \"%s\"): "
		            "written as xsd:string literals, since \"...\"^^rdf:langString is not RDF",
		            o->untagged_langstrings, o->untagged_langstrings == 1 ? "" : "s",
		            o->first_untagged);
	jld_arena_free(o->keep);
	oslo_free(o);
	jld_arena_free(a);
	return done;
}

void
jld_to_rdf(const jld_value *input, const jld_options *opts, oslo_graph *g)
{
	to_rdf(input, NULL, opts, g);
}

void
jld_text_to_rdf(const char *text, size_t len, const jld_options *opts, oslo_graph *g)
{
	jld_arena *a = jld_arena_new();
	jld_items *items;
	/*
	 * {"@context": ..., "@graph": [...]} is not held in memory as a whole:
	 * its nodes are parsed, expanded and turned into statements one by one.
	 * With nothing in g yet, the parser need not look past the array first:
	 * in the rare document where more members follow, g is emptied and the
	 * document read again, whole.
	 */
	bool fresh = oslo_graph_size(g) == 0;
	jld_value *doc = jld_parse_deferring(a, text, len, "@graph", fresh, &items);

	if (!to_rdf(doc, items, opts, g))
	{
		jld_items_end(items);
		items = NULL;
		if (fresh)
			oslo_graph_clear(g);
		to_rdf(jld_parse(a, text, len), NULL, opts, g);
	}
	jld_items_end(items);
	jld_arena_free(a);
}
