/* Generator programs for tests/test_genprog.c: ramp and ints are what an
 * author writes; the others are what the grader must survive and name. */
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

/* out[i][j] = height * (i + 1) + j + (seed % 8) / 8: exact in binary, so
 * the test can check every element and that the seed arrives. */
void ramp(int seed, int rows, int cols, double height, double *out)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            out[i * cols + j] = height * (i + 1) + j + (seed % 8) / 8.0;
}

/* Whole numbers counted from start, with a fraction the grader rounds. */
void counts(int seed, int rows, int cols, int start, double *out)
{
    (void)seed;
    for (int i = 0; i < rows * cols; i++)
        out[i] = start + i + 0.25;
}

void crashes(int seed, int rows, int cols, double *out)
{
    (void)rows;
    (void)cols;
    (void)out;
    *(volatile int *)0 = seed;
}

void loops(int seed, int rows, int cols, double *out)
{
    (void)seed;
    (void)rows;
    (void)cols;
    (void)out;
    for (volatile int x = 0;; x++)
        ;
}

void writes_nan(int seed, int rows, int cols, double *out)
{
    (void)seed;
    for (int i = 0; i < rows * cols; i++)
        out[i] = 1;
    out[rows * cols - 1] = NAN;
}

/* Forgets the first element: it stays as the grader poisoned it. */
void skips_first(int seed, int rows, int cols, double *out)
{
    (void)seed;
    for (int i = 1; i < rows * cols; i++)
        out[i] = 1;
}

/* Reads the reference's expected answers off the disk. */
void opens(int seed, int rows, int cols, double *out)
{
    (void)seed;
    int fd = open("/etc/passwd", O_RDONLY);
    for (int i = 0; i < rows * cols; i++)
        out[i] = fd;
}

void writes_past(int seed, int rows, int cols, double *out)
{
    (void)seed;
    for (int i = 0; i <= rows * cols; i++)
        out[i] = 1;
}
