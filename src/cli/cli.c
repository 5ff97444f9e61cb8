/* cli — see cli.h. */
#define _GNU_SOURCE

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grade/debug.h"
#include "grade/grade.h"
#include "grade/report.h"
#include "run/compile.h"
#include "repl/info.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "store/history.h"
#include "util/rng.h"
#include "util/wrap.h"

struct challenge *cli_load(cli_ctx *x, const char *id)
{
    md_err err;
    char *path = catalog_find(x->cat, id, &err);
    if (!path) {
        fprintf(stderr, "%s: %s\n", x->prog, err.msg);
        return NULL;
    }
    challenge *c = challenge_load(path, &err);
    free(path);
    if (!c)
        fprintf(stderr, "%s: invalid spec: %s\n", x->prog, err.msg);
    return c;
}

static void grade_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s grade [CHALLENGE] SOLUTION.c [options]\n"
            "\n"
            "Grades one solution on the full rubric and exits: 0 passed, 1 not passed\n"
            "(a compile error counts), 2 bad usage, unknown challenge or invalid spec,\n"
            "3 internal error.\n"
            "Without CHALLENGE, the file's name says which (kmeans.c, kmeans_v2.c).\n"
            "\n"
            "options:\n"
            "  --json            print the report as one JSON object (the contract in\n"
            "                    DESIGN.md) instead of text\n"
            "  --seed N          seed for the hidden cases (default: a fresh one)\n"
            "  --visible         run the visible examples only (fast, not scored)\n"
            "  --sanitize        build with AddressSanitizer and UBSan\n"
            "  --no-timing       skip the vectorization timing\n"
            "  --no-shrink       do not look for smaller cases that fail the same way\n"
            "  --budget SECONDS  time spent timing (default: the challenge's, ~1 s)\n"
            "  -h, --help        this help\n",
            prog);
}

/* What `grade` was asked to do. */
typedef struct grade_cmd {
    grade_opts go;
    bool json;               /* the report as JSON instead of text */
} grade_cmd;

/* Reads grade's options into *gc and checks its arguments; false when the
 * command ends there (--help, or bad usage after its message), with the
 * exit code in *rc.  optind is then the challenge, the solution follows. */
static bool grade_parse(cli_ctx *x, int argc, char **argv, grade_cmd *gc, int *rc)
{
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},      {"seed", required_argument, 0, 's'},
        {"visible", no_argument, 0, 'v'},   {"sanitize", no_argument, 0, 'S'},
        {"no-timing", no_argument, 0, 'T'}, {"budget", required_argument, 0, 'b'},
        {"no-shrink", no_argument, 0, 'N'},
        {"help", no_argument, 0, 'h'},      {0, 0, 0, 0}};
    grade_opts *go = &gc->go;
    int ch;
    *rc = EXIT_USAGE;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'j': gc->json = true; break;
        case 's':
            errno = 0;
            go->seed = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg) {
                fprintf(stderr, "%s grade: --seed needs a whole number, got \"%s\"\n",
                        x->prog, optarg);
                return false;
            }
            go->have_seed = true;
            break;
        case 'v': go->visible_only = true; break;
        case 'S': go->sanitize = true; break;
        case 'T': go->no_timing = true; break;
        case 'N': go->no_shrink = true; break;
        case 'b':
            go->timing_budget_s = strtod(optarg, &end);
            if (*end || go->timing_budget_s <= 0 || go->timing_budget_s > 60) {
                fprintf(stderr, "%s grade: --budget needs seconds in (0, 60]\n", x->prog);
                return false;
            }
            break;
        case 'h': grade_usage(stdout, x->prog); *rc = EXIT_PASSED; return false;
        default: grade_usage(stderr, x->prog); return false;
        }
    }
    if (argc - optind != 1 && argc - optind != 2) {
        grade_usage(stderr, x->prog);
        return false;
    }
    return true;
}

/* The challenge a solution's file name points at (caller frees), or its
 * directory's name when the file's does not (tests/solutions/kmeans/x.c),
 * saying on stderr which it chose; NULL when neither tells, after listing
 * the candidates (several that match, or the nearest ids). */
