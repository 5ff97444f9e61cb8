/* rounds — see rounds.h. */
#define _GNU_SOURCE

#include "run/rounds.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run/firsts.h"
#include "run/launch.h"
#include "run/wire.h"

/* Empty rounds on the reference that measure a round's own cost. */
#define EMPTY_ROUNDS 5

/* The shortest reference round when the plan does not say. */
#define MIN_ROUND_S 0.005

/* One timing runner: the solution's or the reference's. */
typedef struct side {
    bool is_ref;
    pid_t pid;                /* 0 once reaped */
    int status_fd, output_fd, cmd_fd, out_fd;
    unsigned char *out;       /* OUT, mapped read-write by the grader */
    clockid_t clock;          /* its process CPU clock */
    wire_state ws;
    plan_msg fault;           /* the first fault it reported */
    bool have_fault, have_error;
    char error_text[sizeof ((plan_msg *)0)->text];
    const char *forged;       /* why a message was refused, or NULL */
    unsigned char partial[sizeof(plan_msg)];
    size_t npartial;
    strbuf output;            /* what it printed, capped */
    size_t output_total;
    bool ready, confined, killed, timed_out, failed;
    int wstatus;
} side;

typedef struct rounds {
    const layout *l;
    rounds_job *j;
    const exec_opts *o;
    wire_plan wp;
    side user, ref;
    double deadline;          /* of all the rounds */
    double limit_s;           /* their length, for the words of a timeout */
    uint64_t rng;
    firsts *f;                /* the solution's first outputs of the run */
    bool cancelled;
} rounds;

static uint64_t rng_next(rounds *x)
{
    return firsts_rng(&x->rng);
}

static bool debug_on(void)
{
    const char *e = getenv("MLDRILL_DEBUG");
    return e && *e;
}

/* --- one runner -------------------------------------------------------------- */

/* Starts s with shared object so; -1 with err when it cannot. */
static int side_start(rounds *x, side *s, const char *so, md_err *err)
{
    int cmd[2];
    s->pid = 0;
    s->status_fd = s->output_fd = s->cmd_fd = -1;
    s->out_fd = layout_new_out(x->l, err);
    if (s->out_fd < 0)
        return -1;
    s->out = mmap(NULL, layout_hdr(x->l)->out_size, PROT_READ | PROT_WRITE, MAP_SHARED,
                  s->out_fd, 0);
    if (s->out == MAP_FAILED) {
        s->out = NULL;
        return md_fail(err, "mmap: %s", strerror(errno));
    }
    /* a socket, not a pipe: a write to a runner that died fails with
     * EPIPE instead of killing the grader with SIGPIPE (MSG_NOSIGNAL) */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, cmd) != 0)
        return md_fail(err, "socketpair: %s", strerror(errno));
    launch_spec sp = {0};
    sp.runner = x->o->runner;
    sp.so = so;
    sp.timing = true;
    sp.cpu_s = EXEC_LOAD_LIMIT_S + 2 + x->limit_s;
    sp.out_fd = s->out_fd;
    sp.cmd_fd = cmd[0];
    launch_proc lp;
    int rc = launch_start(x->l, &sp, &lp, err);
    close(cmd[0]);
    if (rc != 0) {
        close(cmd[1]);
        return -1;
    }
    s->pid = lp.pid;
    s->status_fd = lp.status_fd;
    s->output_fd = lp.output_fd;
    s->cmd_fd = cmd[1];
    wire_start(&s->ws, 0);
    if (clock_getcpuclockid(s->pid, &s->clock) != 0)
        s->failed = true;
    return 0;
}

static void side_kill(side *s)
{
    if (s->pid > 0 && !s->killed) {
        launch_kill(s->pid);
        s->killed = true;
    }
}

/* Keeps what s printed (the first cap bytes) and counts the rest. */
static void side_drain(side *s, size_t cap)
{
    s->output_total += launch_drain(s->output_fd, &s->output, cap, NULL, NULL);
}

