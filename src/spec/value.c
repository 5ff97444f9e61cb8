/* value — see value.h. */

#include "spec/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

size_t vtype_size(vtype t)
{
    switch (t) {
    case VT_INT: return sizeof(int);
    case VT_DOUBLE: return sizeof(double);
    case VT_STRING: return sizeof(char *);
    default: return 0;
    }
}

long long value_rows(const value *v)
{
    return v->ndim == 0 ? 1 : v->dims[0];
}

long long value_cols(const value *v)
{
    long long c = 1;
    for (int i = 1; i < v->ndim; i++)
        c *= v->dims[i];
    return c;
}

double value_get(const value *v, long long i)
{
    if (!v->array)
        return v->num;
    if (!v->data || i < 0 || i >= v->count)
        return NAN;
    if (v->type == VT_DOUBLE)
        return ((const double *)v->data)[i];
    if (v->type == VT_INT)
        return ((const int *)v->data)[i];
    return NAN;
}

const char *value_index_text(const value *v, long long i, char *buf, size_t n)
{
    if (!v->array || v->ndim <= 1) {
        if (v->array && v->count > 1)
            snprintf(buf, n, "%s[%lld]", v->name, i);
        else
            snprintf(buf, n, "%s", v->name);
        return buf;
    }
    long long idx[VALUE_MAXDIM];
    long long r = i;
    for (int d = v->ndim - 1; d >= 0; d--) {
        long long dim = v->dims[d] ? v->dims[d] : 1;
        idx[d] = r % dim;
        r /= dim;
    }
    size_t len = (size_t)snprintf(buf, n, "%s[", v->name);
    for (int d = 0; d < v->ndim && len < n; d++)
        len += (size_t)snprintf(buf + len, n - len, "%s%lld", d ? "," : "",
                                idx[d]);
    if (len < n)
        snprintf(buf + len, n - len, "]");
    return buf;
}

const char value_unwritten_text[] = "(never written)";

bool value_unwritten_str(const char *s)
{
    return s == value_unwritten_text;
}

/* A copy of string s: itself when it is the unwritten element. */
static char *str_copy(const char *s)
{
    return value_unwritten_str(s) ? VALUE_UNWRITTEN_STR : xstrdup(s);
}

void value_copy(value *dst, const value *src)
{
    *dst = *src;
    dst->name = xstrdup(src->name);
    dst->data = NULL;
    dst->labels = NULL;
    if (src->array && src->data) {
        size_t sz = vtype_size(src->type) * (size_t)src->count;
        dst->data = xmalloc(sz);
        memcpy(dst->data, src->data, sz);
        if (src->type == VT_STRING) {
            char **s = dst->data;
            for (long long i = 0; i < src->count; i++)
                s[i] = str_copy(s[i]);
        }
    }
    if (src->labels) {
        size_t sz = sizeof(int) * (size_t)value_rows(src);
        dst->labels = xmalloc(sz);
        memcpy(dst->labels, src->labels, sz);
    }
}

void value_clear(value *v)
{
    if (v->type == VT_STRING && v->array && v->data) {
        char **s = v->data;
        for (long long i = 0; i < v->count; i++)
            if (!value_unwritten_str(s[i]))
                free(s[i]);
    }
    free(v->data);
    free(v->labels);
    free(v->name);
    memset(v, 0, sizeof *v);
}
