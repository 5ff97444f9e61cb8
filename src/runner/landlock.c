/* runner_landlock — confines the runner's file access with Landlock, the
 * unprivileged Linux access-control LSM, before the solution is loaded.
 *
 * Seccomp cannot look at paths, so the first filter lets constructors
 * open any file for reading.  Landlock closes that: from here on the
 * process may only read files under the library directories the dynamic
 * loader needs, the shared objects it was given (the solution; in timing
 * runs also the reference), a few CPU description files OpenBLAS reads,
 * and, in the sanitizer runner, its own /proc entry.  Everything else —
 * other students' files, the reference's source and cached build, the
 * user's home, /proc of other processes — fails with EACCES.  On kernels
 * with Landlock ABI 4 or later TCP bind/connect are refused too, and with
 * ABI 6 signals and abstract sockets are scoped to the sandbox.
 *
 * Best effort, as Landlock intends: a kernel without it (or with it
 * disabled) leaves only the seccomp filters, and docs/security.md says
 * so.  The Landlock calls themselves are in confine.c. */
#define _GNU_SOURCE
#include <string.h>

#include "config.h"
#include "run/confine.h"
#include "runner/runner.h"

int sandbox_landlock(const char *const *sos, int nsos)
{
    const char *read[32];
    int n = 0;
    /* what the dynamic loader and the libraries read */
    static const char *const system_paths[] = {
        "/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64", "/usr/lib32",
        "/usr/local/lib", "/etc/ld.so.cache", "/etc/ld.so.preload",
        "/sys/devices/system/cpu", "/proc/cpuinfo"};
    for (size_t i = 0; i < sizeof system_paths / sizeof system_paths[0]; i++)
        read[n++] = system_paths[i];
    /* the -L directories of the flags solutions link with (a BLAS
     * installed outside the system directories) */
    char dirs[8][512];
    int nd = 0;
    for (const char *s = MLDRILL_BLAS_FLAGS; nd < 8 && (s = strstr(s, "-L")) != NULL;) {
        s += 2;
        size_t len = strcspn(s, " \t");
        if (len > 0 && len < sizeof dirs[0]) {
            memcpy(dirs[nd], s, len);
            dirs[nd][len] = '\0';
            read[n++] = dirs[nd++];
        }
        s += len;
    }
    for (int i = 0; i < nsos && n < 30; i++)
        read[n++] = sos[i];
#ifdef RUNNER_SANITIZE
    /* /proc/self/maps and friends for the sanitizers' reports (/proc/self
     * resolves to this process's own directory), and this executable,
     * where their symbolizer starts */
    read[n++] = "/proc/self";
    read[n++] = "/proc/self/exe";
#endif
    confine_rules rules = {NULL, 0, read, n, NULL, 0};
    return confine_self(&rules);
}
