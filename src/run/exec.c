/* exec — see exec.h. */
#define _GNU_SOURCE

#include "run/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "run/explain.h"
#include "run/launch.h"
#include "run/wire.h"
#include "util/proc.h"

#define LOAD_LIMIT_S EXEC_LOAD_LIMIT_S

/* A runner whose status pipe closed gets this long to be reaped before it
 * is taken to have closed the pipe itself (and is killed). */
#define REAP_GRACE_S 0.5

/* Between two runs, and after its last one, a runner has this long to
 * go on; it adds up, per run, into the process's own deadline. */
#define RUN_GAP_S 0.5

/* The end of each process's output kept for the sanitizers' reports,
 * whatever the cap on what the report shows. */
#define TAIL_BYTES 16384


char *exec_find_runner(const char *name)
{
    /* $MLDRILL_LIBEXEC first (tests), then next to this program */
    const char *env = getenv("MLDRILL_LIBEXEC");
    char *p;
    if (env && *env) {
        p = path_join(env, name);
        if (access(p, X_OK) == 0)
            return p;
        free(p);
    }
    char *dir = exe_dir();
    p = path_join(dir, name);
    free(dir);
    if (access(p, X_OK) == 0)
        return p;
    free(p);
    p = path_join(MLDRILL_LIBEXECDIR, name);
    if (access(p, X_OK) == 0)
        return p;
    free(p);
    /* an uninstalled build (the test programs live beside src/) */
    p = xasprintf("%s/src/%s", MLDRILL_BUILDDIR, name);
    if (access(p, X_OK) == 0)
        return p;
    free(p);
    return NULL;
}

void exec_job_clear(exec_job *j)
{
    for (int r = 0; r < j->nruns; r++) {
        xrun *x = &j->runs[r];
        for (int i = 0; i < x->nvals; i++)
            value_clear(&x->vals[i]);
        free(x->vals);
        free(x->calls);
        free(x->message);
        free(x->fault_buffer);
    }
    free(j->runs);
    free(j->output);
    free(j->error);
    free(j->prof);
    j->prof = NULL;
    j->runs = NULL;
    j->output = j->error = NULL;
    j->nruns = 0;
}

/* --- one job's process ------------------------------------------------------- */

typedef struct proc {
    exec_job *job;
    int index;
    int out_fd;             /* the job's OUT file, kept across restarts */
    pid_t pid;              /* 0 when no process is running */
    int status_fd, output_fd;
    int next_run;           /* first run of the next process */
    int cur;                /* run in progress, or -1 */
    bool ready;
    const wire_plan *wp;    /* what its messages are checked against */
    wire_state ws;          /* what its messages have shown so far */
    const char *forged;     /* why a message was refused, or NULL */
    double deadline;        /* of what it does now (loading, a run) */
    double hard_deadline;   /* of the whole process: nothing it sends
                               moves either */
    double run_start;       /* when the run in progress began */
    struct rusage usage;    /* of the process, once reaped */
    plan_msg fault;
    bool have_fault, have_error, killed;
    bool timed_out;         /* killed because a deadline passed */
    char error_text[sizeof ((plan_msg *)0)->text + 1];
    unsigned char partial[sizeof(plan_msg)];
    size_t npartial;
    strbuf output;
    char tail[TAIL_BYTES];  /* the last bytes this process printed */
    size_t ntail;
    bool done;
    int finished_runs;
    int timeouts;           /* consecutive runs that timed out */
} proc;

/* The wall-clock limit of run r for a job: the job's or the case's,
 * stretched for sanitizer builds, which are slower by design. */
static double run_wall(const layout *l, int r, const exec_job *j)
{
    double w = j->wall_s ? j->wall_s[r] : layout_case(l, r)->spec->wall_s;
    return j->sanitize ? w * EXEC_SANITIZE_SLOWDOWN : w;
}

static void set_run(xrun *x, xstatus st, int fault, int call, char *msg)
{
    x->status = st;
    x->fault = fault;
    x->fault_call = call;
    free(x->message);
    x->message = msg;
}

