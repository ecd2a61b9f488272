#!/bin/sh
# bench/run.sh: oslo.magda_to_oslo against PostgreSQL's xml2 xslt_process
# (an equivalent stylesheet, bench/geefpersoon-ntriples.xsl) and a bare
# libxml2 parse, on the real GeefPersoon 02.02 responses, in one backend of a
# throwaway cluster. Ratios measured in one run; absolute rates are noise.
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
export OSLO_CLUSTER_DIR=${OSLO_CLUSTER_DIR:-/tmp/oslo_interop_bench}
export OSLO_CLUSTER_PORT=${OSLO_CLUSTER_PORT:-54331}
ROUNDS=${ROUNDS:-15}
MOCK=../shared/magda/examples/Persoon/GeefPersoon/02.02.0000
PSQL="$($PG_CONFIG --bindir)/psql -X -q -v ON_ERROR_STOP=1"

if [ ! -d "$MOCK" ]; then
	echo "bench: $MOCK not found (../shared is needed for the benchmark)" >&2
	exit 1
fi
sh test/cluster.sh start
trap 'sh test/cluster.sh stop' EXIT
eval "export $(sh test/cluster.sh env)"
$PSQL -c "DROP DATABASE IF EXISTS oslo_bench" -c "CREATE DATABASE oslo_bench" postgres
PSQL="$PSQL -d oslo_bench"
$PSQL -c "CREATE EXTENSION oslo_interop" -c "CREATE EXTENSION xml2" \
	-c "CREATE TABLE bench_response (file text PRIMARY KEY, body text NOT NULL)"
for f in "$MOCK"/*.xml; do
	printf '%s\t' "$(basename "$f")"
	sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'BEGIN{ORS="\\n"} {print}'
	printf '\n'
done | $PSQL -c "\copy bench_response FROM STDIN"
# responses without a person (refused, not found) are errors or empty graphs
# for the plugin: leave them out so every method converts the same people
$PSQL -c "DELETE FROM bench_response WHERE body !~ '<Persoon[[:space:]>]'"
$PSQL -t -c "SELECT count(*) || ' GeefPersoon 02.02 responses, ' || pg_size_pretty(sum(length(body))) || ', rounds: $ROUNDS' FROM bench_response"
$PSQL -v rounds="$ROUNDS" -v xsl="$(cat bench/geefpersoon-ntriples.xsl)" -f bench/magda.sql

# RML: the engine through the CLI against RocketRML and xsltproc (no database needed)
sh bench/rml.sh
