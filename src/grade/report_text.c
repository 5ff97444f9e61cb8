/* report — the text rendering (report.h): a header, the criteria table,
 * the failed cases, every lost point, the recognised mistakes, the loss
 * plot, what the solution printed, and the score. */

#include "grade/report.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/help.h"

typedef struct style {
    const char *bold, *dim, *green, *red, *yellow, *reset;
} style;

static const style plain = {"", "", "", "", "", ""};
static const style ansi = {"\033[1m", "\033[2m", "\033[32m", "\033[31m", "\033[33m", "\033[0m"};

/* One row of the plot: each column a bar of v's level between l0 and l1. */
static void plot_row(strbuf *sb, const double *v, int n, int steps, int w, bool logscale,
                     double l0, double l1)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    for (int col = 0; col < w; col++) {
        int i = (int)((double)col * steps / w);
        if (i >= n) {
            sb_addc(sb, ' ');
            continue;
        }
        double x = v[i];
        if (!isfinite(x)) {
            sb_add(sb, "!");
            continue;
        }
        double t = l1 > l0 ? ((logscale ? log(x) : x) - l0) / (l1 - l0) : 0.5;
        int lvl = (int)(t * 7.999);
        sb_add(sb, bars[lvl < 0 ? 0 : lvl > 7 ? 7 : lvl]);
    }
    char x0[32], x1[32];
    snprintf(x0, sizeof x0, "%.4g", n ? v[0] : NAN);
    snprintf(x1, sizeof x1, "%.4g", n ? v[n - 1] : NAN);
    sb_printf(sb, "  %s → %s (%d step%s)\n", x0, x1, n, n == 1 ? "" : "s");
}

/* Widens [*lo, *hi] to the finite values of v. */
static void finite_range(const double *v, int n, double *lo, double *hi)
{
    for (int i = 0; i < n; i++)
        if (isfinite(v[i])) {
            *lo = fmin(*lo, v[i]);
            *hi = fmax(*hi, v[i]);
        }
}

char *report_loss_plot(const double *a, int na, const double *b, int nb, int width)
{
    double lo = INFINITY, hi = -INFINITY;
    finite_range(a, na, &lo, &hi);
    finite_range(b, nb, &lo, &hi);
    if (!(hi >= lo))
        return xstrdup("");
    /* a log scale when the losses span more than a factor of 10 */
    bool logscale = lo > 0 && hi / lo > 10;
    double l0 = logscale ? log(lo) : lo, l1 = logscale ? log(hi) : hi;
    int steps = na > nb ? na : nb;
    int w = steps < width ? steps : width;
    strbuf sb = {0};
    sb_add(&sb, "    you  ");
    plot_row(&sb, a, na, steps, w, logscale, l0, l1);
    sb_add(&sb, "    ref  ");
    plot_row(&sb, b, nb, steps, w, logscale, l0, l1);
    if (logscale)
        sb_add(&sb, "         (log scale; ! marks NaN or inf)\n");
    return sb_take(&sb);
}

static const char *mark(const style *st, bool ok)
{
    (void)st;
    return ok ? "✓" : "✗";
}

/* the challenge, and whether only the visible examples ran */
static void text_header(strbuf *sb, const report *r, const style *st)
{
    /* every string that comes from a spec, a solution or the compiler
     * goes through sb_add_visible: no byte of theirs reaches the
     * terminal as a control sequence */
    sb_add(sb, st->bold);
    sb_add_visible(sb, r->challenge);
    sb_printf(sb, "%s — ", st->reset);
    sb_add_visible(sb, r->title);
    if (r->visible_only)
        sb_printf(sb, "  %s(visible examples only: `submit` grades everything)%s",
                  st->dim, st->reset);
    sb_addc(sb, '\n');
}

/* One row of the criteria table: points unless only visible examples ran. */
static void criterion_row(strbuf *sb, const report *r, int k, const style *st)
{
    const rcriterion *c = &r->crit[k];
    const char *col = c->passed ? st->green : st->red;
    if (r->visible_only) {
        sb_printf(sb, "  %-14s %s%s%s  ", criterion_name((criterion)k), col,
                  mark(st, c->passed), st->reset);
        sb_add_visible(sb, c->summary);
        sb_addc(sb, '\n');
        return;
    }
    /* whole maxima print as whole numbers; otherwise one decimal
     * for both, so a score never reads above its maximum */
    char sc[32];
    if (c->skipped)
        snprintf(sc, sizeof sc, "  -/%-4.0f", c->max);
    else if (c->max == floor(c->max))
        snprintf(sc, sizeof sc, "%3.0f/%-4.0f", floor(c->score + 0.5), c->max);
    else
        snprintf(sc, sizeof sc, "%4.1f/%-4.1f", floor(c->score * 10 + 0.5) / 10,
                 floor(c->max * 10 + 0.5) / 10);
    sb_printf(sb, "  %-14s %s %s%s%s  ", criterion_name((criterion)k), sc,
              c->skipped ? st->dim : col, c->skipped ? "-" : mark(st, c->passed), st->reset);
    sb_add_visible(sb, c->summary);
    sb_addc(sb, '\n');
}

