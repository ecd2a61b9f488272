-- MAGDA GeefPersoon 02.02 to OSLO, on fixtures written for this test
-- (fictitious person; INSZ with month 61-72 as MAGDA's test numbers use).
-- quiet whether or not an earlier test of the run created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;
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

-- the blocks beyond naam and adres: overlijden with an incomplete date,
-- statussen, a beheerder abroad, the partner (huwelijk), parents and a child,
-- gezinsleden, the head of the household, a wettelijke samenwoning, an
-- address abroad; and level-3 Uitzonderingen that travel with the person
INSERT INTO fixture VALUES ('family', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-5</Referte>
<Inhoud><Persoon Bron="RR" DatumCreatie="1970-01-05" DatumModificatie="2020-06-30">
  <INSZ>70610512345</INSZ>
  <Naam><Achternamen><Achternaam>Maes</Achternaam></Achternamen><Voornamen><Voornaam>Luc</Voornaam></Voornamen></Naam>
  <Geslacht><Code>1</Code></Geslacht>
  <Statussen><Status DatumBegin="2020-06-30"><Code>99990</Code><Omschrijving>overleden</Omschrijving></Status></Statussen>
  <Beheerder DatumBegin="2001-01-01"><Plaats><Land><NISCode>111</NISCode><ISOCode>FRA</ISOCode><Naam>FRANKRIJK</Naam></Land></Plaats></Beheerder>
  <Geboorte><Datum>1970-01-05</Datum></Geboorte>
  <Overlijden><Datum>2020-06-00</Datum></Overlijden>
  <BurgerlijkeStaten>
    <BurgerlijkeStaat DatumBegin="1990-01-01" DatumEinde="1995-01-01"><Code>10</Code></BurgerlijkeStaat>
    <BurgerlijkeStaat DatumBegin="1995-01-01"><Code>20</Code><Partner><INSZ>72620212345</INSZ><Naam><Achternamen><Achternaam>Claes</Achternaam></Achternamen><Voornamen><Voornaam>Ann</Voornaam></Voornamen></Naam><Geslacht><Code>2</Code></Geslacht></Partner></BurgerlijkeStaat>
  </BurgerlijkeStaten>
  <Adressen>
    <VerblijfplaatsBuitenland DatumBegin="2001-01-01"><Land><ISOCode>FRA</ISOCode></Land><Teksten><Tekst>1 rue Haute</Tekst><Tekst>75001 PARIS</Tekst></Teksten></VerblijfplaatsBuitenland>
    <PostadresBuitenland DatumBegin="1999-01-01" DatumEinde="2001-01-01"><Teksten><Tekst>history</Tekst></Teksten></PostadresBuitenland>
  </Adressen>
  <Afstammingen><Afstamming DatumBegin="1970-01-05"><Type><Code>00</Code></Type><Ouders>
    <Ouder><INSZ>00000199900</INSZ><Naam><Achternamen><Achternaam>Maes</Achternaam></Achternamen><Voornamen><Voornaam>Jan</Voornaam></Voornamen></Naam><Geslacht><Code>1</Code></Geslacht></Ouder>
  </Ouders></Afstamming></Afstammingen>
  <AfstammingenDalendeLijn><AfstammingDalendeLijn DatumBegin="1998-03-04"><Type><Code>10</Code></Type><Kind><INSZ>98630412345</INSZ><Naam><Achternamen><Achternaam>Maes</Achternaam></Achternamen><Voornamen><Voornaam>Eva</Voornaam></Voornamen></Naam><Geslacht><Code>2</Code></Geslacht></Kind></AfstammingDalendeLijn></AfstammingenDalendeLijn>
  <Referentiepersoon DatumBegin="1995-01-01"><INSZ>72620212345</INSZ><Naam><Achternamen><Achternaam>Claes</Achternaam></Achternamen><Voornamen><Voornaam>Ann</Voornaam></Voornamen></Naam><Geslacht><Code>2</Code></Geslacht><Positie><Code>02</Code></Positie><Woonvorm><Code>00</Code></Woonvorm></Referentiepersoon>
  <Gezinsleden>
    <Gezinslid DatumBegin="1998-03-04"><INSZ>98630412345</INSZ><Naam><Achternamen><Achternaam>Maes</Achternaam></Achternamen><Voornamen><Voornaam>Eva</Voornaam></Voornamen></Naam><Geslacht><Code>2</Code></Geslacht><Positie><Code>03</Code></Positie></Gezinslid>
    <Gezinslid DatumBegin="1990-01-01" DatumEinde="1995-01-01"><Positie><Code>01</Code></Positie></Gezinslid>
  </Gezinsleden>
  <WettelijkeSamenwoning DatumBegin="1993-01-01"><Partner><INSZ>72620212345</INSZ><Naam><Achternamen><Achternaam>Claes</Achternaam></Achternamen></Naam></Partner><Beeindiging><Reden><Code>01</Code></Reden></Beeindiging></WettelijkeSamenwoning>
</Persoon></Inhoud>
<Uitzonderingen>
  <Uitzondering><Identificatie>30004</Identificatie><Oorsprong>MAGDA</Oorsprong><Type>WAARSCHUWING</Type><Tijdstip><Datum>2026-11-29</Datum><Tijd>10:00:01.000</Tijd></Tijdstip><Diagnose>Persoon heeft een nieuw INSZ verkregen</Diagnose><Omstandigheid>100</Omstandigheid><Annotaties><Annotatie><Naam>Oud INSZ</Naam><Waarde>70610512345</Waarde></Annotatie></Annotaties></Uitzondering>
  <Uitzondering><Identificatie>30042</Identificatie><Oorsprong>MAGDA</Oorsprong><Type>INFORMATIE</Type><Diagnose>Meerdere voorkomens</Diagnose></Uitzondering>
</Uitzonderingen></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$),
-- a code that cannot be a concept: the list's UITZONDERING, and a warning
('placeholder_code', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-6</Referte><Inhoud><Persoon><INSZ>80650112345</INSZ><Geslacht><Code>?</Code></Geslacht><BurgerlijkeStaten><BurgerlijkeStaat><Code>A 3</Code></BurgerlijkeStaat></BurgerlijkeStaten></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$),
-- a FOUT next to a Persoon
('fout_with_person', $x$<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>q-7</Referte><Inhoud><Persoon><INSZ>80650112345</INSZ></Persoon></Inhoud><Uitzonderingen><Uitzondering><Identificatie>60009</Identificatie><Oorsprong>KSZ</Oorsprong><Type>FOUT</Type><Diagnose>Er heeft zich een technisch probleem voorgedaan</Diagnose></Uitzondering></Uitzonderingen></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>$x$);

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

-- an answer without a person ("not found", a FOUT) is a graph with only its
-- Uitzondering (and a notice); magda_to_oslo raises, as the IM's API
-- answers 404 with a Problemdetail: DETAIL carries the MAGDA code
SELECT oslo.to_ntriples(oslo.magda_to_graph(body::xml)) FROM fixture WHERE name = 'not_found';

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
SELECT pg_temp.error_of($q$SELECT oslo.magda_to_oslo(body::xml) FROM fixture WHERE name = 'fout_with_person'$q$);

-- every block of the implementation model; WAARSCHUWING and INFORMATIE in warning[]
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = 'family';
-- placeholders become the list's UITZONDERING concept, with a 99983 warning
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = 'placeholder_code';

-- with the code list loaded in oslo.codelist: a code it lacks becomes its
-- UITZONDERING concept, with the 99983 warning naming the code
BEGIN;
SELECT oslo.codelist_load($ttl$
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://data.vlaanderen.be/id/concept/IT000/Geslacht/1> a skos:Concept ; skos:notation "1" ;
  skos:inScheme <https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht> .
<https://data.vlaanderen.be/id/concept/IT000/Geslacht/UITZONDERING> a skos:Concept ; skos:notation "UITZONDERING" ;
  skos:inScheme <https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht> .
$ttl$);
SELECT d #> '{data,geslacht}' AS geslacht, d #> '{warning,0,diagnose}' AS diagnose
FROM fixture, oslo.magda_to_oslo(body::xml) AS d WHERE name = 'envelope';
ROLLBACK;

-- the Uitzonderingen as rows, at MAGDA's levels
SELECT f.name, e.* FROM fixture f, oslo.magda_exceptions(f.body::xml) e
WHERE f.name IN ('not_found', 'refused', 'fault', 'family', 'envelope') ORDER BY f.name, e.level, e.code;
SELECT * FROM oslo.magda_exceptions('<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><Fault><Code><Value>Receiver</Value></Code><Reason><Text>overbelast</Text></Reason></Fault></Body></Envelope>');

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

-- GeefPersoon 02.00 (nested Straat/Gemeente/Land addresses): the fixtures of
-- test/fixtures/magda/geefpersoon-02.00 (read by psql from the source tree;
-- test_magda checks them against MAGDA's XSDs). full-02.02.xml is the person
-- of full.xml as a GeefPersoon 02.02 response.
\set f0200_full `cat test/fixtures/magda/geefpersoon-02.00/full.xml`
\set f0200_twin `cat test/fixtures/magda/geefpersoon-02.00/full-02.02.xml`
\set f0200_minimal `cat test/fixtures/magda/geefpersoon-02.00/minimal.xml`
\set f0200_abroad `cat test/fixtures/magda/geefpersoon-02.00/abroad.xml`
\set f0200_notfound `cat test/fixtures/magda/geefpersoon-02.00/notfound.xml`
\set f0200_refused `cat test/fixtures/magda/geefpersoon-02.00/refused.xml`
INSERT INTO fixture VALUES ('0200_full', :'f0200_full'), ('0200_twin', :'f0200_twin'),
	('0200_minimal', :'f0200_minimal'), ('0200_abroad', :'f0200_abroad'),
	('0200_notfound', :'f0200_notfound'), ('0200_refused', :'f0200_refused');

-- the same person gives the same graph and the same document in both versions
SELECT oslo.isomorphic(oslo.magda_to_graph(a.body::xml), oslo.magda_to_graph(b.body::xml)) AS same_graph,
       oslo.magda_to_oslo(a.body::xml) = oslo.magda_to_oslo(b.body) AS same_document,
       oslo.magda_to_oslo(a.body::xml) = oslo.magda_to_oslo(m.body::xml) AS same_as_minimal
FROM fixture a, fixture b, fixture m
WHERE a.name = '0200_full' AND b.name = '0200_twin' AND m.name = '0200_minimal';
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = '0200_full';
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = '0200_minimal';
-- a person abroad: free text only, the ended AangifteAdresBuitenland left out
SELECT jsonb_pretty(oslo.magda_to_oslo(body::xml)) FROM fixture WHERE name = '0200_abroad';
SELECT oslo.transform(body, 'magda', 'oslo-persoon-im')::jsonb = oslo.magda_to_oslo(body::xml) AS same
FROM fixture WHERE name = '0200_full';
-- Uitzonderingen at levels 3 and 2, as for 02.02
SELECT oslo.to_ntriples(oslo.magda_to_graph(body::xml)) FROM fixture WHERE name = '0200_notfound';
SELECT name, pg_temp.error_of(format('SELECT oslo.magda_to_oslo(%L::xml)', body))
FROM fixture WHERE name IN ('0200_notfound', '0200_refused') ORDER BY name;
SELECT f.name, e.* FROM fixture f, oslo.magda_exceptions(f.body::xml) e
WHERE f.name IN ('0200_notfound', '0200_refused', '0200_abroad') ORDER BY f.name, e.level, e.code;
-- the Versie must match the service element's namespace
SELECT pg_temp.error_of(format('SELECT oslo.magda_to_graph(%L::xml)',
	replace(body, '<Versie>02.00.0000</Versie>', '<Versie>02.02.0000</Versie>')))
FROM fixture WHERE name = '0200_minimal';
