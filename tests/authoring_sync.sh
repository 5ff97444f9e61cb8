#!/bin/sh
# docs/authoring.md shows some files of docs/example/ in full, each code
# block preceded by "<!-- file: PATH -->".  Those blocks must be the files,
# byte for byte, so that the guide walks through the challenge the test
# suite validates (validate-docs-example) and not an older copy.
set -u
src=${MLDRILL_SRC:?set by meson}
tmp=$(mktemp -d /tmp/mldrill-authoring-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# each marked block into $tmp/<n>, its path into $tmp/<n>.path
awk -v dir="$tmp" '
    /^<!-- file: .* -->$/ { path = $3; want = 1; next }
    want && /^```/ { n++; file = dir "/" n; print path > (file ".path"); inside = 1; want = 0; next }
    inside && /^```$/ { inside = 0; close(file); next }
    inside { print > file }
' "$src/docs/authoring.md"
count=0 bad=0
for p in "$tmp"/*.path; do
    [ -e "$p" ] || break
    block=${p%.path}
    [ -e "$block" ] || : >"$block"
    path=$(cat "$p")
    count=$((count + 1))
    if cmp -s "$block" "$src/docs/example/$path"; then
        echo "ok   $path"
    else
        echo "FAIL docs/authoring.md shows a $path that differs from docs/example/$path:"
        diff "$block" "$src/docs/example/$path" | head -20
        bad=$((bad + 1))
    fi
done
echo "$count file(s) checked, $bad differ"
[ "$count" -ge 4 ] && [ "$bad" -eq 0 ]
