/* elfsym — finds the writable data a shared object defines (global and
 * static variables), by reading its ELF section headers and symbol table:
 * every data symbol in a section that is allocated and writable, found by
 * the flags and not by names (.data.rel.ro, and names starting with "__",
 * included), and the bytes of writable sections no symbol names.  Only
 * the C runtime's own objects (and libgcc's CPU detection) are excused,
 * each once and as what they are (local, at most 16 bytes); the sections the loader fills (GOT,
 * dynamic, init and fini arrays) hold no data of the solution's. */
#ifndef MLDRILL_ELFSYM_H
#define MLDRILL_ELFSYM_H

#include "util/util.h"

/* Fills *names with the solution's writable variables (a malloc'd array
 * of malloc'd strings; static locals keep the compiler's suffix, e.g.
 * "calls.0"; bytes without a name are one entry, "N bytes with no name")
 * and returns how many, or -1 with err when the file is not a readable
 * ELF object. */
int elfsym_writable(const char *path, char ***names, md_err *err);

void elfsym_free(char **names, int n);

#endif
