#!/bin/sh
# cluster.sh start|stop|env: a throwaway PostgreSQL cluster for tests and the
# demo, on a Unix socket only (no TCP), never touching a system cluster.
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
BIN=$($PG_CONFIG --bindir)
DIR=${OSLO_CLUSTER_DIR:-/tmp/oslo_interop_cluster}
PORT=${OSLO_CLUSTER_PORT:-54329}

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
	if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
		exit 0
	fi
	rm -rf "$DIR"
	mkdir -p "$DIR"
	[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
	as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$DIR/initdb.log" 2>&1 ||
		{ cat "$DIR/initdb.log"; exit 1; }
	as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
		-o "-p $PORT -k $DIR -c listen_addresses=''" start >/dev/null ||
		{ cat "$DIR/server.log"; exit 1; }
	;;
stop)
	[ -d "$DIR/data" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
env)
	echo "PGHOST=$DIR PGPORT=$PORT PGUSER=postgres"
	;;
*)
	echo "usage: $0 start|stop|env" >&2
	exit 2
	;;
esac
