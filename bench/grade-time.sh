#!/bin/sh
# bench/grade-time.sh — end-to-end time of `mldrill grade` on typical
# solutions, with the reference (and the solution) already cached, as a
# user sees it.  Prints per challenge the median and the spread of N runs.
#
#   bench/grade-time.sh [BUILD_DIR] [N]
#
# Quality bar (DESIGN.md): median under 1.5 s on the 2-core machine.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
n=${2:-15}
mldrill="$build/src/mldrill"
[ -x "$mldrill" ] || { echo "build first: ninja -C $build" >&2; exit 2; }

now() { date +%s.%N; }
printf '%-10s %-18s %7s %7s %7s\n' challenge solution median min max
for id in softmax linreg_gd kmeans logreg; do
    sol=tests/solutions/$id/accepted_blas.c
    "$mldrill" grade "$id" "$sol" >/dev/null 2>&1 || true    # warm the cache
    times=""
    i=0
    while [ $i -lt "$n" ]; do
        t0=$(now)
        "$mldrill" grade "$id" "$sol" >/dev/null 2>&1 || true
        t1=$(now)
        times="$times $(echo "$t1 - $t0" | bc)"
        i=$((i + 1))
    done
    echo "$times" | tr ' ' '\n' | grep . | sort -n | awk -v id="$id" -v s="$(basename "$sol")" '
        { v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%-10s %-18s %6.2fs %6.2fs %6.2fs\n", id, s, m, v[1], v[NR] }'
done
