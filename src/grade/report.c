/* report — see report.h. */

#include "grade/report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cstatus_name(cstatus s)
{
    static const char *const n[] = {"pass", "fail", "crash", "timeout",
                                    "memory", "forbidden", "error"};
    return s <= CS_ERROR ? n[s] : "error";
}

report *report_new(const challenge *c)
{
    report *r = xcalloc(1, sizeof *r);
    r->challenge = xstrdup(c->id);
    r->title = xstrdup(c->title);
    r->verdict = "not yet";
    /* criteria that apply share 100 points in proportion to their weights */
    double sum = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        sum += c->weights[k];
    for (int k = 0; k < CRIT_COUNT; k++) {
        r->crit[k].applies = c->weights[k] > 0;
        r->crit[k].max = sum > 0 ? c->weights[k] * 100 / sum : 0;
    }
    r->exponent = r->ref_exponent = NAN;
    return r;
}

void report_free(report *r)
{
    if (!r)
        return;
    free(r->challenge);
    free(r->title);
    for (int k = 0; k < CRIT_COUNT; k++) {
        for (int i = 0; i < r->crit[k].nfindings; i++) {
            free(r->crit[k].findings[i].where);
            free(r->crit[k].findings[i].message);
        }
        free(r->crit[k].findings);
        free(r->crit[k].summary);
    }
    for (int i = 0; i < r->ncases; i++) {
        free(r->cases[i].name);
        free(r->cases[i].message);
        free(r->cases[i].note);
    }
    free(r->cases);
    for (int i = 0; i < r->nmistakes; i++) {
        free(r->mistakes[i].id);
        free(r->mistakes[i].message);
    }
    free(r->mistakes);
    free(r->compiler_output);
    free(r->why_not);
    free(r->output);
    free(r->loss_case);
    free(r->loss_user);
    free(r->loss_ref);
    free(r);
}

void report_finding(rcriterion *c, const char *where, const char *fmt, ...)
{
    strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    c->findings = xrealloc(c->findings, sizeof(rfinding) * (size_t)(c->nfindings + 1));
    c->findings[c->nfindings].where = xstrdup(where ? where : "solution");
    c->findings[c->nfindings].message = sb_take(&sb);
    c->nfindings++;
}

void report_mistake(report *r, const char *id, const char *message)
{
    for (int i = 0; i < r->nmistakes; i++)
        if (strcmp(r->mistakes[i].id, id) == 0)
            return;
    r->mistakes = xrealloc(r->mistakes, sizeof(rmistake) * (size_t)(r->nmistakes + 1));
    r->mistakes[r->nmistakes].id = xstrdup(id);
    r->mistakes[r->nmistakes].message = xstrdup(message);
    r->nmistakes++;
}

/* --- JSON ----------------------------------------------------------------- */

static double round1(double v) { return round(v * 10) / 10; }

