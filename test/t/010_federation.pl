# Federated only-once lookups over postgres_fdw between three clusters: a
# person registry (GeefPersoon responses, published through the magda
# transform), an enterprise registry (KBO rows published through an RML
# mapping) and a municipality that looks both up, in one statement, for its
# own table of applications. Checks the answers, the remote SQL, the number
# of remote queries, the log rows at both ends, the citizen's view, every
# refusal, a direct query of the foreign table for a purpose the municipality
# is not authorised for, a source that stops, and that the municipality keeps
# no copy. Refusals and failures stay logged after their error rolls the
# transaction back: a background worker of the extension writes them in a
# transaction of its own (no dblink, no loopback server); a caller cancelled
# while it waits takes its worker down with it. Fixtures are our own (no
# ../shared needed).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $purpose = 'ipdc77332';    # the municipality's purpose (an IPDC code)
my $other   = 'ipdc99999';    # a purpose the source knows, authorised to someone else

# -- the person registry ------------------------------------------------------
my $rr = PostgreSQL::Test::Cluster->new('rijksregister');
$rr->init;
$rr->append_conf('postgresql.conf', "log_statement = 'all'\n");
$rr->start;
plan skip_all => 'postgres_fdw (PostgreSQL contrib) is not installed'
  unless $rr->safe_psql('postgres',
	q{SELECT count(*) FROM pg_available_extensions WHERE name = 'postgres_fdw'}) eq '1';

sub geefpersoon
{
	my ($insz, $achternaam, $voornaam) = @_;
	return
	    '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02">'
	  . '<Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context>'
	  . '<Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR">'
	  . "<INSZ>$insz</INSZ><Naam><Achternamen><Achternaam>$achternaam</Achternaam></Achternamen>"
	  . "<Voornamen><Voornaam>$voornaam</Voornaam></Voornamen></Naam>"
	  . '</Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>';
}
my %persons = (
	'90650212345' => [ 'Peeters',  'Anna' ],
	'60610099977' => [ 'Janssens', 'Jef' ],
	'85073003328' => [ 'Maes',     'Lotte' ]);
$rr->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE TABLE geefpersoon (insz text PRIMARY KEY, response xml NOT NULL);
CREATE ROLE gemeente_gent LOGIN;      -- the municipality, as it reaches this source
CREATE ROLE ocmw_elders LOGIN;        -- another consuming entity
SELECT oslo.entity_register('rijksregister', local => true);
SELECT oslo.publish('persoon', 'geefpersoon', 'insz', 'magda', document_column => 'response');
} . "SELECT oslo.authorize('gemeente_gent', 'persoon', '$purpose');
     SELECT oslo.authorize('ocmw_elders', 'persoon', '$other');");
for my $insz (sort keys %persons)
{
	my $xml = geefpersoon($insz, @{ $persons{$insz} });
	$rr->safe_psql('postgres', "INSERT INTO geefpersoon VALUES ('$insz', '$xml')");
}
# the municipality's role reads the published view and nothing else
is( $rr->safe_psql('postgres', q{
	SELECT has_table_privilege('gemeente_gent', 'oslo_published.persoon', 'SELECT'),
	       has_table_privilege('gemeente_gent', 'geefpersoon', 'SELECT')}),
	't|f', 'person registry: the consumer role may read the published view only');

# -- the enterprise registry ----------------------------------------------------
my $kbo = PostgreSQL::Test::Cluster->new('kbo');
$kbo->init;
$kbo->append_conf('postgresql.conf', "log_statement = 'all'\n");
$kbo->start;
$kbo->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE TABLE onderneming (kbo text PRIMARY KEY, naam text NOT NULL, rechtsvorm text);
INSERT INTO onderneming VALUES ('0207451227', 'Stad Gent', '416'), ('0202239951', 'Proximus', '014'),
                               ('0403170701', 'Colruyt', '014');
