#!/bin/sh
# demo.sh: start a throwaway cluster, install oslo_interop in it and turn
# real MAGDA GeefPersoon responses from ../shared into OSLO JSON-LD and
# N-Triples. OSLO_DEMO_KEEP=1 leaves the cluster running afterwards.
set -eu
export OSLO_CLUSTER_DIR=${OSLO_CLUSTER_DIR:-/tmp/oslo_interop_demo}
export OSLO_CLUSTER_PORT=${OSLO_CLUSTER_PORT:-54330}
PG_CONFIG=${PG_CONFIG:-pg_config}
PSQL="$($PG_CONFIG --bindir)/psql -X -q -v ON_ERROR_STOP=1"
SHARED=../shared/magda
IM=$SHARED/oslo-mapping/OSLO-Persoon-MAGDA-IM/xml-voorbeelden
MOCK=$SHARED/examples/Persoon/GeefPersoon/02.02.0000

sh test/cluster.sh start
[ "${OSLO_DEMO_KEEP:-0}" = 1 ] || trap 'sh test/cluster.sh stop' EXIT
eval "export $(sh test/cluster.sh env)"
$PSQL -c "DROP DATABASE IF EXISTS oslo_demo" -c "CREATE DATABASE oslo_demo" postgres
PSQL="$PSQL -d oslo_demo"
$PSQL -c "CREATE EXTENSION oslo_interop"

echo "== formats and plugins"
$PSQL -P pager=off -c "SELECT name, provider, readable, writable FROM oslo.formats()" \
	-c "SELECT name, version, status FROM oslo.plugins()"

if [ ! -d "$MOCK" ]; then
	echo "demo: $MOCK not found; the real MAGDA messages live in ../shared (see README)." >&2
	exit 1
fi

$PSQL -c "CREATE TABLE magda_response (file text PRIMARY KEY, body xml NOT NULL)"
for f in "$IM/example-84121725318.xml" "$MOCK"/*.xml; do
	printf '%s\t' "$(basename "$f")"
	# one line per document: tabs and newlines inside the XML are escaped for COPY
	sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'BEGIN{ORS="\\n"} {print}'
	printf '\n'
done | $PSQL -c "\copy magda_response FROM STDIN"
$PSQL -c "SELECT count(*) AS magda_responses_loaded FROM magda_response"

echo "== a real GeefPersoon 02.02 response (OSLO implementation model example) as OSLO JSON-LD"
$PSQL -P pager=off -A -t -c "SELECT jsonb_pretty(oslo.magda_to_oslo(body)) FROM magda_response WHERE file = 'example-84121725318.xml'"

echo "== the same person as N-Triples"
$PSQL -P pager=off -A -t -c "SELECT oslo.to_ntriples(oslo.magda_to_graph(body)) FROM magda_response WHERE file = 'example-84121725318.xml'"

echo "== every mock response through the plugin: outcome per response"
$PSQL -P pager=off -c "
CREATE FUNCTION pg_temp.outcome(x xml) RETURNS text LANGUAGE plpgsql AS \$\$
BEGIN
	RETURN CASE WHEN oslo.triple_count(oslo.magda_to_graph(x)) > 0 THEN 'person graph' ELSE 'empty graph' END;
EXCEPTION WHEN others THEN
	RETURN 'ERROR ' || SQLSTATE || ': ' || left(SQLERRM, 60);
END \$\$;
SELECT pg_temp.outcome(body) AS outcome, count(*) FROM magda_response GROUP BY 1 ORDER BY 2 DESC;"

echo "== names and birth years of a few people, straight from the graphs"
$PSQL -P pager=off -c "
SELECT file, t.object AS value, regexp_replace(t.predicate, '.*[/#]', '') AS property
FROM (SELECT file, body FROM magda_response ORDER BY file LIMIT 3) r,
     oslo.triples(oslo.magda_to_graph(r.body)) t
WHERE t.predicate IN ('http://xmlns.com/foaf/0.1/givenName', 'http://xmlns.com/foaf/0.1/familyName', 'http://www.w3.org/2006/time#year')
ORDER BY file, property, value;"
