/*
 * rdf_serd_write.c
 *	  oslo_rdf_write: N-Triples/N-Quads directly, Turtle/TriG through serd.
 *
 * Statements go to serd in oslo_graph_sorted_order, so subjects and
 * predicates arrive grouped and serd abbreviates them with ';' and ','.
 * serd writes every xsd:integer/boolean literal (and decimals containing a
 * dot) as a bare token without checking its lexical form, which would print
 * "abc"^^xsd:integer as `abc`; such literals get a CURIE datatype instead,
 * which serd copies verbatim.
 */
#include "rdf_syntax.h"

#include <serd/serd.h>
#include <stdlib.h>
#include <string.h>

typedef struct serd_write_owned
{
	SerdEnv *env;
	SerdWriter *writer;
} serd_write_owned;

static void
release_write_owned(void *resource)
{
	serd_write_owned *o = resource;

	serd_writer_free(o->writer);
	serd_env_free(o->env);
	free(o);
}

static size_t
sink_to_buf(const void *data, size_t len, void *stream)
{
	oslo_buf_append((oslo_buf *)stream, data, len);
	return len;
}

static bool
all_digits(const char *s, size_t *n)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	*n = i;
	return i > 0;
}

/* does lex read back as the same literal when written as a bare token? */
static bool
bare_token_ok(const char *lex, const char *xsd_local)
{
	size_t n;
	const char *p = lex;

	if (strcmp(xsd_local, "boolean") == 0)
		return strcmp(lex, "true") == 0 || strcmp(lex, "false") == 0;
	if (*p == '+' || *p == '-')
		p++;
	if (strcmp(xsd_local, "integer") == 0)
		return all_digits(p, &n) && p[n] == '\0';
	/* decimal: [0-9]* '.' [0-9]+ */
	all_digits(p, &n);
	p += n;
	if (*p != '.')
		return false;
	p++;
	return all_digits(p, &n) && p[n] == '\0';
}

static bool
needs_curie_datatype(const oslo_graph *g, const oslo_term *t)
{
	const oslo_term *dt = oslo_graph_term(g, t->datatype);
	const char *local;

	if (t->lang || strncmp(dt->value, OSLO_XSD, strlen(OSLO_XSD)) != 0)
		return false;
	local = dt->value + strlen(OSLO_XSD);
	if (strcmp(local, "integer") != 0 && strcmp(local, "decimal") != 0 &&
	    strcmp(local, "boolean") != 0)
		return false;
	return !bare_token_ok(t->value, local);
}

static bool
prefix_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return true;
	if (!((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') ||
	      (unsigned char)name[0] >= 0x80))
		return false;
	return oslo_blank_label_valid(name, len);
}

/* the prefix name bound to XSD: an existing one, or a new unused one */
static const char *
xsd_prefix_name(const oslo_prefix *prefixes, size_t nprefixes, bool *declare)
{
	static const char *candidates[] = {"xsd", "xs", "xsd_", "oslo_xsd"};

	*declare = false;
	for (size_t i = 0; i < nprefixes; i++)
		if (strcmp(prefixes[i].iri, OSLO_XSD) == 0)
			return prefixes[i].prefix;
	*declare = true;
	for (size_t c = 0; c < sizeof(candidates) / sizeof(candidates[0]); c++)
	{
		bool taken = false;

		for (size_t i = 0; i < nprefixes; i++)
			if (strcmp(prefixes[i].prefix, candidates[c]) == 0)
				taken = true;
		if (!taken)
			return candidates[c];
	}
	return "oslo_xsd"; /* the user would have to bind all four */
}

static SerdNode
term_node(const oslo_graph *g, oslo_term_id id, oslo_buf *scratch)
{
	const oslo_term *t = oslo_graph_term(g, id);

	switch (t->kind)
	{
		case OSLO_TERM_IRI:
			return serd_node_from_substring(SERD_URI, (const uint8_t *)t->value, t->len);
		case OSLO_TERM_BLANK:
			oslo_buf_reset(scratch);
			oslo_blank_label_put(scratch, t->value, t->len);
			return serd_node_from_substring(SERD_BLANK, (const uint8_t *)scratch->data,
			                                scratch->len);
		case OSLO_TERM_LITERAL:
			break;
	}
	return serd_node_from_substring(SERD_LITERAL, (const uint8_t *)t->value, t->len);
}

