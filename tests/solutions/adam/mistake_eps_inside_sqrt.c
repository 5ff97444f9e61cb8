/* expect: status=graded passed=no correctness=fail mistake=eps_inside_sqrt */
/* Puts eps under the square root, as some write RMSprop. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double b1t = pow(beta1, t), b2t = pow(beta2, t);
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= lr * (m[i] / (1 - b1t)) / sqrt(v[i] / (1 - b2t) + eps);
    }
}
