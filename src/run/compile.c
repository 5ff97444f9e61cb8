/* compile — see compile.h. */
#define _GNU_SOURCE

#include "run/compile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "run/confine.h"

#define COMPILE_LIMIT_S 60.0

/* The flags every solution, reference and variant is built with.
 * -D_DEFAULT_SOURCE: strict C11 hides strdup, M_PI and friends, and an
 * undeclared function returning a pointer would be truncated to int; such
 * calls are made errors rather than crashes. */
static const char *const flags[] = {"-std=c11", "-O2", "-fPIC", "-shared", "-Wall",
                                    "-Wextra", "-D_DEFAULT_SOURCE",
                                    "-Werror=implicit-function-declaration",
                                    "-fdiagnostics-color=never"};

/* --sanitize: AddressSanitizer and UBSan, reports with file and line,
 * stopping at the first undefined behaviour (docs/security.md). */
static const char *const sanitize_flags[] = {"-fsanitize=address,undefined",
                                             "-fno-sanitize-recover=undefined",
                                             "-fno-omit-frame-pointer", "-g"};

const char *compile_cc(void)
{
    const char *cc = getenv("CC");
    return cc && *cc ? cc : "cc";
}

/* --- the prototypes ---------------------------------------------------------- */

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

char *compile_prototype(const function *f)
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

char *compile_header(const challenge *c)
{
    strbuf sb = {0};
    char *guard = xasprintf("MLDRILL_CHALLENGE_%s_H", c->id);
    for (char *g = guard; *g; g++)
        *g = (char)toupper((unsigned char)*g);
    sb_printf(&sb, "/* mldrill: the functions of challenge \"%s\" "
                   "(generated from its spec). */\n#ifndef %s\n#define %s\n\n",
              c->id, guard, guard);
    /* opaque handle types, each once */
    for (int i = 0; i < c->nfunctions; i++) {
        const function *f = &c->functions[i];
        const char *names[64];
        int n = 0;
        if (f->ret == VT_HANDLE)
            names[n++] = f->ret_handle;
        for (int k = 0; k < f->nparams && n < 64; k++)
            if (f->params[k].type == VT_HANDLE)
                names[n++] = f->params[k].handle;
        for (int k = 0; k < n; k++) {
            char *line = xasprintf("typedef struct %s %s;\n", names[k], names[k]);
            if (!strstr(sb_str(&sb), line))
                sb_add(&sb, line);
            free(line);
        }
    }
    for (int i = 0; i < c->nfunctions; i++) {
        const function *f = &c->functions[i];
        char *proto = compile_prototype(f);
        if (f->doc)
            sb_printf(&sb, "\n/* %s */\n", f->doc);
        else
            sb_addc(&sb, '\n');
        sb_printf(&sb, "%s;\n", proto);
        free(proto);
    }
    sb_printf(&sb, "\n/* #if MISTAKE(id) marks a mistake's site in a model answer */\n"
                   "#define MISTAKE(id) MLDRILL_MISTAKE_##id\n");
    sb_printf(&sb, "\n#endif\n");
    free(guard);
    return sb_take(&sb);
}

/* --- running the compiler ------------------------------------------------------- */

/* Splits a command line on spaces (no quoting: $CC="ccache gcc" works). */
static int split_words(const char *s, const char **argv, int max, char **storage)
{
    char *copy = xstrdup(s);
    *storage = copy;
    int n = 0;
    for (char *tok = strtok(copy, " \t"); tok && n < max; tok = strtok(NULL, " \t"))
        argv[n++] = tok;
    return n;
}

/* Runs argv, capturing stdout and stderr; returns the exit status or -1.
 * With rules, the child is confined to them and its TMPDIR is tmpdir. */
