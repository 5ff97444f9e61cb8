/* wire — see wire.h. */
#include "run/wire.h"

#include <string.h>

/* A time longer than this (seconds) is not a measurement. */
#define WIRE_MAX_SECONDS 1e6
/* Heap balances beyond this many bytes are clamped: no sum overflows. */
#define WIRE_MAX_HEAP ((int64_t)1 << 48)

void wire_start(wire_state *s, int first)
{
    s->first = first;
    s->cur = -1;
    s->next = first;
    s->round = -1;
    s->ready = false;
}

void wire_command(wire_state *s, int run)
{
    s->round = run;
}

static wire_event forged(wire_msg *out, const char *why)
{
    out->ev = WIRE_FORGED;
    out->why = why;
    return WIRE_FORGED;
}

/* A PF_HEAP fault (plan.h): a block's size, a distance within the
 * canaries, and "ALLOCATOR WHEN" in words runner/redzone.c uses. */
static bool heap_fault_valid(const plan_msg *m)
{
    static const char *const allocators[] = {"malloc", "calloc", "realloc",
                                             "aligned_alloc", "memalign",
                                             "posix_memalign", "valloc", "pvalloc"};
    static const char *const whens[] = {"free", "realloc", "return", "abort"};
    if (m->a < 0 || m->a > WIRE_MAX_HEAP || m->b == 0 || m->b < -PLAN_HEAP_FRONT ||
        m->b > PLAN_HEAP_BACK)
        return false;
    const char *sp = strchr(m->text, ' ');
    if (!sp)
        return false;
    bool known = false;
    for (size_t i = 0; i < sizeof allocators / sizeof allocators[0]; i++)
        known |= strlen(allocators[i]) == (size_t)(sp - m->text) &&
                 strncmp(m->text, allocators[i], (size_t)(sp - m->text)) == 0;
    for (size_t i = 0; known && i < sizeof whens / sizeof whens[0]; i++)
        if (strcmp(sp + 1, whens[i]) == 0)
            return true;
    return false;
}

/* The messages that carry a fault: its code, its buffer, its call. */
static wire_event check_fault(const wire_state *s, const wire_plan *p, wire_msg *out)
{
    plan_msg *m = &out->m;
    if (m->code < PF_CRASH || m->code > PF_LAST)
        return forged(out, "an unknown fault");
    bool names_buffer = m->code == PF_WRITE_INPUT || m->code == PF_OVERFLOW ||
                        m->code == PF_STALE_INPUT;
    if (names_buffer && (m->a < 0 || m->a >= p->nbufs))
        return forged(out, "a fault in a buffer that does not exist");
    if (m->code == PF_HEAP && !heap_fault_valid(m))
        return forged(out, "a write outside a block that cannot be");
    /* between runs and in timing processes the call means nothing */
    if (s->cur < 0)
        m->call = PLAN_NONE;
    else if (m->call != PLAN_NONE && m->call >= (uint32_t)p->ncalls[s->cur])
        return forged(out, "a fault in a call that does not exist");
    return out->ev = WIRE_FAULT;
}

/* READY, BEGIN, END and ROUND: the order an honest runner keeps. */
static wire_event check_order(wire_state *s, const wire_plan *p, wire_msg *out)
{
    const plan_msg *m = &out->m;
    switch (m->type) {
    case PM_READY:
        if (s->ready)
            return forged(out, "ready twice");
        if (m->a != s->first)
            return forged(out, "ready at another run");
        s->ready = true;
        out->landlock = m->b == 1;
        return out->ev = WIRE_READY;
    case PM_BEGIN:
        if (!s->ready || p->timing || s->cur >= 0)
            return forged(out, "a run begun out of turn");
        if (m->a != s->next || s->next >= p->nruns)
            return forged(out, "a run begun out of order or out of range");
        s->cur = s->next;
        out->run = s->cur;
        return out->ev = WIRE_BEGIN;
    case PM_END:
        if (s->cur < 0 || m->a != s->cur)
            return forged(out, "the end of a run that is not in progress");
        out->run = s->cur;
        s->next = s->cur + 1;
        s->cur = -1;
        return out->ev = WIRE_END;
    default:    /* PM_ROUND */
        if (!p->timing || !s->ready || s->round < 0 || m->a != s->round)
            return forged(out, "a round that was not asked for");
        out->run = s->round;
        s->round = -1;
        return out->ev = WIRE_ROUND;
    }
}

wire_event wire_read(wire_state *s, const wire_plan *p, const plan_msg *raw, wire_msg *out)
{
    memset(out, 0, sizeof *out);
    out->m = *raw;
    out->m.text[sizeof out->m.text - 1] = '\0';
    out->run = -1;
    switch (raw->type) {
    case PM_READY:
    case PM_BEGIN:
    case PM_END:
    case PM_ROUND:
        return check_order(s, p, out);
    case PM_FAULT:
        return check_fault(s, p, out);
    case PM_ERROR:
        return out->ev = WIRE_ERROR;
    default:
        return forged(out, "an unknown message");
    }
}

void wire_results(plan_res *r, int n)
{
    for (int k = 0; k < n; k++) {
        if (r[k].state > PS_SKIPPED)
            r[k].state = PS_NOTRUN;
        r[k].null_handle = r[k].null_handle != 0;
        if (r[k].cpu_ns > (uint64_t)(WIRE_MAX_SECONDS * 1e9))
            r[k].cpu_ns = (uint64_t)(WIRE_MAX_SECONDS * 1e9);
        if (r[k].heap_delta > WIRE_MAX_HEAP)
            r[k].heap_delta = WIRE_MAX_HEAP;
        if (r[k].heap_delta < -WIRE_MAX_HEAP)
            r[k].heap_delta = -WIRE_MAX_HEAP;
    }
}

uint64_t wire_string_bytes(uint64_t used, uint64_t cap)
{
    uint64_t room = cap > sizeof(uint64_t) ? cap - sizeof(uint64_t) : 0;
    return used > room ? room : used;
}

wire_str wire_string_elem(const unsigned char *elems, uint64_t used, uint64_t *pos,
                          uint64_t *at, uint32_t *len)
{
    uint32_t n;
    if (*pos > used || used - *pos < sizeof n)
        return WIRE_STR_END;
    memcpy(&n, elems + *pos, sizeof n);
    *pos += sizeof n;
    if (n == PLAN_STRING_NULL)
        return WIRE_STR_NULL;
    if (n == PLAN_STRING_UNWRITTEN)
        return WIRE_STR_UNWRITTEN;
    if (n > 4096 || n > used - *pos)
        return WIRE_STR_END;
    *at = *pos;
    *len = n;
    *pos += n;
    return WIRE_STR_BYTES;
}