/* criteria table */
static void text_criteria(strbuf *sb, const report *r, const style *st)
{
    sb_addc(sb, '\n');
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (!r->crit[k].applies)
            continue;
        if (r->visible_only && k != CRIT_CORRECTNESS && k != CRIT_STABILITY)
            continue;
        criterion_row(sb, r, k, st);
    }
}

/* A shrunk case shows its inputs in full up to this many elements each. */
#define SHRUNK_FULL 60

/* A failed hidden case's smaller twin (grade/shrink.h): the sizes at
 * which it fails the same way and how; with inputs (in full when small)
 * and variables when asked (the first such case). */
static void text_shrunk(strbuf *sb, const rcase *c, bool inputs, const style *st)
{
    const rshrunk *s = c->shrunk;
    if (!s->found && s->tried == 0) {
        sb_printf(sb, "      %sit cannot be made smaller (its inputs are written out, or its "
                      "sizes are already the least)%s\n", st->dim, st->reset);
        return;
    }
    if (!s->found) {
        sb_printf(sb, "      %sno smaller case fails the same way (%d tried)%s\n", st->dim,
                  s->tried, st->reset);
        return;
    }
    sb_printf(sb, "      smaller: the same %s already shows at %s (instead of %s): ",
              c->status == CS_FAIL ? "mistake" : cstatus_name(c->status), s->sizes, s->was);
    sb_add_visible(sb, s->message);
    sb_addc(sb, '\n');
    if (!inputs)
        return;
    for (int i = 0; i < s->ninputs; i++) {
        sb_add(sb, "        ");
        report_value_text(sb, &s->inputs[i], SHRUNK_FULL, "        ");
        sb_addc(sb, '\n');
    }
    for (int i = 0; i < s->nvars; i++) {
        sb_add(sb, i ? ", " : "        ");
        report_value_text(sb, &s->vars[i], 1, "");
    }
    if (s->nvars)
        sb_addc(sb, '\n');
}

/* A number as reports show it: %.6g, NaN, inf. */
static void add_num(strbuf *sb, double v)
{
    if (isnan(v))
        sb_add(sb, "NaN");
    else if (isinf(v))
        sb_add(sb, v > 0 ? "inf" : "-inf");
    else
        sb_printf(sb, "%.6g", v);
}

/* The first difference, when the message does not say it already. */
static void text_difference(strbuf *sb, const rcase *c)
{
    const rdiff *d = c->diff;
    if (!d || (c->message && strstr(c->message, d->where)))
        return;
    sb_add(sb, "      first difference: ");
    sb_add_visible(sb, d->where);
    sb_add(sb, " is ");
    if (d->sactual)
        sb_add_visible(sb, d->sactual);
    else
        add_num(sb, d->actual);
    sb_add(sb, ", expected ");
    if (d->sexpected)
        sb_add_visible(sb, d->sexpected);
    else
        add_num(sb, d->expected);
    sb_addc(sb, '\n');
}

/* A failed case's inputs: the variables on one line, then each array,
 * and the row of the first difference apart when it is past the rows
 * shown. */
static void text_inputs(strbuf *sb, const rcase *c, const style *st)
{
    bool any = false;
    for (int i = 0; i < c->ninputs; i++) {
        if (c->inputs[i].v.array)
            continue;
        sb_add(sb, any ? ", " : "      inputs: ");
        report_value_text(sb, &c->inputs[i].v, 1, "");
        any = true;
    }
    if (any)
        sb_addc(sb, '\n');
    for (int i = 0; i < c->ninputs; i++) {
        const rinput *in = &c->inputs[i];
        if (!in->v.array)
            continue;
        sb_add(sb, "        ");
        report_value_text(sb, &in->v, REPORT_SMALL, "        ");
        sb_addc(sb, '\n');
        if (in->row < 0)
            continue;
        sb_printf(sb, "        %s> row %lld of ", st->yellow, in->row);
        sb_add_visible(sb, in->v.name);
        sb_add(sb, ": ");
        report_value_text(sb, &in->rowv, REPORT_SMALL, "        ");
        sb_printf(sb, " (the first difference is in this row)%s\n", st->reset);
    }
}

/* How many failed cases from i on fail alike (the same status and
 * message, one after another): the cases a timeout left unrun. */
