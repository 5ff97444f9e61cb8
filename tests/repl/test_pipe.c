/* The REPL driven through pipes, the way a script runs it
 * (`mldrill < commands.txt`): no prompt or escape sequences in the output,
 * nothing on stderr; a session recorded in the history is found again
 * after a restart; two REPLs recording at once lose nothing; a REPL
 * killed with SIGKILL in the middle of a submit leaves the database
 * sound; time up marks the submission overtime; a mock interview runs
 * its challenges back to back and ends with a summary.  The honest
 * record: a peek before passing is recorded and the verdict is not
 * "strong"; three hints show in the verdict and the history; the clock
 * stops at a pass and resumes after quit and start.  What an editor
 * leaves running is reaped once it ends. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "drive.h"
#include "store/history.h"

#define GRADE_S 180    /* a grading on a busy 2-core machine, with margin */

typedef struct fixture {
    char *dir, *state, *work;
    session_env env;
} fixture;

static fixture setup_dir(const char *tag, const char *const *extra)
{
    fixture f;
    f.dir = tmp_dir(tag);
    assert_non_null(f.dir);
    f.state = path_join(f.dir, "state");
    f.work = path_join(f.dir, "mldrill-work");
    f.env = (session_env){f.dir, f.state, extra};
    return f;
}

static void fixture_free(fixture *f)
{
    remove_tree(f->dir);
    free(f->dir);
    free(f->state);
    free(f->work);
}

/* Puts an example solution into the workspace as the learner's file. */
static void write_solution(const fixture *f, const char *id, const char *example)
{
    char *from = src_path(example);
    char *name = xasprintf("%s.c", id);
    char *to = path_join(f->work, name);
    mkdir_p(f->work, NULL);
    assert_true(copy_file(from, to));
    free(from);
    free(name);
    free(to);
}

static char *db_path(const fixture *f)
{
    return path_join(f->state, "mldrill/history.sqlite3");
}

