# Every GeefPersoon 02.02 mock response of ../shared through the extension:
# each yields the person of its INSZ, or a specific error (22000) for a
# refused request or an answer with a FOUT Uitzondering (30001 "not found",
# 99994, 99996: the graph holds the Uitzondering, magda_to_oslo raises with
# its code in DETAIL; before the Uitzonderingen were mapped these gave an
# empty graph) -- never an internal error.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $dir = ($ENV{OSLO_SHARED_COPY} // '') . '/geefpersoon-02.02';
plan skip_all => "MAGDA mock responses not found ($dir): ../shared is absent"
  unless -d $dir;

my @files = sort glob("$dir/*.xml");
cmp_ok(scalar @files, '>=', 400, 'the GeefPersoon 02.02 mock responses are there');

my $node = PostgreSQL::Test::Cluster->new('magda');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE TABLE response (file text PRIMARY KEY, body text NOT NULL);
CREATE FUNCTION outcome(body text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	doc jsonb;
	detail text;
BEGIN
	IF oslo.triple_count(oslo.magda_to_graph(body)) = 0 THEN
		RETURN 'empty';
	END IF;
	doc := oslo.magda_to_oslo(body);
	RETURN 'person ' || (doc #>> '{data,registratie,identificator,@value}');
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN 'error ' || SQLSTATE || CASE WHEN detail ~ '^Uitzondering \d+ \(\w+, FOUT\)' THEN ' FOUT' ELSE '' END;
END $$;
});

for my $f (@files)
{
	my $body = slurp_file($f);
	my ($name) = $f =~ m{([^/]+)$};
	$body =~ s/'/''/g;
	$node->safe_psql('postgres', "INSERT INTO response VALUES ('$name', '$body')");
}

my $rows = $node->safe_psql('postgres',
	q{SELECT file, outcome(body), (regexp_match(body, '<Persoon[^>]*>(?:\s|<!--.*?-->)*<INSZ[^>]*>(\d{11})</INSZ>'))[1] FROM response ORDER BY file});
my (%by, @mismatch);
for my $row (split /\n/, $rows)
{
	my ($file, $outcome, $insz) = split /\|/, $row;
	my ($kind) = split / /, $outcome;
	$by{$outcome =~ /^error/ ? $outcome : $kind}++;
	push @mismatch, "$file: $outcome, expected INSZ $insz"
	  if $kind eq 'person' && $outcome ne "person $insz";
}
note(join(', ', map { "$_: $by{$_}" } sort keys %by));
is(scalar @mismatch, 0, 'every person carries the INSZ of its response')
  or diag(join("\n", @mismatch[0 .. ($#mismatch < 9 ? $#mismatch : 9)]));
cmp_ok($by{person} // 0, '>=', 410, 'nearly every response yields a person');
ok(!exists $by{'error XX000'}, 'no internal error');
my @unexpected = grep { /^error/ && $_ ne 'error 22000' && $_ ne 'error 22000 FOUT' } keys %by;
is_deeply(\@unexpected, [], 'the only errors are refused requests and FOUT answers (22000)');
# the mock set's FOUT answers: 30001 x2 at level 3 (Antwoord), 99994 x2 and
# 99996 at level 2 (Repliek, refused); every one names its code in DETAIL
is($by{'error 22000 FOUT'} // 0, 5, 'each FOUT answer raises with its Uitzondering in DETAIL');
is($by{'error 22000'} // 0, 0, 'no other data exception');

# the same messages in one query: JSON-LD for all, in one pass
my $count = $node->safe_psql('postgres',
	q{SELECT count(*) FROM response
	  WHERE CASE WHEN outcome(body) LIKE 'person%' THEN oslo.magda_to_oslo(body) ? 'data' END});
is($count, $by{person}, 'magda_to_oslo gives a PersonEnvelope for every person');

$node->stop;
done_testing();
