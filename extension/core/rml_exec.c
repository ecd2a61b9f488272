/*
 * rml_exec.c
 *	  Run a compiled RML mapping: for every record of every triples map,
 *	  generate subject, predicates, objects and graphs and add the quads.
 *	  Referencing object maps join through a hash index on the parent's
 *	  join values, built once per referencing object map.
 */
#include "rml_source.h"
#include "rdf_syntax.h"

#include <string.h>

#define RML_MAX_TEMPLATE_VALUES 100000
#define CONSTANT_SLOTS          64

typedef struct term_list
{
	oslo_term_id *ids;
	size_t n;
	size_t cap;
} term_list;

/* one parent record of a join: its subjects and the values of conditions 1.. */
typedef struct join_entry
{
	oslo_term_id *subjects;
	size_t nsubjects;
	rml_values *conds; /* njoins - 1 value lists */
} join_entry;

typedef struct join_node
{
	char *key;
	size_t entry;
	struct join_node *next;
} join_node;

typedef struct join_index
{
	const rml_object_map *om;
	join_entry *entries;
	size_t nentries;
	join_node **buckets;
	size_t nbuckets;
	struct join_index *next;
} join_index;

typedef struct exec
{
	const rml_mapping *m;
	rml_source_loader loader;
	void *arg;
	oslo_graph *out;
	rml_doc **docs;
	size_t ndocs;
	join_index *indexes;
	oslo_term_id rdf_type;
	/* rml_apply_batched: out is handed to sink and renewed every batch_size statements */
	rml_batch_sink sink;
	void *sink_arg;
	size_t batch_size;
	rml_warning_sink warn; /* NULL: warnings are notices */
	void *warn_arg;
	/* rml_apply_xml: the source of this name is a document the caller parsed */
	const char *parsed_name;
	xmlDocPtr parsed;
	/* scratch kept across records: values, template pieces */
	rml_values generated, template_refs;
	oslo_buf template_buf;
	/* the term of each constant term map in out (reset with out) */
	const rml_term_map *constant_maps[CONSTANT_SLOTS];
	oslo_term_id constant_terms[CONSTANT_SLOTS];
} exec;

static void
terms_push(term_list *l, oslo_term_id id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return;
	if (l->n == l->cap)
	{
		l->cap = l->cap ? l->cap * 2 : 8;
		l->ids = oslo_realloc(l->ids, l->cap * sizeof(oslo_term_id));
	}
	l->ids[l->n++] = id;
}

static rml_doc *
load_doc(exec *x, const rml_logical_source *ls, const char *where)
{
	for (size_t i = 0; i < x->ndocs; i++)
		if (x->docs[i]->formulation == ls->formulation && strcmp(x->docs[i]->name, ls->source) == 0)
			return x->docs[i];
	x->docs = oslo_realloc(x->docs, (x->ndocs + 1) * sizeof(rml_doc *));
	if (x->parsed && ls->formulation == RML_XPATH && strcmp(ls->source, x->parsed_name) == 0)
		x->docs[x->ndocs] = rml_doc_borrow_xml(ls->source, x->parsed);
	else
		x->docs[x->ndocs] = rml_doc_load(x->m, ls, x->loader, x->arg, where);
	return x->docs[x->ndocs++];
}

/* ---- values of a term map ---- */

/*
 * The common case: every reference of the template has exactly one value,
 * so the template makes one string, built in place. Returns false, having
 * added nothing, when some reference has several (the general product).
 */
