/*
 * rdf_graph.c
 *	  Term interning, statements and the per-position index chains.
 */
#include "rdf_graph.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ARENA_BLOCK 65536

typedef struct arena_block
{
	struct arena_block *next;
	size_t used;
	size_t size;
	char data[];
} arena_block;

struct oslo_graph
{
	/* terms: index 0 is unused so that id 0 can mean "none" */
	oslo_term *terms;
	uint32_t nterms;
	uint32_t terms_cap;
	/*
	 * open addressing; 0 empty, else (hash << 32) | term id: the stored hash
	 * settles most mismatches without reading the term, and growing the
	 * table never hashes a term again
	 */
	uint64_t *term_slots;
	uint32_t term_slots_cap; /* power of two */

	oslo_quad *quads;
	uint32_t nquads;
	uint32_t quads_cap;
	/*
	 * open addressing; 0 empty, else (hash high bits << 32) | (quad index + 1):
	 * the stored hash settles most mismatches without reading the quad, a
	 * cache miss per probe on large graphs
	 */
	uint64_t *quad_slots;
	uint32_t quad_slots_cap;

	/* chains: heads per term, next per quad; values are quad index + 1 */
	uint32_t *head[4];
	uint32_t *next[4];

	uint32_t fresh_counter;
	arena_block *arena;
};

enum
{
	CHAIN_S = 0,
	CHAIN_P = 1,
	CHAIN_O = 2,
	CHAIN_G = 3,
	CHAIN_ALL = 4
};

