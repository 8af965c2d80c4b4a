#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The translation is complete and current: a template extracted from the sources
# right now has no message that po/da.po lacks, and da.po has no untranslated or
# fuzzy entries.
set -euo pipefail
src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --files-from=po/POTFILES.in -o "$tmp/fresh.pot"

# Every message of the sources is in da.po, translated.
msgcmp po/da.po "$tmp/fresh.pot"
# No message of the committed template is missing from the fresh one or vice versa.
msgcomm --unique po/referent.pot "$tmp/fresh.pot" -o "$tmp/diff.pot" 2>/dev/null || true
if [ -s "$tmp/diff.pot" ] && grep -q '^msgid "[^"]' "$tmp/diff.pot"; then
  echo "po/referent.pot is out of date; run: ninja -C _build referent-pot" >&2
  grep '^msgid' "$tmp/diff.pot" >&2
  exit 1
fi
# Danish quotes: „…“, never the English “…” (or "…"), in every translation.
english_quotes=$(awk '
  /^msgstr/ { in_str = 1 }
  /^(msgid|#)/ { in_str = 0 }
  in_str && /”/ { print FILENAME ":" FNR ": " $0 }
' po/da.po)
if [ -n "$english_quotes" ]; then
  echo "po/da.po uses English quotation marks; Danish is „…“:" >&2
  echo "$english_quotes" >&2
  exit 1
fi
stats=$(msgfmt --check --statistics -o /dev/null po/da.po 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "po/da.po is incomplete" >&2; exit 1 ;;
esac
