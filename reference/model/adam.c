/* Model answer: one Adam step on n parameters, in place. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    /* Bias correction: m and v start at 0, so their early averages are too
     * small by 1 - beta^t. It depends on t only: computed once. */
#if MISTAKE(no_bias_correction)
    double bc1 = 1, bc2 = 1;
#else
    double bc1 = 1 - pow(beta1, t);
    double bc2 = 1 - pow(beta2, t);
#endif
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        double m_hat = m[i] / bc1, v_hat = v[i] / bc2;
#if MISTAKE(eps_inside_sqrt)
        double denom = sqrt(v_hat + eps);
#else
        /* eps outside the square root: a zero gradient at t = 1 gives
         * 0 / (0 + eps) = 0, and a tiny v_hat cannot blow the step up */
        double denom = sqrt(v_hat) + eps;
#endif
#if MISTAKE(no_epsilon)
        denom = sqrt(v_hat);
#endif
#if MISTAKE(gradient_ascent)
        w[i] += lr * m_hat / denom;
#else
        w[i] -= lr * m_hat / denom;
#endif
    }
}
