/*
 * magda_uitzondering.c
 *	  Antwoord/Uitzonderingen -> Uitzondering nodes, the shape of the IM's
 *	  PersonEnvelope.warning (datavoorbeelden/example-35060735122.json):
 *	  <MAGDA/Uitzondering/code> with oorsprong, type, diagnose, datum,
 *	  omstandigheid and annotatie. They stay outside the person's tree; the
 *	  writer (persoon_im.c) lists them in warning[] or raises for a FOUT.
 *
 * The node is the Uitzondering concept itself, as the IM example writes it;
 * two Uitzonderingen with one code in one answer therefore share a node.
 * Its code is used as given (never replaced by UITZONDERING): it is the
 * message, and a FOUT must be reported with it.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

static oslo_term_id
uitzondering_node(oslo_graph *g, const char *code, size_t len)
{
	char *iri = magda_safe_code(code, len)
	                ? oslo_psprintf("%s%.*s", CL_UITZONDERING, (int)len, code)
	                : oslo_psprintf("%sUITZONDERING", CL_UITZONDERING);
	oslo_term_id id = oslo_graph_iri_cstr(g, iri);

	oslo_free(iri);
	magda_add_type(g, id, T_UITZONDERING);
	return id;
}

/* an enumeration member <base><value> when value can be an IRI segment */
static void
add_enum(oslo_graph *g, oslo_term_id s, const char *p, const char *base, xmlNodePtr e)
{
	const char *t;
	size_t n;

	if (!magda_text(e, &t, &n))
		return;
	if (!magda_safe_code(t, n))
	{
		oslo_notice("Uitzondering/%s (line %d) \"%.*s\" is not a code; left out",
		            (const char *)e->name, magda_line(e), (int)n, t);
		return;
	}
	{
		char *iri = oslo_psprintf("%s%.*s", base, (int)n, t);

		magda_add_iri(g, s, p, iri);
		oslo_free(iri);
	}
}

/* Tijdstip{Datum, Tijd} -> an xsd:dateTime (local time, as MAGDA gives it) */
static void
add_tijdstip(oslo_graph *g, oslo_term_id s, xmlNodePtr tijdstip)
{
	const char *d, *t;
	size_t dn, tn;
	magda_date date;

	if (!magda_path_text(tijdstip, "Datum", &d, &dn))
		return;
	if (!magda_date_parse(d, dn, &date) || !date.complete)
		return;
	if (magda_path_text(tijdstip, "Tijd", &t, &tn) && tn >= 8 && tn < 32)
	{
		char *v = oslo_psprintf("%.*sT%.*s", (int)dn, d, (int)tn, t);

		magda_add_literal(g, s, T_DATUM, v, strlen(v), T_XSD_DATETIME, NULL);
		oslo_free(v);
	}
}

static void
uitzondering_to_graph(oslo_graph *g, xmlNodePtr u)
{
	const char *code;
	size_t len;
	oslo_term_id id;
	xmlNodePtr omstandigheid = magda_child(u, "Omstandigheid");

	if (!magda_path_text(u, "Identificatie", &code, &len))
		code = "", len = 0;
	id = uitzondering_node(g, code, len);
	add_enum(g, id, T_OORSPRONG, CL_UITZONDERING_OORSPRONG, magda_child(u, "Oorsprong"));
	add_enum(g, id, T_TYPE, CL_UITZONDERING_TYPE, magda_child(u, "Type"));
	magda_add_text(g, id, T_DIAGNOSE, u, "Diagnose", NULL);
	add_tijdstip(g, id, magda_child(u, "Tijdstip"));
	if (omstandigheid)
		magda_add_concept(g, id, T_OMSTANDIGHEID, CL_OMSTANDIGHEID, omstandigheid);
	for (xmlNodePtr a = magda_path(u, "Annotaties/Annotatie"); a; a = magda_next(a, "Annotatie"))
	{
		oslo_term_id annotatie = magda_add_node(g, id, T_ANNOTATIE_PROP, T_ANNOTATIE);

		magda_add_text(g, annotatie, T_ANNOTATIE_NAAM, a, "Naam", NULL);
		magda_add_text(g, annotatie, T_ANNOTATIE_WAARDE, a, "Waarde", NULL);
	}
}

void
magda_uitzonderingen_to_graph(oslo_graph *g, xmlNodePtr uitzonderingen)
{
	for (xmlNodePtr u = magda_child(uitzonderingen, "Uitzondering"); u;
	     u = magda_next(u, "Uitzondering"))
		uitzondering_to_graph(g, u);
}

void
magda_add_warning(oslo_graph *g, const char *code, const char *diagnose)
{
	oslo_term_id id = uitzondering_node(g, code, strlen(code));

	magda_add_iri(g, id, T_TYPE, CL_UITZONDERING_TYPE "WAARSCHUWING");
	magda_add_literal(g, id, T_DIAGNOSE, diagnose, strlen(diagnose), NULL, NULL);
}
