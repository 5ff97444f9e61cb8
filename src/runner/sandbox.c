/* runner_sandbox — resource limits, privileges and the two seccomp
 * filters of the runner (docs/security.md has the threat model).
 *
 * The first filter goes in before dlopen, because a solution's
 * constructors run inside dlopen.  It is a deny-list: from then on nothing
 * may create, write, rename or delete files, run programs, start processes
 * or threads, open sockets, signal or limit other processes, change the
 * handlers of the signals the fault reporter owns, or create IPC objects
 * that outlive the process.  Reading files stays allowed, since the
 * dynamic loader must open the solution and its libraries (Landlock, when
 * the kernel has it, narrows which files: landlock.c).
 *
 * The second filter, before the first call, is an allow-list: what
 * computing code, libc's allocator and stdio, and OpenBLAS need, and
 * nothing else.  The sanitizer runner also lets files be opened for
 * reading, which the sanitizers' reports need (/proc/self/maps, the
 * solution's debug information).
 *
 * Refused calls raise SIGSYS, which runner_fault reports as "forbidden"
 * with the call's name.  clone3 is refused with ENOSYS instead: its flags
 * sit in memory where a filter cannot see them, and libc then falls back
 * to clone, whose flags the fault reporter can read (thread or process). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "runner/runner.h"

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
    /* not dumpable: no core, and other processes of the user cannot open
     * this one's /proc/PID/mem or descriptors */
    prctl(PR_SET_DUMPABLE, 0);
    return 0;
}

int sandbox_drop_privileges(void)
{
    /* mldrill normally runs as an ordinary user and this does nothing;
     * under root (containers, CI) the runner gives up every capability,
     * so that root's file and process privileges are not the solution's */
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2] = {{0, 0, 0}, {0, 0, 0}};
    if (syscall(SYS_capget, &hdr, data) != 0)
        return -1;
    if (!data[0].effective && !data[1].effective && !data[0].permitted &&
        !data[1].permitted)
        return 0;
    for (int cap = 0; cap <= 63; cap++)
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL)
            break;    /* dropping the bounding set needs CAP_SETPCAP: best effort */
    struct __user_cap_data_struct none[2] = {{0, 0, 0}, {0, 0, 0}};
    hdr.version = _LINUX_CAPABILITY_VERSION_3;
    hdr.pid = 0;
    return (int)syscall(SYS_capset, &hdr, none);
}

int sandbox_memory(uint64_t bytes)
{
    if (bytes == 0)
        return 0;
    /* the allowance comes on top of what is mapped now (the runner, the
     * plan's buffers, the loaded libraries; with the sanitizers, their
     * shadow memory, which is reserved, not used) */
    unsigned long pages = 0;
    char text[64];
    ssize_t n = R.statm_fd >= 0 ? pread(R.statm_fd, text, sizeof text - 1, 0) : -1;
    if (n > 0) {
        text[n] = '\0';
        pages = strtoul(text, NULL, 10);
    }
    if (R.statm_fd >= 0)
        close(R.statm_fd);
    R.statm_fd = -1;
    if (pages == 0)
        return -1;
    rlim_t lim = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (rlim_t)bytes;
    return set_limit(RLIMIT_AS, lim, lim);
}

/* --- filters --------------------------------------------------------------- */

#define WRITE_BITS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)

static int rule(scmp_filter_ctx ctx, uint32_t action, const char *name)
{
    int nr = seccomp_syscall_resolve_name(name);
    return nr < 0 ? 0 : seccomp_rule_add(ctx, action, nr, 0);
}

/* Traps open/openat calls whose flags (argument arg) contain any of the
 * writing bits. */
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

/* Rules both filters share: the process may only signal itself. */
static int self_only_signals(scmp_filter_ctx ctx, uint32_t action_other)
{
    pid_t self = getpid();
    int rc = 0;
    if (action_other != SCMP_ACT_ALLOW) {
        rc |= seccomp_rule_add(ctx, action_other, SCMP_SYS(kill), 1,
                               SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
        rc |= seccomp_rule_add(ctx, action_other, SCMP_SYS(tgkill), 1,
                               SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)self));
    } else {
        /* abort() and raise() signal this thread */
        rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                               SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self));
    }
    return rc;
}

