/* expect: status=graded passed=no case=forbidden */
/* says: tried to start a thread */
/* Starts a helper thread for "the second half of the rows" and returns
 * without joining it: the thread would still write into P afterwards. */
#include <math.h>
#include <pthread.h>
#include <unistd.h>

struct job {
    double *P;
    long count;
};

static void *late_writer(void *arg)
{
    struct job *j = arg;
    sleep(1);
    for (long i = 0; i < j->count; i++)
        j->P[i] = 0.5;
    return NULL;
}

void softmax(const double *Z, int n, int k, double *P)
{
    static struct job j;
    j.P = P;
    j.count = (long)n * k;
    pthread_t t;
    pthread_create(&t, NULL, late_writer, &j);
    for (long i = 0; i < (long)n * k; i++)
        P[i] = exp(Z[i]);
}
