/*
 * shacl.h
 *	  A SHACL Core validator (W3C Shapes Constraint Language, sections 2-4).
 *
 *	oslo_shacl_shapes *s = oslo_shacl_compile(shapes_graph);   once; reusable
 *	oslo_shacl_report *r = oslo_shacl_validate(s, data, background);
 *	r->conforms, r->results[i] ...
 *	oslo_graph *rdf = oslo_shacl_report_graph(r);             sh:ValidationReport
 *	oslo_shacl_report_json(r, &buf);                          JSON for ETL (below)
 *	oslo_shacl_report_free(r); oslo_shacl_shapes_free(s);
 *
 * Compilation reads every shape reachable from a target, a sh:NodeShape or
 * sh:PropertyShape type, or a shape-valued parameter, checks its parameters
 * and raises OSLO_ERR_PARAMETER naming the shape and the offending triple
 * (sh:maxCount "1" as a string, a sh:path that is not a path, a list that is
 * not a proper rdf:List, ...). Regular expressions (ICU) are compiled once and
 * owned by the compiled shapes; oslo_shacl_shapes_free closes them, and a guard
 * that stays armed while the shapes live closes them if an error unwinds or
 * the owning memory context goes away first.
 *
 * Triples of a shape whose predicate is in the sh: namespace but not a SHACL
 * term (typos in published EU shapes: sh:shape, sh:dateTime, sh:nodekind) are
 * ignored as SHACL requires, with a notice naming the shape and the triple;
 * so is sh:datatype with an sh: IRI. sh:pattern and sh:flags must be
 * xsd:string literals ("..."@en is refused, as Jena does).
 *
 * SPARQL-based constraints (sh:sparql) are not evaluated: the compiled shapes
 * count the shapes that have them, and the report carries that count (the
 * JSON field "sparqlShapesSkipped"; validation also raises a notice).
 *
 * The background graph (code lists, vocabularies; may be NULL) contributes
 * its rdf:type and rdfs:subClassOf triples to sh:targetClass and sh:class;
 * focus nodes and value nodes come from the data graph only. Named graphs of
 * the data graph are validated as their union.
 *
 * Recursive shapes (SHACL leaves them undefined): when validating a node
 * against a shape reaches the same (shape, node) pair again, the inner check
 * is taken to conform, as TopBraid and Jena do; the outer check decides.
 * Nesting deeper than SHACL_MAX_DEPTH raises OSLO_ERR_LIMIT.
 *
 * Literals are compared per XSD: numbers across integer/decimal/float/double,
 * date/time types with time zones (XSD's +-14:00 rule for a missing zone),
 * strings by code point; anything else (NaN included) is incomparable and so
 * fails sh:minInclusive etc. sh:datatype checks lexical forms of the XSD
 * built-in types ("1980-02-30"^^xsd:date is ill-typed) after the whiteSpace
 * facet; 138 borderline forms agree with Jena 4.5 (test_shacl_xsd.c).
 * Booleans switch a parameter on only when written true ("1" does not:
 * W3C uniqueLang-002). sh:datatype rdfs:Literal is strict: no literal has it.
 *
 * Results come shape by shape (shapes in the order the shapes graph lists
 * them), focus nodes in data order within a class target.
 *
 * JSON report (oslo_shacl_report_json appends it to an initialized buffer):
 *	{"conforms": false, "sparqlShapesSkipped": 0, "results": [
 *	  {"focusNode": "http://ex/p1",          IRI, or "_:label" for a blank node
 *	   "resultPath": "http://ex/name",       predicate IRI; other paths in SPARQL
 *	                                         syntax, e.g. "^<http://ex/p>/<http://ex/q>*"
 *	   "value": "1980-02-30",                literal: its lexical form, with
 *	   "valueDatatype": "http://...#date",   ... its datatype IRI
 *	   "valueLanguage": "nl",                ... and language tag if it has one
 *	   "sourceConstraintComponent": "http://www.w3.org/ns/shacl#DatatypeConstraintComponent",
 *	   "sourceShape": "http://ex/PersonShape",
 *	   "resultSeverity": "http://www.w3.org/ns/shacl#Violation",
 *	   "resultMessage": "..."}]}             sh:message of the shape, else ours
 * Keys whose value is absent (no path, no value) are left out.
 */
#ifndef OSLO_SHACL_H
#define OSLO_SHACL_H

#include "rdf_graph.h"

#define OSLO_SH         "http://www.w3.org/ns/shacl#"
#define SHACL_MAX_DEPTH 256

typedef enum oslo_shacl_component
{
	OSLO_SH_CLASS = 0,
	OSLO_SH_DATATYPE,
	OSLO_SH_NODE_KIND,
	OSLO_SH_MIN_COUNT,
	OSLO_SH_MAX_COUNT,
	OSLO_SH_MIN_EXCLUSIVE,
	OSLO_SH_MIN_INCLUSIVE,
	OSLO_SH_MAX_EXCLUSIVE,
	OSLO_SH_MAX_INCLUSIVE,
	OSLO_SH_MIN_LENGTH,
	OSLO_SH_MAX_LENGTH,
	OSLO_SH_PATTERN,
	OSLO_SH_LANGUAGE_IN,
	OSLO_SH_UNIQUE_LANG,
	OSLO_SH_EQUALS,
	OSLO_SH_DISJOINT,
	OSLO_SH_LESS_THAN,
	OSLO_SH_LESS_THAN_OR_EQUALS,
	OSLO_SH_NOT,
	OSLO_SH_AND,
	OSLO_SH_OR,
	OSLO_SH_XONE,
	OSLO_SH_NODE,
	OSLO_SH_PROPERTY,
	OSLO_SH_QUALIFIED_MIN_COUNT,
	OSLO_SH_QUALIFIED_MAX_COUNT,
	OSLO_SH_CLOSED,
	OSLO_SH_HAS_VALUE,
	OSLO_SH_IN,
	OSLO_SH_COMPONENT_COUNT
} oslo_shacl_component;

