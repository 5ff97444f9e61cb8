/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* The first moment with BLAS level 1 (m <- beta1 m, then m += (1-beta1) g),
 * the second moment and the step in one loop, with the step size
 * lr * sqrt(1 - beta2^t) / (1 - beta1^t) folded as in the Adam paper's
 * "efficient" form -- but keeping eps on sqrt(v_hat), so eps is scaled
 * the same way. */
#include <cblas.h>
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    cblas_dscal(n, beta1, m, 1);
    cblas_daxpy(n, 1.0 - beta1, g, 1, m, 1);
    const double s2 = sqrt(1.0 - pow(beta2, t));
    const double alpha = lr * s2 / (1.0 - pow(beta1, t));
    const double eps_hat = eps * s2;    /* sqrt(v)/s2 + eps = (sqrt(v) + eps s2)/s2 */
    for (int i = 0; i < n; i++) {
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
        w[i] -= alpha * m[i] / (sqrt(v[i]) + eps_hat);
    }
}
