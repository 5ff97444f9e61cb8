/* challenge — see challenge.h. */

#include "spec/challenge.h"

#include <stdlib.h>
#include <string.h>

#include "spec/cases.h"
#include "spec/contract.h"
#include "spec/derive.h"
#include "spec/jsondoc.h"
#include "spec/names.h"
#include "spec/proto.h"

/* The placeholders a statement may hold, "{{name}}", and what fills them. */
static const struct {
    const char *name;
    void (*fill)(const challenge *c, strbuf *sb);
} placeholders[] = {
    {"{{contract}}", contract_sentences},
};

/* Statements are written for an 80-column terminal. */
#define STATEMENT_WIDTH 78

/* Generated text joins the words of one clause ("n_test < 0") with this
 * instead of a space, so that no line breaks inside it (contract.h). */
#define NBSP CONTRACT_NBSP

/* Appends text to sb word by word, breaking lines before STATEMENT_WIDTH
 * counted from the start of sb's last line. */
static void add_wrapped(strbuf *sb, const char *text)
{
    const char *nl = strrchr(sb_str(sb), '\n');
    size_t col = nl ? strlen(nl + 1) : sb->len;
    bool first = true;
    for (const char *w = text + strspn(text, " \n"); *w; first = false) {
        size_t n = strcspn(w, " \n");
        if (col > 0 && col + 1 + n > STATEMENT_WIDTH) {
            sb_addc(sb, '\n');
            col = 0;
        } else if (!first || (col > 0 && sb->buf[sb->len - 1] != ' ')) {
            sb_addc(sb, ' ');
            col++;
        }
        sb_addn(sb, w, n);
        col += n;
        w += n;
        w += strspn(w, " \n");
    }
}

/* Appends paragraph para with every placeholder filled; true when it held
 * one.  *contract_placed says whether {{contract}} was among them. */
static bool fill_paragraph(const challenge *c, const char *para, strbuf *sb,
                           bool *contract_placed)
{
    bool filled = false;
    for (const char *p = para; *p;) {
        size_t k = 0;
        while (k < sizeof placeholders / sizeof placeholders[0] &&
               strncmp(p, placeholders[k].name, strlen(placeholders[k].name)) != 0)
            k++;
        if (k == sizeof placeholders / sizeof placeholders[0]) {
            sb_addc(sb, *p++);
            continue;
        }
        placeholders[k].fill(c, sb);
        *contract_placed |= placeholders[k].fill == contract_sentences;
        filled = true;
        p += strlen(placeholders[k].name);
    }
    return filled;
}

/* The paragraph that places the prototype block (proto.h); without it the
 * block follows the statement's first paragraph. */
#define PROTOTYPES "{{prototypes}}"

/* Appends a paragraph: as written, or, when a placeholder was filled in
 * it, its words wrapped again (a paragraph with code lines, indented,
 * keeps its lines); {{prototypes}} alone, the generated block. */
static void add_paragraph(const challenge *c, const char *para, strbuf *out, bool *placed)
{
    if (strcmp(para + strspn(para, " \n"), PROTOTYPES) == 0) {
        proto_block(c, out, STATEMENT_WIDTH);
        return;
    }
    strbuf filled = {0};
    bool any = fill_paragraph(c, para, &filled, placed);
    bool code = strncmp(para, "  ", 2) == 0 || strstr(para, "\n  ");
    if (any && !code)
        add_wrapped(out, sb_str(&filled));
    else
        sb_add(out, sb_str(&filled));
    sb_free(&filled);
}

/* The statement as shown: the prototype block generated from
 * "functions" where {{prototypes}} stands, else after the first
 * paragraph; each other placeholder replaced by its text, the paragraph
 * around it wrapped again; the contract's sentences appended as a last
 * paragraph when the statement has no {{contract}} of its own. */
static char *expand_statement(const challenge *c)
{
    strbuf out = {0};
    bool placed = false, protos = strstr(c->statement_src, PROTOTYPES) != NULL;
    for (const char *p = c->statement_src; *p;) {
        const char *end = strstr(p, "\n\n");
        end = end ? end : p + strlen(p);
        char *para = xstrndup(p, (size_t)(end - p));
        add_paragraph(c, para, &out, &placed);
        free(para);
        size_t gap = strspn(end, "\n");
        if (!protos) {    /* after the first paragraph */
            if (out.len)
                sb_add(&out, "\n\n");
            proto_block(c, &out, STATEMENT_WIDTH);
            protos = true;
            if (!gap)
                break;
        }
        sb_addn(&out, end, gap);
        p = end + gap;
    }
    if (!placed && contract_any(c)) {
        strbuf text = {0};
        contract_sentences(c, &text);
        sb_add(&out, "\n\n");
        add_wrapped(&out, sb_str(&text));
        sb_free(&text);
    }
    for (char *q = out.buf; q && *q; q++)
        if (*q == NBSP)
            *q = ' ';
    return sb_take(&out);
}

/* Resolves one case (grow scaled by scale), then checks the names of the
 * expressions it evaluates when it runs (names.h).  An error is located
 * at the expression when names says where, else at fallback (the case's
 * JSON path). */
static int resolve_one(const jdoc *d, const challenge *c, const case_spec *cs, const char *grow,
                       double scale, const char *fallback, md_err *err)
{
    md_err inner = {{0}};
    char *where = NULL;
    case_inst ci;
    int rc = case_resolve(c, cs, grow, scale, &inner);
    if (rc == 0 && case_resolve_values(c, cs, grow, scale, &ci, &inner) == 0) {
        rc = names_check_case(c, cs, &ci, &where, &inner);
        case_inst_free(&ci);
    }
    if (rc != 0)
        jdoc_fail(d, err, where ? where : fallback, "%s", inner.msg);
    free(where);
    return rc;
}

/* Every case, and the timing input at each of its scales, must resolve:
 * bindings, shapes, the names of every expression, generator names, the
 * memory limit. */
static int resolve_cases(const jdoc *d, const challenge *c, md_err *err)
{
    for (int i = 0; i < c->ncases; i++)
        if (resolve_one(d, c, &c->cases[i], NULL, 1, c->cases[i].path, err) != 0)
            return -1;
    /* the largest scale first: its errors (the memory limit) are the likeliest */
    for (int s = c->timing.enabled ? c->timing.nscales - 1 : -1; s >= 0; s--)
        if (resolve_one(d, c, &c->timing.base, c->timing.grow, c->timing.scales[s], "timing",
                        err) != 0)
            return -1;
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
    if (c) {
        c->statement_src = c->statement;
        c->statement = expand_statement(c);
    }
    if (c && (derive_cases(&d, c, err) != 0 || resolve_cases(&d, c, err) != 0)) {
        spec_free(c);
        c = NULL;
    }
    jdoc_free(&d);
    return c;
}
