#!/usr/bin/env python3
"""mldrill batch on a class of mixed submissions (issue 15, "Done when"):
one folder per student plus a loose file whose name has spaces, quotes and
a comma; a good, a wrong, a crashing, a looping, a forbidden and a
non-compiling solution.  Checks every CSV column of every row, that the
whole points add up, that the JSON carries the same, the feedback files,
and the summary's counts (Markdown and the lines on stdout).

Run by meson with MLDRILL_BIN and MLDRILL_SRC set."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ["MLDRILL_SRC"]
BIN = os.environ["MLDRILL_BIN"]
EX = os.path.join(SRC, "tests", "solutions", "softmax")
LOOSE = "it's \"mine\", v2.c"

# file in the class folder -> (source, student, status, reason kind,
# passed, mistakes, what its feedback must say)
CLASS = {
    "ana/softmax.c": (EX + "/accepted_loops.c", "ana", "graded", "", "yes", "", "Score"),
    "ben/softmax.c": (EX + "/mistake_wrong_axis.c", "ben", "graded", "wrong", "no",
                      "wrong_axis", "P[0,0] is"),
    "cleo/softmax.c": (EX + "/segfault.c", "cleo", "graded", "crash", "no", "",
                       "segmentation fault"),
    "dan/softmax.c": (EX + "/infinite_loop.c", "dan", "graded", "timeout", "no", "",
                      "did not finish"),
    "eve/softmax.c": (SRC + "/tests/faults/socket.c", "eve", "graded", "forbidden", "no", "",
                      "network"),
    "fay/softmax.c": (EX + "/wrong_signature.c", "fay", "compile_error", "compile_error", "no",
                      "", "conflicting types"),
    LOOSE: (EX + "/mistake_no_max_shift.c", "it's \"mine\", v2", "graded", "wrong", "no",
            "no_max_shift", "huge logits"),
}
CRITERIA = ["correctness", "stability", "vectorization", "convergence", "organization"]
COLUMNS = (["submission", "student", "status", "reason", "score", "max", "passed"]
           + [c + s for c in CRITERIA for s in ("", "_max")]
           + ["mistakes", "seed", "seconds"])

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def num(cell):
    return None if cell == "" else int(cell)


def check_row(row, want):
    src, student, status, kind, passed, mistakes, _ = want
    f = row["submission"]
    check(row["student"] == student, f"{f}: student {row['student']!r}, want {student!r}")
    check(row["status"] == status, f"{f}: status {row['status']}, want {status}")
    check(row["reason"].split(":")[0] == kind if kind else row["reason"] == "",
          f"{f}: reason {row['reason']!r}, want kind {kind!r}")
    if kind:
        check(len(row["reason"]) > len(kind) + 2, f"{f}: the reason has no message")
    check(row["passed"] == passed, f"{f}: passed {row['passed']}, want {passed}")
    check(row["mistakes"] == mistakes, f"{f}: mistakes {row['mistakes']!r}, want {mistakes!r}")
    check(row["seed"] == "7", f"{f}: seed {row['seed']}")
    check(float(row["seconds"]) > 0, f"{f}: seconds {row['seconds']}")
    # whole points that add up; a compile error reaches no criterion
    score, mx = num(row["score"]), num(row["max"])
    pts = [num(row[c]) for c in CRITERIA]
    maxes = [num(row[c + "_max"]) for c in CRITERIA]
    check(sum(p or 0 for p in pts) == score, f"{f}: points {pts} do not add up to {score}")
    check(sum(m or 0 for m in maxes) == mx, f"{f}: maxima {maxes} do not add up to {mx}")
    check(0 < mx <= 100, f"{f}: max {mx}")
    for c, p, m in zip(CRITERIA, pts, maxes):
        check(p is None or (m is not None and 0 <= p <= m), f"{f}: {c} {p} of {m}")
    check(maxes[CRITERIA.index("convergence")] is None, f"{f}: softmax has no convergence")
    if status == "compile_error":
        check(all(p is None for p in pts), f"{f}: a compile error reached {pts}")
        check(score == 0, f"{f}: score {score}")
    else:
        check(pts[0] is not None, f"{f}: correctness not reached")
    if student == "ana":
        check(score == mx, f"{f}: the good one scored {score} of {mx}")
    return score


def check_json(rows, data):
    check(data["challenge"] == "softmax", "json: challenge")
    by = {r["submission"]: r for r in data["rows"]}
    for row in rows:
        j = by.get(row["submission"])
        check(j is not None, f"json: no row for {row['submission']}")
        if not j:
            continue
        f = row["submission"]
        check(j["student"] == row["student"], f"json {f}: student")
        check(j["score"] == num(row["score"]) and j["max"] == num(row["max"]), f"json {f}: score")
        kind = row["reason"].split(":")[0]
        check((j["reason"] or {}).get("kind", "") == kind, f"json {f}: reason {j['reason']}")
        for c in CRITERIA:
            jc = j["criteria"].get(c)
            check((jc or {}).get("points") == num(row[c]), f"json {f}: {c} points")
            check((jc or {}).get("max") == num(row[c + "_max"]), f"json {f}: {c} max")
        check(";".join(j["mistakes"]) == row["mistakes"], f"json {f}: mistakes")
        check(j["report"]["challenge"] == "softmax", f"json {f}: the report")
    return by


def expected_counts(data):
    """What the summary must count, from the rows' own reports."""
    cases, mistakes = {}, {}
    for j in data["rows"]:
        for c in j["report"].get("cases", []):
            cases[c["name"]] = cases.get(c["name"], 0) + (c["status"] != "pass")
        for m in j["mistakes"]:
            mistakes[m] = mistakes.get(m, 0) + 1
    return cases, mistakes


