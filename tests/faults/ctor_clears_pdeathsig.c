/* expect: status=graded passed=no case=forbidden */
/* says: while loading the solution */
/* A constructor unties the runner from mldrill (no SIGKILL when the
 * grader dies) and makes it dumpable again, hoping to outlive the grading
 * and be read or traced from outside.  softmax itself is right. */
#include <math.h>
#include <sys/prctl.h>

__attribute__((constructor)) static void untie(void)
{
    prctl(PR_SET_PDEATHSIG, 0);
    prctl(PR_SET_DUMPABLE, 1);
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        double mx = Z[i * k], s = 0;
        for (int j = 1; j < k; j++)
            mx = fmax(mx, Z[i * k + j]);
        for (int j = 0; j < k; j++)
            s += P[i * k + j] = exp(Z[i * k + j] - mx);
        for (int j = 0; j < k; j++)
            P[i * k + j] /= s;
    }
}
