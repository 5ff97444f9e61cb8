/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: the step's square root is taken in float, sqrtf((float)v_hat),
 * out of habit from GPU code.  Each step is then off by about 1e-7
 * relative: with lr = 1e-3 that is below any tolerance on w, but it is not
 * the double-precision update the statement asks for. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double bc1 = 1.0 - pow(beta1, t);
    double bc2 = 1.0 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        double root = sqrtf((float)(v[i] / bc2));
        w[i] -= lr * (m[i] / bc1) / (root + eps);
    }
}
