# Every GeefOnderneming 02.00 mock response of ../shared through the builtin
# RML mapping magda/geefonderneming-02.00: no error; an answer with an
# Onderneming yields exactly one registered organisation carrying the KBO
# number of its file, an answer without one (not found) an empty graph. The
# output is then validated against the OSLO Organisatie and Adres shapes with
# the VKBO code lists as background; the conformance counts are reported, and
# the test fails on any kind of violation README.md does not explain.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $shared = $ENV{OSLO_SHARED_COPY} // '';
my $dir = "$shared/magda/examples/Onderneming/GeefOnderneming/02.00.0000";
plan skip_all => "GeefOnderneming mock responses not found ($dir): ../shared is absent"
  unless -d $dir;

my @files = sort glob("$dir/*.xml");
is(scalar @files, 47, 'the 47 GeefOnderneming 02.00 mock responses are there');

my $node = PostgreSQL::Test::Cluster->new('geefonderneming');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION oslo_interop;
CREATE TABLE response (file text PRIMARY KEY, body text NOT NULL);
-- 'error SQLSTATE', or the number of triples and the organisations with
-- their registration notation
CREATE FUNCTION outcome(body text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	g oslo.graph;
	orgs text;
BEGIN
	g := oslo.rml_apply('magda/geefonderneming-02.00', body);
	SELECT string_agg(t.subject || '=' || coalesce(i.object, '-'), ' ' ORDER BY t.subject) INTO orgs
	FROM oslo.triples(g) t
	LEFT JOIN oslo.triples(g) reg ON reg.subject = t.subject
		AND reg.predicate = 'http://www.w3.org/ns/regorg#registration'
	LEFT JOIN oslo.triples(g) i ON i.subject = reg.object
		AND i.predicate = 'http://www.w3.org/2004/02/skos/core#notation'
	WHERE t.predicate = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
	  AND t.object = 'http://www.w3.org/ns/regorg#RegisteredOrganization';
	RETURN oslo.triple_count(g) || ' ' || coalesce(orgs, '');
EXCEPTION WHEN others THEN
	RETURN 'error ' || SQLSTATE || ' ' || SQLERRM;
END $$;
});

sub load_files
{
	my ($table, @paths) = @_;
	for my $f (@paths)
	{
		my $body = slurp_file($f);
		my ($name) = $f =~ m{([^/]+)$};
		$body =~ s/'/''/g;
		$node->safe_psql('postgres', "INSERT INTO $table VALUES ('$name', '$body')");
	}
}
load_files('response', @files);

my $rows = $node->safe_psql('postgres',
	q{SELECT file, outcome(body), body ~ '<Onderneming>' FROM response ORDER BY file});
my (@errors, @wrong, $orgs, $empty);
$orgs = $empty = 0;
for my $row (split /\n/, $rows)
{
	my ($file, $outcome, $has_onderneming) = split /\|/, $row;
	if ($outcome =~ /^error/)
	{
		push @errors, "$file: $outcome";
		next;
	}
	my ($triples, @found) = split / /, $outcome;
	if ($has_onderneming eq 't')
	{
		my ($number) = $file =~ /^(\d{10})\.xml$/;
		my $expected = "https://data.vlaanderen.be/id/onderneming/$number=$number";
		if (defined $number && @found == 1 && $found[0] eq $expected)
		{
			$orgs++;
		}
		else
		{
			push @wrong, "$file: expected one organisation $expected, got '@found'";
		}
	}
	elsif ($triples == 0)
	{
		$empty++;
	}
	else
	{
		push @wrong, "$file: no Onderneming in the answer, yet $triples triples";
	}
}
is(scalar @errors, 0, 'every response maps without error')
  or diag(join("\n", @errors));
is(scalar @wrong, 0,
	'each answer with an Onderneming yields exactly one organisation with the KBO number of its file, the others nothing')
  or diag(join("\n", @wrong));
is($orgs, 45, '45 organisations');
is($empty, 2, 'the 2 not-found answers (Uitzondering 30001, 40046) give an empty graph');

