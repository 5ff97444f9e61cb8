/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: eps written as the usual 1e-8 instead of the argument.  Every
 * step is right while the caller passes eps = 1e-8, or while sqrt(v_hat)
 * is so much larger than eps that it does not matter. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    (void)eps;
    double bc1 = 1.0 - pow(beta1, t);
    double bc2 = 1.0 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        w[i] -= lr * (m[i] / bc1) / (sqrt(v[i] / bc2) + 1e-8);
    }
}
