/* validate_contract — the step that checks the functions' contracts
 * (validate_step.h): which cases they derived and which they had to leave
 * out, and that the statement says nothing about invalid arguments by
 * hand that no requirement declares (docs/spec-format.md, "Contracts"). */
#include "instructor/validate_step.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/contract.h"

/* --- the derived cases ---------------------------------------------------------- */

static void derived_summary(vctx *x)
{
    const challenge *c = x->c;
    int per[CASE_TIMING + 1] = {0}, nreq = 0;
    for (int i = 0; i < c->ncases; i++)
        per[c->cases[i].origin]++;
    for (int i = 0; i < c->nfunctions; i++)
        nreq += c->functions[i].contract.nrequires + c->functions[i].contract.nassumes;
    if (contract_any(c))
        vstep_add(x, V_OK, NULL,
                  "contracts: %d derived case%s from %d requirement%s (%d invalid, %d "
                  "boundary, %d flag)",
                  per[CASE_INVALID] + per[CASE_BOUNDARY] + per[CASE_FLAG],
                  per[CASE_INVALID] + per[CASE_BOUNDARY] + per[CASE_FLAG] == 1 ? "" : "s",
                  nreq, nreq == 1 ? "" : "s", per[CASE_INVALID], per[CASE_BOUNDARY],
                  per[CASE_FLAG]);
    for (int i = 0; i < c->nderive_notes; i++)
        vstep_add(x, V_WARN, NULL, "contract of %s (name another case in \"derive_from\" "
                                   "or change the requirements)", c->derive_notes[i]);
}

/* --- hand-written invalid-argument sentences --------------------------------------- */



/* Whether a sentence speaks of invalid arguments: "invalid", or a
 * rejection's return ("return NULL", "returns -1", "NULL if", "-1 when"). */
static bool about_invalid(const char *s)
{
    static const char *const marks[] = {"invalid", "return null", "returns null",
                                        "return -1", "returns -1", "null if", "null when",
                                        "-1 if", "-1 when", NULL};
    char *low = xstrdup(s);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    bool hit = false;
    for (int i = 0; marks[i] && !hit; i++)
        hit = strstr(low, marks[i]) != NULL;
    free(low);
    return hit;
}

static bool is_param(const challenge *c, const char *name, size_t n)
{
    for (int i = 0; i < c->nfunctions; i++)
        for (int k = 0; k < c->functions[i].nparams; k++) {
            const char *p = c->functions[i].params[k].name;
            if (strlen(p) == n && strncmp(p, name, n) == 0)
                return true;
        }
    return false;
}

/* The violations the contracts declare, as their words: "n < 1", ... */
static void declared_words(const challenge *c, strbuf *sb)
{
    for (int i = 0; i < c->nfunctions; i++) {
        const contract *k = &c->functions[i].contract;
        for (int r = 0; r < k->nrequires; r++) {
            contract_violation_text(&k->requires[r], sb);
            sb_add(sb, "\n");
        }
    }
}

/* A comparison at p, "NAME op OPERAND", written into out ("n < 1");
 * returns its length in the text, or 0 when p starts none. */
static size_t comparison_at(const char *p, char *out, size_t n)
{
    size_t id = 0;
    while (isalnum((unsigned char)p[id]) || p[id] == '_')
        id++;
    const char *q = p + id;
    while (*q == ' ')
        q++;
    size_t op = (q[0] == '<' || q[0] == '>' || q[0] == '!' || q[0] == '=') && q[1] == '='
                    ? 2
                    : q[0] == '<' || q[0] == '>' ? 1 : 0;
    if (id == 0 || op == 0 || isdigit((unsigned char)p[0]))
        return 0;
    const char *r = q + op;
    while (*r == ' ')
        r++;
    size_t v = *r == '-' ? 1 : 0;
    while (isalnum((unsigned char)r[v]) || r[v] == '_' || r[v] == '.')
        v++;
    while (v > 0 && r[v - 1] == '.')
        v--;    /* the sentence's full stop */
    if (v == 0 || (v == 1 && *r == '-'))
        return 0;
    snprintf(out, n, "%.*s %.*s %.*s", (int)id, p, (int)op, q, (int)v, r);
    return (size_t)(r + v - p);
}

/* Each comparison of a parameter in sentence s: undeclared ones into bad,
 * declared ones (said twice) into dup. */
static void scan_sentence(const challenge *c, const char *s, const char *declared,
                          strbuf *bad, strbuf *dup)
{
    for (const char *p = s; *p; p++) {
        if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        char cmp[256];
        size_t len = comparison_at(p, cmp, sizeof cmp);
        if (!len || !is_param(c, p, strcspn(p, " <>=!")))
            continue;
        /* "n < 1" is declared when a requirement's violation says it */
        char *line = xasprintf("%s\n", cmp), *or = xasprintf("%s or ", cmp);
        bool known = strstr(declared, line) || strstr(declared, or);
        char *in = xasprintf(" or %s", cmp);
        known |= strstr(declared, in) != NULL;
        sb_printf(known ? dup : bad, "\"%s\" in: %.160s%s\n", cmp, s, strlen(s) > 160 ? "..." : "");
        free(line);
        free(or);
        free(in);
        p += len - 1;
    }
}

/* The statement's prose (code blocks, indented by four spaces, left out)
 * cut into sentences, each scanned. */
static void scan_statement(const challenge *c, strbuf *bad, strbuf *dup)
{
    strbuf prose = {0}, declared = {0};
    declared_words(c, &declared);
    for (const char *line = c->statement_src; line && *line;) {
        size_t n = strcspn(line, "\n");
        if (n == 0 || strncmp(line, "    ", 4) == 0)
            sb_add(&prose, ". ");    /* a paragraph or a code block ends a sentence */
        else
            sb_printf(&prose, "%s%.*s", prose.len ? " " : "", (int)n, line);
        line += n + (line[n] == '\n');
    }
    char *text = sb_take(&prose);
    for (char *s = text; *s;) {
        char *end = s;
        while (*end && !((*end == '.' || *end == '!' || *end == '?') && end[1] == ' '))
            end++;
        char keep = *end;
        *end = '\0';
        while (*s == ' ')
            s++;
        if (about_invalid(s))
            scan_sentence(c, s, sb_str(&declared), bad, dup);
        *end = keep;
        s = *end ? end + 1 : end;
    }
    free(text);
    sb_free(&declared);
}

vstep_rc vstep_contract(vctx *x)
{
    derived_summary(x);
    strbuf bad = {0}, dup = {0};
    scan_statement(x->c, &bad, &dup);
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad),
                  "the statement names invalid arguments that no requirement declares: "
                  "declare them in the function's \"requires\" and let {{contract}} say them");
    if (dup.len)
        vstep_add(x, V_WARN, sb_take(&dup),
                  "the statement repeats by hand what {{contract}} says about invalid "
                  "arguments: remove the hand-written words");
    sb_free(&bad);
    sb_free(&dup);
    return VSTEP_NEXT;
}
