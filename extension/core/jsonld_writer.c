/*
 * jsonld_writer.c
 *	  JSON-LD output of a graph: expanded (the shape of the JSON-LD 1.1
 *	  "Serialize RDF as JSON-LD" algorithm without list conversion, native
 *	  types or rdf:type as a property) and compacted against a context.
 *
 * Everything is written straight into an oslo_buf, in a deterministic order:
 * nodes by @id, properties by (compacted) key, values by their N-Triples
 * form, so that output is stable for tests and diffs.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jsonld_writer.h"

#include <stdlib.h>
#include <string.h>

/*
 * Nested node objects per embedding chain. Long chains of blank nodes (RDF
 * lists) would otherwise nest as deep as they are long, beyond what JSON
 * readers accept (json-c: 32 levels) and the C stack of the writer; a node
 * deeper than this is written at the top level instead.
 */
#define MAX_EMBED_DEPTH 12

/* per-term flags for the compacted form */
#define NOT_EMBEDDABLE 0x01 /* type, predicate, graph name, several graphs */
#define IS_SUBJECT     0x02
#define EMBEDDED       0x04 /* written inside its only referrer */
#define REACHED        0x08

typedef struct node_key
{
	oslo_term_id graph;
	oslo_term_id subject;
} node_key;

typedef struct writer
{
	const oslo_graph *g;
	const oslo_jsonld_context *ctx;
	bool compact_arrays;
	oslo_buf *out;
	oslo_term_id rdf_type;
	uint32_t nterms;
	char **ids;      /* "@id" form per term (lazily) */
	char **ntriples; /* N-Triples form per term (lazily) */
	/* all (graph, subject) pairs, ordered by graph then subject */
	node_key *nodes;
	size_t nnodes;
	/* compacted form only */
	uint8_t *flags;
	uint32_t *refs;
	oslo_term_id *ref_graph;
	oslo_term_id *subject_graph;
	unsigned ticks;
} writer;

static void
tick(writer *w)
{
	if (++w->ticks % 4096 == 0)
		oslo_check_interrupts();
}

/* ---- term forms ------------------------------------------------------- */

static const char *
id_of(writer *w, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(w->g, id);

	if (t->kind != OSLO_TERM_BLANK)
		return t->value;
	if (w->ids[id] == NULL)
		w->ids[id] = oslo_psprintf("_:%s", t->value);
	return w->ids[id];
}

static void
put_nt_escaped(oslo_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		switch (s[i])
		{
			case '"':
				oslo_buf_puts(b, "\\\"");
				break;
			case '\\':
				oslo_buf_puts(b, "\\\\");
				break;
			case '\n':
				oslo_buf_puts(b, "\\n");
				break;
			case '\r':
				oslo_buf_puts(b, "\\r");
				break;
			default:
				oslo_buf_putc(b, s[i]);
		}
	}
}

/* the N-Triples form of a term: the order of values */
static const char *
ntriples_of(writer *w, oslo_term_id id)
{
	const oslo_term *t;
	oslo_buf b;

	if (w->ntriples[id])
		return w->ntriples[id];
	t = oslo_graph_term(w->g, id);
	oslo_buf_init(&b);
	if (t->kind == OSLO_TERM_IRI)
		oslo_buf_printf(&b, "<%s>", t->value);
	else if (t->kind == OSLO_TERM_BLANK)
		oslo_buf_printf(&b, "_:%s", t->value);
	else
	{
		const char *dt = oslo_graph_term(w->g, t->datatype)->value;

		oslo_buf_putc(&b, '"');
		put_nt_escaped(&b, t->value, t->len);
		oslo_buf_putc(&b, '"');
		if (t->lang)
			oslo_buf_printf(&b, "@%s", t->lang);
		else if (strcmp(dt, OSLO_XSD_STRING) != 0)
			oslo_buf_printf(&b, "^^<%s>", dt);
	}
	w->ntriples[id] = b.data;
	return b.data;
}

