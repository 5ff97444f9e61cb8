/* help — see help.h. */

#include "grade/help.h"

#include <math.h>
#include <string.h>

#include "util/util.h"

bool help_unaided(const help_used *h)
{
    return !h->peeked && h->hints <= HELP_FREE_HINTS && !(h->overtime_s > 0);
}

const char *help_verdict(const char *verdict, const help_used *h)
{
    if (verdict && strcmp(verdict, "strong") == 0 && !help_unaided(h))
        return "pass";
    return verdict;
}

void help_apply(report *r, const help_used *h)
{
    r->hints_used = h->hints;
    r->overtime_s = h->overtime_s > 0 ? h->overtime_s : 0;
    r->peeked = h->peeked;
    const char *v = help_verdict(r->verdict, h);
    if (v != r->verdict) {
        r->verdict_unaided = r->verdict;
        r->verdict = v;
    }
}

help_used help_of(const report *r)
{
    return (help_used){r->hints_used, r->peeked, r->overtime_s};
}

char *help_describe(const help_used *h)
{
    strbuf sb = {0};
    if (h->hints > 0)
        sb_printf(&sb, "%d hint%s", h->hints, h->hints == 1 ? "" : "s");
    if (h->peeked)
        sb_printf(&sb, "%sa peek at the answer", sb.len ? ", " : "");
    if (h->overtime_s > 0) {
        long s = (long)floor(h->overtime_s);
        sb_printf(&sb, "%sovertime +", sb.len ? ", " : "");
        if (s >= 3600)
            sb_printf(&sb, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
        else
            sb_printf(&sb, "%ld:%02ld", s / 60, s % 60);
    }
    return sb.len ? sb_take(&sb) : xstrdup("");
}
