/*
 * rdf_iso.c
 *	  RDF dataset isomorphism (blank nodes as subject, object and graph name).
 *
 * Terms of the two graphs are compared by value: every ground term gets a
 * value id shared by both graphs, and each statement is rewritten as four
 * codes (see CODE_*) so that statements compare as integers.
 *
 * After the cheap rejects (sizes, blank counts, ground statements), blank
 * nodes of both graphs are coloured jointly by colour refinement: a node's
 * new colour hashes its old colour with the multiset of statements it occurs
 * in, ground terms by value and other blank nodes by their colour. Colours
 * are isomorphism-invariant, so the colour classes of the two graphs must
 * match.
 *
 * Blank nodes that share a statement form a component. Components of a are
 * matched greedily to unused components of b with the same signature (that
 * is sound: isomorphism is an equivalence, so any partner is as good as
 * another), each pair by individualisation and refinement: fix one node of
 * the smallest ambiguous class to each candidate in turn, refine, recurse;
 * a discrete colouring gives a bijection that is checked statement by
 * statement. Working per component keeps many small isomorphic components
 * (the usual shape of real data) linear instead of one deep search.
 */
#include "rdf_graph.h"

#include <stdlib.h>
#include <string.h>

/* statement codes: 0 default graph, 2v ground value v (>= 1), 2k+1 blank k */
#define CODE_IS_BLANK(c) ((c)&1)
#define CODE_BLANK(k)    (2 * (k) + 1)
#define CODE_GROUND(v)   (2 * (v))
#define CODE_INDEX(c)    ((c) >> 1)

#define SELF_COLOUR    0x51f15eed0b1a2c3dULL
#define GROUND_SALT    0x9e3779b97f4a7c15ULL
#define INDIVID_SALT   0xc2b2ae3d27d4eb4fULL
#define INITIAL_COLOUR 1

typedef struct iso_side
{
	const oslo_graph *g;
	uint32_t *code; /* term id -> code; 0 for unused terms */
	uint32_t nblank;
	uint32_t base; /* node index of local blank 0 */
	uint32_t nquads;
	uint32_t (*quads)[4]; /* statements as codes */
	uint32_t *adj_start;  /* per blank: its statements in adj[] */
	uint32_t *adj;
	uint32_t *comp; /* blank -> component */
	uint32_t ncomp;
	uint32_t *comp_start; /* per component: its nodes in comp_nodes[] */
	uint32_t *comp_nodes; /* global node indexes */
	uint32_t *comp_stmts; /* statements per component */
} iso_side;

typedef struct iso
{
	iso_side side[2];
	uint32_t nnodes;     /* blanks of a, then blanks of b */
	uint64_t *colour;    /* per node */
	uint64_t *fresh;     /* per node, scratch */
	uint64_t *sorted[2]; /* per side, scratch */
	uint32_t *map;       /* blank of a -> blank of b */
	uint32_t *bset;      /* hash set of b's statements: index + 1 */
	uint32_t bset_mask;
} iso;

