/* expect: status=graded passed=no correctness=fail mistake=squared */
/* Computes the sum of squared differences for every pair -- and stops
 * there: the square root was forgotten. */
void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            double acc = 0.0;
            for (int k = 0; k < d; k++)
                acc += (A[i * d + k] - B[j * d + k]) * (A[i * d + k] - B[j * d + k]);
            D[i * m + j] = acc;
        }
}