static int run_capture(const char **argv, const confine_rules *rules, const char *tmpdir,
                       strbuf *out, md_err *err)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return md_fail(err, "pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return md_fail(err, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(p[1], 1);
        dup2(p[1], 2);
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        if (rules) {
            setenv("TMPDIR", tmpdir, 1);
            if (confine_self(rules) < 0) {
                dprintf(2, "mldrill: cannot confine the compiler: %s\n", strerror(errno));
                _exit(126);
            }
        }
        execvp(argv[0], (char *const *)argv);
        dprintf(2, "cannot run the compiler \"%s\": %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(p[1]);
    double deadline = now_seconds() + COMPILE_LIMIT_S;
    char buf[4096];
    for (;;) {
        struct pollfd pfd = {p[0], POLLIN, 0};
        int left = (int)((deadline - now_seconds()) * 1000);
        if (left <= 0 || poll(&pfd, 1, left) == 0) {
            kill(-pid, SIGKILL);
            sb_add(out, "\nmldrill: the compiler took too long and was stopped\n");
            break;
        }
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len < 256 * 1024)
            sb_addn(out, buf, (size_t)n);
    }
    close(p[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Folds the files a source includes with #include "name" (next to it) into
 * the cache key, so a reference's shared header invalidates the builds
 * that use it.  Learners' files cannot include anything (confine.h). */
static uint64_t hash_local_includes(uint64_t h, const char *src, const char *text, int depth)
{
    if (depth > 4)
        return h;
    char *dir = path_dirname(src);
    for (const char *p = text; (p = strstr(p, "#include")) != NULL; p++) {
        const char *q = p + 8;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != '"')
            continue;
        const char *end = strchr(q + 1, '"');
        if (!end || end - q > 256)
            continue;
        char *name = xstrndup(q + 1, (size_t)(end - q - 1));
        char *path = path_join(dir, name);
        size_t len;
        char *inc = file_exists(path) ? file_read(path, &len, NULL) : NULL;
        if (inc) {
            h = hash_str(h, name);
            h = hash_bytes(h, inc, len);
            h = hash_local_includes(h, path, inc, depth + 1);
            free(inc);
        }
        free(name);
        free(path);
    }
    free(dir);
    return h;
}

const char *compile_mistake_file(const challenge *c, const mistake_spec *m)
{
    return m->source ? m->source : m->site ? c->model : NULL;
}

int compile_mistake(const challenge *c, const mistake_spec *m, const compile_opts *o,
                    compile_result *res, md_err *err)
{
    const char *file = compile_mistake_file(c, m);
    if (!file)
        return 1;
    compile_opts co = *o;
    co.mistake = m->source ? NULL : m->id;
    return compile_file(c, file, &co, res, err);
}

void compile_result_clear(compile_result *r)
{
    free(r->so_path);
    free(r->output);
    memset(r, 0, sizeof *r);
}

int compile_file(const challenge *c, const char *src, const compile_opts *o,
                 compile_result *res, md_err *err)
{
    memset(res, 0, sizeof *res);
    size_t srclen;
    char *text = file_read(src, &srclen, err);
    if (!text)
        return -1;
    char *header = compile_header(c);
    if (o->mistake) {
        char *with = xasprintf("%s#define MLDRILL_MISTAKE_%s 1\n", header, o->mistake);
        free(header);
        header = with;
    }
    const char *cc = compile_cc();
    const char *mode = o->sanitize ? "sanitize" : "plain";

    /* the cache key covers everything that changes the result */
    uint64_t h = hash_str(HASH_SEED, MLDRILL_VERSION);
    h = hash_str(h, cc);
    h = hash_str(h, mode);
    h = hash_str(h, o->untrusted ? "untrusted" : "trusted");
    h = hash_str(h, MLDRILL_BLAS_FLAGS);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        h = hash_str(h, flags[i]);
    for (size_t i = 0; o->sanitize && i < sizeof sanitize_flags / sizeof sanitize_flags[0]; i++)
        h = hash_str(h, sanitize_flags[i]);
    h = hash_str(h, header);
    h = hash_bytes(h, text, srclen);
    h = hash_local_includes(h, src, text, 0);
    free(text);

    char *cache = xdg_cache_dir(err);
    if (!cache) {
        free(header);
        return -1;
    }
    char *sodir = path_join(cache, "so");
    char *incdir = path_join(cache, "include");
    free(cache);
    if (mkdir_p(sodir, err) != 0 || mkdir_p(incdir, err) != 0) {
        free(sodir);
        free(incdir);
        free(header);
        return -1;
    }
    char name[64];
    snprintf(name, sizeof name, "%016llx.so", (unsigned long long)h);
    res->so_path = path_join(sodir, name);
    snprintf(name, sizeof name, "%016llx.log", (unsigned long long)h);
    char *logpath = path_join(sodir, name);
    free(sodir);

    if (!o->no_cache && file_exists(res->so_path)) {
        res->ok = res->cached = true;
        res->output = file_read(logpath, NULL, NULL);
        if (!res->output)
            res->output = xstrdup("");
        free(logpath);
        free(incdir);
        free(header);
        return 0;
    }

    /* the prototypes header, named after the challenge for readable errors */
    uint64_t hh = hash_str(HASH_SEED, header);
    char *hdir = xasprintf("%s/%016llx", incdir, (unsigned long long)hh);
    free(incdir);
    char *hname = xasprintf("mldrill_%s.h", c->id);
    char *hpath = path_join(hdir, hname);
    free(hname);
    int rc = mkdir_p(hdir, err);
    free(hdir);
    if (rc == 0 && !file_exists(hpath))
        rc = file_write_atomic(hpath, header, strlen(header), err);
    free(header);
    if (rc != 0) {
        free(hpath);
        free(logpath);
        return -1;
    }

    /* an untrusted compile writes only into a private directory */
    char *privdir = NULL;
    char *tmp;
    if (o->untrusted) {
        char *base = path_dirname(res->so_path);
        privdir = xasprintf("%s/build-XXXXXX", base);
        free(base);
        if (!mkdtemp(privdir)) {
            md_fail(err, "cannot create a build directory: %s", strerror(errno));
            free(privdir);
            free(hpath);
            free(logpath);
            return -1;
        }
        tmp = path_join(privdir, "solution.so");
    } else {
        tmp = xasprintf("%s.%ld.tmp", res->so_path, (long)getpid());
    }
    const char *argv[96];
    char *ccwords, *blaswords;
    int a = split_words(cc, argv, 8, &ccwords);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        argv[a++] = flags[i];
    for (size_t i = 0; o->sanitize && i < sizeof sanitize_flags / sizeof sanitize_flags[0]; i++)
        argv[a++] = sanitize_flags[i];
    argv[a++] = "-Wl,-z,defs";    /* only the libraries below (and the sanitizers') */
    argv[a++] = "-include";
    argv[a++] = hpath;
    argv[a++] = "-o";
    argv[a++] = tmp;
    argv[a++] = src;
    a += split_words(MLDRILL_BLAS_FLAGS, argv + a, 64, &blaswords);
    argv[a++] = "-lm";
    argv[a] = NULL;

    /* what the compiler of a learner's file may see: the toolchain, the
     * system headers and libraries, the file, and the prototypes */
    char *ccdir = NULL;
    const char *read_dirs[16];
    int nrd = 0;
    static const char *const system_dirs[] = {"/usr/bin", "/usr/lib", "/usr/lib64",
                                              "/usr/libexec", "/usr/include", "/lib",
                                              "/lib64", "/bin", "/etc/alternatives"};
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++)
        read_dirs[nrd++] = system_dirs[i];
    if (argv[0][0] == '/') {
        ccdir = path_dirname(argv[0]);
        read_dirs[nrd++] = ccdir;
    }
    char *hdir2 = path_dirname(hpath);
    const char *read_files[] = {src, hdir2, "/etc/ld.so.cache", "/etc/ld.so.conf"};
    const char *write_dirs[] = {privdir, "/dev/null"};
    confine_rules rules = {read_dirs, nrd, read_files, 4, write_dirs, 2};    /* exec, read, write */

    strbuf out = {0};
    double t0 = now_seconds();
    int st = run_capture(argv, o->untrusted ? &rules : NULL, privdir, &out, err);
    free(ccdir);
    free(hdir2);
    res->seconds = now_seconds() - t0;
    free(ccwords);
    free(blaswords);
    free(hpath);
    rc = 0;
    if (st < 0) {
        unlink(tmp);
        sb_free(&out);
        rc = -1;
    } else {
        res->output = sb_take(&out);
        if (st == 0 && rename(tmp, res->so_path) == 0) {
            res->ok = true;
            file_write_atomic(logpath, res->output, strlen(res->output), NULL);
        } else {
            unlink(tmp);
            if ((st == 127 && strstr(res->output, "cannot run the compiler")) ||
                (st == 126 && strstr(res->output, "cannot confine"))) {
                md_fail(err, "%s", res->output);
                rc = -1;
            }
        }
    }
    free(tmp);
    free(logpath);
    if (privdir) {
        /* the compiler's leftovers, if any, then the directory */
        remove_tree(privdir);
        free(privdir);
    }
    return rc;
}
