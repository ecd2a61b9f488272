/*
 * rdf_graph.h
 *	  The RDF dataset model at the hub of oslo_interop.
 *
 * A graph (really an RDF dataset: a default graph plus named graphs) interns
 * every term once and refers to it by a small integer id. Statements are
 * quads of term ids; graph id 0 is the default graph. Each term keeps the
 * head of a chain of the quads it appears in as subject, predicate, object
 * and graph name, so lookups by any one position follow that chain instead
 * of scanning.
 *
 * All memory comes from the host allocator; oslo_graph_free() returns it,
 * but inside PostgreSQL the memory context owning it does that as well.
 */
#ifndef OSLO_RDF_GRAPH_H
#define OSLO_RDF_GRAPH_H

#include "oslo_core.h"

typedef uint32_t oslo_term_id; /* 0 means "no term" / the default graph */

typedef enum oslo_term_kind
{
	OSLO_TERM_IRI = 1,
	OSLO_TERM_BLANK = 2,
	OSLO_TERM_LITERAL = 3
} oslo_term_kind;

#define OSLO_XSD            "http://www.w3.org/2001/XMLSchema#"
#define OSLO_XSD_STRING     OSLO_XSD "string"
#define OSLO_RDF            "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define OSLO_RDF_TYPE       OSLO_RDF "type"
#define OSLO_RDF_LANGSTRING OSLO_RDF "langString"

typedef struct oslo_term
{
	oslo_term_kind kind;
	uint32_t len;          /* bytes in value, without the terminating NUL */
	const char *value;     /* IRI, blank label (without "_:"), or lexical form */
	oslo_term_id datatype; /* literals: IRI term of the datatype (always set) */
	const char *lang;      /* literals: language tag, lower-cased, or NULL */
} oslo_term;

typedef struct oslo_quad
{
	oslo_term_id s;
	oslo_term_id p;
	oslo_term_id o;
	oslo_term_id g; /* 0: default graph */
} oslo_quad;

typedef struct oslo_graph oslo_graph;

extern oslo_graph *oslo_graph_new(void);
extern void oslo_graph_free(oslo_graph *g);
/* remove every term and statement, keeping the tables' capacity for the next use */
extern void oslo_graph_clear(oslo_graph *g);

/* Intern terms; each returns the existing id when the term is already there. */
extern oslo_term_id oslo_graph_iri(oslo_graph *g, const char *iri, size_t len);
extern oslo_term_id oslo_graph_iri_cstr(oslo_graph *g, const char *iri);
extern oslo_term_id oslo_graph_blank(oslo_graph *g, const char *label, size_t len);
/* a blank node whose label is not yet used in g */
extern oslo_term_id oslo_graph_fresh_blank(oslo_graph *g);
/*
 * datatype_iri NULL means xsd:string, or rdf:langString when lang is given;
 * lang is stored lower-cased (RDF 1.1 compares language tags case-insensitively).
 */
extern oslo_term_id oslo_graph_literal(oslo_graph *g, const char *lex, size_t len,
                                       const char *datatype_iri, const char *lang);
extern oslo_term_id oslo_graph_literal_cstr(oslo_graph *g, const char *lex,
                                            const char *datatype_iri, const char *lang);
/* a literal whose datatype (not rdf:langString) is already an IRI term of g */
extern oslo_term_id oslo_graph_literal_dt(oslo_graph *g, const char *lex, size_t len,
                                          oslo_term_id datatype);

/* Find without interning; 0 when absent. */
extern oslo_term_id oslo_graph_find_iri(const oslo_graph *g, const char *iri, size_t len);
extern oslo_term_id oslo_graph_find_term(const oslo_graph *g, const oslo_term *t);

extern const oslo_term *oslo_graph_term(const oslo_graph *g, oslo_term_id id);
extern uint32_t oslo_graph_term_count(const oslo_graph *g);

/* Add a statement; duplicates are ignored. Returns true when it was new. */
extern bool oslo_graph_add(oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o,
                           oslo_term_id graph);
/*
 * oslo_graph_add of each statement, in order; faster for many at once (the
 * lookups of a batch overlap)
 */
extern void oslo_graph_add_many(oslo_graph *g, const oslo_quad *quads, size_t n);
extern bool oslo_graph_contains(const oslo_graph *g, oslo_term_id s, oslo_term_id p, oslo_term_id o,
                                oslo_term_id graph);

extern size_t oslo_graph_size(const oslo_graph *g);
/* quads in insertion order; valid until the next oslo_graph_add */
extern const oslo_quad *oslo_graph_quads(const oslo_graph *g);

/*
 * Copy a term of another graph into g (blank nodes keep their label: use
 * oslo_graph_merge to keep blank nodes of two graphs apart).
 */
extern oslo_term_id oslo_graph_import_term(oslo_graph *g, const oslo_graph *from, oslo_term_id id);
/* Add every statement of src to dst, renaming src's blank nodes apart (RDF merge). */
extern void oslo_graph_merge(oslo_graph *dst, const oslo_graph *src);

/*
 * Pattern matching: any of s, p, o may be 0 for "any"; graph may be
 * OSLO_ANY_GRAPH, or 0 for the default graph, or a graph name term.
 *
 *	oslo_match m;
 *	oslo_quad q;
 *	oslo_match_init(&m, g, s, 0, 0, OSLO_ANY_GRAPH);
 *	while (oslo_match_next(&m, &q)) ...
 */
#define OSLO_ANY_GRAPH ((oslo_term_id)UINT32_MAX)

typedef struct oslo_match
{
	const oslo_graph *g;
	oslo_term_id s, p, o, graph;
	int chain;     /* which index chain is followed */
	uint32_t next; /* next quad index + 1, 0 = done */
} oslo_match;

extern void oslo_match_init(oslo_match *m, const oslo_graph *g, oslo_term_id s, oslo_term_id p,
                            oslo_term_id o, oslo_term_id graph);
extern bool oslo_match_next(oslo_match *m, oslo_quad *out);
/* the object of the first (s, p, ?) in any graph, or 0 */
extern oslo_term_id oslo_graph_object(const oslo_graph *g, oslo_term_id s, oslo_term_id p);

/* Compare two terms of possibly different graphs by value (kind, value, datatype, lang). */
extern int oslo_term_compare(const oslo_graph *ga, oslo_term_id a, const oslo_graph *gb,
                             oslo_term_id b);

/*
 * Binary form (the varlena payload of oslo.graph): a term dictionary and the
 * quads. oslo_graph_decode() checks everything: a value read from disk may be
 * corrupt and is never trusted. (rdf_binary.c)
 */
extern void oslo_graph_encode(const oslo_graph *g, oslo_buf *out);
extern oslo_graph *oslo_graph_decode(const char *data, size_t len);

/* Graph isomorphism with blank nodes (rdf_iso.c). */
extern bool oslo_graph_isomorphic(const oslo_graph *a, const oslo_graph *b);

#endif /* OSLO_RDF_GRAPH_H */
