/* confine — limits what a child process (the compiler run on a
 * solution) may touch, with Landlock: read and execute under a few system
 * directories, read a few named files, write only under one directory.
 * Call it in the child, just before exec; the limits pass to everything
 * the child runs (cc1, as, ld).  Best effort, as Landlock intends: on a
 * kernel without Landlock nothing is restricted. */
#ifndef MLDRILL_CONFINE_H
#define MLDRILL_CONFINE_H

typedef struct confine_rules {
    const char *const *read_dirs;     /* read and execute below these */
    int nread_dirs;
    const char *const *read_files;    /* read these files */
    int nread_files;
    const char *const *write_dirs;    /* read, write, create below these */
    int nwrite_dirs;
} confine_rules;

/* Applies the rules to the calling process.  Returns 1 when they are in
 * force, 0 when the kernel does not offer Landlock, -1 on an error (errno
 * set).  Paths that do not exist are skipped.  Async-signal-safe enough
 * for a child after fork: no allocation. */
int confine_self(const confine_rules *r);

#endif
