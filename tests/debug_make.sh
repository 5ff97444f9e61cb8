#!/bin/sh
# `mldrill debug` then `make -C DIR` for every built-in challenge (issue 13,
# "Done when"): the program built from an accepted example solution runs
# its case and exits 0 ("all N checks pass"); from a wrong one (an example
# declared to fail correctness or stability) exits non-zero, having shown
# a failing check or crashed in the learner's code.
#
#   debug_make.sh [ID ...]        (default: every challenge)
#
# Needs $MLDRILL_BIN and $MLDRILL_SRC (meson test sets them).
set -u
src=${MLDRILL_SRC:?}
bin=${MLDRILL_BIN:?}
cd "$src" || exit 2
tmp=$(mktemp -d /tmp/mldrill-debug-make-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
ids=$*
[ -n "$ids" ] || ids=$(cd challenges && ls *.json | sed -e '/^schema.json$/d' -e 's/\.json$//')
fails=0

# an example of challenge $1 whose declaration matches $2 (a grep -E pattern)
example() {
    grep -lE "$2" tests/solutions/"$1"/*.c 2>/dev/null |
        grep -vE 'segfault|infinite|alloc_forever|calls_exit|crash' | head -1
}

# debug + make for solution $2 of challenge $1; want $3, "pass" or "fail";
# $4: the case (by name), else the default one
try() {
    dir=$tmp/$1-$3$(echo "${4:-}" | tr -c 'a-z0-9\n' '_')
    if ! "$bin" debug "$1" "$2" --seed 7 -o "$dir" ${4:+--case "$4"} >"$dir.debug" 2>&1; then
        echo "FAIL $1: mldrill debug $2 exited non-zero:"; sed 's/^/    /' "$dir.debug"
        fails=$((fails + 1))
        return
    fi
    make -s -C "$dir" >"$dir.out" 2>&1
    rc=$?
    if [ "$3" = pass ] && { [ $rc -ne 0 ] || ! grep -q '^all [0-9]* checks pass$' "$dir.out"; }; then
        echo "FAIL $1: $2 (accepted): make exited $rc:"; sed 's/^/    /' "$dir.debug" "$dir.out"
        fails=$((fails + 1))
    elif [ "$3" = fail ] && [ $rc -eq 0 ]; then
        echo "FAIL $1: $2 (wrong): make exited 0:"; sed 's/^/    /' "$dir.debug" "$dir.out"
        fails=$((fails + 1))
    else
        echo "ok   $1: $(basename "$2") ($3${4:+, case \"$4\"}): make exited $rc"
    fi
}

for id in $ids; do
    good=$(example "$id" 'passed=yes')
    bad=$(example "$id" 'correctness=fail|stability=fail')
    if [ -z "$good" ] || [ -z "$bad" ]; then
        echo "FAIL $id: no accepted or no wrong example"
        fails=$((fails + 1))
        continue
    fi
    try "$id" "$good" pass
    try "$id" "$bad" fail
done
# cases of other shapes, with accepted examples: two handles in turn, a
# rejection (NULL, outputs untouched, a derived name), a boundary
if [ -z "$*" ]; then
    try label_encoder tests/solutions/label_encoder/accepted_hash.c pass "two encoders in turn"
    try label_encoder tests/solutions/label_encoder/accepted_hash.c pass "invalid: n = 0"
    try logreg tests/solutions/logreg/accepted_blas.c pass "invalid: last element of y = 2"
    try adam tests/solutions/adam/accepted_blas.c pass "boundary: t = 1"
fi
echo "$fails failure(s)"
[ $fails -eq 0 ]
