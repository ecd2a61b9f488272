#!/bin/sh
# plugin_pgxs.sh: a third party builds a plugin with PGXS alone, against the
# headers oslo_interop installed -- here a copy of plugins/magda outside the
# tree. Prints "N passed, M failed".
set -u
PG_CONFIG=${PG_CONFIG:-pg_config}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

cp plugins/magda/*.c plugins/magda/*.h plugins/magda/Makefile "$work/"
if make -C "$work" PG_CONFIG="$PG_CONFIG" >"$work/build.log" 2>&1; then ok; else fail "build with installed headers"; cat "$work/build.log"; fi
if grep -q -- "-I$(pwd)" "$work/build.log"; then fail "the build used the source tree's headers"; else ok; fi
exports=$(nm -D --defined-only "$work/magda.so" 2>/dev/null | awk '$2 == "T" { print $3 }')
if [ "$exports" = "oslo_plugin_describe" ]; then ok; else fail "exports: $exports (want only oslo_plugin_describe)"; fi
if nm -D --undefined-only "$work/magda.so" | grep -q 'oslo_graph_add'; then ok; else fail "core symbols are not resolved from the host"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
