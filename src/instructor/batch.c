/* batch — see batch.h.  One worker process per submission:
 *
 *   parent                              worker
 *   fork ------------------------------> grade_solution (no timing)
 *                                        needs timing? write 'T', wait
 *   no correctness left running:
 *   write 'G' to one waiting worker ---> grade_timing
 *   read 'J' + JSON until EOF <--------- write 'J' {"report", "note"}, exit
 *
 * A worker that dies, or that is stopped after the timeout, still leaves
 * its row: BATCH_ERROR with what happened. */
#define _GNU_SOURCE

#include "instructor/batch.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/compile.h"
#include "util/proc.h"
#include "util/rng.h"

#define DEFAULT_TIMEOUT_S 600.0
#define TERM_GRACE_S 10.0      /* SIGTERM first, SIGKILL this much later */

/* --- the worker ----------------------------------------------------------- */

/* Set by SIGTERM in a worker process only (never in the caller's): the
 * grading's cancel flag, so a stopped worker ends its runners cleanly.  A
 * signal handler can reach nothing else. */
static volatile sig_atomic_t worker_cancelled;

static void worker_on_term(int sig)
{
    (void)sig;
    worker_cancelled = 1;
}

static bool write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

/* Whether grade_timing will actually time r (and so must wait its turn). */
static bool needs_timing(const challenge *c, const grade_opts *go, const report *r)
{
    return c->timing.enabled && c->weights[CRIT_VECTORIZATION] > 0 && !go->no_timing &&
           !go->sanitize && !r->compile_error && r->crit[CRIT_VECTORIZATION].applies &&
           r->crit[CRIT_VECTORIZATION].skipped && r->crit[CRIT_CORRECTNESS].passed;
}

/* Grades one file and writes the payload to wfd; never returns. */
static void worker_main(const challenge *c, const char *file, uint64_t seed,
                        const batch_opts *o, int wfd, int gofd)
{
    struct sigaction sa = {0};
    sa.sa_handler = worker_on_term;
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGINT, SIG_IGN);    /* the caller decides when to stop */
    signal(SIGPIPE, SIG_IGN);

    grade_opts go = o->grade;
    go.have_seed = true;
    go.seed = seed;
    go.cancel = &worker_cancelled;
    go.progress = NULL;
    go.no_shrink = true;    /* rows have no place for smaller cases */
    bool timing_wanted = !go.no_timing;
    go.no_timing = true;
    md_err err = {{0}};
    report *r = grade_solution(c, file, &go, &err);
    if (r && timing_wanted) {
        go.no_timing = false;
        bool wait_turn = needs_timing(c, &go, r);
        char g = 0;
        if (wait_turn && (!write_all(wfd, "T", 1) || read(gofd, &g, 1) != 1 || g != 'G')) {
            md_fail(&err, "stopped while waiting for its timing turn");
            report_free(r);
            r = NULL;
        } else if (grade_timing(c, file, &go, r, &err) != 0) {
            report_free(r);
            r = NULL;
        }
    }
    cJSON *msg = cJSON_CreateObject();
    if (r) {
        char *rj = report_json(r);
        cJSON_AddItemToObject(msg, "report", cJSON_Parse(rj));
        free(rj);
        if (o->text) {
            char *text = report_text(r, false);
            cJSON_AddStringToObject(msg, "text", text);
            free(text);
        }
        char *note = o->inspect ? o->inspect(o->inspect_ctx, file, r) : NULL;
        if (note)
            cJSON_AddStringToObject(msg, "note", note);
        free(note);
    } else {
        cJSON_AddStringToObject(msg, "error", err.msg[0] ? err.msg : "grading failed");
    }
    char *text = cJSON_PrintUnformatted(msg);
    bool ok = write_all(wfd, "J", 1) && write_all(wfd, text, strlen(text));
    free(text);
    cJSON_Delete(msg);
    report_free(r);
    close(wfd);
    close(gofd);
    exit(ok ? 0 : 1);
}

/* --- reading a worker's payload into a row ---------------------------------- */