CREATE ROLE gemeente_gent LOGIN;
SELECT oslo.entity_register('kbo', local => true);
SELECT oslo.mapping_register('kbo-onderneming', $rml$
@prefix rml: <http://w3id.org/rml/> .
@prefix regorg: <http://www.w3.org/ns/regorg#> .
@prefix dct: <http://purl.org/dc/terms/> .
<#Onderneming> a rml:TriplesMap ;
	rml:logicalSource [ rml:source "row" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$" ] ;
	rml:subjectMap [ rml:template "https://data.vlaanderen.be/id/organisatie/{$.kbo}" ; rml:class regorg:RegisteredOrganization ] ;
	rml:predicateObjectMap [ rml:predicate regorg:legalName ; rml:objectMap [ rml:reference "$.naam" ; rml:language "nl" ] ] ,
	                       [ rml:predicate dct:identifier ; rml:objectMap [ rml:reference "$.kbo" ] ] .
$rml$);
SELECT oslo.publish('organisatie', 'onderneming', 'kbo', 'rml', mapping => 'kbo-onderneming');
} . "SELECT oslo.authorize('gemeente_gent', 'organisatie', '$purpose');");

# -- the municipality -----------------------------------------------------------
my $gent = PostgreSQL::Test::Cluster->new('gent');
$gent->init;
$gent->start;
my ($rr_host, $rr_port, $kbo_host, $kbo_port) = ($rr->host, $rr->port, $kbo->host, $kbo->port);
$gent->safe_psql('postgres', qq{
CREATE EXTENSION oslo_interop;
CREATE EXTENSION postgres_fdw;
-- parallel_commit: the sources write their log rows at commit, at the same time
CREATE SERVER rr_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$rr_host', port '$rr_port', dbname 'postgres', parallel_commit 'true');
CREATE SERVER kbo_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$kbo_host', port '$kbo_port', dbname 'postgres', parallel_commit 'true');
CREATE USER MAPPING FOR PUBLIC SERVER rr_srv OPTIONS (user 'gemeente_gent', password_required 'false');
CREATE USER MAPPING FOR PUBLIC SERVER kbo_srv OPTIONS (user 'gemeente_gent', password_required 'false');
-- no loopback server: refusal and failure rows are written by a background worker
SELECT oslo.entity_register('gent', local => true);
SELECT oslo.entity_register('rijksregister', 'rr_srv');
SELECT oslo.entity_register('kbo', 'kbo_srv');
SELECT oslo.source_attach('persoon', 'rijksregister');
SELECT oslo.source_attach('organisatie', 'kbo');
CREATE ROLE bouwloket LOGIN;          -- an application of the municipality
CREATE ROLE bouwloket_clerk LOGIN IN ROLE bouwloket;
CREATE ROLE sportdienst LOGIN;        -- another application
CREATE ROLE burgerprofiel LOGIN;      -- the citizen's portal
GRANT EXECUTE ON FUNCTION oslo.consultations_about(text) TO burgerprofiel;
SELECT oslo.authorize('bouwloket', 'persoon', '$purpose');
SELECT oslo.authorize('bouwloket', 'organisatie', '$purpose');
SELECT oslo.authorize('sportdienst', 'persoon', '$other');
SELECT oslo.register('bouwloket', ARRAY['90650212345', '60610099977', '85073003328', '0207451227', '0202239951', '0403170701', '11111111111'], '$purpose');
SELECT oslo.register('sportdienst', ARRAY['90650212345'], '$other');
CREATE TABLE aanvraag (id int PRIMARY KEY, insz text, kbo text);
INSERT INTO aanvraag VALUES (1, '90650212345', '0207451227'), (2, '60610099977', '0202239951'),
                            (3, '85073003328', NULL), (4, '11111111111', '0403170701');
GRANT SELECT ON aanvraag TO bouwloket;
});

sub as
{
	my ($node, $user, $sql) = @_;
	my ($stdout, $stderr);
	my @user = defined $user ? ('-U', $user) : ();
	my $ret = $node->psql('postgres', $sql, stdout => \$stdout, stderr => \$stderr,
		extra_params => [ @user, '-v', 'VERBOSITY=verbose' ], on_error_stop => 1);
	return ($ret, $stdout, $stderr);
}

