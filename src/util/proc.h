/* proc — leaving no process behind.  mldrill is a child subreaper
 * (PR_SET_CHILD_SUBREAPER): whatever a runner, a compiler or a batch
 * worker leaves when it dies becomes mldrill's child instead of init's,
 * where these functions find it, kill it and reap it.  Nothing here
 * prints. */
#ifndef MLDRILL_PROC_H
#define MLDRILL_PROC_H

#include <sys/resource.h>
#include <stddef.h>
#include <sys/types.h>

/* Makes this process the subreaper of its descendants; 0 or -1. */
int proc_subreaper(void);

/* Kills the process group that child leader leads, reaps the leader
 * (its wait status into *status and its resource usage, peak resident
 * memory included, into *ru; either may be NULL), then the members of
 * the group handed to this subreaper.  Call it while the leader is still
 * unreaped: until then its group id cannot be reused, and after it the
 * members left keep the group id alive. */
void proc_end_group(pid_t leader, int *status, struct rusage *ru);

/* What /proc/PID/stat says of pid: its parent, its state letter and its
 * command name (into comm[cap]); each may be NULL.  0, or -1 when it
 * cannot be read (the process is gone). */
int proc_stat(pid_t pid, pid_t *ppid, char *state, char *comm, size_t cap);

/* Reaps every child of this process that has ended (zombies: orphans
 * handed to the subreaper, such as what an editor left running when it
 * exited), without waiting for any and without touching one that still
 * runs (an editor's server is the learner's); returns how many.  Call it
 * only where this process waits for no child of its own, as between the
 * REPL's commands: it would take such a child's exit status. */
int proc_reap_ended(void);

/* Kills (with their process groups) and reaps every child of this
 * process whose pid is not in keep[nkeep]: orphans handed to the
 * subreaper.  Returns how many there were. */
int proc_kill_orphans(const pid_t *keep, int nkeep);

#endif