char *report_json(const report *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "challenge", r->challenge);
    cJSON_AddStringToObject(o, "status", r->compile_error ? "compile_error" : "graded");
    cJSON_AddNumberToObject(o, "score", round(r->score));
    cJSON_AddBoolToObject(o, "passed", r->passed);
    cJSON *crits = cJSON_AddArrayToObject(o, "criteria");
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *c = &r->crit[k];
        if (!c->applies)
            continue;
        cJSON *cj = cJSON_CreateObject();
        cJSON_AddStringToObject(cj, "name", criterion_name((criterion)k));
        cJSON_AddNumberToObject(cj, "score", round1(c->score));
        cJSON_AddNumberToObject(cj, "max", round1(c->max));
        cJSON_AddBoolToObject(cj, "passed", c->passed);
        if (c->summary)
            cJSON_AddStringToObject(cj, "summary", c->summary);
        cJSON *fs = cJSON_AddArrayToObject(cj, "findings");
        for (int i = 0; i < c->nfindings; i++) {
            cJSON *f = cJSON_CreateObject();
            cJSON_AddStringToObject(f, "case", c->findings[i].where);
            cJSON_AddStringToObject(f, "message", c->findings[i].message);
            cJSON_AddItemToArray(fs, f);
        }
        cJSON_AddItemToArray(crits, cj);
    }
    cJSON *ms = cJSON_AddArrayToObject(o, "mistakes");
    for (int i = 0; i < r->nmistakes; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "id", r->mistakes[i].id);
        cJSON_AddStringToObject(m, "message", r->mistakes[i].message);
        cJSON_AddItemToArray(ms, m);
    }
    cJSON *cs = cJSON_AddArrayToObject(o, "cases");
    for (int i = 0; i < r->ncases; i++) {
        const rcase *c = &r->cases[i];
        cJSON *cj = cJSON_CreateObject();
        cJSON_AddStringToObject(cj, "name", c->name);
        cJSON_AddStringToObject(cj, "criterion", criterion_name(c->crit));
        cJSON_AddStringToObject(cj, "status", cstatus_name(c->status));
        cJSON_AddStringToObject(cj, "message", c->message ? c->message : "");
        cJSON_AddBoolToObject(cj, "visible", c->visible);
        cJSON_AddItemToArray(cs, cj);
    }
    if (r->compiler_output && *r->compiler_output)
        cJSON_AddStringToObject(o, "compiler_output", r->compiler_output);
    /* additions beyond the contract's keys */
    cJSON_AddStringToObject(o, "title", r->title);
    cJSON_AddStringToObject(o, "verdict", r->verdict);
    if (r->why_not)
        cJSON_AddStringToObject(o, "why_not_passed", r->why_not);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    cJSON_AddStringToObject(o, "seed", seed);
    cJSON_AddNumberToObject(o, "seconds", round(r->seconds * 1000) / 1000);
    if (r->visible_only)
        cJSON_AddBoolToObject(o, "visible_only", true);
    if (r->timed) {
        cJSON *t = cJSON_AddObjectToObject(o, "timing");
        cJSON_AddNumberToObject(t, "ratio", round(r->tstats.ratio * 1000) / 1000);
        cJSON_AddNumberToObject(t, "q1", round(r->tstats.q1 * 1000) / 1000);
        cJSON_AddNumberToObject(t, "q3", round(r->tstats.q3 * 1000) / 1000);
        cJSON_AddNumberToObject(t, "samples", r->tstats.n);
        cJSON_AddNumberToObject(t, "outliers", r->tstats.outliers);
        cJSON_AddNumberToObject(t, "user_seconds", r->tstats.user_s);
        cJSON_AddNumberToObject(t, "reference_seconds", r->tstats.ref_s);
        if (r->ref_slowdown > 0)
            cJSON_AddNumberToObject(t, "reference_slowdown",
                                    round(r->ref_slowdown * 1000) / 1000);
        cJSON_AddBoolToObject(t, "retimed", r->retimed);
        if (isfinite(r->exponent))
            cJSON_AddNumberToObject(t, "exponent", round(r->exponent * 100) / 100);
        if (isfinite(r->ref_exponent))
            cJSON_AddNumberToObject(t, "reference_exponent", round(r->ref_exponent * 100) / 100);
        cJSON_AddNumberToObject(t, "expected_exponent", r->exponent_expected);
    }
    if (r->output && *r->output) {
        cJSON_AddStringToObject(o, "output", r->output);
        if (r->output_total > strlen(r->output))
            cJSON_AddNumberToObject(o, "output_bytes", (double)r->output_total);
    }
    if (r->hints_used)
        cJSON_AddNumberToObject(o, "hints_used", r->hints_used);
    if (r->overtime_s > 0)
        cJSON_AddNumberToObject(o, "overtime_seconds", round(r->overtime_s));
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}

/* --- text ------------------------------------------------------------------- */

typedef struct style {
    const char *bold, *dim, *green, *red, *yellow, *reset;
} style;

static const style plain = {"", "", "", "", "", ""};
static const style ansi = {"\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[33m", "\033[0m"};

