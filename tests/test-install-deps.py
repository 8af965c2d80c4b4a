#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""build-aux/install-deps.sh waits while another install holds the package manager's
lock (issue 14), instead of failing as `apt-get update` does then, and still fails at
once when apt-get fails for another reason or the lock is held too long.

apt-get, dpkg-query, id and npm are stand-ins on PATH; the lock is a real file locked
with flock(1) by another process, as apt and dpkg lock theirs."""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SCRIPT = os.path.join(ROOT, "build-aux", "install-deps.sh")

APT_GET = """#!/bin/sh
# update fails while the lock is held, as apt-get does ("Could not get lock").
case "$*" in
  *update*)
    if ! flock -n "$FAKE_LOCK" true; then echo "E: Could not get lock $FAKE_LOCK" >&2; exit 100; fi
    if [ -n "$FAKE_UPDATE_FAILS" ]; then echo "E: network down" >&2; exit 100; fi
    echo "update $*" >> "$FAKE_LOG" ;;
  *install*) echo "install $*" >> "$FAKE_LOG" ;;
esac
exit 0
"""


class InstallDeps(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bin = os.path.join(self.tmp.name, "bin")
        os.makedirs(self.bin)
        self.lock = os.path.join(self.tmp.name, "lock")
        self.log = os.path.join(self.tmp.name, "log")
        open(self.lock, "w").close()
        open(self.log, "w").close()
        stubs = {
            "apt-get": APT_GET,
            "dpkg-query": "#!/bin/sh\nexit 1\n",  # nothing is installed
            "id": "#!/bin/sh\necho 0\n",  # as root: no sudo
            "npm": "#!/bin/sh\nexit 0\n",
        }
        for name, text in stubs.items():
            path = os.path.join(self.bin, name)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o755)
        self.holder = None

    def tearDown(self):
        if self.holder is not None:
            # flock and the sleep it runs (which holds the lock) go together.
            os.killpg(self.holder.pid, signal.SIGKILL)
            self.holder.wait()
        self.tmp.cleanup()

    def hold_lock(self, seconds):
        self.holder = subprocess.Popen(["flock", self.lock, "sleep", str(seconds)], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(200):
            if subprocess.call(["flock", "-n", self.lock, "true"]) != 0:
                return
            time.sleep(0.01)
        self.fail("the lock was not taken")

    def run_script(self, wait, **extra):
        env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ["PATH"], FAKE_LOCK=self.lock,
                   FAKE_LOG=self.log, REFERENT_APT_LOCKS=self.lock, REFERENT_APT_LOCK_WAIT=str(wait), **extra)
        return subprocess.run(["bash", SCRIPT], env=env, capture_output=True, text=True, timeout=120)

    def calls(self):
        with open(self.log) as f:
            return f.read().splitlines()

    def test_waits_for_the_lock(self):
        self.hold_lock(2)
        result = self.run_script(60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("the package manager is busy; waiting", result.stderr)
        calls = self.calls()
        self.assertEqual(len(calls), 2, calls)
        self.assertTrue(calls[0].startswith("update"), calls)
        self.assertTrue(calls[1].startswith("install"), calls)
        # apt-get install waits for dpkg's lock itself, as long.
        self.assertIn("DPkg::Lock::Timeout=60", calls[1])

    def test_gives_up_after_the_wait(self):
        self.hold_lock(60)
        result = self.run_script(5)
        self.assertEqual(result.returncode, 1)
        self.assertIn("the package manager is busy; waiting", result.stderr)
        self.assertEqual(self.calls(), [])

    def test_other_failures_stop_at_once(self):
        start = time.monotonic()
        result = self.run_script(60, FAKE_UPDATE_FAILS="1")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("waiting", result.stderr)
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(self.calls(), [])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
