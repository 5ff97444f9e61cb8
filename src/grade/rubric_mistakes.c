/* rubric — the mistakes a failure shows (rubric.h): a mistake variant
 * whose outputs match the solution's on its failed cases, a failed check
 * that names a mistake, an input written to. */

#include "grade/rubric.h"

#include <stdlib.h>
#include <string.h>

/* Whether the solution's outputs on case i match the variant's under
 * every check, loosened: a mistake often makes training unstable, and
 * then two programs with the same mistake agree only roughly. */
static bool matches_on_case(const evidence *e, const exec_job *variant, int i)
{
    const case_inst *ci = e->cases[i];
    cmp_env got = rubric_env(e, e->user, i), var = rubric_env(e, variant, i);
    for (int k = 0; k < ci->nchecks; k++) {
        check loose = ci->checks[k];
        if (loose.rtol < 1e-3)
            loose.rtol = 1e-3;
        if (loose.atol < 1e-6)
            loose.atol = 1e-6;
        cmp_outcome o;
        compare_like(&loose, &got, &var, &o);
        if (!o.ok)
            return false;
    }
    return true;
}

bool rubric_matches_variant(const evidence *e, const report *r, const exec_job *variant)
{
    /* compare at 1e-3 at least, and ask for most (not all) failed cases
     * to agree */
    int failed = 0, matched = 0;
    for (int i = 0; i < e->ncases; i++) {
        if (r->cases[i].status != CS_FAIL)
            continue;
        failed++;
        if (variant->runs[i].status != XS_OK)
            continue;
        matched += matches_on_case(e, variant, i);
    }
    return failed > 0 && 2 * matched >= failed && matched > 0;
}

/* The mistakes named by the failed checks of failed case i. */
static void name_check_mistakes(report *r, const evidence *e, int i)
{
    const challenge *c = e->c;
    const case_inst *ci = e->cases[i];
    cmp_env got = rubric_env(e, e->user, i), exp = rubric_env(e, e->ref, i);
    for (int k = 0; k < ci->nchecks; k++) {
        const check *ck = &ci->checks[k];
        if (!ck->mistake)
            continue;
        cmp_outcome o;
        compare_check(ck, &got, &exp, &o);
        if (o.ok)
            continue;
        for (int m = 0; m < c->nmistakes; m++)
            if (strcmp(c->mistakes[m].id, ck->mistake) == 0)
                report_mistake(r, c->mistakes[m].id, c->mistakes[m].message);
    }
}

void rubric_named_mistakes(report *r, const evidence *e)
{
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (u->fault == PF_WRITE_INPUT) {
            char *msg = xasprintf("the input array %s was modified (inputs belong to the "
                                  "caller: copy before changing)",
                                  u->fault_buffer ? u->fault_buffer : "");
            report_mistake(r, "mutates_input", msg);
            free(msg);
        }
        if (r->cases[i].status == CS_FAIL)
            name_check_mistakes(r, e, i);
    }
}
