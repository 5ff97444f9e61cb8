/* answer — see answer.h. */

#include "spec/answer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* What a line is, for the stripping. */
typedef enum line_kind {
    L_TEXT,          /* anything else, kept or dropped with its branch */
    L_SITE,          /* #if MISTAKE(id) */
    L_SITE_NOT,      /* #if !MISTAKE(id) */
    L_SITE_BAD,      /* an #if naming MISTAKE in any other way */
    L_IF,            /* an ordinary #if, #ifdef, #ifndef */
    L_ELIF,
    L_ELSE,
    L_ENDIF,
} line_kind;

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* True when [p, end) holds only blanks and at most one comment. */
static bool only_comment(const char *p, const char *end)
{
    p = skip_blanks(p, end);
    if (p == end || (end - p >= 2 && p[0] == '/' && p[1] == '/'))
        return true;
    if (end - p < 4 || p[0] != '/' || p[1] != '*')
        return false;
    const char *close = p + 2;
    while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
        close++;
    return close + 1 < end && skip_blanks(close + 2, end) == end;
}

/* Whether [p, end) starts with word followed by a non-identifier. */
static const char *word(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - p) < n || strncmp(p, w, n) != 0)
        return NULL;
    if (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_'))
        return NULL;
    return p + n;
}

/* The condition of an #if: [!] MISTAKE ( id ) and nothing else; *id and
 * *idlen locate the id. */
static line_kind site_condition(const char *p, const char *end, const char **idp,
                                size_t *idlen)
{
    bool negated = *p == '!';
    if (negated)
        p = skip_blanks(p + 1, end);
    const char *q = word(p, end, "MISTAKE");
    if (!q)
        return L_SITE_BAD;
    q = skip_blanks(q, end);
    if (q == end || *q++ != '(')
        return L_SITE_BAD;
    q = skip_blanks(q, end);
    const char *id = q;
    while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
        q++;
    if (q == id)
        return L_SITE_BAD;
    *idp = id;
    *idlen = (size_t)(q - id);
    q = skip_blanks(q, end);
    if (q == end || *q++ != ')' || !only_comment(q, end))
        return L_SITE_BAD;
    return negated ? L_SITE_NOT : L_SITE;
}

/* What the line [p, end) is; for a site, *id and *idlen locate its id. */
static line_kind classify(const char *p, const char *end, const char **id, size_t *idlen)
{
    p = skip_blanks(p, end);
    if (p == end || *p != '#')
        return L_TEXT;
    p = skip_blanks(p + 1, end);
    const char *q;
    if ((q = word(p, end, "if"))) {
        const char *cond = skip_blanks(q, end);
        /* the name alone decides: an #if that mentions MISTAKE is a site */
        for (const char *m = cond; m < end; m++)
            if ((m == cond || !(isalnum((unsigned char)m[-1]) || m[-1] == '_')) &&
                word(m, end, "MISTAKE"))
                return site_condition(cond, end, id, idlen);
        return L_IF;
    }
    if (word(p, end, "ifdef") || word(p, end, "ifndef"))
        return L_IF;
    if (word(p, end, "elif"))
        return L_ELIF;
    if (word(p, end, "else"))
        return L_ELSE;
    if (word(p, end, "endif"))
        return L_ENDIF;
    return L_TEXT;
}

/* Where the scan is: inside a site or not, which branch is kept. */
typedef struct strip_state {
    int site_line;       /* line of the open site's #if, 0 outside a site */
    bool keep;           /* the current branch of the site is shown */
    bool seen_else;
    int depth;           /* ordinary #if nesting inside the site */
    bool strict;         /* only the documented forms (answer_sites) */
    bool negated;        /* the open site is #if !MISTAKE(id) */
} strip_state;

