#!/bin/sh
# bench/federation.sh: oslo.lookup_many of N subjects (default 10,000) from
# two source clusters (a person registry publishing GeefPersoon responses
# through the magda transform, an enterprise registry publishing rows
# through an RML mapping) against a plain postgres_fdw SELECT of the same
# raw rows with the same transform applied at the consumer. Counts the
# statements each source executed (pg_stat_statements) and prints the time
# ratio, and the CPU time the three clusters used (steadier than wall time
# on a shared machine). Then, with a TTL configured for both sources, a
# batch answered from the cache. Three throwaway clusters on Unix sockets;
# one run, best of ROUNDS.
# make bench runs it; alone:  sh bench/federation.sh
# KEEP=1 leaves the three clusters running afterwards (for profiling); the
# next run replaces them.
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
BIN=$($PG_CONFIG --bindir)
N=${N:-10000}
ROUNDS=${ROUNDS:-3}
BASE=${OSLO_FED_BENCH_DIR:-/tmp/oslo_interop_fedbench}
PORT_RR=${PORT_RR:-54341}
PORT_KBO=${PORT_KBO:-54342}
PORT_GENT=${PORT_GENT:-54343}
PURPOSE=ipdc77332
KEEP=${KEEP:-0}

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start() {	# start NAME PORT
	dir="$BASE/$1"
	rm -rf "$dir"
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$BASE" "$dir"
	as_owner "$BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log"; exit 1; }
	as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $2 -k $dir -c listen_addresses='' -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" \
		start >/dev/null || { cat "$dir/server.log"; exit 1; }
}
stop_all() {
	for n in rr kbo gent; do
		[ -d "$BASE/$n/data" ] && as_owner "$BIN/pg_ctl" -D "$BASE/$n/data" -m fast -w stop >/dev/null 2>&1 || true
	done
}
stop_all  # a run left with KEEP=1
[ "$KEEP" = 1 ] || trap stop_all EXIT
psql_on() {	# psql_on NAME PORT [USER] -- psql args
	name=$1 port=$2 user=$3
	shift 3
	"$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$BASE/$name" -p "$port" -U "$user" -d postgres "$@"
}

start rr "$PORT_RR"
start kbo "$PORT_KBO"
start gent "$PORT_GENT"