static bool
expand_template_single(exec *x, const rml_term_map *tm, const rml_records *r, size_t i,
                       rml_values *out)
{
	rml_values *refs = &x->template_refs;
	bool encode = tm->type == RML_IRI || tm->type == RML_URI;
	oslo_buf *b = &x->template_buf;
	size_t k = 0;

	rml_values_clear(refs);
	for (size_t p = 0; p < tm->nparts; p++)
		if (tm->parts[p].ref)
		{
			size_t before = refs->n;

			rml_eval_ref(r, i, tm->parts[p].ref, refs);
			if (refs->n == before)
				return true; /* a reference without a value: no term */
			if (refs->n > before + 1)
				return false;
		}
	oslo_buf_reset(b);
	for (size_t p = 0; p < tm->nparts; p++)
	{
		const char *text = tm->parts[p].ref ? refs->items[k++].text : tm->parts[p].text;

		if (tm->parts[p].ref && encode)
			rml_append_iri_safe(b, text, strlen(text), tm->type == RML_IRI);
		else if (tm->parts[p].ref)
			oslo_buf_puts(b, text);
		else
			oslo_buf_append(b, text, tm->parts[p].len);
	}
	rml_values_push(out, b->data ? b->data : "", b->len, NULL);
	return true;
}

static void
expand_template(exec *x, const rml_term_map *tm, const rml_records *r, size_t i, rml_values *out)
{
	rml_values acc = {0}, next = {0}, vals = {0};
	bool encode = tm->type == RML_IRI || tm->type == RML_URI;
	oslo_buf b;

	if (expand_template_single(x, tm, r, i, out))
		return;
	oslo_buf_init(&b);
	rml_values_push(&acc, "", 0, NULL);
	for (size_t p = 0; p < tm->nparts && acc.n > 0; p++)
	{
		const rml_template_part *part = &tm->parts[p];

		rml_values_clear(&vals);
		if (part->ref)
			rml_eval_ref(r, i, part->ref, &vals);
		else
			rml_values_push(&vals, part->text, part->len, NULL);
		rml_values_clear(&next);
		/* multi-valued references multiply: refuse a product no mapping means to make */
		if (vals.n > 0 && acc.n > RML_MAX_TEMPLATE_VALUES / vals.n)
			oslo_error(OSLO_ERR_LIMIT,
			           "%s: template reference \"%s\" yields more than %d combined values",
			           r->where, part->ref ? part->ref->text : part->text, RML_MAX_TEMPLATE_VALUES);
		for (size_t a = 0; a < acc.n; a++)
			for (size_t v = 0; v < vals.n; v++)
			{
				oslo_buf_reset(&b);
				oslo_buf_puts(&b, acc.items[a].text);
				if (part->ref && encode)
					rml_append_iri_safe(&b, vals.items[v].text, strlen(vals.items[v].text),
					                    tm->type == RML_IRI);
				else
					oslo_buf_puts(&b, vals.items[v].text);
				rml_values_push(&next, b.data, b.len, NULL);
			}
		{
			rml_values t = acc;

			acc = next;
			next = t;
		}
	}
	for (size_t a = 0; a < acc.n; a++)
		rml_values_push(out, acc.items[a].text, strlen(acc.items[a].text), NULL);
	rml_values_free(&acc);
	rml_values_free(&next);
	rml_values_free(&vals);
	oslo_buf_free(&b);
}

static void term_map_values(exec *x, const rml_term_map *tm, const rml_records *r, size_t i,
                            rml_values *out);

/* the values of each input on record i, then the function on them */
static void
call_function(exec *x, const rml_function_call *call, const rml_records *r, size_t i,
              rml_values *out)
{
	rml_values args[RML_FN_MAX_PARAMS];
	rml_fn_input in[RML_FN_MAX_PARAMS];
	rml_fn_env env = {.where = r->where, .warn = x->warn, .warn_arg = x->warn_arg};

	/* its name and line are looked up only if a message needs them */
	if (r->ls->formulation == RML_XPATH)
		env.record = r->stream ? r->items[0] : r->items[i];

	memset(args, 0, sizeof(args));
	memset(in, 0, sizeof(in));
	for (size_t k = 0; k < RML_FN_MAX_PARAMS; k++)
	{
		const rml_term_map *input = call->inputs[k];

		if (input == NULL)
			continue;
		term_map_values(x, input, r, i, &args[k]);
		in[k].values = &args[k];
		in[k].source = input->kind == RML_REFERENCE ? input->ref->text : NULL;
	}
	call->function->call(in, &env, out);
	for (size_t k = 0; k < RML_FN_MAX_PARAMS; k++)
		rml_values_free(&args[k]);
}

