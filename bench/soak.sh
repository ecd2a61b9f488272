#!/bin/sh
# bench/soak.sh: a load soak. pgbench runs transform, validate, lookup and
# map scripts (bench/soak/*.sql) over 8 clients for SOAK_SECONDS (default 120)
# against a throwaway cluster, while the private memory (RssAnon) of every
# pgbench backend is sampled. Reports throughput, failed transactions and
# each backend's memory curve; exits non-zero on any error or a backend whose
# memory keeps growing after warm-up (more than SOAK_GROWTH_KB, default 2048).
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
BIN=$($PG_CONFIG --bindir)
export OSLO_CLUSTER_DIR=${OSLO_SOAK_CLUSTER_DIR:-/tmp/oslo_interop_soak}
export OSLO_CLUSTER_PORT=${OSLO_SOAK_CLUSTER_PORT:-54332}
SECONDS_TOTAL=${SOAK_SECONDS:-120}
CLIENTS=${SOAK_CLIENTS:-8}
GROWTH_KB=${SOAK_GROWTH_KB:-2048}
MOCK=../shared/magda/examples/Persoon/GeefPersoon/02.02.0000
PSQL="$BIN/psql -X -q -v ON_ERROR_STOP=1"
work=$(mktemp -d /tmp/oslo_soak.XXXXXX)

sh test/cluster.sh start
trap 'sh test/cluster.sh stop; rm -rf "$work"' EXIT
eval "export $(sh test/cluster.sh env)"
$PSQL -c "DROP DATABASE IF EXISTS oslo_soak" -c "CREATE DATABASE oslo_soak" postgres
PSQL="$PSQL -d oslo_soak"
$PSQL -c "CREATE EXTENSION oslo_interop" -c "CREATE TABLE soak_response (id serial PRIMARY KEY, body text NOT NULL)"

