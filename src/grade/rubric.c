/* rubric — see rubric.h. */

#include "grade/rubric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"

static cstatus status_of(xstatus x)
{
    switch (x) {
    case XS_OK: return CS_PASS;
    case XS_CRASH: return CS_CRASH;
    case XS_TIMEOUT: return CS_TIMEOUT;
    case XS_MEMORY: return CS_MEMORY;
    case XS_FORBIDDEN: return CS_FORBIDDEN;
    default: return CS_ERROR;
    }
}

static cmp_env env_of(const evidence *e, const exec_job *j, int i)
{
    cmp_env env = {e->cases[i], j->runs[i].vals, j->runs[i].nvals};
    return env;
}

/* --- cases ---------------------------------------------------------------- */

void rubric_cases(report *r, const evidence *e)
{
    int total[CRIT_COUNT] = {0}, passed[CRIT_COUNT] = {0};
    r->cases = xcalloc((size_t)e->ncases + 1, sizeof(rcase));
    r->ncases = e->ncases;
    for (int i = 0; i < e->ncases; i++) {
        const case_inst *ci = e->cases[i];
        const xrun *u = &e->user->runs[i];
        rcase *rc = &r->cases[i];
        rc->name = xstrdup(ci->spec->name);
        rc->crit = ci->spec->crit;
        rc->visible = ci->spec->visible;
        rc->note = xstrdup(ci->spec->note);
        rc->status = status_of(u->status);
        if (u->status != XS_OK) {
            rc->message = xstrdup(u->message ? u->message : xstatus_name(u->status));
        } else {
            cmp_env got = env_of(e, e->user, i), exp = env_of(e, e->ref, i);
            strbuf msg = {0};
            for (int k = 0; k < ci->nchecks; k++) {
                cmp_outcome o;
                if (ci->checks[k].kind == CMP_GRADCHECK) {
                    /* measured by the grader with extra runs */
                    if (!e->grad || !e->grad[i] || e->grad[i][k].ok)
                        continue;
                    o = e->grad[i][k];
                } else {
                    compare_check(&ci->checks[k], &got, &exp, &o);
                }
                if (o.ok)
                    continue;
                rc->status = CS_FAIL;
                if (msg.len)
                    sb_add(&msg, "; ");
                sb_add(&msg, o.message);
            }
            if (rc->status == CS_FAIL)
                rc->message = sb_take(&msg);
            sb_free(&msg);
        }
        total[rc->crit]++;
        if (rc->status == CS_PASS)
            passed[rc->crit]++;
        else if (rc->crit != CRIT_ORGANIZATION)
            report_finding(&r->crit[rc->crit], rc->name, "%s", rc->message);
    }
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (k != CRIT_CORRECTNESS && k != CRIT_STABILITY)
            continue;
        rcriterion *c = &r->crit[k];
        if (total[k] == 0) {
            /* `run` with no visible case of this criterion: nothing to judge */
            if (e->visible_only)
                c->applies = false;
            c->passed = !c->applies;
            continue;
        }
        c->applies = c->applies || e->visible_only;
        c->score = c->max * passed[k] / total[k];
        c->passed = passed[k] == total[k];
        c->summary = xasprintf("%d of %d case%s pass", passed[k], total[k],
                               total[k] == 1 ? "" : "s");
    }
}

/* --- organization ------------------------------------------------------------ */

static bool has_handles(const challenge *c)
{
    for (int i = 0; i < c->nfunctions; i++)
        if (c->functions[i].ret == VT_HANDLE)
            return true;
    return false;
}

