/* expect: status=graded passed=no correctness=fail vectorization=fail */
/* timing: attack */
/* An attack on the timing: do the work once.  Called again with the same
 * input and output arrays (as the timing rounds do), it returns at once:
 * the outputs of the last call are still there.  When the grader does not
 * look at the outputs of every round, that is faster than any reference.
 * The rounds' outputs are spoiled before each round and checked after. */
#include <math.h>

static const double *last_z;
static double *last_p;

void softmax(const double *Z, int n, int k, double *P)
{
    if (Z == last_z && P == last_p)
        return;
    last_z = Z;
    last_p = P;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
}
