#!/usr/bin/env python3
"""sizes — the longest functions and files of a C tree.

    sizes.py [--top N] [--max-function L] [--max-file L] DIR...

Prints the N longest functions (file:line name lines) and files, and exits
1 when a function is longer than --max-function lines or a file longer than
--max-file lines (both optional).  A function is a body whose opening brace
sits alone at column 0, as everywhere in this project; its length counts
from the line with its name to the closing brace."""
import argparse
import os
import re
import sys

NAME = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def c_files(dirs):
    for d in dirs:
        if os.path.isfile(d):
            yield d
            continue
        for root, _, names in os.walk(d):
            for n in sorted(names):
                if n.endswith(('.c', '.h')):
                    yield os.path.join(root, n)


def functions(path):
    """(name, first line, length) of every function defined in path."""
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    out = []
    i = 0
    while i < len(lines):
        if lines[i].rstrip() != '{':
            i += 1
            continue
        # the signature: back to the line that starts at column 0 with a type
        start = i - 1
        while start > 0 and (lines[start].startswith((' ', '\t'))
                             or not lines[start].strip()):
            start -= 1
        sig = ' '.join(lines[start:i])
        m = None
        for m in NAME.finditer(sig):
            break
        name = m.group(1) if m else '?'
        end = i + 1
        while end < len(lines) and lines[end].rstrip() != '}':
            end += 1
        out.append((name, start + 1, end - start + 1))
        i = end + 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--top', type=int, default=10)
    ap.add_argument('--max-function', type=int)
    ap.add_argument('--max-file', type=int)
    ap.add_argument('dirs', nargs='+')
    a = ap.parse_args()
    funcs, files = [], []
    for p in c_files(a.dirs):
        with open(p, encoding='utf-8', errors='replace') as f:
            files.append((sum(1 for _ in f), p))
        funcs += [(n, p, line, length) for n, line, length in functions(p)]
    funcs.sort(key=lambda t: -t[3])
    files.sort(reverse=True)
    total = sum(t[3] for t in funcs)
    print(f'{len(funcs)} functions, mean {total / max(len(funcs), 1):.1f} lines; '
          f'{len(files)} files')
    print(f'longest functions:')
    for n, p, line, length in funcs[:a.top]:
        print(f'  {length:5d}  {p}:{line}  {n}')
    print(f'longest files:')
    for length, p in files[:a.top]:
        print(f'  {length:5d}  {p}')
    bad = 0
    if a.max_function:
        over = [t for t in funcs if t[3] > a.max_function]
        for n, p, line, length in over:
            print(f'{p}:{line}: {n} is {length} lines (limit {a.max_function})',
                  file=sys.stderr)
        bad += len(over)
    if a.max_file:
        over = [t for t in files if t[0] > a.max_file]
        for length, p in over:
            print(f'{p}: {length} lines (limit {a.max_file})', file=sys.stderr)
        bad += len(over)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
