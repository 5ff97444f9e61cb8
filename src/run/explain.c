/* explain — see explain.h. */
#define _GNU_SOURCE

#include "run/explain.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

const char *xstatus_name(xstatus s)
{
    static const char *const n[] = {"notrun", "ok", "crash", "timeout",
                                    "memory", "forbidden", "error"};
    return s <= XS_ERROR ? n[s] : "?";
}

/* --- faults the runner reported ------------------------------------------------ */

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
        {"prctl", "untie itself from mldrill's sandbox"},
        {"seccomp", "change the sandbox's system call filter"},
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

/* A read through a pointer into an input that the call in progress was
 * not given: kept from an earlier call. */
static char *stale_input(const layout *l, const plan_msg *m, char **bufname)
{
    const value *v = layout_buffer_value(l, (int)m->a, NULL);
    if (!v)
        return xasprintf("invalid memory access");
    *bufname = xstrdup(v->name);
    return xasprintf("kept a pointer into input %s from an earlier call and used it in "
                     "a call that was not given %s: keep a copy of what you need, the "
                     "caller's arrays are its own once a call returns",
                     v->name, v->name);
}

/* A write outside a block the solution allocated itself (PF_HEAP, its
 * text checked by wire.c): "wrote 8 bytes past the end of a block of 48
 * bytes it allocated (malloc), found when a block was freed". */
static char *heap_fault(const plan_msg *m)
{
    static const struct {
        const char *when, *words;
    } found[] = {
        {"free", "found when a block was freed"},
        {"realloc", "found when a block was reallocated"},
        {"return", "found when the call returned"},
        {"abort", "found when the allocator stopped the program"},
    };
    size_t an = strcspn(m->text, " ");
    const char *when = m->text[an] ? m->text + an + 1 : "", *words = "found";
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
        if (strcmp(when, found[i].when) == 0)
            words = found[i].words;
    long long d = (long long)m->b, size = (long long)m->a;
    long long n = d > 0 ? d : -d;
    return xasprintf("wrote %lld byte%s %s a block of %lld byte%s it allocated (%.*s), %s",
                     n, n == 1 ? "" : "s", d > 0 ? "past the end of" : "before the start of",
                     size, size == 1 ? "" : "s", (int)an, m->text, words);
}

/* The runner's names for crashes it could tell apart (runner/fault.c). */
static const struct {
    const char *text, *words;
} crash_kinds[] = {
    {"null", "segmentation fault: used a NULL pointer"},
    {"stack", "stack overflow: recursion too deep, or a local array too large for the "
              "stack (use malloc)"},
    {"copy", "a string pointer the solution returned is not valid"},
    {"abort", "abort() was called (a failed assert(), or free() found the heap "
              "corrupted)"},
};

/* Words for a PF_CRASH fault: a signal, named by the runner when it could. */
static char *crash_message(const plan_msg *m)
{
    const char *t = m->text;
    int sig = (int)m->a;
    for (size_t i = 0; i < sizeof crash_kinds / sizeof crash_kinds[0]; i++)
        if (strcmp(t, crash_kinds[i].text) == 0)
            return xstrdup(crash_kinds[i].words);
    if ((sig == SIGSEGV || sig == SIGBUS) && (uint64_t)m->b == PLAN_POISON_STRING)
        return xasprintf("segmentation fault: read through a pointer of a string output "
                         "it never wrote (the poison 0x%llx every element starts with)",
                         (unsigned long long)PLAN_POISON_STRING);
    if (sig == SIGSEGV || sig == SIGBUS)
        return xasprintf("segmentation fault: invalid memory %s at address 0x%llx", t,
                         (unsigned long long)m->b);
    if (sig == SIGFPE)
        return xasprintf("arithmetic exception (an integer division by zero?)");
    if (sig == SIGILL)
        return xasprintf("illegal instruction");
    return xasprintf("killed by signal %d (%s)", sig, strsignal(sig));
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
    case PF_STALE_INPUT:
        *msg = stale_input(l, m, bufname);
        return XS_CRASH;
    case PF_HEAP:
        *msg = heap_fault(m);
        return XS_CRASH;
    case PF_MEMORY:
        if (strcmp(t, "load") == 0) {
            *msg = xasprintf("ran out of memory: its static data does not fit in the "
                             "memory limit (%llu MiB); allocate large arrays with malloc",
                             (unsigned long long)(layout_hdr(l)->memory_bytes >> 20));
            return XS_MEMORY;
        }
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
        *msg = crash_message(m);
        return XS_CRASH;
    }
}

