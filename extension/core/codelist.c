/*
 * codelist.c
 *	  SKOS code lists: rows of a graph, and an in-memory table of them
 *	  (see codelist.h).
 */
#include "codelist.h"

#include <stdlib.h>
#include <string.h>

typedef struct skos_terms
{
	oslo_term_id type, concept_class, notation, in_scheme, top_concept_of, pref_label;
} skos_terms;

typedef struct row_list
{
	oslo_skos_code *rows;
	size_t n, cap;
} row_list;

static void
row_push(row_list *l, const oslo_skos_code *r)
{
	if (l->n == l->cap)
	{
		l->cap = l->cap ? l->cap * 2 : 64;
		l->rows = oslo_realloc(l->rows, l->cap * sizeof(oslo_skos_code));
	}
	l->rows[l->n++] = *r;
}

/* lower is better: a Dutch label, then an untagged one, then any other */
static int
label_rank(const oslo_term *t)
{
	if (t->lang == NULL)
		return 1;
	return strcmp(t->lang, "nl") == 0 ? 0 : 2;
}

/* the preferred skos:prefLabel of concept, deterministic whatever the input order */
static const char *
concept_label(const oslo_graph *g, const skos_terms *k, oslo_term_id concept)
{
	const oslo_term *best = NULL;
	oslo_match m;
	oslo_quad q;

	if (k->pref_label == 0)
		return NULL;
	oslo_match_init(&m, g, concept, k->pref_label, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		const oslo_term *t = oslo_graph_term(g, q.o);

		if (t->kind != OSLO_TERM_LITERAL)
			continue;
		if (best == NULL || label_rank(t) < label_rank(best) ||
		    (label_rank(t) == label_rank(best) && strcmp(t->value, best->value) < 0))
			best = t;
	}
	return best ? best->value : NULL;
}

/* rows of one concept: each literal notation in each scheme; false when it has none */
static bool
concept_rows(const oslo_graph *g, const skos_terms *k, oslo_term_id concept, row_list *out)
{
	const oslo_term *c = oslo_graph_term(g, concept);
	const oslo_term_id scheme_props[2] = {k->in_scheme, k->top_concept_of};
	const char *label;
	size_t before = out->n;
	oslo_match nm;
	oslo_quad nq;

	if (c->kind != OSLO_TERM_IRI || k->notation == 0)
		return false;
	label = concept_label(g, k, concept);
	oslo_match_init(&nm, g, concept, k->notation, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&nm, &nq))
	{
		const oslo_term *code = oslo_graph_term(g, nq.o);

		if (code->kind != OSLO_TERM_LITERAL)
			continue;
		for (int i = 0; i < 2; i++)
		{
			oslo_match sm;
			oslo_quad sq;

			if (scheme_props[i] == 0)
				continue;
			oslo_match_init(&sm, g, concept, scheme_props[i], 0, OSLO_ANY_GRAPH);
			while (oslo_match_next(&sm, &sq))
			{
				const oslo_term *scheme = oslo_graph_term(g, sq.o);
				oslo_skos_code r;

				if (scheme->kind != OSLO_TERM_IRI)
					continue;
				r.scheme = scheme->value;
				r.code = code->value;
				r.concept = c->value;
				r.label = label;
				row_push(out, &r);
			}
		}
	}
	return out->n > before;
}

static int
compare_rows(const void *a, const void *b)
{
	const oslo_skos_code *x = a, *y = b;
	int c = strcmp(x->scheme, y->scheme);

	if (c == 0)
		c = strcmp(x->code, y->code);
	if (c == 0)
		c = strcmp(x->concept, y->concept);
	return c;
}

/*
 * Keep the first row of each (scheme, code): the smallest concept after
 * sorting. The same concept reached twice (inScheme and topConceptOf, or a
 * statement in several graphs) is no ambiguity; two concepts are, reported
 * once per scheme.
 */
