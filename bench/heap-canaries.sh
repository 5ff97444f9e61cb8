#!/bin/sh
# bench/heap-canaries.sh — what the canaries around the blocks a solution
# allocates itself cost (src/runner/redzone.c, docs/security.md "Heap
# blocks of the solution's own"): bench/heap_canaries.c, linked with the
# runner's allocator, run REPS times without and with them, interleaved,
# in CPU time.
#
#   bench/heap-canaries.sh [REPS] [N]
set -eu
cd "$(dirname "$0")/.."
reps=${1:-4}
n=${2:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
${CC:-cc} -O2 -std=gnu11 -Isrc -o "$out/heap_canaries" bench/heap_canaries.c \
    src/runner/alloc.c src/runner/redzone.c -ldl
i=0
while [ "$i" -lt "$reps" ]; do
    "$out/heap_canaries" 0 "$n"
    "$out/heap_canaries" 1 "$n"
    i=$((i + 1))
done