static void assert_integrity_ok(const char *db)
{
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

static void a_scripted_session_should_be_found_again_after_a_restart(void **state)
{
    (void)state;
    /* the "editor" writes the solution: `edit` runs $EDITOR on the file */
    char *sol = src_path("tests/solutions/softmax/accepted_loops.c");
    char *editor = xasprintf("EDITOR=cp %s", sol);
    const char *extra[] = {editor, NULL};
    fixture f = setup_dir("pipe", extra);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\n");
    assert_true(proc_expect(p, "The clock is running: 10:00", 30));
    proc_send(p, "edit\nrun\n");
    assert_true(proc_expect(p, "All visible examples pass.", GRADE_S));
    assert_true(proc_expect(p, "`submit` grades the full rubric.", 5));
    proc_send(p, "hint\nsubmit\n");
    assert_true(proc_expect(p, "Hint 1 of", 10));
    assert_true(proc_expect(p, " — with 1 hint\n", GRADE_S));
    assert_true(proc_expect(p, "Recorded as attempt 1 of softmax", 30));
    proc_send(p, "quit\n");
    assert_int_equal(proc_wait(p, 30), 0);
    /* a pipe gets the answers only: no prompt, no escapes, no progress */
    assert_null(strstr(sb_str(&p->o), "mldrill>"));
    assert_null(strstr(sb_str(&p->o), "mldrill["));
    assert_null(strchr(sb_str(&p->o), '\033'));
    assert_null(strchr(sb_str(&p->o), '\r'));
    assert_int_equal(p->e.len, 0);
    proc_free(p);

    /* a new session finds the attempt, its report and its source */
    p = proc_pipe(&f.env, NULL);
    proc_send(p, "history\nhistory softmax 1\nstats\nlist --difficulty easy\n");
    close(p->in);
    p->in = -1;
    assert_int_equal(proc_wait(p, 60), 0);
    const char *o = sb_str(&p->o);
    assert_non_null(strstr(o, "\nsoftmax               1  "));    /* history's row */
    assert_non_null(strstr(o, "softmax attempt 1 — "));
    assert_non_null(strstr(o, "1 hint"));
    assert_non_null(strstr(o, "The source that was graded:"));
    assert_non_null(strstr(o, "static double row_max(const double *z, int k)"));
    assert_non_null(strstr(o, "Progress "));
    assert_non_null(strstr(o, " 1/"));
    /* list: best score and the solved mark on softmax's row */
    const char *row = strstr(o, "\nsoftmax ");
    assert_non_null(row);
    assert_non_null(strstr(row, "✓"));
    proc_free(p);
    fixture_free(&f);
    free(editor);
    free(sol);
}

static void two_repls_recording_at_once_should_lose_nothing(void **state)
{
    (void)state;
    fixture a = setup_dir("pipe2a", NULL), b = setup_dir("pipe2b", NULL);
    b.env.state = a.state;    /* one history, two workspaces */
    proc *pa = proc_pipe(&a.env, NULL), *pb = proc_pipe(&b.env, NULL);
    proc_send(pa, "start softmax\n");
    proc_send(pb, "start softmax\n");
    assert_true(proc_expect(pa, "The clock is running", 30));
    assert_true(proc_expect(pb, "The clock is running", 30));
    write_solution(&a, "softmax", "tests/solutions/softmax/accepted_loops.c");
    write_solution(&b, "softmax", "tests/solutions/softmax/accepted_blas.c");
    enum { ROUNDS = 3 };
    for (int i = 0; i < ROUNDS; i++) {
        proc_send(pa, "submit\n");
        proc_send(pb, "submit\n");
        assert_true(proc_expect(pa, "Recorded as attempt ", GRADE_S));
        assert_true(proc_expect(pb, "Recorded as attempt ", GRADE_S));
    }
    proc_send(pa, "quit\n");
    proc_send(pb, "quit\n");
    assert_int_equal(proc_wait(pa, 30), 0);
    assert_int_equal(proc_wait(pb, 30), 0);
    assert_null(strstr(sb_str(&pa->o), "Could not record"));
    assert_null(strstr(sb_str(&pb->o), "Could not record"));

    char *db = db_path(&a);
    assert_integrity_ok(db);
    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    attempt *at;
    int n = history_list(h, "softmax", 0, &at, &err);
    assert_int_equal(n, 2 * ROUNDS);
    bool seen[2 * ROUNDS + 1] = {false};
    int loops = 0;
    for (int i = 0; i < n; i++) {
        assert_true(at[i].n >= 1 && at[i].n <= n && !seen[at[i].n]);
        seen[at[i].n] = true;
        attempt full;
        assert_int_equal(history_get(h, "softmax", at[i].n, &full, &err), 0);
        loops += strstr(full.source, "row_max") != NULL;    /* REPL a's file */
        attempt_clear(&full);
    }
    assert_int_equal(loops, ROUNDS);
    attempts_free(at, n);
    history_close(h);
    free(db);
    proc_free(pa);
    proc_free(pb);
    fixture_free(&a);
    fixture_free(&b);
}

static void sigkill_during_submit_should_leave_the_history_sound(void **state)
{
    (void)state;
    fixture f = setup_dir("pipekill", NULL);
    mkdir_p(f.work, NULL);
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_loops.c");
    char *file = path_join(f.work, "softmax.c");
    char *before = file_read(file, NULL, NULL);
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    pid_t killed[4];
    for (int round = 0; round < 4; round++) {
        proc *p = proc_pipe(&f.env, NULL);
        killed[round] = p->pid;
        proc_send(p, "start softmax\nsubmit\n");
        assert_true(proc_expect(p, "The clock is running", 30));
        /* somewhere in the grading or the recording */
        usleep(300000 + (useconds_t)(rand() % 1500000));
        kill(p->pid, SIGKILL);
        proc_wait(p, 10);
        proc_free(p);
    }
    /* the learner's file is untouched (the grading used a copy) */
    char *after = file_read(file, NULL, NULL);
    assert_string_equal(before, after);
    char *db = db_path(&f);
    if (file_exists(db))
        assert_integrity_ok(db);
    /* and a new session records and lists as usual */
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nsubmit\n");
    assert_true(proc_expect(p, "Recorded as attempt ", GRADE_S));
    proc_send(p, "history softmax\nquit\n");
    assert_true(proc_expect(p, "`history ID N` shows", 30));
    assert_int_equal(proc_wait(p, 30), 0);
    assert_integrity_ok(db);
    /* the grading copies the killed REPLs left were cleaned up */
    const char *cache = getenv("XDG_CACHE_HOME");
    for (int i = 0; cache && i < 4; i++) {
        char *snap = xasprintf("%s/mldrill/snapshots/%ld", cache, (long)killed[i]);
        assert_false(dir_exists(snap));
        free(snap);
    }
    md_err err;
    history *h = history_open(db, &err);
    attempt *at;
    int n = history_list(h, "softmax", 0, &at, &err);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        attempt full;
        assert_int_equal(history_get(h, "softmax", at[i].n, &full, &err), 0);
        assert_string_equal(full.source, before);
        int crits = 0;
        for (int k = 0; k < CRIT_COUNT; k++)
            crits += full.crit_applies[k];
        assert_true(crits >= 3);
        attempt_clear(&full);
    }
    attempts_free(at, n);
    history_close(h);
    proc_free(p);
    free(db);
    free(before);
    free(after);
    free(file);
    fixture_free(&f);
}

