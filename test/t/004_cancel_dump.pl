# Long transforms answer statement_timeout and pg_cancel_backend; the
# catalog rows users add survive pg_dump and restore, the extension's own
# rows are not duplicated.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $node = PostgreSQL::Test::Cluster->new('cancel');
$node->init;
$node->append_conf('postgresql.conf', "oslo.max_input_size = '512MB'");
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
-- about 60 MB of N-Triples: seconds of parsing, far more than the timeout
CREATE TABLE big AS
SELECT string_agg(format('<http://e/s%s> <http://e/p%s> "value %s" .', i, i % 97, i), E'\n') AS nt
FROM generate_series(1, 800000) i;
});

sub timed_failure
{
	my ($sql) = @_;
	my ($stdout, $stderr);
	my $t0 = time();
	$node->psql('postgres', "\\set VERBOSITY sqlstate\nSET statement_timeout = '300ms';\n$sql",
		stdout => \$stdout, stderr => \$stderr, on_error_stop => 0);
	return (time() - $t0, $stderr);
}

for my $case (
	[ 'N-Triples parsing', 'SELECT oslo.triple_count(oslo.graph_from_ntriples(nt)) FROM big' ],
	[ 'JSON-LD output', 'SELECT length(oslo.to_jsonld(oslo.graph_from_ntriples(nt))::text) FROM big' ],
	[ 'N-Quads writing', 'SELECT length(oslo.to_nquads(oslo.graph_from_ntriples(nt))) FROM big' ])
{
	my ($seconds, $stderr) = timed_failure($case->[1]);
	like($stderr, qr/ERROR:\s+57014/, "$case->[0] is cancelled by statement_timeout");
	cmp_ok($seconds, '<', 1.3 + 0.3, "$case->[0] stops within a second of the timeout")
	  or diag("took $seconds s");
}

# pg_cancel_backend from another session
my $psql = $node->background_psql('postgres', on_error_stop => 0);
my $pid = $psql->query_safe('SELECT pg_backend_pid()');
$psql->query_until(qr/started/, "\\echo started\nSELECT oslo.triple_count(oslo.graph_from_ntriples(nt)) FROM big;\n");
sleep(0.3);
my $t0 = time();
$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
my $answer = $psql->query('SELECT 1');
cmp_ok(time() - $t0, '<', 1.0, 'pg_cancel_backend is answered within a second');
like($psql->{stderr}, qr/canceling statement due to user request/, 'the transform was cancelled');
$psql->quit;

# dump and restore keep the rows users added, not the builtin ones twice
$node->safe_psql('postgres', q{
SELECT oslo.context_register('https://example.org/mine.jsonld', '{"@context": {"n": "http://e/n"}}');
SELECT oslo.profile_load('mine', '@prefix sh: <http://www.w3.org/ns/shacl#> . <http://e/S> a sh:NodeShape ; sh:targetNode <http://e/x> ; sh:property [ sh:path <http://e/p> ; sh:minCount 1 ] .');
SELECT oslo.mapping_register('mine', '@prefix rml: <http://w3id.org/rml/> . <#T> a rml:TriplesMap ; rml:logicalSource [ rml:source "x" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$[*]" ] ; rml:subjectMap [ rml:template "http://e/{$.id}" ] .');
DROP TABLE big;
});
my $dump = $node->basedir . '/dump.sql';
$node->command_ok([ 'pg_dump', '-d', $node->connstr('postgres'), '-f', $dump ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-q', '-d', $node->connstr('restored'), '-f', $dump ],
	'restore');
is($node->safe_psql('restored', q{
SELECT (SELECT count(*) FROM oslo.context) || ' ' || (SELECT count(*) FROM oslo.context WHERE NOT builtin)
    || ' ' || (SELECT string_agg(name, ',') FROM oslo.profile) || ' ' || (SELECT string_agg(name, ',') FROM oslo.mapping)}),
	'2 1 mine mine', 'user rows survive, builtin rows come back once');
is($node->safe_psql('restored', q{SELECT oslo.conforms('<http://e/x> <http://e/p> "1" .', 'mine')}), 't',
	'a restored profile validates');

$node->stop;
done_testing();
