#!/bin/sh
# bench/rml.sh: the RML engine ("oslo-interop rml") against RocketRML 2.1.2
# (npm, xpathLib "default" and "fontoxpath") and the same mapping written as
# XSLT for xsltproc, on a generated MAGDA-like XML document: N persons (INSZ,
# given and family name, birth date, address), 4 triples each. Then a
# BIG_MB document through ours and xsltproc: peak memory against input size.
#
# Every tool runs as a whole process under /usr/bin/time (wall and CPU
# seconds, peak RSS), measured side by side in one run: ours and xsltproc
# the best of ROUNDS runs, RocketRML once. On a busy machine compare the CPU
# column. Outputs are checked to hold the same triples
# (isomorphic on N, same sorted statements on BIG_MB).
#
#   sh bench/rml.sh                    N=20000, BIG_MB=100
#   N=2000 BIG_MB=10 sh bench/rml.sh   smaller
# Environment: BENCH_DIR (scratch folder outside the repository),
# ROCKETRML_MODULE (path of a rocketrml package, default a scratch install of
# its own: it conflicts with newer jsonld packages), PEER_TIMEOUT (seconds a
# RocketRML run may take, default 600), ROUNDS (default 5), CLI.
set -eu
N=${N:-20000}
BIG_MB=${BIG_MB:-100}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oslo_interop_rml_bench}
PEER_TIMEOUT=${PEER_TIMEOUT:-600}
ROUNDS=${ROUNDS:-5}
CLI=${CLI:-build/oslo-interop}
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "bench: $TIME is needed (Debian package time)" >&2; exit 1; }
[ -x "$CLI" ] || make -s cli
mkdir -p "$BENCH_DIR"
export LC_ALL=C

# the document generator: persons the way a MAGDA GeefPersoon reply lists them
cat >"$BENCH_DIR/gen.awk" <<'EOF'
BEGIN {
	split("Jan Anna Pieter Els Geert Marie Luc Sofie Tom Lies", given, " ")
	split("Peeters Janssens Maes Jacobs Thijs Willems Claes Goossens Wouters De_Smet", family, " ")
	split("Kerkstraat Stationsstraat Schoolstraat Dorpstraat Molenstraat Nieuwstraat", street, " ")
	split("9000_Gent 1000_Brussel 2000_Antwerpen 3000_Leuven 8000_Brugge 9160_Lokeren", city, " ")
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Repliek><Context><Naam>GeefPersoon</Naam></Context><Antwoorden>\n"
	for (i = 0; i < n; i++) {
		y = 1940 + i % 70; m = 1 + i % 12; d = 1 + i % 28
		f = family[1 + i % 10]; sub(/_/, " ", f)
		c = city[1 + i % 6]; sub(/_/, " ", c)
		# INSZ: birth date and a serial number, unique for up to 2.1 million persons
		printf "<Persoon><INSZ>%02d%02d%02d%05d</INSZ><Voornaam>%s</Voornaam><Naam>%s</Naam><Geboorte>%04d-%02d-%02d</Geboorte><Adres>%s %d, %s</Adres></Persoon>\n", \
			y % 100, m, d, i % 100000, given[1 + i % 10], f, y, m, d, street[1 + i % 6], 1 + i % 200, c
	}
	printf "</Antwoorden></Repliek>\n"
}
EOF
# the mapping, in the legacy RML vocabulary RocketRML reads (ours reads both)
cat >"$BENCH_DIR/persons.rml.ttl" <<'EOF'
@prefix rr: <http://www.w3.org/ns/r2rml#> .
@prefix rml: <http://semweb.mmlab.be/ns/rml#> .
@prefix ql: <http://semweb.mmlab.be/ns/ql#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix locn: <http://www.w3.org/ns/locn#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/mapping/Persoon> a rr:TriplesMap ;
  rml:logicalSource [ rml:source "persons.xml" ; rml:referenceFormulation ql:XPath ;
                      rml:iterator "/Repliek/Antwoorden/Persoon" ] ;
  rr:subjectMap [ rr:template "https://data.vlaanderen.be/id/persoon/{INSZ}" ] ;
  rr:predicateObjectMap [ rr:predicate foaf:givenName ; rr:objectMap [ rml:reference "Voornaam" ] ] ;
  rr:predicateObjectMap [ rr:predicate foaf:familyName ; rr:objectMap [ rml:reference "Naam" ] ] ;
  rr:predicateObjectMap [ rr:predicate persoon:geboortedatum ;
                          rr:objectMap [ rml:reference "Geboorte" ; rr:datatype xsd:date ] ] ;
  rr:predicateObjectMap [ rr:predicate locn:fullAddress ; rr:objectMap [ rml:reference "Adres" ] ] .
