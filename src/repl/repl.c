/* repl — see repl.h.  The loop: read a line (repl_line), split it into
 * words, run the command, print the timer warning that fell due, again.
 * The prompt, the idle warnings and Tab completion are the hooks given
 * to repl_line; the commands live in cmds.c, info.c,
 * watch.c and mock.c. */

#include "repl/repl.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repl/cmds.h"
#include "repl/info.h"
#include "repl/mock.h"
#include "repl/next.h"
#include "repl/watch.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "store/workspace.h"
#include "util/proc.h"
#include "util/suggest.h"

/* Set by the signal handlers (the only state outside the session: a
 * handler has nowhere else to put it). */
static volatile sig_atomic_t sig_int, sig_winch, sig_cont;

static void on_signal(int sig)
{
    if (sig == SIGINT)
        sig_int = 1;
    else if (sig == SIGWINCH)
        sig_winch = 1;
    else if (sig == SIGCONT)
        sig_cont = 1;
}

/* --- the commands ------------------------------------------------------------ */

typedef struct command {
    const char *name;
    const char *args;
    int (*fn)(session *s, int argc, char **argv);
    const char *summary;
    const char *details;
} command;

static int repl_help(session *s, int argc, char **argv);
static int repl_quit(session *s, int argc, char **argv);