/* the lexical values a term map yields on record i (no term made yet) */
static void
term_map_values(exec *x, const rml_term_map *tm, const rml_records *r, size_t i, rml_values *out)
{
	switch (tm->kind)
	{
		case RML_FUNCTION:
			call_function(x, tm->call, r, i, out);
			break;
		case RML_CONSTANT:
			rml_values_push(out, tm->constant, strlen(tm->constant), NULL);
			break;
		case RML_REFERENCE:
			rml_eval_ref(r, i, tm->ref, out);
			break;
		case RML_TEMPLATE:
			expand_template(x, tm, r, i, out);
			break;
		case RML_FRESH_BLANK: /* no lexical value */
			break;
	}
}

/* ---- terms ---- */

static oslo_term_id
make_iri(exec *x, const rml_records *r, const char *base, const char *value, bool check)
{
	oslo_term_id id;

	if (!oslo_iri_is_absolute(value))
	{
		char *iri;

		if (base == NULL)
			oslo_error(OSLO_ERR_DATA, "%s: generated relative IRI \"%s\" and no base IRI is set",
			           r->where, value);
		iri = oslo_psprintf("%s%s", base, value);
		if (check && !rml_iri_chars_valid(iri))
			oslo_error(OSLO_ERR_DATA, "%s: generated IRI \"%s\" is not a valid IRI", r->where, iri);
		id = oslo_graph_iri_cstr(x->out, iri);
		oslo_free(iri);
		return id;
	}
	if (check && !rml_iri_chars_valid(value))
		oslo_error(OSLO_ERR_DATA, "%s: generated IRI \"%s\" is not a valid IRI", r->where, value);
	return oslo_graph_iri_cstr(x->out, value);
}

/* the first value of a language or datatype map, or NULL (caller frees) */
static char *
first_value(exec *x, const rml_term_map *tm, const rml_records *r, size_t i)
{
	rml_values v = {0};
	char *s = NULL;

	term_map_values(x, tm, r, i, &v);
	if (v.n > 0)
		s = oslo_strdup(v.items[0].text);
	rml_values_free(&v);
	return s;
}

static oslo_term_id
make_literal(exec *x, const rml_term_map *tm, const rml_triples_map *owner, const rml_records *r,
             size_t i, const rml_value *v)
{
	char *lang = NULL, *dt = NULL;
	const char *datatype = NULL;
	oslo_term_id id;

	if (tm->kind == RML_CONSTANT)
		return oslo_graph_literal_cstr(x->out, v->text, tm->constant_datatype, tm->constant_lang);
	if (tm->language_map)
	{
		lang = first_value(x, tm->language_map, r, i);
		if (lang == NULL)
			return 0;
		if (!rml_language_tag_valid(lang))
			oslo_error(OSLO_ERR_DATA, "%s: language map value \"%s\" is not a valid language tag",
			           r->where, lang);
	}
	if (tm->datatype_map)
	{
		dt = first_value(x, tm->datatype_map, r, i);
		if (dt == NULL)
			return 0;
		if (!oslo_iri_is_absolute(dt))
		{
			char *abs;

			if (owner->base_iri == NULL)
				oslo_error(OSLO_ERR_DATA, "%s: relative datatype IRI \"%s\" and no base IRI",
				           r->where, dt);
			abs = oslo_psprintf("%s%s", owner->base_iri, dt);
			oslo_free(dt);
			dt = abs;
		}
		datatype = dt;
	}
	else if (tm->datatype)
		datatype = tm->datatype;
	else if (tm->kind == RML_REFERENCE && !tm->language && !lang)
		datatype = v->datatype; /* the natural datatype of a JSON number or boolean */
	id = oslo_graph_literal_cstr(x->out, v->text, datatype, lang ? lang : tm->language);
	oslo_free(lang);
	oslo_free(dt);
	return id;
}