static const char *
arena_copy(oslo_graph *g, const char *s, size_t len)
{
	arena_block *b = g->arena;
	char *p;

	if (b == NULL || b->used + len + 1 > b->size)
	{
		size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;

		b = oslo_alloc(sizeof(arena_block) + size);
		b->next = g->arena;
		b->used = 0;
		b->size = size;
		g->arena = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

static uint32_t
hash_term(oslo_term_kind kind, const char *value, size_t len, oslo_term_id datatype,
          const char *lang)
{
	uint32_t h = OSLO_HASH_SEED ^ (uint32_t)kind;

	h = oslo_hash_bytes(h, value, len);
	h ^= datatype * 2654435761u;
	if (lang)
		h = oslo_hash_bytes(h ^ 0x9e3779b9u, lang, strlen(lang));
	return h;
}

static uint32_t
hash_quad(oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id gr)
{
	/*
	 * Term ids are small sequential integers: without a full avalanche
	 * (MurmurHash3's fmix64) the low bits the table uses cluster, and linear
	 * probing then walks long runs of random quads (a cache miss each).
	 */
	uint64_t h = s * 0x9E3779B97F4A7C15ull;

	h ^= p + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
	h ^= o * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
	h ^= gr + 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (uint32_t)h;
}

oslo_graph *
oslo_graph_new(void)
{
	oslo_graph *g = oslo_alloc0(sizeof(oslo_graph));

	g->terms_cap = 64;
	g->terms = oslo_alloc(sizeof(oslo_term) * g->terms_cap);
	g->nterms = 1;
	memset(&g->terms[0], 0, sizeof(oslo_term));
	g->term_slots_cap = 128;
	g->term_slots = oslo_alloc0(sizeof(uint64_t) * g->term_slots_cap);
	for (int c = 0; c < 4; c++)
		g->head[c] = oslo_alloc0(sizeof(uint32_t) * g->terms_cap);

	g->quads_cap = 64;
	g->quads = oslo_alloc(sizeof(oslo_quad) * g->quads_cap);
	for (int c = 0; c < 4; c++)
		g->next[c] = oslo_alloc(sizeof(uint32_t) * g->quads_cap);
	g->quad_slots_cap = 128;
	g->quad_slots = oslo_alloc0(sizeof(uint64_t) * g->quad_slots_cap);
	return g;
}

void
oslo_graph_free(oslo_graph *g)
{
	if (g == NULL)
		return;
	while (g->arena)
	{
		arena_block *n = g->arena->next;

		oslo_free(g->arena);
		g->arena = n;
	}
	for (int c = 0; c < 4; c++)
	{
		oslo_free(g->head[c]);
		oslo_free(g->next[c]);
	}
	oslo_free(g->terms);
	oslo_free(g->term_slots);
	oslo_free(g->quads);
	oslo_free(g->quad_slots);
	oslo_free(g);
}

void
oslo_graph_clear(oslo_graph *g)
{
	while (g->arena)
	{
		arena_block *n = g->arena->next;

		oslo_free(g->arena);
		g->arena = n;
	}
	g->nterms = 1;
	memset(g->term_slots, 0, sizeof(uint64_t) * g->term_slots_cap);
	for (int c = 0; c < 4; c++)
		memset(g->head[c], 0, sizeof(uint32_t) * g->terms_cap);
	g->nquads = 0;
	memset(g->quad_slots, 0, sizeof(uint64_t) * g->quad_slots_cap);
	/* fresh_counter goes on: a new blank node never takes an old one's label */
}

static bool
term_equals(const oslo_term *t, oslo_term_kind kind, const char *value, size_t len,
            oslo_term_id datatype, const char *lang)
{
	if (t->kind != kind || t->len != len || t->datatype != datatype)
		return false;
	if (memcmp(t->value, value, len) != 0)
		return false;
	if ((t->lang == NULL) != (lang == NULL))
		return false;
	return lang == NULL || strcmp(t->lang, lang) == 0;
}

static uint64_t *
find_term_slot(const oslo_graph *g, uint32_t h, oslo_term_kind kind, const char *value, size_t len,
               oslo_term_id datatype, const char *lang)
{
	uint32_t mask = g->term_slots_cap - 1;
	uint32_t i = h & mask;

	for (;;)
	{
		uint64_t v = g->term_slots[i];

		if (v == 0 || ((uint32_t)(v >> 32) == h &&
		               term_equals(&g->terms[(uint32_t)v], kind, value, len, datatype, lang)))
			return &g->term_slots[i];
		i = (i + 1) & mask;
	}
}

static void
grow_term_slots(oslo_graph *g)
{
	uint64_t *old = g->term_slots;
	uint32_t oldcap = g->term_slots_cap, mask;

	if (oldcap >= (1u << 30))
		oslo_error(OSLO_ERR_LIMIT, "graph has too many distinct terms");
	g->term_slots_cap = oldcap * 2;
	g->term_slots = oslo_alloc0(sizeof(uint64_t) * g->term_slots_cap);
	mask = g->term_slots_cap - 1;
	/* entries are distinct and carry their hash */
	for (uint32_t k = 0; k < oldcap; k++)
	{
		uint32_t i;

		if (old[k] == 0)
			continue;
		i = (uint32_t)(old[k] >> 32) & mask;
		while (g->term_slots[i] != 0)
			i = (i + 1) & mask;
		g->term_slots[i] = old[k];
	}
	oslo_free(old);
}

static oslo_term_id
intern(oslo_graph *g, oslo_term_kind kind, const char *value, size_t len, oslo_term_id datatype,
       const char *lang)
{
	uint64_t *slot;
	oslo_term *t;
	uint32_t h;

	if (len > UINT32_MAX - 1)
		oslo_error(OSLO_ERR_LIMIT, "RDF term of %zu bytes is too long", len);
	h = hash_term(kind, value, len, datatype, lang);
	slot = find_term_slot(g, h, kind, value, len, datatype, lang);
	if (*slot)
		return (uint32_t)*slot;

	if (g->nterms == g->terms_cap)
	{
		if (g->terms_cap >= (1u << 30))
			oslo_error(OSLO_ERR_LIMIT, "graph has too many distinct terms");
		g->terms_cap *= 2;
		g->terms = oslo_realloc(g->terms, sizeof(oslo_term) * g->terms_cap);
		for (int c = 0; c < 4; c++)
		{
			g->head[c] = oslo_realloc(g->head[c], sizeof(uint32_t) * g->terms_cap);
			memset(g->head[c] + g->nterms, 0, sizeof(uint32_t) * (g->terms_cap - g->nterms));
		}
	}
	t = &g->terms[g->nterms];
	t->kind = kind;
	t->len = (uint32_t)len;
	t->value = arena_copy(g, value, len);
	t->datatype = datatype;
	t->lang = lang ? arena_copy(g, lang, strlen(lang)) : NULL;
	*slot = ((uint64_t)h << 32) | g->nterms;
	g->nterms++;
	/* at most half full: most lookups of a document's terms are misses */
	if ((uint64_t)g->nterms * 2 > (uint64_t)g->term_slots_cap)
		grow_term_slots(g);
	return g->nterms - 1;
}

oslo_term_id
oslo_graph_iri(oslo_graph *g, const char *iri, size_t len)
{
	return intern(g, OSLO_TERM_IRI, iri, len, 0, NULL);
}

oslo_term_id
oslo_graph_iri_cstr(oslo_graph *g, const char *iri)
{
	return intern(g, OSLO_TERM_IRI, iri, strlen(iri), 0, NULL);
}

oslo_term_id
oslo_graph_blank(oslo_graph *g, const char *label, size_t len)
{
	return intern(g, OSLO_TERM_BLANK, label, len, 0, NULL);
}

oslo_term_id
oslo_graph_fresh_blank(oslo_graph *g)
{
	char label[16];

	/*
	 * Called once per blank node of every JSON-LD document: the label is
	 * written by hand (snprintf was a visible part of toRdf) and looked up
	 * once, the lookup's slot taking the new term when it is free.
	 */
	for (;;)
	{
		uint32_t v = ++g->fresh_counter;
		char digits[12];
		int nd = 0, n = 0;
		uint32_t before = g->nterms;
		oslo_term_id id;

		do
		{
			digits[nd++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		label[n++] = 'b';
		while (nd)
			label[n++] = digits[--nd];
		id = intern(g, OSLO_TERM_BLANK, label, (size_t)n, 0, NULL);
		if (g->nterms != before)
			return id; /* new: the label was not taken */
	}
}

oslo_term_id
oslo_graph_literal(oslo_graph *g, const char *lex, size_t len, const char *datatype_iri,
                   const char *lang)
{
	char lower[64];
	oslo_term_id dt;

	if (lang && *lang)
	{
		size_t n = strlen(lang);

		if (n >= sizeof(lower))
			oslo_error(OSLO_ERR_SYNTAX, "language tag \"%.64s...\" is too long", lang);
		for (size_t i = 0; i <= n; i++)
			lower[i] = (char)tolower((unsigned char)lang[i]);
		dt = oslo_graph_iri_cstr(g, OSLO_RDF_LANGSTRING);
		return intern(g, OSLO_TERM_LITERAL, lex, len, dt, lower);
	}
	dt = oslo_graph_iri_cstr(g, datatype_iri ? datatype_iri : OSLO_XSD_STRING);
	return intern(g, OSLO_TERM_LITERAL, lex, len, dt, NULL);
}

oslo_term_id
oslo_graph_literal_dt(oslo_graph *g, const char *lex, size_t len, oslo_term_id datatype)
{
	if (datatype == 0 || datatype >= g->nterms || g->terms[datatype].kind != OSLO_TERM_IRI)
		oslo_error(OSLO_ERR_DATA, "the datatype of a literal must be an IRI of the graph");
	return intern(g, OSLO_TERM_LITERAL, lex, len, datatype, NULL);
}

oslo_term_id
oslo_graph_literal_cstr(oslo_graph *g, const char *lex, const char *datatype_iri, const char *lang)
{
	return oslo_graph_literal(g, lex, strlen(lex), datatype_iri, lang);
}

oslo_term_id
oslo_graph_find_iri(const oslo_graph *g, const char *iri, size_t len)
{
	uint32_t h = hash_term(OSLO_TERM_IRI, iri, len, 0, NULL);

	return (uint32_t)*find_term_slot(g, h, OSLO_TERM_IRI, iri, len, 0, NULL);
}

oslo_term_id
oslo_graph_find_term(const oslo_graph *g, const oslo_term *t)
{
	uint32_t h = hash_term(t->kind, t->value, t->len, t->datatype, t->lang);

	return (uint32_t)*find_term_slot(g, h, t->kind, t->value, t->len, t->datatype, t->lang);
}

const oslo_term *
oslo_graph_term(const oslo_graph *g, oslo_term_id id)
{
	if (id == 0 || id >= g->nterms)
		return NULL;
	return &g->terms[id];
}

uint32_t
oslo_graph_term_count(const oslo_graph *g)
{
	return g->nterms - 1;
}

static uint64_t *
find_quad_slot(const oslo_graph *g, uint32_t h, oslo_term_id s, oslo_term_id p, oslo_term_id o,
               oslo_term_id gr)
{
	uint32_t mask = g->quad_slots_cap - 1;
	uint32_t i = h & mask;

	for (;;)
	{
		uint64_t v = g->quad_slots[i];

		if (v == 0)
			return &g->quad_slots[i];
		if ((uint32_t)(v >> 32) == h)
		{
			const oslo_quad *q = &g->quads[(uint32_t)v - 1];

			if (q->s == s && q->p == p && q->o == o && q->g == gr)
				return &g->quad_slots[i];
		}
		i = (i + 1) & mask;
	}
}

static void
grow_quad_slots(oslo_graph *g)
{
	uint64_t *old = g->quad_slots;
	uint32_t oldcap = g->quad_slots_cap, mask;

	if (g->quad_slots_cap >= (1u << 30))
		oslo_error(OSLO_ERR_LIMIT, "graph has too many statements");
	g->quad_slots_cap *= 2;
	g->quad_slots = oslo_alloc0(sizeof(uint64_t) * g->quad_slots_cap);
	mask = g->quad_slots_cap - 1;
	/* entries are distinct and carry their hash: no quad is read or hashed again */
	for (uint32_t k = 0; k < oldcap; k++)
	{
		uint32_t i;

		if (old[k] == 0)
			continue;
		i = (uint32_t)(old[k] >> 32) & mask;
		while (g->quad_slots[i] != 0)
			i = (i + 1) & mask;
		g->quad_slots[i] = old[k];
	}
	oslo_free(old);
}

/* oslo_graph_add with the statement's hash_quad() given */
static bool
add_hashed(oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id gr,
           uint32_t h)
{
	uint64_t *slot;
	oslo_quad *q;
	oslo_term_id pos[4];

	if (s == 0 || p == 0 || o == 0 || s >= g->nterms || p >= g->nterms || o >= g->nterms ||
	    gr >= g->nterms)
		oslo_error(OSLO_ERR_DATA, "statement refers to a term that is not in the graph");
	slot = find_quad_slot(g, h, s, p, o, gr);
	if (*slot)
		return false;

	if (g->nquads == g->quads_cap)
	{
		if (g->quads_cap >= (1u << 30))
			oslo_error(OSLO_ERR_LIMIT, "graph has too many statements");
		g->quads_cap *= 2;
		g->quads = oslo_realloc(g->quads, sizeof(oslo_quad) * g->quads_cap);
		for (int c = 0; c < 4; c++)
			g->next[c] = oslo_realloc(g->next[c], sizeof(uint32_t) * g->quads_cap);
	}
	q = &g->quads[g->nquads];
	q->s = s;
	q->p = p;
	q->o = o;
	q->g = gr;
	pos[0] = s;
	pos[1] = p;
	pos[2] = o;
	pos[3] = gr;
	for (int c = 0; c < 4; c++)
	{
		g->next[c][g->nquads] = g->head[c][pos[c]];
		g->head[c][pos[c]] = g->nquads + 1;
	}
	*slot = ((uint64_t)h << 32) | (g->nquads + 1);
	g->nquads++;
	/* at most half full: most adds are misses, and a miss probes to an empty slot */
	if ((uint64_t)g->nquads * 2 > (uint64_t)g->quad_slots_cap)
		grow_quad_slots(g);
	return true;
}

bool
oslo_graph_add(oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id gr)
{
	return add_hashed(g, s, p, o, gr, hash_quad(s, p, o, gr));
}

/* statements looked up together: this many slots are fetched ahead */
#define ADD_AHEAD 32
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

void
oslo_graph_add_many(oslo_graph *g, const oslo_quad *quads, size_t n)
{
	uint32_t h[ADD_AHEAD];

	/*
	 * On a large graph each statement's slot is a cache miss: asking for a
	 * batch of them before using any lets the misses overlap. Otherwise
	 * exactly oslo_graph_add on each, in order.
	 */
	for (size_t start = 0; start < n; start += ADD_AHEAD)
	{
		size_t m = n - start < ADD_AHEAD ? n - start : ADD_AHEAD;

		for (size_t k = 0; k < m; k++)
		{
			const oslo_quad *q = &quads[start + k];

			h[k] = hash_quad(q->s, q->p, q->o, q->g);
			PREFETCH(&g->quad_slots[h[k] & (g->quad_slots_cap - 1)]);
		}
		for (size_t k = 0; k < m; k++)
		{
			const oslo_quad *q = &quads[start + k];

			add_hashed(g, q->s, q->p, q->o, q->g, h[k]);
		}
	}
}

bool
oslo_graph_contains(const oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o,
                    oslo_term_id gr)
{
	return *find_quad_slot(g, hash_quad(s, p, o, gr), s, p, o, gr) != 0;
}

size_t
oslo_graph_size(const oslo_graph *g)
{
	return g->nquads;
}

const oslo_quad *
oslo_graph_quads(const oslo_graph *g)
{
	return g->quads;
}

oslo_term_id
oslo_graph_import_term(oslo_graph *g, const oslo_graph *from, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(from, id);

	if (t == NULL)
		return 0;
	if (t->kind == OSLO_TERM_LITERAL)
	{
		const oslo_term *dt = oslo_graph_term(from, t->datatype);

		if (t->lang)
			return oslo_graph_literal(g, t->value, t->len, NULL, t->lang);
		return oslo_graph_literal(g, t->value, t->len, dt->value, NULL);
	}
	return intern(g, t->kind, t->value, t->len, 0, NULL);
}

void
oslo_graph_merge(oslo_graph *dst, const oslo_graph *src)
{
	oslo_term_id *map = oslo_alloc0(sizeof(oslo_term_id) * src->nterms);

	for (uint32_t i = 1; i < src->nterms; i++)
	{
		if (src->terms[i].kind == OSLO_TERM_BLANK)
			map[i] = oslo_graph_fresh_blank(dst);
		else
			map[i] = oslo_graph_import_term(dst, src, i);
	}
	for (uint32_t i = 0; i < src->nquads; i++)
	{
		const oslo_quad *q = &src->quads[i];

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		oslo_graph_add(dst, map[q->s], map[q->p], map[q->o], q->g ? map[q->g] : 0);
	}
	oslo_free(map);
}

void
oslo_match_init(oslo_match *m, const oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o,
                oslo_term_id graph)
{
	m->g = g;
	m->s = s;
	m->p = p;
	m->o = o;
	m->graph = graph;
	/* a term that is not in the graph matches nothing */
	if ((s && s >= g->nterms) || (p && p >= g->nterms) || (o && o >= g->nterms) ||
	    (graph != OSLO_ANY_GRAPH && graph >= g->nterms))
	{
		m->chain = CHAIN_ALL;
		m->next = 0;
		return;
	}
	if (s)
		m->chain = CHAIN_S, m->next = g->head[CHAIN_S][s];
	else if (o)
		m->chain = CHAIN_O, m->next = g->head[CHAIN_O][o];
	else if (p)
		m->chain = CHAIN_P, m->next = g->head[CHAIN_P][p];
	else if (graph != OSLO_ANY_GRAPH && graph != 0)
		m->chain = CHAIN_G, m->next = g->head[CHAIN_G][graph];
	else
		m->chain = CHAIN_ALL, m->next = g->nquads ? 1 : 0;
}

bool
oslo_match_next(oslo_match *m, oslo_quad *out)
{
	const oslo_graph *g = m->g;

	while (m->next)
	{
		uint32_t idx = m->next - 1;
		const oslo_quad *q = &g->quads[idx];

		if (m->chain == CHAIN_ALL)
			m->next = idx + 1 < g->nquads ? idx + 2 : 0;
		else
			m->next = g->next[m->chain][idx];

		if ((m->s && q->s != m->s) || (m->p && q->p != m->p) || (m->o && q->o != m->o) ||
		    (m->graph != OSLO_ANY_GRAPH && q->g != m->graph))
			continue;
		if (out)
			*out = *q;
		return true;
	}
	return false;
}

oslo_term_id
oslo_graph_object(const oslo_graph *g, oslo_term_id s, oslo_term_id p)
{
	oslo_match m;
	oslo_quad q;

	if (s == 0 || p == 0)
		return 0;
	oslo_match_init(&m, g, s, p, 0, OSLO_ANY_GRAPH);
	/* chains run newest first; the first statement added is the last match */
	q.o = 0;
	{
		oslo_quad cur;

		while (oslo_match_next(&m, &cur))
			q = cur;
	}
	return q.o;
}

static int
cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

int
oslo_term_compare(const oslo_graph *ga, oslo_term_id a, const oslo_graph *gb, oslo_term_id b)
{
	const oslo_term *ta = oslo_graph_term(ga, a);
	const oslo_term *tb = oslo_graph_term(gb, b);
	int c;

	if (ta == NULL || tb == NULL)
		return (ta != NULL) - (tb != NULL);
	if (ta->kind != tb->kind)
		return (int)ta->kind - (int)tb->kind;
	c = cmp_bytes(ta->value, ta->len, tb->value, tb->len);
	if (c != 0 || ta->kind != OSLO_TERM_LITERAL)
		return c;
	c = oslo_term_compare(ga, ta->datatype, gb, tb->datatype);
	if (c != 0)
		return c;
	return strcmp(ta->lang ? ta->lang : "", tb->lang ? tb->lang : "");
}
