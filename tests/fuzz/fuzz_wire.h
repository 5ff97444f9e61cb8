/* fuzz_wire — the fuzz harness of the grader's reading of a runner's
 * messages and results (run/wire.h), shared by the libFuzzer target
 * (meson -Dfuzz=true with clang; `ninja fuzz-wire`) and the bounded run
 * in the test suite (fuzz_wire_replay.c).  One input is a plan (runs,
 * calls per run, buffers, timing or not, the first run), a sequence of
 * messages in a compact form (among them the grader's round commands),
 * then call results as raw bytes.  Whatever the bytes, nothing may crash, and what the reader
 * accepts must be within the plan; a broken invariant aborts. */
#ifndef MLDRILL_FUZZ_WIRE_H
#define MLDRILL_FUZZ_WIRE_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of one message in an input. */
#define FUZZ_WIRE_MSG 12

/* Runs one input; returns how many messages were accepted. */
int fuzz_wire_one(const uint8_t *data, size_t size);

#endif