static int alike(const report *r, int i)
{
    int n = 1;
    const rcase *c = &r->cases[i];
    for (int j = i + 1; j < r->ncases; j++, n++) {
        const rcase *d = &r->cases[j];
        if (d->status != c->status || !c->message || !d->message ||
            strcmp(c->message, d->message) != 0)
            break;
    }
    return n;
}

/* One failed case: its line, its note, its inputs, its first difference
 * and its smaller twin (the first one's inputs in full). */
static void failed_case(strbuf *sb, const rcase *c, bool *inputs_shown, const style *st)
{
    sb_printf(sb, "  %s%s%s ", st->red, mark(st, false), st->reset);
    sb_add_visible(sb, c->name);
    sb_printf(sb, " [%s, %s]: ", criterion_name(c->crit), cstatus_name(c->status));
    sb_add_visible(sb, c->message);
    sb_addc(sb, '\n');
    if (c->note) {
        sb_printf(sb, "      %s", st->dim);
        sb_add_visible(sb, c->note);
        sb_printf(sb, "%s\n", st->reset);
    }
    text_difference(sb, c);
    text_inputs(sb, c, st);
    if (c->shrunk)
        text_shrunk(sb, c, !*inputs_shown, st);
    *inputs_shown |= c->shrunk && c->shrunk->found;
}

/* failing cases with what went wrong (the first 12 entries); a run of
 * three or more failing alike shows its first and how many more */
static void text_failed_cases(strbuf *sb, const report *r, const style *st)
{
    int nfail = 0;
    for (int i = 0; i < r->ncases; i++)
        nfail += r->cases[i].status != CS_PASS;
    if (!nfail)
        return;
    sb_printf(sb, "\n%sCases that failed%s\n", st->bold, st->reset);
    int shown = 0, entries = 0;
    bool inputs_shown = false;    /* the first shrunk case's, in full */
    for (int i = 0; i < r->ncases && entries < 12; i++) {
        const rcase *c = &r->cases[i];
        if (c->status == CS_PASS)
            continue;
        shown++;
        entries++;
        failed_case(sb, c, &inputs_shown, st);
        int n = alike(r, i);
        if (n < 3)
            continue;
        sb_printf(sb, "  %s%s%s %d more cases [%s]: ", st->red, mark(st, false), st->reset,
                  n - 1, cstatus_name(c->status));
        sb_add_visible(sb, c->message);
        sb_addc(sb, '\n');
        shown += n - 1;
        entries++;
        i += n - 1;
    }
    if (shown < nfail)
        sb_printf(sb, "  ... and %d more\n", nfail - shown);
}

/* Whether every finding of c names a case (already listed case by case). */
static bool only_cases(const report *r, const rcriterion *c)
{
    for (int i = 0; i < c->nfindings; i++) {
        bool is_case = false;
        for (int j = 0; j < r->ncases; j++)
            is_case |= strcmp(r->cases[j].name, c->findings[i].where) == 0;
        if (!is_case)
            return false;
    }
    return true;
}

/* every lost point, one line each */
static void text_findings(strbuf *sb, const report *r, const style *st)
{
    bool header = false;
    for (int k = 0; k < CRIT_COUNT && !r->visible_only; k++) {
        const rcriterion *c = &r->crit[k];
        if (!c->applies || c->nfindings == 0)
            continue;
        if ((k == CRIT_CORRECTNESS || k == CRIT_STABILITY) && only_cases(r, c))
            continue;
        if (!header)
            sb_printf(sb, "\n%sWhere points were lost%s\n", st->bold, st->reset);
        header = true;
        for (int i = 0; i < c->nfindings; i++) {
            const rfinding *f = &c->findings[i];
            sb_printf(sb, "  - %s: ", criterion_name((criterion)k));
            sb_add_visible(sb, f->message);
            if (strcmp(f->where, "solution") != 0) {
                sb_printf(sb, " %s(case ", st->dim);
                sb_add_visible(sb, f->where);
                sb_printf(sb, ")%s", st->reset);
            }
            sb_addc(sb, '\n');
        }
    }
}

/* where the time goes: "62% of your time: kmeans.c:41  for (...)" */
static void text_hot(strbuf *sb, const report *r, const style *st)
{
    if (!r->nhot)
        return;
    sb_printf(sb, "\n%sWhere the time goes%s (vectorization)\n", st->bold, st->reset);
    for (int i = 0; i < r->nhot; i++) {
        const rhot *h = &r->hot[i];
        sb_printf(sb, "  %3.0f%% of your time: ", 100 * h->share);
        sb_add_visible(sb, h->file);
        if (h->line > 0)
            sb_printf(sb, ":%d", h->line);
        if (h->text) {
            sb_add(sb, "  ");
            sb_add_visible(sb, h->text);
        }
        sb_addc(sb, '\n');
    }
}