char *report_loss_plot(const double *a, int na, const double *b, int nb, int width)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < na; i++)
        if (isfinite(a[i])) {
            lo = fmin(lo, a[i]);
            hi = fmax(hi, a[i]);
        }
    for (int i = 0; i < nb; i++)
        if (isfinite(b[i])) {
            lo = fmin(lo, b[i]);
            hi = fmax(hi, b[i]);
        }
    if (!(hi >= lo))
        return xstrdup("");
    /* a log scale when the losses span more than a factor of 10 */
    bool logscale = lo > 0 && hi / lo > 10;
    double l0 = logscale ? log(lo) : lo, l1 = logscale ? log(hi) : hi;
    int steps = na > nb ? na : nb;
    int w = steps < width ? steps : width;
    strbuf sb = {0};
    for (int row = 0; row < 2; row++) {
        const double *v = row ? b : a;
        int n = row ? nb : na;
        sb_add(&sb, row ? "    ref  " : "    you  ");
        for (int col = 0; col < w; col++) {
            int i = (int)((double)col * steps / w);
            if (i >= n) {
                sb_addc(&sb, ' ');
                continue;
            }
            double x = v[i];
            if (!isfinite(x)) {
                sb_add(&sb, "!");
                continue;
            }
            double t = l1 > l0 ? ((logscale ? log(x) : x) - l0) / (l1 - l0) : 0.5;
            int lvl = (int)(t * 7.999);
            sb_add(&sb, bars[lvl < 0 ? 0 : lvl > 7 ? 7 : lvl]);
        }
        char x0[32], x1[32];
        snprintf(x0, sizeof x0, "%.4g", n ? v[0] : NAN);
        snprintf(x1, sizeof x1, "%.4g", n ? v[n - 1] : NAN);
        sb_printf(&sb, "  %s → %s (%d step%s)\n", x0, x1, n, n == 1 ? "" : "s");
    }
    if (logscale)
        sb_add(&sb, "         (log scale; ! marks NaN or inf)\n");
    return sb_take(&sb);
}

static const char *mark(const style *st, bool ok)
{
    (void)st;
    return ok ? "✓" : "✗";
}