def check_summary(md, out, data, scores):
    n = len(CLASS)
    passed = sum(1 for j in data["rows"] if j["passed"])
    check(f"{passed} of {n} passed" in md, f"summary: '{passed} of {n} passed' missing")
    check(f"{passed} of {n} passed" in out, "stdout: the pass rate is missing")
    check("1 did not compile" in md, "summary: the compile error is not counted")
    # the histogram: one line per ten points, the counts add up
    hist = re.findall(r"^ *(\d+)-(\d+) +[\u2588]* ?(\d+)$", md, re.M)
    check(len(hist) == 10, f"summary: {len(hist)} histogram lines")
    check(sum(int(h[2]) for h in hist) == n, "summary: the histogram does not count everyone")
    for lo, hi, count in hist:
        want = sum(1 for s, m in scores if int(lo) <= 100 * s // m <= int(hi))
        check(int(count) == want, f"summary: {count} scores in {lo}-{hi}, want {want}")
    cases, mistakes = expected_counts(data)
    for name, count in mistakes.items():
        check(re.search(rf"^\| `{name}` \| {count} \|", md, re.M),
              f"summary: mistake {name} not counted {count}")
    for name, count in cases.items():
        check(re.search(rf"^\| {re.escape(name)} \| \w+ \| {count} \|$", md, re.M),
              f"summary: case {name!r} not counted {count}")
    check(re.search(r"^\| correctness \| [\d.]+ \| \d+ \| \d+% \| 6 \|$", md, re.M),
          "summary: correctness mean over the 6 that compiled")
    check("mistakes: " in out and "cases failed most: " in out, "stdout: short summary")


def main():
    tmp = tempfile.mkdtemp(prefix="mldrill-class-")
    try:
        cls = os.path.join(tmp, "class")
        for name, want in CLASS.items():
            os.makedirs(os.path.dirname(os.path.join(cls, name)), exist_ok=True)
            shutil.copy(want[0], os.path.join(cls, name))
        out_csv, out_json = os.path.join(tmp, "g.csv"), os.path.join(tmp, "g.json")
        out_md, fb = os.path.join(tmp, "summary.md"), os.path.join(tmp, "feedback")
        p = subprocess.run([BIN, "batch", "softmax", cls, "--seed", "7", "--no-timing",
                            "--csv", out_csv, "--json", out_json, "--summary", out_md,
                            "--feedback", fb], capture_output=True, text=True, timeout=600)
        print(p.stdout, p.stderr)
        check(p.returncode == 0, f"exit status {p.returncode}")
        with open(out_csv, newline="") as f:
            reader = csv.DictReader(f)
            check(reader.fieldnames == COLUMNS, f"columns {reader.fieldnames}")
            rows = list(reader)
        check(len(rows) == len(CLASS), f"{len(rows)} rows")
        scores = []
        for row in rows:
            rel = os.path.relpath(row["submission"], cls)
            check(rel in CLASS, f"unexpected row {row['submission']}")
            if rel in CLASS:
                scores.append((check_row(row, CLASS[rel]), num(row["max"])))
        with open(out_json) as f:
            data = json.load(f)
        check_json(rows, data)
        for rel, want in CLASS.items():
            path = os.path.join(fb, want[1] + ".txt")
            check(os.path.isfile(path), f"no feedback file {path}")
            if os.path.isfile(path):
                with open(path) as f:
                    text = f.read()
                check(want[6] in text, f"{path} does not say {want[6]!r}")
        check(len(os.listdir(fb)) == len(CLASS), f"feedback files: {os.listdir(fb)}")
        with open(out_md) as f:
            check_summary(f.read(), p.stdout, data, scores)
    finally:
        shutil.rmtree(tmp)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
