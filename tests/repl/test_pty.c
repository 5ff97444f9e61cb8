/* The REPL at a terminal (a pseudo-terminal from forkpty, read through a
 * VT100 screen emulator): timer warnings appear while the learner is idle
 * at the prompt without garbling the half-typed line; Ctrl-C discards a
 * line, and during a grading cancels it and kills the runners while the
 * REPL goes on (during a compile, the compiler); Tab completes commands
 * and ids; the command history survives a restart; Ctrl-D leaves;
 * `watch` re-runs on save and stops on a key; the progress line shows on
 * the terminal. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "drive.h"

#define ROWS 40
#define COLS 100
#define GRADE_S 180

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

static void write_solution(const fixture *f, const char *example)
{
    char *from = src_path(example);
    char *to = path_join(f->work, "softmax.c");
    mkdir_p(f->work, NULL);
    assert_true(copy_file(from, to));
    free(from);
    free(to);
}

/* The text of the row the cursor is on. */
static char *cursor_row(const proc *p)
{
    return screen_row(p, screen_cursor_row(p));
}

/* Waits until the cursor's row reads text; returns that row's text
 * (caller frees) either way, for the assertion. */
static char *wait_cursor_row(proc *p, const char *text, double timeout_s)
{
    double end = now_seconds() + timeout_s;
    for (;;) {
        char *row = cursor_row(p);
        if (strcmp(row, text) == 0 || now_seconds() > end)
            return row;
        free(row);
        proc_drain(p, 0.05);
    }
}

/* The first row whose text starts with prefix, or -1. */
static int find_row(const proc *p, const char *prefix)
{
    for (int r = 0; r < ROWS; r++) {
        char *t = screen_row(p, r);
        bool hit = strncmp(t, prefix, strlen(prefix)) == 0;
        free(t);
        if (hit)
            return r;
    }
    return -1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void dump(const proc *p)
{
    char *t = screen_text(p);
    fprintf(stderr, "--- screen (cursor %d,%d) ---\n%s---\n", screen_cursor_row(p),
            screen_cursor_col(p), t);
    free(t);
}

static void idle_warnings_should_not_garble_the_line_being_typed(void **state)
{
    (void)state;
    /* 6 minutes at 120x: the warnings come 0.5, 2.5 and 3 s after start */
    static const char *const fast[] = {"MLDRILL_TIME_SCALE=120", NULL};
    fixture f = setup_dir("pty", fast);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "start softmax 6\r");
    assert_true(proc_expect(p, "The clock is running: 6:00", 30));
    assert_true(proc_expect(p, "mldrill[softmax ", 10));
    proc_send(p, "hel");
    assert_true(proc_expect(p, "[time] 5 minutes left on softmax.", 10));
    assert_true(proc_expect(p, "[time] 1 minute left on softmax", 10));
    assert_true(proc_expect(p, "[time] Time is up on softmax (6:00).", 10));
    /* until the line is drawn again below the message (or 10 s) */
    for (double end = now_seconds() + 10; now_seconds() < end; proc_drain(p, 0.05)) {
        int t = find_row(p, "[time] Time is up on softmax");
        char *pr = t >= 0 ? screen_row(p, t + 2) : xstrdup("");
        bool drawn = strncmp(pr, "mldrill[softmax +", 17) == 0 && ends_with(pr, "]> hel");
        free(pr);
        if (drawn)
            break;
    }

    /* the warnings stacked above the prompt, which still holds "hel" */
    int r = find_row(p, "[time] Time is up on softmax");
    if (r < 2)
        dump(p);
    assert_true(r >= 2);
    char *five = screen_row(p, r - 2), *one = screen_row(p, r - 1), *next = screen_row(p, r + 1),
         *prompt = screen_row(p, r + 2);
    if (strcmp(five, "[time] 5 minutes left on softmax.") != 0 || !ends_with(prompt, "]> hel"))
        dump(p);
    assert_string_equal(five, "[time] 5 minutes left on softmax.");
    assert_string_equal(one, "[time] 1 minute left on softmax: `submit` what you have soon.");
    assert_string_equal(next, "`solution` shows the model answer.");
    assert_true(strncmp(prompt, "mldrill[softmax +", 17) == 0);
    assert_true(ends_with(prompt, "]> hel"));
    assert_int_equal(screen_cursor_row(p), r + 2);
    assert_int_equal(screen_cursor_col(p), (int)strlen(prompt));
    assert_int_equal(find_row(p, "mldrill[softmax +"), r + 2);    /* no stray prompt */

    /* the countdown keeps moving in place, the line intact */
    proc_drain(p, 1.5);
    char *later = screen_row(p, r + 2);
    assert_string_not_equal(later, prompt);
    assert_true(strncmp(later, "mldrill[softmax +", 17) == 0 && ends_with(later, "]> hel"));
    assert_int_equal(screen_cursor_row(p), r + 2);

    /* and the line finishes as typed */
    proc_send(p, "p time\r");
    assert_true(proc_expect(p, "Shows the time left and spent.", 10));
    proc_send(p, "quit\r");
    assert_int_equal(proc_wait(p, 30), 0);
    free(five);
    free(one);
    free(next);
    free(prompt);
    free(later);
    proc_free(p);
    fixture_free(&f);
}

