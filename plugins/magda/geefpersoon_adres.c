/*
 * geefpersoon_adres.c
 *	  Persoon/Adressen -> heeftInwonerschap: one Inwonerschap in the Belgian
 *	  jurisdiction (the Rijksregister's; the IM examples give it BEL even
 *	  for a person living abroad) holding a verblijfplaats per address:
 *	  Hoofdverblijfplaats -> Domicilie (a flat OSLO Adresvoorstelling plus RR
 *	  extensions), VerblijfplaatsBuitenland, WettelijkeWoonplaats ->
 *	  WettelijkVerblijf, PostadresBuitenland -> Postadres, ContactAdres ->
 *	  Contactadres, OpgegevenAdres and the Aangifte* -> AangegevenAdres.
 *	  Addresses abroad are free text: volledigAdres only.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

typedef struct text
{
	const char *s;
	size_t len;
	const char *lang;  /* language strings only */
	char lang_buf[36]; /* a Taal of the source, NUL-terminated (no allocation) */
} text;

/*
 * A TaalstringType {String, Taal}: the string and its language. The IM
 * writes these @nl; Taal is kept when the source gives another one, and nl
 * is assumed when it gives none (NietGestandaardiseerde* have no Taal).
 */
static bool
taalstring(xmlNodePtr adres, const char *name, text *out)
{
	xmlNodePtr e = magda_child(adres, name);
	const char *taal;
	size_t taallen;

	if (!magda_path_text(e, "String", &out->s, &out->len))
		return false;
	out->lang = "nl";
	if (magda_path_text(e, "Taal", &taal, &taallen))
	{
		if (taallen >= sizeof(out->lang_buf))
			oslo_error(OSLO_ERR_DATA, "%s/Taal (line %d) is not a language tag", name,
			           magda_line(e));
		memcpy(out->lang_buf, taal, taallen);
		out->lang_buf[taallen] = '\0';
		out->lang = out->lang_buf;
	}
	return true;
}

static bool
plain(xmlNodePtr adres, const char *name, text *out)
{
	out->lang = NULL;
	return magda_path_text(adres, name, &out->s, &out->len);
}

static void
add_text(oslo_graph *g, oslo_term_id s, const char *p, const text *t)
{
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p),
	               oslo_graph_literal(g, t->s, t->len, NULL, t->lang), 0);
}

static void
append_part(oslo_buf *b, const char *prefix, const text *t)
{
	if (b->len > 0)
		oslo_buf_putc(b, ' ');
	oslo_buf_puts(b, prefix);
	oslo_buf_append(b, t->s, t->len);
}

/* a structured Adresvoorstelling (AdresVoorstellingUitbreidingType) */
static void
structured_address(oslo_graph *g, oslo_term_id address, xmlNodePtr adres)
{
	text straat, huisnummer, busnummer, postcode, gemeente, land, volledig;
	oslo_buf b = {NULL, 0, 0};
	bool has_straat, has_huisnummer, has_busnummer, has_postcode, has_gemeente, has_land;

	/* the standardised name when RR has one, else the name as registered */
	has_straat = taalstring(adres, "Straatnaam", &straat) ||
	             taalstring(adres, "NietGestandaardiseerdeStraatnaam", &straat);
	has_gemeente = taalstring(adres, "Gemeentenaam", &gemeente) ||
	               taalstring(adres, "NietGestandaardiseerdeGemeentenaam", &gemeente);
	has_land = taalstring(adres, "Land", &land);
	has_huisnummer = plain(adres, "Huisnummer", &huisnummer);
	has_busnummer = plain(adres, "Busnummer", &busnummer);
	has_postcode = plain(adres, "Postcode", &postcode);

	if (has_straat)
		add_text(g, address, T_STRAATNAAM, &straat);
	if (has_huisnummer)
		add_text(g, address, T_HUISNUMMER, &huisnummer);
	if (has_busnummer)
		add_text(g, address, T_BUSNUMMER, &busnummer);
	if (has_postcode)
		add_text(g, address, T_POSTCODE, &postcode);
	if (has_gemeente)
		add_text(g, address, T_GEMEENTENAAM, &gemeente);
	if (has_land)
		add_text(g, address, T_LAND, &land);

	/*
	 * volledigAdres: the source's VolledigAdres when given, else composed as
	 * the IM examples do: "Kapelberg 5 3001 Leuven BELGIE" (no commas, the
	 * land as written in the XML); "bus" before a busnummer is our choice.
	 */
	if (!taalstring(adres, "VolledigAdres", &volledig))
	{
		oslo_buf_init(&b);
		if (has_straat)
			append_part(&b, "", &straat);
		if (has_huisnummer)
			append_part(&b, "", &huisnummer);
		if (has_busnummer)
			append_part(&b, "bus ", &busnummer);
		if (has_postcode)
			append_part(&b, "", &postcode);
		if (has_gemeente)
			append_part(&b, "", &gemeente);
		if (has_land)
			append_part(&b, "", &land);
		volledig.s = b.data;
		volledig.len = b.len;
		volledig.lang = has_straat ? straat.lang : has_gemeente ? gemeente.lang : "nl";
	}
	if (volledig.len > 0)
		add_text(g, address, T_VOLLEDIG_ADRES, &volledig);
	if (b.data)
		oslo_buf_free(&b);
}

