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
    r->max_score = 100;
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
    for (int i = 0; i < r->ncases; i++)
        report_case_clear(&r->cases[i]);
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

void report_unmistake(report *r, const char *id)
{
    for (int i = 0; i < r->nmistakes; i++) {
        if (strcmp(r->mistakes[i].id, id) != 0)
            continue;
        free(r->mistakes[i].id);
        free(r->mistakes[i].message);
        memmove(&r->mistakes[i], &r->mistakes[i + 1],
                sizeof(rmistake) * (size_t)(r->nmistakes - i - 1));
        r->nmistakes--;
        return;
    }
}

/* How many leading elements of v the renderings read (report_values.c):
 * all when it is small, else its first rows, or a long vector's first
 * REPORT_SMALL. */
static long long shown_elems(const value *v)
{
    if (v->count <= REPORT_SMALL)
        return v->count;
    if (v->ndim < 2)
        return REPORT_SMALL;
    long long rows = v->dims[0] < REPORT_HEAD_ROWS ? v->dims[0] : REPORT_HEAD_ROWS;
    return rows * (v->count / (v->dims[0] ? v->dims[0] : 1));
}

/* A copy of n elements of v from element at, as an array of the given
 * shape (count and dims), holding only those (strings: room for count,
 * the rest NULL, so value_clear frees it). */
static void copy_part(value *dst, const value *v, long long at, long long n, int ndim,
                      const long long *dims, long long count)
{
    *dst = *v;
    dst->name = xstrdup(v->name);
    dst->labels = NULL;
    dst->ndim = ndim;
    memcpy(dst->dims, dims, sizeof dst->dims);
    dst->count = count;
    if (!v->array || !v->data) {
        dst->data = NULL;
        return;
    }
    if (v->type == VT_STRING) {
        char **out = xcalloc((size_t)count + 1, sizeof(char *));
        for (long long i = 0; i < n; i++)
            out[i] = xstrdup(((char *const *)v->data)[at + i]);
        dst->data = out;
    } else {
        size_t sz = vtype_size(v->type);
        dst->data = xmalloc(sz * (size_t)(n ? n : 1));
        memcpy(dst->data, (const char *)v->data + sz * (size_t)at, sz * (size_t)n);
    }
}

/* One input as shown, and the row of the first difference apart when it
 * lies past the rows shown in an input of nrows rows. */
static void one_input(rinput *in, const value *v, long long row, long long nrows)
{
    copy_part(&in->v, v, 0, shown_elems(v), v->ndim, v->dims, v->count);
    in->row = -1;
    long long cols = v->ndim >= 2 ? v->count / (v->dims[0] ? v->dims[0] : 1) : 1;
    long long rows = v->ndim >= 1 ? v->dims[0] : 0;
    if (!v->array || !v->data || row < 0 || rows != nrows || row >= rows ||
        row * cols < shown_elems(v))
        return;
    in->row = row;
    long long dims[VALUE_MAXDIM] = {cols};
    copy_part(&in->rowv, v, row * cols, cols, 1, dims, cols);
    free(in->rowv.name);
    in->rowv.name = xstrdup("");    /* shown as its elements alone */
}

void report_case_inputs(rcase *rc, const case_inst *ci, long long row, long long nrows)
{
    rc->inputs = xcalloc((size_t)ci->nvals + 1, sizeof(rinput));
    rc->ninputs = 0;
    for (int i = 0; i < ci->nvals; i++) {
        const value *v = &ci->vals[i];
        if (v->role == ROLE_VAR || v->role == ROLE_INPUT || v->role == ROLE_INOUT)
            one_input(&rc->inputs[rc->ninputs++], v, row, nrows);
    }
}

void report_case_clear(rcase *rc)
{
    free(rc->name);
    free(rc->message);
    free(rc->note);
    report_shrunk_free(rc->shrunk);
    for (int i = 0; i < rc->ninputs; i++) {
        value_clear(&rc->inputs[i].v);
        if (rc->inputs[i].row >= 0)
            value_clear(&rc->inputs[i].rowv);
    }
    free(rc->inputs);
    if (rc->diff) {
        free(rc->diff->output);
        free(rc->diff->where);
        free(rc->diff->sexpected);
        free(rc->diff->sactual);
        free(rc->diff);
    }
    memset(rc, 0, sizeof *rc);
}
