/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: the covariance with plain loops and the cyclic Jacobi method,
 * right in every step but the sign convention's tie: the largest entry is
 * searched with >=, so of two entries of the same magnitude the last one
 * is made positive, where the statement says the first.  Only a component
 * such as (1, -1)/sqrt(2) has such a tie. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Diagonalises the symmetric d-by-d A in place; V gets the eigenvectors
 * as columns. */
static void jacobi(double *A, double *V, int d)
{
    for (int i = 0; i < d * d; i++)
        V[i] = 0.0;
    for (int i = 0; i < d; i++)
        V[i * d + i] = 1.0;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, all = 0.0;
        for (int p = 0; p < d; p++)
            for (int q = 0; q < d; q++) {
                all += A[p * d + q] * A[p * d + q];
                if (p != q)
                    off += A[p * d + q] * A[p * d + q];
            }
        if (off <= 1e-32 * all || off == 0.0)
            return;
        for (int p = 0; p < d - 1; p++)
            for (int q = p + 1; q < d; q++) {
                double apq = A[p * d + q];
                if (apq == 0.0)
                    continue;
                double theta = (A[q * d + q] - A[p * d + p]) / (2.0 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int r = 0; r < d; r++) {    /* columns p and q */
                    double arp = A[r * d + p], arq = A[r * d + q];
                    A[r * d + p] = c * arp - s * arq;
                    A[r * d + q] = s * arp + c * arq;
                }
                for (int r = 0; r < d; r++) {    /* rows p and q */
                    double apr = A[p * d + r], aqr = A[q * d + r];
                    A[p * d + r] = c * apr - s * aqr;
                    A[q * d + r] = s * apr + c * aqr;
                }
                for (int r = 0; r < d; r++) {
                    double vrp = V[r * d + p], vrq = V[r * d + q];
                    V[r * d + p] = c * vrp - s * vrq;
                    V[r * d + q] = s * vrp + c * vrq;
                }
            }
    }
}

int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    if (n < 2 || k < 1 || k > d)
        return -1;
    double *mean = calloc(d, sizeof(double));
    double *C = calloc((size_t)d * d, sizeof(double));
    double *V = malloc(sizeof(double) * d * d);
    double *xc = malloc(sizeof(double) * d);
    int *used = calloc(d, sizeof(int));

    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mean[j] += X[i * d + j];
    for (int j = 0; j < d; j++)
        mean[j] /= n;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            xc[j] = X[i * d + j] - mean[j];
        for (int j = 0; j < d; j++)
            for (int l = j; l < d; l++)
                C[j * d + l] += xc[j] * xc[l];
    }
    double trace = 0.0;
    for (int j = 0; j < d; j++)
        for (int l = j; l < d; l++) {
            C[j * d + l] /= n - 1;
            C[l * d + j] = C[j * d + l];
        }
    for (int j = 0; j < d; j++)
        trace += C[j * d + j];

    jacobi(C, V, d);

    for (int r = 0; r < k; r++) {
        int best = -1;
        for (int j = 0; j < d; j++)
            if (!used[j] && (best < 0 || C[j * d + j] > C[best * d + best]))
                best = j;
        used[best] = 1;
        double *v = components + r * d;
        int big = 0;
        for (int j = 0; j < d; j++) {
            v[j] = V[j * d + best];
            if (fabs(v[j]) >= fabs(v[big]))
                big = j;
        }
        if (v[big] < 0)
            for (int j = 0; j < d; j++)
                v[j] = -v[j];
        explained_variance[r] = C[best * d + best];
        explained_ratio[r] = trace > 0 ? C[best * d + best] / trace : 0.0;
    }
    for (int i = 0; i < n; i++)
        for (int r = 0; r < k; r++) {
            double s = 0.0;
            for (int j = 0; j < d; j++)
                s += (X[i * d + j] - mean[j]) * components[r * d + j];
            Z[i * k + r] = s;
        }
    free(mean);
    free(C);
    free(V);
    free(xc);
    free(used);
    return 0;
}
