-- RML mappings: registered in the catalog or given inline; XML and JSON sources
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

-- a mapping for a namespaced SOAP-like message: prefixes are declared in the mapping
SELECT oslo.mapping_register('test-persons-xml', $rml$
@prefix rml: <http://w3id.org/rml/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<#Persons> a rml:TriplesMap ;
	rml:logicalSource [
		rml:source "response" ;
		rml:referenceFormulation [ a rml:XPathReferenceFormulation ;
			rml:namespace [ rml:namespacePrefix "s" ; rml:namespaceURL "http://schemas.xmlsoap.org/soap/envelope/" ] ,
			              [ rml:namespacePrefix "p" ; rml:namespaceURL "urn:example:persons" ] ] ;
		rml:iterator "/s:Envelope/s:Body/p:Persons/Person" ] ;
	rml:subjectMap [ rml:template "https://example.org/person/{INSZ}" ; rml:class foaf:Person ] ;
	rml:predicateObjectMap [ rml:predicate foaf:givenName ; rml:objectMap [ rml:reference "Voornaam" ; rml:language "nl" ] ] ,
	                       [ rml:predicate foaf:birthday ; rml:objectMap [ rml:reference "Geboortedatum" ; rml:datatype xsd:date ] ] .
$rml$, 'persons from a SOAP envelope');

SELECT oslo.to_ntriples(oslo.rml_apply('test-persons-xml', $xml$
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
  <p:Persons xmlns:p="urn:example:persons">
    <Person><INSZ>90650212345</INSZ><Voornaam>Anna</Voornaam><Geboortedatum>1990-05-02</Geboortedatum></Person>
    <Person><INSZ>60610099977</INSZ><Voornaam>Jef Élie</Voornaam></Person>
  </p:Persons>
</s:Body></s:Envelope>$xml$));

-- an inline mapping, JSON source, template values percent-encoded in IRIs
SELECT oslo.to_ntriples(oslo.rml_apply($rml$
@prefix rml: <http://w3id.org/rml/> .
@prefix org: <http://www.w3.org/ns/org#> .
<#Orgs> a rml:TriplesMap ;
	rml:logicalSource [ rml:source "orgs" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$.organisaties[*]" ] ;
	rml:subjectMap [ rml:template "https://example.org/org/{$.naam}" ; rml:class org:Organization ] ;
	rml:predicateObjectMap [ rml:predicate org:identifier ; rml:objectMap [ rml:reference "$.kbo" ] ] .
$rml$, '{"organisaties": [{"naam": "Stad Gent", "kbo": "0207451227"}, {"naam": "A/B & C", "kbo": "0123456749"}]}'));

-- the registered mapping is cached per backend and re-read when it changes
UPDATE oslo.mapping SET body = replace(body, 'foaf:givenName', 'foaf:firstName') WHERE name = 'test-persons-xml';
SELECT count(*) FROM oslo.triples(oslo.rml_apply('test-persons-xml',
	'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:Persons xmlns:p="urn:example:persons"><Person><INSZ>1</INSZ><Voornaam>X</Voornaam></Person></p:Persons></s:Body></s:Envelope>'))
WHERE predicate = 'http://xmlns.com/foaf/0.1/firstName';

-- errors name the mapping and the problem
SELECT pg_temp.error_of($q$SELECT oslo.rml_apply('no-such-mapping', '<a/>')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.mapping_register('broken', '@prefix rml: <http://w3id.org/rml/> . <#T> a rml:TriplesMap ; rml:logicalSource [ rml:source "x" ; rml:referenceFormulation rml:XPath ; rml:iterator "/a/b[" ] ; rml:subjectMap [ rml:template "http://e/{x}" ] .')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.mapping_register('broken', 'this is not turtle')$q$);
SELECT pg_temp.error_of($q$SELECT oslo.rml_apply('test-persons-xml', '<s:Envelope')$q$);
SELECT name, kind, description FROM oslo.mapping ORDER BY name;

-- mapping administration is a role's, not PUBLIC's
CREATE ROLE oslo_regress_mapper IN ROLE oslo_admin;
CREATE ROLE oslo_regress_user;
SET ROLE oslo_regress_user;
SELECT pg_temp.error_of($q$SELECT oslo.mapping_register('mine', '@prefix rml: <http://w3id.org/rml/> .')$q$);
SELECT count(*) > 0 AS can_apply FROM oslo.triples(oslo.rml_apply('test-persons-xml', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:Persons xmlns:p="urn:example:persons"><Person><INSZ>1</INSZ></Person></p:Persons></s:Body></s:Envelope>'));
SET ROLE oslo_regress_mapper;
SELECT oslo.mapping_register('by-the-mapper', '@prefix rml: <http://w3id.org/rml/> . <#T> a rml:TriplesMap ; rml:logicalSource [ rml:source "x" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$[*]" ] ; rml:subjectMap [ rml:template "http://e/{$.id}" ] .');
SELECT pg_temp.error_of($q$SELECT oslo.mapping_register('empty', '@prefix rml: <http://w3id.org/rml/> .')$q$);
RESET ROLE;
DROP ROLE oslo_regress_mapper, oslo_regress_user;
DELETE FROM oslo.mapping WHERE name IN ('test-persons-xml', 'by-the-mapper');
