/*
 * format_options.h
 *	  The options object of a read, write or transform, as the caller gave
 *	  it (JSON text) and as the built-in formats use it.
 *
 * Options known to the core: "base" (IRI for relative IRIs), "context"
 * (JSON-LD context object: compacted output), "prefixes" (object of
 * prefix -> IRI for Turtle/TriG output), "compactArrays" (boolean, default
 * true). Other members are passed on to plugins untouched.
 */
#ifndef OSLO_FORMAT_OPTIONS_H
#define OSLO_FORMAT_OPTIONS_H

#include "rdf_syntax.h"

typedef struct format_options
{
	const char *json; /* the options object as text; "{}" when none */
	bool json_owned;  /* json is a copy to free */
	const char *base;
	const char *context_json; /* the "context" member as JSON text */
	bool has_context;
	oslo_prefix *prefixes;
	size_t nprefixes;
	bool compact_arrays;
} format_options;

extern void format_options_parse(format_options *o, const char *json);
extern void format_options_free(format_options *o);

/*
 * The options text with "context" set to the catalog's document for iri;
 * an IRI the catalog lacks is an error naming it (nothing is fetched).
 */
extern const char *format_options_with_context(const format_options *o, const char *iri,
                                               const char *(*resolve)(const char *iri));

#endif
