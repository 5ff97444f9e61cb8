/* Mistake variant softmax/wrong_axis.
 *
 * Normalises each column instead of each row (the axis=0 versus axis=1
 * mix-up): with m_j the maximum of column j,
 *   P[i][j] = exp(Z[i][j] - m_j) / sum_i exp(Z[i][j] - m_j).
 * Stable, but every column sums to 1 instead of every row.  With n = 1 every
 * entry is 1.
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
    const size_t K = (size_t)k;
    for (int j = 0; j < k; j++) {          /* MISTAKE: per column */
        double m = Z[j];
        for (int i = 1; i < n; i++) {
            const double v = Z[(size_t)i * K + (size_t)j];
            m = v > m ? v : m;
        }

        double s = 0.0;
        for (int i = 0; i < n; i++) {
            const double e = exp(Z[(size_t)i * K + (size_t)j] - m);
            P[(size_t)i * K + (size_t)j] = e;
            s += e;
        }

        const double inv = 1.0 / s;
        for (int i = 0; i < n; i++)
            P[(size_t)i * K + (size_t)j] *= inv;
    }
}
