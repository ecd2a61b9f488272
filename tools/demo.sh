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

# ---- EU formats (0.2.0): the same person in the SEMIC Core Person
# vocabulary (mappings/semic), checked with the published SEMIC shapes, and
# an OOTS evidence request for it (docs/semic.md, docs/oots.md)
echo "== the OSLO person of the IM example in SEMIC Core Person / Core Location (oslo.to_semic)"
$PSQL -P pager=off -A -t -c "SELECT oslo.to_ntriples(oslo.to_semic(oslo.magda_to_graph(body))) FROM magda_response WHERE file = 'example-84121725318.xml'"
EU=../shared/eu
if [ -d "$EU/core-person" ]; then
	echo "== conformance of every mock person after to_semic, against the published Core Person 2.1.2 shapes (gender code list as background)"
	$PSQL -v shapes="$(cat "$EU/core-person/releases/2.1.2/shacl/core-person-ap-SHACL.ttl")" >/dev/null <<'SQL'
SELECT oslo.profile_load('semic-core-person', :'shapes');
SQL
	# cv:gender must be a skos:Concept: the gender code list is the shapes' background
	$PSQL -v codes="$(cat "$CODES/IT000-Geslacht.ttl")" >/dev/null <<'SQL'
SELECT oslo.profile_add_background('semic-core-person', :'codes');
SQL
	$PSQL -P pager=off -c "
CREATE FUNCTION pg_temp.semic_outcome(x xml) RETURNS text LANGUAGE plpgsql AS \$\$
BEGIN
	RETURN CASE WHEN oslo.conforms(oslo.to_semic(oslo.magda_to_graph(x)), 'semic-core-person') THEN 'conforms' ELSE 'does not conform' END;
EXCEPTION WHEN others THEN
	RETURN 'no person (' || SQLSTATE || ')';
END \$\$;
SELECT pg_temp.semic_outcome(body) AS core_person_2_1_2, count(*) FROM magda_response GROUP BY 1 ORDER BY 2 DESC;"
fi
echo "== an OOTS evidence request for a person (EDM QueryRequest, validated against the EDM XSDs in make test)"
$PSQL -P pager=off -A -t -c "SELECT oslo.oots_evidence_request(
	requester => '{\"identifier\": \"0316381039\", \"scheme\": \"0208\", \"name\": \"Stad Gent\", \"lang\": \"NL\"}',
	provider => '{\"identifier\": \"12345678\", \"scheme\": \"0106\", \"name\": \"Gemeente Breda\", \"lang\": \"NL\"}',
	evidence_type => '{\"identifier\": \"4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a\", \"classification\": \"https://sr.oots.tech.europa.eu/evidencetypeclassifications/NL/3f2e1d0c-9b8a-4765-a432-10fedcba9876\", \"title\": \"Proof of residence\", \"format\": \"application/pdf\"}',
	person => '{\"level_of_assurance\": \"High\", \"identifier\": \"BE/NL/84121725318\", \"family_name\": \"Peeters\", \"given_name\": \"Lotte\", \"date_of_birth\": \"1984-12-17\"}',
	procedure => 'T2', request_id => '00000000-0000-4000-8000-000000000001', issued => '2026-11-29 12:00:00+00')"

# ---- federation: a municipality looks up persons and companies at their
# authentic sources over postgres_fdw (docs/federation.md). Three databases
# of the demo cluster stand for three entities' databases.
if [ -d "$ONDERNEMING" ] && [ "$($PSQL -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgres_fdw'")" = 1 ]; then
	BASE_PSQL="$($PG_CONFIG --bindir)/psql -X -q -v ON_ERROR_STOP=1"
	for db in demo_rijksregister demo_kbo demo_gent; do
		$BASE_PSQL -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" postgres
	done
	$BASE_PSQL -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_gemeente_gent') THEN CREATE ROLE demo_gemeente_gent LOGIN; END IF;
	                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_bouwloket') THEN CREATE ROLE demo_bouwloket LOGIN; END IF;
	                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_burgerprofiel') THEN CREATE ROLE demo_burgerprofiel LOGIN; END IF; END \$\$" postgres

	echo "== the person registry publishes its GeefPersoon responses as OSLO persons (the transform runs at the source)"
	$BASE_PSQL -d demo_rijksregister >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION oslo_interop;
CREATE TABLE geefpersoon (insz text PRIMARY KEY, response text NOT NULL);
SQL
	# COPY out of the demo database and into the registry's: the client moves the rows
	$PSQL -c "\copy (SELECT DISTINCT ON (insz) insz, body FROM (SELECT (xpath('//*[local-name()=\"Persoon\"]/*[local-name()=\"INSZ\"]/text()', body))[1]::text AS insz, body::text FROM magda_response) r WHERE insz IS NOT NULL ORDER BY insz, length(body)) TO STDOUT" |
		$BASE_PSQL -d demo_rijksregister -c "\copy geefpersoon FROM STDIN"
	$BASE_PSQL -d demo_rijksregister >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT oslo.entity_register('rijksregister', local => true);
