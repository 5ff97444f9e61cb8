/* expect: status=graded passed=no case=forbidden */
/* says: tried to start a thread */
/* A constructor starts a background thread that lives as long as the
 * process and keeps writing the last output it saw (a cheat that wants to
 * act after each call returns). */
#include <math.h>
#include <pthread.h>
#include <unistd.h>

static double *volatile last_p;

static void *spin(void *arg)
{
    (void)arg;
    for (;;)
        if (last_p)
            last_p[0] = 0.25;
    return NULL;
}

__attribute__((constructor)) static void start(void)
{
    pthread_t t;
    pthread_create(&t, NULL, spin, NULL);
}

void softmax(const double *Z, int n, int k, double *P)
{
    last_p = P;
    for (long i = 0; i < (long)n * k; i++)
        P[i] = exp(Z[i]);
}
