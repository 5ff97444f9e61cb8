/* validate_step — see validate_step.h: what the steps share. */
#include "instructor/validate_step.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vstep_add(vctx *x, vverdict k, char *detail, const char *fmt, ...)
{
    validation *v = x->v;
    v->items = xrealloc(v->items, sizeof(vitem) * (size_t)(v->nitems + 1));
    vitem *it = &v->items[v->nitems++];
    strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    it->verdict = k;
    it->what = sb_take(&sb);
    it->detail = detail && *detail ? detail : NULL;
    if (detail && !it->detail)
        free(detail);
    v->failures += k == V_FAIL;
    v->warnings += k == V_WARN;
    if (x->o->item)
        x->o->item(x->o->item_ctx, v, it);
}

bool vstep_cancelled(const vctx *x)
{
    return x->o->cancel && *x->o->cancel;
}

bool vstep_mistake_declared(const challenge *c, const char *id)
{
    for (int m = 0; m < c->nmistakes; m++)
        if (strcmp(c->mistakes[m].id, id) == 0)
            return true;
    return strcmp(id, "mutates_input") == 0;    /* always nameable */
}
