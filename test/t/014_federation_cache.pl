# The per-source cache of federated lookups (docs/federation.md, "The
# cache"), between a person registry and a municipality: off by default; with
# a TTL the second lookup asks the source nothing and answers the same; only
# the subjects not cached are asked; answers are kept per purpose; expiry,
# a shortened TTL, purge and turning it off; purpose binding and the
# repertorium still apply to cached answers, and the log says they came from
# the cache; nobody but the lookups reads the cached documents; a source that
# is down does not stop answers the cache holds; pg_dump keeps no cached data.
# Refusals and failures are logged by a background worker (no dblink); with
# no worker slot free they go to the server log and the lookup still fails
# cleanly. Fixtures are our own (no ../shared needed).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $purpose = 'ipdc77332';
my $second  = 'ipdc88888';    # a second purpose of the same application
my $other   = 'ipdc99999';    # another application's purpose

my $rr = PostgreSQL::Test::Cluster->new('rijksregister');
$rr->init;
$rr->append_conf('postgresql.conf', "log_statement = 'all'\n");
$rr->start;
plan skip_all => 'postgres_fdw (PostgreSQL contrib) is not installed'
  unless $rr->safe_psql('postgres',
	q{SELECT count(*) FROM pg_available_extensions WHERE name = 'postgres_fdw'}) eq '1';

sub geefpersoon
{
	my ($insz, $achternaam) = @_;
	return
	    '<GeefPersoonResponse xmlns="http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02">'
	  . '<Repliek xmlns=""><Context><Naam>GeefPersoon</Naam><Versie>02.02.0000</Versie></Context>'
	  . '<Antwoorden><Antwoord><Referte>1</Referte><Inhoud><Persoon Bron="RR">'
	  . "<INSZ>$insz</INSZ><Naam><Achternamen><Achternaam>$achternaam</Achternaam></Achternamen></Naam>"
	  . '</Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>';
}
$rr->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE TABLE geefpersoon (insz text PRIMARY KEY, response xml NOT NULL);
CREATE ROLE gemeente_gent LOGIN;
SELECT oslo.entity_register('rijksregister', local => true);
SELECT oslo.publish('persoon', 'geefpersoon', 'insz', 'magda', document_column => 'response');
} . "SELECT oslo.authorize('gemeente_gent', 'persoon', '$purpose');
     SELECT oslo.authorize('gemeente_gent', 'persoon', '$second');
     INSERT INTO geefpersoon VALUES ('90650212345', '" . geefpersoon('90650212345', 'Peeters') . "'),
                                    ('60610099977', '" . geefpersoon('60610099977', 'Janssens') . "');");

my $gent = PostgreSQL::Test::Cluster->new('gent');
$gent->init;
$gent->start;
my ($rr_host, $rr_port) = ($rr->host, $rr->port);
$gent->safe_psql('postgres', qq{
CREATE EXTENSION oslo_interop;
CREATE EXTENSION postgres_fdw;
CREATE SERVER rr_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$rr_host', port '$rr_port', dbname 'postgres');
CREATE USER MAPPING FOR PUBLIC SERVER rr_srv OPTIONS (user 'gemeente_gent', password_required 'false');
SELECT oslo.entity_register('gent', local => true);
SELECT oslo.entity_register('rijksregister', 'rr_srv');
SELECT oslo.source_attach('persoon', 'rijksregister');
CREATE ROLE bouwloket LOGIN;
CREATE ROLE bouwloket_clerk LOGIN IN ROLE bouwloket;
CREATE ROLE sportdienst LOGIN;
CREATE ROLE steward LOGIN IN ROLE oslo_admin;
SELECT oslo.authorize('bouwloket', 'persoon', '$purpose');
SELECT oslo.authorize('sportdienst', 'persoon', '$other');
SELECT oslo.register('bouwloket', ARRAY['90650212345', '60610099977', '11111111111'], '$purpose');
SELECT oslo.register('sportdienst', ARRAY['90650212345'], '$other');
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

# what the source was asked: announcements (oslo.source_request rows), its
# log rows, and the statements in its server log since a position
sub announced
{
	return $rr->safe_psql('postgres', q{SELECT count(*) FROM oslo.source_request});
}
sub last_announced
{
	return $rr->safe_psql('postgres',
		q{SELECT array_to_string(subject_keys, ',') FROM oslo.source_request ORDER BY requested_at DESC LIMIT 1});
}
sub source_log_rows
{
	return $rr->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log});
}
sub remote_statements
{
	my ($from) = @_;
	my $log = substr(slurp_file($rr->logfile), $from);
	# the test clusters' log_line_prefix names the application: postgres_fdw
	my @q = $log =~ /postgres_fdw LOG:\s+(?:statement|execute [^:]*):/g;
	return scalar @q;
}
my $many = "SELECT subject_key, document FROM oslo.lookup_many('persoon', ARRAY['90650212345', '60610099977'], '$purpose') ORDER BY 1";

