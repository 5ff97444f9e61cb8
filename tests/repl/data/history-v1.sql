-- A history database as mldrill wrote it with schema version 1 (before
-- the honest record): the test opens it with the current mldrill and
-- checks the migration.  The schema is version 1's, verbatim.
CREATE TABLE attempts(  id INTEGER PRIMARY KEY,  challenge TEXT NOT NULL,  n INTEGER NOT NULL,  submitted_at INTEGER NOT NULL,  started_at INTEGER NOT NULL,  elapsed_s REAL NOT NULL,  limit_s REAL NOT NULL,  overtime_s REAL NOT NULL,  hints_used INTEGER NOT NULL,  score REAL NOT NULL,  passed INTEGER NOT NULL,  compile_error INTEGER NOT NULL,  verdict TEXT NOT NULL,  mode TEXT NOT NULL,  solution_seen INTEGER NOT NULL,  seed INTEGER NOT NULL,  report_json TEXT NOT NULL,  report_text TEXT NOT NULL,  source TEXT NOT NULL,  UNIQUE(challenge, n));
CREATE TABLE attempt_criteria(  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,  criterion TEXT NOT NULL,  score REAL NOT NULL,  max REAL NOT NULL,  passed INTEGER NOT NULL,  PRIMARY KEY(attempt_id, criterion)) WITHOUT ROWID;
CREATE INDEX attempts_by_time ON attempts(submitted_at);
-- id, challenge, n, submitted_at, started_at, elapsed_s, limit_s, overtime_s,
-- hints_used, score, passed, compile_error, verdict, mode, solution_seen, seed
-- unaided: passed, no help
INSERT INTO attempts VALUES(1, 'kmeans', 1, 1700000600, 1700000000, 600, 1800, 0, 1, 97, 1, 0, 'strong', 'practice', 0, 7, '{}', 'Score 97/100 — strong', 'int a;');
-- three hints: "strong" then, not unaided now
INSERT INTO attempts VALUES(2, 'kmeans', 2, 1700100600, 1700100000, 600, 1800, 0, 3, 98, 1, 0, 'strong', 'practice', 0, 8, '{}', 'Score 98/100 — strong', 'int b;');
-- the reference seen before the time was up: a peek
INSERT INTO attempts VALUES(3, 'softmax', 1, 1700000300, 1700000000, 300, 600, 0, 0, 99, 1, 0, 'strong', 'practice', 1, 9, '{}', 'Score 99/100 — strong', 'int c;');
-- seen once the time was up: no peek, but overtime
INSERT INTO attempts VALUES(4, 'softmax', 2, 1700200700, 1700200000, 700, 600, 100, 0, 99, 1, 0, 'strong', 'practice', 1, 10, '{}', 'Score 99/100 — strong', 'int d;');
-- not passed
INSERT INTO attempts VALUES(5, 'logreg', 1, 1700000900, 1700000000, 900, 1800, 0, 0, 40, 0, 0, 'not yet', 'mock', 0, 11, '{}', 'Score 40/100 — not yet', 'int e;');
INSERT INTO attempt_criteria VALUES(1, 'correctness', 40, 40, 1);
INSERT INTO attempt_criteria VALUES(1, 'stability', 20, 20, 1);
PRAGMA user_version = 1;
