#!/bin/sh
# valgrind_regress.sh: the pg_regress suite against a backend running under
# valgrind. Fails when valgrind reports an invalid access, a use of
# uninitialised memory, or a definite leak with oslo_interop's code (the
# extension or a plugin) on the stack; PostgreSQL's own known reports (WAL
# padding, save_ps_display_args) do not involve it and are not counted.
set -u
PG_CONFIG=${PG_CONFIG:-pg_config}
MAKE=${MAKE:-make}
BIN=$($PG_CONFIG --bindir)
DIR=${OSLO_VALGRIND_DIR:-/tmp/oslo_interop_valgrind}
PORT=${OSLO_VALGRIND_PORT:-54341}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "skipped: valgrind not installed"
	exit 0
fi
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop() {
	as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 120 stop >/dev/null 2>&1 || true
}
rm -rf "$DIR"
mkdir -p "$DIR/logs"
[ "$(id -u)" = 0 ] && chown -R postgres: "$DIR"
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$DIR/initdb.log" 2>&1 ||
	{ cat "$DIR/initdb.log"; exit 1; }
as_owner sh -c "valgrind --quiet --trace-children=yes --leak-check=full --show-leak-kinds=definite \
	--error-limit=no --log-file=$DIR/logs/vg.%p.log \
	$BIN/postgres -D $DIR/data -p $PORT -k $DIR -c listen_addresses='' >$DIR/server.log 2>&1 &"
trap stop EXIT
i=0
until "$BIN/pg_isready" -q -h "$DIR" -p "$PORT"; do
	i=$((i + 1))
	[ $i -gt 240 ] && { echo "the server under valgrind did not start"; cat "$DIR/server.log"; exit 1; }
	sleep 0.5
done
PGHOST=$DIR PGPORT=$PORT PGUSER=postgres $MAKE -s installcheck >"$DIR/regress.log" 2>&1
regress=$?
stop
trap - EXIT

# one valgrind report per block; keep those with our code on the stack: our
# shared objects, or (with debug information) one of our source files
ours="oslo_interop|magda\\.so|\\(($(ls extension/core/*.c extension/pg/*.c plugins/*/*.c |
	sed 's|.*/||; s|\.c$||' | tr '\n' '|' | sed 's/|$//'))\\.c:"
awk '
	/^==[0-9]+== *$/ { if (block != "") print block "\n--"; block = ""; next }
	{ sub(/^==[0-9]+== /, ""); block = block "\n" $0 }
	END { if (block != "") print block "\n--" }
' "$DIR"/logs/vg.*.log | awk -v RS='\n--\n' -v ours="$ours" '$0 ~ ours' >"$DIR/ours.txt"
invalid=$(grep -cE '^(Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination overlap)' "$DIR/ours.txt")
leaks=$(grep -c 'definitely lost' "$DIR/ours.txt")
passed=0
failed=0
if [ $regress -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); cat "$DIR/regress.log"; fi
if [ "$invalid" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "valgrind: $invalid reports with our code"; fi
if [ "$leaks" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "valgrind: $leaks definite leaks with our code"; fi
[ $failed -eq 0 ] || head -n 200 "$DIR/ours.txt"
echo "valgrind logs: $(ls "$DIR"/logs | wc -l) processes, $(grep -hc '^==[0-9]*== [A-Z]' "$DIR"/logs/vg.*.log | awk '{s += $1} END {print s + 0}') report lines in all"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
