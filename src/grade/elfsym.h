/* elfsym — finds the writable data a shared object defines (global and
 * static variables), by reading its ELF symbol table.  What the toolchain
 * adds by itself (crt objects, the GOT, relocation-only sections) is not
 * reported. */
#ifndef MLDRILL_ELFSYM_H
#define MLDRILL_ELFSYM_H

#include "util/util.h"

/* Fills *names with the solution's writable variables (a malloc'd array
 * of malloc'd strings; static locals keep the compiler's suffix, e.g.
 * "calls.0") and returns how many, or -1 with err when the file is not a
 * readable ELF object. */
int elfsym_writable(const char *path, char ***names, md_err *err);

void elfsym_free(char **names, int n);

#endif