void rubric_organization(report *r, const evidence *e)
{
    rcriterion *c = &r->crit[CRIT_ORGANIZATION];
    int items = 0, ok = 0;

    /* (a) no writable global or static data */
    items++;
    if (e->nglobals == 0) {
        ok++;
    } else {
        strbuf names = {0};
        for (int i = 0; i < e->nglobals && i < 6; i++)
            sb_printf(&names, "%s%s", i ? ", " : "", e->globals[i]);
        report_finding(c, NULL, "keeps writable global or static data (%s): keep state "
                                "in the model handle or on the stack",
                       sb_str(&names));
        sb_free(&names);
    }

    /* (b) inputs untouched and (e) nothing written outside the outputs */
    bool wrote_input = false, overflow = false;
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (u->fault == PF_WRITE_INPUT && !wrote_input) {
            wrote_input = true;
            report_finding(c, e->cases[i]->spec->name, "%s", u->message);
        }
        if (u->fault == PF_OVERFLOW && !overflow) {
            overflow = true;
            report_finding(c, e->cases[i]->spec->name, "%s", u->message);
        }
    }
    items += 2;
    ok += !wrote_input + !overflow;

    /* (c) models used interleaved stay independent: the organization cases */
    int org = 0, org_ok = 0;
    for (int i = 0; i < r->ncases; i++) {
        if (r->cases[i].crit != CRIT_ORGANIZATION)
            continue;
        org++;
        if (r->cases[i].status == CS_PASS)
            org_ok++;
        else
            report_finding(c, r->cases[i].name, "two models used in turn do not behave "
                                                "like two independent models: %s",
                           r->cases[i].message ? r->cases[i].message : "");
    }
    if (org) {
        items++;
        ok += org_ok == org;
    }

    /* (d) nothing leaked after _free: bytes still allocated after a whole
     * call sequence that ends by freeing its model.  The smallest figure
     * over the cases discounts one-time allocations (stdio buffers). */
    if (has_handles(e->c)) {
        long long least = -1;
        int measured = 0;
        for (int i = 0; i < e->ncases; i++) {
            const xrun *u = &e->user->runs[i];
            if (u->status != XS_OK || e->cases[i]->spec->crit == CRIT_ORGANIZATION)
                continue;
            const case_inst *ci = e->cases[i];
            bool frees = false, complete = true;
            for (int k = 0; k < u->ncalls; k++)
                complete &= u->calls[k].state == PS_DONE;
            for (int k = 0; k < ci->ncalls; k++) {
                const function *f = &e->c->functions[ci->calls[k].fn];
                for (int p = 0; p < f->nparams; p++)
                    frees |= f->params[p].type == VT_HANDLE && f->params[p].dir == DIR_INOUT;
            }
            if (!frees || !complete)
                continue;
            long long sum = 0;
            for (int k = 0; k < u->ncalls; k++)
                sum += u->calls[k].heap_delta;
            if (least < 0 || sum < least)
                least = sum;
            measured++;
        }
        if (measured) {
            items++;
            if (least <= 0)
                ok++;
            else
                report_finding(c, NULL, "%lld bytes stay allocated after the model is "
                                        "freed: the _free function must release "
                                        "everything _fit allocated",
                               least);
        }
    }
    c->score = c->max * ok / items;
    c->passed = ok == items;
    c->summary = xasprintf("%d of %d checks", ok, items);
}

/* --- convergence ---------------------------------------------------------------- */

static long long eval_count(const expr *x, const cmp_env *env, long long max)
{
    long long n;
    md_err err;
    if (expr_eval_int(x, cmp_env_lookup, (void *)env, -1000000000LL, 1000000000LL, &n, &err) != 0)
        return -1;
    return n > max ? max + 1 : n;
}