EOF
# the same statements as XSLT writing N-Triples text (the values need no escaping)
cat >"$BENCH_DIR/persons.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
<xsl:for-each select="/Repliek/Antwoorden/Persoon">
<xsl:variable name="s" select="concat('&lt;https://data.vlaanderen.be/id/persoon/', INSZ, '&gt; ')"/>
<xsl:value-of select="$s"/>&lt;http://xmlns.com/foaf/0.1/givenName&gt; "<xsl:value-of select="Voornaam"/>" .
<xsl:value-of select="$s"/>&lt;http://xmlns.com/foaf/0.1/familyName&gt; "<xsl:value-of select="Naam"/>" .
<xsl:value-of select="$s"/>&lt;https://data.vlaanderen.be/ns/persoon#geboortedatum&gt; "<xsl:value-of select="Geboorte"/>"^^&lt;http://www.w3.org/2001/XMLSchema#date&gt; .
<xsl:value-of select="$s"/>&lt;http://www.w3.org/ns/locn#fullAddress&gt; "<xsl:value-of select="Adres"/>" .
</xsl:for-each>
</xsl:template>
</xsl:stylesheet>
EOF
# RocketRML, timed inside Node as well (the mapping call alone)
cat >"$BENCH_DIR/rocketrml.js" <<'EOF'
// node rocketrml.js MAPPING SOURCE-NAME SOURCE-FILE OUT XPATHLIB
const fs = require('fs');
const parser = require(process.env.ROCKETRML_MODULE);
const [mappingFile, sourceName, sourceFile, out, xpathLib] = process.argv.slice(2);
(async () => {
  const mapping = fs.readFileSync(mappingFile, 'utf8');
  const inputs = {[sourceName]: fs.readFileSync(sourceFile, 'utf8')};
  const t0 = process.hrtime.bigint();
  const result = await parser.parseFileLive(mapping, inputs, {toRDF: true, verbose: false, xpathLib});
  const t1 = process.hrtime.bigint();
  fs.writeFileSync(out, result);
  console.log((Number(t1 - t0) / 1e9).toFixed(3));
})().catch(e => { console.error(e); process.exit(1); });
EOF

# RocketRML in a folder of its own; the bench goes on without it when it cannot be had
rocketrml=yes
if [ -z "${ROCKETRML_MODULE:-}" ]; then
	ROCKETRML_MODULE=$BENCH_DIR/js-rml/node_modules/rocketrml
	if [ ! -f "$ROCKETRML_MODULE/package.json" ] && command -v npm >/dev/null 2>&1; then
		echo "installing rocketrml@2.1.2 in $BENCH_DIR/js-rml"
		mkdir -p "$BENCH_DIR/js-rml"
		(cd "$BENCH_DIR/js-rml" && npm install --silent --no-audit --no-fund rocketrml@2.1.2 >/dev/null 2>&1) || true
	fi
fi
if ! command -v node >/dev/null 2>&1 || [ ! -f "$ROCKETRML_MODULE/package.json" ]; then
	echo "skipped: RocketRML (node and npm rocketrml@2.1.2 are needed)"
	rocketrml=no
fi
export ROCKETRML_MODULE

# measure NAME OUT CMD...: runs CMD > OUT under /usr/bin/time; sets wall, cpu, rss_mb
measure() {
	m_name=$1 m_out=$2
	shift 2
	if ! "$TIME" -f '%e %U %S %M' -o "$BENCH_DIR/time.txt" "$@" >"$m_out" 2>"$BENCH_DIR/$m_name.err"; then
		if grep -q 'Command exited with non-zero status 124' "$BENCH_DIR/time.txt" 2>/dev/null; then
			wall=">$PEER_TIMEOUT" cpu="-" rss_mb="-"
			return 0
		fi
		echo "bench: $m_name failed:" >&2
		cat "$BENCH_DIR/$m_name.err" >&2
		exit 1
	fi
	set -- $(tail -n 1 "$BENCH_DIR/time.txt")
	wall=$1
	cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
	rss_mb=$(awk -v k="$4" 'BEGIN { printf "%.0f", k / 1024 }')
}
# best NAME OUT CMD...: measure ROUNDS times, keep the lowest wall and CPU (the fast tools; noise only adds)
best() {
	b_wall= b_cpu=
	r=0
	while [ "$r" -lt "$ROUNDS" ]; do
		measure "$@"
		b_wall=$(awk -v a="$wall" -v b="${b_wall:-$wall}" 'BEGIN { print (a < b ? a : b) }')
		b_cpu=$(awk -v a="$cpu" -v b="${b_cpu:-$cpu}" 'BEGIN { print (a < b ? a : b) }')
		r=$((r + 1))
	done
	wall=$b_wall cpu=$b_cpu
}
# ratio A B: A / B; "-" when B is below /usr/bin/time's resolution
ratio() {
	case $1 in
	-) echo - ;;
	'>'*) awk -v a="${1#>}" -v b="$2" 'BEGIN { if (b > 0) printf ">%.1f", a / b; else print "-" }' ;;
	*) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }' ;;
	esac
}
row() { # row TOOL OUT
	t=$(wc -l <"$2" | tr -d ' ')
	if [ "$2" = "$ours_out" ]; then iso=-
	elif "$CLI" isomorphic --format ntriples "$ours_out" "$2"; then iso=yes; else iso=NO; fi
	printf '%-22s %8s %8s %8s %9s %9s %9s %s\n' "$1" "$wall" "$cpu" "$rss_mb" "$t" \
		"$(ratio "$wall" "$ours_wall")" "$(ratio "$cpu" "$ours_cpu")" "$iso"
}

