/* batch_rows — the rows of a batch (batch.h): their status names, their
 * clearing, and the rows as CSV and as JSON. */
#include "instructor/batch.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    for (int i = 0; i < row->nmistakes; i++)
        free(row->mistakes[i]);
    free(row->mistakes);
    free(row->error);
    free(row->report_json);
    free(row->note);
    memset(row, 0, sizeof *row);
}

/* --- CSV and JSON ---------------------------------------------------------------- */

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

char *batch_csv(const batch_row *rows, int n)
{
    strbuf sb = {0};
    sb_add(&sb, "file,status,score,passed");
    for (int k = 0; k < CRIT_COUNT; k++)
        sb_printf(&sb, ",%s", criterion_name((criterion)k));
    sb_add(&sb, ",mistakes,ratio,seconds,error\n");
    for (int i = 0; i < n; i++) {
        const batch_row *r = &rows[i];
        char num[64];
        bool graded = r->status != BATCH_ERROR;
        csv_field(&sb, r->file, false);
        csv_field(&sb, batch_status_name(r->status), false);
        snprintf(num, sizeof num, "%.0f", r->score);
        csv_field(&sb, graded ? num : "", false);
        csv_field(&sb, graded ? (r->passed ? "yes" : "no") : "", false);
        for (int k = 0; k < CRIT_COUNT; k++) {
            snprintf(num, sizeof num, "%.1f", r->points[k]);
            csv_field(&sb, graded && !isnan(r->points[k]) ? num : "", false);
        }
        strbuf ms = {0};
        for (int m = 0; m < r->nmistakes; m++)
            sb_printf(&ms, "%s%s", m ? ";" : "", r->mistakes[m]);
        csv_field(&sb, sb_str(&ms), false);
        sb_free(&ms);
        snprintf(num, sizeof num, "%.3f", r->ratio);
        csv_field(&sb, isnan(r->ratio) ? "" : num, false);
        snprintf(num, sizeof num, "%.2f", r->seconds);
        csv_field(&sb, num, false);
        csv_field(&sb, r->error ? r->error : "", true);
    }
    return sb_take(&sb);
}

char *batch_json(const challenge *c, const batch_row *rows, int n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "challenge", c->id);
    cJSON *arr = cJSON_AddArrayToObject(o, "rows");
    for (int i = 0; i < n; i++) {
        const batch_row *r = &rows[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "file", r->file);
        cJSON_AddStringToObject(j, "status", batch_status_name(r->status));
        if (r->status != BATCH_ERROR) {
            char seed[32];
            snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
            cJSON_AddNumberToObject(j, "score", round(r->score));
            cJSON_AddBoolToObject(j, "passed", r->passed);
            cJSON *pts = cJSON_AddObjectToObject(j, "points");
            cJSON *max = cJSON_AddObjectToObject(j, "max");
            for (int k = 0; k < CRIT_COUNT; k++) {
                if (isnan(r->points[k]))
                    continue;
                cJSON_AddNumberToObject(pts, criterion_name((criterion)k), r->points[k]);
                cJSON_AddNumberToObject(max, criterion_name((criterion)k), r->max[k]);
            }
            cJSON *ms = cJSON_AddArrayToObject(j, "mistakes");
            for (int m = 0; m < r->nmistakes; m++)
                cJSON_AddItemToArray(ms, cJSON_CreateString(r->mistakes[m]));
            if (!isnan(r->ratio))
                cJSON_AddNumberToObject(j, "ratio", r->ratio);
            cJSON_AddStringToObject(j, "seed", seed);
        } else {
            cJSON_AddStringToObject(j, "error", r->error ? r->error : "");
        }
        cJSON_AddNumberToObject(j, "seconds", round(r->seconds * 100) / 100);
        if (r->report_json)
            cJSON_AddItemToObject(j, "report", cJSON_Parse(r->report_json));
        cJSON_AddItemToArray(arr, j);
    }
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}
