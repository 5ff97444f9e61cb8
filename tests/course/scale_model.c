/* Model answer: one loop. */
void scale(const double *x, int n, double a, double *y)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i];
}