static void ctrl_c_should_discard_the_line_and_keep_the_repl(void **state)
{
    (void)state;
    fixture f = setup_dir("ptyc", NULL);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "garbage");
    assert_true(proc_expect(p, "garbage", 10));
    proc_send(p, "\003");
    assert_true(proc_expect(p, "^C", 10));
    proc_send(p, "time\r");
    assert_true(proc_expect(p, "No challenge in progress", 10));
    assert_null(strstr(sb_str(&p->o), "Unknown command"));
    assert_true(proc_expect(p, "mldrill> ", 10));    /* raw mode again */
    proc_send(p, "\004");    /* Ctrl-D on an empty line leaves */
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

/* What Ctrl-C must stop at once: a command on a solution that starts
 * processes under the session, found by a word of their command lines
 * (after a line the session shows first, when given). */
typedef struct cancel_case {
    const char *tag, *solution, *command, *shown, *needle;
} cancel_case;

static void ctrl_c_should_stop(const cancel_case *cc)
{
    fixture f = setup_dir(cc->tag, NULL);
    write_solution(&f, cc->solution);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "start softmax\r");
    assert_true(proc_expect(p, "kept from before", 30));
    proc_send(p, cc->command);
    if (cc->shown)
        assert_true(proc_expect(p, cc->shown, 60));
    int n = 0;
    for (int i = 0; i < 600 && (n = live_descendants(p->pid, cc->needle)) == 0; i++)
        usleep(50000);
    assert_true(n > 0);
    usleep(300000);
    double t0 = now_seconds();
    proc_send(p, "\003");
    assert_true(proc_expect(p, "Cancelled.", 10));
    double took = now_seconds() - t0;
    if (took > 2.5)
        fprintf(stderr, "the cancel took %.2f s\n", took);
    assert_true(took < 2.5);
    /* nothing left under the session: runners, or the compiler's whole
     * group (cc1, as, ld) */
    for (int i = 0; i < 10 && (n = live_descendants(p->pid, "")) > 0; i++)
        usleep(50000);
    assert_int_equal(n, 0);
    assert_null(strstr(sb_str(&p->o), "Recorded as attempt"));
    /* the REPL and its clock go on */
    proc_send(p, "time\r");
    assert_true(proc_expect(p, "left of 10:00", 10));
    proc_send(p, "quit\r");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

/* Left alone, this grading would run about 4 s more (two cases to their
 * 2 s time limit); the progress line shows on the terminal's stderr. */
static void ctrl_c_should_cancel_a_grading_and_kill_its_runners(void **state)
{
    (void)state;
    ctrl_c_should_stop(&(cancel_case){"ptygrade", "tests/solutions/softmax/infinite_loop.c",
                                      "submit\r", "(Ctrl-C cancels)", "mldrill-runner"});
}

/* A preprocessor bomb takes the compiler 20 s and more to give up: its
 * group is killed, not waited for (the driver's command line names the
 * file). */
static void ctrl_c_should_cancel_a_compile_and_kill_the_compiler(void **state)
{
    (void)state;
    ctrl_c_should_stop(&(cancel_case){"ptycompile", "tests/faults/preprocessor_bomb.c",
                                      "run\r", NULL, "softmax.c"});
}

