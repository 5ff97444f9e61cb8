/* firsts — see firsts.h. */
#include "run/firsts.h"

#include <stdlib.h>
#include <string.h>

#include "run/wire.h"

struct firsts {
    layout_region *regs;
    int nregs;
    unsigned char **bytes;                 /* per region */
    uint64_t (*picks)[FIRSTS_SPOILED];     /* per region: spoiled this round */
    plan_res *res;                         /* the run's calls */
    uint64_t res_off;                      /* where they are in OUT */
    int ncalls;
};

uint64_t firsts_rng(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

void firsts_free(firsts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->nregs; i++)
        free(f->bytes[i]);
    free(f->bytes);
    free(f->picks);
    free(f->regs);
    free(f->res);
    free(f);
}

firsts *firsts_take(const layout *l, int r, const unsigned char *out)
{
    firsts *f = xcalloc(1, sizeof *f);
    f->nregs = layout_out_regions(l, r, &f->regs);
    f->bytes = xcalloc((size_t)f->nregs + 1, sizeof *f->bytes);
    f->picks = xcalloc((size_t)f->nregs + 1, sizeof *f->picks);
    for (int i = 0; i < f->nregs; i++) {
        f->bytes[i] = xmalloc(f->regs[i].nbytes + 1);
        memcpy(f->bytes[i], out + f->regs[i].off, f->regs[i].nbytes);
    }
    f->ncalls = layout_case(l, r)->ncalls;
    f->res_off = layout_hdr(l)->res_off + sizeof(plan_res) * (uint64_t)layout_run_first_call(l, r);
    f->res = xcalloc((size_t)f->ncalls + 1, sizeof(plan_res));
    memcpy(f->res, out + f->res_off, sizeof(plan_res) * (size_t)f->ncalls);
    return f;
}

void firsts_spoil(firsts *f, unsigned char *out, uint64_t *rng)
{
    for (int i = 0; i < f->nregs; i++) {
        const layout_region *g = &f->regs[i];
        unsigned char *at = out + g->off;
        /* a string area: its byte count stands for the whole */
        uint64_t e = g->strings ? sizeof(uint64_t) : g->elem;
        uint64_t n = g->strings ? 1 : g->nbytes / g->elem;
        for (int k = 0; k < FIRSTS_SPOILED && n > 0; k++) {
            uint64_t p = k == 0 ? 0 : k == 1 ? n - 1 : firsts_rng(rng) % n;
            f->picks[i][k] = p;
            for (uint64_t b = 0; b < e; b++)
                at[p * e + b] = (unsigned char)~f->bytes[i][p * e + b];
        }
    }
    plan_res *res = (plan_res *)(out + f->res_off);
    for (int k = 0; k < f->ncalls; k++)
        res[k].state = PS_NOTRUN;
}

/* Whether region i of out is back to its first contents where it was
 * spoiled (a string area: all of it). */
static bool region_back(const firsts *f, int i, const unsigned char *out)
{
    const layout_region *g = &f->regs[i];
    const unsigned char *at = out + g->off;
    if (g->strings) {
        uint64_t used;
        memcpy(&used, f->bytes[i], sizeof used);
        used = wire_string_bytes(used, g->nbytes) + sizeof used;
        return memcmp(at, f->bytes[i], used) == 0;
    }
    uint64_t n = g->nbytes / g->elem;
    for (int k = 0; k < FIRSTS_SPOILED && n > 0; k++) {
        uint64_t p = f->picks[i][k];
        if (memcmp(at + p * g->elem, f->bytes[i] + p * g->elem, g->elem) != 0)
            return false;
    }
    return true;
}

bool firsts_verify(const firsts *f, const unsigned char *out)
{
    for (int i = 0; i < f->nregs; i++)
        if (!region_back(f, i, out))
            return false;
    const plan_res *res = (const plan_res *)(out + f->res_off);
    for (int k = 0; k < f->ncalls; k++)
        if (res[k].state != f->res[k].state || res[k].ret_i != f->res[k].ret_i ||
            memcmp(&res[k].ret_d, &f->res[k].ret_d, sizeof(double)) != 0 ||
            res[k].null_handle != f->res[k].null_handle)
            return false;
    return true;
}
