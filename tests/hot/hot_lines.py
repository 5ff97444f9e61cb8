#!/usr/bin/env python3
"""The slow line named (issue 14 point 4), as data.

Every timed challenge's slow example (tests/solutions/<id>/slow.c) marks
the loop its comment names with /* hot */ on the loop's first line (each
of them, when the comment names two passes that cost alike).  This grades
each with `mldrill grade <id> slow.c --json` and checks that the report's
first hot line -- the first entry of timing.hot_lines that is a line, not
time inside CBLAS, libm or libc -- is a line of slow.c inside a marked
loop: from the marked line to the end of the loop's body (its braces, or
its one statement).

Usage: hot_lines.py MLDRILL SRC_DIR [ID...]"""
import json
import os
import re
import subprocess
import sys


def strip(text):
    """The text with comments, strings and character constants blanked,
    lines kept where they are."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(' ' * (min(j, n - 1) + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def statement_end(code, i):
    """The offset just past the statement that starts at or after i."""
    while code[i].isspace():
        i += 1
    if code[i] == '{':
        depth = 0
        for j in range(i, len(code)):
            depth += code[j] == '{'
            depth -= code[j] == '}'
            if depth == 0:
                return j + 1
    m = re.match(r'(for|while|if)\b', code[i:])
    if m:
        j = code.index('(', i)
        depth = 0
        for k in range(j, len(code)):
            depth += code[k] == '('
            depth -= code[k] == ')'
            if depth == 0:
                return statement_end(code, k + 1)
    return code.index(';', i) + 1


def marked_loops(path):
    """(first, last) line of each loop marked /* hot */."""
    text = open(path).read()
    code = strip(text)
    loops = []
    for at in [m.start() for m in re.finditer(re.escape('/* hot */'), text)]:
        first = text.count('\n', 0, at) + 1
        line_start = text.rfind('\n', 0, at) + 1
        m = re.compile(r'\b(for|while)\b').search(code, line_start)
        if m:
            end = statement_end(code, m.start())
            loops.append((first, text.count('\n', 0, end) + 1))
    return loops


def main():
    mldrill, src = sys.argv[1], sys.argv[2]
    ids = sys.argv[3:] or sorted(
        d for d in os.listdir(os.path.join(src, 'tests', 'solutions'))
        if os.path.exists(os.path.join(src, 'tests', 'solutions', d, 'slow.c')))
    bad = 0
    for cid in ids:
        slow = os.path.join(src, 'tests', 'solutions', cid, 'slow.c')
        loops = marked_loops(slow)
        if not loops:
            print(f'FAIL {cid}: slow.c marks no loop with /* hot */')
            bad += 1
            continue
        run = subprocess.run([mldrill, 'grade', cid, slow, '--json'], capture_output=True,
                             text=True, cwd=src)
        try:
            hot = json.loads(run.stdout).get('timing', {}).get('hot_lines', [])
        except ValueError:
            hot = []
        lines = [h for h in hot if h.get('line', 0) > 0]
        first = lines[0] if lines else None
        ok = bool(first and first['file'] == 'slow.c' and
                  any(a <= first['line'] <= b for a, b in loops))
        where = f"{first['file']}:{first['line']} ({first['share']:.0%})" if first else 'none'
        print(f"{'ok  ' if ok else 'FAIL'} {cid}: first hot line {where}, "
              'marked: ' + ', '.join(f'slow.c:{a}-{b}' for a, b in loops))
        bad += not ok
    print(f'{len(ids) - bad} of {len(ids)} slow examples name their loop')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
