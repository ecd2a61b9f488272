# Every request oslo.magda_request builds validates against the MAGDA
# WebService XSD of its service (../shared/magda/xsd), with libxml2's schema
# validator (xmllint --schema). The SOAP Body's child -- the service element
# the WebService XSD declares -- is what is validated; it is taken out of the
# envelope with xsltproc's xsl:copy-of, which keeps the namespace declarations
# in scope. The same code path accepts MAGDA-Mock's official request
# templates and rejects deliberately broken requests, so it can fail.
use strict;
use warnings;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $shared = ($ENV{OSLO_SHARED_COPY} // '') . '/magda';
plan skip_all => "MAGDA XSDs not found ($shared/xsd): ../shared is absent"
  unless -d "$shared/xsd" && -d "$shared/requests";
for my $tool (qw(xmllint xsltproc))
{
	plan skip_all => "$tool not found (Debian: libxml2-utils, xsltproc)"
	  unless grep { -x "$_/$tool" } split /:/, $ENV{PATH};
}

my %xsd = (
	'GeefPersoon-02.02' => 'Persoon.GeefPersoonDienst-02.02/WebService/GeefPersoon.xsd',
	'GeefPersoon-02.00' => 'Persoon.GeefPersoonDienst-02.00/WebService/GeefPersoon.xsd',
	'GeefOnderneming-02.00' =>
	  'Onderneming.GeefOndernemingDienst-02.00/WebService/GeefOnderneming.xsd',
	'RegistreerInschrijving-02.01' =>
	  'Repertorium.RegistreerInschrijvingDienst-02.01/WebService/RegistreerInschrijving.xsd',
	'RegistreerInschrijving-02.00' =>
	  'Repertorium.RegistreerInschrijvingDienst-02.00/WebService/RegistreerInschrijving.xsd',);

my $tmp = PostgreSQL::Test::Utils::tempdir;
my $body_xsl = "$tmp/body.xsl";
append_to_file($body_xsl, <<'XSL');
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:copy-of select="/*[local-name()='Envelope']/*[local-name()='Body']/*[1]"/>
  </xsl:template>
</xsl:stylesheet>
XSL

# (valid, diagnostics): the Body child of an envelope file against an XSD
my $n = 0;
sub validate
{
	my ($envelope_file, $xsd_rel) = @_;
	my $body = "$tmp/body" . ++$n . '.xml';
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'xsltproc', '--nonet', '-o', $body, $body_xsl, $envelope_file ],
		'>', \$out, '2>', \$err)
	  or return (0, "xsltproc: $err");
	return (0, 'no Body child') unless -s $body;
	my $ok = IPC::Run::run(
		[ 'xmllint', '--noout', '--nonet', '--schema', "$shared/xsd/$xsd_rel", $body ],
		'>', \$out, '2>', \$err);
	return ($ok ? 1 : 0, $err);
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

# the validator setup accepts known-good documents: the official templates
for my $t (
	[ 'GeefPersoon/02.02.0000', 'GeefPersoon-02.02' ],
	[ 'GeefPersoon/02.00.0000', 'GeefPersoon-02.00' ],
	[ 'GeefOnderneming/02.00.0000', 'GeefOnderneming-02.00' ],
	[ 'RegistreerInschrijving/02.01.0000', 'RegistreerInschrijving-02.01' ],
	[ 'RegistreerInschrijving/02.00.0000', 'RegistreerInschrijving-02.00' ])
{
	my ($ok, $err) = validate("$shared/requests/$t->[0]/template.xml", $xsd{ $t->[1] });
	ok($ok, "template $t->[0] validates") or diag($err);
}

my $node = PostgreSQL::Test::Cluster->new('magda_request');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION oslo_interop');

sub sql_literal
{
	my ($s) = @_;
	$s =~ s/'/''/g;
	return "'$s'";
}

sub request
{
	my ($service, $subject, $context) = @_;
	return $node->safe_psql('postgres',
		    'SELECT oslo.magda_request('
		  . sql_literal($service) . ', '
		  . sql_literal($subject) . ', '
		  . sql_literal($context)
		  . '::jsonb)');
}

# contexts: the minimum, every optional Afzender field, values at the XSD's
# maximum length counted in characters (multi-byte ones included), markup
# and quotes that must come out escaped, a given Referte and Tijdstip
my $afnemer = '"identificatie": "kb.vlaanderen.be/aiv/burgerloket-test", "hoedanigheid": "1300"';
my @contexts = (
	[ 'minimal', "{$afnemer}" ],
	[
		'full Afzender',
		'{"identificatie": "kbbj.vlaanderen.be/dv/verenigingsregister-aip", "hoedanigheid": "ipdc77332", '
		  . '"naam": "Verenigingsregister", "organisatieeenheid": "Digitaal Vlaanderen", '
		  . '"gebruiker": "77050526771", "referte": "833dd928-ffc2-42fe-83d7-12e71d191f8d", '
		  . '"vraagreferte": "vraag-1", "tijdstip": "2026-02-28T23:59:59.999"}'
	],
	[
		'longest values',
		'{"identificatie": "' . ('é' x 120) . '", "hoedanigheid": "' . ('ü' x 24)
		  . '", "naam": "' . ('x' x 24) . '", "organisatieeenheid": "' . ('€' x 24)
		  . '", "referte": "' . ('r' x 36) . '", "vraagreferte": "' . ('q' x 36) . '"}'
	],
	[
		'markup in values',
		'{"identificatie": "a</Identificatie><Gebruiker>1</Gebruiker>&amp;", "hoedanigheid": "\"1\u0027<>", '
		  . '"naam": "]]>\t\n", "tijdstip": "2000-02-29 00:00"}'
	],);

