#!/bin/sh
# test_cli.sh: the oslo-interop command-line tool, end to end (plugins from
# build/plugins, contexts from mappings/). Prints "N passed, M failed".
set -u
CLI=${CLI:-build/oslo-interop}
export OSLO_PLUGIN_DIR=${OSLO_PLUGIN_DIR:-$PWD/build/plugins}
export OSLO_MAPPINGS_DIR=${OSLO_MAPPINGS_DIR:-$PWD/mappings}
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

# SHACL validation of files, without a database
cat >"$work/shapes.ttl" <<'TTL'
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://e/S> a sh:NodeShape ; sh:targetClass <http://e/P> ;
	sh:property [ sh:path <http://e/born> ; sh:datatype xsd:date ; sh:minCount 1 ] .
TTL
printf '<http://e/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/P> .\n<http://e/a> <http://e/born> "1980-02-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n' >"$work/good.nt"
printf '<http://e/b> a <http://e/P> ; <http://e/born> "1980-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n' >"$work/bad.ttl"
check validate_conforms 0 $CLI validate --shapes "$work/shapes.ttl" "$work/good.nt"
contains validate_conforms_text "$work/out" 'conforms'
check validate_not_conforms 1 $CLI validate --shapes "$work/shapes.ttl" "$work/good.nt" "$work/bad.ttl"
contains validate_names_value "$work/out" '1980-02-30'
contains validate_names_component "$work/out" 'DatatypeConstraintComponent'
printf '{"@id": "http://e/c", "@type": "http://e/P", "http://e/born": {"@value": "1980-02-29", "@type": "http://www.w3.org/2001/XMLSchema#date"}}' >"$work/good.jsonld"
check validate_jsonld_input 0 $CLI validate --shapes "$work/shapes.ttl" "$work/good.jsonld"
check validate_json 1 $CLI validate --shapes "$work/shapes.ttl" --format json "$work/bad.ttl"
contains validate_json_conforms "$work/out" '"conforms": false'
printf '@prefix sh: <http://www.w3.org/ns/shacl#> . <http://e/S> a sh:NodeShape ; sh:targetNode <http://e/x> ; sh:maxCount "1" .\n' >"$work/malformed.ttl"
check validate_malformed_shapes 2 $CLI validate --shapes "$work/malformed.ttl" "$work/good.nt"
contains validate_malformed_named "$work/err" 'sh:maxCount'

# RML mappings over files named on the command line (the tool reads them, the engine never does)
cat >"$work/rml.ttl" <<'TTL'
@prefix rml: <http://w3id.org/rml/> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<#Persoon> a rml:TriplesMap ;
  rml:logicalSource [ rml:source "persons.xml" ; rml:referenceFormulation rml:XPath ;
                      rml:iterator "/Repliek/Persoon" ] ;
  rml:subjectMap [ rml:template "http://example.org/persoon/{INSZ}" ] ;
  rml:predicateObjectMap [ rml:predicate ex:naam ; rml:objectMap [ rml:reference "Naam" ] ] ;
  rml:predicateObjectMap [ rml:predicate ex:geboren ;
                           rml:objectMap [ rml:reference "@geboren" ; rml:datatype xsd:date ] ] .
TTL
printf '<Repliek><Persoon geboren="1990-02-25"><INSZ>90022512345</INSZ><Naam>Peeters</Naam></Persoon>\n<Persoon><INSZ>80010154321</INSZ><Naam>Jans &amp; "Co"</Naam></Persoon></Repliek>\n' >"$work/persons.xml"
check rml_to_ntriples 0 $CLI rml "$work/rml.ttl" persons.xml="$work/persons.xml"
cp "$work/out" "$work/rml.nt"
contains rml_literal "$work/rml.nt" '<http://example.org/persoon/90022512345> <http://example.org/naam> "Peeters" .'
contains rml_escaped "$work/rml.nt" '<http://example.org/persoon/80010154321> <http://example.org/naam> "Jans & \"Co\"" .'
contains rml_datatype "$work/rml.nt" '"1990-02-25"^^<http://www.w3.org/2001/XMLSchema#date> .'
if [ "$(wc -l <"$work/rml.nt")" -eq 3 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL rml_count: $(wc -l <"$work/rml.nt") statements, expected 3"; fi
check rml_to_turtle 0 $CLI rml "$work/rml.ttl" persons.xml="$work/persons.xml" --to turtle
cp "$work/out" "$work/rml.out.ttl"
check rml_turtle_same_graph 0 $CLI isomorphic --format turtle "$work/rml.out.ttl" "$work/rml.nt"
check rml_time 0 $CLI rml "$work/rml.ttl" persons.xml="$work/persons.xml" --time
contains rml_time_printed "$work/err" '(3 statements)'
check rml_unknown_source 2 $CLI rml "$work/rml.ttl" people.xml="$work/persons.xml"
contains rml_unknown_source_named "$work/err" 'source "persons.xml", which is not given: add persons.xml=FILE'
check rml_not_source_file 2 $CLI rml "$work/rml.ttl" "$work/persons.xml"
contains rml_not_source_file_named "$work/err" 'is not SOURCE=FILE'
check rml_missing_file 2 $CLI rml "$work/rml.ttl" persons.xml="$work/nosuch.xml"
contains rml_missing_file_named "$work/err" 'cannot open'
sed 's/rml:subjectMap/rml:nosuchMap/' "$work/rml.ttl" >"$work/rml-nosubject.ttl"
check rml_bad_mapping 2 $CLI rml "$work/rml-nosubject.ttl" persons.xml="$work/persons.xml"
contains rml_bad_mapping_named "$work/err" 'the triples map has no subject map'
printf '@prefix rml: <http://w3id.org/rml/> .\n<#TM> rml:logicalSource [ .\n' >"$work/rml-syntax.ttl"
check rml_mapping_syntax 2 $CLI rml "$work/rml-syntax.ttl" persons.xml="$work/persons.xml"
contains rml_mapping_syntax_line "$work/err" 'line 2'
printf '<Repliek>\n<Persoon><INSZ>1</INSZ></Persoon>\n<Persoon><INSZ>2</Persoon>\n</Repliek>\n' >"$work/bad-persons.xml"
check rml_bad_xml 2 $CLI rml "$work/rml.ttl" persons.xml="$work/bad-persons.xml"
contains rml_bad_xml_line "$work/err" 'XML source "persons.xml" is not well-formed at line 5: Premature end of data'
printf '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><Repliek><Persoon><INSZ>1</INSZ><Naam>[&e;]</Naam></Persoon></Repliek>' >"$work/xxe-persons.xml"
check rml_xxe 0 $CLI rml "$work/rml.ttl" persons.xml="$work/xxe-persons.xml"
if grep -q 'root:' "$work/out" "$work/err"; then failed=$((failed + 1)); echo "FAIL rml_xxe: file content leaked"; else passed=$((passed + 1)); fi
check rml_unknown_format 2 $CLI rml "$work/rml.ttl" persons.xml="$work/persons.xml" --to nosuch
contains rml_unknown_format_named "$work/err" 'unknown output format "nosuch"'

# align: OSLO -> SEMIC with the alignment files of mappings/semic, and back
cat >"$work/persoon.ttl" <<'TTL'
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/p> a <http://www.w3.org/ns/person#Person> ;
  persoon:heeftGeboorte [ a persoon:Geboorte ; persoon:datum "1984-12-17T00:00:00"^^xsd:dateTime ] .
TTL
check align_forward 0 $CLI align --from turtle --to ntriples "$work/persoon.ttl"
contains align_forward_birth_date "$work/out" '<http://example.org/p> <http://data.europa.eu/m8g/birthDate> "1984-12-17"^^<http://www.w3.org/2001/XMLSchema#date> .'
if grep -q 'heeftGeboorte' "$work/out"; then failed=$((failed + 1)); echo "FAIL align_forward_consumes_event: the OSLO event passed through"; else passed=$((passed + 1)); fi
cp "$work/out" "$work/semic.nt"
check align_backward 0 $CLI align --backward --from ntriples --to ntriples "$work/semic.nt"
contains align_backward_event "$work/out" '<https://data.vlaanderen.be/ns/persoon#heeftGeboorte>'
check align_emit_sparql 0 $CLI align --emit-sparql
contains align_emit_sparql_construct "$work/out" 'CONSTRUCT'
check align_unknown 2 $CLI align --alignment nosuch "$work/persoon.ttl"

# make install puts the tool and its mappings beside the server's programs
installed="$(${PG_CONFIG:-pg_config} --bindir)/oslo-interop"
if [ -x "$installed" ]; then
	( cd / && env -u OSLO_MAPPINGS_DIR -u OSLO_PLUGIN_DIR "$installed" convert --from magda --to oslo-persoon-im "$work/p.xml" ) >"$work/out" 2>"$work/err"
	contains installed_tool_finds_plugin_and_context "$work/out" '"PersonEnvelope"'
else
	echo "skipped: $installed not installed (make install)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
