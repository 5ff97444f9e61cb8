/* mutate — see mutate.h.  The tokens (ctok.h), then the mutation
 * operators, one function each over the tokens, registered in ops[]. */
#include "instructor/mutate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instructor/ctok.h"
#include "util/util.h"

/* --- what the operators share ------------------------------------------------ */

typedef struct mctx {
    const char *text;
    const ctok *t;
    int n;
    const mutate_opts *o;
    char **types;            /* names the file declares with typedef */
    int ntypes;
    bool *params;            /* per token: in parentheses outside function
                                bodies (parameter lists: '*' declares) */
    mutant *m;
    int nm;
} mctx;

static bool is(const mctx *x, int i, const char *s)
{
    return i >= 0 && i < x->n && (int)strlen(s) == x->t[i].len &&
           memcmp(x->text + x->t[i].off, s, (size_t)x->t[i].len) == 0;
}

static bool is_any(const mctx *x, int i, const char *const *set)
{
    for (int k = 0; set[k]; k++)
        if (is(x, i, set[k]))
            return true;
    return false;
}

static bool is_ident(const mctx *x, int i)
{
    return i >= 0 && i < x->n && x->t[i].kind == CT_IDENT;
}

static const char *const type_words[] = {
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
    "bool", "size_t", "ssize_t", "ptrdiff_t", "int8_t", "int16_t", "int32_t", "int64_t",
    "uint8_t", "uint16_t", "uint32_t", "uint64_t", "intptr_t", "uintptr_t", "lapack_int",
    "FILE", "const", "volatile", "restrict", "static", "register", "extern", "inline",
    "struct", "union", "enum", "typedef", NULL};

static const char *const keywords[] = {"return", "case", "sizeof", "else", "do", "goto",
                                       "if", "while", "for", "switch", "break", "continue",
                                       "default", NULL};

/* Whether token i names a type. */
static bool is_type(const mctx *x, int i)
{
    if (!is_ident(x, i))
        return false;
    if (is_any(x, i, type_words) || is(x, i - 1, "struct") || is(x, i - 1, "union") ||
        is(x, i - 1, "enum"))
        return true;
    for (int k = 0; k < x->ntypes; k++)
        if (is(x, i, x->types[k]))
            return true;
    for (int k = 0; x->o && k < x->o->ntypes; k++)
        if (is(x, i, x->o->types[k]))
            return true;
    return false;
}

/* The index of the bracket closing the one at i, or -1. */
static int match(const mctx *x, int i)
{
    const char *open = x->text + x->t[i].off;
    char o = *open, c = o == '(' ? ')' : o == '[' ? ']' : '}';
    int depth = 0;
    for (int k = i; k < x->n; k++) {
        if (x->t[k].kind != CT_PUNCT || x->t[k].len != 1)
            continue;
        char ch = x->text[x->t[k].off];
        depth += ch == o ? 1 : ch == c ? -1 : 0;
        if (depth == 0)
            return k;
    }
    return -1;
}

static bool is_open(const mctx *x, int i)
{
    return is(x, i, "(") || is(x, i, "[") || is(x, i, "{");
}

static bool is_close(const mctx *x, int i)
{
    return is(x, i, ")") || is(x, i, "]") || is(x, i, "}");
}

static bool all_active(const mctx *x, int i, int j)
{
    for (int k = i; k <= j; k++)
        if (!x->t[k].active)
            return false;
    return true;
}

/* The source text from the start of token i to the end of token j. */
static char *span(const mctx *x, int i, int j)
{
    return xstrndup(x->text + x->t[i].off, (size_t)(x->t[j].off + x->t[j].len - x->t[i].off));
}

/* Whether tokens i..j are one operand that binds tighter than any
 * operator: a name or literal with subscripts, calls and members. */
static bool postfix_only(const mctx *x, int i, int j)
{
    if (x->t[i].kind == CT_PUNCT)
        return false;
    int k = i + 1;
    while (k <= j) {
        if (is(x, k, "[") || is(x, k, "("))
            k = match(x, k) < 0 ? j + 2 : match(x, k) + 1;
        else if ((is(x, k, ".") || is(x, k, "->")) && is_ident(x, k + 1))
            k += 2;
        else
            break;
    }
    return k == j + 1;
}