/* a constant term map's term, made once per output graph */
static oslo_term_id
constant_term(exec *x, const rml_term_map *tm, const rml_triples_map *owner, const rml_records *r,
              size_t i)
{
	size_t slot = ((uintptr_t)tm >> 4) % CONSTANT_SLOTS;
	oslo_term_id id;

	if (x->constant_maps[slot] == tm)
		return x->constant_terms[slot];
	if (tm->type == RML_LITERAL)
		id =
		    oslo_graph_literal_cstr(x->out, tm->constant, tm->constant_datatype, tm->constant_lang);
	else
		id = make_iri(x, r, owner->base_iri, tm->constant, tm->type != RML_UNSAFE_IRI);
	/* relative constants depend on the owner's base: cache absolute ones only */
	if (oslo_iri_is_absolute(tm->constant) || tm->type == RML_LITERAL)
	{
		x->constant_maps[slot] = tm;
		x->constant_terms[slot] = id;
	}
	(void)i;
	return id;
}

static void
generate(exec *x, const rml_term_map *tm, const rml_triples_map *owner, const rml_records *r,
         size_t i, term_list *out)
{
	rml_values *vals = &x->generated;

	out->n = 0;
	if (tm->kind == RML_FRESH_BLANK)
	{
		terms_push(out, oslo_graph_fresh_blank(x->out));
		return;
	}
	if (tm->kind == RML_CONSTANT)
	{
		terms_push(out, constant_term(x, tm, owner, r, i));
		return;
	}
	rml_values_clear(vals);
	term_map_values(x, tm, r, i, vals);
	for (size_t k = 0; k < vals->n; k++)
	{
		const rml_value *v = &vals->items[k];
		oslo_term_id id = 0;

		switch (tm->type)
		{
			case RML_IRI:
			case RML_URI:
			case RML_UNSAFE_IRI:
				/* an encoded template of valid pieces cannot make an invalid IRI */
				id = make_iri(x, r, owner->base_iri, v->text,
				              tm->type != RML_UNSAFE_IRI &&
				                  !(tm->kind == RML_TEMPLATE && tm->template_iri_safe));
				break;
			case RML_BLANK:
				id = oslo_graph_blank(x->out, v->text, strlen(v->text));
				break;
			case RML_LITERAL:
				id = make_literal(x, tm, owner, r, i, v);
				break;
		}
		if (id)
			terms_push(out, id);
	}
}

/* graph terms of graph maps; rml:defaultGraph is graph 0 */
static void
generate_graphs(exec *x, rml_term_map *const *maps, size_t n, const rml_triples_map *owner,
                const rml_records *r, size_t i, term_list *scratch, term_list *out)
{
	for (size_t g = 0; g < n; g++)
	{
		generate(x, maps[g], owner, r, i, scratch);
		for (size_t k = 0; k < scratch->n; k++)
		{
			const oslo_term *t = oslo_graph_term(x->out, scratch->ids[k]);

			bool is_default =
			    strcmp(t->value, RML_DEFAULT_GRAPH) == 0 || strcmp(t->value, RR_DEFAULT_GRAPH) == 0;

			terms_push(out, is_default ? 0 : scratch->ids[k]);
		}
	}
}

/* ---- joins ---- */

static uint32_t
key_hash(const char *s)
{
	return oslo_hash_bytes(OSLO_HASH_SEED, s, strlen(s));
}

static bool
same_source(const rml_logical_source *a, const rml_logical_source *b)
{
	return a->formulation == b->formulation && strcmp(a->source, b->source) == 0 &&
	       ((a->iterator == NULL && b->iterator == NULL) ||
	        (a->iterator && b->iterator && strcmp(a->iterator, b->iterator) == 0));
}

