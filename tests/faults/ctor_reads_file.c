/* expect: status=graded correctness=pass stability=pass */
/* says: */
/* needs: landlock */
/* A constructor snoops on files the runner can read at load time (seccomp
 * cannot see paths, so only Landlock stops this): the user's passwd file,
 * the grader's own executable directory listing, another process's memory.
 * When any read succeeds it sabotages its own answers, so the declared
 * outcome (right answers) holds only when every read was refused. */
#include <math.h>
#include <stdio.h>

static int snooped;

__attribute__((constructor)) static void snoop(void)
{
    static const char *const paths[] = {"/etc/passwd", "/etc/hostname", "/proc/1/environ",
                                        "/proc/1/cmdline", "/root/.bashrc", "/tmp"};
    for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        FILE *f = fopen(paths[i], "r");
        if (f) {
            snooped = 1;
            fclose(f);
        }
    }
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            p[j] = p[j] / s + snooped;
    }
}
