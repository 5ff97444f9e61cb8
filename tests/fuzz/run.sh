#!/bin/sh
# `ninja -C build-fuzz fuzz`: the libFuzzer target on the spec loader,
# seeded with every built-in spec, for $FUZZ_SECONDS (default 300).  A
# finding is written next to the corpus as fuzz-crash-*, fuzz-leak-*,
# fuzz-timeout-* or fuzz-oom-*; copy it to tests/fuzz/regressions/NAME.json
# so that the test suite's fuzz-spec test replays it from then on.
set -eu
bin=$1 src=$2 out=$3
mkdir -p "$out/corpus"
MLDRILL_SRC=$src
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export UBSAN_OPTIONS
export MLDRILL_SRC
exec "$bin" "$out/corpus" "$src/challenges" "$src/docs/example" "$src/tests/schema" \
    "$src/tests/fuzz/regressions" -dict="$src/tests/fuzz/spec.dict" \
    -max_total_time="${FUZZ_SECONDS:-300}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/fuzz-"
