/* session — see session.h. */

#include "repl/session.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grade/grade.h"
#include "spec/challenge.h"
#include "store/workspace.h"
#include "run/compile.h"

void format_duration(double s, char *buf, size_t n)
{
    long t = s > 0 ? (long)floor(s) : 0;
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* A path as the learner would type it: relative to the current directory
 * when it is inside it.  Points into path. */
const char *session_shown_path(const char *path)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return path;
    size_t n = strlen(cwd);
    if (strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

challenge *session_load(session *s, const char *id)
{
    md_err err;
    char *path = catalog_find(s->cat, id, &err);
    if (!path && catalog_is_path(id)) {
        printf("%s\n", err.msg);
        return NULL;
    }
    if (!path) {
        /* the catalog's message names `mldrill list`: here it is `list` */
        char *near = catalog_suggest(s->cat, id);
        printf("Unknown challenge \"%s\"", id);
        if (near)
            printf(": did you mean `%s`?", near);
        printf("  (`list` shows them)\n");
        free(near);
        return NULL;
    }
    challenge *c = challenge_load(path, &err);
    free(path);
    if (!c)
        printf("invalid challenge spec: %s\n", err.msg);
    return c;
}

double session_elapsed(const session *s)
{
    if (!s->c)
        return 0;
    if (!s->timer.running)
        return rtimer_elapsed(&s->timer, now_seconds());
    return (now_seconds() - s->started_real) * s->scale;
}

help_used session_help(const session *s)
{
    help_used h = {s->hints, s->peeked, 0};
    double left = rtimer_left(&s->timer, now_seconds());
    if (s->c && s->timer.running && left < 0)
        h.overtime_s = -left;
    return h;
}

void session_keep(session *s)
{
    if (!s->c || s->mock || s->solved || !s->hist)
        return;
    pending p = {s->started_wall, session_elapsed(s), s->timer.limit_s, s->hints, s->peeked};
    md_err err;
    if (history_pending_put(s->hist, s->c->id, &p, &err) != 0)
        printf("Could not keep the clock of %s for next time: %s\n", s->c->id, err.msg);
    s->saved_real = now_seconds();
}

void session_tick(session *s)
{
    if (s->c && now_seconds() - s->saved_real > 30)
        session_keep(s);
}

void session_end(session *s, bool stop_clock)
{
    session_keep(s);
    spec_free(s->c);
    s->c = NULL;
    free(s->file);
    s->file = NULL;
    report_free(s->last);
    s->last = NULL;
    if (stop_clock)
        rtimer_stop(&s->timer, now_seconds());
}

/* Starts the clock of the challenge in progress with limit_s, or goes on
 * from where it was left unfinished.  Sets *resumed when it did; the
 * help carried over is set either way (a peek can come before a start). */
static void start_clock(session *s, double *limit_s, bool *resumed)
{
    pending p;
    md_err err;
    int rc = !s->mock && s->hist ? history_pending_get(s->hist, s->c->id, &p, &err) : 1;
    if (rc < 0)
        printf("Could not look for an unfinished %s: %s\n", s->c->id, err.msg);
    bool found = rc == 0;
    *resumed = found && p.limit_s > 0;
    if (found) {
        s->hints = p.hints;
        s->peeked = s->solution_seen = p.peeked;
    }
    if (*resumed) {
        *limit_s = p.limit_s;
        s->started_wall = p.started_at;
        s->started_real = now_seconds() - p.elapsed_s / s->scale;
        rtimer_resume(&s->timer, now_seconds(), p.limit_s, p.elapsed_s, s->scale);
    } else if (*limit_s > 0) {
        rtimer_start(&s->timer, s->started_real, *limit_s, s->scale);
    }
}

/* The statement, the file and the clock, as `start` shows them. */
static void print_start(const session *s, const char *path, bool created, double limit_s,
                        bool resumed)
{
    const challenge *c = s->c;
    const char *b = s->colour ? "\033[1m" : "", *r = s->colour ? "\033[0m" : "";
    printf("\n%s%s — %s%s  (%s, %g min)\n\n%s\n\n", b, c->id, c->title, r,
           difficulty_name(c->diff), limit_s > 0 ? limit_s / 60 : (double)c->minutes,
           c->statement);
    printf("Your file: %s  %s\n", session_shown_path(path),
           created ? "(a new starter with the prototypes)"
                   : "(kept from before: `reset` gives a fresh starter)");
    char t[32], lim[32];
    rtimer_format(limit_s, lim, sizeof lim);
    help_used h = session_help(s);
    char *help = help_describe(&h);
    if (resumed) {
        rtimer_format(rtimer_left(&s->timer, now_seconds()), t, sizeof t);
        printf("The clock is running: %s left of %s, going on from where you stopped%s%s%s.\n",
               t, lim, *help ? " (so far: " : "", help, *help ? ")" : "");
    } else if (limit_s > 0) {
        printf("The clock is running: %s%s%s%s.  ", lim, *help ? " (already used: " : "", help,
               *help ? ")" : "");
    }
    free(help);
    printf("`run` checks the examples, `submit` grades and records,\n"
           "`hint` helps (hints are noted), `help` lists everything.\n");
}

int session_begin(session *s, challenge *c, double limit_s)
{
    md_err err;
    char *path;
    bool created;
    if (workspace_prepare(s->workspace, c, &path, &created, &err) != 0) {
        printf("Cannot write the starter file: %s\n", err.msg);
        spec_free(c);
        return 1;
    }
    session_end(s, false);
    s->c = c;
    s->file = path;
    s->hints = 0;
    s->submitted = s->solved = s->solution_seen = s->peeked = false;
    s->started_wall = (int64_t)time(NULL);
    s->started_real = now_seconds();
    bool resumed;
    start_clock(s, &limit_s, &resumed);
    s->saved_real = now_seconds();
    print_start(s, path, created, limit_s, resumed);
    return 0;
}

/* --- grading ------------------------------------------------------------------ */

/* The one-line progress display on stderr (a terminal). */
static void show_progress(void *ctx, grade_stage st, int done, int total)
{
    (void)ctx;
    char what[64];
    switch (st) {
    case STAGE_COMPILE: snprintf(what, sizeof what, "compiling"); break;
    case STAGE_CASES: snprintf(what, sizeof what, "cases %d/%d", done, total); break;
    case STAGE_TIMING: snprintf(what, sizeof what, "timing against the reference"); break;
    case STAGE_MISTAKES: snprintf(what, sizeof what, "looking for known mistakes"); break;
    default: what[0] = '\0';
    }
    fprintf(stderr, "\r\033[K  %s...  (Ctrl-C cancels)", what);
    fflush(stderr);
}

/* Every occurrence of from in text replaced by to (caller frees). */
static char *replace_all(const char *text, const char *from, const char *to)
{
    strbuf sb = {0};
    size_t n = strlen(from);
    for (const char *p = text, *q; *p; p = q + n) {
        q = strstr(p, from);
        if (!q) {
            sb_add(&sb, p);
            break;
        }
        sb_addn(&sb, p, (size_t)(q - p));
        sb_add(&sb, to);
    }
    return sb_take(&sb);
}

/* A private copy of the file, graded instead of the file itself: the
 * learner may save again while the grading runs, and the history must
 * hold exactly the text that was graded. */
static char *snapshot(session *s, const char *text, size_t len, char **dir, md_err *err)
{
    char *cache = xdg_cache_dir(err);
    if (!cache)
        return NULL;
    *dir = xasprintf("%s/snapshots/%ld", cache, (long)getpid());
    free(cache);
    char *name = xasprintf("%s.c", s->c->id);
    char *snap = path_join(*dir, name);
    free(name);
    if (mkdir_p(*dir, err) != 0 || file_write_atomic(snap, text, len, err) != 0) {
        free(snap);
        free(*dir);
        *dir = NULL;
        return NULL;
    }
    return snap;
}

void session_clean_snapshots(void)
{
    char *cache = xdg_cache_dir(NULL);
    char *root = cache ? path_join(cache, "snapshots") : NULL;
    free(cache);
    DIR *d = root ? opendir(root) : NULL;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        char *end;
        long pid = strtol(de->d_name, &end, 10);
        /* a REPL killed mid-grading left its copy behind */
        if (*end || pid <= 0 || !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
            continue;
        char *dir = path_join(root, de->d_name);
        DIR *sub = opendir(dir);
        struct dirent *f;
        while (sub && (f = readdir(sub))) {
            if (f->d_name[0] == '.')
                continue;
            char *file = path_join(dir, f->d_name);
            unlink(file);
            free(file);
        }
        if (sub)
            closedir(sub);
        rmdir(dir);
        free(dir);
    }
    if (d)
        closedir(d);
    free(root);
}

report *session_grade(session *s, bool visible_only, char **source)
{
    md_err err;
    size_t len;
    char *text = file_read_regular(s->file, COMPILE_MAX_SOURCE, &len, &err);
    if (!text) {
        printf("%s\n", err.msg);
        return NULL;
    }
    char *dir = NULL;
    char *snap = snapshot(s, text, len, &dir, &err);
    if (!snap) {
        printf("Cannot copy the file for grading: %s\n", err.msg);
        free(text);
        return NULL;
    }
    grade_opts o = {0};
    o.visible_only = visible_only;
    o.cancel = s->interrupted;
    if (s->progress)
        o.progress = show_progress;
    *s->interrupted = 0;
    fflush(stdout);
    report *r = grade_solution(s->c, snap, &o, &err);
    if (s->progress) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    unlink(snap);
    rmdir(dir);
    bool cancelled = *s->interrupted;
    *s->interrupted = 0;
    s->cancelled = cancelled;
    if (cancelled) {
        report_free(r);
        r = NULL;
        printf("Cancelled.\n");
    } else if (!r) {
        printf("Grading failed: %s\n", err.msg);
    }
    if (r) {
        /* graded from a copy: the command that grades again names the file */
        free(r->solution);
        r->solution = xstrdup(s->file);
    }
    if (r && r->compiler_output) {
        /* the compiler named the copy: show the learner's file */
        char *fixed = replace_all(r->compiler_output, snap, session_shown_path(s->file));
        free(r->compiler_output);
        r->compiler_output = fixed;
    }
    free(snap);
    free(dir);
    if (r && source)
        *source = text;
    else
        free(text);
    return r;
}

/* The warning due now, as the text to show, or NULL. */
char *session_warning_text(session *s)
{
    if (!s->c)
        return NULL;
    rt_warning w = rtimer_due(&s->timer, now_seconds());
    if (w == RT_NONE)
        return NULL;
    const char *what = s->mock ? "the mock interview" : s->c->id;
    const char *on = s->colour ? (w == RT_FIVE_MINUTES ? "\033[1;33m" : "\033[1;31m") : "";
    const char *off = s->colour ? "\033[0m" : "";
    if (w == RT_FIVE_MINUTES)
        return xasprintf("%s[time] 5 minutes left on %s.%s", on, what, off);
    if (w == RT_ONE_MINUTE)
        return xasprintf("%s[time] 1 minute left on %s: `submit` what you have soon.%s", on,
                         what, off);
    char lim[32];
    format_duration(s->timer.limit_s, lim, sizeof lim);
    return xasprintf("%s[time] Time is up on %s (%s).%s Your work is kept: `submit` records "
                     "it, marked overtime;\n`solution` shows the model answer.",
                     on, what, lim, off);
}

void session_warnings(session *s)
{
    char *msg = session_warning_text(s);
    if (msg) {
        printf("%s\n", msg);
        fflush(stdout);
    }
    free(msg);
}
