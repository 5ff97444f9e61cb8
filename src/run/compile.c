/* compile — see compile.h. */
#define _GNU_SOURCE

#include "run/compile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sha2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "run/confine.h"
#include "spec/proto.h"
#include "util/proc.h"

#define COMPILE_LIMIT_S 60.0

/* The compiler's limits: address space of each of its processes, bytes
 * of any file it writes (the .so). */
#define COMPILE_MAX_AS ((rlim_t)768 << 20)
#define COMPILE_MAX_OUTPUT ((rlim_t)64 << 20)

/* The flags every solution, reference and variant is built with.
 * -g: the line tables that name a slow solution's hot lines (grade/hot.h);
 * GCC generates the same code with it.  -D_DEFAULT_SOURCE: strict C11 hides strdup, M_PI and friends, and an
 * undeclared function returning a pointer would be truncated to int; such
 * calls are made errors rather than crashes. */
static const char *const flags[] = {"-std=c11", "-O2", "-g", "-fPIC", "-shared", "-Wall",
                                    "-Wextra", "-D_DEFAULT_SOURCE",
                                    "-Werror=implicit-function-declaration",
                                    "-fdiagnostics-color=never"};

/* --sanitize: AddressSanitizer and UBSan, reports with file and line,
 * stopping at the first undefined behaviour (docs/security.md). */
static const char *const sanitize_flags[] = {"-fsanitize=address,undefined",
                                             "-fno-sanitize-recover=undefined",
                                             "-fno-omit-frame-pointer", "-g"};

const char *const *compile_flags(int *n)
{
    *n = (int)(sizeof flags / sizeof flags[0]);
    return flags;
}

const char *compile_libs(void)
{
    return MLDRILL_BLAS_FLAGS " -lm";
}

const char *compile_cc(void)
{
    const char *cc = getenv("CC");
    return cc && *cc ? cc : "cc";
}

/* --- the prototypes ---------------------------------------------------------- */

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
    const char *handles[32];
    int nh = proto_handles(c, handles, 32);
    for (int i = 0; i < nh; i++)
        sb_printf(&sb, "typedef struct %s %s;\n", handles[i], handles[i]);
    for (int i = 0; i < c->nfunctions; i++) {
        const function *f = &c->functions[i];
        char *proto = proto_decl(f);
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

/* In the compiler's child, before exec: it dies with the grader (a batch
 * worker killed mid-compile leaves no compiler), and it runs under limits
 * like the runner: address space (a preprocessor bomb), CPU, the size of
 * the files it writes, no core.  Its process group is its own, so the
 * grader can kill the driver and everything it started. */
static void compiler_limits(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(126);
    struct rlimit as = {COMPILE_MAX_AS, COMPILE_MAX_AS};
    struct rlimit cpu = {(rlim_t)COMPILE_LIMIT_S, (rlim_t)COMPILE_LIMIT_S + 1};
    struct rlimit fsize = {COMPILE_MAX_OUTPUT, COMPILE_MAX_OUTPUT};
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_AS, &as);
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_FSIZE, &fsize);
    setrlimit(RLIMIT_CORE, &core);
}

/* Waits for the compiler driver pid until the deadline (then kills its
 * group), kills whatever it left in its group, and reaps it; its exit
 * status, 128 when a signal ended it.  The driver is waited for without
 * being reaped first, so its process group id cannot be reused by a
 * stranger before the group is killed. */
