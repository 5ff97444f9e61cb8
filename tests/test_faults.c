/* The sandbox's fault matrix: grades every solution of a directory
 * (tests/faults/, one fault each) end to end with grade_solution, the way
 * the REPL does, and checks for each:
 *   - the outcome its first line declares (expect.h), e.g. case=forbidden;
 *   - a one-line explanation naming the fault, containing the phrase of
 *     its "says:" line (second line), on a case with the declared status
 *     (for status=compile_error: in the compiler's messages, within
 *     COMPILE_BOUND_S);
 *   - every case settled within its wall limit plus a second (the load
 *     limit plus a second when the solution hangs while loading), timed
 *     from the grader's progress callbacks, and the whole grading within
 *     its budget (grade_budget_s) from the start of its cases;
 *   - no file created: the grading runs in a fresh HOME, TMPDIR and
 *     working directory, which must stay empty, and the absolute paths the
 *     solutions try (/tmp/mldrill-fault-*) must not exist;
 *   - no process left behind: this program is a child subreaper, so any
 *     descendant the runner left (even one that escaped its session) ends
 *     up as its child, and none may exist after the grading;
 *   - this program still runs (a solution that killed its grader would
 *     end the test).
 * Optional markers in the first lines of a solution:
 *   "output: capped"   the report keeps a capped part of a larger output;
 *   "needs: landlock"  only checked when the kernel has Landlock;
 *   "text: visible"    the text report (as the REPL prints it, with and
 *                      without colour) sends no control character of the
 *                      solution's: every one is shown as \x1b-style text.
 *   "timing: attack"   an attack on the timing: besides its declared
 *                      verdict, the reference's best times in the
 *                      baselines file must stay what an honest grading
 *                      (tests/solutions/CHALLENGE/accepted_blas.c, graded
 *                      first) and the attack's own reference rounds make
 *                      them: none may fall below half of what it was.
 * It prints how long each fault took to be reported.
 *
 * Usage: test_faults CHALLENGE DIR [--sanitize] [FILE.c ...] */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <linux/landlock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spec/catalog.h"
#include "run/exec.h"
#include "instructor/expect.h"
#include "grade/grade.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "util/proc.h"

#define OUTPUT_CAP (64 * 1024)

/* What a grading may take past its budget: killing, reaping, scoring. */
#define BUDGET_SLACK_S 1.5

/* A file that does not compile must be refused within this many seconds,
 * whatever it asks of the compiler (its time limit is 60 s). */
#define COMPILE_BOUND_S 58.0

typedef struct markers {
    char says[256];     /* phrase the explanation must contain ("" = none) */
    bool capped;        /* output: capped */
    bool landlock;      /* needs: landlock */
    bool visible;       /* text: visible */
    bool attack;        /* timing: attack */
} markers;

/* --- reading the solution's markers -------------------------------------------- */

static void trim_comment(char *s)
{
    char *end = strstr(s, "*/");
    if (end)
        *end = '\0';
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static void read_markers(const char *path, markers *m)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "r");
    char line[512];
    for (int i = 0; f && i < 6 && fgets(line, sizeof line, f); i++) {
        char *p;
        if ((p = strstr(line, "says:"))) {
            p += 5;
            while (*p == ' ')
                p++;
            snprintf(m->says, sizeof m->says, "%s", p);
            trim_comment(m->says);
        }
        if (strstr(line, "output: capped"))
            m->capped = true;
        if (strstr(line, "needs: landlock"))
            m->landlock = true;
        if (strstr(line, "text: visible"))
            m->visible = true;
        if (strstr(line, "timing: attack"))
            m->attack = true;
    }
    if (f)
        fclose(f);
}

static bool have_landlock(void)
{
    return syscall(SYS_landlock_create_ruleset, NULL, 0,
                   LANDLOCK_CREATE_RULESET_VERSION) >= 1;
}

/* --- timing the cases through the progress callback ----------------------------- */

typedef struct clock_log {
    double start;          /* the cases stage began */
    double last;           /* the previous case finished */
    double worst;          /* longest gap between two case results */
    double first;          /* until the first case result */
    int events;
} clock_log;

