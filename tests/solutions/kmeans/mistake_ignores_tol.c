/* expect: status=graded passed=no correctness=fail convergence=fail mistake=ignores_tol */
/* Always runs exactly max_iter iterations ("it converges anyway"): tol is
 * never used, so the iteration count and the inertia history are too long. */
#include <stdlib.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    (void)tol;
    double *acc = malloc(sizeof(double) * k * d);
    int *size = malloc(sizeof(int) * k);
    if (!acc || !size) {
        free(acc);
        free(size);
        return 0;
    }
    for (int it = 0; it < max_iter; it++) {
        for (int j = 0; j < k; j++) {
            size[j] = 0;
            for (int l = 0; l < d; l++)
                acc[j * d + l] = 0.0;
        }
        inertia[it] = 0.0;
        for (int i = 0; i < n; i++) {
            int lab = 0;
            double low = 0.0;
            for (int j = 0; j < k; j++) {
                double s = 0.0;
                for (int l = 0; l < d; l++) {
                    double diff = X[i * d + l] - C[j * d + l];
                    s += diff * diff;
                }
                if (j == 0 || s < low) {
                    low = s;
                    lab = j;
                }
            }
            labels[i] = lab;
            inertia[it] += low;
            size[lab]++;
            for (int l = 0; l < d; l++)
                acc[lab * d + l] += X[i * d + l];
        }
        for (int j = 0; j < k; j++)
            if (size[j] > 0)
                for (int l = 0; l < d; l++)
                    C[j * d + l] = acc[j * d + l] / size[j];
    }
    free(acc);
    free(size);
    return max_iter;
}
