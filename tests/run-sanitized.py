#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs test suites of the sanitizer build (ASan + UBSan + LSan) and judges them.

`make asan`: run-sanitized.py BUILDDIR core -- the non-GUI suites, with GLib's slice
allocator off so that every leaked GObject is seen; any leak fails its test.

`make asan-ui` (under Xvfb): run-sanitized.py BUILDDIR ui -- the GTK suite. Every test
process writes its report to BUILDDIR/sanitizer-reports/report.<program>.<pid>, and
check-lsan-reports.py accepts only GLib's abandoned quark block and fails on anything
else (see the asan-ui comment in the Makefile for why this suite keeps GSlice on).

One failure is the sanitizer's own, not the program's: LeakSanitizer's exit-time scan
stops every thread with ptrace, and now and then its tracer catches a signal while a
GLib worker thread is exiting ("LeakSanitizer has encountered a fatal error";
google/sanitizers#1353). The process then aborts after all its tests have passed, and
no leak check was done. Such a test is run once more, so that its leak check does
happen; any other failure, or the same failure twice, fails the run. A failed run ends
by repeating why each test failed (print-failures.py).

Usage: run-sanitized.py BUILDDIR core|ui
"""
import importlib.util
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LSAN_FATAL = "LeakSanitizer has encountered a fatal error"


def load_script(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


failures = load_script("print-failures")
check = load_script("check-lsan-reports")


def all_subtests_passed(output):
    """True when TAP @output planned N subtests and reported N passes and no failure."""
    plan = re.search(r"^1\.\.(\d+)\s*$", output, re.MULTILINE)
    if not plan or re.search(r"^(not ok|Bail out!)", output, re.MULTILINE):
        return False
    return len(re.findall(r"^ok \d+", output, re.MULTILINE)) == int(plan.group(1))


def program_of(test_name):
    """The program of a meson test name such as "referent:ui / test-window"."""
    return test_name.rsplit("/", 1)[-1].strip()


def lsan_only_failures(records, reports_dir=None):
    """The failing tests of @records whose only fault is LeakSanitizer's own fatal error,
    as {program: [report files showing it]}; None when any failure is of another kind.
    The error is looked for in the test's output and, with @reports_dir, in its reports."""
    result = {}
    for r in records:
        if r.get("result") in failures.PASSING:
            continue
        program = program_of(r["name"])
        output = (r.get("stdout") or "") + (r.get("stderr") or "")
        fatal = []
        if reports_dir:
            for name in sorted(os.listdir(reports_dir)):
                if name.startswith(f"report.{program}."):
                    with open(os.path.join(reports_dir, name), encoding="utf-8", errors="replace") as f:
                        if LSAN_FATAL in f.read():
                            fatal.append(name)
        if not (fatal or LSAN_FATAL in output) or not all_subtests_passed(output):
            return None
        result[program] = fatal
    return result


CORE_SUITES = ["--suite", "model", "--suite", "io", "--suite", "cli", "--suite", "export"]
UI_SUITES = ["--suite", "ui"]


def meson_test(builddir, timeout, *args):
    return subprocess.call(["meson", "test", "-C", builddir, "--print-errorlogs", "-t", str(timeout), *args])


def main():
    builddir, mode = sys.argv[1], sys.argv[2]
    ui = mode == "ui"
    reports_dir = os.path.join(os.path.abspath(builddir), "sanitizer-reports") if ui else None
    suppressions = os.path.join(HERE, "lsan.supp")
    if ui:
        shutil.rmtree(reports_dir, ignore_errors=True)
        os.makedirs(reports_dir)
        os.environ["ASAN_OPTIONS"] = f"detect_leaks=1:abort_on_error=1:log_exe_name=1:log_path={reports_dir}/report"
        os.environ["LSAN_OPTIONS"] = f"suppressions={suppressions}:exitcode=0"
        os.environ.pop("G_SLICE", None)  # see the asan-ui comment in the Makefile
    else:
        os.environ["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=1"
        os.environ["LSAN_OPTIONS"] = f"suppressions={suppressions}"
        os.environ["G_SLICE"] = "always-malloc"  # GSlice would hide leaks and use-after-free
    os.environ["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    timeout = 10 if ui else 4

    def fail(records):
        if ui:
            check.check_directory(reports_dir)
        failures.print_failures(records)
        return 1

    if meson_test(builddir, timeout, *(UI_SUITES if ui else CORE_SUITES)) != 0:
        records = failures.read_records(builddir)
        retry = lsan_only_failures(records, reports_dir)
        if retry is None:
            return fail(records)
        for program, fatal in retry.items():
            print(f"run-sanitized: {program} passed all its tests, but LeakSanitizer's exit-time scan "
                  f"failed; running it once more for its leak check")
            for name in fatal:
                os.rename(os.path.join(reports_dir, name), os.path.join(builddir, name + ".lsan-fatal"))
        if meson_test(builddir, timeout, *retry.keys()) != 0:
            return fail(failures.read_records(builddir))
    return 1 if ui and check.check_directory(reports_dir) else 0


if __name__ == "__main__":
    sys.exit(main())
