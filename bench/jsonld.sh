#!/bin/sh
# bench/jsonld.sh: the JSON-LD processor against jsonld.js (npm jsonld@9.0.0)
# on OSLO person documents, measured side by side in one run:
#   toRdf       JSON-LD text -> N-Quads text
#   compaction  N-Quads text -> fromRdf -> compact with the persoon-basis context
# Each document has N persons (top-level nodes of @graph: names, a birth event
# with its place, a residence with an address, an identifier, a nationality),
# carrying the real persoon-basis context inline as an OSLO producer sends it.
#
# Start-up is excluded on both sides: jsonld.js is timed inside Node around
# the calls (JSON.parse included, as ours parses the text too); ours with the
# CLI's own "convert --time" (read of the file and process start excluded).
#
#   sh bench/jsonld.sh                 toRdf at 20000 and 100000 persons,
#                                      compaction at 2000, 5000 and 100000
#   SIZES="2000" COMPACT_SIZES="2000" sh bench/jsonld.sh    other sizes
#   COMPACT_SIZES="" sh bench/jsonld.sh                    toRdf only
# jsonld.js's fromRDF grows faster than quadratically with the number of blank
# nodes (about a minute for 2000 persons, half an hour for 5000): compaction is measured
# where it finishes, and at the largest size against PEER_TIMEOUT, which
# gives a lower bound of the ratio ("> T s").
# Environment: JSONLD_MODULE (path of a jsonld package, default the scratch
# install), BENCH_DIR (scratch folder outside the repository), REPEAT (toRdf
# runs of each side, alternating, default 1: the fastest of each is shown --
# on a shared machine one run of either side can be slowed down), PEER_TIMEOUT
# (seconds one jsonld.js call may take, default 600: its compaction of these
# graphs can take far longer; a timed-out call is reported as "> T s" and its
# ratio as a lower bound).
set -eu
SHARED=${SHARED:-../shared}
CONTEXT=$SHARED/oslo/persoon/context/persoon-basis.jsonld
SIZES=${SIZES:-"20000 100000"}
COMPACT_SIZES=${COMPACT_SIZES-"2000 100000"}   # 5000 takes jsonld.js about half an hour
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oslo_interop_jsonld_bench}
PEER_TIMEOUT=${PEER_TIMEOUT:-600}
REPEAT=${REPEAT:-1}
CLI=${CLI:-build/oslo-interop}

if [ ! -f "$CONTEXT" ]; then
	echo "bench: $CONTEXT not found (../shared is needed for the benchmark)" >&2
	exit 1
fi
command -v node >/dev/null 2>&1 || { echo "bench: node is needed" >&2; exit 1; }
[ -x "$CLI" ] || make -s standalone
mkdir -p "$BENCH_DIR"
if [ -z "${JSONLD_MODULE:-}" ]; then
	JSONLD_MODULE=$BENCH_DIR/node_modules/jsonld
	if [ ! -f "$JSONLD_MODULE/package.json" ]; then
		echo "installing jsonld@9.0.0 in $BENCH_DIR"
		(cd "$BENCH_DIR" && npm install --silent --no-audit --no-fund jsonld@9.0.0 >/dev/null)
	fi
fi
export JSONLD_MODULE
# the machine may be shared: its load goes with the figures (ratios move with it)
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }
echo "jsonld.js $(node -p "require('$JSONLD_MODULE/package.json').version"), node $(node --version), $(nproc) CPUs, toRdf best of $REPEAT, load average $(load)"

