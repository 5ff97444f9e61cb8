/* contract — see contract.h. */

#include "spec/contract.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the grammar ----------------------------------------------------------- */

typedef enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ } cop;

/* The operators, longest first so that "<=" is not read as "<". */
static const struct {
    const char *text;
    cop op;
} ops[] = {{"<=", OP_LE}, {">=", OP_GE}, {"==", OP_EQ}, {"<", OP_LT}, {">", OP_GT}};

/* A requirement split at its operators: up to three sides. */
typedef struct split {
    char *side[3];
    cop op[2];
    int nsides;
} split;

static void split_free(split *s)
{
    for (int i = 0; i < s->nsides; i++)
        free(s->side[i]);
}

static char *trimmed(const char *a, const char *b)
{
    while (a < b && isspace((unsigned char)*a))
        a++;
    while (b > a && isspace((unsigned char)b[-1]))
        b--;
    return xstrndup(a, (size_t)(b - a));
}

/* Cuts text at its comparison operators. */
static int split_text(const char *text, split *s, md_err *err)
{
    const char *start = text;
    for (const char *p = text; *p; p++) {
        if (*p == '!' || (*p == '=' && p[1] != '='))
            return md_fail(err, "\"%s\": the operators are <, <=, >, >= and ==", text);
        size_t k = 0;
        while (k < sizeof ops / sizeof ops[0] && strncmp(p, ops[k].text, strlen(ops[k].text)))
            k++;
        if (k == sizeof ops / sizeof ops[0])
            continue;
        if (s->nsides == 2)
            return md_fail(err, "\"%s\": at most two comparisons (\"0 <= y < k\")", text);
        s->side[s->nsides] = trimmed(start, p);
        s->op[s->nsides++] = ops[k].op;
        p += strlen(ops[k].text) - 1;
        start = p + 1;
    }
    s->side[s->nsides++] = trimmed(start, start + strlen(start));
    if (s->nsides < 2)
        return md_fail(err, "\"%s\": expected a comparison such as \"n >= 1\" or "
                            "\"0 <= y < k\"", text);
    for (int i = 0; i < s->nsides; i++)
        if (!*s->side[i])
            return md_fail(err, "\"%s\": a side of a comparison is empty", text);
    return 0;
}

/* The parameter of f a side names, when it is a bare name of one. */
static const param *side_param(const function *f, const char *side)
{
    for (int k = 0; k < f->nparams; k++)
        if (strcmp(f->params[k].name, side) == 0)
            return &f->params[k];
    return NULL;
}

static cop flipped(cop o)
{
    static const cop flip[] = {[OP_LT] = OP_GT, [OP_LE] = OP_GE, [OP_GT] = OP_LT,
                               [OP_GE] = OP_LE, [OP_EQ] = OP_EQ};
    return flip[o];
}

/* Sets one bound of r from "subject op bound". */
static int set_bound(requirement *r, cop o, const char *text, md_err *err)
{
    md_err e;
    expr *b = expr_parse(text, &e);
    if (!b)
        return md_fail(err, "%s", e.msg);
    bool lower = o == OP_GT || o == OP_GE || o == OP_EQ;
    expr **slot = lower ? &r->lo : &r->hi;
    if (*slot) {
        expr_free(b);
        return md_fail(err, "\"%s\" bounds %s twice from the %s", r->text ? r->text : text,
                       r->subject, lower ? "below" : "above");
    }
    *slot = b;
    if (lower)
        r->lo_strict = o == OP_GT;
    else
        r->hi_strict = o == OP_LT;
    r->eq = o == OP_EQ;
    return 0;
}

static void name_is_subject(void *ctx, const char *name)
{
    void **c = ctx;
    if (strcmp(name, (const char *)c[0]) == 0)
        c[1] = (void *)1;
}

