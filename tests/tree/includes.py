#!/usr/bin/env python3
"""includes — checks that the modules of a C tree include one another in
one direction.

    includes.py [--graph] SRC_DIR
    includes.py --self-test SRC_DIR

A module is a folder and a file stem (spec/cases is spec/cases.c with
spec/cases.h); it depends on another when its .c or .h has an
`#include "folder/name.h"` of it.  The folders are the stages of
src/README.md.  Exits 1, naming the cycle, when the modules or the folders
depend on one another in a circle; --graph prints the folder graph in the
order it allows.  --self-test checks the checker: it copies the tree,
adds a cycle between two folders and one inside a folder, and expects each
to be found."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def modules(src):
    """{module: set of modules it includes}"""
    deps = {}
    for root, _, names in os.walk(src):
        for n in names:
            if not n.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, n)
            mod = os.path.relpath(path, src)[:-2]
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            d = deps.setdefault(mod, set())
            for inc in INCLUDE.findall(text):
                target = inc[:-2] if inc.endswith('.h') else inc
                if os.path.exists(os.path.join(src, inc)) and target != mod:
                    d.add(target)
    return deps


def find_cycle(graph):
    """A list of nodes forming a cycle, or None (depth-first search)."""
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            c = visit(n)
            if c:
                return c
    return None


def folder(mod):
    return mod.split('/')[0] if '/' in mod else '.'


def topological(graph):
    """Nodes, each after everything it depends on."""
    done, out = set(), []

    def visit(n):
        if n in done:
            return
        done.add(n)
        for m in sorted(graph.get(n, ())):
            visit(m)
        out.append(n)

    for n in sorted(graph):
        visit(n)
    return out


def self_test(src):
    """Adds a cycle to copies of src and expects the check to fail."""
    import shutil
    import subprocess
    import tempfile
    graph = modules(src)
    order = topological(graph)
    headed = [m for m in order if os.path.exists(os.path.join(src, m + '.h'))]
    low, high = headed[0], headed[-1]        # low includes nothing of ours
    # a module of the same folder as some dependency of another: a -> b -> a
    inner = next((m, d) for m in headed for d in sorted(graph[m])
                 if folder(d) == folder(m))
    failures = 0
    for what, (frm, to) in [('folders', (low, high)), ('modules', (inner[1], inner[0]))]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, 'src')
            shutil.copytree(src, copy)
            target = os.path.join(copy, frm + ('.h' if os.path.exists(
                os.path.join(copy, frm + '.h')) else '.c'))
            with open(target, 'a') as f:
                f.write(f'\n#include "{to}.h"\n')
            r = subprocess.run([sys.executable, __file__, copy], capture_output=True,
                               text=True)
            found = r.returncode == 1 and f'include cycle between {what}' in r.stderr
            print(f'self-test: {frm} including {to}: '
                  + ('found' if found else 'NOT FOUND') + f' ({r.stderr.strip()})')
            failures += not found
    return 1 if failures else 0


def main(argv):
    if argv[:1] == ['--self-test'] and len(argv) == 2:
        return self_test(argv[1])
    graph_wanted = '--graph' in argv
    args = [a for a in argv if a != '--graph']
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    deps = modules(args[0])
    folders = {}
    for m, ds in deps.items():
        f = folders.setdefault(folder(m), set())
        f.update(folder(d) for d in ds if folder(d) != folder(m))
    bad = 0
    cycle = find_cycle(deps)
    if cycle:
        print('include cycle between modules: ' + ' -> '.join(cycle), file=sys.stderr)
        bad = 1
    cycle = find_cycle(folders)
    if cycle:
        print('include cycle between folders: ' + ' -> '.join(cycle), file=sys.stderr)
        for a, b in zip(cycle, cycle[1:]):
            why = sorted(f'{m} includes {d}' for m, ds in deps.items() for d in ds
                         if folder(m) == a and folder(d) == b)
            print(f'  {a} -> {b}: ' + '; '.join(why), file=sys.stderr)
        bad = 1
    if graph_wanted or not bad:
        print(f'{len(deps)} modules in {len(folders)} folders, no include cycle')
        for f in topological(folders):
            print(f'  {f}/ includes ' + (', '.join(sorted(folders[f])) or 'nothing of ours'))
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
