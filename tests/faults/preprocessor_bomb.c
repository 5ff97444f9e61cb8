/* expect: status=compile_error */
/* says: memory exhausted */
/* A preprocessor bomb: each macro is ten of the one before, so nine
 * lines ask the compiler for ten thousand million initialisers.  It runs
 * under an address-space limit, like the runner, and stops with "virtual
 * memory exhausted" instead of taking the machine's memory. */
#define A0 1,1,1,1,1,1,1,1,1,1
#define A1 A0,A0,A0,A0,A0,A0,A0,A0,A0,A0
#define A2 A1,A1,A1,A1,A1,A1,A1,A1,A1,A1
#define A3 A2,A2,A2,A2,A2,A2,A2,A2,A2,A2
#define A4 A3,A3,A3,A3,A3,A3,A3,A3,A3,A3
#define A5 A4,A4,A4,A4,A4,A4,A4,A4,A4,A4
#define A6 A5,A5,A5,A5,A5,A5,A5,A5,A5,A5
#define A7 A6,A6,A6,A6,A6,A6,A6,A6,A6,A6
#define A8 A7,A7,A7,A7,A7,A7,A7,A7,A7,A7
#define A9 A8,A8,A8,A8,A8,A8,A8,A8,A8,A8
static const int bomb[] = {A9};

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    for (int i = 0; i < n * k; i++)
        P[i] = bomb[i];
}
