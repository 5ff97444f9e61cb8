/* fuzz_wire — see fuzz_wire.h. */
#include "fuzz_wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/wire.h"

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "fuzz_wire: broken invariant: %s (line %d)\n", #cond,   \
                    __LINE__);                                                       \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static int32_t le32(const uint8_t *p)
{
    return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                     (uint32_t)p[3] << 24);
}

/* One compact message: type, code, call (16 bits; 0xffff none), a, b. */
static plan_msg decode(const uint8_t *p)
{
    plan_msg m;
    memset(&m, 'x', sizeof m);    /* the text is never terminated */
    m.type = p[0] % 9;
    m.code = p[1] % 12;
    uint32_t call = (uint32_t)p[2] | (uint32_t)p[3] << 8;
    m.call = call == 0xffff ? PLAN_NONE : call;
    m.run = 0;
    m.a = le32(p + 4);
    m.b = le32(p + 8);
    return m;
}

/* The invariants of an accepted message against the plan. */
static void check_accepted(const wire_state *s, const wire_plan *p, const wire_msg *w)
{
    CHECK(strlen(w->m.text) < sizeof w->m.text);
    CHECK(s->cur >= -1 && s->cur < p->nruns);
    CHECK(s->next >= 0 && s->next <= p->nruns);
    if (w->ev == WIRE_BEGIN || w->ev == WIRE_END)
        CHECK(w->run >= 0 && w->run < p->nruns && !p->timing);
    if (w->ev == WIRE_ROUND)
        CHECK(w->run >= 0 && w->run < p->nruns && p->timing && s->round == -1);
    if (w->ev == WIRE_FAULT) {
        CHECK(w->m.code >= PF_CRASH && w->m.code <= PF_LAST);
        CHECK(w->m.call == PLAN_NONE ||
              (s->cur >= 0 && w->m.call < (uint32_t)p->ncalls[s->cur]));
        if (w->m.code == PF_OVERFLOW || w->m.code == PF_WRITE_INPUT ||
            w->m.code == PF_STALE_INPUT)
            CHECK(w->m.a >= 0 && w->m.a < p->nbufs);
        if (w->m.code == PF_HEAP)
            CHECK(w->m.a >= 0 && w->m.b != 0 && w->m.b >= -PLAN_HEAP_FRONT &&
                  w->m.b <= PLAN_HEAP_BACK && strchr(w->m.text, ' '));
    }
}

/* The results that follow the messages. */
static void fuzz_tail(const uint8_t *data, size_t size)
{
    plan_res r[8];
    memset(r, 0, sizeof r);
    memcpy(r, data, size < sizeof r ? size : sizeof r);
    wire_results(r, 8);
    int64_t heap = 0;
    for (int k = 0; k < 8; k++) {
        CHECK(r[k].state <= PS_SKIPPED && r[k].null_handle <= 1);
        heap += r[k].heap_delta;    /* UBSan: no overflow */
    }
    (void)heap;
    /* the same bytes as a string output's area: every string read lies
     * within the bytes used, and the reading moves on */
    uint64_t pos = 0, at = 0, last = 0;
    uint32_t len = 0;
    for (wire_str w; (w = wire_string_elem(data, size, &pos, &at, &len)) != WIRE_STR_END;) {
        CHECK(pos > last && pos <= size);
        if (w == WIRE_STR_BYTES)
            CHECK(at + len <= size && len <= 4096);
        last = pos;
    }
}

int fuzz_wire_one(const uint8_t *data, size_t size)
{
    if (size < 12)
        return 0;
    int ncalls[8];
    wire_plan p = {1 + data[0] % 8, ncalls, data[1] % 16, data[2] & 1};
    for (int r = 0; r < 8; r++)
        ncalls[r] = 1 + data[3 + r] % 4;
    wire_state s;
    wire_start(&s, (data[2] >> 1) % (p.nruns + 1));
    size_t at = 12;
    int nmsg = at < size ? data[11] % 64 : 0, accepted = 0;
    for (int i = 0; i < nmsg && at + FUZZ_WIRE_MSG <= size; i++, at += FUZZ_WIRE_MSG) {
        plan_msg m = decode(data + at);
        if (m.type == 8) {
            /* the grader commands a round of one of the plan's runs */
            wire_command(&s, (int)((uint32_t)m.a % (uint32_t)p.nruns));
            continue;
        }
        wire_state before = s;
        wire_msg w;
        wire_event ev = wire_read(&s, &p, &m, &w);
        CHECK(ev == w.ev);
        if (ev == WIRE_FORGED) {
            CHECK(w.why && memcmp(&before, &s, sizeof s) == 0);
            continue;
        }
        accepted++;
        check_accepted(&s, &p, &w);
    }
    fuzz_tail(data + at, size - at);
    return accepted;
}