void rubric_convergence(report *r, const evidence *e)
{
    const conv_spec *cv = &e->c->conv;
    rcriterion *c = &r->crit[CRIT_CONVERGENCE];
    if (!cv->enabled || !c->applies)
        return;
    bool bad_finite = false, bad_mono = false, bad_final = false, bad_stop = false;
    int examined = 0;
    long long best_len = -1;
    for (int i = 0; i < e->ncases; i++) {
        const case_inst *ci = e->cases[i];
        if (ci->spec->crit != CRIT_CORRECTNESS)
            continue;
        const xrun *u = &e->user->runs[i], *f = &e->ref->runs[i];
        cmp_env ue = env_of(e, e->user, i), fe = env_of(e, e->ref, i);
        const value *lu = cmp_env_get(&ue, cv->loss), *lf = cmp_env_get(&fe, cv->loss);
        const value *mi = cmp_env_get(&ue, cv->max_iter);
        if (!lu || !lf || !lu->array || !mi)
            continue;
        if (u->status != XS_OK || f->status != XS_OK)
            continue;
        const char *name = ci->spec->name;
        long long max_iter = (long long)mi->num;
        long long nu = eval_count(cv->count, &ue, lu->count);
        long long nf = eval_count(cv->count, &fe, lf->count);
        if (nf < 1)
            continue;
        examined++;
        if (nu < 1 || nu > max_iter) {
            if (!bad_stop)
                report_finding(c, name, nu < 1 ? "reported %lld losses: record one per step"
                                               : "reported %lld losses, more than max_iter "
                                                 "(%lld)",
                               nu, max_iter);
            bad_stop = true;
            continue;
        }
        const double *L = lu->data, *F = lf->data;
        /* all finite */
        for (long long t = 0; t < nu; t++)
            if (!isfinite(L[t])) {
                if (!bad_finite)
                    report_finding(c, name, "the loss becomes %s at step %lld",
                                   isnan(L[t]) ? "NaN" : "infinite", t);
                bad_finite = true;
                break;
            }
        /* non-increasing for full-batch descent */
        if (cv->monotone)
            for (long long t = 1; t < nu; t++)
                if (isfinite(L[t]) && isfinite(L[t - 1]) &&
                    L[t] > L[t - 1] + cv->slack * fabs(L[t - 1]) + 1e-12) {
                    if (!bad_mono)
                        report_finding(c, name, "the loss went up at step %lld (%.6g -> "
                                                "%.6g): full-batch descent with a sound "
                                                "step never increases it",
                                       t, L[t - 1], L[t]);
                    bad_mono = true;
                    break;
                }
        /* ends where the reference ends */
        double a = L[nu - 1], b = F[nf - 1];
        if (!(fabs(a - b) <= cv->final_rtol * fabs(b) + 1e-9)) {
            if (!bad_final)
                report_finding(c, name, "the final loss is %.6g, the reference reaches "
                                        "%.6g", a, b);
            bad_final = true;
        }
        /* stops when it should */
        const value *tolv = cv->tol ? cmp_env_get(&ue, cv->tol) : NULL;
        if (tolv && tolv->num > 0) {
            double tol = tolv->num;
            long long first = -1;
            for (long long t = 1; t < nu; t++)
                if (fabs(L[t - 1] - L[t]) < tol) {
                    first = t;
                    break;
                }
            if (first >= 0 && first < nu - 1) {
                if (!bad_stop)
                    report_finding(c, name, "the loss changed by less than tol at step "
                                            "%lld but training went on to step %lld",
                                   first, nu - 1);
                bad_stop = true;
            } else if (first < 0 && nu < max_iter) {
                if (!bad_stop)
                    report_finding(c, name, "stopped after %lld steps while the loss "
                                            "still changed by more than tol", nu);
                bad_stop = true;
            }
        } else if (!tolv && nu != nf) {
            if (!bad_stop)
                report_finding(c, name, "ran %lld iterations; the reference stopped after "
                                        "%lld", nu, nf);
            bad_stop = true;
        }
        /* the plot shows the longest history */
        if (nf > best_len) {
            best_len = nf;
            free(r->loss_case);
            free(r->loss_user);
            free(r->loss_ref);
            r->loss_case = xstrdup(name);
            r->loss_user = xmalloc(sizeof(double) * (size_t)nu);
            memcpy(r->loss_user, L, sizeof(double) * (size_t)nu);
            r->nloss_user = (int)nu;
            r->loss_ref = xmalloc(sizeof(double) * (size_t)nf);
            memcpy(r->loss_ref, F, sizeof(double) * (size_t)nf);
            r->nloss_ref = (int)nf;
        }
    }
    int okn = !bad_finite + !bad_mono + !bad_final + !bad_stop;
    if (examined == 0) {
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("no loss history to judge (the training cases failed)");
        report_finding(c, NULL, "no loss history could be examined: the training cases "
                                "did not complete");
        return;
    }
    c->score = c->max * okn / 4;
    c->passed = okn == 4;
    c->summary = xasprintf("%d of 4 checks (finite, decreasing, final loss, stopping) "
                           "over %d case%s",
                           okn, examined, examined == 1 ? "" : "s");
}