char *report_text(const report *r, bool colour)
{
    const style *st = colour ? &ansi : &plain;
    strbuf sb = {0};
    sb_printf(&sb, "%s%s%s — %s", st->bold, r->challenge, st->reset, r->title);
    if (r->visible_only)
        sb_printf(&sb, "  %s(visible examples only: `submit` grades everything)%s",
                  st->dim, st->reset);
    sb_addc(&sb, '\n');

    if (r->compile_error) {
        sb_printf(&sb, "\n%sDoes not compile.%s The compiler said:\n\n%s\n", st->red,
                  st->reset, r->compiler_output ? r->compiler_output : "");
        sb_printf(&sb, "%sScore 0/100 — not yet%s\n", st->bold, st->reset);
        return sb_take(&sb);
    }
    if (r->compiler_output && *r->compiler_output)
        sb_printf(&sb, "\n%sCompiler warnings:%s\n%s", st->yellow, st->reset,
                  r->compiler_output);

    /* criteria table */
    sb_addc(&sb, '\n');
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *c = &r->crit[k];
        if (!c->applies)
            continue;
        if (r->visible_only && k != CRIT_CORRECTNESS && k != CRIT_STABILITY)
            continue;
        const char *col = c->passed ? st->green : st->red;
        if (r->visible_only)
            sb_printf(&sb, "  %-14s %s%s%s  %s\n", criterion_name((criterion)k), col,
                      mark(st, c->passed), st->reset, c->summary ? c->summary : "");
        else {
            /* whole maxima print as whole numbers; otherwise one decimal
             * for both, so a score never reads above its maximum */
            char sc[32];
            if (c->max == floor(c->max))
                snprintf(sc, sizeof sc, "%3.0f/%-4.0f", floor(c->score + 0.5), c->max);
            else
                snprintf(sc, sizeof sc, "%4.1f/%-4.1f", floor(c->score * 10 + 0.5) / 10,
                         floor(c->max * 10 + 0.5) / 10);
            sb_printf(&sb, "  %-14s %s %s%s%s  %s\n", criterion_name((criterion)k), sc, col,
                      mark(st, c->passed), st->reset, c->summary ? c->summary : "");
        }
    }

    /* failing cases with what went wrong */
    int nfail = 0;
    for (int i = 0; i < r->ncases; i++)
        nfail += r->cases[i].status != CS_PASS;
    if (nfail) {
        sb_printf(&sb, "\n%sCases that failed%s\n", st->bold, st->reset);
        int shown = 0;
        for (int i = 0; i < r->ncases && shown < 12; i++) {
            const rcase *c = &r->cases[i];
            if (c->status == CS_PASS)
                continue;
            shown++;
            sb_printf(&sb, "  %s%s%s %s [%s, %s]: %s\n", st->red, mark(st, false), st->reset,
                      c->name, criterion_name(c->crit), cstatus_name(c->status),
                      c->message ? c->message : "");
            if (c->note)
                sb_printf(&sb, "      %s%s%s\n", st->dim, c->note, st->reset);
        }
        if (shown < nfail)
            sb_printf(&sb, "  ... and %d more\n", nfail - shown);
    }

    /* every lost point, one line each */
    bool header = false;
    for (int k = 0; k < CRIT_COUNT && !r->visible_only; k++) {
        const rcriterion *c = &r->crit[k];
        if (!c->applies || c->nfindings == 0)
            continue;
        if (k == CRIT_CORRECTNESS || k == CRIT_STABILITY) {
            /* already listed case by case above */
            bool only_cases = true;
            for (int i = 0; i < c->nfindings; i++) {
                bool is_case = false;
                for (int j = 0; j < r->ncases; j++)
                    is_case |= strcmp(r->cases[j].name, c->findings[i].where) == 0;
                only_cases &= is_case;
            }
            if (only_cases)
                continue;
        }
        if (!header)
            sb_printf(&sb, "\n%sWhere points were lost%s\n", st->bold, st->reset);
        header = true;
        for (int i = 0; i < c->nfindings; i++) {
            const rfinding *f = &c->findings[i];
            sb_printf(&sb, "  - %s: %s", criterion_name((criterion)k), f->message);
            if (strcmp(f->where, "solution") != 0)
                sb_printf(&sb, " %s(case %s)%s", st->dim, f->where, st->reset);
            sb_addc(&sb, '\n');
        }
    }

    if (r->nmistakes) {
        sb_printf(&sb, "\n%sRecognised mistakes%s\n", st->bold, st->reset);
        for (int i = 0; i < r->nmistakes; i++)
            sb_printf(&sb, "  %s• %s%s %s(%s)%s\n", st->yellow, r->mistakes[i].message,
                      st->reset, st->dim, r->mistakes[i].id, st->reset);
    }

    if (r->nloss_user > 0 && !r->visible_only) {
        char *plot = report_loss_plot(r->loss_user, r->nloss_user, r->loss_ref,
                                      r->nloss_ref, 48);
        sb_printf(&sb, "\n%sLoss history%s (case %s)\n%s", st->bold, st->reset,
                  r->loss_case ? r->loss_case : "?", plot);
        free(plot);
    }

    if (r->output && *r->output) {
        size_t n = strlen(r->output);
        size_t show = n > 2000 ? 2000 : n;
        sb_printf(&sb, "\n%sYour code printed%s", st->bold, st->reset);
        if (r->output_total > show)
            sb_printf(&sb, " (%zu bytes; first %zu shown)", r->output_total, show);
        sb_printf(&sb, ":\n%.*s%s", (int)show, r->output,
                  r->output[show - 1] == '\n' ? "" : "\n");
    }

    if (r->visible_only) {
        sb_printf(&sb, "\n%s%s%s\n", r->passed ? st->green : st->red,
                  r->passed ? "All visible examples pass." : "Some visible examples fail.",
                  st->reset);
    } else {
        const char *col = r->passed ? st->green : st->red;
        sb_printf(&sb, "\n%sScore %.0f/100%s — %s%s%s", st->bold, round(r->score), st->reset,
                  col, r->verdict, st->reset);
        if (r->hints_used)
            sb_printf(&sb, "  (%d hint%s used)", r->hints_used, r->hints_used == 1 ? "" : "s");
        if (r->overtime_s > 0)
            sb_printf(&sb, "  (overtime by %d:%02d)", (int)r->overtime_s / 60,
                      (int)r->overtime_s % 60);
        sb_addc(&sb, '\n');
        if (r->why_not)
            sb_printf(&sb, "%s%s%s\n", st->dim, r->why_not, st->reset);
    }
    return sb_take(&sb);
}