/* The CPU limit of a runner starting at p's next run: what the wall
 * limits of the runs left add up to, and two seconds. */
static double cpu_limit(const proc *p, const layout *l)
{
    double cpu = 2;
    for (int r = p->next_run; r < layout_nruns(l); r++)
        cpu += run_wall(l, r, p->job);
    return cpu;
}

/* The longest a process of p's job may live from its start: loading,
 * then each run left within its wall limit (with a short gap after
 * each).  Fixed when it starts. */
static double process_limit(const proc *p, const layout *l)
{
    double t = LOAD_LIMIT_S + RUN_GAP_S;
    for (int r = p->next_run; r < layout_nruns(l); r++)
        t += run_wall(l, r, p->job) + RUN_GAP_S;
    return t;
}

/* Starts a runner process for p's job, from its next run on. */
static int start(proc *p, const layout *l, const exec_opts *o, md_err *err)
{
    launch_spec s = {0};
    s.runner = p->job->sanitize && o->runner_sanitize ? o->runner_sanitize : o->runner;
    s.so = p->job->so;
    s.sanitize = p->job->sanitize;
    s.from = p->next_run;
    s.cpu_s = cpu_limit(p, l);
    s.out_fd = p->out_fd;
    launch_proc lp;
    if (launch_start(l, &s, &lp, err) != 0)
        return -1;
    p->pid = lp.pid;
    p->status_fd = lp.status_fd;
    p->output_fd = lp.output_fd;
    p->ready = p->have_fault = p->have_error = p->killed = false;
    p->timed_out = false;
    p->cur = -1;
    p->npartial = 0;
    p->ntail = 0;
    p->forged = NULL;
    wire_start(&p->ws, p->next_run);
    p->hard_deadline = now_seconds() + process_limit(p, l);
    p->deadline = now_seconds() + LOAD_LIMIT_S;
    p->job->processes++;
    return 0;
}

static void kill_proc(proc *p)
{
    if (p->pid > 0) {
        launch_kill(p->pid);
        p->killed = true;
    }
}

static bool debug_on(void)
{
    static int on = -1;
    if (on < 0) {
        const char *e = getenv("MLDRILL_DEBUG");
        on = e && *e;
    }
    return on;
}

/* The deadline of what p does now: never past the process's own. */
static void set_deadline(proc *p, double t)
{
    p->deadline = t < p->hard_deadline ? t : p->hard_deadline;
}

/* A run ended normally. */
static void run_ended(proc *p, const layout *l, int r, const exec_opts *o)
{
    xrun *x = &p->job->runs[r];
    set_run(x, XS_OK, 0, -1, NULL);
    x->wall_s = now_seconds() - p->run_start;
    p->next_run = r + 1;
    p->cur = -1;
    p->finished_runs++;
    set_deadline(p, now_seconds() + LOAD_LIMIT_S);
    if (o->progress)
        o->progress(o->progress_ctx, p->index, p->finished_runs, layout_nruns(l));
}

/* One message from the runner, checked (wire.h) before anything is done
 * with it; a forged one stops the process. */
static void on_message(proc *p, const layout *l, const plan_msg *raw, const exec_opts *o)
{
    if (p->forged)
        return;
    wire_msg w;
    wire_event ev = wire_read(&p->ws, p->wp, raw, &w);
    if (debug_on())
        fprintf(stderr, "[exec %.3f] job %d pid %d: msg %u code %u run %u call %u a=%lld "
                        "b=%lld -> %d\n", now_seconds(), p->index, (int)p->pid, raw->type,
                raw->code, raw->run, raw->call, (long long)raw->a, (long long)raw->b, ev);
    switch (ev) {
    case WIRE_FORGED:
        p->forged = w.why;
        kill_proc(p);
        break;
    case WIRE_READY:
        p->ready = true;
        if (!w.landlock)
            p->job->confined = false;    /* no Landlock on this kernel */
        set_deadline(p, now_seconds() + LOAD_LIMIT_S);
        break;
    case WIRE_BEGIN:
        p->cur = w.run;
        p->run_start = now_seconds();
        set_deadline(p, p->run_start + run_wall(l, p->cur, p->job));
        break;
    case WIRE_END:
        run_ended(p, l, w.run, o);
        break;
    case WIRE_FAULT:
        if (!p->have_fault) {
            p->fault = w.m;
            p->have_fault = true;
        }
        break;
    case WIRE_ERROR:
        p->have_error = true;
        memcpy(p->error_text, w.m.text, sizeof w.m.text);
        p->error_text[sizeof w.m.text] = '\0';
        break;
    case WIRE_ROUND:
        break;    /* not in a case process: wire.c refuses it */
    }
}