# -- the sources: 2N subjects each, N of them asked for ---------------------------
psql_on rr "$PORT_RR" postgres >/dev/null <<EOF
CREATE EXTENSION oslo_interop;
CREATE EXTENSION pg_stat_statements;
CREATE TABLE geefpersoon (insz text PRIMARY KEY, response text NOT NULL);
INSERT INTO geefpersoon
SELECT k, '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>' || i || '</Referte><Inhoud><Persoon Bron="RR"><INSZ>' || k || '</INSZ><Naam><Achternamen><Achternaam>Naam' || i || '</Achternaam></Achternamen><Voornamen><Voornaam>Voornaam' || i || '</Voornaam></Voornamen></Naam><Geslacht><Code>' || (1 + i % 2) || '</Code></Geslacht><Geboorte><Datum>19' || lpad((i % 90 + 10)::text, 2, '0') || '-0' || (1 + i % 9) || '-1' || (i % 9) || '</Datum></Geboorte></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>'
FROM generate_series(1, 2 * $N) i, lpad(i::text, 11, '0') k;
ANALYZE geefpersoon;
CREATE ROLE gemeente LOGIN;
SELECT oslo.entity_register('rijksregister', local => true);
SELECT oslo.publish('persoon', 'geefpersoon', 'insz', 'magda', document_column => 'response');
SELECT oslo.authorize('gemeente', 'persoon', '$PURPOSE');
EOF
RML='@prefix rml: <http://w3id.org/rml/> .
@prefix regorg: <http://www.w3.org/ns/regorg#> .
@prefix dct: <http://purl.org/dc/terms/> .
<#Onderneming> a rml:TriplesMap ;
	rml:logicalSource [ rml:source "row" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$" ] ;
	rml:subjectMap [ rml:template "https://data.vlaanderen.be/id/organisatie/{$.kbo}" ; rml:class regorg:RegisteredOrganization ] ;
	rml:predicateObjectMap [ rml:predicate regorg:legalName ; rml:objectMap [ rml:reference "$.naam" ; rml:language "nl" ] ] ,
	                       [ rml:predicate dct:identifier ; rml:objectMap [ rml:reference "$.kbo" ] ] .'
psql_on kbo "$PORT_KBO" postgres -v rml="$RML" >/dev/null <<EOF
CREATE EXTENSION oslo_interop;
CREATE EXTENSION pg_stat_statements;
CREATE TABLE onderneming (kbo text PRIMARY KEY, naam text NOT NULL);
INSERT INTO onderneming SELECT lpad(i::text, 10, '0'), 'Onderneming ' || i FROM generate_series(1, 2 * $N) i;
ANALYZE onderneming;
CREATE ROLE gemeente LOGIN;
SELECT oslo.entity_register('kbo', local => true);
SELECT oslo.mapping_register('kbo-onderneming', :'rml');
SELECT oslo.publish('organisatie', 'onderneming', 'kbo', 'rml', mapping => 'kbo-onderneming');
SELECT oslo.authorize('gemeente', 'organisatie', '$PURPOSE');
EOF

# -- the consumer: federated lookups, and plain foreign tables on the raw rows ----
psql_on gent "$PORT_GENT" postgres -v rml="$RML" >/dev/null <<EOF
CREATE EXTENSION oslo_interop;
CREATE EXTENSION postgres_fdw;
-- parallel_commit: the sources write their log rows (deferred to commit) at the same time
CREATE SERVER rr_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$BASE/rr', port '$PORT_RR', dbname 'postgres', parallel_commit 'true');
CREATE SERVER kbo_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$BASE/kbo', port '$PORT_KBO', dbname 'postgres', parallel_commit 'true');
CREATE USER MAPPING FOR PUBLIC SERVER rr_srv OPTIONS (user 'gemeente', password_required 'false');
CREATE USER MAPPING FOR PUBLIC SERVER kbo_srv OPTIONS (user 'gemeente', password_required 'false');
-- the plain way reads the raw tables as the sources' superuser, through its
-- own servers (the lookups use the PUBLIC mappings: they run as the
-- extension's owner, SECURITY DEFINER)
CREATE SERVER rr_raw FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$BASE/rr', port '$PORT_RR', dbname 'postgres');
CREATE SERVER kbo_raw FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$BASE/kbo', port '$PORT_KBO', dbname 'postgres');
CREATE USER MAPPING FOR PUBLIC SERVER rr_raw OPTIONS (user 'postgres');
CREATE USER MAPPING FOR PUBLIC SERVER kbo_raw OPTIONS (user 'postgres');
SELECT oslo.entity_register('gent', local => true);
SELECT oslo.entity_register('rijksregister', 'rr_srv');
SELECT oslo.entity_register('kbo', 'kbo_srv');
SELECT oslo.source_attach('persoon', 'rijksregister');
SELECT oslo.source_attach('organisatie', 'kbo');
CREATE ROLE bouwloket LOGIN;
SELECT oslo.authorize('bouwloket', 'persoon', '$PURPOSE');
SELECT oslo.authorize('bouwloket', 'organisatie', '$PURPOSE');
CREATE TABLE aanvraag (id int PRIMARY KEY, insz text NOT NULL, kbo text NOT NULL);
INSERT INTO aanvraag SELECT i, lpad((2 * i)::text, 11, '0'), lpad((2 * i)::text, 10, '0') FROM generate_series(1, $N) i;
GRANT SELECT ON aanvraag TO bouwloket;
SELECT oslo.register('bouwloket', (SELECT array_agg(insz) FROM aanvraag), '$PURPOSE');
SELECT oslo.register('bouwloket', (SELECT array_agg(kbo) FROM aanvraag), '$PURPOSE');
CREATE SCHEMA plain;
CREATE FOREIGN TABLE plain.geefpersoon (insz text, response text) SERVER rr_raw
	OPTIONS (schema_name 'public', table_name 'geefpersoon', fetch_size '10000');
CREATE FOREIGN TABLE plain.onderneming (kbo text, naam text) SERVER kbo_raw
	OPTIONS (schema_name 'public', table_name 'onderneming', fetch_size '10000');
SELECT oslo.mapping_register('kbo-onderneming', :'rml');
EOF

# one batch over both concepts: both entities asked at once (async Append)
FEDERATED="SELECT count(*) FROM oslo.lookup_batch(jsonb_build_object(
	'persoon', (SELECT jsonb_agg(insz) FROM aanvraag), 'organisatie', (SELECT jsonb_agg(kbo) FROM aanvraag)), '$PURPOSE');"
