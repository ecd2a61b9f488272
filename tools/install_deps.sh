#!/bin/sh
# install_deps.sh: install the Debian packages oslo_interop needs to build,
# test and demo, when they are missing. Run as root (or it prints the command).
set -eu
PACKAGES="postgresql-15 postgresql-server-dev-15 libxml2-dev libxslt1-dev libicu-dev
libjson-c-dev libserd-dev pkg-config perl libipc-run-perl xsltproc libxml2-utils gcc make valgrind
clang libclang-rt-14-dev default-jdk-headless libapache-jena-java jq unzip time"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "installing Debian packages:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# no system cluster: tests and the demo start their own throwaway one
mkdir -p /etc/postgresql-common
if [ ! -f /etc/postgresql-common/createcluster.conf ] || ! grep -q '^create_main_cluster' /etc/postgresql-common/createcluster.conf; then
	echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
fi
# keep our createcluster.conf if postgresql-common arrives now
apt-get install -y -qq --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold $missing
