/* expect: status=graded passed=no organization=fail */
/* Clips the gradient to [-1, 1] in place before using it (casting away
 * const): the caller's gradient changes under it. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    double *gc = (double *)g;
    const double c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t);
    for (int i = 0; i < n; i++) {
        if (gc[i] > 1)
            gc[i] = 1;
        if (gc[i] < -1)
            gc[i] = -1;
        m[i] = beta1 * m[i] + (1 - beta1) * gc[i];
        v[i] = beta2 * v[i] + (1 - beta2) * gc[i] * gc[i];
        w[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + eps);
    }
}
