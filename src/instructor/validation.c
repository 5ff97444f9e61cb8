/* validation — see validation.h. */
#include "instructor/validation.h"

#include <stdlib.h>
#include <string.h>

const char *vverdict_name(vverdict k)
{
    return k == V_OK ? "ok" : k == V_WARN ? "warn" : "FAIL";
}

void validation_clear(validation *v)
{
    if (!v)
        return;
    for (int i = 0; i < v->nitems; i++) {
        free(v->items[i].what);
        free(v->items[i].detail);
    }
    free(v->items);
    free(v->target);
    free(v->id);
    memset(v, 0, sizeof *v);
}

char *vitem_text(const vitem *it, bool colour)
{
    static const char *const col[] = {"\033[32m", "\033[33m", "\033[1;31m"};
    strbuf sb = {0};
    sb_printf(&sb, "  %s%-4s%s  %s\n", colour ? col[it->verdict] : "",
              vverdict_name(it->verdict), colour ? "\033[0m" : "", it->what);
    if (it->detail) {
        /* indented under the line, one output line per detail line */
        const char *s = it->detail;
        while (*s) {
            size_t l = strcspn(s, "\n");
            sb_add(&sb, "        ");
            sb_addn(&sb, s, l);
            sb_addc(&sb, '\n');
            s += l + (s[l] == '\n');
        }
    }
    return sb_take(&sb);
}

char *validation_summary(const validation *v, bool colour)
{
    const char *name = v->id ? v->id : v->target;
    if (v->failures)
        return xasprintf("%s: %sFAILED%s (%d failure%s, %d warning%s) in %.1f s\n", name,
                         colour ? "\033[1;31m" : "", colour ? "\033[0m" : "", v->failures,
                         v->failures == 1 ? "" : "s", v->warnings,
                         v->warnings == 1 ? "" : "s", v->seconds);
    return xasprintf("%s: %sok%s (%d check%s, %d warning%s) in %.1f s\n", name,
                     colour ? "\033[32m" : "", colour ? "\033[0m" : "", v->nitems,
                     v->nitems == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s",
                     v->seconds);
}
