# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by run-fuzzers.sh (and tests/test-ci-scripts.py). Needs CRASH_DIR and
# FUZZ_HARNESS_DIR (where the harness programs are).
#
# lsan_flake HARNESS LOG STARTED: succeeds when the failed run logged in LOG is
# LeakSanitizer's own failure and not a finding.
#
# LeakSanitizer's scan stops all threads with ptrace, and now and then its tracer dies
# while a worker thread exits ("LeakSanitizer has encountered a fatal error",
# google/sanitizers#1353). libFuzzer then saves whatever input was running as a crash.
# Such a failure counts only if the saved input fails again when run on its own, three
# times; otherwise the input is renamed *.lsan-flake and the run goes on.
lsan_flake() {
  local h=$1 log=$2 started=$3 input reproduced=0
  grep -q "LeakSanitizer has encountered a fatal error" "$log" || return 1
  local inputs=()
  while IFS= read -r -d '' input; do
    inputs+=("$input")
  done < <(find "$CRASH_DIR" -maxdepth 1 -name "$h-*" -newer "$started" ! -name '*.lsan-flake' -print0)
  [ ${#inputs[@]} -gt 0 ] || return 1
  for input in "${inputs[@]}"; do
    for _ in 1 2 3; do
      if ! "$FUZZ_HARNESS_DIR/$h" -timeout=10 -rss_limit_mb=2048 "$input" >>"$log.replay" 2>&1; then
        reproduced=1
      fi
    done
  done
  if [ $reproduced -ne 0 ]; then
    return 1
  fi
  for input in "${inputs[@]}"; do
    mv "$input" "$input.lsan-flake"
  done
  echo "run-fuzzers: $h: LeakSanitizer's own scan failed; the input it was running passes" \
    "when replayed 3 times, so this is not a finding (kept as *.lsan-flake)"
  return 0
}

