/* runner_profile — samples the program counter of the solution's calls in
 * the runs the plan marks PR_PROFILE (plan.h: plan_prof).  The timer is
 * armed before the second seccomp filter (setitimer is not allowed after
 * it); its handler only records while a call of a profiled run is in
 * progress, and never allocates. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

#include "runner/runner.h"

static plan_prof *prof;

static void on_prof(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    if (!prof || !R.profiling || R.phase != PHASE_CALL || prof->npcs >= PLAN_PROF_PCS)
        return;
    const ucontext_t *uc = ctx;
#if defined(__x86_64__)
    prof->pcs[prof->npcs++] = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    prof->pcs[prof->npcs++] = (uint64_t)uc->uc_mcontext.pc;
#else
    (void)uc;
#endif
}

/* One loaded object's executable segments, as one range. */
static int add_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (prof->nlibs >= PLAN_PROF_LIBS)
        return 1;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        uint64_t a = info->dlpi_addr + ph->p_vaddr;
        lo = a < lo ? a : lo;
        hi = a + ph->p_memsz > hi ? a + ph->p_memsz : hi;
    }
    if (hi <= lo)
        return 0;
    plan_lib *l = &prof->libs[prof->nlibs++];
    l->lo = lo;
    l->hi = hi;
    const char *name = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : "mldrill-runner";
    const char *base = strrchr(name, '/');
    strncpy(l->name, base ? base + 1 : name, sizeof l->name - 1);
    return 0;
}

void profile_start(unsigned char *out, void *solution_fn)
{
    bool any = false;
    const plan_run *runs = (const plan_run *)((const unsigned char *)R.hdr + R.hdr->run_off);
    for (uint32_t r = 0; r < R.hdr->nrun; r++)
        any |= (runs[r].flags & PR_PROFILE) != 0;
    if (!any || !R.hdr->prof_off)
        return;
    prof = (plan_prof *)(out + R.hdr->prof_off);
    Dl_info di;
    if (solution_fn && dladdr(solution_fn, &di) && di.dli_fbase)
        prof->base = (uint64_t)(uintptr_t)di.dli_fbase;
    prof->nlibs = 0;
    dl_iterate_phdr(add_object, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_prof;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, NULL);
    struct itimerval it = {{0, PLAN_PROF_US}, {0, PLAN_PROF_US}};
    setitimer(ITIMER_PROF, &it, NULL);
}
