/* cases_fill — what is done to an input once its generator has run
 * (cases.h): the pokes of derived cases, and for an input a generator
 * program fills (case_instantiate lists them, run/genprog runs the
 * programs), what the program wrote. */

#include "spec/cases.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"
#include "util/rng.h"

long long case_poke_index(const poke *pk, const value *v, md_err *err)
{
    long long at = pk->at < 0 ? v->count + pk->at : pk->at;
    if (!v->array || (v->type != VT_INT && v->type != VT_DOUBLE) || at < 0 || at >= v->count)
        return md_fail(err, "input \"%s\" has no element %lld to set", pk->input, pk->at);
    if (v->type == VT_INT && (pk->value != floor(pk->value) || fabs(pk->value) > 2147483647.0))
        return md_fail(err, "input \"%s\" is an int array: it cannot hold %g", pk->input,
                       pk->value);
    return at;
}

int case_apply_pokes(const case_spec *cs, value *v, md_err *err)
{
    for (int i = 0; i < cs->npokes; i++) {
        const poke *pk = &cs->pokes[i];
        if (strcmp(pk->input, v->name) != 0)
            continue;
        long long at = case_poke_index(pk, v, err);
        if (at < 0)
            return -1;
        if (v->type == VT_INT)
            ((int *)v->data)[at] = (int)pk->value;
        else
            ((double *)v->data)[at] = pk->value;
    }
    return 0;
}

int case_fill_pending(case_inst *ci, int p, const double *data, md_err *err)
{
    const case_pending *pd = &ci->pending[p];
    value *v = &ci->vals[pd->val];
    rng r;
    rng_seed(&r, pd->rng_seed);
    md_err e2;
    if (gen_finish(pd->gen, v, data, &r, case_lookup, ci, &e2) != 0 ||
        case_apply_pokes(ci->spec, v, &e2) != 0)
        return md_fail(err, "input \"%s\": %s", v->name, e2.msg);
    return 0;
}

static value *find_value(void *ctx, const char *name)
{
    return case_value(ctx, name);
}

int case_finish_pending(case_inst *ci, md_err *err)
{
    for (int p = 0; p < ci->npending; p++) {
        const case_pending *pd = &ci->pending[p];
        if (!pd->deferred)
            continue;
        value *v = &ci->vals[pd->val];
        rng r;
        rng_seed(&r, pd->rng_seed);
        md_err e2;
        if (gen_fill(pd->gen, v, &r, case_lookup, find_value, ci, &e2) != 0 ||
            case_apply_pokes(ci->spec, v, &e2) != 0)
            return md_fail(err, "input \"%s\": %s", v->name, e2.msg);
    }
    case_filled(ci);
    return 0;
}

void case_filled(case_inst *ci)
{
    for (int i = 0; i < ci->npending; i++)
        free(ci->pending[i].args);
    free(ci->pending);
    ci->pending = NULL;
    ci->npending = 0;
}

int case_take_generated(case_inst *dst, const case_inst *src, md_err *err)
{
    for (int p = 0; p < dst->npending; p++) {
        value *v = &dst->vals[dst->pending[p].val];
        const value *from = case_value(src, v->name);
        if (!from || src->npending || from->count != v->count || from->type != v->type)
            return md_fail(err, "input \"%s\": no generated copy to take", v->name);
        value_clear(v);
        value_copy(v, from);
    }
    case_filled(dst);
    return 0;
}
