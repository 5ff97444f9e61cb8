/* Unit tests: the runner's messages and results read at the border
 * (run/wire.h), as data.
 *
 * Each row is a plan (runs, their calls, buffers, timing or not), the
 * run the process started at, and the messages a runner sent, written
 * as "TYPE:a" (R ready, B begin, E end, F fault, X error, D a round done,
 * ? an unknown type; F:CODE/BUF/CALL for a fault), and the grader's
 * commands to a timing process, "C:run" (a round of run, letter c); the
 * expected events are one letter each, '!' for a message refused as
 * forged.  A refused
 * message leaves the state as it was, so the messages after it are
 * judged as if it had not been sent. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run/wire.h"

typedef struct wire_row {
    const char *what;
    int nruns, nbufs;
    bool timing;
    int first;
    const char *msgs;      /* space separated */
    const char *events;    /* one letter per message */
} wire_row;

static const int ncalls[] = {2, 1, 3, 1};

static const wire_row rows[] = {
    {"an honest run of every case", 4, 3, false, 0, "R:0 B:0 E:0 B:1 E:1 B:2 E:2 B:3 E:3",
     "RBEBEBEBE"},
    {"a process restarted after a fault starts at its run", 4, 3, false, 2,
     "R:2 B:2 F:1/0/1 E:2", "RBFE"},
    {"a run index out of range", 4, 3, false, 0, "R:0 B:1000000 B:-1 B:4", "R!!!"},
    {"endless begin messages: only the first counts", 4, 3, false, 0,
     "R:0 B:0 B:0 B:1 B:0 E:0", "RB!!!E"},
    {"runs out of order", 4, 3, false, 0, "R:0 B:1 B:0 E:1 E:0 B:0", "R!B!E!"},
    {"nothing before ready", 4, 3, false, 0, "B:0 E:0 D:0 R:0 R:0", "!!!R!"},
    {"ready at another run", 4, 3, false, 1, "R:0 R:1", "!R"},
    {"past the last run", 1, 1, false, 0, "R:0 B:0 E:0 B:1", "RBE!"},
    {"faults name real buffers and calls of the run in progress", 4, 3, false, 0,
     "R:0 B:0 F:6/2/1 F:6/3/0 F:6/-1/0 F:6/0/2 F:1/0/2 F:99/0/0 F:0/0/0 E:0",
     "RBF!!!!!!E"},
    {"a fault between runs or while loading has no call", 4, 3, false, 0,
     "F:1/0/7 R:0 F:3/0/9", "FRF"},
    {"errors at any time, unknown types never", 4, 3, false, 0, "X:0 ?:0 R:0 X:0", "X!RX"},
    {"a timing process: ready, then one round per command, of its run", 4, 3, true, 0,
     "R:0 D:0 C:1 D:0 D:1 D:1 C:2 B:0 E:0 D:2", "R!c!D!c!!D"},
    {"rounds are for timing processes only", 4, 3, false, 0, "R:0 C:0 D:0", "Rc!"},
};

static plan_msg parse_msg(const char *tok)
{
    plan_msg m;
    memset(&m, 0, sizeof m);
    static const char types[] = "?RBEFXD";
    const char *t = strchr(types, tok[0]);
    m.type = t && tok[0] != '?' ? (uint32_t)(t - types) : 77;
    if (tok[0] == 'F') {
        long code, buf, call;
        assert_int_equal(sscanf(tok + 2, "%ld/%ld/%ld", &code, &buf, &call), 3);
        m.code = (uint32_t)code;
        m.a = buf;
        m.call = (uint32_t)call;
        m.b = 8;
    } else {
        m.a = atol(tok + 2);
    }
    memset(m.text, 'x', sizeof m.text);    /* not NUL-terminated */
    return m;
}

