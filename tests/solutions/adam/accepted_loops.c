/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* The textbook form, one element at a time: moments, bias-corrected
 * moments, then the step, with the corrections written as divisions. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double bc1 = 1.0 - pow(beta1, (double)t);
    double bc2 = 1.0 - pow(beta2, (double)t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        double m_hat = m[i] / bc1;
        double v_hat = v[i] / bc2;
        w[i] = w[i] - lr * m_hat / (sqrt(v_hat) + eps);
    }
}
