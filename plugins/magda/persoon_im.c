/*
 * persoon_im.c
 *	  graph -> oslo-persoon-im: the PersonEnvelope JSON of the OSLO
 *	  MAGDA-Persoon implementation model, compacted against the context the
 *	  host passes as option "context".
 *
 * The core writer embeds blank nodes only; the IM also nests nodes that
 * have an IRI (the bron Organisatie, a country as Plaats or as
 * AdministratiefBeheerder), so each {"@id": X} whose X has statements is
 * replaced by X's own tree. Plain strings are written {"@value": ...} as the
 * IM's datavoorbeelden and swagger write them. The graph's Uitzondering
 * nodes (magda_uitzondering.c) become warning[]; a FOUT among them is raised.
 */
#include "magda.h"
#include "jsonld.h"
#include "jsonld_writer.h"
#include "oslo_terms.h"

#include <string.h>

/* deep enough for every IRI node of the IM; a guard against cycles */
#define MAX_IRI_NESTING 4

typedef struct im_writer
{
	const oslo_graph *g;
	const oslo_jsonld_context *ctx;
	jld_arena *arena;
} im_writer;

/* true when id is the object of some statement (it is nested, not a root) */
static bool
is_referenced(const oslo_graph *g, oslo_term_id id)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, g, 0, 0, id, OSLO_ANY_GRAPH);
	return oslo_match_next(&m, &q);
}

static bool
is_subject(const oslo_graph *g, oslo_term_id id)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, g, id, 0, 0, OSLO_ANY_GRAPH);
	return oslo_match_next(&m, &q);
}

static oslo_term_id
find_iri(const oslo_graph *g, const char *iri)
{
	return oslo_graph_find_iri(g, iri, strlen(iri));
}

/*
 * The one GeregistreerdPersoon that no statement points to. A graph with
 * several (e.g. several responses merged) is refused rather than have one
 * picked silently: the IM envelope carries one person.
 */
static oslo_term_id
envelope_person(const oslo_graph *g)
{
	oslo_term_id type = find_iri(g, OSLO_RDF_TYPE);
	oslo_term_id cls = find_iri(g, T_GEREGISTREERD_PERSOON);
	oslo_term_id found = 0;
	int count = 0;
	oslo_match m;
	oslo_quad q;

	if (type && cls)
	{
		oslo_match_init(&m, g, 0, type, cls, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, &q))
		{
			oslo_check_interrupts();
			if (q.s != found && !is_referenced(g, q.s))
			{
				found = q.s;
				count++;
			}
		}
	}
	if (count == 0)
		oslo_error(OSLO_ERR_DATA,
		           "oslo-persoon-im needs a graph with one <%s>; this graph has none "
		           "(a GeefPersoon answer without Persoon?)",
		           T_GEREGISTREERD_PERSOON);
	if (count > 1)
		oslo_error(OSLO_ERR_DATA,
		           "oslo-persoon-im writes one person per PersonEnvelope; this graph has %d "
		           "top-level <%s> nodes",
		           count, T_GEREGISTREERD_PERSOON);
	return found;
}

/* the last segment of an IRI object of s by p, or "?" */
static const char *
object_code(const oslo_graph *g, oslo_term_id s, const char *p, size_t *len)
{
	oslo_term_id pid = find_iri(g, p);
	oslo_term_id o = pid ? oslo_graph_object(g, s, pid) : 0;
	const oslo_term *t = o ? oslo_graph_term(g, o) : NULL;
	const char *slash;

	if (t == NULL)
	{
		*len = 1;
		return "?";
	}
	slash = strrchr(t->value, '/');
	slash = slash ? slash + 1 : t->value;
	*len = t->len - (size_t)(slash - t->value);
	return slash;
}

/*
 * A FOUT in the answer: no PersonEnvelope, as the IM's API answers a
 * problem with a Problemdetail rather than with data. DETAIL names each
 * FOUT's MAGDA code, oorsprong and diagnose.
 */
static void
raise_fouten(const oslo_graph *g, const oslo_term_id *uitzonderingen, size_t n)
{
	oslo_term_id type_p = find_iri(g, T_TYPE);
	oslo_term_id fout = find_iri(g, CL_UITZONDERING_TYPE "FOUT");
	oslo_term_id diagnose_p = find_iri(g, T_DIAGNOSE);
	oslo_buf detail;
	size_t fouten = 0;

	if (!type_p || !fout)
		return;
	oslo_buf_init(&detail);
	for (size_t i = 0; i < n; i++)
	{
		const oslo_term *iri = oslo_graph_term(g, uitzonderingen[i]);
		oslo_term_id diagnose =
		    diagnose_p ? oslo_graph_object(g, uitzonderingen[i], diagnose_p) : 0;
		const char *code = strrchr(iri->value, '/');
		const char *oorsprong;
		size_t oorsprong_len;

		if (!oslo_graph_contains(g, uitzonderingen[i], type_p, fout, 0))
			continue;
		oorsprong = object_code(g, uitzonderingen[i], T_OORSPRONG, &oorsprong_len);
		oslo_buf_puts(&detail, fouten++ ? "; Uitzondering " : "Uitzondering ");
		oslo_buf_puts(&detail, code ? code + 1 : iri->value);
		oslo_buf_puts(&detail, " (");
		oslo_buf_append(&detail, oorsprong, oorsprong_len);
		oslo_buf_puts(&detail, ", FOUT): ");
		if (diagnose)
			oslo_buf_append(&detail, oslo_graph_term(g, diagnose)->value,
			                oslo_graph_term(g, diagnose)->len);
	}
	if (fouten > 0)
		oslo_error_detail(OSLO_ERR_DATA, detail.data,
		                  "MAGDA answered the GeefPersoon question with %zu FOUT Uitzondering%s; "
		                  "there is no PersonEnvelope",
		                  fouten, fouten > 1 ? "en" : "");
	oslo_buf_free(&detail);
}

