/*
 * geefpersoon_status.c
 *	  The registration blocks of a GeefPersoon 02.02 Persoon:
 *	  Statussen and Referentiedossier -> registratiedetail,
 *	  Beheerder -> beheerder[], BurgerlijkeStaten -> heeftBurgerlijkeStaat,
 *	  Contactgegevens -> contactinfo.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

/* an element that still holds: no DatumEinde (MAGDA sends history with it) */
static bool
current(xmlNodePtr e)
{
	const char *t;
	size_t n;

	return !magda_attr(e, "DatumEinde", &t, &n);
}

static void
add_registratiedetail(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	xmlNodePtr status = magda_path(persoon, "Statussen/Status");
	xmlNodePtr referentiedossier = magda_child(persoon, "Referentiedossier");
	oslo_term_id registratie;
	const char *insz;
	size_t insz_len;

	if (status == NULL && !magda_path_text(referentiedossier, "INSZ", &insz, &insz_len))
		return;
	registratie = magda_add_node(g, person, T_REGISTRATIEDETAIL, T_REGISTRATIE_CLASS);
	for (; status; status = magda_next(status, "Status"))
		magda_add_concept(g, registratie, T_DOSSIERSTATUS, CL_DOSSIERSTATUS,
		                  magda_child(status, "Code"));
	if (magda_path_text(referentiedossier, "INSZ", &insz, &insz_len))
	{
		oslo_term_id id = magda_add_node(g, registratie, T_REFERENTIEDOSSIER, T_IDENTIFICATOR);

		magda_add_literal(g, id, T_IDENTIFICATOR_WAARDE, insz, insz_len, NULL, NULL);
	}
}

/*
 * Beheerder: a Belgian municipality (Plaats/Gemeente) or, abroad, the
 * diplomatic post of a country (Plaats/Land only); the latter is the
 * country's EU authority IRI, as the IM examples write it.
 */
static void
add_beheerder(oslo_graph *g, oslo_term_id person, xmlNodePtr beheerder)
{
	xmlNodePtr gemeente = magda_path(beheerder, "Plaats/Gemeente");
	xmlNodePtr land = magda_path(beheerder, "Plaats/Land");
	const char *iso;
	size_t n;
	oslo_term_id node;

	if (gemeente)
	{
		node = magda_add_node(g, person, T_BEHEERDER, T_ADMINISTRATIEF_BEHEERDER);
		magda_add_iri(g, node, T_TYPE, CL_BEHEERDERTYPE "Gemeente");
		magda_add_text(g, node, T_VOORKEURSNAAM, gemeente, "Naam", "nl");
		return;
	}
	if (land == NULL)
		return;
	if (magda_path_text(land, "ISOCode", &iso, &n) && n == 3 && magda_safe_code(iso, n))
	{
		char *iri = oslo_psprintf("%s%.3s", IRI_COUNTRY_PREFIX, iso);

		node = oslo_graph_iri_cstr(g, iri);
		oslo_free(iri);
		magda_add_type(g, node, T_ADMINISTRATIEF_BEHEERDER);
		oslo_graph_add(g, person, oslo_graph_iri_cstr(g, T_BEHEERDER), node, 0);
	}
	else
		node = magda_add_node(g, person, T_BEHEERDER, T_ADMINISTRATIEF_BEHEERDER);
	magda_add_iri(g, node, T_TYPE, CL_BEHEERDERTYPE "DiplomatiekePost");
	magda_add_text(g, node, T_VOORKEURSNAAM, land, "Naam", "nl");
}

/* the burgerlijke staat that holds now: the first without DatumEinde, else the first */
static void
add_burgerlijke_staat(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	xmlNodePtr first = magda_path(persoon, "BurgerlijkeStaten/BurgerlijkeStaat");
	xmlNodePtr chosen = first;
	oslo_term_id staat;

	for (xmlNodePtr b = first; b; b = magda_next(b, "BurgerlijkeStaat"))
		if (current(b))
		{
			chosen = b;
			break;
		}
	if (chosen == NULL || magda_child(chosen, "Code") == NULL)
		return;
	staat = magda_add_node(g, person, T_HEEFT_BURGERLIJKE_STAAT, T_BURGERLIJKE_STAAT);
	magda_add_concept(g, staat, T_TYPE, CL_BURGERLIJKE_STAAT, magda_child(chosen, "Code"));
}

static void
add_contactinfo(oslo_graph *g, oslo_term_id person, xmlNodePtr contact)
{
	oslo_term_id info;
	const char *t;
	size_t n;

	if (contact == NULL || !current(contact))
		return;
	if (!magda_path_text(contact, "GSM", &t, &n) && !magda_path_text(contact, "Telefoon", &t, &n) &&
	    !magda_path_text(contact, "Email", &t, &n))
		return;
	info = magda_add_node(g, person, T_CONTACTINFO_PROP, T_CONTACTINFO);
	/* the IM has one telefoon: a mobile number first, as the IM example does */
	if (!magda_add_text(g, info, T_TELEFOON, contact, "GSM", NULL))
		magda_add_text(g, info, T_TELEFOON, contact, "Telefoon", NULL);
	magda_add_text(g, info, T_EMAIL, contact, "Email", NULL);
}

void
magda_status_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	add_registratiedetail(g, person, persoon);
	for (xmlNodePtr b = magda_child(persoon, "Beheerder"); b; b = magda_next(b, "Beheerder"))
		if (current(b))
			add_beheerder(g, person, b);
	add_burgerlijke_staat(g, person, persoon);
	add_contactinfo(g, person, magda_child(persoon, "Contactgegevens"));
}
