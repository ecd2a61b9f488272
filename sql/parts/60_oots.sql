
-- The OOTS evidence exchange (Once-Only Technical System of the Single
-- Digital Gateway): EDM v1.0 messages on OASIS ebXML RegRep 4. The XML is
-- built, read and checked in C by the oots plugin (formats
-- oots-request-params -> oots-request, oots-response -> graph,
-- oots-request / oots-response -> oots-check); these wrappers add what only
-- the database knows (a fresh request id, the time) and SQL-shaped results.
-- docs/oots.md describes every parameter, the RDF mapping and the checks.

-- An evidence request (query:QueryRequest). VOLATILE, not STABLE: each call
-- draws a fresh request id with gen_random_uuid() unless request_id is
-- given, and two requests must never share one (the response's requestId
-- and the provider's log join on it). IssueDateTime is now() -- the start
-- of the transaction -- in UTC unless issued is given. PUBLIC may call it:
-- it only builds XML and sends nothing.
CREATE FUNCTION oslo.oots_evidence_request(
		requester jsonb,
		provider jsonb,
		evidence_type jsonb,
		person jsonb,
		procedure text DEFAULT NULL,
		requirements jsonb DEFAULT NULL,
		possibility_for_preview boolean DEFAULT false,
		explicit_request_given boolean DEFAULT true,
		preview_location text DEFAULT NULL,
		request_id uuid DEFAULT NULL,
		issued timestamptz DEFAULT NULL)
	RETURNS xml
	LANGUAGE plpgsql VOLATILE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF requester IS NULL OR provider IS NULL OR evidence_type IS NULL OR person IS NULL THEN
		RAISE EXCEPTION 'oslo.oots_evidence_request: % must not be NULL',
			CASE WHEN requester IS NULL THEN 'requester' WHEN provider IS NULL THEN 'provider'
			     WHEN evidence_type IS NULL THEN 'evidence_type' ELSE 'person' END
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF possibility_for_preview IS NULL OR explicit_request_given IS NULL THEN
		RAISE EXCEPTION 'oslo.oots_evidence_request: % must be true or false, not NULL',
			CASE WHEN possibility_for_preview IS NULL THEN 'possibility_for_preview'
			     ELSE 'explicit_request_given' END
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN XMLPARSE(DOCUMENT oslo.transform(
		pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
			'id', COALESCE(request_id, pg_catalog.gen_random_uuid())::text,
			'issued', pg_catalog.to_char(COALESCE(issued, pg_catalog.now()) AT TIME ZONE 'UTC',
			                             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'procedure', procedure,
			'requirements', requirements,
			'possibility_for_preview', possibility_for_preview,
			'explicit_request_given', explicit_request_given,
			'preview_location', preview_location,
			'requester', requester,
			'provider', provider,
			'evidence_type', evidence_type,
			'person', person))::text,
		'oots-request-params', 'oots-request'));
END
$fn$;
COMMENT ON FUNCTION oslo.oots_evidence_request(jsonb, jsonb, jsonb, jsonb, text, jsonb, boolean, boolean, text, uuid, timestamptz) IS
	'An OOTS evidence request (EDM v1.0 query:QueryRequest) for a natural person; fresh urn:uuid id, IssueDateTime now()';
GRANT EXECUTE ON FUNCTION oslo.oots_evidence_request(jsonb, jsonb, jsonb, jsonb, text, jsonb, boolean, boolean, text, uuid, timestamptz) TO PUBLIC;

-- The rs:Exception of an OOTS error response, one row (none for a
-- success). Plain SQL over XMLTABLE: nothing read but the argument.
CREATE FUNCTION oslo.oots_exception(response xml)
	RETURNS TABLE (code text, type text, severity text, message text, detail text,
	               preview_location text, request_id text)
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
	SELECT e.code, e.type, e.severity, e.message, e.detail, NULLIF(btrim(e.preview_location), ''),
		e.request_id
	FROM XMLTABLE(
		XMLNAMESPACES('urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0' AS query,
		              'urn:oasis:names:tc:ebxml-regrep:xsd:rs:4.0' AS rs,
		              'urn:oasis:names:tc:ebxml-regrep:xsd:rim:4.0' AS rim,
		              'http://www.w3.org/2001/XMLSchema-instance' AS xsi),
		'/query:QueryResponse/rs:Exception'
		PASSING response
		COLUMNS code text PATH '@code',
			type text PATH '@xsi:type',
			severity text PATH '@severity',
			message text PATH '@message',
			detail text PATH '@detail',
			preview_location text PATH 'rim:Slot[@name="PreviewLocation"]/rim:SlotValue/rim:Value',
			request_id text PATH '../@requestId') AS e
