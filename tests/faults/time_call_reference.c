/* expect: status=graded correctness=pass vectorization=fail */
/* timing: attack */
/* An attack on the timing: look for the reference among the objects
 * loaded in this process (dl_iterate_phdr needs no system call) and call
 * it instead of computing.  When the reference shares the timing process
 * this times as fast as the reference; it must find nothing to call, and
 * keep the slow sum below: every 96 columns the row's denominator is
 * summed again. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <math.h>
#include <string.h>

typedef void (*softmax_fn)(const double *, int, int, double *);

void softmax(const double *Z, int n, int k, double *P);

static int find(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    softmax_fn *found = data;
    const char *name = info->dlpi_name;
    if (!name || !*name || strstr(name, "linux-vdso") || strncmp(name, "/lib", 4) == 0 ||
        strncmp(name, "/usr/", 5) == 0)
        return 0;
    void *h = dlopen(name, RTLD_NOW | RTLD_NOLOAD);
    softmax_fn f = h ? (softmax_fn)dlsym(h, "softmax") : NULL;
    if (f && f != softmax) {
        *found = f;
        return 1;
    }
    return 0;
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
    softmax_fn other = NULL;
    dl_iterate_phdr(find, &other);
    if (other) {
        other(Z, n, k, P);
        return;
    }
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
