/* The history database: attempts recorded and read back whole, numbered
 * per challenge; several processes recording at once lose nothing; a
 * process killed (SIGKILL) while recording leaves a sound database in
 * which every attempt is complete; a newer schema is refused, an older
 * one (tests/repl/data/history-v1.sql) is migrated with its attempts
 * kept; the help of an attempt decides whether it was unaided; an
 * unfinished challenge's clock is kept until a pass ends its run. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "spec/catalog.h"
#include "spec/challenge.h"
#include "store/history.h"
#include "spec/spec.h"

static challenge *load(const char *id)
{
    catalog *cat = catalog_open(NULL, 0);
    md_err err;
    char *path = catalog_find(cat, id, &err);
    challenge *c = path ? challenge_load(path, &err) : NULL;
    free(path);
    catalog_free(cat);
    if (!c)
        fprintf(stderr, "%s\n", err.msg);
    return c;
}

/* A graded-looking report: every criterion that applies gets points. */
static report *fake_report(const challenge *c, double frac)
{
    report *r = report_new(c);
    double total = 0, max = 0;
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (!r->crit[k].applies)
            continue;
        r->crit[k].score = r->crit[k].max * frac;
        r->crit[k].passed = frac >= 0.5;
        r->crit[k].summary = xstrdup("fake");
        total += r->crit[k].score;
        max += r->crit[k].max;
    }
    r->score = 100 * total / max;
    r->passed = frac >= 0.7;
    r->verdict = r->passed ? "pass" : "not yet";
    r->seed = 12345;
    return r;
}

static char *tmp_db(void)
{
    char tmpl[] = "/tmp/mldrill-history-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return path_join(d, "history.sqlite3");
}

/* Removes a database made by tmp_db, its directory with it, and frees db. */
static void drop_db(char *db)
{
    char *dir = path_dirname(db);
    remove_tree(dir);
    free(dir);
    free(db);
}

static int applying(const report *r)
{
    int n = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        n += r->crit[k].applies;
    return n;
}

static void an_attempt_should_read_back_whole(void **state)
{
    (void)state;
    challenge *c = load("kmeans");
    assert_non_null(c);
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    report *r = fake_report(c, 0.8);
    r->hints_used = 2;
    r->overtime_s = 65;
    attempt_meta m = {"practice", 1700000000, 1865.5, 1800, true, true};
    int n = 0;
    assert_int_equal(history_record(h, r, &m, "int kmeans(void) { return 1; }\n", &n, &err), 0);
    assert_int_equal(n, 1);
    report *r2 = fake_report(c, 0.3);
    assert_int_equal(history_record(h, r2, &m, "/* second */\n", &n, &err), 0);
    assert_int_equal(n, 2);

    attempt a;
    assert_int_equal(history_get(h, "kmeans", 1, &a, &err), 0);
    assert_string_equal(a.challenge, "kmeans");
    assert_int_equal(a.n, 1);
    assert_int_equal(a.hints_used, 2);
    assert_true(a.overtime_s == 65);
    assert_true(a.elapsed_s == 1865.5 && a.limit_s == 1800);
    assert_true(a.solution_seen && a.passed && !a.compile_error);
    assert_true(a.seed == 12345);
    assert_string_equal(a.source, "int kmeans(void) { return 1; }\n");
    assert_string_equal(a.mode, "practice");
    assert_true(a.report_json[0] == '{' && strstr(a.report_json, "\"kmeans\""));
    assert_non_null(strstr(a.report_text, "Score 80/100"));
    assert_non_null(strstr(a.report_text, " — with 2 hints, overtime +1:05\n"));
    for (int k = 0; k < CRIT_COUNT; k++) {
        assert_int_equal(a.crit_applies[k], r->crit[k].applies);
        if (a.crit_applies[k])
            assert_true(a.crit_score[k] == r->crit[k].score && a.crit_max[k] == r->crit[k].max);
    }
    attempt_clear(&a);
    assert_int_equal(history_get(h, "kmeans", 3, &a, &err), 1);    /* no such attempt */

    attempt *list;
    int k = history_list(h, "kmeans", 0, &list, &err);
    assert_int_equal(k, 2);
    assert_int_equal(list[0].n, 2);    /* newest first */
    assert_null(list[0].source);
    attempts_free(list, k);
    assert_int_equal(history_list(h, "softmax", 0, &list, &err), 0);
    attempts_free(list, 0);

    challenge_stats *st;
    int ns = history_stats(h, &st, &err);
    assert_int_equal(ns, 1);
    assert_int_equal(st[0].attempts, 2);
    assert_true(st[0].solved);
    assert_true(st[0].best > 79.9 && st[0].best < 80.1);
    assert_true(st[0].best_elapsed_s == 1865.5);
    assert_non_null(stats_find(st, ns, "kmeans"));
    assert_null(stats_find(st, ns, "softmax"));
    stats_free(st, ns);

    report_free(r);
    report_free(r2);
    history_close(h);
    spec_free(c);
    drop_db(db);
}

