#!/bin/sh
# mldrill validate --mutants, end to end (suite validate).
#
#   mutants.sh fixture        tests/mutants/relu_sum: every mutant's outcome
#                             (-v) against tests/mutants/expected.txt, the
#                             counts, an equivalence declaration that holds,
#                             a stale one and a wrong one, a mutant that
#                             loops (killed by the per-case limit derived
#                             from the model's time), one that does not
#                             compile; the exit status is 1 (stale, wrong)
#   mutants.sh catalog ID...  built-in challenges: the last line's shape,
#                             and at least FLOOR% killed (the machinery
#                             works; the 95% bar is bench/mutation.sh's)
set -u
bin=${MLDRILL_BIN:?set by meson}
src=${MLDRILL_SRC:?set by meson}
FLOOR=60
line_re='^mutants: [0-9]+ killed, [0-9]+ survived, [0-9]+ equivalent, [0-9]+ not compiled — score [0-9]+/[0-9]+( \([0-9]+\.[0-9]%\))?$'
fail() { echo "FAIL $*"; exit 1; }

fixture() {
    cd "$src/tests/mutants" || exit 1
    out=$("$bin" --challenges . validate --mutants -v relu_sum)
    rc=$?
    # the compiler's own words differ between compilers
    got=$(printf '%s\n' "$out" | sed 's/: not compiled: .*/: not compiled: .../')
    if [ "$got" != "$(cat expected.txt)" ]; then
        printf '%s\n' "$got" | diff expected.txt - 
        fail "relu_sum: the mutants' outcomes differ from tests/mutants/expected.txt"
    fi
    [ "$rc" -eq 1 ] || fail "relu_sum: exit status $rc, expected 1 (a stale and a wrong declaration)"
    echo "ok   relu_sum: every mutant's outcome as expected, exit status 1"
}

catalog() {
    for id in "$@"; do
        t0=$(date +%s)
        "$bin" validate --mutants --jobs 2 "$id" >out.txt 2>&1
        rc=$?
        last=$(tail -n 1 out.txt)
        printf '%s\n' "$last" | grep -Eq "$line_re" || { cat out.txt; fail "$id: last line: $last"; }
        [ "$rc" -le 1 ] || { cat out.txt; fail "$id: exit status $rc"; }
        set -- $last
        killed=$2 survived=$4
        [ "$killed" -ge 10 ] || fail "$id: only $killed mutants killed"
        [ $((100 * killed)) -ge $((FLOOR * (killed + survived))) ] ||
            fail "$id: $killed of $((killed + survived)) mutants killed, below $FLOOR%"
        echo "ok   $id: $last ($(($(date +%s) - t0)) s)"
    done
    rm -f out.txt
}

mode=$1
shift
"$mode" "$@"
