/* proc — see proc.h. */
#define _GNU_SOURCE
#include "util/proc.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int proc_subreaper(void)
{
    return prctl(PR_SET_CHILD_SUBREAPER, 1) == 0 ? 0 : -1;
}

void proc_end_group(pid_t leader, int *status, struct rusage *ru)
{
    if (leader <= 0)
        return;
    kill(-leader, SIGKILL);
    kill(leader, SIGKILL);
    int ws = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    while (wait4(leader, &ws, 0, &usage) < 0 && errno == EINTR)
        ;
    if (ru)
        *ru = usage;
    if (status)
        *status = ws;
    /* members orphaned to this subreaper: SIGKILLed, they are zombies of
     * ours within moments */
    for (int tries = 0; tries < 100; tries++) {
        pid_t r = waitpid(-leader, NULL, WNOHANG);
        if (r < 0 && errno != EINTR)
            return;    /* ECHILD: none of ours left in the group */
        if (r == 0)
            usleep(1000);
    }
}

int proc_stat(pid_t pid, pid_t *ppid, char *state, char *comm, size_t cap)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* pid (comm) state ppid: comm may hold anything, so from the last ')' */
    char *rp = strrchr(buf, ')'), *lp = strchr(buf, '(');
    char st;
    int pp;
    if (!rp || !lp || lp > rp || sscanf(rp + 1, " %c %d", &st, &pp) != 2)
        return -1;
    if (ppid)
        *ppid = (pid_t)pp;
    if (state)
        *state = st;
    if (comm && cap)
        snprintf(comm, cap, "%.*s", (int)(rp - lp - 1), lp + 1);
    return 0;
}

int proc_reap_ended(void)
{
    int n = 0;
    for (;;) {
        pid_t r = waitpid(-1, NULL, WNOHANG);
        if (r > 0)
            n++;
        else if (r == 0 || errno != EINTR)
            return n;    /* none ended, or no child at all (ECHILD) */
    }
}

int proc_kill_orphans(const pid_t *keep, int nkeep)
{
    pid_t self = getpid();
    DIR *d = opendir("/proc");
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d))) {
        pid_t pid = (pid_t)atoi(de->d_name);
        pid_t parent;
        if (pid <= 0 || pid == self || proc_stat(pid, &parent, NULL, NULL, 0) != 0 ||
            parent != self)
            continue;
        bool kept = false;
        for (int i = 0; i < nkeep && !kept; i++)
            kept = keep[i] == pid;
        if (kept)
            continue;
        kill(-pid, SIGKILL);    /* a group it leads, if it leads one */
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        n++;
    }
    if (d)
        closedir(d);
    return n;
}
