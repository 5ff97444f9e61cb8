/* fuzz_spec — the spec loader's fuzz harness, shared by the libFuzzer
 * target (meson -Dfuzz=true with clang; `ninja fuzz`) and the bounded
 * replay run in the test suite (fuzz_replay.c).  One input is one spec
 * file: it is loaded, and when it loads, its prototypes header is
 * generated and every case and the timing input are instantiated (the
 * generators run).  Whatever the bytes, nothing may crash, hang or leak. */
#ifndef MLDRILL_FUZZ_SPEC_H
#define MLDRILL_FUZZ_SPEC_H

#include <stddef.h>
#include <stdint.h>

/* Prepares the scratch directory (the source tree's reference/ and tests/
 * next to it, so the seeds' relative paths resolve).  0 on success. */
int fuzz_spec_init(void);

/* Runs one input; returns 1 when it loaded as a spec, 0 when it was
 * refused (both are fine: only a crash is a finding). */
int fuzz_spec_one(const uint8_t *data, size_t size);

#endif
