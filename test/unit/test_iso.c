/*
 * test_iso.c
 *	  Graph isomorphism: relabelled blank nodes, symmetric graphs, near misses.
 */
#include "rdf_graph.h"
#include "unit.h"

/*
 * A term in a compact test notation: "_:x" blank node, "\"lex\"" literal
 * with an optional "@lang" or "^^name" suffix, any other word the IRI
 * http://e/word; NULL is the default graph.
 */
static oslo_term_id
term(oslo_graph *g, const char *s)
{
	char iri[256];

	if (s == NULL)
		return 0;
	if (strncmp(s, "_:", 2) == 0)
		return oslo_graph_blank(g, s + 2, strlen(s + 2));
	if (s[0] == '"')
	{
		const char *end = strchr(s + 1, '"');
		const char *lang = NULL;
		const char *dt = NULL;

		if (end[1] == '@')
			lang = end + 2;
		else if (end[1] == '^')
		{
			snprintf(iri, sizeof(iri), "http://e/%s", end + 3);
			dt = iri;
		}
		return oslo_graph_literal(g, s + 1, (size_t)(end - s - 1), dt, lang);
	}
	snprintf(iri, sizeof(iri), "http://e/%s", s);
	return oslo_graph_iri_cstr(g, iri);
}

static void
add(oslo_graph *g, const char *s, const char *p, const char *o, const char *gr)
{
	oslo_graph_add(g, term(g, s), term(g, p), term(g, o), term(g, gr));
}

/* a graph from a NULL-terminated list of "s p o [g]" lines */
static oslo_graph *
graph_of(const char *const *lines)
{
	oslo_graph *g = oslo_graph_new();

	for (; *lines; lines++)
	{
		char buf[256];
		char *w[4] = {NULL, NULL, NULL, NULL};
		int n = 0;

		snprintf(buf, sizeof(buf), "%s", *lines);
		for (char *tok = strtok(buf, " "); tok && n < 4; tok = strtok(NULL, " "))
			w[n++] = tok;
		add(g, w[0], w[1], w[2], w[3]);
	}
	return g;
}