static bool
is_node(const oslo_term *t)
{
	return t->kind == OSLO_TERM_IRI || t->kind == OSLO_TERM_BLANK;
}

static void
put_string(writer *w, const char *s)
{
	oslo_buf_putc(w->out, '"');
	oslo_buf_json_escaped(w->out, s, strlen(s));
	oslo_buf_putc(w->out, '"');
}

static void
put_key(writer *w, const char *key, bool *first)
{
	if (!*first)
		oslo_buf_putc(w->out, ',');
	*first = false;
	put_string(w, key);
	oslo_buf_putc(w->out, ':');
}

/* ---- setup ------------------------------------------------------------ */

static int
compare_ids(writer *w, oslo_term_id a, oslo_term_id b)
{
	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1; /* the default graph first */
	return strcmp(id_of(w, a), id_of(w, b));
}

static int
compare_node_keys(const void *pa, const void *pb, void *arg)
{
	const node_key *a = pa, *b = pb;
	int c = compare_ids(arg, a->graph, b->graph);

	return c != 0 ? c : compare_ids(arg, a->subject, b->subject);
}

static void
writer_init(writer *w, const oslo_graph *g, oslo_buf *out)
{
	size_t nquads = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	size_t n = 0;

	memset(w, 0, sizeof(*w));
	w->g = g;
	w->out = out;
	w->nterms = oslo_graph_term_count(g);
	w->ids = oslo_alloc0((w->nterms + 1) * sizeof(char *));
	w->ntriples = oslo_alloc0((w->nterms + 1) * sizeof(char *));
	w->rdf_type = oslo_graph_find_iri(g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));

	/* every subject of every graph, and every graph name in the default graph */
	w->nodes = oslo_alloc((2 * nquads + 1) * sizeof(node_key));
	for (size_t i = 0; i < nquads; i++)
	{
		tick(w);
		w->nodes[n++] = (node_key){quads[i].g, quads[i].s};
		if (quads[i].g != 0)
			w->nodes[n++] = (node_key){0, quads[i].g};
	}
	qsort_r(w->nodes, n, sizeof(node_key), compare_node_keys, w);
	w->nnodes = 0;
	for (size_t i = 0; i < n; i++)
		if (w->nnodes == 0 || w->nodes[w->nnodes - 1].graph != w->nodes[i].graph ||
		    w->nodes[w->nnodes - 1].subject != w->nodes[i].subject)
			w->nodes[w->nnodes++] = w->nodes[i];
}

static void
writer_free(writer *w)
{
	for (uint32_t i = 0; i <= w->nterms; i++)
	{
		if (w->ids[i])
			oslo_free(w->ids[i]);
		if (w->ntriples[i])
			oslo_free(w->ntriples[i]);
	}
	oslo_free(w->ids);
	oslo_free(w->ntriples);
	oslo_free(w->nodes);
	if (w->flags)
	{
		oslo_free(w->flags);
		oslo_free(w->refs);
		oslo_free(w->ref_graph);
		oslo_free(w->subject_graph);
	}
}

/* the quads of subject s in graph g */
static oslo_quad *
node_quads(writer *w, oslo_term_id s, oslo_term_id g, size_t *n)
{
	size_t cap = 8;
	oslo_quad *q = oslo_alloc(cap * sizeof(oslo_quad));
	oslo_match m;

	*n = 0;
	oslo_match_init(&m, w->g, s, 0, 0, g);
	while (oslo_match_next(&m, &q[*n]))
	{
		tick(w);
		if (++*n == cap)
		{
			cap *= 2;
			q = oslo_realloc(q, cap * sizeof(oslo_quad));
		}
	}
	return q;
}

static bool
is_type_quad(writer *w, const oslo_quad *q)
{
	return q->p == w->rdf_type && is_node(oslo_graph_term(w->g, q->o));
}

