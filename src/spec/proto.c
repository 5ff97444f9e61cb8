/* proto — see proto.h. */

#include "spec/proto.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* --- generating -------------------------------------------------------------- */

/* The C type of a parameter, with the space or star before its name. */
static void c_type(strbuf *sb, vtype t, bool array, pdir dir, const char *handle)
{
    const char *base = t == VT_INT ? "int" : t == VT_DOUBLE ? "double" : "char";
    if (t == VT_HANDLE) {
        sb_printf(sb, "%s%s *", dir == DIR_IN ? "const " : "", handle);
    } else if (t == VT_STRING) {
        if (!array)
            sb_add(sb, "const char *");
        else if (dir == DIR_IN)
            sb_add(sb, "const char *const *");
        else
            sb_add(sb, "const char **");
    } else if (array) {
        sb_printf(sb, "%s%s *", dir == DIR_IN ? "const " : "", base);
    } else {
        sb_printf(sb, "%s ", base);
    }
}

char *proto_decl(const function *f)
{
    strbuf sb = {0};
    if (f->ret == VT_HANDLE)
        sb_printf(&sb, "%s *", f->ret_handle);
    else
        sb_printf(&sb, "%s ", vtype_name(f->ret));
    sb_printf(&sb, "%s(", f->name);
    for (int i = 0; i < f->nparams; i++) {
        const param *p = &f->params[i];
        if (i)
            sb_add(&sb, ", ");
        c_type(&sb, p->type, p->array, p->dir, p->handle);
        sb_add(&sb, p->name);
    }
    if (f->nparams == 0)
        sb_add(&sb, "void");
    sb_addc(&sb, ')');
    return sb_take(&sb);
}

int proto_handles(const challenge *c, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < c->nfunctions; i++) {
        const function *f = &c->functions[i];
        for (int p = -1; p < f->nparams; p++) {
            const char *h = p < 0 ? (f->ret == VT_HANDLE ? f->ret_handle : NULL)
                                  : f->params[p].type == VT_HANDLE ? f->params[p].handle
                                                                   : NULL;
            bool seen = !h;
            for (int k = 0; k < n && !seen; k++)
                seen = strcmp(out[k], h) == 0;
            if (!seen && n < max)
                out[n++] = h;
        }
    }
    return n;
}

void proto_wrap(strbuf *sb, const char *decl, int indent, int width)
{
    const char *open = strchr(decl, '(');
    int cont = indent + (open ? (int)(open - decl) + 1 : 4);
    int col = indent;
    for (int i = 0; i < indent; i++)
        sb_addc(sb, ' ');
    for (const char *p = decl; *p;) {
        const char *comma = strstr(p, ", ");
        int len = comma ? (int)(comma - p) + 1 : (int)strlen(p);
        if (col > cont && col + 1 + len > width) {
            sb_addc(sb, '\n');
            for (int i = 0; i < cont; i++)
                sb_addc(sb, ' ');
            col = cont;
        } else if (p != decl) {
            sb_addc(sb, ' ');
            col++;
        }
        sb_addn(sb, p, (size_t)len);
        col += len;
        p += len + (comma ? 1 : 0);
    }
}

void proto_block(const challenge *c, strbuf *sb, int width)
{
    const char *handles[32];
    int nh = proto_handles(c, handles, 32);
    for (int i = 0; i < nh; i++)
        sb_printf(sb, "    typedef struct %s %s;   /* you define struct %s */\n", handles[i],
                  handles[i], handles[i]);
    for (int i = 0; i < c->nfunctions; i++) {
        char *decl = proto_decl(&c->functions[i]);
        char *line = xasprintf("%s;", decl);
        proto_wrap(sb, line, 4, width);
        sb_addc(sb, '\n');
        free(line);
        free(decl);
    }
    if (sb->len && sb->buf[sb->len - 1] == '\n')
        sb->buf[--sb->len] = '\0';
}

/* --- finding declarations in a text ----------------------------------------- */

/* A word of the text, or one character of anything else. */
typedef struct tok {
    const char *s;
    size_t n;
    int line;
    bool ident;
} tok;

/* The text cut into tokens; comments (C and C++ style) are left out. */
static tok *tokenize(const char *text, int *ntok)
{
    tok *t = NULL;
    int n = 0, line = 0;
    for (const char *p = text; *p;) {
        if (*p == '\n') {
            line++;
            p++;
        } else if (isspace((unsigned char)*p)) {
            p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            for (const char *q = p; q < (e ? e : p + strlen(p)); q++)
                line += *q == '\n';
            p = e ? e + 2 : p + strlen(p);
        } else if (p[0] == '/' && p[1] == '/') {
            p += strcspn(p, "\n");
        } else {
            size_t k = 1;
            bool id = isalpha((unsigned char)*p) || *p == '_';
            while (id && (isalnum((unsigned char)p[k]) || p[k] == '_'))
                k++;
            t = xrealloc(t, sizeof(tok) * (size_t)(n + 1));
            t[n++] = (tok){p, k, line, id};
            p += k;
        }
    }
    *ntok = n;
    return t;
}

static bool tok_is(const tok *t, const char *w)
{
    return t->n == strlen(w) && strncmp(t->s, w, t->n) == 0;
}

/* Words a C return type is made of, besides the challenge's handles. */
static bool type_word(const challenge *c, const tok *t)
{
    static const char *const words[] = {
        "void", "int", "double", "float", "char", "long", "short", "unsigned", "signed",
        "bool", "size_t", "ssize_t", "int32_t", "int64_t", "uint32_t", "uint64_t", NULL};
    for (int i = 0; words[i]; i++)
        if (tok_is(t, words[i]))
            return true;
    const char *handles[32];
    int nh = proto_handles(c, handles, 32);
    for (int i = 0; i < nh; i++)
        if (tok_is(t, handles[i]))
            return true;
    return false;
}

