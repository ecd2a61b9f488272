-- oslo.magda_request: MAGDA request envelopes for GeefPersoon, GeefOnderneming
-- and RegistreerInschrijving. Structure is checked with xpath(); the fresh
-- Referte and the Tijdstip are checked by shape, not by value. Validation
-- against the MAGDA XSDs is in test/t/006_magda_request_xsd.pl.
-- quiet whether or not an earlier test created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;

-- the value(s) at an XPath; s: is the SOAP 1.1 envelope namespace
CREATE FUNCTION pg_temp.at(doc xml, path text) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(v::text, ',')
	FROM unnest(xpath(path, doc, ARRAY[ARRAY['s', 'http://schemas.xmlsoap.org/soap/envelope/']])) v
$$;
-- SQLSTATE and message of a failing call, or 'ok'
CREATE FUNCTION pg_temp.try(service text, subject text, context jsonb) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM oslo.magda_request(service, subject, context);
	RETURN 'ok';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- one afnemer context for every request below
CREATE TEMP TABLE ctx AS
SELECT '{"identificatie": "kb.vlaanderen.be/aiv/burgerloket-test", "hoedanigheid": "1300"}'::jsonb AS c;

CREATE TEMP TABLE req AS
SELECT k, oslo.magda_request(service, subject, c || extra) AS x
FROM ctx, (VALUES
	('persoon', 'GeefPersoon', '90010100123', '{}'::jsonb),
	('persoon 2000+', 'GeefPersoon-02.02', '05010100113', '{"bron": "KSZ", "taal": "fr", "opvragingenksz": ["WettelijkeVertegenwoordiging", "BasisPersoonsgegevens"]}'),
	('persoon 02.00', 'GeefPersoon-02.00', '90010100123', '{"gebruiker": "77050526771"}'),
	('onderneming', 'GeefOnderneming', '0207451227', '{"taal": "en", "naam": "Burgerloket", "organisatieeenheid": "Dienst Burgerzaken"}'),
	('inschrijving pers', 'RegistreerInschrijving', '90010100123', '{"periode": {"begin": "2026-01-01", "einde": "2026-12-31"}}'),
	('inschrijving ond', 'RegistreerInschrijving-02.01', '0207451227', '{}'),
	('inschrijving 02.00', 'RegistreerInschrijving-02.00', '90010100123', '{"periode": {"begin": "2026-01-01"}, "vraagreferte": "vraag-1"}')
) v(k, service, subject, extra);

-- envelope, service element (namespace), unqualified Verzoek, Context
SELECT k,
	pg_temp.at(x, 'local-name(/s:Envelope/s:Body/*)') AS service,
	pg_temp.at(x, 'namespace-uri(/s:Envelope/s:Body/*)') AS ns,
	pg_temp.at(x, 'count(/s:Envelope/s:Header)') AS header,
	pg_temp.at(x, '/s:Envelope/s:Body/*/Verzoek/Context/Naam/text()') AS naam,
	pg_temp.at(x, '/s:Envelope/s:Body/*/Verzoek/Context/Versie/text()') AS versie,
	pg_temp.at(x, '/s:Envelope/s:Body/*/Verzoek/Context/Bericht/Type/text()') AS type
FROM req ORDER BY k;

-- Afzender: the elements in XSD order, with the values given
SELECT k,
	(SELECT string_agg(pg_temp.at(n, 'local-name(/*)'), ' ')
	 FROM unnest(xpath('//Afzender/*', x)) n) AS afzender,
	pg_temp.at(x, '//Afzender/Identificatie/text()') AS identificatie,
	pg_temp.at(x, '//Afzender/Hoedanigheid/text()') AS hoedanigheid,
	pg_temp.at(x, '//Afzender/Gebruiker/text()') AS gebruiker
FROM req ORDER BY k;

-- a fresh UUID as Referte, the same in Vraag unless given; Tijdstip in the XSD's shape
SELECT k,
	pg_temp.at(x, '//Afzender/Referte/text()') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' AS referte_uuid,
	pg_temp.at(x, '//Vraag/Referte/text()') = pg_temp.at(x, '//Afzender/Referte/text()') AS vraag_same,
	CASE WHEN pg_temp.at(x, '//Vraag/Referte/text()') <> pg_temp.at(x, '//Afzender/Referte/text()')
	     THEN pg_temp.at(x, '//Vraag/Referte/text()') END AS vraag_referte_given,
	pg_temp.at(x, '//Tijdstip/Datum/text()') ~ '^\d{4}-\d{2}-\d{2}$' AS datum,
	pg_temp.at(x, '//Tijdstip/Tijd/text()') ~ '^\d{2}:\d{2}:\d{2}\.\d{3}$' AS tijd
