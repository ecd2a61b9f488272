-- The privilege model of SECURITY.md, checked on the catalog: what PUBLIC may
-- do and what only oslo_admin may. A change to this output is a security
-- decision: review it, then update the expected file.
-- quiet whether or not an earlier test of the run created it
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS oslo_interop;
RESET client_min_messages;
\set VERBOSITY terse

-- No SECURITY DEFINER function without a fixed search_path (expect none).
SELECT p.oid::regprocedure AS definer_without_search_path
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace AND p.prosecdef
  AND NOT coalesce(array_to_string(p.proconfig, ',') ~ 'search_path=', false);

-- The SECURITY DEFINER functions, each a reviewed decision (SECURITY.md):
-- callers must not read the foreign tables or write the log themselves.
SELECT p.oid::regprocedure AS security_definer,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_call
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace AND p.prosecdef
ORDER BY p.oid::regprocedure::text;

-- Every SQL and PL/pgSQL function pins its search_path, so a caller's
-- schema cannot capture an unqualified name in its body (expect none).
SELECT p.oid::regprocedure AS body_without_search_path
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'oslo'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
  AND NOT coalesce(array_to_string(p.proconfig, ',') ~ 'search_path=', false)
ORDER BY p.oid::regprocedure::text;

-- The administration set: functions PUBLIC may not execute.
SELECT p.oid::regprocedure AS admin_only
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace
  AND NOT has_function_privilege('public', p.oid, 'EXECUTE')
ORDER BY p.oid::regprocedure::text;

-- oslo_admin may execute every one of them (expect none).
SELECT p.oid::regprocedure AS admin_cannot
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace
  AND NOT has_function_privilege('oslo_admin', p.oid, 'EXECUTE');

-- The catalogs: PUBLIC reads, only oslo_admin writes.
SELECT c.relname,
       has_table_privilege('public', c.oid, 'SELECT') AS public_select,
       has_table_privilege('public', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') AS public_writes,
       has_table_privilege('oslo_admin', c.oid, 'INSERT') AND has_table_privilege('oslo_admin', c.oid, 'UPDATE')
         AND has_table_privilege('oslo_admin', c.oid, 'DELETE') AS admin_writes,
       has_table_privilege('oslo_admin', c.oid, 'TRUNCATE') AS admin_truncate
FROM pg_class c
WHERE c.relnamespace = 'oslo'::regnamespace AND c.relkind IN ('r', 'v', 'p')
ORDER BY 1;

-- Nothing lets a caller reach a file or load code: no function body calls
-- the server's file, large-object, COPY, LOAD or dblink facilities, and no
-- function has a parameter that names a path or a library (expect none:
-- refused lookups stay logged through the extension's own background worker,
-- not dblink).
SELECT p.oid::regprocedure AS reaches_files
FROM pg_proc p
WHERE p.pronamespace = 'oslo'::regnamespace
  AND (p.prosrc ~* '(pg_read_|pg_ls_|pg_stat_file|lo_import|lo_export|\mcopy\s+\S+.*\m(from|to)\M|\mload\s+''|dblink|pg_file_)'
       OR EXISTS (SELECT FROM unnest(p.proargnames, coalesce(p.proargmodes, array_fill('i'::"char", ARRAY[coalesce(cardinality(p.proargnames), 0)]))) a(name, mode)
                  WHERE a.mode IN ('i', 'b', 'v')
                    AND a.name IN ('path', 'file', 'filename', 'library', 'directory', 'url')));

-- C functions: each symbol is one of this extension's library (expect none).
SELECT p.oid::regprocedure AS foreign_c_function
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'oslo'::regnamespace AND l.lanname = 'c'
  AND p.probin NOT IN ('$libdir/oslo_interop');

-- The schema: PUBLIC may use it, not create in it.
SELECT has_schema_privilege('public', 'oslo', 'USAGE') AS public_usage,
       has_schema_privilege('public', 'oslo', 'CREATE') AS public_create;

-- The cache of federated lookups holds personal data: no role but the owner
-- (the lookups, SECURITY DEFINER) reads the documents or writes entries;
-- oslo_admin sees which entries exist (keys, times, never the documents)
-- and deletes them. PUBLIC sees nothing of it.
SELECT r.role,
       has_column_privilege(r.role, 'oslo.source_cache', 'document', 'SELECT') AS reads_documents,
       has_column_privilege(r.role, 'oslo.source_cache', 'subject_key', 'SELECT') AS reads_keys,
       has_any_column_privilege(r.role, 'oslo.source_cache', 'INSERT, UPDATE') AS writes_entries,
       has_table_privilege(r.role, 'oslo.source_cache', 'DELETE, TRUNCATE') AS deletes_entries,
       has_table_privilege(r.role, 'oslo.source_cache_entries', 'SELECT') AS reads_entries_view,
       has_column_privilege(r.role, 'oslo.source_cache_entries', 'subject_key', 'SELECT') AS reads_entry_keys
FROM (VALUES ('public'), ('oslo_admin')) r(role)
ORDER BY 1;

-- Behaviour, not only grants: a plain consumer reads and transforms but cannot
-- change the catalogs; a member of oslo_admin can.
CREATE ROLE oslo_priv_consumer;
CREATE ROLE oslo_priv_steward IN ROLE oslo_admin;
SET ROLE oslo_priv_consumer;
SELECT oslo.triple_count(oslo.graph_from_ntriples('<urn:a> <urn:b> "c" .'));
SELECT count(*) >= 0 AS can_read_contexts FROM oslo.context;
INSERT INTO oslo.context (iri, document) VALUES ('urn:x', '{"@context": {}}');
SELECT oslo.context_register('urn:x', '{"@context": {}}');
SELECT oslo.mapping_register('m', '');
DELETE FROM oslo.profile;
RESET ROLE;
SET ROLE oslo_priv_steward;
SELECT oslo.context_register('urn:oslo-priv:ctx', '{"@context": {"x": "urn:x:"}}');
DELETE FROM oslo.context WHERE iri = 'urn:oslo-priv:ctx';
RESET ROLE;
DROP ROLE oslo_priv_consumer;
DROP ROLE oslo_priv_steward;
