/* watch — `watch`: runs the visible examples each time the solution
 * file is saved, until a key is pressed (a line arrives, on a pipe) or
 * Ctrl-C.  The directory is watched rather than the file, because many
 * editors save by writing a new file and renaming it over the old one.
 * See session.h. */
#include "repl/watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "util/proc.h"
#include "util/wrap.h"

#define SETTLE_MS 150    /* a save is often several writes: wait for quiet */

/* Whether the pending inotify events include a save of name. */
static bool saved(int fd, const char *name)
{
    bool hit = false;
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            return hit;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->len && strcmp(ev->name, name) == 0 &&
                (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)))
                hit = true;
            p += sizeof *ev + ev->len;
        }
    }
}

/* Waits until the directory has been quiet for SETTLE_MS. */
static void settle(int fd, const char *name)
{
    struct pollfd p = {fd, POLLIN, 0};
    while (poll(&p, 1, SETTLE_MS) > 0)
        saved(fd, name);
}

/* The line that says what is watched, with the clock: on a terminal it
 * is drawn again in place every second (no newline), elsewhere printed
 * once per run. */
static void status(session *s, bool redraw)
{
    bool tty = rline_editing(s->line);
    if (redraw && !tty)
        return;
    char t[32];
    if (s->solved)
        format_duration(session_elapsed(s), t, sizeof t);
    else
        rtimer_format(rtimer_left(&s->timer, now_seconds()), t, sizeof t);
    printf("%s(watching %s, %s %s: save to run again; any key stops)%s", tty ? "\r\033[K" : "",
           path_basename(s->file), t, s->solved ? "to solve" : "left", tty ? "" : "\n");
    fflush(stdout);
}

/* Clears the status line before anything else is printed (on a
 * terminal; it is drawn again after). */
static void status_clear(session *s)
{
    if (rline_editing(s->line))
        printf("\r\033[K");
}

/* Runs the examples; false when Ctrl-C cancelled the run. */
static bool run_once(session *s, const char *why)
{
    time_t t = time(NULL);
    struct tm tm;
    char hhmm[16] = "";
    if (localtime_r(&t, &tm))
        strftime(hhmm, sizeof hhmm, "%H:%M:%S", &tm);
    printf("\n── %s %s ──\n", why, hhmm);
    report *r = session_grade(s, true, NULL);
    if (r) {
        char *text = report_text(r, s->colour), *fit = wrap_text(text, wrap_columns(1));
        fputs(fit, stdout);
        free(fit);
        free(text);
        if (r->passed)
            printf("`submit` grades the full rubric.\n");
        report_free(s->last);
        s->last = r;
    }
    if (s->cancelled)
        return false;
    status(s, false);
    return true;
}

int repl_watch(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!s->c) {
        printf("No challenge in progress: `start ID` begins one.\n");
        return 1;
    }
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    char *dir = path_dirname(s->file);
    int wd = fd < 0 ? -1 : inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO);
    free(dir);
    if (wd < 0) {
        printf("Cannot watch %s: %s\n", s->file, strerror(errno));
        if (fd >= 0)
            close(fd);
        return 1;
    }
    const char *name = path_basename(s->file);
    rline_keys_begin(s->line);
    bool stop = !run_once(s, "watching");
    while (!stop && !*s->interrupted && !rline_buffered(s->line)) {
        char *warning = session_warning_text(s);
        if (warning) {
            status_clear(s);
            printf("%s\n", warning);
            status(s, true);
            free(warning);
        }
        session_tick(s);
        proc_reap_ended();    /* between runs: orphans only (repl.c, idle) */
        double until = rtimer_until_next(&s->timer, now_seconds());
        int timeout = until < 1 ? (int)(until * 1000) + 1 : 1000;
        struct pollfd p[2] = {{rline_fd(s->line), POLLIN, 0}, {fd, POLLIN, 0}};
        int r = poll(p, 2, timeout);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0) {
            status(s, true);    /* the clock moves */
            continue;
        }
        if (p[0].revents) {
            rline_take_input(s->line);
            stop = true;
        } else if (p[1].revents && saved(fd, name)) {
            settle(fd, name);
            status_clear(s);
            stop = !run_once(s, "saved");
        }
    }
    status_clear(s);
    rline_keys_end(s->line);
    *s->interrupted = 0;
    close(fd);
    printf("Stopped watching.\n");
    return 0;
}
