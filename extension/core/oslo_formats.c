/*
 * oslo_formats.c
 *	  The format table (built-in RDF syntaxes plus plugin formats) and the
 *	  transform pipeline through the graph hub.
 */
#include "oslo_formats.h"
#include "format_options.h"
#include "jsonld_api.h"
#include "plugin_registry.h"
#include "rdf_syntax.h"

#include <stdio.h>
#include <string.h>

#define MAX_FORMATS 256

typedef struct builtin_syntax
{
	const char *name;
	const char *media_type;
	const char *description;
	oslo_rdf_syntax syntax; /* 0: JSON-LD */
	bool readable;
} builtin_syntax;

static const builtin_syntax builtins[] = {
    {"ntriples", "application/n-triples", "RDF 1.1 N-Triples", OSLO_SYNTAX_NTRIPLES, true},
    {"nquads", "application/n-quads", "RDF 1.1 N-Quads", OSLO_SYNTAX_NQUADS, true},
    {"turtle", "text/turtle", "RDF 1.1 Turtle", OSLO_SYNTAX_TURTLE, true},
    {"trig", "application/trig", "RDF 1.1 TriG", OSLO_SYNTAX_TRIG, true},
    {"jsonld", "application/ld+json",
     "JSON-LD 1.1 output: expanded, or compacted with option \"context\"", 0, false},
};
#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

static oslo_format_info formats[MAX_FORMATS];
static size_t nformats;
static bool built;

static xmlDocPtr default_parse_xml(const char *bytes, size_t len, const char *what);

static oslo_format_host host = {default_parse_xml, xmlFreeDoc, NULL, NULL, NULL, NULL};

void
oslo_formats_set_host(const oslo_format_host *h)
{
	host.parse_xml = h->parse_xml ? h->parse_xml : default_parse_xml;
	host.free_xml = h->free_xml ? h->free_xml : xmlFreeDoc;
	host.resolve_context = h->resolve_context;
	host.codelist_concept = h->codelist_concept;
	host.xml_stream_options = h->xml_stream_options;
	host.mapping = h->mapping;
}

const struct rml_mapping *
oslo_mapping(const char *name)
{
	const struct rml_mapping *m = host.mapping ? host.mapping(name) : NULL;

	if (m == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "RML mapping \"%s\" is not registered%s", name,
		           host.mapping ? "" : " (this host has no mapping catalog)");
	return m;
}

const char *
oslo_codelist_concept(const char *scheme_iri, const char *code, bool *scheme_known)
{
	bool known = false;
	const char *concept = NULL;

	if (host.codelist_concept && scheme_iri && code)
	{
		concept = host.codelist_concept(scheme_iri, code, &known);
		/* a code missing from a known list: the list's exception concept */
		if (concept == NULL && known && strcmp(code, OSLO_CODELIST_EXCEPTION) != 0)
		{
			const char *exception = OSLO_CODELIST_EXCEPTION;

			concept = host.codelist_concept(scheme_iri, exception, &known);
		}
	}
	if (scheme_known)
		*scheme_known = known;
	return concept;
}

/* remote JSON-LD documents come from the host's catalog, as contexts do */
static const char *
load_from_catalog(const char *iri, void *arg)
{
	return host.resolve_context ? host.resolve_context(iri) : NULL;
}

/* the JSON-LD API options the format options carry (base, compactArrays) */
static char *
jsonld_options(const format_options *opts)
{
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_buf_putc(&b, '{');
	if (opts->base)
	{
		oslo_buf_puts(&b, "\"base\": \"");
		oslo_buf_json_escaped(&b, opts->base, strlen(opts->base));
		oslo_buf_putc(&b, '"');
	}
	if (!opts->compact_arrays)
		oslo_buf_puts(&b, opts->base ? ", \"compactArrays\": false" : "\"compactArrays\": false");
	oslo_buf_putc(&b, '}');
	return b.data;
}

