# The OOTS evidence exchange against the official material in
# ../shared/eu/oots: every official evidence-exchange example (requests,
# responses, error responses of EDM v1.0, v1.2 and v2.0) parses with the
# oots plugin -- a request through the native checks, a response into a
# graph, an error response into SQLSTATE OOTS0 carrying the file's EDM
# error code -- and goes through both the EDM v1.0 XSDs (libxml2's
# validator, xmllint --schema, on a local wrapper schema: rim.xsd imports
# xml/xlink/ws-addr without a schemaLocation) and the native Schematron
# checks. Requests we generate validate against the XSDs and pass the
# checks; a broken one fails, so the validator can fail. Counts are
# printed at the end.
use strict;
use warnings;
use File::Basename qw(basename);
use File::Find;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $oots = ($ENV{OSLO_SHARED_COPY} // '') . '/eu/oots';
my $edm = "$oots/tdd_chapters-OOTS-EDM-2023-04/OOTS-EDM";
plan skip_all => "OOTS material not found ($edm/xsd): ../shared/eu/oots is absent "
  . '(test/run_tap.sh copies ../shared/eu to OSLO_SHARED_COPY)'
  unless -d "$edm/xsd" && -d "$edm/xml";
plan skip_all => 'xmllint not found (Debian: libxml2-utils)'
  unless grep { -x "$_/xmllint" } split /:/, $ENV{PATH};

my $tmp = PostgreSQL::Test::Utils::tempdir;
my $xsd = "$tmp/oots-edm-v1.0.xsd";
append_to_file($xsd, <<"XSD");
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="$edm/xsd/xml/xml.xsd"/>
  <xs:import namespace="http://www.w3.org/1999/xlink" schemaLocation="$edm/xsd/xml/xlink.xsd"/>
  <xs:import namespace="http://www.w3.org/2005/08/addressing" schemaLocation="$edm/xsd/xml/ws-addr.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:rim:4.0" schemaLocation="$edm/xsd/regrep4/rim.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:rs:4.0" schemaLocation="$edm/xsd/regrep4/rs.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0" schemaLocation="$edm/xsd/regrep4/query.xsd"/>
  <xs:import namespace="http://data.europa.eu/p4s" schemaLocation="$edm/xsd/sdg/SDG-GenericMetadataProfile-v1.0.0.xsd"/>
</xs:schema>
XSD

# (valid, diagnostics)
sub xsd_valid
{
	my ($file) = @_;
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run([ 'xmllint', '--noout', '--nonet', '--schema', $xsd, $file ],
		'>', \$out, '2>', \$err);
	return ($ok ? 1 : 0, $err);
}

sub slurp
{
	my ($f) = @_;
	open my $fh, '<:raw', $f or die "$f: $!";
	local $/;
	my $s = <$fh>;
	close $fh;
	return $s;
}

sub write_file
{
	my ($name, $text) = @_;
	my $f = "$tmp/$name";
	open my $fh, '>:raw', $f or die "$f: $!";
	print $fh $text;
	close $fh;
	return $f;
}

sub sql_literal
{
	my ($s) = @_;
	$s =~ s/'/''/g;
	return "'$s'";
}

my $node = PostgreSQL::Test::Cluster->new('oots');
$node->init;
$node->start;
$node->safe_psql('postgres', "CREATE DATABASE oots ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('oots', 'CREATE EXTENSION oslo_interop');

# the evidence-exchange messages: not the ebMS headers, the evidence
# payloads, the snippets (fragments) or the DSD / Evidence Broker answers
my @examples;
find(
	sub {
		return unless -f $_ && /\.xml$/;
		my $p = $File::Find::name;
		return if $p =~ m{/Snippets/|/DSD/|/EB/|/common_services/|/Evidence Samples/};
		return if /entete|[Hh]eader/;
		push @examples, $p;
	},
	$oots);
@examples = sort @examples;
cmp_ok(scalar @examples, '>=', 20, 'official evidence-exchange examples found: ' . scalar @examples);

my %count = (parsed => 0, xsd_valid => 0, checked => 0, findings => 0);
my %by_kind;
for my $file (@examples)
{
	my $name = $file;
	$name =~ s{^\Q$oots\E/}{};
	my $xml = slurp($file);
	my $v10 = $name =~ m{^tdd_chapters-OOTS-EDM-2023-04/};
	my $kind =
	    $xml =~ /<(?:\w+:)?QueryRequest\b/ ? 'request'
	  : $xml =~ /<(?:\w+:)?Exception\b/ ? 'error'
	  : 'response';
	$by_kind{$kind}++;
	my $lit = sql_literal($xml);

	# parse
	if ($kind eq 'request')
	{
		my ($rc, $out, $err) = $node->psql('oots', "SELECT count(*) FROM oslo.oots_check($lit)");
		ok($rc == 0, "$name: request parses (native checks ran)") or diag($err);
		$count{parsed}++ if $rc == 0;
	}
	elsif ($kind eq 'response')
	{
		my ($rc, $out, $err) = $node->psql('oots',
			"SELECT oslo.triple_count(oslo.oots_response_to_graph($lit, checks => 'off'))");
		ok($rc == 0 && $out > 10, "$name: response parses into a graph ($out triples)")
		  or diag($err);
		$count{parsed}++ if $rc == 0 && $out > 10;
		my $persons = $node->safe_psql('oots',
			"SELECT count(*) FROM oslo.triples(oslo.oots_response_to_graph($lit, checks => 'off')) t "
			  . "WHERE t.object IN ('http://www.w3.org/ns/person#Person', 'http://www.w3.org/ns/legal#LegalEntity')");
		cmp_ok($persons, '>=', 1, "$name: the evidence subject is a person:Person or legal:LegalEntity");
	}
	else
	{
		my ($code) = $xml =~ /<(?:\w+:)?Exception\b[^>]*\bcode="([^"]*)"/s;
		my ($rc, $out, $err) = $node->psql('oots',
			"\\set VERBOSITY verbose\nSELECT oslo.oots_response_to_graph($lit)");
		my $expect = defined $code ? qr/OOTS0: OOTS error response \Q$code\E:/ : qr/OOTS0: OOTS error response without an EDM error code/;
		ok($rc != 0 && $err =~ $expect,
			"$name: error response raises OOTS0 with " . ($code // 'no code'))
		  or diag($err);
		$count{parsed}++ if $rc != 0 && $err =~ $expect;
	}

	# XSD (EDM v1.0): the v1.0 examples must validate; v1.2 and v2.0 are counted
	my ($valid, $diag) = xsd_valid($file);
	$count{xsd_valid}++ if $valid;
	if ($v10)
	{
		ok($valid, "$name: valid against the EDM v1.0 XSDs") or diag($diag);
	}
	else
	{
		note("$name: " . ($valid ? 'valid' : 'not valid') . ' against the EDM v1.0 XSDs'
			  . ($valid ? '' : " (a later EDM version): " . (split /\n/, $diag)[0]));
	}

	# native Schematron checks: the v1.0 examples have no findings
	my ($rc, $rules, $err) = $node->psql('oots',
		"SELECT coalesce(string_agg(rule, ' ' ORDER BY rule), '') FROM oslo.oots_check($lit)");
	ok($rc == 0, "$name: native checks run") or diag($err);
	$count{checked}++ if $rc == 0;
	my $n = $rules eq '' ? 0 : scalar(split / /, $rules);
	$count{findings} += $n;
	if ($v10)
	{
		is($rules, '', "$name: no finding of the native EDM v1.0 checks");
	}
	else
	{
		note("$name: $n native finding(s) $rules");
	}
}

# requests we generate: valid against the XSDs, no native finding
my $args = <<'SQL';
	'{"identifier": "12345678", "scheme": "0106", "name": "Gemeente Breda", "lang": "NL",
	  "address": {"full_address": "Claudius Prinsenlaan 10, 4811 DJ Breda", "post_city_name": "Breda", "admin_unit_level_1": "NL", "admin_unit_level_2": "NL411"}}',
	'{"identifier": "0316381039", "scheme": "urn:cef.eu:names:identifier:EAS:0208", "name": "Stad Gent", "lang": "NL"}',
	'{"identifier": "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a",
	  "classification": "https://sr.oots.tech.europa.eu/evidencetypeclassifications/BE/3f2e1d0c-9b8a-4765-a432-10fedcba9876",
	  "title": "Bewijs van woonst", "description": "Uittreksel uit het bevolkingsregister", "lang": "NL",
	  "format": "application/xml", "conforms_to": "https://sr.oots.tech.europa.eu/distributions/residence-1.0.0",
	  "transformation": "https://sr.oots.tech.europa.eu/distributions/residence-1.0.0/address-only"}'
