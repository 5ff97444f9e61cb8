/* runner — the mldrill-runner executable: maps a plan (plan.h), loads a
 * solution with dlopen inside the sandbox, and calls its functions through
 * libffi, reporting progress and faults on the status pipe.
 *
 *   mldrill-runner --so SOLUTION.so [--from RUN] [--cpu SECONDS]
 *   mldrill-runner --so SOLUTION.so --time [--cpu SECONDS]
 *
 * Descriptors: 0 /dev/null, 1 and 2 the captured output, 3 the status
 * pipe, 4 the IN plan file, 5 the OUT file, and with --time 6 the
 * grader's commands (plan_cmd).  It is started by launch.c, never by
 * hand. */
#define _GNU_SOURCE
#include "runner/runner.h"

#include <dlfcn.h>
#include <link.h>
#include <fcntl.h>
#include <ffi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


runner_state R;

/* Counted by alloc.c; stay zero in the sanitizer runner. */
volatile long long runner_heap_live;
volatile size_t runner_alloc_failed;
plan_res *volatile runner_call_res;

typedef void (*fnptr)(void);

static const unsigned char *in;       /* the IN file, read-only */
static unsigned char *out;            /* the OUT file */
static const plan_fn *fns;
static const plan_run *runs;
static const plan_call *calls;
static const plan_arg *args;
static const char *strs;
static plan_res *results;
static fnptr *user_fn;               /* per plan_fn */
static void **pristine;               /* inout contents, for timing */

static void die(uint32_t code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void die(uint32_t code, const char *fmt, ...)
{
    char text[232];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    runner_send(code == PF_MISSING ? PM_FAULT : PM_ERROR, code, 0, 0, text);
    _exit(2);
}

/* CPU time of this thread, for the per-call figures of case runs (the
 * timing rounds are measured by the grader, from outside). */
static double cpu_now(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* --- setup ----------------------------------------------------------------- */

static void find_stack(void)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[512];
    uintptr_t lo = 0, hi = 0;
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "[stack]"))
            sscanf(line, "%lx-%lx", &lo, &hi);
    if (f)
        fclose(f);
    struct rlimit rl;
    uintptr_t size = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = rl.rlim_cur;
    R.stack_hi = hi;
    R.stack_lo = hi > size + (1u << 20) ? hi - size - (1u << 20) : 0;
}

/* Reserves span bytes of PROT_NONE address space. */
static char *reserve(size_t span)
{
    void *p = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED)
        die(0, "cannot reserve %zu bytes of address space", span);
    return p;
}

/* Maps [off, off + len) of fd between two guard pages, in a reservation
 * of its own (*span bytes from the returned address). */
static char *map_guarded(int fd, uint64_t off, uint64_t len, int prot, size_t *span)
{
    *span = len + 2 * PLAN_PAGE;
    char *base = reserve(*span);
    if (len && mmap(base + PLAN_PAGE, len, prot, MAP_SHARED | MAP_FIXED, fd, (off_t)off) ==
                   MAP_FAILED)
        die(0, "cannot map a buffer");
    return base;
}

/* Fills a string output's count pointers with the poison (plan.h). */
static void poison_strings(rbuf *rb, uint64_t count)
{
    char **ptrs = (char **)rb->data;
    for (uint64_t k = 0; k < count; k++)
        ptrs[k] = (char *)(uintptr_t)PLAN_POISON_STRING;
}

/* A string array: a pointer array the runner builds, between guards;
 * for an input, pointing into the strings mapped on their own (so that
 * they can be made inaccessible between calls); for an output, poisoned. */
static void map_strings(const plan_buf *b, rbuf *rb, int in_fd)
{
    size_t bytes = sizeof(char *) * b->count;
    size_t len = plan_pages(bytes);
    rb->span = len + 2 * PLAN_PAGE;
    rb->base = reserve(rb->span);
    rb->private_ptrs = true;
    rb->nbytes = bytes;
    rb->data = rb->base + PLAN_PAGE + len - bytes;
    if (len && mprotect(rb->base + PLAN_PAGE, len, PROT_READ | PROT_WRITE) != 0)
        die(0, "mprotect failed");
    if (b->flags & PB_OUTPUT) {
        poison_strings(rb, b->count);
        return;
    }
    rb->sbase = map_guarded(in_fd, b->off, b->len, PROT_READ, &rb->sspan);
    rb->sdata = rb->sbase + PLAN_PAGE + b->len - b->nbytes;
    const char *s = rb->sdata;
    char **ptrs = (char **)rb->data;
    for (uint64_t k = 0; k < b->count; k++) {
        ptrs[k] = (char *)s;
        s += strlen(s) + 1;
    }
    if (len)
        mprotect(rb->base + PLAN_PAGE, len, PROT_READ);
}