static const builtin_syntax *
find_builtin(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

/* a transform of an accepted plugin from -> to, and its plugin */
static const oslo_transform_def *
find_transform(const char *from, const char *to, const oslo_plugin_def **owner)
{
	const plugin_slot *s;

	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
	{
		const oslo_plugin_def *def = s->info.def;

		if (def == NULL)
			continue;
		for (uint32_t t = 0; t < def->ntransforms; t++)
			if (strcmp(def->transforms[t].from_format, from) == 0 &&
			    strcmp(def->transforms[t].to_format, to) == 0)
			{
				if (owner)
					*owner = def;
				return &def->transforms[t];
			}
	}
	return NULL;
}

static const oslo_format_def *
find_plugin_format(const char *name, const char **provider)
{
	const plugin_slot *s;

	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
	{
		const oslo_plugin_def *def = s->info.def;

		if (def == NULL)
			continue;
		for (uint32_t f = 0; f < def->nformats; f++)
			if (strcmp(def->formats[f].name, name) == 0)
			{
				if (provider)
					*provider = def->name;
				return &def->formats[f];
			}
	}
	return NULL;
}

const char *
format_provider(const char *format)
{
	const char *provider = NULL;

	if (find_builtin(format))
		return "core";
	if (find_plugin_format(format, &provider))
		return provider;
	return NULL;
}

static bool
has_transform_from(const char *format)
{
	const plugin_slot *s;

	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
		if (s->info.def)
			for (uint32_t t = 0; t < s->info.def->ntransforms; t++)
				if (strcmp(s->info.def->transforms[t].from_format, format) == 0)
					return true;
	return false;
}

static bool
has_transform_to(const char *format)
{
	const plugin_slot *s;

	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
		if (s->info.def)
			for (uint32_t t = 0; t < s->info.def->ntransforms; t++)
				if (strcmp(s->info.def->transforms[t].to_format, format) == 0)
					return true;
	return false;
}

void
formats_rebuild(void)
{
	const plugin_slot *s;

	nformats = 0;
	for (size_t i = 0; i < NBUILTINS; i++)
	{
		oslo_format_info *f = &formats[nformats++];

		f->name = builtins[i].name;
		f->provider = "core";
		f->media_type = builtins[i].media_type;
		f->description = builtins[i].description;
		f->readable = builtins[i].readable;
		f->writable = true;
	}
	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
	{
		const oslo_plugin_def *def = s->info.def;

		if (def == NULL)
			continue;
		for (uint32_t k = 0; k < def->nformats && nformats < MAX_FORMATS; k++)
		{
			oslo_format_info *f = &formats[nformats++];

			f->name = def->formats[k].name;
			f->provider = def->name;
			f->media_type = def->formats[k].media_type;
			f->description = def->formats[k].description;
			f->readable = has_transform_from(f->name);
			f->writable = has_transform_to(f->name);
		}
	}
	built = true;
}

size_t
oslo_formats_count(void)
{
	if (!built)
		formats_rebuild();
	return nformats;
}

const oslo_format_info *
oslo_formats_get(size_t i)
{
	if (!built)
		formats_rebuild();
	return i < nformats ? &formats[i] : NULL;
}

const oslo_format_info *
oslo_formats_find(const char *name)
{
	for (size_t i = 0; i < oslo_formats_count(); i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

/* the error for a format name nobody provides, with what is available */
static void
unknown_format(const char *name, const char *direction)
{
	oslo_buf b;
	const plugin_slot *s;

	oslo_buf_init(&b);
	oslo_buf_puts(&b, "available formats:");
	for (size_t i = 0; i < oslo_formats_count(); i++)
		oslo_buf_printf(&b, " %s", formats[i].name);
	for (size_t i = 0; (s = plugin_slot_get(i)) != NULL; i++)
		if (s->info.refused)
			oslo_buf_printf(&b, "; plugin %s was refused: %s", s->info.name, s->info.refused);
	if (oslo_formats_find(name))
		oslo_error_detail(OSLO_ERR_PARAMETER, b.data, "format \"%s\" cannot be %s", name,
		                  direction);
	oslo_error_detail(OSLO_ERR_PARAMETER, b.data, "unknown format \"%s\"", name);
}

xmlDocPtr
oslo_formats_parse_xml(const char *bytes, size_t len, const char *what)
{
	return host.parse_xml(bytes, len, what ? what : "XML document");
}

void
oslo_formats_free_xml(xmlDocPtr doc)
{
	host.free_xml(doc);
}

static void
release_xml(void *doc)
{
	host.free_xml((xmlDocPtr)doc);
}

/*
 * Run one plugin transform. The input is bytes or a graph; XML input is
 * parsed by the host (safely, with its entity loader) and freed here, also
 * when the transform raises.
 */
static void
run_transform(const oslo_transform_def *t, const oslo_plugin_def *owner, const char *bytes,
              size_t len, oslo_graph *graph, const format_options *opts, oslo_data *out)
{
	oslo_data in;
	oslo_guard *doc_guard = NULL;
	const oslo_format_def *to_def = find_plugin_format(t->to_format, NULL);
	const char *options_json = opts->json;

	memset(&in, 0, sizeof(in));
	memset(out, 0, sizeof(*out));
	in.kind = t->input_kind;
	if (t->input_kind == OSLO_DATA_GRAPH)
		in.graph = graph;
	else if (t->input_kind == OSLO_DATA_XML)
	{
		in.xml = oslo_formats_parse_xml(bytes, len, NULL);
		doc_guard = oslo_guard_new(release_xml, in.xml);
	}
	else
	{
		in.bytes = bytes;
		in.len = len;
	}

	if (to_def && to_def->jsonld_context && !opts->has_context)
		options_json =
		    format_options_with_context(opts, to_def->jsonld_context, host.resolve_context);

	t->fn(&in, options_json, out);
	if (options_json != opts->json)
		oslo_free((void *)options_json);

	if (out->kind != t->output_kind || (out->kind == OSLO_DATA_GRAPH && out->graph == NULL) ||
	    (out->kind == OSLO_DATA_BYTES && out->bytes == NULL && out->len != 0) ||
	    out->kind == OSLO_DATA_XML)
		oslo_error(OSLO_ERR_PLUGIN, "plugin %s: transform %s -> %s returned no valid %s",
		           owner->name, t->from_format, t->to_format,
		           t->output_kind == OSLO_DATA_GRAPH ? "graph" : "output");
	if (doc_guard)
		oslo_guard_release(doc_guard);
}

static oslo_align_hook align_hook;

void
oslo_formats_set_align_hook(oslo_align_hook hook)
{
	align_hook = hook;
}

/*
 * "ALIGNMENT:F" (oslo_formats.h): F when the host applies alignments and
 * the name holds a ':', else NULL. Format names never hold one and
 * alignment names may, so the last ':' splits; *alignment gets the name in
 * host memory when asked for.
 */
static const char *
aligned_format(const char *name, char **alignment)
{
	const char *colon = align_hook ? strrchr(name, ':') : NULL;

	if (colon == NULL || colon == name)
		return NULL;
	if (alignment)
		*alignment = oslo_strndup(name, (size_t)(colon - name));
	return colon + 1;
}

static oslo_graph *
read_with_options(const char *input, size_t len, const char *from, const format_options *opts)
{
	const builtin_syntax *b = find_builtin(from);
	const oslo_transform_def *t;
	const oslo_plugin_def *owner;
	const char *inner;
	char *alignment;

	if ((inner = aligned_format(from, &alignment)) != NULL)
	{
		oslo_graph *aligned = read_with_options(input, len, inner, opts);
		oslo_graph *g = align_hook(aligned, alignment, false);

		oslo_graph_free(aligned);
		oslo_free(alignment);
		return g;
	}
	if (b && b->syntax)
	{
		oslo_graph *g = oslo_graph_new();

		oslo_rdf_parse(g, input, len, b->syntax, opts->base);
		return g;
	}
	if (b)
	{
		char *jo = jsonld_options(opts);
		oslo_graph *g = oslo_jsonld_to_graph(input, len, jo, load_from_catalog, NULL);

		oslo_free(jo);
		return g;
	}
	t = find_transform(from, OSLO_GRAPH_FORMAT, &owner);
	if (t)
	{
		oslo_data out;

		run_transform(t, owner, input, len, NULL, opts, &out);
		return out.graph;
	}
	unknown_format(from, "read into a graph");
	return NULL;
}

static void
write_with_options(const oslo_graph *g, const char *to, const format_options *opts, oslo_buf *out)
{
	const builtin_syntax *b = find_builtin(to);
	const oslo_transform_def *t;
	const oslo_plugin_def *owner;
	const char *inner;
	char *alignment;

	if ((inner = aligned_format(to, &alignment)) != NULL)
	{
		oslo_graph *aligned = align_hook(g, alignment, true);

		oslo_free(alignment);
		write_with_options(aligned, inner, opts, out);
		oslo_graph_free(aligned);
		return;
	}
	if (b && b->syntax)
	{
		oslo_rdf_write(g, b->syntax, opts->prefixes, opts->nprefixes, out);
		return;
	}
	if (b)
	{
		char *jo = jsonld_options(opts);

		oslo_jsonld_from_graph(g, opts->context_json, jo, load_from_catalog, NULL, out);
		oslo_free(jo);
		return;
	}
	t = find_transform(OSLO_GRAPH_FORMAT, to, &owner);
	if (t)
	{
		oslo_data res;

		/* plugins take a mutable graph pointer but must not change the input */
		run_transform(t, owner, NULL, 0, (oslo_graph *)g, opts, &res);
		oslo_buf_append(out, res.bytes ? res.bytes : "", res.len);
		oslo_free((void *)res.bytes);
		return;
	}
	unknown_format(to, "written from a graph");
}

oslo_graph *
oslo_formats_read(const char *input, size_t len, const char *from, const char *options_json)
{
	format_options opts;
	oslo_graph *g;

	format_options_parse(&opts, options_json);
	g = read_with_options(input, len, from, &opts);
	format_options_free(&opts);
	return g;
}

void
oslo_formats_write(const oslo_graph *g, const char *to, const char *options_json, oslo_buf *out)
{
	format_options opts;

	format_options_parse(&opts, options_json);
	write_with_options(g, to, &opts, out);
	format_options_free(&opts);
}

void
oslo_formats_transform(const char *input, size_t len, const char *from, const char *to,
                       const char *options_json, oslo_buf *out)
{
	format_options opts;
	const oslo_transform_def *t;
	const oslo_plugin_def *owner;

	format_options_parse(&opts, options_json);
	if (!oslo_formats_find(aligned_format(from, NULL) ? aligned_format(from, NULL) : from))
		unknown_format(from, "read");
	if (!oslo_formats_find(aligned_format(to, NULL) ? aligned_format(to, NULL) : to))
		unknown_format(to, "written");
	t = find_transform(from, to, &owner);
	if (t && t->output_kind == OSLO_DATA_BYTES)
	{
		oslo_data res;

		run_transform(t, owner, input, len, NULL, &opts, &res);
		oslo_buf_append(out, res.bytes ? res.bytes : "", res.len);
		oslo_free((void *)res.bytes);
	}
	else
	{
		oslo_graph *g = read_with_options(input, len, from, &opts);

		write_with_options(g, to, &opts, out);
		oslo_graph_free(g);
	}
	format_options_free(&opts);
}

/*
 * The XML parser for hosts other than PostgreSQL: no network, no entity
 * substitution, no DTD loading, so an external entity expands to nothing.
 */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

static void
ignore_xml_error(void *ctx, xmlErrorPtr error)
{
}

static xmlDocPtr
default_parse_xml(const char *bytes, size_t len, const char *what)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	char message[512];
	int line = 0;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlStructuredErrorFunc saved = xmlStructuredError;

	if (len > INT32_MAX)
		oslo_error(OSLO_ERR_LIMIT, "%s of %zu bytes is too large", what, len);
	xmlSetStructuredErrorFunc(NULL, ignore_xml_error);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
	{
		xmlSetStructuredErrorFunc(saved_ctx, saved);
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate an XML parser");
	}
	doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (doc != NULL && ctxt->wellFormed)
	{
		xmlFreeParserCtxt(ctxt);
		xmlSetStructuredErrorFunc(saved_ctx, saved);
		return doc;
	}
	{
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);

		snprintf(message, sizeof(message), "%s", e && e->message ? e->message : "not well-formed");
		line = e ? e->line : 0;
		/* libxml2 messages end in a newline */
		if (message[0] && message[strlen(message) - 1] == '\n')
			message[strlen(message) - 1] = '\0';
	}
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	oslo_error(OSLO_ERR_XML, "%s is not well-formed at line %d: %s", what, line, message);
}

/* RML sources read record by record: the options default_parse_xml uses */
int
oslo_formats_xml_stream_options(const char *bytes, size_t len, const char *what,
                                const char **encoding)
{
	*encoding = NULL;
	if (host.xml_stream_options)
		return host.xml_stream_options(bytes, len, what, encoding);
	/* the default parser's options: no network, no entity substitution, no DTD */
	return host.parse_xml == default_parse_xml ? XML_PARSE_NONET : -1;
}