/* --- how a process ended ---------------------------------------------------------- */

/* The status and words for an ending that reported no fault; *msg stays
 * NULL when the ending itself says nothing (explain_words then). */
static xstatus ending_status(const explain_end *e, int *fault, char **msg)
{
    int ws = e->wstatus;
    if (e->timed_out)
        return XS_TIMEOUT;
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL && !e->killed)
        return XS_TIMEOUT;    /* the hard CPU limit */
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGSYS) {
        /* a refused call while SIGSYS was blocked: the kernel kills
         * without running the fault reporter, so the call is unknown */
        *fault = PF_FORBIDDEN;
        *msg = xasprintf("your code made a system call the sandbox does not allow, "
                         "with all signals blocked (as libc does while starting a "
                         "thread or a process)");
        return XS_FORBIDDEN;
    }
    if (e->sanitizer_text) {
        /* the sanitizer's own report, at the end of what was printed */
        bool memory = false;
        *msg = explain_sanitizer(e->sanitizer_text, &memory);
        if (*msg) {
            *fault = memory ? PF_MEMORY : PF_CRASH;
            return memory ? XS_MEMORY : XS_CRASH;
        }
    }
    return XS_CRASH;
}

/* Words for an ending nothing else explained: how the process stopped. */
static char *ending_words(const explain_end *e)
{
    int ws = e->wstatus;
    if (e->killed && !e->timed_out)
        return xasprintf("closed mldrill's status channel (descriptor 3) and was stopped");
    if (e->timed_out)
        return xasprintf("did not finish within %.3g s (an infinite loop? waiting "
                         "forever?)", e->limit_s);
    if (WIFEXITED(ws) && e->in_run)
        return xasprintf("the program ended with exit(%d) inside the solution: "
                         "a function must return, not exit", WEXITSTATUS(ws));
    if (WIFSIGNALED(ws))
        return xasprintf("killed by signal %d (%s)", WTERMSIG(ws), strsignal(WTERMSIG(ws)));
    return NULL;
}

