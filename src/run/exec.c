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
#include <sys/prctl.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#define LOAD_LIMIT_S EXEC_LOAD_LIMIT_S

/* A runner whose status pipe closed gets this long to be reaped before it
 * is taken to have closed the pipe itself (and is killed). */
#define REAP_GRACE_S 0.5

/* The end of each process's output kept for the sanitizers' reports,
 * whatever the cap on what the report shows. */
#define TAIL_BYTES 16384

/* Exit statuses the sanitizer runtimes are told to use (ASAN_OPTIONS,
 * UBSAN_OPTIONS below). */
#define ASAN_EXIT 97
#define UBSAN_EXIT 98

const char *xstatus_name(xstatus s)
{
    static const char *const n[] = {"notrun", "ok", "crash", "timeout",
                                    "memory", "forbidden", "error"};
    return s <= XS_ERROR ? n[s] : "?";
}

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
    free(j->tres);
    free(j->timing_message);
    free(j->output);
    free(j->error);
    j->runs = NULL;
    j->tres = NULL;
    j->timing_message = j->output = j->error = NULL;
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
    bool ready, timed;
    double deadline;
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

/* The wall-clock limit of run r for a job: the case's, stretched for
 * sanitizer builds, which are slower by design. */
static double run_wall(const layout *l, int r, const exec_job *j)
{
    double w = layout_case(l, r)->spec->wall_s;
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

/* Plain words for a refused system call; detail is what the runner could
 * tell about the call (runner/fault.c): "read:PATH", "write:PATH",
 * "create:PATH", "thread", "process" or "run:PROGRAM". */
static const char *syscall_words(const char *name, const char *detail)
{
    if (strncmp(detail, "create:", 7) == 0)
        return "create a file";
    if (strncmp(detail, "write:", 6) == 0)
        return "write to a file";
    if (strncmp(detail, "read:", 5) == 0)
        return "open a file";
    if (strncmp(detail, "run:", 4) == 0)
        return "run another program";
    if (strcmp(detail, "thread") == 0)
        return "start a thread";
    if (strcmp(detail, "process") == 0)
        return "start a new process";
    static const struct {
        const char *prefix, *words;
    } t[] = {
        {"open", "open a file"},           {"creat", "create a file"},
        {"execve", "run another program"}, {"clone", "start a new process"},
        {"fork", "start a new process"},   {"vfork", "start a new process"},
        {"socket", "use the network"},     {"connect", "use the network"},
        {"bind", "use the network"},       {"send", "use the network"},
        {"listen", "use the network"},     {"accept", "use the network"},
        {"unlink", "delete a file"},       {"rename", "rename a file"},
        {"mkdir", "create a directory"},   {"rmdir", "delete a directory"},
        {"rt_sigaction", "change how signals are handled"},
        {"kill", "send a signal to another process"},
        {"tgkill", "send a signal to another process"},
        {"tkill", "send a signal to another process"},
        {"rt_sigqueueinfo", "send a signal to another process"},
        {"prlimit64", "change resource limits"},
        {"setrlimit", "change resource limits"},
        {"ptrace", "debug another process"}, {"process_vm", "read another process's memory"},
        {"truncate", "change a file"},     {"ftruncate", "change a file"},
        {"chmod", "change file permissions"}, {"chown", "change a file's owner"},
        {"symlink", "create a link"},      {"link", "create a link"},
        {"utime", "change a file's times"}, {"flock", "lock a file"},
        {"memfd_create", "create a file in memory"},
        {"shm", "create shared memory"},   {"sem", "create a semaphore"},
        {"msg", "create a message queue"}, {"mq_", "create a message queue"},
        {"dup", "duplicate a file descriptor"},
        {"fcntl", "lock or duplicate a file descriptor"},
        {"pause", "wait for a signal"},    {"alarm", "set an alarm"},
        {"setitimer", "set a timer"},      {"timer_create", "set a timer"},
        {"poll", "wait on file descriptors"}, {"select", "wait on file descriptors"},
        {"pselect", "wait on file descriptors"}, {"ioctl", "control a device"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strncmp(name, t[i].prefix, strlen(t[i].prefix)) == 0)
            return t[i].words;
    return NULL;
}

/* "your code tried to open a file (/etc/passwd, with openat), which ..."
 * from the runner's "NAME DETAIL". */
static char *forbidden_message(const char *text)
{
    if (strcmp(text, "write to a file") == 0)    /* SIGXFSZ */
        return xasprintf("your code tried to write to a file, which the sandbox does "
                         "not allow");
    char name[64];
    size_t n = strcspn(text, " ");
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, text, n);
    name[n] = '\0';
    if (strcmp(name, "compat") == 0)
        return xasprintf("your code made a 32-bit system call (int $0x80), which the "
                         "sandbox does not allow");
    const char *detail = text[n] ? text + n + 1 : "";
    const char *what = strchr(detail, ':');
    what = what && what[1] ? what + 1 : NULL;
    const char *w = syscall_words(name, detail);
    if (!w)
        return xasprintf("your code made the system call %s, which the sandbox does not "
                         "allow", name);
    if (what)
        return xasprintf("your code tried to %s (%s, with %s), which the sandbox does "
                         "not allow", w, what, name);
    return xasprintf("your code tried to %s (%s), which the sandbox does not allow", w,
                     name);
}

/* Message for a fault that names a buffer. */
static char *buffer_fault(const layout *l, const plan_msg *m, char **bufname)
{
    int run;
    const value *v = layout_buffer_value(l, (int)m->a, &run);
    if (!v)
        return xasprintf("invalid memory access");
    *bufname = xstrdup(v->name);
    bool write = strcmp(m->text, "write") == 0;
    size_t es = vtype_size(v->type);
    long long nbytes = (long long)es * v->count;
    char idx[128];
    long long off = (long long)m->b;
    if (m->code == PF_WRITE_INPUT)
        return xasprintf("wrote into input %s (at %s): inputs are read-only, "
                         "work on a copy",
                         v->name, value_index_text(v, off / (long long)es, idx, sizeof idx));
    bool input = v->role == ROLE_INPUT;
    if (off >= nbytes) {
        /* the fault address is the first byte past the end that was
         * touched; count the whole element it falls in */
        long long elem = off / (long long)es;
        long long past = (elem + 1) * (long long)es - nbytes;
        return xasprintf("%s %lld byte%s past the end of %s %s (element %lld; "
                         "%s has %lld elements)",
                         write ? "wrote" : "read", past, past == 1 ? "" : "s",
                         input ? "input" : "output", v->name, elem, v->name, v->count);
    }
    return xasprintf("%s %lld bytes before the start of %s %s", write ? "wrote" : "read",
                     -off, input ? "input" : "output", v->name);
}

/* Turns a fault message into a status and words. */
static xstatus describe_fault(const layout *l, const plan_msg *m, char **msg,
                              char **bufname)
{
    const char *t = m->text;
    switch (m->code) {
    case PF_WRITE_INPUT:
    case PF_OVERFLOW:
        *msg = buffer_fault(l, m, bufname);
        return XS_CRASH;
    case PF_MEMORY:
        *msg = xasprintf("ran out of memory: an allocation of %lld bytes failed "
                         "(the limit is %llu MiB)%s",
                         (long long)m->a,
                         (unsigned long long)(layout_hdr(l)->memory_bytes >> 20),
                         strcmp(t, "null") == 0 ? " and the NULL it returned was used"
                                                : "");
        return XS_MEMORY;
    case PF_FORBIDDEN:
        *msg = forbidden_message(t);
        return XS_FORBIDDEN;
    case PF_TIMEOUT:
        *msg = xasprintf("used up its CPU time (an infinite loop?)");
        return XS_TIMEOUT;
    case PF_MISSING:
        *msg = xasprintf("the solution does not define %s()", t);
        return XS_ERROR;
    default:
        break;
    }
    /* PF_CRASH: a signal */
    int sig = (int)m->a;
    if (strcmp(t, "null") == 0)
        *msg = xasprintf("segmentation fault: used a NULL pointer");
    else if (strcmp(t, "stack") == 0)
        *msg = xasprintf("stack overflow: recursion too deep, or a local array "
                         "too large for the stack (use malloc)");
    else if (strcmp(t, "copy") == 0)
        *msg = xasprintf("a string pointer the solution returned is not valid");
    else if (strcmp(t, "abort") == 0)
        *msg = xasprintf("abort() was called (a failed assert(), or free() found "
                         "the heap corrupted)");
    else if (sig == SIGSEGV || sig == SIGBUS)
        *msg = xasprintf("segmentation fault: invalid memory %s at address 0x%llx",
                         t, (unsigned long long)m->b);
    else if (sig == SIGFPE)
        *msg = xasprintf("arithmetic exception (an integer division by zero?)");
    else if (sig == SIGILL)
        *msg = xasprintf("illegal instruction");
    else
        *msg = xasprintf("killed by signal %d (%s)", sig, strsignal(sig));
    return XS_CRASH;
}

/* --- sanitizer reports --------------------------------------------------------- */

/* The text of the line at p, up to the newline. */
static void add_line(strbuf *sb, const char *p)
{
    size_t n = strcspn(p, "\n");
    sb_addn(sb, p, n);
}

/* "file.c:12" from " /dir/file.c:12:5" at p (the first source location on
 * the line), into out; false when there is none or when it is not the
 * solution's (the sanitizers', libc's or the runner's own sources). */
static bool source_location(const char *p, char *out, size_t cap)
{
    size_t len = strcspn(p, "\n");
    static const char *const foreign[] = {"/libsanitizer/", "/sysdeps/", "/csu/",
                                          "src/runner", "/libffi"};
    for (size_t f = 0; f < sizeof foreign / sizeof foreign[0]; f++) {
        const char *hit = strstr(p, foreign[f]);
        if (hit && (size_t)(hit - p) < len)
            return false;
    }
    for (size_t i = 0; i + 3 < len; i++) {
        if (p[i] != '.' || p[i + 1] != 'c' || p[i + 2] != ':' ||
            !(p[i + 3] >= '0' && p[i + 3] <= '9'))
            continue;
        size_t b = i;
        while (b > 0 && p[b - 1] != ' ' && p[b - 1] != '/' && p[b - 1] != '(')
            b--;
        size_t e = i + 3;
        while (e < len && p[e] >= '0' && p[e] <= '9')
            e++;
        snprintf(out, cap, "%.*s", (int)(e - b), p + b);
        return true;
    }
    return false;
}

/* One line from an AddressSanitizer or UBSan report in text (the end of a
 * runner's output): what was found, where in the solution, and the access;
 * NULL when there is no report.  *memory is set for out-of-memory kinds. */
static char *sanitizer_message(const char *text, bool *memory)
{
    *memory = false;
    const char *asan = NULL;
    for (const char *p = strstr(text, "ERROR: AddressSanitizer"); p;
         p = strstr(p + 1, "ERROR: AddressSanitizer"))
        asan = p;
    const char *ubsan = strstr(text, ": runtime error: ");
    strbuf sb = {0};
    char where[256];
    if (asan) {
        /* ERROR: AddressSanitizer: heap-buffer-overflow on address ... */
        const char *kind = asan + strlen("ERROR: AddressSanitizer: ");
        size_t kn = strcspn(kind, " \n");
        sb_printf(&sb, "AddressSanitizer: %.*s", (int)kn, kind);
        *memory = strncmp(kind, "out-of-memory", kn) == 0 ||
                  strncmp(kind, "allocation-size-too-big", kn) == 0 ||
                  strncmp(kind, "requested allocation size", 25) == 0 ||
                  strstr(kind, "out of memory") != NULL ||
                  strncmp(kind, "calloc-overflow", kn) == 0 ||
                  strncmp(kind, "pvalloc-overflow", kn) == 0;
        /* the access ("WRITE of size 8 at ...") */
        const char *acc = strstr(asan, "\nREAD of size ");
        const char *wacc = strstr(asan, "\nWRITE of size ");
        if (wacc && (!acc || wacc < acc))
            acc = wacc;
        if (acc) {
            size_t an = strcspn(acc + 1, "\n");
            const char *at = strstr(acc + 1, " at ");
            if (at && at < acc + 1 + an)
                an = (size_t)(at - (acc + 1));
            sb_printf(&sb, " (%.*s)", (int)an, acc + 1);
        }
        /* the first frame in a .c file: the solution's line */
        const char *frame = strstr(asan, "\n    #");
        bool found = false;
        for (; frame && !found; frame = strstr(frame + 1, "\n    #"))
            found = source_location(frame + 1, where, sizeof where);
        if (!found) {
            const char *sum = strstr(asan, "SUMMARY: AddressSanitizer");
            found = sum && source_location(sum, where, sizeof where);
        }
        if (found)
            sb_printf(&sb, " at %s", where);
        /* where the block came from, for heap errors: "0 bytes to the
         * right of 8-byte region, allocated at file.c:11" */
        const char *loc = strstr(asan, " is located ");
        const char *reg = loc ? strstr(loc, " region [") : NULL;
        if (reg && (size_t)(reg - loc) < strcspn(loc, "\n")) {
            loc += strlen(" is located ");
            sb_printf(&sb, ": %.*s region", (int)(reg - loc), loc);
            const char *alloc = strstr(reg, "allocated by thread");
            const char *af = alloc ? strstr(alloc, "\n    #") : NULL;
            bool af_found = false;
            for (; af && !af_found; af = strstr(af + 1, "\n    #"))
                af_found = source_location(af + 1, where, sizeof where);
            if (af_found)
                sb_printf(&sb, ", allocated at %s", where);
            const char *freed = strstr(reg, "freed by thread");
            af = freed && (!alloc || freed < alloc) ? strstr(freed, "\n    #") : NULL;
            af_found = false;
            for (; af && !af_found; af = strstr(af + 1, "\n    #"))
                af_found = source_location(af + 1, where, sizeof where);
            if (af_found)
                sb_printf(&sb, ", freed at %s", where);
        }
    } else if (ubsan) {
        /* /dir/file.c:12:9: runtime error: signed integer overflow: ... */
        const char *line = ubsan;
        while (line > text && line[-1] != '\n')
            line--;
        sb_add(&sb, "UndefinedBehaviorSanitizer:");
        add_line(&sb, ubsan + strlen(": runtime error:"));
        if (source_location(line, where, sizeof where))
            sb_printf(&sb, " at %s", where);
    } else if (strstr(text, "mmap_limit_mb")) {
        /* the heap bound (ASAN_OPTIONS mmap_limit_mb) fails a check: the
         * sanitizer says nothing more */
        *memory = true;
        sb_add(&sb, "ran out of memory: the heap grew past the limit "
                    "(AddressSanitizer stopped it)");
    } else {
        return NULL;
    }
    return sb_take(&sb);
}

static int start(proc *p, const layout *l, const exec_opts *o, md_err *err)
{
    int st[2], outp[2];
    if (pipe2(st, O_CLOEXEC) != 0)
        return md_fail(err, "pipe: %s", strerror(errno));
    if (pipe2(outp, O_CLOEXEC) != 0) {
        close(st[0]);
        close(st[1]);
        return md_fail(err, "pipe: %s", strerror(errno));
    }
    const char *runner = p->job->sanitize && o->runner_sanitize ? o->runner_sanitize
                                                                : o->runner;
    /* the whole plan's wall limits bound the CPU time of one process */
    double cpu = 2;
    for (int r = p->next_run; r < layout_nruns(l); r++)
        cpu += run_wall(l, r, p->job);
    char from[32], cpus[32];
    snprintf(from, sizeof from, "%d", p->next_run);
    snprintf(cpus, sizeof cpus, "%.0f", ceil(cpu));
    const char *argv[12];
    int a = 0;
    argv[a++] = runner;
    argv[a++] = "--so";
    argv[a++] = p->job->so;
    if (p->job->timing) {
        argv[a++] = "--ref";
        argv[a++] = p->job->ref_so;
        argv[a++] = "--time";
    }
    argv[a++] = "--from";
    argv[a++] = from;
    argv[a++] = "--cpu";
    argv[a++] = cpus;
    argv[a] = NULL;
    /* a cleared environment: only what the runner and OpenBLAS need */
    const char *envp[8];
    int e = 0;
    envp[e++] = "OPENBLAS_NUM_THREADS=1";
    envp[e++] = "OMP_NUM_THREADS=1";
    envp[e++] = "PATH=/usr/bin:/bin";
    envp[e++] = "LC_ALL=C";
    char asan[768], ubsan[256];
    if (p->job->sanitize) {
        /* The sanitizers report and exit with their own status; the
         * runner's fault handler keeps the signals (guard pages name the
         * buffer, SIGSYS the refused call).  The heap is bounded by
         * mmap_limit_mb, since ASan's allocator reserves its address space
         * up front where RLIMIT_AS cannot see it; no leak check (it would
         * need ptrace), no external symbolizer (it would need exec). */
        unsigned long long mb = layout_hdr(l)->memory_bytes >> 20;
        snprintf(asan, sizeof asan,
                 "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=%d:"
                 "allocator_may_return_null=0:handle_segv=0:handle_abort=0:"
                 "handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:use_sigaltstack=0:"
                 "detect_stack_use_after_return=0:quarantine_size_mb=32:"
                 "max_allocation_size_mb=%llu:mmap_limit_mb=%llu:"
                 "external_symbolizer_path=:color=never:print_summary=1:"
                 "detect_odr_violation=0:malloc_context_size=8",
                 ASAN_EXIT, mb ? mb : 512, (mb ? mb : 512) + 256);
        snprintf(ubsan, sizeof ubsan,
                 "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=%d:"
                 "color=never:external_symbolizer_path=", UBSAN_EXIT);
        envp[e++] = asan;
        envp[e++] = ubsan;
    }
    envp[e] = NULL;
    pid_t parent = getpid();

    pid_t pid = fork();
    if (pid < 0) {
        close(st[0]);
        close(st[1]);
        close(outp[0]);
        close(outp[1]);
        return md_fail(err, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        setsid();
        /* the runner dies with the grader (a REPL killed hard) */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        int devnull = open("/dev/null", O_RDONLY);
        /* move the sources above the targets before placing them */
        int src[6] = {devnull, outp[1], outp[1], st[1], layout_in_fd(l), p->out_fd};
        for (int i = 0; i < 6; i++)
            src[i] = fcntl(src[i], F_DUPFD, 16);
        for (int i = 0; i < 6; i++)
            if (dup2(src[i], i) < 0)
                _exit(127);
        close_range(6, ~0U, 0);
        /* Timing runs get the same address-space layout every time: with
         * randomised addresses, whether large buffers land on huge pages
         * (and how they alias in the caches) changes from one grading to
         * the next, and a strided loop's speed with it. */
        if (p->job->timing)
            personality(ADDR_NO_RANDOMIZE);
        execve(runner, (char *const *)argv, (char *const *)envp);
        dprintf(2, "mldrill: cannot run %s: %s\n", runner, strerror(errno));
        _exit(127);
    }
    close(st[1]);
    close(outp[1]);
    p->pid = pid;
    p->status_fd = st[0];
    p->output_fd = outp[0];
    fcntl(p->output_fd, F_SETFL, O_NONBLOCK);
    p->ready = p->timed = p->have_fault = p->have_error = p->killed = false;
    p->timed_out = false;
    p->cur = -1;
    p->npartial = 0;
    p->ntail = 0;
    p->deadline = now_seconds() + LOAD_LIMIT_S;
    p->job->processes++;
    return 0;
}

/* Waits up to grace seconds for pid to end; true when it was reaped. */
static bool reap(pid_t pid, int *ws, double grace)
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
            kill(-pid, SIGKILL);    /* anything it left behind */
            while (waitpid(pid, ws, 0) < 0 && errno == EINTR)
                ;
            return true;
        }
        if (now_seconds() > end)
            return false;
        sleep_seconds(0.001);
    }
}

