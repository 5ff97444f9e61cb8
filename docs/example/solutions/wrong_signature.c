/* expect: status=compile_error passed=no */
/* Takes the sizes as size_t: the prototype mldrill gives the compiler says
 * int, so this does not compile ("conflicting types"). */
#include <stddef.h>

void cosine_sim(const double *A, size_t n, const double *B, size_t m, size_t d, double *S)
{
    for (size_t i = 0; i < n * m; i++)
        S[i] = A[0] * B[0] * (double)d;
}
