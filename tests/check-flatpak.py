#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest agrees with meson and keeps its promises.

The manifest cannot be built offline, so this checks what can be checked without
the network: it parses; its app id and command are the ones meson builds; the
sandbox is minimal (files only through the portal; the network only because approvals
ask a time-stamp authority, when one is configured); every archive is
pinned by a sha256; poppler, xmlsec1 and qpdf are built, and Referent itself (meson) last.

Usage: check-flatpak.py SOURCE_ROOT
"""
import json
import re
import sys
from pathlib import Path

# --share=network: an approval asks the configured RFC 3161 time-stamp authority
# (src/io/signature/ref-timestamp.c, libsoup); without it every time-stamped approval
# would fail inside the sandbox.
REQUIRED_FINISH_ARGS = ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
                        "--share=network")
REQUIRED_MODULES = ("poppler", "xmlsec1", "qpdf", "libstemmer", "hunspell-dictionaries")

problems = []


def problem(message):
    problems.append(message)


def meson_string(path, pattern, what):
    match = re.search(pattern, path.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        sys.exit(f"check-flatpak: cannot find {what} in {path}")
    return match.group(1)


def walk_modules(modules, where):
    """Yields (path, module) for every module, nested ones included."""
    for module in modules:
        if isinstance(module, str):
            # A module may be a path to a separate JSON file; none are expected here.
            problem(f"{where}: module {module!r} is an external file; keep the manifest in one file")
            continue
        name = module.get("name", "?")
        yield f"{where}/{name}", module
        yield from walk_modules(module.get("modules", []), f"{where}/{name}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    app_id = meson_string(root / "meson.build", r"^app_id\s*=\s*'([^']+)'", "app_id")
    executable = meson_string(root / "src" / "ui" / "meson.build",
                              r"^referent_app\s*=\s*executable\(\s*'([^']+)'", "the application executable")
    manifest_path = root / "flatpak" / f"{app_id}.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        sys.exit(f"check-flatpak: {manifest_path}: {e}")

    manifest_id = manifest.get("id", manifest.get("app-id"))
    if manifest_id != app_id:
        problem(f"id is {manifest_id!r}, meson's app_id is {app_id!r}")
    if manifest.get("command") != executable:
        problem(f"command is {manifest.get('command')!r}, meson builds {executable!r}")
    for key in ("runtime", "runtime-version", "sdk"):
        if not manifest.get(key):
            problem(f"{key} is missing")
    if not str(manifest.get("runtime", "")).startswith("org.gnome."):
        problem(f"runtime {manifest.get('runtime')!r} is not the GNOME runtime")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg.startswith("--filesystem"):
            problem(f"finish-args has {arg}: files go through the file chooser portal")
        if arg == "--socket=x11":
            problem("finish-args has --socket=x11: use --socket=fallback-x11")
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            problem(f"finish-args lacks {arg}")

    modules = list(walk_modules(manifest.get("modules", []), ""))
    names = [module.get("name") for _, module in modules]
    for name in REQUIRED_MODULES:
        if name not in names:
            problem(f"no module named {name!r}")
    for path, module in modules:
        for source in module.get("sources", []):
            if isinstance(source, str):
                problem(f"{path}: source {source!r} is an external file")
                continue
            if source.get("type") in ("archive", "file") and "path" not in source:
                if not str(source.get("url", "")).startswith("https://"):
                    problem(f"{path}: archive without an https url: {source.get('url')!r}")
                if not re.fullmatch(r"[0-9a-f]{64}", str(source.get("sha256", ""))):
                    problem(f"{path}: {source.get('url')!r} is not pinned by a sha256")

    top = manifest.get("modules", [])
    last = top[-1] if top and isinstance(top[-1], dict) else {}
    if last.get("buildsystem") != "meson":
        problem(f"the last module ({last.get('name')!r}) is not built with meson")
    elif not any(isinstance(s, dict) and s.get("type") == "dir" for s in last.get("sources", [])):
        problem(f"the last module ({last.get('name')!r}) does not build this source tree (type: dir)")

    for message in problems:
        print(f"{manifest_path.name}: {message}", file=sys.stderr)
    if problems:
        return 1
    print(f"{manifest_path.name}: {app_id}, command {executable}, modules {', '.join(map(str, names))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