static join_index *
build_join_index(exec *x, const rml_object_map *om)
{
	const rml_triples_map *parent = &x->m->maps[om->parent];
	join_index *ix = oslo_alloc0(sizeof(join_index));
	rml_records r;
	term_list subjects = {0};
	rml_values keys = {0};
	size_t cap = 0;

	ix->om = om;
	rml_records_open(&r, &parent->source, load_doc(x, &parent->source, parent->name), parent->name);
	ix->nbuckets = 64;
	while (ix->nbuckets < r.n * 2)
		ix->nbuckets *= 2;
	ix->buckets = oslo_alloc0(ix->nbuckets * sizeof(join_node *));
	for (size_t i = 0; i < r.n; i++)
	{
		join_entry *e;

		if (i % 4096 == 4095)
			oslo_check_interrupts();
		generate(x, parent->subject, parent, &r, i, &subjects);
		if (subjects.n == 0)
			continue;
		if (ix->nentries == cap)
		{
			cap = cap ? cap * 2 : 64;
			ix->entries = oslo_realloc(ix->entries, cap * sizeof(join_entry));
		}
		e = &ix->entries[ix->nentries];
		e->nsubjects = subjects.n;
		e->subjects = oslo_alloc(subjects.n * sizeof(oslo_term_id));
		memcpy(e->subjects, subjects.ids, subjects.n * sizeof(oslo_term_id));
		e->conds = om->njoins > 1 ? oslo_alloc0((om->njoins - 1) * sizeof(rml_values)) : NULL;
		for (size_t j = 1; j < om->njoins; j++)
			term_map_values(x, om->joins[j].parent, &r, i, &e->conds[j - 1]);
		rml_values_clear(&keys);
		if (om->njoins > 0)
			term_map_values(x, om->joins[0].parent, &r, i, &keys);
		else
			rml_values_push(&keys, "", 0, NULL); /* no condition: every parent joins */
		for (size_t k = 0; k < keys.n; k++)
		{
			join_node *node = oslo_alloc(sizeof(join_node));
			uint32_t b = key_hash(keys.items[k].text) & (uint32_t)(ix->nbuckets - 1);

			node->key = oslo_strdup(keys.items[k].text);
			node->entry = ix->nentries;
			node->next = ix->buckets[b];
			ix->buckets[b] = node;
		}
		ix->nentries++;
	}
	rml_values_free(&keys);
	oslo_free(subjects.ids);
	rml_records_close(&r);
	ix->next = x->indexes;
	x->indexes = ix;
	return ix;
}

static void
free_join_index(join_index *ix)
{
	for (size_t b = 0; b < ix->nbuckets; b++)
		for (join_node *n = ix->buckets[b], *next; n; n = next)
		{
			next = n->next;
			oslo_free(n->key);
			oslo_free(n);
		}
	for (size_t e = 0; e < ix->nentries; e++)
	{
		for (size_t j = 0; j + 1 < ix->om->njoins; j++)
			rml_values_free(&ix->entries[e].conds[j]);
		oslo_free(ix->entries[e].conds);
		oslo_free(ix->entries[e].subjects);
	}
	oslo_free(ix->entries);
	oslo_free(ix->buckets);
	oslo_free(ix);
}

static bool
values_intersect(const rml_values *a, const rml_values *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (strcmp(a->items[i].text, b->items[j].text) == 0)
				return true;
	return false;
}

