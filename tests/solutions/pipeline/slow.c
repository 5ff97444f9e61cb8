/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct and stable, but the gradient is built one partial derivative at a
 * time, and each one recomputes every sample's z = f.w + b: O(n P^2) per
 * step instead of O(n P), with P = d + k features. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pipeline {
    int d, k;
    double *median, *mean, *sd;     /* d each */
    double *w;                      /* d + k */
    double b;
};

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(const double *X, int n, int d, int j, double *tmp)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(X[i * d + j]))
            tmp[m++] = X[i * d + j];
    if (m == 0)
        return 0.0;
    qsort(tmp, m, sizeof(double), by_value);
    return m % 2 ? tmp[m / 2] : (tmp[m / 2 - 1] + tmp[m / 2]) / 2;
}

/* one row of features: scaled numeric values, then the k indicators */
static void row_features(const pipeline *p, const double *x, int c, double *f)
{
    for (int j = 0; j < p->d; j++) {
        double v = isnan(x[j]) ? p->median[j] : x[j];
        f[j] = (v - p->mean[j]) / p->sd[j];
    }
    for (int q = 0; q < p->k; q++)
        f[p->d + q] = (c == q);
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    free(p->median);
    free(p->mean);
    free(p->sd);
    free(p->w);
    free(p);
}

pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n,
                       int d, int k, double lr, double l2, int max_iter,
                       double tol, double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    int P = d + k;
    pipeline *p = calloc(1, sizeof *p);
    p->d = d;
    p->k = k;
    p->median = malloc(sizeof(double) * d);
    p->mean = calloc(d, sizeof(double));
    p->sd = calloc(d, sizeof(double));
    p->w = calloc(P, sizeof(double));
    double *tmp = malloc(sizeof(double) * n);
    double *F = malloc(sizeof(double) * n * P);
    double *gw = malloc(sizeof(double) * (P + 1));

    /* 1. medians; 2. mean and population deviation of the imputed columns */
    for (int j = 0; j < d; j++) {
        p->median[j] = median_of(X, n, d, j, tmp);
        double s = 0, ss = 0;
        for (int i = 0; i < n; i++)
            s += isnan(X[i * d + j]) ? p->median[j] : X[i * d + j];
        p->mean[j] = s / n;
        for (int i = 0; i < n; i++) {
            double v = (isnan(X[i * d + j]) ? p->median[j] : X[i * d + j]) - p->mean[j];
            ss += v * v;
        }
        p->sd[j] = ss > 0 ? sqrt(ss / n) : 1.0;
    }
    /* 3. features */
    for (int i = 0; i < n; i++)
        row_features(p, X + i * d, c[i], F + i * P);

    /* 4. logistic regression: each partial derivative on its own, each
     * recomputing every sample's z and p */
    int t = 0;
    while (t < max_iter) {
        double ce = 0, reg = 0;
        for (int i = 0; i < n; i++) {
            double z = p->b;
            for (int j = 0; j < P; j++)
                z += F[i * P + j] * p->w[j];
            double pc = fmin(fmax(1 / (1 + exp(-z)), 1e-15), 1 - 1e-15);
            ce -= y[i] ? log(pc) : log(1 - pc);
        }
        for (int j = 0; j < P; j++)
            reg += p->w[j] * p->w[j];
        loss[t] = ce / n + 0.5 * l2 * reg;
        t++;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j <= P; j++) {          /* j == P: the bias */
            double g = 0;
            for (int i = 0; i < n; i++) { /* hot */
                double z = p->b;
                for (int q = 0; q < P; q++)
                    z += F[i * P + q] * p->w[q];
                g += (1 / (1 + exp(-z)) - y[i]) * (j < P ? F[i * P + j] : 1.0);
            }
            gw[j] = g / n;
        }
        for (int j = 0; j < P; j++)
            p->w[j] -= lr * (gw[j] + l2 * p->w[j]);
        p->b -= lr * gw[P];
    }
    *n_iter = t;
    free(tmp);
    free(F);
    free(gw);
    return p;
}

void pipeline_predict(const pipeline *p, const double *X, const int *c, int n,
                      int *pred)
{
    int P = p->d + p->k;
    double *f = malloc(sizeof(double) * P);
    for (int i = 0; i < n; i++) {
        row_features(p, X + i * p->d, c[i], f);
        double z = p->b;
        for (int j = 0; j < P; j++)
            z += f[j] * p->w[j];
        pred[i] = z >= 0;
    }
    free(f);
}

void precision_recall_f1(const int *y_true, const int *y_pred, int n, double *prf)
{
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) {
        if (y_pred[i] == 1 && y_true[i] == 1)
            tp++;
        else if (y_pred[i] == 1)
            fp++;
        else if (y_true[i] == 1)
            fn++;
    }
    double P = tp + fp ? (double)tp / (tp + fp) : 0;
    double R = tp + fn ? (double)tp / (tp + fn) : 0;
    prf[0] = P;
    prf[1] = R;
    prf[2] = P + R > 0 ? 2 * P * R / (P + R) : 0;
}
