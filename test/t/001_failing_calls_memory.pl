# A loop of 10,000 failing calls leaves the backend's memory flat: no
# palloc growth across the loop and no malloc growth (libxml2, serd, json-c
# memory freed on the error paths), measured as memory contexts and RSS.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('memory');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION oslo_interop');

# each statement fails in a different parser; errors must not leak
my @failing = (
	q{SELECT oslo.magda_to_graph('<a><b></a>'::text)},
	q{SELECT oslo.transform('<GeefPersoonResponse><Repliek>', 'magda', 'nquads')},
	q{SELECT oslo.magda_to_graph('<Envelope/>'::xml)},
	q{SELECT oslo.graph_from_turtle('@prefix x: <http://e/> . x:a x:b "unterminated .')},
	q{SELECT oslo.graph_from_ntriples('<http://e/a> <http://e/b> _:x _:y .')},
	q{SELECT oslo.transform('x', 'nosuchformat', 'turtle')},
	q{SELECT oslo.to_jsonld(oslo.graph_from_ntriples('<http://e/a> <http://e/b> "c" .'), '{"@context": {"@type": "x"}}')},
	q{SELECT oslo.transform('<http://e/a> <http://e/b> "c" .', 'ntriples', 'turtle', '{"prefixes": [1]}')},
);

my $memory = q{SELECT sum(total_bytes) FROM pg_backend_memory_contexts};
my $rss = q{SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s+(\d+)'))[1]::bigint};

sub run_failures
{
	my ($n) = @_;
	my $script = '';
	for my $i (1 .. $n)
	{
		$script .= $failing[$i % @failing] . ";\n";
	}
	return $script;
}

# one session: warm up (caches, plugin loading), measure, fail 10,000 times, measure
my $sql = "\\set VERBOSITY sqlstate\n"
  . run_failures(700)
  . "SELECT 'before', ($memory), ($rss);\n"
  . run_failures(10_000)
  . "SELECT 'after', ($memory), ($rss);\n";
my ($stdout, $stderr);
$node->psql('postgres', $sql, stdout => \$stdout, stderr => \$stderr, on_error_stop => 0);

my ($mem_before, $rss_before) = $stdout =~ /^before\|(\d+)\|(\d+)$/m;
my ($mem_after, $rss_after) = $stdout =~ /^after\|(\d+)\|(\d+)$/m;
ok(defined $mem_after, 'the session survived 10,000 failing calls')
  or diag($stdout);
my %codes;
$codes{$1}++ while $stderr =~ /ERROR:\s+([0-9A-Z]{5})/g;
my $errors = 0;
$errors += $_ for values %codes;
is($errors, 10_700, 'every call failed with an error')
  or diag(substr($stderr, 0, 2000));
ok(!exists $codes{XX000}, 'no internal error (XX000)');
unlike($stderr, qr/server closed|terminated/i, 'no crash');
note("SQLSTATEs: " . join(', ', map { "$_ x$codes{$_}" } sort keys %codes));
note("memory contexts $mem_before -> $mem_after bytes, RSS $rss_before -> $rss_after kB");
cmp_ok($mem_after - $mem_before, '<', 64 * 1024, 'memory contexts did not grow')
  or diag("before $mem_before after $mem_after");
cmp_ok($rss_after - $rss_before, '<', 2048, 'RSS grew by less than 2 MB')
  or diag("RSS before $rss_before kB, after $rss_after kB");

$node->stop;
done_testing();
