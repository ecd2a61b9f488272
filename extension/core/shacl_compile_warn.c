/*
 * shacl_compile_warn.c
 *	  Warnings for IRIs in the sh: namespace that SHACL does not define.
 *
 * Published EU shapes carry typos that a conformant engine silently ignores,
 * so the constraint the author meant is never checked: sh:shape for sh:node
 * (DCAT-AP 1.2.1-3.0.1, #229), sh:dateTime for sh:datatype (DCAT-AP
 * 1.2.1-2.0.1, #147), lower-case sh:nodekind (Core Person 2.1.0, CPOV 2.1.0).
 * We still ignore them, as SHACL requires, but every triple of the shapes
 * graph is scanned once after compiling, and each sh: IRI that is not in the
 * SHACL vocabulary (in any position, on a shape or not) becomes a warning that
 * names the term, the node it sits on and what it probably meant. The
 * compiler only collects them (oslo_shacl_warning_at): the host decides how
 * to show them (a WARNING at oslo.profile_load, stderr in the CLI), so a
 * profile compiled again for validation stays quiet.
 */
#include "shacl_compiler.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* the SHACL 1.0 vocabulary (shacl.ttl: SHACL Core, SHACL-SPARQL, SHACL-AF, SHACL-JS), besides
 * shacl_param_names and the constraint components below */
static const char *const other_terms[] = {
    /* classes and individuals */
    "AbstractResult", "BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral", "ConstraintComponent",
    "Function", "Info", "IRI", "IRIOrLiteral", "JSConstraint", "JSExecutable", "JSFunction",
    "JSLibrary", "JSRule", "JSTarget", "JSTargetType", "JSValidator", "Literal", "NodeKind",
    "NodeShape", "Parameter", "Parameterizable", "PrefixDeclaration", "PropertyGroup",
    "PropertyShape", "ResultAnnotation", "Rule", "Severity", "Shape", "SPARQLAskExecutable",
    "SPARQLAskValidator", "SPARQLConstraint", "SPARQLConstructExecutable", "SPARQLExecutable",
    "SPARQLFunction", "SPARQLRule", "SPARQLSelectExecutable", "SPARQLSelectValidator",
    "SPARQLTarget", "SPARQLTargetType", "SPARQLUpdateExecutable", "Target", "TargetType",
    "TripleRule", "ValidationReport", "ValidationResult", "Validator", "Violation", "Warning",
    /* properties */
    "alternativePath", "annotationProperty", "annotationValue", "annotationVarName", "ask",
    "condition", "conforms", "construct", "declare", "defaultValue", "description", "detail",
    "entailment", "expression", "filterShape", "focusNode", "group", "intersection", "inversePath",
    "js", "jsFunctionName", "jsLibrary", "jsLibraryURL", "labelTemplate", "name", "namespace",
    "nodes", "nodeValidator", "object", "oneOrMorePath", "optional", "order", "parameter",
    "predicate", "prefix", "prefixes", "propertyValidator", "result", "resultAnnotation",
    "resultMessage", "resultPath", "resultSeverity", "returnType", "rule", "select", "shapesGraph",
    "shapesGraphWellFormed", "sourceConstraint", "sourceConstraintComponent", "sourceShape",
    "subject", "suggestedShapesGraph", "target", "targetType", "this", "union", "update",
    "validator", "value", "values", "zeroOrMorePath", "zeroOrOnePath"};

/* X of the constraint components sh:XConstraintComponent (and their parameters X...-param) */
static const char *const components[] = {"And",
                                         "Class",
                                         "Closed",
                                         "Datatype",
                                         "Disjoint",
                                         "Equals",
                                         "Expression",
                                         "HasValue",
                                         "In",
                                         "JS",
                                         "LanguageIn",
                                         "LessThan",
                                         "LessThanOrEquals",
                                         "MaxCount",
                                         "MaxExclusive",
                                         "MaxInclusive",
                                         "MaxLength",
                                         "MinCount",
                                         "MinExclusive",
                                         "MinInclusive",
                                         "MinLength",
                                         "Node",
                                         "NodeKind",
                                         "Not",
                                         "Or",
                                         "Pattern",
                                         "Property",
                                         "QualifiedMaxCount",
                                         "QualifiedMinCount",
                                         "SPARQL",
                                         "UniqueLang",
                                         "Xone"};

