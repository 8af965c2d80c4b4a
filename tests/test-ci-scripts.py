#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests the scripts that judge the sanitizer runs: check-lsan-reports.py (which
reports pass), run-sanitized.py (which failures are LeakSanitizer's own and earn one more
run), fuzz/lsan-flake.sh (the same for the fuzzers) and print-failures.py (what a
failed run repeats at its end)."""
import contextlib
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = load("check-lsan-reports")
runner = load("run-sanitized")
printer = load("print-failures")

QUARK_BLOCK = """=================================================================
==22577==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 16384 byte(s) in 1 object(s) allocated from:
    #0 0x7fabb32b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x7fabb3121658 in g_malloc (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x5a658)

SUMMARY: AddressSanitizer: 16384 byte(s) leaked in 1 allocation(s).
"""

# The same block as a test that unwinds fully (fast_unwind_on_malloc=0) reports it.
QUARK_BLOCK_FULL = """==15==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 16384 byte(s) in 1 object(s) allocated from:
    #0 0x7f83694b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x7f8369321658 in g_malloc (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x5a658)
    #2 0x7f836932b7fb  (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x647fb)
    #3 0x7f83692e4f14  (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x1df14)
    #4 0x7f8369bb8a1d in call_init elf/dl-init.c:74
    #5 0x7f8369bb8b03 in _dl_init elf/dl-init.c:121
    #6 0x7f8369bceb9f  (/lib64/ld-linux-x86-64.so.2+0x1ab9f)
"""

# A block of the same size allocated by a program after start-up is not GLib's.
SAME_SIZE_OURS = """==16==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 16384 byte(s) in 1 object(s) allocated from:
    #0 0x7f in __interceptor_malloc asan_malloc_linux.cpp:69
    #1 0x7f in g_malloc (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x5a658)
    #2 0x55 in ref_text_new ../src/model/ref-text.c:50
    #3 0x7f in call_init elf/dl-init.c:74
"""

OUR_LEAK = """==1==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 40 byte(s) in 1 object(s) allocated from:
    #0 0x7f in __interceptor_malloc asan_malloc_linux.cpp:69
    #1 0x7f in g_malloc (/lib/x86_64-linux-gnu/libglib-2.0.so.0+0x5a658)
    #2 0x55 in ref_meeting_new ../src/model/ref-meeting.c:120
