/*
 * magda.h
 *	  Internal interface of the magda plugin.
 */
#ifndef MAGDA_H
#define MAGDA_H

#include "oslo_plugin.h"

#define SOAP11_NS           "http://schemas.xmlsoap.org/soap/envelope/"
#define SOAP12_NS           "http://www.w3.org/2003/05/soap-envelope"
#define GEEFPERSOON_0202_NS "http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"
#define GEEFPERSOON_0200_NS                                                                        \
	"http://webservice.geefpersoondienst-02_00.persoon-02_00.vip.vlaanderen.be"

/* what oslo_interop calls our context (mappings/magda/README.md) */
#define MAGDA_PERSOON_IM_CONTEXT "urn:oslo-interop:context:magda-persoon-im:0.1"

/* the GeefPersoon versions the magda format reads; they differ in the Persoon's addresses */
typedef enum magda_geefpersoon_version
{
	MAGDA_GEEFPERSOON_0202,
	MAGDA_GEEFPERSOON_0200,
} magda_geefpersoon_version;

/*
 * The Repliek of a GeefPersoon 02.02 or 02.00 response (which one in
 * *version), given a SOAP envelope or the bare GeefPersoonResponse element.
 * Raises for anything else: another document, another MAGDA service or
 * version, a SOAP Fault, or a refusal at level 2 (Repliek/Uitzonderingen
 * without Antwoorden). (magda_envelope.c)
 */
extern xmlNodePtr magda_geefpersoon_repliek(xmlDocPtr doc, magda_geefpersoon_version *version);

/* "Uitzondering 30001 (RR, FOUT): Geen gegevens ..." for each child of an Uitzonderingen */
extern void magda_describe_uitzonderingen(xmlNodePtr uitzonderingen, oslo_buf *out);

/*
 * Add the persons of a GeefPersoon 02.02 or 02.00 response to g; returns how many.
 * An Antwoord without Inhoud/Persoon (e.g. 30001 "not found") adds nothing
 * and sends a notice naming its Uitzonderingen. (geefpersoon.c)
 */
extern int magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g);

/*
 * Persoon/Adressen -> one heeftInwonerschap (Belgian jurisdiction) holding a
 * verblijfplaats per address kind the IM knows (geefpersoon_adres.c)
 */
extern void magda_adressen_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen);

/*
 * One element of Adressen the IM has a class for. structured fills the
 * Adresvoorstelling of a structured address; NULL: the address is text
 * (Teksten/Tekst* or one Tekst -> volledigAdres @nl, in both versions).
 */
typedef struct magda_address_kind
{
	const char *element;
	const char *class_iri;
	void (*structured)(oslo_graph *g, oslo_term_id address, xmlNodePtr adres);
} magda_address_kind;

/* the loop both versions share: current addresses of the kinds given (geefpersoon_adres.c) */
extern void magda_adressen_of_kinds(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen,
                                    const magda_address_kind *kinds, size_t nkinds);

/*
 * GeefPersoon 02.00 Persoon/Adressen, whose Belgian addresses nest
 * Straat{Code,Naam}, Gemeente{NISCode,PostCode,Naam}, Land{NISCode,ISOCode,
 * Naam}: the same heeftInwonerschap as magda_adressen_to_graph gives for
 * the 02.02 address of that place. (geefpersoon_0200.c)
 */
extern void magda_adressen_0200_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr adressen);

/* Statussen, Referentiedossier, Beheerder, BurgerlijkeStaten, Contactgegevens
 * (geefpersoon_status.c) */
extern void magda_status_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon);

/* Afstammingen, gezin, partner, wettelijke samenwoning (geefpersoon_familie.c) */
extern void magda_familie_to_graph(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon);

/*
 * Shared by the geefpersoon_*.c files (geefpersoon.c): Naam and Geslacht of
 * any person element (Persoon, Ouder, Kind, Partner, ...), and a
 * Geboorte/Overlijden-like event whose Datum becomes a Moment.
 */
extern void magda_add_names(oslo_graph *g, oslo_term_id person, xmlNodePtr naam);
extern void magda_add_geslacht(oslo_graph *g, oslo_term_id person, xmlNodePtr persoon);
extern void magda_add_registratie(oslo_graph *g, oslo_term_id person, xmlNodePtr insz);

/* graph helpers (magda_graph.c) */
extern void magda_add_type(oslo_graph *g, oslo_term_id s, const char *class_iri);
/* a new blank node of class class_iri, linked from s by p */
extern oslo_term_id magda_add_node(oslo_graph *g, oslo_term_id s, const char *p,
                                   const char *class_iri);
extern void magda_add_literal(oslo_graph *g, oslo_term_id s, const char *p, const char *lex,
                              size_t len, const char *datatype, const char *lang);
extern void magda_add_iri(oslo_graph *g, oslo_term_id s, const char *p, const char *iri);
/* the text of parent/path as a literal of s (plain, or @lang when lang) */
extern bool magda_add_text(oslo_graph *g, oslo_term_id s, const char *p, xmlNodePtr parent,
                           const char *path, const char *lang);
/* an xs:date attribute as an xsd:date literal; false when absent or incomplete */
extern bool magda_add_date_attr(oslo_graph *g, oslo_term_id s, const char *p, xmlNodePtr e,
                                const char *attr);

/*
 * Code lists (magda_codes.c). The concept <concept_base><code>; a code that
 * cannot be one, or that the code-list catalog says is not in the list,
 * becomes <concept_base>UITZONDERING and a WAARSCHUWING 99983 "Onbekende
 * broncode" in the graph, never a silent drop; so does an empty Code.
 * code_element names the source element in that warning.
 */
extern oslo_term_id magda_concept(oslo_graph *g, const char *concept_base, xmlNodePtr code_element);
/* magda_concept linked from s by p; nothing when code_element is NULL (absent) */
extern void magda_add_concept(oslo_graph *g, oslo_term_id s, const char *p,
                              const char *concept_base, xmlNodePtr code_element);
/* a code usable as the last segment of a concept IRI as it is */
extern bool magda_safe_code(const char *s, size_t len);

/*
 * Uitzonderingen -> graph (magda_uitzondering.c): each Uitzondering a node
 * <MAGDA/Uitzondering/code> of class Uitzondering, outside the person tree;
 * the writer puts WAARSCHUWING and INFORMATIE in warning[] and raises for FOUT.
 */
extern void magda_uitzonderingen_to_graph(oslo_graph *g, xmlNodePtr uitzonderingen);
/* our own WAARSCHUWING (99983 for a code outside its list) */
extern void magda_add_warning(oslo_graph *g, const char *code, const char *diagnose);

/*
 * A MAGDA date (generiek OnvolledigeDatumType: YYYY-MM-DD where any part
 * may be zeros for "unknown"). complete: a real calendar date.
 */
typedef struct magda_date
{
	char year[5];
	char month[3];
	char day[3];
	bool complete;
} magda_date;

extern bool magda_date_parse(const char *s, size_t len, magda_date *d);

/*
 * The value of member name of the JSON object options_json, as JSON text
 * (objects and arrays) or as the unescaped string (strings), in host
 * memory; NULL when absent. (magda_options.c)
 */
extern char *magda_option(const char *options_json, const char *name, bool *is_string);

/* graph -> oslo-persoon-im (persoon_im.c) */
extern void magda_write_persoon_im(const oslo_data *input, const char *options_json,
                                   oslo_data *output);

#endif