sub log_lines
{
	my ($node, $from) = @_;
	my $log = slurp_file($node->logfile);
	return substr($log, $from);
}

# -- the municipality's statement: both sources, one statement ------------------
my $statement = qq{
WITH p AS (SELECT * FROM oslo.lookup_many('persoon', (SELECT array_agg(insz) FROM aanvraag), '$purpose')),
     o AS (SELECT * FROM oslo.lookup_many('organisatie', (SELECT array_agg(kbo) FROM aanvraag), '$purpose'))
SELECT a.id, p.document #>> '{data,achternaam,0,\@value}',
       o.document #>> '{0,http://www.w3.org/ns/regorg#legalName,0,\@value}'
FROM aanvraag a LEFT JOIN p ON p.subject_key = a.insz LEFT JOIN o ON o.subject_key = a.kbo
ORDER BY a.id};
my $rr_log_at  = -s $rr->logfile;
my $kbo_log_at = -s $kbo->logfile;
my ($ret, $out, $err) = as($gent, 'bouwloket_clerk', $statement);
is($ret, 0, 'the municipality\'s statement runs') or diag($err);
is($out, "1|Peeters|Stad Gent\n2|Janssens|Proximus\n3|Maes|\n4||Colruyt",
	'persons from the person registry, organisations from the enterprise registry');

# one remote query per source, fetched in one go
my $rr_sql  = log_lines($rr,  $rr_log_at);
my $kbo_sql = log_lines($kbo, $kbo_log_at);
my @declare = $rr_sql =~ /DECLARE c\d+ CURSOR FOR\s+SELECT[^\n]*oslo_published\.persoon[^\n]*= ANY/g;
is(scalar @declare, 1, 'person registry: one remote query, the keys as = ANY');
my @announce = $rr_sql =~ /INSERT INTO oslo\.source_request\(reference, concept, purpose, subject_keys\)/g;
is(scalar @announce, 1, 'person registry: the batch announced once');
my @fetch = $rr_sql =~ /statement: FETCH/g;
cmp_ok(scalar @fetch, '<=', 2, 'person registry: at most two FETCHes');
@declare = $kbo_sql =~ /DECLARE c\d+ CURSOR FOR\s+SELECT[^\n]*oslo_published\.organisatie[^\n]*= ANY/g;
is(scalar @declare, 1, 'enterprise registry: one remote query, the keys as = ANY');
unlike($rr_sql, qr/geefpersoon|GeefPersoonResponse/, 'the consumer never names the raw table');

# the remote SQL, as EXPLAIN VERBOSE shows it
my $explain = $gent->safe_psql('postgres', qq{
SELECT string_agg(l, E'\\n') FROM oslo.lookup_explain('{"persoon": ["90650212345", "60610099977"]}', '$purpose') l});
like($explain, qr/Remote SQL: SELECT subject_key, document FROM oslo_published\.persoon WHERE .*purpose = '$purpose'.*subject_key = ANY \(\$1::text\[\]\)/,
	'EXPLAIN VERBOSE: key filter and purpose pushed to the source');
$explain = $gent->safe_psql('postgres', qq{
SELECT string_agg(l, E'\\n') FROM oslo.lookup_explain('{"persoon": ["90650212345"], "organisatie": ["0207451227"]}', '$purpose') l});
my @async = $explain =~ /Async Foreign Scan on oslo_remote\.(?:persoon|organisatie)/g;
is(scalar @async, 2, 'a batch over two concepts asks both entities asynchronously in one Append') or diag($explain);