/* Maps every buffer between guard pages. */
static void map_buffers(int in_fd, int out_fd)
{
    const plan_buf *pb = (const plan_buf *)(in + R.hdr->buf_off);
    R.nbuf = R.hdr->nbuf;
    R.bufs = calloc(R.nbuf + 1, sizeof(rbuf));
    pristine = calloc(R.nbuf + 1, sizeof(void *));
    for (uint32_t i = 0; i < R.nbuf; i++) {
        const plan_buf *b = &pb[i];
        rbuf *rb = &R.bufs[i];
        rb->elem = b->elem;
        rb->flags = b->flags;
        rb->file = b->file;
        if (b->elem == PE_STRING) {
            map_strings(b, rb, in_fd);
            continue;
        }
        int prot = b->file == PF_IN ? PROT_READ : PROT_READ | PROT_WRITE;
        rb->base = map_guarded(b->file == PF_IN ? in_fd : out_fd, b->off, b->len, prot,
                               &rb->span);
        rb->nbytes = b->nbytes;
        rb->data = rb->base + PLAN_PAGE + b->len - b->nbytes;
        if (b->flags & PB_INOUT) {
            pristine[i] = malloc(b->nbytes ? b->nbytes : 1);
            memcpy(pristine[i], rb->data, b->nbytes);
        }
    }
}

static void *load(const char *path, fnptr *table)
{
    R.phase = PHASE_LOAD;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    R.phase = PHASE_SETUP;
    if (!h) {
        const char *e = dlerror();
        /* its segments (static arrays) did not fit in the memory limit */
        if (e && (strstr(e, "map") || strstr(e, "memory"))) {
            runner_send(PM_FAULT, PF_MEMORY, 0, 0, "load");
            _exit(2);
        }
        die(0, "cannot load the solution: %s", e);
    }
    for (uint32_t f = 0; f < R.hdr->nfn; f++) {
        const char *name = strs + fns[f].name;
        table[f] = (fnptr)dlsym(h, name);
        if (!table[f])
            die(PF_MISSING, "%s", name);
    }
    return h;
}

/* The executable segments of the object that defines fn: where calls
 * from the solution's code come from (R.sol_lo, R.sol_hi). */
static int code_range(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    uintptr_t base = (uintptr_t)((Dl_info *)data)->dli_fbase, lo = UINTPTR_MAX, hi = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr;
        lo = a < lo ? a : lo;
        hi = a + ph->p_memsz > hi ? a + ph->p_memsz : hi;
    }
    if (base < lo || base >= hi)
        return 0;
    R.sol_lo = lo;
    R.sol_hi = hi;
    return 1;
}

static void find_code(fnptr fn)
{
    Dl_info info;
    if (fn && dladdr((void *)fn, &info) && info.dli_fbase)
        dl_iterate_phdr(code_range, &info);
}

/* --- calling ------------------------------------------------------------------- */

typedef union slotval {
    int i;
    double d;
    void *p;
} slotval;

static ffi_type *ffi_of(uint32_t kind)
{
    switch (kind) {
    case PK_INT: return &ffi_type_sint;
    case PK_DOUBLE: return &ffi_type_double;
    case PK_VOID: return &ffi_type_void;
    default: return &ffi_type_pointer;
    }
}

/* Copies the strings a solution put in a string output array into OUT. */
static void copy_strings(uint32_t bi)
{
    const plan_buf *b = &((const plan_buf *)(in + R.hdr->buf_off))[bi];
    unsigned char *area = out + b->sout_off;
    uint64_t cap = b->sout_cap - sizeof(uint64_t), used = 0;
    char **ptrs = (char **)R.bufs[bi].data;
    R.phase = PHASE_COPY;
    for (uint64_t k = 0; k < b->count; k++) {
        bool bytes = ptrs[k] && (uintptr_t)ptrs[k] != PLAN_POISON_STRING;
        uint32_t n = bytes ? (uint32_t)strnlen(ptrs[k], 4096)
                     : ptrs[k] ? PLAN_STRING_UNWRITTEN
                               : PLAN_STRING_NULL;
        uint64_t need = 4 + (bytes ? n : 0);
        if (used + need > cap)
            break;
        memcpy(area + 8 + used, &n, 4);
        if (bytes)
            memcpy(area + 8 + used + 4, ptrs[k], n);
        used += need;
    }
    memcpy(area, &used, sizeof used);
    R.phase = PHASE_SETUP;
}

