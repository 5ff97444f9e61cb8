/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: beta2 written as the usual 0.999 instead of the argument (beta1
 * is used as given).  Right whenever the caller passes beta2 = 0.999. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    (void)beta2;
    const double b2 = 0.999;
    double bc1 = 1.0 - pow(beta1, t);
    double bc2 = 1.0 - pow(b2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
        w[i] -= lr * (m[i] / bc1) / (sqrt(v[i] / bc2) + eps);
    }
}
