/* Unit tests: mutate (the tokenizer and the mutation operators), as data.
 *
 * tests/unit/mutate.txt holds sections:
 *
 *   %% OPERATOR: what the section shows
 *   C source
 *   %% expect
 *   line:col: change          (one line per mutant of that operator)
 *
 * OPERATOR is a mutation operator's name (only its mutants are listed),
 * "all" (every mutant, as "line:col: operator: change") or "tokens" (the
 * tokens, as "line:col kind text", "(not compiled)" after those in the
 * MISTAKE branch of a conditional).  Each section is one test case, named
 * by its description. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "instructor/ctok.h"
#include "instructor/mutate.h"
#include "util/util.h"

typedef struct section {
    char *op;          /* "tokens", "all" or an operator's name */
    char *name;        /* the description */
    strbuf source;
    strbuf expect;     /* without trailing blank lines */
} section;

/* What the section's source gives, in the section's format. */
static char *actual(const section *s)
{
    static const char *const kinds[] = {"ident", "number", "string", "char", "punct"};
    strbuf out = {0};
    if (strcmp(s->op, "tokens") == 0) {
        ctok *t;
        int n = ctok_scan(sb_str(&s->source), &t);
        for (int i = 0; i < n; i++)
            sb_printf(&out, "%d:%d %s %.*s%s\n", t[i].line, t[i].col, kinds[t[i].kind], t[i].len,
                      sb_str(&s->source) + t[i].off, t[i].active ? "" : " (not compiled)");
        free(t);
        return sb_take(&out);
    }
    static const char *const types[] = {"logreg"};
    mutate_opts o = {types, 1};
    mutant *m;
    int n = mutate_source(sb_str(&s->source), &o, &m);
    bool all = strcmp(s->op, "all") == 0;
    for (int i = 0; i < n; i++) {
        if (all)
            sb_printf(&out, "%d:%d: %s: %s\n", m[i].line, m[i].col, mut_op_name(m[i].op),
                      m[i].change);
        else if (strcmp(mut_op_name(m[i].op), s->op) == 0)
            sb_printf(&out, "%d:%d: %s\n", m[i].line, m[i].col, m[i].change);
        /* every mutant applies to exactly its bytes */
        char *applied = mutate_apply(sb_str(&s->source), &m[i]);
        assert_int_equal((int)strlen(applied),
                         (int)s->source.len - m[i].len + (int)strlen(m[i].repl));
        assert_memory_equal(applied, sb_str(&s->source), (size_t)m[i].off);
        free(applied);
    }
    mutate_free(m, n);
    return out.buf ? sb_take(&out) : xstrdup("");
}

static void section_should_give_what_it_expects(void **state)
{
    const section *s = *state;
    char *got = actual(s);
    if (strcmp(got, sb_str(&s->expect)) != 0)
        fail_msg("%s: %s\n--- source\n%s--- expected\n%s--- got\n%s", s->op, s->name,
                 sb_str(&s->source), sb_str(&s->expect), got);
    free(got);
}

/* Splits the file into sections; returns how many. */
static int parse(const char *text, section **out)
{
    section *secs = NULL;
    int n = 0;
    strbuf *cur = NULL;
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        if (strncmp(line, "%% expect", 9) == 0 && n > 0) {
            cur = &secs[n - 1].expect;
        } else if (strncmp(line, "%% ", 3) == 0) {
            secs = xrealloc(secs, sizeof(section) * (size_t)(n + 1));
            const char *colon = memchr(line, ':', len);
            assert_non_null(colon);
            secs[n] = (section){xstrndup(line + 3, (size_t)(colon - line - 3)),
                                xstrndup(colon + 2, len - (size_t)(colon + 2 - line)), {0}, {0}};
            cur = &secs[n++].source;
        } else if (cur) {
            sb_addn(cur, line, len);
            sb_addc(cur, '\n');
        }
        line += len + (line[len] == '\n');
    }
    for (int i = 0; i < n; i++)
        while (secs[i].expect.len && secs[i].expect.buf[secs[i].expect.len - 1] == '\n' &&
               (secs[i].expect.len == 1 || secs[i].expect.buf[secs[i].expect.len - 2] == '\n'))
            secs[i].expect.buf[--secs[i].expect.len] = '\0';
    *out = secs;
    return n;
}

int main(void)
{
    const char *src = getenv("MLDRILL_SRC");
    if (!src) {
        fprintf(stderr, "MLDRILL_SRC is not set\n");
        return 1;
    }
    char *path = path_join(src, "tests/unit/mutate.txt");
    md_err err;
    char *text = file_read(path, NULL, &err);
    if (!text) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    section *secs;
    int n = parse(text, &secs);
    struct CMUnitTest *tests = xcalloc((size_t)n, sizeof *tests);
    for (int i = 0; i < n; i++) {
        tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
            section_should_give_what_it_expects, &secs[i]);
        tests[i].name = secs[i].name;
    }
    int rc = _cmocka_run_group_tests("mutate", tests, (size_t)n, NULL, NULL);
    for (int i = 0; i < n; i++) {
        free(secs[i].op);
        free(secs[i].name);
        sb_free(&secs[i].source);
        sb_free(&secs[i].expect);
    }
    free(secs);
    free(tests);
    free(text);
    free(path);
    return rc;
}