static char *challenge_of_file(cli_ctx *x, const char *cmd, const char *file)
{
    char **ids;
    int n = catalog_ids(x->cat, &ids);
    int *match = xcalloc((size_t)n + 1, sizeof(int));
    int m = catalog_match_file(file, (const char *const *)ids, n, match);
    const char *from = "its name";
    if (m == 0) {
        char *abs = path_absolute(file), *dir = path_dirname(abs);
        m = catalog_match_file(path_basename(dir), (const char *const *)ids, n, match);
        from = "its directory's name";
        free(abs);
        free(dir);
    }
    char *id = NULL;
    if (m == 1) {
        id = xstrdup(ids[match[0]]);
        fprintf(stderr, "%s %s: %s taken as %s (from %s)\n", x->prog, cmd, file, id, from);
    } else if (m > 1) {
        fprintf(stderr, "%s %s: which challenge is %s?", x->prog, cmd, file);
        for (int i = 0; i < m; i++)
            fprintf(stderr, "%s %s", i ? "," : "", ids[match[i]]);
        fprintf(stderr, "\n  say it: %s %s CHALLENGE %s\n", x->prog, cmd, file);
    } else {
        char *stem = path_stem(file);
        char *near = catalog_suggest(x->cat, stem);
        fprintf(stderr, "%s %s: %s does not name a challenge%s%s%s\n"
                        "  say which: %s %s CHALLENGE %s (`%s list` shows them)\n",
                x->prog, cmd, file, near ? "; did you mean " : "", near ? near : "",
                near ? "?" : "", x->prog, cmd, file, x->prog);
        free(near);
        free(stem);
    }
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    free(match);
    return id;
}

int cmd_grade(cli_ctx *x, int argc, char **argv)
{
    grade_cmd gc = {0};
    int rc;
    if (!grade_parse(x, argc, argv, &gc, &rc))
        return rc;
    bool named = argc - optind == 2;
    const char *sol = argv[optind + (named ? 1 : 0)];
    /* a regular file below the size limit, not a FIFO, a device or a
     * symbolic link: refused at once, before anything waits on it */
    md_err ferr;
    char *bytes = file_read_regular(sol, COMPILE_MAX_SOURCE, NULL, &ferr);
    if (!bytes) {
        fprintf(stderr, "%s grade: %s\n", x->prog, ferr.msg);
        return EXIT_USAGE;
    }
    free(bytes);
    char *id = named ? xstrdup(argv[optind]) : challenge_of_file(x, "grade", sol);
    challenge *c = id ? cli_load(x, id) : NULL;
    free(id);
    if (!c)
        return EXIT_USAGE;
    md_err err, why;
    if (!gc.go.have_seed) {    /* drawn here, to check the inputs of a failure */
        gc.go.seed = rng_os_seed();
        gc.go.have_seed = true;
    }
    report *r = grade_solution(c, sol, &gc.go, &err);
    if (!r) {
        /* a spec that loads can still ask a generator for the impossible:
         * the spec's error (2), not mldrill's (3) */
        bool spec = grade_check_inputs(c, gc.go.seed, &why) != 0;
        fprintf(stderr, "%s grade: %s%s\n", x->prog, spec ? "invalid spec: " : "",
                spec ? why.msg : err.msg);
        spec_free(c);
        return spec ? EXIT_USAGE : EXIT_INTERNAL;
    }
    char *out = gc.json ? report_json(r) : report_text(r, use_colour(1));
    if (!gc.json) {
        char *fit = wrap_text(out, wrap_columns(1));
        free(out);
        out = fit;
    }
    fputs(out, stdout);
    if (gc.json)
        fputc('\n', stdout);
    free(out);
    rc = r->passed ? EXIT_PASSED : EXIT_NOT_PASSED;
    report_free(r);
    spec_free(c);
    return rc;
}

int cmd_list(cli_ctx *x, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("usage: %s list [--tag T] [--difficulty D]\n\nLists the challenges on the "
               "search path: difficulty, time limit, your best score and\nwhether you have "
               "solved it (from the REPL's history).\n", x->prog);
        return EXIT_PASSED;
    }
    list_filter f;
    md_err err;
    if (list_parse(argc, argv, &f, &err) != 0) {
        fprintf(stderr, "%s list: %s\n", x->prog, err.msg);
        return EXIT_USAGE;
    }
    /* the history only when there is one: listing never creates it */
    history *h = history_open_existing(NULL, &err);
    if (!h && err.msg[0])
        fprintf(stderr, "%s list: no scores: %s\n", x->prog, err.msg);
    int n = info_list(stdout, x->cat, h, &f, use_colour(1));
    history_close(h);
    return n < 0 ? EXIT_USAGE : EXIT_PASSED;
}

