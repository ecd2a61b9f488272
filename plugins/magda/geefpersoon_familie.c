/*
 * geefpersoon_familie.c
 *	  The relations of a GeregistreerdPersoon, as heeftPersoonsrelatie:
 *	  Afstammingen (parents, IT110) and AfstammingenDalendeLijn (children,
 *	  IT114) -> Afstamming, Gezinsleden -> Gezinsrelatie (IT141),
 *	  BurgerlijkeStaat/Partner -> Huwelijk, WettelijkeSamenwoning/Partner ->
 *	  Samenwonen; and Referentiepersoon -> isLidVan a Gezin with that
 *	  gezinshoofd.
 *
 * Only relations that hold now: an element with DatumEinde (or a
 * samenwoning with Beeindiging) is history, which the IM examples leave out.
 * A related person with an INSZ is a GeregistreerdPersoon with registratie
 * (datavoorbeelden/example-29012818180); parents are a Persoon without one
 * (every example; MAGDA gives placeholders such as 00000199900 there).
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

static bool
current(xmlNodePtr e)
{
	const char *t;
	size_t n;

	return !magda_attr(e, "DatumEinde", &t, &n);
}

/* a related person element {INSZ?, Naam, Geslacht, Geboortedatum} */
static oslo_term_id
related_person(oslo_graph *g, oslo_term_id relation, xmlNodePtr who, bool registered)
{
	xmlNodePtr insz = magda_child(who, "INSZ");
	const char *t;
	size_t n;
	bool with_insz = registered && magda_text(insz, &t, &n);
	oslo_term_id person =
	    magda_add_node(g, relation, T_MET_PERSOON, with_insz ? T_GEREGISTREERD_PERSOON : T_PERSOON);

	magda_add_names(g, person, magda_child(who, "Naam"));
	magda_add_geslacht(g, person, who);
	if (with_insz)
		magda_add_registratie(g, person, insz);
	return person;
}

static bool
names_someone(xmlNodePtr who)
{
	const char *t;
	size_t n;

	return who && (magda_path_text(who, "INSZ", &t, &n) || magda_child(who, "Naam"));
}

static oslo_term_id
relation(oslo_graph *g, oslo_term_id person, const char *class_iri)
{
	return magda_add_node(g, person, T_HEEFT_PERSOONSRELATIE, class_iri);
}

/* Afstamming(DalendeLijn): one Afstamming per Ouder or Kind */
static void
add_afstammingen(oslo_graph *g, oslo_term_id person, xmlNodePtr first, const char *name,
                 const char *who_path, const char *codelist, bool registered)
{
	for (xmlNodePtr a = first; a; a = magda_next(a, name))
	{
		xmlNodePtr who = magda_path(a, who_path);
		const char *who_name = (const char *)(who ? who->name : NULL);

		if (!current(a))
			continue;
		for (; who; who = magda_next(who, who_name))
		{
			oslo_term_id r;

			if (!names_someone(who))
				continue;
			r = relation(g, person, T_AFSTAMMING);
			magda_add_concept(g, r, T_AFSTAMMINGSTYPE, codelist, magda_path(a, "Type/Code"));
			magda_add_date_attr(g, r, T_DATUM_VAN_AFSTAMMING, a, "DatumBegin");
			related_person(g, r, who, registered);
		}
	}
}

static void
add_gezinsleden(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	for (xmlNodePtr l = magda_path(persoon, "Gezinsleden/Gezinslid"); l;
	     l = magda_next(l, "Gezinslid"))
	{
		oslo_term_id r;

		/* a Gezinslid with only a Positie (01 Alleenstaande) names nobody */
		if (!current(l) || !names_someone(l))
			continue;
		r = relation(g, person, T_GEZINSRELATIE);
		magda_add_concept(g, r, T_GEZINSRELATIETYPE, CL_GEZINSRELATIE,
		                  magda_path(l, "Positie/Code"));
		related_person(g, r, l, true);
	}
}

static void
add_partners(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	xmlNodePtr samenwoning = magda_child(persoon, "WettelijkeSamenwoning");

	for (xmlNodePtr b = magda_path(persoon, "BurgerlijkeStaten/BurgerlijkeStaat"); b;
	     b = magda_next(b, "BurgerlijkeStaat"))
		if (current(b) && names_someone(magda_child(b, "Partner")))
			related_person(g, relation(g, person, T_HUWELIJK), magda_child(b, "Partner"), true);
	if (samenwoning && current(samenwoning) && !magda_child(samenwoning, "Beeindiging") &&
	    names_someone(magda_child(samenwoning, "Partner")))
		related_person(g, relation(g, person, T_SAMENWONEN), magda_child(samenwoning, "Partner"),
		               true);
}

/* Referentiepersoon: the head of the household the person belongs to */
static void
add_gezin(oslo_graph *g, oslo_term_id person, xmlNodePtr ref)
{
	oslo_term_id gezin, hoofd;
	xmlNodePtr insz = magda_child(ref, "INSZ");
	const char *t;
	size_t n;

	if (ref == NULL || !current(ref) || !names_someone(ref))
		return;
	gezin = magda_add_node(g, person, T_IS_LID_VAN, T_GEZIN);
	hoofd = magda_add_node(g, gezin, T_GEZINSHOOFD,
	                       magda_text(insz, &t, &n) ? T_GEREGISTREERD_PERSOON : T_PERSOON);
	magda_add_names(g, hoofd, magda_child(ref, "Naam"));
	magda_add_geslacht(g, hoofd, ref);
	magda_add_registratie(g, hoofd, insz);
	magda_add_concept(g, gezin, T_WOONVORM, CL_WOONVORM, magda_path(ref, "Woonvorm/Code"));
}

void
magda_familie_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon)
{
	add_afstammingen(g, person, magda_path(persoon, "Afstammingen/Afstamming"), "Afstamming",
	                 "Ouders/Ouder", CL_AFSTAMMING_STIJGEND, false);
	add_afstammingen(g, person,
	                 magda_path(persoon, "AfstammingenDalendeLijn/AfstammingDalendeLijn"),
	                 "AfstammingDalendeLijn", "Kind", CL_AFSTAMMING_DALEND, true);
	add_gezinsleden(g, person, persoon);
	add_partners(g, person, persoon);
	add_gezin(g, person, magda_child(persoon, "Referentiepersoon"));
}