int sandbox_filter_load(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return -1;
    /* another architecture's numbers (int $0x80 on x86-64) are refused */
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP) != 0) {
        seccomp_release(ctx);
        return -1;
    }
    static const char *const denied[] = {
        /* programs, processes and threads */
        "execve", "execveat", "fork", "vfork", "clone", "setsid", "setpgid",
        "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise",
        "process_mrelease", "pidfd_open", "pidfd_getfd", "pidfd_send_signal",
        "kcmp", "tkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "unshare",
        "setns", "personality", "setpriority", "sched_setscheduler",
        "sched_setparam", "sched_setattr", "ioprio_set", "migrate_pages",
        "move_pages", "setrlimit",
        /* the network */
        "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
        "sendmsg", "sendto", "sendmmsg",
        /* files: anything that creates, changes or deletes one */
        "creat", "openat2", "unlink", "unlinkat", "rename", "renameat",
        "renameat2", "mkdir", "mkdirat", "rmdir", "link", "linkat", "symlink",
        "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown",
        "fchownat", "truncate", "ftruncate", "mknod", "mknodat", "utime",
        "utimes", "utimensat", "futimesat", "setxattr", "lsetxattr", "fsetxattr",
        "removexattr", "lremovexattr", "fremovexattr", "flock",
        "name_to_handle_at", "open_by_handle_at", "inotify_init",
        "inotify_init1", "fanotify_init", "memfd_create", "userfaultfd",
        /* IPC objects that outlive the process */
        "shmget", "shmat", "shmctl", "semget", "semctl", "semop", "semtimedop",
        "msgget", "msgctl", "msgsnd", "msgrcv", "mq_open", "mq_unlink",
        /* the machine */
        "mount", "umount2", "chroot", "pivot_root", "open_tree", "move_mount",
        "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "reboot",
        "kexec_load", "kexec_file_load", "init_module", "finit_module",
        "delete_module", "swapon", "swapoff", "sethostname", "setdomainname",
        "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid",
        "setfsuid", "setfsgid", "setgroups", "capset", "bpf", "perf_event_open",
        "io_uring_setup", "io_uring_enter", "io_uring_register", "add_key",
        "request_key", "keyctl", "syslog", "acct", "quotactl", "quotactl_fd",
        "clock_settime", "settimeofday", "adjtimex", "clock_adjtime", "iopl",
        "ioperm", "vhangup", "uselib", NULL};
    int rc = 0;
    for (int i = 0; denied[i] && rc == 0; i++)
        rc = rule(ctx, SCMP_ACT_TRAP, denied[i]);
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    if (rc == 0)
        rc = self_only_signals(ctx, SCMP_ACT_TRAP);
    /* limits of this process only (libc passes pid 0); the runner itself
     * sets the memory limit after dlopen, and the hard limits set before
     * it cannot be raised */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(prlimit64), 1,
                              SCMP_A0(SCMP_CMP_NE, 0));
    /* the fault reporter's handlers stay: installing a handler for one of
     * its signals is refused (asking what the handler is stays allowed) */
    for (int i = 0; i < fault_nsignals && rc == 0; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(rt_sigaction), 2,
                              SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fault_signals[i]),
                              SCMP_A1(SCMP_CMP_NE, 0));
    if (rc == 0)
        rc = trap_writing_open(ctx, SCMP_SYS(open), 1);
    if (rc == 0)
        rc = trap_writing_open(ctx, SCMP_SYS(openat), 2);
    /* every thread, should one exist (none does unless a sanitizer
     * runtime started one) */
    if (rc == 0)
        rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}

static bool owned_signal(int sig)
{
    for (int i = 0; i < fault_nsignals; i++)
        if (fault_signals[i] == sig)
            return true;
    return false;
}

int sandbox_filter_call(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx)
        return -1;
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP) != 0) {
        seccomp_release(ctx);
        return -1;
    }
    static const char *const allowed[] = {
        /* I/O on descriptors already open (captured stdout/stderr, status) */
        "read", "write", "readv", "writev", "pread64", "pwrite64", "lseek",
        "fstat", "newfstatat", "close",
        /* memory */
        "brk", "mmap", "munmap", "mprotect", "mremap", "madvise",
        /* signals delivered to us, process end */
        "rt_sigreturn", "rt_sigprocmask", "sigaltstack", "exit", "exit_group",
        /* threads' plumbing libc and OpenBLAS touch, time, identity */
        "futex", "sched_yield", "sched_getaffinity", "getcpu", "set_robust_list",
        "rseq", "clock_gettime", "clock_getres", "gettimeofday", "time",
        "nanosleep", "clock_nanosleep", "getpid", "gettid", "getppid", "getuid",
        "geteuid", "getgid", "getegid", "getrandom", "getrusage", "uname",
        /* glibc's qsort sizes its merge buffer by the physical memory */
        "sysinfo",
        /* OpenBLAS places its large buffers with NUMA memory policies */
        "mbind", "get_mempolicy", "set_mempolicy",
#ifdef RUNNER_SANITIZE
        /* the sanitizers' reports: module list and symbolization */
        "readlink", "readlinkat", "getdents64", "sched_getparam",
#endif
        NULL};
    int rc = 0;
    for (int i = 0; allowed[i] && rc == 0; i++)
        rc = rule(ctx, SCMP_ACT_ALLOW, allowed[i]);
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    if (rc == 0)
        rc = self_only_signals(ctx, SCMP_ACT_ALLOW);
    /* descriptor flags, nothing that locks or duplicates */
    static const int fcntl_ok[] = {F_GETFD, F_SETFD, F_GETFL, F_SETFL};
    for (size_t i = 0; i < sizeof fcntl_ok / sizeof fcntl_ok[0] && rc == 0; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1,
                              SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)fcntl_ok[i]));
    /* reading this process's own limits (getrlimit, pthread stacks) */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2,
                              SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A2(SCMP_CMP_EQ, 0));
    /* signal handlers: asking is fine, and so is setting one for a signal
     * the fault reporter does not own (libc's system() sets SIGINT and
     * SIGQUIT before it tries to start a process) */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigaction), 1,
                              SCMP_A1(SCMP_CMP_EQ, 0));
    for (int sig = 1; sig < 65 && rc == 0; sig++)
        if (!owned_signal(sig))
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigaction), 1,
                                  SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sig));
    /* stdio asks whether stdout is a terminal */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
                              SCMP_A1(SCMP_CMP_EQ, TCGETS));
#ifdef RUNNER_SANITIZE
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1,
                              SCMP_A1(SCMP_CMP_MASKED_EQ, WRITE_BITS, 0));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, WRITE_BITS, 0));
#endif
    /* every thread, should one exist (the first filter refuses new ones) */
    if (rc == 0)
        rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}