/* The text of tokens i..j, parenthesised unless it is one operand. */
static char *operand(const mctx *x, int i, int j)
{
    char *s = span(x, i, j);
    if (postfix_only(x, i, j))
        return s;
    char *p = xasprintf("(%s)", s);
    free(s);
    return p;
}

/* Records a mutant replacing tokens i..j with repl (taken over), unless
 * some of them are not compiled by default. */
static void emit(mctx *x, mut_op op, int i, int j, char *repl)
{
    if (i < 0 || j < i || !all_active(x, i, j)) {
        free(repl);
        return;
    }
    int off = x->t[i].off, len = x->t[j].off + x->t[j].len - off;
    for (int k = 0; k < x->nm; k++)
        if (x->m[k].off == off && x->m[k].len == len && strcmp(x->m[k].repl, repl) == 0) {
            free(repl);
            return;    /* another operator proposed the same */
        }
    char *before = mutate_squeeze(x->text + off, len);
    char *after = mutate_squeeze(repl, (int)strlen(repl));
    x->m = xrealloc(x->m, sizeof(mutant) * (size_t)(x->nm + 1));
    x->m[x->nm++] = (mutant){op, off, len, repl, x->t[i].line, x->t[i].col,
                             xasprintf("%s -> %s", before, after)};
    free(before);
    free(after);
}

/* Whether the operator at i (+, -, *) has a left operand: a value ends
 * right before it (a name that is not a keyword or type, a literal, a
 * closing bracket that is not a cast, a postfix ++ or --). */
static bool binary_at(const mctx *x, int i)
{
    static const char *const ends[] = {"=", ";", ",", "[", ")", NULL};
    int p = i - 1;
    if (p < 0 || x->params[i] || is(x, i + 1, ")") || is(x, i + 1, ","))
        return false;    /* (T *)p, f(T *, ...): no right operand */
    /* T *x = ... at the start of a statement declares a pointer */
    bool start = p == 0 || is(x, p - 1, ";") || is(x, p - 1, "{") || is(x, p - 1, "}");
    if (start && is_ident(x, p) && is_ident(x, i + 1) && is_any(x, i + 2, ends))
        return false;
    if (x->t[p].kind == CT_NUMBER || x->t[p].kind == CT_STRING || x->t[p].kind == CT_CHAR ||
        is(x, p, "]") || is(x, p, "++") || is(x, p, "--"))
        return true;
    if (is_ident(x, p))
        return !is_any(x, p, keywords) && !is_type(x, p);
    if (!is(x, p, ")"))
        return false;
    /* (double) -x or (const double *)p: a cast, then a unary operator */
    int depth = 0, k = p;
    for (; k >= 0; k--) {
        depth += is(x, k, ")") - is(x, k, "(");
        if (depth == 0)
            break;
    }
    bool cast = k >= 0 && k + 1 < p;
    for (int q = k + 1; cast && q < p; q++)
        cast = is_type(x, q) || is(x, q, "*");
    return !cast;
}

/* --- the operators -------------------------------------------------------------- */

typedef struct swap {
    const char *from, *to[2];
} swap;

/* Replaces every token of the table by its counterparts. */
static void swap_tokens(mctx *x, mut_op op, const swap *tab, bool need_binary)
{
    for (int i = 0; i < x->n; i++) {
        if (x->t[i].kind != CT_PUNCT)
            continue;
        for (const swap *s = tab; s->from; s++) {
            if (!is(x, i, s->from) || (need_binary && strlen(s->from) == 1 && !binary_at(x, i)))
                continue;
            for (int k = 0; k < 2 && s->to[k]; k++)
                emit(x, op, i, i, xstrdup(s->to[k]));
        }
    }
}

