#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak's spelling dictionaries install where the app finds them.

The manifest cannot be built offline (flatpak-builder needs Flathub's runtime), but
its hunspell-dictionaries module can be checked for real: this downloads its sources
(Debian's hunspell-da and hunspell-en-us packages), checks their sha256 against the
manifest, runs the module's build commands with /app moved into a temporary folder,
and then asks Referent's own spell checker (tests/spell-probe.c, enchant-2 as the app
uses it) to check Danish words with XDG_DATA_DIRS set as Flatpak sets it for the app
(/app/share first). enchant's hunspell provider searches $XDG_DATA_DIRS/hunspell, so
the app in the sandbox reads the same files; strace shows that it opened the
dictionary from the module's prefix, not from the host's /usr/share/hunspell.

Exit 77 (skipped) when the sources cannot be downloaded (no network); a server that
answers "not found" is a failure, since flatpak-builder would fail the same way.

Usage: check-flatpak-dictionaries.py SOURCE_ROOT CACHE_DIR SPELL_PROBE
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

MODULE = "hunspell-dictionaries"
# Words of minutes the Danish dictionary must know, and misspellings it must not.
DANISH_GOOD = ["beslutningen", "godkendt", "udvalget", "indstillingen", "borgmester"]
DANISH_BAD = {"beslutnigen": "beslutningen", "godkent": "godkendt"}


def fail(message):
    print(f"check-flatpak-dictionaries: {message}", file=sys.stderr)
    sys.exit(1)


def fetch(source, cache):
    """The source file, from the cache or downloaded; None without network."""
    url = source["url"]
    name = source.get("dest-filename") or url.rsplit("/", 1)[-1]
    target = cache / name
    if not target.exists() or hashlib.sha256(target.read_bytes()).hexdigest() != source["sha256"]:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except urllib.error.HTTPError as e:
            # The server answered: the pinned file is gone, and the Flatpak would not build.
            fail(f"{url}: {e.code} {e.reason}; the manifest's source must be updated")
        except (urllib.error.URLError, OSError) as e:
            print(f"cannot download {url}: {e}")
            return None
        digest = hashlib.sha256(data).hexdigest()
        if digest != source["sha256"]:
            fail(f"{url}: sha256 is {digest}, the manifest pins {source['sha256']}")
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    return target, name


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    root, cache, probe = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    manifest = json.loads((root / "flatpak" / "dk.referent.Referent.json").read_text(encoding="utf-8"))
    modules = [m for m in manifest["modules"] if isinstance(m, dict) and m.get("name") == MODULE]
    if len(modules) != 1:
        fail(f"the manifest has no module {MODULE!r}")
    module = modules[0]
    if module.get("buildsystem") != "simple":
        fail(f"{MODULE}: expected buildsystem simple, found {module.get('buildsystem')!r}")

    with tempfile.TemporaryDirectory(prefix="referent-flatpak-") as tmp:
        tmp = Path(tmp)
        build, prefix = tmp / "build", tmp / "app"
        build.mkdir()
        for source in module["sources"]:
            if source.get("type") != "file":
                fail(f"{MODULE}: source type {source.get('type')!r} is not checked here")
            fetched = fetch(source, cache)
            if fetched is None:
                print("SKIP: the dictionary packages cannot be downloaded here")
                sys.exit(77)
            path, name = fetched
            shutil.copyfile(path, build / name)

        # flatpak-builder runs each command in the build folder with the prefix /app.
        for command in module["build-commands"]:
            command = re.sub(r"(?<![\w/.])/app(?=/|\b)", str(prefix), command)
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=build,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                fail(f"build command failed ({result.returncode}): {command}\n{result.stderr}")

        hunspell = prefix / "share" / "hunspell"
        for lang in ("da_DK", "en_US"):
            for ext in ("aff", "dic"):
                if not (hunspell / f"{lang}.{ext}").is_file():
                    fail(f"{MODULE} did not install /app/share/hunspell/{lang}.{ext}")

        env = dict(os.environ)
        env.update({
            "XDG_DATA_DIRS": f"{prefix / 'share'}:/nonexistent",
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "HOME": str(tmp / "home"),
        })
        words = DANISH_GOOD + list(DANISH_BAD)
        command = [probe, "da"] + words
        trace = tmp / "strace.log"
        strace = shutil.which("strace")
        if strace:
            command = [strace, "-f", "-qq", "-e", "trace=openat", "-o", str(trace)] + command
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if strace and result.returncode != 0 and "ptrace" in result.stderr.lower():
            # strace itself could not run (ptrace refused in some containers).
            print(f"strace cannot trace here: {result.stderr.strip()}")
            strace = None
            command = [probe, "da"] + words
            result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"the spell checker found no Danish dictionary ({result.returncode}): {result.stderr}")
        answers = {}
        for line in result.stdout.splitlines():
            verdict, word, *suggestions = line.split(" ")
            answers[word] = (verdict, suggestions)
        for word in DANISH_GOOD:
            if answers.get(word, ("?",))[0] != "ok":
                fail(f"{word!r} should be correct Danish; got {answers.get(word)}")
        for word, right in DANISH_BAD.items():
            verdict, suggestions = answers.get(word, ("?", []))
            if verdict != "bad" or right not in suggestions:
                fail(f"{word!r} should be misspelled with the suggestion {right!r}; got {verdict} {suggestions}")
        if strace:
            opened = [line for line in trace.read_text().splitlines()
                      if "da_DK.dic" in line and "= -1" not in line]
            if not any(str(hunspell / "da_DK.dic") in line for line in opened):
                fail("the Danish dictionary was not read from the module's /app/share/hunspell:\n"
                     + "\n".join(opened))
            print(f"read {hunspell / 'da_DK.dic'} (strace)")
        else:
            print("strace is missing: where the dictionary was read from is not checked")
    print(f"{MODULE}: sources pinned, installed, and Danish spell checking works from /app/share/hunspell")


if __name__ == "__main__":
    main()
