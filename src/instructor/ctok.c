/* ctok — see ctok.h.  One pass over the text; preprocessor lines are
 * read whole and only their conditionals are followed. */
#include "instructor/ctok.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static const char *const punct3[] = {"<<=", ">>=", "...", NULL};
static const char *const punct2[] = {"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
                                     "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
                                     "^=", "##", NULL};

/* One open #if: whether the code around it is compiled, whether an earlier
 * branch is known to be taken, whether the current branch is. */
typedef struct cond_frame {
    bool parent, known_taken, on;
} cond_frame;

typedef struct lexer {
    const char *s;
    int p, line, line_start;
    bool at_bol;             /* only blanks since the line began */
    cond_frame stack[64];
    int depth;
    ctok *toks;
    int n, cap;
} lexer;

static bool active(const lexer *L)
{
    return L->depth == 0 || L->stack[L->depth - 1].on;
}

/* A condition made only of MISTAKE(id), 0/1 literals, !, &&, || and
 * parentheses, evaluated with every MISTAKE(id) false: 1 or 0; -1 for any
 * other condition (unknown: both branches count as compiled). */
typedef struct cev {
    const char *p;
    bool bad;
} cev;

static int ev_or(cev *e);

static void ev_blank(cev *e)
{
    while (*e->p == ' ' || *e->p == '\t')
        e->p++;
}

static int ev_primary(cev *e)
{
    ev_blank(e);
    if (*e->p == '!') {
        e->p++;
        return !ev_primary(e);
    }
    if (*e->p == '(') {
        e->p++;
        int v = ev_or(e);
        ev_blank(e);
        e->bad |= *e->p != ')';
        e->p += *e->p == ')';
        return v;
    }
    if (isdigit((unsigned char)*e->p)) {
        long v = strtol(e->p, (char **)&e->p, 0);
        return v != 0;
    }
    if (strncmp(e->p, "MISTAKE", 7) == 0) {
        e->p += 7;
        ev_blank(e);
        const char *close = *e->p == '(' ? strchr(e->p, ')') : NULL;
        e->bad |= !close;
        e->p = close ? close + 1 : e->p;
        return 0;
    }
    e->bad = true;
    return 0;
}

static int ev_and(cev *e)
{
    int v = ev_primary(e);
    for (ev_blank(e); !e->bad && strncmp(e->p, "&&", 2) == 0; ev_blank(e)) {
        e->p += 2;
        v = ev_primary(e) && v;
    }
    return v;
}

static int ev_or(cev *e)
{
    int v = ev_and(e);
    for (ev_blank(e); !e->bad && strncmp(e->p, "||", 2) == 0; ev_blank(e)) {
        e->p += 2;
        v = ev_and(e) || v;
    }
    return v;
}

static int eval_condition(const char *s)
{
    cev e = {s, false};
    int v = ev_or(&e);
    ev_blank(&e);
    return e.bad || *e.p ? -1 : v;
}

/* Follows one directive (its text without comments, from after '#'). */
static void directive(lexer *L, const char *d)
{
    while (*d == ' ' || *d == '\t')
        d++;
    size_t w = strspn(d, "abcdefghijklmnopqrstuvwxyz");
    const char *rest = d + w;
    bool cur = active(L);
    if (w == 2 && strncmp(d, "if", 2) == 0 && L->depth < 64) {
        int v = eval_condition(rest);
        L->stack[L->depth++] = (cond_frame){cur, v == 1, cur && v != 0};
    } else if ((w == 5 && strncmp(d, "ifdef", 5) == 0) ||
               (w == 6 && strncmp(d, "ifndef", 6) == 0)) {
        if (L->depth < 64)
            L->stack[L->depth++] = (cond_frame){cur, false, cur};
    } else if (L->depth > 0 && w == 4 && strncmp(d, "elif", 4) == 0) {
        cond_frame *f = &L->stack[L->depth - 1];
        int v = eval_condition(rest);
        f->on = f->parent && !f->known_taken && v != 0;
        f->known_taken |= v == 1;
    } else if (L->depth > 0 && w == 4 && strncmp(d, "else", 4) == 0) {
        cond_frame *f = &L->stack[L->depth - 1];
        f->on = f->parent && !f->known_taken;
    } else if (L->depth > 0 && w == 5 && strncmp(d, "endif", 5) == 0) {
        L->depth--;
    }
}

