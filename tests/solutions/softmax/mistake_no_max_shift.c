/* expect: status=graded passed=no stability=fail mistake=no_max_shift */
/* The textbook formula straight from the slide: e^z / sum e^z.  Fine on the
 * small examples, but a logit of 1000 gives exp(1000) = inf and the row turns
 * into inf/inf = NaN.  (Forgot to subtract the row max.) */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        double denom = 0.0;
        for (int j = 0; j < k; j++) {
            P[i * k + j] = exp(Z[i * k + j]);
            denom += P[i * k + j];
        }
        for (int j = 0; j < k; j++)
            P[i * k + j] /= denom;
    }
}