# (service, subject, extra context members)
my @requests = (
	[ 'GeefPersoon', '90010100123', '' ],
	[ 'GeefPersoon-02.02', '05010100113', ', "bron": "KSZ", "taal": "de"' ],
	[
		'GeefPersoon-02.02',
		'00600099536',
		', "opvragingenksz": ["WettelijkeVertegenwoordiging", "PlaatsInschrijving", '
		  . '"AdministratieveToestand", "WettigVerblijf", "Arbeidskaart", "Beroepskaart", '
		  . '"Identiteitsbewijs", "AfstammingDalendeLijn", "Afstamming", "BasisPersoonsgegevens"]'
	],
	[ 'GeefPersoon-02.02', '90010100123', ', "opvragingenksz": []' ],
	[ 'GeefPersoon-02.00', '90010100123', '' ],
	[ 'GeefPersoon-02.00', '05010100113', ', "bron": "KSZ", "taal": "fr"' ],
	[ 'GeefOnderneming', '0207451227', '' ],
	[ 'GeefOnderneming-02.00', '0407622011', ', "taal": "en"' ],
	[ 'RegistreerInschrijving', '90010100123', '' ],
	[ 'RegistreerInschrijving', '0207451227', ', "periode": {"begin": "2026-01-01"}' ],
	[
		'RegistreerInschrijving-02.01', '05010100113',
		', "periode": {"begin": "2026-01-01", "einde": "2026-12-31"}'
	],
	[ 'RegistreerInschrijving-02.00', '90010100123', ', "periode": {"begin": "2026-01-01"}' ],
	[
		'RegistreerInschrijving-02.00', '05010100113',
		', "periode": {"begin": "2026-01-01", "einde": "2026-01-01"}'
	],);

my %default_version = (
	GeefPersoon => '02.02',
	GeefOnderneming => '02.00',
	RegistreerInschrijving => '02.01');
my $count = 0;
my $first_persoon;
for my $r (@requests)
{
	my ($service, $subject, $extra) = @$r;
	my $key = $service =~ /-/ ? $service : "$service-$default_version{$service}";
	for my $c (@contexts)
	{
		my ($label, $context) = @$c;
		$context =~ s/}$/$extra}/;
		my $xml = request($service, $subject, $context);
		my $file = write_file('request' . ++$count . '.xml', $xml);
		$first_persoon //= $xml if $key eq 'GeefPersoon-02.02';
		my ($ok, $err) = validate($file, $xsd{$key});
		ok($ok, "$service $subject$extra, $label context: valid against $xsd{$key}")
		  or diag("$err\n$xml");
	}
}
cmp_ok($count, '>=', 50, 'enough requests generated');

# the same code path rejects broken requests
my @broken = (
	[ 'INSZ of 12 digits', sub { $_[0] =~ s{<INSZ>(\d+)</INSZ>}{<INSZ>${1}0</INSZ>} } ],
	[ 'Bericht/Type not VRAAG', sub { $_[0] =~ s{<Type>VRAAG</Type>}{<Type>VRAGEN</Type>} } ],
	[
		'Referte before Identificatie',
		sub {
			$_[0] =~
			  s{(<Identificatie>[^<]*</Identificatie>)(<Referte>[^<]*</Referte>)}{$2$1};
		}
	],
	[ 'Taal not a language code', sub { $_[0] =~ s{<Taal>nl</Taal>}{<Taal>xx</Taal>} } ],
	[ 'no Vragen', sub { $_[0] =~ s{<Vragen>.*</Vragen>}{} } ],
	[
		'Verzoek in the service namespace',
		sub { $_[0] =~ s{<Verzoek>}{<web:Verzoek>}; $_[0] =~ s{</Verzoek>}{</web:Verzoek>} }
	],);
for my $b (@broken)
{
	my ($what, $break) = @$b;
	my $xml = $first_persoon;
	ok($break->($xml), "broke the request: $what");
	my ($ok, $err) = validate(write_file('broken' . ++$count . '.xml', $xml),
		$xsd{'GeefPersoon-02.02'});
	ok(!$ok, "rejected: $what");
}
my ($ok) = validate(write_file('wrong_service.xml', $first_persoon), $xsd{'GeefOnderneming-02.00'});
ok(!$ok, 'a GeefPersoon request is rejected by the GeefOnderneming XSD');

$node->stop;
done_testing();
