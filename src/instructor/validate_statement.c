/* validate_statement — the step that checks the prototypes a statement
 * spells out by hand (validate_step.h).  The statement's prototype block
 * is generated from "functions" (proto.h): a hand-written declaration
 * that differs from it tells the learner one signature while the
 * compiler checks another, so it fails; one that is identical shows the
 * prototypes twice, so it is a warning (remove it). */
#include "instructor/validate_step.h"

#include <stdlib.h>
#include <string.h>

#include "spec/jsondoc.h"
#include "spec/proto.h"

/* The JSON path of line `line` (from 0) of the statement as written: an
 * element of the "statement" array, or "statement" itself. */
static char *statement_path(const jdoc *d, int line)
{
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(d->root, "statement");
    if (!cJSON_IsArray(st))
        return xstrdup("statement");
    int first = 0, i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, st)
    {
        int lines = 1;
        for (const char *p = cJSON_IsString(it) ? it->valuestring : ""; *p; p++)
            lines += *p == '\n';
        if (line < first + lines)
            return jpath_idx("statement", i);
        first += lines;
        i++;
    }
    return xstrdup("statement");
}

/* "file:line:col: statement[i]: what" for mention m (caller frees). */
static char *located(const jdoc *d, const proto_mention *m, const char *what)
{
    md_err e;
    char *path = statement_path(d, m->line);
    if (d->root)
        jdoc_fail(d, &e, path, "%s", what);
    else
        md_fail(&e, "%s: %s", path, what);
    free(path);
    return xstrdup(e.msg);
}

vstep_rc vstep_statement(vctx *x)
{
    const challenge *c = x->c;
    proto_mention *m;
    int n = proto_mentions(c, c->statement_src, &m);
    jdoc d = {0};
    md_err e;
    if (n > 0 && jdoc_load(&d, c->spec_path, &e) != 0)
        memset(&d, 0, sizeof d);    /* it loaded a moment ago: messages unlocated */
    strbuf bad = {0}, twice = {0};
    for (int i = 0; i < n; i++) {
        char *what;
        if (!m[i].generated)
            what = xasprintf("`%s` declares %s, which \"functions\" does not define",
                             m[i].written, m[i].name);
        else if (!proto_same(m[i].written, m[i].generated))
            what = xasprintf("`%s` differs from the prototype generated from \"functions\": "
                             "`%s`", m[i].written, m[i].generated);
        else
            what = xasprintf("`%s` is the generated prototype written again", m[i].written);
        char *line = located(&d, &m[i], what);
        sb_printf(m[i].generated && proto_same(m[i].written, m[i].generated) ? &twice : &bad,
                  "%s\n", line);
        free(line);
        free(what);
    }
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad),
                  "the statement spells out prototypes that are not the ones a solution is "
                  "compiled against (show prints the generated ones: remove these)");
    if (twice.len)
        vstep_add(x, V_WARN, sb_take(&twice),
                  "the statement spells out prototypes that show already prints from "
                  "\"functions\": remove them");
    if (!n)
        vstep_add(x, V_OK, NULL, "the statement's prototypes are generated from \"functions\"");
    sb_free(&bad);
    sb_free(&twice);
    proto_mentions_free(m, n);
    jdoc_free(&d);
    return VSTEP_NEXT;
}
