/* expect — see expect.h. */

#include "instructor/expect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int yesno(const char *v, const char *yes, const char *no)
{
    return strcmp(v, yes) == 0 ? 1 : strcmp(v, no) == 0 ? 0 : -2;
}

int expect_parse_text(const char *text, expectation *e, md_err *err)
{
    memset(e, 0, sizeof *e);
    e->compile_error = e->passed = e->score = -1;
    for (int k = 0; k < CRIT_COUNT; k++)
        e->crit[k] = -1;
    e->text = xstrdup(text);
    char *copy = xstrdup(text), *save = NULL;
    int rc = 0;
    for (char *tok = strtok_r(copy, " \t\r\n", &save); tok && rc == 0;
         tok = strtok_r(NULL, " \t\r\n", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            rc = md_fail(err, "\"%s\" is not key=value", tok);
            break;
        }
        *eq = '\0';
        const char *key = tok, *val = eq + 1;
        int k = criterion_from_name(key), v;
        if (strcmp(key, "status") == 0) {
            v = yesno(val, "compile_error", "graded");
            if (v < -1)
                rc = md_fail(err, "status=%s: expected graded or compile_error", val);
            e->compile_error = v;
        } else if (strcmp(key, "passed") == 0) {
            v = yesno(val, "yes", "no");
            if (v < -1)
                rc = md_fail(err, "passed=%s: expected yes or no", val);
            e->passed = v;
        } else if (strcmp(key, "score") == 0) {
            char *end;
            long n = strtol(val, &end, 10);
            if (*val == '\0' || *end || n < 0 || n > 100)
                rc = md_fail(err, "score=%s: expected a whole number 0..100", val);
            e->score = (int)n;
        } else if (k >= 0) {
            v = yesno(val, "pass", "fail");
            if (v < -1)
                rc = md_fail(err, "%s=%s: expected pass or fail", key, val);
            e->crit[k] = v;
        } else if (strcmp(key, "mistake") == 0 && strcmp(val, "none") == 0) {
            e->no_mistakes = true;
        } else if (strcmp(key, "mistake") == 0) {
            e->mistakes = xrealloc(e->mistakes, sizeof(char *) * (size_t)(e->nmistakes + 1));
            e->mistakes[e->nmistakes++] = xstrdup(val);
        } else if (strcmp(key, "case") == 0) {
            int s;
            for (s = CS_PASS; s <= CS_ERROR; s++)
                if (strcmp(val, cstatus_name((cstatus)s)) == 0)
                    break;
            if (s > CS_ERROR)
                rc = md_fail(err, "case=%s: expected pass, fail, crash, timeout, memory, "
                                  "forbidden or error", val);
            e->cases = xrealloc(e->cases, sizeof(cstatus) * (size_t)(e->ncases + 1));
            e->cases[e->ncases++] = (cstatus)s;
        } else {
            rc = md_fail(err, "unknown key \"%s\" (expected status, passed, score, a "
                              "criterion, mistake or case)", key);
        }
    }
    free(copy);
    if (rc)
        expect_free(e);
    return rc;
}

int expect_parse(const char *path, expectation *e, md_err *err)
{
    md_err e2;
    char *text = file_read(path, NULL, &e2);
    if (!text)
        return md_fail(err, "%s", e2.msg);
    char *nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
    char *start = strstr(text, "expect:");
    char *end = start ? strstr(start, "*/") : NULL;
    int rc;
    if (!start || !end || strncmp(text, "/*", 2) != 0) {
        rc = md_fail(err, "%s:1: the first line must declare the outcome, e.g. "
                          "/* expect: passed=yes correctness=pass */", path);
    } else {
        *end = '\0';
        rc = expect_parse_text(start + 7, e, &e2);
        if (rc)
            md_fail(err, "%s:1: %s", path, e2.msg);
    }
    free(text);
    return rc;
}

/* The mistakes named against those declared: each listed one named, no
 * other named, none named under mistake=none.  Returns the misses. */
static int verify_mistakes(const expectation *e, const report *r, strbuf *why)
{
    int bad = 0;
    for (int i = 0; i < e->nmistakes; i++) {
        bool found = false;
        for (int m = 0; m < r->nmistakes; m++)
            found |= strcmp(r->mistakes[m].id, e->mistakes[i]) == 0;
        if (!found) {
            sb_printf(why, "mistake %s was not named (named:", e->mistakes[i]);
            for (int m = 0; m < r->nmistakes; m++)
                sb_printf(why, " %s", r->mistakes[m].id);
            sb_add(why, r->nmistakes ? ")\n" : " none)\n");
            bad++;
        }
    }
    for (int m = 0; e->nmistakes > 0 && m < r->nmistakes; m++) {
        bool listed = false;
        for (int i = 0; i < e->nmistakes; i++)
            listed |= strcmp(r->mistakes[m].id, e->mistakes[i]) == 0;
        if (!listed) {
            sb_printf(why, "mistake %s was named too (only the listed ones may be)\n",
                      r->mistakes[m].id);
            bad++;
        }
    }
    if (e->no_mistakes && r->nmistakes > 0) {
        sb_add(why, "mistakes were named, declared none:");
        for (int m = 0; m < r->nmistakes; m++)
            sb_printf(why, " %s", r->mistakes[m].id);
        sb_addc(why, '\n');
        bad++;
    }
    return bad;
}

int expect_verify(const expectation *e, const report *r, strbuf *why)
{
    int bad = 0;
    if (e->compile_error >= 0 && e->compile_error != (int)r->compile_error) {
        sb_printf(why, "status is %s, declared %s\n",
                  r->compile_error ? "compile_error" : "graded",
                  e->compile_error ? "compile_error" : "graded");
        bad++;
    }
    if (e->passed >= 0 && e->passed != (int)r->passed) {
        sb_printf(why, "passed is %s (score %.0f), declared %s\n", r->passed ? "yes" : "no",
                  r->score, e->passed ? "yes" : "no");
        bad++;
    }
    if (e->score >= 0 && e->score != (int)round(r->score)) {
        sb_printf(why, "the score is %.0f, declared %d\n", round(r->score), e->score);
        bad++;
    }
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (e->crit[k] < 0)
            continue;
        const rcriterion *c = &r->crit[k];
        if (!c->applies) {
            sb_printf(why, "%s is declared but does not apply to this challenge\n",
                      criterion_name((criterion)k));
            bad++;
        } else if (e->crit[k] != (int)c->passed) {
            sb_printf(why, "%s %s (%.1f/%.1f: %s), declared %s\n", criterion_name((criterion)k),
                      c->passed ? "passes" : "fails", c->score, c->max,
                      c->nfindings ? c->findings[0].message : c->summary ? c->summary : "",
                      e->crit[k] ? "pass" : "fail");
            bad++;
        }
    }
    bad += verify_mistakes(e, r, why);
    for (int i = 0; i < e->ncases; i++) {
        bool found = false;
        for (int c = 0; c < r->ncases; c++)
            found |= r->cases[c].status == e->cases[i];
        if (!found) {
            sb_printf(why, "no case has status %s\n", cstatus_name(e->cases[i]));
            bad++;
        }
    }
    return bad;
}

void expect_free(expectation *e)
{
    for (int i = 0; i < e->nmistakes; i++)
        free(e->mistakes[i]);
    free(e->mistakes);
    free(e->cases);
    free(e->text);
    memset(e, 0, sizeof *e);
}
