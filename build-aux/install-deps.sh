#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Referent needs to build, run and test.
# Does nothing when everything is present, so `make run` stays fast.
# Works as root (fresh machine, CI) or through sudo for a normal user.
set -euo pipefail

PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config gettext itstool
  # libraries (Debian 12: GLib 2.74, GTK 4.8, libadwaita 1.2, poppler 22.12)
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libxml2-dev libxml2-utils
  libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  # approvals: XML-DSig signatures with xmlsec on OpenSSL; the openssl command makes
  # the test certificates
  libxmlsec1-dev libxmlsec1-openssl libssl-dev openssl
  # tagged PDF: the catalogue entries cairo 1.16 cannot write
  libqpdf-dev
  # benchmarks: xmlsec1 is the reference the approval benchmark is measured against
  xmlsec1
  # approvals: RFC 3161 time stamps over HTTP
  libsoup-3.0-dev
  # case-system (ESDH) export bundles delivered as zip files
  libarchive-dev
  # the archive: a full-text index (SQLite FTS5) with Snowball's Danish stemmer
  libsqlite3-dev libstemmer-dev
  # tests: reading expected JSON of the PDF import fixtures
  libjson-glib-dev
  # fonts embedded in exported PDFs (cover æøå)
  fonts-liberation2 fonts-crosextra-carlito
  # desktop integration checks
  desktop-file-utils appstream shared-mime-info
  # tests: headless display, PDF tools; real key presses and clicks through the X
  # server (XTEST) and switching the keyboard layout (setxkbmap) in widget tests
  xvfb xauth poppler-utils dbus-x11 libx11-dev libxtst-dev x11-xkb-utils
  # tests: the accessibility bus, for a widget test with GTK's AT-SPI layer on
  at-spi2-core
  # spell checking while typing: enchant with hunspell's Danish (and English) dictionary
  libenchant-2-dev hunspell-da hunspell-en-us
  # tests: strace shows where the Flatpak dictionary test read its dictionary from
  strace
  # fuzzing: clang with libFuzzer (make fuzz)
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The tests check approvals with an independent XAdES implementation (xadesjs) under
# Node.js. Node comes from Debian unless the machine already has one (a nodesource
# "nodejs" package brings its own npm, which Debian's npm would conflict with).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

install_xadesjs() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/xades"
  # npm ci installs exactly package-lock.json; again only when the lock changed.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: installing the test's XAdES verifier (npm ci in tests/xades)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_xadesjs
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Another install (unattended-upgrades, a second checkout) may hold the package
# manager's locks: wait for them instead of failing. apt-get install waits for the dpkg
# lock itself (DPkg::Lock::Timeout); apt-get update has no such option for the lists
# lock, so it is retried while a lock is held.
LOCK_WAIT=${REFERENT_APT_LOCK_WAIT:-900}
# The locks apt and dpkg take (tests/test-install-deps.py names its own).
APT_LOCKS=${REFERENT_APT_LOCKS:-/var/lib/apt/lists/lock /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock}
apt_locked() {
  local lock
  for lock in $APT_LOCKS; do
    if [ -e "$lock" ] && ! $SUDO flock -n "$lock" true 2>/dev/null; then
      return 0
    fi
  done
  return 1
}
waited=0
until $SUDO apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT" update -q; do
  if apt_locked && [ "$waited" -lt "$LOCK_WAIT" ]; then
    echo "install-deps: the package manager is busy; waiting" >&2
    sleep 5
    waited=$((waited + 5))
  else
    exit 1
  fi
done
$SUDO apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT" install -y -q --no-install-recommends "${missing[@]}"
install_xadesjs