static const command commands[] = {
    {"list", "[--tag [T]] [--difficulty D]", repl_list,
     "the challenges, with your best score",
     "Lists every challenge: id, difficulty, time limit, your best score and whether\n"
     "you have solved it (passed at least once).  --tag and --difficulty (easy,\n"
     "medium, hard; or the level alone) narrow the list; --tag alone lists the tags."},
    {"next", "", repl_next,
     "what to practise next",
     "Suggests what to practise: challenges you have never tried at your level\n"
     "first (the easiest level you have not passed everything of), then those\n"
     "passed only with help or not passed yet, then those due for review.  A\n"
     "challenge passed strong and unaided comes back after 3 days, then 7, 21, 60."},
    {"start", "ID [MINUTES]", repl_start,
     "begin a challenge: statement, starter file, countdown",
     "Prints the statement, writes a starter file with the prototypes and the\n"
     "statement as a comment into the workspace (./mldrill-work, or --workspace\n"
     "DIR), and starts the countdown shown in the prompt.  A file you already have\n"
     "for the challenge is kept.  MINUTES replaces the challenge's time limit.  A\n"
     "challenge you left unfinished goes on with the time that was left."},
    {"edit", "", repl_edit,
     "open the solution file in $VISUAL or $EDITOR",
     "Opens the solution file in $VISUAL, else $EDITOR, else vi, and waits for the\n"
     "editor to exit.  Any other editor works too: the file is a plain file."},
    {"run", "", repl_run,
     "check the visible examples (fast, not recorded)",
     "Compiles the file and runs the visible examples only: correctness at a\n"
     "glance in a second or so.  Nothing is recorded.  Ctrl-C cancels."},
    {"submit", "", repl_submit,
     "grade on the full rubric and record the attempt",
     "Grades the file on the whole rubric (hidden cases, stability, speed against\n"
     "the reference, convergence, organization), prints the report with the help\n"
     "used (hints, a peek, overtime), and records the attempt and its source in\n"
     "the history.  A pass stops the clock.  \"strong\" needs a pass within time,\n"
     "no peek and at most one hint.  You may submit again; every attempt is kept.\n"
     "Ctrl-C cancels."},
    {"watch", "", repl_watch,
     "run the examples each time the file is saved",
     "Runs `run` now and again every time the solution file is saved, with the\n"
     "clock shown.  Any key (or Ctrl-C) stops watching."},
    {"hint", "", repl_hint,
     "the next hint (hints used are noted in the report)",
     "Shows the next of the challenge's hints, gentlest first.  The number of\n"
     "hints used appears in the report and the history; with more than one, a\n"
     "pass is not \"strong\"."},
    {"time", "", repl_time,
     "time left on the clock",
     "Shows the time left and spent.  Warnings come at 5 minutes, 1 minute and\n"
     "time up, even while you are typing.  When time is up your work is kept:\n"
     "`submit` records it, marked overtime by how much."},
    {"solution", "[ID] [--peek]", repl_solution,
     "the model answer (once you pass, or when time is up)",
     "Shows the model answer of the challenge in progress, what a strong\n"
     "candidate writes, once you have passed it or its time is up; `solution ID`\n"
     "shows that of a challenge you have passed before.  --peek shows it earlier\n"
     "and records a peek: the report and the history say so, and a pass is then\n"
     "not \"strong\"."},
    {"report", "", repl_report,
     "the last report again",
     "Prints the last report of this challenge (from `run` or `submit`) again."},
    {"debug", "[CASE]", repl_debug,
     "a failing case as a C program you build and debug",
     "Writes one case as a small C program into the workspace (debug-ID/), with a\n"
     "Makefile: `make -C DIR` builds it with your file (the flags of grading, plus\n"
     "-g -O0) and runs it; it makes the case's calls, checks each output against\n"
     "the reference's as mldrill does and exits 1 when one fails.  Then add printf\n"
     "to your code, or `make -C DIR gdb`.  The case: CASE (a name or a number),\n"
     "else the first your file fails, made smaller when a smaller case fails the\n"
     "same way (the hidden cases of your last `submit`)."},
    {"history", "[ID [N]]", repl_history,
     "your attempts; ID N shows one with its source",
     "Lists the recorded attempts, newest first (the latest 20, or all of one\n"
     "challenge with ID).  `history ID N` shows attempt N of ID: its report and\n"
     "the exact source that was graded."},
    {"stats", "", repl_stats,
     "best score per challenge, help, what is due, overall progress",
     "For every challenge: attempts, best score, solved unaided or only with help,\n"
     "fastest passing time and when it is due for review; then a progress bar over\n"
     "the whole catalog and what is due now."},
    {"reset", "", repl_reset,
     "a fresh starter file (the old one is kept as .bak)",
     "Replaces the solution file with a fresh starter; your previous file is kept\n"
     "next to it as <id>.c.bak.  The clock keeps running."},
    {"abandon", "", repl_abandon,
     "stop the challenge in progress (the file is kept)",
     "Stops the current challenge without recording anything; the file stays and\n"
     "the next `start` begins a fresh clock (the help used is kept until a pass).\n"
     "In a mock interview it skips to the next challenge."},
    {"mock", "[MINUTES]", repl_mock,
     "a mock interview: unsolved challenges back to back, one clock",
     "Picks challenges you have not solved to fill MINUTES (default 45), easiest\n"
     "first, and runs them back to back under one clock.  `submit` moves on,\n"
     "`abandon` skips; a summary ends the interview."},
    {"help", "[COMMAND]", repl_help,
     "this list, or one command in detail", "Lists the commands, or explains one."},
    {"quit", "", repl_quit,
     "leave (Ctrl-D does too)",
     "Leaves mldrill.  Your files stay in the workspace and your attempts in the\n"
     "history.  Also `exit`, or Ctrl-D on an empty line."},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* A command by name, alias or unambiguous prefix; NULL with a message
 * printed otherwise. */
static const command *find_command(const char *name, bool quiet)
{
    if (strcmp(name, "exit") == 0)
        name = "quit";
    else if (strcmp(name, "?") == 0)
        name = "help";
    const command *hit = NULL;
    int matches = 0;
    size_t n = strlen(name);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
        if (strncmp(commands[i].name, name, n) == 0) {
            hit = &commands[i];
            matches++;
        }
    }
    if (matches == 1)
        return hit;
    if (quiet)
        return NULL;
    if (matches > 1) {
        printf("\"%s\" could be", name);
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (strncmp(commands[i].name, name, n) == 0)
                printf(" %s", commands[i].name);
        printf(".\n");
    } else {
        const char *names[NCOMMANDS];
        for (size_t i = 0; i < NCOMMANDS; i++)
            names[i] = commands[i].name;
        int k = suggest_closest(name, names, NCOMMANDS);
        printf("Unknown command \"%s\"", name);
        if (k >= 0)
            printf(": did you mean `%s`?", names[k]);
        printf("  (`help` lists the commands)\n");
    }
    return NULL;
}

