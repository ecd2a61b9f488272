/*
 * shacl_gen.c: test data for shacl_jena.sh, derived from a shapes file.
 *
 *	shacl_gen SHAPES.ttl VALID.nt BROKEN.nt
 *
 * For every sh:targetClass C of a shape: VALID gets one instance of C with one
 * fitting value per property shape (predicate paths only); BROKEN gets three:
 * one with no properties (minCount), one with a wrong value per property (an
 * ill-typed literal such as "1980-02-30"^^xsd:date, an instance of the wrong
 * class, a literal where an IRI belongs, NaN against a range) and one with
 * maxCount + 1 values. Valid-ish only: both validators see the same data, so
 * what matters is that every constraint kind is reached, not that VALID
 * conforms.
 */
#include "oslo_standalone.h"
#include "rdf_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SH  "http://www.w3.org/ns/shacl#"
#define EX  "http://example.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

static oslo_graph *G;
static const char *shapes_path;
static FILE *valid_out, *broken_out;
static int serial;

static oslo_term_id
sh(const char *local)
{
	char iri[128];

	snprintf(iri, sizeof(iri), SH "%s", local);
	return oslo_graph_find_iri(G, iri, strlen(iri));
}

static oslo_term_id
obj(oslo_term_id s, const char *local)
{
	oslo_term_id p = sh(local);

	return p ? oslo_graph_object(G, s, p) : 0;
}

static const char *
iri_of(oslo_term_id t)
{
	const oslo_term *term = t ? oslo_graph_term(G, t) : NULL;

	return term && term->kind == OSLO_TERM_IRI ? term->value : NULL;
}

static void
put_term(FILE *f, oslo_term_id t)
{
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_term_to_ntriples(G, t, &b);
	fwrite(b.data, 1, b.len, f);
}

/* a literal of datatype dt: variant i of a valid form, or an invalid one */
static void
put_literal(FILE *f, const char *dt, int i, bool good)
{
	const char *local = dt && strncmp(dt, XSD, strlen(XSD)) == 0 ? dt + strlen(XSD) : "";
	char lex[64];

	if (strcmp(local, "date") == 0)
		snprintf(lex, sizeof(lex), good ? "1980-02-%02d" : "1980-02-30", i + 1);
	else if (strcmp(local, "dateTime") == 0 || strcmp(local, "dateTimeStamp") == 0)
		snprintf(lex, sizeof(lex), good ? "1980-02-%02dT10:00:00Z" : "1980-02-30T10:00:00", i + 1);
	else if (strcmp(local, "gYear") == 0)
		snprintf(lex, sizeof(lex), good ? "%d" : "80", 1980 + i);
	else if (strcmp(local, "gYearMonth") == 0)
		snprintf(lex, sizeof(lex), good ? "1980-%02d" : "1980-13", i + 1);
	else if (strcmp(local, "time") == 0)
		snprintf(lex, sizeof(lex), good ? "10:%02d:00" : "25:00:00", i);
	else if (strcmp(local, "duration") == 0)
		snprintf(lex, sizeof(lex), good ? "P%dD" : "1D", i + 1);
	else if (strcmp(local, "boolean") == 0)
		snprintf(lex, sizeof(lex), "%s", good ? (i % 2 ? "false" : "true") : "yes");
	else if (strstr(local, "nteger") || strcmp(local, "int") == 0 || strcmp(local, "long") == 0)
		snprintf(lex, sizeof(lex), good ? "%d" : "five", 5 + i);
	else if (strcmp(local, "decimal") == 0)
		snprintf(lex, sizeof(lex), good ? "%d.5" : "1,5", i);
	else if (strcmp(local, "double") == 0 || strcmp(local, "float") == 0)
		snprintf(lex, sizeof(lex), good ? "%d.5E0" : "abc", i);
	else if (strcmp(local, "hexBinary") == 0)
		snprintf(lex, sizeof(lex), good ? "0%X" : "0G", i);
	else if (strcmp(local, "anyURI") == 0)
		snprintf(lex, sizeof(lex), EX "u%d", i);
	else
		snprintf(lex, sizeof(lex), "x%d", i);
	if (dt && strcmp(dt, OSLO_RDF_LANGSTRING) == 0)
		fprintf(f, good ? "\"%s\"@nl" : "\"%s\"", lex); /* a plain string is not a langString */
	else if (!good && (!dt || strcmp(dt, XSD "string") == 0))
		fprintf(f, "\"%s\"@en", lex); /* a langString is not an xsd:string */
	else
		fprintf(f, "\"%s\"^^<%s>", lex, dt ? dt : XSD "string");
}