static void numbers_should_count_per_challenge(void **state)
{
    (void)state;
    challenge *a = load("softmax"), *b = load("logreg");
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    attempt_meta m = {"mock", 0, 10, 600, false, false};
    report *ra = fake_report(a, 1), *rb = fake_report(b, 0.1);
    int n;
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(history_record(h, ra, &m, "a", &n, &err), 0);
        assert_int_equal(n, i);
    }
    assert_int_equal(history_record(h, rb, &m, "b", &n, &err), 0);
    assert_int_equal(n, 1);
    report_free(ra);
    report_free(rb);
    history_close(h);
    spec_free(a);
    spec_free(b);
    drop_db(db);
}

static void a_newer_schema_should_be_refused(void **state)
{
    (void)state;
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    history_close(h);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    assert_null(history_open(db, &err));
    assert_non_null(strstr(err.msg, "newer mldrill"));
    drop_db(db);
}

static void open_existing_should_not_create_a_database(void **state)
{
    (void)state;
    char *db = tmp_db();
    md_err err;
    assert_null(history_open_existing(db, &err));
    assert_string_equal(err.msg, "");
    assert_false(file_exists(db));
    drop_db(db);
}

/* Checks every attempt is whole: its criteria rows, its source, and the
 * numbers 1..n with none missing or repeated.  Returns the count. */
static int check_sound(const char *db, const char *id, int ncrit, size_t srclen)
{
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    /* no orphan or missing criteria rows */
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*) FROM attempts a WHERE (SELECT count(*) "
                                        "FROM attempt_criteria c WHERE c.attempt_id = a.id) != ?",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int(st, 1, ncrit);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);

    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    attempt *a;
    int n = history_list(h, id, 0, &a, &err);
    assert_true(n >= 0);
    char *seen = xcalloc((size_t)n + 2, 1);
    for (int i = 0; i < n; i++) {
        assert_true(a[i].n >= 1 && a[i].n <= n);
        assert_false(seen[a[i].n]);
        seen[a[i].n] = 1;
        attempt full;
        assert_int_equal(history_get(h, id, a[i].n, &full, &err), 0);
        assert_int_equal(strlen(full.source), srclen);
        attempt_clear(&full);
    }
    free(seen);
    attempts_free(a, n);
    history_close(h);
    return n;
}

static void concurrent_writers_should_lose_nothing(void **state)
{
    (void)state;
    challenge *c = load("softmax");
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);    /* created before the race */
    history_close(h);
    enum { WRITERS = 4, EACH = 20 };
    pid_t pids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            history *hh = history_open(db, &err);
            report *r = fake_report(c, 0.9);
            attempt_meta m = {"practice", 0, 1, 600, false, false};
            int bad = !hh;
            for (int i = 0; i < EACH && !bad; i++)
                bad = history_record(hh, r, &m, "src", NULL, &err) != 0;
            if (bad)
                fprintf(stderr, "writer %d: %s\n", w, err.msg);
            _exit(bad);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int st;
        waitpid(pids[w], &st, 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    report *r = fake_report(c, 0.9);
    assert_int_equal(check_sound(db, "softmax", applying(r), 3), WRITERS * EACH);
    report_free(r);
    spec_free(c);
    drop_db(db);
}

/* Several processes opening a database that does not exist yet (two REPLs
 * started together on a fresh machine): each gets a usable history.
 * Switching to WAL answers SQLITE_BUSY without the busy handler, so
 * before the open retried, every run of 150 rounds lost some (3 or more). */
