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
 * so.  The system headers may predate the ABI the kernel offers, so the
 * few constants used are spelled out here. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "runner.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

/* filesystem rights by ABI version (linux/landlock.h) */
#define LL_FS_ABI1 ((1ULL << 13) - 1)    /* EXECUTE .. MAKE_SYM */
#define LL_FS_REFER (1ULL << 13)         /* ABI 2 */
#define LL_FS_TRUNCATE (1ULL << 14)      /* ABI 3 */
#define LL_FS_IOCTL_DEV (1ULL << 15)     /* ABI 5 */
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_NET_BIND_TCP (1ULL << 0)      /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)    /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)

/* struct landlock_ruleset_attr as of ABI 6; the kernel accepts the longer
 * struct from older ABIs' point of view as long as the fields it does not
 * know are zero */
struct ll_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

/* Adds a read rule for path when it exists; a missing path is skipped. */
static int allow_read(int ruleset, const char *path)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) == 0) {
        struct landlock_path_beneath_attr pb = {
            .allowed_access = S_ISDIR(st.st_mode) ? LL_FS_READ_FILE | LL_FS_READ_DIR
                                                  : LL_FS_READ_FILE,
            .parent_fd = fd,
        };
        rc = (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH,
                          &pb, 0);
    }
    close(fd);
    return rc;
}

/* The -L directories of the flags solutions link with (a BLAS installed
 * outside the system directories). */
static int allow_link_dirs(int ruleset)
{
    const char *s = MLDRILL_BLAS_FLAGS;
    int rc = 0;
    while (rc == 0 && (s = strstr(s, "-L")) != NULL) {
        s += 2;
        size_t n = strcspn(s, " \t");
        char dir[512];
        if (n > 0 && n < sizeof dir) {
            memcpy(dir, s, n);
            dir[n] = '\0';
            rc = allow_read(ruleset, dir);
        }
        s += n;
    }
    return rc;
}

int sandbox_landlock(const char *const *sos, int nsos)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
                       LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1)
        return 0;    /* ENOSYS or EOPNOTSUPP: no Landlock here */
    struct ll_ruleset_attr attr = {LL_FS_ABI1, 0, 0};
    if (abi >= 2)
        attr.handled_access_fs |= LL_FS_REFER;
    if (abi >= 3)
        attr.handled_access_fs |= LL_FS_TRUNCATE;
    if (abi >= 5)
        attr.handled_access_fs |= LL_FS_IOCTL_DEV;
    if (abi >= 4)
        attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
    if (abi >= 6)
        attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t)
                                                    : sizeof(uint64_t);
    int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (ruleset < 0)
        return -1;

    /* what the dynamic loader and the libraries read */
    static const char *const system_paths[] = {
        "/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64", "/usr/lib32",
        "/usr/local/lib", "/etc/ld.so.cache", "/etc/ld.so.preload",
        "/sys/devices/system/cpu", "/proc/cpuinfo", NULL};
    int rc = 0;
    for (int i = 0; system_paths[i] && rc == 0; i++)
        rc = allow_read(ruleset, system_paths[i]);
    if (rc == 0)
        rc = allow_link_dirs(ruleset);
    for (int i = 0; i < nsos && rc == 0; i++)
        rc = allow_read(ruleset, sos[i]);
#ifdef RUNNER_SANITIZE
    /* /proc/self/maps and friends for the sanitizers' reports (/proc/self
     * resolves to this process's own directory), and this executable,
     * where their symbolizer starts */
    if (rc == 0)
        rc = allow_read(ruleset, "/proc/self");
    if (rc == 0)
        rc = allow_read(ruleset, "/proc/self/exe");
#endif
    /* landlock_restrict_self needs no_new_privs (or CAP_SYS_ADMIN) */
    if (rc == 0)
        rc = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (rc == 0)
        rc = (int)syscall(SYS_landlock_restrict_self, ruleset, 0);
    close(ruleset);
    return rc == 0 ? 1 : -1;
}
