/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: a "sparse" update that skips every parameter whose gradient is
 * exactly 0, as if nothing had to happen to it.  Right whenever m and v are
 * still 0 there (the first step, an unused embedding row from the start);
 * wrong once they are not: m and v must still decay by beta1 and beta2, and
 * w must still move by the momentum. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double bc1 = 1.0 - pow(beta1, t);
    double bc2 = 1.0 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        if (g[i] == 0.0)
            continue;
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        double m_hat = m[i] / bc1;
        double v_hat = v[i] / bc2;
        w[i] -= lr * m_hat / (sqrt(v_hat) + eps);
    }
}
