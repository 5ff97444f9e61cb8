/* batch_rows — the rows of a batch (batch.h): their status names, their
 * clearing, reading a grade report into a row (the reason, the whole
 * points), and the rows as CSV and as JSON. */
#include "instructor/batch.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest reason kept, in bytes: one line of a spreadsheet. */
#define REASON_MAX 300

const char *batch_status_name(batch_status s)
{
    static const char *const n[] = {"graded", "compile_error", "error"};
    return s <= BATCH_ERROR ? n[s] : "?";
}

void batch_row_clear(batch_row *row)
{
    if (!row)
        return;
    free(row->file);
    free(row->student);
    free(row->reason);
    for (int i = 0; i < row->nmistakes; i++)
        free(row->mistakes[i]);
    free(row->mistakes);
    free(row->error);
    free(row->report_json);
    free(row->report_text);
    free(row->note);
    memset(row, 0, sizeof *row);
}

/* --- whole points ------------------------------------------------------------------ */

/* A report's number as a whole one (rubric_total made them whole: the
 * JSON only writes them out), or BATCH_EMPTY for NAN. */
static int whole(double x)
{
    return isnan(x) ? BATCH_EMPTY : (int)lround(x);
}

/* The report's whole points, as rubric_total made them (rubric_round: the
 * criteria's points add up to the score, their maxima to the points
 * graded): batch rounds nothing of its own. */
static void whole_points(batch_row *row, double max_score)
{
    batch_points *w = &row->whole;
    int msum = 0;
    for (int k = 0; k < CRIT_COUNT; k++) {
        w->crit_max[k] = whole(row->max[k]);
        w->crit[k] = whole(row->points[k]);
        msum += w->crit_max[k] == BATCH_EMPTY ? 0 : w->crit_max[k];
    }
    w->max = isnan(max_score) ? msum : whole(max_score);
    w->score = whole(row->score);
}

/* --- reading a report ---------------------------------------------------------------- */

static double num_or(const cJSON *o, const char *key, double dflt)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(j) ? j->valuedouble : dflt;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* A message as one line of a cell: control characters become spaces,
 * and it stops at REASON_MAX bytes. */
static char *one_line(const char *s)
{
    size_t n = strlen(s);
    if (n > REASON_MAX)
        n = REASON_MAX;
    char *t = xstrndup(s, n);
    for (char *p = t; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    return t;
}

/* The compiler's first error line (else its first line). */
static char *first_error(const char *out)
{
    if (!out || !*out)
        return xstrdup("the file does not compile");
    const char *e = strstr(out, "error");
    const char *line = out;
    if (e) {
        line = e;
        while (line > out && line[-1] != '\n')
            line--;
    }
    return xstrndup(line, strcspn(line, "\n"));
}

/* What a case's status says about a submission. */
static const char *case_reason(const char *status)
{
    static const char *const kinds[] = {"crash", "timeout", "memory", "forbidden", "error"};
    if (strcmp(status, "fail") == 0)
        return "wrong";
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(status, kinds[i]) == 0)
            return kinds[i];
    return NULL;
}

/* Why: the compile error, else the first case that did not pass, else
 * the first criterion that failed (all its cases passed: too slow,
 * global state, ...). */
static void row_reason(batch_row *row, const cJSON *rep)
{
    char *msg = NULL;
    const cJSON *it;
    if (row->status == BATCH_COMPILE_ERROR) {
        row->reason_kind = "compile_error";
        msg = first_error(str_of(rep, "compiler_output"));
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rep, "cases"))
    {
        const char *st = str_of(it, "status"), *name = str_of(it, "name");
        const char *kind = st && name && !msg ? case_reason(st) : NULL;
        if (!kind)
            continue;
        const char *m = str_of(it, "message");
        row->reason_kind = kind;
        msg = xasprintf("case \"%s\": %s", name, m ? m : st);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rep, "criteria"))
    {
        const char *name = str_of(it, "name");
        int k = name ? criterion_from_name(name) : -1;
        if (msg || row->passed || k < 0 || isnan(row->max[k]) ||
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "passed")))
            continue;
        const cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "findings"), 0);
        const char *m = f ? str_of(f, "message") : str_of(it, "summary");
        row->reason_kind = criterion_name((criterion)k);
        msg = xstrdup(m ? m : "failed");
    }
    row->reason = msg ? one_line(msg) : NULL;
    free(msg);
}