# -- no cache unless configured ---------------------------------------------------
my ($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($ret, 0, 'a lookup without a cache') or diag($err);
my $fresh_answer = $out;
like($fresh_answer, qr/^60610099977\|.*Janssens.*\n90650212345\|.*Peeters/s, 'both persons answered');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'the same answer the second time');
is(announced(), '2', 'no cache configured: the source is asked every time');
is($gent->safe_psql('postgres', 'SELECT count(*) FROM oslo.source_cache'), '0', 'no cache configured: nothing kept');
is($gent->safe_psql('postgres', 'SELECT count(*) FROM oslo.source_cache_status()'), '0', 'and no status row');

# -- configuration: oslo_admin only, remote sources only ------------------------------
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '1 hour')");
like($err, qr/ERROR:  42501: permission denied for function source_cache_configure/, 'an application cannot set a TTL');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'gent', '1 hour')");
like($err, qr/ERROR:  22023: entity "gent" is this database/, 'no cache for the local entity: 22023');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'crab', '1 hour')");
like($err, qr/ERROR:  22023: unknown entity "crab"/, 'unknown entity: 22023');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('organisatie', 'rijksregister', '1 hour')");
like($err, qr/ERROR:  22023: entity "rijksregister" is not the authentic source of concept "organisatie"/,
	'a concept the entity is not the source of: 22023');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '-1 hour')");
like($err, qr/ERROR:  22023: .*negative/, 'a negative TTL: 22023');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '1 hour')");
is($ret, 0, 'oslo_admin sets a TTL of one hour') or diag($err);
is($gent->safe_psql('postgres', 'SELECT concept, entity, ttl, entries FROM oslo.source_cache_status()'),
	'persoon|rijksregister|01:00:00|0', 'status: configured, empty');

# -- the first lookup fetches and keeps, the second asks nothing --------------------------
my $at = -s $rr->logfile;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'cache configured: the first lookup answers the same') or diag($err);
is(announced(), '3', 'and asked the source');
cmp_ok(remote_statements($at), '>=', 4, 'transaction, announcement, query, fetch: the statements are counted');
is( $gent->safe_psql('postgres', q{
	SELECT string_agg(subject_key || ' ' || purpose || ' ' || entity || ' ' || (expires_at = cached_at + interval '1 hour'), ', ' ORDER BY subject_key)
	FROM oslo.source_cache_entries}),
	"60610099977 $purpose rijksregister true, 90650212345 $purpose rijksregister true",
	'both answers kept, per purpose, expiring after the TTL');
my $source_rows = source_log_rows();
$at = -s $rr->logfile;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'the second lookup: the same answer, from the cache') or diag($err);
is(announced(), '3', 'no announcement at the source');
is(remote_statements($at), 0, 'no statement at all reached the source');
is(source_log_rows(), $source_rows, 'so the source logged nothing');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', qq{
	SELECT oslo.lookup('persoon', '90650212345', '$purpose') #>> '{data,achternaam,0,\@value}',
	       oslo.triple_count(oslo.lookup_graph('persoon', '60610099977', '$purpose')) > 0,
	       (SELECT count(*) FROM oslo.lookup_batch('{"persoon": ["90650212345", "60610099977"]}', '$purpose'))});
is($out, 'Peeters|t|2', 'lookup, lookup_graph and lookup_batch served from the cache too') or diag($err);
is(remote_statements($at), 0, 'still nothing asked of the source');
is( $gent->safe_psql('postgres', q{
	SELECT count(*), count(*) FILTER (WHERE reason LIKE 'cache: fetched %'), bool_and(application = 'bouwloket'),
	       bool_and(outcome = 'answered')
	FROM (SELECT * FROM oslo.consultation_log WHERE side = 'consumer' ORDER BY id DESC LIMIT 6) l}),
	'6|6|t|t', 'each cached answer logged at the consumer: answered, reason "cache: fetched ..."');
is( $gent->safe_psql('postgres', q{
	SELECT count(*) FROM oslo.consultation_log WHERE side = 'consumer' AND reason LIKE 'cache: fetched %'
	  AND substr(reason, 16)::timestamptz NOT IN (SELECT cached_at FROM oslo.source_cache)}),
	'0', 'the reason names when the answer was fetched');

# a subject the source does not hold is not cached: asked again, alone
($ret, $out, $err) = as($gent, 'bouwloket_clerk',
	"SELECT count(*) FROM oslo.lookup_many('persoon', ARRAY['90650212345', '11111111111'], '$purpose')");
