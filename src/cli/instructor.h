/* cli_instructor — the instructor's commands: `mldrill validate` (check a
 * challenge as Kattis' verifyproblem checks a problem) and `mldrill batch`
 * (grade a folder of submissions into CSV and JSON).  Like cli.h, they
 * print; the modules they call (validate.h, batch.h) do not. */
#ifndef MLDRILL_CLI_INSTRUCTOR_H
#define MLDRILL_CLI_INSTRUCTOR_H

#include "cli/cli.h"

/* Exit codes of validate: EXIT_PASSED (0) every challenge valid,
 * EXIT_NOT_PASSED (1) a validation failed, EXIT_USAGE (2) bad usage or an
 * unknown challenge, EXIT_INTERNAL (3) mldrill itself failed.  batch: 0
 * every submission graded (whatever its score), 1 some submission could
 * not be graded, 2 bad usage, 3 the batch could not run. */
int cmd_validate(cli_ctx *x, int argc, char **argv);
int cmd_batch(cli_ctx *x, int argc, char **argv);

#endif