/* range [*first, end) of w->nodes in graph g */
static size_t
graph_nodes(writer *w, oslo_term_id g, size_t *first)
{
	size_t lo = 0, hi = w->nnodes, end;

	while (lo < hi)
	{
		size_t mid = (lo + hi) / 2;

		if (compare_ids(w, w->nodes[mid].graph, g) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (end = lo; end < w->nnodes && w->nodes[end].graph == g; end++)
		;
	return end;
}

static bool
has_quads(writer *w, oslo_term_id s, oslo_term_id g)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, w->g, s, 0, 0, g);
	return oslo_match_next(&m, &q);
}

static bool
is_graph_name(writer *w, oslo_term_id s)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, w->g, 0, 0, 0, s);
	return s != 0 && oslo_match_next(&m, &q);
}

/* ---- expanded --------------------------------------------------------- */

typedef struct sort_entry
{
	const char *key;
	const char *value;
	const oslo_jsonld_term *term;
	char *owned_key;
	oslo_term_id o;
} sort_entry;

static int
compare_entries(const void *pa, const void *pb)
{
	const sort_entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c != 0 ? c : strcmp(a->value, b->value);
}

static void
put_expanded_value(writer *w, oslo_term_id o)
{
	const oslo_term *t = oslo_graph_term(w->g, o);

	if (is_node(t))
	{
		oslo_buf_puts(w->out, "{\"@id\":");
		put_string(w, id_of(w, o));
	}
	else
	{
		const char *dt = oslo_graph_term(w->g, t->datatype)->value;

		oslo_buf_puts(w->out, "{\"@value\":\"");
		oslo_buf_json_escaped(w->out, t->value, t->len);
		oslo_buf_putc(w->out, '"');
		if (t->lang)
		{
			oslo_buf_puts(w->out, ",\"@language\":");
			put_string(w, t->lang);
		}
		else if (strcmp(dt, OSLO_XSD_STRING) != 0)
		{
			oslo_buf_puts(w->out, ",\"@type\":");
			put_string(w, dt);
		}
	}
	oslo_buf_putc(w->out, '}');
}

static void put_expanded_graph(writer *w, oslo_term_id g);

static void
put_expanded_node(writer *w, oslo_term_id s, oslo_term_id g, bool with_graph)
{
	size_t n, ne = 0, ntypes = 0;
	oslo_quad *q = node_quads(w, s, g, &n);
	sort_entry *e = oslo_alloc((n + 1) * sizeof(sort_entry));
	sort_entry *types = oslo_alloc((n + 1) * sizeof(sort_entry));
	bool first = true;

	for (size_t i = 0; i < n; i++)
	{
		sort_entry x = {id_of(w, q[i].p), ntriples_of(w, q[i].o), NULL, NULL, q[i].o};

		if (is_type_quad(w, &q[i]))
			types[ntypes++] = x;
		else
			e[ne++] = x;
	}
	qsort(types, ntypes, sizeof(sort_entry), compare_entries);
	qsort(e, ne, sizeof(sort_entry), compare_entries);

	oslo_buf_putc(w->out, '{');
	put_key(w, "@id", &first);
	put_string(w, id_of(w, s));
	if (ntypes > 0)
	{
		put_key(w, "@type", &first);
		oslo_buf_putc(w->out, '[');
		for (size_t i = 0; i < ntypes; i++)
		{
			if (i > 0)
				oslo_buf_putc(w->out, ',');
			put_string(w, id_of(w, types[i].o));
		}
		oslo_buf_putc(w->out, ']');
	}
	for (size_t i = 0; i < ne; i++)
	{
		if (i == 0 || strcmp(e[i].key, e[i - 1].key) != 0)
		{
			if (i > 0)
				oslo_buf_putc(w->out, ']');
			put_key(w, e[i].key, &first);
			oslo_buf_putc(w->out, '[');
		}
		else
			oslo_buf_putc(w->out, ',');
		put_expanded_value(w, e[i].o);
	}
	if (ne > 0)
		oslo_buf_putc(w->out, ']');
	if (with_graph)
	{
		put_key(w, "@graph", &first);
		put_expanded_graph(w, s);
	}
	oslo_buf_putc(w->out, '}');
	oslo_free(q);
	oslo_free(e);
	oslo_free(types);
}