FROM req ORDER BY k;
SELECT count(DISTINCT pg_temp.at(x, '//Afzender/Referte/text()')) AS distinct_refertes FROM req;

-- the Vraag of each service
SELECT k, (SELECT string_agg(pg_temp.at(n, 'local-name(/*)') || '=' || coalesce(pg_temp.at(n, '/*/text()'), ''), ' ')
           FROM unnest(xpath('//Vraag/Inhoud//*[not(*)]', x)) n) AS inhoud
FROM req ORDER BY k;

-- the Tijdstip is Belgian local time of now(); given values are kept
BEGIN;
SET LOCAL TimeZone = 'UTC';
SELECT pg_temp.at(x, '//Tijdstip/Datum/text()') || 'T' || pg_temp.at(x, '//Tijdstip/Tijd/text()')
       = to_char(now() AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS brussels_now
FROM ctx, oslo.magda_request('GeefPersoon', '90010100123', c) x;
COMMIT;

-- a whole request with the volatile parts given: the exact document
SELECT oslo.magda_request('GeefPersoon', '90010100123',
	'{"identificatie": "kb.vlaanderen.be/aiv/t", "hoedanigheid": "ipdc77332", "referte": "833dd928-ffc2-42fe-83d7-12e71d191f8d", "tijdstip": "2026-01-02T03:04:05"}');

-- values are escaped, never spliced: markup in a value stays text
SELECT pg_temp.at(x, '//Afzender/Identificatie/text()') AS escaped_text,
       x::text LIKE '%&lt;/Identificatie&gt;&lt;Gebruiker&gt;%&amp;%' AS escaped_markup,
       pg_temp.at(x, 'count(//Afzender/Gebruiker)') AS injected_elements
FROM oslo.magda_request('GeefPersoon', '90010100123',
	'{"identificatie": "a</Identificatie><Gebruiker>77050526771</Gebruiker>&", "hoedanigheid": "\"1300''"}') x;
SELECT pg_temp.at(x, '//Afzender/Hoedanigheid/text()') AS quotes
FROM oslo.magda_request('GeefPersoon', '90010100123',
	'{"identificatie": "kb.vlaanderen.be/aiv/t", "hoedanigheid": "\"1300''"}') x;

-- errors: every one with its SQLSTATE
SELECT e.what, pg_temp.try(e.service, e.subject, e.context) AS outcome
FROM (VALUES
	('unknown service', 'GeefAttest', '90010100123', '{"identificatie": "a", "hoedanigheid": "1"}'::jsonb),
	('unknown version', 'GeefPersoon-02.01', '90010100123', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('bad version', 'GeefPersoon-2', '90010100123', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('INSZ check digits', 'GeefPersoon', '90010100124', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('INSZ with dots', 'GeefPersoon', '90.01.01-001.23', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('INSZ too short', 'GeefPersoon-02.00', '9001010012', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('KBO check digits', 'GeefOnderneming', '0207451228', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('KBO vestiging', 'GeefOnderneming', '2207451227', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('KBO for a person', 'GeefOnderneming', '90010100123', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('inschrijving subject', 'RegistreerInschrijving', '123', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('inschrijving KBO', 'RegistreerInschrijving', '0123456789', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('missing identificatie', 'GeefPersoon', '90010100123', '{"hoedanigheid": "1"}'),
	('missing hoedanigheid', 'GeefPersoon', '90010100123', '{"identificatie": "a"}'),
	('unknown key', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "Hoedanigheid": "1"}'),
	('key of another service', 'GeefOnderneming', '0207451227', '{"identificatie": "a", "hoedanigheid": "1", "bron": "RR"}'),
	('KSZ flags on 02.00', 'GeefPersoon-02.00', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "opvragingenksz": []}'),
	('empty identificatie', 'GeefPersoon', '90010100123', '{"identificatie": "", "hoedanigheid": "1"}'),
	('hoedanigheid too long', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1234567890123456789012345"}'),
	('referte too long', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "referte": "1234567890123456789012345678901234567"}'),
	('hoedanigheid a number', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": 1300}'),
	('referte null', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "referte": null}'),
	('control character', 'GeefPersoon', '90010100123', '{"identificatie": "a\u0001", "hoedanigheid": "1"}'),
	('tijdstip with a zone', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "tijdstip": "2026-01-02T03:04:05+01:00"}'),
	('tijdstip no date', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "tijdstip": "2026-02-30T03:04"}'),
	('tijdstip year 3000', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "tijdstip": "3000-01-01T00:00"}'),
	('gebruiker not an INSZ', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "gebruiker": "77050526772"}'),
	('bron', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "bron": "RIJKSREGISTER"}'),
	('taal', 'GeefOnderneming', '0207451227', '{"identificatie": "a", "hoedanigheid": "1", "taal": "NL"}'),
	('unknown KSZ flag', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "opvragingenksz": ["Pasfoto"]}'),
	('KSZ flag twice', 'GeefPersoon', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "opvragingenksz": ["Afstamming", "Afstamming"]}'),
	('periode missing', 'RegistreerInschrijving-02.00', '90010100123', '{"identificatie": "a", "hoedanigheid": "1"}'),
	('periode backwards', 'RegistreerInschrijving', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "periode": {"begin": "2026-02-01", "einde": "2026-01-31"}}'),
	('periode member', 'RegistreerInschrijving', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "periode": {"begin": "2026-02-01", "end": "2026-03-01"}}'),
	('periode not a date', 'RegistreerInschrijving', '90010100123', '{"identificatie": "a", "hoedanigheid": "1", "periode": {"begin": "2026-00-00"}}'),
	('context an array', 'GeefPersoon', '90010100123', '[]'),
	('context NULL', 'GeefPersoon', '90010100123', NULL)
) e(what, service, subject, context);

-- the transform behind it, with parameters the wrapper never sends
DO $$
DECLARE
	p text;
BEGIN
	FOREACH p IN ARRAY ARRAY[
		'{"service": "GeefPersoon", "subject": "90010100123", "context": {}, "extra": 1}',
		'{"service": "GeefPersoon", "subject": "90010100123"}',
		'{"service": "GeefPersoon-02.02", "version": "02.00", "subject": "90010100123", "context": {}}',
		'{"service": "GeefPersoon-02.02", "version": "02.02.0001", "subject": "90010100123", "context": {}}',
		'{"service": "GeefPersoon", "subject": "90010100123", "context": {"identificatie": "a", "identificatie": "b"}}',
		'{"service": "GeefPersoon", "subject": "90010100123", "context": {"identificatie": "a", "hoedanigheid": "1", "referte": "r"}}',
		'{"service": "GeefPersoon", "subject": "90010100123", "context": {"identificatie": "a", "hoedanigheid": "1", "referte": "r", "tijdstip": "2026-01-02T03:04"}',
		'["GeefPersoon"]']
	LOOP
		BEGIN
			PERFORM oslo.transform(p, 'magda-request-params', 'magda-request');
			RAISE NOTICE 'ok';
		EXCEPTION WHEN others THEN
			RAISE NOTICE '%: %', SQLSTATE, SQLERRM;
		END;
	END LOOP;
END $$;
-- the version may also come as its own member
SELECT oslo.transform('{"service": "GeefPersoon", "version": "02.00.0000", "subject": "90010100123", "context": {"identificatie": "a", "hoedanigheid": "1", "referte": "r", "tijdstip": "2026-01-02T03:04"}}',
	'magda-request-params', 'magda-request')::xml IS DOCUMENT AS is_document,
	pg_temp.at(oslo.transform('{"service": "GeefPersoon", "version": "02.00.0000", "subject": "90010100123", "context": {"identificatie": "a", "hoedanigheid": "1", "referte": "r", "tijdstip": "2026-01-02T03:04"}}',
		'magda-request-params', 'magda-request')::xml, '//Versie/text()') AS versie;

-- volatility: a fresh Referte per call
SELECT p.provolatile, p.proparallel, p.proisstrict, p.proconfig
FROM pg_proc p WHERE p.oid = 'oslo.magda_request(text, text, jsonb)'::regprocedure;
