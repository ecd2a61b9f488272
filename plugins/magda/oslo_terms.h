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
#define NS_SCHEMA   "http://schema.org/"
#define NS_ORG      "http://www.w3.org/ns/org#"
/* ours: IM classes and properties no OSLO vocabulary or context names */
#define NS_IM "urn:oslo-interop:magda-persoon-im:"

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
#define T_PLAATS NS_GENERIEK "plaats"
/* persoon-basis "Plaats" */
#define T_PLAATS_CLASS         NS_DCTERMS "Location"
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

#define T_XSD_DATE     NS_XSD "date"
#define T_XSD_DATETIME NS_XSD "dateTime"

/* persoon-basis: Overlijden, BurgerlijkeStaat, Persoonsrelatie and its kinds, Gezin */
#define T_HEEFT_OVERLIJDEN        NS_PERSOON "heeftOverlijden"
#define T_OVERLIJDEN              NS_PERSOON "Overlijden"
#define T_HEEFT_BURGERLIJKE_STAAT NS_PERSOON "heeftBurgerlijkeStaat"
#define T_BURGERLIJKE_STAAT       NS_PERSOON "BurgerlijkeStaat"
/* persoon-basis term "type"; the IM's AdministratiefBeheerder.type and
 * Uitzondering.type share the JSON term, so they share the IRI (our choice) */
#define T_TYPE NS_PERSOON "type"
/* persoon-basis term "heeftRelatieMet" */
#define T_HEEFT_PERSOONSRELATIE NS_PERSOON "heeftPersoonsrelatie"
/* persoon-basis term "Persoonsrelatie.heeftRelatieMet" */
#define T_MET_PERSOON          NS_PERSOON "isRelatieMet"
#define T_AFSTAMMING           NS_PERSOON "Afstamming"
#define T_AFSTAMMINGSTYPE      NS_PERSOON "afstammingsType"
#define T_DATUM_VAN_AFSTAMMING NS_PERSOON "datumVanAfstamming"
#define T_GEZINSRELATIE        NS_PERSOON "Gezinsrelatie"
#define T_GEZINSRELATIETYPE    NS_PERSOON "gezinsrelatietype"
#define T_HUWELIJK             NS_PERSOON "Huwelijk"
#define T_SAMENWONEN           NS_PERSOON "Samenwonen"
#define T_GEZIN                NS_PERSOON "Gezin"
#define T_IS_LID_VAN           NS_PERSOON "isLidVan"
#define T_PERSOON              "http://www.w3.org/ns/person#Person"
/* persoon-basis term "contactinfo" (schema.org) */
#define T_CONTACTINFO_PROP NS_SCHEMA "contactPoint"
#define T_CONTACTINFO      NS_SCHEMA "ContactPoint"
#define T_TELEFOON         NS_SCHEMA "telephone"
#define T_EMAIL            NS_SCHEMA "email"
#define T_ORGANISATIE      NS_ORG "Organization"
/* OSLO's usual IRI for a voorkeursnaam */
#define T_VOORKEURSNAAM NS_SKOS "prefLabel"

/* ours (NS_IM): IM classes and properties without an OSLO IRI in /work/shared */
#define T_GEZINSHOOFD               NS_IM "gezinshoofd"
#define T_WOONVORM                  NS_IM "woonvorm"
#define T_REGISTRATIEDETAIL         NS_IM "registratiedetail"
#define T_REGISTRATIE_CLASS         NS_IM "Registratie"
#define T_DOSSIERSTATUS             NS_IM "dossierstatus"
#define T_REFERENTIEDOSSIER         NS_IM "referentiedossier"
#define T_BEHEERDER                 NS_IM "beheerder"
#define T_ADMINISTRATIEF_BEHEERDER  NS_IM "AdministratiefBeheerder"
#define T_VERBLIJFPLAATS_BUITENLAND NS_IM "VerblijfplaatsBuitenland"
#define T_WETTELIJK_VERBLIJF        NS_IM "WettelijkVerblijf"
#define T_POSTADRES                 NS_IM "Postadres"
#define T_CONTACTADRES              NS_IM "Contactadres"
#define T_AANGEGEVEN_ADRES          NS_IM "AangegevenAdres"
#define T_UITZONDERING              NS_IM "Uitzondering"
#define T_OORSPRONG                 NS_IM "oorsprong"
#define T_DIAGNOSE                  NS_IM "diagnose"
#define T_OMSTANDIGHEID             NS_IM "omstandigheid"
#define T_ANNOTATIE_PROP            NS_IM "annotatie"
#define T_ANNOTATIE                 NS_IM "Annotatie"
#define T_ANNOTATIE_NAAM            NS_IM "naam"
#define T_ANNOTATIE_WAARDE          NS_IM "waarde"

/*
 * Code lists and authorities, as the IM datavoorbeelden write them:
 * unversioned IT000 concepts (codelijsten/IT000-Geslacht.ttl also has
 * versioned .../v1/<code> ones), the OVO codes of the sources (Bron="RR" in
 * example-00040527291 and three more pairs, Bron="KSZ" in the pair
 * example-00061547618), and the EU country authority table for ISOCodeLand.
 */
#define IRI_CONCEPT         "https://data.vlaanderen.be/id/concept/"
#define IRI_GESLACHT_PREFIX IRI_CONCEPT "IT000/Geslacht/"
/* codelijsten/<list>.csv (their unversioned concepts, as the examples use) */
#define CL_DOSSIERSTATUS       IRI_CONCEPT "IT001/Dossierstatus/"
#define CL_BEHEERDERTYPE       IRI_CONCEPT "IT001/AdministratiefBeheerdertype/"
#define CL_BURGERLIJKE_STAAT   IRI_CONCEPT "IT120/BurgerlijkeStaattype/"
#define CL_AFSTAMMING_STIJGEND IRI_CONCEPT "IT110/Afstammingstype/"
#define CL_AFSTAMMING_DALEND   IRI_CONCEPT "IT114/Afstammingstype/"
#define CL_GEZINSRELATIE       IRI_CONCEPT "IT141/Gezinsrelatietype/"
#define CL_WOONVORM            IRI_CONCEPT "IT141/Woonvorm/"
#define CL_UITZONDERING        IRI_CONCEPT "MAGDA/Uitzondering/"
#define CL_OMSTANDIGHEID       IRI_CONCEPT "MAGDA/Omstandigheid/"
/* not in codelijsten/: as datavoorbeelden/example-35060735122.json writes them */
#define CL_UITZONDERING_TYPE      IRI_CONCEPT "MAGDA/UitzonderingType/"
#define CL_UITZONDERING_OORSPRONG IRI_CONCEPT "MAGDA/UitzonderingOorsprong/"
/* MAGDA-Uitzonderingen.csv 99983 "Onbekende broncode": "Te mappen op onbekende code" */
#define UITZONDERING_ONBEKENDE_BRONCODE "99983"
#define IRI_BELGIE                      "http://publications.europa.eu/resource/authority/country/BEL"
#define IRI_BRON_RR                     "https://data.vlaanderen.be/id/organisatie/OVO027248"
#define IRI_BRON_KSZ                    "https://data.vlaanderen.be/id/organisatie/OVO008218"
#define IRI_COUNTRY_PREFIX              "http://publications.europa.eu/resource/authority/country/"

#endif /* MAGDA_OSLO_TERMS_H */
