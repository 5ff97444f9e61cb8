/* confine — see confine.h.  Uses the Landlock system calls directly: the
 * C library has no wrappers, and the installed headers may predate the
 * ABI the kernel offers, so the few constants needed are spelled out. */
#define _GNU_SOURCE
#include "confine.h"

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

#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_ABI1_ALL ((1ULL << 13) - 1)    /* execute .. make_sym */
#define FS_REFER (1ULL << 13)             /* ABI 2 */
#define FS_TRUNCATE (1ULL << 14)          /* ABI 3 */
#define RULE_PATH_BENEATH 1
#define CREATE_RULESET_VERSION (1U << 0)

struct ruleset_attr {
    uint64_t handled_access_fs;
};

struct path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

static int add(int ruleset, const char *path, uint64_t access, uint64_t handled)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return 0;    /* absent: nothing to allow */
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
        access &= FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE;
    struct path_beneath pb = {access & handled, fd};
    int rc = (int)syscall(SYS_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &pb, 0);
    close(fd);
    return rc;
}

int confine_self(const confine_rules *r)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, CREATE_RULESET_VERSION);
    if (abi < 1)
        return 0;
    uint64_t handled = FS_ABI1_ALL;
    if (abi >= 2)
        handled |= FS_REFER;
    if (abi >= 3)
        handled |= FS_TRUNCATE;
    struct ruleset_attr attr = {handled};
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (rs < 0)
        return -1;
    const uint64_t read = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR;
    int rc = 0;
    for (int i = 0; i < r->nread_dirs && rc == 0; i++)
        rc = add(rs, r->read_dirs[i], read, handled);
    for (int i = 0; i < r->nread_files && rc == 0; i++)
        rc = add(rs, r->read_files[i], FS_READ_FILE, handled);
    for (int i = 0; i < r->nwrite_dirs && rc == 0; i++)
        rc = add(rs, r->write_dirs[i], handled, handled);
    if (rc == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        rc = -1;
    if (rc == 0 && syscall(SYS_landlock_restrict_self, rs, 0) != 0)
        rc = -1;
    int saved = errno;
    close(rs);
    errno = saved;
    return rc == 0 ? 1 : -1;
}