"""

LSAN_FATAL = """Tracer caught signal 11: addr=0x0 pc=0x7fdc954758b0 sp=0x7fdc8dfbfce0
==37877==LeakSanitizer has encountered a fatal error.
==37877==HINT: For debugging, try setting environment variable LSAN_OPTIONS=verbosity=1:log_threads=1
==37877==HINT: LeakSanitizer does not work under ptrace (strace, gdb, etc)
"""

USE_AFTER_FREE = "==5==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010\n"
UBSAN = "../src/io/ref-xml-reader.c:10:5: runtime error: signed integer overflow\n"

TAP_PASSED = "1..3\nok 1 /a\nok 2 /b\n# note\nok 3 /c\n"
TAP_FAILED = "1..3\nok 1 /a\nBail out! Referent:ERROR:x.c:1:f: assertion failed\n"


class CheckReports(unittest.TestCase):
    def test_glib_quark_block_is_accepted(self):
        self.assertEqual(check.check_report(QUARK_BLOCK), ([], 1))

    def test_glib_quark_block_unwound_fully_is_accepted(self):
        self.assertEqual(check.check_report(QUARK_BLOCK_FULL), ([], 1))

    def test_same_size_block_of_ours_fails(self):
        problems, _ = check.check_report(SAME_SIZE_OURS)
        self.assertEqual(problems, ["1 leak(s) not accounted for"])

    def test_our_leak_fails(self):
        problems, _ = check.check_report(OUR_LEAK)
        self.assertEqual(problems, ["1 leak(s) not accounted for"])

    def test_two_quark_blocks_fail(self):
        problems, _ = check.check_report(QUARK_BLOCK + QUARK_BLOCK)
        self.assertTrue(problems)

    def test_sanitizer_errors_fail(self):
        for text in (LSAN_FATAL, USE_AFTER_FREE, UBSAN):
            problems, _ = check.check_report(text)
            self.assertEqual(problems, ["1 sanitizer error(s)"], text)

    def test_directory(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("report.a.1", QUARK_BLOCK), ("report.b.2", "Suppressions used:\n")):
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            with contextlib.redirect_stdout(io.StringIO()):
                self.assertEqual(check.check_directory(d), 0)
            with open(os.path.join(d, "report.c.3"), "w") as f:
                f.write(USE_AFTER_FREE)
            with contextlib.redirect_stdout(io.StringIO()) as out:
                self.assertEqual(check.check_directory(d), 1)
            self.assertIn("report.c.3", out.getvalue())


class RetryClassification(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def report(self, name, text):
        with open(os.path.join(self.dir.name, name), "w") as f:
            f.write(text)

    def test_tap(self):
        self.assertTrue(runner.all_subtests_passed(TAP_PASSED))
        self.assertFalse(runner.all_subtests_passed(TAP_FAILED))
        self.assertFalse(runner.all_subtests_passed("1..3\nok 1 /a\nok 2 /b\n"))  # died mid-way
        self.assertFalse(runner.all_subtests_passed("no plan\n"))

    def test_lsan_fatal_after_passing_tests_is_retried(self):
        self.report("report.test-window.77", LSAN_FATAL)
        self.report("report.test-a11y.78", QUARK_BLOCK)
        records = [{"name": "referent:ui / test-window", "result": "ERROR", "stdout": TAP_PASSED},
                   {"name": "referent:ui / test-a11y", "result": "OK", "stdout": TAP_PASSED}]
        self.assertEqual(runner.lsan_only_failures(records, self.dir.name),
                         {"test-window": ["report.test-window.77"]})

    def test_assertion_is_not_retried(self):
        self.report("report.test-window.77", LSAN_FATAL)
        records = [{"name": "referent:ui / test-window", "result": "ERROR", "stdout": TAP_FAILED}]
        self.assertIsNone(runner.lsan_only_failures(records, self.dir.name))

    def test_failure_without_lsan_fatal_is_not_retried(self):
        self.report("report.test-window.77", QUARK_BLOCK)
        records = [{"name": "referent:ui / test-window", "result": "ERROR", "stdout": TAP_PASSED}]
        self.assertIsNone(runner.lsan_only_failures(records, self.dir.name))

    def test_lsan_fatal_on_stderr_is_retried(self):
        # make asan: no report files, the error is in the test's own output.
        records = [{"name": "referent:io / test-pdf-import", "result": "ERROR",
                    "stdout": TAP_PASSED, "stderr": LSAN_FATAL}]
        self.assertEqual(runner.lsan_only_failures(records), {"test-pdf-import": []})
        records[0]["stderr"] = QUARK_BLOCK
        self.assertIsNone(runner.lsan_only_failures(records))

    def test_another_programs_report_does_not_count(self):
        self.report("report.test-a11y.78", LSAN_FATAL)
        records = [{"name": "referent:ui / test-window", "result": "ERROR", "stdout": TAP_PASSED}]
        self.assertIsNone(runner.lsan_only_failures(records, self.dir.name))


class RetryRun(unittest.TestCase):
    """main() with meson replaced: the first run of the suite fails with LeakSanitizer's
    fatal error in one program; only that program runs again."""

    def run_main(self, second_run_ok):
        builddir = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(builddir))
        os.makedirs(os.path.join(builddir, "meson-logs"))
        calls = []

        def fake_meson_test(bdir, timeout, *names):
            calls.append(names)
            reports = os.path.join(bdir, "sanitizer-reports")
            if len(calls) == 1:
                with open(os.path.join(reports, "report.test-window.1"), "w") as f:
                    f.write(LSAN_FATAL)
                with open(os.path.join(reports, "report.test-a11y.2"), "w") as f:
                    f.write(QUARK_BLOCK)
                records = [{"name": "referent:ui / test-window", "result": "ERROR", "stdout": TAP_PASSED},
                           {"name": "referent:ui / test-a11y", "result": "OK", "stdout": TAP_PASSED}]
                rc = 1
            else:
                with open(os.path.join(reports, "report.test-window.3"), "w") as f:
                    f.write("Suppressions used:\n" if second_run_ok else LSAN_FATAL)
                records = [{"name": "referent:ui / test-window", "result": "OK" if second_run_ok else "ERROR",
                            "stdout": TAP_PASSED}]
                rc = 0 if second_run_ok else 1
            with open(os.path.join(bdir, "meson-logs", "testlog.json"), "w") as f:
                f.write("\n".join(__import__("json").dumps(r) for r in records) + "\n")
            return rc

        saved = (runner.meson_test, sys.argv, dict(os.environ))
        runner.meson_test = fake_meson_test
        sys.argv = ["run-sanitized.py", builddir, "ui"]
        try:
            with contextlib.redirect_stdout(io.StringIO()) as out:
                rc = runner.main()
        finally:
            runner.meson_test, sys.argv = saved[0], saved[1]
            os.environ.clear()
            os.environ.update(saved[2])
        return rc, calls, out.getvalue(), builddir

    def test_retried_once_and_passes(self):
        rc, calls, out, builddir = self.run_main(second_run_ok=True)
        self.assertEqual(rc, 0, out)
        self.assertEqual(calls, [("--suite", "ui"), ("test-window",)])
        self.assertIn("running it once more", out)
        # The fatal report is kept aside, not judged; the retry's report is.
        self.assertTrue(os.path.exists(os.path.join(builddir, "report.test-window.1.lsan-fatal")))
        self.assertIn("2 report(s)", out)

    def test_the_same_failure_twice_fails(self):
        rc, calls, out, _ = self.run_main(second_run_ok=False)
        self.assertEqual(rc, 1)
        self.assertEqual(len(calls), 2)


class FuzzLsanFlake(unittest.TestCase):
    """tests/fuzz/lsan-flake.sh with a stand-in harness that fails on inputs holding "bad"."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(self.dir))
        self.crashes = os.path.join(self.dir, "crashes")
        self.harnesses = os.path.join(self.dir, "bin")
        os.makedirs(self.crashes)
        os.makedirs(self.harnesses)
        harness = os.path.join(self.harnesses, "fuzz-x")
        with open(harness, "w") as f:
            f.write('#!/bin/sh\nfor a; do case $a in -*) ;; *) ! grep -q bad "$a" || exit 1 ;; esac; done\n')
        os.chmod(harness, 0o755)
        self.log = os.path.join(self.dir, "fuzz-x.log")
        self.started = os.path.join(self.dir, "started")
        with open(self.started, "w"):
            pass
        os.utime(self.started, (1, 1))  # long before any crash file

    def run_check(self, log_text, crash_text):
        with open(self.log, "w") as f:
            f.write(log_text)
        if crash_text is not None:
            with open(os.path.join(self.crashes, "fuzz-x-crash-123"), "w") as f:
                f.write(crash_text)
        script = os.path.join(HERE, "fuzz", "lsan-flake.sh")
        return subprocess.run(
            ["bash", "-c", f'. "{script}"; lsan_flake fuzz-x "$1" "$2"', "-", self.log, self.started],
            env={**os.environ, "CRASH_DIR": self.crashes, "FUZZ_HARNESS_DIR": self.harnesses},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def test_flake_is_not_a_finding(self):
        r = self.run_check(LSAN_FATAL, "good input")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("not a finding", r.stdout)
        self.assertTrue(os.path.exists(os.path.join(self.crashes, "fuzz-x-crash-123.lsan-flake")))

    def test_reproducing_input_is_a_finding(self):
        self.assertNotEqual(self.run_check(LSAN_FATAL, "bad input").returncode, 0)
        self.assertTrue(os.path.exists(os.path.join(self.crashes, "fuzz-x-crash-123")))

    def test_other_crash_is_a_finding(self):
        self.assertNotEqual(self.run_check(USE_AFTER_FREE, "good input").returncode, 0)

    def test_no_saved_input_is_a_finding(self):
        self.assertNotEqual(self.run_check(LSAN_FATAL, None).returncode, 0)


class PrintFailures(unittest.TestCase):
    def test_repeats_the_reason(self):
        records = [{"name": "referent:ui / test-x", "result": "ERROR", "returncode": -6,
                    "duration": 14.8, "stdout": TAP_FAILED},
                   {"name": "referent:ui / test-y", "result": "OK", "stdout": TAP_PASSED}]
        with contextlib.redirect_stdout(io.StringIO()) as out:
            printer.print_failures(records)
        text = out.getvalue()
        self.assertIn("test-x: ERROR", text)
        self.assertIn("last passed: ok 1 /a", text)
        self.assertIn("assertion failed", text)
        self.assertNotIn("test-y", text)


    def test_summary_line(self):
        records = [{"result": "OK"}, {"result": "OK"}, {"result": "EXPECTEDFAIL"}, {"result": "FAIL"},
                   {"result": "TIMEOUT"}, {"result": "SKIP"}]
        self.assertEqual(printer.summary_line(records), "3 passed, 2 failed, 1 skipped")
        self.assertEqual(printer.summary_line(records[:2]), "2 passed, 0 failed")


if __name__ == "__main__":
    sys.exit(unittest.main(verbosity=2))