static void concurrent_first_opens_should_all_succeed(void **state)
{
    (void)state;
    enum { ROUNDS = 150, OPENERS = 3 };
    int failed = 0;
    for (int round = 0; round < ROUNDS; round++) {
        char *db = tmp_db();
        pid_t pids[OPENERS];
        for (int k = 0; k < OPENERS; k++) {
            pids[k] = fork();
            if (pids[k] == 0) {
                md_err err;
                history *h = history_open(db, &err);
                if (!h)
                    fprintf(stderr, "round %d, opener %d: %s\n", round, k, err.msg);
                history_close(h);
                _exit(!h);
            }
        }
        for (int k = 0; k < OPENERS; k++) {
            int st;
            waitpid(pids[k], &st, 0);
            failed += !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        }
        drop_db(db);
    }
    assert_int_equal(failed, 0);
}

static void sigkill_while_recording_should_leave_a_sound_database(void **state)
{
    (void)state;
    challenge *c = load("logreg");
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    history_close(h);
    /* a large source makes each transaction long enough to be hit */
    size_t srclen = 256 * 1024;
    char *src = xmalloc(srclen + 1);
    memset(src, 'x', srclen);
    src[srclen] = '\0';
    srand((unsigned)time(NULL));
    for (int round = 0; round < 12; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            history *hh = history_open(db, &err);
            report *r = fake_report(c, 0.5);
            attempt_meta m = {"practice", 0, 1, 600, false, false};
            for (;;)
                if (!hh || history_record(hh, r, &m, src, NULL, &err) != 0)
                    _exit(1);
        }
        usleep(20000 + (useconds_t)(rand() % 60000));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        assert_true(WIFSIGNALED(st));    /* it was still writing when killed */
    }
    report *r = fake_report(c, 0.5);
    int n = check_sound(db, "logreg", applying(r), srclen);
    assert_true(n > 0);
    /* and the next REPL records as usual */
    h = history_open(db, &err);
    attempt_meta m = {"practice", 0, 1, 600, false, false};
    int num;
    assert_int_equal(history_record(h, r, &m, src, &num, &err), 0);
    assert_int_equal(num, n + 1);
    history_close(h);
    report_free(r);
    free(src);
    spec_free(c);
    drop_db(db);
}


static void a_v1_database_should_migrate_and_keep_its_attempts(void **state)
{
    (void)state;
    char *db = tmp_db();
    char *fixture = path_join(getenv("MLDRILL_SRC"), "tests/repl/data/history-v1.sql");
    char *sql = file_read(fixture, NULL, NULL);
    assert_non_null(sql);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);

    md_err err;
    history *h = history_open(db, &err);
    assert_non_null(h);
    /* every attempt is still there, whole, with its help worked out */
    static const struct {
        const char *id;
        int n;
        bool peeked, unaided;
    } want[] = {
        {"kmeans", 1, false, true},   {"kmeans", 2, false, false},   /* 3 hints */
        {"softmax", 1, true, false},  {"softmax", 2, false, false},  /* overtime */
        {"logreg", 1, false, false},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        attempt a;
        assert_int_equal(history_get(h, want[i].id, want[i].n, &a, &err), 0);
        assert_int_equal(a.peeked, want[i].peeked);
        assert_int_equal(a.unaided, want[i].unaided);
        assert_non_null(strstr(a.report_text, "Score "));
        attempt_clear(&a);
    }
    attempt a;
    assert_int_equal(history_get(h, "kmeans", 1, &a, &err), 0);
    assert_true(a.crit_applies[CRIT_CORRECTNESS] && a.crit_score[CRIT_CORRECTNESS] == 40);
    assert_string_equal(a.source, "int a;");
    attempt_clear(&a);
    challenge_stats *st;
    int ns = history_stats(h, &st, &err);
    assert_int_equal(ns, 3);
    assert_true(stats_find(st, ns, "kmeans")->unaided);
    assert_false(stats_find(st, ns, "softmax")->unaided);
    assert_true(stats_find(st, ns, "softmax")->solved);
    stats_free(st, ns);
    /* the new parts work on it, and reopening changes nothing */
    pending p = {1700000000, 90, 600, 2, true};
    assert_int_equal(history_pending_put(h, "knn", &p, &err), 0);
    history_close(h);
    h = history_open(db, &err);
    assert_non_null(h);
    pending q;
    assert_int_equal(history_pending_get(h, "knn", &q, &err), 0);
    assert_true(q.elapsed_s == 90 && q.hints == 2 && q.peeked);
    history_close(h);
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    sqlite3_stmt *v;
    assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &v, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(v), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(v, 0), HISTORY_SCHEMA_VERSION);
    sqlite3_finalize(v);
    sqlite3_close(raw);
    free(sql);
    free(fixture);
    drop_db(db);
}