static int reap_compiler(pid_t pid, double deadline, strbuf *out)
{
    for (;;) {
        siginfo_t si;
        si.si_pid = 0;
        int r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
        if ((r == 0 && si.si_pid == pid) || (r < 0 && errno != EINTR))
            break;
        if (now_seconds() > deadline) {
            kill(-pid, SIGKILL);
            sb_add(out, "\nmldrill: the compiler took too long and was stopped\n");
            deadline = 1e300;
        }
        sleep_seconds(0.002);
    }
    int st = 0;
    proc_end_group(pid, &st, NULL);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* The compiler's child: its own process group, output into the pipe,
 * confined when rules are given (TMPDIR tmpdir), under limits; never
 * returns. */
static void exec_compiler(const char **argv, const confine_rules *rules, const char *tmpdir,
                          int out, pid_t parent)
{
    setpgid(0, 0);
    dup2(out, 1);
    dup2(out, 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    if (rules) {
        setenv("TMPDIR", tmpdir, 1);
        if (confine_self(rules) < 0) {
            dprintf(2, "mldrill: cannot confine the compiler: %s\n", strerror(errno));
            _exit(126);
        }
    }
    /* the limits last: setenv and the confinement may allocate, and
     * under ASan (whose shadow is far beyond the address-space limit)
     * an allocation after them fails */
    compiler_limits(parent);
    execvp(argv[0], (char *const *)argv);
    dprintf(2, "cannot run the compiler \"%s\": %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Runs argv, capturing stdout and stderr; returns the exit status, or -1
 * with err (the compiler could not start, or cancel was set: its group is
 * then killed and reaped at once).  With rules, the child is confined to
 * them and its TMPDIR is tmpdir. */
static int run_capture(const char **argv, const confine_rules *rules, const char *tmpdir,
                       volatile sig_atomic_t *cancel, strbuf *out, md_err *err)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return md_fail(err, "pipe: %s", strerror(errno));
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return md_fail(err, "fork: %s", strerror(errno));
    }
    if (pid == 0)
        exec_compiler(argv, rules, tmpdir, p[1], parent);
    close(p[1]);
    double deadline = now_seconds() + COMPILE_LIMIT_S;
    char buf[4096];
    bool cancelled = false;
    for (;;) {
        struct pollfd pfd = {p[0], POLLIN, 0};
        int left = (int)((deadline - now_seconds()) * 1000);
        /* the cancel flag is looked at every 50 ms, as exec.c does */
        int wait_ms = cancel && left > 50 ? 50 : left;
        int r = left > 0 ? poll(&pfd, 1, wait_ms) : 0;
        if (cancel && *cancel) {
            cancelled = true;
            kill(-pid, SIGKILL);
            break;
        }
        if (left <= 0 || (r == 0 && wait_ms == left)) {
            kill(-pid, SIGKILL);
            sb_add(out, "\nmldrill: the compiler took too long and was stopped\n");
            deadline = 1e300;
            break;
        }
        if (r <= 0)
            continue;
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len < 256 * 1024)
            sb_addn(out, buf, (size_t)n);
    }
    close(p[0]);
    int st = reap_compiler(pid, deadline, out);
    return cancelled ? md_fail(err, "cancelled") : st;
}

/* A cache key: SHA-256 over fields, each preceded by its length so that
 * no two lists of fields hash the same bytes. */
static void key_add(SHA2_CTX *k, const void *data, size_t len)
{
    uint64_t n = len;
    SHA256Update(k, (const uint8_t *)&n, sizeof n);
    SHA256Update(k, data, len);
}

static void key_str(SHA2_CTX *k, const char *s) { key_add(k, s, strlen(s)); }

/* Folds the files a trusted source includes with #include "name" (next
 * to it) into the key, so a reference's shared header invalidates the
 * builds that use it.  Never for a learner's file: its includes are not
 * the grader's business (the confined compiler cannot read them), and
 * following them would read whatever the file names, unconfined. */
static void key_local_includes(SHA2_CTX *k, const char *src, const char *text, int depth)
{
    if (depth > 4)
        return;
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
        char *inc = file_read_regular(path, COMPILE_MAX_SOURCE, &len, NULL);
        if (inc) {
            key_str(k, name);
            key_add(k, inc, len);
            key_local_includes(k, path, inc, depth + 1);
            free(inc);
        }
        free(name);
        free(path);
    }
    free(dir);
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

/* One compilation's files, as compile_file works them out (all owned). */
typedef struct cbuild {
    char *header;      /* the prototypes (with the mistake's switch) */
    char *logpath;     /* the compiler's messages, cached beside the .so */
    char *hpath;       /* the prototypes header, force-included */
    char *privdir;     /* untrusted: the private build directory, else NULL */
    char *tmp;         /* where the compiler writes the .so */
    char *srcfile;     /* compile_opts.text written out, else NULL */
    char *srcdir;      /* then the directory of the file it stands for */
} cbuild;

static void cbuild_free(cbuild *b)
{
    free(b->header);
    free(b->logpath);
    free(b->hpath);
    free(b->tmp);
    if (b->srcfile)
        unlink(b->srcfile);
    free(b->srcfile);
    free(b->srcdir);
    if (b->privdir) {
        /* the compiler's leftovers, if any, then the directory */
        remove_tree(b->privdir);
        free(b->privdir);
    }
}

/* The prototypes header, with MISTAKE(id) on for o->mistake. */
static char *build_header(const challenge *c, const compile_opts *o)
{
    char *header = compile_header(c);
    if (o->mistake) {
        char *with = xasprintf("%s#define MLDRILL_MISTAKE_%s 1\n", header, o->mistake);
        free(header);
        header = with;
    }
    return header;
}

/* "PATH SIZE MTIME" of the binary the first word of cc names, found the
 * way execvp finds it (caller frees), or "" when it cannot be found. */
static char *compiler_binary(const char *cc)
{
    char *copy = xstrdup(cc);
    char *first = strtok(copy, " \t");
    char *bin = NULL;
    if (first && strchr(first, '/')) {
        bin = realpath(first, NULL);
    } else if (first) {
        const char *path = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";
        char *dirs = xstrdup(path), *save = NULL;
        for (char *d = strtok_r(dirs, ":", &save); d && !bin; d = strtok_r(NULL, ":", &save)) {
            char *cand = path_join(d, first);
            if (access(cand, X_OK) == 0)
                bin = realpath(cand, NULL);
            free(cand);
        }
        free(dirs);
    }
    free(copy);
    struct stat st;
    char *line = bin && stat(bin, &st) == 0
                     ? xasprintf("%s %lld %lld.%09ld", bin, (long long)st.st_size,
                                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec)
                     : xstrdup("");
    free(bin);
    return line;
}

/* What `cc -dumpfullversion -dumpmachine` says (caller frees). */
static char *compiler_version(const char *cc)
{
    const char *argv[12];
    char *words;
    int n = split_words(cc, argv, 8, &words);
    argv[n++] = "-dumpfullversion";
    argv[n++] = "-dumpmachine";
    argv[n] = NULL;
    strbuf out = {0};
    md_err e2;
    run_capture(argv, NULL, NULL, NULL, &out, &e2);
    free(words);
    return sb_take(&out);
}

/* The compiler's own identity: $CC, its binary's resolved path, size and
 * modification time, and what it says of its version and target.  A
 * compiler upgraded in place changes it, so nothing built by the old one
 * is reused.  Worked out once per process, and the version once per
 * binary: it is kept in the cache under the binary's line. */
static const char *compiler_identity(void)
{
    static char *cached_cc, *cached_id;
    const char *cc = compile_cc();
    if (cached_id && strcmp(cached_cc, cc) == 0)
        return cached_id;
    char *bin = compiler_binary(cc);
    SHA2_CTX k;
    SHA256Init(&k);
    key_str(&k, cc);
    key_str(&k, bin);
    char hex[SHA256_DIGEST_STRING_LENGTH];
    SHA256End(&k, hex);
    char *cache = xdg_cache_dir(NULL);
    char *dir = cache ? path_join(cache, "compilers") : NULL;
    char *file = dir ? path_join(dir, hex) : NULL;
    char *version = file ? file_read_regular(file, 4096, NULL, NULL) : NULL;
    if (!version) {
        version = compiler_version(cc);
        if (*bin && dir && mkdir_p(dir, NULL) == 0)
            file_write_atomic(file, version, strlen(version), NULL);
    }
    free(cached_cc);
    free(cached_id);
    cached_cc = xstrdup(cc);
    cached_id = xasprintf("%s\n%s\n%s", cc, bin, version);
    free(version);
    free(bin);
    free(file);
    free(dir);
    free(cache);
    return cached_id;
}

/* The cache key (64 hex digits into hex[65]): everything that changes
 * the result, the role included. */
static void cache_key(const char *src, const char *text, size_t len, const char *header,
                      const compile_opts *o, char *hex)
{
    SHA2_CTX k;
    SHA256Init(&k);
    key_str(&k, "mldrill compile cache 2");
    key_str(&k, MLDRILL_VERSION);
    key_str(&k, compile_cc());
    key_str(&k, compiler_identity());
    key_str(&k, o->sanitize ? "sanitize" : "plain");
    key_str(&k, o->untrusted ? "untrusted" : "trusted");
    key_str(&k, MLDRILL_BLAS_FLAGS);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        key_str(&k, flags[i]);
    for (size_t i = 0; o->sanitize && i < sizeof sanitize_flags / sizeof sanitize_flags[0]; i++)
        key_str(&k, sanitize_flags[i]);
    key_str(&k, header);
    key_add(&k, text, len);
    if (!o->untrusted)
        key_local_includes(&k, src, text, 0);
    uint8_t d[SHA256_DIGEST_LENGTH];
    SHA256Final(d, &k);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* The cached .so and log paths of key k (res->so_path, b->logpath), and
 * the cache's include directory (caller frees), made if missing.
 * Trusted builds (references, model answers, variants) and a learner's
 * builds live in separate directories: a trusted build is only ever
 * looked up where no untrusted compile writes. */
static char *cache_paths(const char *k, bool untrusted, compile_result *res, cbuild *b,
                         md_err *err)
{
    char *cache = xdg_cache_dir(err);
    if (!cache)
        return NULL;
    char *sodir = path_join(cache, untrusted ? "untrusted" : "trusted");
    char *incdir = path_join(cache, "include");
    free(cache);
    if (mkdir_p(sodir, err) != 0 || mkdir_p(incdir, err) != 0) {
        free(sodir);
        free(incdir);
        return NULL;
    }
    char name[80];
    snprintf(name, sizeof name, "%s.so", k);
    res->so_path = path_join(sodir, name);
    snprintf(name, sizeof name, "%s.log", k);
    b->logpath = path_join(sodir, name);
    free(sodir);
    return incdir;
}

/* Writes the prototypes header under incdir, named after the challenge
 * for readable errors, in a directory of its own hash (b->hpath). */
static int write_header(const challenge *c, const char *incdir, cbuild *b, md_err *err)
{
    uint64_t hh = hash_str(HASH_SEED, b->header);
    char *hdir = xasprintf("%s/%016llx", incdir, (unsigned long long)hh);
    char *hname = xasprintf("mldrill_%s.h", c->id);
    b->hpath = path_join(hdir, hname);
    free(hname);
    int rc = mkdir_p(hdir, err);
    free(hdir);
    if (rc == 0 && !file_exists(b->hpath))
        rc = file_write_atomic(b->hpath, b->header, strlen(b->header), err);
    return rc;
}

/* Where the compiler writes (b->tmp): an untrusted compile writes only
 * into a private directory (b->privdir). */
static int build_target(const compile_result *res, const compile_opts *o, cbuild *b,
                        md_err *err)
{
    if (!o->untrusted) {
        b->tmp = xasprintf("%s.%ld.tmp", res->so_path, (long)getpid());
        return 0;
    }
    char *base = path_dirname(res->so_path);
    b->privdir = xasprintf("%s/build-XXXXXX", base);
    free(base);
    if (!mkdtemp(b->privdir)) {
        md_fail(err, "cannot create a build directory: %s", strerror(errno));
        free(b->privdir);
        b->privdir = NULL;
        return -1;
    }
    b->tmp = path_join(b->privdir, "solution.so");
    return 0;
}

/* The compiler's command line (argv[96]), its words kept in words[2]. */
static void compiler_argv(const char **argv, const char *src, const compile_opts *o,
                          const cbuild *b, char **words)
{
    int a = split_words(compile_cc(), argv, 8, &words[0]);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        argv[a++] = flags[i];
    for (size_t i = 0; o->sanitize && i < sizeof sanitize_flags / sizeof sanitize_flags[0]; i++)
        argv[a++] = sanitize_flags[i];
    argv[a++] = "-Wl,-z,defs";    /* only the libraries below (and the sanitizers') */
    argv[a++] = "-include";
    argv[a++] = b->hpath;
    argv[a++] = "-o";
    argv[a++] = b->tmp;
    if (b->srcfile) {
        argv[a++] = "-iquote";    /* the #include "..." files of src */
        argv[a++] = b->srcdir;
        src = b->srcfile;
    }
    argv[a++] = src;
    a += split_words(MLDRILL_BLAS_FLAGS, argv + a, 64, &words[1]);
    argv[a++] = "-lm";
    argv[a] = NULL;
}

/* What the compiler of a learner's file may see: the toolchain, the
 * system headers and libraries, the file, and the prototypes. */
typedef struct cconfine {
    const char *read_dirs[16];   /* read and execute */
    const char *read_files[4];
    const char *write_dirs[2];
    char *ccdir, *hdir;          /* owned */
    confine_rules rules;
} cconfine;

static void compiler_confinement(cconfine *cf, const char *cc, const char *src,
                                 const cbuild *b)
{
    static const char *const system_dirs[] = {"/usr/bin", "/usr/lib", "/usr/lib64",
                                              "/usr/libexec", "/usr/include", "/lib",
                                              "/lib64", "/bin", "/etc/alternatives"};
    int nrd = 0;
    for (size_t i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++)
        cf->read_dirs[nrd++] = system_dirs[i];
    cf->ccdir = NULL;
    if (cc[0] == '/') {
        cf->ccdir = path_dirname(cc);
        cf->read_dirs[nrd++] = cf->ccdir;
    }
    cf->hdir = path_dirname(b->hpath);
    cf->read_files[0] = src;
    cf->read_files[1] = cf->hdir;
    cf->read_files[2] = "/etc/ld.so.cache";
    cf->read_files[3] = "/etc/ld.so.conf";
    cf->write_dirs[0] = b->privdir;
    cf->write_dirs[1] = "/dev/null";
    cf->rules = (confine_rules){cf->read_dirs, nrd, cf->read_files, 4, cf->write_dirs, 2};
}

/* compile_opts.text in a file beside the target, starting with a #line
 * directive so that messages name src and its lines. */
static int write_text(const char *src, const char *text, cbuild *b, md_err *err)
{
    b->srcfile = xasprintf("%s.c", b->tmp);
    b->srcdir = path_dirname(src);
    char *with = xasprintf("#line 1 \"%s\"\n%s", src, text);
    int rc = file_write_atomic(b->srcfile, with, strlen(with), err);
    free(with);
    return rc;
}

/* Runs the compiler; its messages go to res->output, the .so to its
 * cached path.  -1 with err when the compiler could not be run. */
static int run_compiler(const char *src, const compile_opts *o, cbuild *b,
                        compile_result *res, md_err *err)
{
    const char *argv[96];
    char *words[2];
    compiler_argv(argv, src, o, b, words);
    cconfine cf;
    compiler_confinement(&cf, argv[0], src, b);
    strbuf out = {0};
    double t0 = now_seconds();
    int st = run_capture(argv, o->untrusted ? &cf.rules : NULL, b->privdir, o->cancel, &out,
                         err);
    res->seconds = now_seconds() - t0;
    free(cf.ccdir);
    free(cf.hdir);
    free(words[0]);
    free(words[1]);
    if (st < 0) {
        unlink(b->tmp);
        sb_free(&out);
        return -1;
    }
    res->output = sb_take(&out);
    if (st == 0 && rename(b->tmp, res->so_path) == 0) {
        res->ok = true;
        file_write_atomic(b->logpath, res->output, strlen(res->output), NULL);
        return 0;
    }
    unlink(b->tmp);
    if ((st == 127 && strstr(res->output, "cannot run the compiler")) ||
        (st == 126 && strstr(res->output, "cannot confine")))
        return md_fail(err, "%s", res->output);
    return 0;
}

/* The bytes to compile: compile_opts.text, or the file, read as a
 * regular file of bounded size (a learner's path is not trusted). */
static char *source_text(const char *src, const compile_opts *o, size_t *len, md_err *err)
{
    if (o->text) {
        *len = strlen(o->text);
        return xstrdup(o->text);
    }
    return file_read_regular(src, COMPILE_MAX_SOURCE, len, err);
}

int compile_file(const challenge *c, const char *src, const compile_opts *o,
                 compile_result *res, md_err *err)
{
    memset(res, 0, sizeof *res);
    if (o->text && o->untrusted)
        return md_fail(err, "compile: a text stands for a file in trusted builds only");
    size_t srclen = 0;
    char *text = source_text(src, o, &srclen, err);
    if (!text)
        return -1;
    cbuild b = {.header = build_header(c, o)};
    char key[2 * SHA256_DIGEST_LENGTH + 1];
    cache_key(src, text, srclen, b.header, o, key);
    free(text);
    char *incdir = cache_paths(key, o->untrusted, res, &b, err);
    int rc = incdir ? 0 : -1;
    if (rc == 0 && !o->no_cache && file_exists(res->so_path)) {
        res->ok = res->cached = true;
        res->output = file_read(b.logpath, NULL, NULL);
        if (!res->output)
            res->output = xstrdup("");
    } else if (rc == 0) {
        rc = write_header(c, incdir, &b, err);
        if (rc == 0)
            rc = build_target(res, o, &b, err);
        if (rc == 0 && o->text)
            rc = write_text(src, o->text, &b, err);
        if (rc == 0)
            rc = run_compiler(src, o, &b, res, err);
    }
    free(incdir);
    cbuild_free(&b);
    return rc;
}
