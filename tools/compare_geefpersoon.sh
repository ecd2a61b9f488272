#!/bin/bash
# compare_geefpersoon.sh: the RML mapping mappings/magda/geefpersoon.rml.ttl
# against the magda plugin's C reader (the oracle), response by response.
#
# For every GeefPersoon 02.02 response under ../shared/magda/examples (grep -l
# GeefPersoonResponse), the GeefPersoon 02.00 fixtures of test/fixtures/magda,
# and the edge cases written below (rules the mock responses never exercise),
# once without and once with the OSLO-Persoon-MAGDA-IM code lists:
#
#   C:   oslo-interop [--codelists DIR] convert --from magda --to ntriples FILE
#   RML: oslo-interop [--codelists DIR] rml MAPPING response=FILE --to ntriples
#
# and `oslo-interop isomorphic` on the two. A response the C reader refuses
# (SOAP fault, level-2 refusal, ...) is counted as "refused": recognising
# those stays in the plugin's C, the mapping is never run on them.
#
# Warnings (Uitzondering 99983, "code not in code list"): the C reader puts
# them in the graph as <.../MAGDA/Uitzondering/99983> nodes; the CLI's rml
# command prints the engine's warnings on stderr instead (in the plugin each
# becomes such a node). Both sides are compared without the 99983 node's
# triples, and separately the warning texts (the C's diagnose literals, the
# engine's messages) must be the same set; -v shows them.
#
# Prints isomorphic / different / error / refused counts per mode and, for
# the first differences, a diff of the sorted N-Triples with blank nodes
# blanked, and one line per response the C reader refuses (with its reason);
# last "N passed, M failed" (responses x modes) for tools/run_tests.sh.
# Exit 0 only when every response is isomorphic and has the same warnings; 1 on a difference; 2 on an error. Skips (exit 0, message) when
# ../shared is absent.
#
# Usage: tools/compare_geefpersoon.sh [-v] [-n MAXDIFFS] [FILE.xml ...]
#   (no FILE: the whole corpus). Env: CLI (default build/oslo-interop),
#   OSLO_SHARED (default ../shared), MAPPING, and ORACLE_CLI /
#   ORACLE_PLUGIN_DIR (default: CLI and its plugins) for the C side. Once the
#   plugin runs this mapping itself, "convert --from magda" is no oracle any
#   more: point ORACLE_CLI and ORACLE_PLUGIN_DIR at a build that still has
#   the C reader.
set -u
cd "$(dirname "$0")/.." || exit 2

verbose=0
maxdiffs=3
while [ $# -gt 0 ]; do
	case $1 in
	-v) verbose=1; shift ;;
	-n) maxdiffs=$2; shift 2 ;;
	*) break ;;
	esac
done

CLI=${CLI:-build/oslo-interop}
export OSLO_PLUGIN_DIR=${OSLO_PLUGIN_DIR:-$PWD/build/plugins}
export OSLO_MAPPINGS_DIR=${OSLO_MAPPINGS_DIR:-$PWD/mappings}
MAPPING=${MAPPING:-mappings/magda/geefpersoon.rml.ttl}
shared=${OSLO_SHARED:-../shared}
examples=$shared/magda/examples
codelists=$shared/magda/oslo-mapping/OSLO-Persoon-MAGDA-IM/codelijsten
fixtures=test/fixtures/magda/geefpersoon-02.00

if [ ! -d "$examples" ] || [ ! -d "$codelists" ]; then
	echo "compare_geefpersoon: skipped: MAGDA examples or code lists not found under $shared"
	exit 0
fi
if [ ! -x "$CLI" ]; then
	echo "compare_geefpersoon: $CLI not found (make -s install-all)" >&2
	exit 2
fi
if [ ! -f "$MAPPING" ]; then
	echo "compare_geefpersoon: $MAPPING not found" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# copies of the tools and plugins: others may rebuild build/ during the run
if [ -z "${ORACLE_CLI:-}" ]; then
	echo "compare_geefpersoon: note: the C side is $CLI itself; if its magda plugin runs this mapping, set ORACLE_CLI and ORACLE_PLUGIN_DIR to a build with the C reader"
