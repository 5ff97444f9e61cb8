#!/bin/sh
# bench/grade-time.sh — end-to-end time of `mldrill grade` on typical
# solutions, with the reference (and the solution) already cached, as a
# user sees it.  Prints per solution the median and the spread of N runs,
# and the median of N runs interleaved with them without sampling the
# solution's program counter (MLDRILL_NO_PROFILE=1), so the cost of
# naming the hot lines shows: its share of the median.  The last row
# loses vectorization points, so its report names its hot lines (the
# libdw mapping is part of its time).
#
#   bench/grade-time.sh [BUILD_DIR] [N]
#
# Quality bar (DESIGN.md): median under 1.5 s on the 2-core machine;
# the sampling adds less than 10%.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
n=${2:-15}
mldrill="$build/src/mldrill"
[ -x "$mldrill" ] || { echo "build first: ninja -C $build" >&2; exit 2; }

now() { date +%s.%N; }
stats() {    # the median, min and max of the numbers on stdin
    sort -n | awk '{ v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.3f %.3f %.3f", m, v[1], v[NR] }'
}
printf '%-10s %-18s %7s %7s %7s %10s %8s\n' challenge solution median min max "no-profile" profile
for row in softmax:accepted_blas linreg_gd:accepted_blas kmeans:accepted_blas \
           logreg:accepted_blas linreg_gd:accepted_loops; do
    id=${row%%:*}
    sol=tests/solutions/$id/${row#*:}.c
    "$mldrill" grade "$id" "$sol" >/dev/null 2>&1 || true    # warm the cache
    with="" without=""
    i=0
    while [ $i -lt "$n" ]; do
        t0=$(now)
        "$mldrill" grade "$id" "$sol" >/dev/null 2>&1 || true
        t1=$(now)
        MLDRILL_NO_PROFILE=1 "$mldrill" grade "$id" "$sol" >/dev/null 2>&1 || true
        t2=$(now)
        with="$with $(echo "$t1 - $t0" | bc)"
        without="$without $(echo "$t2 - $t1" | bc)"
        i=$((i + 1))
    done
    set -- $(echo "$with" | tr ' ' '\n' | grep . | stats)
    m=$1 lo=$2 hi=$3
    set -- $(echo "$without" | tr ' ' '\n' | grep . | stats)
    printf '%-10s %-18s %6.2fs %6.2fs %6.2fs %9.2fs %+7.1f%%\n' "$id" "$(basename "$sol")" \
        "$m" "$lo" "$hi" "$1" "$(echo "($m - $1) * 100 / $1" | bc -l)"
done
