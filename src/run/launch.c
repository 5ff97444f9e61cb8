/* launch — see launch.h. */
#define _GNU_SOURCE

#include "run/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/proc.h"

/* The command line and environment of one runner process, with the
 * storage their strings live in. */
typedef struct launch {
    const char *argv[12];
    const char *envp[8];
    char from[32], cpus[32];     /* --from RUN, --cpu SECONDS */
    char asan[768], ubsan[256];  /* the sanitizers' options */
} launch;

/* The runner's arguments: the shared object, rounds on command or the
 * first run, and its CPU limit. */
static void launch_args(launch *ln, const launch_spec *s)
{
    snprintf(ln->from, sizeof ln->from, "%d", s->from);
    snprintf(ln->cpus, sizeof ln->cpus, "%.0f", ceil(s->cpu_s));
    int a = 0;
    ln->argv[a++] = s->runner;
    ln->argv[a++] = "--so";
    ln->argv[a++] = s->so;
    if (s->timing)
        ln->argv[a++] = "--time";
    ln->argv[a++] = "--from";
    ln->argv[a++] = ln->from;
    ln->argv[a++] = "--cpu";
    ln->argv[a++] = ln->cpus;
    ln->argv[a] = NULL;
}

/* A cleared environment: only what the runner and OpenBLAS need, and the
 * sanitizers' options for a sanitized solution. */
static void launch_env(launch *ln, const launch_spec *s, const layout *l)
{
    int e = 0;
    ln->envp[e++] = "OPENBLAS_NUM_THREADS=1";
    ln->envp[e++] = "OMP_NUM_THREADS=1";
    ln->envp[e++] = "PATH=/usr/bin:/bin";
    ln->envp[e++] = "LC_ALL=C";
    if (s->sanitize) {
        /* The sanitizers report and exit with their own status; the
         * runner's fault handler keeps the signals (guard pages name the
         * buffer, SIGSYS the refused call).  The heap is bounded by
         * mmap_limit_mb, since ASan's allocator reserves its address space
         * up front where RLIMIT_AS cannot see it; no leak check (it would
         * need ptrace), no external symbolizer (it would need exec). */
        unsigned long long mb = layout_hdr(l)->memory_bytes >> 20;
        snprintf(ln->asan, sizeof ln->asan,
                 "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=%d:"
                 "allocator_may_return_null=0:handle_segv=0:handle_abort=0:"
                 "handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:use_sigaltstack=0:"
                 "detect_stack_use_after_return=0:quarantine_size_mb=32:"
                 "max_allocation_size_mb=%llu:mmap_limit_mb=%llu:"
                 "external_symbolizer_path=:color=never:print_summary=1:"
                 "detect_odr_violation=0:malloc_context_size=8",
                 LAUNCH_ASAN_EXIT, mb ? mb : 512, (mb ? mb : 512) + 256);
        snprintf(ln->ubsan, sizeof ln->ubsan,
                 "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=%d:"
                 "color=never:external_symbolizer_path=", LAUNCH_UBSAN_EXIT);
        ln->envp[e++] = ln->asan;
        ln->envp[e++] = ln->ubsan;
    }
    ln->envp[e] = NULL;
}

/* In the forked child: descriptors 0-5 as runner.c expects them (stdin
 * /dev/null, output, status, IN, OUT; timing: 6, the commands), then the
 * runner.  Never returns. */
_Noreturn static void launch_child(const launch *ln, const launch_spec *s, const layout *l,
                                   int out_w, int status_w, pid_t parent)
{
    setsid();
    /* the runner dies with the grader (a REPL killed hard) */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    int devnull = open("/dev/null", O_RDONLY);
    /* move the sources above the targets before placing them */
    int src[7] = {devnull, out_w, out_w, status_w, layout_in_fd(l), s->out_fd, s->cmd_fd};
    int n = s->timing ? 7 : 6;
    for (int i = 0; i < n; i++)
        src[i] = fcntl(src[i], F_DUPFD, 16);
    for (int i = 0; i < n; i++)
        if (dup2(src[i], i) < 0)
            _exit(127);
    close_range((unsigned)n, ~0U, 0);
    /* Timing runs get the same address-space layout every time: with
     * randomised addresses, whether large buffers land on huge pages
     * (and how they alias in the caches) changes from one grading to
     * the next, and a strided loop's speed with it. */
    if (s->timing)
        personality(ADDR_NO_RANDOMIZE);
    execve(s->runner, (char *const *)ln->argv, (char *const *)ln->envp);
    dprintf(2, "mldrill: cannot run %s: %s\n", s->runner, strerror(errno));
    _exit(127);
}

int launch_start(const layout *l, const launch_spec *s, launch_proc *out, md_err *err)
{
    int st[2], outp[2];
    if (pipe2(st, O_CLOEXEC) != 0)
        return md_fail(err, "pipe: %s", strerror(errno));
    if (pipe2(outp, O_CLOEXEC) != 0) {
        close(st[0]);
        close(st[1]);
        return md_fail(err, "pipe: %s", strerror(errno));
    }
    launch ln;
    launch_args(&ln, s);
    launch_env(&ln, s, l);
    pid_t parent = getpid();

    pid_t pid = fork();
    if (pid < 0) {
        close(st[0]);
        close(st[1]);
        close(outp[0]);
        close(outp[1]);
        return md_fail(err, "fork: %s", strerror(errno));
    }
    if (pid == 0)
        launch_child(&ln, s, l, outp[1], st[1], parent);
    close(st[1]);
    close(outp[1]);
    out->pid = pid;
    out->status_fd = st[0];
    out->output_fd = outp[0];
    fcntl(out->output_fd, F_SETFL, O_NONBLOCK);
    return 0;
}

size_t launch_drain(int fd, strbuf *kept, size_t cap,
                    void (*each)(void *ctx, const char *buf, size_t n), void *ctx)
{
    char buf[65536];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            return total;
        if (each)
            each(ctx, buf, (size_t)n);
        total += (size_t)n;
        if (kept->len < cap)
            sb_addn(kept, buf, kept->len + (size_t)n > cap ? cap - kept->len : (size_t)n);
    }
}

void launch_kill(pid_t pid)
{
    if (pid > 0) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
    }
}

bool launch_reap(pid_t pid, int *ws, struct rusage *ru, double grace)
{
    double end = now_seconds() + grace;
    for (;;) {
        /* wait for the end without reaping: while the runner is a zombie
         * its pid, and so its process group id, cannot be reused, and
         * the group can be killed without hitting a stranger */
        siginfo_t si;
        si.si_pid = 0;
        int r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
        if ((r == 0 && si.si_pid == pid) || (r < 0 && errno != EINTR)) {
            proc_end_group(pid, ws, ru);    /* and anything it left behind */
            return true;
        }
        if (now_seconds() > end)
            return false;
        sleep_seconds(0.001);
    }
}