/* A criterion of the report: its points and maximum, NAN when it was not
 * reached (a compile error) or does not count (not graded this time). */
static void row_criterion(batch_row *row, const cJSON *it)
{
    const char *name = str_of(it, "name");
    int k = name ? criterion_from_name(name) : -1;
    if (k < 0)
        return;
    const cJSON *graded = cJSON_GetObjectItemCaseSensitive(it, "graded");
    if (cJSON_IsFalse(graded))
        return;
    row->max[k] = num_or(it, "max", 0);
    if (row->status != BATCH_COMPILE_ERROR)
        row->points[k] = num_or(it, "score", 0);
}

void batch_row_read(batch_row *row, const cJSON *rep)
{
    const char *st = str_of(rep, "status");
    row->status = st && strcmp(st, "compile_error") == 0 ? BATCH_COMPILE_ERROR : BATCH_GRADED;
    row->score = num_or(rep, "score", 0);
    row->passed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rep, "passed"));
    const char *seed = str_of(rep, "seed");
    if (seed)
        row->seed = strtoull(seed, NULL, 10);
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rep, "criteria"))
        row_criterion(row, it);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rep, "mistakes"))
    {
        const char *id = str_of(it, "id");
        if (!id)
            continue;
        row->mistakes = xrealloc(row->mistakes, sizeof(char *) * (size_t)(row->nmistakes + 1));
        row->mistakes[row->nmistakes++] = xstrdup(id);
    }
    const cJSON *timing = cJSON_GetObjectItemCaseSensitive(rep, "timing");
    if (timing)
        row->ratio = num_or(timing, "ratio", NAN);
    row->seconds = num_or(rep, "seconds", 0);
    row_reason(row, rep);
    whole_points(row, num_or(rep, "max_score", NAN));
    row->report_json = cJSON_PrintUnformatted(rep);
}

void batch_row_failed(batch_row *row, const char *error)
{
    row->status = BATCH_ERROR;
    row->error = xstrdup(error);
    row->reason_kind = "error";
    row->reason = one_line(error);
}

/* --- CSV ------------------------------------------------------------------------------- */

/* One CSV field, quoted when it needs to be (RFC 4180). */
static void csv_field(strbuf *sb, const char *s, bool last)
{
    if (strpbrk(s, ",\"\n\r")) {
        sb_addc(sb, '"');
        for (; *s; s++) {
            if (*s == '"')
                sb_addc(sb, '"');
            sb_addc(sb, *s);
        }
        sb_addc(sb, '"');
    } else {
        sb_add(sb, s);
    }
    sb_addc(sb, last ? '\n' : ',');
}

/* A text field a spreadsheet must not read as a formula (a file named
 * "=HYPERLINK(...).c"): such a cell starts with a quote. */
static void csv_text(strbuf *sb, const char *s)
{
    if (strchr("=+-@", s[0]) && s[0]) {
        char *t = xasprintf("'%s", s);
        csv_field(sb, t, false);
        free(t);
    } else {
        csv_field(sb, s, false);
    }
}

static void csv_int(strbuf *sb, int v)
{
    char num[24];
    snprintf(num, sizeof num, "%d", v);
    csv_field(sb, v == BATCH_EMPTY ? "" : num, false);
}

/* The reason as one cell: "kind: message". */
static char *reason_cell(const batch_row *r)
{
    if (!r->reason_kind)
        return xstrdup("");
    return r->reason ? xasprintf("%s: %s", r->reason_kind, r->reason) : xstrdup(r->reason_kind);
}

