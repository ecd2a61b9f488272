-- MAGDA GeefPersoon 02.02 to OSLO, on fixtures written for this test
-- (fictitious person; INSZ with month 61-72 as MAGDA's test numbers use).
CREATE EXTENSION IF NOT EXISTS oslo_interop;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' | ' || left(detail, 120) ELSE '' END;
END $$;

CREATE TABLE fixture (name text PRIMARY KEY, body text NOT NULL);
INSERT INTO fixture VALUES ('envelope', $x$<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body>
    <ns2:GeefPersoonResponse xmlns:ns2="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02">
      <Repliek>
        <Context>
          <Naam>GeefPersoon</Naam>
          <Versie>02.02.0000</Versie>
          <Bericht><Type>ANTWOORD</Type>
            <Tijdstip><Datum>2026-11-29</Datum><Tijd>10:00:00.000</Tijd></Tijdstip>
            <Afzender><Identificatie>vip.vlaanderen.be</Identificatie><Referte>r-1</Referte></Afzender>
            <Ontvanger><Identificatie>test.example</Identificatie><Referte>q-1</Referte><Hoedanigheid>1300</Hoedanigheid></Ontvanger>
          </Bericht>
        </Context>
        <Antwoorden>
          <Antwoord>
            <Referte>q-1</Referte>
            <Inhoud>
              <Persoon Bron="RR" DatumCreatie="1990-05-02" DatumModificatie="2024-01-15">
                <INSZ>90650212345</INSZ>
                <Naam DatumBegin="1990-05-02">
                  <Achternamen><Achternaam>Peeters</Achternaam></Achternamen>
                  <Voornamen><Voornaam>Anna</Voornaam><Voornaam>Maria</Voornaam></Voornamen>
                </Naam>
                <Geslacht><Code>2</Code><Omschrijving>Vrouwelijk</Omschrijving></Geslacht>
                <Geboorte><Datum>1990-05-02</Datum></Geboorte>
                <Adressen>
                  <Hoofdverblijfplaats DatumBegin="2020-03-01">
                    <Huisnummer>12</Huisnummer>
                    <Busnummer>3</Busnummer>
                    <Land><String>BELGIE</String><Taal>nl</Taal></Land>
                    <Postcode>9000</Postcode>
                    <NISCodeLand>150</NISCodeLand>
                    <ISOCodeLand>BEL</ISOCodeLand>
                    <NietGestandaardiseerdeStraatnaam><String>Veldstraat</String></NietGestandaardiseerdeStraatnaam>
                    <NietGestandaardiseerdeGemeentenaam><String>Gent</String></NietGestandaardiseerdeGemeentenaam>
                  </Hoofdverblijfplaats>
                </Adressen>
              </Persoon>
            </Inhoud>
          </Antwoord>
        </Antwoorden>
      </Repliek>
    </ns2:GeefPersoonResponse>
  </soapenv:Body>
</soapenv:Envelope>$x$),
('bare_incomplete_date', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-2</Referte><Inhoud><Persoon Bron="KSZ"><INSZ>60610099977</INSZ><Naam><Achternamen><Achternaam>Janssens</Achternaam></Achternamen><Voornamen><Voornaam>Jef</Voornaam></Voornamen></Naam><Geslacht><Code>1</Code></Geslacht><Geboorte><Datum>1960-00-00</Datum></Geboorte></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$),
('not_found', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-3</Referte><Uitzonderingen><Uitzondering><Identificatie>30001</Identificatie><Oorsprong>RR</Oorsprong><Type>FOUT</Type><Diagnose>Geen gegevens gevonden</Diagnose></Uitzondering></Uitzonderingen></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$),
('refused', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Uitzonderingen><Uitzondering><Identificatie>13001</Identificatie><Oorsprong>MAGDA</Oorsprong><Type>FOUT</Type><Diagnose>Geen machtiging van de afzender in deze hoedanigheid</Diagnose></Uitzondering></Uitzonderingen></Repliek></GeefPersoonResponse>$x$),
('onderneming', $x$<GeefOndernemingResponse xmlns="http://webservice.geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be"><Repliek xmlns=""><Context><Naam>GeefOnderneming</Naam><Versie>02.00.0000</Versie></Context></Repliek></GeefOndernemingResponse>$x$),
('fault', $x$<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>Server</faultcode><faultstring>99995 - Te veel gelijktijdige bevragingen</faultstring></s:Fault></s:Body></s:Envelope>$x$),
('xxe', $x$<?xml version="1.0"?>
<!DOCTYPE GeefPersoonResponse [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-4</Referte><Inhoud><Persoon><INSZ>70620099911</INSZ><Naam><Achternamen><Achternaam>X&secret;</Achternaam></Achternamen></Naam></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$);

-- the PersonEnvelope of the implementation model
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = 'envelope';

-- incomplete dates survive as jaar only, without an xsd:date
SELECT oslo.magda_to_oslo(body::xml) #> '{data,heeftGeboorte,datum}' AS datum,
       oslo.magda_to_oslo(body::xml) #> '{data,bron}' AS bron
FROM fixture WHERE name = 'bare_incomplete_date';

-- text input works as well, and gives the same graph
SELECT oslo.isomorphic(oslo.magda_to_graph(body), oslo.magda_to_graph(body::xml)),
       oslo.magda_to_oslo(body) = oslo.magda_to_oslo(body::xml)
FROM fixture WHERE name = 'envelope';

-- the graph, and the generic entry point through the graph hub
SELECT oslo.to_ntriples(oslo.magda_to_graph(body::xml)) FROM fixture WHERE name = 'bare_incomplete_date';
SELECT oslo.transform(body, 'magda', 'turtle', '{"prefixes": {"foaf": "http://xmlns.com/foaf/0.1/", "persoon": "https://data.vlaanderen.be/ns/persoon#"}}')
FROM fixture WHERE name = 'bare_incomplete_date';
SELECT oslo.isomorphic(oslo.magda_to_graph(body::xml),
                       oslo.graph_from_nquads(oslo.transform(body, 'magda', 'nquads')))
FROM fixture WHERE name = 'envelope';
SELECT oslo.transform(body, 'magda', 'oslo-persoon-im')::jsonb = oslo.magda_to_oslo(body::xml) AS same
FROM fixture WHERE name = 'envelope';

-- an answer without a person is an empty graph (and a notice), not an error
SELECT oslo.triple_count(oslo.magda_to_graph(body::xml)) FROM fixture WHERE name = 'not_found';

-- refusals and other services: specific errors
SELECT name, pg_temp.error_of(format('SELECT oslo.magda_to_graph(%L::xml)', body))
FROM fixture WHERE name IN ('refused', 'onderneming', 'fault', 'not_found') ORDER BY name;
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_oslo('<Envelope/>'::xml)$q$);
-- malformed XML: the xml type refuses it on input; as text it reaches our parser
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_graph('<a><b></a>'::text::xml)$q$);
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_graph('<a>
<b></a>'::text)$q$);
SELECT pg_temp.error_of($q$SELECT oslo.transform('<GeefPersoonResponse><Repliek>', 'magda', 'ntriples')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_oslo(body::xml) FROM fixture WHERE name = 'not_found'$q$);

-- an external entity is never read: it expands to nothing
SELECT oslo.magda_to_oslo(body::xml) #> '{data,achternaam}' AS achternaam FROM fixture WHERE name = 'xxe';

-- the context comes from the catalog, never from the network
SELECT iri, builtin, document ? '@context' AS has_context FROM oslo.context;

-- the context is read once per backend and re-read when the catalog changes
BEGIN;
UPDATE oslo.context SET document = replace(document::text, '"voornaam"', '"firstNames"')::jsonb
WHERE iri = 'urn:oslo-interop:context:magda-persoon-im:0.1';
SELECT oslo.magda_to_oslo(body) #> '{data,firstNames}' AS renamed FROM fixture WHERE name = 'envelope';
DELETE FROM oslo.context WHERE iri = 'urn:oslo-interop:context:magda-persoon-im:0.1';
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_oslo(body) FROM fixture WHERE name = 'envelope'$q$);
ROLLBACK;
SELECT oslo.magda_to_oslo(body) #> '{data,voornaam}' AS restored FROM fixture WHERE name = 'envelope';

-- ordinary users read contexts but cannot change them
CREATE ROLE oslo_regress_reader;
GRANT SELECT ON fixture TO oslo_regress_reader;
SET ROLE oslo_regress_reader;
SELECT count(*) FROM oslo.context;
SELECT pg_temp.error_of($q$DELETE FROM oslo.context$q$);
SELECT oslo.magda_to_oslo(body) #> '{data,achternaam}' AS as_reader FROM fixture WHERE name = 'envelope';
RESET ROLE;
DROP OWNED BY oslo_regress_reader;
DROP ROLE oslo_regress_reader;
