/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: the direct formula, blocked for the cache -- 64 rows of A at a
 * time against every row of B.  The number of blocks rounds up, and the last
 * block is taken to be n % 64 rows long.  Right for any n that is not a
 * multiple of 64 (every n up to 63 is a single block); for n = 64, 128, ...
 * the last block is empty and its 64 rows of D are never written. */
#include <math.h>

#define BLOCK 64

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    int nblocks = (n + BLOCK - 1) / BLOCK;
    for (int b = 0; b < nblocks; b++) {
        int rows = b == nblocks - 1 ? n % BLOCK : BLOCK;
        if (nblocks == 1)
            rows = n;
        for (int j = 0; j < m; j++) {
            const double *bj = B + (long)j * d;
            for (int r = 0; r < rows; r++) {
                int i = b * BLOCK + r;
                const double *ai = A + (long)i * d;
                double s = 0.0;
                for (int k = 0; k < d; k++) {
                    double t = ai[k] - bj[k];
                    s += t * t;
                }
                D[(long)i * m + j] = sqrt(s);
            }
        }
    }
}