static void csv_row(strbuf *sb, const batch_row *r)
{
    bool graded = r->status != BATCH_ERROR;
    csv_text(sb, r->file);
    csv_text(sb, r->student ? r->student : "");
    csv_field(sb, batch_status_name(r->status), false);
    char *reason = reason_cell(r);
    csv_text(sb, reason);
    free(reason);
    csv_int(sb, graded ? r->whole.score : BATCH_EMPTY);
    csv_int(sb, graded ? r->whole.max : BATCH_EMPTY);
    csv_field(sb, graded ? (r->passed ? "yes" : "no") : "", false);
    for (int k = 0; k < CRIT_COUNT; k++) {
        csv_int(sb, graded ? r->whole.crit[k] : BATCH_EMPTY);
        csv_int(sb, graded ? r->whole.crit_max[k] : BATCH_EMPTY);
    }
    strbuf ms = {0};
    for (int m = 0; m < r->nmistakes; m++)
        sb_printf(&ms, "%s%s", m ? ";" : "", r->mistakes[m]);
    csv_text(sb, sb_str(&ms));
    sb_free(&ms);
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->seed);
    csv_field(sb, graded ? num : "", false);
    snprintf(num, sizeof num, "%.2f", r->seconds);
    csv_field(sb, num, true);
}

char *batch_csv(const batch_row *rows, int n)
{
    strbuf sb = {0};
    sb_add(&sb, "submission,student,status,reason,score,max,passed");
    for (int k = 0; k < CRIT_COUNT; k++)
        sb_printf(&sb, ",%s,%s_max", criterion_name((criterion)k),
                  criterion_name((criterion)k));
    sb_add(&sb, ",mistakes,seed,seconds\n");
    for (int i = 0; i < n; i++)
        csv_row(&sb, &rows[i]);
    return sb_take(&sb);
}

/* --- JSON ------------------------------------------------------------------------------ */

static void json_int(cJSON *o, const char *key, int v)
{
    if (v == BATCH_EMPTY)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, v);
}

/* The columns of a graded row: score, max, passed, each criterion's
 * points and maximum, the mistakes, the seed. */
static void json_graded(cJSON *j, const batch_row *r)
{
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    json_int(j, "score", r->whole.score);
    json_int(j, "max", r->whole.max);
    cJSON_AddBoolToObject(j, "passed", r->passed);
    cJSON *crit = cJSON_AddObjectToObject(j, "criteria");
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (r->whole.crit_max[k] == BATCH_EMPTY)
            continue;
        cJSON *cj = cJSON_AddObjectToObject(crit, criterion_name((criterion)k));
        json_int(cj, "points", r->whole.crit[k]);
        json_int(cj, "max", r->whole.crit_max[k]);
    }
    cJSON *ms = cJSON_AddArrayToObject(j, "mistakes");
    for (int m = 0; m < r->nmistakes; m++)
        cJSON_AddItemToArray(ms, cJSON_CreateString(r->mistakes[m]));
    if (!isnan(r->ratio))
        cJSON_AddNumberToObject(j, "ratio", r->ratio);
    cJSON_AddStringToObject(j, "seed", seed);
}

static cJSON *json_row(const batch_row *r)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "submission", r->file);
    cJSON_AddStringToObject(j, "student", r->student ? r->student : "");
    cJSON_AddStringToObject(j, "status", batch_status_name(r->status));
    if (r->reason_kind) {
        cJSON *why = cJSON_AddObjectToObject(j, "reason");
        cJSON_AddStringToObject(why, "kind", r->reason_kind);
        cJSON_AddStringToObject(why, "message", r->reason ? r->reason : "");
    } else {
        cJSON_AddNullToObject(j, "reason");
    }
    if (r->status != BATCH_ERROR)
        json_graded(j, r);
    cJSON_AddNumberToObject(j, "seconds", round(r->seconds * 100) / 100);
    if (r->report_json)
        cJSON_AddItemToObject(j, "report", cJSON_Parse(r->report_json));
    return j;
}

char *batch_json(const challenge *c, const batch_row *rows, int n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "challenge", c->id);
    cJSON *arr = cJSON_AddArrayToObject(o, "rows");
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, json_row(&rows[i]));
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}
