#!/usr/bin/env python3
"""The least denied mean (or cache walk) for each program length, for an x86_64 profile.

    bench/pareto.py [--walk] POLICY.json [MAX_COMPARES]

Searches every comparison tree over the profile's x86_64 number line (the
allowed syscalls, the denied numbers between them, x32's numbers and -1,
as our programs and libseccomp's lay them out) built from: a JGE split at
any run boundary; a JEQ chain singling out runs of up to three numbers
(six in all) ahead of one background outcome; and, ahead of a subtree
shared by both ways out, a JEQ on one number or a pair of JGEs around one
run, whose neighbours then merge.  For each number of compares it prints
the least mean over every denied number 0..469 (gaps included, issue 15's
measure) of the instructions run: load arch, check it, load nr, the
compares, the RET.  Lengths add one RET per outcome (x32's among them) and
the three loads and checks.  The profile's rules without argument
conditions are read (a rule with them is refused): allow-lists and
deny-lists alike.

With --walk the measure is the kernel's cache instead: at attach it runs
the filter once for every x86_64 number 0..469, allowed or not, so each
weighs one; printed are the compares of that walk in total and the mean
instructions per number (i386's numbers, one arch check each, are the same
for every tree and left out).  Slow in pure Python: seconds for 15 names,
minutes for 70.
"""
import ctypes
import functools
import json
import sys

X86_64 = 0xc000003e
LAST = 469  # the last x86_64 syscall of Linux 6.18
ALLOW = 'SCMP_ACT_ALLOW'


def outcome(rule):
    action = rule.get('action', rule.get('defaultAction'))
    return action + ('(%d)' % rule['errnoRet'] if 'errnoRet' in rule else '')


def number_outcomes(path):
    """The profile's default outcome, and each x86_64 number a rule names."""
    lib = ctypes.CDLL('libseccomp.so.2')
    profile = json.load(open(path))
    out = {}
    for i, rule in enumerate(profile['syscalls']):
        if rule.get('args'):
            sys.exit('%s: syscalls[%d] has argument conditions, which this search does not '
                     'model' % (path, i))
        for name in rule['names']:
            nr = lib.seccomp_syscall_resolve_name_arch(ctypes.c_uint32(X86_64), name.encode())
            if nr >= 0:
                out[nr] = outcome(rule)
    return outcome(profile), out


def number_line(default, named, walk):
    runs = []
    for x in range(LAST + 2):
        o = named.get(x, default)
        if runs and runs[-1][2] == o:
            runs[-1][1] = x
        else:
            runs.append([x, x, o])
    runs[-1][1] = 0x3fffffff
    runs += [[0x40000000, 0xfffffffe, 'x32'], [0xffffffff, 0xffffffff, default]]

    def weight(lo, hi, o):  # numbers up to LAST that count
        counted = max(0, min(hi, LAST) - lo + 1)
        return counted if walk or o != ALLOW else 0
    # (lo, hi, outcome, weight, numbers)
    return tuple((lo, hi, o, weight(lo, hi, o), hi - lo + 1) for lo, hi, o in runs)


def add(res, size, cost, limit):
    if size <= limit and cost < res.get(size, float('inf')):
        res[size] = cost


def pareto(res):
    best, out = float('inf'), {}
    for size in sorted(res):
        if res[size] < best - 1e-9:
            best = out[size] = res[size]
    return out


def merged(line, i):
    a, b = line[i - 1], line[i + 1]
    return line[:i - 1] + ((a[0], b[1], a[2], a[3] + b[3], a[4] + b[4]),) + line[i + 2:]


def search(line, limit):
    @functools.lru_cache(None)
    def best(line):
        res = {}
        outcomes = {r[2] for r in line}
        if len(outcomes) == 1:
            return {0: 0}
        total = sum(r[3] for r in line)
        for bg in outcomes:  # a JEQ chain ahead of one background
            singled = []
            if any(r[2] != bg and r[4] > 3 for r in line):
                continue
            for r in line:
                if r[2] != bg:
                    singled += [r[3] / r[4]] * r[4]
            if len(singled) > 6:
                continue
            singled.sort(reverse=True)
            cost = sum(w * (j + 1) for j, w in enumerate(singled))
            cost += sum(r[3] for r in line if r[2] == bg) * len(singled)
            add(res, len(singled), cost, limit)
        for s in range(1, len(line)):  # a JGE split
            for k1, v1 in best(line[:s]).items():
                for k2, v2 in best(line[s:]).items():
                    add(res, k1 + k2 + 1, v1 + v2 + total, limit)
        for i in range(1, len(line) - 1):  # a run tested ahead of a shared subtree
            if line[i - 1][2] != line[i + 1][2]:
                continue
            rest = best(merged(line, i))
            below = sum(r[3] for r in line[:i])
            for k, v in rest.items():
                if line[i][4] == 1:
                    add(res, k + 1, v + total, limit)
                add(res, k + 2, v + total + (total - below), limit)
        return pareto(res)
    return best(line)


def main():
    args = sys.argv[1:]
    walk = bool(args) and args[0] == '--walk'
    args = args[1:] if walk else args
    if not args:
        sys.exit(__doc__)
    line = number_line(*number_outcomes(args[0]), walk)
    limit = int(args[1]) if len(args) > 1 else len(line)
    rets = len({r[2] for r in line})
    counted = sum(r[3] for r in line)
    if walk:
        print('| compares | instructions | cache walk: compares over numbers 0-%d | '
              'instructions per number |' % LAST)
        print('|---:|---:|---:|---:|')
    else:
        print('| compares | instructions | denied mean, every number 0-%d |' % LAST)
        print('|---:|---:|---:|')
    for size, cost in sorted(search(line, limit).items()):
        if walk:
            print('| %d | %d | %d | %.3f |' % (size, size + 3 + rets, cost, 4 + cost / counted))
        else:
            print('| %d | %d | %.3f |' % (size, size + 3 + rets, 4 + cost / counted))


if __name__ == '__main__':
    main()