/* Where the declaration starting at token i ends (the index after its
 * last token), or -1: `typedef ... ;`, or type words, stars and const,
 * a name, and a parenthesised list. */
static int decl_end(const challenge *c, const tok *t, int n, int i)
{
    int j = i;
    if (tok_is(&t[i], "typedef")) {
        while (j < n && j < i + 16 && !tok_is(&t[j], ";"))
            j++;
        return j < n && tok_is(&t[j], ";") ? j + 1 : -1;
    }
    bool typed = false;
    for (; j < n; j++) {
        if (tok_is(&t[j], "struct") && j + 1 < n && t[j + 1].ident) {
            typed = true;
            j++;
        } else if (type_word(c, &t[j])) {
            typed = true;
        } else if (!tok_is(&t[j], "const") && !tok_is(&t[j], "*")) {
            break;
        }
    }
    if (!typed || j + 1 >= n || !t[j].ident || !tok_is(&t[j + 1], "("))
        return -1;
    /* the parameters: each holds a word ("int k(3)" in prose is no
     * declaration) */
    int depth = 0;
    bool word = false;
    for (int k = j + 1; k < n && k < j + 200; k++) {
        depth += tok_is(&t[k], "(") - tok_is(&t[k], ")");
        if (depth == 1 && tok_is(&t[k], ",")) {
            if (!word)
                return -1;
            word = false;
        }
        word |= t[k].ident;
        if (depth == 0)
            return !word && k > j + 2 ? -1
                   : k + 1 < n && tok_is(&t[k + 1], ";") ? k + 2
                                                         : k + 1;
    }
    return -1;
}

/* Tokens [i, e) as text, one blank between two words. */
static char *tokens_text(const tok *t, int i, int e)
{
    strbuf sb = {0};
    for (int k = i; k < e; k++) {
        bool gap = k > i && !tok_is(&t[k], ",") && !tok_is(&t[k], ")") &&
                   !tok_is(&t[k], ";") && !tok_is(&t[k], "(") && !tok_is(&t[k - 1], "(") &&
                   !tok_is(&t[k - 1], "*");
        if (gap)
            sb_addc(&sb, ' ');
        sb_addn(&sb, t[k].s, t[k].n);
    }
    return sb_take(&sb);
}

/* The name a declaration [i, e) declares: the word before the first "("
 * (a function), or the last word (a typedef). */
static char *declared_name(const tok *t, int i, int e)
{
    int k = i;
    while (k < e && !tok_is(&t[k], "("))
        k++;
    if (k == e)
        for (k = e - 1; k > i && !t[k].ident; k--)
            ;
    else
        k--;
    return xstrndup(t[k].s, t[k].n);
}

/* What the challenge generates for name, or NULL. */
static char *generated_for(const challenge *c, const char *name, bool typedef_)
{
    const char *handles[32];
    int nh = proto_handles(c, handles, 32);
    for (int i = 0; typedef_ && i < nh; i++)
        if (strcmp(handles[i], name) == 0)
            return xasprintf("typedef struct %s %s;", name, name);
    for (int i = 0; !typedef_ && i < c->nfunctions; i++)
        if (strcmp(c->functions[i].name, name) == 0) {
            char *d = proto_decl(&c->functions[i]);
            char *s = xasprintf("%s;", d);
            free(d);
            return s;
        }
    return NULL;
}

int proto_mentions(const challenge *c, const char *text, proto_mention **out)
{
    int ntok, n = 0;
    tok *t = tokenize(text, &ntok);
    *out = NULL;
    for (int i = 0; i < ntok; i++) {
        bool helper = i > 0 && tok_is(&t[i - 1], "static");
        int e = t[i].ident ? decl_end(c, t, ntok, i) : -1;
        if (e < 0)
            continue;
        if (!helper) {
            *out = xrealloc(*out, sizeof(proto_mention) * (size_t)(n + 1));
            proto_mention *m = &(*out)[n++];
            m->line = t[i].line;
            m->written = tokens_text(t, i, e);
            m->name = declared_name(t, i, e);
            m->generated = generated_for(c, m->name, tok_is(&t[i], "typedef"));
        }
        i = e - 1;
    }
    free(t);
    return n;
}

void proto_mentions_free(proto_mention *m, int n)
{
    for (int i = 0; i < n; i++) {
        free(m[i].written);
        free(m[i].name);
        free(m[i].generated);
    }
    free(m);
}

/* s with blanks only between two word characters, and no final ';'. */
static char *squeeze(const char *s)
{
    strbuf sb = {0};
    for (const char *p = s; *p; p++) {
        if (!isspace((unsigned char)*p)) {
            sb_addc(&sb, *p);
            continue;
        }
        const char *q = p;
        while (isspace((unsigned char)q[1]))
            q++;
        bool word_before = sb.len && (isalnum((unsigned char)sb.buf[sb.len - 1]) ||
                                      sb.buf[sb.len - 1] == '_');
        bool word_after = isalnum((unsigned char)q[1]) || q[1] == '_';
        if (word_before && word_after)
            sb_addc(&sb, ' ');
        p = q;
    }
    while (sb.len && sb.buf[sb.len - 1] == ';')
        sb.buf[--sb.len] = '\0';
    return sb_take(&sb);
}

bool proto_same(const char *a, const char *b)
{
    char *x = squeeze(a), *y = squeeze(b);
    bool same = strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}
