#!/usr/bin/env python3
"""The least denied mean for each program length, for an x86_64 allow-list profile.

    bench/pareto.py POLICY.json [MAX_COMPARES]

Searches every comparison tree over the profile's x86_64 number line (the
allowed syscalls, the denied numbers between them, x32's numbers and -1,
as our programs and libseccomp's lay them out) built from: a JGE split at
any run boundary; a JEQ chain singling out runs of up to three numbers
(six in all) ahead of one background outcome; and, ahead of a subtree
shared by both ways out, a JEQ on one number or a pair of JGEs around one
run, whose neighbours then merge.  For each number of compares it prints
the least mean over every denied number 0..469 (gaps included, issue 15's
measure) of the instructions run: load arch, check it, load nr, the
compares, the RET.  Lengths add the 3 RETs (allow, deny, x32's) and the
three loads and checks.  Only the profile's unconditional ALLOW rules are
read.  Slow in pure Python: seconds for 15 names, minutes for 70.
"""
import ctypes
import functools
import json
import sys

X86_64 = 0xc000003e
LAST = 469  # the last x86_64 syscall of Linux 6.18


def allowed_numbers(path):
    lib = ctypes.CDLL('libseccomp.so.2')
    out = set()
    for rule in json.load(open(path))['syscalls']:
        if rule['action'] != 'SCMP_ACT_ALLOW' or rule.get('args'):
            continue
        for name in rule['names']:
            nr = lib.seccomp_syscall_resolve_name_arch(ctypes.c_uint32(X86_64), name.encode())
            if nr >= 0:
                out.add(nr)
    return out


def number_line(allowed):
    runs = []
    for x in range(LAST + 2):
        o = 'A' if x in allowed else 'D'
        if runs and runs[-1][2] == o:
            runs[-1][1] = x
        else:
            runs.append([x, x, o])
    runs[-1][1] = 0x3fffffff
    runs += [[0x40000000, 0xfffffffe, 'K'], [0xffffffff, 0xffffffff, 'D']]
    # (lo, hi, outcome, weight: denied numbers up to LAST, numbers)
    return tuple((lo, hi, o, max(0, min(hi, LAST) - lo + 1) if o == 'D' else 0, hi - lo + 1)
                 for lo, hi, o in runs)


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
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    line = number_line(allowed_numbers(sys.argv[1]))
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else len(line)
    denied = sum(r[3] for r in line)
    print('| compares | instructions | denied mean, every number 0-%d |' % LAST)
    print('|---:|---:|---:|')
    for size, cost in sorted(search(line, limit).items()):
        print('| %d | %d | %.3f |' % (size, size + 6, 4 + cost / denied))


if __name__ == '__main__':
    main()