/* the node objects of graph g as a JSON array */
static void
put_expanded_graph(writer *w, oslo_term_id g)
{
	size_t first, end = graph_nodes(w, g, &first);
	bool any = false;

	oslo_buf_putc(w->out, '[');
	for (size_t i = first; i < end; i++)
	{
		oslo_term_id s = w->nodes[i].subject;
		bool named = g == 0 && is_graph_name(w, s);

		/* nodes that would only have "@id" are left out, as fromRdf does */
		if (!named && !has_quads(w, s, g))
			continue;
		if (any)
			oslo_buf_putc(w->out, ',');
		any = true;
		put_expanded_node(w, s, g, named);
	}
	oslo_buf_putc(w->out, ']');
}

void
oslo_jsonld_write_expanded(const oslo_graph *g, oslo_buf *out)
{
	writer w;

	writer_init(&w, g, out);
	put_expanded_graph(&w, 0);
	writer_free(&w);
}

/* ---- compacted: which blank nodes are embedded ------------------------ */

static void
count_references(writer *w, oslo_term_id root)
{
	size_t nquads = oslo_graph_size(w->g);
	const oslo_quad *quads = oslo_graph_quads(w->g);

	w->flags = oslo_alloc0(w->nterms + 1);
	w->refs = oslo_alloc0((w->nterms + 1) * sizeof(uint32_t));
	w->ref_graph = oslo_alloc0((w->nterms + 1) * sizeof(oslo_term_id));
	w->subject_graph = oslo_alloc0((w->nterms + 1) * sizeof(oslo_term_id));
	for (size_t i = 0; i < nquads; i++)
	{
		const oslo_quad *q = &quads[i];

		tick(w);
		if (w->flags[q->s] & IS_SUBJECT)
		{
			if (w->subject_graph[q->s] != q->g)
				w->flags[q->s] |= NOT_EMBEDDABLE;
		}
		w->flags[q->s] |= IS_SUBJECT;
		w->subject_graph[q->s] = q->g;
		w->flags[q->p] |= NOT_EMBEDDABLE;
		w->flags[q->g] |= NOT_EMBEDDABLE;
		if (is_type_quad(w, q) || q->o == q->s)
			w->flags[q->o] |= NOT_EMBEDDABLE;
		w->refs[q->o]++;
		w->ref_graph[q->o] = q->g;
	}
	if (root)
		w->flags[root] |= NOT_EMBEDDABLE;
}

static bool
embeddable(writer *w, oslo_term_id id)
{
	return oslo_graph_term(w->g, id)->kind == OSLO_TERM_BLANK && w->refs[id] == 1 &&
	       (w->flags[id] & (NOT_EMBEDDABLE | IS_SUBJECT)) == IS_SUBJECT &&
	       w->ref_graph[id] == w->subject_graph[id];
}

/*
 * Walk the trees below one top-level node, marking what gets embedded; a
 * node deeper than MAX_EMBED_DEPTH starts a top-level tree of its own.
 */
static void
walk_tree(writer *w, oslo_term_id top, oslo_term_id g)
{
	size_t cap = 16, n = 0;
	node_key *stack = oslo_alloc(cap * sizeof(node_key)); /* (depth, node) */

	w->flags[top] |= REACHED;
	stack[n++] = (node_key){0, top};
	while (n > 0)
	{
		node_key cur = stack[--n];
		oslo_match m;
		oslo_quad q;

		oslo_match_init(&m, w->g, cur.subject, 0, 0, g);
		while (oslo_match_next(&m, &q))
		{
			uint32_t depth = cur.graph + 1;

			tick(w);
			if (!(w->flags[q.o] & EMBEDDED) || (w->flags[q.o] & REACHED))
				continue;
			w->flags[q.o] |= REACHED;
			if (depth > MAX_EMBED_DEPTH)
			{
				w->flags[q.o] &= ~EMBEDDED;
				depth = 0;
			}
			if (n == cap)
			{
				cap *= 2;
				stack = oslo_realloc(stack, cap * sizeof(node_key));
			}
			stack[n++] = (node_key){depth, q.o};
		}
	}
	oslo_free(stack);
}

