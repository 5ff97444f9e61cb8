/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: the "efficient" form of the Adam paper, with the bias
 * corrections folded into the step size, lr_t = lr sqrt(1 - beta2^t) /
 * (1 - beta1^t), and w -= lr_t m / (sqrt(v) + eps).  eps then sits next to
 * sqrt(v), not sqrt(v_hat): the same as the statement's step with eps
 * replaced by eps / sqrt(1 - beta2^t), larger at early steps.  eps is still
 * outside the square root, so that is not the mistake to name. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double lr_t = lr * sqrt(1.0 - pow(beta2, t)) / (1.0 - pow(beta1, t));
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        w[i] -= lr_t * m[i] / (sqrt(v[i]) + eps);
    }
}
