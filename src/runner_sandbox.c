/* runner_sandbox — resource limits and the two seccomp filters.
 *
 * The first filter goes in before dlopen, because a solution's
 * constructors run inside dlopen: from then on nothing may create, write,
 * rename or delete files, run programs, start processes, open sockets or
 * signal other processes.  Reading files stays allowed, since the dynamic
 * loader must open the solution and its libraries.  The second filter,
 * before the first call, is an allow-list: what computing code and libc's
 * allocator, stdio and OpenBLAS need, and nothing else.  Refused calls
 * raise SIGSYS, which runner_fault reports as "forbidden" with the call's
 * name. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include "runner.h"

static int set_limit(int res, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {soft, hard};
    return setrlimit(res, &rl);
}

int sandbox_rlimits(double cpu_s)
{
    rlim_t cpu = (rlim_t)(cpu_s + 0.999);
    if (cpu < 1)
        cpu = 1;
    /* SIGXCPU at the soft limit (reported), SIGKILL one second later */
    if (set_limit(RLIMIT_CPU, cpu, cpu + 1) != 0 ||
        set_limit(RLIMIT_FSIZE, 0, 0) != 0 || set_limit(RLIMIT_CORE, 0, 0) != 0 ||
        set_limit(RLIMIT_NOFILE, 32, 32) != 0)
        return -1;
    prctl(PR_SET_DUMPABLE, 0);
    return 0;
}

int sandbox_memory(uint64_t bytes)
{
    if (bytes == 0)
        return 0;
    /* the allowance comes on top of what is mapped now (the runner, the
     * plan's buffers, the loaded libraries) */
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    rlim_t lim = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (rlim_t)bytes;
    return set_limit(RLIMIT_AS, lim, lim);
}

static int trap(scmp_filter_ctx ctx, int nr)
{
    return nr < 0 ? 0 : seccomp_rule_add(ctx, SCMP_ACT_TRAP, nr, 0);
}

/* Traps open/openat calls whose flags contain any of the writing bits. */
static int trap_writing_open(scmp_filter_ctx ctx, int nr, unsigned arg)
{
    static const int bits[] = {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        struct scmp_arg_cmp cmp = {arg, SCMP_CMP_MASKED_EQ, (scmp_datum_t)bits[i],
                                   (scmp_datum_t)bits[i]};
        if (seccomp_rule_add_array(ctx, SCMP_ACT_TRAP, nr, 1, &cmp) != 0)
            return -1;
    }
    return 0;
}

int sandbox_filter_load(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return -1;
    static const char *const denied[] = {
        "execve", "execveat", "fork", "vfork", "socket", "socketpair",
        "connect", "bind", "listen", "accept", "accept4", "unlink",
        "unlinkat", "rename", "renameat", "renameat2", "mkdir", "mkdirat",
        "rmdir", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod",
        "fchmodat", "chown", "fchown", "lchown", "fchownat", "truncate",
        "ftruncate", "mknod", "mknodat", "creat", "ptrace",
        "process_vm_readv", "process_vm_writev", "setsid", "setpgid",
        "mount", "umount2", "chroot", "pivot_root", "reboot", "kexec_load",
        "init_module", "finit_module", "delete_module", "swapon", "swapoff",
        "sethostname", "setdomainname", "setuid", "setgid", "setreuid",
        "setregid", "setresuid", "setresgid", "memfd_create", "userfaultfd",
        "bpf", "perf_event_open", "io_uring_setup", "inotify_init",
        "inotify_init1", "name_to_handle_at", "open_by_handle_at",
        "sendmsg", "sendto", "sendmmsg", "pidfd_open", "pidfd_send_signal",
        "personality", "unshare", "setns", "tkill", NULL};
    int rc = 0;
    for (int i = 0; denied[i] && rc == 0; i++)
        rc = trap(ctx, seccomp_syscall_resolve_name(denied[i]));
    pid_t self = getpid();
    /* processes only, not threads: a clone without CLONE_THREAD is a fork */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
    /* clone3 cannot be inspected (its flags are in memory): make libc
     * fall back to clone */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(kill), 1,
                              SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(tgkill), 1,
                              SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
    if (rc == 0)
        rc = trap_writing_open(ctx, SCMP_SYS(open), 1);
    if (rc == 0)
        rc = trap_writing_open(ctx, SCMP_SYS(openat), 2);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}

int sandbox_filter_call(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx)
        return -1;
    static const char *const allowed[] = {
        /* I/O on descriptors already open (captured stdout/stderr, status) */
        "read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
        "fstat", "newfstatat", "close", "fcntl",
        /* memory */
        "brk", "mmap", "munmap", "mprotect", "mremap", "madvise",
        /* signals delivered to us, process end */
        "rt_sigreturn", "rt_sigprocmask", "sigaltstack", "exit", "exit_group",
        /* threads' plumbing libc and OpenBLAS touch, time, identity */
        "futex", "sched_yield", "sched_getaffinity", "getcpu", "set_robust_list",
        "rseq", "clock_gettime", "clock_getres", "gettimeofday", "time",
        "nanosleep", "clock_nanosleep", "getpid", "gettid", "getrandom",
        "getrusage", "prlimit64", "uname",
        /* glibc's qsort sizes its merge buffer by the physical memory */
        "sysinfo",
        /* OpenBLAS places its large buffers with NUMA memory policies */
        "mbind", "get_mempolicy", "set_mempolicy", NULL};
    int rc = 0;
    for (int i = 0; allowed[i] && rc == 0; i++) {
        int nr = seccomp_syscall_resolve_name(allowed[i]);
        if (nr >= 0)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
    }
    /* abort() signals itself */
    pid_t self = getpid();
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                              SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self));
    /* stdio asks whether stdout is a terminal */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
                              SCMP_A1(SCMP_CMP_EQ, TCGETS));
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}