/* XSD datatypes a shape may name: sh:datatype sh:<one of these> meant xsd:<it> */
static const char *const xsd_types[] = {"anyURI",
                                        "base64Binary",
                                        "boolean",
                                        "byte",
                                        "date",
                                        "dateTime",
                                        "dateTimeStamp",
                                        "decimal",
                                        "double",
                                        "duration",
                                        "float",
                                        "gDay",
                                        "gMonth",
                                        "gMonthDay",
                                        "gYear",
                                        "gYearMonth",
                                        "hexBinary",
                                        "int",
                                        "integer",
                                        "language",
                                        "long",
                                        "negativeInteger",
                                        "nonNegativeInteger",
                                        "nonPositiveInteger",
                                        "normalizedString",
                                        "positiveInteger",
                                        "short",
                                        "string",
                                        "time",
                                        "token",
                                        "unsignedByte",
                                        "unsignedInt",
                                        "unsignedLong",
                                        "unsignedShort"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
in_list(const char *local, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncmp(local, list[i], len) == 0)
			return true;
	return false;
}

static bool
plain_term(const char *local, size_t len)
{
	for (int i = 0; i < P_COUNT; i++)
		if (strlen(shacl_param_names[i]) == len && strncmp(local, shacl_param_names[i], len) == 0)
			return true;
	return in_list(local, len, other_terms, NELEM(other_terms));
}

/* sh:XConstraintComponent, sh:XConstraintComponent-param, sh:JSConstraint-js */
static bool
component_term(const char *local)
{
	static const char suffix[] = "ConstraintComponent";
	const char *dash = strchr(local, '-');
	size_t head = dash ? (size_t)(dash - local) : strlen(local);
	size_t slen = strlen(suffix);

	if (strcmp(local, "JSConstraint-js") == 0)
		return true;
	if (head <= slen || strncmp(local + head - slen, suffix, slen) != 0 ||
	    !in_list(local, head - slen, components, NELEM(components)))
		return false;
	return !dash || plain_term(dash + 1, strlen(dash + 1));
}

static bool
known_local(const char *local)
{
	return plain_term(local, strlen(local)) || component_term(local);
}

/* the local name of an sh: IRI that SHACL does not define, else NULL */
static const char *
unknown_local(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);
	const char *local;

	if (t->kind != OSLO_TERM_IRI || strncmp(t->value, OSLO_SH, strlen(OSLO_SH)) != 0)
		return NULL;
	local = t->value + strlen(OSLO_SH);
	/* "" is the namespace itself: the vocabulary's own owl:Ontology */
	return *local == '\0' || known_local(local) ? NULL : local;
}

/* case-insensitive edit distance (99 for names too long to be a SHACL term) */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64], prev;

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++)
	{
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++)
		{
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t best = prev + cost, old = row[j];

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			prev = old;
			row[j] = best;
		}
	}
	return row[lb];
}

/* the nearest SHACL term (edit distance 2 at most, ties: the first), or NULL */
static const char *
nearest_term(const char *local)
{
	const char *best = NULL;
	size_t best_d = 3;

	if (strlen(local) < 4)
		return NULL;
	for (int i = 0; i < P_COUNT; i++)
	{
		size_t d = distance(local, shacl_param_names[i]);

		if (d < best_d)
			best_d = d, best = shacl_param_names[i];
	}
	for (size_t i = 0; i < NELEM(other_terms); i++)
	{
		size_t d = distance(local, other_terms[i]);

		if (d < best_d)
			best_d = d, best = other_terms[i];
	}
	return best;
}

