# SPDX-License-Identifier: GPL-3.0-or-later
"""Timing whole processes the same way for Referent and for the reference tool it is
compared with: wall-clock, CPU time (user + system) and peak RSS of each round, from
wait4(); several rounds, minimum and median. On a machine shared with other work the
CPU time is the steadier figure, and both are printed."""
import os
import statistics
import subprocess
import time


class Timing:
    def __init__(self, name):
        self.name = name
        self.wall = []
        self.cpu = []
        self.rss_kib = []
        self.stdout = b''

    @property
    def median(self):
        return statistics.median(self.wall)

    @property
    def best(self):
        return min(self.wall)

    @property
    def cpu_median(self):
        return statistics.median(self.cpu)

    @property
    def peak_mib(self):
        return max(self.rss_kib) / 1024

    def line(self):
        return ('  %-44s wall min %7.3f s median %7.3f s · CPU median %7.3f s · peak RSS %7.1f MiB' %
                (self.name, self.best, self.median, self.cpu_median, self.peak_mib))


def run(args, rounds=5, before=None, name=None, env=None, cwd=None):
    """Runs @args @rounds times (calling @before first each time): wall-clock, CPU time
    and peak RSS of each round from wait4()."""
    timing = Timing(name or os.path.basename(args[0]))
    for _ in range(rounds):
        if before:
            before()
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.stdout.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit('%s failed (%d)' % (' '.join(args), process.returncode))
        timing.wall.append(elapsed)
        timing.cpu.append(usage.ru_utime + usage.ru_stime)
        timing.rss_kib.append(usage.ru_maxrss)
        timing.stdout = out
    return timing


def ratio_line(what, ours, theirs, target, target_text):
    wall = ours.median / theirs.median
    cpu = ours.cpu_median / theirs.cpu_median
    met = wall <= target or cpu <= target
    return ('%-24s %.2fx %s wall-clock (median; %.2fx min), %.2fx CPU time   target %s   %s' %
            (what, wall, theirs.name.split()[0], ours.best / theirs.best, cpu, target_text,
             'met' if met else 'NOT MET'))
