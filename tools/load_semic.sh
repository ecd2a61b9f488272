#!/bin/sh
# tools/load_semic.sh: load the published SEMIC shapes (Core Person, Core
# Location, Core Business, CPOV, CPSV-AP, DCAT-AP) as profiles of
# oslo.profile, and the SEMIC and DCAT-AP JSON-LD contexts into oslo.context
# under the remote IRIs the published examples use
# (https://semiceu.github.io/uri.semic.eu-generated/<Repository>/releases/<v>/...).
# The files are read where they are (../shared/eu by default); nothing is
# copied into the repository.
#
#   sh tools/load_semic.sh [--shared DIR] [--sql] [psql options...]
#
# Runs psql (PG* environment variables or the psql options) as a user who may
# call oslo.profile_load and oslo.context_register (the catalog owner or a
# member of oslo_admin). --sql prints the psql script instead of running it.
#
# Profile names are the path of the shapes file under eu/ without
# "releases/", ":" for "/", after "semic:", e.g.
# "semic:core-person:2.1.2:shacl:core-person-ap-SHACL.ttl"; JSON-LD
# shapes files are read with the JSON-LD processor (inline contexts only).
# oslo.profile_load raises a WARNING for each sh: IRI that is no SHACL term
# (sh:shape, sh:dateTime, sh:nodekind upstream); shapes that SHACL calls
# ill-formed are refused (22023) and reported, and the script goes on.
# Output (stdout): one line per file, "profile NAME: N shapes, W warnings",
# "profile NAME: refused SQLSTATE: message" or "context IRI: registered",
# then "loaded P profiles (R refused), C contexts (D refused)"; the
# WARNINGs go to stderr.
set -eu

shared=""
emit_sql=false
while [ $# -gt 0 ]; do
	case "$1" in
	--shared) shared=$2; shift 2 ;;
	--sql) emit_sql=true; shift ;;
	*) break ;;
	esac
done
if [ -z "$shared" ]; then
	shared=$(dirname "$0")/../../shared
fi
eu="$shared/eu"
if [ ! -d "$eu" ]; then
	echo "load_semic.sh: $eu not found: ../shared is absent (give --shared DIR)" >&2
	exit 2
fi
eu=$(cd "$eu" && pwd)

# folder under eu/ -> repository name in the published IRIs
repository() {
	case "$1" in
	core-person) echo Core-Person-Vocabulary ;;
	core-business) echo Core-Business-Vocabulary ;;
	core-location) echo Core-Location-Vocabulary ;;
	cpov) echo CPOV ;;
	cpsv-ap) echo CPSV-AP ;;
	dcat-ap) echo DCAT-AP ;;
	*) return 1 ;;
	esac
}

# a psql literal of a file name: single quotes doubled
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

# The shapes files: toolchain shacl/ folders (Turtle and JSON-LD), the
# hand-written DCAT-AP and CPSV-AP 2.2.1 files, DCAT-AP HVD html/ files.
shapes_files() {
	cd "$eu"
	for f in */releases/*/shacl/*.ttl */releases/*/shacl/*.jsonld \
		*/releases/*/*shacl*.ttl */releases/*/Draft/*shacl*.ttl \
		*/releases/*/html/shacl/*.ttl */releases/*/html/*SHACL*.ttl \
		dcat-ap/legacy-dcat-ap_shacl/shacl/*.ttl; do
		[ -f "$f" ] && echo "$f"
	done | sort -u
}

context_files() {
	cd "$eu"
	for f in */releases/*/context/*.jsonld */releases/*/html/examples/context.jsonld; do
		[ -f "$f" ] && echo "$f"
	done | sort -u
}

script() {
	cat <<'EOF'
\set ON_ERROR_STOP on
\set VERBOSITY terse
\pset tuples_only on
\pset format unaligned
SET client_min_messages = warning;
CREATE TEMP TABLE semic_load (kind text, name text, outcome text);
-- one file: its shape count, or "refused SQLSTATE: message" (the load goes on)
CREATE FUNCTION pg_temp.semic_profile(name text, doc text, format text, file text) RETURNS text
LANGUAGE plpgsql AS $f$
BEGIN
	IF format = 'jsonld' THEN -- not a graph_from format: toRdf first, as N-Triples
		doc := oslo.to_ntriples(oslo.graph_from_jsonld(doc::jsonb));
		format := 'ntriples';
	END IF;
	RETURN oslo.profile_load(name, doc, format, 'SEMIC shapes, from ../shared/' || file)::text;
EXCEPTION WHEN others THEN
	RETURN 'refused ' || SQLSTATE || ': ' || SQLERRM;
END $f$;
CREATE FUNCTION pg_temp.semic_context(iri text, doc text, file text) RETURNS text
LANGUAGE plpgsql AS $f$
BEGIN
	PERFORM oslo.context_register(iri, doc::jsonb, 'SEMIC context, from ../shared/' || file);
	RETURN 'registered';
EXCEPTION WHEN others THEN
	RETURN 'refused ' || SQLSTATE || ': ' || SQLERRM;
END $f$;
EOF
	shapes_files | while read -r f; do
		case "$f" in
		*.jsonld) format=jsonld ;;
		*) format=turtle ;;
		esac
		# profile names allow no "/": semic:<folder>:<version>:<path under the release, ":" for "/">
		name="semic:$(printf '%s' "$f" | sed -e 's|/releases/|/|' -e 's|/|:|g')"
		cat <<EOF
\\set doc \`cat $(quote "$eu/$f")\`
INSERT INTO semic_load SELECT 'profile', $(quote "$name"), pg_temp.semic_profile($(quote "$name"), :'doc', '$format', $(quote "eu/$f"));
EOF
	done
	context_files | while read -r f; do
		folder=${f%%/*}
		rest=${f#*/releases/}
		iri="https://semiceu.github.io/uri.semic.eu-generated/$(repository "$folder")/releases/$rest"
		cat <<EOF
\\set doc \`cat $(quote "$eu/$f")\`
INSERT INTO semic_load SELECT 'context', $(quote "$iri"), pg_temp.semic_context($(quote "$iri"), :'doc', $(quote "eu/$f"));
EOF
	done
	cat <<'EOF'
SELECT kind || ' ' || name || ': ' ||
	CASE WHEN kind = 'context' OR outcome LIKE 'refused%' THEN outcome
	     ELSE outcome || ' shapes, ' ||
	          (SELECT count(*) FROM oslo.profile p, oslo.shapes_warnings(p.shapes) WHERE p.name = l.name) || ' warnings'
	END
FROM semic_load l ORDER BY kind, name;
SELECT 'loaded ' || count(*) FILTER (WHERE kind = 'profile' AND outcome NOT LIKE 'refused%') || ' profiles (' ||
	count(*) FILTER (WHERE kind = 'profile' AND outcome LIKE 'refused%') || ' refused), ' ||
	count(*) FILTER (WHERE kind = 'context' AND outcome = 'registered') || ' contexts (' ||
	count(*) FILTER (WHERE kind = 'context' AND outcome <> 'registered') || ' refused)'
FROM semic_load;
EOF
}

if $emit_sql; then
	script
else
	script | psql -X -q "$@"
fi