/* Keeps the last TAIL_BYTES of what the process printed. */
static void keep_tail(void *ctx, const char *buf, size_t n)
{
    proc *p = ctx;
    if (n >= TAIL_BYTES) {
        memcpy(p->tail, buf + n - TAIL_BYTES, TAIL_BYTES);
        p->ntail = TAIL_BYTES;
        return;
    }
    if (p->ntail + n > TAIL_BYTES) {
        size_t drop = p->ntail + n - TAIL_BYTES;
        memmove(p->tail, p->tail + drop, p->ntail - drop);
        p->ntail -= drop;
    }
    memcpy(p->tail + p->ntail, buf, n);
    p->ntail += n;
}

static void drain_output(proc *p, size_t cap)
{
    p->job->output_total += launch_drain(p->output_fd, &p->output, cap,
                                         p->job->sanitize ? keep_tail : NULL, p);
}

/* The process ended before the solution was ready: nothing can run.  A
 * fault of its constructors (forbidden call, crash, hang) is every case's
 * status; a load error (missing symbol, missing function) is an error. */
static void settle_unloaded(proc *p, const layout *l, xstatus st, int fault,
                            const char *msg, int code)
{
    exec_job *j = p->job;
    xstatus rs = XS_ERROR;
    if (p->have_error) {
        j->error = xstrdup(p->error_text);
    } else if (p->have_fault && p->fault.code == PF_MISSING) {
        j->error = msg ? xstrdup(msg) : xstrdup("a function is missing");
    } else if (msg) {
        j->error = xasprintf("while loading the solution (constructors run "
                             "then): %s", msg);
        rs = st;
    } else {
        j->error = xasprintf("the solution ended the program while loading "
                             "(exit status %d)", code);
        rs = XS_CRASH;
    }
    for (int r = p->next_run; r < layout_nruns(l); r++)
        set_run(&j->runs[r], rs, fault, -1, xstrdup(j->error));
    p->done = true;
}

/* The process ended inside run p->cur: that run gets the status; the
 * next process starts after it.  Takes msg and bufname. */
static void settle_run(proc *p, const layout *l, xstatus st, int fault, char *msg,
                       char *bufname, const exec_opts *o)
{
    exec_job *j = p->job;
    int nruns = layout_nruns(l);
    xrun *x = &j->runs[p->cur];
    if (!msg)
        msg = xasprintf("the runner stopped unexpectedly");
    set_run(x, st, fault, p->have_fault && p->fault.call != PLAN_NONE ? (int)p->fault.call : -1,
            msg);
    free(x->fault_buffer);
    x->fault_buffer = bufname;
    p->next_run = p->cur + 1;
    p->finished_runs++;
    p->done = p->next_run >= nruns;
    if (o->progress)
        o->progress(o->progress_ctx, p->index, p->finished_runs, nruns);
    /* grading stays bounded: after two timeouts in a row the rest
     * would most likely time out too */
    p->timeouts = st == XS_TIMEOUT ? p->timeouts + 1 : 0;
    if (j->stop_at_fault && !p->done) {
        for (int r = p->next_run; r < nruns; r++)
            set_run(&j->runs[r], XS_NOTRUN, 0, -1,
                    xstrdup("not run: a case before it did not end normally"));
        p->done = true;
    } else if (p->timeouts >= 2 && !p->done) {
        for (int r = p->next_run; r < nruns; r++)
            set_run(&j->runs[r], XS_TIMEOUT, 0, -1,
                    xstrdup("not run: the two cases before it ran out of time"));
        p->done = true;
    }
}