static void time_up_should_keep_the_work_and_mark_it_overtime(void **state)
{
    (void)state;
    static const char *const fast[] = {"MLDRILL_TIME_SCALE=60", NULL};    /* a minute a second */
    fixture f = setup_dir("pipetime", fast);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax 1\nsolution\n");
    assert_true(proc_expect(p, "(easy, 1 min)", 30));    /* MINUTES in the header */
    assert_true(proc_expect(p, "The clock is running: 1:00", 30));
    assert_true(proc_expect(p, "The model answer opens once you pass softmax or its time is up",
                            10));
    /* shown while the script is idle, not only at the next command */
    assert_true(proc_expect(p, "[time] Time is up on softmax (1:00).", 10));
    proc_send(p, "solution\n");
    assert_true(proc_expect(p, "Model answer of softmax", 10));
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_loops.c");
    proc_send(p, "submit\n");
    assert_true(proc_expect(p, " — pass — with overtime +", GRADE_S));
    assert_true(proc_expect(p, "Recorded as attempt 1 of softmax", 30));
    proc_send(p, "history softmax 1\ntime\nquit\n");
    assert_true(proc_expect(p, ", with overtime +", 30));
    assert_true(proc_expect(p, "softmax: solved in ", 30));    /* the pass stopped the clock */
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    char *db = db_path(&f);
    md_err err;
    history *h = history_open(db, &err);
    attempt a;
    assert_int_equal(history_get(h, "softmax", 1, &a, &err), 0);
    assert_true(a.overtime_s > 0);
    assert_true(a.elapsed_s > a.limit_s);
    assert_true(a.limit_s == 60);
    assert_true(a.solution_seen);
    assert_false(a.peeked);    /* shown once the time was up: no peek */
    assert_false(a.unaided);   /* but overtime */
    assert_string_not_equal(a.verdict, "strong");
    attempt_clear(&a);
    history_close(h);
    free(db);
    fixture_free(&f);
}

static void a_mock_interview_should_run_back_to_back_and_summarise(void **state)
{
    (void)state;
    fixture f = setup_dir("pipemock", NULL);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "mock 12\n");
    assert_true(proc_expect(p, "Mock interview: ", 30));
    assert_true(proc_expect(p, "━━ Challenge 1 of ", 30));
    int total = atoi(p->o.buf + p->mark);
    assert_true(total >= 1);
    assert_true(proc_expect(p, "━━\n\n", 5));
    /* the first challenge's id starts the next line */
    size_t len = strcspn(p->o.buf + p->mark, " ");
    char *id = xstrndup(p->o.buf + p->mark, len);
    assert_true(proc_expect(p, "The clock is running: 12:00", 10));
    proc_send(p, "solution\ntime\n");
    size_t from = p->mark;
    assert_true(proc_expect(p, "Mock interview: ", 10));    /* `time` */
    /* closed until it passes, or none written yet: never the reference */
    char *said = xstrndup(p->o.buf + from, p->mark - from);
    assert_true(strstr(said, "opens once you pass") || strstr(said, "has no model answer yet"));
    free(said);
    char *ref = xasprintf("reference/%s.c", id);
    write_solution(&f, id, ref);
    proc_send(p, "submit\n");
    char *rec = xasprintf("Recorded as attempt 1 of %s", id);
    assert_true(proc_expect(p, rec, GRADE_S));
    for (int i = 2; i <= total; i++) {
        char *head = xasprintf("━━ Challenge %d of %d ━━", i, total);
        assert_true(proc_expect(p, head, 30));
        /* one clock: the next challenge does not start a new countdown */
        proc_send(p, "abandon\n");
        assert_true(proc_expect(p, "Skipped ", 30));
        free(head);
    }
    assert_true(proc_expect(p, "Mock interview summary — 12:00 planned", 30));
    char *first = xasprintf("  1. %s", id);
    assert_true(proc_expect(p, first, 5));
    assert_true(proc_expect(p, "Solved ", 5));
    proc_send(p, "time\nquit\n");
    assert_true(proc_expect(p, "No challenge in progress", 10));
    assert_int_equal(proc_wait(p, 30), 0);
    /* only the first challenge announced the clock */
    const char *o = sb_str(&p->o);
    assert_null(strstr(strstr(o, "The clock is running") + 1, "The clock is running"));
    free(first);
    free(rec);
    free(ref);
    free(id);
    proc_free(p);
    fixture_free(&f);
}