static size_t
dedupe_rows(oslo_skos_code *rows, size_t n)
{
	size_t kept = 0;
	size_t i = 0;

	while (i < n)
	{
		const char *scheme = rows[i].scheme;
		size_t group_start = kept;
		size_t ambiguous = 0;
		const oslo_skos_code *example = NULL;
		const char *example_other = NULL;
		bool code_counted = false;

		for (; i < n && strcmp(rows[i].scheme, scheme) == 0; i++)
		{
			if (kept > group_start && strcmp(rows[kept - 1].code, rows[i].code) == 0)
			{
				if (!code_counted && strcmp(rows[kept - 1].concept, rows[i].concept) != 0)
				{
					code_counted = true;
					if (ambiguous++ == 0)
					{
						example = &rows[kept - 1];
						example_other = rows[i].concept;
					}
				}
				continue;
			}
			code_counted = false;
			rows[kept++] = rows[i];
		}
		if (ambiguous > 0)
			oslo_notice(
			    "code list <%s>: %zu code%s name%s more than one concept (code \"%s\": <%s> "
			    "and <%s>); the smallest concept IRI is kept",
			    scheme, ambiguous, ambiguous == 1 ? "" : "s", ambiguous == 1 ? "s" : "",
			    example->code, example->concept, example_other);
	}
	return kept;
}

size_t
oslo_skos_codes(const oslo_graph *g, oslo_skos_code **rows)
{
	skos_terms k;
	row_list out = {NULL, 0, 0};
	size_t skipped = 0;
	oslo_match m;
	oslo_quad q;
	oslo_term_id last_concept = 0;

	k.type = oslo_graph_find_iri(g, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));
	k.concept_class = oslo_graph_find_iri(g, OSLO_SKOS "Concept", strlen(OSLO_SKOS "Concept"));
	k.notation = oslo_graph_find_iri(g, OSLO_SKOS "notation", strlen(OSLO_SKOS "notation"));
	k.in_scheme = oslo_graph_find_iri(g, OSLO_SKOS "inScheme", strlen(OSLO_SKOS "inScheme"));
	k.top_concept_of =
	    oslo_graph_find_iri(g, OSLO_SKOS "topConceptOf", strlen(OSLO_SKOS "topConceptOf"));
	k.pref_label = oslo_graph_find_iri(g, OSLO_SKOS "prefLabel", strlen(OSLO_SKOS "prefLabel"));

	*rows = NULL;
	if (k.type != 0 && k.concept_class != 0)
	{
		oslo_match_init(&m, g, 0, k.type, k.concept_class, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, &q))
		{
			/* a typing repeated in another graph adds nothing (dedupe_rows drops it) */
			if (q.s == last_concept)
				continue;
			last_concept = q.s;
			oslo_check_interrupts();
			if (!concept_rows(g, &k, q.s, &out))
				skipped++;
		}
	}
	if (skipped > 0)
		oslo_notice("%zu skos:Concept%s without an IRI, a literal skos:notation or a scheme "
		            "(skos:inScheme, skos:topConceptOf) skipped",
		            skipped, skipped == 1 ? "" : "s");
	if (out.n == 0)
	{
		oslo_free(out.rows);
		return 0;
	}
	qsort(out.rows, out.n, sizeof(oslo_skos_code), compare_rows);
	*rows = out.rows;
	return dedupe_rows(out.rows, out.n);
}

/* ---- the in-memory table: chained hash on (scheme, code), plus the schemes seen ---- */

typedef struct codelist_entry
{
	char *scheme;
	char *code;
	char *concept;
	uint32_t hash;
	struct codelist_entry *next;
} codelist_entry;

typedef struct scheme_entry
{
	char *scheme;
	uint32_t hash;
	struct scheme_entry *next;
} scheme_entry;

struct oslo_codelist
{
	codelist_entry **buckets;
	size_t nbuckets; /* a power of two */
	size_t n;
	scheme_entry **scheme_buckets; /* nbuckets as well: never more schemes than rows */
};

static uint32_t
scheme_hash(const char *scheme)
{
	return oslo_hash_bytes(OSLO_HASH_SEED, scheme, strlen(scheme) + 1);
}

static uint32_t
entry_hash(uint32_t scheme_h, const char *code)
{
	return oslo_hash_bytes(scheme_h, code, strlen(code));
}

oslo_codelist *
oslo_codelist_new(void)
{
	oslo_codelist *cl = oslo_alloc0(sizeof(oslo_codelist));

	cl->nbuckets = 64;
	cl->buckets = oslo_alloc0(cl->nbuckets * sizeof(codelist_entry *));
	cl->scheme_buckets = oslo_alloc0(cl->nbuckets * sizeof(scheme_entry *));
	return cl;
}

