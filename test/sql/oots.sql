-- The OOTS evidence exchange (oots plugin): evidence requests built from SQL
-- values, evidence responses as SEMIC RDF, error responses as SQL errors
-- carrying the EDM error code, and the native EDM Schematron checks. On
-- fixtures written for this test (test/fixtures/oots, read by psql from the
-- source tree). The official examples and the XSD validation are in
-- test/t/012_oots.pl.
-- quiet whether or not an earlier test created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;

\set response_person `cat test/fixtures/oots/response-person.xml`
\set response_legal `cat test/fixtures/oots/response-legal.xml`
\set response_broken `cat test/fixtures/oots/response-broken.xml`
\set error_preview `cat test/fixtures/oots/error-preview.xml`
\set error_notfound `cat test/fixtures/oots/error-notfound.xml`

-- the value(s) at an XPath of an EDM message
CREATE FUNCTION pg_temp.at(doc xml, path text) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(v::text, ',')
	FROM unnest(xpath(path, doc, ARRAY[
		ARRAY['query', 'urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0'],
		ARRAY['rim', 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:4.0'],
		ARRAY['sdg', 'http://data.europa.eu/p4s'],
		ARRAY['xsi', 'http://www.w3.org/2001/XMLSchema-instance']])) v
$$;

-- one set of valid arguments; each error case below changes one of them
CREATE TEMP TABLE args AS SELECT
	'{"identifier": "12345678", "scheme": "0106", "name": "Gemeente Breda", "lang": "NL",
	  "address": {"post_city_name": "Breda", "admin_unit_level_1": "NL", "admin_unit_level_2": "NL411"}}'::jsonb AS requester,
	'{"identifier": "0316381039", "scheme": "0208", "name": "Stad Gent", "lang": "NL"}'::jsonb AS provider,
	'{"identifier": "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a",
	  "classification": "https://sr.oots.tech.europa.eu/evidencetypeclassifications/BE/3f2e1d0c-9b8a-4765-a432-10fedcba9876",
	  "title": "Bewijs van woonst", "lang": "NL", "format": "application/pdf",
	  "conforms_to": "https://sr.oots.tech.europa.eu/distributions/residence-1.0.0"}'::jsonb AS evidence_type,
	'{"level_of_assurance": "High", "identifier": "BE/NL/850301123456", "family_name": "Peeters",
	  "given_name": "Lotte <Marie> & \"Co\"", "date_of_birth": "1985-03-01", "place_of_birth": "Sint-Niklaas",
	  "current_address": {"thoroughfare": "Veldstraat", "locator_designator": "12 bus 3",
	                      "post_code": "9000", "post_city_name": "Gent", "admin_unit_level_1": "BE"},
	  "gender": "Female"}'::jsonb AS person;

-- a request with a given id and time, so it can be compared
CREATE TEMP TABLE req AS
SELECT oslo.oots_evidence_request(requester, provider, evidence_type, person,
	procedure => 'T2',
	requirements => '[{"identifier": "https://sr.oots.tech.europa.eu/requirements/2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d", "name": "Proof of residence"}]',
	possibility_for_preview => true,
	request_id => '0B6C3D9E-2F41-4C55-9A8E-7D1F00C0FFEE',
	issued => '2026-03-02 10:10:00+01') AS x
FROM args;

-- root, id (lower case, urn:uuid), fixed values, slots in order
SELECT pg_temp.at(x, 'name(/*)') AS root, pg_temp.at(x, '/query:QueryRequest/@id') AS id,
	pg_temp.at(x, '/query:QueryRequest/rim:Slot/@name') AS slots,
	pg_temp.at(x, '/query:QueryRequest/query:ResponseOption/@returnType') AS return_type,
	pg_temp.at(x, '/query:QueryRequest/query:Query/@queryDefinition') AS query_definition
