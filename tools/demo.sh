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

# ---- code lists, Uitzonderingen, requests, GeefOnderneming (0.2.0)
CODES=$SHARED/oslo-mapping/OSLO-Persoon-MAGDA-IM/codelijsten
VKBO=$SHARED/oslo-mapping/OSLO-Organisatie-VKBO-IMPL/codelijsten
ONDERNEMING=$SHARED/examples/Onderneming/GeefOnderneming/02.00.0000

echo "== the official SKOS code lists, loaded by an administrator into oslo.codelist"
for f in "$CODES"/*.ttl "$VKBO"/*.ttl; do
	[ -f "$f" ] || continue
	# the database never reads files: the client sends each file's text
	{ printf 'SELECT oslo.codelist_load($oslo_demo$'; cat "$f"; printf '$oslo_demo$);\n'; } |
		$PSQL >/dev/null 2>&1 || echo "demo: $(basename "$f") did not load"
done
$PSQL -P pager=off -c "SELECT count(*) AS codes, count(DISTINCT scheme) AS schemes FROM oslo.codelist" \
	-c "SELECT oslo.codelist_concept('https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht', '2') AS vrouwelijk,
	           oslo.codelist_concept('https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht', '7') AS unknown_code"

echo "== the Uitzonderingen of every mock response, by type and code"
$PSQL -P pager=off -c "
SELECT e.level, e.type, e.code, left(e.diagnose, 50) AS diagnose, count(*)
FROM magda_response r, oslo.magda_exceptions(r.body) e
GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 3 LIMIT 8;"

echo "== a GeefPersoon request for one of them (validated against the MAGDA XSDs in make test)"
$PSQL -P pager=off -A -t -c "
SELECT oslo.magda_request('GeefPersoon', '84121725318',
       '{\"identificatie\": \"kb.vlaanderen.be/aiv/burgerloket-wwoom-aiv-b\", \"hoedanigheid\": \"1234\"}')"

if [ -d "$ONDERNEMING" ]; then
	echo "== GeefOnderneming 02.00 through the built-in RML mapping magda/geefonderneming-02.00"
	$PSQL -c "CREATE TABLE onderneming_response (file text PRIMARY KEY, body text NOT NULL)"
	for f in "$ONDERNEMING"/*.xml; do
		printf '%s\t' "$(basename "$f")"
		sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'BEGIN{ORS="\\n"} {print}'
		printf '\n'
	done | $PSQL -c "\copy onderneming_response FROM STDIN"
	$PSQL -P pager=off -c "
SELECT file, t.object AS legal_name
FROM (SELECT file, body FROM onderneming_response ORDER BY file LIMIT 5) r,
     oslo.triples(oslo.rml_apply('magda/geefonderneming-02.00', r.body)) t
WHERE t.predicate LIKE '%legalName'
ORDER BY file;"
fi