/* --- vectorization ---------------------------------------------------------------- */

void rubric_vectorization(report *r, const evidence *e)
{
    rcriterion *c = &r->crit[CRIT_VECTORIZATION];
    const timing_spec *ts = &e->c->timing;
    if (!ts->enabled || !c->applies)
        return;
    if (!e->timing) {
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("not timed");
        report_finding(c, NULL, "not timed: %s", e->not_timed ? e->not_timed : "skipped");
        return;
    }
    const exec_job *j = e->timing;
    if (j->timing_status == XS_TIMEOUT && j->tres) {
        /* stopped while a single call was still running: bound the ratio */
        double ref = 0, spent = 0;
        for (int s = 0; s < e->nsizes; s++)
            if (j->tres[s].warmed >= 1) {
                ref = j->tres[s].ref_warm;
                spent = j->tres[s].warmed == 2 ? j->tres[s].user_warm : 0;
            }
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("too slow to time");
        if (ref > 0)
            report_finding(c, "timing", "one call on the timing input ran past the "
                                        "timing limit%s; the reference needs %.3g s: "
                                        "look for work repeated inside loops",
                           spent > 0 ? "" : " without finishing", ref);
        else
            report_finding(c, "timing", "the timing run did not finish: %s",
                           j->timing_message ? j->timing_message : "too slow");
        return;
    }
    if (j->timing_status != XS_OK) {
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("timing failed");
        report_finding(c, "timing", "on the large input: %s",
                       j->timing_message ? j->timing_message : "the timing run failed");
        return;
    }
    int ns = e->nsizes;
    double umed[ns], fmed[ns];
    timing_stats st = {0};
    for (int s = 0; s < ns; s++) {
        const plan_tres *t = &j->tres[s];
        timing_pairs(t->user_s, t->ref_s, (int)t->nsamples, &st);
        umed[s] = st.user_s;
        fmed[s] = st.ref_s;
    }
    /* st now holds the largest size: the verdict */
    r->timed = true;
    r->tstats = st;
    r->exponent = timing_exponent(e->sizes, umed, ns);
    r->ref_exponent = timing_exponent(e->sizes, fmed, ns);
    r->exponent_expected = ts->exponent;
    r->ref_slowdown = e->ref_slowdown;
    r->retimed = e->retimed;
    c->score = timing_points(st.ratio, ts->full_ratio, ts->zero_ratio, c->max);
    c->passed = c->score >= c->max / 2;
    if (st.outliers)
        c->summary = xasprintf("%.2fx the reference's time (middle half %.2f-%.2f, %d "
                               "pairs, %d outlier%s kept)",
                               st.ratio, st.q1, st.q3, st.n, st.outliers,
                               st.outliers == 1 ? "" : "s");
    else
        c->summary = xasprintf("%.2fx the reference's time (middle half %.2f-%.2f, %d pairs)",
                               st.ratio, st.q1, st.q3, st.n);
    if (st.ratio > ts->full_ratio)
        report_finding(c, NULL, "%.1fx slower than the reference on the large input "
                                "(full points up to %.1fx): %s",
                       st.ratio, ts->full_ratio,
                       ts->advice ? ts->advice
                                  : "use matrix operations (CBLAS) and avoid recomputing "
                                    "work inside loops");
    if (e->ref_slowdown > RUBRIC_BUSY)
        report_finding(c, "timing", "the machine was busy: the reference ran %.2fx slower "
                                    "than its best here%s, so the ratio may be off; "
                                    "grade again when the machine is quieter",
                       e->ref_slowdown, e->retimed ? " even when timed again" : "");
    if (ns > 1 && isfinite(r->exponent)) {
        /* how time grows: information next to the ratio, not a lost point */
        double expect = ts->exponent;
        char *sum = c->summary;
        c->summary = xasprintf("%s; time grows like %s^%.2f (expected about %s^%.2g%s)",
                               sum, ts->grow, r->exponent, ts->grow, expect,
                               r->exponent > expect + ts->exponent_slack
                                   ? ": more work per element than needed"
                                   : "");
        free(sum);
    }
}

