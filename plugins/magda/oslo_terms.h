/*
 * oslo_terms.h
 *	  Every IRI the magda plugin writes, with where it comes from.
 *
 * The MAGDA-Persoon implementation model (IM) publishes class and property
 * *names* (swagger/components.json) but not its JSON-LD context, so the
 * IRIs behind those names are taken from the OSLO vocabularies and contexts
 * in /work/shared/oslo. Where no shared artefact names an IRI, the constant
 * says "our choice" and mappings/magda/README.md lists it.
 */
#ifndef MAGDA_OSLO_TERMS_H
#define MAGDA_OSLO_TERMS_H

#define NS_PERSOON  "https://data.vlaanderen.be/ns/persoon#"
#define NS_ADRES    "https://data.vlaanderen.be/ns/adres#"
#define NS_GENERIEK "https://data.vlaanderen.be/ns/generiek#"
#define NS_LOCN     "http://www.w3.org/ns/locn#"
#define NS_FOAF     "http://xmlns.com/foaf/0.1/"
#define NS_DCTERMS  "http://purl.org/dc/terms/"
#define NS_ADMS     "http://www.w3.org/ns/adms#"
#define NS_SKOS     "http://www.w3.org/2004/02/skos/core#"
#define NS_TIME     "http://www.w3.org/2006/time#"
#define NS_XSD      "http://www.w3.org/2001/XMLSchema#"

/* oslo/persoon/context/persoon-basis.jsonld and oslo/persoon/voc/persoon.ttl */
#define T_GEREGISTREERD_PERSOON NS_PERSOON "GeregistreerdPersoon"
#define T_REGISTRATIE           NS_PERSOON "registratie"
#define T_VOORNAAM              NS_FOAF "givenName"
#define T_ACHTERNAAM            NS_FOAF "familyName"
#define T_GESLACHT              NS_PERSOON "geslacht"
#define T_HEEFT_GEBOORTE        NS_PERSOON "heeftGeboorte"
#define T_GEBOORTE              NS_PERSOON "Geboorte"
/* persoon-basis gives persoon:datum range xsd:dateTime; the IM points it at a Moment */
#define T_DATUM              NS_PERSOON "datum"
#define T_HEEFT_INWONERSCHAP NS_PERSOON "heeftInwonerschap"
#define T_INWONERSCHAP       NS_PERSOON "Inwonerschap"
/* persoon-basis term "Inwonerschap.inwonerschap" */
#define T_JURISDICTIE_PROP NS_PERSOON "Inwonerschap.binnenJurisdictie"
#define T_JURISDICTIE      NS_DCTERMS "Jurisdiction"
/* persoon-basis term "Jurisdictie.plaats" */
#define T_PLAATS               NS_GENERIEK "plaats"
#define T_HEEFT_VERBLIJFPLAATS NS_PERSOON "heeftVerblijfplaats"
#define T_DOMICILIE            NS_PERSOON "Domicilie"
#define T_VERBLIJFSADRES       NS_PERSOON "verblijfsadres"

/* oslo/generiek/context/generiek-basis.jsonld: Identificator, Identificator.identificator */
#define T_IDENTIFICATOR        NS_ADMS "Identifier"
#define T_IDENTIFICATOR_WAARDE NS_SKOS "notation"

/*
 * oslo/adres/context/adresregister.jsonld (Adresvoorstelling terms), and the
 * SAWSDL annotations of magda/xsd/Generiek/oslo/Adres-v3.xsd. The XSD
 * annotates Straatnaam with adres:heeftStraatnaam (an object property to a
 * Straatnaam); the IM's straatnaam is a language string, as locn:thoroughfare
 * in adresregister.jsonld.
 */
#define T_ADRESVOORSTELLING NS_LOCN "Address"
#define T_STRAATNAAM        NS_LOCN "thoroughfare"
#define T_HUISNUMMER        NS_ADRES "Adresvoorstelling.huisnummer"
#define T_BUSNUMMER         NS_ADRES "Adresvoorstelling.busnummer"
#define T_POSTCODE          NS_LOCN "postCode"
#define T_GEMEENTENAAM      NS_ADRES "gemeentenaam"
#define T_LAND              NS_ADRES "land"
#define T_VOLLEDIG_ADRES    NS_LOCN "fullAddress"

/*
 * OSLO Generiek models time with OWL-Time (Moment = time:Instant, ...). No
 * shared artefact spells these out: our choice, following OWL-Time.
 */
#define T_MOMENT                  NS_TIME "Instant"
#define T_IN_XSD_DATUM            NS_TIME "inXSDDate"
#define T_IN_DATUM_TIJD           NS_TIME "inDateTime"
#define T_DATUM_TIJD_BESCHRIJVING NS_TIME "GeneralDateTimeDescription"
#define T_JAAR                    NS_TIME "year"
#define T_MAAND                   NS_TIME "month"
#define T_DAG                     NS_TIME "day"

/* IM creatiedatum / modificatiedatum / bron: our choice (Dublin Core) */
#define T_CREATIEDATUM     NS_DCTERMS "created"
#define T_MODIFICATIEDATUM NS_DCTERMS "modified"
#define T_BRON             NS_DCTERMS "source"

#define T_XSD_DATE NS_XSD "date"

/*
 * Code lists and authorities, as the IM datavoorbeelden write them:
 * unversioned IT000 concepts (codelijsten/IT000-Geslacht.ttl also has
 * versioned .../v1/<code> ones), the OVO codes of the sources (Bron="RR" in
 * example-00040527291 and three more pairs, Bron="KSZ" in the pair
 * example-00061547618), and the EU country authority table for ISOCodeLand.
 */
#define IRI_GESLACHT_PREFIX "https://data.vlaanderen.be/id/concept/IT000/Geslacht/"
#define IRI_BRON_RR         "https://data.vlaanderen.be/id/organisatie/OVO027248"
#define IRI_BRON_KSZ        "https://data.vlaanderen.be/id/organisatie/OVO008218"
#define IRI_COUNTRY_PREFIX  "http://publications.europa.eu/resource/authority/country/"

#endif /* MAGDA_OSLO_TERMS_H */
