/* runner_fault — turns a fault in the solution into a message on the
 * status pipe: the buffer a memory fault hit, the system call seccomp
 * refused (with what it was for: the path of an open, thread or process
 * for clone), the signal.  Everything here runs inside signal handlers on
 * an alternate stack (so a stack overflow can still be reported): no
 * allocation, no stdio, only read(2)/write(2) on pipes and _exit(2). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "runner/runner.h"

const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS,
                             SIGXCPU, SIGXFSZ, SIGTRAP};
const int fault_nsignals = (int)(sizeof fault_signals / sizeof fault_signals[0]);

#define NSYSCALLS 512
static char syscall_names[NSYSCALLS][24];
static uint32_t native_arch;    /* AUDIT_ARCH_* of this build */

void fault_name_syscalls(void)
{
    native_arch = seccomp_arch_native();
    for (int nr = 0; nr < NSYSCALLS; nr++) {
        char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
        if (name) {
            strncpy(syscall_names[nr], name, sizeof syscall_names[nr] - 1);
            free(name);
        }
    }
}

void runner_send(uint32_t type, uint32_t code, int64_t a, int64_t b, const char *text)
{
    plan_msg m;
    memset(&m, 0, sizeof m);
    m.type = type;
    m.code = code;
    m.run = R.run;
    m.call = R.phase == PHASE_LOAD ? PLAN_NONE : R.call;
    m.a = a;
    m.b = b;
    if (text) {
        size_t n = strlen(text);
        if (n >= sizeof m.text)
            n = sizeof m.text - 1;
        memcpy(m.text, text, n);
    }
    const char *p = (const char *)&m;
    size_t left = sizeof m;
    while (left > 0) {
        ssize_t w = write(R.status_fd, p, left);
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
}

static bool fault_was_write(void *ucv)
{
#if defined(__x86_64__)
    ucontext_t *uc = ucv;
    return (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    (void)ucv;
    return true;
#endif
}

static void report_address(siginfo_t *si, void *uc)
{
    uintptr_t addr = (uintptr_t)si->si_addr;
    const char *rw = fault_was_write(uc) ? "write" : "read";
    if (R.phase == PHASE_COPY) {
        /* reading a string the solution returned through an output */
        runner_send(PM_FAULT, PF_CRASH, SIGSEGV, (int64_t)addr, "copy");
        return;
    }
    for (uint32_t i = 0; i < R.nbuf; i++) {
        const rbuf *b = &R.bufs[i];
        bool in_strings = b->sspan && addr >= (uintptr_t)b->sbase &&
                          addr < (uintptr_t)b->sbase + b->sspan;
        if (!in_strings &&
            (addr < (uintptr_t)b->base || addr >= (uintptr_t)b->base + b->span))
            continue;
        if (b->hidden) {
            /* an input the current call was not given: a kept pointer */
            uintptr_t start = (uintptr_t)(in_strings ? b->sdata : b->data);
            runner_send(PM_FAULT, PF_STALE_INPUT, i, (int64_t)(addr - start), rw);
            return;
        }
        int64_t off = (int64_t)(addr - (uintptr_t)(in_strings ? b->sdata : b->data));
        bool inside = off >= 0 && (size_t)off < b->nbytes;
        bool input = !(b->flags & PB_OUTPUT);
        if (inside && input)
            runner_send(PM_FAULT, PF_WRITE_INPUT, i, off, rw);
        else
            runner_send(PM_FAULT, PF_OVERFLOW, i, off, rw);
        return;
    }
    if (addr < 65536) {
        if (runner_alloc_failed)
            runner_send(PM_FAULT, PF_MEMORY, (int64_t)runner_alloc_failed,
                        (int64_t)addr, "null");
        else
            runner_send(PM_FAULT, PF_CRASH, SIGSEGV, (int64_t)addr, "null");
        return;
    }
    if (addr >= R.stack_lo && addr < R.stack_hi) {
        runner_send(PM_FAULT, PF_CRASH, SIGSEGV, (int64_t)addr, "stack");
        return;
    }
    runner_send(PM_FAULT, runner_alloc_failed ? PF_MEMORY : PF_CRASH,
                runner_alloc_failed ? (int64_t)runner_alloc_failed : SIGSEGV,
                (int64_t)addr, rw);
}

/* --- refused system calls ---------------------------------------------------- */

/* Argument i of the system call that raised SIGSYS. */
static unsigned long syscall_arg(void *ucv, int i)
{
#if defined(__x86_64__)
    static const int regs[] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
    return (unsigned long)((ucontext_t *)ucv)->uc_mcontext.gregs[regs[i]];
#elif defined(__aarch64__)
    return (unsigned long)((ucontext_t *)ucv)->uc_mcontext.regs[i];
#else
    (void)ucv;
    (void)i;
    return 0;
#endif
}

/* Through a pipe, so that an invalid address makes write(2) fail with
 * EFAULT instead of faulting here. */
size_t fault_safe_copy(char *dst, size_t cap, unsigned long src)
{
    size_t got = 0;
    if (R.probe_wr < 0 || src < 4096 || cap == 0)
        return 0;
    while (got + 1 < cap) {
        /* never cross a page in one write: a partly valid range fails whole */
        size_t room = PLAN_PAGE - (src + got) % PLAN_PAGE;
        size_t n = cap - 1 - got < room ? cap - 1 - got : room;
        ssize_t w = write(R.probe_wr, (const void *)(src + got), n);
        if (w <= 0)
            break;
        ssize_t r = read(R.probe_rd, dst + got, (size_t)w);
        if (r <= 0)
            break;
        char *nul = memchr(dst + got, '\0', (size_t)r);
        got += (size_t)r;
        if (nul)
            return (size_t)(nul - dst);
        if (r < w)
            break;
    }
    dst[got] = '\0';
    return got;
}

/* "NAME DETAIL": what the grader needs to say the refused call in words.
 * Opening a file gets read/write/create and the path; clone gets thread or
 * process; execve gets the program. */
static void describe_syscall(int nr, void *uc, char *text, size_t cap)
{
    const char *name = nr >= 0 && nr < NSYSCALLS && syscall_names[nr][0]
                           ? syscall_names[nr] : "unknown";
    size_t n = strlen(name);
    memcpy(text, name, n + 1);
    unsigned long path = 0, flags = 0;
    bool is_open = false;
#ifdef SYS_open
    if (nr == SYS_open) {
        path = syscall_arg(uc, 0);
        flags = syscall_arg(uc, 1);
        is_open = true;
    }
#endif
    if (nr == SYS_openat) {
        path = syscall_arg(uc, 1);
        flags = syscall_arg(uc, 2);
        is_open = true;
    }
#ifdef SYS_creat
    if (nr == SYS_creat) {
        path = syscall_arg(uc, 0);
        flags = O_CREAT;
        is_open = true;
    }
#endif
    const char *detail = NULL;
    if (is_open)
        detail = flags & O_CREAT ? " create:" : flags & (O_WRONLY | O_RDWR | O_TRUNC | O_APPEND)
                                                    ? " write:" : " read:";
    else if (nr == SYS_clone)
        detail = syscall_arg(uc, 0) & CLONE_THREAD ? " thread" : " process";
    else if (nr == SYS_execve) {
        detail = " run:";
        path = syscall_arg(uc, 0);
    }
    if (!detail || n + strlen(detail) + 1 >= cap)
        return;
    memcpy(text + n, detail, strlen(detail) + 1);
    n += strlen(detail);
    if (path)
        fault_safe_copy(text + n, cap - n, path);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    switch (sig) {
    case SIGSEGV:
    case SIGBUS:
        report_address(si, uc);
        break;
    case SIGSYS: {
        char text[sizeof ((plan_msg *)0)->text];
        if (si->si_arch != native_arch)    /* e.g. int $0x80 on x86-64 */
            memcpy(text, "compat 32-bit", sizeof "compat 32-bit");
        else
            describe_syscall(si->si_syscall, uc, text, sizeof text);
        runner_send(PM_FAULT, PF_FORBIDDEN, si->si_syscall, 0, text);
        break;
    }
    case SIGXCPU:
        runner_send(PM_FAULT, PF_TIMEOUT, 0, 0, "cpu");
        break;
    case SIGXFSZ:
        runner_send(PM_FAULT, PF_FORBIDDEN, -1, 0, "write to a file");
        break;
    case SIGABRT:
        /* libc's allocator stops the program when it finds its own
         * bookkeeping overwritten: most likely by a write past a block
         * with canaries, which then says more */
        redzone_check_all("abort");
        runner_send(PM_FAULT, runner_alloc_failed ? PF_MEMORY : PF_CRASH,
                    runner_alloc_failed ? (int64_t)runner_alloc_failed : sig, 0,
                    "abort");
        break;
    default:
        runner_send(PM_FAULT, PF_CRASH, sig, (int64_t)(uintptr_t)si->si_addr, "signal");
    }
    _exit(100 + sig);
}

void fault_install(void)
{
    /* the alternate stack lets a stack overflow be reported */
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
    sigfillset(&sa.sa_mask);
    for (int i = 0; i < fault_nsignals; i++)
        sigaction(fault_signals[i], &sa, NULL);
    /* a broken pipe must not kill the runner silently; writes just fail */
    signal(SIGPIPE, SIG_IGN);

    /* the pipe safe_copy reads user strings through */
    int p[2];
    R.probe_rd = R.probe_wr = -1;
    if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0) {
        R.probe_rd = p[0];
        R.probe_wr = p[1];
    }
}
