/* challenge — see challenge.h. */

#include "spec/challenge.h"

#include "spec/cases.h"
#include "spec/jsondoc.h"

/* Every case, and the timing input at its largest scale, must resolve:
 * bindings, shapes, generator names, the memory limit.  An error is
 * located at the case's JSON path. */
static int resolve_cases(const jdoc *d, const challenge *c, md_err *err)
{
    md_err inner = {{0}};
    for (int i = 0; i < c->ncases; i++)
        if (case_resolve(c, &c->cases[i], NULL, 1, &inner) != 0)
            return jdoc_fail(d, err, c->cases[i].path, "%s", inner.msg);
    if (c->timing.enabled &&
        case_resolve(c, &c->timing.base, c->timing.grow,
                     c->timing.scales[c->timing.nscales - 1], &inner) != 0)
        return jdoc_fail(d, err, "timing", "%s", inner.msg);
    return 0;
}

challenge *challenge_load(const char *path, md_err *err)
{
    jdoc d;
    if (jdoc_load(&d, path, err) != 0) {
        jdoc_free(&d);
        return NULL;
    }
    challenge *c = spec_parse(&d, err);
    if (c && resolve_cases(&d, c, err) != 0) {
        spec_free(c);
        c = NULL;
    }
    jdoc_free(&d);
    return c;
}
