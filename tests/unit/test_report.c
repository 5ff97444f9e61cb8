/* Unit tests: a failed case as the report shows it (issue 13 point 1).
 * Each row is one input of a case (a scalar, a small or large array of
 * numbers or strings, with or without the row of the first difference)
 * and what the text report and the JSON must show of it; then the first
 * difference, in the text when the message does not say it and in the
 * JSON always. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "grade/report.h"

/* One input of the case: a scalar (ndim < 0) or an array of numbers
 * 0, 1, 2, ... (or of the strings given), its row of the first
 * difference, and what must be shown. */
typedef struct input_row {
    const char *name;
    int ndim;                 /* -1: a scalar variable */
    long long dims[2];
    double scalar;
    const char *const *strings;
    bool nan_first;           /* element 0 is NaN */
    const char *text;         /* in the text report */
    const char *json;         /* its "inputs" entry, printed unformatted */
} input_row;

static const char *const WORDS[] = {"kiwi", "fig\033[31m", NULL};

static const input_row INPUTS[] = {
    {"n", -1, {0}, 3, .text = "inputs: n = 3, lr = 0.1", .json = "3"},
    {"lr", -1, {0}, 0.1, .text = "lr = 0.1", .json = "0.1"},
    {"X", 2, {2, 3}, .text = "X (2x3) = [[0, 1, 2], [3, 4, 5]]", .json = "[[0,1,2],[3,4,5]]"},
    {"v", 1, {4}, .nan_first = true, .text = "v (4) = [NaN, 1, 2, 3]",
     .json = "[\"NaN\",1,2,3]"},
    {"Z", 2, {10, 4},
     .text = "Z (10x4) = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11],\n"
             "                    [12, 13, 14, 15]] (4 of 10 rows)\n"
             "        > row 7 of Z: [28, 29, 30, 31] (the first difference is in this row)",
     .json = "{\"shape\":[10,4],\"head\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15],"
             "\"first_difference_row\":{\"index\":7,\"values\":[28,29,30,31]}}"},
    {"y", 1, {30}, .text = "... (24 of 30 values)",
     .json = "{\"shape\":[30],\"head\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,"
             "20,21,22,23]}"},
    {"W", 2, {10, 20},
     .text = "W (10x20) = [[0, 1, 2, 3, 4, 5, 6, 7, ...],\n"
             "                     [20, 21, 22, 23, 24, 25, 26, 27, ...],"},
    {"s", 1, {3}, .strings = WORDS, .text = "s (3) = [\"kiwi\", \"fig\\x1b[31m\", NULL]",
     .json = "[\"kiwi\",\"fig\\u001b[31m\",null]"},
};

#define NIN (sizeof INPUTS / sizeof *INPUTS)

/* The case's values from the rows. */
static void make_values(value *vals)
{
    for (size_t i = 0; i < NIN; i++) {
        const input_row *in = &INPUTS[i];
        value *v = &vals[i];
        memset(v, 0, sizeof *v);
        v->name = (char *)in->name;
        v->present = true;
        if (in->ndim < 0) {
            v->role = ROLE_VAR;
            v->type = VT_DOUBLE;
            v->num = in->scalar;
            continue;
        }
        v->role = ROLE_INPUT;
        v->array = true;
        v->ndim = in->ndim;
        v->count = 1;
        for (int k = 0; k < in->ndim; k++)
            v->count *= v->dims[k] = in->dims[k];
        if (in->strings) {
            v->type = VT_STRING;
            v->data = (void *)in->strings;
            continue;
        }
        v->type = VT_DOUBLE;
        double *d = xmalloc(sizeof(double) * (size_t)v->count);
        for (long long k = 0; k < v->count; k++)
            d[k] = (double)k;
        if (in->nan_first)
            d[0] = NAN;
        v->data = d;
    }
}

/* Frees what make_values allocated. */
static void free_values(value *vals)
{
    for (size_t i = 0; i < NIN; i++)
        if (!INPUTS[i].strings && INPUTS[i].ndim >= 0)
            free(vals[i].data);
}

/* A report of one failed case of those inputs, its first difference at
 * P[7,1] of a 10-row output (message says it unless hide_where). */