static void op_relational(mctx *x)
{
    static const swap tab[] = {{"<", {"<=", ">="}}, {"<=", {"<", ">"}}, {">", {">=", "<="}},
                               {">=", {">", "<"}},  {"==", {"!=", NULL}}, {"!=", {"==", NULL}},
                               {NULL, {NULL, NULL}}};
    swap_tokens(x, MUT_RELATIONAL, tab, false);
}

static void op_arithmetic(mctx *x)
{
    static const swap tab[] = {{"+", {"-", NULL}},   {"-", {"+", NULL}},   {"*", {"/", NULL}},
                               {"/", {"*", NULL}},   {"+=", {"-=", NULL}}, {"-=", {"+=", NULL}},
                               {"*=", {"/=", NULL}}, {"/=", {"*=", NULL}}, {NULL, {NULL, NULL}}};
    swap_tokens(x, MUT_ARITHMETIC, tab, true);
}

/* 0 -> 1, 1 -> 0; an epsilon (0 < v <= 1e-3) -> 0 and -> ten times v. */
static void op_constant(mctx *x)
{
    for (int i = 0; i < x->n; i++) {
        if (x->t[i].kind != CT_NUMBER)
            continue;
        char *s = span(x, i, i);
        bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
        bool real = strchr(s, '.') || (!hex && strpbrk(s, "eE")) || (hex && strpbrk(s, "pP"));
        if (!hex)    /* suffixes: 1u, 0L, 2.5f */
            for (size_t l = strlen(s); l > 0 && strchr("uUlLfF", s[l - 1]); l--)
                s[l - 1] = '\0';
        char *end;
        double v = strtod(s, &end);
        bool ok = *end == '\0';
        free(s);
        if (!ok)
            continue;
        if (v == 0)
            emit(x, MUT_CONSTANT, i, i, xstrdup(real ? "1.0" : "1"));
        else if (v == 1)
            emit(x, MUT_CONSTANT, i, i, xstrdup(real ? "0.0" : "0"));
        else if (real && v > 0 && v <= 1e-3) {
            emit(x, MUT_CONSTANT, i, i, xstrdup("0.0"));
            emit(x, MUT_CONSTANT, i, i, xasprintf("%g", v * 10));
        }
    }
}

/* The top-level arguments of the call whose '(' is at open: first and
 * last token of each, at most max. */
static int call_args(const mctx *x, int open, int close, int *first, int *last, int max)
{
    int n = 0, start = open + 1;
    for (int k = open + 1; k <= close && n < max; k++) {
        if (is_open(x, k)) {
            k = match(x, k);
            if (k < 0)
                return 0;
            continue;
        }
        if (is(x, k, ",") || k == close) {
            if (k == start)
                return 0;
            first[n] = start;
            last[n++] = k - 1;
            start = k + 1;
        }
    }
    return n;
}

static bool is_constant(const mctx *x, int i, int j)
{
    return (i == j && x->t[i].kind == CT_NUMBER) ||
           (j == i + 1 && (is(x, i, "-") || is(x, i, "+")) && x->t[j].kind == CT_NUMBER);
}

/* fmax(a, b) and fmin(a, b) -> each side that is not a constant;
 * fabs(a) -> a. */
static void op_clamp_calls(mctx *x)
{
    static const char *const two[] = {"fmax", "fmin", NULL};
    for (int i = 0; i + 1 < x->n; i++) {
        bool clamp = is_any(x, i, two), abs = is(x, i, "fabs");
        if (!(clamp || abs) || !is(x, i + 1, "(") || is(x, i - 1, "."))
            continue;
        int close = match(x, i + 1), first[3], last[3];
        int n = close < 0 ? 0 : call_args(x, i + 1, close, first, last, 3);
        if (n != (clamp ? 2 : 1))
            continue;
        for (int a = 0; a < n; a++)
            if (!clamp || !is_constant(x, first[a], last[a]))
                emit(x, MUT_CLAMP, i, close, operand(x, first[a], last[a]));
    }
}

static const char *const assign_ops[] = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
                                         "^=", "<<=", ">>=", NULL};

