/* expect: status=graded passed=no case=timeout */
/* says: not run: the grading ran out of time */
/* Right answers, each after a wait a little under the case's 2 s limit:
 * no case times out, yet softmax's cases would take 1.7 s each, past the
 * grading's budget (grade_budget_s: here 5 + 2 * 2 + a quarter of the
 * cases' limits, and 6.9 s for the timing).  When the budget is spent the
 * runners are killed and the cases left are out of time. */
#include <math.h>
#include <time.h>

void softmax(const double *Z, int n, int k, double *P)
{
    struct timespec ts = {1, 700000000};
    nanosleep(&ts, NULL);
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += P[(long)i * k + j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] /= s;
    }
}
