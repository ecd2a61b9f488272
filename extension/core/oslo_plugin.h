/*
 * oslo_plugin.h
 *	  The versioned C ABI for oslo_interop format plugins.
 *
 * A plugin is a shared object in $pkglibdir/oslo_interop/ that exports
 *
 *	const oslo_plugin_def *oslo_plugin_describe(void);
 *
 * returning a static descriptor: its name and version, the formats it reads
 * and writes, and its transforms. Callbacks work on core types only -- bytes,
 * libxml2 documents, graphs -- never on PostgreSQL types, so the same plugin
 * runs in a backend, in unit tests and in the oslo-interop command-line tool.
 * Errors are raised with oslo_error() (oslo_core.h), which never returns;
 * memory comes from oslo_alloc() and belongs to the host.
 *
 * The host checks abi_version before it reads anything else and refuses a
 * plugin built for another version. Build with oslo_plugin.mk (PGXS).
 */
#ifndef OSLO_PLUGIN_H
#define OSLO_PLUGIN_H

#include "oslo_core.h"
#include "rdf_graph.h"

#include <libxml/tree.h>

/* Bump on any incompatible change to the structs or callbacks below. */
#define OSLO_PLUGIN_ABI_VERSION 1

#if defined(__GNUC__)
#define OSLO_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define OSLO_PLUGIN_EXPORT
#endif

typedef enum oslo_data_kind
{
	OSLO_DATA_BYTES = 1, /* text or binary: bytes + len */
	OSLO_DATA_XML = 2,   /* a parsed libxml2 document, owned by the host */
	OSLO_DATA_GRAPH = 3  /* an oslo_graph */
} oslo_data_kind;

typedef struct oslo_data
{
	oslo_data_kind kind;
	const char *bytes; /* OSLO_DATA_BYTES: host memory */
	size_t len;
	xmlDocPtr xml;     /* OSLO_DATA_XML (input only) */
	oslo_graph *graph; /* OSLO_DATA_GRAPH */
} oslo_data;

/*
 * A transform fills *output (kind as declared in its definition). Output
 * bytes and graphs are host memory (oslo_alloc) and belong to the host,
 * which frees them.
 * options_json is the caller's options object as JSON text ("{}" if none).
 */
typedef void (*oslo_transform_fn)(const oslo_data *input, const char *options_json,
                                  oslo_data *output);

typedef struct oslo_transform_def
{
	const char *from_format;
	const char *to_format;
	oslo_data_kind input_kind;
	oslo_data_kind output_kind;
	oslo_transform_fn fn;
	const char *description;
} oslo_transform_def;

typedef struct oslo_format_def
{
	const char *name;       /* lower case: [a-z0-9][a-z0-9._-]* */
	const char *media_type; /* e.g. "application/soap+xml", or NULL */
	const char *description;
	/*
	 * For a format written as compacted JSON-LD: the IRI of its context.
	 * The host resolves it from its own catalog (never the network) and
	 * passes the document to the writer as options member "context", unless
	 * the caller's options already carry one. NULL otherwise.
	 */
	const char *jsonld_context;
} oslo_format_def;

typedef struct oslo_plugin_def
{
	uint32_t abi_version; /* OSLO_PLUGIN_ABI_VERSION the plugin was built with */
	const char *name;
	const char *version;
	const char *description;
	const oslo_format_def *formats; /* the formats it defines */
	uint32_t nformats;
	const char *const *reads;  /* NULL-terminated: formats it reads */
	const char *const *writes; /* NULL-terminated: formats it writes */
	const oslo_transform_def *transforms;
	uint32_t ntransforms;
} oslo_plugin_def;

typedef const oslo_plugin_def *(*oslo_plugin_describe_fn)(void);

#define OSLO_PLUGIN_DESCRIBE_SYMBOL "oslo_plugin_describe"

/*
 * Code lists, for plugins that turn codes into concept IRIs. The host keeps
 * the SKOS code lists (PostgreSQL: the catalog oslo.codelist; the CLI:
 * OSLO_CODELISTS). Returns the IRI of the concept that code denotes in the
 * concept scheme scheme_iri:
 *   - the concept whose skos:notation is code, when the scheme has it;
 *   - else the scheme's exception concept (notation OSLO_CODELIST_EXCEPTION),
 *     when the scheme is known and has one: a code missing from its list
 *     becomes that list's UITZONDERING concept, never a silent drop;
 *   - else NULL.
 * *scheme_known (pass NULL if unwanted) is false when the host has no such
 * scheme (or no code lists at all), so the caller can tell "list not loaded"
 * from "known list without this code and without an exception concept".
 * Codes match exactly (no trimming, "01" is not "1"). The string belongs to
 * the host: do not free it; it stays valid until the current transform
 * returns, so intern it in the graph rather than keep it. May raise only
 * for host failures (a catalog read), never for an unknown code.
 * (Added without an ABI bump: a host without it refuses such a plugin at
 * load time with an undefined symbol, as for any missing core function.)
 */
#define OSLO_CODELIST_EXCEPTION "UITZONDERING"

extern const char *oslo_codelist_concept(const char *scheme_iri, const char *code,
                                         bool *scheme_known);

/*
 * A registered RML mapping, compiled (PostgreSQL: the catalog oslo.mapping,
 * compiled once per backend; the CLI: mappings/MANIFEST), for plugins whose
 * message types are mappings (data), not code: run it with rml_apply_xml
 * (rml.h). Raises 22023 for an unknown name. The mapping belongs to the host.
 */
struct rml_mapping;
extern const struct rml_mapping *oslo_mapping(const char *name);

#endif /* OSLO_PLUGIN_H */
