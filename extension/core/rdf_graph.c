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
	uint32_t term_slots_cap;  /* power of two */
	uint32_t term_slots_used; /* terms in term_slots: all but the fresh blank nodes */

	oslo_quad *quads;
	uint32_t nquads;
	uint32_t quads_cap;
	/*
	 * Duplicate statements are found by subject. Most subjects have a few
	 * statements, added close together: comparing with those on the
	 * subject's chain reads memory that is still in cache, where a hash
	 * table over all statements costs a cache (and TLB) miss per statement
	 * and 16 to 32 bytes of fresh memory each. A subject's statements go
	 * into the hash table once it has SUBJECT_HASHED of them, so a subject
	 * with very many statements costs no more than before; and as soon as
	 * its last statement is more than SUBJECT_NEAR statements back, so
	 * that statements of a subject spread over the input (sorted by
	 * predicate, say) are not looked for in memory the cache has lost.
	 *
	 * subject_quads: per term, statements with it as subject, counting up
	 * to SUBJECT_HASHED (from then on: hashed).
	 */
	uint8_t *subject_quads;
	/*
	 * the statements of hashed subjects; open addressing; 0 empty, else
	 * (hash << 32) | (quad index + 1): the stored hash settles most
	 * mismatches without reading the quad
	 */
	uint64_t *quad_slots;
	uint32_t quad_slots_cap;
	uint32_t nhashed; /* entries in quad_slots */

	/* chains: heads per term, next per quad; values are quad index + 1 */
	uint32_t *head[4];
	uint32_t *next[4];

	/*
	 * Fresh blank nodes (labels "b1", "b2", ...: one per blank node of every
	 * JSON-LD document) are not in term_slots, where each would cost a
	 * hash and a cache miss, but in fresh_ids by number: fresh_ids[n -
	 * fresh_base - 1] is the term labelled "b<n>" (0: n was skipped, its
	 * label taken). Numbers up to fresh_base are from before the last
	 * oslo_graph_clear. A label is only looked up in term_slots for
	 * fresh_blank when a blank node labelled like a fresh one was put there
	 * (numbered_blanks > 0).
	 */
	uint32_t fresh_counter;
	uint32_t fresh_base;
	oslo_term_id *fresh_ids;
	uint32_t fresh_ids_cap;
	uint32_t numbered_blanks;
	/* the datatypes of plain and language-tagged literals, once interned (else 0) */
	oslo_term_id xsd_string, rdf_langstring;
	arena_block *arena;
};

/* from this many statements of one subject on, they are found by hash (at most 255) */
#define SUBJECT_HASHED 16
/* statements added since a subject's last one beyond which it is hashed */
#define SUBJECT_NEAR 2048

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
	g->subject_quads = oslo_alloc0(g->terms_cap);

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
	oslo_free(g->subject_quads);
	oslo_free(g->fresh_ids);
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
	g->term_slots_used = 0;
	for (int c = 0; c < 4; c++)
		memset(g->head[c], 0, sizeof(uint32_t) * g->terms_cap);
	memset(g->subject_quads, 0, g->terms_cap);
	g->nquads = 0;
	memset(g->quad_slots, 0, sizeof(uint64_t) * g->quad_slots_cap);
	g->nhashed = 0;
	/* fresh_counter goes on: a new blank node never takes an old one's label */
	g->fresh_base = g->fresh_counter;
	g->numbered_blanks = 0;
	g->xsd_string = g->rdf_langstring = 0;
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

/*
 * An open addressing table of (hash << 32) | value entries moved to a new
 * one of cap slots (a power of two): entries are distinct and carry their
 * hash, so nothing is compared or hashed again.
 */
static uint64_t *
rehash_slots(uint64_t *old, uint32_t oldcap, uint32_t cap)
{
	uint64_t *slots = oslo_alloc0(sizeof(uint64_t) * cap);
	uint32_t mask = cap - 1;

	for (uint32_t k = 0; k < oldcap; k++)
	{
		uint32_t i;

		if (old[k] == 0)
			continue;
		i = (uint32_t)(old[k] >> 32) & mask;
		while (slots[i] != 0)
			i = (i + 1) & mask;
		slots[i] = old[k];
	}
	oslo_free(old);
	return slots;
}

static void
grow_term_slots(oslo_graph *g)
{
	if (g->term_slots_cap >= (1u << 30))
		oslo_error(OSLO_ERR_LIMIT, "graph has too many distinct terms");
	g->term_slots = rehash_slots(g->term_slots, g->term_slots_cap, g->term_slots_cap * 2);
	g->term_slots_cap *= 2;
}

/* room for cap terms (cap > terms_cap) in the term table and the per-term arrays */
static void
resize_terms(oslo_graph *g, uint32_t cap)
{
	g->terms = oslo_realloc(g->terms, sizeof(oslo_term) * cap);
	for (int c = 0; c < 4; c++)
	{
		g->head[c] = oslo_realloc(g->head[c], sizeof(uint32_t) * cap);
		memset(g->head[c] + g->terms_cap, 0, sizeof(uint32_t) * (cap - g->terms_cap));
	}
	g->subject_quads = oslo_realloc(g->subject_quads, cap);
	memset(g->subject_quads + g->terms_cap, 0, cap - g->terms_cap);
	g->terms_cap = cap;
}

