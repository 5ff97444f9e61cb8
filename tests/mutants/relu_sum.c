/* Model answer of the mutation-testing fixture (tests/mutants.sh): every
 * case starts with a negative entry, so starting at i = 1 survives; the
 * loop is a while loop, so deleting i++ loops forever (and must cost no
 * more than the per-case limit); the mutant of the assertion does not
 * compile. */
_Static_assert(sizeof(double) == 8, "doubles have 8 bytes");

void relu_sum(const double *x, int n, double *out)
{
    double s = 0;
    int i = 0;
    while (i < n) {
        if (x[i] > 0)
            s += x[i];
        i++;
    }
    *out = s;
}
