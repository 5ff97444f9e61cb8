/* Mistake variant adam/no_bias_correction.
 *
 * m and v are used without dividing by 1 - beta^t: the first steps
 * are far too small (at t = 1, by a factor 1 - beta1 = 0.1 for m).
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    if (!w || !g || !m || !v || n < 1)
        return;
    const double c1 = 1.0;     /* the mistake: no bias correction */
    const double c2 = 1.0;
    (void)t;
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
