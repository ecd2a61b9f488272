#!/bin/sh
# shacl_jena.sh: our SHACL engine against Apache Jena 4.5 (Debian
# libapache-jena-java) on the published OSLO and SEMIC shapes in ../shared.
#
# For each shapes file, shacl_gen.c derives a valid-ish and a broken data file;
# both go through `oslo-interop validate --format json` and through Jena (one
# JVM for all pairs: ShaclBatch.java). Reports become sorted sets of (focus,
# path, component, severity), blank nodes as "_". A difference not explained in
# shacl_jena_known.txt fails its pair. Skips (exit 0) without java/javac, Jena,
# jq or ../shared. OSLO_SHARED overrides where shared/ is.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${OSLO_SHARED:-$ROOT/../shared}
J=/usr/share/java
KNOWN=$ROOT/test/oracle/shacl_jena_known.txt

skip() { echo "shacl_jena: skipped: $1"; exit 0; }
{ command -v java && command -v javac; } >/dev/null 2>&1 || skip "no java/javac (JDK)"
[ -f $J/jena-shacl.jar ] || skip "Jena is not installed (apt-get install libapache-jena-java)"
command -v jq >/dev/null 2>&1 || skip "jq is not installed"
[ -d "$SHARED/oslo" ] && [ -d "$SHARED/eu" ] || skip "$SHARED (reference material) is absent"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && make -s build/liboslo_core.a build/oslo-interop)
# copies: a parallel make must not swap the binary under a running comparison
cp "$ROOT/build/oslo-interop" "$ROOT/build/liboslo_core.a" "$WORK/"
OURS=$WORK/oslo-interop
DEPS="$(pkg-config --cflags --libs serd-0 json-c icu-uc icu-i18n) $(xml2-config --cflags --libs) -ldl -lm"
# shellcheck disable=SC2086
cc -std=gnu11 -O1 -I"$ROOT/extension/core" -o "$WORK/gen" "$ROOT/test/oracle/shacl_gen.c" \
	"$WORK/liboslo_core.a" $DEPS

# Debian's Jena: xerces message bundles where the relocated classes look for
# them, and an explicit classpath (/usr/share/java/* loops in slf4j/log4j).
mkdir -p "$WORK/jenafix/res"
(cd "$WORK/jenafix" && unzip -q $J/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' &&
	cp -r org/apache/jena/ext/xerces res/xerces)
CP=$WORK/jenafix/res:$WORK
for j in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-iri jena-shacl commons-cli \
	commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson \
	guava httpclient httpcore jackson-core jackson-databind jackson-annotations jsonld-java \
	protobuf thrift slf4j-api slf4j-simple; do
	CP=$CP:$J/$j.jar
done
javac -nowarn -cp "$CP" -d "$WORK" "$ROOT/test/oracle/ShaclBatch.java"

# shapes files: OSLO's, and SEMIC's that declare shapes (not the DASH test cases)
{
	ls "$SHARED"/oslo/*/shacl/*.ttl
	find "$SHARED/eu" -name '*.ttl' ! -path '*/test/*' -exec grep -l -E 'NodeShape|targetClass' {} +
} | sort >"$WORK/list"

# ours: per data file, the normalised set (or ERROR when the shapes are refused)
ours() { # ours TSV JSON FILE
	jq -r --arg f "$3" '.[] | select(.file == $f) | .report.results[] |
		[(.focusNode | if startswith("_:") then "_" else . end), (.resultPath // ""),
		 .sourceConstraintComponent, .resultSeverity] | @tsv' "$2" | sort -u >"$1"
}

i=0
while read -r shapes; do
	i=$((i + 1))
	"$WORK/gen" "$shapes" "$WORK/$i.valid.nt" "$WORK/$i.broken.nt"
	for kind in valid broken; do
		printf '%s\t%s\t%s\n' "$shapes" "$WORK/$i.$kind.nt" "$WORK/$i.$kind.jena" >>"$WORK/batch"
	done
	if "$OURS" validate --format json --shapes "$shapes" \
		"$WORK/$i.valid.nt" "$WORK/$i.broken.nt" >"$WORK/$i.json" 2>"$WORK/$i.err" ||
		[ $? -eq 1 ]; then
		for kind in valid broken; do ours "$WORK/$i.$kind.ours" "$WORK/$i.json" "$WORK/$i.$kind.nt"; done
	else
		for kind in valid broken; do echo ERROR >"$WORK/$i.$kind.ours"; done
	fi
done <"$WORK/list"
java -cp "$CP" ShaclBatch <"$WORK/batch" 2>"$WORK/jena.err"

# known differences: "SHAPES-GLOB<TAB>DIFF-GLOB<TAB>reason"; DIFF is "ours|jena: TUPLE"
known() { # known SHAPES DIFFLINE
	grep -v '^#' "$KNOWN" | while IFS='	' read -r fglob dglob _reason; do
		# shellcheck disable=SC2254
		case "$1" in $fglob) case "$2" in $dglob) echo y; return ;; esac ;; esac
	done
}

passed=0
failed=0
i=0
while read -r shapes; do
	i=$((i + 1))
	rel=${shapes#"$SHARED"/}
	for kind in valid broken; do
		awk -F'\t' '$1 == "ERROR" { $0 = "ERROR" } { print }' "$WORK/$i.$kind.jena" | sort -u >"$WORK/j"
		bad=0
		comm -3 "$WORK/$i.$kind.ours" "$WORK/j" |
			awk '/^\t/ { print "jena: " substr($0, 2); next } { print "ours: " $0 }' >"$WORK/diff"
		while IFS= read -r d; do
			[ -n "$(known "$rel" "$d")" ] && continue
			echo "  $rel ($kind) $d"
			bad=1
		done <"$WORK/diff"
		if [ $bad -eq 0 ]; then passed=$((passed + 1)); else
			failed=$((failed + 1))
			echo "FAIL $rel ($kind): $(wc -l <"$WORK/$i.$kind.ours") ours, $(wc -l <"$WORK/j") jena"
		fi
	done
done <"$WORK/list"
cat "$WORK"/*.ours | cut -f3 | grep '#' | sort | uniq -c | sed 's/http.*#/  /' |
	awk '{ n += $1; c = c " " $2 "=" $1 } END { print "results compared: " n ";" c }'
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
