/*
 * oslo_formats.h
 *	  The format registry: built-in RDF syntaxes plus the formats of loaded
 *	  plugins, and the transform pipeline through the graph hub.
 *
 * A transform from A to B uses a direct plugin transform A -> B when there
 * is one; otherwise it reads A into a graph (built-in reader or a plugin
 * transform A -> "graph") and writes B from it (built-in writer or a plugin
 * transform "graph" -> B).
 */
#ifndef OSLO_FORMATS_H
#define OSLO_FORMATS_H

#include "oslo_plugin.h"

#define OSLO_GRAPH_FORMAT "graph"

struct rml_mapping;

typedef struct oslo_format_host
{
	/*
	 * Parse XML for a plugin. Inside PostgreSQL: pg_xml_init with the
	 * server's entity loader. what names the input in the error ("XML
	 * document", "XML source \"x\""). The result must be freed with free_xml (the
	 * host guards it). Raises OSLO_ERR_XML naming the line.
	 */
	xmlDocPtr (*parse_xml)(const char *bytes, size_t len, const char *what);
	void (*free_xml)(xmlDocPtr doc);
	/*
	 * JSON text of a JSON-LD context from the host's catalog, or NULL when
	 * it has none under that IRI. Never a network or file fetch.
	 */
	const char *(*resolve_context)(const char *iri);
	/*
	 * The concept of exactly (scheme_iri, code) in the host's code lists,
	 * or NULL; *scheme_known (never NULL here) says whether the host has
	 * the scheme at all. The string must stay valid until the current
	 * transform returns. The exception fallback is the core's
	 * (oslo_codelist_concept, oslo_plugin.h). NULL callback: no code lists.
	 */
	const char *(*codelist_concept)(const char *scheme_iri, const char *code, bool *scheme_known);
	/*
	 * Optional: the libxml2 options (XML_PARSE_*, the host's limits) for
	 * reading bytes parse_xml would be given with a streaming xmlTextReader
	 * instead (RML sources read record by record), or -1 when they must go
	 * through parse_xml. *encoding: the encoding to read them in, or NULL
	 * for the document's own. A host with its own parse_xml and no
	 * xml_stream_options never streams.
	 */
	int (*xml_stream_options)(const char *bytes, size_t len, const char *what,
	                          const char **encoding);
	/*
	 * A registered RML mapping by name, compiled; it must stay valid for the
	 * current transform (PostgreSQL: oslo.mapping, compiled once per backend;
	 * the CLI: mappings/MANIFEST). NULL: unknown name. NULL callback: no
	 * registered mappings (oslo_mapping raises).
	 */
	const struct rml_mapping *(*mapping)(const char *name);
} oslo_format_host;

extern void oslo_formats_set_host(const oslo_format_host *host);

/*
 * Parse XML with the host's parser, for any core code that reads XML (plugin
 * input, RML sources): one safe parser, the host's limits. Raises
 * OSLO_ERR_XML naming `what` and the line. Free with oslo_formats_free_xml.
 */
extern xmlDocPtr oslo_formats_parse_xml(const char *bytes, size_t len, const char *what);
extern void oslo_formats_free_xml(xmlDocPtr doc);
/* the host's streaming reader options for these bytes, or -1: see xml_stream_options */
extern int oslo_formats_xml_stream_options(const char *bytes, size_t len, const char *what,
                                           const char **encoding);

/*
 * Load every plugin in dir (a directory the host chooses, never one a
 * caller names). A plugin that cannot be loaded or was built for another
 * ABI version is recorded as refused, with the reason, and not used.
 * Loading twice is a no-op.
 */
extern void oslo_formats_load_plugins(const char *dir);
/* register a plugin linked into the host (unit tests, fuzzers) */
extern void oslo_formats_register_plugin(const oslo_plugin_def *def, const char *origin);

typedef struct oslo_plugin_info
{
	const char *name;
	const char *version;
	const char *description;
	const char *path;
	uint32_t abi_version;
	const char *refused;        /* NULL when loaded, else the reason */
	const oslo_plugin_def *def; /* NULL when refused */
} oslo_plugin_info;

extern size_t oslo_formats_plugin_count(void);
extern const oslo_plugin_info *oslo_formats_plugin(size_t i);

typedef struct oslo_format_info
{
	const char *name;
	const char *provider; /* "core" or the plugin name */
	const char *media_type;
	const char *description;
	bool readable; /* can be read into a graph (or transformed from) */
	bool writable; /* can be written from a graph (or transformed to) */
} oslo_format_info;

extern size_t oslo_formats_count(void);
extern const oslo_format_info *oslo_formats_get(size_t i);
extern const oslo_format_info *oslo_formats_find(const char *name);

/*
 * Read input in format `from` into a new graph. options_json may be NULL.
 */
extern oslo_graph *oslo_formats_read(const char *input, size_t len, const char *from,
                                     const char *options_json);
/* Write g in format `to` into out. */
extern void oslo_formats_write(const oslo_graph *g, const char *to, const char *options_json,
                               oslo_buf *out);
/*
 * Format names "ALIGNMENT:F" (docs/semic.md): reading "semic:F" reads F and
 * applies the alignment "semic" backward (SEMIC -> OSLO); writing "semic:F"
 * applies it forward (OSLO -> SEMIC) and writes F; the same for any other
 * alignment the host knows. The core has no catalog: the host sets the hook
 * that applies a named alignment (and raises for a name it does not have);
 * without a hook a name with ':' is an unknown format.
 */
typedef oslo_graph *(*oslo_align_hook)(const oslo_graph *g, const char *alignment, bool forward);
extern void oslo_formats_set_align_hook(oslo_align_hook hook);

/* The generic entry point: input in `from` to text in `to`. */
extern void oslo_formats_transform(const char *input, size_t len, const char *from, const char *to,
                                   const char *options_json, oslo_buf *out);

#endif /* OSLO_FORMATS_H */