static int repl_help(session *s, int argc, char **argv)
{
    (void)s;
    if (argc > 1) {
        const command *c = find_command(argv[1], false);
        if (!c)
            return 1;
        printf("%s%s%s\n\n%s\n", c->name, *c->args ? " " : "", c->args, c->details);
        return 0;
    }
    printf("Commands (a unique prefix is enough; Tab completes):\n");
    for (size_t i = 0; i < NCOMMANDS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", commands[i].name, commands[i].args);
        printf("  %-36s %s\n", head, commands[i].summary);
    }
    printf("Ctrl-C cancels the line or a running grading; Ctrl-D leaves.\n");
    return 0;
}

static int repl_quit(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    s->quit = true;
    return 0;
}

/* --- hooks for the line reader --------------------------------------------------- */

static void prompt(void *ctx, char *buf, size_t n)
{
    session *s = ctx;
    if (!s->c) {
        snprintf(buf, n, "mldrill> ");
        return;
    }
    double left = rtimer_left(&s->timer, now_seconds());
    char t[32], m[24], pos[32] = "";
    if (s->solved) {
        char used[32];
        format_duration(session_elapsed(s), used, sizeof used);
        snprintf(buf, n, "mldrill[%s solved %s]> ", s->c->id, used);
        return;
    }
    rtimer_format(left, t, sizeof t);
    if (mock_position(s, m, sizeof m))
        snprintf(pos, sizeof pos, "mock %s ", m);
    const char *col = !s->colour ? NULL : left <= 60 ? "\033[31m" : left <= 300 ? "\033[33m" : NULL;
    if (col)
        snprintf(buf, n, "mldrill[%s%s %c%s%c%s%c\033[0m%c]> ", pos, s->c->id, RLINE_ESC, col,
                 RLINE_ESC, t, RLINE_ESC, RLINE_ESC);
    else
        snprintf(buf, n, "mldrill[%s%s %s]> ", pos, s->c->id, t);
}

/* Waiting at the prompt: no grading runs, so whatever child has ended
 * is an orphan an editor left (mldrill is their subreaper): reaped here
 * rather than kept as a zombie until the session ends. */
static char *idle(void *ctx)
{
    proc_reap_ended();
    session_tick(ctx);
    return session_warning_text(ctx);
}

static void add_match(char ***out, int *n, const char *word, const char *prefix)
{
    if (strncmp(word, prefix, strlen(prefix)) != 0)
        return;
    for (int i = 0; i < *n; i++)
        if (strcmp((*out)[i], word) == 0)
            return;
    *out = xrealloc(*out, sizeof(char *) * (size_t)(*n + 1));
    (*out)[(*n)++] = xstrdup(word);
}

static void add_ids(session *s, char ***out, int *n, const char *prefix)
{
    char **ids;
    int k = catalog_ids(s->cat, &ids);
    for (int i = 0; i < k; i++) {
        add_match(out, n, ids[i], prefix);
        free(ids[i]);
    }
    free(ids);
}

static void add_tags(session *s, char ***out, int *n, const char *prefix)
{
    char **ids;
    int k = catalog_ids(s->cat, &ids);
    for (int i = 0; i < k; i++) {
        md_err err;
        char *path = catalog_find(s->cat, ids[i], &err);
        challenge *c = path ? challenge_load(path, &err) : NULL;
        for (int t = 0; c && t < c->ntags; t++)
            add_match(out, n, c->tags[t], prefix);
        spec_free(c);
        free(path);
        free(ids[i]);
    }
    free(ids);
}

static char **complete(void *ctx, char **words, int nwords, const char *prefix, int *n)
{
    session *s = ctx;
    char **out = NULL;
    *n = 0;
    if (nwords == 0) {
        for (size_t i = 0; i < NCOMMANDS; i++)
            add_match(&out, n, commands[i].name, prefix);
        return out;
    }
    const command *c = find_command(words[0], true);
    if (!c)
        return NULL;
    const char *name = c->name;
    if (strcmp(name, "solution") == 0 && nwords <= 2)
        add_match(&out, n, "--peek", prefix);
    if (nwords == 1 && (strcmp(name, "start") == 0 || strcmp(name, "solution") == 0 ||
                        strcmp(name, "history") == 0))
        add_ids(s, &out, n, prefix);
    else if (nwords == 1 && strcmp(name, "help") == 0)
        for (size_t i = 0; i < NCOMMANDS; i++)
            add_match(&out, n, commands[i].name, prefix);
    else if (strcmp(name, "list") == 0) {
        const char *prev = words[nwords - 1];
        if (strcmp(prev, "--tag") == 0) {
            add_tags(s, &out, n, prefix);
        } else {
            bool after_diff = strcmp(prev, "--difficulty") == 0;
            for (int d = DIFF_EASY; d <= DIFF_HARD; d++)
                add_match(&out, n, difficulty_name((difficulty)d), prefix);
            if (!after_diff) {
                add_match(&out, n, "--tag", prefix);
                add_match(&out, n, "--difficulty", prefix);
            }
        }
    }
    return out;
}

