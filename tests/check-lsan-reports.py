#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the sanitizer reports written by `make asan-ui` (ASAN_OPTIONS log_path).

The GTK suites run with leak detection on but LSAN exitcode=0, because one leak is
GLib's own and cannot be suppressed by name: when a process passes 2,048 quarks, GLib
replaces its first quark block and deliberately never frees the old one (gquark.c:
lock-free readers may still hold it). That block is allocated in GLib's constructor and
Debian's GLib has no frame pointers, so LSan shows it only as "malloc <- g_malloc",
16,384 bytes (2,048 pointers) in one object. This script accepts exactly that report,
once per process, and fails on every other leak or sanitizer error.

Usage: check-lsan-reports.py DIR
"""
import os
import re
import sys

GLIB_QUARK_BLOCK = 2048 * 8


def leak_blocks(text):
    """Yields (header, frames) for each leak in a LeakSanitizer report."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\)", lines[i])
        if not m:
            i += 1
            continue
        frames = []
        i += 1
        while i < len(lines) and re.match(r"\s+#\d+ ", lines[i]):
            frames.append(lines[i].strip())
            i += 1
        yield m, frames


def is_glib_quark_block(m, frames):
    if not (m.group(1) == "Direct" and int(m.group(2)) == GLIB_QUARK_BLOCK and int(m.group(3)) == 1
            and len(frames) >= 2 and " in g_malloc " in frames[1] and "libglib-2.0.so" in frames[1]):
        return False
    # A test built to unwind fully (fast_unwind_on_malloc=0, see test-import-ui.c) shows
    # the rest of the way: inside GLib, called from the dynamic loader's constructors.
    return all("libglib-2.0.so" in f or "dl-init.c" in f or "ld-linux" in f for f in frames[2:])


FATAL = re.compile(r"ERROR: (Address|UndefinedBehavior)Sanitizer|ERROR: LeakSanitizer: (?!detected memory leaks)|"
                   r"runtime error:|Sanitizer has encountered a fatal error|Sanitizer CHECK failed")


def check_report(text):
    """Returns (problems, quark blocks accepted) for one report's text."""
    leaks = list(leak_blocks(text))
    other = [(m, fr) for m, fr in leaks if not is_glib_quark_block(m, fr)]
    quark = len(leaks) - len(other)
    errors = [line for line in text.splitlines() if FATAL.search(line)]
    problems = []
    if other:
        problems.append(f"{len(other)} leak(s) not accounted for")
    if quark > 1:
        problems.append(f"{quark} GLib quark blocks (only one per process is GLib's)")
    if errors:
        problems.append(f"{len(errors)} sanitizer error(s)")
    return problems, (quark if not problems else 0)


def check_directory(directory):
    """Checks every report in @directory; prints the bad ones. Returns the number of bad ones."""
    failures = 0
    accepted = 0
    names = sorted(os.listdir(directory))
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        problems, quark = check_report(text)
        if problems:
            failures += 1
            print(f"check-lsan-reports: {name}: {', '.join(problems)}:")
            print(text)
        accepted += quark
    print(f"check-lsan-reports: {len(names)} report(s); "
          f"{accepted} GLib quark block(s) accepted; {failures} with problems")
    return failures


def main():
    return 1 if check_directory(sys.argv[1]) else 0


if __name__ == "__main__":
    sys.exit(main())
