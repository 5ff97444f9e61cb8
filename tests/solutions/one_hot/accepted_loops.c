/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Row by row: check the row's label first, then write the whole row, a 1
 * where the column is the label and 0 elsewhere.  A bad label stops the
 * loop before its row is touched. */
int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++) {
        int label = y[i];
        if (label < 0 || label >= k)
            return -1;
        double *row = Y + (long)i * k;
        for (int c = 0; c < k; c++)
            row[c] = c == label ? 1.0 : 0.0;
    }
    return 0;
}
