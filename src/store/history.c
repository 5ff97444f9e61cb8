/* history — see history.h. */

#include "store/history.h"

#include "grade/help.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct history {
    sqlite3 *db;
    char *path;
    int rc;    /* the primary result code of the last failure */
};

/* how long a process waits for another one's lock */
#define BUSY_TIMEOUT_MS 15000

/* Version 1 of the schema.  attempts holds one row per submission; the
 * points of each criterion that applied sit in attempt_criteria, written
 * in the same transaction. */
static const char schema_v1[] =
    "CREATE TABLE attempts("
    "  id INTEGER PRIMARY KEY,"
    "  challenge TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  submitted_at INTEGER NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  elapsed_s REAL NOT NULL,"
    "  limit_s REAL NOT NULL,"
    "  overtime_s REAL NOT NULL,"
    "  hints_used INTEGER NOT NULL,"
    "  score REAL NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  compile_error INTEGER NOT NULL,"
    "  verdict TEXT NOT NULL,"
    "  mode TEXT NOT NULL,"
    "  solution_seen INTEGER NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  report_json TEXT NOT NULL,"
    "  report_text TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  UNIQUE(challenge, n));"
    "CREATE TABLE attempt_criteria("
    "  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
    "  criterion TEXT NOT NULL,"
    "  score REAL NOT NULL,"
    "  max REAL NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  PRIMARY KEY(attempt_id, criterion)) WITHOUT ROWID;"
    "CREATE INDEX attempts_by_time ON attempts(submitted_at);";

/* Version 2: the honest record.  An attempt says whether the model answer
 * was peeked at before it (a v1 attempt made before the time was up with
 * the reference seen could only have seen it by then: that counts) and
 * whether it passed unaided (grade/help.h); pending keeps the clock and
 * the help of a challenge left unfinished, so `start` resumes it.  A
 * pending row with limit_s 0 carries help only (a peek before any
 * start). */
#define STR_(x) #x
#define STR(x) STR_(x)
static const char migrate_v2[] =
    "ALTER TABLE attempts ADD COLUMN peeked INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE attempts ADD COLUMN unaided INTEGER NOT NULL DEFAULT 0;"
    "UPDATE attempts SET peeked = (solution_seen AND overtime_s <= 0);"
    "UPDATE attempts SET unaided = (passed AND NOT peeked AND overtime_s <= 0"
    "  AND hints_used <= " STR(HELP_FREE_HINTS) ");"
    "CREATE TABLE pending("
    "  challenge TEXT PRIMARY KEY,"
    "  started_at INTEGER NOT NULL,"
    "  elapsed_s REAL NOT NULL,"
    "  limit_s REAL NOT NULL,"
    "  hints INTEGER NOT NULL,"
    "  peeked INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL) WITHOUT ROWID;";

/* The steps from each version to the next: migrations[v] takes a
 * database at version v to v + 1. */
static const char *const migrations[HISTORY_SCHEMA_VERSION] = {schema_v1, migrate_v2};

