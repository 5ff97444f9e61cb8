/* expect: status=graded correctness=pass vectorization=fail */
/* timing: attack */
/* An attack on the timing: slow the reference down.  A constructor arms
 * a CPU-time timer whose handler spins whenever the timer fires outside
 * this solution's own calls: when the reference runs in the same process,
 * its rounds pay for the spinning and the ratio shrinks.  Run apart and
 * stopped while the reference runs, the solution only slows itself.  The
 * sum itself is slow: every 96 columns the row's denominator again. */
#define _GNU_SOURCE
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t inside;

static void spin(int sig)
{
    (void)sig;
    if (inside)
        return;
    struct timespec t0, t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    do
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < 3000000L);
}

__attribute__((constructor)) static void arm(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = spin;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGVTALRM, &sa, NULL);
    struct itimerval it = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_VIRTUAL, &it, NULL);
}

static double row_sum(const double *z, int k, double m)
{
    double s = 0.0;
    for (int j = 0; j < k; j++)
        s += exp(z[j] - m);
    return s;
}

void softmax(const double *Z, int n, int k, double *P)
{
    inside = 1;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++) {
            if (j % 96 == 0)
                s = row_sum(z, k, m);
            P[(long)i * k + j] = exp(z[j] - m) / s;
        }
    }
    inside = 0;
}