# two lookup_many calls, one entity after the other
SEQUENTIAL="SELECT count(*) FROM oslo.lookup_many('persoon', (SELECT array_agg(insz) FROM aanvraag), '$PURPOSE') p;
SELECT count(*) FROM oslo.lookup_many('organisatie', (SELECT array_agg(kbo) FROM aanvraag), '$PURPOSE') o;"
# the foreign tables on the published views, read directly: no announcement, so the
# source logs row by row (its safe path); no consumer-side checks or log
INTERFACE="SELECT count(document) FROM oslo_remote.persoon WHERE purpose = '$PURPOSE' AND subject_key = ANY ((SELECT array_agg(insz) FROM aanvraag)::text[]);
SELECT count(document) FROM oslo_remote.organisatie WHERE purpose = '$PURPOSE' AND subject_key = ANY ((SELECT array_agg(kbo) FROM aanvraag)::text[]);"
PLAIN="SELECT count(oslo.magda_to_oslo(g.response)) FROM plain.geefpersoon g WHERE g.insz = ANY ((SELECT array_agg(insz) FROM aanvraag)::text[]);
SELECT count(oslo.to_jsonld(oslo.rml_apply('kbo-onderneming', row_to_json(o)::text))) FROM plain.onderneming o WHERE o.kbo = ANY ((SELECT array_agg(kbo) FROM aanvraag)::text[]);"

# CPU time (ms) the three clusters' backends used so far: the postmasters'
# cutime + cstime (children's CPU, counted when a backend exits and is
# reaped). The machine may be shared: the CPU a variant costs is steadier
# than its wall time under load. Empty where /proc is not readable.
cpu_ms() {
	total=0
	for n in rr kbo gent; do
		pid=$(head -n 1 "$BASE/$n/data/postmaster.pid" 2>/dev/null) || return 0
		[ -r "/proc/$pid/stat" ] || return 0
		# fields after the command name: 14th and 15th are cutime and cstime
		set -- $(cut -d')' -f2 "/proc/$pid/stat")
		total=$((total + ${14} + ${15}))
	done
	echo $((total * 1000 / $(getconf CLK_TCK)))
}
# milliseconds of one psql run of the statements; the CPU milliseconds it
# cost the three clusters go to $BASE/last_cpu
timed() {	# timed USER SQL
	c0=$(cpu_ms)
	t0=$(date +%s%N)
	psql_on gent "$PORT_GENT" "$1" -c "$2" >/dev/null
	t1=$(date +%s%N)
	if [ -n "$c0" ]; then
		sleep 0.3	# the session's backends (here and at the sources) exit and are reaped
		echo $(($(cpu_ms) - c0)) >"$BASE/last_cpu"
	else
		echo "" >"$BASE/last_cpu"
	fi
	echo $(((t1 - t0) / 1000000))
}
reset_counts() {
	psql_on rr "$PORT_RR" postgres -c "SELECT pg_stat_statements_reset()" >/dev/null
	psql_on kbo "$PORT_KBO" postgres -c "SELECT pg_stat_statements_reset()" >/dev/null
}
# statements a source executed since the reset for one user, as round trips:
# top-level only (a transform's own catalog reads at the source are nested
# statements, not messages on the wire), then how many of them were the
# per-connection session setup postgres_fdw sends once per connection (SET),
# and how many were FETCHes
count_on() {	# count_on NAME PORT USER
	psql_on "$1" "$2" postgres -t -A -F ' ' -c "
		SELECT coalesce(sum(calls), 0), coalesce(sum(calls) FILTER (WHERE query ~* '^SET '), 0),
		       coalesce(sum(calls) FILTER (WHERE query ~* '^FETCH'), 0)
		FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
		WHERE r.rolname = '$3' AND s.toplevel AND s.query !~* 'pg_stat_statements'"
}

# warm-up (connections, caches, compiled mapping)
timed bouwloket "$FEDERATED" >/dev/null
timed postgres "$PLAIN" >/dev/null

