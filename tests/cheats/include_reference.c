/* expect: status=compile_error passed=no */
/* Tries to pass by compiling the reference itself into the solution.  The
 * compiler of a learner's file may read only the toolchain, the file and
 * the prototypes, so this include is refused. */
#include "../../reference/softmax.c"
