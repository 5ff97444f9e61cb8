/* expect: status=compile_error passed=no */
/* Takes the learning rate as a float: the prototype mldrill gives the
 * compiler says double, so this does not compile. */
void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, float lr, double *w, double *b, double *loss)
{
    (void)X, (void)y, (void)n, (void)order, (void)epochs, (void)batch, (void)lr, (void)loss;
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
}
