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
 * to clone, whose flags the fault reporter can read (thread or process).
 *
 * Each filter is a table of rules (load_rules, call_rules): a row names
 * some system calls, what happens to them, on which arguments, and why;
 * one loader turns a table into a filter. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The address space the solution's libraries and code may map besides
 * its memory allowance. */
#define SANDBOX_LIBRARIES ((rlim_t)64 << 20)

int sandbox_filters_intact(void)
{
    char text[4096];
    ssize_t n = R.pstatus_fd >= 0 ? pread(R.pstatus_fd, text, sizeof text - 1, 0) : -1;
    if (R.pstatus_fd >= 0)
        close(R.pstatus_fd);
    R.pstatus_fd = -1;
    if (n <= 0)
        return -1;    /* unreadable now: fail closed */
    text[n] = '\0';
    const char *p = strstr(text, "Seccomp_filters:");
    if (!p)
        return 0;    /* a kernel older than 5.9 does not say */
    return atoi(p + strlen("Seccomp_filters:")) == 1 ? 0 : -1;
}

int sandbox_memory(uint64_t bytes)
{
    if (bytes == 0)
        return 0;
    /* the allowance comes on top of what is mapped now (the runner, the
     * plan's buffers; with the sanitizers, their shadow memory, which is
     * reserved, not used), before the solution is loaded: its static
     * arrays count against it.  The libraries it links (OpenBLAS,
     * LAPACKE, libgfortran: about 40 MiB of mappings) get a fixed share
     * on top. */
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
    rlim_t lim = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (rlim_t)bytes +
                 SANDBOX_LIBRARIES;
    return set_limit(RLIMIT_AS, lim, lim);
}

/* --- filters --------------------------------------------------------------- */

/* What a comparison in a rule is against. */
enum sc_value {
    V_CONST,        /* the rule's datum */
    V_SELF,         /* this process's id */
    V_EACH,         /* each value of a list: one rule each */
    V_OWNED,        /* each signal the fault reporter owns: one rule each */
    V_FREE,         /* each other signal (1-64): one rule each */
};

/* A test on one argument of a call.  SCMP_CMP_MASKED_EQ compares the bits
 * of mask (0: the value's own bits, "the flag is set") with the value. */
typedef struct sc_cmp {
    unsigned arg;                /* argument 0-5 */
    enum scmp_compare op;
    enum sc_value value;
    scmp_datum_t datum;          /* V_CONST */
    scmp_datum_t mask;           /* SCMP_CMP_MASKED_EQ */
    const scmp_datum_t *each;    /* V_EACH, ended by SC_END */
} sc_cmp;

#define SC_END ((scmp_datum_t)-1)

/* A row of a filter: what happens to some system calls (when their
 * arguments pass the tests, if any), and why.  Only the first test may
 * take several values. */
typedef struct sc_rule {
    uint32_t action;
    const char *why;
    const char *const *calls;    /* ended by NULL */
    int ntests;
    sc_cmp test[2];
} sc_rule;

#define CALLS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define ALWAYS 0, {{0}}    /* no test: every use of the call */
#define IF(n, op, d) {(n), SCMP_CMP_##op, V_CONST, (scmp_datum_t)(d), 0, NULL}
#define IF_SELF(n, op) {(n), SCMP_CMP_##op, V_SELF, 0, 0, NULL}
#define IF_EACH(n, op, list) {(n), SCMP_CMP_##op, V_EACH, 0, 0, (list)}
#define IF_SIGNAL(n, which) {(n), SCMP_CMP_EQ, (which), 0, 0, NULL}
#define IF_MASKED(n, mask, d) {(n), SCMP_CMP_MASKED_EQ, V_CONST, (d), (mask), NULL}

#define TRAP SCMP_ACT_TRAP
#define ALLOW SCMP_ACT_ALLOW
#define ENOSYS_ SCMP_ACT_ERRNO(ENOSYS)

/* The flags that open a file for writing. */
static const scmp_datum_t write_flags[] = {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND,
                                           SC_END};
#define WRITE_BITS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)

/* The prctl options that would undo the confinement: dying with the
 * grader, not being dumpable, who may trace, seccomp and capabilities,
 * being an ancestor of orphans, intercepting its own system calls, the
 * time stamp counter the clocks read.  The rest (names, timer slack,
 * reading settings) stays allowed. */
static const scmp_datum_t prctl_undo[] = {PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_PTRACER,
                                          PR_SET_SECCOMP, PR_SET_SECUREBITS, PR_SET_KEEPCAPS,
                                          PR_SET_MM, PR_SET_CHILD_SUBREAPER,
                                          PR_SET_SYSCALL_USER_DISPATCH, PR_SET_IO_FLUSHER,
                                          PR_CAP_AMBIENT, PR_SET_TSC, SC_END};