static void help_should_decide_whether_a_pass_was_unaided(void **state)
{
    (void)state;
    challenge *c = load("softmax");
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    static const struct {
        double frac;
        int hints;
        bool peeked;
        double overtime;
        bool unaided;
    } rows[] = {
        {1, 0, false, 0, true},   {1, 1, false, 0, true},   {1, 2, false, 0, false},
        {1, 0, true, 0, false},   {1, 0, false, 5, false},  {0.3, 0, false, 0, false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        report *r = fake_report(c, rows[i].frac);
        r->hints_used = rows[i].hints;
        r->overtime_s = rows[i].overtime;
        attempt_meta m = {"practice", 1700000000 + (int64_t)i, 60, 600, rows[i].peeked,
                          rows[i].peeked};
        int n;
        assert_int_equal(history_record(h, r, &m, "x", &n, &err), 0);
        attempt a;
        assert_int_equal(history_get(h, "softmax", n, &a, &err), 0);
        assert_int_equal(a.unaided, rows[i].unaided);
        assert_int_equal(a.peeked, rows[i].peeked);
        attempt_clear(&a);
        report_free(r);
    }
    history_outcome *o;
    int k = history_outcomes(h, &o, &err);
    assert_int_equal(k, 6);
    assert_true(o[0].a.passed && o[0].a.unaided && o[0].a.run == 1700000000);
    assert_false(o[5].a.passed);
    outcomes_free(o, k);
    history_close(h);
    spec_free(c);
    drop_db(db);
}

static void a_pass_should_end_the_pending_run(void **state)
{
    (void)state;
    challenge *c = load("softmax");
    char *db = tmp_db();
    md_err err;
    history *h = history_open(db, &err);
    pending p = {1700000000, 125.5, 600, 3, false}, q;
    assert_int_equal(history_pending_get(h, "softmax", &q, &err), 1);
    assert_int_equal(history_pending_put(h, "softmax", &p, &err), 0);
    p.elapsed_s = 200;    /* replaced, not added */
    assert_int_equal(history_pending_put(h, "softmax", &p, &err), 0);
    pending only_help = {0, 0, 0, 0, true};
    assert_int_equal(history_pending_put(h, "knn", &only_help, &err), 0);
    char **ids;
    int k = history_pending_ids(h, &ids, &err);
    assert_int_equal(k, 1);    /* a peek alone is no clock */
    assert_string_equal(ids[0], "softmax");
    free(ids[0]);
    free(ids);
    assert_int_equal(history_pending_get(h, "softmax", &q, &err), 0);
    assert_true(q.elapsed_s == 200 && q.limit_s == 600 && q.hints == 3 && !q.peeked);
    assert_true(q.started_at == 1700000000);
    /* a failed submit keeps it, a pass ends it */
    attempt_meta m = {"practice", 1700000000, 200, 600, false, false};
    report *fail = fake_report(c, 0.3), *pass = fake_report(c, 1);
    assert_int_equal(history_record(h, fail, &m, "x", NULL, &err), 0);
    assert_int_equal(history_pending_get(h, "softmax", &q, &err), 0);
    assert_int_equal(history_record(h, pass, &m, "x", NULL, &err), 0);
    assert_int_equal(history_pending_get(h, "softmax", &q, &err), 1);
    assert_int_equal(history_pending_get(h, "knn", &q, &err), 0);
    report_free(fail);
    report_free(pass);
    history_close(h);
    spec_free(c);
    drop_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_attempt_should_read_back_whole),
        cmocka_unit_test(numbers_should_count_per_challenge),
        cmocka_unit_test(a_newer_schema_should_be_refused),
        cmocka_unit_test(open_existing_should_not_create_a_database),
        cmocka_unit_test(a_v1_database_should_migrate_and_keep_its_attempts),
        cmocka_unit_test(help_should_decide_whether_a_pass_was_unaided),
        cmocka_unit_test(a_pass_should_end_the_pending_run),
        cmocka_unit_test(concurrent_writers_should_lose_nothing),
        cmocka_unit_test(concurrent_first_opens_should_all_succeed),
        cmocka_unit_test(sigkill_while_recording_should_leave_a_sound_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
