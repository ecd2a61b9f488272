
-- MAGDA request envelopes. The XML is built and checked in C by the magda
-- plugin (format magda-request-params -> magda-request); this wrapper adds
-- what only the database knows: a fresh message reference and the time.
--
-- VOLATILE, not STABLE: each call draws a new Referte with
-- gen_random_uuid(), and two requests must never share one (MAGDA and the
-- afnemer's log join on it). The Tijdstip is now() -- the start of the
-- transaction -- in Belgian local time, since MAGDA's Tijdstip has no zone.
-- Callers may give both in context ("referte", "tijdstip") for repeatable
-- output. PUBLIC may call it: it only builds XML and sends nothing.
CREATE FUNCTION oslo.magda_request(service text, subject text, context jsonb)
	RETURNS xml
	LANGUAGE plpgsql VOLATILE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	filled jsonb;
BEGIN
	IF service IS NULL OR subject IS NULL OR context IS NULL THEN
		RAISE EXCEPTION 'oslo.magda_request: service, subject and context must not be NULL'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF pg_catalog.jsonb_typeof(context) <> 'object' THEN
		RAISE EXCEPTION 'oslo.magda_request: context must be a JSON object, not %',
			pg_catalog.jsonb_typeof(context)
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	filled := pg_catalog.jsonb_build_object(
		'referte', pg_catalog.gen_random_uuid()::text,
		'tijdstip', pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'Europe/Brussels',
		                                'YYYY-MM-DD"T"HH24:MI:SS.MS'))
		OPERATOR(pg_catalog.||) context;
	RETURN XMLPARSE(DOCUMENT oslo.transform(
		pg_catalog.jsonb_build_object('service', service, 'subject', subject,
		                              'context', filled)::text,
		'magda-request-params', 'magda-request'));
END
$fn$;
COMMENT ON FUNCTION oslo.magda_request(text, text, jsonb) IS
	'A MAGDA request envelope (SOAP 1.1, Verzoek) for GeefPersoon, GeefOnderneming or RegistreerInschrijving; fresh Referte, Tijdstip now()';
GRANT EXECUTE ON FUNCTION oslo.magda_request(text, text, jsonb) TO PUBLIC;
