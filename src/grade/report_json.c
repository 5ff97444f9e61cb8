/* report — the JSON rendering (report.h): the contract's keys of
 * DESIGN.md first, then the additions beyond them. */

#include "grade/report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static double round1(double v) { return round(v * 10) / 10; }

/* v rounded to three decimals */
static double round3(double v) { return round(v * 1000) / 1000; }

/* "criteria": the criteria that apply, with their findings */
static void add_criteria(cJSON *o, const report *r)
{
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
        if (c->skipped) {
            /* not graded this time: its points are out of the total */
            cJSON_AddBoolToObject(cj, "graded", false);
            cJSON_AddStringToObject(cj, "not_graded", c->skipped);
        }
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
}

/* "mistakes" */
static void add_mistakes(cJSON *o, const report *r)
{
    cJSON *ms = cJSON_AddArrayToObject(o, "mistakes");
    for (int i = 0; i < r->nmistakes; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "id", r->mistakes[i].id);
        cJSON_AddStringToObject(m, "message", r->mistakes[i].message);
        cJSON_AddItemToArray(ms, m);
    }
}

/* A shrunk case's arrays in JSON up to this many elements each. */
#define SHRUNK_JSON_FULL 4096

/* "shrunk" of a failed hidden case: found or not, and the smaller case's
 * sizes, message, variables and inputs */
static void add_shrunk(cJSON *cj, const rshrunk *s)
{
    cJSON *o = cJSON_AddObjectToObject(cj, "shrunk");
    cJSON_AddBoolToObject(o, "found", s->found);
    cJSON_AddNumberToObject(o, "tried", s->tried);
    if (!s->found) {
        cJSON_AddStringToObject(o, "message", s->tried ? "no smaller case fails the same way"
                                                        : "it cannot be made smaller");
        return;
    }
    cJSON_AddStringToObject(o, "message", s->message);
    cJSON_AddStringToObject(o, "sizes", s->sizes);
    cJSON *vars = cJSON_AddObjectToObject(o, "vars");
    for (int i = 0; i < s->nvars; i++)
        cJSON_AddItemToObject(vars, s->vars[i].name, report_value_json(&s->vars[i], 1));
    cJSON *in = cJSON_AddObjectToObject(o, "inputs");
    for (int i = 0; i < s->ninputs; i++)
        cJSON_AddItemToObject(in, s->inputs[i].name,
                              report_value_json(&s->inputs[i], SHRUNK_JSON_FULL));
    cJSON_AddNumberToObject(o, "elements", (double)s->elems);
    cJSON_AddNumberToObject(o, "original_elements", (double)s->original_elems);
}