static void on_progress(void *ctx, grade_stage stage, int done, int total)
{
    clock_log *c = ctx;
    (void)total;
    if (stage != STAGE_CASES)
        return;
    double now = now_seconds();
    if (done == 0) {
        if (c->start == 0)
            c->start = c->last = now;
        return;
    }
    if (c->start == 0)
        return;
    double gap = now - c->last;
    if (gap > c->worst)
        c->worst = gap;
    if (c->events == 0)
        c->first = now - c->start;
    c->last = now;
    c->events++;
}

/* --- files and processes --------------------------------------------------------- */

static int make_dir(const char *base, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", base, name);
    return mkdir(out, 0700);
}

/* Names of the entries of dir, comma separated, into why; the count. */
static int list_entries(const char *dir, strbuf *why)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        sb_printf(why, "%s%s/%s", n ? ", " : "", dir, de->d_name);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

/* Children of this process (with the subreaper flag, every orphaned
 * descendant too); kills and reaps them, returns how many there were. */
static int leftover_children(strbuf *why)
{
    pid_t self = getpid();
    DIR *d = opendir("/proc");
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d))) {
        pid_t pid = (pid_t)atoi(de->d_name);
        if (pid <= 0 || pid == self)
            continue;
        pid_t ppid;
        char state, comm[64];
        if (proc_stat(pid, &ppid, &state, comm, sizeof comm) != 0 || ppid != self)
            continue;
        sb_printf(why, "%sprocess %d (%s, state %c)", n ? ", " : "", (int)pid, comm, state);
        n++;
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    if (d)
        closedir(d);
    return n;
}

/* The checks above must be able to fail: a leftover orphan and a planted
 * file are seen.  Returns 0 when both are. */
static int self_check(void)
{
    strbuf why = {0};
    /* an orphan: a grandchild whose parent exits at once */
    pid_t pid = fork();
    if (pid == 0) {
        if (fork() == 0) {
            pause();
            _exit(0);
        }
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    usleep(20000);
    int procs = leftover_children(&why);
    char dir[] = "/tmp/mldrill-test-faults-XXXXXX";
    int files = -1;
    if (mkdtemp(dir)) {
        char *f = path_join(dir, "planted");
        FILE *fp = fopen(f, "w");
        if (fp)
            fclose(fp);
        files = list_entries(dir, &why);
        free(f);
        remove_tree(dir);
    }
    sb_free(&why);
    if (procs == 1 && files == 1)
        return 0;
    printf("FAIL self-check: a planted orphan gave %d leftover processes, a planted file "
           "%d entries (want 1 and 1)\n", procs, files);
    return 1;
}

/* The text report of r without colour has no control character but
 * newlines, and with colour none but the report's own SGR colours; the
 * solution's escape bytes are shown as text.  The number of problems. */
static int check_visible(const report *r, strbuf *why)
{
    int bad = 0;
    for (int colour = 0; colour < 2; colour++) {
        char *t = report_text(r, colour);
        for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
            bool sgr = colour && p[0] == 0x1b && p[1] == '[' &&
                       strspn((const char *)p + 2, "0123456789;") > 0 &&
                       p[2 + strspn((const char *)p + 2, "0123456789;")] == 'm';
            bool c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0;
            if (((*p < 0x20 && *p != '\n') || *p == 0x7f || c1) && !sgr) {
                sb_printf(why, "  the text report%s sends byte 0x%02x to the terminal\n",
                          colour ? " (colour)" : "", *p);
                bad++;
                break;
            }
        }
        if (!strstr(t, "\\x1b[2J")) {
            sb_printf(why, "  the text report%s does not show the escape as \\x1b\n",
                      colour ? " (colour)" : "");
            bad++;
        }
        free(t);
    }
    return bad;
}

/* --- the baselines file (timing attacks) ------------------------------------------ */

static char *baselines_path(void)
{
    char *dir = xdg_cache_dir(NULL);
    char *p = dir ? xasprintf("%s/timing-baselines", dir) : NULL;
    free(dir);
    return p;
}

