/* cmds — see cmds.h. */

#include "repl/cmds.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "grade/grade.h"
#include "repl/mock.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "store/workspace.h"

static bool need_challenge(const session *s)
{
    if (s->c)
        return true;
    printf("No challenge in progress: `start ID` begins one (`list` shows them).\n");
    return false;
}

static void print_report(session *s, const report *r)
{
    char *t = report_text(r, s->colour);
    fputs(t, stdout);
    free(t);
}

/* --- the commands ----------------------------------------------------------- */

int repl_start(session *s, int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        printf("usage: start ID [MINUTES]   (`list` shows the challenges)\n");
        return 1;
    }
    if (s->mock) {
        printf("A mock interview is in progress: `abandon` skips its challenge, "
               "`quit` ends it.\n");
        return 1;
    }
    if (s->c && !s->submitted) {
        char t[32];
        rtimer_format(rtimer_left(&s->timer, now_seconds()), t, sizeof t);
        printf("%s is in progress (%s): `submit` it or `abandon` it first.\n", s->c->id, t);
        return 1;
    }
    double minutes = 0;
    if (argc == 3) {
        char *end;
        minutes = strtod(argv[2], &end);
        if (*end || !(minutes > 0 && minutes <= 600)) {
            printf("MINUTES must be a number of minutes in (0, 600], got \"%s\".\n", argv[2]);
            return 1;
        }
    }
    challenge *c = session_load(s, argv[1]);
    if (!c)
        return 1;
    if (minutes == 0)
        minutes = c->minutes;
    return session_begin(s, c, minutes * 60);
}

int repl_edit(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    /* through the shell, so EDITOR="code -w" works; the file is $1 */
    char *cmd = xasprintf("%s \"$1\"", ed);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, "sh", s->file, (char *)NULL);
        _exit(127);
    }
    free(cmd);
    int st = 0;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    *s->interrupted = 0;    /* a Ctrl-C in the editor was the editor's */
    if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        printf("The editor (%s) did not finish cleanly; set $VISUAL or $EDITOR.\n", ed);
        return 1;
    }
    return 0;
}

int repl_run(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    report *r = session_grade(s, true, NULL);
    if (!r)
        return 1;
    print_report(s, r);
    report_free(s->last);
    s->last = r;
    return 0;
}

static void print_followups(const session *s)
{
    const challenge *c = s->c;
    if (c->nfollowups == 0)
        return;
    printf("\nWhat an interviewer would ask next:\n");
    for (int i = 0; i < c->nfollowups; i++)
        printf("  - %s\n", c->followups[i]);
}

int repl_submit(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    char *source = NULL;
    report *r = session_grade(s, false, &source);
    if (!r)
        return 1;
    double now = now_seconds(), left = rtimer_left(&s->timer, now);
    r->hints_used = s->hints;
    if (s->timer.running && left < 0)
        r->overtime_s = -left;
    print_report(s, r);

    int n = 0;
    md_err err;
    /* opening failed at start-up: maybe the cause has gone since */
    if (!s->hist)
        s->hist = history_open(s->history_db, &err);
    attempt_meta m = {s->mock ? "mock" : "practice", s->started_wall, session_elapsed(s),
                      s->timer.limit_s, s->solution_seen};
    if (s->hist && history_record(s->hist, r, &m, source, &n, &err) == 0)
        printf("Recorded as attempt %d of %s (`history %s %d` shows it again).\n", n,
               s->c->id, s->c->id, n);
    else
        printf("Could not record the attempt: %s\n", err.msg);
    free(source);
    s->submitted = true;
    /* solved: the countdown goes on but stops nagging */
    if (r->passed)
        s->timer.given |= RT_FIVE_MINUTES | RT_ONE_MINUTE | RT_TIME_UP;
    /* the follow-up questions give the answers away: only once it passes */
    if (r->passed)
        print_followups(s);
    report_free(s->last);
    s->last = r;
    if (s->mock)
        mock_advance(s, r, n, false);
    else if (r->passed)
        printf("`solution` shows the reference to compare with.\n");
    else
        printf("Fix it and `submit` again (every attempt is kept); `hint` helps.\n");
    return 0;
}

