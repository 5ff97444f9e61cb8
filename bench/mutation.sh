#!/bin/sh
# bench/mutation.sh — how well each challenge's cases catch a wrong
# solution one change away from the model answer: runs
# `mldrill validate --mutants` per challenge and prints one row each.
#
#   bench/mutation.sh [ID...]          (default: every challenge)
#
# Environment: BUILD (default build), JOBS (workers, default 2), LOG (a
# directory that keeps each challenge's full output, with its survivors).
# Quality bar (DESIGN.md): at least 95% for every built-in challenge,
# every survivor declared equivalent with a reason.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
jobs=${JOBS:-2}
mldrill="$build/src/mldrill"
[ -x "$mldrill" ] || { echo "build first: ninja -C $build" >&2; exit 2; }
if [ $# -eq 0 ]; then
    set -- $(for f in challenges/*.json; do
        [ "$f" = challenges/schema.json ] || basename "$f" .json; done)
fi
[ -z "${LOG:-}" ] || mkdir -p "$LOG"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

now() { date +%s.%N; }
printf '%-20s %7s %6s %8s %10s %12s %7s %8s\n' challenge mutants killed survived \
    equivalent "not compiled" score seconds
for id in "$@"; do
    t0=$(now)
    "$mldrill" validate --mutants --jobs "$jobs" "$id" >"$out" 2>&1 || true
    t1=$(now)
    [ -z "${LOG:-}" ] || cp "$out" "$LOG/$id.txt"
    # mutants: K killed, S survived, E equivalent, C not compiled — score K/(K+S) (P%)
    tail -n 1 "$out" | awk -v id="$id" -v s="$(echo "$t1 - $t0" | bc)" '
        /^mutants: / { k = $2; sv = $4; e = $6; c = $8
                       score = (k + sv) ? sprintf("%.1f%%", 100 * k / (k + sv)) : "-"
                       printf "%-20s %7d %6d %8d %10d %12d %7s %8.1f\n", id, k + sv + e + c,
                              k, sv, e, c, score, s; next }
        { printf "%-20s error: %s\n", id, $0 }'
done
