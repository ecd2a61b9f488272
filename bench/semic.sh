#!/bin/sh
# bench/semic.sh: the OSLO -> SEMIC alignment (mappings/semic) on about
# N_TRIPLES generated OSLO statements (persons with given and family names,
# gender, a birth event, a registration and an address), by our engine and by
# Apache Jena (Debian libapache-jena-java: ARQ in one JVM, the data loaded
# once) running the very same alignment: the .rq files plus the
# correspondences and the passthrough written as plain CONSTRUCT queries
# ("oslo-interop align --emit-sparql", oslo.alignment_sparql in SQL).
#
# Both are timed inside their runtime, the alignment step alone (ours: the
# CLI's "align --time"; Jena: System.nanoTime around the queries), the best
# of ROUNDS runs (Jena's JIT warms up in the first). The outputs must be
# isomorphic ("oslo-interop isomorphic"). Then oslo.to_semic in SQL on the
# same graph (decode, align, encode of an oslo.graph value).
#
#   sh bench/semic.sh                  N_TRIPLES=500000
#   N_TRIPLES=50000 sh bench/semic.sh  smaller
# Environment: BENCH_DIR (scratch folder outside the repository), ROUNDS
# (default 3), CLI, SQL=no to skip the database part.
set -eu
N_TRIPLES=${N_TRIPLES:-500000}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oslo_interop_semic_bench}
ROUNDS=${ROUNDS:-3}
CLI=${CLI:-build/oslo-interop}
SQL=${SQL:-yes}
J=/usr/share/java
export LC_ALL=C

[ -x "$CLI" ] || make -s cli
mkdir -p "$BENCH_DIR"
ALIGN="$CLI --mappings mappings align"

# 20 statements a person
persons=$((N_TRIPLES / 20))
awk -v n="$persons" 'BEGIN {
	split("Jan Anna Pieter Els Geert Marie Luc Sofie Tom Lies", given, " ")
	split("Peeters Janssens Maes Jacobs Thijs Willems Claes Goossens Wouters Smets", family, " ")
	split("Kerkstraat Stationsstraat Schoolstraat Dorpstraat Molenstraat Nieuwstraat", street, " ")
	split("Gent Brussel Antwerpen Leuven Brugge Lokeren", city, " ")
	split("9000 1000 2000 3000 8000 9160", code, " ")
	P = "<https://data.vlaanderen.be/ns/persoon#"; X = "<http://www.w3.org/2001/XMLSchema#"
	T = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"; L = "<http://www.w3.org/ns/locn#"
	for (i = 0; i < n; i++) {
		s = sprintf("<https://example.org/persoon/%d>", i)
		e = sprintf("<https://example.org/persoon/%d/geboorte>", i)
		a = sprintf("<https://example.org/adres/%d>", i)
		c = 1 + i % 6
		printf "%s %s <http://www.w3.org/ns/person#Person> .\n", s, T
		printf "%s <http://xmlns.com/foaf/0.1/givenName> \"%s\" .\n", s, given[1 + i % 10]
		printf "%s <http://xmlns.com/foaf/0.1/givenName> \"%s\" .\n", s, given[1 + (i + 3) % 10]
		printf "%s <http://xmlns.com/foaf/0.1/familyName> \"%s\" .\n", s, family[1 + i % 10]
		printf "%sgeslacht> <https://data.vlaanderen.be/id/concept/IT000/Geslacht/%d> .\n", s " " P, 1 + i % 2
		printf "%sregistratie> _:id%d .\n", s " " P, i
		printf "_:id%d %s <http://www.w3.org/ns/adms#Identifier> .\n", i, T
		printf "_:id%d <http://www.w3.org/2004/02/skos/core#notation> \"%011d\" .\n", i, i
		printf "%sheeftGeboorte> %s .\n", s " " P, e
		printf "%s %s %sGeboorte> .\n", e, T, P
		printf "%s %sdatum> \"%04d-%02d-%02dT00:00:00\"^^%sdateTime> .\n", e, P, 1940 + i % 70, 1 + i % 12, 1 + i % 28, X
		printf "%s %splaats> <https://example.org/plaats/%s> .\n", e, P, city[c]
		printf "%s %saddress> %s .\n", s, L, a
		printf "%s %s %sAddress> .\n", a, T, L
		printf "%s %sthoroughfare> \"%s\"@nl .\n", a, L, street[1 + i % 6]
		printf "%s <https://data.vlaanderen.be/ns/adres#Adresvoorstelling.huisnummer> \"%d\" .\n", a, 1 + i % 200
		printf "%s %spostCode> \"%s\" .\n", a, L, code[c]
		printf "%s <https://data.vlaanderen.be/ns/adres#gemeentenaam> \"%s\"@nl .\n", a, city[c]
		printf "%s <https://data.vlaanderen.be/ns/adres#land> \"België\"@nl .\n", a
		printf "%s <https://data.vlaanderen.be/ns/adres#Adresvoorstelling.busnummer> \"%d\" .\n", a, i % 7
	}
}' >"$BENCH_DIR/oslo.nt"
ntriples=$(wc -l <"$BENCH_DIR/oslo.nt")
echo "input: $ntriples OSLO statements ($persons persons), $(du -h "$BENCH_DIR/oslo.nt" | cut -f1)"