static void
write_with_serd(const oslo_graph *g, SerdSyntax syntax, const oslo_prefix *prefixes,
                size_t nprefixes, oslo_buf *out)
{
	serd_write_owned *o;
	oslo_guard *guard;
	uint32_t *order = oslo_graph_sorted_order(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	size_t n = oslo_graph_size(g);
	oslo_buf scratch[5]; /* s, p, o, g labels and a CURIE datatype */
	const char *xsd_name = NULL;
	bool declare_xsd = false;
	size_t start = out->len;

	for (size_t i = 0; i < nprefixes; i++)
		if (!prefix_name_valid(prefixes[i].prefix) || !oslo_iri_is_absolute(prefixes[i].iri))
			oslo_error(OSLO_ERR_PARAMETER, "invalid prefix \"%s\" for <%s>", prefixes[i].prefix,
			           prefixes[i].iri);
	for (size_t i = 0; i < n && !xsd_name; i++)
	{
		const oslo_term *t = oslo_graph_term(g, quads[i].o);

		if (t->kind == OSLO_TERM_LITERAL && needs_curie_datatype(g, t))
			xsd_name = xsd_prefix_name(prefixes, nprefixes, &declare_xsd);
	}
	for (int k = 0; k < 5; k++)
		oslo_buf_init(&scratch[k]);

	guard = oslo_guard_new(release_write_owned, NULL);
	o = calloc(1, sizeof(serd_write_owned));
	if (o == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory allocating an RDF writer");
	guard->resource = o;
	o->env = serd_env_new(NULL);
	if (o->env)
		o->writer = serd_writer_new(syntax, SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED, o->env,
		                            NULL, sink_to_buf, out);
	if (o->writer == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory allocating an RDF writer");

	for (size_t i = 0; i <= nprefixes; i++)
	{
		const char *name = i < nprefixes ? prefixes[i].prefix : xsd_name;
		const char *iri = i < nprefixes ? prefixes[i].iri : OSLO_XSD;
		SerdNode nn, in;

		if (i == nprefixes && !declare_xsd)
			break;
		nn = serd_node_from_string(SERD_LITERAL, (const uint8_t *)name);
		in = serd_node_from_string(SERD_URI, (const uint8_t *)iri);
		serd_writer_set_prefix(o->writer, &nn, &in);
	}

	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[order[i]];
		const oslo_term *ot = oslo_graph_term(g, q->o);
		SerdNode s, p, obj, gn, dt, lang;
		const SerdNode *dtp = NULL, *langp = NULL;

		if ((i & 0xFFF) == 0xFFF)
			oslo_check_interrupts();
		s = term_node(g, q->s, &scratch[0]);
		p = term_node(g, q->p, &scratch[1]);
		obj = term_node(g, q->o, &scratch[2]);
		gn = q->g ? term_node(g, q->g, &scratch[3]) : SERD_NODE_NULL;
		if (ot->kind == OSLO_TERM_LITERAL)
		{
			const oslo_term *dtt = oslo_graph_term(g, ot->datatype);

			if (ot->lang && ot->lang[0])
			{
				lang = serd_node_from_string(SERD_LITERAL, (const uint8_t *)ot->lang);
				langp = &lang;
			}
			else if (needs_curie_datatype(g, ot))
			{
				oslo_buf_reset(&scratch[4]);
				oslo_buf_printf(&scratch[4], "%s:%s", xsd_name, dtt->value + strlen(OSLO_XSD));
				dt = serd_node_from_substring(SERD_CURIE, (const uint8_t *)scratch[4].data,
				                              scratch[4].len);
				dtp = &dt;
			}
			else if (strcmp(dtt->value, OSLO_XSD_STRING) != 0)
			{
				dt = serd_node_from_substring(SERD_URI, (const uint8_t *)dtt->value, dtt->len);
				dtp = &dt;
			}
		}
		if (serd_writer_write_statement(o->writer, 0, q->g ? &gn : NULL, &s, &p, &obj, dtp,
		                                langp) != SERD_SUCCESS)
			oslo_error(OSLO_ERR_DATA, "could not write statement %zu as RDF", i + 1);
	}
	serd_writer_finish(o->writer);
	oslo_guard_release(guard);
	/* serd's TriG writer leaves indentation after the last '}' */
	while (out->len > start && (out->data[out->len - 1] == '\t' || out->data[out->len - 1] == ' ' ||
	                            out->data[out->len - 1] == '\n'))
		out->len--;
	out->data[out->len] = '\0';
	if (out->len > start)
		oslo_buf_putc(out, '\n');
	for (int k = 0; k < 5; k++)
		oslo_buf_free(&scratch[k]);
	oslo_free(order);
}

void
oslo_rdf_write(const oslo_graph *g, oslo_rdf_syntax syntax, const oslo_prefix *prefixes,
               size_t nprefixes, oslo_buf *out)
{
	if ((syntax == OSLO_SYNTAX_NTRIPLES || syntax == OSLO_SYNTAX_TURTLE) &&
	    oslo_graph_has_named_graphs(g))
		oslo_error(OSLO_ERR_PARAMETER,
		           "the dataset has statements in named graphs, which %s cannot express",
		           syntax == OSLO_SYNTAX_NTRIPLES ? "N-Triples (use N-Quads)"
		                                          : "Turtle (use TriG)");
	switch (syntax)
	{
		case OSLO_SYNTAX_NTRIPLES:
			oslo_write_nquads(g, false, out);
			return;
		case OSLO_SYNTAX_NQUADS:
			oslo_write_nquads(g, true, out);
			return;
		case OSLO_SYNTAX_TURTLE:
			write_with_serd(g, SERD_TURTLE, prefixes, nprefixes, out);
			return;
		case OSLO_SYNTAX_TRIG:
			write_with_serd(g, SERD_TRIG, prefixes, nprefixes, out);
			return;
	}
	oslo_error(OSLO_ERR_PARAMETER, "unknown RDF syntax %d", (int)syntax);
}
