/* info — see info.h. */

#include "repl/info.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "repl/next.h"
#include "repl/session.h"
#include "spec/challenge.h"
#include "spec/spec.h"

static void format_date(int64_t t, char *buf, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M", &tm))
        snprintf(buf, n, "?");
}

/* Six columns wide: printf's widths count the three bytes of the mark. */
static const char *solved_cell(bool solved)
{
    return solved ? "✓     " : "      ";
}

static int parse_difficulty(const char *s)
{
    for (int d = DIFF_EASY; d <= DIFF_HARD; d++)
        if (strcmp(s, difficulty_name((difficulty)d)) == 0)
            return d;
    return -1;
}

/* --- list --------------------------------------------------------------------- */

int list_parse(int argc, char **argv, list_filter *f, md_err *err)
{
    f->tag = NULL;
    f->difficulty = -1;
    f->tags = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        bool tag = false;
        if ((strcmp(a, "--tag") == 0 && i + 1 == argc) || strcmp(a, "--tag=") == 0) {
            f->tags = true;    /* which tags are there? */
            continue;
        }
        if (strcmp(a, "--tag") == 0 || strcmp(a, "--difficulty") == 0) {
            if (i + 1 >= argc)
                return md_fail(err, "%s needs a value", a);
            tag = a[2] == 't';
            v = argv[++i];
        } else if (strncmp(a, "--tag=", 6) == 0) {
            tag = true;
            v = a + 6;
        } else if (strncmp(a, "--difficulty=", 13) == 0) {
            v = a + 13;
        } else if (a[0] != '-') {
            v = a;
        } else {
            return md_fail(err, "unknown option %s (--tag T, --difficulty D)", a);
        }
        if (tag) {
            f->tag = v;
        } else if ((f->difficulty = parse_difficulty(v)) < 0) {
            return md_fail(err, "difficulty \"%s\": expected easy, medium or hard", v);
        }
    }
    return 0;
}

static bool has_tag(const challenge *c, const char *tag)
{
    for (int i = 0; i < c->ntags; i++)
        if (strcmp(c->tags[i], tag) == 0)
            return true;
    return false;
}

/* A tag and how many challenges have it. */
typedef struct tag_count {
    char *tag;
    int n;
} tag_count;

static int by_tag(const void *a, const void *b)
{
    return strcmp(((const tag_count *)a)->tag, ((const tag_count *)b)->tag);
}

/* `list --tag` with no tag: the tags there are. */
static int list_tags(FILE *out, const catalog *cat)
{
    char **ids;
    int n = catalog_ids(cat, &ids), nt = 0;
    tag_count *t = NULL;
    for (int i = 0; i < n; i++) {
        md_err err;
        char *path = catalog_find(cat, ids[i], &err);
        challenge *c = path ? challenge_load(path, &err) : NULL;
        for (int k = 0; c && k < c->ntags; k++) {
            int j = 0;
            while (j < nt && strcmp(t[j].tag, c->tags[k]) != 0)
                j++;
            if (j == nt) {
                t = xrealloc(t, sizeof *t * (size_t)(nt + 1));
                t[nt++] = (tag_count){xstrdup(c->tags[k]), 0};
            }
            t[j].n++;
        }
        spec_free(c);
        free(path);
        free(ids[i]);
    }
    free(ids);
    if (nt)
        qsort(t, (size_t)nt, sizeof *t, by_tag);
    int w = 0;
    for (int j = 0; j < nt; j++)
        if ((int)strlen(t[j].tag) > w)
            w = (int)strlen(t[j].tag);
    fprintf(out, "Tags (--tag T lists the challenges that have one):\n");
    for (int j = 0; j < nt; j++) {
        fprintf(out, "  %-*s  %d challenge%s\n", w, t[j].tag, t[j].n, t[j].n == 1 ? "" : "s");
        free(t[j].tag);
    }
    free(t);
    return nt;
}

