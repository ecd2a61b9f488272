
-- The Uitzonderingen of a MAGDA response, one row each, at MAGDA's own
-- levels (Generiek/Bericht-v3.xsd, UitzonderingenType): 1 the request could
-- not be parsed (MAGDA answers with a SOAP Fault), 2 the message or its
-- context was refused (Repliek/Uitzonderingen), 3 one question's answer
-- (Antwoord/Uitzonderingen). A SOAP Fault without an Uitzondering inside is
-- one level-1 FOUT row with its faultcode and faultstring.
--
-- Elements are matched on local name: MAGDA's schemas are unqualified below
-- the service element, and stray namespaces occur in real messages. Any
-- MAGDA service works, not only GeefPersoon. Plain SQL over XMLTABLE: no
-- plugin, nothing read but the argument, so PUBLIC may call it.
CREATE FUNCTION oslo.magda_exceptions(response xml)
	RETURNS TABLE (level integer, type text, code text, diagnose text, oorsprong text)
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
	SELECT level, type, code, diagnose, oorsprong
	FROM (
		SELECT u.level, u.type, u.code, u.diagnose, u.oorsprong, 0 AS part, u.n
		FROM XMLTABLE(
			'//*[local-name()="Uitzondering"][parent::*[local-name()="Uitzonderingen"]]'
			PASSING response
			COLUMNS n FOR ORDINALITY,
				level integer PATH '2 + count(ancestor::*[local-name()="Antwoord"][1]) - count(ancestor::*[local-name()="Fault"][1])',
				type text PATH '*[local-name()="Type"]',
				code text PATH '*[local-name()="Identificatie"]',
				diagnose text PATH '*[local-name()="Diagnose"]',
				oorsprong text PATH '*[local-name()="Oorsprong"]') AS u
		UNION ALL
		SELECT 1, 'FOUT', NULLIF(btrim(f.code), ''), NULLIF(btrim(f.diagnose), ''), NULL, 1, f.n
		FROM XMLTABLE(
			'//*[local-name()="Fault"][not(.//*[local-name()="Uitzondering"])]'
			PASSING response
			COLUMNS n FOR ORDINALITY,
				-- SOAP 1.1 faultcode/faultstring, SOAP 1.2 Code/Value and Reason/Text
				code text PATH 'concat(*[local-name()="faultcode"], *[local-name()="Code"]/*[local-name()="Value"])',
				diagnose text PATH 'concat(*[local-name()="faultstring"], *[local-name()="Reason"]/*[local-name()="Text"])') AS f
	) AS rows
	ORDER BY level, part, n
$fn$;
COMMENT ON FUNCTION oslo.magda_exceptions(xml) IS
	'The Uitzonderingen of a MAGDA response, one row each: level (1 SOAP Fault, 2 Repliek, 3 Antwoord), type (FOUT, WAARSCHUWING, INFORMATIE), code, diagnose, oorsprong';
GRANT EXECUTE ON FUNCTION oslo.magda_exceptions(xml) TO PUBLIC;