static char event_letter(wire_event ev)
{
    switch (ev) {
    case WIRE_READY: return 'R';
    case WIRE_BEGIN: return 'B';
    case WIRE_END: return 'E';
    case WIRE_FAULT: return 'F';
    case WIRE_ERROR: return 'X';
    case WIRE_ROUND: return 'D';
    default: return '!';
    }
}

static void messages_are_checked_in_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const wire_row *row = &rows[i];
        wire_plan p = {row->nruns, ncalls, row->nbufs, row->timing};
        wire_state s;
        wire_start(&s, row->first);
        char got[64] = {0}, copy[256];
        snprintf(copy, sizeof copy, "%s", row->msgs);
        int n = 0;
        for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
            if (tok[0] == 'C') {
                wire_command(&s, atoi(tok + 2));
                got[n++] = 'c';
                continue;
            }
            plan_msg m = parse_msg(tok);
            wire_msg w;
            wire_event ev = wire_read(&s, &p, &m, &w);
            got[n++] = event_letter(ev);
            assert_int_equal(ev, w.ev);
            assert_true(strlen(w.m.text) < sizeof w.m.text);
            if (ev == WIRE_BEGIN || ev == WIRE_END || ev == WIRE_ROUND)
                assert_true(w.run >= 0 && w.run < row->nruns);
            if (ev == WIRE_FAULT)
                assert_true(w.m.call == PLAN_NONE ||
                            (s.cur >= 0 && w.m.call < (uint32_t)ncalls[s.cur]));
            if (ev == WIRE_FORGED)
                assert_non_null(w.why);
            assert_true(s.cur >= -1 && s.cur < row->nruns && s.next <= row->nruns);
        }
        if (strcmp(got, row->events) != 0)
            fail_msg("%s: events %s, expected %s", row->what, got, row->events);
    }
}

static void call_results_are_bounded(void **state)
{
    (void)state;
    plan_res r[3];
    memset(r, 0, sizeof r);
    r[0].state = 12345;
    r[0].null_handle = 77;
    r[1].state = PS_DONE;
    r[1].heap_delta = INT64_MAX;
    r[2].state = PS_SKIPPED;
    r[2].heap_delta = INT64_MIN;
    r[2].cpu_ns = UINT64_MAX;
    wire_results(r, 3);
    assert_int_equal(r[0].state, PS_NOTRUN);
    assert_int_equal(r[0].null_handle, 1);
    assert_int_equal(r[1].state, PS_DONE);
    /* a sum of any number of them cannot overflow */
    assert_true(r[1].heap_delta < INT64_MAX / 1024 && r[2].heap_delta > INT64_MIN / 1024);
    assert_true(r[2].cpu_ns < UINT64_MAX / 1024);
    assert_true(wire_string_bytes(UINT64_MAX, 4096) == 4096 - 8);
    assert_true(wire_string_bytes(100, 4096) == 100);
    assert_true(wire_string_bytes(5, 4) == 0);
}

/* A string output's area as the runner leaves it (plan.h): per element
 * a uint32 length, then the bytes; what the border reads of it. */
static const struct {
    const char *what;
    uint32_t lens[4];       /* each element's length word */
    int n;
    const char *read;       /* B<len> bytes, N NULL, U never written, E end */
} string_rows[] = {
    {"a string, NULL and the poison", {3, PLAN_STRING_NULL, PLAN_STRING_UNWRITTEN}, 3,
     "B3 N U E"},
    {"an empty string", {0, 0}, 2, "B0 B0 E"},
    {"a length past the bytes used ends the area", {3, 99}, 2, "B3 E"},
    {"a length past what a string can be ends it", {5000}, 1, "E"},
};

