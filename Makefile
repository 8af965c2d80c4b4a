# SPDX-License-Identifier: GPL-3.0-or-later
# Convenience targets. The two a newcomer needs: `make run` and `make test`.

BUILD_DIR ?= _build
ASAN_DIR ?= _build-asan
MESON_OPTS ?=
XVFB = xvfb-run -a -s "-screen 0 1280x1024x24"
# GLib's slice allocator would hide use-after-free and leaks from the sanitizers.
ASAN_ENV = G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp

.PHONY: all deps build run test test-core asan-build asan asan-ui fuzz bench clean

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

# Every test, headless (the ui suite needs a display: Xvfb provides one).
test: build
	$(XVFB) meson test -C $(BUILD_DIR) --print-errorlogs --no-suite bench

# Non-GUI suites only (no display needed).
test-core: build
	meson test -C $(BUILD_DIR) --print-errorlogs --suite model --suite io --suite cli --suite export

# The sanitizer build, shared by asan and asan-ui.
$(ASAN_DIR)/build.ninja:
	meson setup $(ASAN_DIR) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

asan-build: deps $(ASAN_DIR)/build.ninja
	meson compile -C $(ASAN_DIR)

# AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) over the non-GUI suites.
asan: asan-build
	$(ASAN_ENV) meson test -C $(ASAN_DIR) --print-errorlogs -t 4 --suite model --suite io --suite cli --suite export

# libFuzzer harnesses (clang; built in _build-fuzz), each for FUZZ_SECONDS; crashing
# inputs land in tests/fuzz/crashes/. See tests/fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash tests/fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

# The GTK suites under ASan/UBSan/LSan (Xvfb display). GTK keeps caches for the
# life of the process, so here GLib's slice allocator stays on (G_SLICE unset): LSan
# cannot tell GTK's cache entries from leaks when Debian's GLib has no frame pointers
# to unwind through. Reports go to files that tests/check-lsan-reports.py reads: it
# accepts only GLib's deliberately abandoned first quark block (see the script) and
# fails on any other leak or sanitizer error.
asan-ui: asan-build
	rm -rf $(ASAN_DIR)/sanitizer-reports && mkdir -p $(ASAN_DIR)/sanitizer-reports
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(CURDIR)/$(ASAN_DIR)/sanitizer-reports/report \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:exitcode=0 \
	$(XVFB) meson test -C $(ASAN_DIR) --print-errorlogs --suite ui -t 10 \
	  || { python3 tests/check-lsan-reports.py $(ASAN_DIR)/sanitizer-reports; exit 1; }
	python3 tests/check-lsan-reports.py $(ASAN_DIR)/sanitizer-reports

bench: build
	$(XVFB) meson test -C $(BUILD_DIR) --suite bench --verbose

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) _build-fuzz
