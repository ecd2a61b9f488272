#!/bin/sh
# sparql_jena.sh: our SPARQL CONSTRUCT subset against Apache Jena ARQ 4.5
# (Debian libapache-jena-java) on the cases in test/oracle/sparql: each
# NAME.rq names its data file on its first line ("# data: FILE.ttl"). Both
# results are compared as graphs (oslo_graph_isomorphic, blank nodes
# included). A case listed in sparql/known.txt ("NAME<TAB>reason") may differ;
# every other difference fails. Skips (exit 0) without java or Jena.
#   sh test/oracle/sparql_jena.sh [NAME...]    all cases, or the named ones
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASES=$ROOT/test/oracle/sparql
J=/usr/share/java

skip() { echo "sparql_jena: skipped: $1"; exit 0; }
command -v java >/dev/null 2>&1 || skip "no java"
[ -f $J/jena-arq.jar ] || skip "Jena is not installed (apt-get install libapache-jena-java)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && make -s build/liboslo_core.a)
cp "$ROOT/build/liboslo_core.a" "$WORK/"
DEPS="$(pkg-config --cflags --libs serd-0 json-c icu-uc icu-i18n libxslt libexslt) $(xml2-config --cflags --libs) -ldl -lm"
# shellcheck disable=SC2086
cc -std=gnu11 -O1 -I"$ROOT/extension/core" -o "$WORK/run" "$ROOT/test/oracle/sparql_run.c" \
	"$WORK/liboslo_core.a" $DEPS

# Debian's Jena: xerces message bundles where the relocated classes look for
# them, and an explicit classpath (/usr/share/java/* loops in slf4j/log4j);
# see ../shared/notes/anchors.md.
mkdir -p "$WORK/jenafix/res"
(cd "$WORK/jenafix" && unzip -q $J/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' &&
	cp -r org/apache/jena/ext/xerces res/xerces)
CP=$WORK/jenafix/res
for j in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-iri commons-cli commons-codec \
	commons-compress commons-csv commons-io commons-lang3 dexx.collection gson guava httpclient \
	httpcore jackson-core jackson-databind jackson-annotations jsonld-java protobuf thrift \
	slf4j-api slf4j-simple; do
	CP=$CP:$J/$j.jar
done

same=0 differ=0 known=0 failed=0
if [ $# -gt 0 ]; then
	LIST=$(for n in "$@"; do echo "$CASES/$n.rq"; done)
else
	LIST=$(ls "$CASES"/*.rq)
fi
for rq in $LIST; do
	name=$(basename "$rq" .rq)
	data=$CASES/$(sed -n '1s/^# data: *//p' "$rq")
	if ! java -cp "$CP" arq.sparql --query "$rq" --data "$data" --results=NT \
		>"$WORK/$name.jena.nt" 2>"$WORK/$name.jena.err"; then
		echo "FAIL $name: arq failed: $(head -3 "$WORK/$name.jena.err")"
		failed=$((failed + 1))
		continue
	fi
	if ! "$WORK/run" "$rq" "$data" >"$WORK/$name.ours.nt" 2>&1; then
		echo "FAIL $name: ours failed: $(head -3 "$WORK/$name.ours.nt")"
		failed=$((failed + 1))
		continue
	fi
	if "$WORK/run" --iso "$WORK/$name.ours.nt" "$WORK/$name.jena.nt"; then
		same=$((same + 1))
	elif grep -q "^$name	" "$CASES/known.txt" 2>/dev/null; then
		echo "known $name: $(grep "^$name	" "$CASES/known.txt" | cut -f2)"
		known=$((known + 1))
	else
		echo "DIFF $name ($(wc -l <"$WORK/$name.ours.nt") ours, $(wc -l <"$WORK/$name.jena.nt") jena)"
		sort "$WORK/$name.ours.nt" >"$WORK/a" && sort "$WORK/$name.jena.nt" >"$WORK/b"
		diff "$WORK/a" "$WORK/b" | head -${SPARQL_JENA_DIFF_LINES:-20} || true
		differ=$((differ + 1))
	fi
done
echo "sparql_jena: $same same, $known known differences, $differ differ, $failed failed"
echo "$((same + known)) passed, $((differ + failed)) failed"
[ $differ -eq 0 ] && [ $failed -eq 0 ]
