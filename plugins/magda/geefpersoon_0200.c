/*
 * geefpersoon_0200.c
 *	  GeefPersoon 02.00 Persoon/Adressen -> the heeftInwonerschap that
 *	  geefpersoon_adres.c gives for a 02.02 answer about the same place.
 *
 * Every other block of a 02.00 Persoon (Persoon2_0Type, xsd/Persoon-02.00)
 * has the element names of 02.02 and goes through the 02.02 code. The
 * addresses differ: a Belgian address (Hoofdverblijfplaats, OpgegevenAdres:
 * PersoonAdresKernType) nests Straat{Code,Naam}, Huisnummer, Busnummer,
 * Gemeente{NISCode,PostCode,Naam}, Land{NISCode,ISOCode,Naam} where 02.02
 * has a flat OSLO Adresvoorstelling of {String, Taal} names. The addresses
 * abroad and the Aangifte* are free text in both versions. 02.00 knows no
 * WettelijkeWoonplaats or ContactAdres; AdresUitbetaling and
 * TijdelijkeAfwezigheid have no class in the IM and stay out, as history
 * (DatumEinde) does.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

/*
 * The Adresvoorstelling fields in the order volledigAdres is composed
 * (geefpersoon_adres.c: "Kapelberg 5 3001 Leuven BELGIE"). 02.00 names
 * carry no language; the IM writes them @nl, as the 02.02 code does for a
 * name without Taal. The RR street name comes first; a CRAB street name
 * only stands in when RR gives none.
 */
typedef struct address_field
{
	const char *path;
	const char *fallback_path;
	const char *predicate;
	const char *lang;
	const char *prefix; /* before the value in volledigAdres */
} address_field;

static const address_field fields[] = {
    {"Straat/Naam", "CRABStraat/Naam", T_STRAATNAAM, "nl", ""},
    {"Huisnummer", NULL, T_HUISNUMMER, NULL, ""},
    {"Busnummer", NULL, T_BUSNUMMER, NULL, "bus "},
    {"Gemeente/PostCode", NULL, T_POSTCODE, NULL, ""},
    {"Gemeente/Naam", NULL, T_GEMEENTENAAM, "nl", ""},
    {"Land/Naam", NULL, T_LAND, "nl", ""},
};

static void
nested_address(oslo_graph *g, oslo_term_id address, xmlNodePtr adres)
{
	oslo_buf volledig;

	oslo_buf_init(&volledig);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
	{
		const address_field *f = &fields[i];
		const char *t;
		size_t n;

		if (!magda_path_text(adres, f->path, &t, &n) &&
		    !(f->fallback_path && magda_path_text(adres, f->fallback_path, &t, &n)))
			continue;
		magda_add_literal(g, address, f->predicate, t, n, NULL, f->lang);
		if (volledig.len > 0)
			oslo_buf_putc(&volledig, ' ');
		oslo_buf_puts(&volledig, f->prefix);
		oslo_buf_append(&volledig, t, n);
	}
	if (volledig.len > 0)
		magda_add_literal(g, address, T_VOLLEDIG_ADRES, volledig.data, volledig.len, NULL, "nl");
	oslo_buf_free(&volledig);
}

/* the classes geefpersoon_adres.c gives the 02.02 elements of these names */
static const magda_address_kind kinds[] = {
    {"Hoofdverblijfplaats", T_DOMICILIE, nested_address},
    {"OpgegevenAdres", T_AANGEGEVEN_ADRES, nested_address},
    {"VerblijfplaatsBuitenland", T_VERBLIJFPLAATS_BUITENLAND, NULL},
    {"PostadresBuitenland", T_POSTADRES, NULL},
    {"AangifteAdresBuitenland", T_AANGEGEVEN_ADRES, NULL},
    {"AangifteAdreswijziging", T_AANGEGEVEN_ADRES, NULL},
};

void
magda_adressen_0200_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen)
{
	magda_adressen_of_kinds(g, person, adressen, kinds, sizeof(kinds) / sizeof(kinds[0]));
}