/* Attempt n of id from the fixture's history (clear it after). */
static attempt get_attempt(const fixture *f, const char *id, int n)
{
    char *db = db_path(f);
    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    attempt a;
    assert_int_equal(history_get(h, id, n, &a, &err), 0);
    history_close(h);
    free(db);
    return a;
}

static void a_peek_before_passing_should_be_recorded_and_not_strong(void **state)
{
    (void)state;
    fixture f = setup_dir("pipepeek", NULL);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nsolution\n");
    assert_true(proc_expect(p, "The model answer opens once you pass softmax", 30));
    assert_true(proc_expect(p, "`solution --peek` shows it now and records a peek", 5));
    proc_send(p, "solution --peek\n");
    assert_true(proc_expect(p, "Model answer of softmax", 10));
    assert_true(proc_expect(p, "(a peek is recorded", 10));
    /* the model answer, its mistake sites gone; never the reference */
    const char *o = sb_str(&p->o);
    assert_non_null(strstr(o, "m = fmax(m, z[j]);"));
    assert_null(strstr(o, "MISTAKE"));
    assert_null(strstr(o, "double m = 0;"));
    assert_null(strstr(o, "vexp"));
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_loops.c");
    proc_send(p, "submit\n");
    assert_true(proc_expect(p, "a peek at the answer", GRADE_S));
    assert_true(proc_expect(p, "Recorded as attempt 1 of softmax", 30));
    proc_send(p, "history softmax\nquit\n");
    assert_true(proc_expect(p, "a peek at the answer", 30));
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    attempt a = get_attempt(&f, "softmax", 1);
    assert_true(a.passed);
    assert_true(a.peeked && a.solution_seen);
    assert_false(a.unaided);
    assert_string_equal(a.verdict, "pass");
    assert_null(strstr(a.report_text, "strong"));
    attempt_clear(&a);
    fixture_free(&f);
}

static void three_hints_should_show_in_the_verdict_and_the_history(void **state)
{
    (void)state;
    fixture f = setup_dir("pipehints", NULL);
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_loops.c");
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nhint\nhint\nhint\nsubmit\n");
    assert_true(proc_expect(p, "Hint 3 of 3", 30));
    assert_true(proc_expect(p, "Score ", GRADE_S));
    /* the verdict line names the help */
    size_t at = p->mark;
    assert_true(proc_expect(p, "\n", 5));
    char *line = xstrndup(p->o.buf + at, p->mark - at);
    assert_non_null(strstr(line, "3 hints"));
    assert_null(strstr(line, "strong"));
    free(line);
    assert_true(proc_expect(p, "Recorded as attempt 1 of softmax", 30));
    proc_send(p, "history\nhistory softmax 1\nstats\nquit\n");
    assert_true(proc_expect(p, "3 hints", 30));           /* the list */
    assert_true(proc_expect(p, "softmax attempt 1 — ", 30));
    assert_true(proc_expect(p, ", with 3 hints", 5));     /* the attempt */
    assert_true(proc_expect(p, "with help", 30));         /* stats: solved with help */
    assert_true(proc_expect(p, "(0 unaided, 1 only with help)", 5));
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    attempt a = get_attempt(&f, "softmax", 1);
    assert_int_equal(a.hints_used, 3);
    assert_true(a.passed && !a.unaided && !a.peeked);
    assert_string_not_equal(a.verdict, "strong");
    attempt_clear(&a);
    fixture_free(&f);
}

