/* expect: status=graded passed=no case=fail */
/* says: */
/* Looks for the expected answers on disk instead of computing them.  The
 * sanitizer runner must let files be opened for reading (the sanitizers'
 * reports need /proc/self/maps and the solution's debug information), so
 * the open is not a forbidden call here: Landlock, where the kernel has
 * it, makes it fail, and the made-up answers are simply wrong. */
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    FILE *f = fopen("/etc/passwd", "r");
    for (long i = 0; i < (long)n * k; i++)
        P[i] = f ? (double)fgetc(f) : 0.0;
}