/* Teksten/Tekst* (or one Tekst) joined by spaces, as the IM examples do */
static void
text_address(oslo_graph *g, oslo_term_id address, xmlNodePtr adres)
{
	oslo_buf b;
	xmlNodePtr first = magda_path(adres, "Teksten/Tekst");

	oslo_buf_init(&b);
	for (xmlNodePtr t = first ? first : magda_child(adres, "Tekst"); t; t = magda_next(t, "Tekst"))
	{
		const char *s;
		size_t n;

		if (!magda_text(t, &s, &n))
			continue;
		if (b.len > 0)
			oslo_buf_putc(&b, ' ');
		oslo_buf_append(&b, s, n);
	}
	if (b.len > 0)
		magda_add_literal(g, address, T_VOLLEDIG_ADRES, b.data, b.len, NULL, "nl");
	oslo_buf_free(&b);
}

static const magda_address_kind kinds[] = {
    {"Hoofdverblijfplaats", T_DOMICILIE, structured_address},
    {"ContactAdres", T_CONTACTADRES, structured_address},
    {"OpgegevenAdres", T_AANGEGEVEN_ADRES, structured_address},
    {"VerblijfplaatsBuitenland", T_VERBLIJFPLAATS_BUITENLAND, NULL},
    {"WettelijkeWoonplaats", T_WETTELIJK_VERBLIJF, NULL},
    {"PostadresBuitenland", T_POSTADRES, NULL},
    {"AangifteAdresBuitenland", T_AANGEGEVEN_ADRES, NULL},
    {"AangifteAdreswijziging", T_AANGEGEVEN_ADRES, NULL},
};

void
magda_adressen_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen)
{
	magda_adressen_of_kinds(g, person, adressen, kinds, sizeof(kinds) / sizeof(kinds[0]));
}

void
magda_adressen_of_kinds(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen,
                        const magda_address_kind *kinds_known, size_t nkinds)
{
	oslo_term_id inwonerschap = 0;

	for (xmlNodePtr a = magda_first_element(adressen); a; a = a->next)
	{
		const magda_address_kind *kind = NULL;
		const char *t;
		size_t n;
		oslo_term_id verblijfplaats, address;

		if (a->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < nkinds && !kind; i++)
			if (strcmp((const char *)a->name, kinds_known[i].element) == 0)
				kind = &kinds_known[i];
		/* history (DatumEinde) and kinds the IM has no class for stay out */
		if (kind == NULL || magda_attr(a, "DatumEinde", &t, &n))
			continue;
		if (inwonerschap == 0)
		{
			oslo_term_id jurisdictie;

			inwonerschap = magda_add_node(g, person, T_HEEFT_INWONERSCHAP, T_INWONERSCHAP);
			jurisdictie = magda_add_node(g, inwonerschap, T_JURISDICTIE_PROP, T_JURISDICTIE);
			magda_add_iri(g, jurisdictie, T_PLAATS, IRI_BELGIE);
			magda_add_type(g, oslo_graph_iri_cstr(g, IRI_BELGIE), T_PLAATS_CLASS);
		}
		verblijfplaats = magda_add_node(g, inwonerschap, T_HEEFT_VERBLIJFPLAATS, kind->class_iri);
		address = magda_add_node(g, verblijfplaats, T_VERBLIJFSADRES, T_ADRESVOORSTELLING);
		if (kind->structured)
			kind->structured(g, address, a);
		else
			text_address(g, address, a);
	}
}
