/* expect: status=graded passed=no correctness=fail case=crash */
/* One pass: each row is zeroed and its 1 written as the labels are read,
 * since what Y holds after a rejection does not matter.  The write that
 * could run past the end of Y (a label >= k) is guarded, but a negative
 * label is only rejected after its 1 is stored before its row: inside Y
 * for every row but the first, and at Y[-1] for the first (the derived
 * case "invalid: first element of y = -1" catches it). */
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++) {
        double *row = Y + (size_t)i * k;
        int l = y[i];
        if (l >= k)
            return -1;
        memset(row, 0, sizeof *row * k);
        row[l] = 1;
        if (l < 0)
            return -1;
    }
    return 0;
}
