#!/bin/sh
# test/oracle/jsonld_js.sh: our JSON-LD toRdf against jsonld.js on real OSLO
# and MAGDA documents. Every document of ../shared/oslo/*/examples and the
# JSON-LD of ../shared/magda/oslo-mapping (the MAGDA-Persoon data examples and
# the association-registry contexts) goes through both processors; the two
# N-Quads must be isomorphic, and a document that one processor refuses must
# be refused by the other too. Prints "N passed, M failed", each difference
# with its reason.
#
# Remote contexts come from a test catalog: a MANIFEST of "context IRI FILE"
# lines (the CLI's --mappings format) that this script writes in a scratch
# folder. Both processors get the same bytes for the same IRI and nothing
# else: jsonld.js's documentLoader reads the same MANIFEST and refuses any
# other IRI, as our loader does.
#
# Needs node and a jsonld package: JSONLD_MODULE (a path to the package), or
# the benchmark's scratch install ($BENCH_DIR/node_modules/jsonld, see
# bench/jsonld.sh). Without them, or without ../shared, it skips (exit 0).
set -u
SHARED=${SHARED:-../shared}
CLI=${CLI:-build/oslo-interop}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oslo_interop_jsonld_bench}
JSONLD_MODULE=${JSONLD_MODULE:-$BENCH_DIR/node_modules/jsonld}

if [ ! -d "$SHARED/oslo" ] || [ ! -d "$SHARED/magda/oslo-mapping" ]; then
	echo "SKIP jsonld.js oracle: $SHARED/oslo or $SHARED/magda/oslo-mapping not found"
	exit 0
fi
if ! command -v node >/dev/null 2>&1 || [ ! -f "$JSONLD_MODULE/package.json" ]; then
	echo "SKIP jsonld.js oracle: node or a jsonld package not found (set JSONLD_MODULE, or run bench/jsonld.sh once to install jsonld@9.0.0 in $BENCH_DIR)"
	exit 0
fi
[ -x "$CLI" ] || { echo "jsonld.js oracle: $CLI not built (make standalone)"; echo "0 passed, 1 failed"; exit 1; }
SHARED=$(cd "$SHARED" && pwd)
export JSONLD_MODULE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The catalog: the IRIs the documents reference, served from local copies.
# Where the referenced version is not in ../shared, the closest local copy of
# the same application profile is served (both processors see it alike).
mkdir "$work/catalog"
n=0
catalog() { # catalog IRI FILE
	n=$((n + 1))
	ln -s "$2" "$work/catalog/c$n.jsonld"
	echo "context $1 c$n.jsonld" >>"$work/catalog/MANIFEST"
}
catalog https://data.vlaanderen.be/doc/applicatieprofiel/PersoonBasis/ontwerpstandaard/2023-06-01/context/persoon-basis.jsonld \
	"$SHARED/oslo/persoon/context/persoon-basis.jsonld"
catalog https://data.vlaanderen.be/context/generiek-basis.jsonld "$SHARED/oslo/generiek/context/generiek-basis.jsonld"
catalog https://data.vlaanderen.be/context/adresregister.jsonld "$SHARED/oslo/adres/context/adresregister.jsonld"
catalog https://test.data.vlaanderen.be/doc/applicatieprofiel/organisatie-basis/ontwerpstandaard/2025/context/organisatie.jsonld \
	"$SHARED/oslo/organisatie/context-oslo-generated/organisatie-basis.jsonld"
catalog https://test.data.vlaanderen.be/doc/applicatieprofiel/persoon-basis/ontwerpstandaard/2025/context/persoon.jsonld \
	"$SHARED/oslo/persoon/context/persoon-basis.jsonld"
catalog https://implementatie.data.test-vlaanderen.be//doc/implementatiemodel/magda/persoon/v0.2.0/context/persoon.jsonld \
	"$PWD/mappings/magda/persoon-im.context.jsonld"

cat >"$work/peer.js" <<'EOF'
// node peer.js CATALOG IN OUT: jsonld.js toRDF with a loader on the catalog only
const fs = require('fs');
const path = require('path');
const jsonld = require(process.env.JSONLD_MODULE);
const [catalog, input, out] = process.argv.slice(2);
// a UTF-8 byte order mark is dropped, as a fetch's text decoding (and ours) does;
// JSON.parse alone would refuse the association-registry files for it
const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
const served = {};
for (const line of fs.readFileSync(path.join(catalog, 'MANIFEST'), 'utf8').split('\n')) {
  const [kind, iri, file] = line.split(/\s+/);
  if (kind === 'context') served[iri] = path.join(catalog, file);
}
const documentLoader = async (url) => {
  if (!(url in served))
    throw new jsonld.JsonLdError('not in the test catalog: ' + url, 'jsonld.LoadDocumentError',
                                 {code: 'loading remote context failed', url});
  return {contextUrl: null, documentUrl: url,
          document: read(served[url])};
};
(async () => {
  const doc = read(input);
  fs.writeFileSync(out, await jsonld.toRDF(doc, {format: 'application/n-quads', documentLoader}));
})().catch(e => {
  console.error((e.details && e.details.code) || e.name, '-', e.message);
  process.exit(2);
});
EOF

passed=0
failed=0
for f in "$SHARED"/oslo/*/examples/* "$SHARED"/magda/oslo-mapping/*/*/*.json \
	"$SHARED"/magda/oslo-mapping/*/*.jsonld; do
	[ -f "$f" ] || continue
	case $f in *.json | *.jsonld) ;; *) continue ;; esac
	case $f in */swagger/* | *.config.json) continue ;; esac # OpenAPI and tool configuration, not JSON-LD
	name=${f#"$SHARED"/}
	"$CLI" --mappings "$work/catalog" convert --from jsonld --to nquads "$f" >"$work/ours.nq" 2>"$work/ours.err"
	ours=$?
	node "$work/peer.js" "$work/catalog" "$f" "$work/peer.nq" 2>"$work/peer.err"
	peer=$?
	if [ "$ours" -ne 0 ] && [ "$peer" -ne 0 ]; then
		passed=$((passed + 1))
		echo "ok   $name: refused by both (ours: $(head -1 "$work/ours.err" | cut -c1-120); jsonld.js: $(head -1 "$work/peer.err" | cut -c1-120))"
	elif [ "$ours" -ne 0 ]; then
		failed=$((failed + 1))
		echo "FAIL $name: only ours refuses it: $(head -2 "$work/ours.err" | tr '\n' ' ')"
	elif [ "$peer" -ne 0 ]; then
		failed=$((failed + 1))
		echo "FAIL $name: only jsonld.js refuses it: $(head -1 "$work/peer.err")"
	elif "$CLI" isomorphic --format nquads "$work/ours.nq" "$work/peer.nq"; then
		passed=$((passed + 1))
		echo "ok   $name: isomorphic ($(wc -l <"$work/ours.nq" | tr -d ' ') statements)"
	else
		failed=$((failed + 1))
		echo "FAIL $name: not isomorphic (ours $(wc -l <"$work/ours.nq" | tr -d ' '), jsonld.js $(wc -l <"$work/peer.nq" | tr -d ' ') statements)"
		# the statements without blank nodes that only one side has
		grep -v '_:' "$work/ours.nq" | sort >"$work/a"
		grep -v '_:' "$work/peer.nq" | sort >"$work/b"
		comm -23 "$work/a" "$work/b" | head -5 | sed 's/^/  only ours:     /'
		comm -13 "$work/a" "$work/b" | head -5 | sed 's/^/  only jsonld.js: /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
