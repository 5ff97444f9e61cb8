/* cli — the command-line commands (grade, list, show, ...), each a
 * function taking the arguments after its name.  They print; the
 * library modules do not. */
#ifndef MLDRILL_CLI_H
#define MLDRILL_CLI_H

#include "spec/catalog.h"

/* Exit codes of the contract (DESIGN.md). */
enum exit_code {
    EXIT_PASSED = 0,      /* graded and passed (or the command succeeded) */
    EXIT_NOT_PASSED = 1,  /* graded and not passed; a compile error counts */
    EXIT_USAGE = 2,       /* bad usage, unknown challenge, unreadable file, invalid spec */
    EXIT_INTERNAL = 3,    /* mldrill itself failed */
};

typedef struct cli_ctx {
    catalog *cat;
    const char *prog;
} cli_ctx;

int cmd_grade(cli_ctx *x, int argc, char **argv);
int cmd_list(cli_ctx *x, int argc, char **argv);
int cmd_show(cli_ctx *x, int argc, char **argv);
int cmd_debug(cli_ctx *x, int argc, char **argv);

/* Loads a challenge by id or path, printing the error on failure. */
struct challenge *cli_load(cli_ctx *x, const char *id);

#endif