$fn$;
COMMENT ON FUNCTION oslo.oots_exception(xml) IS
	'The rs:Exception of an OOTS error response: EDM error code, type, severity, message, detail, PreviewLocation, requestId';
GRANT EXECUTE ON FUNCTION oslo.oots_exception(xml) TO PUBLIC;

-- An evidence response as SEMIC RDF. An error response raises SQLSTATE
-- OOTS0 (oots_error_response) with the EDM error code first in the
-- message, e.g. 'OOTS error response EDM:ERR:0002: Missing Authorization';
-- DETAIL has type, severity, detail and PreviewLocation. Native checks
-- that fail are NOTICEs (checks => 'error' raises them, 'off' skips them).
CREATE FUNCTION oslo.oots_response_to_graph(response xml, checks text DEFAULT 'notice')
	RETURNS oslo.graph
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	e record;
	diag text;
BEGIN
	SELECT * INTO e FROM oslo.oots_exception(response) LIMIT 1;
	IF FOUND THEN
		diag := pg_catalog.concat_ws('; ',
			'code: ' || e.code, 'type: ' || e.type, 'severity: ' || e.severity,
			'detail: ' || e.detail, 'requestId: ' || e.request_id,
			'PreviewLocation: ' || e.preview_location);
		IF e.preview_location IS NOT NULL THEN
			RAISE EXCEPTION 'OOTS error response %: %', COALESCE(e.code, 'without an EDM error code'),
				COALESCE(e.message, '(no message)')
				USING ERRCODE = 'OOTS0', DETAIL = diag,
				      HINT = 'The evidence provider asks for a preview: send the user to the PreviewLocation, then repeat the request with preview_location.';
		END IF;
		RAISE EXCEPTION 'OOTS error response %: %', COALESCE(e.code, 'without an EDM error code'),
			COALESCE(e.message, '(no message)')
			USING ERRCODE = 'OOTS0', DETAIL = diag;
	END IF;
	RETURN oslo.graph_from(response::text, 'oots-response',
	                       pg_catalog.jsonb_build_object('checks', checks));
END
$fn$;
COMMENT ON FUNCTION oslo.oots_response_to_graph(xml, text) IS
	'An OOTS evidence response as SEMIC RDF (cv:Evidence, person:Person, locn:Address); an error response raises SQLSTATE OOTS0 with its EDM error code';
GRANT EXECUTE ON FUNCTION oslo.oots_response_to_graph(xml, text) TO PUBLIC;

-- The EDM Schematron rules that need XPath 2.0 (matches()), run natively
-- on a request, response or error response: one row per failed assert.
CREATE FUNCTION oslo.oots_check(doc xml)
	RETURNS TABLE (rule text, severity text, location text, message text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $fn$
	SELECT f.rule, f.severity, f.location, f.message
	FROM pg_catalog.jsonb_to_recordset(oslo.transform(
		$1::text,
		CASE WHEN (pg_catalog.xpath('local-name(/*)', $1))[1]::text = 'QueryRequest'
		     THEN 'oots-request' ELSE 'oots-response' END,
		'oots-check')::jsonb) AS f(rule text, severity text, location text, message text)
$fn$;
COMMENT ON FUNCTION oslo.oots_check(xml) IS
	'Native checks of the EDM v1.0 Schematron rules that use matches() (R-EDM-REQ/RESP/ERR-*): one row per failed assert';
GRANT EXECUTE ON FUNCTION oslo.oots_check(xml) TO PUBLIC;