static int db_fail(history *h, md_err *err, const char *what)
{
    h->rc = sqlite3_errcode(h->db);
    return md_fail(err, "%s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
}

static int exec_sql(history *h, const char *sql, md_err *err)
{
    char *msg = NULL;
    if ((h->rc = sqlite3_exec(h->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
        md_fail(err, "%s: %s", h->path, msg ? msg : sqlite3_errmsg(h->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int user_version(history *h, int *v, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the schema version");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(h, err, "reading the schema version");
}

/* Creates the schema on first use.  BEGIN IMMEDIATE takes the write lock
 * first, so two processes opening a new database do not both create it. */
static int ensure_schema(history *h, md_err *err)
{
    int v;
    if (user_version(h, &v, err) != 0)
        return -1;
    if (v == HISTORY_SCHEMA_VERSION)
        return 0;
    if (v > HISTORY_SCHEMA_VERSION)
        return md_fail(err, "%s: the history was written by a newer mldrill (schema %d; "
                            "this one knows %d)", h->path, v, HISTORY_SCHEMA_VERSION);
    if (exec_sql(h, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    if (user_version(h, &v, err) != 0)
        goto rollback;
    /* another process may have created or migrated it meanwhile; and a
     * newer one in between is still refused */
    if (v > HISTORY_SCHEMA_VERSION) {
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
        return ensure_schema(h, err);
    }
    /* one step at a time, all in this transaction: a database is at one
     * version or the next, never in between */
    for (; v < HISTORY_SCHEMA_VERSION; v++) {
        char *sql = xasprintf("%s PRAGMA user_version = %d;", migrations[v], v + 1);
        int rc = exec_sql(h, sql, err);
        free(sql);
        if (rc != 0)
            goto rollback;
    }
    return exec_sql(h, "COMMIT", err);
rollback:
    sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static history *open_db(const char *path, bool create, md_err *err)
{
    char *p;
    if (path) {
        p = xstrdup(path);
    } else {
        char *dir = xdg_state_dir(err);
        if (!dir)
            return NULL;
        p = path_join(dir, "history.sqlite3");
        free(dir);
    }
    if (!create && !file_exists(p)) {
        free(p);
        if (err)
            err->msg[0] = '\0';
        return NULL;
    }
    history *h = xcalloc(1, sizeof *h);
    h->path = p;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(p, &h->db, flags, NULL) != SQLITE_OK) {
        db_fail(h, err, "cannot open the history");
        history_close(h);
        return NULL;
    }
    /* another REPL may hold the write lock for the length of a commit */
    sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
    /* Switching a new database to WAL, and the first read while another
     * process does it, answer SQLITE_BUSY at once without consulting the
     * busy handler: two REPLs started together would lose the history.
     * So the set-up is retried until the same deadline. */
    double deadline = now_seconds() + BUSY_TIMEOUT_MS / 1000.0;
    for (;;) {
        h->rc = SQLITE_OK;
        /* WAL: readers never block the writer, and a crash mid-write
         * leaves the uncommitted frames out; NORMAL is crash-safe in WAL */
        if (exec_sql(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        "PRAGMA foreign_keys=ON;", err) == 0 &&
            ensure_schema(h, err) == 0)
            return h;
        if ((h->rc != SQLITE_BUSY && h->rc != SQLITE_LOCKED) || now_seconds() > deadline)
            break;
        sleep_seconds(0.010);
    }
    history_close(h);
    return NULL;
}

history *history_open(const char *path, md_err *err)
{
    return open_db(path, true, err);
}

history *history_open_existing(const char *path, md_err *err)
{
    return open_db(path, false, err);
}

void history_close(history *h)
{
    if (!h)
        return;
    sqlite3_close(h->db);
    free(h->path);
    free(h);
}

const char *history_path(const history *h)
{
    return h->path;
}

/* --- recording ---------------------------------------------------------- */

static int next_number(history *h, const char *challenge, int *n, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT coalesce(max(n), 0) + 1 FROM attempts "
                                  "WHERE challenge = ?", -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "numbering the attempt");
    sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : db_fail(h, err, "numbering the attempt");
}

static int insert_attempt(history *h, const report *r, const attempt_meta *m,
                          const char *source, int n, md_err *err)
{
    static const char sql[] =
        "INSERT INTO attempts(challenge, n, submitted_at, started_at, elapsed_s, limit_s,"
        " overtime_s, hints_used, score, passed, compile_error, verdict, mode,"
        " solution_seen, seed, report_json, report_text, source, peeked, unaided)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "recording the attempt");
    char *json = report_json(r), *text = report_text(r, false);
    int k = 1;
    sqlite3_bind_text(st, k++, r->challenge, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, k++, n);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)time(NULL));
    sqlite3_bind_int64(st, k++, m->started_at);
    sqlite3_bind_double(st, k++, m->elapsed_s);
    sqlite3_bind_double(st, k++, m->limit_s);
    sqlite3_bind_double(st, k++, r->overtime_s > 0 ? r->overtime_s : 0);
    sqlite3_bind_int(st, k++, r->hints_used);
    sqlite3_bind_double(st, k++, r->score);
    sqlite3_bind_int(st, k++, r->passed);
    sqlite3_bind_int(st, k++, r->compile_error);
    sqlite3_bind_text(st, k++, r->verdict ? r->verdict : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, m->mode ? m->mode : "practice", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, k++, m->solution_seen);
    sqlite3_bind_int64(st, k++, (sqlite3_int64)r->seed);
    sqlite3_bind_text(st, k++, json, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, source ? source : "", -1, SQLITE_STATIC);
    help_used help = {r->hints_used, m->peeked, r->overtime_s};
    sqlite3_bind_int(st, k++, m->peeked);
    sqlite3_bind_int(st, k++, r->passed && help_unaided(&help));
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(h, err, "recording the attempt");
    sqlite3_finalize(st);
    free(json);
    free(text);
    return rc;
}

static int insert_criteria(history *h, const report *r, sqlite3_int64 id, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "INSERT INTO attempt_criteria(attempt_id, criterion,"
                                  " score, max, passed) VALUES(?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "recording the criteria");
    int rc = 0;
    for (int k = 0; k < CRIT_COUNT && rc == 0; k++) {
        const rcriterion *c = &r->crit[k];
        if (!c->applies)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, criterion_name((criterion)k), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, c->score);
        sqlite3_bind_double(st, 4, c->max);
        sqlite3_bind_int(st, 5, c->passed);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = db_fail(h, err, "recording the criteria");
    }
    sqlite3_finalize(st);
    return rc;
}

/* A pass ends the run: the next start is a fresh one. */
static int drop_pending(history *h, const char *challenge, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "DELETE FROM pending WHERE challenge = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return db_fail(h, err, "ending the run");
    sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(h, err, "ending the run");
    sqlite3_finalize(st);
    return rc;
}

int history_record(history *h, const report *r, const attempt_meta *m, const char *source,
                   int *n, md_err *err)
{
    /* the write lock first: the attempt number and the rows are one unit */
    if (exec_sql(h, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    int num = 0;
    if (next_number(h, r->challenge, &num, err) != 0 ||
        insert_attempt(h, r, m, source, num, err) != 0 ||
        insert_criteria(h, r, sqlite3_last_insert_rowid(h->db), err) != 0 ||
        (r->passed && drop_pending(h, r->challenge, err) != 0) ||
        exec_sql(h, "COMMIT", err) != 0) {
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (n)
        *n = num;
    return 0;
}

/* --- reading ------------------------------------------------------------ */

#define ATTEMPT_COLUMNS                                                                 \
    "id, challenge, n, submitted_at, started_at, elapsed_s, limit_s, overtime_s,"      \
    " hints_used, score, passed, compile_error, solution_seen, verdict, mode, seed,"      \
    " peeked, unaided"

#define ATTEMPT_NCOLUMNS 18

static char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return xstrdup(t ? (const char *)t : "");
}

static void read_attempt(sqlite3_stmt *st, attempt *a)
{
    memset(a, 0, sizeof *a);
    int k = 0;
    a->id = sqlite3_column_int64(st, k++);
    a->challenge = col_text(st, k++);
    a->n = sqlite3_column_int(st, k++);
    a->submitted_at = sqlite3_column_int64(st, k++);
    a->started_at = sqlite3_column_int64(st, k++);
    a->elapsed_s = sqlite3_column_double(st, k++);
    a->limit_s = sqlite3_column_double(st, k++);
    a->overtime_s = sqlite3_column_double(st, k++);
    a->hints_used = sqlite3_column_int(st, k++);
    a->score = sqlite3_column_double(st, k++);
    a->passed = sqlite3_column_int(st, k++);
    a->compile_error = sqlite3_column_int(st, k++);
    a->solution_seen = sqlite3_column_int(st, k++);
    a->verdict = col_text(st, k++);
    a->mode = col_text(st, k++);
    a->seed = (uint64_t)sqlite3_column_int64(st, k++);
    a->peeked = sqlite3_column_int(st, k++);
    a->unaided = sqlite3_column_int(st, k++);
}

static int read_criteria(history *h, attempt *a, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT criterion, score, max, passed FROM "
                                  "attempt_criteria WHERE attempt_id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the criteria");
    sqlite3_bind_int64(st, 1, a->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = criterion_from_name((const char *)sqlite3_column_text(st, 0));
        if (k < 0)
            continue;
        a->crit_applies[k] = true;
        a->crit_score[k] = sqlite3_column_double(st, 1);
        a->crit_max[k] = sqlite3_column_double(st, 2);
        a->crit_passed[k] = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(h, err, "reading the criteria");
}

int history_list(history *h, const char *challenge, int limit, attempt **out, md_err *err)
{
    *out = NULL;
    char *sql = xasprintf("SELECT " ATTEMPT_COLUMNS " FROM attempts %s "
                          "ORDER BY submitted_at DESC, id DESC LIMIT %d",
                          challenge ? "WHERE challenge = ?" : "", limit > 0 ? limit : -1);
    sqlite3_stmt *st;
    int prc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    free(sql);
    if (prc != SQLITE_OK)
        return db_fail(h, err, "listing the attempts");
    if (challenge)
        sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    int n = 0, rc;
    attempt *a = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        a = xrealloc(a, sizeof *a * (size_t)(n + 1));
        read_attempt(st, &a[n++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        attempts_free(a, n);
        return db_fail(h, err, "listing the attempts");
    }
    for (int i = 0; i < n; i++)
        if (read_criteria(h, &a[i], err) != 0) {
            attempts_free(a, n);
            return -1;
        }
    *out = a;
    return n;
}

int history_get(history *h, const char *challenge, int n, attempt *out, md_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT " ATTEMPT_COLUMNS ", report_json, report_text,"
                                  " source FROM attempts WHERE challenge = ? AND n = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the attempt");
    sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, n);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_attempt(st, out);
        out->report_json = col_text(st, ATTEMPT_NCOLUMNS);
        out->report_text = col_text(st, ATTEMPT_NCOLUMNS + 1);
        out->source = col_text(st, ATTEMPT_NCOLUMNS + 2);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 1;
    if (rc != SQLITE_ROW)
        return db_fail(h, err, "reading the attempt");
    if (read_criteria(h, out, err) != 0) {
        attempt_clear(out);
        return -1;
    }
    return 0;
}

int history_stats(history *h, challenge_stats **out, md_err *err)
{
    *out = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db,
                           "SELECT challenge, count(*), max(score), max(passed),"
                           " max(submitted_at), min(CASE WHEN passed THEN elapsed_s END),"
                           " max(unaided)"
                           " FROM attempts GROUP BY challenge ORDER BY challenge",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the statistics");
    int n = 0, rc;
    challenge_stats *s = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        s = xrealloc(s, sizeof *s * (size_t)(n + 1));
        challenge_stats *c = &s[n++];
        c->challenge = col_text(st, 0);
        c->attempts = sqlite3_column_int(st, 1);
        c->best = sqlite3_column_double(st, 2);
        c->solved = sqlite3_column_int(st, 3);
        c->last_at = sqlite3_column_int64(st, 4);
        c->best_elapsed_s = sqlite3_column_double(st, 5);
        c->unaided = sqlite3_column_int(st, 6);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        stats_free(s, n);
        return db_fail(h, err, "reading the statistics");
    }
    *out = s;
    return n;
}

int history_outcomes(history *h, history_outcome **out, md_err *err)
{
    *out = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db,
                           "SELECT challenge, submitted_at, started_at, passed, unaided,"
                           " verdict = 'strong' FROM attempts"
                           " ORDER BY challenge, submitted_at, id",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the outcomes");
    int n = 0, rc;
    history_outcome *o = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        o = xrealloc(o, sizeof *o * (size_t)(n + 1));
        history_outcome *x = &o[n++];
        x->challenge = col_text(st, 0);
        x->a.at = sqlite3_column_int64(st, 1);
        x->a.run = sqlite3_column_int64(st, 2);
        x->a.passed = sqlite3_column_int(st, 3);
        x->a.unaided = sqlite3_column_int(st, 4);
        x->a.strong = sqlite3_column_int(st, 5);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        outcomes_free(o, n);
        return db_fail(h, err, "reading the outcomes");
    }
    *out = o;
    return n;
}

void outcomes_free(history_outcome *o, int n)
{
    for (int i = 0; i < n; i++)
        free(o[i].challenge);
    free(o);
}

/* --- pending ------------------------------------------------------------ */

int history_pending_get(history *h, const char *challenge, pending *out, md_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT started_at, elapsed_s, limit_s, hints, peeked"
                                  " FROM pending WHERE challenge = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "reading the unfinished challenge");
    sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->started_at = sqlite3_column_int64(st, 0);
        out->elapsed_s = sqlite3_column_double(st, 1);
        out->limit_s = sqlite3_column_double(st, 2);
        out->hints = sqlite3_column_int(st, 3);
        out->peeked = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : db_fail(h, err, "reading the unfinished challenge");
}

int history_pending_put(history *h, const char *challenge, const pending *p, md_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "INSERT OR REPLACE INTO pending(challenge, started_at,"
                                  " elapsed_s, limit_s, hints, peeked, updated_at)"
                                  " VALUES(?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "keeping the unfinished challenge");
    sqlite3_bind_text(st, 1, challenge, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, p->started_at);
    sqlite3_bind_double(st, 3, p->elapsed_s);
    sqlite3_bind_double(st, 4, p->limit_s);
    sqlite3_bind_int(st, 5, p->hints);
    sqlite3_bind_int(st, 6, p->peeked);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)time(NULL));
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0
                                             : db_fail(h, err, "keeping the unfinished challenge");
    sqlite3_finalize(st);
    return rc;
}

int history_pending_ids(history *h, char ***ids, md_err *err)
{
    *ids = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT challenge FROM pending WHERE limit_s > 0"
                                  " ORDER BY challenge", -1, &st, NULL) != SQLITE_OK)
        return db_fail(h, err, "listing the unfinished challenges");
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, sizeof(char *) * (size_t)(n + 1));
        (*ids)[n++] = col_text(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        for (int i = 0; i < n; i++)
            free((*ids)[i]);
        free(*ids);
        *ids = NULL;
        return db_fail(h, err, "listing the unfinished challenges");
    }
    return n;
}

void attempt_clear(attempt *a)
{
    if (!a)
        return;
    free(a->challenge);
    free(a->verdict);
    free(a->mode);
    free(a->report_json);
    free(a->report_text);
    free(a->source);
    memset(a, 0, sizeof *a);
}

void attempts_free(attempt *a, int n)
{
    for (int i = 0; i < n; i++)
        attempt_clear(&a[i]);
    free(a);
}

void stats_free(challenge_stats *s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i].challenge);
    free(s);
}

const challenge_stats *stats_find(const challenge_stats *s, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].challenge, id) == 0)
            return &s[i];
    return NULL;
}