is($out, '1', 'a cached and an unknown subject');
is(announced(), '4', 'the source is asked');
is(last_announced(), '11111111111', 'for the subject not in the cache only');
is( $gent->safe_psql('postgres', q{
	SELECT string_agg(subject_key || ' ' || outcome || ' ' || coalesce(left(reason, 5), '-'), ', ' ORDER BY subject_key)
	FROM oslo.consultation_log WHERE side = 'consumer'
	  AND reference = (SELECT reference FROM oslo.consultation_log ORDER BY id DESC LIMIT 1)}),
	'11111111111 not_found no ro, 90650212345 answered cache', 'logged: not found at the source, answered from the cache');

# -- purpose binding and the repertorium come first -----------------------------------------
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '90650212345', '$other')");
like($err, qr/ERROR:  42501: not authorised: .*"persoon" for purpose "$other"/,
	'a purpose the application is not authorised for: refused though the cache holds the subject');
($ret, $out, $err) = as($gent, 'sportdienst', "SELECT oslo.lookup('persoon', '90650212345', '$purpose')");
like($err, qr/ERROR:  42501: not authorised/, 'another application: refused though the cache holds the subject');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'refused' AND side = 'consumer'}),
	'2', 'both refusals logged (background worker)');
$gent->safe_psql('postgres', "SELECT oslo.unregister('bouwloket', ARRAY['60610099977'], '$purpose')");
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '60610099977', '$purpose')");
like($err, qr/ERROR:  42501: not registered: subject 60610099977/, 'a subject no longer in the repertorium: refused though cached');
$gent->safe_psql('postgres', "SELECT oslo.register('bouwloket', ARRAY['60610099977'], '$purpose')");

# an answer obtained for one purpose is not served for another
$gent->safe_psql('postgres', "SELECT oslo.authorize('bouwloket', 'persoon', '$second');
	SELECT oslo.register('bouwloket', ARRAY['90650212345'], '$second')");
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '90650212345', '$second') IS NOT NULL");
is($out, 't', 'the same subject for a second purpose is answered');
is(announced(), '5', 'by the source, not from the cache of the first purpose');
is($gent->safe_psql('postgres', "SELECT count(*) FROM oslo.source_cache WHERE purpose = '$second'"),
	'1', 'and kept for that purpose');

# -- nobody reads the cached documents but the lookups --------------------------------------
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'SELECT count(*) FROM oslo.source_cache');
like($err, qr/42501/, 'an application cannot read the cache');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'SELECT count(*) FROM oslo.source_cache_entries');
like($err, qr/42501/, 'nor its list of entries');
($ret, $out, $err) = as($gent, 'steward', 'SELECT count(*) FROM oslo.source_cache_entries');
is($out, '3', 'oslo_admin sees the entries');
($ret, $out, $err) = as($gent, 'steward', 'SELECT document FROM oslo.source_cache');
like($err, qr/42501/, 'but not the cached documents');
($ret, $out, $err) = as($gent, 'steward', qq{
	INSERT INTO oslo.source_cache VALUES ('persoon', '$purpose', '85073003328', 'rijksregister', '{}', now(), gen_random_uuid())});
like($err, qr/42501/, 'nor can it plant an entry the lookups would serve');

# -- expiry ------------------------------------------------------------------------------------
$gent->safe_psql('postgres',
	"UPDATE oslo.source_cache SET cached_at = cached_at - interval '61 minutes' WHERE subject_key = '60610099977'");
is($gent->safe_psql('postgres', "SELECT entries, fresh, expired FROM oslo.source_cache_status() WHERE concept = 'persoon'"),
	'3|2|1', 'status: an entry older than the TTL is expired');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'an expired entry: the same answer') or diag($err);
is(announced(), '6', 'asked of the source again');
is(last_announced(), '60610099977', 'for the expired subject only');
is($gent->safe_psql('postgres', "SELECT expired FROM oslo.source_cache_status() WHERE concept = 'persoon'"),
	'0', 'and kept afresh');

# a shortened TTL applies at once; an entry past it is never served
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '1 second')");
is($ret, 0, 'the TTL shortened to one second') or diag($err);
$gent->safe_psql('postgres', 'SELECT pg_sleep(1.2)');
is($gent->safe_psql('postgres', "SELECT fresh FROM oslo.source_cache_status() WHERE concept = 'persoon'"),
	'0', 'after a second every entry is expired');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'past the TTL: the same answer') or diag($err);
is(announced(), '7', 'from the source');
is(last_announced(), '60610099977,90650212345', 'for both subjects');
is( $gent->safe_psql('postgres', "SELECT count(*) FROM oslo.source_cache WHERE cached_at < now() - interval '1 second'"),
	'0', 'the lookup deleted the expired entries of its concept');