/* Handles one line inside a site: sets *show, or returns -1 with err. */
static int in_site(strip_state *st, line_kind k, int line, bool *show, md_err *err)
{
    *show = false;
    if (k == L_SITE || k == L_SITE_NOT)
        return md_fail(err, "line %d: a mistake site inside the site of line %d (sites do "
                            "not nest)", line, st->site_line);
    if (st->depth == 0 && k == L_ELIF)
        return md_fail(err, "line %d: #elif in the mistake site of line %d", line,
                       st->site_line);
    if (st->depth == 0 && k == L_ELSE) {
        if (st->seen_else)
            return md_fail(err, "line %d: a second #else in the mistake site of line %d",
                           line, st->site_line);
        if (st->strict && st->negated)
            return md_fail(err, "line %d: #else in the negated mistake site of line %d (write "
                                "`#if MISTAKE(id)` A `#else` B `#endif` instead)",
                           line, st->site_line);
        st->seen_else = true;
        st->keep = !st->keep;
        return 0;
    }
    if (st->depth == 0 && k == L_ENDIF) {
        st->site_line = 0;
        return 0;
    }
    if (k == L_IF)
        st->depth++;
    else if (k == L_ENDIF)
        st->depth--;
    *show = st->keep;
    return 0;
}

/* A site found by the scan, added to the list. */
static void add_site(answer_site **sites, int *n, const char *id, size_t idlen, int line,
                     bool negated)
{
    *sites = xrealloc(*sites, sizeof(answer_site) * (size_t)(*n + 1));
    (*sites)[(*n)++] = (answer_site){xstrndup(id, idlen), line, negated, false};
}

/* Reads text line by line: the lines a learner sees go to out (when not
 * NULL), every site to *sites (when not NULL).  0, or -1 with err at the
 * first malformed site. */
static int scan(const char *text, bool strict, strbuf *out, answer_site **sites, int *nsites,
                md_err *err)
{
    strip_state st = {0};
    int line = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        const char *next = nl ? nl + 1 : end;
        const char *id = NULL;
        size_t idlen = 0;
        line++;
        line_kind k = classify(p, end, &id, &idlen);
        bool show = true;
        if (k == L_SITE_BAD)
            return md_fail(err, "line %d: a mistake site is `#if MISTAKE(id)` or "
                                "`#if !MISTAKE(id)` alone on its line", line);
        if (st.site_line) {
            bool was_else = st.seen_else;
            if (in_site(&st, k, line, &show, err) != 0)
                return -1;
            if (sites && st.seen_else && !was_else)
                (*sites)[*nsites - 1].has_else = true;
        } else if (k == L_SITE || k == L_SITE_NOT) {
            st = (strip_state){line, k == L_SITE_NOT, false, 0, strict, k == L_SITE_NOT};
            show = false;
            if (sites)
                add_site(sites, nsites, id, idlen, line, k == L_SITE_NOT);
        }
        if (show && out)
            sb_addn(out, p, (size_t)(next - p));
        p = next;
    }
    if (st.site_line)
        return md_fail(err, "line %d: the mistake site is not closed with #endif",
                       st.site_line);
    return 0;
}

char *answer_strip(const char *text, md_err *err)
{
    strbuf out = {0};
    if (scan(text, false, &out, NULL, NULL, err) != 0) {
        sb_free(&out);
        return NULL;
    }
    return sb_take(&out);
}

int answer_sites(const char *text, bool strict, answer_site **sites, int *n, md_err *err)
{
    *sites = NULL;
    *n = 0;
    return scan(text, strict, NULL, sites, n, err);
}

void answer_sites_free(answer_site *sites, int n)
{
    for (int i = 0; i < n; i++)
        free(sites[i].id);
    free(sites);
}

char *answer_shown(const char *path, md_err *err)
{
    char *text = file_read(path, NULL, err);
    if (!text)
        return NULL;
    char *shown = answer_strip(text, err);
    if (!shown && err) {
        /* name the file: the learner may open it */
        md_err inner = *err;
        md_fail(err, "%s: %s", path, inner.msg);
    }
    free(text);
    return shown;
}