/* A number, or "NaN", "inf", "-inf" (JSON has none of them). */
static cJSON *json_num(double v)
{
    if (!isfinite(v))
        return cJSON_CreateString(isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf");
    return cJSON_CreateNumber(v);
}

/* An input: report_value_json's, with the row of the first difference
 * when a large array shows it apart. */
static cJSON *json_input(const rinput *in)
{
    cJSON *j = report_value_json(&in->v, REPORT_SMALL);
    if (in->row >= 0 && cJSON_IsObject(j)) {
        cJSON *row = cJSON_AddObjectToObject(j, "first_difference_row");
        cJSON_AddNumberToObject(row, "index", (double)in->row);
        cJSON_AddItemToObject(row, "values", report_value_json(&in->rowv, in->rowv.count));
    }
    return j;
}

/* The first difference: where, expected, actual, how many differ. */
static void add_difference(cJSON *cj, const rdiff *d)
{
    cJSON *fd = cJSON_AddObjectToObject(cj, "first_difference");
    cJSON_AddStringToObject(fd, "output", d->output);
    cJSON_AddStringToObject(fd, "where", d->where);
    cJSON *idx = cJSON_AddArrayToObject(fd, "index");
    for (int k = 0; k < d->ndim; k++)
        cJSON_AddItemToArray(idx, cJSON_CreateNumber((double)d->index[k]));
    cJSON_AddItemToObject(fd, "expected",
                          d->sexpected ? cJSON_CreateString(d->sexpected) : json_num(d->expected));
    if (d->unwritten)
        cJSON_AddNullToObject(fd, "actual");
    else
        cJSON_AddItemToObject(fd, "actual",
                              d->sactual ? cJSON_CreateString(d->sactual) : json_num(d->actual));
    if (d->unwritten)
        cJSON_AddBoolToObject(fd, "unwritten", true);
    if (d->nbad > 0)
        cJSON_AddNumberToObject(fd, "differing", (double)d->nbad);
    if (d->total > 0)
        cJSON_AddNumberToObject(fd, "compared", (double)d->total);
}

/* A failed case's "inputs" and "first_difference". */
static void add_failure(cJSON *cj, const rcase *c)
{
    cJSON *ins = cJSON_AddObjectToObject(cj, "inputs");
    for (int i = 0; i < c->ninputs; i++)
        cJSON_AddItemToObject(ins, c->inputs[i].v.name, json_input(&c->inputs[i]));
    if (c->diff)
        add_difference(cj, c->diff);
}

/* "cases" */
static void add_cases(cJSON *o, const report *r)
{
    cJSON *cs = cJSON_AddArrayToObject(o, "cases");
    for (int i = 0; i < r->ncases; i++) {
        const rcase *c = &r->cases[i];
        cJSON *cj = cJSON_CreateObject();
        cJSON_AddStringToObject(cj, "name", c->name);
        cJSON_AddStringToObject(cj, "criterion", criterion_name(c->crit));
        cJSON_AddStringToObject(cj, "status", cstatus_name(c->status));
        cJSON_AddStringToObject(cj, "message", c->message ? c->message : "");
        cJSON_AddBoolToObject(cj, "visible", c->visible);
        if (c->status != CS_PASS)
            add_failure(cj, c);
        if (c->shrunk)
            add_shrunk(cj, c->shrunk);
        cJSON_AddItemToArray(cs, cj);
    }
}

/* additions beyond the contract's keys: title, verdict, why, seed, time */
static void add_about(cJSON *o, const report *r)
{
    cJSON_AddStringToObject(o, "title", r->title);
    cJSON_AddStringToObject(o, "verdict", r->verdict);
    if (r->why_not)
        cJSON_AddStringToObject(o, "why_not_passed", r->why_not);
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    cJSON_AddStringToObject(o, "seed", seed);
    cJSON_AddNumberToObject(o, "seconds", round3(r->seconds));
    if (r->visible_only)
        cJSON_AddBoolToObject(o, "visible_only", true);
    if (r->shrink_runs > 0) {
        cJSON *sh = cJSON_AddObjectToObject(o, "shrinking");
        cJSON_AddNumberToObject(sh, "runs", r->shrink_runs);
        cJSON_AddNumberToObject(sh, "seconds", round3(r->shrink_seconds));
    }
}

/* "timing": the vectorization measurement, when there was one */
/* "hot_lines": where the time goes (hot.h) */
static void add_hot_lines(cJSON *t, const report *r)
{
    cJSON *a = cJSON_AddArrayToObject(t, "hot_lines");
    for (int i = 0; i < r->nhot; i++) {
        cJSON *h = cJSON_CreateObject();
        cJSON_AddStringToObject(h, "file", r->hot[i].file);
        cJSON_AddNumberToObject(h, "line", r->hot[i].line);
        cJSON_AddNumberToObject(h, "share", round3(r->hot[i].share));
        cJSON_AddStringToObject(h, "text", r->hot[i].text ? r->hot[i].text : "");
        cJSON_AddItemToArray(a, h);
    }
}

static void add_timing(cJSON *o, const report *r)
{
    cJSON *t = cJSON_AddObjectToObject(o, "timing");
    if (!r->timed) {
        add_hot_lines(t, r);    /* too slow to time: only where the time went */
        return;
    }
    cJSON_AddNumberToObject(t, "ratio", round3(r->tstats.ratio));
    cJSON_AddNumberToObject(t, "q1", round3(r->tstats.q1));
    cJSON_AddNumberToObject(t, "q3", round3(r->tstats.q3));
    cJSON_AddNumberToObject(t, "samples", r->tstats.n);
    cJSON_AddNumberToObject(t, "outliers", r->tstats.outliers);
    cJSON_AddNumberToObject(t, "user_seconds", r->tstats.user_s);
    cJSON_AddNumberToObject(t, "reference_seconds", r->tstats.ref_s);
    if (r->ref_slowdown > 0)
        cJSON_AddNumberToObject(t, "reference_slowdown", round3(r->ref_slowdown));
    cJSON_AddBoolToObject(t, "retimed", r->retimed);
    cJSON_AddBoolToObject(t, "busy", r->scored_ratio > r->tstats.ratio);
    cJSON_AddNumberToObject(t, "scored_ratio", round3(r->scored_ratio));
    if (isfinite(r->exponent))
        cJSON_AddNumberToObject(t, "exponent", round(r->exponent * 100) / 100);
    if (isfinite(r->ref_exponent))
        cJSON_AddNumberToObject(t, "reference_exponent", round(r->ref_exponent * 100) / 100);
    cJSON_AddNumberToObject(t, "expected_exponent", r->exponent_expected);
    if (r->nhot)
        add_hot_lines(t, r);    /* last: the ratio's keys come first */
}

/* what the solution printed, and the help used in a REPL session */
static void add_session(cJSON *o, const report *r)
{
    if (r->output && *r->output) {
        cJSON_AddStringToObject(o, "output", r->output);
        if (r->output_total > strlen(r->output))
            cJSON_AddNumberToObject(o, "output_bytes", (double)r->output_total);
    }
    if (r->hints_used)
        cJSON_AddNumberToObject(o, "hints_used", r->hints_used);
    if (r->overtime_s > 0)
        cJSON_AddNumberToObject(o, "overtime_seconds", round(r->overtime_s));
    if (r->peeked)
        cJSON_AddBoolToObject(o, "peeked", true);
    if (r->verdict_unaided)
        cJSON_AddStringToObject(o, "verdict_unaided", r->verdict_unaided);
}

char *report_json(const report *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "challenge", r->challenge);
    cJSON_AddStringToObject(o, "status", r->compile_error ? "compile_error" : "graded");
    cJSON_AddNumberToObject(o, "score", round(r->score));
    cJSON_AddNumberToObject(o, "max_score", round(r->max_score));
    cJSON_AddBoolToObject(o, "passed", r->passed);
    add_criteria(o, r);
    add_mistakes(o, r);
    add_cases(o, r);
    if (r->compiler_output && *r->compiler_output)
        cJSON_AddStringToObject(o, "compiler_output", r->compiler_output);
    add_about(o, r);
    if (r->timed || r->nhot)
        add_timing(o, r);
    add_session(o, r);
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}
