/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each row's exponentials go into a stack buffer of 1024 ("the
 * timed input has k = 1000"), and columns past the 1024th are left out:
 * their probability is written as 0 and the normaliser misses them.  The
 * statement bounds k only from below (k >= 1). */
#include <math.h>

#define MAX_COLS 1024

void softmax(const double *Z, int n, int k, double *P)
{
    double e[MAX_COLS];
    int kept = k < MAX_COLS ? k : MAX_COLS;

    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], sum = 0.0;

        for (int j = 1; j < kept; j++)
            if (z[j] > m)
                m = z[j];
        for (int j = 0; j < kept; j++) {
            e[j] = exp(z[j] - m);
            sum += e[j];
        }
        for (int j = 0; j < k; j++)
            p[j] = j < kept ? e[j] / sum : 0.0;
    }
}
