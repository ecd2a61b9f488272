-- bench/magda.sql: messages per second of one backend over the GeefPersoon
-- 02.02 responses in table bench_response, for each method, interleaved
-- over :rounds repetitions (the median is reported). Run by bench/run.sh.
\set ON_ERROR_STOP 1
CREATE TEMP TABLE timing (method text, round int, seconds float8, messages int);

CREATE FUNCTION pg_temp.measure(method text, query text, round int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	n int;
BEGIN
	t0 := clock_timestamp();
	EXECUTE query INTO n;
	INSERT INTO timing VALUES (method, round, extract(epoch FROM clock_timestamp() - t0), n);
END $$;

-- warm caches (plugin loading, catalog, stylesheet text) before measuring
\o /dev/null
SELECT count(oslo.magda_to_oslo(body)) FROM bench_response;
SELECT count(xslt_process(body, :'xsl')) FROM bench_response;

SELECT pg_temp.measure(m.method, m.query, r)
FROM generate_series(1, :rounds) r,
     (VALUES
	('libxml2 parse (xml_is_well_formed_document)', 'SELECT count(*) FILTER (WHERE xml_is_well_formed_document(body)) FROM bench_response'),
	('oslo.magda_to_oslo (JSON-LD)', 'SELECT count(oslo.magda_to_oslo(body)) FROM bench_response'),
	('oslo.magda_to_graph + to_ntriples', 'SELECT count(oslo.to_ntriples(oslo.magda_to_graph(body))) FROM bench_response'),
	('xml2 xslt_process (N-Triples stylesheet)', format('SELECT count(xslt_process(body, %L)) FROM bench_response', :'xsl'))
     ) AS m(method, query);
\o

CREATE TEMP VIEW rate AS
SELECT method, percentile_cont(0.5) WITHIN GROUP (ORDER BY messages / seconds) AS msgs_per_s
FROM timing GROUP BY method;

\pset footer off
SELECT method, round(msgs_per_s) AS "messages/s (median)",
       round((msgs_per_s / (SELECT msgs_per_s FROM rate WHERE method LIKE 'xml2%'))::numeric, 2) AS "x xslt_process",
       round(((SELECT msgs_per_s FROM rate WHERE method LIKE 'libxml2%') / msgs_per_s)::numeric, 2) AS "bare parse is x faster"
FROM rate ORDER BY msgs_per_s DESC;
