/*
 * sparql.h
 *	  A subset of SPARQL 1.1 CONSTRUCT, parsed once and evaluated over a graph.
 *
 * The subset (docs/sparql-subset.md): PREFIX/BASE; a CONSTRUCT template of
 * triples; a WHERE clause of basic graph patterns, OPTIONAL (nested), FILTER,
 * BIND and nested groups, with the usual operators and a set of built-in
 * functions. Valid SPARQL outside the subset (UNION, MINUS, GRAPH, SERVICE,
 * property paths, subqueries, aggregates, VALUES, solution modifiers, FROM)
 * is refused with OSLO_ERR_UNSUPPORTED; nothing is ever fetched.
 */
#ifndef OSLO_SPARQL_H
#define OSLO_SPARQL_H

#include "rdf_graph.h"

typedef struct oslo_construct oslo_construct;

/*
 * Parse one SPARQL 1.1 CONSTRUCT query of the documented subset. `what`
 * names it in errors. Syntax errors: OSLO_ERR_SYNTAX with line:column; valid
 * SPARQL outside the subset: OSLO_ERR_UNSUPPORTED naming the construct and
 * line:column.
 */
extern oslo_construct *oslo_construct_parse(const char *text, size_t len, const char *what);
extern void oslo_construct_free(oslo_construct *q);

/*
 * Add the template instances of every solution of the WHERE clause over
 * `in` (its default graph) to `out`. Fresh blank nodes per solution (their
 * labels are used neither in `in` nor in `out`); blank nodes of `in` keep
 * their labels. Template triples with an unbound variable or an ill-formed
 * term are skipped. Calls oslo_check_interrupts() regularly. `out` must not
 * be `in` (OSLO_ERR_PARAMETER).
 */
extern void oslo_construct_eval(const oslo_construct *q, const oslo_graph *in, oslo_graph *out);

/*
 * The constant IRIs the WHERE clause reads: in predicate position
 * (is_class=false) and as the object of an rdf:type pattern (is_class=true);
 * in_template says whether the template writes the same predicate (or the
 * same class) again. Each reported once.
 */
extern void oslo_construct_read_terms(const oslo_construct *q,
                                      void (*cb)(void *arg, const char *iri, bool is_class,
                                                 bool in_template),
                                      void *arg);

#endif /* OSLO_SPARQL_H */
