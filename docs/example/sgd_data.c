/* Generator programs of sgd_epochs (the spec's "generators"): data no
 * built-in generator makes.  mldrill compiles this file like the
 * reference and runs it in its sandbox; it must write every element of
 * out, finite, and give the same numbers for the same seed. */
#include <math.h>
#include <stdint.h>

/* splitmix64: a small generator seeded from the seed mldrill passes */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* a standard normal number (Box-Muller) */
static double gauss(uint64_t *s)
{
    double u = ((next(s) >> 11) + 0.5) / 9007199254740992.0;    /* (0, 1) */
    double v = (next(s) >> 11) / 9007199254740992.0;
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* Rows of features with unit variance whose correlation decays along the
 * row: corr(x_j, x_k) = rho^|j-k|.  Each row is an AR(1) sequence:
 * x_0 = z_0, x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j. */
void correlated(int seed, int rows, int cols, double rho, double *out)
{
    uint64_t s = (uint64_t)seed;
    double keep = sqrt(1 - rho * rho);
    for (int i = 0; i < rows; i++) {
        double *x = out + (long)i * cols;
        x[0] = gauss(&s);
        for (int j = 1; j < cols; j++)
            x[j] = rho * x[j - 1] + keep * gauss(&s);
    }
}
