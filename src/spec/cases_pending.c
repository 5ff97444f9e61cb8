/* cases_pending — the inputs a generator program fills (cases.h):
 * case_instantiate lists them, run/genprog runs the programs, and these
 * take what each program wrote into its case. */

#include "spec/cases.h"

#include <stdlib.h>
#include <string.h>

#include "util/rng.h"

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