static void
plan_embedding(writer *w, oslo_term_id root)
{
	count_references(w, root);
	for (oslo_term_id id = 1; id <= w->nterms; id++)
		if (embeddable(w, id))
			w->flags[id] |= EMBEDDED;
	for (size_t i = 0; i < w->nnodes; i++)
		if (!(w->flags[w->nodes[i].subject] & EMBEDDED))
			walk_tree(w, w->nodes[i].subject, w->nodes[i].graph);
	/* what is left are cycles of blank nodes: the least of each goes on top */
	for (size_t i = 0; i < w->nnodes; i++)
	{
		oslo_term_id s = w->nodes[i].subject;

		if ((w->flags[s] & EMBEDDED) && !(w->flags[s] & REACHED))
		{
			w->flags[s] &= ~EMBEDDED;
			walk_tree(w, s, w->nodes[i].graph);
		}
	}
}

/* ---- compacted: writing ---------------------------------------------- */

static void
value_info(writer *w, oslo_term_id o, oslo_jsonld_value_info *v)
{
	const oslo_term *t = oslo_graph_term(w->g, o);

	memset(v, 0, sizeof(*v));
	if (is_node(t))
	{
		v->kind = (w->flags[o] & EMBEDDED) ? OSLO_JSONLD_NODE_EMBEDDED : OSLO_JSONLD_NODE_REF;
		v->iri = id_of(w, o);
	}
	else if (t->lang)
	{
		v->kind = OSLO_JSONLD_LANG_STRING;
		v->language = t->lang;
	}
	else
	{
		v->datatype = oslo_graph_term(w->g, t->datatype)->value;
		v->kind =
		    strcmp(v->datatype, OSLO_XSD_STRING) == 0 ? OSLO_JSONLD_STRING : OSLO_JSONLD_TYPED;
	}
}

static void
put_compact_iri(writer *w, const char *iri, bool vocab)
{
	char *c = oslo_jsonld_compact_iri(w->ctx, iri, vocab, NULL);

	put_string(w, c);
	oslo_free(c);
}

static void put_node_members(writer *w, oslo_term_id s, oslo_term_id g, bool embedded, bool *first);

