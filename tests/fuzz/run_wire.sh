#!/bin/sh
# `ninja -C build-fuzz fuzz-wire`: the libFuzzer target on the grader's
# reading of runner messages (run/wire.h), seeded with tests/fuzz/wire/,
# for $FUZZ_SECONDS (default 600).  A finding is written next to the
# corpus as fuzz-crash-* (or -leak-, -timeout-, -oom-); copy it into
# tests/fuzz/wire/ so that the test suite's fuzz-wire test replays it.
set -eu
bin=$1 src=$2 out=$3
mkdir -p "$out/corpus"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export UBSAN_OPTIONS
exec "$bin" "$out/corpus" "$src/tests/fuzz/wire" \
    -max_total_time="${FUZZ_SECONDS:-600}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/fuzz-"
