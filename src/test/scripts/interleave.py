#!/usr/bin/env python3
"""Interleaved timing of whole commands: wall and user+sys CPU per run, the median per command.

    interleave.py RUNS COMMAND...

Runs every command once untimed, then RUNS rounds in which each command runs once, in alternating
order. On a virtual machine whose speed drifts by 10-30 % over minutes (measured here), timing
one command's runs in a block and then the next's (as hyperfine does) puts the drift into the
comparison; alternating spreads it over all of them.
"""
import os, subprocess, sys, time, statistics, shlex
runs = int(sys.argv[1]); cmds = sys.argv[2:]
res = {c: ([], []) for c in cmds}
for c in cmds:  # warm-up
    subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for i in range(runs):
    for c in (cmds if i % 2 == 0 else list(reversed(cmds))):
        t = time.perf_counter()
        p = subprocess.Popen(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        w = time.perf_counter() - t
        res[c][0].append(w); res[c][1].append(ru.ru_utime + ru.ru_stime)
for c in cmds:
    w, u = res[c]
    print(f"{statistics.median(w):.3f} s wall (min {min(w):.3f}, max {max(w):.3f}), {statistics.median(u):.3f} s CPU  | {c}")
