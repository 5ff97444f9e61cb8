/* Reference of the mutation-testing fixture (tests/mutants.sh). */
void relu_sum(const double *x, int n, double *out)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] > 0 ? x[i] : 0;
    *out = s;
}
