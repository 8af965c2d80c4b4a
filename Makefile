# SPDX-License-Identifier: GPL-3.0-or-later
# Convenience targets. The two a newcomer needs: `make run` and `make test`.

BUILD_DIR ?= _build
ASAN_DIR ?= _build-asan
MESON_OPTS ?=
XVFB = xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: all deps build run test test-core asan-build asan asan-ui fuzz bench import-accuracy clean

all: build

deps:
	@bash build-aux/install-deps.sh

$(BUILD_DIR)/build.ninja:
	meson setup $(BUILD_DIR) $(MESON_OPTS)

build: deps $(BUILD_DIR)/build.ninja
	meson compile -C $(BUILD_DIR)

# Starts the app with the built-in sample meeting open.
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD_DIR)/data $(BUILD_DIR)/src/ui/referent

# tests/print-failures.py then repeats each failing test's messages, where a console
# that keeps only the tail still shows them, and ends with one plain line:
# "N passed, N failed" (and ", N skipped").

# Every test, headless (the ui suite needs a display: Xvfb provides one).
test: build
	$(XVFB) meson test -C $(BUILD_DIR) --print-errorlogs --no-suite bench; \
	  status=$$?; python3 tests/print-failures.py $(BUILD_DIR); exit $$status

# Non-GUI suites only (no display needed).
test-core: build
	meson test -C $(BUILD_DIR) --print-errorlogs --suite model --suite io --suite cli --suite export; \
	  status=$$?; python3 tests/print-failures.py $(BUILD_DIR); exit $$status

# The sanitizer build, shared by asan and asan-ui.
$(ASAN_DIR)/build.ninja:
	meson setup $(ASAN_DIR) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

asan-build: deps $(ASAN_DIR)/build.ninja
	meson compile -C $(ASAN_DIR)

# AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) over the non-GUI
# suites, with GLib's slice allocator off (it would hide use-after-free and leaks).
# tests/run-sanitized.py sets the sanitizer options and judges the run.
asan: asan-build
	python3 tests/run-sanitized.py $(ASAN_DIR) core

# libFuzzer harnesses (clang; built in _build-fuzz), each for FUZZ_SECONDS; crashing
# inputs land in tests/fuzz/crashes/. See tests/fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash tests/fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

# The GTK suites under ASan/UBSan/LSan (Xvfb display). GTK keeps caches for the
# life of the process, so here GLib's slice allocator stays on (G_SLICE unset): LSan
# cannot tell GTK's cache entries from leaks when Debian's GLib has no frame pointers
# to unwind through. tests/run-sanitized.py writes each process's sanitizer report to a
# file and tests/check-lsan-reports.py reads them: it accepts only GLib's deliberately
# abandoned first quark block (see the script) and fails on any other leak or error.
asan-ui: asan-build
	$(XVFB) python3 tests/run-sanitized.py $(ASAN_DIR) ui

bench: build
	$(XVFB) meson test -C $(BUILD_DIR) --suite bench --verbose

# Field accuracy of the PDF import over every fixture of tests/fixtures/pdf (the seeds
# and the zoo), per field and per fixture, with every check that failed.
import-accuracy: build
	@G_TEST_SRCDIR=$(CURDIR)/tests $(BUILD_DIR)/tests/test-pdf-import -p /pdf-import/fixtures 2>/dev/null \
	  | grep -v 'Poppler-\|GLib-GIO-DEBUG' | sed -n 's/^# //p'

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) _build-fuzz