/* One message from s, checked at the border (wire.h).  Returns the event,
 * or WIRE_FORGED (s is then killed). */
static wire_event side_message(rounds *x, side *s, const plan_msg *raw)
{
    wire_msg w;
    wire_event ev = wire_read(&s->ws, &x->wp, raw, &w);
    if (debug_on())
        fprintf(stderr, "[rounds %.3f] %s pid %d: msg %u a=%lld b=%lld -> %d\n",
                now_seconds(), s->is_ref ? "reference" : "solution", (int)s->pid, raw->type,
                (long long)raw->a, (long long)raw->b, ev);
    if (ev == WIRE_FORGED) {
        s->forged = w.why;
        side_kill(s);
    } else if (ev == WIRE_READY) {
        s->ready = true;
        s->confined = w.landlock;
    } else if (ev == WIRE_FAULT && !s->have_fault) {
        s->fault = w.m;
        s->have_fault = true;
    } else if (ev == WIRE_ERROR) {
        s->have_error = true;
        memcpy(s->error_text, w.m.text, sizeof s->error_text);
        s->error_text[sizeof s->error_text - 1] = '\0';
    }
    return ev;
}

/* Reads s's status pipe once: the event of a whole message, 0 when none
 * is complete yet, -1 at its end. */
static int side_read(rounds *x, side *s)
{
    ssize_t n;
    do
        n = read(s->status_fd, s->partial + s->npartial, sizeof s->partial - s->npartial);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return -1;
    s->npartial += (size_t)n;
    if (s->npartial < sizeof s->partial)
        return 0;
    plan_msg m;
    memcpy(&m, s->partial, sizeof m);
    s->npartial = 0;
    return (int)side_message(x, s, &m);
}

/* Waits until s sends the event want: 0; -1 when it ended, faulted, sent
 * a forged message or let the deadline pass (it is then killed and marked
 * failed); -2 when the grading was cancelled. */
static int side_await(rounds *x, side *s, wire_event want, double deadline)
{
    size_t cap = x->o->output_cap ? x->o->output_cap : 64 * 1024;
    for (;;) {
        if (x->o->cancel && *x->o->cancel) {
            x->cancelled = true;
            side_kill(s);
            return -2;
        }
        double left = deadline - now_seconds();
        if (left <= 0) {
            s->timed_out = true;
            side_kill(s);
            s->failed = true;
            return -1;
        }
        struct pollfd pfd[2] = {{s->status_fd, POLLIN, 0}, {s->output_fd, POLLIN, 0}};
        int wait_ms = left > 0.05 ? 50 : (int)(left * 1000) + 1;
        if (poll(pfd, 2, wait_ms) < 0 && errno != EINTR) {
            side_kill(s);
            s->failed = true;
            return -1;
        }
        if (pfd[1].revents)
            side_drain(s, cap);
        if (!pfd[0].revents)
            continue;
        int ev = side_read(x, s);
        if (ev == (int)want)
            return 0;
        if (ev < 0 || ev == WIRE_FORGED || ev == WIRE_FAULT || ev == WIRE_ERROR) {
            /* a fault message comes before the end: wait for it to end */
            if (ev == WIRE_FAULT || ev == WIRE_ERROR)
                continue;
            side_kill(s);
            s->failed = true;
            return -1;
        }
    }
}

/* Stops s and waits until it is stopped: 0; -1 when it ended instead. */
static int side_stop(side *s)
{
    kill(s->pid, SIGSTOP);
    for (;;) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (waitid(P_PID, (id_t)s->pid, &si, WSTOPPED | WEXITED | WNOWAIT) != 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (si.si_code != CLD_STOPPED)
            return -1;
        /* take the report, so that the next stop is a new one */
        memset(&si, 0, sizeof si);
        waitid(P_PID, (id_t)s->pid, &si, WSTOPPED | WNOHANG);
        return 0;
    }
}