fi
ORACLE_CLI=${ORACLE_CLI:-$CLI}
ORACLE_PLUGIN_DIR=${ORACLE_PLUGIN_DIR:-$OSLO_PLUGIN_DIR}
mkdir -p "$work/bin/plugins" "$work/oracle/plugins"
cp "$CLI" "$work/bin/oslo-interop" && cp "$OSLO_PLUGIN_DIR"/*.so "$work/bin/plugins/" || exit 2
cp "$ORACLE_CLI" "$work/oracle/oslo-interop" && cp "$ORACLE_PLUGIN_DIR"/*.so "$work/oracle/plugins/" || exit 2
CLI=$work/bin/oslo-interop
export OSLO_PLUGIN_DIR=$work/bin/plugins
oracle() { OSLO_PLUGIN_DIR=$work/oracle/plugins "$work/oracle/oslo-interop" "$@"; }

# ---- edge cases: rules of the C reader that no mock response exercises ----
mkdir -p "$work/edge"
edge_response() { # edge_response NAME NAMESPACE VERSION ANTWOORDEN
	cat >"$work/edge/$1.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
<web:GeefPersoonResponse xmlns:web="$2"><Repliek>
<Context><Naam>GeefPersoon</Naam><Versie>$3</Versie></Context>
<Antwoorden>
$4
</Antwoorden></Repliek></web:GeefPersoonResponse></soapenv:Body></soapenv:Envelope>
EOF
}
NS0202=http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02
NS0200=http://webservice.geefpersoondienst-02_00.persoon-02_00.vip.vlaanderen.be

# two persons; contact data; beheerders abroad; incomplete and invalid dates;
# every address kind; NietGestandaardiseerde names, Taal, VolledigAdres;
# unsafe and empty codes; history everywhere
edge_response edge-0202 $NS0202 02.02.0000 '
<Antwoord><Inhoud><Persoon Bron="KSZ" DatumCreatie="2000-02-30" DatumModificatie="2000-02-29">
 <INSZ> 80010100123 </INSZ>
 <Naam><Achternamen><Achternaam>Smet</Achternaam><Achternaam/></Achternamen><Voornamen><Voornaam> An </Voornaam></Voornamen></Naam>
 <Geslacht><Code/></Geslacht>
 <Referentiedossier><INSZ>80010100222</INSZ></Referentiedossier>
 <Beheerder><Plaats><Land><ISOCode>NLD</ISOCode><Naam>NEDERLAND</Naam></Land></Plaats></Beheerder>
 <Beheerder><Plaats><Land><ISOCode>XX</ISOCode><Naam>ONBEKEND</Naam></Land></Plaats></Beheerder>
 <Beheerder DatumEinde="2010-01-01"><Plaats><Gemeente><Naam>Gent</Naam></Gemeente></Plaats></Beheerder>
 <Geboorte><Datum>1980-00-00</Datum></Geboorte>
 <Overlijden><Datum>0000-00-00</Datum></Overlijden>
 <BurgerlijkeStaten>
  <BurgerlijkeStaat DatumEinde="2001-01-01"><Code>20</Code><Partner><INSZ>70010100111</INSZ><Naam><Achternamen><Achternaam>Oud</Achternaam></Achternamen></Naam></Partner></BurgerlijkeStaat>
  <BurgerlijkeStaat DatumEinde="2003-01-01"><Code>30</Code></BurgerlijkeStaat>
 </BurgerlijkeStaten>
 <Contactgegevens><Telefoon>09 123 45 67</Telefoon><GSM>0470 12 34 56</GSM><Email>an@example.org</Email></Contactgegevens>
 <Adressen>
  <Hoofdverblijfplaats><NietGestandaardiseerdeStraatnaam><String>Rue Haute</String></NietGestandaardiseerdeStraatnaam><Huisnummer>7</Huisnummer><Busnummer> </Busnummer><Postcode>1000</Postcode><Gemeentenaam><String>Bruxelles</String><Taal>fr</Taal></Gemeentenaam><Land><String>BELGIQUE</String><Taal>FR</Taal></Land></Hoofdverblijfplaats>
  <ContactAdres><Straatnaam><String/><Taal>nl</Taal></Straatnaam><NietGestandaardiseerdeGemeentenaam><String>Gent</String></NietGestandaardiseerdeGemeentenaam><VolledigAdres><String>Ergens 1, 9000 Gent</String><Taal>nl</Taal></VolledigAdres></ContactAdres>
  <OpgegevenAdres><Straatnaam><String> </String><Taal>de</Taal></Straatnaam><Huisnummer>3</Huisnummer><Busnummer>b</Busnummer><Gemeentenaam><String>Liège</String><Taal>fr</Taal></Gemeentenaam><Land><String>BELGIQUE</String><Taal/></Land></OpgegevenAdres>
  <OpgegevenAdres/>
  <WettelijkeWoonplaats><Teksten><Tekst>Main Street 1</Tekst><Tekst/><Tekst>Springfield</Tekst></Teksten></WettelijkeWoonplaats>
  <PostadresBuitenland DatumEinde="2005-01-01"><Teksten><Tekst>Oud</Tekst></Teksten></PostadresBuitenland>
  <AangifteAdreswijziging><Teksten/><Tekst>Een</Tekst><Tekst>Twee</Tekst></AangifteAdreswijziging>
  <TijdelijkeAfwezigheid><Teksten><Tekst>Weg</Tekst></Teksten></TijdelijkeAfwezigheid>
 </Adressen>
 <Afstammingen>
  <Afstamming DatumBegin="1980-00-00"><Type><Code>00</Code></Type><Ouders><Ouder><INSZ>00000199900</INSZ></Ouder><Ouder><Geslacht><Code>2</Code></Geslacht></Ouder><Ouder><Naam><Voornamen><Voornaam> Moeder</Voornaam></Voornamen></Naam></Ouder></Ouders></Afstamming>
  <Afstamming DatumEinde="1990-01-01"><Type><Code>00</Code></Type><Ouders><Ouder><INSZ>60010100111</INSZ></Ouder></Ouders></Afstamming>
 </Afstammingen>
 <AfstammingenDalendeLijn><AfstammingDalendeLijn DatumBegin="2010-05-06"><Type><Code>X 1</Code></Type><Kind><Naam><Voornamen><Voornaam>Kind</Voornaam></Voornamen></Naam></Kind><Kind><INSZ>10050600123</INSZ></Kind></AfstammingDalendeLijn></AfstammingenDalendeLijn>
 <Referentiepersoon><Naam><Achternamen><Achternaam>Hoofd</Achternaam></Achternamen></Naam><Woonvorm><Code>01</Code></Woonvorm></Referentiepersoon>
 <Gezinsleden><Gezinslid><Positie><Code>01</Code></Positie></Gezinslid><Gezinslid DatumEinde="2000-01-01"><INSZ>80010100999</INSZ></Gezinslid><Gezinslid><INSZ>80010100888</INSZ><Positie><Code>05</Code></Positie></Gezinslid></Gezinsleden>
 <WettelijkeSamenwoning><Partner><INSZ>80010100777</INSZ></Partner><Beeindiging><Reden><Code>1</Code></Reden></Beeindiging></WettelijkeSamenwoning>
</Persoon></Inhoud>
<Uitzonderingen>
 <Uitzondering><Identificatie>30004</Identificatie><Oorsprong>R R</Oorsprong><Type>WAARSCHUWING</Type><Tijdstip><Datum>2021-02-29</Datum><Tijd>10:00:00.000</Tijd></Tijdstip><Diagnose> Eerste </Diagnose><Annotaties><Annotatie><Naam>a</Naam><Waarde>1</Waarde></Annotatie><Annotatie><Naam>a</Naam><Waarde>1</Waarde></Annotatie></Annotaties></Uitzondering>
 <Uitzondering><Identificatie>30004</Identificatie><Oorsprong>RR</Oorsprong><Type>INFORMATIE</Type><Tijdstip><Datum>2024-02-29</Datum><Tijd>10:00</Tijd></Tijdstip><Diagnose>Tweede</Diagnose><Omstandigheid>12</Omstandigheid></Uitzondering>
</Uitzonderingen></Antwoord>
<Antwoord><Inhoud><Persoon Bron="XYZ">
 <INSZ>80010100123</INSZ>
 <Statussen><Status><Code>99990</Code></Status><Status><Code>10</Code></Status></Statussen>
 <Beheerder><Plaats><Gemeente/><Land><ISOCode>BEL</ISOCode></Land></Plaats></Beheerder>
 <Geboorte><Datum>2024-02-29</Datum></Geboorte>
 <BurgerlijkeStaten><BurgerlijkeStaat DatumEinde="2001-01-01"><Code>10</Code></BurgerlijkeStaat><BurgerlijkeStaat><Code>20</Code><Partner><Naam/></Partner></BurgerlijkeStaat><BurgerlijkeStaat><Code>30</Code></BurgerlijkeStaat></BurgerlijkeStaten>
 <Contactgegevens><GSM/><Telefoon>02 000 00 00</Telefoon></Contactgegevens>
 <Adressen><Hoofdverblijfplaats DatumEinde="2020-01-01"><Straatnaam><String>Oude straat</String></Straatnaam></Hoofdverblijfplaats></Adressen>
 <Referentiepersoon DatumEinde="2020-01-01"><INSZ>80010100123</INSZ></Referentiepersoon>
 <WettelijkeSamenwoning><Partner><Naam><Achternamen><Achternaam>Partner</Achternaam></Achternamen></Naam></Partner></WettelijkeSamenwoning>
</Persoon></Inhoud></Antwoord>
<Antwoord><Uitzonderingen><Uitzondering><Identificatie>30001</Identificatie><Oorsprong>MAGDA</Oorsprong><Type>FOUT</Type><Tijdstip><Datum>2024-13-01</Datum><Tijd>10:00:00</Tijd></Tijdstip></Uitzondering><Uitzondering><Identificatie/><Type>FOUT</Type><Tijdstip><Datum>2023-04-30</Datum><Tijd>23:59:59</Tijd></Tijdstip></Uitzondering></Uitzonderingen></Antwoord>'

# 02.00: CRAB street name fallback, history, kinds 02.00 does not know;
# white space around an attribute, an empty DatumEinde (current), ended contact data
edge_response edge-0200 $NS0200 02.00.0000 '
<Antwoord><Inhoud><Persoon DatumCreatie=" 2001-01-01 " Bron=" RR "><INSZ>80010100123</INSZ>
 <Contactgegevens DatumEinde="2020-01-01"><Email>oud@example.org</Email></Contactgegevens>
 <Gezinsleden><Gezinslid DatumEinde=" "><INSZ>80010100456</INSZ><Positie><Code>02</Code></Positie></Gezinslid></Gezinsleden>
 <Adressen>
  <Hoofdverblijfplaats><CRABStraat><Naam>Crabstraat</Naam></CRABStraat><Huisnummer>2</Huisnummer><Gemeente><PostCode>9000</PostCode><Naam>Gent</Naam></Gemeente></Hoofdverblijfplaats>
  <Hoofdverblijfplaats DatumEinde="2001-01-01"><Straat><Naam>Oud</Naam></Straat></Hoofdverblijfplaats>
  <OpgegevenAdres><Straat><Naam> </Naam></Straat><CRABStraat><Naam>Crab</Naam></CRABStraat><Busnummer>1</Busnummer><Land><Naam>BELGIE</Naam></Land></OpgegevenAdres>
  <ContactAdres><Straatnaam><String>Niet in 02.00</String></Straatnaam></ContactAdres>
  <WettelijkeWoonplaats><Teksten><Tekst>Niet in 02.00</Tekst></Teksten></WettelijkeWoonplaats>
  <VerblijfplaatsBuitenland><Teksten><Tekst>Abroad 1</Tekst></Teksten></VerblijfplaatsBuitenland>
 </Adressen>
</Persoon></Inhoud></Antwoord>'

# an 02.00 response without any current address: no Inwonerschap
edge_response edge-0200-noaddress $NS0200 02.00.0000 '
<Antwoord><Inhoud><Persoon><INSZ>80010100123</INSZ><Adressen><AdresUitbetaling><Teksten><Tekst>x</Tekst></Teksten></AdresUitbetaling></Adressen></Persoon></Inhoud></Antwoord>'

# a bare GeefPersoonResponse (no SOAP envelope), a person abroad
cat >"$work/edge/edge-0202-bare.xml" <<EOF
<g:GeefPersoonResponse xmlns:g="$NS0202"><Repliek><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context>
<Antwoorden><Antwoord><Inhoud><Persoon Bron="RR" DatumCreatie="1999-12-31"><INSZ>80010100123</INSZ><Geslacht><Code>1</Code></Geslacht>
<Beheerder><Plaats><Land><ISOCode>nld</ISOCode></Land></Plaats></Beheerder>
<Overlijden><Datum>2020-02-00</Datum></Overlijden>
<Adressen><VerblijfplaatsBuitenland><Teksten><Tekst>Rue 1</Tekst></Teksten></VerblijfplaatsBuitenland><PostadresBuitenland><Teksten><Tekst/></Teksten></PostadresBuitenland></Adressen>
</Persoon></Inhoud></Antwoord></Antwoorden></Repliek></g:GeefPersoonResponse>
EOF

if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(grep -rl --include='*.xml' GeefPersoonResponse "$examples" | sort)
	files+=("$fixtures"/*.xml "$work"/edge/*.xml)
fi

blank() { sed -E 's/_:[A-Za-z0-9_.-]+/_:_/g' "$1" | sort; }
# the 99983 warning node's triples (C) and the engine's warnings (RML, stderr)
not_warning() { grep -v '^<https://data.vlaanderen.be/id/concept/MAGDA/Uitzondering/99983> ' "$1"; }
# the diagnose texts of a graph's 99983 node, unescaped, one per line, sorted
warning_texts() {
	grep '^<https://data.vlaanderen.be/id/concept/MAGDA/Uitzondering/99983> <urn:oslo-interop:magda-persoon-im:diagnose> "' "$1" |
		sed -e 's/^[^"]*"//' -e 's/" \.$//' -e 's/\\"/"/g' | sort -u
}
# the CLI prints the engine's warnings as NOTICE (no warning sink) or WARNING
rml_warning_texts() {
	grep -E '^(WARNING|NOTICE): .*: code ".*" (cannot be a concept of|is not in code list) ' "$1" |
		sed -E 's/^(WARNING|NOTICE): //' | sort -u
}

status=0
passed=0
failed=0
for mode in plain codelists; do
	if [ $mode = codelists ]; then opts=(--codelists "$codelists"); else opts=(); fi
	iso=0 different=0 errors=0 refused=0 warndiff=0 shown=0
	for f in "${files[@]}"; do
		b=$(basename "$f" .xml)
		if [ ! -f "$f" ]; then
			errors=$((errors + 1))
			echo "ERROR: $f: no such file"
			continue
		fi
		if ! oracle "${opts[@]}" convert --from magda --to ntriples "$f" >"$work/c.nt" 2>"$work/c.err"; then
			refused=$((refused + 1))
			echo "refused by C ($mode): $f: $(grep -v NOTICE "$work/c.err" | head -1)"
			continue
		fi
		if ! "$CLI" "${opts[@]}" rml "$MAPPING" "response=$f" --to ntriples >"$work/r.nt" 2>"$work/r.err"; then
			errors=$((errors + 1))
			echo "ERROR ($mode) $f: $(head -3 "$work/r.err")"
			continue
		fi
		not_warning "$work/c.nt" >"$work/c1.nt"
		not_warning "$work/r.nt" >"$work/r1.nt"
		warning_texts "$work/c.nt" >"$work/c.warn"
		{ rml_warning_texts "$work/r.err"; warning_texts "$work/r.nt"; } | sort -u >"$work/r.warn"
		if "$CLI" isomorphic --format ntriples "$work/c1.nt" "$work/r1.nt" >/dev/null 2>&1; then
			iso=$((iso + 1))
		else
			different=$((different + 1))
			if [ $shown -lt "$maxdiffs" ]; then
				shown=$((shown + 1))
				echo "--- DIFFERENT ($mode) $f  (< C, > RML; blank nodes blanked)"
				diff <(blank "$work/c1.nt") <(blank "$work/r1.nt") | grep '^[<>]' | head -40
			else
				echo "DIFFERENT ($mode) $f"
			fi
		fi
		if ! cmp -s "$work/c.warn" "$work/r.warn"; then
			warndiff=$((warndiff + 1))
			echo "--- WARNINGS DIFFER ($mode) $f  (< C, > RML)"
			diff "$work/c.warn" "$work/r.warn" | grep '^[<>]'
		elif [ $verbose = 1 ] && [ -s "$work/c.warn" ]; then
			echo "warnings ($mode) $b:"
			sed 's/^/  /' "$work/c.warn"
		fi
	done
	echo "compare_geefpersoon ($mode): ${#files[@]} responses: $iso isomorphic, $different different, $errors error, $refused refused by the C reader; warnings differ in $warndiff"
	passed=$((passed + iso))
	failed=$((failed + different + errors + warndiff))
	if [ $errors -gt 0 ]; then
		status=2
	elif [ $different -gt 0 ] || [ $warndiff -gt 0 ]; then
		[ $status = 0 ] && status=1
	fi
done
# the summary line tools/run_tests.sh counts
echo "$passed passed, $failed failed"
exit $status
