#!/bin/sh
# check_doc_examples.sh: run every ```sql block of README.md and docs/*.md
# against a fresh database with the extension; each must run without error.
# Needs PGHOST/PGPORT/PGUSER of a running cluster (test/cluster.sh env).
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
PSQL="$($PG_CONFIG --bindir)/psql -X -q"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$PSQL -c "DROP DATABASE IF EXISTS oslo_docs" -c "CREATE DATABASE oslo_docs" postgres >/dev/null
$PSQL -d oslo_docs -c "CREATE EXTENSION oslo_interop" >/dev/null
passed=0
failed=0
for doc in README.md docs/*.md; do
	# split the document into one file per sql block
	awk -v dir="$work" -v base="$(basename "$doc" .md)" '
		/^```sql[[:space:]]*$/ { n++; inblock = 1; file = sprintf("%s/%s.%03d.sql", dir, base, n); next }
		/^```/ && inblock { inblock = 0; next }
		inblock { print > file }
	' "$doc"
done
for block in "$work"/*.sql; do
	[ -f "$block" ] || continue
	if $PSQL -d oslo_docs -v ON_ERROR_STOP=1 -f "$block" >"$block.out" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAILED: $(basename "$block")"
		cat "$block"
		cat "$block.out"
	fi
done
$PSQL -c "DROP DATABASE oslo_docs" postgres >/dev/null
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
