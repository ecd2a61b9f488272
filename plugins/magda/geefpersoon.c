/*
 * geefpersoon.c
 *	  GeefPersoon 02.02 Persoon -> OSLO graph in the shape of the MAGDA-Persoon
 *	  implementation model: registratie, naam, geslacht, geboorte, bron, the
 *	  creation/modification dates and the hoofdverblijfplaats.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

static void
add_type(oslo_graph *g, oslo_term_id s, const char *class_iri)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, OSLO_RDF_TYPE), oslo_graph_iri_cstr(g, class_iri),
	               0);
}

/* a new blank node of class class_iri, linked from s by p */
static oslo_term_id
add_node(oslo_graph *g, oslo_term_id s, const char *p, const char *class_iri)
{
	oslo_term_id n = oslo_graph_fresh_blank(g);

	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), n, 0);
	add_type(g, n, class_iri);
	return n;
}

static void
add_literal(oslo_graph *g, oslo_term_id s, const char *p, const char *lex, size_t len,
            const char *datatype)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), oslo_graph_literal(g, lex, len, datatype, NULL),
	               0);
}

/* a code usable as the last segment of a concept IRI as it is */
static bool
safe_code(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return len > 0;
}

static void
add_names(oslo_graph *g, oslo_term_id person, xmlNodePtr naam)
{
	const char *t;
	size_t n;

	for (xmlNodePtr v = magda_path(naam, "Voornamen/Voornaam"); v; v = magda_next(v, "Voornaam"))
		if (magda_text(v, &t, &n))
			add_literal(g, person, T_VOORNAAM, t, n, NULL);
	for (xmlNodePtr a = magda_path(naam, "Achternamen/Achternaam"); a;
	     a = magda_next(a, "Achternaam"))
		if (magda_text(a, &t, &n))
			add_literal(g, person, T_ACHTERNAAM, t, n, NULL);
}

static void
add_geslacht(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	const char *code;
	size_t n;

	if (!magda_path_text(persoon, "Geslacht/Code", &code, &n))
		return;
	if (!safe_code(code, n))
	{
		/* mock data has placeholders; a concept IRI cannot carry them */
		oslo_notice("Persoon/Geslacht/Code (line %d) \"%.*s\" is not a code; geslacht left out",
		            magda_line(magda_path(persoon, "Geslacht/Code")), (int)n, code);
		return;
	}
	{
		char *iri = oslo_psprintf("%s%.*s", IRI_GESLACHT_PREFIX, (int)n, code);

		oslo_graph_add(g, person, oslo_graph_iri_cstr(g, T_GESLACHT), oslo_graph_iri_cstr(g, iri),
		               0);
		oslo_free(iri); /* the graph keeps its own copy */
	}
}

/* Persoon/@DatumCreatie etc.: xs:date in the schema; left out when not a date */
static void
add_date_attr(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon, const char *attr,
              const char *p)
{
	const char *t;
	size_t n;
	magda_date d;

	if (!magda_attr(persoon, attr, &t, &n))
		return;
	if (magda_date_parse(t, n, &d) && d.complete)
		add_literal(g, person, p, t, n, T_XSD_DATE);
	else
		oslo_notice("Persoon/@%s (line %d) \"%.*s\" is not a calendar date; left out", attr,
		            magda_line(persoon), (int)n, t);
}

static void
add_bron(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	const char *t;
	size_t n;
	const char *org = NULL;

	if (!magda_attr(persoon, "Bron", &t, &n))
		return;
	/* only the sources the IM examples give an organisation for; others are left out */
	if (n == 2 && memcmp(t, "RR", 2) == 0)
		org = IRI_BRON_RR;
	else if (n == 3 && memcmp(t, "KSZ", 3) == 0)
		org = IRI_BRON_KSZ;
	else
		oslo_notice("Persoon/@Bron (line %d) \"%.*s\" is not RR or KSZ; bron left out",
		            magda_line(persoon), (int)n, t);
	if (org)
		oslo_graph_add(g, person, oslo_graph_iri_cstr(g, T_BRON), oslo_graph_iri_cstr(g, org), 0);
}