FROM req;
SELECT pg_temp.at(x, '//rim:Slot[@name="SpecificationIdentifier"]/rim:SlotValue/rim:Value/text()') AS spec,
	pg_temp.at(x, '//rim:Slot[@name="IssueDateTime"]/rim:SlotValue/rim:Value/text()') AS issued,
	pg_temp.at(x, '//rim:Slot[@name="Procedure"]//rim:LocalizedString/@value') AS procedure,
	pg_temp.at(x, '//rim:Slot[@name="PossibilityForPreview"]/rim:SlotValue/rim:Value/text()') AS preview,
	pg_temp.at(x, '//rim:Slot[@name="ExplicitRequestGiven"]/rim:SlotValue/rim:Value/text()') AS explicit
FROM req;
-- slot value types, agents with EAS schemeIDs, the requester's classification
SELECT pg_temp.at(x, '//rim:SlotValue/@xsi:type') AS slot_value_types FROM req;
SELECT pg_temp.at(x, '//sdg:Agent/sdg:Identifier/@schemeID') AS schemes,
	pg_temp.at(x, '//rim:Slot[@name="EvidenceRequester"]//sdg:Classification/text()') AS requester_class,
	pg_temp.at(x, 'count(//rim:Slot[@name="EvidenceProvider"]//sdg:Agent/*)') AS provider_children
FROM req;
-- the natural person: eIDAS attributes in XSD order, escaped
SELECT pg_temp.at(x, 'name(//sdg:Person/*[' || i || '])') AS element,
	pg_temp.at(x, '//sdg:Person/*[' || i || ']/text()') AS value
FROM req, generate_series(1, 9) i;
SELECT pg_temp.at(x, '//sdg:Person/sdg:Identifier/@schemeID') AS person_scheme,
	pg_temp.at(x, '//sdg:CurrentAddress/sdg:LocatorDesignator/text()') AS locator
FROM req;
SELECT pg_temp.at(x, '//sdg:DataServiceEvidenceType/sdg:Identifier/text()') AS evidence_type,
	pg_temp.at(x, '//sdg:DataServiceEvidenceType/sdg:Title/@lang') AS title_lang,
	pg_temp.at(x, '//sdg:DistributedAs/sdg:Format/text()') AS format
FROM req;
-- what we build passes the native checks
SELECT count(*) AS findings FROM req, oslo.oots_check(x);