static bool
iso_of(const char *const *la, const char *const *lb)
{
	oslo_graph *a = graph_of(la);
	oslo_graph *b = graph_of(lb);
	size_t live = oslo_standalone_live_blocks();
	bool r1 = oslo_graph_isomorphic(a, b);
	bool r2 = oslo_graph_isomorphic(b, a);

	/* every temporary of the check is freed */
	CHECK(oslo_standalone_live_blocks() == live);
	CHECK(r1 == r2);
	oslo_graph_free(a);
	oslo_graph_free(b);
	return r1;
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

TEST(ground_graphs_compare_by_value)
{
	CHECK(iso_of(LINES("s p o", "s p \"v\"", "s q o g"), LINES("s q o g", "s p \"v\"", "s p o")));
	CHECK(!iso_of(LINES("s p o", "s p \"v\""), LINES("s p o", "s p \"w\"")));
	CHECK(!iso_of(LINES("s p o"), LINES("s p o g")));
	CHECK(!iso_of(LINES("s p o"), LINES("s p o", "s p o2")));
	CHECK(iso_of(LINES("s p o"), LINES("s p o")));
	/* the same terms in different statements */
	CHECK(!iso_of(LINES("s p o", "o p s"), LINES("s p s", "o p o")));
	CHECK(!iso_of(LINES("_:x p o", "s p o"), LINES("_:x p o", "o p s")));
	{
		oslo_graph *a = oslo_graph_new();
		oslo_graph *b = oslo_graph_new();

		CHECK(oslo_graph_isomorphic(a, b));
		/* an unused interned term is not part of the graph */
		oslo_graph_iri_cstr(a, "http://e/unused");
		CHECK(oslo_graph_isomorphic(a, b));
		oslo_graph_free(a);
		oslo_graph_free(b);
	}
}

TEST(literal_datatype_and_language_matter)
{
	CHECK(!iso_of(LINES("s p \"1\"^^int"), LINES("s p \"1\"")));
	CHECK(!iso_of(LINES("s p \"1\"^^int"), LINES("s p \"1\"^^long")));
	CHECK(!iso_of(LINES("s p \"x\"@en"), LINES("s p \"x\"@nl")));
	CHECK(!iso_of(LINES("s p \"x\"@en"), LINES("s p \"x\"")));
	CHECK(iso_of(LINES("s p \"x\"@en-GB"), LINES("s p \"x\"@EN-gb")));
	CHECK(!iso_of(LINES("_:a p \"x\"@en"), LINES("_:a p \"x\"@nl")));
	/* an IRI is not a literal with the same text */
	CHECK(!iso_of(LINES("s p o"), LINES("s p \"http://e/o\"")));
}

TEST(relabelled_blank_nodes)
{
	CHECK(iso_of(LINES("_:x p _:y", "_:y q \"v\"", "s r _:x"),
	             LINES("s r _:m", "_:n q \"v\"", "_:m p _:n")));
	CHECK(!iso_of(LINES("_:x p _:y", "_:y q \"v\""), LINES("_:x p _:y", "_:x q \"v\"")));
	/* a blank node is not an IRI */
	CHECK(!iso_of(LINES("_:x p o"), LINES("x p o")));
	/* same size, different number of blank nodes */
	CHECK(!iso_of(LINES("_:x p _:y", "_:y p _:x"), LINES("_:x p _:x", "_:x p o")));
	CHECK(!iso_of(LINES("_:x p _:y", "s p o"), LINES("_:x p _:x", "s p o")));
}

TEST(blank_graph_names)
{
	CHECK(iso_of(LINES("s p o _:g", "_:g src \"feed\"", "_:b p o _:g"),
	             LINES("_:h src \"feed\"", "_:c p o _:h", "s p o _:h")));
	/* the provenance is attached to a different graph */
	CHECK(!iso_of(LINES("s p o _:g", "_:g src \"feed\"", "s p o2 _:h"),
	              LINES("s p o _:g", "_:h src \"feed\"", "s p o2 _:h")));
	/* the same statements, but in one named graph instead of two */
	CHECK(!iso_of(LINES("s p o _:g", "s p o2 _:h"), LINES("s p o _:g", "s p o2 _:g", "x p y _:h")));
	CHECK(!iso_of(LINES("s p o _:g", "s p o2 _:h"), LINES("s p o _:g", "s p o2 _:g")));
}

TEST(symmetric_pairs_and_self_loops)
{
	CHECK(iso_of(LINES("_:a p _:b", "_:b p _:a"), LINES("_:y p _:x", "_:x p _:y")));
	CHECK(!iso_of(LINES("_:a p _:b", "_:b p _:a"), LINES("_:a p _:a", "_:b p _:b")));
	CHECK(iso_of(LINES("_:a p _:a", "_:b p _:b"), LINES("_:y p _:y", "_:x p _:x")));
}

static oslo_graph *
rings(int count, int length, const char *prefix)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://e/next");

	for (int r = 0; r < count; r++)
	{
		for (int i = 0; i < length; i++)
		{
			char from[32], to[32];
			int n1 = snprintf(from, sizeof(from), "%s%d_%d", prefix, r, i);
			int n2 = snprintf(to, sizeof(to), "%s%d_%d", prefix, r, (i + 1) % length);

			oslo_graph_add(g, oslo_graph_blank(g, from, (size_t)n1), p,
			               oslo_graph_blank(g, to, (size_t)n2), 0);
		}
	}
	return g;
}

TEST(rings_of_blank_nodes)
{
	oslo_graph *ring6a = rings(1, 6, "a");
	oslo_graph *ring6b = rings(1, 6, "b");
	oslo_graph *two3a = rings(2, 3, "c");
	oslo_graph *two3b = rings(2, 3, "d");
	oslo_graph *three2 = rings(3, 2, "e");
	oslo_graph *many = rings(40, 5, "f");
	oslo_graph *many2 = rings(40, 5, "g");

	CHECK(oslo_graph_isomorphic(ring6a, ring6b));
	CHECK(oslo_graph_isomorphic(two3a, two3b));
	/* every node looks alike to colour refinement; only the search tells */
	CHECK(!oslo_graph_isomorphic(ring6a, two3a));
	CHECK(!oslo_graph_isomorphic(two3a, ring6a));
	CHECK(!oslo_graph_isomorphic(three2, two3a));
	CHECK(oslo_graph_isomorphic(many, many2));

	/* one 6-ring plus a 3-ring against three 3-rings: same node and edge counts */
	{
		oslo_graph *mixed = rings(1, 6, "h");
		oslo_graph *three3 = rings(3, 3, "i");
		oslo_graph *tmp = rings(1, 3, "j");

		oslo_graph_merge(mixed, tmp);
		CHECK(!oslo_graph_isomorphic(mixed, three3));
		oslo_graph_free(mixed);
		oslo_graph_free(three3);
		oslo_graph_free(tmp);
	}
	oslo_graph_free(ring6a);
	oslo_graph_free(ring6b);
	oslo_graph_free(two3a);
	oslo_graph_free(two3b);
	oslo_graph_free(three2);
	oslo_graph_free(many);
	oslo_graph_free(many2);
}

