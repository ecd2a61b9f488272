/*
 * test_graph.c
 *	  The RDF model: interning, statements, indexes, merge, the standalone host.
 */
#include "rdf_graph.h"
#include "unit.h"

TEST(interning_returns_same_id)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id a = oslo_graph_iri_cstr(g, "http://example.org/a");
	oslo_term_id b = oslo_graph_iri_cstr(g, "http://example.org/a");
	oslo_term_id l1 = oslo_graph_literal_cstr(g, "a", NULL, NULL);
	oslo_term_id l2 = oslo_graph_literal_cstr(g, "a", OSLO_XSD_STRING, NULL);
	oslo_term_id l3 = oslo_graph_literal_cstr(g, "a", NULL, "NL-be");
	oslo_term_id l4 = oslo_graph_literal_cstr(g, "a", NULL, "nl-BE");
	oslo_term_id bl = oslo_graph_blank(g, "x", 1);

	CHECK(a == b);
	CHECK(l1 == l2);
	CHECK(l3 == l4);
	CHECK(l1 != l3);
	CHECK(bl != a);
	CHECK_STREQ(oslo_graph_term(g, l3)->lang, "nl-be");
	CHECK_STREQ(oslo_graph_term(g, oslo_graph_term(g, l3)->datatype)->value, OSLO_RDF_LANGSTRING);
	CHECK(oslo_graph_find_iri(g, "http://example.org/zzz", 22) == 0);
	oslo_graph_free(g);
}

TEST(statements_deduplicate_and_match_by_position)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id s = oslo_graph_iri_cstr(g, "http://e/s");
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://e/p");
	oslo_term_id q = oslo_graph_iri_cstr(g, "http://e/q");
	oslo_term_id o = oslo_graph_literal_cstr(g, "v", NULL, NULL);
	oslo_term_id gn = oslo_graph_iri_cstr(g, "http://e/g");
	oslo_match m;
	oslo_quad out;
	int n;

	CHECK(oslo_graph_add(g, s, p, o, 0));
	CHECK(!oslo_graph_add(g, s, p, o, 0));
	CHECK(oslo_graph_add(g, s, p, o, gn));
	CHECK(oslo_graph_add(g, s, q, s, 0));
	CHECK(oslo_graph_size(g) == 3);

	n = 0;
	oslo_match_init(&m, g, 0, p, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &out))
		n++;
	CHECK(n == 2);

	n = 0;
	oslo_match_init(&m, g, 0, 0, 0, 0);
	while (oslo_match_next(&m, &out))
		n++;
	CHECK(n == 2);

	n = 0;
	oslo_match_init(&m, g, 0, 0, s, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &out))
	{
		CHECK(out.p == q);
		n++;
	}
	CHECK(n == 1);

	n = 0;
	oslo_match_init(&m, g, 0, 0, 0, gn);
	while (oslo_match_next(&m, &out))
		n++;
	CHECK(n == 1);
	CHECK(oslo_graph_object(g, s, q) == s);
	CHECK(oslo_graph_contains(g, s, p, o, gn));
	CHECK(!oslo_graph_contains(g, s, q, o, 0));
	oslo_graph_free(g);
}

TEST(many_statements_grow_tables)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://e/p");
	char buf[64];

	for (int i = 0; i < 20000; i++)
	{
		oslo_term_id s, o;

		snprintf(buf, sizeof(buf), "http://e/s%d", i % 1000);
		s = oslo_graph_iri_cstr(g, buf);
		snprintf(buf, sizeof(buf), "%d", i);
		o = oslo_graph_literal_cstr(g, buf, OSLO_XSD "integer", NULL);
		oslo_graph_add(g, s, p, o, 0);
	}
	CHECK(oslo_graph_size(g) == 20000);
	CHECK(oslo_graph_term_count(g) == 1 + 1000 + 20000 + 1);
	{
		oslo_match m;
		int n = 0;

		oslo_match_init(&m, g, oslo_graph_iri_cstr(g, "http://e/s7"), 0, 0, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, NULL))
			n++;
		CHECK(n == 20);
	}
	oslo_graph_free(g);
}

/*
 * oslo_graph_add_many is oslo_graph_add of each statement in order: the same
 * statements in the same order, duplicates (also within one batch) dropped,
 * across table growth; and terms found again after their table grew.
 */
