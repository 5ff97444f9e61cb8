/* launch — starts one mldrill-runner process and ends it: the command
 * line, a cleared environment, the descriptors runner.c expects, its own
 * session (so that its whole process group can be killed), and the
 * reaping that never hits a reused pid.  exec.c (the cases) and rounds.c
 * (the timing rounds) both start their runners here. */
#ifndef MLDRILL_LAUNCH_H
#define MLDRILL_LAUNCH_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "run/layout.h"

/* Exit statuses the sanitizer runtimes are told to use (their options in
 * the environment of a sanitized runner). */
#define LAUNCH_ASAN_EXIT 97
#define LAUNCH_UBSAN_EXIT 98

/* What to start. */
typedef struct launch_spec {
    const char *runner;      /* the runner executable */
    const char *so;          /* the shared object it loads (borrowed) */
    bool timing;             /* --time: rounds on command */
    bool sanitize;           /* the sanitizers' options in the environment */
    int from;                /* the first run */
    double cpu_s;            /* its CPU limit (--cpu), whole seconds up */
    int out_fd;              /* the OUT file it maps (borrowed) */
    int cmd_fd;              /* timing: the read end of the command pipe,
                                its descriptor 6 (borrowed) */
} launch_spec;

/* A started process: its pid (also its process group), the read ends of
 * its status pipe (descriptor 3 in the runner) and of its output (1 and
 * 2, non-blocking).  The caller closes both descriptors. */
typedef struct launch_proc {
    pid_t pid;
    int status_fd, output_fd;
} launch_proc;

/* Forks and executes the runner described by s over layout l.  Returns
 * 0, or -1 with err when a pipe or the fork failed (nothing is left
 * open then). */
int launch_start(const layout *l, const launch_spec *s, launch_proc *out, md_err *err);

/* Reads what is there on fd (non-blocking) until it is empty: keeps the
 * first cap bytes in kept, hands every chunk to each (when not NULL), and
 * returns how many bytes it read. */
size_t launch_drain(int fd, strbuf *kept, size_t cap,
                    void (*each)(void *ctx, const char *buf, size_t n), void *ctx);

/* Kills pid's process group and pid itself. */
void launch_kill(pid_t pid);

/* Waits up to grace seconds for pid to end; true when it was reaped
 * (*ws gets its wait status, *ru its resource usage, peak resident
 * memory included; ru may be NULL).  Its process group is killed before
 * the reaping, while the pid cannot yet be reused, and the members of
 * the group orphaned to this subreaper are reaped after it
 * (util/proc.h). */
bool launch_reap(pid_t pid, int *ws, struct rusage *ru, double grace);

#endif
