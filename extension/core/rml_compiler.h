/*
 * rml_compiler.h
 *	  Internals of the mapping compiler shared by rml_vocab.c (reading the
 *	  mapping graph), rml_compile_terms.c (term maps) and rml_compile.c
 *	  (triples maps, logical sources, joins).
 */
#ifndef OSLO_RML_COMPILER_H
#define OSLO_RML_COMPILER_H

#include "rml_plan.h"

typedef struct compiler
{
	rml_mapping *m;
	const oslo_graph *g;
	const char *default_base;
	const char *where; /* the triples map being compiled, for messages */
	oslo_term_id *map_ids;
} compiler;

typedef enum term_role
{
	ROLE_SUBJECT,
	ROLE_PREDICATE,
	ROLE_OBJECT,
	ROLE_GRAPH,
	ROLE_DATATYPE,
	ROLE_LANGUAGE,
	ROLE_JOIN,
	ROLE_INPUT /* an input value map of a function execution */
} term_role;

/* rml_vocab.c: terms are looked up in the W3C RML, R2RML, legacy RML and QL vocabularies */
extern bool rml_is_vocab(const oslo_graph *g, oslo_term_id id, const char *local);
/* objects of (s, vocab:local, ?); returns how many (out holds at most max) */
extern size_t rml_props(const compiler *c, oslo_term_id s, const char *local, oslo_term_id *out,
                        size_t max);
/* the single object of (s, local, ?), 0 when absent; two are an error */
extern oslo_term_id rml_prop(const compiler *c, oslo_term_id s, const char *local);
/* all objects of (s, local, ?), in plan memory */
extern oslo_term_id *rml_props_all(const compiler *c, oslo_term_id s, const char *local, size_t *n);
extern const char *rml_string_value(const compiler *c, oslo_term_id id, const char *what);
/* <iri> or _:label, for messages */
extern char *rml_term_name(const oslo_graph *g, oslo_term_id id);

/* rml_compile_terms.c */
extern rml_ref *rml_compile_ref(compiler *c, const rml_logical_source *ls, const char *text);
extern rml_term_map *rml_compile_term_map(compiler *c, const rml_logical_source *ls,
                                          oslo_term_id node, term_role role);
/* a shortcut (rml:predicate ex:p) is a constant-valued term map */
extern rml_term_map *rml_constant_map(compiler *c, oslo_term_id value, term_role role);
/* the term maps of node given as map_prop nodes or shortcut constants */
extern rml_term_map **rml_term_maps(compiler *c, const rml_logical_source *ls, oslo_term_id node,
                                    const char *map_prop, const char *shortcut, term_role role,
                                    size_t *n);

/* rml_iterator_base.c: link each XPath iterator "BASE/REST" to its base */
extern void rml_link_iterator_bases(compiler *c);

#endif /* OSLO_RML_COMPILER_H */
