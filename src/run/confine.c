/* confine — see confine.h.  Uses the Landlock system calls directly: the
 * C library has no wrappers, and the installed headers may predate the
 * ABI the kernel offers, so the few constants needed are spelled out. */
#define _GNU_SOURCE

#include "run/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

/* filesystem rights by ABI version (linux/landlock.h) */
#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_ABI1_ALL ((1ULL << 13) - 1)    /* execute .. make_sym */
#define FS_REFER (1ULL << 13)             /* ABI 2 */
#define FS_TRUNCATE (1ULL << 14)          /* ABI 3 */
#define FS_IOCTL_DEV (1ULL << 15)         /* ABI 5 */
#define FS_FILE_RIGHTS (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV)
#define NET_BIND_TCP (1ULL << 0)          /* ABI 4 */
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX (1ULL << 0)   /* ABI 6 */
#define SCOPE_SIGNAL (1ULL << 1)
#define RULE_PATH_BENEATH 1
#define CREATE_RULESET_VERSION (1U << 0)

/* struct landlock_ruleset_attr as of ABI 6; older kernels are given only
 * the part they know */
struct ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

struct path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

/* Allows access below path (only file rights on a file); a missing path
 * is skipped. */
static int allow(int ruleset, const char *path, uint64_t access, uint64_t handled)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
        access &= FS_FILE_RIGHTS;
    struct path_beneath pb = {access & handled, fd};
    int rc = (int)syscall(SYS_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &pb, 0);
    close(fd);
    return rc;
}

int confine_self(const confine_rules *r)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, CREATE_RULESET_VERSION);
    if (abi < 1)
        return 0;    /* ENOSYS or EOPNOTSUPP: no Landlock here */
    struct ruleset_attr attr = {FS_ABI1_ALL, 0, 0};
    if (abi >= 2)
        attr.handled_access_fs |= FS_REFER;
    if (abi >= 3)
        attr.handled_access_fs |= FS_TRUNCATE;
    if (abi >= 5)
        attr.handled_access_fs |= FS_IOCTL_DEV;
    if (abi >= 4)
        attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
    if (abi >= 6)
        attr.scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL;
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (rs < 0)
        return -1;
    const uint64_t handled = attr.handled_access_fs;
    const uint64_t read = FS_READ_FILE | FS_READ_DIR;
    int rc = 0;
    for (int i = 0; i < r->nexec && rc == 0; i++)
        rc = allow(rs, r->exec_paths[i], read | FS_EXECUTE, handled);
    for (int i = 0; i < r->nread && rc == 0; i++)
        rc = allow(rs, r->read_paths[i], read, handled);
    for (int i = 0; i < r->nwrite && rc == 0; i++)
        rc = allow(rs, r->write_paths[i], handled, handled);
    /* landlock_restrict_self needs no_new_privs (or CAP_SYS_ADMIN) */
    if (rc == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        rc = -1;
    if (rc == 0 && syscall(SYS_landlock_restrict_self, rs, 0) != 0)
        rc = -1;
    int saved = errno;
    close(rs);
    errno = saved;
    return rc == 0 ? 1 : -1;
}