/* The libffi types and values of plan call pc's arguments (sv holds the
 * values); returns 1 when a handle the call needs is NULL (a release
 * function's is passed as it is: plan.h). */
static int call_args(const plan_call *pc, void **slots, ffi_type **at, void **av,
                     slotval *sv)
{
    for (uint32_t k = 0; k < pc->nargs; k++) {
        const plan_arg *a = &args[pc->first_arg + k];
        at[k] = ffi_of(a->kind);
        av[k] = &sv[k];
        switch (a->kind) {
        case PK_INT: sv[k].i = (int)a->i; break;
        case PK_DOUBLE: sv[k].d = a->d; break;
        case PK_STRING: sv[k].p = ((char **)R.bufs[a->ref].data)[0]; break;
        case PK_BUF: sv[k].p = R.bufs[a->ref].data; break;
        case PK_HANDLE:
            sv[k].p = a->ref == PLAN_NONE ? NULL : slots[a->ref];
            if (!sv[k].p && a->i != PLAN_HANDLE_RELEASE)
                return 1;
            break;
        }
    }
    return 0;
}

/* What a return value is, as libffi gives it. */
typedef union retval {
    ffi_arg i;
    double d;
    void *p;
} retval;

/* Records a finished call in res: its return value, and the strings it
 * put in string outputs, copied into OUT. */
static void call_result(const plan_call *pc, uint32_t rk, const retval *rv, plan_res *res)
{
    if (rk == PK_INT)
        res->ret_i = (int)rv->i;
    else if (rk == PK_DOUBLE)
        res->ret_d = rv->d;
    else if (rk == PK_HANDLE)
        res->null_handle = rv->p == NULL;
    for (uint32_t k = 0; k < pc->nargs; k++) {
        const plan_arg *a = &args[pc->first_arg + k];
        if (a->kind == PK_BUF && R.bufs[a->ref].elem == PE_STRING &&
            (R.bufs[a->ref].flags & PB_OUTPUT))
            copy_strings(a->ref);
    }
    res->state = PS_DONE;
}

/* Calls plan call ci with the given function table; returns 0, or 1 when
 * skipped because a handle it needs (not one it releases) is NULL. */
static int call_one(uint32_t ci, fnptr *table, void **slots, plan_res *res)
{
    const plan_call *pc = &calls[ci];
    uint32_t n = pc->nargs;
    ffi_type *at[n + 1];
    void *av[n + 1];
    slotval sv[n + 1];
    if (call_args(pc, slots, at, av, sv)) {
        if (res)
            res->state = PS_SKIPPED;
        return 1;
    }
    uint32_t rk = fns[pc->fn].ret;
    ffi_cif cif;
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, n, ffi_of(rk), at) != FFI_OK)
        die(0, "libffi could not prepare a call");
    retval rv;
    memset(&rv, 0, sizeof rv);
    long long heap0 = runner_heap_live;
    if (res)
        res->state = PS_STARTED;
    R.phase = PHASE_CALL;
    runner_call_res = res;
    double t0 = cpu_now();
    ffi_call(&cif, table[pc->fn], &rv, av);
    double t1 = cpu_now();
    runner_call_res = NULL;
    R.phase = PHASE_SETUP;
    /* a write past a block the solution allocated and still holds */
    redzone_check_all("return");
    if (rk == PK_HANDLE && pc->ret_slot != PLAN_NONE)
        slots[pc->ret_slot] = rv.p;
    if (!res)
        return 0;
    res->cpu_ns = t1 > t0 ? (uint64_t)((t1 - t0) * 1e9) : 0;
    res->heap_delta = runner_heap_live - heap0;
    call_result(pc, rk, &rv, res);
    return 0;
}