/* n when label is "b<n>", fresh blank node number n's (n > 0, no leading 0), else 0 */
static uint32_t
fresh_number(const char *label, size_t len)
{
	uint64_t n = 0;

	if (len < 2 || len > 11 || label[0] != 'b' || label[1] < '1' || label[1] > '9')
		return 0;
	for (size_t i = 1; i < len; i++)
	{
		if (label[i] < '0' || label[i] > '9')
			return 0;
		n = n * 10 + (uint64_t)(label[i] - '0');
	}
	return n <= UINT32_MAX ? (uint32_t)n : 0;
}

/* the fresh blank node labelled label, or 0 */
static oslo_term_id
find_fresh(const oslo_graph *g, const char *label, size_t len)
{
	uint32_t n = fresh_number(label, len);

	if (n <= g->fresh_base || n > g->fresh_counter)
		return 0;
	return g->fresh_ids[n - g->fresh_base - 1];
}

/* a new term (not yet in term_slots); its id */
static oslo_term_id
append_term(oslo_graph *g, oslo_term_kind kind, const char *value, size_t len,
            oslo_term_id datatype, const char *lang)
{
	oslo_term *t;

	if (g->nterms == g->terms_cap)
	{
		if (g->terms_cap >= (1u << 30))
			oslo_error(OSLO_ERR_LIMIT, "graph has too many distinct terms");
		resize_terms(g, g->terms_cap * 2);
	}
	t = &g->terms[g->nterms];
	t->kind = kind;
	t->len = (uint32_t)len;
	t->value = arena_copy(g, value, len);
	t->datatype = datatype;
	t->lang = lang ? arena_copy(g, lang, strlen(lang)) : NULL;
	return g->nterms++;
}

