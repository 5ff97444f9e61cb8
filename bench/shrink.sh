#!/bin/sh
# bench/shrink.sh — shrinking (grade/shrink.h) over every example solution:
# how often a failed hidden case gets a smaller case that fails the same
# way, how much smaller (elements of its arrays, original / shrunk), and
# the time shrinking adds to a grading (its own clock, and end to end
# against --no-shrink).
#
#   bench/shrink.sh [BUILD_DIR] [SEED]
#
# Goals (issue 13): a smaller case for most failed hidden cases; the
# median added time under 0.5 s.  Timing is skipped (--no-timing): it
# runs only for correct solutions, which have nothing to shrink.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
seed=${2:-1}
mldrill="$build/src/mldrill"
[ -x "$mldrill" ] || { echo "build first: ninja -C $build" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
i=0
for sol in tests/solutions/*/*.c; do
    id=$(basename "$(dirname "$sol")")
    i=$((i + 1))
    "$mldrill" grade "$id" "$sol" --json --no-timing --seed "$seed" >"$out/$i.json" 2>/dev/null || true
    t0=$(now)
    "$mldrill" grade "$id" "$sol" --json --no-timing --seed "$seed" >/dev/null 2>&1 || true
    t1=$(now)
    "$mldrill" grade "$id" "$sol" --json --no-timing --seed "$seed" --no-shrink >/dev/null 2>&1 || true
    t2=$(now)
    echo "$id $sol $(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc)" >>"$out/times"
done

python3 - "$out" <<'PY'
import json, os, statistics, sys
d = sys.argv[1]
times = {}
for line in open(os.path.join(d, "times")):
    cid, sol, with_s, without_s = line.split()
    times[sol] = (cid, float(with_s), float(without_s))
rows = []
for i, sol in enumerate(times, 1):
    try:
        r = json.load(open(os.path.join(d, f"{i}.json")))
    except (OSError, ValueError):
        continue
    hidden = [c for c in r.get("cases", []) if c["status"] != "pass" and not c["visible"]
              and c["criterion"] in ("correctness", "stability")]
    if not hidden:
        continue
    sh = [c["shrunk"] for c in hidden if "shrunk" in c]
    found = [s for s in sh if s["found"]]
    red = [s["original_elements"] / max(1, s["elements"]) for s in found]
    cid, t_with, t_without = times[sol]
    rows.append((cid, os.path.basename(sol), len(hidden), len(sh), len(found), red,
                 r.get("shrinking", {}).get("seconds", 0.0), r.get("shrinking", {}).get("runs", 0),
                 t_with - t_without))
print(f"{'challenge':<20} {'solution':<34} {'failed':>6} {'tried':>5} {'found':>5} "
      f"{'median x':>8} {'runs':>4} {'shrink s':>8} {'added s':>7}")
for cid, s, nh, nt, nf, red, secs, runs, added in rows:
    med = f"{statistics.median(red):.1f}" if red else "-"
    print(f"{cid:<20} {s:<34} {nh:>6} {nt:>5} {nf:>5} {med:>8} {runs:>4} {secs:>8.3f} {added:>7.3f}")
hid = sum(r[2] for r in rows)
tried = sum(r[3] for r in rows)
found = sum(r[4] for r in rows)
allred = [x for r in rows for x in r[5]]
print()
print(f"solutions with a failed hidden case: {len(rows)}")
print(f"failed hidden cases: {hid}; shrinking tried {tried}; a smaller case found for {found} "
      f"({100 * found / max(1, hid):.0f}% of the failed, {100 * found / max(1, tried):.0f}% of those tried)")
if allred:
    print(f"size reduction (elements, original / shrunk): median {statistics.median(allred):.1f}x, "
          f"quartiles {statistics.quantiles(allred, n=4)[0]:.1f}x-{statistics.quantiles(allred, n=4)[2]:.1f}x")
print(f"time shrinking took (its own clock): median {statistics.median([r[6] for r in rows]):.3f} s, "
      f"max {max(r[6] for r in rows):.3f} s")
print(f"added end to end (one grading with, one with --no-shrink): median "
      f"{statistics.median([r[8] for r in rows]):.3f} s")
PY
