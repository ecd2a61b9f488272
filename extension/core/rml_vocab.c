/*
 * rml_vocab.c
 *	  Reading an RML mapping graph: properties looked up by local name in
 *	  every RML vocabulary, and the plan's memory.
 */
#include "rml_compiler.h"

#include <stdio.h>
#include <string.h>

static const char *const vocabularies[] = {
    RML_NS,
    "http://www.w3.org/ns/r2rml#",
    "http://semweb.mmlab.be/ns/rml#",
    "http://semweb.mmlab.be/ns/ql#",
};
#define NVOCABULARIES (sizeof(vocabularies) / sizeof(vocabularies[0]))

void *
rml_plan_alloc(rml_mapping *m, size_t size)
{
	void *p;

	if (m->nblocks == m->blocks_cap)
	{
		m->blocks_cap = m->blocks_cap ? m->blocks_cap * 2 : 64;
		m->blocks = oslo_realloc(m->blocks, m->blocks_cap * sizeof(void *));
	}
	p = oslo_alloc0(size);
	m->blocks[m->nblocks++] = p;
	return p;
}

char *
rml_plan_strdup(rml_mapping *m, const char *s)
{
	size_t len = strlen(s);
	char *copy = rml_plan_alloc(m, len + 1);

	memcpy(copy, s, len + 1);
	return copy;
}

/* ---- reading the mapping graph ---- */

bool
rml_is_vocab(const oslo_graph *g, oslo_term_id id, const char *local)
{
	const oslo_term *t = id ? oslo_graph_term(g, id) : NULL;

	if (t == NULL || t->kind != OSLO_TERM_IRI)
		return false;
	for (size_t i = 0; i < NVOCABULARIES; i++)
	{
		size_t n = strlen(vocabularies[i]);

		if (strncmp(t->value, vocabularies[i], n) == 0 && strcmp(t->value + n, local) == 0)
			return true;
	}
	return false;
}

/* objects of (s, vocab:local, ?) in every vocabulary; returns how many */
size_t
rml_props(const compiler *c, oslo_term_id s, const char *local, oslo_term_id *out, size_t max)
{
	size_t n = 0;
	char iri[256];

	for (size_t i = 0; i < NVOCABULARIES; i++)
	{
		oslo_term_id p;
		oslo_match mt;
		oslo_quad q;

		snprintf(iri, sizeof(iri), "%s%s", vocabularies[i], local);
		p = oslo_graph_find_iri(c->g, iri, strlen(iri));
		if (p == 0)
			continue;
		oslo_match_init(&mt, c->g, s, p, 0, OSLO_ANY_GRAPH);
		while (oslo_match_next(&mt, &q))
		{
			if (n < max)
				out[n] = q.o;
			n++;
		}
	}
	return n;
}

/* the single object of (s, local, ?), 0 when absent; two are an error */
oslo_term_id
rml_prop(const compiler *c, oslo_term_id s, const char *local)
{
	oslo_term_id o[2];
	size_t n = rml_props(c, s, local, o, 2);

	if (n > 1)
		oslo_error(OSLO_ERR_PARAMETER, "%s: more than one rml:%s", c->where, local);
	return n ? o[0] : 0;
}

/* all objects of (s, local, ?) in plan memory */
oslo_term_id *
rml_props_all(const compiler *c, oslo_term_id s, const char *local, size_t *n)
{
	size_t count = rml_props(c, s, local, NULL, 0);
	oslo_term_id *ids = rml_plan_alloc(c->m, (count + 1) * sizeof(oslo_term_id));

	*n = rml_props(c, s, local, ids, count);
	return ids;
}

const char *
rml_string_value(const compiler *c, oslo_term_id id, const char *what)
{
	const oslo_term *t = oslo_graph_term(c->g, id);

	if (t->kind == OSLO_TERM_BLANK)
		oslo_error(OSLO_ERR_PARAMETER, "%s: rml:%s must be a literal or an IRI, not a blank node",
		           c->where, what);
	return t->value;
}

char *
rml_term_name(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);

	return t->kind == OSLO_TERM_IRI ? oslo_psprintf("<%s>", t->value)
	                                : oslo_psprintf("_:%s", t->value);
}
