/*
 * jsonld_api.c
 *	  The JSON-LD 1.1 API on JSON text (see jsonld_api.h).
 */
#include "jsonld_api.h"
#include "jld_internal.h"

#include <string.h>

static bool
option_bool(const jld_member *m)
{
	if (m->value->kind != JLD_BOOL)
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD option \"%s\" must be true or false", m->key);
	return m->value->boolean;
}

static const char *
option_string(const jld_member *m)
{
	if (m->value->kind != JLD_STRING)
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD option \"%s\" must be a string", m->key);
	return m->value->str;
}

/* a string expandContext names a remote context: load it like any other */
static const jld_value *
load_expand_context(jld_arena *a, const char *iri, const jld_options *o)
{
	const char *text = o->load_document ? o->load_document(iri, o->loader_arg) : NULL;

	if (text == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "loading remote context failed: %s: not in the context catalog (contexts are "
		           "never fetched from the network)",
		           iri);
	return jld_parse(a, text, strlen(text));
}

static void
parse_options(jld_arena *a, const char *json, jld_options *o)
{
	jld_value *v;

	if (json == NULL || *json == '\0')
		return;
	v = jld_parse(a, json, strlen(json));
	if (v->kind != JLD_OBJECT)
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD options must be a JSON object");
	for (size_t i = 0; i < v->count; i++)
	{
		const jld_member *m = &v->members[i];

		if (strcmp(m->key, "base") == 0)
			o->base = option_string(m);
		else if (strcmp(m->key, "expandContext") == 0)
			o->expand_context =
			    m->value->kind == JLD_STRING ? load_expand_context(a, m->value->str, o) : m->value;
		else if (strcmp(m->key, "processingMode") == 0)
			o->processing_mode = option_string(m);
		else if (strcmp(m->key, "rdfDirection") == 0)
			o->rdf_direction = m->value->kind == JLD_NULL ? NULL : option_string(m);
		else if (strcmp(m->key, "produceGeneralizedRdf") == 0)
			o->produce_generalized_rdf = option_bool(m);
		else if (strcmp(m->key, "compactArrays") == 0)
			o->compact_arrays = option_bool(m);
		else if (strcmp(m->key, "compactToRelative") == 0)
			o->compact_to_relative = option_bool(m);
		else if (strcmp(m->key, "useNativeTypes") == 0)
			o->use_native_types = option_bool(m);
		else if (strcmp(m->key, "useRdfType") == 0)
			o->use_rdf_type = option_bool(m);
		else if (strcmp(m->key, "ordered") == 0)
			o->ordered = option_bool(m);
		else
			oslo_error_detail(OSLO_ERR_PARAMETER,
			                  "Known options: base, expandContext, processingMode, rdfDirection, "
			                  "produceGeneralizedRdf, compactArrays, compactToRelative, "
			                  "useNativeTypes, useRdfType, ordered.",
			                  "unknown JSON-LD option \"%s\"", m->key);
	}
	if (o->processing_mode && strcmp(o->processing_mode, "json-ld-1.1") != 0 &&
	    strcmp(o->processing_mode, "json-ld-1.0") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "invalid processingMode \"%s\"", o->processing_mode);
	if (o->rdf_direction && strcmp(o->rdf_direction, "i18n-datatype") != 0 &&
	    strcmp(o->rdf_direction, "compound-literal") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "invalid rdfDirection \"%s\"", o->rdf_direction);
}

static void
init_options(jld_arena *a, const char *options_json, jld_load_document_fn load_document,
             void *loader_arg, jld_options *o)
{
	jld_options_init(o);
	o->load_document = load_document;
	o->loader_arg = loader_arg;
	parse_options(a, options_json, o);
}

void
oslo_jsonld_apply(oslo_jsonld_operation op, const char *doc, size_t len, const char *context_json,
                  const char *options_json, jld_load_document_fn load_document, void *loader_arg,
                  oslo_buf *out)
{
	jld_arena *a = jld_arena_new();
	jld_options o;
	jld_value *input, *context = NULL, *result;

	init_options(a, options_json, load_document, loader_arg, &o);
	input = jld_parse(a, doc, len);
	if (context_json)
		context = jld_parse(a, context_json, strlen(context_json));
	switch (op)
	{
		case OSLO_JSONLD_EXPAND:
			result = jld_expand(a, input, &o);
			break;
		case OSLO_JSONLD_COMPACT:
			if (context == NULL)
				oslo_error(OSLO_ERR_PARAMETER, "JSON-LD compaction needs a context");
			result = jld_compact(a, input, context, &o);
			break;
		default:
			result = jld_flatten(a, input, context, &o);
			break;
	}
	jld_serialize(result, out);
	jld_arena_free(a);
}

oslo_graph *
oslo_jsonld_to_graph(const char *doc, size_t len, const char *options_json,
                     jld_load_document_fn load_document, void *loader_arg)
{
	jld_arena *a = jld_arena_new();
	jld_options o;
	oslo_graph *g = oslo_graph_new();

	init_options(a, options_json, load_document, loader_arg, &o);
	jld_text_to_rdf(doc, len, &o, g);
	jld_arena_free(a);
	return g;
}

void
oslo_jsonld_from_graph(const oslo_graph *g, const char *context_json, const char *options_json,
                       jld_load_document_fn load_document, void *loader_arg, oslo_buf *out)
{
	jld_arena *a = jld_arena_new();
	jld_options o;
	jld_value *expanded;

	init_options(a, options_json, load_document, loader_arg, &o);
	expanded = jld_from_rdf(a, g, &o);
	if (context_json)
	{
		const jld_value *context = jld_parse(a, context_json, strlen(context_json));

		/*
		 * fromRdf gives expanded JSON-LD, which compact() would expand again
		 * to the same thing (a fifth of the time); an expandContext, or 1.0
		 * mode's rules, could make it differ: then it is done
		 */
		if (o.expand_context ||
		    (o.processing_mode && strcmp(o.processing_mode, "json-ld-1.1") != 0))
			expanded = jld_compact(a, expanded, context, &o);
		else
			expanded = jld_compact_expanded(a, expanded, context, &o, false);
	}
	jld_serialize(expanded, out);
	jld_arena_free(a);
}