TEST(add_many_is_add_in_order)
{
	oslo_graph *one = oslo_graph_new(), *many = oslo_graph_new();
	oslo_quad *batch = malloc(sizeof(oslo_quad) * 5000);
	oslo_term_id t1[300], t2[300];
	unsigned seed = 7;
	size_t n = 0;

	for (int i = 0; i < 300; i++)
	{
		char iri[64];

		snprintf(iri, sizeof(iri), "http://example.org/t%d", i);
		t1[i] = oslo_graph_iri_cstr(one, iri);
		t2[i] = oslo_graph_iri_cstr(many, iri);
		CHECK(t1[i] == t2[i]);
	}
	for (int i = 0; i < 300; i++)
	{
		char iri[64];

		snprintf(iri, sizeof(iri), "http://example.org/t%d", i);
		CHECK(oslo_graph_find_iri(many, iri, strlen(iri)) == t2[i]);
	}
	for (int round = 0; round < 4; round++)
	{
		n = 0;
		for (int i = 0; i < 5000; i++)
		{
			oslo_quad *q = &batch[n++];

			seed = seed * 1103515245u + 12345u;
			q->s = t2[(seed >> 8) % 40];
			q->p = t2[(seed >> 14) % 7];
			q->o = t2[(seed >> 18) % 300];
			q->g = (seed >> 28) % 3 ? 0 : t2[1];
			oslo_graph_add(one, q->s, q->p, q->o, q->g);
		}
		oslo_graph_add_many(many, batch, n);
		CHECK(oslo_graph_size(one) == oslo_graph_size(many));
	}
	CHECK(oslo_graph_size(one) > 5000);
	CHECK(memcmp(oslo_graph_quads(one), oslo_graph_quads(many),
	             sizeof(oslo_quad) * oslo_graph_size(one)) == 0);
	for (int i = 0; i < 5000; i++)
		CHECK(oslo_graph_contains(many, batch[i].s, batch[i].p, batch[i].o, batch[i].g));
	CHECK(!oslo_graph_contains(many, t2[299], t2[299], t2[299], 0));
	/* a term that is not in the graph is refused as in oslo_graph_add */
	batch[0].o = 100000;
	CHECK_ERROR(OSLO_ERR_DATA, oslo_graph_add_many(many, batch, 1));
	free(batch);
	oslo_graph_free(one);
	oslo_graph_free(many);
}

TEST(clear_empties_and_keeps_working)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id first_blank = oslo_graph_fresh_blank(g);
	const oslo_term *t;
	char first_label[64];
	oslo_match m;
	oslo_quad q;

	snprintf(first_label, sizeof(first_label), "%s", oslo_graph_term(g, first_blank)->value);
	for (int i = 0; i < 500; i++)
	{
		char iri[64];

		snprintf(iri, sizeof(iri), "http://example.org/s%d", i);
		oslo_graph_add(g, oslo_graph_iri_cstr(g, iri),
		               oslo_graph_iri_cstr(g, "http://example.org/p"),
		               oslo_graph_literal_cstr(g, iri, NULL, "nl"), 0);
	}
	oslo_graph_clear(g);
	CHECK(oslo_graph_size(g) == 0);
	CHECK(oslo_graph_find_iri(g, "http://example.org/s1", 21) == 0);
	/* no statement or chain survives: matching anything finds nothing */
	oslo_match_init(&m, g, 0, 0, 0, OSLO_ANY_GRAPH);
	CHECK(!oslo_match_next(&m, &q));
	/* and the graph is as good as new */
	oslo_graph_add(g, oslo_graph_iri_cstr(g, "http://example.org/a"),
	               oslo_graph_iri_cstr(g, "http://example.org/p"),
	               oslo_graph_iri_cstr(g, "http://example.org/b"), 0);
	CHECK(oslo_graph_size(g) == 1);
	CHECK(oslo_graph_contains(g, oslo_graph_iri_cstr(g, "http://example.org/a"),
	                          oslo_graph_iri_cstr(g, "http://example.org/p"),
	                          oslo_graph_iri_cstr(g, "http://example.org/b"), 0));
	/* a fresh blank node never takes the label of one made before the clear */
	t = oslo_graph_term(g, oslo_graph_fresh_blank(g));
	CHECK(strcmp(t->value, first_label) != 0);
	oslo_graph_free(g);
}

/*
 * Fresh blank nodes are labelled b1, b2, ...: the label finds the node
 * (interning it again, or looking it up), a label already taken by another
 * blank node is skipped, and labels only like a fresh one's ("b01") are
 * other nodes.
 */