SQL
my @persons = (
	'{"level_of_assurance": "Substantial", "family_name": "Peeters", "given_name": "Lotte", "date_of_birth": "1985-03-01"}',
	'{"level_of_assurance": "High", "identifier": "BE/NL/850301123456", "family_name": "Peeters", "given_name": "Lotte <&> \"Marie\"", '
	  . '"date_of_birth": "1985-03-01", "birth_name": "Janssens", "place_of_birth": "Sint-Niklaas", "gender": "Unspecified", '
	  . '"current_address": {"full_address": "Veldstraat 12 bus 3, 9000 Gent", "locator_designator": "12 bus 3", "post_code": "9000", '
	  . '"post_city_name": "Gent", "thoroughfare": "Veldstraat", "admin_unit_level_1": "BE", "admin_unit_level_2": "BE234"}, '
	  . '"sector_specific_attributes": [{"name": "IBAN", "uri": "http://eidas.europa.eu/attributes/naturalperson/banking/IBAN", "value": "BE68539007547034"}, '
	  . '{"name": "BIC", "uri": "http://eidas.europa.eu/attributes/naturalperson/banking/BIC", "value": "GKCCBEBB"}]}',);
my @extras = (
	'',
	", procedure => 'T2', possibility_for_preview => true",
	", procedure => 'R1', requirements => '[{\"identifier\": \"https://sr.oots.tech.europa.eu/requirements/2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d\", \"name\": \"Proof of residence\", \"lang\": \"EN\"}, "
	  . "{\"identifier\": \"https://sr.oots.tech.europa.eu/requirements/00000000-1111-4222-8333-444444444444\", \"name\": \"Bewijs van woonst\", \"lang\": \"NL\"}]'",
	", preview_location => 'https://preview.gent.example/oots?session=42&step=2', explicit_request_given => false",);