# ours: the best of ROUNDS
best=""
for r in $(seq "$ROUNDS"); do
	t=$($ALIGN --from ntriples --time "$BENCH_DIR/oslo.nt" 2>&1 >"$BENCH_DIR/ours.nt" |
		sed -n 's/.*align \([0-9.]*\) s.*/\1/p')
	best=$(echo "$t ${best:-$t}" | awk '{ print ($1 < $2) ? $1 : $2 }')
done
ours=$best
out_ours=$(wc -l <"$BENCH_DIR/ours.nt")

# Jena: the same alignment as plain CONSTRUCT queries, in one JVM
$ALIGN --emit-sparql >"$BENCH_DIR/alignment.rq"
echo "alignment: $(grep -c '^#-- end of query' "$BENCH_DIR/alignment.rq") CONSTRUCT queries"
jena=skipped
if command -v javac >/dev/null 2>&1 && [ -f $J/jena-arq.jar ]; then
	# Debian's Jena: xerces message bundles where the relocated classes look
	# for them, an explicit classpath (/usr/share/java/* loops in slf4j)
	mkdir -p "$BENCH_DIR/jenafix/res"
	(cd "$BENCH_DIR/jenafix" && unzip -qo $J/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' &&
		cp -r org/apache/jena/ext/xerces res/)
	CP=$BENCH_DIR/jenafix/res:$BENCH_DIR
	for j in jena-arq jena-base jena-core jena-dboe-base jena-iri commons-cli commons-codec \
		commons-compress commons-io commons-lang3 dexx.collection gson guava jackson-core \
		jackson-databind jackson-annotations jsonld-java httpclient httpcore jakarta.json-api \
		titanium-json-ld protobuf thrift slf4j-api slf4j-simple collection caffeine; do
		[ -f $J/$j.jar ] && CP=$CP:$J/$j.jar
	done
	cat >"$BENCH_DIR/AlignBench.java" <<'JAVA'
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.jena.query.*;
import org.apache.jena.rdf.model.*;
import org.apache.jena.riot.*;

