/* runner_deny — the libc functions that start threads or processes,
 * defined in the runner executable so that a solution's calls to them
 * land here.  Symbols of the main program take precedence over libc's for
 * every library loaded (the linker exports these: src/meson.build).
 *
 * Why: libc blocks every signal before it clones for pthread_create,
 * system, popen and posix_spawn.  The seccomp filters refuse the clone,
 * but a SIGSYS that arrives blocked kills the process without running the
 * fault reporter, so the grader would only see "killed by SIGSYS".  Here
 * the refusal is reported by name first; the filters stay the actual
 * barrier (a raw clone system call is still refused). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runner/runner.h"

/* Reports a refused start of a thread or process and ends the runner, as
 * the SIGSYS handler would.  text: "NAME DETAIL" (see fault.c). */
static void __attribute__((noreturn)) refuse(const char *name, const char *detail,
                                             const char *arg)
{
    char text[sizeof ((plan_msg *)0)->text];
    size_t n = 0;
    text[0] = '\0';
    for (const char *parts[] = {name, " ", detail}, **p = parts; p < parts + 3; p++) {
        size_t k = strnlen(*p, sizeof text - 1 - n);
        memcpy(text + n, *p, k);
        n += k;
        text[n] = '\0';
    }
    if (arg)    /* the solution's string: copied without trusting it */
        fault_safe_copy(text + n, sizeof text - n, (unsigned long)arg);
    runner_send(PM_FAULT, PF_FORBIDDEN, -1, 0, text);
    _exit(100 + SIGSYS);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
                   void *arg)
{
    (void)t;
    (void)attr;
    (void)fn;
    (void)arg;
    refuse("pthread_create", "thread", NULL);
}

int system(const char *command)
{
    refuse("system", "run:", command);
}

FILE *popen(const char *command, const char *type)
{
    (void)type;
    refuse("popen", "run:", command);
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
    (void)pid;
    (void)fa;
    (void)attr;
    (void)argv;
    (void)envp;
    refuse("posix_spawn", "run:", path);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
    (void)pid;
    (void)fa;
    (void)attr;
    (void)argv;
    (void)envp;
    refuse("posix_spawnp", "run:", file);
}
