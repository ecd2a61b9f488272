-- The builtin RML mapping magda/geefonderneming-02.00: a GeefOnderneming 02.00
-- response to OSLO Organisatie (mappings/magda/geefonderneming-02.00.rml.ttl).
-- The fixture is made up for this test; the MAGDA mock responses are in
-- test/t/008_geefonderneming.pl.
CREATE EXTENSION IF NOT EXISTS oslo_interop;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- installed with the extension, compiles
SELECT name, kind, builtin, oslo.rml_check(body) AS triples_maps
FROM oslo.mapping WHERE name = 'magda/geefonderneming-02.00';

-- an enterprise with the parts the mapping reads: current and historic values
-- (DatumEinde), names in nl, NL, fr, de and the unknown code xx, an incomplete
-- date (month 00), an address with Dutch and French descriptions and
-- contact data, one establishment unit, current and historic activities
CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text);
INSERT INTO fixture VALUES ('bare', $x$<?xml version="1.0" encoding="UTF-8"?>
<web:GeefOndernemingResponse xmlns:web="http://webservice.geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be">
 <Repliek>
  <Context><Naam>GeefOnderneming</Naam><Versie>02.00.0000</Versie></Context>
  <Antwoorden><Antwoord><Referte>t1</Referte><Inhoud>
   <Onderneming>
    <Ondernemingsnummer>0123456749</Ondernemingsnummer>
    <AuthentiekBron><Code>03</Code><Omschrijving>KBO</Omschrijving></AuthentiekBron>
    <OndernemingOfVestiging><Code Beschrijving="Onderneming">1</Code></OndernemingOfVestiging>
    <StatusKBO><Code>ST</Code></StatusKBO>
    <SoortOnderneming><Code Beschrijving="Rechtspersoon">2</Code></SoortOnderneming>
    <Namen>
     <MaatschappelijkeNamen>
      <MaatschappelijkeNaam DatumBegin="2001-01-01"><Naam>Proefbedrijf</Naam><Taalcode>NL</Taalcode></MaatschappelijkeNaam>
      <MaatschappelijkeNaam DatumBegin="2001-01-01"><Naam>Entreprise d'essai</Naam><Taalcode>fr</Taalcode></MaatschappelijkeNaam>
      <MaatschappelijkeNaam DatumBegin="1990-01-01" DatumEinde="2000-12-31"><Naam>Oude Naam</Naam><Taalcode>nl</Taalcode></MaatschappelijkeNaam>
      <MaatschappelijkeNaam><Naam>Onbekende taal</Naam><Taalcode>xx</Taalcode></MaatschappelijkeNaam>
     </MaatschappelijkeNamen>
     <AfgekorteNamen><AfgekorteNaam><Naam>PB</Naam><Taalcode>de</Taalcode></AfgekorteNaam></AfgekorteNamen>
     <CommercieleNamen><CommercieleNaam><Naam>Proef &amp; Co</Naam><Taalcode>nl</Taalcode></CommercieleNaam></CommercieleNamen>
    </Namen>
    <Adressen>
     <Adres DatumBegin="2001-01-01">
      <Straat><Code>1148</Code></Straat><Huisnummer>12</Huisnummer><Busnummer>A</Busnummer>
      <Gemeente><NISCode>21004</NISCode><PostCode>1000</PostCode></Gemeente>
      <Land><NISCode>150</NISCode><ISOCode>BE</ISOCode><Naam>BELGIE</Naam></Land>
      <Type><Code>001</Code></Type>
      <Descripties>
       <Descriptie><Adres><Straat><Naam>Wetstraat</Naam></Straat><Gemeente><Naam>Brussel</Naam></Gemeente><Land><Naam>België</Naam></Land></Adres>
        <Contact><Telefoonnummer>02 123 45 67</Telefoonnummer><Email>info@example.org</Email><Website>https://example.org/</Website></Contact>
        <Taalcode>NL</Taalcode></Descriptie>
       <Descriptie><Adres><Straat><Naam>Rue de la Loi</Naam></Straat><Gemeente><Naam>Bruxelles</Naam></Gemeente><Land><Naam>Belgique</Naam></Land></Adres>
        <Taalcode>FR</Taalcode></Descriptie>
      </Descripties>
     </Adres>
     <Adres DatumBegin="1990-01-01" DatumEinde="2000-12-31">
      <Straat><Naam>Oude Straat</Naam></Straat><Huisnummer>1</Huisnummer>
      <Gemeente><PostCode>9000</PostCode><Naam>Gent</Naam></Gemeente>
      <Land><ISOCode>BE</ISOCode><Naam>BELGIE</Naam></Land><Type><Code>001</Code></Type>
     </Adres>
    </Adressen>
    <Start><Datum>1990-01-01</Datum></Start>
    <Inschrijving><Datum>2003-00-00</Datum></Inschrijving>
    <Stopzetting><Code>012</Code><Datum>2024-06-30</Datum></Stopzetting>
    <Rechtsvormen>
     <Rechtsvorm DatumBegin="2001-01-01"><Code>610</Code></Rechtsvorm>
     <Rechtsvorm DatumBegin="1990-01-01" DatumEinde="2000-12-31"><Code>014</Code></Rechtsvorm>
    </Rechtsvormen>
    <Rechtstoestanden><Rechtstoestand DatumBegin="1990-01-01"><Code>000</Code></Rechtstoestand></Rechtstoestanden>
    <Vestigingen>
     <Vestiging DatumBegin="2005-01-01">
      <Vestigingsnummer>2123456789</Vestigingsnummer>
      <StatusKBO><Code>AC</Code></StatusKBO>
      <Adressen><Adres DatumBegin="2005-01-01">
       <Straat><Naam>Kerkstraat</Naam></Straat><Huisnummer>5</Huisnummer>
       <Gemeente><PostCode>8000</PostCode><Naam>Brugge</Naam></Gemeente>
       <Land><ISOCode>BE</ISOCode><Naam>BELGIE</Naam></Land><Type><Code>002</Code></Type>
      </Adres></Adressen>
     </Vestiging>
     <Vestiging DatumBegin="1995-01-01" DatumEinde="2004-12-31"><Vestigingsnummer>2999999999</Vestigingsnummer></Vestiging>
    </Vestigingen>
    <Activiteiten>
     <Activiteit DatumBegin="2025-01-01"><Nace><Code>62010</Code><Versie>2025</Versie></Nace><Type><Code>P</Code></Type><Groep>001</Groep></Activiteit>
     <Activiteit DatumBegin="2008-01-01" DatumEinde="2024-12-31"><Nace><Code>62010</Code><Versie>2008</Versie></Nace><Type><Code>P</Code></Type><Groep>001</Groep></Activiteit>
    </Activiteiten>
   </Onderneming>
  </Inhoud></Antwoord></Antwoorden>
 </Repliek>
</web:GeefOndernemingResponse>$x$);

