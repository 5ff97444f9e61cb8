/* expect: status=graded passed=no stability=fail mistake=no_epsilon */
/* Divides by sqrt(v_hat) alone: fine while every gradient is non-zero. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    (void)eps;
    double c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= lr * (m[i] / c1) / sqrt(v[i] / c2);
    }
}