/* "12:34" (or "+1:02") after needle in o, as session seconds; -1 when
 * absent. */
static double clock_after(const char *o, const char *needle)
{
    const char *p = strstr(o, needle);
    int m, sec;
    if (!p || sscanf(p + strlen(needle), "%d:%d", &m, &sec) != 2)
        return -1;
    return m * 60 + sec;
}

static void the_clock_should_resume_after_quit_and_stop_at_a_pass(void **state)
{
    (void)state;
    static const char *const fast[] = {"MLDRILL_TIME_SCALE=60", NULL};    /* a minute a second */
    fixture f = setup_dir("pipeclock", fast);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax 10\nhint\n");
    assert_true(proc_expect(p, "The clock is running: 10:00.", 30));
    assert_true(proc_expect(p, "Hint 1 of", 10));
    sleep(3);    /* three minutes */
    proc_send(p, "quit\n");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    /* minutes later, the clock goes on from where it was */
    sleep(2);
    p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\n");
    assert_true(proc_expect(p, "going on from where you stopped (so far: 1 hint).", 30));
    double left = clock_after(sb_str(&p->o), "The clock is running: ");
    assert_true(left >= 5 * 60 && left <= 7 * 60);    /* 7:00 less the start-up */
    assert_non_null(strstr(sb_str(&p->o), "left of 10:00"));

    /* a pass stops it: the time it shows no longer moves */
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_loops.c");
    proc_send(p, "submit\n");
    assert_true(proc_expect(p, "Solved in ", GRADE_S));
    double solved = clock_after(p->o.buf + p->mark - strlen("Solved in "), "Solved in ");
    assert_true(solved >= 3 * 60);
    proc_send(p, "time\n");
    assert_true(proc_expect(p, "softmax: solved in ", 10));
    sleep(2);
    proc_send(p, "time\n");
    assert_true(proc_expect(p, "softmax: solved in ", 10));
    const char *o = sb_str(&p->o);
    const char *t1 = strstr(o, "softmax: solved in "), *t2 = strstr(t1 + 1, "softmax: solved in ");
    assert_true(clock_after(t1, "softmax: solved in ") == clock_after(t2, "softmax: solved in "));
    assert_true(clock_after(t1, "softmax: solved in ") == solved);
    proc_send(p, "quit\n");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    /* the attempt took the time of both sittings, hint included */
    attempt a = get_attempt(&f, "softmax", 1);
    assert_true(a.elapsed_s >= 3 * 60 && a.limit_s == 600);
    assert_int_equal(a.hints_used, 1);
    attempt_clear(&a);

    /* solved: the next start is a fresh clock with no help carried */
    p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nquit\n");
    assert_true(proc_expect(p, "The clock is running: 10:00.  ", 30));
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

/* `debug` after a failing submit: the failed hidden case of that
 * grading, made smaller, written into the workspace; the program built
 * with `make -C` fails; `debug 2` writes a passing example; the repeat
 * command names the learner's file, not the copy graded. */
static void debug_should_write_the_failed_case_as_a_program(void **state)
{
    (void)state;
    fixture f = setup_dir("pipe-debug", NULL);
    write_solution(&f, "softmax", "tests/solutions/softmax/mistake_no_max_shift.c");
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nsubmit\n");
    assert_true(proc_expect(p, "mldrill grade softmax mldrill-work/softmax.c --seed ", GRADE_S));
    proc_send(p, "debug\n");
    assert_true(proc_expect(p, "Wrote mldrill-work/debug-softmax/ for softmax, case ", GRADE_S));
    assert_true(proc_expect(p, "(hidden), made smaller: ", 5));
    assert_true(proc_expect(p, "Your file fails it: ", 5));
    char *cmd = xasprintf("make -s -C '%s/debug-softmax' >/dev/null 2>&1", f.work);
    int st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) != 0);
    proc_send(p, "debug 2\n");
    assert_true(proc_expect(p, "case 2 \"example: one row of four\" (an example).\n"
                               "Your file passes it.", GRADE_S));
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    proc_send(p, "debug no such case\nquit\n");
    assert_true(proc_expect(p, "softmax has no case \"no such case\"", 30));
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    free(cmd);
    fixture_free(&f);
}