static void newline(lexer *L)
{
    L->line++;
    L->line_start = L->p;
    L->at_bol = true;
}

/* Skips a block comment starting at p (which is at the '/' of its start). */
static void skip_block_comment(lexer *L)
{
    L->p += 2;
    while (L->s[L->p] && !(L->s[L->p] == '*' && L->s[L->p + 1] == '/')) {
        L->p++;
        if (L->s[L->p - 1] == '\n')
            newline(L);
    }
    L->p += L->s[L->p] ? 2 : 0;
}

/* Reads a preprocessor line (continuations included) from its '#'. */
static void read_directive(lexer *L)
{
    strbuf d = {0};
    L->p++;
    while (L->s[L->p] && L->s[L->p] != '\n') {
        const char *c = L->s + L->p;
        if (c[0] == '\\' && c[1] == '\n') {
            L->p += 2;
            newline(L);
        } else if (c[0] == '/' && c[1] == '*') {
            bool bol = L->at_bol;
            skip_block_comment(L);
            L->at_bol = bol;
            sb_addc(&d, ' ');
        } else if (c[0] == '/' && c[1] == '/') {
            while (L->s[L->p] && L->s[L->p] != '\n')
                L->p++;
        } else {
            sb_addc(&d, *c);
            L->p++;
        }
    }
    directive(L, sb_str(&d));
    sb_free(&d);
}

static void push(lexer *L, ctok_kind k, int len)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? 2 * L->cap : 256;
        L->toks = xrealloc(L->toks, sizeof(ctok) * (size_t)L->cap);
    }
    L->toks[L->n++] = (ctok){k, L->p, len, L->line, L->p - L->line_start + 1, active(L)};
    L->p += len;
    L->at_bol = false;
}

/* The length of the token at p (a literal, a name or a punctuator). */
static int token_length(const char *s, ctok_kind *kind)
{
    unsigned char c = (unsigned char)s[0];
    int q = 1;
    if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[1]))) {
        /* a preprocessing number: digits, letters, '.', and a sign after
         * an exponent letter */
        *kind = CT_NUMBER;
        for (;; q++) {
            unsigned char d = (unsigned char)s[q];
            if (isalnum(d) || d == '_' || d == '.')
                continue;
            if ((d == '+' || d == '-') && strchr("eEpP", s[q - 1]))
                continue;
            return q;
        }
    }
    if (isalpha(c) || c == '_') {
        *kind = CT_IDENT;
        while (isalnum((unsigned char)s[q]) || s[q] == '_')
            q++;
        return q;
    }
    if (c == '"' || c == '\'') {
        *kind = c == '"' ? CT_STRING : CT_CHAR;
        while (s[q] && s[q] != (char)c && s[q] != '\n')
            q += s[q] == '\\' && s[q + 1] ? 2 : 1;
        return q + (s[q] == (char)c);
    }
    *kind = CT_PUNCT;
    for (int i = 0; punct3[i]; i++)
        if (strncmp(s, punct3[i], 3) == 0)
            return 3;
    for (int i = 0; punct2[i]; i++)
        if (strncmp(s, punct2[i], 2) == 0)
            return 2;
    return 1;
}

int ctok_scan(const char *text, ctok **toks)
{
    lexer L = {.s = text, .line = 1, .at_bol = true};
    while (text[L.p]) {
        const char *c = text + L.p;
        if (*c == '\n') {
            L.p++;
            newline(&L);
        } else if (c[0] == '\\' && c[1] == '\n') {
            L.p += 2;
            newline(&L);
            L.at_bol = false;
        } else if (isspace((unsigned char)*c)) {
            L.p++;
        } else if (c[0] == '/' && c[1] == '*') {
            bool bol = L.at_bol;
            skip_block_comment(&L);
            L.at_bol = bol;
        } else if (c[0] == '/' && c[1] == '/') {
            while (text[L.p] && text[L.p] != '\n')
                L.p++;
        } else if (*c == '#' && L.at_bol) {
            read_directive(&L);
        } else {
            ctok_kind k;
            int len = token_length(c, &k);
            push(&L, k, len);
        }
    }
    *toks = L.toks;
    return L.n;
}