int info_list(FILE *out, const catalog *cat, history *h, const list_filter *f, bool colour)
{
    if (f->tags)
        return list_tags(out, cat);
    char **ids;
    catalog_skip *skipped;
    int nskipped;
    int n = catalog_scan(cat, &ids, &skipped, &nskipped);
    for (int i = 0; i < nskipped; i++)
        fprintf(stderr, "note: skipped %s: %s\n", skipped[i].path, skipped[i].why);
    catalog_skips_free(skipped, nskipped);
    challenge_stats *st = NULL;
    int nst = 0;
    md_err err;
    if (h && (nst = history_stats(h, &st, &err)) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        nst = 0;
    }
    int idw = 12;
    for (int i = 0; i < n; i++)
        if ((int)strlen(ids[i]) > idw)
            idw = (int)strlen(ids[i]);
    const char *g = colour ? "\033[32m" : "", *r = colour ? "\033[0m" : "";
    fprintf(out, "%-*s  %-6s  %5s  %4s  %-6s  %s\n", idw, "id", "level", "time", "best",
            "solved", "title");
    int listed = 0;
    bool failed = false;
    for (int i = 0; i < n; i++) {
        char *path = catalog_find(cat, ids[i], &err);
        challenge *c = path ? challenge_load(path, &err) : NULL;
        free(path);
        if (!c) {
            fprintf(stderr, "%s\n", err.msg);
            failed = true;
            continue;
        }
        if ((f->tag && !has_tag(c, f->tag)) || (f->difficulty >= 0 && (int)c->diff != f->difficulty)) {
            spec_free(c);
            continue;
        }
        const challenge_stats *cs = stats_find(st, nst, c->id);
        char best[16] = "-";
        if (cs)
            snprintf(best, sizeof best, "%.0f", round(cs->best));
        fprintf(out, "%-*s  %-6s  %3d m  %4s  %s%s%s  %s\n", idw, c->id,
                difficulty_name(c->diff), c->minutes, best, g, solved_cell(cs && cs->solved),
                r, c->title);
        listed++;
        spec_free(c);
    }
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    stats_free(st, nst);
    if (listed == 0 && !failed)
        fprintf(out, "(no challenge matches)\n");
    return failed ? -1 : listed;
}

int repl_list(session *s, int argc, char **argv)
{
    list_filter f;
    md_err err;
    if (list_parse(argc, argv, &f, &err) != 0) {
        printf("%s\n", err.msg);
        return 1;
    }
    return info_list(stdout, s->cat, s->hist, &f, s->colour) < 0;
}

/* --- history ------------------------------------------------------------------ */

static void time_used(const attempt *a, char *buf, size_t n)
{
    char used[32], lim[32];
    format_duration(a->elapsed_s, used, sizeof used);
    format_duration(a->limit_s, lim, sizeof lim);
    snprintf(buf, n, "%s/%s", used, lim);
}

/* The help an attempt used, in words (caller frees). */
static char *attempt_help(const attempt *a)
{
    help_used h = {a->hints_used, a->peeked, a->overtime_s};
    return help_describe(&h);
}

static int show_attempt(session *s, const char *id, const char *num)
{
    char *end;
    long n = strtol(num, &end, 10);
    if (*end || n < 1 || n > 1000000) {
        printf("usage: history [ID [N]]   (N is the attempt number)\n");
        return 1;
    }
    attempt a;
    md_err err;
    int rc = history_get(s->hist, id, (int)n, &a, &err);
    if (rc != 0) {
        if (rc > 0)
            printf("%s has no attempt %ld (`history %s` lists them).\n", id, n, id);
        else
            printf("%s\n", err.msg);
        return 1;
    }
    char when[32], used[128];
    format_date(a.submitted_at, when, sizeof when);
    time_used(&a, used, sizeof used);
    char *help = attempt_help(&a);
    printf("%s attempt %d — %s, %s, %s%s%s\n\n", a.challenge, a.n, when, used,
           *help ? "with " : "no help", help,
           strcmp(a.mode, "mock") == 0 ? ", mock interview" : "");
    free(help);
    fputs(a.report_text, stdout);
    printf("\nThe source that was graded:\n\n%s", a.source);
    if (!*a.source || a.source[strlen(a.source) - 1] != '\n')
        putchar('\n');
    attempt_clear(&a);
    return 0;
}