-- the same response inside a SOAP envelope
INSERT INTO fixture SELECT 'envelope',
	'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>'
	|| substr(body, strpos(body, '<web:GeefOndernemingResponse')) || '</soapenv:Body></soapenv:Envelope>'
FROM fixture WHERE name = 'bare';

CREATE TEMP TABLE result AS
SELECT name, oslo.rml_apply('magda/geefonderneming-02.00', body) AS g FROM fixture;

-- everything the mapping writes for the fixture (blank node labels are the
-- mapping's own: kbo-NR, oprichting-DATE-NR, stopzetting-CODE-NR, and
-- site-/contact-/adres-NR-N with NR the number of the enterprise or unit and
-- N the position of the Adres among its siblings)
SELECT oslo.to_ntriples(g) FROM result WHERE name = 'bare';

-- the envelope changes nothing, not even a blank node label
SELECT oslo.to_nquads(b.g) = oslo.to_nquads(e.g) AS envelope_same_graph, oslo.triple_count(e.g)
FROM result b, result e WHERE b.name = 'bare' AND e.name = 'envelope';

-- exactly one registered organisation, its KBO number as identifier
SELECT t.subject, i.object AS notation
FROM result r, oslo.triples(r.g) t
JOIN oslo.triples(r.g) reg ON reg.subject = t.subject AND reg.predicate = 'http://www.w3.org/ns/regorg#registration'
JOIN oslo.triples(r.g) i ON i.subject = reg.object AND i.predicate = 'http://www.w3.org/2004/02/skos/core#notation'
WHERE r.name = 'envelope' AND t.predicate = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
  AND t.object = 'http://www.w3.org/ns/regorg#RegisteredOrganization';