xstatus explain_ending(const layout *l, const explain_end *e, int *fault, char **msg,
                       char **bufname)
{
    *msg = *bufname = NULL;
    *fault = e->fault ? (int)e->fault->code : 0;
    xstatus st = e->fault ? describe_fault(l, e->fault, msg, bufname)
                          : ending_status(e, fault, msg);
    if (!*msg)
        *msg = ending_words(e);
    return st;
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

/* The first stack frame after p ("\n    #3 0x... in f /dir/file.c:12:5")
 * that is in the solution's source, into where; false when none is. */
static bool first_frame(const char *p, char *where, size_t cap)
{
    for (const char *f = p ? strstr(p, "\n    #") : NULL; f; f = strstr(f + 1, "\n    #"))
        if (source_location(f + 1, where, cap))
            return true;
    return false;
}

/* Whether an AddressSanitizer error kind (kn bytes at kind) is one of
 * running out of memory. */
static bool asan_memory_kind(const char *kind, size_t kn)
{
    return strncmp(kind, "out-of-memory", kn) == 0 ||
           strncmp(kind, "allocation-size-too-big", kn) == 0 ||
           strncmp(kind, "requested allocation size", 25) == 0 ||
           strstr(kind, "out of memory") != NULL ||
           strncmp(kind, "calloc-overflow", kn) == 0 ||
           strncmp(kind, "pvalloc-overflow", kn) == 0;
}

/* The access of an AddressSanitizer report: " (WRITE of size 8)". */
static void asan_access(strbuf *sb, const char *asan)
{
    const char *acc = strstr(asan, "\nREAD of size ");
    const char *wacc = strstr(asan, "\nWRITE of size ");
    if (wacc && (!acc || wacc < acc))
        acc = wacc;
    if (!acc)
        return;
    size_t an = strcspn(acc + 1, "\n");
    const char *at = strstr(acc + 1, " at ");
    if (at && at < acc + 1 + an)
        an = (size_t)(at - (acc + 1));
    sb_printf(sb, " (%.*s)", (int)an, acc + 1);
}

/* Where the block came from, for heap errors: ": 0 bytes to the right of
 * 8-byte region, allocated at file.c:11". */
static void asan_region(strbuf *sb, const char *asan)
{
    char where[256];
    const char *loc = strstr(asan, " is located ");
    const char *reg = loc ? strstr(loc, " region [") : NULL;
    if (!reg || (size_t)(reg - loc) >= strcspn(loc, "\n"))
        return;
    loc += strlen(" is located ");
    sb_printf(sb, ": %.*s region", (int)(reg - loc), loc);
    const char *alloc = strstr(reg, "allocated by thread");
    if (first_frame(alloc, where, sizeof where))
        sb_printf(sb, ", allocated at %s", where);
    const char *freed = strstr(reg, "freed by thread");
    if (first_frame(freed && (!alloc || freed < alloc) ? freed : NULL, where, sizeof where))
        sb_printf(sb, ", freed at %s", where);
}

/* The line of the last AddressSanitizer error in a report, at asan:
 * "AddressSanitizer: heap-buffer-overflow (WRITE of size 8) at f.c:12: ...". */
static void asan_message(strbuf *sb, const char *asan, bool *memory)
{
    /* ERROR: AddressSanitizer: heap-buffer-overflow on address ... */
    const char *kind = asan + strlen("ERROR: AddressSanitizer: ");
    size_t kn = strcspn(kind, " \n");
    sb_printf(sb, "AddressSanitizer: %.*s", (int)kn, kind);
    *memory = asan_memory_kind(kind, kn);
    asan_access(sb, asan);
    /* the first frame in a .c file: the solution's line */
    char where[256];
    bool found = first_frame(asan, where, sizeof where);
    if (!found) {
        const char *sum = strstr(asan, "SUMMARY: AddressSanitizer");
        found = sum && source_location(sum, where, sizeof where);
    }
    if (found)
        sb_printf(sb, " at %s", where);
    asan_region(sb, asan);
}

/* The line of a UBSan report whose ": runtime error: " is at ubsan in text. */
static void ubsan_message(strbuf *sb, const char *text, const char *ubsan)
{
    /* /dir/file.c:12:9: runtime error: signed integer overflow: ... */
    char where[256];
    const char *line = ubsan;
    while (line > text && line[-1] != '\n')
        line--;
    sb_add(sb, "UndefinedBehaviorSanitizer:");
    add_line(sb, ubsan + strlen(": runtime error:"));
    if (source_location(line, where, sizeof where))
        sb_printf(sb, " at %s", where);
}

char *explain_sanitizer(const char *text, bool *memory)
{
    *memory = false;
    const char *asan = NULL;
    for (const char *p = strstr(text, "ERROR: AddressSanitizer"); p;
         p = strstr(p + 1, "ERROR: AddressSanitizer"))
        asan = p;
    const char *ubsan = strstr(text, ": runtime error: ");
    strbuf sb = {0};
    if (asan) {
        asan_message(&sb, asan, memory);
    } else if (ubsan) {
        ubsan_message(&sb, text, ubsan);
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
