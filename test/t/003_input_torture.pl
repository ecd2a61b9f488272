# Backend-level input torture (in the spirit of pgvector's input test):
# random truncations, byte flips, deep nesting and oversize values of valid
# MAGDA, JSON-LD, Turtle, N-Quads, RML and SHACL inputs, through SQL. The backend never
# crashes and no error is an internal one (XX000).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('torture');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION oslo_interop');
# a profile for the SHACL inputs to validate against before their own loads
$node->safe_psql('postgres', q{SELECT oslo.profile_load('torture', '@prefix sh: <http://www.w3.org/ns/shacl#> . <http://e/S> a sh:NodeShape ; sh:targetNode <http://e/x> ; sh:minCount 1 ; sh:path <http://e/a> .')});

my %valid = (
	magda => q{<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR" DatumCreatie="1990-05-02"><INSZ>90650212345</INSZ><Naam><Achternamen><Achternaam>Peeters</Achternaam></Achternamen><Voornamen><Voornaam>Anna</Voornaam></Voornamen></Naam><Geslacht><Code>2</Code></Geslacht><Geboorte><Datum>1990-05-02</Datum></Geboorte><Adressen><Hoofdverblijfplaats><Huisnummer>12</Huisnummer><Land><String>BELGIE</String><Taal>nl</Taal></Land><Postcode>9000</Postcode><ISOCodeLand>BEL</ISOCodeLand><NietGestandaardiseerdeStraatnaam><String>Veldstraat</String></NietGestandaardiseerdeStraatnaam></Hoofdverblijfplaats></Adressen></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>},
	jsonld => q{{"@context": {"@vocab": "http://e/", "foaf": "http://xmlns.com/foaf/0.1/", "n": {"@id": "foaf:name", "@language": "nl"}, "l": {"@id": "http://e/l", "@container": "@list"}}, "@id": "http://e/a", "@type": "foaf:Person", "n": "Ann", "l": [1, 2.5, true], "knows": {"@id": "_:b", "n": "B"}, "@reverse": {"http://e/r": {"@id": "http://e/c"}}}},
	turtle => qq{\@prefix e: <http://e/> .\n\@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\ne:a e:p "x"\@nl, "1"^^xsd:integer, [ e:q e:b ] ;\n  e:r ( 1 2 3 ) .\n},
	nquads => qq{<http://e/a> <http://e/p> "v\\u00e9"^^<http://e/t> <http://e/g> .\n_:x <http://e/p> _:y .\n},
	rml => qq{\@prefix rml: <http://w3id.org/rml/> .\n\@prefix e: <http://e/> .\n<urn:m:P> a rml:TriplesMap ;\n rml:logicalSource [ rml:source "s" ; rml:referenceFormulation rml:XPath ; rml:iterator "/r/p" ] ;\n rml:subjectMap [ rml:template "http://e/p/{\@id}" ; rml:class e:P ] ;\n rml:predicateObjectMap [ rml:predicate e:n ; rml:objectMap [ rml:reference "n" ; rml:language "nl" ] ] ;\n rml:predicateObjectMap [ rml:predicate e:k ; rml:objectMap [ rml:parentTriplesMap <urn:m:P> ; rml:joinCondition [ rml:child "k" ; rml:parent "\@id" ] ] ] .\n},
	shacl => qq{\@prefix sh: <http://www.w3.org/ns/shacl#> .\n\@prefix e: <http://e/> .\n\@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\ne:S a sh:NodeShape ; sh:targetClass e:P ;\n sh:property [ sh:path ( e:a [ sh:inversePath e:b ] ) ; sh:minCount 1 ; sh:datatype xsd:string ; sh:pattern "^[a-z]+\$" ] ;\n sh:or ( [ sh:class e:Q ] [ sh:nodeKind sh:IRI ] ) ; sh:in ( 1 2 "x" ) .\ne:x a e:P ; e:a "abc" .\n},
);
my %call = (
	magda => 'oslo.magda_to_oslo(%s::text)',
	jsonld => 'oslo.to_nquads(oslo.graph_from_jsonld(%s::jsonb))',
	turtle => 'oslo.to_ntriples(oslo.graph_from_turtle(%s))',
	nquads => 'oslo.to_nquads(%s::oslo.graph)',
	# a mapping and its source: both are untrusted text to the engine
	rml => q{oslo.to_nquads(oslo.rml_apply(%s, '<r><p id="1"><n>An</n><k>1</k></p><p id="2"><n>Bo</n></p></r>'))},
	# shapes loaded as a profile, and validating themselves as data (against
	# the profile as the statement's snapshot sees it)
	shacl => q{oslo.profile_load('torture', %1$s)::text || (SELECT count(*) FROM oslo.validation_results(oslo.graph_from_turtle(%1$s), 'torture'))::text},
);

srand(20261129);
my $script = "\\set VERBOSITY sqlstate\n";
my $n = 0;
for my $kind (sort keys %valid)
{
	my $text = $valid{$kind};
	for my $i (1 .. 300)
	{
		my $m = $text;
		my $r = rand();
		if ($r < 0.3) { $m = substr($m, 0, int(rand(length $m))); }
		elsif ($r < 0.7)
		{
			for (1 .. 1 + int(rand(4)))
			{
				my $pos = int(rand(length $m));
				substr($m, $pos, 1) = chr(1 + int(rand(126)));
			}
		}
		elsif ($r < 0.85)
		{
			my $pos = int(rand(length $m));
			substr($m, $pos, 0) = substr($m, int(rand(length $m)), int(rand(40)));
		}
		else { $m = $m x (1 + int(rand(5))); }
		$m =~ s/'/''/g;
		$script .= sprintf("SELECT length((%s)::text);\n", sprintf($call{$kind}, "'$m'"));
		$n++;
	}
}
# deep nesting and oversize values
$script .= sprintf("SELECT length(oslo.to_nquads(oslo.graph_from_jsonld('%s'::jsonb)));\n",
	('{"http://e/p": ' x 2000) . '1' . ('}' x 2000));
$script .= sprintf("SELECT length(oslo.to_ntriples(oslo.graph_from_turtle('%s')));\n",
	'<http://e/a> <http://e/p> ' . ('[ <http://e/p> ' x 3000) . '1' . (' ]' x 3000) . ' .');
$script .= sprintf("SELECT oslo.magda_to_oslo('%s'::text);\n", ('<a>' x 5000) . ('</a>' x 5000));
$script .= "SET oslo.max_input_size = '64kB';\n";
$script .= sprintf("SELECT oslo.graph_from_ntriples(repeat('<http://e/a> <http://e/p> \"x\" .' || E'\\n', 10000));\n");
$n += 4;

my ($stdout, $stderr);
$node->psql('postgres', $script, stdout => \$stdout, stderr => \$stderr, on_error_stop => 0);

my %codes;
$codes{$1}++ while $stderr =~ /ERROR:\s+([0-9A-Z]{5})/g;
note("SQLSTATEs: " . join(', ', map { "$_ x$codes{$_}" } sort keys %codes));
my $answered = () = $stdout =~ /^\d+$|^\{/mg;
note("$answered of $n inputs were accepted");
ok(!exists $codes{XX000}, 'no internal error (XX000)');
unlike($stderr, qr/server closed|terminated|connection to server was lost/i, 'no backend crash');
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'the server still answers');
cmp_ok(scalar(keys %codes), '>=', 3, 'errors are specific (several SQLSTATEs)');
ok(!exists $codes{42883}, 'the test calls existing functions');

$node->stop;
done_testing();