/* --- mistakes ---------------------------------------------------------------------- */

bool rubric_matches_variant(const evidence *e, const report *r, const exec_job *variant)
{
    /* A mistake often makes training unstable, and then two programs with
     * the same mistake agree only roughly: compare at 1e-3 at least, and
     * ask for most (not all) failed cases to agree. */
    int failed = 0, matched = 0;
    for (int i = 0; i < e->ncases; i++) {
        if (r->cases[i].status != CS_FAIL)
            continue;
        failed++;
        if (variant->runs[i].status != XS_OK)
            continue;
        const case_inst *ci = e->cases[i];
        cmp_env got = env_of(e, e->user, i), var = env_of(e, variant, i);
        bool all = true;
        for (int k = 0; k < ci->nchecks && all; k++) {
            check loose = ci->checks[k];
            if (loose.rtol < 1e-3)
                loose.rtol = 1e-3;
            if (loose.atol < 1e-6)
                loose.atol = 1e-6;
            cmp_outcome o;
            compare_like(&loose, &got, &var, &o);
            all = o.ok;
        }
        matched += all;
    }
    return failed > 0 && 2 * matched >= failed && matched > 0;
}

void rubric_named_mistakes(report *r, const evidence *e)
{
    const challenge *c = e->c;
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (u->fault == PF_WRITE_INPUT) {
            char *msg = xasprintf("the input array %s was modified (inputs belong to the "
                                  "caller: copy before changing)",
                                  u->fault_buffer ? u->fault_buffer : "");
            report_mistake(r, "mutates_input", msg);
            free(msg);
        }
        if (r->cases[i].status != CS_FAIL)
            continue;
        const case_inst *ci = e->cases[i];
        cmp_env got = env_of(e, e->user, i), exp = env_of(e, e->ref, i);
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
}

/* --- total -------------------------------------------------------------------------- */

void rubric_total(report *r, const challenge *c)
{
    /* the criteria that apply share 100 points by their weights (one may
     * have been dropped after the report was made, e.g. --no-timing) */
    double wsum = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        if (r->crit[k].applies)
            wsum += c->weights[k];
    for (int k = 0; k < CRIT_COUNT; k++) {
        rcriterion *cr = &r->crit[k];
        if (!cr->applies || wsum <= 0)
            continue;
        double max = c->weights[k] * 100 / wsum;
        cr->score = cr->max > 0 ? cr->score * max / cr->max : 0;
        cr->max = max;
    }
    double score = 0, max = 0;
    bool required = true;
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (!cr->applies)
            continue;
        score += cr->score;
        max += cr->max;
        if ((c->pass_require & (1u << k)) && !cr->passed)
            required = false;
    }
    r->score = max > 0 ? 100 * score / max : 0;
    if (r->visible_only) {
        r->passed = required && !r->compile_error;
        for (int i = 0; i < r->ncases; i++)
            r->passed &= r->cases[i].status == CS_PASS;
        r->verdict = r->passed ? "pass" : "not yet";
        return;
    }
    r->passed = !r->compile_error && required && round(r->score) >= c->pass_score;
    free(r->why_not);    /* a re-total (grade_timing) says it afresh */
    r->why_not = NULL;
    if (!r->passed && !r->compile_error) {
        strbuf why = {0};
        for (int k = 0; k < CRIT_COUNT; k++)
            if (r->crit[k].applies && (c->pass_require & (1u << k)) && !r->crit[k].passed)
                sb_printf(&why, "%s%s", why.len ? " and " : "", criterion_name((criterion)k));
        if (why.len)
            sb_add(&why, " must pass");
        if (round(r->score) < c->pass_score)
            sb_printf(&why, "%sa score of %.0f is needed", why.len ? "; " : "", c->pass_score);
        r->why_not = xasprintf("Not passed: %s.", sb_str(&why));
        sb_free(&why);
    }
    r->verdict = r->passed && round(r->score) >= 90 ? "strong" : r->passed ? "pass" : "not yet";
}