my ($generated, $generated_valid, $first) = (0, 0, undef);
for my $p (@persons)
{
	for my $e (@extras)
	{
		my $req = $node->safe_psql('oots',
			"SELECT oslo.oots_evidence_request($args, " . sql_literal($p) . "$e)");
		$first //= $req;
		my $f = write_file('generated' . ++$generated . '.xml', $req);
		my ($ok, $err) = xsd_valid($f);
		ok($ok, "generated request $generated validates against the EDM v1.0 XSDs") or diag("$err\n$req");
		$generated_valid++ if $ok;
		is($node->safe_psql('oots', 'SELECT count(*) FROM oslo.oots_check(' . sql_literal($req) . ')'),
			'0', "generated request $generated: no native finding");
	}
}

# the same validator rejects broken requests
for my $b (
	[ 'FamilyName after GivenName',
		sub { $_[0] =~ s{(<sdg:FamilyName>[^<]*</sdg:FamilyName>)(<sdg:GivenName>[^<]*</sdg:GivenName>)}{$2$1} } ],
	[ 'DateOfBirth not a date', sub { $_[0] =~ s{<sdg:DateOfBirth>[^<]*}{<sdg:DateOfBirth>1985-13-01} } ],
	[ 'no Query', sub { $_[0] =~ s{<query:Query .*</query:Query>}{}s } ],)
{
	my $broken = $first;
	$b->[1]->($broken);
	isnt($broken, $first, "mutation applied: $b->[0]");
	my ($ok) = xsd_valid(write_file('broken.xml', $broken));
	ok(!$ok, "a request with $b->[0] fails the XSDs");
}

