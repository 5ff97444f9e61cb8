/* expect: status=graded correctness=pass stability=pass organization=fail */
/* Right answer, but the scratch arrays are static and reused across calls
 * ("allocation is slow"): writable global state that is never freed and
 * would break two concurrent callers. */
#include <math.h>
#include <stdlib.h>

static double *g_sums;
static int *g_counts;
static int g_cap_k, g_cap_kd;

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    if (k * d > g_cap_kd) {
        free(g_sums);
        g_sums = malloc(sizeof(double) * k * d);
        g_cap_kd = g_sums ? k * d : 0;
    }
    if (k > g_cap_k) {
        free(g_counts);
        g_counts = malloc(sizeof(int) * k);
        g_cap_k = g_counts ? k : 0;
    }
    if (!g_sums || !g_counts)
        return 0;

    int t;
    for (t = 0; t < max_iter; t++) {
        double tot = 0.0;
        for (int j = 0; j < k * d; j++)
            g_sums[j] = 0.0;
        for (int j = 0; j < k; j++)
            g_counts[j] = 0;
        for (int i = 0; i < n; i++) {
            int bj = 0;
            double bd = INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0.0;
                for (int l = 0; l < d; l++) {
                    double df = X[i * d + l] - C[j * d + l];
                    s += df * df;
                }
                if (s < bd) {
                    bd = s;
                    bj = j;
                }
            }
            labels[i] = bj;
            tot += bd;
            g_counts[bj]++;
            for (int l = 0; l < d; l++)
                g_sums[bj * d + l] += X[i * d + l];
        }
        inertia[t] = tot;
        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            if (g_counts[j] == 0)
                continue;
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double m = g_sums[j * d + l] / g_counts[j];
                s += (m - C[j * d + l]) * (m - C[j * d + l]);
                C[j * d + l] = m;
            }
            if (sqrt(s) > moved)
                moved = sqrt(s);
        }
        if (moved <= tol) {
            t++;
            break;
        }
    }
    return t;
}
