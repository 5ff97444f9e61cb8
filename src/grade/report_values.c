/* report — a case's values as the renderings show them (report.h): a
 * number by name, an array in full with its shape when small enough,
 * else its shape and its first rows.  Strings of a case are the
 * generators' (never a solution's), shown with their control bytes made
 * visible all the same. */

#include "grade/report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The rows shown of an array too large to show in full. */
#define HEAD_ROWS REPORT_HEAD_ROWS

/* One element as text: %.6g, NaN, inf; a string quoted. */
static void elem_text(strbuf *sb, const value *v, long long i)
{
    if (v->type == VT_STRING) {
        const char *s = v->data ? ((char *const *)v->data)[i] : NULL;
        if (!s) {
            sb_add(sb, "NULL");
            return;
        }
        sb_addc(sb, '"');
        sb_add_visible(sb, s);
        sb_addc(sb, '"');
        return;
    }
    double x = value_get(v, i);
    if (isnan(x))
        sb_add(sb, "NaN");
    else if (isinf(x))
        sb_add(sb, x > 0 ? "inf" : "-inf");
    else
        sb_printf(sb, "%.6g", x);
}

/* The column sb's current line has reached. */
static size_t column(const strbuf *sb)
{
    size_t i = sb->len;
    while (i > 0 && sb->buf[i - 1] != '\n')
        i--;
    return sb->len - i;
}

/* The columns of a wide row shown when an array is not shown in full. */
#define HEAD_COLS 8

/* Rows [0, rows) of v, cols elements each (the first shown of them, or,
 * to fit, as many as keep a row within about 78 columns, then "..."), in
 * brackets: as many rows (or, for a vector, elements) a line as fit in
 * about 78 columns, the lines after the first under indent and the
 * opening bracket. */
static void rows_text(strbuf *sb, const value *v, long long rows, long long cols,
                      long long shown, bool fit, const char *indent)
{
    bool matrix = v->ndim >= 2;
    long long items = matrix ? rows : rows * cols < shown ? rows * cols : shown;
    sb_addc(sb, '[');
    for (long long r = 0; r < items; r++) {
        strbuf item = {0};
        if (matrix) {
            sb_addc(&item, '[');
            long long c = 0;
            for (; c < cols && c < shown; c++) {
                size_t before = item.len;
                sb_add(&item, c ? ", " : "");
                elem_text(&item, v, r * cols + c);
                /* a row cut short keeps to the line (and "...]") */
                if (fit && c > 0 && strlen(indent) + item.len + 8 > 78) {
                    item.len = before;
                    item.buf[before] = '\0';
                    break;
                }
            }
            sb_add(&item, c < cols ? ", ...]" : "]");
        } else {
            elem_text(&item, v, r);
        }
        if (r > 0 && column(sb) + item.len + 2 > 78)
            sb_printf(sb, ",\n%s ", indent);
        else if (r > 0)
            sb_add(sb, ", ");
        sb_add(sb, sb_str(&item));
        sb_free(&item);
    }
    sb_add(sb, !matrix && items < rows * cols ? ", ...]" : "]");
}

void report_value_text(strbuf *sb, const value *v, long long full, const char *indent)
{
    if (!v->array) {
        sb_printf(sb, "%s = ", v->name);
        elem_text(sb, v, 0);
        return;
    }
    strbuf shape = {0};
    for (int d = 0; d < v->ndim; d++)
        sb_printf(&shape, "%s%lld", d ? "x" : "", v->dims[d]);
    if (!v->name || !*v->name) {
        /* the elements alone (a row shown apart) */
        rows_text(sb, v, v->data ? 1 : 0, v->count,
                  v->count <= full ? v->count : HEAD_COLS, false, indent);
        sb_free(&shape);
        return;
    }
    sb_printf(sb, "%s (%s) = ", v->name, v->ndim ? sb_str(&shape) : "1");
    /* the rows line up under the first: indent plus the name and shape */
    strbuf in = {0};
    sb_printf(&in, "%s%*s", indent, (int)(strlen(v->name) + shape.len + 6 + (v->ndim ? 0 : 1)),
              "");
    long long rows = v->ndim >= 2 ? v->dims[0] : 1, cols = rows ? v->count / rows : 0;
    if (v->count <= full || !v->data) {
        rows_text(sb, v, v->data ? rows : 0, cols, cols, false, sb_str(&in));
    } else {
        long long head = rows > HEAD_ROWS ? HEAD_ROWS : rows;
        if (v->ndim < 2)
            cols = full;    /* a long vector: its first elements */
        long long shown = v->ndim < 2 || cols <= HEAD_COLS ? cols : HEAD_COLS;
        rows_text(sb, v, head, cols, shown, v->ndim >= 2, sb_str(&in));
        if (v->ndim >= 2)
            sb_printf(sb, " (%lld of %lld rows)", head, rows);
        else
            sb_printf(sb, " ... (%lld of %lld values)", head * cols, v->count);
    }
    sb_free(&in);
    sb_free(&shape);
}

/* One element as JSON: a number, a string, null for NULL; NaN and inf as
 * the strings "NaN", "inf", "-inf" (JSON has no numbers for them). */
static cJSON *elem_json(const value *v, long long i)
{
    if (v->type == VT_STRING) {
        const char *s = v->data ? ((char *const *)v->data)[i] : NULL;
        return s ? cJSON_CreateString(s) : cJSON_CreateNull();
    }
    double x = value_get(v, i);
    if (!isfinite(x))
        return cJSON_CreateString(isnan(x) ? "NaN" : x > 0 ? "inf" : "-inf");
    return cJSON_CreateNumber(x);
}

/* Elements [at, at + n) of v nested by its dimensions from dim d on. */
static cJSON *nested_json(const value *v, int d, long long at, long long n)
{
    cJSON *a = cJSON_CreateArray();
    if (d >= v->ndim - 1) {
        for (long long i = 0; i < n; i++)
            cJSON_AddItemToArray(a, elem_json(v, at + i));
        return a;
    }
    long long step = n / (v->dims[d] ? v->dims[d] : 1);
    for (long long i = 0; i < v->dims[d]; i++)
        cJSON_AddItemToArray(a, nested_json(v, d + 1, at + i * step, step));
    return a;
}

cJSON *report_value_json(const value *v, long long full)
{
    if (!v->array)
        return v->num == floor(v->num) && fabs(v->num) < 9e15 ? cJSON_CreateNumber(v->num)
                                                              : elem_json(v, 0);
    if (!v->data)
        return cJSON_CreateNull();
    if (v->ndim == 0)
        return elem_json(v, 0);
    if (v->count <= full)
        return nested_json(v, 0, 0, v->count);
    cJSON *o = cJSON_CreateObject();
    cJSON *shape = cJSON_AddArrayToObject(o, "shape");
    for (int d = 0; d < v->ndim; d++)
        cJSON_AddItemToArray(shape, cJSON_CreateNumber((double)v->dims[d]));
    long long rows = v->ndim >= 2 ? (v->dims[0] > HEAD_ROWS ? HEAD_ROWS : v->dims[0]) : 1;
    long long n = v->ndim >= 2 ? rows * (v->count / v->dims[0]) : full;
    cJSON *head = cJSON_AddArrayToObject(o, "head");
    for (long long i = 0; i < n && i < v->count; i++)
        cJSON_AddItemToArray(head, elem_json(v, i));
    return o;
}