// java AlignBench DATA.nt QUERIES.rq OUT.nt ROUNDS: prints the best seconds
public class AlignBench {
	public static void main(String[] a) throws Exception {
		Model data = RDFDataMgr.loadModel(a[0]);
		String[] texts = new String(Files.readAllBytes(Paths.get(a[1])), "UTF-8").split("#-- end of query\n");
		java.util.List<Query> queries = new java.util.ArrayList<>();
		for (String t : texts)
			if (!t.trim().isEmpty())
				queries.add(QueryFactory.create(t));
		double best = Double.MAX_VALUE;
		Model out = null;
		for (int r = 0; r < Integer.parseInt(a[3]); r++) {
			long t0 = System.nanoTime();
			Model m = ModelFactory.createDefaultModel();
			for (Query q : queries)
				try (QueryExecution qe = QueryExecutionFactory.create(q, data)) {
					qe.execConstruct(m);
				}
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
			out = m;
		}
		try (FileOutputStream f = new FileOutputStream(a[2])) {
			RDFDataMgr.write(f, out, Lang.NTRIPLES);
		}
		System.out.println(best);
	}
}
JAVA
	javac -nowarn -cp "$CP" -d "$BENCH_DIR" "$BENCH_DIR/AlignBench.java"
	jena=$(java -Xmx8g -cp "$CP" AlignBench "$BENCH_DIR/oslo.nt" "$BENCH_DIR/alignment.rq" \
		"$BENCH_DIR/jena.nt" "$ROUNDS" 2>/dev/null | tail -1)
	if $CLI isomorphic --format ntriples "$BENCH_DIR/ours.nt" "$BENCH_DIR/jena.nt"; then
		same="isomorphic"
	else
		same="NOT ISOMORPHIC"
	fi
else
	echo "skipped: Jena (javac and Debian libapache-jena-java are needed)"
fi

printf '%-34s %10s %14s %10s\n' "to_semic, $ntriples statements" "seconds" "statements/s" "output"
printf '%-34s %10.3f %14.0f %10s\n' "oslo_interop (align, core)" "$ours" \
	"$(echo "$ntriples $ours" | awk '{ print $1 / $2 }')" "$out_ours"
if [ "$jena" != skipped ]; then
	printf '%-34s %10.3f %14.0f %10s\n' "Jena ARQ 4 (same alignment)" "$jena" \
		"$(echo "$ntriples $jena" | awk '{ print $1 / $2 }')" "$(wc -l <"$BENCH_DIR/jena.nt")"
	echo "outputs: $same; ratio Jena / ours: $(echo "$jena $ours" | awk '{ printf "%.1fx", $1 / $2 }')"
	[ "$same" = isomorphic ] || exit 1
fi

# the SQL function on the same graph, in a throwaway database
if [ "$SQL" = yes ]; then
	PSQL="$(pg_config --bindir)/psql -X -q -v ON_ERROR_STOP=1"
	sh test/cluster.sh start >/dev/null
	eval "export $(sh test/cluster.sh env)"
	$PSQL -d postgres -c "DROP DATABASE IF EXISTS oslo_semic_bench" -c "CREATE DATABASE oslo_semic_bench"
	PSQL="$PSQL -d oslo_semic_bench"
	$PSQL -c "CREATE EXTENSION oslo_interop" -c "CREATE TABLE bench_input (doc text)"
	# one row holding the whole N-Triples document
	awk 'BEGIN { ORS = "" } { gsub(/\\/, "\\\\"); gsub(/\t/, "\\t"); print $0 "\\n" } END { print "\n" }' \
		"$BENCH_DIR/oslo.nt" | $PSQL -c "\copy bench_input FROM STDIN"
	$PSQL -c "SET oslo.max_input_size = '1GB'" -c "CREATE TABLE bench_graph AS SELECT oslo.graph_from(doc, 'ntriples') AS g FROM bench_input"
	{ echo "SET bench.rounds = '$ROUNDS';"; cat <<'SQL'; } | $PSQL
DO $$
DECLARE
	t0 timestamptz;
	best float8 := 'Infinity';
	n bigint;
BEGIN
	FOR r IN 1 .. current_setting('bench.rounds', true)::int LOOP
		t0 := clock_timestamp();
		SELECT oslo.triple_count(oslo.to_semic(g)) INTO n FROM bench_graph;
		best := least(best, extract(epoch FROM clock_timestamp() - t0));
	END LOOP;
	RAISE NOTICE 'oslo.to_semic in SQL (decode, align, encode): % s, % statements/s, % statements out',
		round(best::numeric, 3), round((SELECT oslo.triple_count(g) FROM bench_graph) / best), n;
END $$;
SQL
fi
