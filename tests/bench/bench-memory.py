#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark (suite "bench", run by `make bench`): memory and start-up, whole processes.

For generated meetings of 100, 1,000 and 3,000 items, the peak RSS of
- loading (`referent-cli stats`), against the file's size (target: at most 3x);
- exporting the PDF (`referent-cli export`), against loading (target: at most 1.5x);
- the window with the meeting shown (tests/bench/bench-window), against loading and
  an empty meeting's window, GTK's own share (target: at most 2x load + GTK's own);
and, for 500 items against an empty meeting, the time from loading to the first frame
of the window (target: within 0.3 s of the empty one), 5 rounds, minimum and median.

Environment: REFERENT_CLI, BENCH_GENERATE, BENCH_WINDOW (needs a display: make bench
runs under Xvfb)."""
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

CLI = os.environ['REFERENT_CLI']
GENERATE = os.environ['BENCH_GENERATE']
WINDOW = os.environ['BENCH_WINDOW']
SIZES = [int(n) for n in os.environ.get('BENCH_MEMORY_ITEMS', '100,1000,3000').split(',')]
ROUNDS = int(os.environ.get('BENCH_ROUNDS', '3'))
MIB = 1024 * 1024


def window_figures(path, rounds=ROUNDS):
    """Peak RSS (MiB) and time to the first frame (s, last round) of bench-window."""
    t = benchlib.run([WINDOW, path], rounds=rounds, name='window')
    lines = dict(line.split(' ', 1) for line in t.stdout.decode().splitlines() if ' ' in line)
    return t.peak_mib, float(lines['shown'].split()[0]), float(lines['cpu'].split()[0])


def peaks(path, pdf, rounds):
    load = benchlib.run([CLI, 'stats', path], rounds=rounds, name='load')
    export = benchlib.run([CLI, 'export', path, '-o', pdf], rounds=rounds, name='export')
    window, _, _ = window_figures(path, rounds=rounds)
    return load.peak_mib, export.peak_mib, window


def main():
    tmp = tempfile.mkdtemp(prefix='referent-bench-memory-')
    unmet = []
    try:
        # What a process needs with a meeting of no items (libraries, fonts, GTK):
        # the figures below are what a meeting adds to that.
        empty = os.path.join(tmp, 'empty.referat')
        benchlib.run([GENERATE, '0', '2025', empty], rounds=1)
        base_load, base_export, base_window = peaks(empty, os.path.join(tmp, 'empty.pdf'), ROUNDS)
        print('Peak RSS, whole processes (max of %d rounds). With no items: loading %.1f MiB, exporting %.1f MiB, '
              'the window %.1f MiB (libraries, fonts, GTK); below, what the meeting adds to that, and the ratios '
              'the targets are about.' % (ROUNDS, base_load, base_export, base_window))
        print('  %6s %8s | %8s %7s | %8s %7s | %8s %7s' %
              ('items', 'file MB', 'load', 'xfile', 'export', 'xload', 'window', 'xload'))
        for n in SIZES:
            path = os.path.join(tmp, '%d.referat' % n)
            benchlib.run([GENERATE, str(n), '2025', path], rounds=1)
            size = os.path.getsize(path)
            load, export, window = peaks(path, os.path.join(tmp, '%d.pdf' % n), 1 if n > 1000 else ROUNDS)
            net_load, net_export, net_window = load - base_load, export - base_export, window - base_window
            load_x = net_load * MIB / size
            export_x = net_export / net_load
            window_x = net_window / net_load
            print('  %6d %8.1f | %7.1fM %6.2fx | %7.1fM %6.2fx | %7.1fM %6.2fx' %
                  (n, size / 1e6, net_load, load_x, net_export, export_x, net_window, window_x))
            if load_x > 3:
                unmet.append('load of %d items: %.2fx the file (target 3x)' % (n, load_x))
            if export_x > 1.5:
                unmet.append('export of %d items: %.2fx load (target 1.5x)' % (n, export_x))
            if window_x > 2:
                unmet.append('window of %d items: %.2fx load (target 2x)' % (n, window_x))

        # Start-up: 500 items against an empty meeting, time to the first frame.
        path = os.path.join(tmp, '500.referat')
        benchlib.run([GENERATE, '500', '2025', path], rounds=1)
        empty_times, full_times, empty_cpu, full_cpu = [], [], [], []
        for _ in range(5):
            _, t, c = window_figures('--empty', rounds=1)
            empty_times.append(t)
            empty_cpu.append(c)
            _, t, c = window_figures(path, rounds=1)
            full_times.append(t)
            full_cpu.append(c)
        gap = statistics.median(full_times) - statistics.median(empty_times)
        cpu_gap = statistics.median(full_cpu) - statistics.median(empty_cpu)
        print('Window start-up, load to first frame, 5 rounds: empty min %.3f median %.3f s; 500 items min %.3f '
              'median %.3f s; difference of medians %.3f s   target <= 0.3 s   %s' %
              (min(empty_times), statistics.median(empty_times), min(full_times), statistics.median(full_times), gap,
               'met' if gap <= 0.3 else 'NOT MET'))
        print('  processor time to the first frame (whole process): empty median %.3f s, 500 items median %.3f s; '
              'difference %.3f s' % (statistics.median(empty_cpu), statistics.median(full_cpu), cpu_gap))
        if gap > 0.3:
            unmet.append('start-up of 500 items: %.3f s after an empty meeting (target 0.3 s)' % gap)
        print('targets: %s' % ('all met' if not unmet else 'NOT MET: ' + '; '.join(unmet)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
