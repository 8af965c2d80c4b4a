#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-fuzzers.sh SECONDS [HARNESS...]
#
# Configures and builds the libFuzzer harnesses in _build-fuzz (clang, ASan + UBSan,
# libFuzzer coverage on the whole library) if needed, then runs each harness (default:
# all four, one after another) for SECONDS. Each run starts from a copy of the seed
# corpus in a temporary directory, so the committed corpus never grows by itself.
# Crashing, leaking or timing-out inputs are saved to tests/fuzz/crashes/ and the
# script exits non-zero if any harness found one.
#
# Environment: FUZZ_BUILD_DIR (default _build-fuzz); FUZZ_WORK_DIR keeps the working
# corpora there instead of a temporary directory (to resume a long run); FUZZ_ARGS
# adds libFuzzer options.
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [fuzz-xml-reader|fuzz-pdf-import|fuzz-text-plain|fuzz-esdh-import ...]" >&2
  exit 2
fi
SECONDS_EACH=$1
shift
HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then
  HARNESSES=(fuzz-xml-reader fuzz-pdf-import fuzz-text-plain fuzz-esdh-import)
fi

BUILD=${FUZZ_BUILD_DIR:-_build-fuzz}
CRASH_DIR=$ROOT/tests/fuzz/crashes

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang meson setup "$BUILD" \
    -Dfuzzing=true \
    -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    "-Dc_args=-fsanitize=fuzzer-no-link" || exit 1
fi
targets=()
for h in "${HARNESSES[@]}"; do
  targets+=("tests/fuzz/$h")
done
ninja -C "$BUILD" "${targets[@]}" || exit 1
FUZZ_HARNESS_DIR=$BUILD/tests/fuzz

if [ -n "${FUZZ_WORK_DIR:-}" ]; then
  WORK=$FUZZ_WORK_DIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/referent-fuzz-XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$CRASH_DIR"

# GLib's slice allocator would hide use-after-free from ASan.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp}

# lsan_flake: see the file.
. "$ROOT/tests/fuzz/lsan-flake.sh"

failed=()
for h in "${HARNESSES[@]}"; do
  case $h in
    fuzz-xml-reader) kind=xml; extra=(-dict="$ROOT/tests/fuzz/referat.dict" -max_len=65536) ;;
    fuzz-pdf-import) kind=pdf; extra=(-dict="$ROOT/tests/fuzz/pdf.dict" -max_len=262144 -close_fd_mask=2) ;;
    fuzz-text-plain) kind=text; extra=(-dict="$ROOT/tests/fuzz/text.dict" -max_len=16384) ;;
    fuzz-esdh-import) kind=esdh; extra=(-dict="$ROOT/tests/fuzz/esdh.dict" -max_len=65536) ;;
    *) echo "run-fuzzers: unknown harness $h" >&2; exit 2 ;;
  esac
  corpus=$WORK/$kind
  if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    cp "$ROOT/tests/fuzz/corpus/$kind/"* "$corpus/"
  fi
  log=$WORK/$h.log
  started=$WORK/$h.started
  touch "$started"
  echo "run-fuzzers: $h for ${SECONDS_EACH}s (corpus copy in $corpus, log $log)"
  # shellcheck disable=SC2086
  "$BUILD/tests/fuzz/$h" "$corpus" \
    -max_total_time="$SECONDS_EACH" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$CRASH_DIR/$h-" \
    "${extra[@]}" ${FUZZ_ARGS:-} >"$log" 2>&1
  status=$?
  grep -E '^(stat::|Done|INFO: Running with entropic|#[0-9]+.*DONE)' "$log" | sed "s/^/  $h: /"
  if [ $status -ne 0 ] && lsan_flake "$h" "$log" "$started"; then
    status=0
  fi
  if [ $status -ne 0 ]; then
    echo "run-fuzzers: $h FAILED (exit $status); last lines of the log:" >&2
    tail -n 60 "$log" >&2
    failed+=("$h")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzzers: failures in ${failed[*]}; inputs saved in $CRASH_DIR:" >&2
  ls -l "$CRASH_DIR" >&2
  exit 1
fi
echo "run-fuzzers: no crashes"