doc=$BENCH_DIR/persons-$N.xml
[ -f "$doc" ] || awk -v n="$N" -f "$BENCH_DIR/gen.awk" >"$doc"
size=$(wc -c <"$doc" | tr -d ' ')
echo "RML: $N persons, $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MB of XML; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-22s %8s %8s %8s %9s %9s %9s %s\n' tool "wall s" "cpu s" "RSS MB" triples \
	"x wall" "x cpu" isomorphic
ours_out=$BENCH_DIR/ours-$N.nt
best ours "$ours_out" "$CLI" rml "$BENCH_DIR/persons.rml.ttl" persons.xml="$doc"
ours_wall=$wall ours_cpu=$cpu
row "oslo-interop rml" "$ours_out"
best xsltproc "$BENCH_DIR/xsltproc-$N.nt" xsltproc "$BENCH_DIR/persons.xsl" "$doc"
row "xsltproc" "$BENCH_DIR/xsltproc-$N.nt"
if [ "$rocketrml" = yes ]; then
	for lib in default fontoxpath; do
		out=$BENCH_DIR/rocketrml-$lib-$N.nt
		rm -f "$out.tmp"
		measure "rocketrml-$lib" "$BENCH_DIR/rocketrml-$lib.time" timeout "$PEER_TIMEOUT" \
			node "$BENCH_DIR/rocketrml.js" "$BENCH_DIR/persons.rml.ttl" persons.xml "$doc" "$out.tmp" "$lib"
		if [ -f "$out.tmp" ]; then mv "$out.tmp" "$out"; else : >"$out"; fi
		row "RocketRML $lib" "$out"
		echo "                       (RocketRML's mapping call alone: $(cat "$BENCH_DIR/rocketrml-$lib.time" 2>/dev/null || echo '?') s)"
	done
fi
echo "x: the tool's time over ours (higher: ours is faster); targets: RocketRML >= 50x, xsltproc >= 1x"

# peak memory on a big document: ours reads records one at a time, xsltproc builds the DOM
big=$BENCH_DIR/persons-${BIG_MB}MB.xml
if [ ! -f "$big" ]; then
	nbig=$(awk -v mb="$BIG_MB" -v n="$N" -v s="$size" 'BEGIN { printf "%d", mb * 1048576 * n / s }')
	awk -v n="$nbig" -f "$BENCH_DIR/gen.awk" >"$big"
fi
bsize=$(wc -c <"$big" | tr -d ' ')
bmb=$(awk -v b="$bsize" 'BEGIN { printf "%.1f", b / 1048576 }')
echo
echo "RML: $bmb MB of XML, peak RSS over input size"
printf '%-22s %8s %8s %8s %9s %9s\n' tool "wall s" "cpu s" "RSS MB" "RSS/size" triples
for tool in ours xsltproc; do
	out=$BENCH_DIR/$tool-big.nt
	if [ $tool = ours ]; then
		measure ours-big "$out" "$CLI" rml "$BENCH_DIR/persons.rml.ttl" persons.xml="$big"
	else
		measure xsltproc-big "$out" xsltproc "$BENCH_DIR/persons.xsl" "$big"
	fi
	printf '%-22s %8s %8s %8s %9s %9s\n' "$tool" "$wall" "$cpu" "$rss_mb" \
		"$(awk -v r="$rss_mb" -v s="$bmb" 'BEGIN { printf "%.2fx", r / s }')" "$(wc -l <"$out" | tr -d ' ')"
done
if [ "$(sort "$BENCH_DIR/ours-big.nt" | cksum)" = "$(sort "$BENCH_DIR/xsltproc-big.nt" | cksum)" ]; then
	echo "same statements: yes"
else
	echo "same statements: NO"
fi
rm -f "$BENCH_DIR/ours-big.nt" "$BENCH_DIR/xsltproc-big.nt"
echo "target: ours <= 3x the input size"
