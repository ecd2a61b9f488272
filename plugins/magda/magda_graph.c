/*
 * magda_graph.c
 *	  Small statement builders shared by the GeefPersoon mapping files.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

void
magda_add_type(oslo_graph *g, oslo_term_id s, const char *class_iri)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, OSLO_RDF_TYPE), oslo_graph_iri_cstr(g, class_iri),
	               0);
}

oslo_term_id
magda_add_node(oslo_graph *g, oslo_term_id s, const char *p, const char *class_iri)
{
	oslo_term_id n = oslo_graph_fresh_blank(g);

	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), n, 0);
	magda_add_type(g, n, class_iri);
	return n;
}

void
magda_add_literal(oslo_graph *g, oslo_term_id s, const char *p, const char *lex, size_t len,
                  const char *datatype, const char *lang)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), oslo_graph_literal(g, lex, len, datatype, lang),
	               0);
}

void
magda_add_iri(oslo_graph *g, oslo_term_id s, const char *p, const char *iri)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), oslo_graph_iri_cstr(g, iri), 0);
}

bool
magda_add_text(oslo_graph *g, oslo_term_id s, const char *p, xmlNodePtr parent, const char *path,
               const char *lang)
{
	const char *t;
	size_t n;

	if (!magda_path_text(parent, path, &t, &n))
		return false;
	magda_add_literal(g, s, p, t, n, NULL, lang);
	return true;
}

bool
magda_add_date_attr(oslo_graph *g, oslo_term_id s, const char *p, xmlNodePtr e, const char *attr)
{
	const char *t;
	size_t n;
	magda_date d;

	if (!magda_attr(e, attr, &t, &n))
		return false;
	if (!magda_date_parse(t, n, &d) || !d.complete)
	{
		oslo_notice("%s/@%s (line %d) \"%.*s\" is not a calendar date; left out",
		            (const char *)e->name, attr, magda_line(e), (int)n, t);
		return false;
	}
	magda_add_literal(g, s, p, t, n, T_XSD_DATE, NULL);
	return true;
}
