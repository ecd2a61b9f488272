#!/bin/sh
# make_upgrade.sh MAPPINGS_DIR PRELUDE PART...
# Print the upgrade script from the previous release: PRELUDE (hand-written
# changes to objects the previous release already has), then the install
# script parts that are new in this release (the same files the install
# script is built from, so the two cannot drift), then the built-in catalog
# rows of this release in place of the previous release's.
# test/t/005_extension_update.pl checks the result against a fresh install.
set -eu
dir=$1
prelude=$2
shift 2
cat "$prelude"
for part in "$@"; do
	printf '\n-- %s\n' "$part"
	cat "$part"
done
printf '\n-- the built-in catalog rows of this release replace the previous ones\n'
for table in $(grep -v '^[[:space:]]*#' "$dir/MANIFEST" | awk 'NF { print $1 }' | sort -u); do
	case "$table" in
		context) echo "DELETE FROM oslo.context WHERE builtin;" ;;
		mapping) echo "DELETE FROM oslo.mapping WHERE builtin;" ;;
		alignment) echo "DELETE FROM oslo.alignment WHERE builtin;" ;;
		*) echo "make_upgrade.sh: unknown kind '$table' in MANIFEST" >&2; exit 1 ;;
	esac
done
sh "$(dirname "$0")/embed_mappings.sh" "$dir"
