#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark (suite "bench", run by `make bench`): exporting a generated 200-item
meeting as PDF (`referent-cli export`) against `pdftocairo -pdf` rewriting that same
PDF, which is the floor for producing it with cairo. Both whole processes, 5 rounds,
minimum and median. Target: at most 2x pdftocairo.

Environment: REFERENT_CLI, BENCH_GENERATE."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

CLI = os.environ['REFERENT_CLI']
GENERATE = os.environ['BENCH_GENERATE']
N_ITEMS = int(os.environ.get('BENCH_EXPORT_ITEMS', '200'))


def pages(pdf):
    out = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    return int([line.split()[1] for line in out.splitlines() if line.startswith('Pages:')][0])


def main():
    tmp = tempfile.mkdtemp(prefix='referent-bench-export-')
    try:
        meeting = os.path.join(tmp, 'meeting.referat')
        pdf = os.path.join(tmp, 'meeting.pdf')
        copy = os.path.join(tmp, 'pdftocairo.pdf')
        benchlib.run([GENERATE, str(N_ITEMS), '2025', meeting], rounds=1)
        ours = benchlib.run([CLI, 'export', meeting, '-o', pdf], name='referent-cli export')
        theirs = benchlib.run(['pdftocairo', '-pdf', pdf, copy], name='pdftocairo -pdf (same PDF)')
        n = pages(pdf)
        print('Exporting a %d-item meeting (%d pages), whole processes, 5 rounds:' % (N_ITEMS, n))
        print(ours.line())
        print(theirs.line())
        print('  %.0f pages/s (median)' % (n / ours.median))
        print(benchlib.ratio_line('export:', ours, theirs, 2, '<= 2x'))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