# -- the log at both ends ---------------------------------------------------------
is( $gent->safe_psql('postgres', q{
	SELECT string_agg(concept || ' ' || subject_key || ' ' || outcome || ' ' || application || ' ' || db_user || ' ' || source_entity, ', ' ORDER BY concept, subject_key)
	FROM oslo.consultation_log WHERE side = 'consumer'}),
	'organisatie 0202239951 answered bouwloket bouwloket_clerk kbo, '
	  . 'organisatie 0207451227 answered bouwloket bouwloket_clerk kbo, '
	  . 'organisatie 0403170701 answered bouwloket bouwloket_clerk kbo, '
	  . 'persoon 11111111111 not_found bouwloket bouwloket_clerk rijksregister, '
	  . 'persoon 60610099977 answered bouwloket bouwloket_clerk rijksregister, '
	  . 'persoon 85073003328 answered bouwloket bouwloket_clerk rijksregister, '
	  . 'persoon 90650212345 answered bouwloket bouwloket_clerk rijksregister',
	'municipality: one log row per subject with application, user, source and outcome');
is( $gent->safe_psql('postgres', q{
	SELECT count(DISTINCT reference), bool_and(answered_at >= requested_at) FROM oslo.consultation_log}),
	'2|t', 'municipality: one reference per lookup, answered after requested');
is( $rr->safe_psql('postgres', q{
	SELECT string_agg(subject_key || ' ' || outcome || ' ' || application || ' ' || purpose, ', ' ORDER BY subject_key)
	FROM oslo.consultation_log WHERE side = 'source'}),
	"11111111111 not_found gemeente_gent $purpose, 60610099977 answered gemeente_gent $purpose, "
	  . "85073003328 answered gemeente_gent $purpose, 90650212345 answered gemeente_gent $purpose",
	'person registry: its own log row per subject, answered or not found');
is( $rr->safe_psql('postgres', q{SELECT string_agg(DISTINCT reference::text, ',') FROM oslo.consultation_log WHERE side = 'source'}),
	$gent->safe_psql('postgres', q{SELECT string_agg(DISTINCT reference::text, ',') FROM oslo.consultation_log WHERE concept = 'persoon'}),
	'the source\'s rows carry the municipality\'s reference');
is($kbo->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE side = 'source' AND outcome = 'answered'}),
	'3', 'enterprise registry: its own log rows');

# row-level security: another application sees none of bouwloket's rows
($ret, $out, $err) = as($gent, 'sportdienst', 'SELECT count(*) FROM oslo.consultation_log');
is($out, '0', 'another application reads none of the log rows');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'SELECT count(*) FROM oslo.consultation_log');
is($out, '7', 'the application reads its own rows');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'DELETE FROM oslo.consultation_log');
like($err, qr/42501/, 'the log is append-only');

# the citizen's view
($ret, $out, $err) = as($gent, 'burgerprofiel',
	"SELECT application, purpose, concept, source_entity, outcome FROM oslo.consultations_about('90650212345')");
is($out, "bouwloket|$purpose|persoon|rijksregister|answered", 'the citizen sees who consulted, why and where');
($ret, $out, $err) = as($gent, 'burgerprofiel', 'SELECT count(*) FROM oslo.consultation_log');
is($out, '0', 'the portal reads nothing else of the log');
is( $rr->safe_psql('postgres', q{SELECT application || ' ' || purpose FROM oslo.consultations_about('90650212345')}),
	"gemeente_gent $purpose", 'at the source the citizen sees the consuming entity');

# the same answers through one batch over both concepts
($ret, $out, $err) = as($gent, 'bouwloket_clerk', qq{
SELECT b.concept, b.subject_key FROM oslo.lookup_batch(
	jsonb_build_object('persoon', (SELECT jsonb_agg(insz) FROM aanvraag), 'organisatie', (SELECT jsonb_agg(kbo) FROM aanvraag)),
	'$purpose') b ORDER BY 1, 2});
is($out, "organisatie|0202239951\norganisatie|0207451227\norganisatie|0403170701\npersoon|60610099977\npersoon|85073003328\npersoon|90650212345",
	'lookup_batch: both concepts in one call') or diag($err);
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE side = 'consumer' AND outcome = 'answered'}),
	'12', 'lookup_batch: logged like the single lookups');