/* Runs settled at once (a solution that did not load, the rest of the
 * cases after two timeouts) are progress too. */
static void report_settled(proc *p, const layout *l, const exec_opts *o)
{
    exec_job *j = p->job;
    int nruns = layout_nruns(l), settled = 0;
    for (int r = 0; r < nruns; r++)
        settled += j->runs[r].status != XS_NOTRUN;
    if (settled > p->finished_runs) {
        p->finished_runs = settled;
        if (o->progress)
            o->progress(o->progress_ctx, p->index, settled, nruns);
    }
}

/* Peak resident memory above the plan's memory, its inputs and outputs
 * and the runner's own share is a memory verdict, whatever the address
 * space limit let through: for the run in progress, else for the last
 * run the process finished.  Not for sanitizer runs. */
#define RSS_SLACK ((uint64_t)128 << 20)

static void over_memory(proc *p, const layout *l, xstatus *st, int *fault, char **msg)
{
    const plan_hdr *h = layout_hdr(l);
    uint64_t peak = (uint64_t)p->usage.ru_maxrss << 10;
    if (p->job->sanitize || !h->memory_bytes || p->forged ||
        peak <= h->memory_bytes + h->in_size + h->out_size + RSS_SLACK)
        return;
    char *words = xasprintf("used %llu MiB of memory at its peak (the limit is %llu MiB)",
                            (unsigned long long)(peak >> 20),
                            (unsigned long long)(h->memory_bytes >> 20));
    if (p->ready && p->cur >= 0) {
        free(*msg);
        *msg = words;
        *st = XS_MEMORY;
        *fault = PF_MEMORY;
    } else if (p->ready && p->next_run > p->ws.first &&
               p->job->runs[p->next_run - 1].status == XS_OK) {
        set_run(&p->job->runs[p->next_run - 1], XS_MEMORY, PF_MEMORY, -1, words);
    } else {
        free(words);
    }
}

/* A run that timed out after one of its allocations failed ran out of
 * memory and then went on (retrying, or spinning on the NULL it caught):
 * memory is what went wrong. */
static void spun_out_of_memory(const proc *p, const layout *l, xstatus *st, int *fault,
                               char **msg)
{
    if (*st != XS_TIMEOUT || !p->ready || p->cur < 0)
        return;
    uint64_t n = layout_alloc_failed(l, p->out_fd, p->cur);
    if (n == 0)
        return;
    free(*msg);
    *msg = xasprintf("ran out of memory: an allocation of %llu bytes failed (the limit is "
                     "%llu MiB), and the code went on running until it was stopped",
                     (unsigned long long)n,
                     (unsigned long long)(layout_hdr(l)->memory_bytes >> 20));
    *st = XS_MEMORY;
    *fault = PF_MEMORY;
}

/* After the runner process ended: decide what happened to the run in
 * progress and whether another process must continue. */