/* The subject is a number or an int/double array, and no bound names it. */
static int check_subject(const requirement *r, const param *p, const char *text, md_err *err)
{
    if (p->type != VT_INT && p->type != VT_DOUBLE)
        return md_fail(err, "\"%s\": %s is a %s%s; a requirement constrains an int or a "
                            "double, or the elements of an int[] or double[]",
                       text, p->name, vtype_name(p->type), p->array ? "[]" : "");
    if (r->eq && (p->array || p->type != VT_INT))
        return md_fail(err, "\"%s\": == compares whole numbers (sizes), not %s", text,
                       p->array ? "the elements of an array" : "doubles");
    const expr *b[] = {r->lo, r->hi};
    for (int i = 0; i < 2; i++) {
        void *ctx[2] = {r->subject, NULL};
        if (b[i])
            expr_names(b[i], name_is_subject, ctx);
        if (ctx[1])
            return md_fail(err, "\"%s\": a bound of %s refers to %s itself", text,
                           r->subject, r->subject);
    }
    return 0;
}

/* Two sides: "param op bound" or "bound op param". */
static int parse_pair(const char *text, const split *s, const function *f, requirement *r,
                      const param **p, md_err *err)
{
    int at = side_param(f, s->side[0]) ? 0 : side_param(f, s->side[1]) ? 1 : -1;
    if (at < 0)
        return md_fail(err, "one side of \"%s\" must be a parameter of %s", text, f->name);
    *p = side_param(f, s->side[at]);
    r->subject = xstrdup(s->side[at]);
    return set_bound(r, at == 0 ? s->op[0] : flipped(s->op[0]), s->side[1 - at], err);
}

/* Three sides: "lo < param < hi" (or with > both ways). */
static int parse_chain(const split *s, const function *f, requirement *r, const param **p,
                       md_err *err)
{
    bool up = (s->op[0] == OP_LT || s->op[0] == OP_LE) &&
              (s->op[1] == OP_LT || s->op[1] == OP_LE);
    bool down = (s->op[0] == OP_GT || s->op[0] == OP_GE) &&
                (s->op[1] == OP_GT || s->op[1] == OP_GE);
    if (!up && !down)
        return md_fail(err, "in a chain both comparisons point the same way "
                            "(\"0 <= y < k\")");
    *p = side_param(f, s->side[1]);
    if (!*p)
        return md_fail(err, "the middle of a chain (\"%s\") must be a parameter of %s",
                       s->side[1], f->name);
    r->subject = xstrdup(s->side[1]);
    /* "a < x" bounds x from below: as "x > a" */
    if (set_bound(r, flipped(s->op[0]), s->side[0], err) != 0)
        return -1;
    return set_bound(r, s->op[1], s->side[2], err);
}

int contract_parse(const char *text, const function *f, requirement *r, md_err *err)
{
    split s;
    memset(&s, 0, sizeof s);
    const param *p = NULL;
    int rc = split_text(text, &s, err);
    if (rc == 0)
        rc = s.nsides == 2 ? parse_pair(text, &s, f, r, &p, err) : parse_chain(&s, f, r, &p, err);
    split_free(&s);
    if (rc != 0)
        return -1;
    r->elementwise = p->array;
    r->integer = p->type == VT_INT;
    return check_subject(r, p, text, err);
}

/* --- values ------------------------------------------------------------------ */

bool contract_holds(const requirement *r, double x, double lo, double hi)
{
    if (r->eq)
        return x == lo;
    if (r->lo && !(r->lo_strict ? x > lo : x >= lo))
        return false;
    if (r->hi && !(r->hi_strict ? x < hi : x <= hi))
        return false;
    return true;
}

/* The smallest step a double violation takes past its bound. */
static double nudge(double bound)
{
    return 1e-12 * fmax(1.0, fabs(bound));
}

int contract_violations(const requirement *r, double lo, double hi, double out[2])
{
    int n = 0;
    if (r->eq) {
        out[n++] = lo + 1;
        out[n++] = lo - 1;
        return n;
    }
    if (r->lo)
        out[n++] = r->lo_strict ? lo : r->integer ? lo - 1 : lo - nudge(lo);
    if (r->hi)
        out[n++] = r->hi_strict ? hi : r->integer ? hi + 1 : hi + nudge(hi);
    return n;
}

int contract_boundaries(const requirement *r, double lo, double hi, double out[2])
{
    int n = 0;
    if (r->eq)
        return 0;
    if (r->lo && (r->integer || !r->lo_strict))
        out[n++] = r->lo_strict ? lo + 1 : lo;
    if (r->hi && (r->integer || !r->hi_strict) && !(n && (r->hi_strict ? hi - 1 : hi) == out[0]))
        out[n++] = r->hi_strict ? hi - 1 : hi;
    return n;
}