# the real MAGDA responses that hold a person, or our own fixture without ../shared
if [ -d "$MOCK" ]; then
	for f in $(grep -l '<Persoon' "$MOCK"/*.xml | head -n 200); do
		sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'BEGIN{ORS="\\n"} {print}'
		printf '\n'
	done | $PSQL -c "\copy soak_response (body) FROM STDIN"
else
	echo "soak: $MOCK not found, using the fuzz seed fixture only"
	$PSQL -c "INSERT INTO soak_response (body) VALUES (\$\$$(cat test/fuzz/seeds/magda/bare.xml)\$\$)"
fi
# keep only responses that transform (refusals are errors by design)
$PSQL <<'EOF'
CREATE FUNCTION pg_temp.transforms(body text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	RETURN oslo.triple_count(oslo.magda_to_graph(body)) > 0;
EXCEPTION WHEN others THEN
	RETURN false;
END $$;
DELETE FROM soak_response WHERE NOT pg_temp.transforms(body);
-- one response per INSZ, numbered so that random(1, ndocs) always hits a row
CREATE TABLE soak_tmp AS
SELECT row_number() OVER (ORDER BY insz)::int AS id, insz, body
FROM (SELECT DISTINCT ON (insz) insz, body
      FROM (SELECT (xpath('//*[local-name()="Persoon"]/*[local-name()="INSZ"]/text()', body::xml))[1]::text AS insz, body
            FROM soak_response) r
      WHERE insz IS NOT NULL ORDER BY insz, length(body)) one;
DROP TABLE soak_response;
ALTER TABLE soak_tmp RENAME TO soak_response;
ALTER TABLE soak_response ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX ON soak_response (insz);
-- the responses as the authentic source of concept persoon (a local entity)
SELECT oslo.entity_register('soak-register', local => true);
SELECT oslo.publish('persoon', 'soak_response', 'insz', 'magda', document_column => 'body');
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soak_app') THEN CREATE ROLE soak_app; END IF; END $$;
SELECT oslo.authorize('soak_app', 'persoon', 'soak-purpose');
SELECT oslo.register('soak_app', array_agg(insz), 'soak-purpose') FROM soak_response;
SELECT oslo.profile_load('soak-persoon', $ttl$
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<urn:soak:PersoonShape> a sh:NodeShape ;
	sh:targetClass persoon:GeregistreerdPersoon ;
	sh:property [ sh:path foaf:familyName ; sh:minCount 1 ] ;
	sh:property [ sh:path foaf:givenName ; sh:datatype xsd:string ] ;
	sh:property [ sh:path persoon:geslacht ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] .
$ttl$);
SELECT oslo.mapping_register('soak-people', $rml$
@prefix rml: <http://w3id.org/rml/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<urn:soak:People> a rml:TriplesMap ;
	rml:logicalSource [ rml:source "people.json" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$.people[*]" ] ;
	rml:subjectMap [ rml:template "https://example.org/person/{$.id}" ; rml:class foaf:Person ] ;
	rml:predicateObjectMap [ rml:predicate foaf:name ; rml:objectMap [ rml:reference "$.name" ] ] .
$rml$);
EOF
ndocs=$($PSQL -At -c "SELECT count(*) FROM soak_response")
echo "soak: $ndocs MAGDA responses, $CLIENTS clients, ${SECONDS_TOTAL}s"
[ "$ndocs" -gt 0 ] || { echo "soak: FAILED, no MAGDA response transforms (is the magda plugin installed?)"; exit 1; }

# sample RssAnon (private memory, not shared buffers) of each pgbench backend
sampler() {
	while [ ! -f "$work/done" ]; do
		now=$(date +%s)
		for pid in $($BIN/psql -X -At -d oslo_soak -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'" 2>/dev/null); do
			kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
			[ -n "$kb" ] && echo "$now $pid $kb" >>"$work/rss"
		done
		sleep 5
	done
}
sampler &
sampler_pid=$!

status=0
"$BIN/pgbench" -n -c "$CLIENTS" -j 2 -T "$SECONDS_TOTAL" -D ndocs="$ndocs" \
	-f bench/soak/transform.sql@4 -f bench/soak/validate.sql@3 -f bench/soak/lookup.sql@2 -f bench/soak/map.sql@1 \
	--failures-detailed oslo_soak >"$work/pgbench.out" 2>"$work/pgbench.err" || status=$?
touch "$work/done"
wait "$sampler_pid" || true

grep -E 'number of (transactions actually processed|failed transactions)|^tps|latency average|SQL script|weight|  - number of transactions' "$work/pgbench.out" || true
errors=$(grep -c 'ERROR' "$work/pgbench.err" || true)
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.out")
[ "$status" -eq 0 ] || { echo "soak: pgbench exited $status"; head -n 20 "$work/pgbench.err"; }
echo "soak: ${failed:-?} failed transactions, $errors ERROR lines from pgbench"

# memory curve: per backend, RssAnon after warm-up (the first quarter of its
# samples) against its last sample, and the whole curve in 8 points
[ -f "$work/rss" ] || { echo "soak: no memory samples"; exit 1; }
growth_bad=$(awk -v limit="$GROWTH_KB" '
	{ n[$2]++; kb[$2, n[$2]] = $3 }
	END {
		bad = 0
		for (pid in n) {
			warm = kb[pid, int(n[pid] / 4) + 1]; last = kb[pid, n[pid]]
			curve = ""
			for (i = 1; i <= 8; i++) { j = int((i - 1) * (n[pid] - 1) / 7) + 1; curve = curve " " kb[pid, j] }
			printf "soak: backend %s RssAnon kB over the run:%s (after warm-up %d, end %d, growth %+d)\n", pid, curve, warm, last, last - warm > "/dev/stderr"
			if (last - warm > limit) bad++
		}
		print bad
	}' "$work/rss")
if [ "$status" -ne 0 ] || [ "${failed:-1}" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$growth_bad" -ne 0 ]; then
	echo "soak: FAILED ($growth_bad backends grew more than $GROWTH_KB kB after warm-up)"
	exit 1
fi
echo "soak: OK, zero errors, every backend's memory flat after warm-up (within $GROWTH_KB kB)"