static void finish(proc *p, const layout *l, int wstatus, const exec_opts *o)
{
    if (debug_on())
        fprintf(stderr, "[exec %.3f] job %d pid %d ended: status 0x%x killed %d cur %d\n",
                now_seconds(), p->index, (int)p->pid, wstatus, p->killed, p->cur);
    exec_job *j = p->job;
    int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    bool in_run = p->ready && p->cur >= 0;
    char *tail = j->sanitize && (code == LAUNCH_ASAN_EXIT || code == LAUNCH_UBSAN_EXIT)
                     ? xstrndup(p->tail, p->ntail) : NULL;
    explain_end e = {wstatus, p->have_fault ? &p->fault : NULL, p->killed, p->timed_out,
                     in_run, in_run ? run_wall(l, p->cur, j) : LOAD_LIMIT_S, tail};
    char *msg, *bufname;
    int fault;
    xstatus st = explain_ending(l, &e, &fault, &msg, &bufname);
    free(tail);
    over_memory(p, l, &st, &fault, &msg);
    spun_out_of_memory(p, l, &st, &fault, &msg);
    if (p->forged) {
        /* stopped for what it wrote on the status pipe: the run it was
         * in, or the one it pretended to begin, gets the verdict */
        free(msg);
        free(bufname);
        bufname = NULL;
        fault = 0;
        st = XS_CRASH;
        msg = xasprintf("wrote a forged message on mldrill's status channel (%s) and was "
                        "stopped", p->forged);
        if (p->ready && p->cur < 0 && p->next_run < layout_nruns(l))
            p->cur = p->next_run;
    }

    if (!p->ready || p->have_error ||
               (p->have_fault && p->fault.code == PF_MISSING)) {
        settle_unloaded(p, l, st, fault, msg, code);
        free(msg);
    } else if (p->cur >= 0) {
        settle_run(p, l, st, fault, msg, bufname, o);
        bufname = NULL;
    } else {
        /* ended between runs: whatever did not run cannot run */
        for (int r = p->next_run; r < layout_nruns(l); r++)
            if (j->runs[r].status == XS_NOTRUN)
                set_run(&j->runs[r], XS_ERROR, fault, -1,
                        xstrdup(msg ? msg : "the runner stopped unexpectedly"));
        p->done = true;
        free(msg);
    }
    report_settled(p, l, o);
    free(bufname);
    close(p->status_fd);
    close(p->output_fd);
    p->pid = 0;
}

/* Reads status messages; returns 0 on EOF. */
static int read_status(proc *p, const layout *l, const exec_opts *o)
{
    for (;;) {
        ssize_t n = read(p->status_fd, p->partial + p->npartial,
                         sizeof p->partial - p->npartial);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        p->npartial += (size_t)n;
        if (p->npartial == sizeof p->partial) {
            plan_msg m;
            memcpy(&m, p->partial, sizeof m);
            p->npartial = 0;
            on_message(p, l, &m, o);
        }
        return 1;
    }
}

/* Gives every job its results and p its OUT file; -1 with err, with
 * nothing left open, when a memory file cannot be made. */
static int jobs_init(proc *ps, exec_job *jobs, int njobs, const layout *l,
                     const wire_plan *wp, md_err *err)
{
    int nruns = layout_nruns(l);
    for (int i = 0; i < njobs; i++) {
        exec_job *j = &jobs[i];
        j->nruns = nruns;
        j->confined = true;
        j->runs = xcalloc((size_t)nruns + 1, sizeof(xrun));
        for (int r = 0; r < nruns; r++)
            j->runs[r].fault_call = -1;
        ps[i].job = j;
        ps[i].index = i;
        ps[i].wp = wp;
        ps[i].out_fd = layout_new_out(l, err);
        if (ps[i].out_fd < 0) {
            for (int k = 0; k < i; k++)
                close(ps[k].out_fd);
            return -1;
        }
        ps[i].done = nruns == 0;
    }
    return 0;
}

/* Starts a process for each job that needs one, at most `parallel` at a
 * time.  Returns how many run; *pending counts the jobs still to run. */
static int start_pending(proc *ps, int njobs, int parallel, const layout *l,
                         const exec_opts *o, int *pending, int *rc, md_err *err)
{
    int running = 0;
    *pending = 0;
    for (int i = 0; i < njobs; i++)
        running += ps[i].pid > 0;
    for (int i = 0; i < njobs && *rc == 0; i++) {
        if (ps[i].done || ps[i].pid > 0)
            continue;
        (*pending)++;
        if (running < parallel) {
            if (start(&ps[i], l, o, err) != 0) {
                *rc = -1;
                break;
            }
            running++;
        }
    }
    return running;
}

/* Waits until a running process prints, reports or reaches its deadline:
 * pfd gets two entries per running process (status, output); returns
 * what poll returned. */