# the document generator and the jsonld.js side
cat >"$BENCH_DIR/gen.js" <<'EOF'
// node gen.js CONTEXT N OUT: N OSLO persons shaped like the persoon examples
const fs = require('fs');
const [ctxFile, n, out] = process.argv.slice(2);
const ctx = JSON.parse(fs.readFileSync(ctxFile, 'utf8'))['@context'];
const given = ['Jan', 'Anna', 'Pieter', 'Els', 'Geert', 'Marie', 'Luc', 'Sofie'];
const family = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Thijs', 'Willems'];
const places = ['Lokeren', 'Gent', 'Brussel', 'Antwerpen', 'Leuven', 'Brugge'];
const graph = [];
for (let i = 0; i < +n; i++) {
  const g = given[i % given.length], f = family[i % family.length];
  graph.push({
    '@id': 'https://data.vlaanderen.be/id/persoon/' + (90000000000 + i),
    '@type': 'GeregistreerdPersoon',
    'voornaam': [g, given[(i + 3) % given.length]],
    'gebruikteVoornaam': g,
    'achternaam': f,
    'geslacht': 'http://publications.europa.eu/resource/authority/human-sex/' + (i % 2 ? 'MALE' : 'FEMALE'),
    'registratie': {
      '@type': 'http://www.w3.org/ns/adms#Identifier',
      'http://www.w3.org/2004/02/skos/core#notation': String(90000000000 + i),
      'http://purl.org/dc/terms/creator': {'@id': 'https://data.vlaanderen.be/id/organisatie/OVO002949'}
    },
    'heeftGeboorte': {
      '@type': 'Geboorte',
      'datum': (1940 + i % 70) + '-0' + (1 + i % 9) + '-1' + (i % 10) + 'T00:00:00',
      'plaats': {'@type': 'Plaats', 'plaatsnaam': {'@language': 'nl', '@value': places[i % places.length]}},
      'land': {'@id': 'http://publications.europa.eu/resource/authority/country/BEL'}
    },
    'heeftNationaliteit': [{'@type': 'Nationaliteit', 'nationaliteit': 'http://publications.europa.eu/resource/authority/country/BEL'}],
    'heeftVerblijfplaats': [{
      '@type': 'Domicilie',
      'verblijfsadres': {
        '@type': 'http://www.w3.org/ns/locn#Address',
        'http://www.w3.org/ns/locn#fullAddress': {'@language': 'nl', '@value': 'Kerkstraat ' + (1 + i % 200) + ', 9000 ' + places[i % places.length]},
        'http://www.w3.org/ns/locn#postCode': String(9000 + i % 100)
      }
    }]
  });
}
fs.writeFileSync(out, JSON.stringify({'@context': ctx, '@graph': graph}, null, 1));
fs.writeFileSync(out.replace(/\.jsonld$/, '.context.json'), JSON.stringify(ctx));
EOF
cat >"$BENCH_DIR/peer.js" <<'EOF'
// node peer.js toRdf|compact IN OUT [CONTEXT]: jsonld.js timed around the calls
const fs = require('fs');
const jsonld = require(process.env.JSONLD_MODULE);
const [op, input, out, ctxFile] = process.argv.slice(2);
(async () => {
  const text = fs.readFileSync(input, 'utf8');
  let t0, t1, result;
  if (op === 'toRdf') {
    t0 = process.hrtime.bigint();
    result = await jsonld.toRDF(JSON.parse(text), {format: 'application/n-quads'});
    t1 = process.hrtime.bigint();
  } else {
    const ctx = JSON.parse(fs.readFileSync(ctxFile, 'utf8'));
    t0 = process.hrtime.bigint();
    const expanded = await jsonld.fromRDF(text, {format: 'application/n-quads'});
    // the fromRdf part alone, in case compact does not finish in time
    console.error('fromRDF ' + (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(6) + ' s');
    result = JSON.stringify(await jsonld.compact(expanded, {'@context': ctx}));
    t1 = process.hrtime.bigint();
  }
  fs.writeFileSync(out, result);
  console.log((Number(t1 - t0) / 1e9).toFixed(6));
})().catch(e => { console.error(e); process.exit(1); });
EOF

# ours: the "convert" phase of --time
ours() {
	"$CLI" convert --time "$@" 2>"$BENCH_DIR/time.txt" || { cat "$BENCH_DIR/time.txt" >&2; exit 1; }
	sed -n 's/.*convert \([0-9.]*\) s.*/\1/p' "$BENCH_DIR/time.txt" >"$BENCH_DIR/secs.txt"
}
# jsonld.js, killed after PEER_TIMEOUT seconds: prints its seconds or ">T"
peer() {
	if out=$(timeout "$PEER_TIMEOUT" node "$BENCH_DIR/peer.js" "$@" 2>"$BENCH_DIR/peer.err"); then
		echo "$out"
	elif [ $? -eq 124 ]; then
		echo ">$PEER_TIMEOUT"
	else
		cat "$BENCH_DIR/peer.err" >&2
		exit 1
	fi
}
# the smaller of two times ("" when there is no first one yet)
min() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; fi; }
rate() { case $2 in '>'*) echo "<$(awk -v n="$1" -v s="${2#>}" 'BEGIN { printf "%.0f", n / s }')" ;; *) awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }' ;; esac; }
ratio() { case $1 in '>'*) echo ">$(awk -v a="${1#>}" -v b="$2" 'BEGIN { printf "%.1f", a / b }')" ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }' ;; esac; }

printf '%-10s %-8s %9s %10s %10s %12s %12s %7s %s\n' operation persons triples \
	"ours s" "jsonld.js s" "ours t/s" "jsonld.js t/s" ratio isomorphic
# the document of n persons and jsonld.js's N-Quads of it (compaction's input)
prepare() {
	doc=$BENCH_DIR/persons-$1.jsonld
	[ -f "$doc" ] || node "$BENCH_DIR/gen.js" "$CONTEXT" "$1" "$doc"
	ctxjson=$BENCH_DIR/persons-$1.context.json
}

for n in $SIZES; do
	prepare "$n"
	# toRdf, REPEAT times each side, alternating: the fastest of each
	o='' p=''
	r=0
	while [ "$r" -lt "$REPEAT" ]; do
		ours --from jsonld --to nquads "$doc" >"$BENCH_DIR/ours-$n.nq"
		o=$(min "$o" "$(cat "$BENCH_DIR/secs.txt")")
		pr=$(peer toRdf "$doc" "$BENCH_DIR/peer-$n.nq")
		[ -n "$pr" ] || exit 1
		case $pr in '>'*) echo "bench: jsonld.js toRdf did not finish in $PEER_TIMEOUT s" >&2; exit 1 ;; esac
		p=$(min "$p" "$pr")
		r=$((r + 1))
	done
	t=$(wc -l <"$BENCH_DIR/ours-$n.nq" | tr -d ' ')
	if "$CLI" isomorphic --format nquads "$BENCH_DIR/ours-$n.nq" "$BENCH_DIR/peer-$n.nq"; then iso=yes; else iso=NO; fi
	printf '%-10s %-8s %9s %10s %10s %12s %12s %6sx %s\n' toRdf "$n" "$t" "$o" "$p" \
		"$(rate "$t" "$o")" "$(rate "$t" "$p")" "$(ratio "$p" "$o")" "$iso"
done

for n in $COMPACT_SIZES; do
	prepare "$n"
	# compaction's input: jsonld.js's N-Quads of the document
	if [ ! -s "$BENCH_DIR/peer-$n.nq" ]; then
		p=$(peer toRdf "$doc" "$BENCH_DIR/peer-$n.nq")
		case $p in '>'*|'') echo "bench: jsonld.js toRdf of $n persons failed" >&2; exit 1 ;; esac
	fi
	t=$(wc -l <"$BENCH_DIR/peer-$n.nq" | tr -d ' ')
	# compaction: fromRdf + compact with the same context, from the same N-Quads
	ours --from nquads --to jsonld --options "{\"context\": $(cat "$ctxjson")}" \
		"$BENCH_DIR/peer-$n.nq" >"$BENCH_DIR/ours-$n.compact.jsonld"
	o=$(cat "$BENCH_DIR/secs.txt")
	rm -f "$BENCH_DIR/peer-$n.compact.jsonld"
	p=$(peer compact "$BENCH_DIR/peer-$n.nq" "$BENCH_DIR/peer-$n.compact.jsonld" "$ctxjson")
	[ -n "$p" ] || exit 1
	fromrdf=$(sed -n 's/^fromRDF //p' "$BENCH_DIR/peer.err")
	# our compacted document gives back the graph; and jsonld.js's, when it finished
	"$CLI" convert --from jsonld --to nquads "$BENCH_DIR/ours-$n.compact.jsonld" >"$BENCH_DIR/ours-$n.back.nq"
	if "$CLI" isomorphic --format nquads "$BENCH_DIR/ours-$n.back.nq" "$BENCH_DIR/peer-$n.nq"; then iso=yes; else iso=NO; fi
	if [ -f "$BENCH_DIR/peer-$n.compact.jsonld" ]; then
		"$CLI" convert --from jsonld --to nquads "$BENCH_DIR/peer-$n.compact.jsonld" >"$BENCH_DIR/peer-$n.back.nq"
		if "$CLI" isomorphic --format nquads "$BENCH_DIR/peer-$n.back.nq" "$BENCH_DIR/peer-$n.nq"; then iso="$iso/yes"; else iso="$iso/NO"; fi
	else
		iso="$iso/-"
	fi
	printf '%-10s %-8s %9s %10s %10s %12s %12s %6sx %s\n' compact "$n" "$t" "$o" "$p" \
		"$(rate "$t" "$o")" "$(rate "$t" "$p")" "$(ratio "$p" "$o")" "$iso"
	echo "           (jsonld.js fromRDF alone: ${fromrdf:-?}; compact isomorphic: ours/jsonld.js)"
done
echo "load average at the end: $(load)"
echo "targets: toRdf >= 20x, compact >= 10x jsonld.js's triples per second"
