/*
 * rdf_syntax.h
 *	  N-Triples, N-Quads and Turtle reading and writing through libserd.
 */
#ifndef OSLO_RDF_SYNTAX_H
#define OSLO_RDF_SYNTAX_H

#include "rdf_graph.h"

typedef enum oslo_rdf_syntax
{
	OSLO_SYNTAX_NTRIPLES = 1,
	OSLO_SYNTAX_NQUADS,
	OSLO_SYNTAX_TURTLE,
	OSLO_SYNTAX_TRIG
} oslo_rdf_syntax;

typedef struct oslo_prefix
{
	const char *prefix; /* "foaf" (no colon) */
	const char *iri;    /* "http://xmlns.com/foaf/0.1/" */
} oslo_prefix;

/*
 * Parse text (len bytes, need not be NUL-terminated) and add its statements
 * to g. base_iri resolves relative IRIs (Turtle/TriG); NULL means none.
 * Bad input raises OSLO_ERR_SYNTAX with "line L, column C: ..." in the
 * message. Blank node labels of the document are kept apart from the ones
 * already in g.
 */
extern void oslo_rdf_parse(oslo_graph *g, const char *text, size_t len, oslo_rdf_syntax syntax,
                           const char *base_iri);

/*
 * Write g, statements sorted by (graph, subject, predicate, object) in their
 * N-Quads form, so equal graphs with equal blank labels print alike.
 * N-Triples and Turtle refuse a dataset with named graphs (OSLO_ERR_PARAMETER)
 * instead of silently dropping them. prefixes apply to Turtle/TriG only.
 */
extern void oslo_rdf_write(const oslo_graph *g, oslo_rdf_syntax syntax, const oslo_prefix *prefixes,
                           size_t nprefixes, oslo_buf *out);

/* quad indexes of g in the order oslo_rdf_write uses (host memory) */
extern uint32_t *oslo_graph_sorted_order(const oslo_graph *g);

/* write one term in N-Triples syntax (IRIs <...>, _:label, "lex"^^<dt>/@lang) */
extern void oslo_term_to_ntriples(const oslo_graph *g, oslo_term_id id, oslo_buf *out);

/* RFC 3986 5.2 resolution of ref against the absolute IRI base (rdf_iri.c) */
extern void oslo_iri_resolve(const char *base, const char *ref, oslo_buf *out);
extern bool oslo_iri_is_absolute(const char *iri);

/* shared by the writers (rdf_ntriples.c, rdf_serd_write.c) */
extern bool oslo_graph_has_named_graphs(const oslo_graph *g);
/* statements in oslo_graph_sorted_order, one per line; with_graphs: N-Quads */
extern void oslo_write_nquads(const oslo_graph *g, bool with_graphs, oslo_buf *out);
/* blank labels valid in N-Triples/Turtle are kept; others are hex-encoded as x_... */
extern bool oslo_blank_label_valid(const char *label, size_t len);
extern void oslo_blank_label_put(oslo_buf *out, const char *label, size_t len);

#endif