/* The first filter, before dlopen: every call not listed is allowed. */
static const sc_rule load_rules[] = {
    {TRAP, "programs, processes and threads",
     CALLS("execve", "execveat", "fork", "vfork", "clone", "setsid", "setpgid", "ptrace",
           "process_vm_readv", "process_vm_writev", "process_madvise", "process_mrelease",
           "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "kcmp", "tkill",
           "rt_sigqueueinfo", "rt_tgsigqueueinfo", "unshare", "setns", "personality",
           "setpriority", "sched_setscheduler", "sched_setparam", "sched_setattr",
           "ioprio_set", "migrate_pages", "move_pages", "setrlimit"), ALWAYS},
    {TRAP, "the network",
     CALLS("socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
           "sendmsg", "sendto", "sendmmsg"), ALWAYS},
    {TRAP, "files: anything that creates, changes or deletes one",
     CALLS("creat", "openat2", "unlink", "unlinkat", "rename", "renameat", "renameat2",
           "mkdir", "mkdirat", "rmdir", "link", "linkat", "symlink", "symlinkat", "chmod",
           "fchmod", "fchmodat", "chown", "fchown", "lchown", "fchownat", "truncate",
           "ftruncate", "mknod", "mknodat", "utime", "utimes", "utimensat", "futimesat",
           "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr",
           "fremovexattr", "flock", "name_to_handle_at", "open_by_handle_at",
           "inotify_init", "inotify_init1", "fanotify_init", "memfd_create",
           "userfaultfd"), ALWAYS},
    {TRAP, "IPC objects that outlive the process",
     CALLS("shmget", "shmat", "shmctl", "semget", "semctl", "semop", "semtimedop", "msgget",
           "msgctl", "msgsnd", "msgrcv", "mq_open", "mq_unlink"), ALWAYS},
    {TRAP, "the machine",
     CALLS("mount", "umount2", "chroot", "pivot_root", "open_tree", "move_mount", "fsopen",
           "fsconfig", "fsmount", "fspick", "mount_setattr", "reboot", "kexec_load",
           "kexec_file_load", "init_module", "finit_module", "delete_module", "swapon",
           "swapoff", "sethostname", "setdomainname", "setuid", "setgid", "setreuid",
           "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid", "setgroups",
           "capset", "bpf", "perf_event_open", "io_uring_setup", "io_uring_enter",
           "io_uring_register", "add_key", "request_key", "keyctl", "syslog", "acct",
           "quotactl", "quotactl_fd", "clock_settime", "settimeofday", "adjtimex",
           "clock_adjtime", "iopl", "ioperm", "vhangup", "uselib"), ALWAYS},
    {ENOSYS_, "its flags sit in memory a filter cannot see: libc falls back to clone",
     CALLS("clone3"), ALWAYS},
    {TRAP, "undoing the confinement: outliving mldrill (PDEATHSIG), being traced or "
           "dumped, capabilities, intercepting its own system calls",
     CALLS("prctl"), 1, {IF_EACH(0, EQ, prctl_undo)}},
    {TRAP, "signals to another process", CALLS("kill", "tgkill"), 1, {IF_SELF(0, NE)}},
    {TRAP, "limits of another process (libc passes pid 0); the runner sets the memory "
           "limit after dlopen, and the hard limits set before cannot be raised",
     CALLS("prlimit64"), 1, {IF(0, NE, 0)}},
    {TRAP, "a handler for a signal of the fault reporter (asking what it is stays "
           "allowed)",
     CALLS("rt_sigaction"), 2, {IF_SIGNAL(0, V_OWNED), IF(1, NE, 0)}},
    {TRAP, "opening a file for writing", CALLS("open"), 1,
     {IF_EACH(1, MASKED_EQ, write_flags)}},
    {TRAP, "opening a file for writing", CALLS("openat"), 1,
     {IF_EACH(2, MASKED_EQ, write_flags)}},
};

/* fcntl: descriptor flags, nothing that locks or duplicates. */
static const scmp_datum_t fcntl_ok[] = {F_GETFD, F_SETFD, F_GETFL, F_SETFL, SC_END};