static bool
is_xsd_iri(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);

	return t->kind == OSLO_TERM_IRI && strncmp(t->value, OSLO_XSD, strlen(OSLO_XSD)) == 0;
}

/*
 * What the author probably meant by sh:<local> in that triple: the SHACL term
 * it misspells, or the term the upstream typos stand for. NULL: no guess.
 */
static char *
probably_meant(const compiler *c, const char *local, bool as_predicate, const oslo_quad *q)
{
	const char *near;

	if (as_predicate && strcmp(local, "shape") == 0)
		return oslo_strdup("sh:node"); /* SHACL drafts had sh:shape; SHACL 1.0 calls it sh:node */
	if (as_predicate && is_xsd_iri(c->g, q->o))
		return oslo_strdup("sh:datatype"); /* sh:dateTime xsd:hexBinary: a datatype as value */
	if (!as_predicate && q->p == c->param[P_DATATYPE])
	{
		for (size_t i = 0; i < NELEM(xsd_types); i++)
			if (strcasecmp(local, xsd_types[i]) == 0)
				return oslo_psprintf("xsd:%s", xsd_types[i]);
		if (strcasecmp(local, "langString") == 0 || strcasecmp(local, "HTML") == 0)
			return oslo_psprintf("rdf:%s", local);
	}
	near = nearest_term(local);
	return near ? oslo_psprintf("sh:%s", near) : NULL;
}

/*
 * The node a warning sits on, readable: an IRI as <iri>, with "(sh:path
 * <p>)" for a property shape; a blank property shape as "<parent>
 * sh:property [ sh:path <p> ]" (its label means nothing to the author);
 * another blank node by its label.
 */
static char *
describe_node(const compiler *c, oslo_term_id node, int depth)
{
	const oslo_term *t = oslo_graph_term(c->g, node);
	oslo_term_id path = 0, parent = 0;
	char *path_text, *parent_text, *out;
	oslo_match m;
	oslo_quad q;

	if (depth > 2)
		return (char *)shacl_term_text(c->g, node);
	if (c->param[P_PATH])
		path = oslo_graph_object(c->g, node, c->param[P_PATH]);
	if (!path)
		return (char *)shacl_term_text(c->g, node);
	if (t->kind != OSLO_TERM_BLANK)
	{
		/* toolchain property shapes are IRIs with a hash for a name: the path says which */
		char *node_text = (char *)shacl_term_text(c->g, node);

		path_text = (char *)shacl_term_text(c->g, path);
		out = oslo_psprintf("%s (sh:path %s)", node_text, path_text);
		oslo_free(node_text);
		oslo_free(path_text);
		return out;
	}
	if (c->param[P_PROPERTY])
	{
		oslo_match_init(&m, c->g, 0, c->param[P_PROPERTY], node, 0);
		if (oslo_match_next(&m, &q))
			parent = q.s;
	}
	path_text = (char *)shacl_term_text(c->g, path);
	if (parent)
	{
		parent_text = describe_node(c, parent, depth + 1);
		out = oslo_psprintf("%s sh:property [ sh:path %s ]", parent_text, path_text);
		oslo_free(parent_text);
	}
	else
		out = oslo_psprintf("[ sh:path %s ]", path_text);
	oslo_free(path_text);
	return out;
}

static char *
arena_strdup(shacl_arena *a, const char *s)
{
	size_t n;
	char *copy;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	copy = shacl_arena_alloc(a, n);
	memcpy(copy, s, n);
	return copy;
}