# failing calls leave the backend's memory flat: the json-c tree, the
# libxml2 documents, XPath contexts and buffers are freed on every error path
{
	my $error_response = sql_literal(slurp(
		"$oots/oots-france-edm-v2.0/spec/fixtures/reference/messages/erreur.xml"));
	my $response = sql_literal(slurp(
		"$edm/xml/Request-Response Samples/4.5.4 - OOTS-EDM XML Examples of the Evidence Exchange/"
		  . "2 Example for requesting a Birth Certificate - natural person/2.2 Step 2  Evidence Response - Birth - full example.xml"));
	my $broken_response = $response;
	$broken_response =~ s/urn:uuid:4ffb5281/urn:uuid:xxxx5281/;
	my $bad_person = sql_literal(
		'{"level_of_assurance": "High", "family_name": "P", "given_name": "L", "date_of_birth": "1985-02-30"}');
	my @failing = (
		"SELECT oslo.oots_evidence_request($args, $bad_person)",
		"SELECT oslo.transform('{\"id\": \"0b6c3d9e-2f41-4c55-9a8e-7d1f00c0ffee\", \"issued\": \"x\"}', 'oots-request-params', 'oots-request')",
		"SELECT oslo.transform('{\"id\": ', 'oots-request-params', 'oots-request')",
		"SELECT oslo.graph_from($error_response, 'oots-response')",
		"SELECT oslo.oots_response_to_graph($error_response)",
		"SELECT oslo.oots_response_to_graph($broken_response, checks => 'error')",
		"SELECT oslo.transform('<query:QueryResponse xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0\"/>', 'oots-response', 'ntriples')",
		"SELECT oslo.transform('<a/>', 'oots-request', 'oots-check')",);
	my $memory = q{SELECT sum(total_bytes) FROM pg_backend_memory_contexts};
	my $rss = q{SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s+(\d+)'))[1]::bigint};
	my $run = sub {
		my ($n) = @_;
		return join('', map { $failing[ $_ % @failing ] . ";\n" } 1 .. $n);
	};
	my $sql = "\\set VERBOSITY sqlstate\n" . $run->(400)
	  . "SELECT 'before', ($memory), ($rss);\n" . $run->(4000)
	  . "SELECT 'after', ($memory), ($rss);\n";
	my ($stdout, $stderr);
	$node->psql('oots', $sql, stdout => \$stdout, stderr => \$stderr, on_error_stop => 0);
	my ($mem_before, $rss_before) = $stdout =~ /^before\|(\d+)\|(\d+)$/m;
	my ($mem_after, $rss_after) = $stdout =~ /^after\|(\d+)\|(\d+)$/m;
	ok(defined $mem_after, 'the session survived 4,400 failing OOTS calls') or diag($stdout);
	my %codes;
	$codes{$1}++ while $stderr =~ /ERROR:\s+([0-9A-Z]{5})/g;
	my $errors = 0;
	$errors += $_ for values %codes;
	is($errors, 4400, 'every failing OOTS call failed with an error') or diag(substr($stderr, 0, 2000));
	ok(!exists $codes{XX000}, 'no internal error (XX000)');
	is_deeply([ sort keys %codes ], [ '22000', '2200N', '22023', '22P02', 'OOTS0' ],
		'the SQLSTATEs: 22023 bad parameters, 22P02 bad JSON, 22000 / OOTS0 error responses, 2200N content')
	  or diag(join(', ', map { "$_ x$codes{$_}" } sort keys %codes));
	note("memory contexts $mem_before -> $mem_after bytes, RSS $rss_before -> $rss_after kB");
	cmp_ok($mem_after - $mem_before, '<', 64 * 1024, 'memory contexts did not grow');
	cmp_ok($rss_after - $rss_before, '<', 2048, 'RSS grew by less than 2 MB');
}

my $total = scalar @examples;
my $summary =
    "OOTS official examples: $total ($by_kind{request} requests, $by_kind{response} responses, "
  . "$by_kind{error} error responses); parsed $count{parsed}/$total; valid against the EDM v1.0 XSDs "
  . "$count{xsd_valid}/$total; native-checked $count{checked}/$total with $count{findings} finding(s); "
  . "generated requests valid $generated_valid/$generated";
diag($summary);
is($count{parsed}, $total, 'every official example parses');

$node->stop;
done_testing();
