#!/bin/sh
# run_tests.sh: every test of oslo_interop, in order: install, core unit
# tests, pg_regress against a throwaway cluster, TAP tests, conformance
# floors. Prints one closing line "N passed, M failed".
set -u
MAKE=${MAKE:-make}
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG
LOGS=build/logs
mkdir -p "$LOGS" build/regress
passed=0
failed=0
status=0

count() { # count LOG: add "N passed, M failed" lines of LOG
	for line in $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | sed 's/ passed, /:/; s/ failed.*//'); do
		passed=$((passed + ${line%%:*}))
		failed=$((failed + ${line##*:}))
	done
}

stage() { # stage NAME CMD...: run, log, report
	name=$1
	shift
	echo "== $name"
	if "$@" >"$LOGS/$name.log" 2>&1; then
		tail -n 3 "$LOGS/$name.log"
	else
		cat "$LOGS/$name.log"
		echo "== $name FAILED"
		status=1
	fi
}

stage install $MAKE install-all || true
[ $status -eq 0 ] || { echo "0 passed, 1 failed"; exit 1; }

stage unit $MAKE unit
count "$LOGS/unit.log"

if command -v valgrind >/dev/null 2>&1; then
	stage unit-valgrind $MAKE unit-valgrind
	count "$LOGS/unit-valgrind.log"
fi

# the same unit tests built with AddressSanitizer + UBSan (LeakSanitizer on)
if command -v clang >/dev/null 2>&1; then
	stage check-asan $MAKE check-asan
	count "$LOGS/check-asan.log"
fi

# a short smoke run of every fuzz harness (make fuzz FUZZ_SECONDS=N for longer)
if command -v clang >/dev/null 2>&1; then
	before=$status
	status=0
	stage fuzz-smoke $MAKE fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-10}
	if [ $status -ne 0 ]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi
	[ $before -ne 0 ] && status=$before
fi

stage cli sh test/cli/test_cli.sh
count "$LOGS/cli.log"

stage plugin-pgxs sh test/plugin_pgxs.sh
count "$LOGS/plugin-pgxs.log"

sh test/cluster.sh start || { echo "could not start the test cluster"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
trap 'sh test/cluster.sh stop' EXIT
eval "export $(sh test/cluster.sh env)"

stage regress $MAKE installcheck
if grep -q "tests passed" "$LOGS/regress.log"; then
	n=$(grep -oE 'All [0-9]+ tests passed' "$LOGS/regress.log" | grep -oE '[0-9]+')
	passed=$((passed + ${n:-0}))
else
	[ -f build/regress/regression.diffs ] && head -n 200 build/regress/regression.diffs
	f=$(grep -oE '[0-9]+ of [0-9]+ tests failed' "$LOGS/regress.log" | head -n1 | cut -d' ' -f1)
	failed=$((failed + ${f:-1}))
fi

# the same suite against a backend under valgrind: nothing of ours reported
stage valgrind-backend sh tools/valgrind_regress.sh
count "$LOGS/valgrind-backend.log"

stage tap sh test/run_tap.sh
n=$(grep -oE 'Tests=[0-9]+' "$LOGS/tap.log" | grep -oE '[0-9]+' || true)
if grep -q '^Result: PASS' "$LOGS/tap.log"; then
	passed=$((passed + ${n:-0}))
else
	failed=$((failed + 1))
fi

stage docs sh tools/check_doc_examples.sh
count "$LOGS/docs.log"

# jsonld.js 9 as the oracle for toRdf on the real OSLO and MAGDA JSON-LD
# (installed from npm into a scratch folder on first use; skipped without node)
JSONLD_DIR=${TMPDIR:-/tmp}/oslo_interop_jsonld_bench
if command -v npm >/dev/null 2>&1 && [ ! -f "$JSONLD_DIR/node_modules/jsonld/package.json" ]; then
	mkdir -p "$JSONLD_DIR" && (cd "$JSONLD_DIR" && npm install --silent --no-audit --no-fund jsonld@9.0.0 >/dev/null 2>&1) || true
fi
stage oracle-jsonld env BENCH_DIR="$JSONLD_DIR" sh test/oracle/jsonld_js.sh
count "$LOGS/oracle-jsonld.log"

# Apache Jena's SHACL as the oracle on every published OSLO and EU profile
stage shacl-jena sh test/oracle/shacl_jena.sh
count "$LOGS/shacl-jena.log"

# Apache Jena ARQ as the oracle for the SPARQL CONSTRUCT subset (docs/sparql-subset.md)
stage sparql-jena sh test/oracle/sparql_jena.sh
count "$LOGS/sparql-jena.log"

# conformance floors: each runner fails when a suite drops below its floor
for suite in build/*_suite; do
	[ -x "$suite" ] || continue
	name=$(basename "$suite")
	before=$status
	status=0
	stage "$name" "$suite" ../shared/conformance --floor test/conformance/floors.txt
	if [ $status -ne 0 ]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi
	[ $before -ne 0 ] && status=$before
done

echo "$passed passed, $failed failed"
[ $status -eq 0 ] && [ $failed -eq 0 ]