static report *one_failure(value *vals, case_inst *ci, bool hide_where)
{
    challenge ch = {0};
    ch.id = "t";
    ch.title = "T";
    ch.weights[CRIT_CORRECTNESS] = 100;
    report *r = report_new(&ch);
    r->cases = xcalloc(2, sizeof(rcase));
    r->ncases = 1;
    rcase *rc = &r->cases[0];
    rc->name = xstrdup("c0");
    rc->status = CS_FAIL;
    rc->message = xstrdup(hide_where ? "the class shares are off" : "P[7,1] is 2, expected 3");
    rdiff *d = xcalloc(1, sizeof *d);
    d->output = xstrdup("P");
    d->where = xstrdup("P[7,1]");
    d->ndim = 2;
    d->index[0] = 7;
    d->index[1] = 1;
    d->numbers = true;
    d->expected = 3;
    d->actual = 2;
    d->nbad = 4;
    d->total = 20;
    rc->diff = d;
    *ci = (case_inst){.vals = vals, .nvals = (int)NIN};
    report_case_inputs(rc, ci, 7, 10);
    return r;
}

static void a_failed_case_should_show_its_inputs(void **state)
{
    (void)state;
    value vals[NIN];
    make_values(vals);
    case_inst ci;
    report *r = one_failure(vals, &ci, false);
    char *text = report_text(r, false);
    char *json = report_json(r);
    cJSON *o = cJSON_Parse(json);
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "cases"), 0), "inputs");
    assert_non_null(ins);
    for (size_t i = 0; i < NIN; i++) {
        const input_row *in = &INPUTS[i];
        if (!strstr(text, in->text))
            fail_msg("%s: the text does not show \"%s\":\n%s", in->name, in->text, text);
        char *got = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(ins, in->name));
        if (in->json && (!got || strcmp(got, in->json) != 0))
            fail_msg("%s: JSON %s, expected %s", in->name, got ? got : "(none)", in->json);
        free(got);
    }
    assert_null(strchr(text, '\033'));    /* a solution's bytes never reach a terminal raw */
    assert_null(strstr(text, "first difference:"));    /* the message says it */
    cJSON_Delete(o);
    free(json);
    free(text);
    report_free(r);
    free_values(vals);
}

static void the_first_difference_should_be_data(void **state)
{
    (void)state;
    value vals[NIN];
    make_values(vals);
    case_inst ci;
    report *r = one_failure(vals, &ci, true);
    char *text = report_text(r, false);
    assert_non_null(strstr(text, "first difference: P[7,1] is 2, expected 3"));
    char *json = report_json(r);
    cJSON *o = cJSON_Parse(json);
    const cJSON *fd = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "cases"), 0), "first_difference");
    char *got = cJSON_PrintUnformatted(fd);
    assert_string_equal(got, "{\"output\":\"P\",\"where\":\"P[7,1]\",\"index\":[7,1],\"expected\":3,\"actual\":2,"
                             "\"differing\":4,\"compared\":20}");
    free(got);
    cJSON_Delete(o);
    free(json);
    free(text);
    report_free(r);
    free_values(vals);
}

/* Cases failing alike one after another (those a timeout left unrun)
 * are one line after the first; two alike stay two. */
static void a_run_of_cases_failing_alike_should_be_one_line(void **state)
{
    (void)state;
    static const struct {
        cstatus status;
        const char *message;
    } CASES[] = {
        {CS_TIMEOUT, "did not finish within 2 s"},
        {CS_TIMEOUT, "did not finish within 2 s"},
        {CS_ERROR, "not run: the two cases before it ran out of time"},
        {CS_ERROR, "not run: the two cases before it ran out of time"},
        {CS_ERROR, "not run: the two cases before it ran out of time"},
        {CS_ERROR, "not run: the two cases before it ran out of time"},
    };
    challenge ch = {0};
    ch.id = "t";
    ch.title = "T";
    ch.weights[CRIT_CORRECTNESS] = 100;
    report *r = report_new(&ch);
    int n = (int)(sizeof CASES / sizeof *CASES);
    r->cases = xcalloc((size_t)n, sizeof(rcase));
    r->ncases = n;
    for (int i = 0; i < n; i++) {
        r->cases[i].name = xasprintf("c%d", i);
        r->cases[i].status = CASES[i].status;
        r->cases[i].message = xstrdup(CASES[i].message);
    }
    char *text = report_text(r, false);
    assert_non_null(strstr(text, "c0 [correctness, timeout]"));
    assert_non_null(strstr(text, "c1 [correctness, timeout]"));
    assert_non_null(strstr(text, "c2 [correctness, error]"));
    assert_non_null(strstr(text, "3 more cases [error]: not run: the two cases before it ran out "
                                 "of time"));
    assert_null(strstr(text, "c3 ["));
    assert_null(strstr(text, "... and"));
    free(text);
    report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_failed_case_should_show_its_inputs),
        cmocka_unit_test(the_first_difference_should_be_data),
        cmocka_unit_test(a_run_of_cases_failing_alike_should_be_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