/* recognised mistakes, the loss plot, and what the solution printed */
static void text_extras(strbuf *sb, const report *r, const style *st)
{
    if (r->nmistakes) {
        sb_printf(sb, "\n%sRecognised mistakes%s\n", st->bold, st->reset);
        for (int i = 0; i < r->nmistakes; i++) {
            sb_printf(sb, "  %s• ", st->yellow);
            sb_add_visible(sb, r->mistakes[i].message);
            sb_printf(sb, "%s %s(", st->reset, st->dim);
            sb_add_visible(sb, r->mistakes[i].id);
            sb_printf(sb, ")%s\n", st->reset);
        }
    }
    if (r->nloss_user > 0 && !r->visible_only) {
        char *plot = report_loss_plot(r->loss_user, r->nloss_user, r->loss_ref,
                                      r->nloss_ref, 48);
        sb_printf(sb, "\n%sLoss history%s (case ", st->bold, st->reset);
        sb_add_visible(sb, r->loss_case ? r->loss_case : "?");
        sb_printf(sb, ")\n%s", plot);
        free(plot);
    }
    if (r->output && *r->output) {
        size_t n = strlen(r->output);
        size_t show = n > 2000 ? 2000 : n;
        sb_printf(sb, "\n%sYour code printed%s", st->bold, st->reset);
        if (r->output_total > show)
            sb_printf(sb, " (%zu bytes; first %zu shown)", r->output_total, show);
        char *shown = xstrndup(r->output, show);
        sb_add(sb, ":\n");
        sb_add_visible(sb, shown);
        sb_add(sb, r->output[show - 1] == '\n' ? "" : "\n");
        free(shown);
    }
}

/* the hidden cases' seed and the command that draws the same cases again */
static void text_repeat(strbuf *sb, const report *r, const style *st)
{
    if (r->visible_only || !r->solution)
        return;
    char shown[4096];
    sb_printf(sb, "\n%sHidden cases drawn with seed %llu; to grade on the same cases again:%s\n"
                  "  mldrill grade ",
              st->dim, (unsigned long long)r->seed, st->reset);
    sb_add_shell_word(sb, r->challenge);
    sb_addc(sb, ' ');
    sb_add_shell_word(sb, path_shown(r->solution, shown, sizeof shown));
    sb_printf(sb, " --seed %llu\n", (unsigned long long)r->seed);
}

/* the score and verdict (or, for `run`, whether the examples pass) */
static void text_footer(strbuf *sb, const report *r, const style *st)
{
    if (r->visible_only) {
        sb_printf(sb, "\n%s%s%s\n", r->passed ? st->green : st->red,
                  r->passed ? "All visible examples pass." : "Some visible examples fail.",
                  st->reset);
        return;
    }
    const char *col = r->passed ? st->green : st->red;
    sb_printf(sb, "\n%sScore %.0f/%.0f%s — %s%s%s", st->bold, round(r->score),
              round(r->max_score), st->reset, col, r->verdict, st->reset);
    /* the help used, which the verdict counts (grade/help.h) */
    help_used h = help_of(r);
    char *help = help_describe(&h);
    if (*help)
        sb_printf(sb, " — with %s", help);
    free(help);
    sb_addc(sb, '\n');
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (!r->crit[k].applies || !r->crit[k].skipped)
            continue;
        const char *name = criterion_name((criterion)k);
        sb_printf(sb, "%s%c%s (%.0f points) not graded (%s): the score is out of %.0f.%s\n",
                  st->dim, toupper((unsigned char)name[0]), name + 1, r->crit[k].max,
                  r->crit[k].skipped, r->max_score, st->reset);
    }
    if (r->why_not) {
        sb_add(sb, st->dim);
        sb_add_visible(sb, r->why_not);
        sb_printf(sb, "%s\n", st->reset);
    }
}

char *report_text(const report *r, bool colour)
{
    const style *st = colour ? &ansi : &plain;
    strbuf sb = {0};
    text_header(&sb, r, st);
    if (r->compile_error) {
        sb_printf(&sb, "\n%sDoes not compile.%s The compiler said:\n\n", st->red, st->reset);
        sb_add_visible(&sb, r->compiler_output);
        sb_addc(&sb, '\n');
        sb_printf(&sb, "%sScore 0/100 — not yet%s\n", st->bold, st->reset);
        return sb_take(&sb);
    }
    if (r->compiler_output && *r->compiler_output) {
        sb_printf(&sb, "\n%sCompiler warnings:%s\n", st->yellow, st->reset);
        sb_add_visible(&sb, r->compiler_output);
    }
    text_criteria(&sb, r, st);
    text_failed_cases(&sb, r, st);
    text_findings(&sb, r, st);
    text_hot(&sb, r, st);
    text_extras(&sb, r, st);
    text_repeat(&sb, r, st);
    text_footer(&sb, r, st);
    return sb_take(&sb);
}