double contract_nearest(const requirement *r, double x, double lo, double hi)
{
    if (r->eq)
        return lo;
    if (r->lo && !(r->lo_strict ? x > lo : x >= lo))
        return !r->lo_strict ? lo : r->integer ? lo + 1 : lo + nudge(lo);
    if (r->hi && !(r->hi_strict ? x < hi : x <= hi))
        return !r->hi_strict ? hi : r->integer ? hi - 1 : hi - nudge(hi);
    return x;
}

const char *contract_num(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.15g", v);
    return buf;
}

/* --- words ------------------------------------------------------------------- */

/* A bound's text moved by one whole number: "k" -> "k-1", "2" -> "1". */
static void shifted(const expr *b, int by, strbuf *sb)
{
    const char *t = expr_text(b);
    char *end;
    double v = strtod(t, &end);
    char num[64];
    if (end != t && *end == '\0') {
        sb_add(sb, contract_num(v + by, num, sizeof num));
        return;
    }
    bool plain = true;
    for (const char *p = t; *p; p++)
        plain &= isalnum((unsigned char)*p) || *p == '_';
    sb_printf(sb, plain ? "%s%+d" : "(%s)%+d", t, by);
}

/* An element-wise requirement violated: "an element of y outside 0..k-1". */
static void elementwise_text(const requirement *r, strbuf *sb)
{
    sb_printf(sb, "an element of %s ", r->subject);
    if (r->lo && r->hi && r->integer) {
        sb_add(sb, "outside ");
        if (r->lo_strict)
            shifted(r->lo, 1, sb);
        else
            sb_add(sb, expr_text(r->lo));
        sb_add(sb, "..");
        if (r->hi_strict)
            shifted(r->hi, -1, sb);
        else
            sb_add(sb, expr_text(r->hi));
    } else if (r->lo && r->hi) {
        sb_printf(sb, "outside %c%s, %s%c", r->lo_strict ? '(' : '[', expr_text(r->lo),
                  expr_text(r->hi), r->hi_strict ? ')' : ']');
    } else if (r->lo) {
        sb_printf(sb, "%s %s", r->lo_strict ? "<=" : "<", expr_text(r->lo));
    } else {
        sb_printf(sb, "%s %s", r->hi_strict ? ">=" : ">", expr_text(r->hi));
    }
}

void contract_violation_text(const requirement *r, strbuf *sb)
{
    if (r->elementwise) {
        elementwise_text(r, sb);
        return;
    }
    if (r->eq) {
        sb_printf(sb, "%s != %s", r->subject, expr_text(r->lo));
        return;
    }
    if (r->lo)
        sb_printf(sb, "%s %s %s", r->subject, r->lo_strict ? "<=" : "<", expr_text(r->lo));
    if (r->lo && r->hi)
        sb_add(sb, " or ");
    if (r->hi)
        sb_printf(sb, "%s %s %s", r->subject, r->hi_strict ? ">=" : ">", expr_text(r->hi));
}

/* Appends a clause with its spaces unbreakable (CONTRACT_NBSP), except
 * around " or ", where a line may break. */
static void add_clause(strbuf *sb, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (strncmp(p, " or ", 4) == 0) {
            sb_add(sb, " or ");
            p += 3;
        } else {
            sb_addc(sb, *p == ' ' ? CONTRACT_NBSP : *p);
        }
    }
}

/* Appends the separator before item i of n in a list: "a or b", "a, b,
 * or c" (the comma keeps "n_test < 0 or n_test > n" one item), "a, b and
 * c". */
static void list_sep(strbuf *sb, int i, int n, const char *last)
{
    if (i == 0)
        return;
    if (i < n - 1)
        sb_add(sb, ", ");
    else if (strcmp(last, "or,") == 0)
        sb_add(sb, ", or ");
    else
        sb_printf(sb, "%s %s ", n > 2 && strcmp(last, "or") == 0 ? "," : "", last);
}

