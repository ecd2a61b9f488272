#!/bin/sh
# embed_mappings.sh SQL MAPPINGS_DIR
# Print the install script SQL followed by the catalog rows for the files
# listed in MAPPINGS_DIR/MANIFEST ("context IRI PATH DESCRIPTION..."), so that
# CREATE EXTENSION never reads a file.
set -eu
sql=$1
dir=$2
cat "$sql"
[ -f "$dir/MANIFEST" ] || exit 0
echo
echo "-- catalog rows generated from $dir/MANIFEST"
grep -v '^[[:space:]]*#' "$dir/MANIFEST" | while read -r kind iri path description; do
	[ -n "$kind" ] || continue
	file="$dir/$path"
	if grep -q '\$oslo_mapping\$' "$file"; then
		echo "embed_mappings.sh: $file contains the dollar-quote tag" >&2
		exit 1
	fi
	case "$kind" in
		context)
			printf "INSERT INTO oslo.context (iri, document, description, builtin) VALUES ('%s', \$oslo_mapping\$" "$iri"
			cat "$file"
			printf "\$oslo_mapping\$, '%s', true);\n" "$(echo "$description" | sed "s/'/''/g")"
			;;
		*)
			echo "embed_mappings.sh: unknown kind '$kind' in MANIFEST" >&2
			exit 1
			;;
	esac
done