/* The second filter, before the first call: only the calls listed. */
static const sc_rule call_rules[] = {
    {ALLOW, "I/O on descriptors already open (captured stdout/stderr, status)",
     CALLS("read", "write", "readv", "writev", "pread64", "pwrite64", "lseek", "fstat",
           "newfstatat", "close"), ALWAYS},
    {ALLOW, "memory", CALLS("brk", "mmap", "munmap", "mprotect", "mremap", "madvise"), ALWAYS},
    {ALLOW, "signals delivered to us, process end",
     CALLS("rt_sigreturn", "rt_sigprocmask", "sigaltstack", "exit", "exit_group"), ALWAYS},
    {ALLOW, "threads' plumbing libc and OpenBLAS touch, time, identity",
     CALLS("futex", "sched_yield", "sched_getaffinity", "getcpu", "set_robust_list", "rseq",
           "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep",
           "clock_nanosleep", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid",
           "getegid", "getrandom", "getrusage", "uname"), ALWAYS},
    {ALLOW, "glibc's qsort sizes its merge buffer by the physical memory",
     CALLS("sysinfo"), ALWAYS},
    {ALLOW, "OpenBLAS places its large buffers with NUMA memory policies",
     CALLS("mbind", "get_mempolicy", "set_mempolicy"), ALWAYS},
#ifdef RUNNER_SANITIZE
    {ALLOW, "the sanitizers' reports: module list and symbolization",
     CALLS("readlink", "readlinkat", "getdents64", "sched_getparam"), ALWAYS},
#endif
    {ENOSYS_, "its flags sit in memory a filter cannot see: libc falls back to clone",
     CALLS("clone3"), ALWAYS},
    {ALLOW, "abort() and raise() signal this thread", CALLS("tgkill"), 1, {IF_SELF(0, EQ)}},
    {ALLOW, "descriptor flags, nothing that locks or duplicates", CALLS("fcntl"), 1,
     {IF_EACH(1, EQ, fcntl_ok)}},
    {ALLOW, "reading this process's own limits (getrlimit, pthread stacks)",
     CALLS("prlimit64"), 2, {IF(0, EQ, 0), IF(2, EQ, 0)}},
    {ALLOW, "asking what a signal's handler is", CALLS("rt_sigaction"), 1, {IF(1, EQ, 0)}},
    {ALLOW, "a handler for a signal the fault reporter does not own (libc's system() "
            "sets SIGINT and SIGQUIT before it tries to start a process)",
     CALLS("rt_sigaction"), 1, {IF_SIGNAL(0, V_FREE)}},
    {ALLOW, "stdio asks whether stdout is a terminal", CALLS("ioctl"), 1,
     {IF(1, EQ, TCGETS)}},
#ifdef RUNNER_SANITIZE
    {ALLOW, "the sanitizers' reports read files (/proc/self/maps, debug information)",
     CALLS("open"), 1, {IF_MASKED(1, WRITE_BITS, 0)}},
    {ALLOW, "the sanitizers' reports read files (/proc/self/maps, debug information)",
     CALLS("openat"), 1, {IF_MASKED(2, WRITE_BITS, 0)}},
#endif
};

static bool owned_signal(int sig)
{
    for (int i = 0; i < fault_nsignals; i++)
        if (fault_signals[i] == sig)
            return true;
    return false;
}

/* The values test t takes (at most 65) into v; returns how many. */
static int test_values(const sc_cmp *t, scmp_datum_t *v)
{
    int n = 0;
    switch (t->value) {
    case V_CONST:
        v[n++] = t->datum;
        break;
    case V_SELF:
        v[n++] = (scmp_datum_t)getpid();
        break;
    case V_EACH:
        for (const scmp_datum_t *e = t->each; *e != SC_END; e++)
            v[n++] = *e;
        break;
    case V_OWNED:
        for (int i = 0; i < fault_nsignals; i++)
            v[n++] = (scmp_datum_t)fault_signals[i];
        break;
    case V_FREE:
        for (int sig = 1; sig < 65; sig++)
            if (!owned_signal(sig))
                v[n++] = (scmp_datum_t)sig;
        break;
    }
    return n;
}

/* Test t as libseccomp takes it, for value v. */
static struct scmp_arg_cmp arg_cmp(const sc_cmp *t, scmp_datum_t v)
{
    if (t->op == SCMP_CMP_MASKED_EQ)
        return (struct scmp_arg_cmp){t->arg, t->op, t->mask ? t->mask : v, v};
    return (struct scmp_arg_cmp){t->arg, t->op, v, 0};
}

/* Adds a row's rules: for each call this architecture has, one rule per
 * value of its first test. */
static int add_row(scmp_filter_ctx ctx, const sc_rule *row)
{
    scmp_datum_t v[65], second[65];
    int n = row->ntests ? test_values(&row->test[0], v) : 1;
    if (row->ntests > 1)
        test_values(&row->test[1], second);
    for (const char *const *c = row->calls; *c; c++) {
        int nr = seccomp_syscall_resolve_name(*c);
        for (int i = 0; i < n && nr >= 0; i++) {
            struct scmp_arg_cmp tests[2];
            if (row->ntests > 0)
                tests[0] = arg_cmp(&row->test[0], v[i]);
            if (row->ntests > 1)
                tests[1] = arg_cmp(&row->test[1], second[0]);
            if (seccomp_rule_add_array(ctx, row->action, nr, (unsigned)row->ntests, tests) != 0)
                return -1;
        }
    }
    return 0;
}

/* Builds a filter from rows, with dflt for the calls they do not name,
 * and loads it for every thread, should one exist (none does unless a
 * sanitizer runtime started one; the first filter refuses new ones). */
static int filter_install(uint32_t dflt, const sc_rule *rows, size_t nrows)
{
    scmp_filter_ctx ctx = seccomp_init(dflt);
    if (!ctx)
        return -1;
    /* another architecture's numbers (int $0x80 on x86-64) are refused */
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP);
    for (size_t i = 0; i < nrows && rc == 0; i++)
        rc = add_row(ctx, &rows[i]);
    if (rc == 0)
        rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}

int sandbox_filter_load(void)
{
    return filter_install(SCMP_ACT_ALLOW, load_rules, sizeof load_rules / sizeof load_rules[0]);
}

int sandbox_filter_call(void)
{
    return filter_install(SCMP_ACT_TRAP, call_rules, sizeof call_rules / sizeof call_rules[0]);
}