TEST(fresh_blank_nodes_are_found_by_label_and_skip_taken_labels)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id b1 = oslo_graph_fresh_blank(g);
	oslo_term_id b2 = oslo_graph_fresh_blank(g);
	oslo_term_id taken = oslo_graph_blank(g, "b3", 2);
	oslo_term_id b4, b01;
	oslo_term probe = {OSLO_TERM_BLANK, 2, "b2", 0, NULL};

	CHECK_STREQ(oslo_graph_term(g, b1)->value, "b1");
	CHECK_STREQ(oslo_graph_term(g, b2)->value, "b2");
	CHECK(oslo_graph_blank(g, "b1", 2) == b1);
	CHECK(oslo_graph_find_term(g, &probe) == b2);
	b4 = oslo_graph_fresh_blank(g);
	CHECK(b4 != taken);
	CHECK_STREQ(oslo_graph_term(g, b4)->value, "b4");
	CHECK(oslo_graph_blank(g, "b3", 2) == taken);
	CHECK(oslo_graph_blank(g, "b4", 2) == b4);
	b01 = oslo_graph_blank(g, "b01", 3);
	CHECK(b01 != b1);
	CHECK(oslo_graph_term_count(g) == 5);
	oslo_graph_literal_cstr(g, "x", NULL, "nl");
	oslo_graph_literal_cstr(g, "x", NULL, NULL);
	/* after a clear, the old labels are free again for other blank nodes */
	oslo_graph_clear(g);
	probe.value = "b1";
	probe.len = 2;
	CHECK(oslo_graph_find_term(g, &probe) == 0);
	b1 = oslo_graph_blank(g, "b1", 2);
	CHECK(oslo_graph_term_count(g) == 1);
	CHECK(oslo_graph_blank(g, "b1", 2) == b1);
	CHECK_STREQ(oslo_graph_term(g, oslo_graph_fresh_blank(g))->value, "b5");
	/* and literals get their datatypes anew */
	{
		const oslo_term *tagged = oslo_graph_term(g, oslo_graph_literal_cstr(g, "x", NULL, "NL"));
		const oslo_term *plain = oslo_graph_term(g, oslo_graph_literal_cstr(g, "x", NULL, NULL));

		CHECK_STREQ(oslo_graph_term(g, tagged->datatype)->value, OSLO_RDF_LANGSTRING);
		CHECK_STREQ(tagged->lang, "nl");
		CHECK_STREQ(oslo_graph_term(g, plain->datatype)->value, OSLO_XSD_STRING);
	}
	oslo_graph_free(g);
}

/*
 * Duplicates are found for a subject with few statements and for one with
 * many (past the number from which they are hashed), in any graph, and
 * again after a clear.
 */
TEST(duplicates_found_for_subjects_with_few_and_many_statements)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id big = oslo_graph_iri_cstr(g, "http://e/big");
	oslo_term_id small = oslo_graph_iri_cstr(g, "http://e/small");
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://e/p");
	oslo_term_id gn = oslo_graph_iri_cstr(g, "http://e/g");

	for (int round = 0; round < 2; round++)
	{
		for (int pass = 0; pass < 2; pass++)
			for (int i = 0; i < 200; i++)
			{
				char lex[16];
				oslo_term_id o;

				snprintf(lex, sizeof(lex), "%d", i);
				o = oslo_graph_literal_cstr(g, lex, NULL, NULL);
				/* new the first time only, in either graph */
				CHECK(oslo_graph_add(g, big, p, o, 0) == (pass == 0));
				CHECK(oslo_graph_add(g, big, p, o, gn) == (pass == 0));
				if (i < 3)
					CHECK(oslo_graph_add(g, small, p, o, 0) == (pass == 0));
			}
		CHECK(oslo_graph_size(g) == 403);
		{
			oslo_term_id o7 = oslo_graph_literal_cstr(g, "7", NULL, NULL);
			oslo_term_id o2 = oslo_graph_literal_cstr(g, "2", NULL, NULL);
			oslo_term_id o3 = oslo_graph_literal_cstr(g, "3", NULL, NULL);
			oslo_match m;
			int n = 0;

			CHECK(oslo_graph_contains(g, big, p, o7, 0));
			CHECK(oslo_graph_contains(g, big, p, o7, gn));
			CHECK(!oslo_graph_contains(g, big, big, o7, 0));
			CHECK(!oslo_graph_contains(g, big, p, o7, p));
			CHECK(oslo_graph_contains(g, small, p, o2, 0));
			CHECK(!oslo_graph_contains(g, small, p, o3, 0));
			CHECK(!oslo_graph_contains(g, small, p, o2, gn));
			CHECK(!oslo_graph_contains(g, 0, p, o2, 0));
			CHECK(!oslo_graph_contains(g, 100000, p, o2, 0));
			oslo_match_init(&m, g, big, 0, 0, OSLO_ANY_GRAPH);
			while (oslo_match_next(&m, NULL))
				n++;
			CHECK(n == 400);
		}
		oslo_graph_clear(g);
		CHECK(oslo_graph_size(g) == 0);
		big = oslo_graph_iri_cstr(g, "http://e/big");
		small = oslo_graph_iri_cstr(g, "http://e/small");
		p = oslo_graph_iri_cstr(g, "http://e/p");
		gn = oslo_graph_iri_cstr(g, "http://e/g");
	}
	oslo_graph_free(g);
}