static void kill_proc(proc *p)
{
    if (p->pid > 0) {
        kill(-p->pid, SIGKILL);
        kill(p->pid, SIGKILL);
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

static void on_message(proc *p, const layout *l, const plan_msg *m,
                       const exec_opts *o)
{
    if (debug_on())
        fprintf(stderr, "[exec %.3f] job %d pid %d: msg %u code %u run %u call %u a=%lld b=%lld %s\n",
                now_seconds(), p->index, (int)p->pid, m->type, m->code, m->run, m->call,
                (long long)m->a, (long long)m->b, m->text);
    switch (m->type) {
    case PM_READY:
        p->ready = true;
        if (m->b != 1)
            p->job->confined = false;    /* no Landlock on this kernel */
        p->deadline = p->job->timing ? now_seconds() + 1 + 3 * layout_hdr(l)->timing_budget_s
                                     : now_seconds() + LOAD_LIMIT_S;
        break;
    case PM_BEGIN:
        p->cur = (int)m->a;
        p->deadline = now_seconds() + run_wall(l, p->cur, p->job);
        break;
    case PM_END:
        if ((int)m->a == p->cur && p->cur >= 0) {
            xrun *x = &p->job->runs[p->cur];
            set_run(x, XS_OK, 0, -1, NULL);
            x->wall_s = run_wall(l, p->cur, p->job) - (p->deadline - now_seconds());
            p->next_run = p->cur + 1;
            p->cur = -1;
            p->finished_runs++;
            p->deadline = now_seconds() + LOAD_LIMIT_S;
            if (o->progress)
                o->progress(o->progress_ctx, p->index, p->finished_runs,
                            layout_nruns(l));
        }
        break;
    case PM_FAULT:
        if (!p->have_fault) {
            p->fault = *m;
            p->fault.text[sizeof p->fault.text - 1] = '\0';
            p->have_fault = true;
        }
        break;
    case PM_ERROR:
        p->have_error = true;
        memcpy(p->error_text, m->text, sizeof m->text);
        p->error_text[sizeof m->text] = '\0';
        break;
    case PM_TIMED:
        p->timed = true;
        break;
    }
}

/* Keeps the last TAIL_BYTES of what the process printed. */
static void keep_tail(proc *p, const char *buf, size_t n)
{
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
    char buf[65536];
    for (;;) {
        ssize_t n = read(p->output_fd, buf, sizeof buf);
        if (n <= 0)
            return;
        if (p->job->sanitize)
            keep_tail(p, buf, (size_t)n);
        p->job->output_total += (size_t)n;
        if (p->output.len < cap)
            sb_addn(&p->output, buf, p->output.len + (size_t)n > cap ? cap - p->output.len
                                                                       : (size_t)n);
    }
}

/* After the runner process ended: decide what happened to the run in
 * progress and whether another process must continue. */
static void finish(proc *p, const layout *l, int wstatus, const exec_opts *o)
{
    if (debug_on())
        fprintf(stderr, "[exec %.3f] job %d pid %d ended: status 0x%x killed %d cur %d\n",
                now_seconds(), p->index, (int)p->pid, wstatus, p->killed, p->cur);
    exec_job *j = p->job;
    int nruns = layout_nruns(l);
    char *msg = NULL, *bufname = NULL;
    xstatus st = XS_CRASH;
    int fault = p->have_fault ? (int)p->fault.code : 0;
    int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    if (p->have_fault) {
        st = describe_fault(l, &p->fault, &msg, &bufname);
    } else if (p->timed_out) {
        st = XS_TIMEOUT;
    } else if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL && !p->killed) {
        st = XS_TIMEOUT;    /* the hard CPU limit */
    } else if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGSYS) {
        /* a refused call while SIGSYS was blocked: the kernel kills
         * without running the fault reporter, so the call is unknown */
        st = XS_FORBIDDEN;
        fault = PF_FORBIDDEN;
        msg = xasprintf("your code made a system call the sandbox does not allow, "
                        "with all signals blocked (as libc does while starting a "
                        "thread or a process)");
    } else if (j->sanitize && (code == ASAN_EXIT || code == UBSAN_EXIT)) {
        /* the sanitizer's own report, at the end of what was printed */
        char *text = xstrndup(p->tail, p->ntail);
        bool memory = false;
        msg = sanitizer_message(text, &memory);
        free(text);
        if (msg) {
            st = memory ? XS_MEMORY : XS_CRASH;
            fault = memory ? PF_MEMORY : PF_CRASH;
        }
    }
    if (!msg && p->killed && !p->timed_out)
        msg = xasprintf("closed mldrill's status channel (descriptor 3) and was stopped");
    if (!msg && p->timed_out)
        msg = xasprintf("did not finish within %.3g s (an infinite loop? waiting "
                        "forever?)", p->ready && p->cur >= 0 ? run_wall(l, p->cur, j) : LOAD_LIMIT_S);
    if (!msg && WIFEXITED(wstatus) && p->ready && p->cur >= 0)
        msg = xasprintf("the program ended with exit(%d) inside the solution: "
                        "a function must return, not exit", WEXITSTATUS(wstatus));
    if (!msg && WIFSIGNALED(wstatus))
        msg = xasprintf("killed by signal %d (%s)", WTERMSIG(wstatus),
                        strsignal(WTERMSIG(wstatus)));

    if (j->timing) {
        if (!p->timed) {
            j->timing_status = p->have_error ? XS_ERROR : st;
            j->timing_message = p->have_error ? xstrdup(p->error_text)
                                : msg ? msg : xstrdup("the timing runner stopped");
            msg = NULL;
        } else {
            j->timing_status = XS_OK;
        }
        p->done = true;
    } else if (!p->ready || p->have_error ||
               (p->have_fault && p->fault.code == PF_MISSING)) {
        /* nothing can run: the solution did not load.  A fault of its
         * constructors (forbidden call, crash, hang) is every case's
         * status; a load error (missing symbol, missing function) is an
         * error. */
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
        for (int r = p->next_run; r < nruns; r++)
            set_run(&j->runs[r], rs, fault, -1, xstrdup(j->error));
        p->done = true;
    } else if (p->cur >= 0) {
        xrun *x = &j->runs[p->cur];
        if (!msg)
            msg = xasprintf("the runner stopped unexpectedly");
        set_run(x, st, fault, p->have_fault && p->fault.call != PLAN_NONE ? (int)p->fault.call : -1,
                msg);
        msg = NULL;
        free(x->fault_buffer);
        x->fault_buffer = bufname;
        bufname = NULL;
        p->next_run = p->cur + 1;
        p->finished_runs++;
        p->done = p->next_run >= nruns;
        if (o->progress)
            o->progress(o->progress_ctx, p->index, p->finished_runs, nruns);
        /* grading stays bounded: after two timeouts in a row the rest
         * would most likely time out too */
        p->timeouts = st == XS_TIMEOUT ? p->timeouts + 1 : 0;
        if (p->timeouts >= 2 && !p->done) {
            for (int r = p->next_run; r < nruns; r++)
                set_run(&j->runs[r], XS_TIMEOUT, 0, -1,
                        xstrdup("not run: the two cases before it ran out of time"));
            p->done = true;
        }
    } else {
        /* ended between runs: whatever did not run cannot run */
        for (int r = p->next_run; r < nruns; r++)
            if (j->runs[r].status == XS_NOTRUN)
                set_run(&j->runs[r], XS_ERROR, fault, -1,
                        xstrdup(msg ? msg : "the runner stopped unexpectedly"));
        p->done = true;
    }
    /* runs settled at once (a solution that did not load, the rest of
     * the cases after two timeouts) are progress too */
    int settled = 0;
    for (int r = 0; r < nruns && !j->timing; r++)
        settled += j->runs[r].status != XS_NOTRUN;
    if (settled > p->finished_runs) {
        p->finished_runs = settled;
        if (o->progress)
            o->progress(o->progress_ctx, p->index, settled, nruns);
    }
    free(msg);
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

int exec_run(const layout *l, exec_job *jobs, int njobs, const exec_opts *o,
             md_err *err)
{
    if (!o->runner || access(o->runner, X_OK) != 0)
        return md_fail(err, "the runner (mldrill-runner) was not found next to "
                            "mldrill or in %s", MLDRILL_LIBEXECDIR);
    int nruns = layout_nruns(l);
    size_t cap = o->output_cap ? o->output_cap : 64 * 1024;
    int parallel = o->parallel > 0 ? o->parallel : 2;
    proc *ps = xcalloc((size_t)njobs + 1, sizeof(proc));
    int rc = 0;
    for (int i = 0; i < njobs; i++) {
        exec_job *j = &jobs[i];
        j->nruns = nruns;
        j->confined = true;
        j->runs = xcalloc((size_t)nruns + 1, sizeof(xrun));
        for (int r = 0; r < nruns; r++)
            j->runs[r].fault_call = -1;
        if (j->timing)
            j->tres = xcalloc((size_t)layout_hdr(l)->ntime + 1, sizeof(plan_tres));
        ps[i].job = j;
        ps[i].index = i;
        ps[i].out_fd = layout_new_out(l, err);
        if (ps[i].out_fd < 0) {
            for (int k = 0; k < i; k++)
                close(ps[k].out_fd);
            free(ps);
            return -1;
        }
        ps[i].done = !j->timing && nruns == 0;
    }

    for (;;) {
        if (o->cancel && *o->cancel) {
            for (int i = 0; i < njobs; i++)
                kill_proc(&ps[i]);
            rc = md_fail(err, "cancelled");
        }
        /* start processes, at most `parallel` at a time */
        int running = 0, pending = 0;
        for (int i = 0; i < njobs; i++)
            running += ps[i].pid > 0;
        for (int i = 0; i < njobs && rc == 0; i++) {
            if (ps[i].done || ps[i].pid > 0)
                continue;
            pending++;
            if (running < parallel) {
                if (start(&ps[i], l, o, err) != 0) {
                    rc = -1;
                    break;
                }
                running++;
            }
        }
        if (running == 0 && (pending == 0 || rc != 0))
            break;

        struct pollfd pfd[2 * njobs + 1];
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
        if (wait_s < 0)
            wait_s = 0;
        int pr = poll(pfd, (nfds_t)np, (int)(wait_s * 1000) + 1);
        if (pr < 0 && errno != EINTR) {
            rc = md_fail(err, "poll: %s", strerror(errno));
            for (int i = 0; i < njobs; i++)
                kill_proc(&ps[i]);
        }
        now = now_seconds();
        for (int i = 0, k = 0; i < njobs; i++) {
            proc *p = &ps[i];
            if (p->pid <= 0)
                continue;
            short st_ev = pfd[k++].revents, out_ev = pfd[k++].revents;
            if (out_ev)
                drain_output(p, cap);
            bool eof = false;
            if (st_ev)
                eof = read_status(p, l, o) == 0;
            if (!eof && now > p->deadline) {
                kill_proc(p);
                p->timed_out = true;
                eof = true;
            }
            if (eof || (pr < 0 && errno != EINTR)) {
                int ws = 0;
                /* the status pipe closes while the process exits, a moment
                 * before it can be waited for; if it is still there after
                 * a grace period, the solution closed the pipe itself */
                if (!reap(p->pid, &ws, REAP_GRACE_S)) {
                    kill_proc(p);
                    reap(p->pid, &ws, 1e9);
                }
                drain_output(p, cap);
                finish(p, l, ws, o);
            }
        }
        if (rc != 0) {
            for (int i = 0; i < njobs; i++)
                if (ps[i].pid > 0) {
                    int ws;
                    kill_proc(&ps[i]);
                    waitpid(ps[i].pid, &ws, 0);
                    close(ps[i].status_fd);
                    close(ps[i].output_fd);
                    ps[i].pid = 0;
                }
            break;
        }
    }

    /* collect what the runs wrote */
    for (int i = 0; i < njobs && rc == 0; i++) {
        exec_job *j = ps[i].job;
        for (int r = 0; r < nruns; r++) {
            xrun *x = &j->runs[r];
            int ncalls = layout_case(l, r)->ncalls;
            x->calls = xcalloc((size_t)ncalls + 1, sizeof(plan_res));
            x->ncalls = ncalls;
            if (layout_collect(l, ps[i].out_fd, r, &x->vals, &x->nvals, x->calls,
                               ncalls, err) != 0) {
                rc = -1;
                break;
            }
        }
        for (uint32_t t = 0; j->timing && rc == 0 && t < layout_hdr(l)->ntime; t++) {
            if (layout_timing(l, ps[i].out_fd, (int)t, &j->tres[t], err) != 0)
                rc = -1;
            else if (debug_on())
                fprintf(stderr, "[exec] timing %u: warmed %u ref %.4g user %.4g, %u samples "
                                "x %u reps, alloc failed %llu\n",
                        t, j->tres[t].warmed, j->tres[t].ref_warm, j->tres[t].user_warm,
                        j->tres[t].nsamples, j->tres[t].reps,
                        (unsigned long long)j->tres[t].alloc_failed);
            if (debug_on() && rc == 0)
                for (uint32_t k = 0; k < j->tres[t].nsamples; k++)
                    fprintf(stderr, "[exec] timing %u sample %u: user %.6g ref %.6g (%s first)\n",
                            t, k, j->tres[t].user_s[k], j->tres[t].ref_s[k],
                            j->tres[t].user_first[k] ? "user" : "reference");
        }
        if (ps[i].output.len || j->output_total) {
            j->output = sb_take(&ps[i].output);
            if (debug_on())
                fprintf(stderr, "[exec] job %d printed:\n%s\n", i, j->output);
        }
    }
    for (int i = 0; i < njobs; i++) {
        close(ps[i].out_fd);
        sb_free(&ps[i].output);
    }
    free(ps);
    return rc;
}
