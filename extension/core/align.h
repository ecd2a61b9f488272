/*
 * align.h
 *	  Vocabulary alignments: OWL/RDFS correspondences plus SPARQL CONSTRUCT
 *	  rewrites, applied in one direction to a graph (docs/semic.md).
 *
 * An alignment is assembled from parts: Turtle documents of correspondences
 * (subject = term of the "source" vocabulary, e.g. OSLO; object = term of
 * the "target" vocabulary, e.g. SEMIC) with owl:equivalentClass,
 * owl:equivalentProperty, rdfs:subPropertyOf, rdfs:subClassOf and
 * owl:inverseOf, and CONSTRUCT queries, each for one direction (forward =
 * source -> target, backward = target -> source). Applying direction d to G:
 *
 *	1. every CONSTRUCT of direction d is evaluated on G, its results added;
 *	2. correspondences rewrite triples (equivalent*: both directions;
 *	   sub*Of: forward only; inverseOf: both, subject and object swapped);
 *	3. every other triple of G passes through unchanged, except those whose
 *	   predicate (or rdf:type class) is the source term of a correspondence
 *	   in direction d, or is read by a CONSTRUCT of direction d: a query owns
 *	   the predicates and classes it reads and writes again what it keeps.
 *
 * A compiled alignment is immutable, so a host may cache it.
 */
#ifndef OSLO_ALIGN_H
#define OSLO_ALIGN_H

#include "rdf_graph.h"

typedef enum oslo_align_direction
{
	OSLO_ALIGN_FORWARD = 0,
	OSLO_ALIGN_BACKWARD = 1
} oslo_align_direction;

typedef struct oslo_alignment oslo_alignment;

/* an empty alignment; name appears in error messages */
extern oslo_alignment *oslo_alignment_new(const char *name);
extern void oslo_alignment_free(oslo_alignment *a);

/*
 * Add a Turtle document of correspondences; part names it in errors. Bad
 * Turtle: OSLO_ERR_SYNTAX; a correspondence whose subject or object is not an
 * IRI: OSLO_ERR_DATA. Other triples (labels, comments) are ignored.
 * Returns the number of correspondences read.
 */
extern size_t oslo_alignment_add_correspondences(oslo_alignment *a, const char *turtle, size_t len,
                                                 const char *part);
/* Add one SPARQL CONSTRUCT for a direction (errors: see sparql.h). */
extern void oslo_alignment_add_query(oslo_alignment *a, oslo_align_direction dir, const char *text,
                                     size_t len, const char *part);

/* "forward"/"to_semic" or "backward"/"from_semic"; else OSLO_ERR_PARAMETER */
extern oslo_align_direction oslo_align_direction_parse(const char *s);
extern const char *oslo_align_direction_name(oslo_align_direction dir);

extern size_t oslo_alignment_correspondence_count(const oslo_alignment *a);
extern size_t oslo_alignment_query_count(const oslo_alignment *a, oslo_align_direction dir);

/* A new graph: direction dir of the alignment applied to in. */
extern oslo_graph *oslo_alignment_apply(const oslo_alignment *a, oslo_align_direction dir,
                                        const oslo_graph *in);

/*
 * The same semantics as plain SPARQL 1.1 CONSTRUCT queries, for another
 * engine (Apache Jena): a passthrough query with FILTER NOT IN, one query
 * per correspondence, then the alignment's own queries. Each query is
 * followed by a line OSLO_ALIGN_QUERY_SEPARATOR. The union of their
 * results is what oslo_alignment_apply gives (up to blank node labels).
 */
#define OSLO_ALIGN_QUERY_SEPARATOR "#-- end of query"
extern void oslo_alignment_emit_sparql(const oslo_alignment *a, oslo_align_direction dir,
                                       oslo_buf *out);

#endif /* OSLO_ALIGN_H */