/* the parent subjects a referencing object map yields on child record i */
static void
join_objects(exec *x, const rml_triples_map *child, const rml_object_map *om, const rml_records *r,
             size_t i, term_list *out)
{
	const rml_triples_map *parent = &x->m->maps[om->parent];
	join_index *ix;
	rml_values keys = {0}, other = {0};

	out->n = 0;
	if (om->njoins == 0 && same_source(&child->source, &parent->source))
	{
		generate(x, parent->subject, parent, r, i, out);
		return;
	}
	for (ix = x->indexes; ix && ix->om != om; ix = ix->next)
		;
	if (ix == NULL)
		ix = build_join_index(x, om);
	if (om->njoins > 0)
		term_map_values(x, om->joins[0].child, r, i, &keys);
	else
		rml_values_push(&keys, "", 0, NULL);
	for (size_t k = 0; k < keys.n; k++)
	{
		uint32_t b = key_hash(keys.items[k].text) & (uint32_t)(ix->nbuckets - 1);

		for (join_node *n = ix->buckets[b]; n; n = n->next)
		{
			const join_entry *e = &ix->entries[n->entry];
			bool match = strcmp(n->key, keys.items[k].text) == 0;

			for (size_t j = 1; match && j < om->njoins; j++)
			{
				rml_values_clear(&other);
				term_map_values(x, om->joins[j].child, r, i, &other);
				match = values_intersect(&other, &e->conds[j - 1]);
			}
			if (match)
				for (size_t s = 0; s < e->nsubjects; s++)
					terms_push(out, e->subjects[s]);
		}
	}
	rml_values_free(&keys);
	rml_values_free(&other);
}

/* ---- triples maps ---- */

typedef struct scratch
{
	term_list subjects, sgraphs, graphs, preds, objs, tmp;
} scratch;

static void
add_all(exec *x, const term_list *s, const term_list *p, const term_list *o, const term_list *g)
{
	for (size_t a = 0; a < s->n; a++)
		for (size_t b = 0; b < p->n; b++)
			for (size_t c = 0; c < o->n; c++)
				for (size_t d = 0; d < g->n; d++)
					oslo_graph_add(x->out, s->ids[a], p->ids[b], o->ids[c], g->ids[d]);
}

static void
run_record(exec *x, const rml_triples_map *tm, const rml_records *r, size_t i, scratch *w)
{
	generate(x, tm->subject, tm, r, i, &w->subjects);
	if (w->subjects.n == 0)
		return;
	w->sgraphs.n = 0;
	generate_graphs(x, tm->subject_graphs, tm->nsubject_graphs, tm, r, i, &w->tmp, &w->sgraphs);
	if (tm->nclasses)
	{
		term_list classes = {0};

		for (size_t c = 0; c < tm->nclasses; c++)
			terms_push(&classes, oslo_graph_iri_cstr(x->out, tm->classes[c]));
		w->preds.n = 0;
		terms_push(&w->preds, x->rdf_type);
		w->graphs.n = 0;
		for (size_t g = 0; g < w->sgraphs.n; g++)
			terms_push(&w->graphs, w->sgraphs.ids[g]);
		if (w->graphs.n == 0)
			terms_push(&w->graphs, 0);
		add_all(x, &w->subjects, &w->preds, &classes, &w->graphs);
		oslo_free(classes.ids);
	}
	for (size_t p = 0; p < tm->npoms; p++)
	{
		const rml_pom *pom = &tm->poms[p];

		w->preds.n = 0;
		for (size_t k = 0; k < pom->npredicates; k++)
		{
			generate(x, pom->predicates[k], tm, r, i, &w->tmp);
			for (size_t t = 0; t < w->tmp.n; t++)
				terms_push(&w->preds, w->tmp.ids[t]);
		}
		if (w->preds.n == 0)
			continue;
		w->graphs.n = 0;
		for (size_t g = 0; g < w->sgraphs.n; g++)
			terms_push(&w->graphs, w->sgraphs.ids[g]);
		generate_graphs(x, pom->graphs, pom->ngraphs, tm, r, i, &w->tmp, &w->graphs);
		if (w->graphs.n == 0)
			terms_push(&w->graphs, 0);
		for (size_t o = 0; o < pom->nobjects; o++)
		{
			const rml_object_map *om = &pom->objects[o];

			if (om->term)
				generate(x, om->term, tm, r, i, &w->objs);
			else
				join_objects(x, tm, om, r, i, &w->objs);
			add_all(x, &w->subjects, &w->preds, &w->objs, &w->graphs);
		}
	}
}

