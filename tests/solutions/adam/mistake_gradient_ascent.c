/* expect: status=graded passed=no correctness=fail mistake=gradient_ascent */
/* Everything right except the direction of the step. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    const double c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] += lr * (m[i] / c1) / (sqrt(v[i] / c2) + eps);
    }
}