min() { if [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"; else echo "$1"; fi; }
best_fed=""
best_seq=""
best_if=""
best_plain=""
best_fed_cpu=""
best_seq_cpu=""
best_plain_cpu=""
i=0
while [ $i -lt "$ROUNDS" ]; do
	reset_counts
	f=$(timed bouwloket "$FEDERATED")
	fc=$(cat "$BASE/last_cpu")
	fed_rr=$(count_on rr "$PORT_RR" gemeente)
	fed_kbo=$(count_on kbo "$PORT_KBO" gemeente)
	q=$(timed bouwloket "$SEQUENTIAL")
	qc=$(cat "$BASE/last_cpu")
	v=$(timed postgres "$INTERFACE")
	reset_counts
	p=$(timed postgres "$PLAIN")
	pc=$(cat "$BASE/last_cpu")
	plain_rr=$(count_on rr "$PORT_RR" postgres)
	plain_kbo=$(count_on kbo "$PORT_KBO" postgres)
	best_fed=$(min "$best_fed" "$f")
	best_seq=$(min "$best_seq" "$q")
	best_if=$(min "$best_if" "$v")
	best_plain=$(min "$best_plain" "$p")
	[ -n "$fc" ] && best_fed_cpu=$(min "$best_fed_cpu" "$fc") && best_seq_cpu=$(min "$best_seq_cpu" "$qc") &&
		best_plain_cpu=$(min "$best_plain_cpu" "$pc")
	# the machine may be shared: the load says how much the round's figures mean
	echo "round $((i + 1)): lookup_batch ${f} ms (CPU ${fc:-?} ms), lookup_many x2 ${q} ms (CPU ${qc:-?} ms), published views direct ${v} ms, plain ${p} ms (CPU ${pc:-?} ms); load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
	i=$((i + 1))
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "$N persons + $N organisations from two source clusters, best of $ROUNDS:"
echo "  oslo.lookup_batch, both entities at once (transform and purpose check at the source, logged at both ends): $best_fed ms"
echo "  oslo.lookup_many, one entity after the other: $best_seq ms"
echo "  the published views read directly through the foreign tables (not announced: logged row by row at the source; no consumer log): $best_if ms"
echo "  plain postgres_fdw SELECT of the raw rows, transform at the consumer, no purpose check, no log: $best_plain ms"
echo "  ratio lookup_batch/plain: $(ratio "$best_fed" "$best_plain")"
echo "  ratio lookup_many/plain: $(ratio "$best_seq" "$best_plain")"
[ -n "$best_fed_cpu" ] &&
	echo "  CPU of the three clusters, best of $ROUNDS: lookup_batch $best_fed_cpu ms, lookup_many x2 $best_seq_cpu ms, plain $best_plain_cpu ms, ratio lookup_batch/plain $(ratio "$best_fed_cpu" "$best_plain_cpu")"
echo "  remote round trips per source, lookup_batch (total, of which connection setup, of which FETCH): persons $fed_rr, organisations $fed_kbo"
echo "  remote round trips per source, plain (total, of which connection setup, of which FETCH): persons $plain_rr, organisations $plain_kbo"
psql_on gent "$PORT_GENT" postgres -t -A -c "SELECT 'consumer log rows: ' || count(*) FROM oslo.consultation_log"
psql_on rr "$PORT_RR" postgres -t -A -c "SELECT 'person registry log rows: ' || count(*) FROM oslo.consultation_log"

# -- with a cache (a TTL for both sources): the first batch fills it, the
# second is answered from it (purpose check and consumer log as always)
psql_on gent "$PORT_GENT" postgres -q -c "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '1 hour'), oslo.source_cache_configure('organisatie', 'kbo', '1 hour')" >/dev/null
c_fill=$(timed bouwloket "$FEDERATED")
reset_counts
c_hit=$(timed bouwloket "$FEDERATED")
c_hit_cpu=$(cat "$BASE/last_cpu")
hit_rr=$(count_on rr "$PORT_RR" gemeente)
hit_kbo=$(count_on kbo "$PORT_KBO" gemeente)
echo "with a cache (TTL 1 hour): lookup_batch filling it $c_fill ms, then answered from it $c_hit ms, CPU ${c_hit_cpu:-?} ms (ratio to plain $(ratio "$c_hit" "$best_plain")); statements at the sources then: persons $hit_rr, organisations $hit_kbo"
psql_on gent "$PORT_GENT" postgres -q -c "SELECT oslo.source_cache_configure('persoon', 'rijksregister', NULL), oslo.source_cache_configure('organisatie', 'kbo', NULL)" >/dev/null
