/* rubric — vectorization (rubric.h): the solution's time per call over
 * the reference's on the largest timing input, paired round by round
 * (timing.h), turned into points between the challenge's full and zero
 * ratios; how time grows with the input is shown next to it. */

#include "grade/rubric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The reference's CPU seconds on case i, from its calls. */
static double ref_seconds(const evidence *e, int i)
{
    double s = 0;
    for (int k = 0; e->ref && k < e->ref->runs[i].ncalls; k++)
        s += (double)e->ref->runs[i].calls[k].cpu_ns * 1e-9;
    return s;
}

/* Too slow to time: a call on the timing input did not finish in time,
 * as the timing input's case (r) or in the rounds (the reference's
 * warm-up then bounds the ratio).  False when neither happened. */
static bool too_slow(rcriterion *c, const report *r, const evidence *e)
{
    const rounds_job *j = e->timing;
    double ref = 0, spent = 0;
    bool slow = false;
    for (int i = 0; i < r->ncases; i++)
        if (r->cases[i].timing_input && r->cases[i].status == CS_TIMEOUT) {
            slow = true;
            ref = i < e->ncases ? ref_seconds(e, i) : 0;
        }
    for (int s = 0; !slow && j && j->status == XS_TIMEOUT && j->samples && s < e->nsizes; s++)
        if (j->samples[s].warmed >= 1) {
            ref = j->samples[s].ref_warm;
            spent = j->samples[s].warmed == 2 ? j->samples[s].user_warm : 0;
        }
    if (!slow && !(j && j->status == XS_TIMEOUT && j->samples))
        return false;
    c->summary = xstrdup("too slow to time");
    if (ref > 0)
        report_finding(c, "timing", "one call on the timing input ran past the timing "
                                    "limit%s; the reference needs %.3g s: look for work "
                                    "repeated inside loops",
                       spent > 0 ? "" : " without finishing", ref);
    else
        report_finding(c, "timing", "the timing run did not finish: %s",
                       j && j->message ? j->message : "too slow");
    return true;
}

/* Not timed, or the timing failed (a fault or a wrong answer in the
 * rounds is correctness's to say): the finding.  False when there are
 * timings to score. */
static bool not_scored(rcriterion *c, const report *r, const evidence *e)
{
    const rounds_job *j = e->timing;
    bool wrong = false;
    for (int i = 0; i < r->ncases; i++)
        wrong |= r->cases[i].timing_input && r->cases[i].crit == CRIT_CORRECTNESS &&
                 r->cases[i].status != CS_PASS;
    if (!j) {
        c->summary = xstrdup("not timed");
        report_finding(c, NULL, "not timed: %s", e->not_timed ? e->not_timed : "skipped");
    } else if (wrong) {
        c->summary = xstrdup("not timed");
        report_finding(c, NULL, "not timed: the timing input fails (correctness says how)");
    } else if (j->status != XS_OK) {
        c->summary = xstrdup("timing failed");
        report_finding(c, "timing", "on the large input: %s",
                       j->message ? j->message : "the timing run failed");
    } else {
        return false;
    }
    return true;
}

/* No timings to score: no points, and why. */
static bool without_timings(rcriterion *c, const report *r, const evidence *e)
{
    if (!too_slow(c, r, e) && !not_scored(c, r, e))
        return false;
    c->score = 0;
    c->passed = false;
    return true;
}

/* The paired statistics at every size into r; returns the largest
 * size's (the verdict). */
static timing_stats measure(report *r, const evidence *e)
{
    const timing_spec *ts = &e->c->timing;
    int ns = e->nsizes;
    double umed[ns], fmed[ns];
    timing_stats st = {0};
    for (int s = 0; s < ns; s++) {
        const rounds_samples *t = &e->timing->samples[s];
        timing_pairs(t->user_s, t->ref_s, t->nsamples, &st);
        umed[s] = st.user_s;
        fmed[s] = st.ref_s;
    }
    r->timed = true;
    r->tstats = st;
    r->exponent = timing_exponent(e->sizes, umed, ns);
    r->ref_exponent = timing_exponent(e->sizes, fmed, ns);
    r->exponent_expected = ts->exponent;
    r->ref_slowdown = e->ref_slowdown;
    r->retimed = e->retimed;
    return st;
}