static int wait_events(const proc *ps, int njobs, struct pollfd *pfd, const exec_opts *o)
{
    int np = 0;
    /* a cancel flag is looked at every 50 ms: the REPL's Ctrl-C stops
     * the runners at once */
    double now = now_seconds(), wait_s = o->cancel ? 0.05 : 1.0;
    for (int i = 0; i < njobs; i++) {
        if (ps[i].pid <= 0)
            continue;
        pfd[np++] = (struct pollfd){ps[i].status_fd, POLLIN, 0};
        pfd[np++] = (struct pollfd){ps[i].output_fd, POLLIN, 0};
        if (ps[i].deadline - now < wait_s)
            wait_s = ps[i].deadline - now;
    }
    if (o->deadline > 0 && o->deadline - now < wait_s)
        wait_s = o->deadline - now;
    if (wait_s < 0)
        wait_s = 0;
    return poll(pfd, (nfds_t)np, (int)(wait_s * 1000) + 1);
}

/* Handles the events of running process p (revents of its status and
 * output pipes): reads what it sent, kills it past its deadline, and
 * settles it once it has ended (or must be given up: failed). */
static void service(proc *p, short st_ev, short out_ev, bool failed, double now,
                    const layout *l, const exec_opts *o, size_t cap)
{
    if (out_ev)
        drain_output(p, cap);
    bool eof = false;
    if (st_ev)
        eof = read_status(p, l, o) == 0 || p->forged;
    if (!eof && now > p->deadline) {
        kill_proc(p);
        p->timed_out = true;
        eof = true;
    }
    if (!eof && !failed)
        return;
    int ws = 0;
    /* the status pipe closes while the process exits, a moment before it
     * can be waited for; if it is still there after a grace period, the
     * solution closed the pipe itself */
    if (!launch_reap(p->pid, &ws, &p->usage, REAP_GRACE_S)) {
        kill_proc(p);
        launch_reap(p->pid, &ws, &p->usage, 1e9);
    }
    drain_output(p, cap);
    finish(p, l, ws, o);
}

/* Stops every running process at once (cancelled, a system error). */
static void stop_all(proc *ps, int njobs)
{
    for (int i = 0; i < njobs; i++)
        if (ps[i].pid > 0) {
            int ws;
            kill_proc(&ps[i]);
            proc_end_group(ps[i].pid, &ws, NULL);
            close(ps[i].status_fd);
            close(ps[i].output_fd);
            ps[i].pid = 0;
        }
}

void exec_out_of_time(xrun *x, const char *words)
{
    set_run(x, XS_TIMEOUT, 0, -1, xstrdup(words));
    x->out_of_time = true;
}

/* The grading's deadline passed: every process is killed and every run
 * not finished is out of time. */
static void out_of_time(proc *ps, int njobs, const layout *l, const exec_opts *o)
{
    stop_all(ps, njobs);
    for (int i = 0; i < njobs; i++) {
        exec_job *j = ps[i].job;
        for (int r = 0; r < layout_nruns(l); r++) {
            xrun *x = &j->runs[r];
            if (x->status != XS_NOTRUN || x->message)
                continue;
            exec_out_of_time(x, r == ps[i].cur ? "stopped: the grading ran out of time"
                                               : "not run: the grading ran out of time");
            j->out_of_time = true;
        }
        ps[i].done = true;
        report_settled(&ps[i], l, o);
    }
}

/* Runs processes until every job is done; 0, or -1 with err when the
 * grader could not go on (then nothing is left running). */
