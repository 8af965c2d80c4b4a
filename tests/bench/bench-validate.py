#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark (suite "bench", run by `make bench`): checking and loading a large file,
whole process against whole process.

- `referent-cli validate` (the reader's checks and the RelaxNG schema, one streaming
  pass) against `xmllint --noout --relaxng data/referat.rng` on the same generated
  3,000-item meeting (about 40 MB). Target: at most 1.5x, time and peak RSS.
- Loading alone (`referent-cli stats`) against `xmllint --noout --stream` (parsing
  without a tree): what the model costs beyond reading the XML.

Environment: REFERENT_CLI, BENCH_GENERATE, BENCH_SCHEMA (data/referat.rng);
BENCH_VALIDATE_ITEMS (default 3000), BENCH_ROUNDS (default 5)."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

CLI = os.environ['REFERENT_CLI']
GENERATE = os.environ['BENCH_GENERATE']
SCHEMA = os.environ['BENCH_SCHEMA']
ITEMS = int(os.environ.get('BENCH_VALIDATE_ITEMS', '3000'))
ROUNDS = int(os.environ.get('BENCH_ROUNDS', '5'))
TARGET = 1.5


def main():
    if shutil.which('xmllint') is None:
        print('SKIP: xmllint (libxml2-utils) is not installed')
        return
    tmp = tempfile.mkdtemp(prefix='referent-bench-validate-')
    try:
        path = os.path.join(tmp, 'meeting.referat')
        benchlib.run([GENERATE, str(ITEMS), '2025', path], rounds=1)
        size = os.path.getsize(path)
        print('Validating and loading a generated meeting of %d items (%.1f MB), whole processes, %d rounds; '
              'reference: xmllint (libxml2) in the same run' % (ITEMS, size / 1e6, ROUNDS))
        ours = benchlib.run([CLI, 'validate', path], rounds=ROUNDS, name='referent-cli validate')
        theirs = benchlib.run(['xmllint', '--noout', '--relaxng', SCHEMA, path], rounds=ROUNDS,
                              name='xmllint --relaxng')
        load = benchlib.run([CLI, 'stats', path], rounds=ROUNDS, name='referent-cli stats (load)')
        parse = benchlib.run(['xmllint', '--noout', '--stream', path], rounds=ROUNDS, name='xmllint --stream')
        for t in (ours, theirs, load, parse):
            print(t.line())
        print(benchlib.ratio_line('validate', ours, theirs, TARGET, '<= %.1fx' % TARGET))
        rss = ours.peak_mib / theirs.peak_mib
        print('%-24s %.2fx xmllint peak RSS (%.1f MiB against %.1f MiB)   target <= %.1fx   %s' %
              ('validate memory', rss, ours.peak_mib, theirs.peak_mib, TARGET, 'met' if rss <= TARGET else 'NOT MET'))
        print('%-24s %.2fx xmllint --stream wall-clock (median), %.2fx CPU time   (no target: the model beyond '
              'parsing)' % ('load', load.median / parse.median, load.cpu_median / parse.cpu_median))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