/* local name in sh:, e.g. "MinCountConstraintComponent" */
extern const char *oslo_shacl_component_name(oslo_shacl_component c);

typedef struct oslo_shacl_shapes oslo_shacl_shapes;
typedef struct oslo_shacl_shape oslo_shacl_shape;
typedef struct oslo_shacl_path oslo_shacl_path;

/* the shapes graph is copied: it may be freed after this returns */
extern oslo_shacl_shapes *oslo_shacl_compile(const oslo_graph *shapes);
extern void oslo_shacl_shapes_free(oslo_shacl_shapes *s);
/* shapes compiled, and of those how many have sh:sparql (not evaluated) */
extern uint32_t oslo_shacl_shape_count(const oslo_shacl_shapes *s);
extern uint32_t oslo_shacl_sparql_shape_count(const oslo_shacl_shapes *s);

/*
 * An sh: IRI of the shapes graph that SHACL does not define (published EU
 * shapes: sh:shape, sh:dateTime, sh:nodekind). SHACL ignores the triple; the
 * compiler collects one warning per occurrence, in triple order, and leaves
 * showing them to the host. Strings live as long as the compiled shapes.
 */
typedef struct oslo_shacl_warning
{
	const char *term;     /* the IRI, e.g. http://www.w3.org/ns/shacl#nodekind */
	const char *where;    /* the node it sits on: <iri>, or <parent> sh:property [ sh:path <p> ] */
	const char *position; /* "subject", "predicate" or "object" of the triple */
	const char *meant;    /* what it probably meant ("sh:nodeKind"), or NULL: no guess */
	const char *message;  /* one line with all of it and the triple */
} oslo_shacl_warning;

extern uint32_t oslo_shacl_warning_count(const oslo_shacl_shapes *s);
/* NULL when i >= oslo_shacl_warning_count(s) */
extern const oslo_shacl_warning *oslo_shacl_warning_at(const oslo_shacl_shapes *s, uint32_t i);

typedef struct oslo_shacl_result
{
	oslo_term_id focus;          /* term of report->terms */
	oslo_term_id value;          /* term of report->terms, 0: none */
	const oslo_shacl_path *path; /* property shapes: their path, or NULL */
	oslo_term_id path_predicate; /* sh:closed: the predicate (report->terms) */
	oslo_shacl_component component;
	const oslo_shacl_shape *shape; /* sourceShape */
	const char *message;           /* ours, used when the shape has no sh:message */
} oslo_shacl_result;

typedef struct oslo_shacl_report
{
	bool conforms;
	size_t nresults;
	oslo_shacl_result *results;
	uint32_t sparql_shapes_skipped;
	oslo_graph *terms;               /* holds focus and value terms */
	const oslo_shacl_shapes *shapes; /* must outlive the report */
} oslo_shacl_report;

extern oslo_shacl_report *oslo_shacl_validate(const oslo_shacl_shapes *shapes,
                                              const oslo_graph *data, const oslo_graph *background);
/*
 * The same, taking data over instead of copying it (its quads are the
 * working graph; shape constants and the background are added to it): data
 * becomes report->terms and is freed with the report. For a
 * 500k-triple graph the copy was ~16% of the CLI's time and most of the
 * memory beyond the data itself.
 */
extern oslo_shacl_report *oslo_shacl_validate_owned(const oslo_shacl_shapes *shapes,
                                                    oslo_graph *data, const oslo_graph *background);
extern void oslo_shacl_report_free(oslo_shacl_report *r);

/* the W3C sh:ValidationReport graph (new graph; blank nodes for results and paths) */
extern oslo_graph *oslo_shacl_report_graph(const oslo_shacl_report *r);
/* the JSON form documented above */
extern void oslo_shacl_report_json(const oslo_shacl_report *r, oslo_buf *out);

/* accessors for result fields that live in the compiled shapes */
extern const oslo_graph *oslo_shacl_shapes_graph(const oslo_shacl_shapes *s);
/* the shape's term in oslo_shacl_shapes_graph() */
extern oslo_term_id oslo_shacl_shape_term(const oslo_shacl_shape *shape);
/* sh:severity IRI in oslo_shacl_shapes_graph() (sh:Violation by default) */
extern oslo_term_id oslo_shacl_shape_severity(const oslo_shacl_shape *shape);
/* the path as a string: predicate IRI, else SPARQL property path syntax */
extern void oslo_shacl_path_to_string(const oslo_shacl_shapes *s, const oslo_shacl_path *p,
                                      oslo_buf *out);

/*
 * XSD literal support (shacl_xsd.c), usable on its own.
 * oslo_xsd_valid: is lex a valid lexical form of the datatype? Datatypes it
 * does not know are taken as valid (*known = false when known is given).
 */
extern bool oslo_xsd_valid(const char *datatype_iri, const char *lex, size_t len, bool *known);
/*
 * Compare two literals by value: returns false when they are incomparable
 * (different value spaces, ill-typed, NaN, indeterminate time zones);
 * otherwise *cmp is <0, 0 or >0.
 */
extern bool oslo_xsd_compare(const oslo_graph *ga, oslo_term_id a, const oslo_graph *gb,
                             oslo_term_id b, int *cmp);

#endif /* OSLO_SHACL_H */
