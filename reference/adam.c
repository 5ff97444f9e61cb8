/* Reference: one Adam step (Kingma & Ba) on n parameters, in place.
 *
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 *
 * t counts from 1.  The bias corrections are the same for every element,
 * so they are computed once; the loop is one pass over four arrays with a
 * sqrt and a division per element (memory-bound at large n).  eps stays
 * outside the square root, so a zero gradient at the first step gives
 * 0 / (0 + eps) = 0.  No allocation. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    if (!w || !g || !m || !v || n < 1)
        return;
    const double c1 = 1.0 / (1.0 - pow(beta1, t));    /* m_hat = m * c1 */
    const double c2 = 1.0 / (1.0 - pow(beta2, t));    /* v_hat = v * c2 */
    const double a1 = 1.0 - beta1, a2 = 1.0 - beta2;
    const double step = lr * c1;
    for (int i = 0; i < n; i++) {
        const double gi = g[i];
        const double mi = beta1 * m[i] + a1 * gi;
        const double vi = beta2 * v[i] + a2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] -= step * mi / (sqrt(vi * c2) + eps);
    }
}
