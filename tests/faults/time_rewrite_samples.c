/* expect: status=graded correctness=pass vectorization=fail */
/* timing: attack */
/* An attack on the timing: rewrite the measurements, and forge a 1 us
 * best time of the reference.  A constructor looks through the runner's
 * writable data for a pointer to its plan (the header's magic) and for
 * the file the runner writes its timing samples into, probing addresses
 * through a pipe (a bad one fails with EFAULT instead of faulting).  Each
 * call then sets every sample of both sides to 1 us: the median pair
 * says "as fast as the reference", and the reference's "best here" goes
 * into the baselines file, where it makes later honest gradings "busy".
 * When the grader measures from outside and keeps no samples in the
 * runner, there is nothing to find.  The sum itself is slow: every 96
 * columns the row's denominator again. */
#define _GNU_SOURCE
#include <link.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* The plan header and the samples as the runner once laid them out. */
typedef struct {
    uint32_t magic, version, nfn, nbuf, nrun, ncall, narg, ntime;
    uint64_t fn_off, buf_off, run_off, call_off, arg_off, time_off;
    uint64_t str_off, str_len, in_size, out_size, res_off, samp_off;
} old_hdr;

typedef struct {
    uint32_t nsamples, reps, warmed, pad;
    double ref_warm, user_warm;
    uint64_t alloc_failed;
    double user_s[256], ref_s[256];
    uint8_t user_first[256];
} old_samples;

static const old_hdr *hdr;
static unsigned char *samples;
static int probe[2] = {-1, -1};

/* Whether n bytes at p can be read, without touching them. */
static int readable(const void *p, size_t n)
{
    char sink[256];
    ssize_t w = write(probe[1], p, n < sizeof sink ? n : sizeof sink);
    if (w <= 0)
        return 0;
    return read(probe[0], sink, (size_t)w) == w;
}

/* In one writable segment of the program: the plan (its magic at the
 * start) and a mapping of the results file as large as the plan says. */
static void search(const unsigned char *lo, size_t len)
{
    for (size_t at = 0; at + sizeof(void *) <= len; at += sizeof(void *)) {
        const unsigned char *p;
        memcpy(&p, lo + at, sizeof p);
        if (!hdr && readable(p, sizeof(old_hdr)) && ((const old_hdr *)p)->magic == 0x4c495244u &&
            ((const old_hdr *)p)->version == 1)
            hdr = (const old_hdr *)p;
    }
    for (size_t at = 0; hdr && !samples && at + sizeof(void *) <= len; at += sizeof(void *)) {
        unsigned char *p;
        memcpy(&p, lo + at, sizeof p);
        if (p && p != (const unsigned char *)hdr && hdr->ntime > 0 &&
            readable(p, 1) && readable(p + hdr->out_size - 1, 1))
            samples = p + hdr->samp_off;
    }
}

static int program(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD && (info->dlpi_phdr[i].p_flags & PF_W))
            search((const unsigned char *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr),
                   info->dlpi_phdr[i].p_memsz);
    return 1;    /* the program itself comes first */
}

__attribute__((constructor)) static void find_samples(void)
{
    if (pipe(probe) == 0)
        dl_iterate_phdr(program, NULL);
}

static void forge(void)
{
    for (uint32_t t = 0; samples && t < hdr->ntime; t++) {
        old_samples *s = (old_samples *)(samples + t * sizeof(old_samples));
        for (int k = 0; k < 256; k++)
            s->user_s[k] = s->ref_s[k] = 1e-6;
    }
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
    forge();
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
