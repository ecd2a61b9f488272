/*
 * rml_plan.h
 *	  The compiled form of an RML mapping, shared by rml_compile.c (which
 *	  builds it from the mapping graph) and rml_exec.c (which runs it).
 */
#ifndef OSLO_RML_PLAN_H
#define OSLO_RML_PLAN_H

#include "rml.h"
#include "rml_jsonpath.h"

#include <libxml/xpath.h>

typedef enum rml_formulation
{
	RML_XPATH = 1,
	RML_JSONPATH,
	RML_CSV
} rml_formulation;

/* one reference, compiled for its logical source's formulation */
typedef struct rml_ref
{
	char *text;
	xmlXPathCompExprPtr xpath;
	rml_jsonpath *jsonpath;
} rml_ref;

/* a template piece: literal text, or a reference when ref is set */
typedef struct rml_template_part
{
	char *text;
	size_t len;
	rml_ref *ref;
} rml_template_part;

typedef enum rml_value_kind
{
	RML_CONSTANT = 1,
	RML_REFERENCE,
	RML_TEMPLATE,
	RML_FRESH_BLANK, /* rml:termType rml:BlankNode alone: a new blank node per record */
	RML_FUNCTION     /* rml:functionExecution (RML-FNML): a built-in function's result */
} rml_value_kind;

typedef enum rml_term_type
{
	RML_IRI = 1,    /* IRI-safe encoding of template values (non-ASCII kept) */
	RML_URI,        /* URI-safe: everything but RFC 3986 unreserved encoded */
	RML_UNSAFE_IRI, /* no encoding, no check */
	RML_BLANK,
	RML_LITERAL
} rml_term_type;

struct rml_term_map;
typedef struct rml_function rml_function; /* rml_functions.c */

/* a compiled rml:functionExecution: the function and a value map per parameter */
typedef struct rml_function_call
{
	const rml_function *function;
	struct rml_term_map **inputs; /* by the function's parameter index; NULL: not given */
} rml_function_call;

typedef struct rml_term_map
{
	rml_value_kind kind;
	rml_term_type type;
	/* RML_CONSTANT: the term as written in the mapping */
	char *constant;
	char *constant_datatype;
	char *constant_lang;
	rml_ref *ref;
	rml_template_part *parts;
	size_t nparts;
	/* an absolute IRI template whose text pieces are valid: encoded values keep it valid */
	bool template_iri_safe;
	rml_function_call *call; /* RML_FUNCTION */
	char *language;          /* literal maps: constant language tag */
	struct rml_term_map *language_map;
	char *datatype; /* literal maps: constant datatype IRI */
	struct rml_term_map *datatype_map;
} rml_term_map;

typedef struct rml_join
{
	rml_term_map *child;
	rml_term_map *parent;
} rml_join;

typedef struct rml_object_map
{
	rml_term_map *term; /* NULL for a referencing object map */
	size_t parent;      /* index of the parent triples map */
	rml_join *joins;
	size_t njoins;
} rml_object_map;

typedef struct rml_pom
{
	rml_term_map **predicates;
	size_t npredicates;
	rml_object_map *objects;
	size_t nobjects;
	rml_term_map **graphs;
	size_t ngraphs;
} rml_pom;

typedef struct rml_xml_ns
{
	char *prefix;
	char *url;
} rml_xml_ns;

typedef struct rml_logical_source
{
	char *source;
	rml_formulation formulation;
	char *iterator; /* NULL for CSV */
	rml_ref *iterator_ref;
	rml_xml_ns *namespaces;
	size_t nnamespaces;
	/*
	 * An XPath iterator "BASE/REST" where BASE is another logical source's
	 * iterator on the same source: evaluated as REST below each of BASE's
	 * records (rml_iterator_base.c), or NULL.
	 */
	const struct rml_logical_source *iterator_base;
	rml_ref *iterator_rest;
} rml_logical_source;

typedef struct rml_triples_map
{
	char *name; /* for messages: <iri> or _:label */
	char *base_iri;
	rml_logical_source source;
	rml_term_map *subject;
	char **classes;
	size_t nclasses;
	rml_term_map **subject_graphs;
	size_t nsubject_graphs;
	rml_pom *poms;
	size_t npoms;
} rml_triples_map;

/* compiled XPath expressions: malloc'd, owned by a guard until rml_free */
typedef struct rml_xpath_list
{
	xmlXPathCompExprPtr *items;
	size_t n;
	size_t cap;
} rml_xpath_list;

struct rml_mapping
{
	rml_triples_map *maps;
	size_t nmaps;
	rml_xpath_list *xpaths;
	oslo_guard *xpath_guard;
	rml_jsonpath **jsonpaths;
	size_t njsonpaths;
	size_t jsonpaths_cap;
	/* every host block of the plan, freed by rml_free */
	void **blocks;
	size_t nblocks;
	size_t blocks_cap;
};

#define RML_NS            "http://w3id.org/rml/"
#define RML_DEFAULT_GRAPH RML_NS "defaultGraph"
#define RR_DEFAULT_GRAPH  "http://www.w3.org/ns/r2rml#defaultGraph"

/* rml_template.c */
/* split a template into parts; raises OSLO_ERR_PARAMETER on unbalanced or nested braces */
extern void rml_template_split(rml_mapping *m, const char *tmpl, const char *where,
                               rml_template_part **parts, size_t *nparts);
/* append value percent-encoded for an IRI (keep_ucschar) or a URI */
extern void rml_append_iri_safe(oslo_buf *out, const char *value, size_t len, bool keep_ucschar);
/* RFC 3987 characters an IRI must not hold (space, <>"{}|^`\, controls) */
extern bool rml_iri_chars_valid(const char *iri);
/* well-formed BCP 47 language tag (syntax only) */
extern bool rml_language_tag_valid(const char *tag);

/* rml_functions.c: the built-in functions of function-valued term maps (RML-FNML) */
#define RML_FN_NS         "urn:oslo-interop:function:"
#define RML_FN_MAX_PARAMS 11

/* one parameter's values on a record; values is NULL when the input is absent */
typedef struct rml_fn_input
{
	const struct rml_values *values;
	const char *source; /* the input's reference or template, for messages; or NULL */
} rml_fn_input;

typedef struct rml_fn_env
{
	const char *where;             /* the triples map, for messages */
	const struct _xmlNode *record; /* the XML record, for messages only; or NULL */
	rml_warning_sink warn;
	void *warn_arg;
} rml_fn_env;

struct rml_function
{
	const char *name;                      /* local name in RML_FN_NS */
	const char *params[RML_FN_MAX_PARAMS]; /* local names in RML_FN_NS, NULL-terminated */
	unsigned required;                     /* bit k: params[k] must be given */
	void (*call)(const rml_fn_input *in, const rml_fn_env *env, struct rml_values *out);
};

/* the function of IRI, or NULL */
extern const rml_function *rml_function_find(const char *iri);
/* the index of parameter IRI in f, or -1 */
extern int rml_function_param(const rml_function *f, const char *iri);
extern size_t rml_function_nparams(const rml_function *f);

/* rml_source.c: the same XPath namespace declarations (prefix and URL, in order) */
extern bool rml_same_namespaces(const rml_logical_source *a, const rml_logical_source *b);

/* rml_compile.c */
extern void *rml_plan_alloc(rml_mapping *m, size_t size);
extern char *rml_plan_strdup(rml_mapping *m, const char *s);

#endif /* OSLO_RML_PLAN_H */
