# ALTER EXTENSION oslo_interop UPDATE from every earlier release ends with
# the same objects, definitions, privileges, comments and built-in catalog
# rows as a fresh install of the current version, and keeps user rows.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('update');
$node->init;
$node->start;

# One line per fact about the extension's members; two databases compare equal
# when these lines do.
my $describe = q{
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'oslo_interop'),
member AS (
	SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS what
	FROM pg_depend d, ext WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e')
SELECT line FROM (
	SELECT 'member ' || what AS line FROM member
	UNION ALL
	SELECT 'function ' || pg_get_functiondef(p.oid) || ' acl ' || coalesce(p.proacl::text, 'default')
		|| ' comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
	FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	WHERE p.prokind IN ('f', 'p', 'w')
	UNION ALL
	SELECT 'aggregate ' || m.what || ' ' || a.aggtransfn::text || ' ' || coalesce(a.aggfinalfn::text, '-')
	FROM member m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
	UNION ALL
	SELECT 'relation ' || c.oid::regclass || ' kind ' || c.relkind::text || ' acl ' || coalesce(c.relacl::text, 'default')
		|| ' comment ' || coalesce(obj_description(c.oid, 'pg_class'), '-')
	FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT 'column ' || c.oid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
		|| CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
		|| ' default ' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-')
		|| ' acl ' || coalesce(a.attacl::text, 'default')
	FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	UNION ALL
	SELECT 'constraint ' || con.conrelid::regclass || ' ' || pg_get_constraintdef(con.oid)
	FROM member m JOIN pg_constraint con ON m.classid = 'pg_class'::regclass AND con.conrelid = m.objid
	UNION ALL
	SELECT 'index ' || pg_get_indexdef(i.indexrelid)
	FROM member m JOIN pg_index i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(t.oid)
	FROM member m JOIN pg_trigger t ON m.classid = 'pg_class'::regclass AND t.tgrelid = m.objid AND NOT t.tgisinternal
	UNION ALL
	SELECT 'type ' || format_type(t.oid, NULL) || ' ' || t.typinput::text || ' ' || t.typoutput::text || ' '
		|| t.typreceive::text || ' ' || t.typsend::text || ' ' || t.typstorage::text || ' ' || t.typalign::text
		|| ' comment ' || coalesce(obj_description(t.oid, 'pg_type'), '-')
	FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT 'cast ' || format_type(c.castsource, NULL) || ' -> ' || format_type(c.casttarget, NULL) || ' '
		|| c.castfunc::regprocedure::text || ' ' || c.castcontext::text
	FROM member m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT 'schema ' || n.nspname || ' acl ' || coalesce(n.nspacl::text, 'default')
	FROM pg_namespace n WHERE n.nspname = 'oslo'
	UNION ALL
	SELECT 'dumped ' || cfg.tab::regclass::text || ' ' || cfg.cond
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS cfg(tab, cond) WHERE e.extname = 'oslo_interop'
) facts ORDER BY line;
};

sub facts
{
	my ($db) = @_;
	return $node->safe_psql($db, $describe);
}

# the rows with builtin = true in each catalog table (whatever its columns)
sub builtin_rows
{
	my ($db) = @_;
	my @tables = split /\n/, $node->safe_psql($db, q{
		SELECT c.oid::regclass FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'oslo'
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'builtin' AND NOT a.attisdropped
		WHERE c.relkind = 'r' ORDER BY 1});
	my $out = '';
	for my $t (@tables)
	{
		$out .= "$t\n"
		  . $node->safe_psql($db, "SELECT md5(t::text) FROM $t t WHERE builtin ORDER BY 1");
	}
	return $out;
}

my $current = $node->safe_psql('postgres',
	q{SELECT default_version FROM pg_available_extensions WHERE name = 'oslo_interop'});
my @earlier = split /\n/, $node->safe_psql('postgres', qq{
	SELECT version FROM pg_available_extension_versions
	WHERE name = 'oslo_interop' AND version <> '$current' ORDER BY version});
cmp_ok(scalar @earlier, '>=', 1, "an earlier release than $current is installed to update from");

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION oslo_interop');
my $fresh_facts = facts('fresh');
my $fresh_rows = builtin_rows('fresh');
cmp_ok(scalar(split /\n/, $fresh_facts), '>', 100, 'a fresh install has its members');

for my $from (@earlier)
{
	my $db = "from_" . ($from =~ s/\W/_/gr);
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	$node->safe_psql($db, qq{
		CREATE EXTENSION oslo_interop VERSION '$from';
		INSERT INTO oslo.context (iri, document) VALUES ('urn:test:kept', '{"\@context": {"x": "urn:x"}}');
	});
	$node->safe_psql($db, 'ALTER EXTENSION oslo_interop UPDATE');
	is($node->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'oslo_interop'}),
		$current, "$from updates to $current");

	my $updated = facts($db);
	my %in_fresh = map { $_ => 1 } split /\n/, $fresh_facts;
	my %in_updated = map { $_ => 1 } split /\n/, $updated;
	my @missing = grep { !$in_updated{$_} } split /\n/, $fresh_facts;
	my @extra = grep { !$in_fresh{$_} } split /\n/, $updated;
	is(scalar @missing, 0, "after $from -> $current nothing of a fresh install is missing")
	  or diag(join("\n", map { "missing: " . substr($_, 0, 300) } @missing));
	is(scalar @extra, 0, "after $from -> $current nothing differs from a fresh install")
	  or diag(join("\n", map { "extra: " . substr($_, 0, 300) } @extra));
	is(builtin_rows($db), $fresh_rows, "after $from -> $current the built-in catalog rows are the current ones");
	is($node->safe_psql($db, q{SELECT count(*) FROM oslo.context WHERE iri = 'urn:test:kept'}),
		'1', "a row the user added before the update is kept");
	# the updated functions work, not only exist
	is($node->safe_psql($db, q{SELECT oslo.triple_count(oslo.graph_from_ntriples('<urn:a> <urn:b> "c" .'))}),
		'1', "after $from -> $current a C function answers");
}

$node->stop;
done_testing();
