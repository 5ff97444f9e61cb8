/* expect: status=graded correctness=pass vectorization=fail */
/* timing: attack */
/* An attack on the timing: rewrite the measurements.  A constructor finds
 * the runner's own import of clock_gettime (its GOT entry, through the
 * program's dynamic section) and points it at a clock on which this
 * solution's calls take a twentieth of their time.  When the runner times
 * the calls itself, that is a twenty times better ratio; measured from
 * outside, it changes nothing.  The sum itself is slow: every 96 columns
 * the row's denominator again. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static volatile int ran;          /* softmax ran since the last reading */
static struct timespec before;    /* the reading before it */

/* The runner's CPU readings around each call, with this solution's calls
 * shrunk twenty times; every other clock as it is (through this file's
 * own import of clock_gettime, which is not hooked). */
static int fake_clock(clockid_t c, struct timespec *ts)
{
    int rc = clock_gettime(c, ts);
    if (rc != 0 || c != CLOCK_THREAD_CPUTIME_ID)
        return rc;
    if (ran) {
        long d = (ts->tv_sec - before.tv_sec) * 1000000000L + (ts->tv_nsec - before.tv_nsec);
        long ns = before.tv_nsec + d / 20;
        ts->tv_sec = before.tv_sec + ns / 1000000000L;
        ts->tv_nsec = ns % 1000000000L;
        ran = 0;
    }
    before = *ts;
    return 0;
}

/* An address the dynamic section gives: absolute once ld.so adjusted it. */
static uintptr_t at(uintptr_t base, ElfW(Addr) p)
{
    return p < base ? base + p : p;
}

/* Points the relocations of the main program that name clock_gettime at
 * fake_clock. */
static void hook(uintptr_t base, const ElfW(Dyn) *dyn)
{
    const ElfW(Sym) *syms = NULL;
    const char *strs = NULL;
    const ElfW(Rela) *tabs[2] = {NULL, NULL};
    size_t sizes[2] = {0, 0};
    for (const ElfW(Dyn) *d = dyn; d->d_tag != DT_NULL; d++) {
        if (d->d_tag == DT_SYMTAB)
            syms = (const ElfW(Sym) *)at(base, d->d_un.d_ptr);
        else if (d->d_tag == DT_STRTAB)
            strs = (const char *)at(base, d->d_un.d_ptr);
        else if (d->d_tag == DT_JMPREL)
            tabs[0] = (const ElfW(Rela) *)at(base, d->d_un.d_ptr);
        else if (d->d_tag == DT_PLTRELSZ)
            sizes[0] = d->d_un.d_val;
        else if (d->d_tag == DT_RELA)
            tabs[1] = (const ElfW(Rela) *)at(base, d->d_un.d_ptr);
        else if (d->d_tag == DT_RELASZ)
            sizes[1] = d->d_un.d_val;
    }
    for (int t = 0; t < 2 && syms && strs; t++)
        for (size_t i = 0; tabs[t] && i < sizes[t] / sizeof(ElfW(Rela)); i++) {
            const ElfW(Rela) *r = &tabs[t][i];
            if (strcmp(strs + syms[ELF64_R_SYM(r->r_info)].st_name, "clock_gettime") != 0)
                continue;
            void **slot = (void **)(base + r->r_offset);
            uintptr_t page = (uintptr_t)slot & ~(uintptr_t)4095;
            mprotect((void *)page, 4096, PROT_READ | PROT_WRITE);
            *slot = (void *)fake_clock;
        }
}

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
            hook(info->dlpi_addr,
                 (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr));
    return 1;    /* the program itself comes first */
}

__attribute__((constructor)) static void rewrite_measurements(void)
{
    dl_iterate_phdr(first_object, NULL);
}

static double row_sum(const double *z, int k, double m)
{
    double s = 0.0;
    for (int j = 0; j < k; j++)
        s += exp(z[j] - m);
    return s;
}

void softmax(const double *Z, int n, int k, double *P)
{
    ran = 1;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++) {
            if (j % 96 == 0)
                s = row_sum(z, k, m);
            P[(long)i * k + j] = exp(z[j] - m) / s;
        }
    }
}
