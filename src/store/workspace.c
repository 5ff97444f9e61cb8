/* workspace — see workspace.h. */

#include "store/workspace.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/proto.h"

char *workspace_dir(const char *dir, md_err *err)
{
    char *abs = path_absolute(dir ? dir : "mldrill-work");
    if (mkdir_p(abs, err) != 0) {
        free(abs);
        return NULL;
    }
    return abs;
}

char *workspace_file(const char *dir, const challenge *c)
{
    char *name = xasprintf("%s.c", c->id);
    char *p = path_join(dir, name);
    free(name);
    return p;
}

/* The statement as // comment lines: its text stays verbatim (it may hold
 * C comments of its own), but a backslash ending a line would splice the
 * next line into the comment, so it is dropped. */
static void add_comment_text(strbuf *sb, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        size_t keep = len;
        while (keep > 0 && (p[keep - 1] == '\\' || p[keep - 1] == ' '))
            keep--;
        sb_add(sb, keep ? "// " : "//");
        sb_addn(sb, p, keep);
        sb_addc(sb, '\n');
        p += len + (nl ? 1 : 0);
    }
}

static void add_stub(strbuf *sb, const function *f)
{
    if (f->doc)
        sb_printf(sb, "/* %s */\n", f->doc);
    char *proto = proto_decl(f);
    proto_wrap(sb, proto, 0, 80);
    free(proto);
    sb_add(sb, "\n{\n");
    if (f->nparams) {
        /* silences "unused parameter" until the body uses them */
        sb_add(sb, "    ");
        for (int i = 0; i < f->nparams; i++)
            sb_printf(sb, "%s(void)%s", i ? ", " : "", f->params[i].name);
        sb_add(sb, ";\n");
    }
    sb_add(sb, "    /* your code here */\n");
    if (f->ret == VT_HANDLE)
        sb_add(sb, "    return NULL;\n");
    else if (f->ret == VT_INT)
        sb_add(sb, "    return 0;\n");
    else if (f->ret == VT_DOUBLE)
        sb_add(sb, "    return 0.0;\n");
    sb_add(sb, "}\n\n");
}

char *workspace_starter(const challenge *c)
{
    strbuf sb = {0};
    sb_printf(&sb, "// %s — %s  (%s, %d min)\n//\n", c->id, c->title,
              difficulty_name(c->diff), c->minutes);
    add_comment_text(&sb, c->statement);
    sb_add(&sb, "//\n// Graded on:");
    const char *sep = " ";
    for (int k = 0; k < CRIT_COUNT; k++)
        if (c->weights[k] > 0) {
            sb_printf(&sb, "%s%s", sep, criterion_name((criterion)k));
            sep = ", ";
        }
    sb_add(&sb, ".\n// `run` checks the visible examples; `submit` grades everything.\n"
                "// Only libc, libm, CBLAS and LAPACKE are available.\n\n");
    sb_add(&sb, "#include <math.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
                "#include <cblas.h>\n\n");
    const char *handles[16];
    int nh = proto_handles(c, handles, 16);
    for (int i = 0; i < nh; i++)
        sb_printf(&sb, "/* The model: what fit learns and predict needs. */\n"
                       "struct %s {\n    int d;    /* replace with your fields */\n};\n\n",
                  handles[i]);
    for (int i = 0; i < c->nfunctions; i++)
        add_stub(&sb, &c->functions[i]);
    /* one trailing newline */
    while (sb.len > 1 && sb.buf[sb.len - 1] == '\n' && sb.buf[sb.len - 2] == '\n')
        sb.buf[--sb.len] = '\0';
    return sb_take(&sb);
}

int workspace_prepare(const char *dir, const challenge *c, char **path, bool *created,
                      md_err *err)
{
    *path = workspace_file(dir, c);
    *created = false;
    if (file_exists(*path))
        return 0;
    char *text = workspace_starter(c);
    int rc = file_write_atomic(*path, text, strlen(text), err);
    free(text);
    if (rc != 0) {
        free(*path);
        *path = NULL;
        return -1;
    }
    *created = true;
    return 0;
}

int workspace_reset(const char *dir, const challenge *c, char **backup, md_err *err)
{
    char *file = workspace_file(dir, c);
    *backup = NULL;
    if (file_exists(file)) {
        char *bak = xasprintf("%s.bak", file);
        if (rename(file, bak) != 0) {
            md_fail(err, "%s: cannot keep the old file as %s: %s", file, bak,
                    strerror(errno));
            free(bak);
            free(file);
            return -1;
        }
        *backup = bak;
    }
    char *text = workspace_starter(c);
    int rc = file_write_atomic(file, text, strlen(text), err);
    free(text);
    free(file);
    return rc;
}
