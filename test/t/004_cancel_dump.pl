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
-- a chain of 100,000 nodes: every node's sh:oneOrMorePath walks the rest of
-- it, quadratic work that only a cancel ends
CREATE TABLE chain AS
SELECT oslo.graph_from_ntriples(string_agg(format('<http://e/n%s> <http://e/next> <http://e/n%s> .', i, i + 1), E'\n')) AS g
FROM generate_series(1, 100000) i;
SELECT oslo.profile_load('walk', '@prefix sh: <http://www.w3.org/ns/shacl#> .
<http://e/S> a sh:NodeShape ; sh:targetSubjectsOf <http://e/next> ;
  sh:property [ sh:path [ sh:oneOrMorePath <http://e/next> ] ; sh:nodeKind sh:IRI ] .');
-- 300,000 JSON-LD nodes and 300,000 XML records
CREATE TABLE bigjson AS
SELECT jsonb_build_object('@context', jsonb_build_object('@vocab', 'http://e/'),
       '@graph', jsonb_agg(jsonb_build_object('@id', 'http://e/s' || i, 'name', 'value ' || i, 'n', i))) AS doc
FROM generate_series(1, 300000) i;
-- 100,000 GeefPersoon responses at a local authentic source, all registered:
-- one lookup_many transforms them all at the source
CREATE TABLE registry (insz text PRIMARY KEY, response text NOT NULL);
INSERT INTO registry
SELECT lpad(i::text, 11, '0'), format('<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"><Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context><Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR"><INSZ>%s</INSZ><Naam><Achternamen><Achternaam>Naam %s</Achternaam></Achternamen></Naam></Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>', lpad(i::text, 11, '0'), i)
FROM generate_series(1, 100000) i;
SELECT oslo.entity_register('registry', local => true);
SELECT oslo.publish('persoon', 'registry', 'insz', 'magda', document_column => 'response');
CREATE ROLE cancel_app;
SELECT oslo.authorize('cancel_app', 'persoon', 'p1');
SELECT oslo.register('cancel_app', array_agg(insz), 'p1') FROM registry;
CREATE TABLE bigxml AS
SELECT '<r>' || string_agg(format('<p id="%s"><n>value %s</n></p>', i, i), '') || '</r>' AS doc
FROM generate_series(1, 300000) i;
});
my $rml = q{@prefix rml: <http://w3id.org/rml/> . <urn:m:P> a rml:TriplesMap ;
  rml:logicalSource [ rml:source "s" ; rml:referenceFormulation rml:XPath ; rml:iterator "/r/p" ] ;
  rml:subjectMap [ rml:template "http://e/p/{@id}" ] ;
  rml:predicateObjectMap [ rml:predicate <http://e/n> ; rml:objectMap [ rml:reference "n" ] ] .};

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
	[ 'N-Quads writing', 'SELECT length(oslo.to_nquads(oslo.graph_from_ntriples(nt))) FROM big' ],
	[ 'SHACL validation', q{SELECT oslo.conforms(g, 'walk') FROM chain} ],
	[ 'JSON-LD toRdf', 'SELECT oslo.triple_count(oslo.graph_from_jsonld(doc)) FROM bigjson' ],
	[ 'RML mapping', "SELECT oslo.triple_count(oslo.rml_apply('$rml', doc)) FROM bigxml" ],
	[ 'only-once lookup', q{SELECT count(*) FROM oslo.lookup_many('persoon', (SELECT array_agg(insz) FROM registry), 'p1')} ])
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
SELECT oslo.codelist_load('@prefix skos: <http://www.w3.org/2004/02/skos/core#> . <http://e/c/1> a skos:Concept ; skos:notation "1" ; skos:inScheme <http://e/c> .');
SELECT oslo.mapping_register('mine', '@prefix rml: <http://w3id.org/rml/> . <#T> a rml:TriplesMap ; rml:logicalSource [ rml:source "x" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$[*]" ] ; rml:subjectMap [ rml:template "http://e/{$.id}" ] .');
DROP TABLE big, chain, bigjson, bigxml;
});
my $dump = $node->basedir . '/dump.sql';
$node->command_ok([ 'pg_dump', '-d', $node->connstr('postgres'), '-f', $dump ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->command_ok([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-q', '-d', $node->connstr('restored'), '-f', $dump ],
	'restore');
# every catalog row, builtin or not, once: the same in both databases
my $catalog_rows = q{
SELECT string_agg(t, ' ' ORDER BY t) FROM (
	SELECT 'context:' || iri || ':' || builtin AS t FROM oslo.context
	UNION ALL SELECT 'profile:' || name || ':' || builtin FROM oslo.profile
	UNION ALL SELECT 'mapping:' || name || ':' || builtin FROM oslo.mapping
	UNION ALL SELECT 'codelist:' || scheme || ':' || code || ':' || concept FROM oslo.codelist
	UNION ALL SELECT 'entity:' || name FROM oslo.entity
	UNION ALL SELECT 'source:' || concept || ':' || entity FROM oslo.authentic_source
	UNION ALL SELECT 'authorization:' || application || ':' || concept || ':' || purpose FROM oslo.authorization
	UNION ALL SELECT 'registrations:' || count(*) FROM oslo.registration) rows};
my $before = $node->safe_psql('postgres', $catalog_rows);
like($before, qr/codelist:http:\/\/e\/c:1:.*context:https:\/\/example.org\/mine.jsonld:false.*mapping:mine:false.*profile:mine:false.*registrations:100000/,
	'the user rows are there before the dump');
is($node->safe_psql('restored', $catalog_rows), $before, 'user rows survive, builtin rows come back once');
is($node->safe_psql('restored', q{SELECT oslo.conforms('<http://e/x> <http://e/p> "1" .', 'mine')}), 't',
	'a restored profile validates');

$node->stop;
done_testing();
