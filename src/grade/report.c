/* report — see report.h: the report as data (the renderings are in
 * report_json.c and report_text.c). */

#include "grade/report.h"

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

void report_shrunk_free(rshrunk *s)
{
    if (!s)
        return;
    free(s->sizes);
    free(s->was);
    free(s->message);
    for (int i = 0; i < s->nvars; i++)
        value_clear(&s->vars[i]);
    free(s->vars);
    for (int i = 0; i < s->ninputs; i++)
        value_clear(&s->inputs[i]);
    free(s->inputs);
    free(s);
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
    for (int i = 0; i < r->nhot; i++) {
        free(r->hot[i].file);
        free(r->hot[i].text);
    }
    free(r->hot);
    for (int i = 0; i < r->ncases; i++) {
        free(r->cases[i].name);
        free(r->cases[i].message);
        free(r->cases[i].note);
        report_shrunk_free(r->cases[i].shrunk);
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
    free(r->solution);
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