SELECT oslo.publish('persoon', 'geefpersoon', 'insz', 'magda', document_column => 'response');
SELECT oslo.authorize('demo_gemeente_gent', 'persoon', 'ipdc77332');
SQL

	echo "== the enterprise registry publishes GeefOnderneming answers mapped by its RML mapping"
	$BASE_PSQL -d demo_kbo -c "CREATE EXTENSION oslo_interop" -c "CREATE TABLE geefonderneming (kbo text PRIMARY KEY, response text NOT NULL)" >/dev/null
	for f in "$ONDERNEMING"/*.xml; do
		printf '%s\t' "$(basename "$f" .xml)"
		sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'BEGIN{ORS="\\n"} {print}'
		printf '\n'
	done | $BASE_PSQL -d demo_kbo -c "\copy geefonderneming FROM STDIN"
	$BASE_PSQL -d demo_kbo >/dev/null <<'SQL'
SET client_min_messages = warning;
-- the OSLO document of each company, as the registry keeps it
CREATE TABLE onderneming AS
SELECT kbo, oslo.to_jsonld(oslo.rml_apply('magda/geefonderneming-02.00', response)) AS document FROM geefonderneming;
ALTER TABLE onderneming ADD PRIMARY KEY (kbo);
SELECT oslo.entity_register('kbo', local => true);
SELECT oslo.publish('organisatie', 'onderneming', 'kbo', 'oslo', document_column => 'document');
SELECT oslo.authorize('demo_gemeente_gent', 'organisatie', 'ipdc77332');
SQL

	echo "== the municipality: foreign servers, its applications table, purpose binding and repertorium"
	$BASE_PSQL -d demo_gent >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION oslo_interop;
CREATE EXTENSION postgres_fdw;
CREATE SERVER rr_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$PGHOST', port '$PGPORT', dbname 'demo_rijksregister');
CREATE SERVER kbo_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$PGHOST', port '$PGPORT', dbname 'demo_kbo');
CREATE USER MAPPING FOR PUBLIC SERVER rr_srv OPTIONS (user 'demo_gemeente_gent', password_required 'false');
CREATE USER MAPPING FOR PUBLIC SERVER kbo_srv OPTIONS (user 'demo_gemeente_gent', password_required 'false');
-- refusals and failures are logged by a background worker: no loopback server
SELECT oslo.entity_register('gent', local => true);
SELECT oslo.entity_register('rijksregister', 'rr_srv');
SELECT oslo.entity_register('kbo', 'kbo_srv');
SELECT oslo.source_attach('persoon', 'rijksregister');
SELECT oslo.source_attach('organisatie', 'kbo');
GRANT EXECUTE ON FUNCTION oslo.consultations_about(text) TO demo_burgerprofiel;
-- a building-permit desk: its applications name a person and a company
CREATE TABLE aanvraag (id int PRIMARY KEY, insz text, kbo text);
INSERT INTO aanvraag VALUES (1, '84121725318', '0202239951'), (2, '00600099734', '0204212714'), (3, '00630299891', NULL);
GRANT SELECT ON aanvraag TO demo_bouwloket;
SELECT oslo.authorize('demo_bouwloket', 'persoon', 'ipdc77332');
SELECT oslo.authorize('demo_bouwloket', 'organisatie', 'ipdc77332');
SELECT oslo.register('demo_bouwloket', ARRAY['84121725318', '00600099734', '00630299891', '0202239951', '0204212714'], 'ipdc77332');
SQL

	echo "== the building-permit desk's query: every application with its person and company, from the authentic sources"
	$BASE_PSQL -d demo_gent -U demo_bouwloket -P pager=off <<'SQL'
WITH p AS (SELECT * FROM oslo.lookup_many('persoon', (SELECT array_agg(insz) FROM aanvraag), 'ipdc77332')),
     o AS (SELECT * FROM oslo.lookup_many('organisatie', (SELECT array_agg(kbo) FROM aanvraag WHERE kbo IS NOT NULL), 'ipdc77332'))
SELECT a.id, a.insz, p.document #>> '{data,achternaam,0,@value}' AS achternaam,
       a.kbo, (SELECT string_agg(DISTINCT v ->> '@value', ' / ') FROM jsonb_path_query(o.document, '$.**."http://www.w3.org/ns/regorg#legalName"[*]') v) AS onderneming
FROM aanvraag a LEFT JOIN p ON p.subject_key = a.insz LEFT JOIN o ON o.subject_key = a.kbo
ORDER BY a.id;
SQL
	echo "== a purpose the desk is not authorised for is refused (and logged)"
	$BASE_PSQL -d demo_gent -U demo_bouwloket -c "SELECT oslo.lookup('persoon', '84121725318', 'ipdc00001')" 2>&1 | sed 's/^/   /' || true
	echo "== the citizen 84121725318 asks who consulted their data (the municipality's log, then the registry's)"
	$BASE_PSQL -d demo_gent -U demo_burgerprofiel -P pager=off -c "SELECT application, purpose, concept, source_entity, side, outcome FROM oslo.consultations_about('84121725318')"
	$BASE_PSQL -d demo_rijksregister -P pager=off -c "SELECT application, purpose, concept, side, outcome FROM oslo.consultations_about('84121725318')"
fi