/* Fills row from what the worker wrote and how it ended. */
static void row_finish(batch_row *row, const strbuf *payload, int wstatus, bool timed_out,
                       double timeout_s)
{
    cJSON *msg = payload->len > 1 && payload->buf[0] == 'J' ? cJSON_Parse(payload->buf + 1)
                                                              : NULL;
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(msg, "report");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(msg, "error");
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(msg, "note");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(msg, "text");
    char *why = NULL;
    if (cJSON_IsObject(rep)) {
        batch_row_read(row, rep);
        if (cJSON_IsString(text))
            row->report_text = xstrdup(text->valuestring);
    } else if (timed_out) {    /* whatever the stopped worker said ("cancelled") */
        why = xasprintf("grading took longer than %g s and was stopped", timeout_s);
    } else if (cJSON_IsString(error)) {
        why = xstrdup(error->valuestring);
    } else if (WIFSIGNALED(wstatus)) {
        why = xasprintf("the grader stopped on this submission (killed by signal %d, %s)",
                        WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
    } else {
        why = xasprintf("the grader stopped on this submission (exit status %d) without a "
                        "report",
                        WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
    }
    if (why)
        batch_row_failed(row, why);
    free(why);
    if (cJSON_IsString(note))
        row->note = xstrdup(note->valuestring);
    cJSON_Delete(msg);
}

/* --- the parent: scheduling workers ---------------------------------------- */

typedef enum wstate { W_IDLE, W_CORRECTNESS, W_WAITING, W_TIMING, W_DONE } wstate;

typedef struct worker {
    wstate state;
    pid_t pid;
    int rfd, gofd;           /* payload from the worker; go-ahead to it */
    strbuf buf;
    double started, deadline;
    bool term_sent, timed_out;
} worker;

static int spawn(const challenge *c, char *const *files, int i, uint64_t seed,
                 const batch_opts *o, worker *ws, int n, md_err *err)
{
    /* the go-ahead travels over a socket, so that sending it to a worker
     * that just died is an error (MSG_NOSIGNAL), never a SIGPIPE */
    int up[2], down[2];
    if (pipe2(up, O_CLOEXEC) != 0)
        return md_fail(err, "pipe: %s", strerror(errno));
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, down) != 0) {
        close(up[0]);
        close(up[1]);
        return md_fail(err, "socketpair: %s", strerror(errno));
    }
    fflush(NULL);    /* nothing buffered may be written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(up[0]);
        close(up[1]);
        close(down[0]);
        close(down[1]);
        return md_fail(err, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        for (int k = 0; k < n; k++)
            if (ws[k].pid > 0) {
                close(ws[k].rfd);
                close(ws[k].gofd);
            }
        close(up[0]);
        close(down[1]);
        worker_main(c, files[i], seed, o, up[1], down[0]);
    }
    close(up[1]);
    close(down[0]);
    worker *w = &ws[i];
    w->pid = pid;
    w->rfd = up[0];
    w->gofd = down[1];
    w->state = W_CORRECTNESS;
    w->started = now_seconds();
    w->deadline = w->started + (o->timeout_s > 0 ? o->timeout_s : DEFAULT_TIMEOUT_S);
    return 0;
}

static uint64_t file_seed(const batch_opts *o, const char *file, uint64_t shared)
{
    if (!o->seed_per_file)
        return shared;
    uint64_t h = hash_str(HASH_SEED, path_basename(file));
    return o->grade.have_seed ? hash_bytes(h, &o->grade.seed, sizeof o->grade.seed) : h;
}

/* Builds the reference (and the mistake variants) once, so that the
 * workers find them in the compile cache instead of all compiling them. */
static int warm_cache(const challenge *c, md_err *err)
{
    compile_opts co = {0};
    compile_result cr = {0};
    if (compile_file(c, c->reference, &co, &cr, err) != 0)
        return -1;
    int rc = cr.ok ? 0 : md_fail(err, "the reference %s does not compile:\n%s",
                                 c->reference, cr.output ? cr.output : "");
    compile_result_clear(&cr);
    for (int m = 0; rc == 0 && m < c->nmistakes; m++) {
        if (!c->mistakes[m].source)
            continue;
        md_err e2;
        compile_result mr = {0};
        compile_file(c, c->mistakes[m].source, &co, &mr, &e2);
        compile_result_clear(&mr);
    }
    return rc;
}

static void stop_worker(worker *w, bool hard)
{
    if (w->pid > 0)
        kill(w->pid, hard ? SIGKILL : SIGTERM);
}

/* A batch in progress, as the parent sees it. */
typedef struct batch {
    const challenge *c;
    char *const *files;
    int n;
    const batch_opts *o;
    batch_row *rows;
    md_err *err;
    worker *ws;              /* one per file */
    int jobs, max_waiting;   /* batch_opts' with their defaults */
    double timeout_s;
    uint64_t shared;         /* the seed, unless seeded per file */
    int next;                /* the next file to start */
    int ndone;               /* rows complete */
    bool stopped;            /* cancelled or failed: nothing more starts */
    int rc;
} batch;

/* Every row starts as its file with nothing measured. */
static void rows_init(batch_row *rows, char *const *files, int n, char *const *students)
{
    for (int i = 0; i < n; i++) {
        memset(&rows[i], 0, sizeof rows[i]);
        rows[i].file = xstrdup(files[i]);
        rows[i].student = students ? xstrdup(students[i]) : path_stem(files[i]);
        rows[i].ratio = NAN;
        for (int k = 0; k < CRIT_COUNT; k++) {
            rows[i].points[k] = rows[i].max[k] = NAN;
            rows[i].whole.crit[k] = rows[i].whole.crit_max[k] = BATCH_EMPTY;
        }
    }
}

/* Counts a row complete and reports it. */
static void row_done(batch *b, const batch_row *row)
{
    b->ndone++;
    if (b->o->done)
        b->o->done(b->o->done_ctx, row, b->ndone, b->n);
}

/* Starts nothing more: the running workers are asked to stop, and the
 * files never started get an error row saying why. */
static void stop_batch(batch *b, const char *why)
{
    b->stopped = true;
    for (int i = 0; i < b->n; i++)
        if (b->ws[i].pid > 0)
            stop_worker(&b->ws[i], false);
    for (; b->next < b->n; b->next++) {
        batch_row *row = &b->rows[b->next];
        batch_row_failed(row, why);
        b->ws[b->next].state = W_DONE;
        row_done(b, row);
    }
}

/* The correctness stage: up to `jobs` in parallel, but never beside a
 * timing, and not while max_waiting wait for theirs.  Returns how many
 * run now. */
static int start_correctness(batch *b, int running, int waiting, int timing)
{
    while (!b->stopped && b->next < b->n && running < b->jobs && timing == 0 &&
           waiting < b->max_waiting) {
        uint64_t seed = file_seed(b->o, b->files[b->next], b->shared);
        if (spawn(b->c, b->files, b->next, seed, b->o, b->ws, b->n, b->err) != 0) {
            b->rc = -1;
            char *why = xasprintf("not graded: %s", b->err->msg);
            stop_batch(b, why);
            free(why);
            break;
        }
        b->next++;
        running++;
    }
    return running;
}

/* The timing stage: one waiting worker at a time gets its go-ahead, once
 * no correctness is running. */
static void start_timing(batch *b, int running, int timing, int waiting)
{
    if (b->stopped || running != 0 || timing != 0 || waiting == 0)
        return;
    for (int i = 0; i < b->n; i++) {
        worker *w = &b->ws[i];
        if (w->state != W_WAITING)
            continue;
        w->state = W_TIMING;
        w->deadline = now_seconds() + b->timeout_s;
        if (send(w->gofd, "G", 1, MSG_NOSIGNAL) != 1)
            stop_worker(w, true);    /* it is gone: EOF follows */
        return;
    }
}

/* Reads what worker w wrote; true at EOF.  A 'T' first means it waits for
 * its timing turn. */
static bool read_worker(worker *w)
{
    char chunk[65536];
    ssize_t got = read(w->rfd, chunk, sizeof chunk);
    if (got > 0)
        sb_addn(&w->buf, chunk, (size_t)got);
    bool eof = got <= 0 && (got == 0 || errno != EINTR);
    if (w->state == W_CORRECTNESS && w->buf.len > 0 && w->buf.buf[0] == 'T') {
        w->state = W_WAITING;    /* its turn comes with the others' */
        w->buf.len = 0;
        w->buf.buf[0] = '\0';
    }
    return eof;
}

/* A worker past its deadline gets SIGTERM, then SIGKILL after a grace. */
static void enforce_deadline(worker *w, double now)
{
    if (w->state == W_WAITING || now <= w->deadline)
        return;
    if (!w->term_sent) {
        stop_worker(w, false);
        w->term_sent = w->timed_out = true;
        w->deadline = now + TERM_GRACE_S;
    } else {
        stop_worker(w, true);
    }
}

/* Ends whatever a worker left behind (a compiler or a runner it started,
 * handed to this subreaper when it died): every child that is not a
 * worker still running. */
static void kill_orphans(const batch *b)
{
    pid_t live[b->n + 1];
    int nlive = 0;
    for (int i = 0; i < b->n; i++)
        if (b->ws[i].pid > 0)
            live[nlive++] = b->ws[i].pid;
    proc_kill_orphans(live, nlive);
}

/* Reaps worker i, which closed its end, and completes its row. */
static void collect_row(batch *b, int i, double now)
{
    worker *w = &b->ws[i];
    int wstatus = 0;
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    close(w->rfd);
    close(w->gofd);
    w->pid = 0;
    w->state = W_DONE;
    batch_row *row = &b->rows[i];
    row_finish(row, &w->buf, wstatus, w->timed_out, b->timeout_s);
    if (row->status == BATCH_ERROR)
        row->seconds = now - w->started;
    sb_free(&w->buf);
    row_done(b, row);
    kill_orphans(b);
}

/* Waits for payloads, exits and deadlines, and handles what came.  -1
 * with b->err when poll fails. */
static int wait_workers(batch *b)
{
    struct pollfd pfd[b->n];
    int idx[b->n], np = 0;
    double now = now_seconds(), wait_s = 1.0;
    for (int i = 0; i < b->n; i++) {
        worker *w = &b->ws[i];
        if (w->pid <= 0)
            continue;
        pfd[np] = (struct pollfd){w->rfd, POLLIN, 0};
        idx[np++] = i;
        if (w->state != W_WAITING && w->deadline - now < wait_s)
            wait_s = w->deadline - now;
    }
    if (np == 0)
        return 0;
    if (wait_s < 0)
        wait_s = 0;
    int pr = poll(pfd, (nfds_t)np, (int)(wait_s * 1000) + 1);
    if (pr < 0 && errno != EINTR)
        return md_fail(b->err, "poll: %s", strerror(errno));
    now = now_seconds();
    for (int q = 0; q < np; q++) {
        worker *w = &b->ws[idx[q]];
        bool eof = pfd[q].revents && read_worker(w);
        if (!eof)
            enforce_deadline(w, now);
        else
            collect_row(b, idx[q], now);
    }
    return 0;
}

/* Leaves no worker behind (only some are left after a poll failure). */
static void reap_all(batch *b)
{
    for (int i = 0; i < b->n; i++) {
        worker *w = &b->ws[i];
        if (w->pid <= 0)
            continue;
        int wstatus;
        stop_worker(w, true);
        waitpid(w->pid, &wstatus, 0);
        close(w->rfd);
        close(w->gofd);
        sb_free(&w->buf);
    }
}

int batch_run(const challenge *c, char *const *files, int n, const batch_opts *o,
              batch_row *rows, md_err *err)
{
    batch b = {.c = c, .files = files, .n = n, .o = o, .rows = rows, .err = err};
    b.jobs = o->jobs > 0 ? o->jobs : 2;
    b.max_waiting = o->max_waiting > 0 ? o->max_waiting : 16;
    b.timeout_s = o->timeout_s > 0 ? o->timeout_s : DEFAULT_TIMEOUT_S;
    b.shared = o->grade.have_seed ? o->grade.seed : rng_os_seed();
    /* a worker killed mid-compile or mid-run leaves its compiler or
     * runner to this process (util/proc.h), which ends them */
    proc_subreaper();
    rows_init(rows, files, n, o->students);
    if (warm_cache(c, err) != 0)
        return -1;
    b.ws = xcalloc((size_t)n + 1, sizeof *b.ws);
    while (b.ndone < n) {
        if (!b.stopped && o->cancel && *o->cancel) {
            b.rc = md_fail(err, "cancelled");
            stop_batch(&b, "cancelled before grading");
        }
        int running = 0, waiting = 0, timing = 0;
        for (int i = 0; i < n; i++) {
            running += b.ws[i].state == W_CORRECTNESS;
            waiting += b.ws[i].state == W_WAITING;
            timing += b.ws[i].state == W_TIMING;
        }
        running = start_correctness(&b, running, waiting, timing);
        start_timing(&b, running, timing, waiting);
        if (b.ndone == n)
            break;
        if (wait_workers(&b) != 0) {
            b.rc = -1;
            break;
        }
    }
    reap_all(&b);
    kill_orphans(&b);
    free(b.ws);
    return b.rc;
}

/* --- collecting files ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(char ***files, int *n, char *path)
{
    *files = xrealloc(*files, sizeof(char *) * (size_t)(*n + 1));
    (*files)[(*n)++] = path;
}

static void collect_dir(const char *dir, char ***files, int *n, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *p = path_join(dir, de->d_name);
        size_t l = strlen(de->d_name);
        struct stat st;
        /* symbolic links are never followed out of the folder: a linked
         * directory is not entered, and a linked .c file is listed, to be
         * refused by name when it is read (O_NOFOLLOW) */
        bool is_dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
        if (is_dir) {
            if (depth < 16)
                collect_dir(p, files, n, depth + 1);
            free(p);
        } else if (l > 2 && strcmp(de->d_name + l - 2, ".c") == 0) {
            add_file(files, n, p);
        } else {
            free(p);
        }
    }
    closedir(d);
}

