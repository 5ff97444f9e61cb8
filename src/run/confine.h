/* confine — limits what a process may touch in the filesystem, with
 * Landlock: read and execute below some paths, read below others, write
 * below a few; no TCP and no signals or abstract sockets outside the
 * process's own sandbox where the kernel supports that.  Used for the
 * compiler run on a learner's file (compile.c) and for the runner before
 * it loads a solution (runner/landlock.c).  The limits pass to every
 * process started afterwards.  Best effort, as Landlock intends: on a
 * kernel without Landlock nothing is restricted. */
#ifndef MLDRILL_CONFINE_H
#define MLDRILL_CONFINE_H

typedef struct confine_rules {
    const char *const *exec_paths;    /* read and execute below these */
    int nexec;
    const char *const *read_paths;    /* read below these (dirs or files) */
    int nread;
    const char *const *write_paths;   /* read, write, create below these */
    int nwrite;
} confine_rules;

/* Applies the rules to the calling process.  Returns 1 when they are in
 * force, 0 when the kernel does not offer Landlock, -1 on an error (errno
 * set).  Paths that do not exist are skipped.  Allocates nothing, so it
 * may run in a child after fork. */
int confine_self(const confine_rules *r);

#endif
