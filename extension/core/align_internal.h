/*
 * align_internal.h
 *	  The compiled alignment shared by align_compile.c, align_apply.c and
 *	  align_emit.c.
 */
#ifndef OSLO_ALIGN_INTERNAL_H
#define OSLO_ALIGN_INTERNAL_H

#include "align.h"
#include "sparql.h"

#define OWL_NS  "http://www.w3.org/2002/07/owl#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"

typedef enum align_corr_kind
{
	CORR_EQUIVALENT_CLASS,
	CORR_EQUIVALENT_PROPERTY,
	CORR_SUB_PROPERTY,
	CORR_SUB_CLASS,
	CORR_INVERSE
} align_corr_kind;

/* one correspondence: subject (source vocabulary) kind object (target) */
typedef struct align_corr
{
	align_corr_kind kind;
	char *source;
	char *target;
} align_corr;

/* a predicate or class a query reads: it leaves the passthrough */
typedef struct align_read_term
{
	char *iri;
	bool is_class;
} align_read_term;

typedef struct align_query
{
	oslo_align_direction dir;
	char *part;
	char *text;
	oslo_construct *construct;
	align_read_term *reads;
	size_t nreads;
} align_query;

struct oslo_alignment
{
	char *name;
	align_corr *corrs;
	size_t ncorrs, corrs_cap;
	align_query *queries;
	size_t nqueries, queries_cap;
};

/*
 * One rewrite in a direction: a triple with predicate (or rdf:type class)
 * `from` becomes one with `to`; inverse swaps subject and object.
 */
typedef struct align_rule
{
	const char *from;
	const char *to;
	bool is_class;
	bool inverse;
} align_rule;

/* the rules of direction dir (host memory; *n set) */
extern align_rule *align_rules(const oslo_alignment *a, oslo_align_direction dir, size_t *n);

/*
 * The predicates (is_class false) and classes leaving the passthrough in
 * direction dir, each once: sources of rules, and what the queries read.
 * Host memory (the strings are the alignment's).
 */
extern align_read_term *align_excluded(const oslo_alignment *a, oslo_align_direction dir,
                                       size_t *n);

#endif /* OSLO_ALIGN_INTERNAL_H */