# -- a source that is down: what the cache holds is still answered -----------------------------
$gent->safe_psql('postgres', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', '1 hour')");
$rr->stop('fast');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'the source down: cached subjects still answered') or diag($err);
($ret, $out, $err) = as($gent, 'bouwloket_clerk',
	"SELECT count(*) FROM oslo.lookup_many('persoon', ARRAY['90650212345', '11111111111'], '$purpose')");
like($err, qr/ERROR:  08\d\d\d: source entity "rijksregister" failed: /, 'a subject not cached: the failure names the source');
is( $gent->safe_psql('postgres', q{
	SELECT string_agg(subject_key || ' ' || outcome, ', ' ORDER BY subject_key) FROM oslo.consultation_log
	WHERE reference = (SELECT reference FROM oslo.consultation_log ORDER BY id DESC LIMIT 1)}),
	'11111111111 failed, 90650212345 failed', 'the whole batch logged as failed, the cached subject too (nothing was returned)');
$rr->start;

# -- purge ---------------------------------------------------------------------------------------
($ret, $out, $err) = as($gent, 'bouwloket_clerk', 'SELECT oslo.source_cache_purge()');
like($err, qr/42501/, 'an application cannot purge');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_purge('persoon', '90650212345')");
is($out, '1', 'purge one subject');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_purge(expired_only => true)");
is($out, '0', 'purge the expired: none');
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_purge()");
is($out, '1', 'purge all: the rest');
is($gent->safe_psql('postgres', 'SELECT count(*) FROM oslo.source_cache'), '0', 'the cache is empty');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'after a purge: the same answer') or diag($err);
is(last_announced(), '60610099977,90650212345', 'from the source');

# -- the dump keeps the TTL, never cached data -------------------------------------------------
my ($dump, $dump_err) = ('', '');
IPC::Run::run([ 'pg_dump', '--data-only', '-d', $gent->connstr('postgres') ], '>', \$dump, '2>', \$dump_err)
  or die "pg_dump: $dump_err";
like($dump, qr/persoon\trijksregister\t01:00:00/, 'the dump keeps the TTL');
unlike($dump, qr/Peeters|Janssens/, 'and no cached person data');

# -- turned off: entries gone, every lookup asks the source again --------------------------------
($ret, $out, $err) = as($gent, 'steward', "SELECT oslo.source_cache_configure('persoon', 'rijksregister', NULL)");
is($out, '2', 'turning the cache off deletes its entries');
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
($ret, $out, $err) = as($gent, 'bouwloket_clerk', $many);
is($out, $fresh_answer, 'no cache: the same answer') or diag($err);
is(announced(), '10', 'each lookup asks the source');
is($gent->safe_psql('postgres', 'SELECT count(*) FROM oslo.source_cache'), '0', 'and nothing is kept');

# -- no background worker slot free: the server log keeps the refusal -------------------------
# max_worker_processes = 0: RegisterDynamicBackgroundWorker finds no slot, the
# writer returns false, consultation_log_write falls back to RAISE LOG, and
# the lookup fails with its own error, neither hanging nor crashing
$gent->append_conf('postgresql.conf', "max_worker_processes = 0\n");
$gent->restart;
is($gent->safe_psql('postgres', 'SHOW max_worker_processes'), '0', 'restarted with no worker slot');
my $refused_before = $gent->safe_psql('postgres',
	q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'refused' AND side = 'consumer'});
my $gent_log_at = -s $gent->logfile;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '90650212345', '$other')");
like($err, qr/ERROR:  42501: not authorised: .*"persoon" for purpose "$other"/, 'no worker slot: the refusal still fails cleanly');
unlike($err, qr/WARNING/, 'and warns the caller of nothing');
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'refused' AND side = 'consumer'}),
	$refused_before, 'no row outlives the error without a worker');
my $gent_log = substr(slurp_file($gent->logfile), $gent_log_at);
like($gent_log, qr/no background worker slot free for the consultation log writer/, 'the server log says why');
like($gent_log, qr/LOG:  oslo consultation [0-9a-f-]+ \(not kept in oslo\.consultation_log: no background worker could write it\): application bouwloket_clerk, user bouwloket_clerk, purpose $other, concept persoon, source rijksregister, 1 subjects, outcome refused/,
	'and keeps the refusal');
$gent->append_conf('postgresql.conf', "max_worker_processes = 8\n");
$gent->restart;
($ret, $out, $err) = as($gent, 'bouwloket_clerk', "SELECT oslo.lookup('persoon', '90650212345', '$other')");
is( $gent->safe_psql('postgres', q{SELECT count(*) FROM oslo.consultation_log WHERE outcome = 'refused' AND side = 'consumer'}),
	$refused_before + 1, 'slots again: the refusal is kept in the table');
unlike(slurp_file($gent->logfile), qr/terminated by signal|was terminated by|PANIC|TRAP:|dynamic shared memory leak/,
	'municipality: no server process crashed, no shared memory leaked');

done_testing();
