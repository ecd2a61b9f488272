#!/bin/sh
# bench/shacl.sh: SHACL validation of OSLO person data (persoon-basis shapes
# of ../shared) by our CLI against shacl-engine 1.1.2, rdf-validate-shacl
# 0.6.5 (Node) and Apache Jena 4.5 (Debian), in one run: wall seconds and
# peak RSS (/usr/bin/time), ratios peer/ours, and the result counts, which
# must agree. Jena's JVM start (Jena on an empty data file) is reported apart
# and subtracted in "Jena-JVM". Every tool reads Turtle and builds its report.
#
#	sh bench/shacl.sh                   ~100k and ~500k triples
#	SIZES="100000" sh bench/shacl.sh    one size
#
# The npm peers go to $SHACL_PEERS (default /tmp/shacl-peers, outside the
# repository); a peer that is missing is installed there, or skipped offline.
# Single runs: ratios are meaningful, absolute times are noise.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHAPES=${OSLO_SHARED:-$ROOT/../shared}/oslo/persoon/shacl/persoon-basis-SHACL.ttl
SIZES=${SIZES:-100000 500000}
PEERS=${SHACL_PEERS:-/tmp/shacl-peers}
J=/usr/share/java

[ -f "$SHAPES" ] || { echo "bench/shacl: $SHAPES not found (../shared is needed)" >&2; exit 1; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
(cd "$ROOT" && make -s build/oslo-interop)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/build/oslo-interop" "$WORK/" # a parallel make must not swap it mid-run

have_node=0
if command -v npm >/dev/null 2>&1; then
	if [ ! -d "$PEERS/node_modules/shacl-engine" ] || [ ! -d "$PEERS/node_modules/rdf-validate-shacl" ]; then
		mkdir -p "$PEERS"
		(cd "$PEERS" && npm install -s --no-audit --no-fund shacl-engine@1.1.2 \
			rdf-validate-shacl@0.6.5 n3 @rdfjs/dataset >/dev/null 2>&1) || true
	fi
	[ -d "$PEERS/node_modules/shacl-engine" ] && have_node=1
fi
# both JS engines on the same parsed datasets; prints the result count
cat >"$PEERS/bench_shacl.mjs" <<'EOF'
import fs from 'fs';
import N3 from 'n3';
import rdfDataset from '@rdfjs/dataset';
const dataset = (q) => rdfDataset.dataset(q);
const [engine, shapesFile, dataFile] = process.argv.slice(2);
const factory = { ...N3.DataFactory, dataset: (q) => dataset(q) };
const load = (f) => dataset(new N3.Parser().parse(fs.readFileSync(f, 'utf8')));
const shapes = load(shapesFile), data = load(dataFile);
let report;
if (engine === 'shacl-engine') {
	const { Validator } = await import('shacl-engine');
	report = await new Validator(shapes, { factory }).validate({ dataset: data });
} else {
	const { default: SHACLValidator } = await import('rdf-validate-shacl');
	report = await new SHACLValidator(shapes).validate(data); // its own @zazuko/env factory
}
console.log(report.results.length);
EOF

have_jena=0
if command -v java >/dev/null 2>&1 && [ -f $J/jena-shacl.jar ]; then
	# Debian's Jena needs its xerces message bundles beside the relocated classes
	mkdir -p "$WORK/jf/res"
	(cd "$WORK/jf" && unzip -q $J/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' &&
		cp -r org/apache/jena/ext/xerces res/xerces)
	CP=$WORK/jf/res
	for j in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-iri jena-shacl commons-cli \
		commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson \
		guava httpclient httpcore jackson-core jackson-databind jackson-annotations jsonld-java \
		protobuf thrift slf4j-api slf4j-simple; do CP=$CP:$J/$j.jar; done
	have_jena=1
fi

# persons of ~10 triples; every 20th lacks foaf:familyName, has two full
# names, a sex that is no skos:Concept, or a language-tagged family name
gen() { # gen TRIPLES FILE
	awk -v n="$(($1 / 10))" 'BEGIN {
		print "@prefix p: <https://data.vlaanderen.be/ns/persoon#> ."
		print "@prefix person: <http://www.w3.org/ns/person#> ."
		print "@prefix foaf: <http://xmlns.com/foaf/0.1/> ."
		print "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
		print "@prefix ex: <http://example.org/> ."
		print "ex:man a <http://www.w3.org/2004/02/skos/core#Concept> ."
		print "ex:BE a <http://purl.org/dc/terms/Location> ."
		for (i = 0; i < n; i++) {
			k = i % 20
			printf "ex:p%d a person:Person ; foaf:givenName \"Jan%d\" ;", i, i
			if (k != 0) printf " foaf:familyName \"Peeters\"%s ;", k == 15 ? "@nl" : ""
			printf " p:volledigeNaam \"Jan%d Peeters\" ;", i
			if (k == 5) printf " p:volledigeNaam \"J. Peeters\" ;"
			printf " p:geslacht ex:%s ; p:heeftGeboorte ex:g%d .\n", k == 10 ? "onbekend" : "man", i
			printf "ex:g%d a p:Geboorte ; p:datum \"1980-02-%02dT10:00:00\"^^xsd:dateTime ;", i, i % 28 + 1
			printf " p:land ex:BE ; p:plaats ex:BE .\n"
		}
	}' >"$2"
}

