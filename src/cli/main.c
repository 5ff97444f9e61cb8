/* mldrill — practise the "implement it from scratch" round of ML coding
 * interviews in C.  This file only dispatches to the commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/instructor.h"
#include "config.h"
#include "repl/repl.h"

static void usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [--challenges DIR]... [--workspace DIR] [COMMAND [ARGS]]\n"
            "\n"
            "Without a command, starts the interactive practice session (`help` inside\n"
            "it lists its commands; docs/repl.md describes it).\n"
            "\n"
            "commands:\n"
            "  grade CHALLENGE SOLUTION.c [--json]   grade one solution and exit\n"
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

int main(int argc, char **argv)
{
    const char *prog = "mldrill";
    const char *dirs[64] = {0};
    const char *workspace = NULL;
    int ndirs = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--challenges") == 0 && i + 1 < argc && ndirs < 64) {
            dirs[ndirs++] = argv[++i];
        } else if (strncmp(argv[i], "--challenges=", 13) == 0 && ndirs < 64) {
            dirs[ndirs++] = argv[i] + 13;
        } else if (strcmp(argv[i], "--workspace") == 0 && i + 1 < argc) {
            workspace = argv[++i];
        } else if (strncmp(argv[i], "--workspace=", 12) == 0) {
            workspace = argv[i] + 12;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout, prog);
            return EXIT_PASSED;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("mldrill %s\n", MLDRILL_VERSION);
            return EXIT_PASSED;
        } else {
            fprintf(stderr, "%s: unknown option %s\n", prog, argv[i]);
            usage(stderr, prog);
            return EXIT_USAGE;
        }
    }
    cli_ctx x = {catalog_open(dirs, ndirs), prog};
    int rc;
    const char *cmd = i < argc ? argv[i] : NULL;
    int cargc = argc - i;
    char **cargv = argv + i;
    if (!cmd) {
        repl_config rc_cfg = {x.cat, prog, workspace, NULL};
        rc = repl_main(&rc_cfg);
    } else if (strcmp(cmd, "list") == 0)
        rc = cmd_list(&x, cargc, cargv);
    else if (strcmp(cmd, "grade") == 0)
        rc = cmd_grade(&x, cargc, cargv);
    else if (strcmp(cmd, "show") == 0)
        rc = cmd_show(&x, cargc, cargv);
    else if (strcmp(cmd, "validate") == 0)
        rc = cmd_validate(&x, cargc, cargv);
    else if (strcmp(cmd, "batch") == 0)
        rc = cmd_batch(&x, cargc, cargv);
    else {
        fprintf(stderr, "%s: unknown command \"%s\"\n", prog, cmd);
        usage(stderr, prog);
        rc = EXIT_USAGE;
    }
    catalog_free(x.cat);
    return rc;
}