/* Makes input buffer rb readable or inaccessible (its strings too). */
static void set_access(rbuf *rb, bool readable)
{
    if (rb->hidden == !readable)
        return;
    int prot = readable ? PROT_READ : PROT_NONE;
    if (rb->span > 2 * PLAN_PAGE)
        mprotect(rb->base + PLAN_PAGE, rb->span - 2 * PLAN_PAGE, prot);
    if (rb->sspan > 2 * PLAN_PAGE)
        mprotect(rb->sbase + PLAN_PAGE, rb->sspan - 2 * PLAN_PAGE, prot);
    rb->hidden = !readable;
}

/* Before call pc of run pr (NULL: after the run): the inputs it is given
 * readable, the run's other inputs inaccessible, so that a pointer kept
 * from an earlier call faults when it is used (issue 12). */
static void expose_inputs(const plan_run *pr, const plan_call *pc)
{
    for (uint32_t b = pr->first_buf; b < pr->first_buf + pr->nbuf; b++) {
        rbuf *rb = &R.bufs[b];
        if (rb->file != PF_IN || (rb->flags & PB_OUTPUT))
            continue;
        bool given = !pc;
        for (uint32_t k = 0; pc && k < pc->nargs && !given; k++) {
            const plan_arg *a = &args[pc->first_arg + k];
            given = (a->kind == PK_BUF || a->kind == PK_STRING) && a->ref == b;
        }
        set_access(rb, given);
    }
}

static void run_one(uint32_t r)
{
    const plan_run *pr = &runs[r];
    void *slots[pr->nslots + 1];
    memset(slots, 0, sizeof slots);
    R.run = r;
    redzone_case(r);
    R.profiling = (pr->flags & PR_PROFILE) != 0;
    runner_send(PM_BEGIN, 0, r, 0, NULL);
    for (uint32_t k = 0; k < pr->ncalls; k++) {
        R.call = k;
        expose_inputs(pr, &calls[pr->first_call + k]);
        call_one(pr->first_call + k, user_fn, slots, &results[pr->first_call + k]);
    }
    expose_inputs(pr, NULL);
    fflush(stdout);
    fflush(stderr);
    runner_send(PM_END, 0, r, 0, NULL);
}

/* --- timing rounds ------------------------------------------------------------- */

/* One execution of run r's call sequence, from the inout arrays' first
 * contents and the string outputs poisoned; the results go to OUT as in
 * a case run. */
static void sequence(uint32_t r)
{
    const plan_run *pr = &runs[r];
    const plan_buf *pb = (const plan_buf *)(in + R.hdr->buf_off);
    for (uint32_t b = pr->first_buf; b < pr->first_buf + pr->nbuf; b++)
        if (pristine[b])
            memcpy(R.bufs[b].data, pristine[b], R.bufs[b].nbytes);
        else if (R.bufs[b].elem == PE_STRING && (R.bufs[b].flags & PB_OUTPUT))
            poison_strings(&R.bufs[b], pb[b].count);    /* each round writes its own */
    void *slots[pr->nslots + 1];
    memset(slots, 0, sizeof slots);
    for (uint32_t k = 0; k < pr->ncalls; k++) {
        R.call = k;
        call_one(pr->first_call + k, user_fn, slots, &results[pr->first_call + k]);
    }
}

/* Runs rounds as the grader commands them on descriptor 6 until it
 * closes it.  The grader measures each round from outside (plan.h): this
 * process only does the work and says when it is done. */
static void rounds(void)
{
    for (;;) {
        plan_cmd c;
        size_t got = 0;
        while (got < sizeof c) {
            ssize_t n = read(6, (char *)&c + got, sizeof c - got);
            if (n <= 0)
                return;
            got += (size_t)n;
        }
        if (c.run >= R.hdr->nrun)
            die(0, "a round of run %u, which the plan does not have", c.run);
        R.run = c.run;
        R.profiling = (runs[c.run].flags & PR_PROFILE) != 0;
        for (uint32_t i = 0; i < c.reps; i++)
            sequence(c.run);
        fflush(stdout);
        fflush(stderr);
        runner_send(PM_ROUND, 0, c.run, c.reps, NULL);
    }
}

/* --- main ------------------------------------------------------------------------ */

/* The command line (see the top of this file). */
typedef struct runner_args {
    const char *so;          /* the solution, or the reference */
    uint32_t from;           /* first run */
    double cpu;              /* CPU seconds for the whole process */
    int timing;              /* rounds on command (descriptor 6) */
} runner_args;

