# The published SEMIC shapes and JSON-LD contexts of ../shared/eu, loaded by
# tools/load_semic.sh into oslo.profile and oslo.context:
#  1. every shapes file loads, except the 7 that SHACL calls ill-formed (also
#     refused by Jena: test/unit/test_shacl_profiles.c), each refused naming
#     the fault;
#  2. the warnings of each profile are exactly the broken sh: constructs of
#     its file (sh:shape, sh:dateTime, sh:nodekind), counted here from the
#     text with regular expressions, each with what it probably meant;
#  3. the example data of Core Person 2.1.2, Core Location 2.1.0, Core
#     Business 2.3.0, CPOV 2.1.2 and CPSV-AP 3.2.0 (Turtle and JSON-LD) is
#     validated against its own shapes; every result is explained: sh:class
#     on an IRI the example does not type (no background knowledge), or a
#     named upstream fault; anything else fails the test;
#  4. every SEMIC and DCAT-AP 3.0.x example .jsonld goes through toRdf with
#     its remote contexts from the catalog (nothing fetched) and gives the
#     triples of its .ttl sibling, or the difference has a named cause that
#     is checked (fixing the cause makes the two isomorphic);
#  5. a langString-coerced term of a real SEMIC context: a string without a
#     language becomes xsd:string, with a NOTICE (docs/eu-contexts.md).
# Skips when ../shared/eu is absent.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use File::Find;

my $shared = $ENV{OSLO_SHARED_COPY} // '';
my $eu = "$shared/eu";
plan skip_all => "SEMIC material not found ($eu): ../shared is absent"
  unless -d "$eu/core-person/releases";