/* JSON-LD 1.1 Value Compaction for one value of the property term t */
static void
put_compact_value(writer *w, const oslo_jsonld_term *t, oslo_term_id o, oslo_term_id g)
{
	const oslo_term *ot = oslo_graph_term(w->g, o);
	const char *type = t ? t->type : NULL;
	const char *language =
	    (t && t->has_language) ? t->language : (w->ctx ? w->ctx->language : NULL);
	oslo_jsonld_value_info v;
	bool first = true;

	value_info(w, o, &v);
	if (v.kind == OSLO_JSONLD_NODE_EMBEDDED)
	{
		oslo_buf_putc(w->out, '{');
		put_node_members(w, o, g, true, &first);
		oslo_buf_putc(w->out, '}');
		return;
	}
	if (v.kind == OSLO_JSONLD_NODE_REF)
	{
		bool coerced = type && (strcmp(type, "@id") == 0 || strcmp(type, "@vocab") == 0);

		if (!coerced)
		{
			oslo_buf_putc(w->out, '{');
			put_key(w, oslo_jsonld_keyword(w->ctx, "@id"), &first);
		}
		put_compact_iri(w, v.iri, type && strcmp(type, "@vocab") == 0);
		if (!coerced)
			oslo_buf_putc(w->out, '}');
		return;
	}
	/* literals that the term's coercion or the context reads back as-is */
	if ((v.datatype && type && strcmp(type, v.datatype) == 0) ||
	    (v.language && language && strcmp(language, v.language) == 0) ||
	    (v.kind == OSLO_JSONLD_STRING && (language == NULL || (t && t->has_language))))
	{
		oslo_buf_putc(w->out, '"');
		oslo_buf_json_escaped(w->out, ot->value, ot->len);
		oslo_buf_putc(w->out, '"');
		return;
	}
	oslo_buf_putc(w->out, '{');
	if (v.kind == OSLO_JSONLD_TYPED)
	{
		put_key(w, oslo_jsonld_keyword(w->ctx, "@type"), &first);
		put_compact_iri(w, v.datatype, true);
	}
	else if (v.kind == OSLO_JSONLD_LANG_STRING)
	{
		put_key(w, oslo_jsonld_keyword(w->ctx, "@language"), &first);
		put_string(w, v.language);
	}
	put_key(w, oslo_jsonld_keyword(w->ctx, "@value"), &first);
	oslo_buf_putc(w->out, '"');
	oslo_buf_json_escaped(w->out, ot->value, ot->len);
	oslo_buf_puts(w->out, "\"}");
}

static void put_compact_graph(writer *w, oslo_term_id g);

static void
put_node_members(writer *w, oslo_term_id s, oslo_term_id g, bool embedded, bool *first)
{
	size_t n, ne = 0, ntypes = 0;
	oslo_quad *q = node_quads(w, s, g, &n);
	sort_entry *e = oslo_alloc((n + 1) * sizeof(sort_entry));
	sort_entry *types = oslo_alloc((n + 1) * sizeof(sort_entry));

	for (size_t i = 0; i < n; i++)
	{
		sort_entry x = {NULL, ntriples_of(w, q[i].o), NULL, NULL, q[i].o};

		if (is_type_quad(w, &q[i]))
		{
			x.key = "";
			types[ntypes++] = x;
		}
		else
		{
			oslo_jsonld_value_info v;

			value_info(w, q[i].o, &v);
			x.term = oslo_jsonld_select_term(w->ctx, id_of(w, q[i].p), &v);
			x.owned_key =
			    x.term ? NULL : oslo_jsonld_compact_iri(w->ctx, id_of(w, q[i].p), true, &v);
			x.key = x.term ? x.term->name : x.owned_key;
			e[ne++] = x;
		}
	}
	qsort(types, ntypes, sizeof(sort_entry), compare_entries);
	qsort(e, ne, sizeof(sort_entry), compare_entries);

	if (!embedded)
	{
		put_key(w, oslo_jsonld_keyword(w->ctx, "@id"), first);
		put_compact_iri(w, id_of(w, s), false);
	}
	if (ntypes > 0)
	{
		bool array = ntypes > 1 || !w->compact_arrays;

		put_key(w, oslo_jsonld_keyword(w->ctx, "@type"), first);
		if (array)
			oslo_buf_putc(w->out, '[');
		for (size_t i = 0; i < ntypes; i++)
		{
			if (i > 0)
				oslo_buf_putc(w->out, ',');
			put_compact_iri(w, id_of(w, types[i].o), true);
		}
		if (array)
			oslo_buf_putc(w->out, ']');
	}
	for (size_t i = 0, end; i < ne; i = end)
	{
		bool array;

		for (end = i + 1; end < ne && strcmp(e[end].key, e[i].key) == 0; end++)
			;
		array = end - i > 1 || !w->compact_arrays || (e[i].term && e[i].term->set_container);
		put_key(w, e[i].key, first);
		if (array)
			oslo_buf_putc(w->out, '[');
		for (size_t j = i; j < end; j++)
		{
			if (j > i)
				oslo_buf_putc(w->out, ',');
			put_compact_value(w, e[j].term, e[j].o, g);
		}
		if (array)
			oslo_buf_putc(w->out, ']');
	}
	if (!embedded && g == 0 && is_graph_name(w, s))
	{
		put_key(w, oslo_jsonld_keyword(w->ctx, "@graph"), first);
		put_compact_graph(w, s);
	}
	for (size_t i = 0; i < ne; i++)
		if (e[i].owned_key)
			oslo_free(e[i].owned_key);
	oslo_free(q);
	oslo_free(e);
	oslo_free(types);
}

