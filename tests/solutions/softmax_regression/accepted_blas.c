/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass convergence=pass organization=pass */
/* Vectorised with CBLAS, the weights kept class by class (k rows of d, the
 * transpose of the statement's W): Z = X W^T by one dgemm, a max-shifted
 * softmax per row with the loss in log-sum-exp form, then
 * G = (P - Y)^T X by a second dgemm, and the penalty and step with daxpy. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *Wt;     /* k-by-d: row c holds the weights of class c */
    double *b;
};

static double row_softmax(double *z, int k)
{
    int a = cblas_idamax(k, z, 1);      /* largest |z|, not largest z */
    double mx = z[a];
    for (int c = 0; c < k; c++)
        if (z[c] > mx)
            mx = z[c];
    double s = 0.0;
    for (int c = 0; c < k; c++) {
        z[c] = exp(z[c] - mx);
        s += z[c];
    }
    cblas_dscal(k, 1.0 / s, z, 1);
    return mx + log(s);
}

static void scores(const softmax_reg *m, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        cblas_dcopy(m->k, m->b, 1, Z + (size_t)i * m->k, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m->k, m->d, 1.0, X, m->d,
                m->Wt, m->d, 1.0, Z, m->k);
}

void softmax_reg_free(softmax_reg *m)
{
    if (m) {
        free(m->Wt);
        free(m->b);
    }
    free(m);
}

softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return NULL;
    softmax_reg *m = malloc(sizeof *m);
    double *Z = malloc(sizeof(double) * (size_t)n * k);
    double *G = malloc(sizeof(double) * (size_t)k * d);
    double *gb = malloc(sizeof(double) * k);
    double *ones = malloc(sizeof(double) * n);
    if (m) {
        m->Wt = calloc((size_t)k * d, sizeof(double));
        m->b = calloc(k, sizeof(double));
    }
    if (!m || !m->Wt || !m->b || !Z || !G || !gb || !ones) {
        softmax_reg_free(m);
        m = NULL;
        goto out;
    }
    m->d = d;
    m->k = k;
    for (int i = 0; i < n; i++)
        ones[i] = 1.0;

    int t;
    for (t = 0; t < max_iter; t++) {
        scores(m, X, n, Z);
        double nll = 0.0;
        for (int i = 0; i < n; i++) {
            double *z = Z + (size_t)i * k;
            double zy = z[y[i]];
            nll += row_softmax(z, k) - zy;
            z[y[i]] -= 1.0;
        }
        double reg = cblas_ddot(k * d, m->Wt, 1, m->Wt, 1);
        loss[t] = nll / n + 0.5 * l2 * reg;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        /* G = (P - Y)^T X / n + l2 Wt;  gb = (P - Y)^T 1 / n */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, d, n, 1.0 / n, Z, k, X, d,
                    0.0, G, d);
        cblas_daxpy(k * d, l2, m->Wt, 1, G, 1);
        cblas_dgemv(CblasRowMajor, CblasTrans, n, k, 1.0 / n, Z, k, ones, 1, 0.0, gb, 1);
        cblas_daxpy(k * d, -lr, G, 1, m->Wt, 1);
        cblas_daxpy(k, -lr, gb, 1, m->b, 1);
    }
    *n_iter = t;
out:
    free(Z);
    free(G);
    free(gb);
    free(ones);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    scores(m, X, n, P);
    for (int i = 0; i < n; i++)
        row_softmax(P + (size_t)i * m->k, m->k);
}