/* --- the loop ------------------------------------------------------------------------ */

/* Splits a line into words; "double quotes" group.  Returns the count. */
static int split(char *line, char **argv, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (*p == '"') {
            argv[n++] = ++p;
            while (*p && *p != '"')
                p++;
        } else {
            argv[n++] = p;
            while (*p && *p != ' ' && *p != '\t')
                p++;
        }
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static void install_signals(struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;    /* no SA_RESTART: a wait must wake up */
    sigaction(SIGINT, &sa, &old[0]);
    sigaction(SIGWINCH, &sa, &old[1]);
    sigaction(SIGCONT, &sa, &old[2]);
}

static void restore_signals(const struct sigaction *old)
{
    sigaction(SIGINT, &old[0], NULL);
    sigaction(SIGWINCH, &old[1], NULL);
    sigaction(SIGCONT, &old[2], NULL);
}

static void run_line(session *s, char *line)
{
    char *argv[32];
    int argc = split(line, argv, 32);
    if (argc == 0 || argv[0][0] == '#')
        return;
    const command *c = find_command(argv[0], false);
    if (c)
        c->fn(s, argc, argv);
}

/* Leaving: the mock's summary, and where the unfinished work is. */
static void leave(session *s)
{
    if (s->mock)
        mock_finish(s);
    if (s->c && !s->submitted && rline_interactive(s->line))
        printf("%s stays in %s; `start %s` picks it up again with the time that was "
               "left.\n", s->c->id, s->file, s->c->id);
    session_end(s, true);
}

int repl_main(const repl_config *cfg)
{
    setlocale(LC_CTYPE, "");
    md_err err;
    session s;
    memset(&s, 0, sizeof s);
    s.cat = cfg->cat;
    s.prog = cfg->prog;
    s.workspace = workspace_dir(cfg->workspace, &err);
    if (!s.workspace) {
        fprintf(stderr, "%s: workspace: %s\n", cfg->prog, err.msg);
        return 3;
    }
    s.history_db = cfg->history_db;
    s.hist = history_open(s.history_db, &err);
    if (!s.hist)
        fprintf(stderr, "%s: attempts will not be recorded: %s\n", cfg->prog, err.msg);
    s.colour = use_colour(STDOUT_FILENO);
    s.progress = isatty(STDERR_FILENO);
    s.scale = rtimer_env_scale();
    s.interrupted = &sig_int;
    session_clean_snapshots();

    char *state = xdg_state_dir(&err);
    char *line_history = state ? path_join(state, "repl_history") : NULL;
    free(state);
    rline_hooks h = {&s, prompt, idle, complete, &sig_int, &sig_winch, &sig_cont};
    struct sigaction old[3];
    install_signals(old);
    s.line = rline_open(cfg->prog, line_history, &h);
    free(line_history);
    if (rline_interactive(s.line))
        printf("mldrill — practise the ML coding interview.  `list` shows the challenges,\n"
               "`next` suggests one, `start ID` begins it, `mock` runs an interview, `help`\n"
               "for the rest.\n");

    while (!s.quit) {
        session_warnings(&s);
        fflush(stdout);
        sig_int = 0;
        char *line = rline_read(s.line);
        if (!line)
            break;
        run_line(&s, line);
        free(line);
        /* between commands no child is waited for: the ended ones are
         * orphans (see idle) */
        proc_reap_ended();
        session_tick(&s);
        fflush(stdout);
    }
    leave(&s);
    fflush(stdout);
    rline_close(s.line);
    restore_signals(old);
    history_close(s.hist);
    free(s.workspace);
    return 0;
}
