-- Formats and plugins: what is installed, and the ABI it was built for
CREATE EXTENSION IF NOT EXISTS oslo_interop;
SELECT name, provider, media_type, readable, writable FROM oslo.formats() ORDER BY provider <> 'core', name;
SELECT name, version, abi_version, file, status FROM oslo.plugins();
-- every function of the extension has a comment (the catalog documents itself)
SELECT p.oid::regprocedure AS undocumented
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'oslo_interop'
WHERE obj_description(p.oid, 'pg_proc') IS NULL
  AND p.proname NOT IN ('graph_in', 'graph_out', 'graph_recv', 'graph_send', 'graph_agg_transfn', 'graph_agg_finalfn')
ORDER BY 1;
-- the volatility we promise
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'oslo'
ORDER BY p.proname, p.oid::regprocedure::text;