static void parse_args(int argc, char **argv, runner_args *a)
{
    *a = (runner_args){NULL, 0, 10, 0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--so") == 0 && i + 1 < argc)
            a->so = argv[++i];
        else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            a->from = (uint32_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--cpu") == 0 && i + 1 < argc)
            a->cpu = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--time") == 0)
            a->timing = 1;
        else
            die(0, "usage: mldrill-runner --so FILE [--time] [--from RUN] "
                   "[--cpu SECONDS] (started by mldrill)");
    }
    if (!a->so)
        die(0, "mldrill-runner: missing --so");
}

/* Maps the plan (IN on descriptor 4, OUT on 5), finds its tables, and maps
 * every buffer between guard pages; the descriptors are closed after. */
static void map_plan(void)
{
    struct stat st;
    if (fstat(4, &st) != 0 || (size_t)st.st_size < sizeof(plan_hdr))
        die(0, "no plan on descriptor 4");
    in = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, 4, 0);
    if (in == MAP_FAILED)
        die(0, "cannot map the plan");
    R.hdr = (const plan_hdr *)in;
    if (R.hdr->magic != PLAN_MAGIC || R.hdr->version != PLAN_VERSION)
        die(0, "the plan has the wrong format (runner and mldrill differ?)");
    out = mmap(NULL, R.hdr->out_size, PROT_READ | PROT_WRITE, MAP_SHARED, 5, 0);
    if (out == MAP_FAILED)
        die(0, "cannot map the results file");
    fns = (const plan_fn *)(in + R.hdr->fn_off);
    runs = (const plan_run *)(in + R.hdr->run_off);
    calls = (const plan_call *)(in + R.hdr->call_off);
    args = (const plan_arg *)(in + R.hdr->arg_off);
    strs = (const char *)in + R.hdr->str_off;
    results = (plan_res *)(out + R.hdr->res_off);
    map_buffers(4, 5);
    close(4);
    close(5);
}

/* The sandbox, in order: limits, no privileges, files (Landlock), system
 * calls (the first filter); the shared object loads after that, then the
 * memory limit and the second filter.  Returns whether Landlock confines
 * file access. */
static int sandbox_and_load(const runner_args *a)
{
    R.statm_fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    R.pstatus_fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (sandbox_rlimits(a->cpu) != 0)
        die(0, "cannot set resource limits");
    if (sandbox_drop_privileges() != 0)
        die(0, "cannot drop privileges");
    const char *sos[1] = {a->so};
    int confined = sandbox_landlock(sos, 1);
    if (confined < 0)
        die(0, "cannot install the sandbox (Landlock)");
    if (sandbox_filter_load() != 0)
        die(0, "cannot install the sandbox (seccomp)");
    /* the memory limit before the solution is mapped: its static data
     * counts against it */
    if (sandbox_memory(R.hdr->memory_bytes) != 0)
        die(0, "cannot set the memory limit");
    load(a->so, user_fn);
    find_code(user_fn[0]);
    profile_start(out, (void *)user_fn[0]);
    /* a constructor may have added a seccomp filter of its own, which
     * could make the runner's next calls (the second filter) pretend to
     * succeed: nothing but the first filter may be in force */
    if (sandbox_filters_intact() != 0) {
        runner_send(PM_FAULT, PF_FORBIDDEN, 0, 0, "seccomp");
        _exit(2);
    }
    if (sandbox_filter_call() != 0)
        die(0, "cannot install the sandbox (seccomp)");
    return confined;
}

int main(int argc, char **argv)
{
    /* first of all: no other process of the user may open this one's
     * /proc entries (mem, fd) from here on */
    prctl(PR_SET_DUMPABLE, 0);
    R.status_fd = 3;
    R.statm_fd = R.pstatus_fd = -1;
    R.run = R.call = PLAN_NONE;
    R.phase = PHASE_SETUP;
    close_range(7, ~0U, 0);
    runner_args a;
    parse_args(argc, argv, &a);
    setvbuf(stdout, NULL, _IOLBF, 0);

    find_stack();
    fault_name_syscalls();
    fault_install();
    map_plan();
    user_fn = calloc(R.hdr->nfn + 1, sizeof(fnptr));
    int confined = sandbox_and_load(&a);
    runner_send(PM_READY, 0, a.from, confined, NULL);

    if (a.timing) {
        rounds();
    } else {
        redzone_start();
        for (uint32_t r = a.from; r < R.hdr->nrun; r++)
            run_one(r);
    }
    fflush(stdout);
    fflush(stderr);
    _exit(0);
}
