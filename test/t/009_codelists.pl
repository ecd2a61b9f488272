# The published code lists of ../shared (every *.ttl of the OSLO MAGDA-Persoon
# IM and the VKBO implementation codelijsten) loaded into oslo.codelist by an
# oslo_admin member: the row count, known lookups, the UITZONDERING fallback,
# a second backend's cache following a change, and the CLI agreeing.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $base = ($ENV{OSLO_SHARED_COPY} // '') . '/magda/oslo-mapping';
my @dirs = ("$base/OSLO-Persoon-MAGDA-IM/codelijsten", "$base/OSLO-Organisatie-VKBO-IMPL/codelijsten");
plan skip_all => "OSLO code lists not found ($base): ../shared is absent"
  unless -d $dirs[0] && -d $dirs[1];

my @files = map { sort glob("$_/*.ttl") } @dirs;
cmp_ok(scalar @files, '>=', 40, 'the code list files are there');

my $node = PostgreSQL::Test::Cluster->new('codelists');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE ROLE codelist_loader LOGIN IN ROLE oslo_admin;
});

my $rows = 0;
for my $f (@files)
{
	my $ttl = slurp_file($f);
	die "$f contains the dollar quote" if $ttl =~ /\$ttl\$/;
	$rows += $node->safe_psql('postgres',
		"SET ROLE codelist_loader; SELECT oslo.codelist_load(\$ttl\$$ttl\$ttl\$)");
}
my ($count, $schemes) = split /\|/,
  $node->safe_psql('postgres', 'SELECT count(*), count(DISTINCT scheme) FROM oslo.codelist');
note(scalar(@files) . " files, $rows rows loaded, $count distinct (scheme, code), $schemes schemes");
# counted independently from the N-Triples of the same files (a Python script
# over rdf:type skos:Concept, skos:notation, skos:inScheme/skos:topConceptOf)
is($count,   726, 'every (scheme, code) of the published lists is in the catalog');
is($schemes, 39,  'in 39 concept schemes');

my $geslacht = 'https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht';
my %lookups = (
	"$geslacht|1"    => 'https://data.vlaanderen.be/id/concept/IT000/Geslacht/1',
	"$geslacht|2"    => 'https://data.vlaanderen.be/id/concept/IT000/Geslacht/2',
	"$geslacht/v1|1" => 'https://data.vlaanderen.be/id/concept/IT000/Geslacht/v1/1',
	"$geslacht|9"    => 'https://data.vlaanderen.be/id/concept/IT000/Geslacht/UITZONDERING',
	'https://data.vlaanderen.be/id/conceptscheme/IT120/BurgerlijkeStaattype|10' =>
	  'https://data.vlaanderen.be/id/concept/IT120/BurgerlijkeStaattype/10',
	'https://data.vlaanderen.be/id/conceptscheme/Rechtsvormtype/v1|014' =>
	  'https://data.vlaanderen.be/id/concept/Rechtsvormtype/v1/014',
);
for my $key (sort keys %lookups)
{
	my ($scheme, $code) = split /\|/, $key;
	is($node->safe_psql('postgres', "SELECT oslo.codelist_concept('$scheme', '$code')"),
		$lookups{$key}, "SQL: $code of $scheme");
}
my ($ret, $out, $err) = $node->psql('postgres',
	q{SELECT oslo.codelist_concept('https://data.vlaanderen.be/id/conceptscheme/Rechtsvormtype/v1', 'no-such-code')});
like($err, qr/no UITZONDERING concept/, 'a list published without UITZONDERING: an error, not NULL');

# a second backend that cached the list sees another backend's change at its next statement
my $reader = $node->background_psql('postgres');
is($reader->query_safe("SELECT oslo.codelist_concept('$geslacht', '1')"),
	$lookups{"$geslacht|1"}, 'a reader caches the list');
$node->safe_psql('postgres',
	"UPDATE oslo.codelist SET concept = 'https://example.org/changed' WHERE scheme = '$geslacht' AND code = '1'");
is($reader->query_safe("SELECT oslo.codelist_concept('$geslacht', '1')"),
	'https://example.org/changed', 'the reader sees the committed change');
$node->safe_psql('postgres',
	"UPDATE oslo.codelist SET concept = '$lookups{\"$geslacht|1\"}' WHERE scheme = '$geslacht' AND code = '1'");
$reader->quit;

# the command-line tool answers the same from the files themselves
my $cli = `sh -c 'command -v oslo-interop'`;
chomp $cli;
SKIP:
{
	skip 'oslo-interop is not installed', scalar keys %lookups unless $cli;
	for my $key (sort keys %lookups)
	{
		my ($scheme, $code) = split /\|/, $key;
		my $answer = `oslo-interop --codelists '$dirs[0]:$dirs[1]' codelist '$scheme' '$code' 2>/dev/null`;
		chomp $answer;
		is($answer, $lookups{$key}, "CLI: $code of $scheme");
	}
}

done_testing();