static inline uint64_t
mix64(uint64_t x)
{
	/* splitmix64 finaliser */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t
hash_bytes(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
term_value_hash(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);
	uint64_t h = hash_bytes(0xcbf29ce484222325ULL ^ t->kind, t->value, t->len);

	if (t->kind == OSLO_TERM_LITERAL)
	{
		const oslo_term *dt = oslo_graph_term(g, t->datatype);

		h = hash_bytes(h ^ 0xff, dt->value, dt->len);
		if (t->lang)
			h = hash_bytes(h ^ 0xfe, t->lang, strlen(t->lang));
	}
	return mix64(h);
}

static inline uint32_t
quad_hash(const uint32_t *c)
{
	uint64_t h = mix64(c[0] + GROUND_SALT);

	h = mix64(h ^ c[1]);
	h = mix64(h ^ ((uint64_t)c[2] << 32 | c[3]));
	return (uint32_t)h;
}

static uint32_t
pow2_at_least(uint64_t n)
{
	uint32_t cap = 16;

	while (cap < n)
		cap *= 2;
	return cap;
}

/*
 * Give every term used by a's statements a value id, and the terms of b the
 * id of the equal term of a. False when b uses a ground term a does not.
 */
static bool
assign_codes(iso *st)
{
	const oslo_graph *ga = st->side[0].g;
	uint32_t cap = pow2_at_least(2 * (uint64_t)oslo_graph_term_count(ga) + 2);
	uint32_t *slot_id = oslo_alloc0(sizeof(uint32_t) * cap);
	uint64_t *slot_hash = oslo_alloc(sizeof(uint64_t) * cap);
	uint32_t nvalues = 0;
	uint32_t bvalues = 0;
	bool ok = true;

	for (int s = 0; s < 2 && ok; s++)
	{
		iso_side *side = &st->side[s];
		const oslo_quad *q = oslo_graph_quads(side->g);

		for (uint32_t i = 0; i < side->nquads * 4 && ok; i++)
		{
			const oslo_quad *qi = &q[i / 4];
			oslo_term_id id = i % 4 == 0 ? qi->s : i % 4 == 1 ? qi->p : i % 4 == 2 ? qi->o : qi->g;
			uint64_t h;
			uint32_t k;

			if (id == 0 || side->code[id] != 0)
				continue;
			if (oslo_graph_term(side->g, id)->kind == OSLO_TERM_BLANK)
			{
				side->code[id] = CODE_BLANK(side->nblank);
				side->nblank++;
				continue;
			}
			h = term_value_hash(side->g, id);
			for (k = (uint32_t)h & (cap - 1); slot_id[k]; k = (k + 1) & (cap - 1))
			{
				if (slot_hash[k] == h && oslo_term_compare(ga, slot_id[k], side->g, id) == 0)
					break;
			}
			if (s == 0)
			{
				/* terms of one graph are interned, so this one is new */
				slot_id[k] = id;
				slot_hash[k] = h;
				side->code[id] = CODE_GROUND(++nvalues);
			}
			else if (slot_id[k] == 0)
				ok = false;
			else
			{
				side->code[id] = st->side[0].code[slot_id[k]];
				bvalues++;
			}
		}
	}
	oslo_free(slot_id);
	oslo_free(slot_hash);
	return ok && bvalues == nvalues;
}

static void
encode_quads(iso_side *side)
{
	const oslo_quad *q = oslo_graph_quads(side->g);

	side->quads = oslo_alloc(sizeof(uint32_t[4]) * (side->nquads ? side->nquads : 1));
	for (uint32_t i = 0; i < side->nquads; i++)
	{
		side->quads[i][0] = side->code[q[i].s];
		side->quads[i][1] = side->code[q[i].p];
		side->quads[i][2] = side->code[q[i].o];
		side->quads[i][3] = side->code[q[i].g];
	}
}

static uint32_t *
bset_find(const iso *st, const uint32_t *c)
{
	uint32_t k = quad_hash(c) & st->bset_mask;

	for (;; k = (k + 1) & st->bset_mask)
	{
		uint32_t v = st->bset[k];

		if (v == 0 || memcmp(st->side[1].quads[v - 1], c, sizeof(uint32_t[4])) == 0)
			return &st->bset[k];
	}
}

static void
build_bset(iso *st)
{
	uint32_t cap = pow2_at_least(2 * (uint64_t)st->side[1].nquads + 2);

	st->bset_mask = cap - 1;
	st->bset = oslo_alloc0(sizeof(uint32_t) * cap);
	for (uint32_t i = 0; i < st->side[1].nquads; i++)
		*bset_find(st, st->side[1].quads[i]) = i + 1;
}

/* Statements without blank nodes must be the same; false otherwise. */
static bool
ground_statements_match(iso *st)
{
	uint32_t ground[2] = {0, 0};

	for (int s = 0; s < 2; s++)
	{
		iso_side *side = &st->side[s];

		for (uint32_t i = 0; i < side->nquads; i++)
		{
			const uint32_t *c = side->quads[i];

			if (CODE_IS_BLANK(c[0] | c[1] | c[2] | c[3]))
				continue;
			ground[s]++;
			if (s == 0 && *bset_find(st, c) == 0)
				return false;
		}
	}
	return ground[0] == ground[1];
}

static uint32_t
uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x)
	{
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Adjacency (statements per blank) and components (blanks sharing a statement). */
static void
build_structure(iso_side *side)
{
	uint32_t nb = side->nblank;
	uint32_t *parent = oslo_alloc(sizeof(uint32_t) * (nb ? nb : 1));
	uint32_t *fill = oslo_alloc0(sizeof(uint32_t) * (nb + 1));

	side->adj_start = oslo_alloc0(sizeof(uint32_t) * (nb + 1));
	for (uint32_t k = 0; k < nb; k++)
		parent[k] = k;
	for (uint32_t i = 0; i < side->nquads; i++)
	{
		uint32_t first = UINT32_MAX;

		for (int pos = 0; pos < 4; pos++)
		{
			uint32_t c = side->quads[i][pos];
			bool repeated = false;

			if (!CODE_IS_BLANK(c))
				continue;
			for (int prev = 0; prev < pos; prev++)
				repeated |= side->quads[i][prev] == c;
			if (repeated)
				continue;
			side->adj_start[CODE_INDEX(c) + 1]++;
			if (first == UINT32_MAX)
				first = CODE_INDEX(c);
			else
				parent[uf_find(parent, CODE_INDEX(c))] = uf_find(parent, first);
		}
	}
	for (uint32_t k = 0; k < nb; k++)
		side->adj_start[k + 1] += side->adj_start[k];
	side->adj = oslo_alloc(sizeof(uint32_t) * (side->adj_start[nb] + 1));
	for (uint32_t i = 0; i < side->nquads; i++)
	{
		for (int pos = 0; pos < 4; pos++)
		{
			uint32_t c = side->quads[i][pos];
			bool repeated = false;

			if (!CODE_IS_BLANK(c))
				continue;
			for (int prev = 0; prev < pos; prev++)
				repeated |= side->quads[i][prev] == c;
			if (!repeated)
			{
				uint32_t k = CODE_INDEX(c);

				side->adj[side->adj_start[k] + fill[k]++] = i;
			}
		}
	}

	/* number the components, and list their nodes */
	side->comp = oslo_alloc(sizeof(uint32_t) * (nb ? nb : 1));
	side->ncomp = 0;
	for (uint32_t k = 0; k < nb; k++)
		fill[k] = UINT32_MAX;
	for (uint32_t k = 0; k < nb; k++)
	{
		uint32_t root = uf_find(parent, k);

		if (fill[root] == UINT32_MAX)
			fill[root] = side->ncomp++;
		side->comp[k] = fill[root];
	}
	side->comp_start = oslo_alloc0(sizeof(uint32_t) * (side->ncomp + 1));
	for (uint32_t k = 0; k < nb; k++)
		side->comp_start[side->comp[k] + 1]++;
	for (uint32_t c = 0; c < side->ncomp; c++)
		side->comp_start[c + 1] += side->comp_start[c];
	side->comp_nodes = oslo_alloc(sizeof(uint32_t) * (nb ? nb : 1));
	memset(fill, 0, sizeof(uint32_t) * (nb + 1));
	for (uint32_t k = 0; k < nb; k++)
	{
		uint32_t c = side->comp[k];

		side->comp_nodes[side->comp_start[c] + fill[c]++] = side->base + k;
	}
	side->comp_stmts = oslo_alloc0(sizeof(uint32_t) * (side->ncomp + 1));
	for (uint32_t i = 0; i < side->nquads; i++)
	{
		for (int pos = 0; pos < 4; pos++)
		{
			if (CODE_IS_BLANK(side->quads[i][pos]))
			{
				side->comp_stmts[side->comp[CODE_INDEX(side->quads[i][pos])]]++;
				break;
			}
		}
	}
	oslo_free(parent);
	oslo_free(fill);
}

static inline const iso_side *
side_of(const iso *st, uint32_t node)
{
	return node < st->side[1].base ? &st->side[0] : &st->side[1];
}

/* the new colour of node: its colour and the multiset of its statements */
static uint64_t
signature(const iso *st, uint32_t node)
{
	const iso_side *side = side_of(st, node);
	uint32_t k = node - side->base;
	uint64_t acc = 0;

	for (uint32_t a = side->adj_start[k]; a < side->adj_start[k + 1]; a++)
	{
		const uint32_t *c = side->quads[side->adj[a]];
		uint64_t h = 0x243f6a8885a308d3ULL;

		for (int pos = 0; pos < 4; pos++)
		{
			uint64_t v;

			if (!CODE_IS_BLANK(c[pos]))
				v = mix64(c[pos] + GROUND_SALT);
			else if (CODE_INDEX(c[pos]) == k)
				v = SELF_COLOUR;
			else
				v = st->colour[side->base + CODE_INDEX(c[pos])];
			h = mix64(h + v + (uint64_t)pos);
		}
		/* a sum is order-independent: the statements form a multiset */
		acc += h;
	}
	return mix64(st->colour[node] ^ mix64(acc));
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a;
	uint64_t y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Sort the colours of the nodes of each side; false when the two multisets
 * differ. *nclasses gets the number of distinct colours.
 */
static bool
classes_match(iso *st, const uint32_t *nodes, uint32_t n, uint32_t *nclasses)
{
	uint32_t half = n / 2;

	for (int s = 0; s < 2; s++)
	{
		for (uint32_t i = 0; i < half; i++)
			st->sorted[s][i] = st->colour[nodes[s * half + i]];
		qsort(st->sorted[s], half, sizeof(uint64_t), cmp_u64);
	}
	if (memcmp(st->sorted[0], st->sorted[1], sizeof(uint64_t) * half) != 0)
		return false;
	*nclasses = 0;
	for (uint32_t i = 0; i < half; i++)
		*nclasses += i == 0 || st->sorted[0][i] != st->sorted[0][i - 1];
	return true;
}

/*
 * Refine the colours of nodes (n/2 of a, then n/2 of b) until the partition
 * stops splitting. False when the two sides' colour classes differ.
 */
static bool
refine(iso *st, const uint32_t *nodes, uint32_t n)
{
	uint32_t classes;
	uint32_t before;

	if (!classes_match(st, nodes, n, &classes))
		return false;
	do
	{
		before = classes;
		oslo_check_interrupts();
		for (uint32_t i = 0; i < n; i++)
		{
			if ((i & 0xFFF) == 0xFFF)
				oslo_check_interrupts();
			st->fresh[i] = signature(st, nodes[i]);
		}
		for (uint32_t i = 0; i < n; i++)
			st->colour[nodes[i]] = st->fresh[i];
		if (!classes_match(st, nodes, n, &classes))
			return false;
	} while (classes > before);
	return true;
}

typedef struct colour_node
{
	uint64_t colour;
	uint32_t node;
} colour_node;

static int
cmp_colour_node(const void *a, const void *b)
{
	const colour_node *x = a;
	const colour_node *y = b;

	return (x->colour > y->colour) - (x->colour < y->colour);
}

/*
 * The colouring is discrete: pair nodes of equal colour and check that every
 * statement of the component of a maps onto a statement of b.
 */
static bool
verify_bijection(iso *st, const uint32_t *nodes, uint32_t n)
{
	uint32_t half = n / 2;
	colour_node *pairs = oslo_alloc(sizeof(colour_node) * n);
	const iso_side *a = &st->side[0];
	bool ok = true;

	for (uint32_t i = 0; i < n; i++)
	{
		pairs[i].colour = st->colour[nodes[i]];
		pairs[i].node = nodes[i];
	}
	qsort(pairs, half, sizeof(colour_node), cmp_colour_node);
	qsort(pairs + half, half, sizeof(colour_node), cmp_colour_node);
	for (uint32_t i = 0; i < half; i++)
		st->map[pairs[i].node] = pairs[half + i].node - st->side[1].base;

	for (uint32_t i = 0; i < half && ok; i++)
	{
		uint32_t k = nodes[i];

		for (uint32_t e = a->adj_start[k]; e < a->adj_start[k + 1] && ok; e++)
		{
			uint32_t c[4];

			for (int pos = 0; pos < 4; pos++)
			{
				uint32_t code = a->quads[a->adj[e]][pos];

				c[pos] = CODE_IS_BLANK(code) ? CODE_BLANK(st->map[CODE_INDEX(code)]) : code;
			}
			ok = *bset_find(st, c) != 0;
		}
	}
	oslo_free(pairs);
	return ok;
}

/* nodes: n/2 of a component of a, then n/2 of one of b; colours are stable */
static bool
search(iso *st, const uint32_t *nodes, uint32_t n)
{
	uint32_t half = n / 2;
	uint64_t best = 0;
	uint32_t best_size = UINT32_MAX;
	uint32_t x = UINT32_MAX;
	uint64_t *saved;
	uint32_t *candidates;
	uint32_t ncand = 0;
	bool found = false;

	/* smallest ambiguous class (sorted[0] holds a's colours, sorted) */
	for (uint32_t i = 0, j; i < half; i = j)
	{
		for (j = i + 1; j < half && st->sorted[0][j] == st->sorted[0][i]; j++)
			;
		if (j - i > 1 && j - i < best_size)
		{
			best = st->sorted[0][i];
			best_size = j - i;
		}
	}
	if (best_size == UINT32_MAX)
		return verify_bijection(st, nodes, n);

	saved = oslo_alloc(sizeof(uint64_t) * n);
	candidates = oslo_alloc(sizeof(uint32_t) * best_size);
	for (uint32_t i = 0; i < n; i++)
	{
		saved[i] = st->colour[nodes[i]];
		if (i < half && x == UINT32_MAX && saved[i] == best)
			x = nodes[i];
		else if (i >= half && saved[i] == best)
			candidates[ncand++] = nodes[i];
	}

	for (uint32_t c = 0; c < ncand && !found; c++)
	{
		uint64_t fixed = mix64(best ^ INDIVID_SALT);

		oslo_check_interrupts();
		if (c > 0)
		{
			for (uint32_t i = 0; i < n; i++)
				st->colour[nodes[i]] = saved[i];
		}
		st->colour[x] = fixed;
		st->colour[candidates[c]] = fixed;
		found = refine(st, nodes, n) && search(st, nodes, n);
	}
	oslo_free(saved);
	oslo_free(candidates);
	return found;
}

static uint64_t
component_signature(const iso *st, const iso_side *side, uint32_t comp)
{
	uint64_t sig = mix64(side->comp_stmts[comp] + GROUND_SALT);

	for (uint32_t i = side->comp_start[comp]; i < side->comp_start[comp + 1]; i++)
		sig += mix64(st->colour[side->comp_nodes[i]]);
	return mix64(sig);
}

typedef struct comp_ref
{
	uint64_t sig;
	uint32_t comp;
} comp_ref;

static int
cmp_comp_ref(const void *a, const void *b)
{
	const comp_ref *x = a;
	const comp_ref *y = b;

	if (x->sig != y->sig)
		return (x->sig > y->sig) - (x->sig < y->sig);
	return (x->comp > y->comp) - (x->comp < y->comp);
}

/* next unused entry at or after i (path-compressed skip list) */
static uint32_t
next_unused(uint32_t *skip, uint32_t i)
{
	uint32_t r = i;

	while (skip[r] != r)
		r = skip[r];
	while (skip[i] != r)
	{
		uint32_t n = skip[i];

		skip[i] = r;
		i = n;
	}
	return r;
}

/* try to pair component ca of a with component cb of b */
static bool
match_components(iso *st, uint32_t ca, uint32_t cb, uint32_t *nodes)
{
	const iso_side *a = &st->side[0];
	const iso_side *b = &st->side[1];
	uint32_t size = a->comp_start[ca + 1] - a->comp_start[ca];
	uint64_t *saved;
	uint32_t classes;
	bool ok;

	if (b->comp_start[cb + 1] - b->comp_start[cb] != size || a->comp_stmts[ca] != b->comp_stmts[cb])
		return false;
	memcpy(nodes, a->comp_nodes + a->comp_start[ca], sizeof(uint32_t) * size);
	memcpy(nodes + size, b->comp_nodes + b->comp_start[cb], sizeof(uint32_t) * size);
	saved = oslo_alloc(sizeof(uint64_t) * 2 * size);
	for (uint32_t i = 0; i < 2 * size; i++)
		saved[i] = st->colour[nodes[i]];
	ok = classes_match(st, nodes, 2 * size, &classes) && search(st, nodes, 2 * size);
	/* a failed pairing must not leave colours that another pairing would see */
	for (uint32_t i = 0; i < 2 * size; i++)
		st->colour[nodes[i]] = saved[i];
	oslo_free(saved);
	return ok;
}

static bool
match_all_components(iso *st)
{
	iso_side *a = &st->side[0];
	iso_side *b = &st->side[1];
	uint32_t ncomp = a->ncomp;
	comp_ref *ra = oslo_alloc(sizeof(comp_ref) * (ncomp + 1));
	comp_ref *rb = oslo_alloc(sizeof(comp_ref) * (ncomp + 1));
	uint32_t *skip = oslo_alloc(sizeof(uint32_t) * (ncomp + 1));
	uint32_t *nodes = oslo_alloc(sizeof(uint32_t) * (st->nnodes + 1));
	bool ok = a->ncomp == b->ncomp;

	for (uint32_t c = 0; ok && c < ncomp; c++)
	{
		ra[c] = (comp_ref){component_signature(st, a, c), c};
		rb[c] = (comp_ref){component_signature(st, b, c), c};
	}
	if (ok)
	{
		qsort(ra, ncomp, sizeof(comp_ref), cmp_comp_ref);
		qsort(rb, ncomp, sizeof(comp_ref), cmp_comp_ref);
		for (uint32_t c = 0; c < ncomp && ok; c++)
			ok = ra[c].sig == rb[c].sig;
	}
	for (uint32_t c = 0; c <= ncomp; c++)
		skip[c] = c;

	/* rb is sorted like ra: a's c-th component pairs within rb's run of its signature */
	for (uint32_t c = 0, run = 0; c < ncomp && ok; c++)
	{
		bool matched = false;

		if (c > 0 && ra[c].sig != ra[c - 1].sig)
			run = c;
		for (uint32_t j = next_unused(skip, run); j < ncomp && rb[j].sig == ra[c].sig;
		     j = next_unused(skip, j + 1))
		{
			oslo_check_interrupts();
			if (match_components(st, ra[c].comp, rb[j].comp, nodes))
			{
				skip[j] = j + 1;
				matched = true;
				break;
			}
		}
		ok = matched;
	}
	oslo_free(ra);
	oslo_free(rb);
	oslo_free(skip);
	oslo_free(nodes);
	return ok;
}

static void
side_free(iso_side *side)
{
	oslo_free(side->code);
	oslo_free(side->quads);
	oslo_free(side->adj_start);
	oslo_free(side->adj);
	oslo_free(side->comp);
	oslo_free(side->comp_start);
	oslo_free(side->comp_nodes);
	oslo_free(side->comp_stmts);
}

bool
oslo_graph_isomorphic(const oslo_graph *ga, const oslo_graph *gb)
{
	iso st;
	bool ok;
	uint32_t *all;

	if (oslo_graph_size(ga) != oslo_graph_size(gb))
		return false;
	memset(&st, 0, sizeof(st));
	for (int s = 0; s < 2; s++)
	{
		st.side[s].g = s == 0 ? ga : gb;
		st.side[s].nquads = (uint32_t)oslo_graph_size(st.side[s].g);
		st.side[s].code =
		    oslo_alloc0(sizeof(uint32_t) * ((size_t)oslo_graph_term_count(st.side[s].g) + 1));
	}
	ok = assign_codes(&st) && st.side[0].nblank == st.side[1].nblank;
	if (ok)
	{
		encode_quads(&st.side[0]);
		encode_quads(&st.side[1]);
		build_bset(&st);
		ok = ground_statements_match(&st);
	}
	if (ok && st.side[0].nblank > 0)
	{
		st.side[1].base = st.side[0].nblank;
		st.nnodes = 2 * st.side[0].nblank;
		build_structure(&st.side[0]);
		build_structure(&st.side[1]);
		st.colour = oslo_alloc(sizeof(uint64_t) * st.nnodes);
		st.fresh = oslo_alloc(sizeof(uint64_t) * st.nnodes);
		st.sorted[0] = oslo_alloc(sizeof(uint64_t) * st.side[0].nblank);
		st.sorted[1] = oslo_alloc(sizeof(uint64_t) * st.side[0].nblank);
		st.map = oslo_alloc(sizeof(uint32_t) * st.side[0].nblank);
		all = oslo_alloc(sizeof(uint32_t) * st.nnodes);
		for (uint32_t i = 0; i < st.nnodes; i++)
		{
			st.colour[i] = INITIAL_COLOUR;
			all[i] = i;
		}
		ok = refine(&st, all, st.nnodes) && match_all_components(&st);
		oslo_free(all);
		oslo_free(st.colour);
		oslo_free(st.fresh);
		oslo_free(st.sorted[0]);
		oslo_free(st.sorted[1]);
		oslo_free(st.map);
	}
	oslo_free(st.bset);
	side_free(&st.side[0]);
	side_free(&st.side[1]);
	return ok;
}