/* c ? a : b -> a and -> b. */
static void op_clamp_ternary(mctx *x)
{
    for (int q = 0; q < x->n; q++) {
        if (!is(x, q, "?"))
            continue;
        /* the condition: back to an assignment, a comma, an open bracket */
        int s = q - 1, depth = 0;
        for (; s >= 0; s--) {
            if (is_close(x, s))
                depth++;
            else if (is_open(x, s) && --depth < 0)
                break;
            if (depth == 0 && (is(x, s, ",") || is(x, s, ";") || is(x, s, "?") ||
                               is(x, s, ":") || is(x, s, "return") || is_any(x, s, assign_ops)))
                break;
        }
        /* the middle, to its ':', and the last operand */
        int colon = -1, e = q + 1, nest = 0;
        depth = 0;
        for (; e < x->n; e++) {
            if (is_open(x, e))
                depth++;
            else if (is_close(x, e) && --depth < 0)
                break;
            if (depth > 0)
                continue;
            if (is(x, e, "?"))
                nest++;
            else if (is(x, e, ":") && nest-- == 0) {
                if (colon >= 0)
                    break;
                colon = e;
                nest = 0;
            } else if (is(x, e, ",") || is(x, e, ";"))
                break;
        }
        if (colon < 0 || s + 1 >= q || colon == q + 1 || e - 1 <= colon)
            continue;
        emit(x, MUT_CLAMP, s + 1, e - 1, operand(x, q + 1, colon - 1));
        emit(x, MUT_CLAMP, s + 1, e - 1, operand(x, colon + 1, e - 1));
    }
}

static const char *const relational[] = {"<", "<=", ">", ">=", "==", "!=", NULL};

/* for (...; i < b; ...): b -> b + 1 and b - 1. */
static void op_bound(mctx *x)
{
    for (int f = 0; f + 1 < x->n; f++) {
        if (!is(x, f, "for") || !is(x, f + 1, "("))
            continue;
        int close = match(x, f + 1), semi[2], ns = 0;
        for (int k = f + 2; k < close && ns < 2; k++) {
            if (is_open(x, k))
                k = match(x, k);
            else if (is(x, k, ";"))
                semi[ns++] = k;
        }
        if (close < 0 || ns < 2)
            continue;
        for (int k = semi[0] + 1; k < semi[1]; k++) {
            if (is_open(x, k)) {
                k = match(x, k);
                continue;
            }
            if (!is_any(x, k, relational))
                continue;
            int e = k + 1;
            while (e < semi[1] && !is(x, e, "&&") && !is(x, e, "||")) {
                if (is_open(x, e))
                    e = match(x, e);
                e++;
            }
            if (e - 1 < k + 1)
                continue;
            /* i < b + 1 is i <= b, a relational mutant already; likewise
             * i <= b - 1, i > b - 1 and i >= b + 1 */
            bool up = !is(x, k, "<") && !is(x, k, ">="), down = !is(x, k, "<=") && !is(x, k, ">");
            char *b = operand(x, k + 1, e - 1);
            if (up)
                emit(x, MUT_BOUND, k + 1, e - 1, xasprintf("%s + 1", b));
            if (down)
                emit(x, MUT_BOUND, k + 1, e - 1, xasprintf("%s - 1", b));
            free(b);
        }
    }
}

/* Replaces tokens i..j with their text where tokens a < b (within them)
 * are exchanged. */
static void emit_exchange(mctx *x, int i, int j, int a, int b)
{
    const char *s = x->text;
    int ea = x->t[a].off + x->t[a].len, eb = x->t[b].off + x->t[b].len, ej = x->t[j].off + x->t[j].len;
    emit(x, MUT_INDEX, i, j,
         xasprintf("%.*s%.*s%.*s%.*s%.*s", x->t[a].off - x->t[i].off, s + x->t[i].off,
                   x->t[b].len, s + x->t[b].off, x->t[b].off - ea, s + ea, x->t[a].len,
                   s + x->t[a].off, ej - eb, s + eb));
}

/* The last token of a factor starting at i: one token, after a cast
 * such as (size_t); -1 when there is none. */
