#!/bin/sh
# test_cli.sh: the oslo-interop command-line tool, end to end (plugins from
# build/plugins, contexts from mappings/). Prints "N passed, M failed".
set -u
CLI=${CLI:-build/oslo-interop}
export OSLO_PLUGIN_DIR=${OSLO_PLUGIN_DIR:-$PWD/build/plugins}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { # check NAME EXPECTED_STATUS CMD...
	name=$1 want=$2
	shift 2
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $got, expected $want"
		cat "$work/err"
	fi
}
contains() { # contains NAME FILE TEXT
	if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: '$3' not in $2"; fi
}

printf '@prefix e: <http://example.org/> .\ne:a e:p "x", [ e:q 1 ] .\n' >"$work/a.ttl"
check turtle_to_ntriples 0 $CLI convert --from turtle --to ntriples "$work/a.ttl"
cp "$work/out" "$work/a.nt"
contains ntriples_output "$work/a.nt" '<http://example.org/a> <http://example.org/p> "x" .'
sed 's/_:b1/_:zz/g' "$work/a.nt" >"$work/b.nt"
check isomorphic_relabelled 0 $CLI isomorphic --format ntriples "$work/a.nt" "$work/b.nt"
printf '<http://example.org/a> <http://example.org/p> "y" .\n' >"$work/c.nt"
check not_isomorphic 1 $CLI isomorphic --format ntriples "$work/a.nt" "$work/c.nt"
printf '<http://example.org/a> <http://example.org/p> "unterminated .\n' >"$work/bad.nt"
check syntax_error 2 $CLI convert --from ntriples --to turtle "$work/bad.nt"
contains syntax_error_line "$work/err" 'line 1'
check unknown_format 2 $CLI convert --from nosuch --to turtle "$work/a.nt"
contains unknown_format_named "$work/err" 'unknown format "nosuch"'
check formats 0 $CLI formats
contains formats_magda "$work/out" 'oslo-persoon-im'

cat >"$work/p.xml" <<'XML'
<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR"><INSZ>90650212345</INSZ><Naam><Achternamen><Achternaam>Peeters</Achternaam></Achternamen></Naam></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>
XML
check magda_to_im 0 $CLI convert --from magda --to oslo-persoon-im "$work/p.xml"
contains magda_envelope "$work/out" '"PersonEnvelope"'
contains magda_insz "$work/out" '90650212345'
printf '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' >"$work/xxe.xml"
check magda_not_magda 2 $CLI convert --from magda --to ntriples "$work/xxe.xml"
if grep -q 'root:' "$work/out" "$work/err"; then failed=$((failed + 1)); echo "FAIL xxe: file content leaked"; else passed=$((passed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
