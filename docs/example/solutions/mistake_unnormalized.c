/* expect: status=graded passed=no correctness=fail mistake=unnormalized */
/* Forgets the division: S holds the plain dot products a_i . b_j. */
void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int k = 0; k < d; k++)
                s += A[(long)i * d + k] * B[(long)j * d + k];
            S[(long)i * m + j] = s;
        }
}