/*
 * Statements of each subject spread far apart over the input (as when
 * sorted by predicate): duplicates are found all the same.
 */
TEST(duplicates_found_for_subjects_spread_over_the_statements)
{
	oslo_graph *g = oslo_graph_new();
	oslo_term_id p = oslo_graph_iri_cstr(g, "http://e/p");
	oslo_term_id s[5000], o[4];
	oslo_match m;
	int n = 0;

	for (int i = 0; i < 5000; i++)
	{
		char iri[32];

		snprintf(iri, sizeof(iri), "http://e/s%d", i);
		s[i] = oslo_graph_iri_cstr(g, iri);
	}
	for (int k = 0; k < 4; k++)
	{
		char lex[8];

		snprintf(lex, sizeof(lex), "%d", k);
		o[k] = oslo_graph_literal_cstr(g, lex, NULL, NULL);
	}
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < 4; k++)
			for (int i = 0; i < 5000; i++)
				CHECK(oslo_graph_add(g, s[i], p, o[k], 0) == (pass == 0));
	CHECK(oslo_graph_size(g) == 20000);
	CHECK(oslo_graph_contains(g, s[4321], p, o[3], 0));
	CHECK(!oslo_graph_contains(g, s[4321], p, s[1], 0));
	oslo_match_init(&m, g, s[17], 0, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, NULL))
		n++;
	CHECK(n == 4);
	oslo_graph_free(g);
}

TEST(merge_keeps_blank_nodes_apart)
{
	oslo_graph *a = oslo_graph_new();
	oslo_graph *b = oslo_graph_new();
	oslo_term_id p;

	p = oslo_graph_iri_cstr(a, "http://e/p");
	oslo_graph_add(a, oslo_graph_blank(a, "b1", 2), p, oslo_graph_literal_cstr(a, "x", 0, 0), 0);
	p = oslo_graph_iri_cstr(b, "http://e/p");
	oslo_graph_add(b, oslo_graph_blank(b, "b1", 2), p, oslo_graph_literal_cstr(b, "x", 0, 0), 0);
	oslo_graph_merge(a, b);
	CHECK(oslo_graph_size(a) == 2);
	oslo_graph_free(a);
	oslo_graph_free(b);
}

static oslo_graph *leaked;

static void
build_then_fail(void *arg)
{
	leaked = oslo_graph_new();
	oslo_graph_iri_cstr(leaked, "http://e/x");
	oslo_error(OSLO_ERR_SYNTAX, "boom at line %d", 3);
}

TEST(standalone_error_frees_what_the_call_allocated)
{
	oslo_captured_error err;
	size_t before = oslo_standalone_live_blocks();

	CHECK(!oslo_standalone_run(build_then_fail, NULL, &err));
	CHECK(err.code == OSLO_ERR_SYNTAX);
	CHECK_STREQ(err.message, "boom at line 3");
	CHECK(oslo_standalone_live_blocks() == before);
}

static int released;

static void
count_release(void *r)
{
	released++;
}

static void
guard_then_fail(void *arg)
{
	oslo_guard_new(count_release, &released);
	oslo_error(OSLO_ERR_XML, "x");
}

TEST(guards_release_on_error_only_once)
{
	oslo_captured_error err;
	oslo_guard *g;

	released = 0;
	CHECK(!oslo_standalone_run(guard_then_fail, NULL, &err));
	CHECK(released == 1);
	g = oslo_guard_new(count_release, &released);
	oslo_guard_release(g);
	oslo_guard_release(g);
	CHECK(released == 2);
}

TEST(utf8_validation)
{
	CHECK(oslo_utf8_valid("caf\xc3\xa9", 5));
	CHECK(!oslo_utf8_valid("\xc0\xaf", 2));     /* overlong */
	CHECK(!oslo_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	CHECK(!oslo_utf8_valid("a\0b", 3));
	CHECK(!oslo_utf8_valid("\xe2\x82", 2)); /* truncated */
}

int
main(void)
{
	RUN(interning_returns_same_id);
	RUN(statements_deduplicate_and_match_by_position);
	RUN(many_statements_grow_tables);
	RUN(add_many_is_add_in_order);
	RUN(clear_empties_and_keeps_working);
	RUN(fresh_blank_nodes_are_found_by_label_and_skip_taken_labels);
	RUN(duplicates_found_for_subjects_with_few_and_many_statements);
	RUN(duplicates_found_for_subjects_spread_over_the_statements);
	RUN(merge_keeps_blank_nodes_apart);
	RUN(standalone_error_frees_what_the_call_allocated);
	RUN(guards_release_on_error_only_once);
	RUN(utf8_validation);
	return unit_report();
}
