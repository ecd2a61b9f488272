#!/bin/sh
# run_tap.sh: the TAP tests of test/t with PostgreSQL::Test::Cluster.
# initdb refuses root, so as root the tests run as user postgres from a
# temporary copy it can read; material from ../shared the tests need is
# copied there too (read-only use, never into the repository).
set -eu
PG_CONFIG=${PG_CONFIG:-pg_config}
PGXS_DIR=$(dirname "$($PG_CONFIG --pgxs)")/../..
BIN=$($PG_CONFIG --bindir)
work=$(mktemp -d /tmp/oslo_tap.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r test/t "$work/t"
if [ -d ../shared/magda/examples/Persoon/GeefPersoon/02.02.0000 ]; then
	mkdir -p "$work/shared"
	cp -r ../shared/magda/examples/Persoon/GeefPersoon/02.02.0000 "$work/shared/geefpersoon-02.02"
	# the whole MAGDA and OSLO folders too (about 30 MB), for tests that
	# need XSDs, code lists or the implementation models: OSLO_SHARED_COPY/magda, /oslo
	cp -r ../shared/magda ../shared/oslo "$work/shared/"
fi
# SEMIC/DCAT-AP material (about 13 MB) and the loader that reads it, for
# test/t/013: OSLO_SHARED_COPY/eu and $TESTDIR/tools/load_semic.sh
if [ -d ../shared/eu ]; then
	mkdir -p "$work/shared" "$work/tools"
	cp -r ../shared/eu "$work/shared/"
	cp tools/load_semic.sh "$work/tools/"
fi
run() {
	if [ "$(id -u)" = 0 ]; then
		chown -R postgres: "$work"
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
cd "$work"
run env TESTDIR="$work" PATH="$BIN:$PATH" PG_REGRESS="$PGXS_DIR/src/test/regress/pg_regress" \
	OSLO_SHARED_COPY="$work/shared" \
	prove ${PROVE_FLAGS:-} -I "$PGXS_DIR/src/test/perl" -I "$work/t" t/*.pl