static void
add_warning(compiler *c, const char *term, const char *where, const char *position,
            const char *meant, const char *message)
{
	oslo_shacl_shapes *s = c->s;
	oslo_shacl_warning *w;

	if (s->nwarnings == s->warnings_cap)
	{
		uint32_t cap = s->warnings_cap ? s->warnings_cap * 2 : 8;
		oslo_shacl_warning *bigger = shacl_arena_alloc(&s->arena, sizeof(oslo_shacl_warning) * cap);

		if (s->nwarnings)
			memcpy(bigger, s->warnings, sizeof(oslo_shacl_warning) * s->nwarnings);
		s->warnings = bigger;
		s->warnings_cap = cap;
	}
	w = &s->warnings[s->nwarnings++];
	w->term = arena_strdup(&s->arena, term);
	w->where = arena_strdup(&s->arena, where);
	w->position = position;
	w->meant = arena_strdup(&s->arena, meant);
	w->message = arena_strdup(&s->arena, message);
}

/* one unknown sh: term at one position of one triple */
static void
warn_term(compiler *c, const oslo_quad *q, oslo_term_id term, const char *local,
          const char *position)
{
	bool as_predicate = strcmp(position, "predicate") == 0;
	char *meant = probably_meant(c, local, as_predicate, q);
	char *where = describe_node(c, q->s, 0);
	char *s_text = (char *)shacl_term_text(c->g, q->s);
	char *p_text = (char *)shacl_term_text(c->g, q->p);
	char *o_text = (char *)shacl_term_text(c->g, q->o);
	char *hint = meant ? oslo_psprintf(" (probably meant %s)", meant) : oslo_strdup("");
	const oslo_term *o = oslo_graph_term(c->g, q->o);
	/* a shape the compiler read, or another node of the shapes graph (data, a list) */
	const char *kind = c->s->by_term[q->s] ? "shape" : "node";
	char *value_note = oslo_strdup("");
	char *message;

	/* sh:nodekind "sh:Literal" (CPOV, Core Person 2.1.0): the value is a string, not sh:Literal */
	if (as_predicate && o->kind == OSLO_TERM_LITERAL && strncmp(o->value, "sh:", 3) == 0)
	{
		oslo_free(value_note);
		value_note = oslo_psprintf("; its value %s is a string, not the IRI %s", o_text, o->value);
	}
	if (q->p == c->param[P_DATATYPE] && !as_predicate)
		message = oslo_psprintf("%s %s: sh:datatype sh:%s is not a datatype (no literal has "
		                        "it)%s: %s %s %s",
		                        kind, where, local, hint, s_text, p_text, o_text);
	else if (as_predicate)
		message = oslo_psprintf("%s %s: sh:%s is not a SHACL term; ignored: %s %s %s%s%s", kind,
		                        where, local, s_text, p_text, o_text, hint, value_note);
	else
		message = oslo_psprintf("%s %s: sh:%s (as %s) is not a SHACL term: %s %s %s%s", kind, where,
		                        local, position, s_text, p_text, o_text, hint);
	add_warning(c, oslo_graph_term(c->g, term)->value, where, position, meant, message);
	oslo_free(message);
	oslo_free(value_note);
	oslo_free(hint);
	oslo_free(o_text);
	oslo_free(p_text);
	oslo_free(s_text);
	oslo_free(where);
	oslo_free(meant);
}

void
shacl_warn_unknown_terms(compiler *c)
{
	size_t n = oslo_graph_size(c->g);
	const oslo_quad *quads = oslo_graph_quads(c->g);

	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[i];
		const char *local;

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		if ((local = unknown_local(c->g, q->s)) != NULL)
			warn_term(c, q, q->s, local, "subject");
		if ((local = unknown_local(c->g, q->p)) != NULL)
			warn_term(c, q, q->p, local, "predicate");
		if ((local = unknown_local(c->g, q->o)) != NULL)
			warn_term(c, q, q->o, local, "object");
	}
}

uint32_t
oslo_shacl_warning_count(const oslo_shacl_shapes *s)
{
	return s->nwarnings;
}

const oslo_shacl_warning *
oslo_shacl_warning_at(const oslo_shacl_shapes *s, uint32_t i)
{
	return i < s->nwarnings ? &s->warnings[i] : NULL;
}