/* The best time on key's line of the baselines text (its first number),
 * or 0. */
static double best_of(const char *text, const char *key, size_t klen)
{
    for (const char *p = text; p && *p;) {
        if (strncmp(p, key, klen) == 0 && p[klen] == ' ')
            return strtod(p + klen + 1, NULL);
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    return 0;
}

/* Every key of before must keep at least half its best in after. */
static int baselines_kept(const char *before, const char *after, strbuf *why)
{
    int bad = 0;
    for (const char *p = before; p && *p;) {
        const char *sp = strchr(p, ' '), *nl = strchr(p, '\n');
        if (sp && (!nl || sp < nl)) {
            size_t klen = (size_t)(sp - p);
            double was = strtod(sp + 1, NULL), now = best_of(after, p, klen);
            if (now < was / 2) {
                sb_printf(why, "  the baselines file now says %.3g s for %.*s (was %.3g s)\n",
                          now, (int)klen, p, was);
                bad++;
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    return bad;
}

/* Grades the challenge's honest CBLAS solution once, so that the
 * reference's best here is in the baselines file before any attack. */
static void honest_baseline(const challenge *c)
{
    static bool done;
    const char *src = getenv("MLDRILL_SRC");
    if (done || !src)
        return;
    done = true;
    char *path = xasprintf("%s/tests/solutions/%s/accepted_blas.c", src, c->id);
    grade_opts o = {0};
    md_err err;
    report_free(grade_solution(c, path, &o, &err));
    free(path);
}

/* --- one solution ------------------------------------------------------------------ */

/* Grades one solution in a fresh HOME/TMPDIR/cwd and checks everything;
 * returns the number of problems (each described in why). */
static int check_one(const challenge *c, const char *file, bool sanitize, strbuf *why,
                     strbuf *line)
{
    md_err err;
    expectation e;
    if (expect_parse(file, &e, &err) != 0) {
        sb_printf(why, "  %s\n", err.msg);
        return 1;
    }
    markers mk;
    read_markers(file, &mk);
    if (mk.landlock && !have_landlock()) {
        expect_free(&e);
        sb_printf(line, "skip %s (the kernel has no Landlock)\n", path_basename(file));
        return -1;
    }

    /* fresh directories, and the working directory inside them */
    char base[] = "/tmp/mldrill-test-faults-XXXXXX", home[512], tmp[512], cwd[512];
    char here[4096];
    if (!mkdtemp(base) || make_dir(base, "home", home, sizeof home) != 0 ||
        make_dir(base, "tmp", tmp, sizeof tmp) != 0 ||
        make_dir(base, "cwd", cwd, sizeof cwd) != 0 || !getcwd(here, sizeof here)) {
        sb_printf(why, "  cannot create the scratch directories: %s\n", strerror(errno));
        expect_free(&e);
        return 1;
    }
    char *abs = file[0] == '/' ? xstrdup(file) : path_join(here, file);
    setenv("HOME", home, 1);
    setenv("TMPDIR", tmp, 1);
    if (chdir(cwd) != 0) {
        sb_printf(why, "  chdir %s: %s\n", cwd, strerror(errno));
        free(abs);
        expect_free(&e);
        return 1;
    }

    char *bl_path = NULL, *bl_before = NULL;
    if (mk.attack) {
        honest_baseline(c);
        bl_path = baselines_path();
        bl_before = bl_path ? file_read(bl_path, NULL, NULL) : NULL;
    }
    clock_log clk = {0};
    grade_opts o = {0};
    o.have_seed = true;
    o.seed = hash_str(HASH_SEED, path_basename(file));
    o.sanitize = sanitize;
    /* an attack on the timing gets the challenge's own budget: what a
     * grading gives it */
    o.timing_budget_s = mk.attack ? 0 : 0.3;
    o.progress = on_progress;
    o.progress_ctx = &clk;
    double t0 = now_seconds();
    report *r = grade_solution(c, abs, &o, &err);
    double t1 = now_seconds(), total = t1 - t0;
    if (chdir(here) != 0)
        sb_printf(why, "  chdir back: %s\n", strerror(errno));
    int bad = 0;

    /* the grading's one deadline: from its cases on, it ends within its
     * budget (grade.h), whatever the solution does */
    if (clk.start > 0 && t1 - clk.start > grade_budget_s(c, &o) + BUDGET_SLACK_S) {
        sb_printf(why, "  the grading took %.1f s from its cases on, past its budget of "
                       "%.1f s\n", t1 - clk.start, grade_budget_s(c, &o));
        bad++;
    }

    /* processes first: nothing may outlive the grading */
    strbuf procs = {0};
    if (leftover_children(&procs) > 0) {
        sb_printf(why, "  left processes behind: %s\n", sb_str(&procs));
        bad++;
    }
    sb_free(&procs);

    /* files: the fresh directories stay empty, the planted paths absent */
    strbuf files = {0};
    int nfiles = list_entries(home, &files) + list_entries(tmp, &files) +
                 list_entries(cwd, &files);
    glob_t g;
    if (glob("/tmp/mldrill-fault-*", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            sb_printf(&files, "%s%s", nfiles ? ", " : "", g.gl_pathv[i]);
            unlink(g.gl_pathv[i]);
            nfiles++;
        }
        globfree(&g);
    }
    if (nfiles > 0) {
        sb_printf(why, "  files appeared: %s\n", sb_str(&files));
        bad++;
    }
    sb_free(&files);
    remove_tree(base);

    if (!r) {
        sb_printf(why, "  grading failed: %s\n", err.msg);
        free(bl_path);
        free(bl_before);
        free(abs);
        expect_free(&e);
        return bad + 1;
    }

    /* the declared outcome */
    bad += expect_verify(&e, r, why);

    /* an attack on the timing leaves the reference's best times alone */
    if (mk.attack) {
        char *after = bl_path ? file_read(bl_path, NULL, NULL) : NULL;
        if (!bl_before || !after) {
            sb_printf(why, "  no baselines file to compare (%s)\n", bl_path ? bl_path : "?");
            bad++;
        } else {
            bad += baselines_kept(bl_before, after, why);
        }
        free(after);
    }
    free(bl_path);
    free(bl_before);

    /* the explanation: one line, on a case with a declared status */
    const rcase *named = NULL;
    for (int i = 0; i < r->ncases && !named; i++) {
        const rcase *rc = &r->cases[i];
        bool declared = e.ncases == 0;
        for (int k = 0; k < e.ncases; k++)
            declared |= rc->status == e.cases[k];
        if (declared && rc->message && (!mk.says[0] || strstr(rc->message, mk.says)))
            named = rc;
    }
    if (r->compile_error) {
        /* a file the compiler refuses: the phrase is in its messages,
         * and the compiler's limits end it well before its time limit */
        const char *out = r->compiler_output ? r->compiler_output : "";
        if (mk.says[0] && !strstr(out, mk.says)) {
            sb_printf(why, "  the compiler's messages do not say \"%s\": %.300s\n", mk.says,
                      out);
            bad++;
        }
        if (total > COMPILE_BOUND_S) {
            sb_printf(why, "  compiling took %.1f s (bound %.0f s)\n", total, COMPILE_BOUND_S);
            bad++;
        }
    } else if (mk.says[0] && !named) {
        sb_printf(why, "  no case with the declared status says \"%s\"; the first says: "
                       "%s\n", mk.says,
                  r->ncases && r->cases[0].message ? r->cases[0].message : "(nothing)");
        bad++;
    }
    for (int i = 0; i < r->ncases; i++)
        if (r->cases[i].message && strchr(r->cases[i].message, '\n')) {
            sb_printf(why, "  case \"%s\": the explanation is not one line\n",
                      r->cases[i].name);
            bad++;
            break;
        }

    /* bounded time: each case within its wall limit plus a second */
    double wall = 0;
    for (int i = 0; i < c->ncases; i++)
        if (c->cases[i].wall_s > wall)
            wall = c->cases[i].wall_s;
    bool loading = named && strstr(named->message, "while loading");
    if (sanitize)
        wall *= EXEC_SANITIZE_SLOWDOWN;
    double bound = (loading ? EXEC_LOAD_LIMIT_S : wall) + 1.0;
    if (clk.worst > bound) {
        sb_printf(why, "  a case took %.2f s to be settled (bound %.1f s)\n", clk.worst,
                  bound);
        bad++;
    }

    /* a flood of output: capped in the report, counted in full */
    if (mk.capped) {
        size_t kept = r->output ? strlen(r->output) : 0;
        if (kept > OUTPUT_CAP || r->output_total <= kept) {
            sb_printf(why, "  output: %zu bytes kept of %zu printed (want at most %d "
                           "kept of more)\n", kept, r->output_total, OUTPUT_CAP);
            bad++;
        }
    }

    if (mk.visible)
        bad += check_visible(r, why);

    const char *status = r->ncases ? cstatus_name(r->cases[0].status) : "-";
    if (named)
        status = cstatus_name(named->status);
    sb_printf(line, "%-4s %-22s %-9s first %5.2f s  worst %5.2f s  total %5.2f s  %s\n",
              bad ? "FAIL" : "ok", path_basename(file), status, clk.first, clk.worst,
              total, named && named->message ? named->message : "");
    report_free(r);
    free(abs);
    expect_free(&e);
    return bad;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_faults CHALLENGE DIR [--sanitize] [FILE.c ...]\n");
        return 2;
    }
    bool sanitize = false;
    char **files = NULL;
    int n = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--sanitize") == 0) {
            sanitize = true;
            continue;
        }
        files = xrealloc(files, sizeof(char *) * (size_t)(n + 1));
        files[n++] = xstrdup(argv[i]);
    }
    if (n == 0) {
        DIR *d = opendir(argv[2]);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l < 3 || strcmp(de->d_name + l - 2, ".c") != 0)
                continue;
            files = xrealloc(files, sizeof(char *) * (size_t)(n + 1));
            files[n++] = path_join(argv[2], de->d_name);
        }
        if (d)
            closedir(d);
        qsort(files, (size_t)n, sizeof(char *), cmp_str);
    }
    if (n == 0) {
        fprintf(stderr, "no solutions in %s\n", argv[2]);
        return 1;
    }

    /* the compile cache is the grader's own; it must not be in the fresh
     * HOME the solutions run under */
    if (!getenv("XDG_CACHE_HOME"))
        setenv("XDG_CACHE_HOME", "/tmp/mldrill-test-faults-cache", 1);
    if (!getenv("XDG_STATE_HOME"))
        setenv("XDG_STATE_HOME", "/tmp/mldrill-test-faults-state", 1);

    /* orphans of the runners come to this process, where they can be seen */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        perror("prctl(PR_SET_CHILD_SUBREAPER)");
        return 1;
    }
    if (self_check() != 0)
        return 1;
    catalog *cat = catalog_open(NULL, 0);
    md_err err;
    char *path = catalog_find(cat, argv[1], &err);
    challenge *c = path ? challenge_load(path, &err) : NULL;
    if (!c) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    int failures = 0, skipped = 0;
    for (int i = 0; i < n; i++) {
        strbuf why = {0}, line = {0};
        int bad = check_one(c, files[i], sanitize, &why, &line);
        if (bad < 0)
            skipped++;
        else if (bad > 0)
            failures++;
        if (bad > 0 && !line.len)
            sb_printf(&line, "FAIL %s\n", path_basename(files[i]));
        fputs(sb_str(&line), stdout);
        fputs(sb_str(&why), stdout);
        fflush(stdout);
        sb_free(&why);
        sb_free(&line);
    }
    printf("%d of %d faults got their declared outcome%s", n - skipped - failures,
           n - skipped, skipped ? "" : "\n");
    if (skipped)
        printf(" (%d skipped)\n", skipped);
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
    free(path);
    spec_free(c);
    catalog_free(cat);
    return failures ? 1 : 0;
}