int cmd_show(cli_ctx *x, int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        printf("usage: %s show CHALLENGE\n\nPrints a challenge's statement and the "
               "prototypes to implement.\n", x->prog);
        return argc == 2 ? EXIT_PASSED : EXIT_USAGE;
    }
    challenge *c = cli_load(x, argv[1]);
    if (!c)
        return EXIT_USAGE;
    printf("%s — %s (%s, %d min)\n\n%s\n", c->id, c->title, difficulty_name(c->diff),
           c->minutes, c->statement);
    spec_free(c);
    return EXIT_PASSED;
}

static void debug_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s debug [CHALLENGE] SOLUTION.c [--case NAME|N] [--seed N] [-o DIR]\n"
            "\n"
            "Writes one case as a small C program beside a Makefile: `make -C DIR` builds\n"
            "it with your file (the flags of grading, plus -g -O0) and runs it; it makes\n"
            "the case's calls, checks each output against the reference's as mldrill\n"
            "does, and exits 1 when a check fails.  Then printf or gdb (`make -C DIR gdb`).\n"
            "The case: the first your file fails (made smaller when a smaller case fails\n"
            "the same way), else the first.\n"
            "\n"
            "options:\n"
            "  --case NAME|N     that case (its name, or its number from 1), as it is\n"
            "  --seed N          seed for the hidden cases (as `grade --seed`)\n"
            "  -o DIR            where to write (default: debug-CHALLENGE)\n"
            "  -h, --help        this help\n",
            prog);
}

/* Reads debug's options into *o; false when the command ends there, with
 * the exit code in *rc.  optind is then the challenge or the solution. */
static bool debug_parse(cli_ctx *x, int argc, char **argv, debug_opts *o, int *rc)
{
    static const struct option opts[] = {{"case", required_argument, 0, 'c'},
                                         {"seed", required_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int ch;
    *rc = EXIT_USAGE;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'c':
            o->case_number = (int)strtol(optarg, &end, 10);
            if (*end || !*optarg || o->case_number <= 0) {
                o->case_number = 0;
                o->case_name = optarg;
            }
            break;
        case 's':
            errno = 0;
            o->seed = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg) {
                fprintf(stderr, "%s debug: --seed needs a whole number, got \"%s\"\n",
                        x->prog, optarg);
                return false;
            }
            o->have_seed = true;
            break;
        case 'o': o->dir = optarg; break;
        case 'h': debug_usage(stdout, x->prog); *rc = EXIT_PASSED; return false;
        default: debug_usage(stderr, x->prog); return false;
        }
    }
    if (argc - optind != 1 && argc - optind != 2) {
        debug_usage(stderr, x->prog);
        return false;
    }
    return true;
}

int cmd_debug(cli_ctx *x, int argc, char **argv)
{
    debug_opts o = {0};
    int rc;
    if (!debug_parse(x, argc, argv, &o, &rc))
        return rc;
    bool named = argc - optind == 2;
    const char *sol = argv[optind + (named ? 1 : 0)];
    if (access(sol, R_OK) != 0) {
        fprintf(stderr, "%s debug: %s: %s\n", x->prog, sol, strerror(errno));
        return EXIT_USAGE;
    }
    char *id = named ? xstrdup(argv[optind]) : challenge_of_file(x, "debug", sol);
    challenge *c = id ? cli_load(x, id) : NULL;
    free(id);
    if (!c)
        return EXIT_USAGE;
    md_err err;
    debug_result res = {0};
    if (debug_case_index(c, &o, &err) == -2) {
        fprintf(stderr, "%s debug: %s\n", x->prog, err.msg);
        rc = EXIT_USAGE;
    } else if (debug_write(c, sol, &o, &res, &err) != 0) {
        fprintf(stderr, "%s debug: %s\n", x->prog, err.msg);
        rc = EXIT_INTERNAL;
    } else if (res.compile_error) {
        fprintf(stderr, "%s debug: %s does not compile:\n%s", x->prog, sol,
                res.compiler_output ? res.compiler_output : "");
        rc = EXIT_NOT_PASSED;
    } else {
        char *text = debug_summary(&res, c->id);
        fputs(text, stdout);
        free(text);
        rc = EXIT_PASSED;
    }
    debug_result_clear(&res);
    spec_free(c);
    return rc;
}