# full SOAP envelopes (Verenigingsregister stubs): the same mapping reads them
my @soap = sort glob("$shared/magda/soap-examples/GeefOndernemingResponses/*.xml");
SKIP:
{
	skip 'no SOAP envelope examples', 2 unless @soap;
	$node->safe_psql('postgres', 'CREATE TABLE soap (file text PRIMARY KEY, body text NOT NULL)');
	load_files('soap', @soap);
	is($node->safe_psql('postgres', q{SELECT count(*) FROM soap WHERE outcome(body) LIKE 'error%'}),
		'0', 'the SOAP envelopes map without error');
	is($node->safe_psql('postgres', q{SELECT outcome(body) FROM soap WHERE file = '0407622011.xml'}),
		'29 https://data.vlaanderen.be/id/onderneming/0407622011=0407622011',
		'an enterprise inside a SOAP envelope is found');
}

# SHACL: OSLO Organisatie + Adres shapes, VKBO code lists as background
my $shapes = "$shared/oslo/organisatie/shacl/organisatie-basis-SHACL.ttl";
my $adres = "$shared/oslo/adres/shacl/adresregister-SHACL.ttl";
my @lists = sort glob("$shared/magda/oslo-mapping/OSLO-Organisatie-VKBO-IMPL/codelijsten/*.ttl");
SKIP:
{
	skip 'OSLO shapes or VKBO code lists not found', 4 unless -f $shapes && -f $adres && @lists;
	my $sql = sub { my $s = shift; $s =~ s/'/''/g; return "'$s'"; };
	$node->safe_psql('postgres',
		'SELECT oslo.profile_load(\'oslo-organisatie\', '
		  . $sql->(slurp_file($shapes) . "\n" . slurp_file($adres)) . ')');
	$node->safe_psql('postgres',
		'SELECT oslo.profile_add_background(\'oslo-organisatie\', ' . $sql->(slurp_file($_)) . ')')
	  for @lists;
	$node->safe_psql('postgres', q{
		CREATE TABLE mapped AS
		SELECT file, oslo.rml_apply('magda/geefonderneming-02.00', body) AS g FROM response;
		DELETE FROM mapped WHERE oslo.triple_count(g) = 0;
	});
	my $conforming = $node->safe_psql('postgres',
		q{SELECT count(*) FILTER (WHERE oslo.conforms(g, 'oslo-organisatie')) || '/' || count(*) FROM mapped});
	note("conform to organisatie-basis + adresregister shapes: $conforming graphs");
	my $kinds = $node->safe_psql('postgres', q{
		SELECT regexp_replace(r.source_constraint_component, '^.*#', '') || ' ' || r.result_path
			|| ' ' || count(*) || ' in ' || count(DISTINCT file)
		FROM mapped, oslo.validation_results(g, 'oslo-organisatie') r
		GROUP BY r.source_constraint_component, r.result_path ORDER BY 1});
	note("violations: $_") for split /\n/, $kinds;
	my ($ok, $total) = split m{/}, $conforming;
	is($total, 45, 'every organisation graph was validated');
	cmp_ok($ok, '>', 0, 'some organisation graphs conform as they are');

	# the violations README.md explains: names without a stated language
	# (rdf:langString) and one name per language where the shapes allow one
	my %explained = map { $_ => 1 } (
		'DatatypeConstraintComponent https://data.vlaanderen.be/ns/adres#land',
		'DatatypeConstraintComponent http://www.w3.org/ns/locn#thoroughfare',
		'DatatypeConstraintComponent https://data.vlaanderen.be/ns/adres#gemeentenaam',
		'DatatypeConstraintComponent http://www.w3.org/ns/regorg#legalName',
		'MaxCountConstraintComponent https://data.vlaanderen.be/ns/adres#land',
		'MaxCountConstraintComponent http://www.w3.org/ns/locn#thoroughfare',
		'MaxCountConstraintComponent https://data.vlaanderen.be/ns/adres#gemeentenaam',
		'MaxCountConstraintComponent http://www.w3.org/ns/regorg#legalName');
	my @unexplained = grep { !$explained{ join ' ', (split / /)[ 0, 1 ] } } split /\n/, $kinds;
	is_deeply(\@unexplained, [], 'no other kind of violation (codes are in the VKBO lists, registration and legal name present)');
	# the datatype violations are exactly the literals without language tag
	is($node->safe_psql('postgres', q{
		SELECT count(*) FROM mapped, oslo.validation_results(g, 'oslo-organisatie') r
		WHERE r.source_constraint_component = 'http://www.w3.org/ns/shacl#DatatypeConstraintComponent'
		  AND NOT EXISTS (SELECT FROM oslo.triples(g) t
			WHERE t.subject = r.focus_node AND t.predicate = r.result_path AND t.lang IS NULL)}),
		'0', 'each datatype violation is a name without language tag');
}

$node->stop;
done_testing();