run() { # run NAME CMD...: "seconds rss_kb count" in $WORK/NAME
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || true
	case $name in
	ours*) n=$(grep -c '"focusNode"' "$WORK/$name.out" || true) ;;
	jena*) n=$(grep -c 'sh:ValidationResult' "$WORK/$name.out" || true) ;;
	*) n=$(tail -n 1 "$WORK/$name.out") ;;
	esac
	echo "$(tail -n 1 "$WORK/$name.time") ${n:-?}" >"$WORK/$name"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }

echo "== SHACL benchmark: $(basename "$SHAPES"), one run each, $(nproc) CPU"
printf '%-8s %-20s %9s %9s %10s %8s\n' triples tool seconds "peer/ours" "peak RSS" results
: >"$WORK/empty.ttl"
[ $have_jena -eq 1 ] && run jena-empty java -cp "$CP" shacl.shacl validate --shapes "$SHAPES" --data "$WORK/empty.ttl"
for size in $SIZES; do
	gen "$size" "$WORK/data.ttl"
	run ours "$WORK/oslo-interop" validate --format json --shapes "$SHAPES" "$WORK/data.ttl"
	[ $have_node -eq 1 ] && run shacl-engine node "$PEERS/bench_shacl.mjs" shacl-engine "$SHAPES" "$WORK/data.ttl"
	[ $have_node -eq 1 ] && run rdf-validate-shacl node "$PEERS/bench_shacl.mjs" rdf-validate-shacl "$SHAPES" "$WORK/data.ttl"
	[ $have_jena -eq 1 ] && run jena java -cp "$CP" shacl.shacl validate --shapes "$SHAPES" --data "$WORK/data.ttl"
	read -r ours_s ours_kb ours_n <"$WORK/ours"
	for tool in ours shacl-engine rdf-validate-shacl jena; do
		[ -f "$WORK/$tool" ] || continue
		read -r s kb n <"$WORK/$tool"
		printf '%-8s %-20s %9s %9s %7d MB %8s\n' "$size" "$tool" "$s" "$(ratio "$s" "$ours_s")" $((kb / 1024)) "$n"
		[ "$n" = "$ours_n" ] || echo "         ^ result count differs from ours ($ours_n)"
	done
	if [ -f "$WORK/jena" ]; then
		read -r s kb n <"$WORK/jena"
		read -r js jkb jn <"$WORK/jena-empty"
		jv=$(awk -v a="$s" -v b="$js" 'BEGIN { printf "%.2f", a - b }')
		printf '%-8s %-20s %9s %9s %7d MB %8s\n' "$size" "jena, empty data" "$js" "-" $((jkb / 1024)) "$jn"
		printf '%-8s %-20s %9s %9s %10s %8s\n' "$size" "jena minus that" "$jv" "$(ratio "$jv" "$ours_s")" - -
		echo "         peak RSS jena/ours: $(ratio "$kb" "$ours_kb")"
	fi
	rm -f "$WORK/ours" "$WORK/shacl-engine" "$WORK/rdf-validate-shacl" "$WORK/jena"
done
echo "targets: >=10x shacl-engine, >=5x Jena-JVM, peak RSS <= 1/4 of Jena's"
