/* expect: status=graded passed=no case=forbidden */
/* says: 32-bit system call */
/* Tries to slip past a filter written for x86-64 system call numbers by
 * entering the kernel through the 32-bit gate (int $0x80), where fork is
 * call number 2 and the numbers mean something else entirely. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
#if defined(__x86_64__)
    long ret = 2;    /* __NR_fork in the i386 table */
    __asm__ volatile("int $0x80" : "+a"(ret) : : "memory");
    P[0] = (double)ret;
#else
    /* no 32-bit gate here: behave like the fork bomb */
    extern int fork(void);
    fork();
#endif
    for (long i = 1; i < (long)n * k; i++)
        P[i] = exp(Z[i]);
}