static void string_areas_are_read_at_the_border(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof string_rows / sizeof string_rows[0]; i++) {
        unsigned char area[256];
        uint64_t used = 0;
        for (int k = 0; k < string_rows[i].n; k++) {
            uint32_t n = string_rows[i].lens[k];
            memcpy(area + used, &n, 4);
            used += 4;
            /* the bytes of a plausible length follow it */
            for (uint32_t b = 0; n < 64 && b < n; b++)
                area[used++] = 'a';
        }
        char got[64] = "";
        uint64_t pos = 0, at = 0;
        uint32_t len = 0;
        for (int k = 0; k < 8; k++) {
            wire_str w = wire_string_elem(area, used, &pos, &at, &len);
            size_t l = strlen(got);
            if (w == WIRE_STR_BYTES) {
                assert_true(at + len <= used);
                snprintf(got + l, sizeof got - l, "%sB%u", l ? " " : "", len);
            } else {
                snprintf(got + l, sizeof got - l, "%s%c", l ? " " : "",
                         w == WIRE_STR_NULL ? 'N' : w == WIRE_STR_UNWRITTEN ? 'U' : 'E');
            }
            if (w == WIRE_STR_END)
                break;
        }
        if (strcmp(got, string_rows[i].read) != 0)
            fail_msg("%s: read %s, expected %s", string_rows[i].what, got, string_rows[i].read);
    }
}

/* A write outside a block of the solution's heap (PF_HEAP): its size,
 * its distance within the canaries and its words, or forged. */
static const struct {
    const char *text;
    long long size, off;
    bool accepted;
} heap_rows[] = {
    {"malloc free", 24, 8, true},
    {"calloc return", 0, -16, true},
    {"posix_memalign abort", 48, PLAN_HEAP_BACK, true},
    {"realloc realloc", 1LL << 40, -1, true},
    {"malloc free", 24, 0, false},
    {"malloc free", 24, PLAN_HEAP_BACK + 1, false},
    {"malloc free", 24, -PLAN_HEAP_FRONT - 1, false},
    {"malloc free", -1, 8, false},
    {"malloc free", 1LL << 50, 8, false},
    {"mallocx free", 24, 8, false},
    {"malloc", 24, 8, false},
    {"malloc  free", 24, 8, false},
    {"malloc freed", 24, 8, false},
    {"malloc free now", 24, 8, false},
    {" free", 24, 8, false},
    {"", 24, 8, false},
};

static void heap_faults_are_checked(void **state)
{
    (void)state;
    wire_plan p = {4, ncalls, 3, false};
    for (size_t i = 0; i < sizeof heap_rows / sizeof heap_rows[0]; i++) {
        wire_state s;
        wire_start(&s, 0);
        plan_msg m = parse_msg("R:0");
        wire_msg w;
        assert_int_equal(wire_read(&s, &p, &m, &w), WIRE_READY);
        m = parse_msg("B:0");
        assert_int_equal(wire_read(&s, &p, &m, &w), WIRE_BEGIN);
        m = parse_msg("F:9/0/1");
        m.code = PF_HEAP;
        m.a = heap_rows[i].size;
        m.b = heap_rows[i].off;
        memset(m.text, 0, sizeof m.text);
        memcpy(m.text, heap_rows[i].text, strlen(heap_rows[i].text));
        wire_event ev = wire_read(&s, &p, &m, &w);
        if ((ev == WIRE_FAULT) != heap_rows[i].accepted)
            fail_msg("\"%s\" size %lld at %lld: %s", heap_rows[i].text, heap_rows[i].size,
                     heap_rows[i].off, ev == WIRE_FAULT ? "accepted" : "refused");
    }
    /* the text must end inside the message: 232 bytes, no NUL */
    wire_state s;
    wire_start(&s, 0);
    plan_msg m = parse_msg("R:0");
    wire_msg w;
    wire_read(&s, &p, &m, &w);
    m = parse_msg("F:9/24/0");
    m.code = PF_HEAP;
    memcpy(m.text, "malloc ", 7);
    assert_int_equal(wire_read(&s, &p, &m, &w), WIRE_FORGED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(messages_are_checked_in_order),
        cmocka_unit_test(call_results_are_bounded),
        cmocka_unit_test(string_areas_are_read_at_the_border),
        cmocka_unit_test(heap_faults_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
