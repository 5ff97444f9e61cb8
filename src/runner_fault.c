/* runner_fault — turns a fault in the solution into a message on the
 * status pipe.  Everything here runs inside signal handlers on an
 * alternate stack (so a stack overflow can still be reported): no
 * allocation, no stdio, only write(2) and _exit(2). */
#define _GNU_SOURCE
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "runner.h"

#define NSYSCALLS 512
static char syscall_names[NSYSCALLS][24];

void fault_name_syscalls(void)
{
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
        if (addr < (uintptr_t)b->base || addr >= (uintptr_t)b->base + b->span)
            continue;
        int64_t off = (int64_t)(addr - (uintptr_t)b->data);
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

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    switch (sig) {
    case SIGSEGV:
    case SIGBUS:
        report_address(si, uc);
        break;
    case SIGSYS: {
        int nr = si->si_syscall;
        const char *name = nr >= 0 && nr < NSYSCALLS && syscall_names[nr][0]
                               ? syscall_names[nr] : "unknown";
        runner_send(PM_FAULT, PF_FORBIDDEN, nr, 0, name);
        break;
    }
    case SIGXCPU:
        runner_send(PM_FAULT, PF_TIMEOUT, 0, 0, "cpu");
        break;
    case SIGXFSZ:
        runner_send(PM_FAULT, PF_FORBIDDEN, -1, 0, "write to a file");
        break;
    case SIGABRT:
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
    const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS,
                        SIGXCPU, SIGXFSZ, SIGTRAP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    /* a broken pipe must not kill the runner silently; writes just fail */
    signal(SIGPIPE, SIG_IGN);
}