static int supervise(proc *ps, int njobs, const layout *l, const exec_opts *o,
                     md_err *err)
{
    size_t cap = o->output_cap ? o->output_cap : 64 * 1024;
    int parallel = o->parallel > 0 ? o->parallel : 2;
    int rc = 0;
    for (;;) {
        if (o->cancel && *o->cancel) {
            for (int i = 0; i < njobs; i++)
                kill_proc(&ps[i]);
            rc = md_fail(err, "cancelled");
        }
        if (rc == 0 && o->deadline > 0 && now_seconds() >= o->deadline) {
            out_of_time(ps, njobs, l, o);
            break;
        }
        int pending;
        int running = start_pending(ps, njobs, parallel, l, o, &pending, &rc, err);
        if (running == 0 && (pending == 0 || rc != 0))
            break;
        struct pollfd pfd[2 * njobs + 1];
        int pr = wait_events(ps, njobs, pfd, o);
        bool failed = pr < 0 && errno != EINTR;
        if (failed) {
            rc = md_fail(err, "poll: %s", strerror(errno));
            for (int i = 0; i < njobs; i++)
                kill_proc(&ps[i]);
        }
        double now = now_seconds();
        for (int i = 0, k = 0; i < njobs; i++) {
            if (ps[i].pid <= 0)
                continue;
            service(&ps[i], pfd[k].revents, pfd[k + 1].revents, failed, now, l, o, cap);
            k += 2;
        }
        if (rc != 0) {
            stop_all(ps, njobs);
            break;
        }
    }
    return rc;
}

/* A run that ended normally but wrote into the slack before one of its
 * outputs did write out of bounds: a crash, said as the guard page
 * would have said it. */
static int check_before_start(const proc *p, const layout *l, int r, xrun *x, md_err *err)
{
    const char *name;
    long long n;
    int hit = layout_before_start(l, p->out_fd, r, &name, &n, err);
    if (hit < 0)
        return -1;
    if (hit && x->status == XS_OK) {
        set_run(x, XS_CRASH, PF_OVERFLOW, -1,
                xasprintf("wrote %lld byte%s before the start of output %s", n,
                          n == 1 ? "" : "s", name));
        free(x->fault_buffer);
        x->fault_buffer = xstrdup(name);
    }
    return 0;
}

/* Copies what p's runs wrote (outputs and results) from its
 * OUT file into its job, with what the processes printed. */
static int collect(proc *p, const layout *l, md_err *err)
{
    exec_job *j = p->job;
    for (int r = 0; r < layout_nruns(l); r++) {
        xrun *x = &j->runs[r];
        int ncalls = layout_case(l, r)->ncalls;
        x->calls = xcalloc((size_t)ncalls + 1, sizeof(plan_res));
        x->ncalls = ncalls;
        if (layout_collect(l, p->out_fd, r, &x->vals, &x->nvals, x->calls, ncalls,
                           err) != 0)
            return -1;
        if (check_before_start(p, l, r, x, err) != 0)
            return -1;
    }
    if (layout_hdr(l)->prof_off) {
        j->prof = xcalloc(1, sizeof *j->prof);
        if (layout_profile(l, p->out_fd, j->prof, err) < 0)
            return -1;
    }
    if (p->output.len || j->output_total) {
        j->output = sb_take(&p->output);
        if (debug_on())
            fprintf(stderr, "[exec] job %d printed:\n%s\n", p->index, j->output);
    }
    return 0;
}

int exec_run(const layout *l, exec_job *jobs, int njobs, const exec_opts *o,
             md_err *err)
{
    if (!o->runner || access(o->runner, X_OK) != 0)
        return md_fail(err, "the runner (mldrill-runner) was not found next to "
                            "mldrill or in %s", MLDRILL_LIBEXECDIR);
    /* what the runners' messages are checked against (wire.h) */
    int nruns = layout_nruns(l);
    int *ncalls = xcalloc((size_t)nruns + 1, sizeof(int));
    for (int r = 0; r < nruns; r++)
        ncalls[r] = layout_case(l, r)->ncalls;
    wire_plan wp[1] = {{nruns, ncalls, (int)layout_hdr(l)->nbuf, false}};
    proc *ps = xcalloc((size_t)njobs + 1, sizeof(proc));
    if (jobs_init(ps, jobs, njobs, l, wp, err) != 0) {
        free(ps);
        free(ncalls);
        return -1;
    }
    int rc = supervise(ps, njobs, l, o, err);
    for (int i = 0; i < njobs && rc == 0; i++)
        rc = collect(&ps[i], l, err);
    for (int i = 0; i < njobs; i++) {
        close(ps[i].out_fd);
        sb_free(&ps[i].output);
    }
    free(ps);
    free(ncalls);
    return rc;
}