/*
 * Geboorte/Datum -> heeftGeboorte/datum: a Moment with inXSDdatum only for a
 * complete date, and jaar/maand/dag for the parts that are known, so that
 * 2000-00-00 survives as jaar "2000".
 */
static void
add_geboorte(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	xmlNodePtr datum = magda_path(persoon, "Geboorte/Datum");
	const char *t;
	size_t n;
	magda_date d;
	oslo_term_id geboorte, moment, desc;

	if (!magda_text(datum, &t, &n))
		return;
	if (!magda_date_parse(t, n, &d))
		oslo_error(OSLO_ERR_DATA,
		           "Persoon/Geboorte/Datum (line %d): \"%.*s\" is not a MAGDA date "
		           "(YYYY-MM-DD, unknown parts as zeros)",
		           magda_line(datum), (int)n, t);
	if (!d.year[0] && !d.month[0] && !d.day[0])
		return;
	geboorte = add_node(g, person, T_HEEFT_GEBOORTE, T_GEBOORTE);
	moment = add_node(g, geboorte, T_DATUM, T_MOMENT);
	if (d.complete)
		add_literal(g, moment, T_IN_XSD_DATUM, t, n, T_XSD_DATE);
	desc = add_node(g, moment, T_IN_DATUM_TIJD, T_DATUM_TIJD_BESCHRIJVING);
	if (d.year[0])
		add_literal(g, desc, T_JAAR, d.year, 4, NULL);
	if (d.month[0])
		add_literal(g, desc, T_MAAND, d.month, 2, NULL);
	if (d.day[0])
		add_literal(g, desc, T_DAG, d.day, 2, NULL);
}

static oslo_term_id
persoon_to_graph(oslo_graph *g, xmlNodePtr persoon)
{
	xmlNodePtr insz = magda_child(persoon, "INSZ");
	xmlNodePtr hoofdverblijfplaats = magda_path(persoon, "Adressen/Hoofdverblijfplaats");
	oslo_term_id person = oslo_graph_fresh_blank(g);
	oslo_term_id id;
	const char *t;
	size_t n;

	if (!magda_text(insz, &t, &n))
		oslo_error(OSLO_ERR_XML_CONTENT, "Inhoud/Persoon (line %d) has no INSZ",
		           magda_line(persoon));
	add_type(g, person, T_GEREGISTREERD_PERSOON);
	id = add_node(g, person, T_REGISTRATIE, T_IDENTIFICATOR);
	add_literal(g, id, T_IDENTIFICATOR_WAARDE, t, n, NULL);
	add_bron(g, person, persoon);
	add_date_attr(g, person, persoon, "DatumCreatie", T_CREATIEDATUM);
	add_date_attr(g, person, persoon, "DatumModificatie", T_MODIFICATIEDATUM);
	add_names(g, person, magda_child(persoon, "Naam"));
	add_geslacht(g, person, persoon);
	add_geboorte(g, person, persoon);
	if (hoofdverblijfplaats)
		magda_hoofdverblijfplaats_to_graph(g, person, hoofdverblijfplaats);
	return person;
}

int
magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g)
{
	xmlNodePtr repliek = magda_geefpersoon_repliek(doc);
	int persons = 0;

	for (xmlNodePtr a = magda_path(repliek, "Antwoorden/Antwoord"); a;
	     a = magda_next(a, "Antwoord"))
	{
		xmlNodePtr persoon = magda_path(a, "Inhoud/Persoon");

		oslo_check_interrupts();
		if (persoon)
		{
			persoon_to_graph(g, persoon);
			persons++;
		}
		else
		{
			oslo_buf why;

			/* "not found" is an answer, not a failed call: no person, and a notice */
			oslo_buf_init(&why);
			magda_describe_uitzonderingen(magda_child(a, "Uitzonderingen"), &why);
			oslo_notice("GeefPersoon Antwoord (line %d) holds no Persoon: %s", magda_line(a),
			            why.data);
			oslo_buf_free(&why);
		}
	}
	return persons;
}
