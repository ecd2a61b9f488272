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
 * Add the persons of a GeefPersoon 02.02 or 02.00 response to g; returns how
 * many. The statements come from the RML mapping magda/geefpersoon (the
 * host's mapping catalog); this checks what a mapping cannot say: the
 * service and version, an INSZ per Persoon, and tells (a notice) of an
 * Antwoord without Persoon (e.g. 30001 "not found"). (geefpersoon_mapping.c)
 */
extern int magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g);

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
