/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct, but the assignment asks, for each point and each centroid, "is
 * this centroid at least as close as every other one?" -- recomputing all
 * k distances for every candidate: O(n k^2 d) per iteration instead of
 * O(n k d).  The means are then found by rescanning all points for every
 * cluster: another O(n k d). */
#include <math.h>

static double dist2(const double *a, const double *b, int d)
{
    double s = 0.0;
    for (int l = 0; l < d; l++) /* hot */
        s += (a[l] - b[l]) * (a[l] - b[l]);
    return s;
}

/* nearest with ties to the lower index: no other centroid strictly closer,
 * and no lower-index centroid equally close */
static int is_nearest(const double *x, const double *C, int k, int d, int j)
{
    int beaten = 0;
    for (int o = 0; o < k; o++) {
        double dout = dist2(x, C + (long)o * d, d);
        double dj = dist2(x, C + (long)j * d, d);
        if (dout < dj || (o < j && dout == dj))
            beaten = 1;
    }
    return !beaten;
}

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    int it;
    for (it = 0; it < max_iter; it++) {
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            const double *x = X + (long)i * d;
            for (int j = 0; j < k; j++)
                if (is_nearest(x, C, k, d, j)) {
                    labels[i] = j;
                    break;
                }
            total += dist2(x, C + (long)labels[i] * d, d);
        }
        inertia[it] = total;

        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            double shift = 0.0;
            int count = 0;
            for (int i = 0; i < n; i++)
                count += labels[i] == j;
            if (count == 0)
                continue;
            for (int l = 0; l < d; l++) {
                double s = 0.0;
                for (int i = 0; i < n; i++)
                    if (labels[i] == j)
                        s += X[(long)i * d + l];
                double m = s / count;
                shift += (m - C[(long)j * d + l]) * (m - C[(long)j * d + l]);
                C[(long)j * d + l] = m;
            }
            if (sqrt(shift) > moved)
                moved = sqrt(shift);
        }
        if (moved <= tol) {
            it++;
            break;
        }
    }
    return it;
}
