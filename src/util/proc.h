/* proc — leaving no process behind.  mldrill is a child subreaper
 * (PR_SET_CHILD_SUBREAPER): whatever a runner, a compiler or a batch
 * worker leaves when it dies becomes mldrill's child instead of init's,
 * where these functions find it, kill it and reap it.  Nothing here
 * prints. */
#ifndef MLDRILL_PROC_H
#define MLDRILL_PROC_H

#include <sys/resource.h>
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

/* Kills (with their process groups) and reaps every child of this
 * process whose pid is not in keep[nkeep]: orphans handed to the
 * subreaper.  Returns how many there were. */
int proc_kill_orphans(const pid_t *keep, int nkeep);

#endif
