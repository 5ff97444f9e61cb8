/* mldrill — practise the "implement it from scratch" round of ML coding
 * interviews in C.  This file only dispatches to the commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/instructor.h"
#include "config.h"
#include "repl/repl.h"
#include "util/proc.h"

static void usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [--challenges DIR]... [--workspace DIR] [COMMAND [ARGS]]\n"
            "\n"
            "Without a command, starts the interactive practice session (`help` inside\n"
            "it lists its commands; docs/repl.md describes it).\n"
            "\n"
            "commands:\n"
            "  grade [CHALLENGE] SOLUTION.c [--json] grade one solution and exit\n"
            "  debug [CHALLENGE] SOLUTION.c          write a failing case as a C program to\n"
            "                                        build and debug (make -C DIR)\n"
            "  list                                  list the challenges\n"
            "  show CHALLENGE                        print a challenge's statement\n"
            "  validate [ID|SPEC.json|DIR ...]       check challenges (spec, reference,\n"
            "                                        example solutions)\n"
            "  batch CHALLENGE PATH... [--jobs N]    grade many submissions into CSV/JSON\n"
            "\n"
            "options:\n"
            "  --challenges DIR   also look for challenges in DIR (repeatable; so does\n"
            "                     $MLDRILL_CHALLENGES, colon-separated)\n"
            "  -h, --help         this help;  COMMAND --help for a command's options\n"
            "  --workspace DIR    where the session keeps your solution files\n"
            "                     (default: ./mldrill-work)\n"
            "  --version          print the version\n",
            prog);
}

/* The commands, by name (the practice session runs without one). */
static const struct {
    const char *name;
    int (*run)(cli_ctx *x, int argc, char **argv);
} commands[] = {
    {"list", cmd_list},         {"grade", cmd_grade}, {"show", cmd_show}, {"debug", cmd_debug},
    {"validate", cmd_validate}, {"batch", cmd_batch},
};

/* The options before the command. */
typedef struct global_opts {
    const char *dirs[64];    /* --challenges, in order */
    int ndirs;
    const char *workspace;   /* --workspace, or NULL */
} global_opts;

/* Reads the options before the command into *g; returns the index of the
 * command in argv, or -1 when mldrill ends there (--help, --version, an
 * unknown option), with the exit code in *rc. */
static int parse_global(int argc, char **argv, const char *prog, global_opts *g, int *rc)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--challenges") == 0 && i + 1 < argc && g->ndirs < 64) {
            g->dirs[g->ndirs++] = argv[++i];
        } else if (strncmp(argv[i], "--challenges=", 13) == 0 && g->ndirs < 64) {
            g->dirs[g->ndirs++] = argv[i] + 13;
        } else if (strcmp(argv[i], "--workspace") == 0 && i + 1 < argc) {
            g->workspace = argv[++i];
        } else if (strncmp(argv[i], "--workspace=", 12) == 0) {
            g->workspace = argv[i] + 12;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout, prog);
            *rc = EXIT_PASSED;
            return -1;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("mldrill %s\n", MLDRILL_VERSION);
            *rc = EXIT_PASSED;
            return -1;
        } else {
            fprintf(stderr, "%s: unknown option %s\n", prog, argv[i]);
            usage(stderr, prog);
            *rc = EXIT_USAGE;
            return -1;
        }
    }
    return i;
}

/* Runs the command argv[0] with its arguments. */
static int run_command(cli_ctx *x, int argc, char **argv)
{
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[0], commands[k].name) == 0)
            return commands[k].run(x, argc, argv);
    fprintf(stderr, "%s: unknown command \"%s\"\n", x->prog, argv[0]);
    usage(stderr, x->prog);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    const char *prog = "mldrill";
    /* no process of a grading outlives it: whatever a runner, a compiler
     * or a batch worker leaves becomes this process's child, and is
     * killed and reaped (util/proc.h) */
    proc_subreaper();
    global_opts g = {0};
    int rc;
    int i = parse_global(argc, argv, prog, &g, &rc);
    if (i < 0)
        return rc;
    cli_ctx x = {catalog_open(g.dirs, g.ndirs), prog};
    if (i == argc) {
        repl_config rc_cfg = {x.cat, prog, g.workspace, NULL};
        rc = repl_main(&rc_cfg);
    } else {
        rc = run_command(&x, argc - i, argv + i);
    }
    catalog_free(x.cat);
    return rc;
}
