/*
 * codelist.h
 *	  SKOS code lists: the (scheme, code) -> concept rows of a graph, and an
 *	  in-memory table of them for hosts without a catalog (the CLI, tests).
 *
 * A row is a skos:Concept (an IRI) with a literal skos:notation (the code)
 * and a scheme it belongs to: skos:inScheme, or skos:topConceptOf, which
 * SKOS makes a sub-property of it. A concept in several schemes, or with
 * several notations, gives a row per (scheme, notation). The code list's
 * exception concept is simply the row with code OSLO_CODELIST_EXCEPTION.
 */
#ifndef OSLO_CODELIST_H
#define OSLO_CODELIST_H

#include "rdf_graph.h"

#define OSLO_SKOS "http://www.w3.org/2004/02/skos/core#"

typedef struct oslo_skos_code
{
	const char *scheme;  /* IRI */
	const char *code;    /* lexical form of the skos:notation */
	const char *concept; /* IRI */
	const char *label;   /* skos:prefLabel (nl, else untagged, else any), or NULL */
} oslo_skos_code;

/*
 * The rows of g, sorted by scheme then code (bytewise), one per (scheme,
 * code). Where a scheme gives one code to several concepts (the published
 * IT110-IT114 list does), the smallest concept IRI is kept and a NOTICE per
 * scheme says so; concepts without an IRI, a literal notation or a scheme are
 * skipped with a NOTICE counting them. *rows is one host allocation (free it
 * with oslo_free); its strings point into g and live as long as g.
 */
extern size_t oslo_skos_codes(const oslo_graph *g, oslo_skos_code **rows);

/* An in-memory (scheme, code) -> concept table; strings are copied. */
typedef struct oslo_codelist oslo_codelist;

extern oslo_codelist *oslo_codelist_new(void);
extern void oslo_codelist_free(oslo_codelist *cl);
/* add or replace (the last one added wins, as the SQL catalog's upsert) */
extern void oslo_codelist_put(oslo_codelist *cl, const char *scheme, const char *code,
                              const char *concept);
/* add every row oslo_skos_codes finds in g; returns how many */
extern size_t oslo_codelist_put_graph(oslo_codelist *cl, const oslo_graph *g);
extern size_t oslo_codelist_size(const oslo_codelist *cl);
/*
 * The concept of exactly (scheme, code), or NULL; *scheme_known tells
 * whether the table has any row of scheme. No exception fallback here: that
 * rule lives in oslo_codelist_concept() (oslo_plugin.h), for every host.
 */
extern const char *oslo_codelist_get(const oslo_codelist *cl, const char *scheme, const char *code,
                                     bool *scheme_known);

#endif /* OSLO_CODELIST_H */