static oslo_term_id
intern(oslo_graph *g, oslo_term_kind kind, const char *value, size_t len, oslo_term_id datatype,
       const char *lang)
{
	uint64_t *slot;
	oslo_term_id id;
	uint32_t h;

	if (len > UINT32_MAX - 1)
		oslo_error(OSLO_ERR_LIMIT, "RDF term of %zu bytes is too long", len);
	h = hash_term(kind, value, len, datatype, lang);
	slot = find_term_slot(g, h, kind, value, len, datatype, lang);
	if (*slot)
		return (uint32_t)*slot;
	if (kind == OSLO_TERM_BLANK)
	{
		if ((id = find_fresh(g, value, len)) != 0)
			return id;
		if (fresh_number(value, len))
			g->numbered_blanks++;
	}
	id = append_term(g, kind, value, len, datatype, lang);
	*slot = ((uint64_t)h << 32) | id;
	g->term_slots_used++;
	/* at most half full: most lookups of a document's terms are misses */
	if ((uint64_t)g->term_slots_used * 2 > (uint64_t)g->term_slots_cap)
		grow_term_slots(g);
	return id;
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
	 * written by hand (snprintf was a visible part of toRdf), and looked up
	 * only when a blank node labelled like this was interned (see
	 * numbered_blanks).
	 */
	for (;;)
	{
		uint32_t v = ++g->fresh_counter;
		uint32_t index = g->fresh_counter - g->fresh_base - 1;
		char digits[12];
		int nd = 0, n = 0;
		oslo_term_id id = 0;

		do
		{
			digits[nd++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		label[n++] = 'b';
		while (nd)
			label[n++] = digits[--nd];
		if (index >= g->fresh_ids_cap)
		{
			g->fresh_ids_cap = g->fresh_ids_cap ? g->fresh_ids_cap * 2 : 64;
			if (g->fresh_ids_cap <= index)
				g->fresh_ids_cap = index + 64;
			g->fresh_ids = oslo_realloc(g->fresh_ids, sizeof(oslo_term_id) * g->fresh_ids_cap);
		}
		if (g->numbered_blanks == 0 ||
		    *find_term_slot(g, hash_term(OSLO_TERM_BLANK, label, (size_t)n, 0, NULL),
		                    OSLO_TERM_BLANK, label, (size_t)n, 0, NULL) == 0)
			id = append_term(g, OSLO_TERM_BLANK, label, (size_t)n, 0, NULL);
		g->fresh_ids[index] = id;
		if (id)
			return id; /* the label was not taken */
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
		if (!g->rdf_langstring)
			g->rdf_langstring = oslo_graph_iri_cstr(g, OSLO_RDF_LANGSTRING);
		return intern(g, OSLO_TERM_LITERAL, lex, len, g->rdf_langstring, lower);
	}
	if (datatype_iri)
		dt = oslo_graph_iri_cstr(g, datatype_iri);
	else
	{
		if (!g->xsd_string)
			g->xsd_string = oslo_graph_iri_cstr(g, OSLO_XSD_STRING);
		dt = g->xsd_string;
	}
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
	oslo_term_id id =
	    (uint32_t)*find_term_slot(g, h, t->kind, t->value, t->len, t->datatype, t->lang);

	if (id == 0 && t->kind == OSLO_TERM_BLANK)
		id = find_fresh(g, t->value, t->len);
	return id;
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

/* the quad table (at most half full) grown for one more entry */
static void
make_room_in_quad_slots(oslo_graph *g)
{
	if ((uint64_t)(g->nhashed + 1) * 2 <= (uint64_t)g->quad_slots_cap)
		return;
	if (g->quad_slots_cap >= (1u << 30))
		oslo_error(OSLO_ERR_LIMIT, "graph has too many statements");
	g->quad_slots = rehash_slots(g->quad_slots, g->quad_slots_cap, g->quad_slots_cap * 2);
	g->quad_slots_cap *= 2;
}

/*
 * put quad index idx (a statement of a hashed subject, not in the table yet,
 * whose hash_quad() is h) in the table
 */
static void
hash_in(oslo_graph *g, uint32_t idx, uint32_t h)
{
	const oslo_quad *q = &g->quads[idx];

	make_room_in_quad_slots(g);
	*find_quad_slot(g, h, q->s, q->p, q->o, q->g) = ((uint64_t)h << 32) | (idx + 1);
	g->nhashed++;
}

/* from now on s's statements are found by hash: those so far go into the table */
static void
hash_subject(oslo_graph *g, oslo_term_id s)
{
	g->subject_quads[s] = SUBJECT_HASHED;
	for (uint32_t i = g->head[CHAIN_S][s]; i; i = g->next[CHAIN_S][i - 1])
	{
		const oslo_quad *q = &g->quads[i - 1];

		hash_in(g, i - 1, hash_quad(q->s, q->p, q->o, q->g));
	}
}

/* is (s, p, o, gr) in g? s is a valid subject id */
static bool
has_quad(const oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id gr,
         uint32_t h)
{
	if (g->subject_quads[s] < SUBJECT_HASHED)
	{
		/* the subject's few statements, newest first */
		for (uint32_t i = g->head[CHAIN_S][s]; i; i = g->next[CHAIN_S][i - 1])
		{
			const oslo_quad *q = &g->quads[i - 1];

			if (q->o == o && q->p == p && q->g == gr)
				return true;
		}
		return false;
	}
	return *find_quad_slot(g, h, s, p, o, gr) != 0;
}

/* room for cap statements (cap > quads_cap) */
static void
resize_quads(oslo_graph *g, uint32_t cap)
{
	g->quads = oslo_realloc(g->quads, sizeof(oslo_quad) * cap);
	for (int c = 0; c < 4; c++)
		g->next[c] = oslo_realloc(g->next[c], sizeof(uint32_t) * cap);
	g->quads_cap = cap;
}

/* oslo_graph_add with the statement's hash_quad() given */
static bool
add_hashed(oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id gr,
           uint32_t h)
{
	oslo_quad *q;
	oslo_term_id pos[4];

	if (s == 0 || p == 0 || o == 0 || s >= g->nterms || p >= g->nterms || o >= g->nterms ||
	    gr >= g->nterms)
		oslo_error(OSLO_ERR_DATA, "statement refers to a term that is not in the graph");
	if (g->subject_quads[s] < SUBJECT_HASHED && g->head[CHAIN_S][s] != 0 &&
	    g->nquads - g->head[CHAIN_S][s] >= SUBJECT_NEAR)
		hash_subject(g, s);
	if (has_quad(g, s, p, o, gr, h))
		return false;

	if (g->nquads == g->quads_cap)
	{
		if (g->quads_cap >= (1u << 30))
			oslo_error(OSLO_ERR_LIMIT, "graph has too many statements");
		resize_quads(g, g->quads_cap * 2);
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
	g->nquads++;
	if (g->subject_quads[s] == SUBJECT_HASHED)
		hash_in(g, g->nquads - 1, h);
	else if (g->subject_quads[s] + 1 == SUBJECT_HASHED)
		hash_subject(g, s);
	else
		g->subject_quads[s]++;
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
	 * On a large graph each statement's slot (or subject chain) is a cache
	 * miss: asking for a batch of them before using any lets the misses
	 * overlap. Otherwise exactly oslo_graph_add on each, in order.
	 */
	for (size_t start = 0; start < n; start += ADD_AHEAD)
	{
		size_t m = n - start < ADD_AHEAD ? n - start : ADD_AHEAD;

		for (size_t k = 0; k < m; k++)
		{
			const oslo_quad *q = &quads[start + k];

			h[k] = hash_quad(q->s, q->p, q->o, q->g);
			if (q->s < g->nterms && g->subject_quads[q->s] == SUBJECT_HASHED)
				PREFETCH(&g->quad_slots[h[k] & (g->quad_slots_cap - 1)]);
			else if (q->s < g->nterms)
				PREFETCH(&g->head[CHAIN_S][q->s]);
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
	if (s == 0 || s >= g->nterms)
		return false;
	return has_quad(g, s, p, o, gr, hash_quad(s, p, o, gr));
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
