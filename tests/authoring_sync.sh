#!/bin/sh
# docs/authoring.md shows files of docs/example/.  A code block preceded
# by "<!-- file: PATH -->" must be the file, byte for byte; one preceded
# by "<!-- part of: PATH -->" must appear in the file as it is, a run of
# whole lines.  So the guide walks through the challenges the test suite
# validates (validate-docs-example, validate-docs-sgd), not older copies.
set -u
src=${MLDRILL_SRC:?set by meson}
tmp=$(mktemp -d /tmp/mldrill-authoring-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# each marked block into $tmp/<n>, its path into $tmp/<n>.path, its kind
# (file or part) into $tmp/<n>.kind
awk -v dir="$tmp" '
    /^<!-- (file|part of): .* -->$/ {
        kind = ($2 == "file:") ? "file" : "part"; path = $NF == "-->" ? $(NF-1) : $NF
        want = 1; next
    }
    want && /^```/ {
        n++; file = dir "/" n
        print path > (file ".path"); print kind > (file ".kind")
        inside = 1; want = 0; next
    }
    inside && /^```$/ { inside = 0; close(file); next }
    inside { print > file }
' "$src/docs/authoring.md"
count=0 bad=0 parts=0
for p in "$tmp"/*.path; do
    [ -e "$p" ] || break
    block=${p%.path}
    [ -e "$block" ] || : >"$block"
    path=$(cat "$p")
    kind=$(cat "$block.kind")
    count=$((count + 1))
    if [ "$kind" = file ]; then
        if cmp -s "$block" "$src/docs/example/$path"; then
            echo "ok   $path"
        else
            echo "FAIL docs/authoring.md shows a $path that differs from docs/example/$path:"
            diff "$block" "$src/docs/example/$path" | head -20
            bad=$((bad + 1))
        fi
    else
        parts=$((parts + 1))
        # the block's lines, in order and adjacent, somewhere in the file
        if python3 - "$block" "$src/docs/example/$path" <<'PY'
import sys
part = open(sys.argv[1]).read().split("\n")[:-1]
whole = open(sys.argv[2]).read().split("\n")
ok = part and any(whole[i:i + len(part)] == part for i in range(len(whole)))
sys.exit(0 if ok else 1)
PY
        then
            echo "ok   part of $path"
        else
            echo "FAIL docs/authoring.md shows a part of $path that is not in docs/example/$path:"
            head -5 "$block"
            bad=$((bad + 1))
        fi
    fi
done
echo "$count block(s) checked ($parts part(s)), $bad differ"
[ "$count" -ge 6 ] && [ "$parts" -ge 1 ] && [ "$bad" -eq 0 ]
