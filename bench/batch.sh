#!/bin/sh
# bench/batch.sh — throughput of `mldrill batch` on a class of 50
# submissions to kmeans, made from the example solutions: good ones,
# wrong ones (each classic mistake), slow ones, and ones that crash, call
# exit(), loop forever or allocate without bound.  Checks that every
# submission gets exactly one row, then prints submissions per second with
# --jobs 1 and --jobs 2 (the timing stage runs one submission at a time
# either way, so the speed-up comes from the correctness stage).
#
#   bench/batch.sh [BUILD_DIR]
#
# Measured on the 2-core development machine (non-sanitized build, other
# engineers' work running alongside, so read it as a rough figure):
#   jobs 1: 50 rows (0 not graded), 53.9 s, 0.93 submissions/s (1.00x)
#   jobs 2: 50 rows (0 not graded), 34.7 s, 1.44 submissions/s (1.55x)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
mldrill="$build/src/mldrill"
[ -x "$mldrill" ] || { echo "build first: ninja -C $build" >&2; exit 2; }
tmp=$(mktemp -d /tmp/mldrill-bench-batch-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# the class: 50 files, each a copy of one example (name: NN-example.c)
ex=tests/solutions/kmeans
set -- \
    accepted_blas accepted_blas accepted_blas accepted_blas accepted_blas \
    accepted_blas accepted_blas accepted_blas accepted_loops accepted_loops \
    accepted_loops accepted_loops accepted_loops accepted_loops accepted_loops \
    accepted_loops global_state global_state global_state global_state \
    mistake_empty_cluster_nan mistake_empty_cluster_nan mistake_empty_cluster_nan \
    mistake_ignores_tol mistake_ignores_tol mistake_ignores_tol \
    mistake_unsquared_inertia mistake_unsquared_inertia mistake_unsquared_inertia \
    mutates_input mutates_input mutates_input slow slow slow slow \
    segfault segfault segfault calls_exit calls_exit calls_exit \
    infinite_loop infinite_loop infinite_loop infinite_loop \
    alloc_forever alloc_forever alloc_forever alloc_forever
i=0
mkdir "$tmp/class"
for name in "$@"; do
    i=$((i + 1))
    cp "$ex/$name.c" "$tmp/class/$(printf %02d "$i")-$name.c"
done
echo "50 submissions to kmeans: 20 good, 9 with a named mistake, 3 mutating their input,"
echo "4 slow, 6 crashing (segfault, exit()), 4 looping forever, 4 allocating without bound"

"$mldrill" batch kmeans "$tmp/class/01-accepted_blas.c" --quiet >/dev/null 2>&1 || true  # warm the cache
now() { date +%s.%N; }
base=""
for jobs in 1 2; do
    t0=$(now)
    "$mldrill" batch kmeans "$tmp/class" --jobs "$jobs" --seed 1 --quiet \
        --csv "$tmp/rows-$jobs.csv" >"$tmp/out-$jobs" 2>&1 || true
    t1=$(now)
    rows=$(($(wc -l <"$tmp/rows-$jobs.csv") - 1))
    errors=$(awk -F, 'NR > 1 && $2 == "error"' "$tmp/rows-$jobs.csv" | wc -l)
    secs=$(echo "$t1 - $t0" | bc)
    [ -z "$base" ] && base=$secs
    printf 'jobs %d: %d rows (%d not graded), %.1f s, %.2f submissions/s (%.2fx)\n' \
        "$jobs" "$rows" "$errors" "$secs" "$(echo "$rows / $secs" | bc -l)" \
        "$(echo "$base / $secs" | bc -l)"
    if [ "$rows" -ne 50 ]; then
        echo "expected 50 rows:" >&2
        cat "$tmp/out-$jobs" >&2
        exit 1
    fi
done
awk -F, 'NR > 1 { n[$2 " " ($4 == "yes" ? "passed" : "not passed")]++ }
         END { for (k in n) printf "  %-26s %d\n", k, n[k] }' "$tmp/rows-2.csv" | sort