static void tab_should_complete_commands_and_challenge_ids(void **state)
{
    (void)state;
    fixture f = setup_dir("ptytab", NULL);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "star\t");
    char *row = wait_cursor_row(p, "mldrill> start", 10);
    assert_string_equal(row, "mldrill> start");
    free(row);
    proc_send(p, "softm\t");
    row = wait_cursor_row(p, "mldrill> start softmax", 10);
    assert_string_equal(row, "mldrill> start softmax");
    free(row);
    proc_send(p, "\003");
    assert_true(proc_expect(p, "^C", 10));    /* typing on before it lands would race */
    /* two candidates: both listed, the line kept below them */
    proc_send(p, "sta\t");
    assert_true(proc_expect(p, "stats", 10));
    row = wait_cursor_row(p, "mldrill> sta", 10);
    assert_string_equal(row, "mldrill> sta");
    char *above = screen_row(p, screen_cursor_row(p) - 1);
    assert_non_null(strstr(above, "start"));
    assert_non_null(strstr(above, "stats"));
    free(above);
    free(row);
    proc_send(p, "\003");
    assert_true(proc_expect(p, "^C", 10));
    proc_send(p, "quit\r");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

static void the_command_history_should_survive_a_restart(void **state)
{
    (void)state;
    fixture f = setup_dir("ptyhist", NULL);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "stats\r");
    assert_true(proc_expect(p, "Progress ", 30));
    /* Ctrl-D only once the prompt is back: typed while the terminal is
     * still in cooked mode, the line discipline turns it into an EOF mark
     * that libedit, once in raw mode, never sees as Ctrl-D */
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "\004");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);

    p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "\033[A");    /* up arrow */
    char *row = wait_cursor_row(p, "mldrill> stats", 10);
    assert_string_equal(row, "mldrill> stats");
    free(row);
    proc_send(p, "\r");
    assert_true(proc_expect(p, "Progress ", 30));
    proc_send(p, "quit\r");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

static void watch_should_rerun_on_save_and_stop_on_a_key(void **state)
{
    (void)state;
    fixture f = setup_dir("ptywatch", NULL);
    proc *p = proc_pty(&f.env, NULL, ROWS, COLS);
    assert_true(proc_expect(p, "mldrill> ", 30));
    proc_send(p, "start softmax\r");
    assert_true(proc_expect(p, "a new starter", 30));
    proc_send(p, "watch\r");
    assert_true(proc_expect(p, "Some visible examples fail.", GRADE_S));    /* the stub */
    assert_true(proc_expect(p, "(watching softmax.c", 10));
    /* saved the way editors do: a new file renamed over the old */
    write_solution(&f, "tests/solutions/softmax/accepted_loops.c");
    assert_true(proc_expect(p, "── saved ", 30));
    assert_true(proc_expect(p, "All visible examples pass.", GRADE_S));
    assert_true(proc_expect(p, "`submit` grades the full rubric.", 5));
    /* the clock stays in sight, moving, while watching */
    assert_true(proc_expect(p, "(watching softmax.c, ", 10));
    assert_true(proc_expect(p, " left: save to run again", 5));
    assert_true(proc_expect(p, "\r\033[K(watching softmax.c, ", 5));
    proc_send(p, "q");
    assert_true(proc_expect(p, "Stopped watching.", 10));
    proc_send(p, "time\r");
    assert_true(proc_expect(p, "left of 10:00", 10));
    proc_send(p, "quit\r");
    assert_int_equal(proc_wait(p, 30), 0);
    proc_free(p);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idle_warnings_should_not_garble_the_line_being_typed),
        cmocka_unit_test(ctrl_c_should_discard_the_line_and_keep_the_repl),
        cmocka_unit_test(ctrl_c_should_cancel_a_grading_and_kill_its_runners),
        cmocka_unit_test(ctrl_c_should_cancel_a_compile_and_kill_the_compiler),
        cmocka_unit_test(tab_should_complete_commands_and_challenge_ids),
        cmocka_unit_test(the_command_history_should_survive_a_restart),
        cmocka_unit_test(watch_should_rerun_on_save_and_stop_on_a_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
