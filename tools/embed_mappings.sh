#!/bin/sh
# embed_mappings.sh MAPPINGS_DIR SQL...
# Print the install script parts SQL... followed by the catalog rows for the
# files listed in MAPPINGS_DIR/MANIFEST ("KIND IRI-OR-NAME PATH DESCRIPTION..."):
# kind context -> oslo.context (by IRI), kind mapping -> oslo.mapping (RML, by name),
# kind alignment -> oslo.alignment (one part of the named alignment; the role
# comes from the file name: *.ttl correspondences, *.forward.rq, *.backward.rq),
# so that CREATE EXTENSION never reads a file.
set -eu
dir=$1
shift
for part in "$@"; do
	[ "$part" = "$1" ] || printf '\n-- %s\n' "$part"
	cat "$part"
done
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
		mapping)
			# an RML mapping under its name; compiled on first use, so a test must apply it.
			# A fixed updated_at: installing and updating must give the same row.
			printf "INSERT INTO oslo.mapping (name, kind, body, description, builtin, updated_at) VALUES ('%s', 'rml', \$oslo_mapping\$" "$iri"
			cat "$file"
			printf "\$oslo_mapping\$, '%s', true, 'epoch');\n" "$(echo "$description" | sed "s/'/''/g")"
			;;
		alignment)
			base=${path##*/}
			case "$base" in
				*.forward.rq) role=forward part=${base%.forward.rq} ;;
				*.backward.rq) role=backward part=${base%.backward.rq} ;;
				*.ttl) role=correspondences part=${base%.ttl} ;;
				*)
					echo "embed_mappings.sh: alignment part $path is neither .ttl nor .forward.rq/.backward.rq" >&2
					exit 1
					;;
			esac
			printf "INSERT INTO oslo.alignment (alignment, part, role, body, description, builtin, updated_at) VALUES ('%s', '%s', '%s', \$oslo_mapping\$" "$iri" "$part" "$role"
			cat "$file"
			printf "\$oslo_mapping\$, '%s', true, 'epoch');\n" "$(echo "$description" | sed "s/'/''/g")"
			;;
		*)
			echo "embed_mappings.sh: unknown kind '$kind' in MANIFEST" >&2
			exit 1
			;;
	esac
done