int repl_history(session *s, int argc, char **argv)
{
    if (argc > 3) {
        printf("usage: history [ID [N]]\n");
        return 1;
    }
    if (!s->hist) {
        printf("No history: the database could not be opened.\n");
        return 1;
    }
    if (argc == 3)
        return show_attempt(s, argv[1], argv[2]);
    const char *id = argc == 2 ? argv[1] : NULL;
    attempt *a;
    md_err err;
    int n = history_list(s->hist, id, id ? 0 : 20, &a, &err);
    if (n < 0) {
        printf("%s\n", err.msg);
        return 1;
    }
    if (n == 0) {
        printf("No attempts%s%s yet: `submit` records one.\n", id ? " of " : "", id ? id : "");
        return 0;
    }
    printf("%-18s %4s  %-16s  %5s  %-7s  %-13s %s\n", "challenge", "#", "when", "score",
           "verdict", "time used", "help");
    for (int i = 0; i < n; i++) {
        char when[32], used[128];
        format_date(a[i].submitted_at, when, sizeof when);
        time_used(&a[i], used, sizeof used);
        char *help = attempt_help(&a[i]);
        printf("%-18s %4d  %-16s  %5.0f  %-7s  %-13s %s%s\n", a[i].challenge, a[i].n, when,
               round(a[i].score), a[i].verdict, used, *help ? help : "-",
               strcmp(a[i].mode, "mock") == 0 ? "  (mock)" : "");
        free(help);
    }
    if (!id && n == 20)
        printf("(the latest 20; `history ID` lists all of one challenge)\n");
    printf("`history ID N` shows an attempt's report and source.\n");
    attempts_free(a, n);
    return 0;
}

/* --- stats ----------------------------------------------------------------------- */

static void progress_bar(int done, int total, int width, bool colour)
{
    int full = total > 0 ? (int)lround((double)width * done / total) : 0;
    printf("%s", colour ? "\033[32m" : "");
    for (int i = 0; i < full; i++)
        fputs("█", stdout);
    printf("%s", colour ? "\033[0m" : "");
    for (int i = full; i < width; i++)
        fputs("░", stdout);
}

/* The solved column: unaided, only with help, or not yet. */
static const char *solved_how(const challenge_stats *cs)
{
    return !cs || !cs->solved ? "" : cs->unaided ? "unaided" : "with help";
}

/* The challenges due for review now, named after "Due for review: ". */
static void print_due(const sched_item *items, int n)
{
    int due = 0;
    for (int i = 0; i < n; i++)
        if (items[i].s.state == SCHED_DUE)
            printf("%s%s", due++ ? ", " : "Due for review: ", items[i].id);
    fputs(due ? ".  `next` suggests what to practise.\n"
              : "Nothing is due for review.  `next` suggests what to practise.\n", stdout);
}

int repl_stats(session *s, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    challenge_stats *st = NULL;
    int nst = 0;
    md_err err;
    if (s->hist && (nst = history_stats(s->hist, &st, &err)) < 0) {
        printf("%s\n", err.msg);
        return 1;
    }
    int64_t now = (int64_t)time(NULL);
    sched_item *items;
    int n = review_items(s->cat, s->hist, false, now, &items);
    printf("%-18s %8s  %4s  %-9s  %7s  %s\n", "challenge", "attempts", "best", "solved",
           "fastest", "review");
    int solved = 0, unaided = 0, attempts = 0;
    double best_sum = 0;
    for (int i = 0; i < n; i++) {
        const challenge_stats *cs = stats_find(st, nst, items[i].id);
        char best[16] = "-", fast[32] = "", review[32];
        if (cs) {
            snprintf(best, sizeof best, "%.0f", round(cs->best));
            if (cs->solved)
                format_duration(cs->best_elapsed_s, fast, sizeof fast);
            solved += cs->solved;
            unaided += cs->unaided;
            attempts += cs->attempts;
            best_sum += cs->best;
        }
        review_cell(&items[i].s, now, review, sizeof review);
        printf("%-18s %8d  %4s  %-9s  %7s  %s\n", items[i].id, cs ? cs->attempts : 0, best,
               solved_how(cs), fast, review);
    }
    printf("\nProgress ");
    progress_bar(solved, n, 30, s->colour);
    printf(" %d/%d solved (%d unaided, %d only with help), %d attempt%s, mean best score "
           "over the catalog %.0f\n",
           solved, n, unaided, solved - unaided, attempts, attempts == 1 ? "" : "s",
           n ? best_sum / n : 0.0);
    print_due(items, n);
    review_free(items, n);
    stats_free(st, nst);
    return 0;
}
