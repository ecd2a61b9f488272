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

/* what oslo_interop calls our context (mappings/magda/README.md) */
#define MAGDA_PERSOON_IM_CONTEXT "urn:oslo-interop:context:magda-persoon-im:0.1"

/*
 * The Repliek of a GeefPersoon 02.02 response, given a SOAP envelope or the
 * bare GeefPersoonResponse element. Raises for anything else: another
 * document, another MAGDA service or version, a SOAP Fault, or a refusal at
 * level 2 (Repliek/Uitzonderingen without Antwoorden). (magda_envelope.c)
 */
extern xmlNodePtr magda_geefpersoon_repliek(xmlDocPtr doc);

/* "Uitzondering 30001 (RR, FOUT): Geen gegevens ..." for each child of an Uitzonderingen */
extern void magda_describe_uitzonderingen(xmlNodePtr uitzonderingen, oslo_buf *out);

/*
 * Add the persons of a GeefPersoon 02.02 response to g; returns how many.
 * An Antwoord without Inhoud/Persoon (e.g. 30001 "not found") adds nothing
 * and sends a notice naming its Uitzonderingen. (geefpersoon.c)
 */
extern int magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g);

/* Adressen/Hoofdverblijfplaats -> heeftInwonerschap (geefpersoon_adres.c) */
extern void magda_hoofdverblijfplaats_to_graph(oslo_graph *g, oslo_term_id person,
                                               xmlNodePtr hoofdverblijfplaats);

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