/* a hub blank node pointing at every blank node whose label starts with prefix */
static void
add_hub(oslo_graph *g, const char *hub_label, char prefix)
{
	oslo_term_id hub = oslo_graph_blank(g, hub_label, strlen(hub_label));
	oslo_term_id has = oslo_graph_iri_cstr(g, "http://e/has");
	uint32_t n = oslo_graph_term_count(g);

	for (oslo_term_id id = 1; id <= n; id++)
	{
		const oslo_term *t = oslo_graph_term(g, id);

		if (t->kind == OSLO_TERM_BLANK && t->value[0] == prefix)
			oslo_graph_add(g, hub, has, id, 0);
	}
}

/* hub + 6-ring + two 3-rings in one component; which comes first sets the node order */
static oslo_graph *
hub_graph(bool six_first)
{
	oslo_graph *g = oslo_graph_new();
	oslo_graph *six = rings(1, 6, "rs");
	oslo_graph *threes = rings(2, 3, "rt");

	oslo_graph_merge(g, six_first ? six : threes);
	oslo_graph_merge(g, six_first ? threes : six);
	add_hub(g, "hub", 'b');
	oslo_graph_free(six);
	oslo_graph_free(threes);
	return g;
}

/*
 * A 6-ring and two 3-rings inside one component: a hub points at every node.
 * Refinement cannot tell them apart, the component search must.
 */
TEST(connected_near_miss)
{
	oslo_graph *a = rings(1, 6, "a");
	oslo_graph *b = rings(2, 3, "b");

	add_hub(a, "hub", 'a');
	add_hub(b, "hub", 'b');
	CHECK(oslo_graph_size(a) == oslo_graph_size(b));
	CHECK(!oslo_graph_isomorphic(a, b));
	oslo_graph_free(a);
	oslo_graph_free(b);
}

/* the first candidate for a 6-ring node is a 3-ring node: the search must backtrack */
TEST(search_backtracks)
{
	oslo_graph *a = hub_graph(true);
	oslo_graph *b = hub_graph(false);

	CHECK(oslo_graph_isomorphic(a, b));
	CHECK(oslo_graph_isomorphic(b, a));
	oslo_graph_free(a);
	oslo_graph_free(b);
}

/* two components refinement cannot tell apart, in opposite orders */
TEST(components_with_equal_colours)
{
	oslo_graph *a = oslo_graph_new();
	oslo_graph *b = oslo_graph_new();
	oslo_graph *x = rings(1, 6, "a");
	oslo_graph *y = rings(2, 3, "b");
	oslo_graph *yy = rings(2, 3, "b");

	add_hub(x, "hub", 'a');
	add_hub(y, "hub", 'b');
	add_hub(yy, "hub", 'b');
	oslo_graph_merge(a, x);
	oslo_graph_merge(a, y);
	oslo_graph_merge(b, y);
	oslo_graph_merge(b, x);
	CHECK(oslo_graph_isomorphic(a, b));
	oslo_graph_free(b);
	b = oslo_graph_new();
	oslo_graph_merge(b, y);
	oslo_graph_merge(b, yy);
	CHECK(oslo_graph_size(a) == oslo_graph_size(b));
	CHECK(!oslo_graph_isomorphic(a, b));
	oslo_graph_free(a);
	oslo_graph_free(b);
	oslo_graph_free(x);
	oslo_graph_free(y);
	oslo_graph_free(yy);
}

/* ---------- random graphs ---------- */

static uint64_t rng_state;

static uint32_t
rng(uint32_t bound)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % bound;
}

typedef struct spec
{
	int s, p, o, g; /* blanks >= 0 are blank ids; negatives are ground */
} spec;

#define NBLANK 300
#define NSTMT  1500

/* the term of spec value v: blank v (renamed by perm) or ground term -v */
static oslo_term_id
spec_term(oslo_graph *g, int v, const int *perm, bool literal_ok)
{
	char buf[64];
	int n;

	if (v >= 0)
	{
		n = snprintf(buf, sizeof(buf), "n%d", perm[v]);
		return oslo_graph_blank(g, buf, (size_t)n);
	}
	if (literal_ok && -v % 3 == 0)
	{
		n = snprintf(buf, sizeof(buf), "%d", -v);
		return oslo_graph_literal(g, buf, (size_t)n, -v % 2 ? OSLO_XSD "integer" : NULL, NULL);
	}
	n = snprintf(buf, sizeof(buf), "http://e/t%d", -v);
	return oslo_graph_iri(g, buf, (size_t)n);
}

static oslo_graph *
build(const spec *st, int n, const int *perm, const int *order)
{
	oslo_graph *g = oslo_graph_new();

	for (int i = 0; i < n; i++)
	{
		const spec *x = &st[order[i]];

		oslo_graph_add(g, spec_term(g, x->s, perm, false), spec_term(g, x->p, perm, false),
		               spec_term(g, x->o, perm, true),
		               x->g == 0 ? 0 : spec_term(g, x->g > 0 ? x->g - 1 : x->g, perm, false));
	}
	return g;
}