/* the Uitzondering nodes outside the person tree, in graph order */
static oslo_term_id *
find_uitzonderingen(const oslo_graph *g, size_t *n)
{
	oslo_term_id type = find_iri(g, OSLO_RDF_TYPE);
	oslo_term_id cls = find_iri(g, T_UITZONDERING);
	size_t cap = 4;
	oslo_term_id *out = oslo_alloc(cap * sizeof(oslo_term_id));
	oslo_match m;
	oslo_quad q;

	*n = 0;
	if (type && cls)
	{
		oslo_match_init(&m, g, 0, type, cls, OSLO_ANY_GRAPH);
		while (oslo_match_next(&m, &q))
		{
			if (is_referenced(g, q.s))
				continue;
			if (*n == cap)
			{
				cap *= 2;
				out = oslo_realloc(out, cap * sizeof(oslo_term_id));
			}
			out[(*n)++] = q.s;
		}
	}
	return out;
}

static jld_value *node_tree(im_writer *w, oslo_term_id id, int nesting);

/* {"@id": X} alone, with X a node of the graph that has statements */
static oslo_term_id
nestable_reference(im_writer *w, const jld_value *v)
{
	oslo_term_id id;

	if (v->kind != JLD_OBJECT || v->count != 1 || strcmp(v->members[0].key, "@id") != 0 ||
	    v->members[0].value->kind != JLD_STRING)
		return 0;
	id = oslo_graph_find_iri(w->g, v->members[0].value->str, v->members[0].value->len);
	return id && is_subject(w->g, id) ? id : 0;
}

static jld_value *
value_object(im_writer *w, jld_value *s)
{
	jld_value *o = jld_object(w->arena);

	jld_set(w->arena, o, "@value", s);
	return o;
}

/* nest IRI nodes and write plain strings as {"@value": ...}, in place */
static jld_value *
shape(im_writer *w, jld_value *v, bool property_value, int nesting)
{
	oslo_term_id nested;

	oslo_check_interrupts();
	if (v->kind == JLD_STRING)
		return property_value ? value_object(w, v) : v;
	if (v->kind == JLD_ARRAY)
	{
		for (size_t i = 0; i < v->count; i++)
			v->items[i] = shape(w, v->items[i], property_value, nesting);
		return v;
	}
	if (v->kind != JLD_OBJECT)
		return v;
	if (nesting < MAX_IRI_NESTING && (nested = nestable_reference(w, v)) != 0)
		return node_tree(w, nested, nesting + 1);
	for (size_t i = 0; i < v->count; i++)
		if (v->members[i].key[0] != '@')
			v->members[i].value = shape(w, v->members[i].value, true, nesting);
	return v;
}

/* the compacted tree of one node, shaped */
static jld_value *
node_tree(im_writer *w, oslo_term_id id, int nesting)
{
	oslo_jsonld_options opts;
	oslo_buf out;
	jld_value *v;

	memset(&opts, 0, sizeof(opts));
	opts.root = id;
	opts.compact_arrays = true;
	oslo_buf_init(&out);
	oslo_jsonld_write_compacted(w->g, w->ctx, &opts, &out);
	v = jld_parse(w->arena, out.data, out.len);
	oslo_buf_free(&out);
	return shape(w, v, false, nesting);
}

void
magda_write_persoon_im(const oslo_data *input, const char *options_json, oslo_data *output)
{
	bool is_string = false;
	char *context = magda_option(options_json, "context", &is_string);
	im_writer w;
	oslo_term_id person;
	oslo_term_id *uitzonderingen;
	size_t nuitzonderingen;
	jld_value *envelope;
	oslo_buf out;

	if (context == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "writing oslo-persoon-im needs option \"context\": the JSON-LD context "
		           "document of %s (mappings/magda/persoon-im.context.jsonld)",
		           MAGDA_PERSOON_IM_CONTEXT);
	if (is_string && context[strspn(context, " \t\r\n")] != '{')
		oslo_error(OSLO_ERR_PARAMETER,
		           "option \"context\" must be the context document, not a reference (\"%s\")",
		           context);
	w.g = input->graph;
	/* parsed once per process: the same context arrives with every message */
	w.ctx = oslo_jsonld_context_cached(context, strlen(context));
	oslo_free(context);

	uitzonderingen = find_uitzonderingen(w.g, &nuitzonderingen);
	raise_fouten(w.g, uitzonderingen, nuitzonderingen);
	person = envelope_person(w.g);

	w.arena = jld_arena_new();
	envelope = jld_object(w.arena);
	jld_set(w.arena, envelope, "@context", jld_string(w.arena, MAGDA_PERSOON_IM_CONTEXT));
	jld_set(w.arena, envelope, "@type", jld_string(w.arena, "PersonEnvelope"));
	if (nuitzonderingen > 0)
	{
		jld_value *warning = jld_array(w.arena);

		for (size_t i = 0; i < nuitzonderingen; i++)
			jld_push(w.arena, warning, node_tree(&w, uitzonderingen[i], 0));
		jld_set(w.arena, envelope, "warning", warning);
	}
	jld_set(w.arena, envelope, "data", node_tree(&w, person, 0));
	oslo_free(uitzonderingen);

	oslo_buf_init(&out);
	jld_serialize(envelope, &out);
	jld_arena_free(w.arena);

	output->kind = OSLO_DATA_BYTES;
	output->bytes = out.data;
	output->len = out.len;
}