/* one value of property shape ps for focus (an N-Triples subject) */
static void
put_value(FILE *f, const char *focus, oslo_term_id ps, int i, bool good)
{
	const char *path = iri_of(obj(ps, "path"));
	const char *dt = iri_of(obj(ps, "datatype"));
	const char *cls = iri_of(obj(ps, "class"));
	const char *kind = iri_of(obj(ps, "nodeKind"));
	oslo_term_id fixed = obj(ps, "hasValue");
	oslo_term_id list = obj(ps, "in");
	bool range = obj(ps, "minInclusive") || obj(ps, "maxInclusive") || obj(ps, "minExclusive") ||
	             obj(ps, "maxExclusive");
	oslo_term_id rdf_first = oslo_graph_find_iri(G, OSLO_RDF "first", strlen(OSLO_RDF "first"));
	oslo_term_id first = list && rdf_first ? oslo_graph_object(G, list, rdf_first) : 0;
	int n = ++serial;

	fprintf(f, "%s <%s> ", focus, path);
	if (good && fixed)
		put_term(f, fixed);
	else if (good && first)
		put_term(f, first);
	else if (!good && (fixed || list))
		fprintf(f, "<" EX "notListed>");
	else if (!good && range)
		fprintf(f, "\"NaN\"^^<" XSD "double>");
	else if (dt)
		put_literal(f, dt, i, good);
	else if (cls)
	{
		/* wrong class: a blank node, so that blank focus nodes are compared too */
		fprintf(f, good ? "<" EX "o%d> .\n<" EX "o%d>" : "_:w%d .\n_:w%d", n, n);
		fprintf(f, " <" OSLO_RDF_TYPE "> <%s>", good ? cls : EX "Wrong");
	}
	else if (kind && strstr(kind, "Literal") && !strstr(kind, "IRIOrLiteral"))
		good ? put_literal(f, NULL, i, true) : (void)fprintf(f, "<" EX "o%d>", n);
	else if (kind && (!good || strstr(kind, "IRI")))
		good ? (void)fprintf(f, "<" EX "o%d>", n) : put_literal(f, XSD "string", i, true);
	else
		put_literal(f, NULL, i, true);
	fprintf(f, " .\n");
}

static void
gen_shape(oslo_term_id shape, oslo_term_id cls)
{
	oslo_term_id p_property = sh("property");
	int n = ++serial;
	char focus[4][64];

	snprintf(focus[0], sizeof(focus[0]), "<" EX "valid/%d>", n);
	for (int k = 1; k < 4; k++)
		snprintf(focus[k], sizeof(focus[k]), "<" EX "broken/%d-%d>", n, k);
	for (int k = 0; k < 4; k++)
	{
		fprintf(k ? broken_out : valid_out, "%s <" OSLO_RDF_TYPE "> ", focus[k]);
		put_term(k ? broken_out : valid_out, cls);
		fprintf(k ? broken_out : valid_out, " .\n");
	}
	if (!p_property)
		return;

	oslo_match m;
	oslo_quad q;
	oslo_match_init(&m, G, shape, p_property, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		oslo_term_id max = obj(q.o, "maxCount");
		int extra = max ? atoi(oslo_graph_term(G, max)->value) + 1 : 1;

		if (!iri_of(obj(q.o, "path")))
			continue; /* complex paths: reached through the shapes that use them */
		put_value(valid_out, focus[0], q.o, 0, true);
		put_value(broken_out, focus[2], q.o, 0, false);
		for (int i = 0; i < extra && i < 8; i++)
			put_value(broken_out, focus[3], q.o, i, true);
	}
}

static void
run(void *arg)
{
	FILE *in = fopen(shapes_path, "rb");
	char *text;
	long len;

	if (!in)
		oslo_error(OSLO_ERR_PARAMETER, "cannot read %s", shapes_path);
	fseek(in, 0, SEEK_END);
	len = ftell(in);
	rewind(in);
	text = oslo_alloc((size_t)len + 1);
	len = (long)fread(text, 1, (size_t)len, in);
	fclose(in);
	G = oslo_graph_new();
	oslo_rdf_parse(G, text, (size_t)len, OSLO_SYNTAX_TURTLE, "http://example.org/shapes");

	oslo_term_id target = sh("targetClass");
	oslo_match m;
	oslo_quad q;
	if (!target)
		return;
	oslo_match_init(&m, G, 0, target, 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
		if (iri_of(q.o))
			gen_shape(q.s, q.o);
}

int
main(int argc, char **argv)
{
	oslo_captured_error err;

	if (argc != 4)
	{
		fprintf(stderr, "usage: shacl_gen SHAPES.ttl VALID.nt BROKEN.nt\n");
		return 2;
	}
	shapes_path = argv[1];
	valid_out = fopen(argv[2], "w");
	broken_out = fopen(argv[3], "w");
	if (!valid_out || !broken_out)
		return 2;
	oslo_standalone_init();
	if (!oslo_standalone_run(run, NULL, &err))
	{
		fprintf(stderr, "shacl_gen: %s: %s\n", shapes_path, err.message);
		return 1;
	}
	return fclose(valid_out) || fclose(broken_out) ? 1 : 0;
}