my $loader = ($ENV{TESTDIR} // '.') . '/tools/load_semic.sh';
BAIL_OUT("tools/load_semic.sh not found at $loader (test/run_tap.sh copies it)")
  unless -f $loader;

my $SH = 'http://www.w3.org/ns/shacl#';
my $RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

my $node = PostgreSQL::Test::Cluster->new('semic');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION oslo_interop');

# --- 1. load ------------------------------------------------------------------
my ($out, $err) = run_command(
	[
		'sh', $loader, '--shared', $shared, '-X', '-h', $node->host,
		'-p', $node->port, '-d', 'postgres'
	]);
my (%loaded, %refused, %contexts, %context_refused);
for (split /\n/, $out)
{
	if (/^profile (\S+): (\d+) shapes, (\d+) warnings$/) { $loaded{$1} = $2; }
	elsif (/^profile (\S+): refused (\w+): (.*)$/) { $refused{$1} = "$2: $3"; }
	elsif (/^context (\S+): registered$/) { $contexts{$1} = 1; }
	elsif (/^context (\S+): refused (\w+): (.*)$/) { $context_refused{$1} = "$2: $3"; }
}
like($out, qr/^loaded \d+ profiles \(\d+ refused\), \d+ contexts \(\d+ refused\)$/m,
	'the loader ends with its summary');

# the shapes files, found here independently of the loader's globs
my @shape_files;
find(
	sub {
		my $rel = $File::Find::name;
		$rel =~ s{^\Q$eu\E/}{};
		push @shape_files, $rel
		  if -f $_
		  && /\.(ttl|jsonld)$/
		  && $rel =~ /shacl|shape/i
		  && $rel !~ m{/test/}
		  && $rel !~ m{^oots/};
	},
	$eu);
@shape_files = sort @shape_files;
sub profile_name
{
	my ($rel) = @_;
	(my $name = "semic:$rel") =~ s{/releases/}{/};
	$name =~ s{/}{:}g;
	return $name;
}

# ill-formed per SHACL (Jena refuses them too); the reason each is refused
my %expect_refused = (
	'cpsv-ap/releases/2.2.1/CPSV-AP_shacl_cv_shapes_v2.2.1.ttl' =>
	  qr/sh:pattern "\^http:.*"\@en: expected a literal of datatype xsd:string/,
	'dcat-ap/releases/2.0.0/dcat-ap_2.0.0_shacl_shapes.ttl' =>
	  qr/sh:nodeKind <http:\/\/data\.europa\.eu\/r5r#DcatResource_Shape>: expected one of the six sh: node kinds/,
	'dcat-ap/releases/2.1.0/dcat-ap_2.1.0_shacl_range.ttl' => qr/has no sh:path/,
	'dcat-ap/releases/2.1.0/dcat-ap_2.1.0_shacl_shapes_recommended.ttl' => qr/has no sh:path/,
	'dcat-ap/releases/3.0.0-hvd/html/hvd-SHACL-base.ttl' => qr/has no sh:path/,
	'dcat-ap/releases/3.0.1/shacl/dcat-ap-SHACL.ttl' => qr/has no sh:path/,
	'dcat-ap/releases/3.0.1/shacl/ranges.ttl' => qr/has no sh:path/);

cmp_ok(scalar @shape_files, '>=', 100, scalar(@shape_files) . ' SEMIC shapes files found');
my ($n_loaded, $n_refused) = (0, 0);
for my $rel (@shape_files)
{
	my $name = profile_name($rel);
	if (my $why = $expect_refused{$rel})
	{
		like($refused{$name} // 'loaded', qr/^22023: malformed shape .*$why/,
			"$rel refused, naming the fault");
		$n_refused++ if defined $refused{$name};
	}
	else
	{
		ok(defined $loaded{$name}, "$rel loads")
		  or diag("$rel: " . ($refused{$name} // 'not in the loader output'));
		$n_loaded++ if defined $loaded{$name};
	}
}
is(scalar(keys %loaded) + scalar(keys %refused),
	scalar @shape_files, 'the loader read exactly the shapes files found here');
diag("shapes files: " . scalar(@shape_files) . ", loaded $n_loaded, refused $n_refused");

# --- 2. warnings = the broken constructs of each file -----------------------------
my %warnings;    # profile -> term -> count
my %meant;       # term/position -> the guesses seen
for (split /\n/,
	$node->safe_psql('postgres', qq{
	SELECT p.name, substr(w.term, length('$SH') + 1), w.position, coalesce(w.probably_meant, '-'), count(*)
	FROM oslo.profile p, oslo.shapes_warnings(p.shapes) w
	WHERE p.name LIKE 'semic:%' GROUP BY 1, 2, 3, 4}))
{
	my ($name, $term, $position, $guess, $n) = split /\|/;
	$warnings{$name}{$term} += $n;
	$meant{"$term/$position"}{$guess} = 1;
}

# the same constructs counted from the text: the prefixes bound to the SHACL
# namespace (sh:, shacl:) in Turtle, compact IRIs in the JSON-LD files
sub broken_constructs
{
	my ($rel) = @_;
	my $text = slurp_file("$eu/$rel");
	my %count;
	my $terms = qr/(shape|dateTime|nodekind)/;
	if ($rel =~ /\.ttl$/)
	{
		my @prefixes = $text =~ /\@prefix\s+([\w-]*):\s*<\Q$SH\E>/g;
		for my $p (@prefixes)
		{
			$count{$1}++ while $text =~ /(?<![\w:-])\Q$p\E:$terms(?![\w-])/g;
		}
		$count{$1}++ while $text =~ /<\Q$SH\E$terms>/g;
	}
	else
	{
		$count{$1}++ while $text =~ /"(?:sh|shacl):$terms"/g;
	}
	return \%count;
}

my %by_kind;
my $files_with_constructs = 0;
for my $rel (@shape_files)
{
	my $name = profile_name($rel);
	next unless defined $loaded{$name};
	my $expected = broken_constructs($rel);
	my $got = $warnings{$name} // {};
	my $e = join(', ', map { "sh:$_ $expected->{$_}" } sort keys %$expected) || 'none';
	my $g = join(', ', map { "sh:$_ $got->{$_}" } sort keys %$got) || 'none';
	is($g, $e, "$rel: the warnings are its broken constructs ($e)");
	$files_with_constructs++ if %$expected;
	$by_kind{$_} += $expected->{$_} for keys %$expected;
}
diag(sprintf("broken constructs warned about: sh:nodekind %d, sh:shape %d, sh:dateTime %d, in %d files",
		$by_kind{nodekind} // 0, $by_kind{shape} // 0, $by_kind{dateTime} // 0, $files_with_constructs));
cmp_ok($by_kind{$_} // 0, '>', 0, "sh:$_ occurs in the published shapes")
  for qw(nodekind shape dateTime);
# what each probably meant
is(join(',', sort keys %{ $meant{'nodekind/predicate'} }), 'sh:nodeKind', 'sh:nodekind: probably sh:nodeKind');
is(join(',', sort keys %{ $meant{'shape/predicate'} }), 'sh:node', 'sh:shape: probably sh:node');
is(join(',', sort keys %{ $meant{'dateTime/predicate'} }), 'sh:datatype',
	'sh:dateTime xsd:hexBinary: probably sh:datatype');
is(join(',', sort keys %meant), 'dateTime/predicate,nodekind/predicate,shape/predicate',
	'no other kind of warning');

# the same warnings at load time, as WARNINGs naming shape and meaning
my $n_warning_lines = () = $err =~ /^WARNING:  /mg;
my $n_warnings = 0;
$n_warnings += $_ for values %by_kind;
is($n_warning_lines, $n_warnings, "oslo.profile_load raised $n_warnings WARNINGs");
like($err,
	qr/WARNING:  shape <http:\/\/data\.europa\.eu\/r5r#Checksum_Shape> sh:property \[ sh:path <http:\/\/spdx\.org\/rdf\/terms#checksumValue> \]: sh:dateTime is not a SHACL term; ignored: .* \(probably meant sh:datatype\)/,
	'a WARNING names the shape, the term and the meaning');

# --- 3. the examples against their own shapes ---------------------------------------
$node->safe_psql('postgres', q{
CREATE FUNCTION semic_results(g oslo.graph, profile text)
	RETURNS TABLE (component text, path text, value text, literal boolean, typed boolean)
	LANGUAGE sql AS $$
	SELECT substr(r->>'sourceConstraintComponent', 28), r->>'resultPath', r->>'value',
		r ? 'valueDatatype',
		EXISTS (SELECT 1 FROM oslo.triples(g) t
			WHERE t.subject = r->>'value'
			  AND t.predicate = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')
	FROM jsonb_array_elements(oslo.validate(g, profile)->'results') r
$$;
});

sub graph_sql
{
	my ($file) = @_;
	my $text = slurp_file($file);
	die "$file holds the dollar quote" if $text =~ /\$semic\$/;
	return $file =~ /\.jsonld$/
	  ? "oslo.graph_from_jsonld(\$semic\$$text\$semic\$::jsonb)"
	  : "oslo.graph_from_turtle(\$semic\$$text\$semic\$)";
}

my %release_shapes = (
	'core-person/releases/2.1.2' => 'semic:core-person:2.1.2:shacl:core-person-ap-SHACL.ttl',
	'core-location/releases/2.1.0' => 'semic:core-location:2.1.0:shacl:core-location-ap-SHACL.ttl',
	'core-business/releases/2.3.0' => 'semic:core-business:2.3.0:shacl:core-business-ap-SHACL.ttl',
	'cpov/releases/2.1.2' => 'semic:cpov:2.1.2:shacl:core-public-organisation-ap-SHACL.ttl',
	'cpsv-ap/releases/3.2.0' => 'semic:cpsv-ap:3.2.0:shacl:cpsv-ap-SHACL.ttl');

# results that are not "sh:class on an IRI the example does not type": each
# with its cause, by example file and "component path value"
my $CONFORMS_TO = 'http://purl.org/dc/terms/conformsTo';
my %known_results = (
	'core-business/releases/2.3.0/html/examples/example-rdf_legal_entity.ttl' => {
		"ClassConstraintComponent $CONFORMS_TO literal" => 'dct:conformsTo is an xsd:anyURI literal; the shapes want an IRI of a skos:ConceptScheme',
		"NodeKindConstraintComponent $CONFORMS_TO literal" => 'dct:conformsTo is an xsd:anyURI literal; the shapes want an IRI of a skos:ConceptScheme',
		'ClassConstraintComponent http://data.europa.eu/m8g/registeredAddress http://example.com/address' =>
		  'the example declares @prefix locn: <http://w3.org/ns/locn#> (no www.): its address is no locn:Address',
	},
	'core-business/releases/2.3.0/html/examples/example-rdf_legal_entity.jsonld' => {
		"ClassConstraintComponent $CONFORMS_TO literal" => 'dct:conformsTo is an xsd:anyURI literal; the shapes want an IRI of a skos:ConceptScheme',
		"NodeKindConstraintComponent $CONFORMS_TO literal" => 'dct:conformsTo is an xsd:anyURI literal; the shapes want an IRI of a skos:ConceptScheme',
	});

my ($n_examples, $n_conforming) = (0, 0);
my %results_of;    # example -> number of results (JSON-LD sorts before Turtle)
for my $release (sort keys %release_shapes)
{
	my $profile = $release_shapes{$release};
	for my $file (sort glob("$eu/$release/html/examples/example-*.{ttl,jsonld}"))
	{
		(my $rel = $file) =~ s{^\Q$eu\E/}{};
		my $g = graph_sql($file);
		my $rows = $node->safe_psql('postgres',
			"SELECT component, path, CASE WHEN literal THEN 'literal' ELSE value END, typed FROM semic_results($g, '$profile')"
		);
		my ($untyped, @explained, @unexplained) = (0);
		my $known = $known_results{$rel} // {};
		for my $row (split /\n/, $rows)
		{
			my ($component, $path, $value, $typed) = split /\|/, $row;
			my $key = "$component $path $value";
			if ($known->{$key}) { push @explained, "$key: $known->{$key}"; }
			elsif ($component eq 'ClassConstraintComponent' && $value ne 'literal' && $typed eq 'f')
			{
				$untyped++;
			}
			else { push @unexplained, $key; }
		}
		$n_examples++;
		my $n = ($rows eq '') ? 0 : scalar(split /\n/, $rows);
		$n_conforming++ if $n == 0;
		is(join("\n", @unexplained), '', "$rel: every validation result has a known cause");
		is(scalar(@explained), scalar(keys %$known), "$rel: the named upstream faults show up");
		diag("$rel: " . ($n == 0 ? 'conforms'
			: "does not conform, $n results: $untyped sh:class on IRIs the example does not type "
			  . "(no background knowledge)" . join('', map { "; $_" } @explained)));
		$results_of{$rel} = $n;
		# Turtle with the wrong locn: namespace: validated again as meant
		my $text = slurp_file($file);
		if ($file =~ /\.ttl$/ && $text =~ m{\@prefix locn: <http://w3\.org/ns/locn#>})
		{
			(my $fixed = $text) =~ s{<http://w3\.org/ns/locn#>}{<http://www.w3.org/ns/locn#>};
			my $m = $node->safe_psql('postgres',
				"SELECT count(*) FROM semic_results(oslo.graph_from_turtle(\$semic\$$fixed\$semic\$), '$profile')");
			(my $sibling = $rel) =~ s/\.ttl$/.jsonld/;
			is($m, $results_of{$sibling}, "$rel with locn: fixed: as many results as its JSON-LD sibling");
			diag("  $rel has \@prefix locn: <http://w3.org/ns/locn#> (no www.: an upstream bug); with it fixed: "
				  . ($m == 0 ? 'conforms' : "$m results"));
		}
	}
}
diag("examples validated: $n_examples, conforming: $n_conforming");

# Core Location 2.1.0: the Turtle examples conform only because their locn:
# prefix is http://w3.org/ns/locn# (no www.): no node is a locn:Address
{
	my $file = "$eu/core-location/releases/2.1.0/html/examples/example-rdf_address.ttl";
	my $text = slurp_file($file);
	like($text, qr{\@prefix locn: <http://w3\.org/ns/locn#>}, 'core-location 2.1.0 example: wrong locn prefix upstream');
	(my $fixed = $text) =~ s{<http://w3\.org/ns/locn#>}{<http://www.w3.org/ns/locn#>};
	my $targets = $node->safe_psql('postgres', qq{
		SELECT count(*) FROM oslo.triples(oslo.graph_from_turtle(\$semic\$$text\$semic\$))
		WHERE predicate = '$RDF_TYPE' AND object = 'http://www.w3.org/ns/locn#Address'});
	is($targets, '0', 'as published, the address example has no locn:Address to validate');
	is($node->safe_psql('postgres', qq{
		SELECT oslo.conforms(oslo.graph_from_turtle(\$semic\$$fixed\$semic\$), '$release_shapes{'core-location/releases/2.1.0'}'),
		       (SELECT count(*) FROM oslo.triples(oslo.graph_from_turtle(\$semic\$$fixed\$semic\$))
		        WHERE predicate = '$RDF_TYPE' AND object = 'http://www.w3.org/ns/locn#Address')}),
		't|1', 'with the locn prefix fixed, the address is validated and conforms');
}

# --- 4. JSON-LD through the catalog = the Turtle sibling ------------------------------
my @json_examples = sort grep { !m{/dcat-ap/releases/(?!3\.0\.[01]/)} } (
	glob("$eu/*/releases/*/html/examples/example-*.jsonld"));
my (%causes, $n_pairs, $n_same);
my %modelled_differently = ('core-location/releases/2.0.2/html/examples/example-rdf_wkt.jsonld' =>
	  'the JSON-LD has an sf:Point node with geosparql:asWKT, the Turtle a wktLiteral on locn:geometry (and lost a space in the coordinates)');
for my $file (@json_examples)
{
	(my $rel = $file) =~ s{^\Q$eu\E/}{};
	my $g = graph_sql($file);
	my ($rc, $nq, $stderr) = $node->psql('postgres', "SELECT oslo.to_nquads($g)");
	is($rc, 0, "$rel: toRdf with its remote contexts from the catalog") or diag($stderr);
	(my $ttl = $file) =~ s/\.jsonld$/.ttl/;
	next unless -f $ttl;
	$n_pairs++;
	my $ttl_text = slurp_file($ttl);
	my ($trc, $tnq, $terr) = $node->psql('postgres', 'SELECT oslo.to_nquads(' . graph_sql($ttl) . ')');
	if ($trc != 0)
	{
		# upstream Turtle with a "/" in a prefixed name (example-dist:X/biojson)
		like($terr, qr/invalid Turtle at line \d+, column \d+/, "$rel: the .ttl sibling is refused, with its position");
		like($ttl_text, qr/^\S+:\S+\/\S+ a /m, "$rel: the .ttl has an unescaped / in a prefixed name");
		push @{ $causes{'invalid Turtle upstream (unescaped / in a prefixed name)'} }, $rel;
		next;
	}
	my $same = $node->safe_psql('postgres', "SELECT oslo.isomorphic(oslo.graph_from_nquads(\$semic\$$nq\$semic\$), oslo.graph_from_nquads(\$semic\$$tnq\$semic\$))");
	if ($same eq 't') { $n_same++; pass("$rel: the same triples as the .ttl"); next; }
	if (my $why = $modelled_differently{$rel})
	{
		push @{ $causes{"modelled differently upstream: $why"} }, $rel;
		pass("$rel: differs from the .ttl, as known");
		next;
	}
	# fix the known causes and compare again
	my ($fixed_nq, $fixed_tnq, @why) = ($nq, $tnq);
	if ($ttl_text =~ m{\@prefix locn: <http://w3\.org/ns/locn#>})
	{
		$fixed_tnq =~ s{<http://w3\.org/ns/locn#}{<http://www.w3.org/ns/locn#}g;
		push @why, 'the .ttl declares locn: <http://w3.org/ns/locn#> (no www.)';
	}
	if (slurp_file($file) =~ /"geosparql:"\s*:/)
	{
		# a prefix defined as "geosparql:" (colon in the key): geosparql:asGML stays unexpanded
		$fixed_nq =~ s{ <geosparql:(\w+)> }{ <http://www.opengis.net/ont/geosparql#$1> }g;
		push @why, 'the JSON-LD context defines the prefix "geosparql:" (with the colon), so geosparql:asGML is no IRI of that namespace';
	}
	if ($nq =~ /\^\^<xsd:/)
	{
		$fixed_nq =~ s{\^\^<xsd:}{^^<http://www.w3.org/2001/XMLSchema#}g;
		push @why, 'the DCAT-AP example context coerces to "xsd:date" without defining xsd: (jsonld.js gives the same <xsd:date>)';
	}
	my $after = @why ? $node->safe_psql('postgres', "SELECT oslo.isomorphic(oslo.graph_from_nquads(\$semic\$$fixed_nq\$semic\$), oslo.graph_from_nquads(\$semic\$$fixed_tnq\$semic\$))") : 'f';
	is($after, 't', "$rel: differs from the .ttl only by a named upstream fault")
	  or diag("$rel: JSON-LD\n$nq\nTurtle\n$tnq");
	push @{ $causes{join('; ', @why) || 'unexplained'} }, $rel;
}
diag("JSON-LD examples: " . scalar(@json_examples) . ", with a .ttl sibling: $n_pairs, the same triples: $n_same");
diag("  differ: $_: " . scalar(@{ $causes{$_} }) . " (" . join(', ', map { m{([^/]+/releases/[^/]+)/.*?([^/]+)\.jsonld$}; "$1 $2" } @{ $causes{$_} }) . ")")
  for sort keys %causes;
ok(!$causes{unexplained}, 'no unexplained difference');

# the catalog is the only source: an unknown remote context is an error, never a fetch
my ($rc, undef, $stderr) = $node->psql('postgres',
	q{SELECT oslo.graph_from_jsonld('{"@context": "https://semiceu.github.io/uri.semic.eu-generated/Core-Person-Vocabulary/releases/9.9.9/context/core-person-ap.jsonld", "@id": "http://example.com/p"}')});
isnt($rc, 0, 'an IRI the catalog lacks is not fetched');
like($stderr, qr/loading remote context failed/, '... and the error says so');

# contexts: all SEMIC 2.x/CPSV-AP 3.x and the DCAT-AP 3 example contexts register;
# the refused ones break a JSON-LD 1.1 rule (jsonld.js 9 refuses them too)
for my $iri (sort keys %context_refused)
{
	like($context_refused{$iri}, qr/^22023: invalid IRI mapping: term ".*" looks like an IRI but maps to another IRI$/,
		"$iri refused: a term that looks like an IRI maps to another one");
}
ok($contexts{'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.1/html/examples/context.jsonld'},
	'the DCAT-AP 3.0.1 example context (type-scoped, JSON-LD 1.1) is registered');
diag('contexts registered: ' . scalar(keys %contexts) . ', refused: ' . scalar(keys %context_refused));

# --- 5. rdf:langString coercion of a real SEMIC context ---------------------------------
my $cp = 'https://semiceu.github.io/uri.semic.eu-generated/Core-Person-Vocabulary/releases/2.1.1/context/core-person-ap.jsonld';
($rc, $out, $stderr) = $node->psql('postgres', qq{
	SELECT object, datatype, coalesce(lang, '-') FROM oslo.triples(oslo.graph_from_jsonld('{"\@context": "$cp",
		"\@id": "http://example.com/a", "\@type": "Address", "Address.fullAddress": "Kerkstraat 1, Gent",
		"Address.postName": {"\@value": "Gent", "\@language": "nl"}}'))
	WHERE predicate <> '$RDF_TYPE' ORDER BY 1});
is($out, "Gent|http://www.w3.org/1999/02/22-rdf-syntax-ns#langString|nl\nKerkstraat 1, Gent|http://www.w3.org/2001/XMLSchema#string|-",
	'Address.fullAddress (coerced to rdf:langString) without a language: xsd:string; with @language: tagged');
like($stderr, qr/NOTICE:  1 JSON-LD value typed rdf:langString without a language \(first: "Kerkstraat 1, Gent"\)/,
	'... with a NOTICE');

$node->stop;
done_testing();
