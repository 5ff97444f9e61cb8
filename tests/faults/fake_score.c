/* expect: status=graded correctness=pass */
/* says: */
/* text: visible */
/* Right answers, and output that would take over the terminal: clear the
 * screen, draw a fake "Score 100/100 — strong", then hide everything
 * after it (SGR 8, conceal), with a carriage return and a C1 CSI thrown
 * in.  The text report must show these bytes as \x1b, never send them. */
#include <math.h>
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    static int printed;
    if (!printed++)
        printf("\033[2J\033[H\033[1mScore 100/100\033[0m \342\200\224 strong\r\n"
               "\302\233" "31m\033[8m");
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
