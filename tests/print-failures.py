#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Repeats, at the very end of a test run, why each failing test failed, and ends
with one plain line: "N passed, N failed" (and ", N skipped").

meson prints a failing test's whole log before its summary, so on a CI console that
keeps only the last lines the assertion message is lost. This prints, for every test
in BUILDDIR/meson-logs/testlog.json whose result is not a pass, the failing subtests,
the GLib/GTK messages and sanitizer errors, and the last lines of its output; then the
counts, which CI logs show as the run's last line.

Usage: print-failures.py BUILDDIR
"""
import json
import os
import re
import sys

PASSING = {"OK", "SKIP", "EXPECTEDFAIL"}
INTERESTING = re.compile(
    r"^(not ok|Bail out!)|ERROR|CRITICAL|WARNING|\*\*|runtime error:|AddressSanitizer|"
    r"UndefinedBehaviorSanitizer|assertion|Assertion")
TAIL = 15


def print_failures(records):
    """Prints why each failing test of @records (testlog.json entries) failed."""
    failed = [r for r in records if r.get("result") not in PASSING]
    for r in failed:
        output = (r.get("stdout") or "") + (r.get("stderr") or "")
        lines = output.splitlines()
        print(f"==== {r['name']}: {r['result']} (exit {r.get('returncode')}, {r.get('duration', 0):.1f} s)")
        for line in [line for line in lines if line.startswith("ok ")][-1:]:
            print(f"  last passed: {line}")
        for line in lines:
            if INTERESTING.search(line):
                print(f"  {line}")
        print(f"  -- last {TAIL} lines --")
        for line in lines[-TAIL:]:
            print(f"  {line}")
    if failed:
        print(f"print-failures: {len(failed)} failing test(s), listed above")


def summary_line(records):
    """One plain line with the counts of @records: "12 passed, 1 failed, 2 skipped"."""
    passed = sum(1 for r in records if r.get("result") in PASSING - {"SKIP"})
    failed = sum(1 for r in records if r.get("result") not in PASSING)
    skipped = sum(1 for r in records if r.get("result") == "SKIP")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    return line


def read_records(builddir):
    """The entries of BUILDDIR/meson-logs/testlog.json, one per test run."""
    path = os.path.join(builddir, "meson-logs", "testlog.json")
    with open(path, encoding="utf-8", errors="replace") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    try:
        records = read_records(sys.argv[1])
    except OSError as e:
        print(f"print-failures: cannot read {e.filename}: {e.strerror}")
        return 0
    print_failures(records)
    print(summary_line(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