/* hand a full batch to the sink; the terms of the next one start afresh */
static void
flush_batch(exec *x)
{
	x->sink(x->out, x->sink_arg);
	oslo_graph_clear(x->out);
	x->rdf_type = oslo_graph_iri_cstr(x->out, OSLO_RDF_TYPE);
	memset(x->constant_maps, 0, sizeof(x->constant_maps));
}

static void
run_triples_map(exec *x, const rml_triples_map *tm)
{
	rml_records r;
	scratch w = {0};
	size_t i, count = 0;

	rml_records_open(&r, &tm->source, load_doc(x, &tm->source, tm->name), tm->name);
	while (rml_records_next(&r, &i))
	{
		if (++count % 4096 == 0)
			oslo_check_interrupts();
		run_record(x, tm, &r, i, &w);
		if (oslo_graph_size(x->out) >= x->batch_size)
			flush_batch(x);
	}
	rml_records_close(&r);
	oslo_free(w.subjects.ids);
	oslo_free(w.sgraphs.ids);
	oslo_free(w.graphs.ids);
	oslo_free(w.preds.ids);
	oslo_free(w.objs.ids);
	oslo_free(w.tmp.ids);
}

static void
apply(exec *x)
{
	oslo_buf_init(&x->template_buf);
	x->rdf_type = oslo_graph_iri_cstr(x->out, OSLO_RDF_TYPE);
	for (size_t t = 0; t < x->m->nmaps; t++)
		run_triples_map(x, &x->m->maps[t]);
	for (join_index *ix = x->indexes, *next; ix; ix = next)
	{
		next = ix->next;
		free_join_index(ix);
	}
	for (size_t d = 0; d < x->ndocs; d++)
		rml_doc_free(x->docs[d]);
	oslo_free(x->docs);
	rml_values_free(&x->generated);
	rml_values_free(&x->template_refs);
	oslo_buf_free(&x->template_buf);
}

void
rml_apply(const rml_mapping *m, rml_source_loader loader, void *arg, oslo_graph *out)
{
	rml_apply_with_warnings(m, loader, arg, out, NULL, NULL);
}

void
rml_apply_with_warnings(const rml_mapping *m, rml_source_loader loader, void *arg, oslo_graph *out,
                        rml_warning_sink warn, void *warn_arg)
{
	exec x = {.m = m,
	          .loader = loader,
	          .arg = arg,
	          .out = out,
	          .batch_size = SIZE_MAX,
	          .warn = warn,
	          .warn_arg = warn_arg};

	apply(&x);
}

void
rml_apply_batched(const rml_mapping *m, rml_source_loader loader, void *arg, size_t batch_size,
                  rml_batch_sink sink, void *sink_arg)
{
	exec x = {.m = m, .loader = loader, .arg = arg, .sink = sink, .sink_arg = sink_arg};

	/* join indexes and fresh blank nodes are term ids of one graph: keep a single batch */
	x.batch_size = rml_mapping_batchable(m) && batch_size > 0 ? batch_size : SIZE_MAX;
	x.out = oslo_graph_new();
	apply(&x);
	sink(x.out, sink_arg);
	oslo_graph_free(x.out);
}

void
rml_apply_xml(const rml_mapping *m, const char *source_name, xmlDocPtr doc, oslo_graph *out,
              rml_warning_sink warn, void *warn_arg)
{
	exec x = {.m = m,
	          .out = out,
	          .batch_size = SIZE_MAX,
	          .warn = warn,
	          .warn_arg = warn_arg,
	          .parsed_name = source_name,
	          .parsed = doc};

	apply(&x);
}