static int factor_end(const mctx *x, int i)
{
    if (is(x, i, "(") && is_type(x, i + 1)) {
        int close = match(x, i);
        for (int k = i + 1; close > 0 && k < close; k++)
            if (!is_type(x, k) && !is(x, k, "*"))
                return -1;
        i = close < 0 ? -1 : close + 1;
    }
    return i >= 0 && i < x->n && x->t[i].kind != CT_PUNCT ? i : -1;
}

/* Inside [ ... ]: a term `i * k` and a lone `j` added to it swap i and j
 * (each may be cast). */
static void index_terms(mctx *x, int open, int close)
{
    int prod = -1, lone = -1, start = open + 1;
    for (int k = open + 1; k <= close; k++) {
        if (is_open(x, k) && k < close) {
            k = match(x, k);
            continue;
        }
        if (k < close && !is(x, k, "+"))
            continue;
        int f = factor_end(x, start), g = f >= 0 && is(x, f + 1, "*") ? factor_end(x, f + 2) : -1;
        if (f == k - 1 && is_ident(x, f) && !is_type(x, f) && lone < 0)
            lone = f;
        if (g == k - 1 && is_ident(x, f) && prod < 0)
            prod = f;
        start = k + 1;
    }
    if (prod < 0 || lone < 0 ||
        (x->t[prod].len == x->t[lone].len &&
         memcmp(x->text + x->t[prod].off, x->text + x->t[lone].off, (size_t)x->t[lone].len) == 0))
        return;
    emit_exchange(x, open + 1, close - 1, prod < lone ? prod : lone, prod < lone ? lone : prod);
}

static void op_index(mctx *x)
{
    for (int i = 0; i < x->n; i++) {
        if (!is(x, i, "["))
            continue;
        int close = match(x, i);
        if (close < 0)
            continue;
        index_terms(x, i, close);
        /* [i][j] -> [j][i] */
        if (close == i + 2 && is(x, i + 3, "[") && is(x, i + 5, "]") && is_ident(x, i + 1) &&
            is_ident(x, i + 4)) {
            char *a = span(x, i + 1, i + 1), *b = span(x, i + 4, i + 4);
            if (strcmp(a, b) != 0)
                emit_exchange(x, i, i + 5, i + 1, i + 4);
            free(a);
            free(b);
        }
    }
}

/* Whether the statement starting at s declares something. */
static bool declaration(const mctx *x, int s)
{
    static const char *const ends[] = {"=", ";", ",", "[", NULL};
    return is_type(x, s) || (is_ident(x, s) && is_ident(x, s + 1) && !is_any(x, s, keywords)) ||
           (is_ident(x, s) && !is_any(x, s, keywords) && is(x, s + 1, "*") &&
            is_ident(x, s + 2) && is_any(x, s + 3, ends));
}

/* Deletes statement s..e (e is its ';'), keeping the line count. */
static void delete_statement(mctx *x, int s, int e)
{
    if (declaration(x, s))
        return;
    strbuf r = {0};
    sb_addc(&r, ';');
    for (int p = x->t[s].off; p < x->t[e].off; p++)
        if (x->text[p] == '\n')
            sb_addc(&r, '\n');
    emit(x, MUT_DELETE, s, e, sb_take(&r));
}

static void op_delete(mctx *x)
{
    static const char *const headers[] = {"if", "while", "for", "switch", NULL};
    int depth = 0, start = 0;
    for (int i = 0; i < x->n; i++) {
        if (is(x, i, "{") || is(x, i, "}")) {
            depth += is(x, i, "{") ? 1 : -1;
            start = i + 1;
        } else if (depth <= 0) {
            start = i + 1;
        } else if (start == i && is_any(x, i, headers) && is(x, i + 1, "(")) {
            int close = match(x, i + 1);
            if (close < 0)
                return;
            i = close;
            start = i + 1;
        } else if (start == i && (is(x, i, "else") || is(x, i, "do"))) {
            start = i + 1;
        } else if (start == i && (is(x, i, "case") || is(x, i, "default"))) {
            while (i < x->n && !is(x, i, ":"))
                i++;
            start = i + 1;
        } else if (is(x, i, "(") || is(x, i, "[")) {
            int close = match(x, i);
            if (close < 0)
                return;
            i = close;
        } else if (is(x, i, ";")) {
            if (start < i)
                delete_statement(x, start, i);
            start = i + 1;
        }
    }
}