/* s's CPU seconds so far, or -1. */
static double side_cpu(const side *s)
{
    struct timespec ts;
    if (clock_gettime(s->clock, &ts) != 0)
        return -1;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One round of reps sequences of run r on s (stopped before and after):
 * the CPU seconds it took in *cpu.  -1 when s failed, -2 cancelled. */
static int side_round(rounds *x, side *s, int r, uint32_t reps, double *cpu)
{
    if (s->failed)
        return -1;
    plan_cmd c = {(uint32_t)r, reps};
    if (send(s->cmd_fd, &c, sizeof c, MSG_NOSIGNAL) != (ssize_t)sizeof c) {
        side_kill(s);
        s->failed = true;
        return -1;
    }
    wire_command(&s->ws, r);
    double c0 = side_cpu(s);
    kill(s->pid, SIGCONT);
    int rc = side_await(x, s, WIRE_ROUND, x->deadline);
    if (rc != 0)
        return rc;
    double c1 = side_stop(s) == 0 ? side_cpu(s) : -1;
    if (c0 < 0 || c1 < 0) {
        side_kill(s);
        s->failed = true;
        return -1;
    }
    *cpu = c1 - c0;
    return 0;
}

/* Ends s: lets a stopped runner read the end of its commands and exit, or
 * kills it, and reaps it. */
static void side_end(side *s)
{
    if (s->cmd_fd >= 0)
        close(s->cmd_fd);
    s->cmd_fd = -1;
    if (s->pid <= 0)
        return;
    if (s->failed)
        side_kill(s);
    kill(s->pid, SIGCONT);
    if (!launch_reap(s->pid, &s->wstatus, NULL, 0.5)) {
        side_kill(s);
        launch_reap(s->pid, &s->wstatus, NULL, 1e9);
    }
    s->pid = 0;
}

static void side_free(rounds *x, side *s)
{
    if (s->out)
        munmap(s->out, layout_hdr(x->l)->out_size);
    if (s->status_fd >= 0)
        close(s->status_fd);
    if (s->output_fd >= 0)
        close(s->output_fd);
    if (s->out_fd >= 0)
        close(s->out_fd);
    sb_free(&s->output);
}

/* --- rounds -------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether n paired samples already pin the ratio down: the middle half of
 * the ratios within 2% of their median.  More rounds would not change the
 * verdict, only the grading time. */
static bool precise_enough(const rounds_samples *ts, int n)
{
    if (n < 6)
        return false;
    double r[PLAN_MAX_SAMPLES];
    for (int i = 0; i < n; i++)
        r[i] = ts->user_s[i] / fmax(ts->ref_s[i], 1e-12);
    qsort(r, (size_t)n, sizeof r[0], cmp_double);
    double q1 = r[n / 4], med = r[n / 2], q3 = r[(3 * n) / 4];
    return med > 0 && (q3 - q1) / med <= 0.02;
}

/* A reference round of reps sequences: seconds per sequence in *sec. */
static int ref_round(rounds *x, int r, uint32_t reps, double *sec)
{
    double cpu;
    int rc = side_round(x, &x->ref, r, reps, &cpu);
    if (rc == 0)
        *sec = fmax((cpu - x->j->overhead_s) / reps, 1e-9);
    return rc;
}

/* A round of the solution: one sequence, its seconds in *sec.  The first
 * round of a run keeps its outputs; every later one must leave the same
 * (else j->changed_at is set and -1 returned). */
static int user_round(rounds *x, int r, int round, double *sec)
{
    if (round > 0)
        firsts_spoil(x->f, x->user.out, &x->rng);
    double cpu;
    int rc = side_round(x, &x->user, r, 1, &cpu);
    if (rc != 0)
        return rc;
    *sec = fmax(cpu - x->j->overhead_s, 1e-9);
    if (round == 0) {
        firsts_free(x->f);
        x->f = firsts_take(x->l, r, x->user.out);
    } else if (!firsts_verify(x->f, x->user.out)) {
        x->j->changed_at = r;
        x->j->changed_round = round;
        return -1;
    }
    return 0;
}

/* The cost of a round itself (the commands, the answer, stopping and
 * starting): the median of a few empty rounds on the reference. */
static int measure_overhead(rounds *x)
{
    double v[EMPTY_ROUNDS];
    for (int i = 0; i < EMPTY_ROUNDS; i++)
        if (side_round(x, &x->ref, 0, 0, &v[i]) != 0)
            return -1;
    qsort(v, EMPTY_ROUNDS, sizeof v[0], cmp_double);
    x->j->overhead_s = fmax(v[EMPTY_ROUNDS / 2], 0);
    return 0;
}

/* One pair of rounds, in the order the seed draws, into sample n. */
static int pair(rounds *x, int r, int n, uint32_t rf)
{
    rounds_samples *ts = &x->j->samples[r];
    int user_first = (int)(rng_next(x) & 1), rc;
    if (user_first) {
        rc = user_round(x, r, n + 1, &ts->user_s[n]);
        if (rc == 0)
            rc = ref_round(x, r, rf, &ts->ref_s[n]);
    } else {
        rc = ref_round(x, r, rf, &ts->ref_s[n]);
        if (rc == 0)
            rc = user_round(x, r, n + 1, &ts->user_s[n]);
    }
    ts->user_first[n] = (uint8_t)user_first;
    if (debug_on())
        fprintf(stderr, "[rounds %.4f] pair %d done\n", now_seconds(), n);
    return rc;
}

/* Times run r: a warm-up sequence on each side (the reference first, so
 * that a solution too slow to finish is measured against a known scale),
 * then pairs of rounds until its share of the budget is spent or the
 * ratio is pinned down.  The reference repeats its sequence to fill a
 * round of at least the plan's shortest; the solution's rounds are one
 * sequence each, checked. */
static int time_run(rounds *x, int r)
{
    const plan_hdr *h = layout_hdr(x->l);
    rounds_samples *ts = &x->j->samples[r];
    double budget = h->timing_budget_s * layout_timing_share(x->l, r);
    double min_round = h->min_round_s > 0 ? h->min_round_s : MIN_ROUND_S;
    double start = now_seconds(), tf, tu;
    int rc = ref_round(x, r, 1, &tf);
    if (rc != 0)
        return rc;
    ts->ref_warm = tf;
    ts->warmed = 1;
    if ((rc = user_round(x, r, 0, &tu)) != 0)
        return rc;
    ts->user_warm = tu;
    ts->warmed = 2;
    double rounds_f = min_round / fmax(tf, 1e-9) + 1;
    uint32_t rf = rounds_f > 100000 ? 100000 : (uint32_t)rounds_f;
    ts->reps = rf;
    if (tu > budget / 2) {
        /* too slow to repeat within the budget: one sample is the
         * verdict, against a reference round past its first touches of
         * the buffers (its warm-up pays for those) */
        ts->user_s[0] = tu;
        ts->user_first[0] = 1;
        if ((rc = ref_round(x, r, rf, &ts->ref_s[0])) != 0)
            return rc;
        ts->nsamples = 1;
        return 0;
    }
    for (int n = 0; n < PLAN_MAX_SAMPLES; n++) {
        double el = now_seconds() - start;
        if ((n >= 3 && el > budget) || precise_enough(ts, n) || (el > 3 * budget && n >= 1))
            break;
        if ((rc = pair(x, r, n, rf)) != 0)
            return rc;
        ts->nsamples = n + 1;
    }
    return 0;
}

/* Starts both runners and waits until both are loaded and stopped. */
static int start_both(rounds *x, md_err *err)
{
    if (side_start(x, &x->ref, x->j->ref_so, err) != 0 ||
        side_start(x, &x->user, x->j->so, err) != 0)
        return -1;
    double load = now_seconds() + EXEC_LOAD_LIMIT_S;
    if (x->o->deadline > 0 && x->o->deadline < load)
        load = x->o->deadline;    /* the grading's: nothing goes past it */
    side *both[2] = {&x->ref, &x->user};
    for (int i = 0; i < 2; i++) {
        side *s = both[i];
        int rc = s->failed ? -1 : side_await(x, s, WIRE_READY, load);
        if (rc == 0 && side_stop(s) != 0)
            rc = -1;
        if (rc == -2)
            return md_fail(err, "cancelled");
        if (rc != 0) {
            s->failed = true;
            return 1;
        }
    }
    x->j->confined = x->ref.confined && x->user.confined;
    return 0;
}

/* The rounds themselves: the cost of an empty round, then every timing
 * run in turn; -2 when cancelled. */
static int all_rounds(rounds *x)
{
    x->deadline = now_seconds() + x->limit_s;
    if (x->o->deadline > 0 && x->o->deadline < x->deadline)
        x->deadline = x->o->deadline;
    int rc = measure_overhead(x);
    for (int r = 0; r < x->j->ntime && rc == 0; r++) {
        rc = time_run(x, r);
        if (rc == -1)
            x->j->stopped_at = r;
    }
    return rc == -2 ? -2 : 0;
}

/* What became of a runner that failed, in words (explain.h): its status,
 * fault, buffer and message into j. */
static void settle(rounds *x, const side *s)
{
    rounds_job *j = x->j;
    explain_end e = {s->wstatus, s->have_fault ? &s->fault : NULL, s->killed, s->timed_out,
                     s->ready, s->ready ? x->limit_s : EXEC_LOAD_LIMIT_S, NULL};
    char *msg = NULL, *bufname = NULL;
    int fault = 0;
    xstatus st = explain_ending(x->l, &e, &fault, &msg, &bufname);
    if (s->forged) {
        free(msg);
        msg = xasprintf("wrote a forged message on mldrill's status channel (%s) and was "
                        "stopped", s->forged);
        st = XS_CRASH;
    } else if (s->have_error) {
        free(msg);
        msg = xstrdup(s->error_text);
        st = XS_ERROR;
    }
    if (!msg)
        msg = xstrdup("the timing runner stopped unexpectedly");
    j->status = s->is_ref ? XS_ERROR : st;
    j->fault = s->is_ref ? 0 : fault;
    j->message = s->is_ref ? xasprintf("the reference's timing runner failed: %s", msg)
                           : xstrdup(msg);
    j->fault_buffer = s->is_ref ? NULL : bufname;
    if (s->is_ref)
        free(bufname);
    j->ref_failed = s->is_ref;
    free(msg);
}

/* Each side's outputs of its last round of every run. */
static int collect(rounds *x, md_err *err)
{
    rounds_job *j = x->j;
    side *both[2] = {&x->user, &x->ref};
    xrun *into[2] = {j->user, j->ref};
    for (int i = 0; i < 2; i++)
        for (int r = 0; r < j->ntime; r++) {
            xrun *xr = &into[i][r];
            xr->ncalls = layout_case(x->l, r)->ncalls;
            xr->calls = xcalloc((size_t)xr->ncalls + 1, sizeof(plan_res));
            if (layout_collect(x->l, both[i]->out_fd, r, &xr->vals, &xr->nvals, xr->calls,
                               xr->ncalls, err) != 0)
                return -1;
        }
    return 0;
}

/* MLDRILL_DEBUG: the samples. */
static void debug_samples(const rounds_job *j)
{
    fprintf(stderr, "[rounds] an empty round: %.1f us\n", j->overhead_s * 1e6);
    for (int r = 0; r < j->ntime; r++) {
        const rounds_samples *ts = &j->samples[r];
        fprintf(stderr, "[rounds] run %d: warm ref %.4g user %.4g, %d pairs, %u reference "
                        "sequences per round\n", r, ts->ref_warm, ts->user_warm,
                ts->nsamples, ts->reps);
        for (int k = 0; k < ts->nsamples; k++)
            fprintf(stderr, "[rounds] run %d pair %d: user %.6g ref %.6g (%s first)\n", r, k,
                    ts->user_s[k], ts->ref_s[k], ts->user_first[k] ? "user" : "reference");
    }
}

int rounds_run(const layout *l, rounds_job *j, const exec_opts *o, md_err *err)
{
    if (!o->runner || access(o->runner, X_OK) != 0)
        return md_fail(err, "the runner (mldrill-runner) was not found");
    int nruns = layout_nruns(l);
    int *ncalls = xcalloc((size_t)nruns + 1, sizeof(int));
    for (int r = 0; r < nruns; r++)
        ncalls[r] = layout_case(l, r)->ncalls;
    rounds x;
    memset(&x, 0, sizeof x);
    x.l = l;
    x.j = j;
    x.o = o;
    x.wp = (wire_plan){nruns, ncalls, (int)layout_hdr(l)->nbuf, true};
    x.user.status_fd = x.user.output_fd = x.user.cmd_fd = x.user.out_fd = -1;
    x.ref.status_fd = x.ref.output_fd = x.ref.cmd_fd = x.ref.out_fd = -1;
    x.ref.is_ref = true;
    x.rng = layout_hdr(l)->timing_seed | 1;
    x.limit_s = 1 + 3 * layout_hdr(l)->timing_budget_s;
    j->ntime = nruns;
    j->samples = xcalloc((size_t)nruns + 1, sizeof(rounds_samples));
    j->user = xcalloc((size_t)nruns + 1, sizeof(xrun));
    j->ref = xcalloc((size_t)nruns + 1, sizeof(xrun));
    j->status = XS_OK;
    j->stopped_at = j->changed_at = -1;
    int rc = start_both(&x, err);
    if (rc == 0 && all_rounds(&x) == -2)
        rc = md_fail(err, "cancelled");
    side_end(&x.ref);
    side_end(&x.user);
    if (rc >= 0 && (x.ref.failed || x.user.failed))
        settle(&x, x.ref.failed ? &x.ref : &x.user);
    if (rc == 1)
        rc = 0;
    if (rc == 0 && !x.ref.failed && !x.user.failed && collect(&x, err) != 0)
        rc = -1;
    if (rc == 0 && layout_hdr(l)->prof_off) {
        /* what the solution's rounds sampled, however they ended */
        j->prof = xcalloc(1, sizeof *j->prof);
        if (layout_profile(l, x.user.out_fd, j->prof, err) < 0)
            rc = -1;
    }
    if (rc == 0 && debug_on())
        debug_samples(j);
    j->output = sb_take(&x.user.output);
    j->output_total = x.user.output_total;
    firsts_free(x.f);
    side_free(&x, &x.ref);
    side_free(&x, &x.user);
    free(ncalls);
    return rc < 0 ? -1 : 0;
}

void rounds_job_clear(rounds_job *j)
{
    for (int r = 0; r < j->ntime; r++) {
        xrun *both[2] = {&j->user[r], &j->ref[r]};
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < both[i]->nvals; k++)
                value_clear(&both[i]->vals[k]);
            free(both[i]->vals);
            free(both[i]->calls);
        }
    }
    free(j->user);
    free(j->ref);
    free(j->samples);
    free(j->message);
    free(j->fault_buffer);
    free(j->output);
    free(j->prof);
    j->prof = NULL;
    j->user = j->ref = NULL;
    j->samples = NULL;
    j->message = j->fault_buffer = j->output = NULL;
    j->ntime = 0;
}