-- names: NL and nl are both @nl, xx has no language tag, the historic name is gone
SELECT predicate, object, lang
FROM result r, oslo.triples(r.g)
WHERE r.name = 'bare' AND predicate IN ('http://www.w3.org/ns/regorg#legalName', 'http://www.w3.org/2004/02/skos/core#altLabel')
ORDER BY 1, 2;

-- typed dates: complete ones only (Inschrijving 2003-00-00 gives no dct:issued)
SELECT predicate, object, datatype
FROM result r, oslo.triples(r.g)
WHERE r.name = 'bare' AND datatype = 'http://www.w3.org/2001/XMLSchema#date'
ORDER BY 2;

-- a response with whitespace around the number (seen in the Verenigingsregister stubs)
SELECT DISTINCT subject
FROM oslo.triples(oslo.rml_apply('magda/geefonderneming-02.00', replace(
	(SELECT body FROM fixture WHERE name = 'bare'), '<Ondernemingsnummer>0123456749<', E'<Ondernemingsnummer>\n   0123456749\n  <')))
WHERE subject LIKE 'https://data.vlaanderen.be/id/onderneming/%';

-- an answer about an establishment unit (OndernemingOfVestiging 2): a site, no organisation
SELECT oslo.to_ntriples(oslo.rml_apply('magda/geefonderneming-02.00', $x$
<web:GeefOndernemingResponse xmlns:web="http://webservice.geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be"><Repliek><Antwoorden><Antwoord><Inhoud>
<Onderneming><Ondernemingsnummer>2123456789</Ondernemingsnummer><OndernemingOfVestiging><Code>2</Code></OndernemingOfVestiging>
<StatusKBO><Code>AC</Code></StatusKBO>
<Adressen><Adres><Huisnummer>5</Huisnummer><Gemeente><PostCode>8000</PostCode></Gemeente><Type><Code>002</Code></Type></Adres></Adressen>
</Onderneming></Inhoud></Antwoord></Antwoorden></Repliek></web:GeefOndernemingResponse>$x$));

-- Nothing to map is an empty graph, not an error (RML cannot raise one):
-- a "not found" answer, a GeefOndernemingVKBO answer (another namespace),
-- another service, a number that is no KBO number, and XML of anything else
SELECT label, oslo.triple_count(oslo.rml_apply('magda/geefonderneming-02.00', body)) AS triples
FROM (VALUES
	('not found', $x$<web:GeefOndernemingResponse xmlns:web="http://webservice.geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be"><Repliek><Antwoorden><Antwoord><Referte>1</Referte><Uitzonderingen><Uitzondering><Identificatie>30001</Identificatie><Type>FOUT</Type><Diagnose>Geen gegevens gevonden voor de vraag</Diagnose></Uitzondering></Uitzonderingen></Antwoord></Antwoorden></Repliek></web:GeefOndernemingResponse>$x$),
	('GeefOndernemingVKBO', replace((SELECT body FROM fixture WHERE name = 'bare'), 'webservice.geefondernemingdienst-02_00', 'webservice.geefondernemingvkbodienst-02_00')),
	('GeefPersoon', '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Antwoorden><Antwoord><Inhoud><Persoon><INSZ>90650212345</INSZ></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>'),
	('template placeholder', replace((SELECT body FROM fixture WHERE name = 'bare'), '>0123456749<', '>{{parts.0}}<')),
	('other XML', '<html><body>Service Unavailable</body></html>')
) v(label, body);

-- text that is not XML is an error (the parser's own detail is not this test's business)
SELECT left(pg_temp.error_of($q$SELECT oslo.rml_apply('magda/geefonderneming-02.00', 'Service Unavailable')$q$), 48);
SELECT left(pg_temp.error_of($q$SELECT oslo.rml_apply('magda/geefonderneming-02.00', '<web:GeefOndernemingResponse xmlns:web="x"><Repliek>')$q$), 48);

-- mapping names may hold '/' (the builtin ones are named after their file)
SELECT pg_temp.error_of($q$SELECT oslo.rml_apply('magda/no-such-mapping', '<a/>')$q$);