# -- refusals -----------------------------------------------------------------------
sub refusal_count
{
	return $gent->safe_psql('postgres',
		q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'refused' AND side = 'consumer'});
}
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '90650212345', '$other')");
like($err, qr/ERROR:  42501: not authorised: .*concept "persoon" for purpose "$other"/,
	'no authorisation: 42501 naming concept and purpose');
is(refusal_count(), '1', 'the refusal is logged and outlives the error (background worker, no dblink)');
is( $gent->safe_psql('postgres', qq{
	SELECT application || ' ' || db_user || ' ' || purpose || ' ' || subject_key || ' ' || reason
	FROM oslo.consultation_log WHERE outcome = 'refused'}),
	"bouwloket_clerk bouwloket_clerk $other 90650212345 no authorisation for this concept and purpose",
	'the refusal row names the session user, the purpose, the subject and why');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM pg_extension WHERE extname = 'dblink'}),
	'0', 'without dblink installed');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT * FROM oslo.lookup_many('persoon', ARRAY['90650212345', '22222222222'], '$purpose')");
like($err, qr/ERROR:  42501: not registered: subject 22222222222 is not in the repertorium of bouwloket/,
	'not registered: 42501 with the reason');
is(refusal_count(), '3', 'the whole refused batch is logged as refused, one row per subject');
# in a transaction the caller rolls back itself
($ret, $out, $err) = as($gent, 'bouwloket_clerk',
	"BEGIN; SELECT oslo.lookup('persoon', '33333333333', '$purpose'); COMMIT;");
like($err, qr/ERROR:  42501: not registered: subject 33333333333/, 'a refusal inside a transaction block');
is(refusal_count(), '4', 'outlives the rollback of the whole transaction');

# a caller cancelled while its worker waits for a lock another session holds
# (statement_timeout here): the statement fails with 57014, the worker is
# terminated (its row is not written), the server does not crash
my $locker = $gent->background_psql('postgres');
$locker->query_safe('BEGIN; LOCK TABLE oslo.consultation_log IN EXCLUSIVE MODE;');
($ret, $out, $err) = as($gent, 'bouwloket_clerk',
	"SET statement_timeout = '2s'; SELECT oslo.lookup('persoon', '90650212345', '$other')");
like($err, qr/ERROR:  57014: canceling statement due to statement timeout/,
	'cancelled while the worker waits: the statement timeout, not a hang');
ok( $gent->poll_query_until('postgres', q{
	SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'oslo_interop consultation log writer'}),
	'the cancelled caller\'s worker is gone');
$locker->query_safe('COMMIT;');
$locker->quit;
is(refusal_count(), '4', 'and wrote nothing after the caller gave up');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('adres', '1', '$purpose')");
like($err, qr/ERROR:  22023: unknown concept "adres"/, 'unknown concept: 22023');
($ret, $out, $err) = as($gent, undef, "SELECT oslo.source_attach('adres', 'crab')");
like($err, qr/ERROR:  22023: unknown entity "crab"/, 'unknown entity: 22023');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'SELECT count(*) FROM oslo_remote.persoon');
like($err, qr/42501/, 'applications cannot read the foreign tables');

# the foreign table queried directly for a purpose the municipality is not
# authorised for at the source: nothing comes back, the source logs a refusal
is( $gent->safe_psql('postgres',
		"SELECT count(*) FROM oslo_remote.persoon WHERE subject_key = '90650212345' AND purpose = '$other'"),
	'0', 'direct query for an unauthorised purpose: nothing');
is( $rr->safe_psql('postgres', qq{
	SELECT application || ' ' || outcome FROM oslo.consultation_log
	WHERE side = 'source' AND purpose = '$other' AND subject_key = '90650212345'}),
	'gemeente_gent refused', 'and the source logged the refusal');
is( $gent->safe_psql('postgres', "SELECT count(*) FROM oslo_remote.persoon WHERE purpose = '$purpose'"),
	'3', 'without a key filter the source still answers only the authorised purpose');