static void
shuffle(int *v, int n)
{
	for (int i = n - 1; i > 0; i--)
	{
		int j = (int)rng((uint32_t)i + 1);
		int t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static spec st[NSTMT];
static spec st2[NSTMT];

/* the index of a blank-to-blank statement at or after i */
static int
next_blank_edge(const spec *x, int i)
{
	while (x[i].s < 0 || x[i].o < 0)
		i++;
	return i;
}

TEST(random_graph_relabelled_and_perturbed)
{
	static int ident[NBLANK], perm[NBLANK], order[NSTMT], order2[NSTMT];
	oslo_graph *a, *b;
	int i, j;

	rng_state = 42;
	for (int k = 0; k < NSTMT; k++)
	{
		/* mostly blank-to-blank edges without self loops, some ground terms */
		st[k].s = rng(10) < 8 ? (int)rng(NBLANK) : -(int)(1 + rng(30));
		st[k].p = -(int)(100 + rng(5));
		do
			st[k].o = rng(10) < 7 ? (int)rng(NBLANK) : -(int)(1 + rng(60));
		while (st[k].o == st[k].s);
		/* a few named graphs, some of them blank; g holds blank id + 1 */
		st[k].g = rng(10) < 8 ? 0 : rng(2) ? -(int)(200 + rng(3)) : 1 + (int)rng(NBLANK);
		order[k] = k;
	}
	for (int k = 0; k < NBLANK; k++)
		ident[k] = perm[k] = k;
	shuffle(perm, NBLANK);
	memcpy(order2, order, sizeof(order));
	shuffle(order2, NSTMT);

	a = build(st, NSTMT, ident, order);
	b = build(st, NSTMT, perm, order2);
	CHECK(oslo_graph_size(a) == NSTMT);
	CHECK(oslo_graph_size(b) == NSTMT);
	CHECK(oslo_graph_isomorphic(a, b));
	oslo_graph_free(b);

	/* one statement becomes a self loop, of which there were none */
	memcpy(st2, st, sizeof(st));
	i = next_blank_edge(st2, 0);
	st2[i].o = st2[i].s;
	b = build(st2, NSTMT, perm, order2);
	CHECK(oslo_graph_size(b) == NSTMT);
	CHECK(!oslo_graph_isomorphic(a, b));
	oslo_graph_free(b);

	/* swap the objects of two edges of one predicate: every degree stays the same */
	memcpy(st2, st, sizeof(st));
	i = next_blank_edge(st2, 0);
	for (j = next_blank_edge(st2, i + 1);
	     st2[j].p != st2[i].p || st2[j].g != st2[i].g || st2[j].o == st2[i].o ||
	     st2[j].s == st2[i].o || st2[i].s == st2[j].o;
	     j = next_blank_edge(st2, j + 1))
		;
	st2[i].o = st[j].o;
	st2[j].o = st[i].o;
	b = build(st2, NSTMT, perm, order2);
	CHECK(oslo_graph_size(b) == NSTMT);
	CHECK(!oslo_graph_isomorphic(a, b));
	oslo_graph_free(b);
	oslo_graph_free(a);
}

/* many small identical components: the greedy pairing stays linear */
TEST(many_isomorphic_components)
{
	oslo_graph *a = oslo_graph_new();
	oslo_graph *b = oslo_graph_new();
	oslo_graph *gs[2] = {a, b};
	int n = 5000;

	for (int k = 0; k < 2; k++)
	{
		oslo_graph *g = gs[k];
		oslo_term_id name = oslo_graph_iri_cstr(g, "http://e/name");
		oslo_term_id addr = oslo_graph_iri_cstr(g, "http://e/address");
		oslo_term_id lit = oslo_graph_literal_cstr(g, "same", NULL, NULL);

		for (int i = 0; i < n; i++)
		{
			int j = k == 0 ? i : n - 1 - i;
			oslo_term_id x = oslo_graph_fresh_blank(g);
			oslo_term_id y = oslo_graph_fresh_blank(g);

			oslo_graph_add(g, x, name, lit, 0);
			oslo_graph_add(g, x, addr, y, 0);
			oslo_graph_add(g, y, name, j % 2 ? lit : x, 0);
		}
	}
	CHECK(oslo_graph_isomorphic(a, b));
	oslo_graph_free(a);
	oslo_graph_free(b);
}

int
main(void)
{
	RUN(ground_graphs_compare_by_value);
	RUN(literal_datatype_and_language_matter);
	RUN(relabelled_blank_nodes);
	RUN(blank_graph_names);
	RUN(symmetric_pairs_and_self_loops);
	RUN(rings_of_blank_nodes);
	RUN(connected_near_miss);
	RUN(search_backtracks);
	RUN(components_with_equal_colours);
	RUN(random_graph_relabelled_and_perturbed);
	RUN(many_isomorphic_components);
	return unit_report();
}