-- without request_id and issued: a fresh UUID each call (VOLATILE), now()
SELECT count(DISTINCT pg_temp.at(x, '/query:QueryRequest/@id')) AS distinct_ids,
	bool_and(pg_temp.at(x, '/query:QueryRequest/@id') ~ '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') AS uuid_v4,
	bool_and(pg_temp.at(x, '//rim:Slot[@name="IssueDateTime"]/rim:SlotValue/rim:Value/text()')
		= to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS issued_now
FROM (SELECT oslo.oots_evidence_request(requester, provider, evidence_type, person) AS x
      FROM args, generate_series(1, 3)) r;
-- the minimum: no procedure, requirements or optional person attributes;
-- an intermediary platform next to the requester
SELECT pg_temp.at(x, '/query:QueryRequest/rim:Slot/@name') AS slots,
	pg_temp.at(x, '//rim:Slot[@name="EvidenceRequester"]//sdg:Classification/text()') AS classes,
	pg_temp.at(x, 'count(//sdg:Person/*)') AS person_children
FROM (SELECT oslo.oots_evidence_request(
	jsonb_build_array(requester, '{"identifier": "NL987", "scheme": "urn:cef.eu:names:identifier:EAS:0106", "name": "Portaal", "classification": "IP"}'::jsonb),
	provider, evidence_type - 'conforms_to',
	'{"level_of_assurance": "Low", "family_name": "Peeters", "given_name": "Lotte", "date_of_birth": "2000-02-29"}') AS x FROM args) r;

-- every bad value: 22023 naming the parameter (0A000 for another EDM version)
CREATE FUNCTION pg_temp.try(requester jsonb, provider jsonb, evidence_type jsonb, person jsonb,
	procedure text DEFAULT NULL, requirements jsonb DEFAULT NULL, preview_location text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM oslo.oots_evidence_request(requester, provider, evidence_type, person, procedure,
		requirements, preview_location => preview_location);
	RETURN 'ok';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT k, pg_temp.try(requester || r, provider || p, evidence_type || e, person || n, proc, reqs, prev) AS result
FROM args, (VALUES
	('ok', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, NULL, NULL::jsonb, NULL),
	('no level of assurance', '{}', '{}', '{}', '{"level_of_assurance": null}', NULL, NULL, NULL),
	('level of assurance', '{}', '{}', '{}', '{"level_of_assurance": "high"}', NULL, NULL, NULL),
	('no family name', '{}', '{}', '{}', '{"family_name": null}', NULL, NULL, NULL),
	('family name a number', '{}', '{}', '{}', '{"family_name": 7}', NULL, NULL, NULL),
	('empty given name', '{}', '{}', '{}', '{"given_name": ""}', NULL, NULL, NULL),
	('given name padded', '{}', '{}', '{}', '{"given_name": " Lotte"}', NULL, NULL, NULL),
	('control character', '{}', '{}', '{}', '{"given_name": "Lo\u0001tte"}', NULL, NULL, NULL),
	('date of birth', '{}', '{}', '{}', '{"date_of_birth": "1985-02-29"}', NULL, NULL, NULL),
	('date of birth format', '{}', '{}', '{}', '{"date_of_birth": "01/03/1985"}', NULL, NULL, NULL),
	('eidas identifier', '{}', '{}', '{}', '{"identifier": "85030112345"}', NULL, NULL, NULL),
	('eidas identifier short', '{}', '{}', '{}', '{"identifier": "BE/NL/1234"}', NULL, NULL, NULL),
	('gender', '{}', '{}', '{}', '{"gender": "F"}', NULL, NULL, NULL),
	('unknown person key', '{}', '{}', '{}', '{"nationality": "BE"}', NULL, NULL, NULL),
	('address country', '{}', '{}', '{}', '{"current_address": {"admin_unit_level_1": "Belgium"}}', NULL, NULL, NULL),
	('address without country', '{}', '{}', '{}', '{"current_address": {"post_code": "9000"}}', NULL, NULL, NULL),
	('sector attribute uri', '{}', '{}', '{}', '{"sector_specific_attributes": [{"name": "IBAN", "uri": "IBAN", "value": "x"}]}', NULL, NULL, NULL),
	('scheme not EAS', '{"scheme": "KBO"}', '{}', '{}', '{}', NULL, NULL, NULL),
	('scheme unknown EAS code', '{}', '{"scheme": "urn:cef.eu:names:identifier:EAS:1234"}', '{}', '{}', NULL, NULL, NULL),
	('requester lang', '{"lang": "nl"}', '{}', '{}', '{}', NULL, NULL, NULL),
	('requester EP', '{"classification": "EP"}', '{}', '{}', '{}', NULL, NULL, NULL),
	('requester IP only', '{"classification": "IP"}', '{}', '{}', '{}', NULL, NULL, NULL),
	('provider address', '{}', '{"address": {"admin_unit_level_1": "BE"}}', '{}', '{}', NULL, NULL, NULL),
	('NUTS of another country', '{"address": {"admin_unit_level_1": "NL", "admin_unit_level_2": "BE2"}}', '{}', '{}', '{}', NULL, NULL, NULL),
	('evidence type id', '{}', '{}', '{"identifier": "residence"}', '{}', NULL, NULL, NULL),
	('evidence type classification', '{}', '{}', '{"classification": "https://example.org/residence"}', '{}', NULL, NULL, NULL),
	('format', '{}', '{}', '{"format": "text/plain"}', '{}', NULL, NULL, NULL),
	('conforms_to', '{}', '{}', '{"conforms_to": "https://example.org/model"}', '{}', NULL, NULL, NULL),
	('procedure', '{}', '{}', '{}', '{}', 'Z9', NULL, NULL),
	('requirement not https', '{}', '{}', '{}', '{}', NULL, '[{"identifier": "urn:x", "name": "y"}]', NULL),
	('requirement without name', '{}', '{}', '{}', '{}', NULL, '{"identifier": "https://sr.oots.tech.europa.eu/requirements/x"}', NULL),
	('preview location http', '{}', '{}', '{}', '{}', NULL, NULL, 'http://preview.example/x'),
	('requester NULL', NULL, '{}', '{}', '{}', NULL, NULL, NULL)
) v(k, r, p, e, n, proc, reqs, prev);
SELECT pg_temp.try('["x"]', provider, evidence_type, person) AS requester_array FROM args;
SELECT pg_temp.try(requester, provider, evidence_type, '[]') AS person_array FROM args;
SELECT pg_temp.try(requester, provider, evidence_type, person, requirements => '"x"') AS requirements_string FROM args;
SELECT oslo.oots_evidence_request(requester, provider, evidence_type, person, request_id => NULL,
	possibility_for_preview => NULL) FROM args;
-- another EDM version, through the format directly
SELECT oslo.transform('{"specification": "oots-edm:v2.0", "id": "0b6c3d9e-2f41-4c55-9a8e-7d1f00c0ffee", "issued": "2026-03-02T09:10:00Z"}',
	'oots-request-params', 'oots-request');
SELECT oslo.transform('{"id": "x"', 'oots-request-params', 'oots-request');

-- a success response as SEMIC RDF: the graph written here by hand
SELECT oslo.isomorphic(oslo.oots_response_to_graph(:'response_person'), oslo.graph_from_turtle($ttl$
@prefix cv: <http://data.europa.eu/m8g/> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix person: <http://www.w3.org/ns/person#> . @prefix locn: <http://www.w3.org/ns/locn#> .
@prefix adms: <http://www.w3.org/ns/adms#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:uuid:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d> a cv:Evidence ;
	dct:identifier "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D" ;
	dct:issued "2026-03-02"^^xsd:date ;
	dct:subject [ a person:Person ;
		adms:identifier [ a adms:Identifier ; skos:notation "BE/NL/850301123456" ; adms:schemaAgency "eidas" ] ;
		foaf:familyName "Peeters" ; foaf:givenName "Lotte Marie" ;
		cv:birthDate "1985-03-01"^^xsd:date ;
		person:placeOfBirth [ a dct:Location ; locn:geographicName "Sint-Niklaas" ] ;
		cv:domicile [ a locn:Address ;
			locn:fullAddress "Veldstraat 12 bus 3, 9000 Gent, België" ; locn:locatorDesignator "12 bus 3" ;
			locn:postCode "9000" ; locn:postName "Gent" ; locn:thoroughfare "Veldstraat" ;
			locn:adminUnitL1 "BE" ; locn:adminUnitL2 "BE234" ] ;
		cv:sex <http://publications.europa.eu/resource/authority/human-sex/FEMALE> ] ;
	dct:publisher [ a foaf:Agent ;
		adms:identifier [ a adms:Identifier ; skos:notation "0316381039" ;
			adms:schemaAgency "urn:cef.eu:names:identifier:EAS:0208" ] ;
		foaf:name "Stad Gent"@nl, "Ville de Gand"@fr ] ;
	dct:conformsTo [ a cv:EvidenceType ;
		cv:evidenceTypeClassification <https://sr.oots.tech.europa.eu/evidencetypeclassifications/BE/3f2e1d0c-9b8a-4765-a432-10fedcba9876> ;
		dct:title "Proof of residence"@en, "Bewijs van woonst"@nl ] ;
	dcat:distribution [ a dcat:Distribution ;
		dcat:mediaType <http://www.iana.org/assignments/media-types/application/pdf> ;
		dcat:accessURL <cid:woonst1@gent.example> ] ;
	dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2026-03-02"^^xsd:date ; dcat:endDate "2026-06-02"^^xsd:date ] .
$ttl$)) AS person_graph_as_written;
-- a legal person in a v2.0-style RegistryPackage
SELECT oslo.to_turtle(oslo.oots_response_to_graph(:'response_legal'));
-- the same through the format names
SELECT oslo.isomorphic(oslo.graph_from(:'response_person', 'oots-response'),
	oslo.oots_response_to_graph(:'response_person')) AS same_through_graph_from;

-- error responses: SQLSTATE OOTS0, the EDM code first in the message
CREATE FUNCTION pg_temp.raised(response xml) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	state text; msg text; det text; hint text;
BEGIN
	PERFORM oslo.oots_response_to_graph(response);
	RETURN 'no error';
EXCEPTION WHEN SQLSTATE 'OOTS0' THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
		hint = PG_EXCEPTION_HINT;
	RETURN concat_ws(E'\n', state, msg, det, hint);
END $$;
SELECT pg_temp.raised(:'error_preview');
SELECT pg_temp.raised(:'error_notfound');
SELECT * FROM oslo.oots_exception(:'error_preview');
SELECT count(*) AS exceptions_of_a_success FROM oslo.oots_exception(:'response_person');
-- straight through the plugin: 22000 data_exception, as a MAGDA FOUT
SELECT oslo.graph_from(:'error_notfound', 'oots-response');

-- native checks: none on good messages, each broken rule once
SELECT count(*) AS findings FROM oslo.oots_check(:'response_person');
SELECT count(*) AS findings FROM oslo.oots_check(:'response_legal');
SELECT rule, severity, location FROM oslo.oots_check(:'response_broken');
SELECT rule, message FROM oslo.oots_check(:'response_broken') WHERE rule = 'R-EDM-RESP-C042';
-- R-EDM-ERR-C021 as upstream: POST fails (the .sch tests rim:value for it)
SELECT rule, location FROM oslo.oots_check(:'error_preview');
-- the regular expressions as XPath 2.0 matches() decides them: "i" flag,
-- unanchored starts, normalize-space() before the test
CREATE FUNCTION pg_temp.rules_failed(request_id text, href text, issuing_date text) RETURNS text
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(rule, ' ' ORDER BY rule), 'none')
	FROM oslo.oots_check(format('<query:QueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0"
		xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:4.0" xmlns:sdg="http://data.europa.eu/p4s"
		xmlns:xlink="http://www.w3.org/1999/xlink" requestId="%s"><rim:RegistryObjectList>
		<rim:RegistryObject id="urn:uuid:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"><rim:Slot name="EvidenceMetadata"><rim:SlotValue>
		<sdg:Evidence><sdg:IssuingDate>%s</sdg:IssuingDate></sdg:Evidence></rim:SlotValue></rim:Slot>
		<rim:RepositoryItemRef xlink:href="%s"/></rim:RegistryObject></rim:RegistryObjectList></query:QueryResponse>',
		request_id, issuing_date, href)::xml)
$$;
SELECT k, pg_temp.rules_failed(r, h, d) AS failed
FROM (VALUES
	('as specified', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797', 'cid:a1@b2', '2026-03-02'),
	('upper case (flag i)', 'URN:UUID:4FFB5281-179D-4578-ADF2-39FD13CCC797', 'cid:a1@b2', '2026-03-02'),
	('text before, spaces around', ' x urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797 ', 'cid:@', ' x2026-03-02y '),
	('text after the UUID', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797x', 'cid:a1@b2', '2026-03-02'),
	('UUID without hyphens', 'urn:uuid:4ffb5281179d4578adf239fd13ccc797', 'cid:a1@b2', '2026-03-02'),
	('cid: upper case', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797', 'cid:A1@b2', '2026-03-02'),
	('cid: with a hyphen', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797', 'cid:a-1@b2', '2026-03-02'),
	('cid: without @', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797', 'cid:a1', '2026-03-02'),
	('date of one-digit month', 'urn:uuid:4ffb5281-179d-4578-adf2-39fd13ccc797', 'cid:a1@b2', '2026-3-02')
) v(k, r, h, d);

-- findings are NOTICEs while reading (the graph still comes out), or errors
SET client_min_messages = notice;
SELECT oslo.triple_count(oslo.oots_response_to_graph(:'response_broken')) AS triples;
RESET client_min_messages;
SELECT oslo.triple_count(oslo.oots_response_to_graph(:'response_broken', checks => 'off')) AS triples;
SELECT oslo.oots_response_to_graph(:'response_broken', checks => 'error');
SELECT oslo.oots_response_to_graph(:'response_person', checks => 'sometimes');

-- not an EDM message, a request where a response is expected, no evidence
SELECT oslo.oots_response_to_graph('<a xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0"/>');
SELECT oslo.oots_response_to_graph(x) FROM req;
SELECT oslo.oots_response_to_graph('<query:QueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>');
SELECT * FROM oslo.oots_check('<QueryRequest/>');
SELECT oslo.transform('<query:QueryResponse', 'oots-response', 'oots-check');