int repl_hint(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    const challenge *c = s->c;
    if (c->nhints == 0) {
        printf("%s has no hints.\n", c->id);
        return 1;
    }
    if (s->hints >= c->nhints) {
        printf("No more hints (all %d shown).\n", c->nhints);
        for (int i = 0; i < c->nhints; i++)
            printf("  %d. %s\n", i + 1, c->hints[i]);
        return 1;
    }
    s->hints++;
    printf("Hint %d of %d: %s\n", s->hints, c->nhints, c->hints[s->hints - 1]);
    printf("(hints used are shown in the report)\n");
    return 0;
}

int repl_time(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    double now = now_seconds(), left = rtimer_left(&s->timer, now);
    char l[32], lim[32], spent[32];
    rtimer_format(left, l, sizeof l);
    rtimer_format(s->timer.limit_s, lim, sizeof lim);
    format_duration(session_elapsed(s), spent, sizeof spent);
    const char *what = s->mock ? "the mock interview" : s->c->id;
    if (left >= 0 && s->mock)
        printf("Mock interview: %s left of %s (%s spent on %s).\n", l, lim, spent, s->c->id);
    else if (left >= 0)
        printf("%s: %s left of %s (%s spent).\n", s->c->id, l, lim, spent);
    else
        printf("Time is up on %s: over by %s (the limit was %s).  `submit` still records "
               "your work, marked overtime.\n", what, l + 1, lim);
    return 0;
}

static bool ever_submitted(const session *s, const char *id)
{
    if (!s->hist)
        return false;
    attempt *a;
    md_err err;
    int n = history_list(s->hist, id, 1, &a, &err);
    attempts_free(a, n > 0 ? n : 0);
    return n > 0;
}

int repl_solution(session *s, int argc, char **argv)
{
    if (argc > 2) {
        printf("usage: solution [ID]\n");
        return 1;
    }
    bool current = argc == 1 || (s->c && strcmp(argv[1], s->c->id) == 0);
    if (current && !need_challenge(s))
        return 1;
    challenge *c = current ? s->c : session_load(s, argv[1]);
    if (!c)
        return 1;
    bool open;
    if (current)
        open = s->submitted || rtimer_left(&s->timer, now_seconds()) <= 0;
    else
        open = ever_submitted(s, c->id);
    if (!open) {
        if (current)
            printf("The reference opens once you have submitted %s or when its time is up.\n",
                   c->id);
        else
            printf("The reference of %s opens once you have submitted it.\n", c->id);
        if (!current)
            spec_free(c);
        return 1;
    }
    md_err err;
    char *text = file_read(c->reference, NULL, &err);
    bool ok = text != NULL;
    if (ok) {
        printf("Reference solution of %s (%s):\n\n%s", c->id, session_shown_path(c->reference), text);
        if (!*text || text[strlen(text) - 1] != '\n')
            putchar('\n');
        if (current)
            s->solution_seen = true;
    } else {
        printf("%s\n", err.msg);
    }
    free(text);
    if (!current)
        spec_free(c);
    return ok ? 0 : 1;
}

int repl_report(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!s->last) {
        printf("No report yet: `run` or `submit` first (`history` has earlier ones).\n");
        return 1;
    }
    print_report(s, s->last);
    return 0;
}

int repl_reset(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    char *backup = NULL;
    md_err err;
    if (workspace_reset(s->workspace, s->c, &backup, &err) != 0) {
        printf("%s\n", err.msg);
        return 1;
    }
    printf("%s is a fresh starter again", session_shown_path(s->file));
    if (backup)
        printf("; your previous file is kept as %s", session_shown_path(backup));
    printf(".  The clock keeps running.\n");
    free(backup);
    return 0;
}

int repl_abandon(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (!need_challenge(s))
        return 1;
    if (s->mock) {
        printf("Skipped %s.\n", s->c->id);
        mock_advance(s, NULL, 0, true);
        return 0;
    }
    char spent[32];
    format_duration(session_elapsed(s), spent, sizeof spent);
    printf("Stopped %s after %s; your file stays in %s.\n", s->c->id, spent,
           session_shown_path(s->file));
    session_end(s, true);
    return 0;
}