void
oslo_codelist_free(oslo_codelist *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->nbuckets; i++)
	{
		codelist_entry *e = cl->buckets[i];
		scheme_entry *s = cl->scheme_buckets[i];

		while (e)
		{
			codelist_entry *next = e->next;

			oslo_free(e->scheme);
			oslo_free(e->code);
			oslo_free(e->concept);
			oslo_free(e);
			e = next;
		}
		while (s)
		{
			scheme_entry *next = s->next;

			oslo_free(s->scheme);
			oslo_free(s);
			s = next;
		}
	}
	oslo_free(cl->buckets);
	oslo_free(cl->scheme_buckets);
	oslo_free(cl);
}

static void
grow(oslo_codelist *cl)
{
	size_t nb = cl->nbuckets * 2;
	codelist_entry **buckets = oslo_alloc0(nb * sizeof(codelist_entry *));
	scheme_entry **scheme_buckets = oslo_alloc0(nb * sizeof(scheme_entry *));

	for (size_t i = 0; i < cl->nbuckets; i++)
	{
		codelist_entry *e = cl->buckets[i];
		scheme_entry *s = cl->scheme_buckets[i];

		while (e)
		{
			codelist_entry *next = e->next;

			e->next = buckets[e->hash & (nb - 1)];
			buckets[e->hash & (nb - 1)] = e;
			e = next;
		}
		while (s)
		{
			scheme_entry *next = s->next;

			s->next = scheme_buckets[s->hash & (nb - 1)];
			scheme_buckets[s->hash & (nb - 1)] = s;
			s = next;
		}
	}
	oslo_free(cl->buckets);
	oslo_free(cl->scheme_buckets);
	cl->buckets = buckets;
	cl->scheme_buckets = scheme_buckets;
	cl->nbuckets = nb;
}

static scheme_entry *
find_scheme(const oslo_codelist *cl, const char *scheme, uint32_t h)
{
	for (scheme_entry *s = cl->scheme_buckets[h & (cl->nbuckets - 1)]; s; s = s->next)
		if (s->hash == h && strcmp(s->scheme, scheme) == 0)
			return s;
	return NULL;
}

static codelist_entry *
find_entry(const oslo_codelist *cl, const char *scheme, const char *code, uint32_t h)
{
	for (codelist_entry *e = cl->buckets[h & (cl->nbuckets - 1)]; e; e = e->next)
		if (e->hash == h && strcmp(e->code, code) == 0 && strcmp(e->scheme, scheme) == 0)
			return e;
	return NULL;
}

void
oslo_codelist_put(oslo_codelist *cl, const char *scheme, const char *code, const char *concept)
{
	uint32_t sh = scheme_hash(scheme);
	uint32_t h = entry_hash(sh, code);
	codelist_entry *e = find_entry(cl, scheme, code, h);
	scheme_entry *s;

	if (e)
	{
		char *copy = oslo_strdup(concept);

		oslo_free(e->concept);
		e->concept = copy;
		return;
	}
	if (cl->n + 1 > cl->nbuckets - cl->nbuckets / 4)
		grow(cl);
	e = oslo_alloc0(sizeof(codelist_entry));
	e->scheme = oslo_strdup(scheme);
	e->code = oslo_strdup(code);
	e->concept = oslo_strdup(concept);
	e->hash = h;
	e->next = cl->buckets[h & (cl->nbuckets - 1)];
	cl->buckets[h & (cl->nbuckets - 1)] = e;
	cl->n++;
	if (find_scheme(cl, scheme, sh) == NULL)
	{
		s = oslo_alloc0(sizeof(scheme_entry));
		s->scheme = oslo_strdup(scheme);
		s->hash = sh;
		s->next = cl->scheme_buckets[sh & (cl->nbuckets - 1)];
		cl->scheme_buckets[sh & (cl->nbuckets - 1)] = s;
	}
}

size_t
oslo_codelist_put_graph(oslo_codelist *cl, const oslo_graph *g)
{
	oslo_skos_code *rows;
	size_t n = oslo_skos_codes(g, &rows);

	for (size_t i = 0; i < n; i++)
		oslo_codelist_put(cl, rows[i].scheme, rows[i].code, rows[i].concept);
	oslo_free(rows);
	return n;
}

size_t
oslo_codelist_size(const oslo_codelist *cl)
{
	return cl->n;
}

const char *
oslo_codelist_get(const oslo_codelist *cl, const char *scheme, const char *code, bool *scheme_known)
{
	uint32_t sh = scheme_hash(scheme);
	codelist_entry *e = find_entry(cl, scheme, code, entry_hash(sh, code));

	if (scheme_known)
		*scheme_known = e != NULL || find_scheme(cl, scheme, sh) != NULL;
	return e ? e->concept : NULL;
}
