/* Mistake variant softmax/no_max_shift.
 *
 * exp is taken of the raw logits, without subtracting the row maximum:
 *   P[i][j] = exp(Z[i][j]) / sum_j exp(Z[i][j]).
 * Right for small logits; for logits above ~709 exp overflows to inf and the
 * row becomes inf/inf = NaN (and for rows below ~-745 it is 0/0 = NaN).
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <math.h>
#include <stddef.h>

void softmax(const double *Z, int n, int k, double *P)
{
    if (n < 1 || k < 1)
        return;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * (size_t)k;
        double *p = P + (size_t)i * (size_t)k;

        double s = 0.0;
        for (int j = 0; j < k; j++) {
            const double e = exp(z[j]);   /* MISTAKE: no max shift */
            p[j] = e;
            s += e;
        }

        const double inv = 1.0 / s;
        for (int j = 0; j < k; j++)
            p[j] *= inv;
    }
}
