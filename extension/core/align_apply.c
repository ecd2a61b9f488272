/*
 * align_apply.c
 *	  Applying one direction of an alignment to a graph.
 *
 * One pass over the quads: each input predicate (and each rdf:type class)
 * gets its fate from a table indexed by term id, built once from the rules
 * and the excluded terms, so a triple costs a lookup, not a string compare.
 * Terms are carried over through a memo indexed by input term id.
 */
#include "align_internal.h"

#include <string.h>

#define BATCH 4096

typedef struct term_fate
{
	bool excluded;    /* leaves the passthrough */
	uint32_t first;   /* first rewrite in targets[] */
	uint32_t ntarget; /* rewrites of this term */
} term_fate;

typedef struct rewrite
{
	oslo_term_id to; /* in the output graph */
	bool inverse;
} rewrite;

typedef struct apply_state
{
	const oslo_graph *in;
	oslo_graph *out;
	oslo_term_id *memo; /* input id -> output id, 0 = not yet */
	oslo_quad batch[BATCH];
	size_t nbatch;
} apply_state;

static inline oslo_term_id
carry(apply_state *st, oslo_term_id id)
{
	if (id == 0)
		return 0;
	if (st->memo[id] == 0)
		st->memo[id] = oslo_graph_import_term(st->out, st->in, id);
	return st->memo[id];
}

static inline void
emit(apply_state *st, oslo_term_id s, oslo_term_id p, oslo_term_id o, oslo_term_id g)
{
	oslo_quad *q = &st->batch[st->nbatch++];

	q->s = s;
	q->p = p;
	q->o = o;
	q->g = g;
	if (st->nbatch == BATCH)
	{
		oslo_graph_add_many(st->out, st->batch, st->nbatch);
		st->nbatch = 0;
		oslo_check_interrupts();
	}
}

/*
 * Fill the fate table: predicates and classes by their input term id. A
 * term can be a predicate and a class at once, so there are two tables.
 */
static void
build_fates(const oslo_alignment *a, oslo_align_direction dir, apply_state *st,
            term_fate *pred_fate, term_fate *class_fate, rewrite **targets_out)
{
	size_t nrules, nexcl, ntargets = 0;
	align_rule *rules = align_rules(a, dir, &nrules);
	align_read_term *excl = align_excluded(a, dir, &nexcl);
	rewrite *targets = oslo_alloc((nrules + 1) * sizeof(rewrite));

	for (size_t i = 0; i < nexcl; i++)
	{
		oslo_term_id id = oslo_graph_find_iri(st->in, excl[i].iri, strlen(excl[i].iri));

		if (id)
			(excl[i].is_class ? class_fate : pred_fate)[id].excluded = true;
	}
	/* group the rewrites by source term: rules of one term are contiguous */
	for (size_t i = 0; i < nrules; i++)
	{
		oslo_term_id id = oslo_graph_find_iri(st->in, rules[i].from, strlen(rules[i].from));
		term_fate *f;

		if (id == 0)
			continue;
		f = &(rules[i].is_class ? class_fate : pred_fate)[id];
		if (f->ntarget > 0)
			continue; /* done with the first rule of this term */
		f->first = (uint32_t)ntargets;
		for (size_t j = i; j < nrules; j++)
			if (rules[j].is_class == rules[i].is_class && strcmp(rules[j].from, rules[i].from) == 0)
			{
				targets[ntargets].to = oslo_graph_iri_cstr(st->out, rules[j].to);
				targets[ntargets].inverse = rules[j].inverse;
				ntargets++;
				f->ntarget++;
			}
	}
	oslo_free(rules);
	oslo_free(excl);
	*targets_out = targets;
}

oslo_graph *
oslo_alignment_apply(const oslo_alignment *a, oslo_align_direction dir, const oslo_graph *in)
{
	apply_state *st = oslo_alloc(sizeof(apply_state));
	uint32_t nterms = oslo_graph_term_count(in);
	term_fate *pred_fate = oslo_alloc0((nterms + 1) * sizeof(term_fate));
	term_fate *class_fate = oslo_alloc0((nterms + 1) * sizeof(term_fate));
	const oslo_quad *quads = oslo_graph_quads(in);
	size_t n = oslo_graph_size(in);
	oslo_term_id in_type = oslo_graph_find_iri(in, OSLO_RDF_TYPE, strlen(OSLO_RDF_TYPE));
	oslo_term_id out_type;
	rewrite *targets;
	oslo_graph *out = oslo_graph_new();

	st->in = in;
	st->out = out;
	st->nbatch = 0;
	st->memo = oslo_alloc0((nterms + 1) * sizeof(oslo_term_id));
	out_type = oslo_graph_iri_cstr(out, OSLO_RDF_TYPE);
	/*
	 * Blank nodes keep their labels (oslo_graph_import_term); the queries'
	 * fresh blank nodes take labels used neither in `in` nor in `out`.
	 */
	build_fates(a, dir, st, pred_fate, class_fate, &targets);

	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[i];
		const term_fate *f = &pred_fate[q->p];

		if (q->p == in_type && q->p != 0)
		{
			const term_fate *cf = &class_fate[q->o];

			if (cf->ntarget || cf->excluded)
			{
				oslo_term_id s = carry(st, q->s), g = carry(st, q->g);

				for (uint32_t t = 0; t < cf->ntarget; t++)
					emit(st, s, out_type, targets[cf->first + t].to, g);
				if (!cf->excluded)
					emit(st, s, out_type, carry(st, q->o), g);
				if (!f->excluded && f->ntarget == 0)
					continue;
			}
		}
		if (f->ntarget == 0 && !f->excluded)
		{
			emit(st, carry(st, q->s), carry(st, q->p), carry(st, q->o), carry(st, q->g));
			continue;
		}
		for (uint32_t t = 0; t < f->ntarget; t++)
		{
			const rewrite *r = &targets[f->first + t];

			if (!r->inverse)
				emit(st, carry(st, q->s), r->to, carry(st, q->o), carry(st, q->g));
			else if (oslo_graph_term(in, q->o)->kind != OSLO_TERM_LITERAL)
				emit(st, carry(st, q->o), r->to, carry(st, q->s), carry(st, q->g));
		}
		if (!f->excluded)
			emit(st, carry(st, q->s), carry(st, q->p), carry(st, q->o), carry(st, q->g));
	}
	if (st->nbatch)
		oslo_graph_add_many(out, st->batch, st->nbatch);

	for (size_t i = 0; i < a->nqueries; i++)
		if (a->queries[i].dir == dir)
			oslo_construct_eval(a->queries[i].construct, in, out);

	oslo_free(targets);
	oslo_free(st->memo);
	oslo_free(st);
	oslo_free(pred_fate);
	oslo_free(class_fate);
	return out;
}