/* "1.40x the reference's time (middle half ..., n pairs[, outliers])" */
static char *ratio_summary(const timing_stats *st)
{
    if (st->outliers)
        return xasprintf("%.2fx the reference's time (middle half %.2f-%.2f, %d "
                         "pairs, %d outlier%s kept)",
                         st->ratio, st->q1, st->q3, st->n, st->outliers,
                         st->outliers == 1 ? "" : "s");
    return xasprintf("%.2fx the reference's time (middle half %.2f-%.2f, %d pairs)",
                     st->ratio, st->q1, st->q3, st->n);
}

/* The ratio the points come from: the measured one, or, when the machine
 * was busy, the one the solution would have had against the reference at
 * its best here (the solution's time was measured, not the slowing), so
 * that a slowed reference cannot raise the points: they are withheld as
 * far as the slowing could have given them. */
static double scored_ratio(const evidence *e, const timing_stats *st)
{
    return e->ref_slowdown > RUBRIC_BUSY ? st->ratio * e->ref_slowdown : st->ratio;
}

/* Too slow, or timed on a busy machine: a finding each. */
static void ratio_findings(rcriterion *c, const evidence *e, const timing_stats *st)
{
    const timing_spec *ts = &e->c->timing;
    if (st->ratio > ts->full_ratio && ts->advice)
        report_finding(c, NULL, "%.1fx slower than the reference on the large input "
                                "(full points up to %.1fx): %s",
                       st->ratio, ts->full_ratio, ts->advice);
    else if (st->ratio > ts->full_ratio)
        report_finding(c, NULL, "%.1fx slower than the reference on the large input "
                                "(full points up to %.1fx)",
                       st->ratio, ts->full_ratio);
    if (e->ref_slowdown > RUBRIC_BUSY)
        report_finding(c, "timing", "the machine was busy: the reference ran %.2fx slower "
                                    "than its best here%s; the points are scored at %.2fx, "
                                    "against the reference at its best, and withheld as "
                                    "far as the slowing could have given them: grade again "
                                    "when the machine is quieter",
                       e->ref_slowdown, e->retimed ? " even when timed again" : "",
                       scored_ratio(e, st));
}

/* n^e in words, e to the nearest half: "n", "n^2", "n^1.5". */
static void growth_words(char *buf, size_t n, const char *grow, double e)
{
    double h = round(2 * e) / 2;
    if (h == 1)
        snprintf(buf, n, "%s", grow);
    else if (h == floor(h))
        snprintf(buf, n, "%s^%.0f", grow, h);
    else
        snprintf(buf, n, "%s^%.1f", grow, h);
}

/* How time grows, next to the ratio (information, not a lost point), and
 * only when it shows a worse complexity class than the reference's: a
 * fitted exponent below or near the expected one says nothing. */
static void add_growth(rcriterion *c, const report *r, const timing_spec *ts)
{
    double expect = ts->exponent;
    if (!(r->exponent > expect + ts->exponent_slack) || round(2 * r->exponent) / 2 <= expect)
        return;
    char mine[64], ref[64];
    growth_words(mine, sizeof mine, ts->grow, r->exponent);
    growth_words(ref, sizeof ref, ts->grow, expect);
    char *sum = c->summary;
    c->summary = xasprintf("%s; time grows like %s; the reference's like %s", sum, mine, ref);
    free(sum);
}

void rubric_vectorization(report *r, const evidence *e)
{
    rcriterion *c = &r->crit[CRIT_VECTORIZATION];
    const timing_spec *ts = &e->c->timing;
    if (!ts->enabled || !c->applies)
        return;
    if (without_timings(c, r, e))
        return;
    timing_stats st = measure(r, e);
    r->scored_ratio = scored_ratio(e, &st);
    c->score = timing_points(r->scored_ratio, ts->full_ratio, ts->zero_ratio, c->max);
    c->passed = c->score >= c->max / 2;
    c->summary = ratio_summary(&st);
    ratio_findings(c, e, &st);
    if (e->nsizes > 1 && isfinite(r->exponent))
        add_growth(c, r, ts);
}
