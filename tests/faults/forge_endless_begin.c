/* expect: status=graded passed=no case=crash */
/* says: wrote a forged message on mldrill's status channel */
/* Never returns, and keeps saying "a run began" on the status pipe
 * (descriptor 3), for every run in turn, so that each message pushes the
 * case's deadline further: a grading that never ends. */
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct msg {
    uint32_t type, code, run, call;
    int64_t a, b;
    char text[232];
};

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    (void)P;
    for (uint32_t i = 0;; i++) {
        struct msg m;
        memset(&m, 0, sizeof m);
        m.type = 2;    /* "run a began" */
        m.run = i % 4;
        m.a = i % 4;
        ssize_t w = write(3, &m, sizeof m);
        (void)w;
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}
