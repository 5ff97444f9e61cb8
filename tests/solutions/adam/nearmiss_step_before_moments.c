/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: w steps with the moments as they came in, and only then are m
 * and v updated with this gradient (the two halves of the loop body in the
 * wrong order).  m and v come out right; w lags one gradient behind.  From
 * zeros with tiny gradients w does not move at all, which is also what
 * eps inside the square root nearly does: that is not its mistake. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double bc1 = 1.0 - pow(beta1, t);
    double bc2 = 1.0 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        w[i] -= lr * (m[i] / bc1) / (sqrt(v[i] / bc2) + eps);
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
    }
}