void contract_outputs_text(const function *f, const char *conj, strbuf *sb)
{
    int n = 0, i = 0;
    for (int k = 0; k < f->nparams; k++)
        n += f->params[k].array && f->params[k].dir != DIR_IN;
    for (int k = 0; k < f->nparams; k++)
        if (f->params[k].array && f->params[k].dir != DIR_IN) {
            list_sep(sb, i++, n, conj);
            sb_add(sb, f->params[k].name);
        }
}

static bool has_outputs(const function *f)
{
    for (int k = 0; k < f->nparams; k++)
        if (f->params[k].array && f->params[k].dir != DIR_IN)
            return true;
    return false;
}

/* "logreg_fit returns NULL, without writing to loss or n_iter, for invalid
 * arguments: n < 1, ..., or an element of y outside 0..1." */
static void rejection_sentence(const function *f, strbuf *sb)
{
    const contract *k = &f->contract;
    char num[64];
    bool untouched = k->untouched && has_outputs(f);
    if (k->reject_null || k->reject_value_set) {
        sb_printf(sb, "%s returns %s", f->name,
                  k->reject_null ? "NULL" : contract_num(k->reject_value, num, sizeof num));
        if (untouched)
            sb_add(sb, ", without writing to ");
    } else {
        sb_printf(sb, "%s writes nothing to ", f->name);
    }
    if (untouched)
        contract_outputs_text(f, "or", sb);
    sb_printf(sb, "%s for invalid arguments: ",
              untouched && (k->reject_null || k->reject_value_set) ? "," : "");
    /* an item that holds "or" itself gets its comma: "n < 2, or k < 1 or k > d" */
    bool comma = false;
    for (int i = 0; i < k->nrequires; i++)
        comma |= !k->requires[i].elementwise && k->requires[i].lo && k->requires[i].hi;
    for (int i = 0; i < k->nrequires; i++) {
        list_sep(sb, i, k->nrequires, comma ? "or," : "or");
        strbuf item = {0};
        contract_violation_text(&k->requires[i], &item);
        add_clause(sb, sb_str(&item));
        sb_free(&item);
    }
    sb_add(sb, ".");
    for (int i = 0; i < k->nfast; i++) {
        sb_add(sb, i ? " or " : " Check them first, even when ");
        add_clause(sb, k->fast[i].name);
    }
    if (k->nfast)
        sb_add(sb, ".");
}

/* "batchnorm_forward may assume n >= 1, d >= 1 and eps > 0." */
static void assumption_sentence(const function *f, strbuf *sb)
{
    const contract *k = &f->contract;
    sb_printf(sb, "%s may assume ", f->name);
    for (int i = 0; i < k->nassumes; i++) {
        list_sep(sb, i, k->nassumes, "and");
        add_clause(sb, k->assumes[i].text);
        if (k->assumes[i].elementwise)
            sb_printf(sb, " for every element of %s", k->assumes[i].subject);
    }
    sb_add(sb, ".");
}

/* "In batchnorm_forward, training is true for any non-zero value, not only 1." */
static void flag_sentence(const function *f, strbuf *sb)
{
    const contract *k = &f->contract;
    sb_printf(sb, "In %s, ", f->name);
    for (int i = 0; i < k->nflags; i++) {
        list_sep(sb, i, k->nflags, "and");
        sb_add(sb, k->flags[i]);
    }
    sb_printf(sb, " %s true for any non-zero value, not only 1.", k->nflags > 1 ? "are" : "is");
}

void contract_sentences(const challenge *c, strbuf *sb)
{
    bool first = true;
    for (int i = 0; i < c->nfunctions; i++) {
        const function *f = &c->functions[i];
        const contract *k = &f->contract;
        void (*const parts[])(const function *, strbuf *) = {
            k->nrequires ? rejection_sentence : NULL,
            k->nassumes ? assumption_sentence : NULL,
            k->nflags ? flag_sentence : NULL,
        };
        for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
            if (parts[p]) {
                if (!first)
                    sb_add(sb, " ");
                first = false;
                parts[p](f, sb);
            }
    }
}

bool contract_declared(const function *f)
{
    const contract *k = &f->contract;
    return k->nrequires || k->nassumes || k->nflags;
}

bool contract_any(const challenge *c)
{
    for (int i = 0; i < c->nfunctions; i++)
        if (contract_declared(&c->functions[i]))
            return true;
    return false;
}
