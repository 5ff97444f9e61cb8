/* expect: status=graded passed=no stability=fail mistake=empty_cluster_nan */
/* Each centroid becomes sum / count -- including clusters nobody was
 * assigned to, where that is 0.0 / 0 = NaN.  Everything else is right. */
#include <math.h>
#include <stdlib.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *sum = malloc(sizeof(double) * k * d);
    int *num = malloc(sizeof(int) * k);
    if (!sum || !num) {
        free(sum);
        free(num);
        return 0;
    }
    int t;
    for (t = 0; t < max_iter; t++) {
        for (int j = 0; j < k * d; j++)
            sum[j] = 0.0;
        for (int j = 0; j < k; j++)
            num[j] = 0;
        double obj = 0.0;
        for (int i = 0; i < n; i++) {
            double best = INFINITY;
            int arg = 0;
            for (int j = 0; j < k; j++) {
                double dd = 0.0;
                for (int l = 0; l < d; l++)
                    dd += (X[i * d + l] - C[j * d + l]) * (X[i * d + l] - C[j * d + l]);
                if (dd < best) {
                    best = dd;
                    arg = j;
                }
            }
            labels[i] = arg;
            obj += best;
            num[arg]++;
            for (int l = 0; l < d; l++)
                sum[arg * d + l] += X[i * d + l];
        }
        inertia[t] = obj;
        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double c = sum[j * d + l] / num[j];
                s += (c - C[j * d + l]) * (c - C[j * d + l]);
                C[j * d + l] = c;
            }
            s = sqrt(s);
            if (s > moved)
                moved = s;
        }
        if (moved <= tol) {
            t++;
            break;
        }
    }
    free(sum);
    free(num);
    return t;
}
