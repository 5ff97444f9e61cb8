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

#include "grade/debug.h"
#include "grade/grade.h"
#include "repl/mock.h"
#include "spec/challenge.h"
#include "spec/answer.h"
#include "spec/spec.h"
#include "store/workspace.h"
#include "util/wrap.h"

static bool need_challenge(const session *s)
{
    if (s->c)
        return true;
    printf("No challenge in progress: `start ID` begins one (`list` shows them).\n");
    return false;
}

static void print_report(session *s, const report *r)
{
    char *t = report_text(r, s->colour), *fit = wrap_text(t, wrap_columns(1));
    fputs(fit, stdout);
    free(fit);
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
    if (r->passed)
        printf("`submit` grades the full rubric.\n");
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

/* Records a graded submission; prints where it went, or why not.
 * Returns the attempt's number, 0 when it was not recorded. */
static int record(session *s, const report *r, const char *source)
{
    int n = 0;
    md_err err;
    /* opening failed at start-up: maybe the cause has gone since */
    if (!s->hist)
        s->hist = history_open(s->history_db, &err);
    attempt_meta m = {s->mock ? "mock" : "practice", s->started_wall, session_elapsed(s),
                      s->timer.limit_s, s->solution_seen, s->peeked};
    if (s->hist && history_record(s->hist, r, &m, source, &n, &err) == 0) {
        printf("Recorded as attempt %d of %s (`history %s %d` shows it again).\n", n,
               s->c->id, s->c->id, n);
        return n;
    }
    printf("Could not record the attempt: %s\n", err.msg);
    return 0;
}

/* A pass outside a mock stops the clock: the time it took is the time
 * to solve. */
static void stop_clock(session *s)
{
    rtimer_stop(&s->timer, now_seconds());
    s->solved = true;
    char used[32], lim[32];
    format_duration(session_elapsed(s), used, sizeof used);
    format_duration(s->timer.limit_s, lim, sizeof lim);
    printf("Solved in %s (the limit was %s); the clock has stopped.\n", used, lim);
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
    /* the help used is part of the verdict: more than a hint, a peek or
     * overtime, and a pass is not "strong" */
    help_used help = session_help(s);
    help_apply(r, &help);
    print_report(s, r);
    int n = record(s, r, source);
    free(source);
    s->submitted = true;
    if (r->passed && !s->mock && !s->solved)
        stop_clock(s);
    else if (!r->passed)
        session_keep(s);
    /* the follow-up questions give the answers away: only once it passes */
    if (r->passed)
        print_followups(s);
    report_free(s->last);
    s->last = r;
    if (s->mock)
        mock_advance(s, r, n, false);
    else if (r->passed && s->c->model)
        printf("`solution` shows the model answer to compare with.\n");
    else if (!r->passed)
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
    session_keep(s);
    printf("Hint %d of %d: %s\n", s->hints, c->nhints, c->hints[s->hints - 1]);
    printf("(hints used are shown in the report");
    if (s->hints == HELP_FREE_HINTS + 1)
        printf("; with more than %d, a pass is not \"strong\"", HELP_FREE_HINTS);
    printf(")\n");
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
    if (s->solved)
        printf("%s: solved in %s (the limit was %s).\n", s->c->id, spent, lim);
    else if (left >= 0 && s->mock)
        printf("Mock interview: %s left of %s (%s spent on %s).\n", l, lim, spent, s->c->id);
    else if (left >= 0)
        printf("%s: %s left of %s (%s spent).\n", s->c->id, l, lim, spent);
    else
        printf("Time is up on %s: over by %s (the limit was %s).  `submit` still records "
               "your work, marked overtime.\n", what, l + 1, lim);
    return 0;
}

static bool ever_passed(const session *s, const char *id)
{
    challenge_stats *st = NULL;
    md_err err;
    int n = s->hist ? history_stats(s->hist, &st, &err) : 0;
    const challenge_stats *cs = n > 0 ? stats_find(st, n, id) : NULL;
    bool passed = cs && cs->solved;
    stats_free(st, n > 0 ? n : 0);
    return passed;
}

/* A peek at the model answer of a challenge not in progress: carried by
 * its next attempt (the history's pending state). */
static void record_peek(session *s, const char *id)
{
    md_err err;
    pending p;
    int rc = s->hist ? history_pending_get(s->hist, id, &p, &err) : -1;
    if (rc == 1)
        p = (pending){0, 0, 0, 0, false};
    p.peeked = true;
    if (rc < 0 || history_pending_put(s->hist, id, &p, &err) != 0)
        printf("(the peek could not be recorded: %s)\n", s->hist ? err.msg : "no history");
}

/* Whether the model answer of c may be shown without a peek. */
static bool answer_open(const session *s, const challenge *c, bool current)
{
    if (!current)
        return ever_passed(s, c->id);
    return s->solved || rtimer_left(&s->timer, now_seconds()) <= 0;
}

static int show_model(const challenge *c)
{
    md_err err;
    char *text = answer_shown(c->model, &err);
    if (!text) {
        printf("Cannot show the model answer: %s\n", err.msg);
        return 1;
    }
    printf("Model answer of %s (what a strong candidate writes in %d min):\n\n%s", c->id,
           c->minutes, text);
    if (!*text || text[strlen(text) - 1] != '\n')
        putchar('\n');
    free(text);
    return 0;
}

int repl_solution(session *s, int argc, char **argv)
{
    bool peek = argc > 1 && strcmp(argv[argc - 1], "--peek") == 0;
    if (peek)
        argc--;
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        printf("usage: solution [ID] [--peek]\n");
        return 1;
    }
    bool current = argc == 1 || (s->c && strcmp(argv[1], s->c->id) == 0);
    if (current && !need_challenge(s))
        return 1;
    challenge *c = current ? s->c : session_load(s, argv[1]);
    if (!c)
        return 1;
    int rc = 1;
    bool open = answer_open(s, c, current);
    if (!c->model) {
        /* the reference is the grader's, never an answer to learn from */
        printf("%s has no model answer yet.\n", c->id);
    } else if (!open && !peek) {
        if (current)
            printf("The model answer opens once you pass %s or its time is up.\n", c->id);
        else
            printf("The model answer of %s opens once you have passed it.\n", c->id);
        printf("`solution%s%s --peek` shows it now and records a peek: a pass is then not "
               "\"strong\".\n", current ? "" : " ", current ? "" : c->id);
    } else if ((rc = show_model(c)) == 0 && current) {
        s->solution_seen = true;
        if (!open) {
            s->peeked = true;
            session_keep(s);
        }
    } else if (rc == 0 && !open) {
        record_peek(s, c->id);
    }
    if (rc == 0 && !open)
        printf("(a peek is recorded: the next pass of %s says so)\n", c->id);
    if (!current)
        spec_free(c);
    return rc;
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

/* The case `debug` was given: a number, or a name in one or more words. */
static void debug_case(int argc, char **argv, debug_opts *o, strbuf *name)
{
    for (int i = 1; i < argc; i++)
        sb_printf(name, "%s%s", i > 1 ? " " : "", argv[i]);
    if (argc < 2)
        return;
    char *end;
    long n = strtol(sb_str(name), &end, 10);
    if (!*end && n > 0 && n < 1000000)
        o->case_number = (int)n;
    else
        o->case_name = sb_str(name);
}

int repl_debug(session *s, int argc, char **argv)
{
    if (!need_challenge(s))
        return 1;
    debug_opts o = {0};
    strbuf name = {0};
    debug_case(argc, argv, &o, &name);
    /* the hidden cases of the last full grading, so that its failure is the
     * one written */
    if (s->last && !s->last->visible_only) {
        o.have_seed = true;
        o.seed = s->last->seed;
    }
    char *dir = xasprintf("%s/debug-%s", s->workspace, s->c->id);
    o.dir = dir;
    o.cancel = s->interrupted;
    md_err err;
    debug_result res = {0};
    int rc = 1;
    if (debug_case_index(s->c, &o, &err) == -2)
        printf("%s\n", err.msg);
    else if (debug_write(s->c, s->file, &o, &res, &err) != 0)
        printf("%s\n", *s->interrupted ? "Cancelled." : err.msg);
    else if (res.compile_error)
        printf("The file does not compile (`run` shows the compiler's messages).\n");
    else {
        char *text = debug_summary(&res, s->c->id);
        fputs(text, stdout);
        free(text);
        rc = 0;
    }
    *s->interrupted = 0;
    debug_result_clear(&res);
    free(dir);
    sb_free(&name);
    return rc;
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
    /* the next start is a fresh clock; the help used stays until a pass */
    char *id = xstrdup(s->c->id);
    pending p = {0, 0, 0, s->hints, s->peeked};
    bool keep = !s->solved && s->hist;
    session_end(s, true);
    md_err err;
    if (keep && history_pending_put(s->hist, id, &p, &err) != 0)
        printf("%s\n", err.msg);
    if (keep)
        printf("`start %s` begins it again with a fresh clock.\n", id);
    free(id);
    return 0;
}