# -- a source that errors, then one that is down ------------------------------------
$rr->safe_psql('postgres', q{
	INSERT INTO geefpersoon VALUES ('00000000097', '<Onzin/>')});
$gent->safe_psql('postgres', "SELECT oslo.register('bouwloket', ARRAY['00000000097'], '$purpose')");
($ret, $out, $err) = as($gent, 'bouwloket_clerk',
	"SELECT count(*) FROM oslo.lookup_many('persoon', ARRAY['90650212345', '00000000097'], '$purpose')");
like($err, qr/ERROR:  2200N: source entity "rijksregister" failed: /,
	'a source error: its SQLSTATE and the entity name');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'failed' AND subject_key = '00000000097'}),
	'1', 'logged as failed, and the row outlives the error');

my $answered_before = $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'answered'});
my $rr_before = $rr->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log});
$kbo->stop('fast');
# one statement, persons first (init plans run in target-list order), then
# the organisations of the stopped registry
$rr_log_at = -s $rr->logfile;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', qq{
SELECT (SELECT count(*) FROM oslo.lookup_many('persoon', (SELECT array_agg(insz) FROM aanvraag), '$purpose')) AS persons,
       (SELECT count(*) FROM oslo.lookup_many('organisatie', (SELECT array_agg(kbo) FROM aanvraag), '$purpose')) AS organisations});
like($err, qr/ERROR:  08\d\d\d: source entity "kbo" failed: /,
	'a source down: connection SQLSTATE and the entity name');
is($out, '', 'no partial answer');
like(log_lines($rr, $rr_log_at), qr/DECLARE c\d+ CURSOR FOR\s+SELECT[^\n]*oslo_published\.persoon/,
	'the persons of that statement had been fetched before the failure');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'answered'}),
	$answered_before, 'no half-written log rows for the subjects of the other source');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'failed' AND source_entity = 'kbo'}),
	'3', 'every subject of the stopped source logged as failed, outliving the error (background worker)');
is($rr->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log}),
	$rr_before, 'the other source\'s log rows went with the failed statement');
# the same in one batch: both entities asked at once, the whole batch fails
my $failed_before = $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'failed'});
($ret, $out, $err) = as($gent, 'bouwloket_clerk', qq{
SELECT count(*) FROM oslo.lookup_batch(
	jsonb_build_object('persoon', (SELECT jsonb_agg(insz) FROM aanvraag), 'organisatie', (SELECT jsonb_agg(kbo) FROM aanvraag)),
	'$purpose')});
like($err, qr/ERROR:  08\d\d\d: source entity "kbo" failed: /, 'a batch with a source down names that entity');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'failed'}) - $failed_before,
	7, 'every subject of the batch, of both concepts, logged as failed');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'answered'}),
	$answered_before, 'and none as answered');
$kbo->start;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $statement);
is($ret, 0, 'the source back: the statement runs again') or diag($err);

# -- no local copy -------------------------------------------------------------------
is( $gent->safe_psql('postgres', q{
	SELECT string_agg(c.oid::regclass::text, ',' ORDER BY 1) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'oslo')}),
	'aanvraag', 'the municipality has no table but its own');
my ($dump, $dump_err) = ('', '');
IPC::Run::run([ 'pg_dump', '--data-only', '-d', $gent->connstr('postgres') ], '>', \$dump, '2>', \$dump_err)
  or die "pg_dump: $dump_err";
like($dump, qr/90650212345/, 'the dump holds the subject keys (applications, log)');
unlike($dump, qr/Peeters|Janssens|Stad Gent|Proximus/, 'and no person or organisation data');

# the workers that wrote the refusal and failure rows left no crash behind
my $gent_log = slurp_file($gent->logfile);
unlike($gent_log, qr/terminated by signal|was terminated by|PANIC|TRAP:|dynamic shared memory leak/,
	'municipality: no server process crashed, no shared memory leaked');

done_testing();
