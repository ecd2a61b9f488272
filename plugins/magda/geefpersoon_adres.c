/*
 * geefpersoon_adres.c
 *	  Adressen/Hoofdverblijfplaats (a flat OSLO Adresvoorstelling plus RR
 *	  extensions) -> heeftInwonerschap / Domicilie / verblijfsadres.
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

static void
add_jurisdictie(oslo_graph *g, oslo_term_id inwonerschap, xmlNodePtr adres)
{
	oslo_term_id jurisdictie = oslo_graph_fresh_blank(g);
	const char *iso;
	size_t n;

	oslo_graph_add(g, inwonerschap, oslo_graph_iri_cstr(g, T_JURISDICTIE_PROP), jurisdictie, 0);
	oslo_graph_add(g, jurisdictie, oslo_graph_iri_cstr(g, OSLO_RDF_TYPE),
	               oslo_graph_iri_cstr(g, T_JURISDICTIE), 0);
	if (!magda_path_text(adres, "ISOCodeLand", &iso, &n))
		return;
	if (n != 3 || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z' || iso[2] < 'A' ||
	    iso[2] > 'Z')
		oslo_error(OSLO_ERR_DATA,
		           "Hoofdverblijfplaats/ISOCodeLand (line %d): \"%.*s\" is not an ISO 3166 "
		           "alpha-3 code",
		           magda_line(magda_child(adres, "ISOCodeLand")), (int)n, iso);
	{
		char *country = oslo_psprintf("%s%.3s", IRI_COUNTRY_PREFIX, iso);

		oslo_graph_add(g, jurisdictie, oslo_graph_iri_cstr(g, T_PLAATS),
		               oslo_graph_iri_cstr(g, country), 0);
		oslo_free(country); /* the graph keeps its own copy */
	}
}

void
magda_hoofdverblijfplaats_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr adres)
{
	oslo_term_id inwonerschap = oslo_graph_fresh_blank(g);
	oslo_term_id domicilie = oslo_graph_fresh_blank(g);
	oslo_term_id address = oslo_graph_fresh_blank(g);
	oslo_term_id type = oslo_graph_iri_cstr(g, OSLO_RDF_TYPE);
	text straat, huisnummer, busnummer, postcode, gemeente, land, volledig;
	oslo_buf b = {NULL, 0, 0};
	bool has_straat, has_huisnummer, has_busnummer, has_postcode, has_gemeente, has_land;

	oslo_graph_add(g, person, oslo_graph_iri_cstr(g, T_HEEFT_INWONERSCHAP), inwonerschap, 0);
	oslo_graph_add(g, inwonerschap, type, oslo_graph_iri_cstr(g, T_INWONERSCHAP), 0);
	add_jurisdictie(g, inwonerschap, adres);
	oslo_graph_add(g, inwonerschap, oslo_graph_iri_cstr(g, T_HEEFT_VERBLIJFPLAATS), domicilie, 0);
	oslo_graph_add(g, domicilie, type, oslo_graph_iri_cstr(g, T_DOMICILIE), 0);
	oslo_graph_add(g, domicilie, oslo_graph_iri_cstr(g, T_VERBLIJFSADRES), address, 0);
	oslo_graph_add(g, address, type, oslo_graph_iri_cstr(g, T_ADRESVOORSTELLING), 0);

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
