/* batch_summary — what a class's rows say together (batch.h): the score
 * histogram, the pass rate, the criteria's means, the mistakes and the
 * cases by how many students they caught; as a Markdown page for
 * --summary and as a few lines for the terminal. */
#include "instructor/batch.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 10     /* 0-9, 10-19, ..., 90-100 */
#define BAR_WIDTH 30   /* the longest bar, in blocks */
#define SHORT_TOP 3    /* mistakes and cases named on the terminal */

/* Something counted over the class: a mistake or a case. */
typedef struct tally {
    char *name;
    char *about;       /* the mistake's message, the case's criterion */
    int count;         /* students */
    int order;         /* first seen: ties keep it */
} tally;

typedef struct classsum {
    int n, graded, compile_errors, errors, passed;
    int hist[BUCKETS];
    int nscored;                    /* rows in the histogram */
    double score_sum;
    double crit_sum[CRIT_COUNT];    /* points, over the rows that reached it */
    int crit_n[CRIT_COUNT];
    int crit_max[CRIT_COUNT];       /* the largest maximum seen */
    tally *mistakes, *cases;
    int nmistakes, ncases;
    int ran;                        /* rows whose cases ran */
    uint64_t seed;
    bool one_seed;
} classsum;

static tally *tally_add(tally **t, int *n, const char *name, const char *about)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*t)[i].name, name) == 0)
            return &(*t)[i];
    *t = xrealloc(*t, sizeof **t * (size_t)(*n + 1));
    tally *x = &(*t)[(*n)++];
    *x = (tally){xstrdup(name), xstrdup(about ? about : ""), 0, *n - 1};
    return x;
}

static int by_count(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    return x->count != y->count ? y->count - x->count : x->order - y->order;
}

static void tally_free(tally *t, int n)
{
    for (int i = 0; i < n; i++) {
        free(t[i].name);
        free(t[i].about);
    }
    free(t);
}

/* A row's cases that did not pass, and its mistakes, from its report. */
static void count_report(classsum *s, const char *report_json)
{
    cJSON *rep = cJSON_Parse(report_json);
    const cJSON *it, *cases = cJSON_GetObjectItemCaseSensitive(rep, "cases");
    s->ran += cJSON_GetArraySize(cases) > 0;
    cJSON_ArrayForEach(it, cases)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(it, "status");
        const cJSON *crit = cJSON_GetObjectItemCaseSensitive(it, "criterion");
        if (!cJSON_IsString(name) || !cJSON_IsString(st))
            continue;
        tally *t = tally_add(&s->cases, &s->ncases, name->valuestring,
                             cJSON_IsString(crit) ? crit->valuestring : NULL);
        t->count += strcmp(st->valuestring, "pass") != 0;
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rep, "mistakes"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(it, "message");
        if (cJSON_IsString(id))
            tally_add(&s->mistakes, &s->nmistakes, id->valuestring,
                      cJSON_IsString(msg) ? msg->valuestring : NULL)
                ->count++;
    }
    cJSON_Delete(rep);
}

/* One graded row (a compile error too: it scored). */
static void count_row(classsum *s, const batch_row *r)
{
    s->passed += r->passed;
    int pct = r->whole.max > 0 ? (int)(100.0 * r->whole.score / r->whole.max) : 0;
    s->hist[pct >= 100 ? BUCKETS - 1 : pct / 10]++;
    s->nscored++;
    s->score_sum += r->whole.max > 0 ? 100.0 * r->whole.score / r->whole.max : 0;
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (r->whole.crit[k] != BATCH_EMPTY) {
            s->crit_sum[k] += r->whole.crit[k];
            s->crit_n[k]++;
        }
        if (r->whole.crit_max[k] > s->crit_max[k])
            s->crit_max[k] = r->whole.crit_max[k];
    }
    if (r->report_json)
        count_report(s, r->report_json);
}

static void classsum_build(classsum *s, const batch_row *rows, int n)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->one_seed = true;
    for (int k = 0; k < CRIT_COUNT; k++)
        s->crit_max[k] = BATCH_EMPTY;
    for (int i = 0; i < n; i++) {
        const batch_row *r = &rows[i];
        if (r->status == BATCH_ERROR) {
            s->errors++;
            continue;
        }
        s->graded += r->status == BATCH_GRADED;
        s->compile_errors += r->status == BATCH_COMPILE_ERROR;
        if (s->graded + s->compile_errors == 1)
            s->seed = r->seed;
        s->one_seed &= r->seed == s->seed;
        count_row(s, r);
    }
    qsort(s->mistakes, (size_t)s->nmistakes, sizeof *s->mistakes, by_count);
    qsort(s->cases, (size_t)s->ncases, sizeof *s->cases, by_count);
}

static void classsum_free(classsum *s)
{
    tally_free(s->mistakes, s->nmistakes);
    tally_free(s->cases, s->ncases);
}

/* --- writing it ------------------------------------------------------------------------ */

static int percent(int part, int whole)
{
    return whole > 0 ? (int)lround(100.0 * part / whole) : 0;
}

/* "31 of 50 passed (62%); 15 not passed, 2 compile errors, 2 not graded" */
static void pass_line(strbuf *sb, const classsum *s)
{
    sb_printf(sb, "%d of %d passed (%d%%)", s->passed, s->n, percent(s->passed, s->n));
    sb_printf(sb, "; %d not passed", s->graded - s->passed);
    if (s->compile_errors)
        sb_printf(sb, ", %d did not compile", s->compile_errors);
    if (s->errors)
        sb_printf(sb, ", %d not graded", s->errors);
}

/* The histogram of scores (as a share of each row's max), buckets of
 * `per` tens, one line each, indented by indent. */
