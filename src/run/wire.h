/* wire — what a runner process sends back, read at the border (STYLE.md
 * 14).  The runner hosts the solution, so everything it writes is
 * hostile: the messages on its status pipe and the results and string
 * outputs it leaves in its OUT file.  Each is checked
 * here, once, before the grader uses it: indices against the plan,
 * counts and lengths against their capacities, and the order of the
 * messages against what an honest runner sends (READY once; then each run
 * BEGIN and END in turn, from the run the process was started at; a
 * timing process READY, then one ROUND for each round it was told to run,
 * for that round's run).  Past this point nothing re-checks.
 * Pure functions: no I/O, nothing allocated (the fuzz target
 * tests/fuzz/fuzz_wire.c drives them with arbitrary bytes). */
#ifndef MLDRILL_WIRE_H
#define MLDRILL_WIRE_H

#include <stdbool.h>
#include <stdint.h>

#include "run/plan.h"

/* What the grader knows of the plan a runner process runs (borrowed). */
typedef struct wire_plan {
    int nruns;
    const int *ncalls;     /* per run: its calls */
    int nbufs;             /* buffers of the plan */
    bool timing;           /* a timing process */
} wire_plan;

/* One runner process, as its messages have shown it so far. */
typedef struct wire_state {
    int first;             /* the run it was started at (--from) */
    int cur;               /* the run in progress, -1 between runs */
    int next;              /* the only run that may begin next */
    int round;             /* timing: the run of the round commanded and
                              not yet answered, -1 when none */
    bool ready;
} wire_state;

typedef enum wire_event {
    WIRE_FORGED = -1,      /* unknown, out of range or out of order */
    WIRE_READY = 1,
    WIRE_BEGIN,
    WIRE_END,
    WIRE_FAULT,
    WIRE_ERROR,
    WIRE_ROUND,
} wire_event;

/* A message that passed the checks. */
typedef struct wire_msg {
    wire_event ev;
    int run;               /* BEGIN, END, ROUND: the run */
    bool landlock;         /* READY: file access is confined */
    plan_msg m;            /* FAULT, ERROR: the message, its text
                              NUL-terminated, its call PLAN_NONE or a call
                              of the run in progress, a fault's buffer
                              index within the plan */
    const char *why;       /* FORGED: what was wrong (a static string) */
} wire_msg;

/* A process started at run first. */
void wire_start(wire_state *s, int first);

/* A timing process was told to run a round of run `run`: one ROUND for
 * it may come. */
void wire_command(wire_state *s, int run);

/* Checks raw against the plan and the process's state, advancing the
 * state when it is accepted.  Returns the event (also in out->ev);
 * WIRE_FORGED leaves the state as it was. */
wire_event wire_read(wire_state *s, const wire_plan *p, const plan_msg *raw,
                     wire_msg *out);

/* Makes n call results from OUT safe to use: an unknown state is "not
 * run", null_handle is 0 or 1, the CPU time and the heap balance are
 * bounded (so sums cannot overflow). */
void wire_results(plan_res *r, int n);

/* The byte count a string output area starts with, bounded by what the
 * area can hold (cap bytes, the count included). */
uint64_t wire_string_bytes(uint64_t used, uint64_t cap);

/* What one element of a string output area holds (plan.h). */
typedef enum wire_str {
    WIRE_STR_END,          /* no more elements: the area ends, or lies */
    WIRE_STR_BYTES,        /* a string of *len bytes at elems + *at */
    WIRE_STR_NULL,         /* NULL, written by the solution */
    WIRE_STR_UNWRITTEN,    /* the poison: the solution never wrote it */
} wire_str;

/* Reads the element at *pos of the used bytes of a string area's
 * elements (after its byte count, used bounded by wire_string_bytes),
 * and moves *pos past it.  A length longer than a string can be (4096)
 * or past the used bytes ends the area. */
wire_str wire_string_elem(const unsigned char *elems, uint64_t used, uint64_t *pos,
                          uint64_t *at, uint32_t *len);

#endif