/* is the node (s, g) an entry of its graph's top level? */
static bool
top_level(writer *w, oslo_term_id s, oslo_term_id g)
{
	if (w->flags[s] & EMBEDDED)
		return false;
	return has_quads(w, s, g) || (g == 0 && is_graph_name(w, s));
}

static size_t
count_top_level(writer *w, oslo_term_id g)
{
	size_t first, end = graph_nodes(w, g, &first), n = 0;

	for (size_t i = first; i < end; i++)
		if (top_level(w, w->nodes[i].subject, g))
			n++;
	return n;
}

static void
put_compact_graph(writer *w, oslo_term_id g)
{
	size_t first, end = graph_nodes(w, g, &first);
	bool any = false;

	oslo_buf_putc(w->out, '[');
	for (size_t i = first; i < end; i++)
	{
		bool member_first = true;

		if (!top_level(w, w->nodes[i].subject, g))
			continue;
		if (any)
			oslo_buf_putc(w->out, ',');
		any = true;
		oslo_buf_putc(w->out, '{');
		put_node_members(w, w->nodes[i].subject, g, false, &member_first);
		oslo_buf_putc(w->out, '}');
	}
	oslo_buf_putc(w->out, ']');
}

/* the graph holding the root's statements: the default graph first */
static oslo_term_id
root_graph(writer *w, oslo_term_id root)
{
	oslo_match m;
	oslo_quad q;

	if (has_quads(w, root, 0))
		return 0;
	oslo_match_init(&m, w->g, root, 0, 0, OSLO_ANY_GRAPH);
	return oslo_match_next(&m, &q) ? q.g : 0;
}

void
oslo_jsonld_write_compacted(const oslo_graph *g, const oslo_jsonld_context *ctx,
                            const oslo_jsonld_options *options, oslo_buf *out)
{
	static const oslo_jsonld_options defaults = {NULL, 0, true};
	writer w;
	bool first = true;

	if (options == NULL)
		options = &defaults;
	if (options->root != 0 && options->root > oslo_graph_term_count(g))
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD root node %u is not a term of the graph",
		           (unsigned)options->root);
	writer_init(&w, g, out);
	w.ctx = ctx;
	w.compact_arrays = options->compact_arrays;
	plan_embedding(&w, options->root);

	oslo_buf_putc(out, '{');
	if (options->root != 0)
	{
		/* an unreferenced blank root's label says nothing: leave it out */
		bool anonymous = oslo_graph_term(g, options->root)->kind == OSLO_TERM_BLANK &&
		                 w.refs[options->root] == 0;

		put_node_members(&w, options->root, root_graph(&w, options->root), anonymous, &first);
	}
	else
	{
		if (options->context_reference || ctx)
		{
			put_key(&w, "@context", &first);
			if (options->context_reference)
				put_string(&w, options->context_reference);
			else
				oslo_buf_puts(out, ctx->json);
		}
		if (count_top_level(&w, 0) == 1)
		{
			size_t i, end = graph_nodes(&w, 0, &i);

			for (; i < end; i++)
				if (top_level(&w, w.nodes[i].subject, 0))
					put_node_members(&w, w.nodes[i].subject, 0, false, &first);
		}
		else
		{
			put_key(&w, oslo_jsonld_keyword(ctx, "@graph"), &first);
			put_compact_graph(&w, 0);
		}
	}
	oslo_buf_putc(out, '}');
	writer_free(&w);
}