/* Marks the tokens in parentheses outside function bodies. */
static void find_params(mctx *x)
{
    x->params = xcalloc((size_t)x->n + 1, sizeof(bool));
    int braces = 0, parens = 0;
    for (int i = 0; i < x->n; i++) {
        braces += is(x, i, "{") - is(x, i, "}");
        parens += is(x, i, "(") - is(x, i, ")");
        x->params[i] = braces <= 0 && parens > 0;
    }
}

/* Collects the names declared with typedef: the name before the ';'. */
static void find_typedefs(mctx *x)
{
    for (int i = 0; i < x->n; i++) {
        if (!is(x, i, "typedef"))
            continue;
        int k = i + 1;
        while (k < x->n && !is(x, k, ";"))
            k = is(x, k, "{") && match(x, k) > 0 ? match(x, k) + 1 : k + 1;
        if (k < x->n && is_ident(x, k - 1)) {
            x->types = xrealloc(x->types, sizeof(char *) * (size_t)(x->ntypes + 1));
            x->types[x->ntypes++] = span(x, k - 1, k - 1);
        }
    }
}

static const struct {
    mut_op op;
    const char *name;
    void (*scan)(mctx *x);
} ops[] = {
    {MUT_RELATIONAL, "relational", op_relational}, {MUT_ARITHMETIC, "arithmetic", op_arithmetic},
    {MUT_CONSTANT, "constant", op_constant},       {MUT_CLAMP, "clamp", op_clamp_calls},
    {MUT_CLAMP, "clamp", op_clamp_ternary},        {MUT_BOUND, "bound", op_bound},
    {MUT_INDEX, "index", op_index},                {MUT_DELETE, "delete", op_delete},
};

const char *mut_op_name(mut_op op)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (ops[i].op == op)
            return ops[i].name;
    return "?";
}

static int by_position(const void *a, const void *b)
{
    const mutant *p = a, *q = b;
    if (p->off != q->off)
        return p->off < q->off ? -1 : 1;
    if (p->op != q->op)
        return p->op < q->op ? -1 : 1;
    if (p->len != q->len)
        return p->len < q->len ? -1 : 1;
    return strcmp(p->repl, q->repl);
}

int mutate_source(const char *text, const mutate_opts *o, mutant **out)
{
    ctok *t;
    mctx x = {0};
    x.text = text;
    x.n = ctok_scan(text, &t);
    x.t = t;
    x.o = o;
    find_typedefs(&x);
    find_params(&x);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        ops[i].scan(&x);
    if (x.nm > 1)
        qsort(x.m, (size_t)x.nm, sizeof(mutant), by_position);
    for (int k = 0; k < x.ntypes; k++)
        free(x.types[k]);
    free(x.types);
    free(x.params);
    free(t);
    *out = x.m;
    return x.nm;
}

void mutate_free(mutant *m, int n)
{
    for (int i = 0; m && i < n; i++) {
        free(m[i].repl);
        free(m[i].change);
    }
    free(m);
}

char *mutate_apply(const char *text, const mutant *m)
{
    return xasprintf("%.*s%s%s", m->off, text, m->repl, text + m->off + m->len);
}

char *mutate_squeeze(const char *s, int len)
{
    strbuf sb = {0};
    bool blank = false;
    for (int i = 0; i < len && s[i]; i++) {
        if (isspace((unsigned char)s[i])) {
            blank = sb.len > 0;
            continue;
        }
        if (blank)
            sb_addc(&sb, ' ');
        blank = false;
        sb_addc(&sb, s[i]);
    }
    return sb.buf ? sb_take(&sb) : xstrdup("");
}

char *mutate_line_text(const char *text, int line)
{
    const char *p = text;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (!p)
        return xstrdup("");
    return mutate_squeeze(p, (int)strcspn(p, "\n"));
}