static void bad_commands_should_explain_themselves(void **state)
{
    (void)state;
    fixture f = setup_dir("pipebad", NULL);
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "frobnicate\nh\nrun\nstart nosuch\nstart softmax banana\nhistory x y z\n"
                 "help submit\n# a comment\nlist --tag\nsbumit\nstrat\nstart kmean\n"
                 "solution sofmtax\n");
    close(p->in);
    p->in = -1;
    assert_int_equal(proc_wait(p, 30), 0);
    const char *o = sb_str(&p->o);
    assert_non_null(strstr(o, "Unknown command \"frobnicate\"  (`help` lists"));
    assert_non_null(strstr(o, "\"h\" could be hint history help"));
    assert_non_null(strstr(o, "No challenge in progress"));
    assert_non_null(strstr(o, "Unknown challenge \"nosuch\"  (`list` shows them)"));
    assert_non_null(strstr(o, "MINUTES must be a number"));
    assert_non_null(strstr(o, "usage: history [ID [N]]"));
    assert_non_null(strstr(o, "Grades the file on the whole rubric"));
    /* --tag alone: the tags there are */
    assert_non_null(strstr(o, "Tags (--tag T lists"));
    assert_non_null(strstr(o, "  clustering "));
    /* typos get a suggestion */
    assert_non_null(strstr(o, "Unknown command \"sbumit\": did you mean `submit`?"));
    assert_non_null(strstr(o, "Unknown command \"strat\": did you mean `start`?"));
    assert_non_null(strstr(o, "Unknown challenge \"kmean\": did you mean `kmeans`?"));
    assert_non_null(strstr(o, "Unknown challenge \"sofmtax\": did you mean `softmax`?"));
    /* in the session, commands are named as typed there */
    assert_null(strstr(o, "mldrill list"));
    assert_null(strstr(o, "comment"));
    proc_free(p);
    fixture_free(&f);
}

/* mldrill is a child subreaper, so what an editor leaves running when it
 * exits becomes the session's child: once it ends, the session reaps it
 * (between commands), and a grading that runs meanwhile still gets its
 * own children's ends. */
static void orphans_an_editor_leaves_should_be_reaped(void **state)
{
    (void)state;
    fixture f = setup_dir("pipeorphan", NULL);
    /* an "editor" that leaves two processes behind: one ends during the
     * grading below, one after it */
    char *editor = path_join(f.dir, "editor.sh");
    const char *script = "#!/bin/sh\n(sleep 0.5) &\n(sleep 3) &\nexit 0\n";
    assert_int_equal(file_write_atomic(editor, script, strlen(script), NULL), 0);
    assert_int_equal(chmod(editor, 0700), 0);
    char *var = xasprintf("EDITOR=%s", editor);
    const char *extra[] = {var, NULL};
    f.env.extra = extra;
    write_solution(&f, "softmax", "tests/solutions/softmax/accepted_blas.c");
    proc *p = proc_pipe(&f.env, NULL);
    proc_send(p, "start softmax\nedit\nrun\n");
    assert_true(proc_expect(p, "`submit` grades the full rubric.", GRADE_S));
    /* both have ended by now, neither reaped yet: no command since */
    sleep(4);
    assert_int_equal(live_children(p->pid, "sleep"), 0);
    proc_send(p, "time\n");
    assert_true(proc_expect(p, "left of", 30));
    assert_int_equal(zombie_children(p->pid), 0);
    proc_send(p, "quit\n");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    free(var);
    free(editor);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_scripted_session_should_be_found_again_after_a_restart),
        cmocka_unit_test(two_repls_recording_at_once_should_lose_nothing),
        cmocka_unit_test(sigkill_during_submit_should_leave_the_history_sound),
        cmocka_unit_test(time_up_should_keep_the_work_and_mark_it_overtime),
        cmocka_unit_test(a_mock_interview_should_run_back_to_back_and_summarise),
        cmocka_unit_test(a_peek_before_passing_should_be_recorded_and_not_strong),
        cmocka_unit_test(three_hints_should_show_in_the_verdict_and_the_history),
        cmocka_unit_test(the_clock_should_resume_after_quit_and_stop_at_a_pass),
        cmocka_unit_test(debug_should_write_the_failed_case_as_a_program),
        cmocka_unit_test(bad_commands_should_explain_themselves),
        cmocka_unit_test(orphans_an_editor_leaves_should_be_reaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