int batch_collect(char *const *paths, int npaths, char ***files, md_err *err)
{
    int n = 0;
    *files = NULL;
    for (int i = 0; i < npaths; i++) {
        if (dir_exists(paths[i])) {
            int first = n;
            collect_dir(paths[i], files, &n, 0);
            qsort(*files + first, (size_t)(n - first), sizeof(char *), cmp_str);
        } else if (file_exists(paths[i])) {
            add_file(files, &n, xstrdup(paths[i]));
        } else {
            for (int k = 0; k < n; k++)
                free((*files)[k]);
            free(*files);
            *files = NULL;
            return md_fail(err, "%s: no such file or directory", paths[i]);
        }
    }
    return n;
}

/* The length of dir without its trailing slashes ("subs/" is "subs"). */
static size_t dir_len(const char *dir)
{
    size_t l = strlen(dir);
    while (l > 1 && dir[l - 1] == '/')
        l--;
    return l;
}

char *batch_student(char *const *paths, int npaths, const char *file)
{
    for (int i = 0; i < npaths; i++) {
        size_t l = dir_len(paths[i]);
        if (strncmp(file, paths[i], l) != 0 || file[l] != '/' || !dir_exists(paths[i]))
            continue;
        const char *rel = file + l;
        while (*rel == '/')
            rel++;
        size_t first = strcspn(rel, "/");
        if (rel[first] == '/')    /* one folder per student */
            return xstrndup(rel, first);
        break;
    }
    char *stem = path_stem(file);
    if (!*stem) {    /* ".c" */
        free(stem);
        stem = xstrdup("submission");
    }
    return stem;
}
