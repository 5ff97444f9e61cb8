/* Reference: Lloyd's k-means from the given centroids.
 *
 * For t = 0, 1, ... (at most max_iter times):
 *   labels[i]  = argmin_j ||x_i - c_j||^2, ties to the lower index;
 *   inertia[t] = sum_i ||x_i - c_labels[i]||^2;
 *   c_j        = mean of the points labelled j (an empty cluster keeps c_j);
 *   stop (returning t + 1) if max_j ||c_j(new) - c_j(old)|| <= tol.
 * Returns the number of iterations run (= inertia entries written); labels
 * are those of the last assignment step and C holds the final centroids.
 *
 * Assignment: ||x - c||^2 = ||x||^2 + ||c||^2 - 2 x.c, and ||x||^2 does not
 * change the argmin, so each block of rows gets S = -2 X_blk C^T from one
 * dgemm and the label is argmin_j (||c_j||^2 + S_ij).  While the block is
 * still in cache, the exact squared distance to the chosen centroid is
 * accumulated into the inertia (so it has no cancellation error and is never
 * negative) and the point is added to its cluster's sum.  Returns 0 on
 * invalid sizes or if scratch memory cannot be allocated. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* Rows per dgemm block: about 256 KiB of scores, at least 64 rows. */
static int block_rows(int n, int k)
{
    int b = 32768 / k;
    if (b < 64)
        b = 64;
    if (b > n)
        b = n;
    return b;
}

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    if (!X || !C || !labels || !inertia || n < 1 || d < 1 || k < 1 ||
        max_iter < 1)
        return 0;

    const int B = block_rows(n, k);
    const size_t kd = (size_t)k * (size_t)d;
    double *sum = malloc(kd * sizeof *sum);
    double *cnorm = malloc((size_t)k * sizeof *cnorm);
    double *S = malloc((size_t)B * (size_t)k * sizeof *S);
    int *count = malloc((size_t)k * sizeof *count);
    if (!sum || !cnorm || !S || !count) {
        free(sum);
        free(cnorm);
        free(S);
        free(count);
        return 0;
    }

    int t;
    for (t = 0; t < max_iter; t++) {
        for (int j = 0; j < k; j++) {
            const double *c = C + (size_t)j * d;
            double s = 0.0;
            for (int l = 0; l < d; l++)
                s += c[l] * c[l];
            cnorm[j] = s;
            count[j] = 0;
        }
        for (size_t q = 0; q < kd; q++)
            sum[q] = 0.0;

        double inert = 0.0;
        for (int i0 = 0; i0 < n; i0 += B) {
            const int m = n - i0 < B ? n - i0 : B;
            const double *Xb = X + (size_t)i0 * d;
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, k, d,
                        -2.0, Xb, d, C, d, 0.0, S, k);
            for (int r = 0; r < m; r++) {
                const double *s = S + (size_t)r * k;
                double best = cnorm[0] + s[0];
                int bj = 0;
                for (int j = 1; j < k; j++) {
                    const double v = cnorm[j] + s[j];
                    if (v < best) {
                        best = v;
                        bj = j;
                    }
                }
                labels[i0 + r] = bj;

                const double *x = Xb + (size_t)r * d;
                const double *c = C + (size_t)bj * d;
                double *acc = sum + (size_t)bj * d;
                double dist = 0.0;
                for (int l = 0; l < d; l++) {
                    const double diff = x[l] - c[l];
                    dist += diff * diff;
                    acc[l] += x[l];
                }
                inert += dist;
                count[bj]++;
            }
        }
        inertia[t] = inert;

        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            if (count[j] == 0)
                continue;           /* empty cluster: keep the centroid */
            double *c = C + (size_t)j * d;
            const double *acc = sum + (size_t)j * d;
            const double cnt = count[j];
            double shift = 0.0;
            for (int l = 0; l < d; l++) {
                const double nv = acc[l] / cnt;
                const double diff = nv - c[l];
                shift += diff * diff;
                c[l] = nv;
            }
            shift = sqrt(shift);
            if (shift > moved)
                moved = shift;
        }
        if (moved <= tol) {
            t++;
            break;
        }
    }

    free(sum);
    free(cnorm);
    free(S);
    free(count);
    return t;
}
