/*
 * geefpersoon.c
 *	  GeefPersoon 02.02 (and 02.00) Persoon -> OSLO graph in the shape of
 *	  the MAGDA-Persoon implementation model: registratie, naam, geslacht,
 *	  bron, the creation/modification dates, geboorte and overlijden; the
 *	  other blocks are in geefpersoon_status.c, geefpersoon_adres.c,
 *	  geefpersoon_familie.c, and Uitzonderingen in magda_uitzondering.c.
 *	  A 02.00 Persoon has the same element names except in its addresses
 *	  (geefpersoon_0200.c).
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

void
magda_add_names(oslo_graph *g, oslo_term_id person, xmlNodePtr naam)
{
	for (xmlNodePtr v = magda_path(naam, "Voornamen/Voornaam"); v; v = magda_next(v, "Voornaam"))
		magda_add_text(g, person, T_VOORNAAM, v, "", NULL);
	for (xmlNodePtr a = magda_path(naam, "Achternamen/Achternaam"); a;
	     a = magda_next(a, "Achternaam"))
		magda_add_text(g, person, T_ACHTERNAAM, a, "", NULL);
}

void
magda_add_geslacht(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	magda_add_concept(g, person, T_GESLACHT, IRI_GESLACHT_PREFIX,
	                  magda_path(persoon, "Geslacht/Code"));
}

void
magda_add_registratie(oslo_graph *g, oslo_term_id person, xmlNodePtr insz)
{
	const char *t;
	size_t n;
	oslo_term_id id;

	if (!magda_text(insz, &t, &n))
		return;
	id = magda_add_node(g, person, T_REGISTRATIE, T_IDENTIFICATOR);
	magda_add_literal(g, id, T_IDENTIFICATOR_WAARDE, t, n, NULL, NULL);
}

static void
add_bron(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	const char *t;
	size_t n;
	const char *org = NULL;

	if (!magda_attr(persoon, "Bron", &t, &n))
		return;
	/* only the sources the IM names an organisation for (swagger "source": RR, KSZ) */
	if (n == 2 && memcmp(t, "RR", 2) == 0)
		org = IRI_BRON_RR;
	else if (n == 3 && memcmp(t, "KSZ", 3) == 0)
		org = IRI_BRON_KSZ;
	else
		oslo_notice("Persoon/@Bron (line %d) \"%.*s\" is not RR or KSZ; bron left out",
		            magda_line(persoon), (int)n, t);
	if (org)
	{
		magda_add_iri(g, person, T_BRON, org);
		magda_add_type(g, oslo_graph_iri_cstr(g, org), T_ORGANISATIE);
	}
}

/*
 * Geboorte/Datum, Overlijden/Datum -> heeftGeboorte/heeftOverlijden with a
 * Moment: inXSDdatum only for a complete date, and jaar/maand/dag for the
 * parts that are known, so that 2000-00-00 survives as jaar "2000".
 */
static void
add_event(oslo_graph *g, oslo_term_id person, xmlNodePtr event, const char *p,
          const char *class_iri)
{
	xmlNodePtr datum = magda_child(event, "Datum");
	const char *t;
	size_t n;
	magda_date d;
	oslo_term_id node, moment, desc;

	if (!magda_text(datum, &t, &n))
		return;
	if (!magda_date_parse(t, n, &d))
		oslo_error(OSLO_ERR_DATA,
		           "Persoon/%s/Datum (line %d): \"%.*s\" is not a MAGDA date "
		           "(YYYY-MM-DD, unknown parts as zeros)",
		           (const char *)event->name, magda_line(datum), (int)n, t);
	if (!d.year[0] && !d.month[0] && !d.day[0])
		return;
	node = magda_add_node(g, person, p, class_iri);
	moment = magda_add_node(g, node, T_DATUM, T_MOMENT);
	if (d.complete)
		magda_add_literal(g, moment, T_IN_XSD_DATUM, t, n, T_XSD_DATE, NULL);
	desc = magda_add_node(g, moment, T_IN_DATUM_TIJD, T_DATUM_TIJD_BESCHRIJVING);
	if (d.year[0])
		magda_add_literal(g, desc, T_JAAR, d.year, 4, NULL, NULL);
	if (d.month[0])
		magda_add_literal(g, desc, T_MAAND, d.month, 2, NULL, NULL);
	if (d.day[0])
		magda_add_literal(g, desc, T_DAG, d.day, 2, NULL, NULL);
}

static oslo_term_id
persoon_to_graph(oslo_graph *g, xmlNodePtr persoon, magda_geefpersoon_version version)
{
	xmlNodePtr insz = magda_child(persoon, "INSZ");
	xmlNodePtr adressen = magda_child(persoon, "Adressen");
	oslo_term_id person = oslo_graph_fresh_blank(g);
	const char *t;
	size_t n;

	if (!magda_text(insz, &t, &n))
		oslo_error(OSLO_ERR_XML_CONTENT, "Inhoud/Persoon (line %d) has no INSZ",
		           magda_line(persoon));
	magda_add_type(g, person, T_GEREGISTREERD_PERSOON);
	magda_add_registratie(g, person, insz);
	add_bron(g, person, persoon);
	magda_add_date_attr(g, person, T_CREATIEDATUM, persoon, "DatumCreatie");
	magda_add_date_attr(g, person, T_MODIFICATIEDATUM, persoon, "DatumModificatie");
	magda_add_names(g, person, magda_child(persoon, "Naam"));
	magda_add_geslacht(g, person, persoon);
	add_event(g, person, magda_child(persoon, "Geboorte"), T_HEEFT_GEBOORTE, T_GEBOORTE);
	add_event(g, person, magda_child(persoon, "Overlijden"), T_HEEFT_OVERLIJDEN, T_OVERLIJDEN);
	magda_status_to_graph(g, person, persoon);
	if (adressen && version == MAGDA_GEEFPERSOON_0200)
		magda_adressen_0200_to_graph(g, person, adressen);
	else if (adressen)
		magda_adressen_to_graph(g, person, adressen);
	magda_familie_to_graph(g, person, persoon);
	return person;
}

int
magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g)
{
	magda_geefpersoon_version version;
	xmlNodePtr repliek = magda_geefpersoon_repliek(doc, &version);
	int persons = 0;

	for (xmlNodePtr a = magda_path(repliek, "Antwoorden/Antwoord"); a;
	     a = magda_next(a, "Antwoord"))
	{
		xmlNodePtr persoon = magda_path(a, "Inhoud/Persoon");
		xmlNodePtr uitzonderingen = magda_child(a, "Uitzonderingen");

		oslo_check_interrupts();
		/* level-3 Uitzonderingen travel in the graph, with or without a person */
		magda_uitzonderingen_to_graph(g, uitzonderingen);
		if (persoon)
		{
			persoon_to_graph(g, persoon, version);
			persons++;
		}
		else
		{
			oslo_buf why;

			oslo_buf_init(&why);
			magda_describe_uitzonderingen(uitzonderingen, &why);
			oslo_notice("GeefPersoon Antwoord (line %d) holds no Persoon: %s", magda_line(a),
			            why.data);
			oslo_buf_free(&why);
		}
	}
	return persons;
}
