/* expect: status=graded passed=no case=crash */
/* says: wrote a forged message on mldrill's status channel */
/* Knows the wire format and where the status pipe is (descriptor 3): says
 * that run 1000000 began, hoping the grader indexes its table of runs
 * with it, then computes the right answer. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

struct msg {
    uint32_t type, code, run, call;
    int64_t a, b;
    char text[232];
};

void softmax(const double *Z, int n, int k, double *P)
{
    struct msg m;
    memset(&m, 0, sizeof m);
    m.type = 2;    /* "run a began" */
    m.run = 1000000;
    m.a = 1000000;
    ssize_t w = write(3, &m, sizeof m);
    (void)w;
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