static void histogram(strbuf *sb, const classsum *s, int per, const char *indent)
{
    int most = 1;
    int h[BUCKETS] = {0};
    for (int b = 0; b < BUCKETS; b++)
        h[b / per] += s->hist[b];
    for (int b = 0; b < BUCKETS / per; b++)
        most = h[b] > most ? h[b] : most;
    for (int b = 0; b < BUCKETS / per; b++) {
        int lo = b * per * 10, hi = b == BUCKETS / per - 1 ? 100 : lo + per * 10 - 1;
        sb_printf(sb, "%s%3d-%-3d ", indent, lo, hi);
        int len = (h[b] * BAR_WIDTH + most - 1) / most;
        for (int i = 0; i < len; i++)
            sb_add(sb, "\u2588");
        sb_printf(sb, "%s%d\n", len ? " " : "", h[b]);
    }
}

/* Text for a Markdown table cell: a '|' would end it. */
static void md_cell(strbuf *sb, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            sb_addc(sb, '\\');
        sb_addc(sb, *s == '\n' ? ' ' : *s);
    }
}

static void md_criteria(strbuf *sb, const classsum *s)
{
    sb_add(sb, "\n## Criteria\n\nThe mean points of the submissions that reached each "
               "criterion (a file that does not compile reaches none).\n\n"
               "| criterion | mean | of | share | reached by |\n|---|---:|---:|---:|---:|\n");
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (s->crit_max[k] == BATCH_EMPTY)
            continue;
        double mean = s->crit_n[k] ? s->crit_sum[k] / s->crit_n[k] : 0;
        sb_printf(sb, "| %s | %.1f | %d | %d%% | %d |\n", criterion_name((criterion)k), mean,
                  s->crit_max[k],
                  s->crit_max[k] > 0 ? (int)lround(100 * mean / s->crit_max[k]) : 0,
                  s->crit_n[k]);
    }
}

static void md_tallies(strbuf *sb, const classsum *s)
{
    sb_add(sb, "\n## Mistakes\n\n");
    if (s->nmistakes == 0)
        sb_add(sb, "No submission made a mistake the challenge names.\n");
    else
        sb_add(sb, "| mistake | students | what it is |\n|---|---:|---|\n");
    for (int i = 0; i < s->nmistakes; i++) {
        sb_printf(sb, "| `%s` | %d | ", s->mistakes[i].name, s->mistakes[i].count);
        md_cell(sb, s->mistakes[i].about);
        sb_add(sb, " |\n");
    }
    sb_printf(sb, "\n## Cases\n\nHow many of the %d submissions that ran the cases did not "
                  "pass each one, most first.\n\n",
              s->ran);
    sb_add(sb, "| case | criterion | failed by |\n|---|---|---:|\n");
    for (int i = 0; i < s->ncases; i++) {
        sb_add(sb, "| ");
        md_cell(sb, s->cases[i].name);
        sb_printf(sb, " | %s | %d |\n", s->cases[i].about, s->cases[i].count);
    }
}

char *batch_summary_md(const challenge *c, const batch_row *rows, int n)
{
    classsum s;
    classsum_build(&s, rows, n);
    strbuf sb = {0};
    sb_printf(&sb, "# %s: class summary\n\n", c->title ? c->title : c->id);
    sb_printf(&sb, "Challenge `%s`, %d submission%s", c->id, n, n == 1 ? "" : "s");
    if (s.nscored && s.one_seed)
        sb_printf(&sb, ", seed %llu", (unsigned long long)s.seed);
    sb_add(&sb, ". ");
    pass_line(&sb, &s);
    sb_add(&sb, ".\n\n## Scores\n\n");
    if (s.nscored)
        sb_printf(&sb, "Mean %.0f of 100 over the %d scored.\n\n", s.score_sum / s.nscored,
                  s.nscored);
    sb_add(&sb, "```\n");
    histogram(&sb, &s, 1, "");
    sb_add(&sb, "```\n");
    md_criteria(&sb, &s);
    md_tallies(&sb, &s);
    classsum_free(&s);
    return sb_take(&sb);
}

/* "label: a (3), b (2), c (1)" with the first SHORT_TOP that caught
 * anyone; nothing when none did. */
static void short_top(strbuf *sb, const char *label, const tally *t, int n, bool quote)
{
    int shown = 0;
    for (int i = 0; i < n && shown < SHORT_TOP; i++) {
        if (t[i].count == 0)
            break;
        sb_printf(sb, "%s%s%s%s (%d)", shown ? ", " : label, quote ? "\"" : "", t[i].name,
                  quote ? "\"" : "", t[i].count);
        shown++;
    }
    if (shown)
        sb_addc(sb, '\n');
}

char *batch_summary_text(const challenge *c, const batch_row *rows, int n)
{
    (void)c;
    classsum s;
    classsum_build(&s, rows, n);
    strbuf sb = {0};
    pass_line(&sb, &s);
    sb_add(&sb, "\n");
    if (s.nscored)
        histogram(&sb, &s, 2, "  ");
    strbuf means = {0};
    for (int k = 0; k < CRIT_COUNT; k++)
        if (s.crit_max[k] != BATCH_EMPTY && s.crit_n[k])
            sb_printf(&means, "%s %s %.0f/%d", means.len ? "," : "criteria (mean):",
                      criterion_name((criterion)k), s.crit_sum[k] / s.crit_n[k],
                      s.crit_max[k]);
    if (means.len)
        sb_printf(&sb, "%s\n", sb_str(&means));
    sb_free(&means);
    short_top(&sb, "mistakes: ", s.mistakes, s.nmistakes, false);
    short_top(&sb, "cases failed most: ", s.cases, s.ncases, true);
    classsum_free(&s);
    return sb_take(&sb);
}
