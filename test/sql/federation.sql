-- Federated lookups, the single-database part: catalogs, grants, purpose
-- binding, refusals, the consultation log (append-only, RLS) and the
-- citizen's view. The source is this database (a published view); the
-- three-cluster postgres_fdw case is test/t/010_federation.pl.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;
\set VERBOSITY terse
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- the catalogs and who may do what with them
SELECT c.relname,
       has_table_privilege('public', c.oid, 'SELECT') AS public_select,
       has_table_privilege('public', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') AS public_writes,
       has_table_privilege('oslo_admin', c.oid, 'INSERT') AS admin_insert,
       has_table_privilege('oslo_admin', c.oid, 'UPDATE,DELETE,TRUNCATE') AS admin_changes,
       c.relrowsecurity AS rls
FROM pg_class c
WHERE c.oid IN ('oslo.entity'::regclass, 'oslo.authentic_source'::regclass, 'oslo.authorization'::regclass,
                'oslo.registration'::regclass, 'oslo.consultation_log'::regclass)
ORDER BY 1;

-- SECURITY DEFINER functions of the federation, each with a fixed search_path
SELECT p.oid::regprocedure AS definer, array_to_string(p.proconfig, ',') AS config,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace AND p.prosecdef
  AND p.proname IN ('lookup_batch', 'lookup_many', 'lookup', 'lookup_graph', 'source_log', 'consultations_about',
                    'consultation_log_write', 'authorised_application')
ORDER BY 1::text;

-- roles: two applications of this municipality, the citizen portal, a steward
CREATE ROLE oslo_fed_app LOGIN;
CREATE ROLE oslo_fed_clerk LOGIN IN ROLE oslo_fed_app;   -- acts for oslo_fed_app
CREATE ROLE oslo_fed_other LOGIN;
CREATE ROLE oslo_fed_portal LOGIN;
GRANT EXECUTE ON FUNCTION oslo.consultations_about(text) TO oslo_fed_portal;

-- management is for oslo_admin, not PUBLIC
SET SESSION AUTHORIZATION oslo_fed_other;
SELECT pg_temp.error_of($$SELECT oslo.authorize('oslo_fed_other', 'persoon', 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT oslo.register('oslo_fed_other', ARRAY['90650212345'], 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT count(*) FROM oslo.authorization$$);
SELECT pg_temp.error_of($$SELECT count(*) FROM oslo.registration$$);
RESET SESSION AUTHORIZATION;

-- this database is the authentic source of persons (MAGDA GeefPersoon
-- responses) and organisations (rows mapped by RML)
SELECT oslo.entity_register('stad', local => true, description => 'this database');
CREATE TABLE fed_rr (insz text PRIMARY KEY, response xml NOT NULL);
INSERT INTO fed_rr VALUES
 ('90650212345', '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR"><INSZ>90650212345</INSZ><Naam><Achternamen><Achternaam>Peeters</Achternaam></Achternamen><Voornamen><Voornaam>Anna</Voornaam></Voornamen></Naam></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>'),
 ('60610099977', '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>2</Referte><Inhoud><Persoon Bron="RR"><INSZ>60610099977</INSZ><Naam><Achternamen><Achternaam>Janssens</Achternaam></Achternamen></Naam></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>');
SELECT oslo.publish('persoon', 'fed_rr', 'insz', 'magda', document_column => 'response');

SELECT oslo.mapping_register('fed-kbo', $rml$
@prefix rml: <http://w3id.org/rml/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix regorg: <http://www.w3.org/ns/regorg#> .
<#Onderneming> a rml:TriplesMap ;
	rml:logicalSource [ rml:source "row" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$" ] ;
	rml:subjectMap [ rml:template "https://data.vlaanderen.be/id/organisatie/{$.kbo}" ; rml:class regorg:RegisteredOrganization ] ;
	rml:predicateObjectMap [ rml:predicate regorg:legalName ; rml:objectMap [ rml:reference "$.naam" ; rml:language "nl" ] ] .
$rml$);
CREATE TABLE fed_kbo (kbo text PRIMARY KEY, naam text NOT NULL);
INSERT INTO fed_kbo VALUES ('0207451227', 'Stad Gent'), ('0202239951', 'Proximus');
SELECT oslo.publish('organisatie', 'fed_kbo', 'kbo', 'rml', mapping => 'fed-kbo');

SELECT concept, entity, relation, key_column, format, mapping, origin FROM oslo.authentic_source ORDER BY 1;
-- the published interface: a security-barrier view nobody may read by default
SELECT c.oid::regclass, c.reloptions, has_table_privilege('public', c.oid, 'SELECT') AS public_select
FROM pg_class c WHERE c.relnamespace = 'oslo_published'::regnamespace ORDER BY c.oid::regclass::text;

-- purpose binding
SELECT oslo.authorize('oslo_fed_app', 'persoon', 'ipdc1');
SELECT oslo.authorize('oslo_fed_app', 'organisatie', 'ipdc1');
SELECT oslo.authorize('oslo_fed_other', 'persoon', 'ipdc2');
SELECT oslo.register('oslo_fed_app', ARRAY['90650212345', '60610099977', '0207451227', '0202239951', '00000000097'], 'ipdc1');
SELECT pg_temp.error_of($$SELECT oslo.authorize('no_such_role', 'persoon', 'ipdc1')$$);
-- authorising a role for a published concept lets it read that view
SELECT has_table_privilege('oslo_fed_app', 'oslo_published.persoon', 'SELECT') AS app_reads_view,
       has_table_privilege('oslo_fed_app', 'fed_rr', 'SELECT') AS app_reads_table;

-- lookups, as a member of the application role
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT oslo.lookup('persoon', '90650212345', 'ipdc1') #>> '{data,achternaam,0,@value}' AS achternaam;
SELECT subject_key, document #>> '{0,http://www.w3.org/ns/regorg#legalName,0,@value}' AS naam
FROM oslo.lookup_many('organisatie', ARRAY['0207451227', '0202239951', '0207451227'], 'ipdc1') ORDER BY 1;
-- registered but unknown to the source: no row, logged not_found
SELECT oslo.lookup('persoon', '00000000097', 'ipdc1') IS NULL AS not_found;
SELECT oslo.triple_count(oslo.lookup_graph('organisatie', '0207451227', 'ipdc1')) AS triples;
-- several concepts in one batch
SELECT concept, subject_key, jsonb_typeof(document) AS document
FROM oslo.lookup_batch('{"persoon": ["60610099977"], "organisatie": ["0202239951"]}', 'ipdc1') ORDER BY 1, 2;
SELECT pg_temp.error_of($$SELECT * FROM oslo.lookup_batch('{"persoon": "60610099977"}', 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT * FROM oslo.lookup_batch('["60610099977"]', 'ipdc1')$$);
SELECT count(*) AS empty_batch FROM oslo.lookup_batch('{}', 'ipdc1');
-- refusals
SELECT pg_temp.error_of($$SELECT oslo.lookup('persoon', '90650212345', 'ipdc2')$$);
SELECT pg_temp.error_of($$SELECT oslo.lookup('persoon', '11111111111', 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT * FROM oslo.lookup_many('persoon', ARRAY['90650212345', '11111111111'], 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT oslo.lookup('adres', '1', 'ipdc1')$$);
SELECT pg_temp.error_of($$SELECT * FROM oslo.lookup_many('persoon', NULL, 'ipdc1')$$);
-- nothing but the lookups: no direct read of the source table, no log writes
SELECT pg_temp.error_of($$SELECT * FROM fed_rr$$);
SELECT pg_temp.error_of($$INSERT INTO oslo.consultation_log (reference, application, db_user, purpose, concept, subject_key, side, requested_at, outcome) VALUES (gen_random_uuid(), 'x', 'x', 'x', 'x', 'x', 'consumer', now(), 'answered')$$);
SELECT pg_temp.error_of($$UPDATE oslo.consultation_log SET outcome = 'refused'$$);
SELECT pg_temp.error_of($$DELETE FROM oslo.consultation_log$$);
SELECT pg_temp.error_of($$TRUNCATE oslo.consultation_log$$);
SELECT pg_temp.error_of($$SELECT * FROM oslo.consultations_about('90650212345')$$);
-- the application reads its own log rows: one per subject per consultation,
-- at the consumer and at the source (this database is both)
SELECT side, application, db_user, concept, subject_key, purpose, source_entity, outcome, answered_at >= requested_at AS timed
FROM oslo.consultation_log ORDER BY id;
RESET SESSION AUTHORIZATION;

-- the source's rows carry the consumer's reference (announced in oslo.source_request)
SELECT count(*) AS consumer_rows,
       count(*) FILTER (WHERE EXISTS (SELECT FROM oslo.consultation_log s
                                      WHERE s.side = 'source' AND s.reference = c.reference
                                        AND s.subject_key = c.subject_key AND s.outcome = c.outcome)) AS matched_at_source
FROM oslo.consultation_log c WHERE c.side = 'consumer';
SELECT concept, purpose, subject_keys, db_user FROM oslo.source_request ORDER BY requested_at, concept;
-- the announcement's trigger runs at commit (the rows above were logged when
-- each lookup's transaction committed), so that several sources log at once
SELECT tgname, tgdeferrable, tginitdeferred FROM pg_trigger
WHERE tgrelid = 'oslo.source_request'::regclass AND NOT tgisinternal;

-- the published view asked directly for a purpose the role is not authorised
-- for: nothing, and a refusal logged at the source
SET SESSION AUTHORIZATION oslo_fed_app;
SELECT count(*) FROM oslo_published.persoon WHERE subject_key = '90650212345' AND purpose = 'ipdc2';
SELECT count(*) FROM oslo_published.persoon WHERE subject_key = '90650212345' AND purpose = 'ipdc1';
SELECT side, outcome, purpose, reason FROM oslo.consultation_log WHERE side = 'source' AND subject_key = '90650212345' ORDER BY id;
RESET SESSION AUTHORIZATION;

-- another application sees none of those rows (row-level security)
SET SESSION AUTHORIZATION oslo_fed_other;
SELECT count(*) AS visible_to_other FROM oslo.consultation_log;
SELECT pg_temp.error_of($$SELECT oslo.lookup('persoon', '90650212345', 'ipdc2')$$);
RESET SESSION AUTHORIZATION;

-- the citizen's view, through the portal role that cannot read the log itself
SET SESSION AUTHORIZATION oslo_fed_portal;
SELECT count(*) AS portal_reads_log FROM oslo.consultation_log;
SELECT application, purpose, concept, source_entity, side, outcome FROM oslo.consultations_about('90650212345');
SELECT count(*) FROM oslo.consultations_about('no-such-subject');
RESET SESSION AUTHORIZATION;

-- refused lookups stay logged though their error rolls the transaction back:
-- a background worker writes the rows in a transaction of its own (no
-- dblink, no loopback server); the five refusals above were all caught
SELECT count(*) AS refused_rows_kept FROM oslo.consultation_log WHERE side = 'consumer' AND outcome = 'refused';
-- and an error nobody catches, in a transaction rolled back
SET SESSION AUTHORIZATION oslo_fed_clerk;
BEGIN;
SELECT oslo.lookup('persoon', '60610099977', 'ipdc3');
ROLLBACK;
RESET SESSION AUTHORIZATION;
SELECT application, db_user, purpose, concept, subject_key, side, outcome, reason, answered_at >= requested_at AS timed
FROM oslo.consultation_log WHERE purpose = 'ipdc3';
-- the transaction holds a lock the writer would wait for: no worker, no
-- deadlock; the refusal goes to the server log (RAISE LOG) and the lookup
-- fails as it should
BEGIN;
LOCK TABLE oslo.consultation_log IN SHARE MODE;
SELECT pg_temp.error_of($$SELECT oslo.lookup('persoon', '60610099977', 'ipdc4')$$);
COMMIT;
SELECT count(*) AS kept_under_own_lock FROM oslo.consultation_log WHERE purpose = 'ipdc4';
-- the writer is not for PUBLIC; a row the table refuses comes back as a
-- WARNING with the worker's SQLSTATE, and false
SELECT has_function_privilege('public', 'oslo.consultation_log_autonomous(uuid, text, text, text, text, text[], text, text, timestamptz, text, text)', 'EXECUTE') AS public_may_write;
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT pg_temp.error_of($$SELECT oslo.consultation_log_autonomous(gen_random_uuid(), 'x', 'x', 'x', 'x', ARRAY['x'], NULL, 'consumer', now(), 'refused', NULL)$$);
RESET SESSION AUTHORIZATION;
\set VERBOSITY default
SELECT oslo.consultation_log_autonomous('00000000-0000-0000-0000-000000000001', 'x', 'x', 'x', 'x', ARRAY['x'], NULL, 'elsewhere', now(), 'refused', NULL) AS written;
\set VERBOSITY sqlstate
SELECT oslo.consultation_log_autonomous('00000000-0000-0000-0000-000000000001', 'x', 'x', 'x', 'x', ARRAY['x'], NULL, 'consumer', now(), NULL, NULL) AS written;
\set VERBOSITY terse
SELECT count(*) AS bad_rows FROM oslo.consultation_log WHERE reference = '00000000-0000-0000-0000-000000000001';

-- the lookups read as their owner: only foreign tables and published views,
-- whatever an administrator writes into the catalog
UPDATE oslo.authentic_source SET relation = 'public.fed_kbo' WHERE concept = 'organisatie';
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT pg_temp.error_of($$SELECT oslo.lookup('organisatie', '0207451227', 'ipdc1')$$);
RESET SESSION AUTHORIZATION;
UPDATE oslo.authentic_source SET relation = 'oslo_published.organisatie' WHERE concept = 'organisatie';

-- unregister ends the period now; the next lookup is refused
SELECT oslo.unregister('oslo_fed_app', ARRAY['0202239951'], 'ipdc1');
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT pg_temp.error_of($$SELECT oslo.lookup('organisatie', '0202239951', 'ipdc1')$$);
RESET SESSION AUTHORIZATION;
SELECT oslo.deauthorize('oslo_fed_app', 'organisatie', 'ipdc1');
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT pg_temp.error_of($$SELECT oslo.lookup('organisatie', '0207451227', 'ipdc1')$$);
RESET SESSION AUTHORIZATION;
SELECT application, concept, purpose, upper_inf(valid) AS open FROM oslo.authorization ORDER BY 1, 2, 3;

-- consumer side without postgres_fdw: a clear error, the extension works without it
CREATE FOREIGN DATA WRAPPER oslo_fed_dummy;
CREATE SERVER oslo_fed_elsewhere FOREIGN DATA WRAPPER oslo_fed_dummy;
SELECT oslo.entity_register('kbo', 'oslo_fed_elsewhere');
SELECT pg_temp.error_of($$SELECT oslo.source_attach('onderneming', 'kbo')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_attach('onderneming', 'nobody')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_attach('onderneming', 'stad')$$);
SELECT pg_temp.error_of($$SELECT oslo.entity_register('x', 'no_such_server')$$);
SELECT pg_temp.error_of($$SELECT oslo.publish('Persoon', 'fed_rr', 'insz', 'magda', 'response')$$);
SELECT pg_temp.error_of($$SELECT oslo.publish('persoon', 'fed_rr', 'nope', 'magda', 'response')$$);
SELECT pg_temp.error_of($$SELECT oslo.publish('persoon', 'fed_rr', 'insz', 'magda')$$);
SELECT pg_temp.error_of($$SELECT oslo.publish('organisatie', 'fed_kbo', 'kbo', 'rml', mapping => 'no-such-mapping')$$);
SELECT pg_temp.error_of($$SELECT oslo.publish('organisatie', 'fed_kbo', 'kbo', 'csv')$$);
-- a key that is not text: consumers ask for key::text, so publish says that
-- every batch reads the whole relation, until an index on that expression exists
CREATE TABLE fed_num (id integer PRIMARY KEY, doc jsonb NOT NULL);
\set VERBOSITY default
SELECT oslo.publish('nummer', 'fed_num', 'id', 'oslo', document_column => 'doc');
CREATE INDEX ON fed_num ((id::text));
SELECT oslo.publish('nummer', 'fed_num', 'id', 'oslo', document_column => 'doc');
\set VERBOSITY terse
DROP VIEW oslo_published.nummer;
DROP TABLE fed_num;
DELETE FROM oslo.authentic_source WHERE concept = 'nummer';

-- the cache with a TTL (test/t/014_federation_cache.pl runs it between two
-- clusters): only for a remote entity that is the concept's authentic source
SELECT pg_temp.error_of($$SELECT oslo.source_cache_configure('persoon', 'stad', '1 hour')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_cache_configure('persoon', 'kbo', '1 hour')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_cache_configure('persoon', 'nobody', '1 hour')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_cache_configure(NULL, 'kbo', '1 hour')$$);
SELECT pg_temp.error_of($$SELECT oslo.source_cache_configure('persoon', 'kbo', '-5 minutes')$$);
SELECT oslo.source_cache_configure('persoon', 'kbo', NULL) AS deleted;
SELECT count(*) AS status_rows FROM oslo.source_cache_status();
SELECT oslo.source_cache_purge() AS purged;
SET SESSION AUTHORIZATION oslo_fed_clerk;
SELECT pg_temp.error_of($$SELECT oslo.source_cache_purge()$$);
SELECT pg_temp.error_of($$SELECT oslo.source_cache_status()$$);
SELECT pg_temp.error_of($$SELECT count(*) FROM oslo.source_cache$$);
SELECT pg_temp.error_of($$SELECT count(*) FROM oslo.source_cache_entries$$);
SELECT count(*) AS config_rows FROM oslo.source_cache_config;
RESET SESSION AUTHORIZATION;

-- deauthorize ends the period and, with nothing left for the concept, the grants
SELECT oslo.authorize('oslo_fed_other', 'organisatie', 'p-extra');
SELECT has_table_privilege('oslo_fed_other', 'oslo_published.organisatie', 'SELECT') AS may_read_before;
SELECT oslo.deauthorize('oslo_fed_other', 'organisatie', 'p-extra');
SELECT has_table_privilege('oslo_fed_other', 'oslo_published.organisatie', 'SELECT') AS may_read_after;

-- the owner alone may remove log rows (retention); clean up
DELETE FROM oslo.consultation_log;
DROP SCHEMA oslo_published CASCADE;
DROP TABLE fed_rr, fed_kbo;
DELETE FROM oslo.registration;
DELETE FROM oslo.authorization;
DELETE FROM oslo.authentic_source;
DELETE FROM oslo.entity;
DELETE FROM oslo.mapping WHERE name = 'fed-kbo';
DROP SERVER oslo_fed_elsewhere;
DROP FOREIGN DATA WRAPPER oslo_fed_dummy;
REVOKE EXECUTE ON FUNCTION oslo.consultations_about(text) FROM oslo_fed_portal;
REVOKE ALL ON oslo.source_request FROM oslo_fed_app, oslo_fed_other;
DELETE FROM oslo.source_request;
DROP ROLE oslo_fed_clerk;
DROP ROLE oslo_fed_app;
DROP ROLE oslo_fed_other;
DROP ROLE oslo_fed_portal;
