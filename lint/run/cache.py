"""A findings cache, keyed by everything that can change a file's findings.

The key of one file's entry is a hash of: newslint's version, the loaded
plugins (their names and the size and modification time of each plugin's
module file), the rules in force for that file (names, severities, options),
the reader settings (input encoding, html-content), the file's paths (reported and config-relative),
and the file's bytes. A change to any of them is a miss, so the cache never
returns stale findings. Entries are small JSON files under the cache folder
(default ``.newslint_cache`` beside the config, or the current folder);
writes are atomic, and a corrupt entry is treated as a miss.

Messages are stored as message ids with their parameters (``lint.i18n``), not
as text: one entry serves every output language.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Optional

from lint.atomic import write_new
from lint.i18n import from_json, to_json
from lint.model import Edit, FileError, Finding, Fix, Related, Severity

CACHE_DIR_NAME = ".newslint_cache"


def plugin_signature(registry) -> str:
    from lint import __version__

    parts = [__version__]
    for plugin in registry.pm.get_plugins():
        name = registry.pm.get_name(plugin) or ""
        path = getattr(plugin, "__file__", None)
        stamp = ""
        if path:
            try:
                st = os.stat(path)
                stamp = f"{st.st_size}:{st.st_mtime_ns}"
            except OSError:
                stamp = "?"
        parts.append(f"{name}={path}@{stamp}")
    # the core's own modules can change a finding too (e.g. in an editable install)
    core = os.path.dirname(os.path.abspath(__file__))
    for fn in sorted(os.listdir(core)):
        if fn.endswith(".py"):
            st = os.stat(os.path.join(core, fn))
            parts.append(f"lint/{fn}@{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


class Cache:
    def __init__(self, folder: str, linter):
        self.folder = folder
        self.linter = linter
        self._plugins = plugin_signature(linter.registry)
        self._settings: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def _rules_key(self, rel: str) -> str:
        key = self._settings.get(rel)
        if key is None:
            settings = self.linter.config.rule_settings(self.linter.registry, rel)
            blob = json.dumps(
                {n: [int(s.severity), s.options] for n, s in settings.items()},
                sort_keys=True,
                default=repr,
            )
            key = blob + "|" + json.dumps(self.linter.config.reader_options(rel), sort_keys=True)
            self._settings[rel] = key
        return key

    def key(self, data: bytes, display: str, rel: str) -> str:
        h = hashlib.sha256()
        for part in (self._plugins, self._rules_key(rel), display, rel):
            h.update(part.encode("utf-8", "surrogateescape"))
            h.update(b"\x00")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".json")

    def get(self, key: str) -> Optional[tuple[list[Finding], list[FileError]]]:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            result = (
                [_finding_from(d) for d in entry["findings"]],
                [FileError(e["path"], from_json(e["message"])) for e in entry["errors"]],
            )
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, findings: list[Finding], errors: list[FileError]) -> None:
        # a crashing rule is not cached: the next run should try again
        if any(e.kind == "crash" for e in errors):
            return
        entry = {
            "findings": [_finding_to(f) for f in findings],
            "errors": [{"path": e.path, "message": to_json(e.message)} for e in errors],
        }
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _tag(self.folder)
            write_new(path, json.dumps(entry, ensure_ascii=False))
        except OSError:
            pass  # a read-only or full disk only costs speed


def _tag(folder: str) -> None:
    """Mark the folder as a cache (and keep it out of git)."""
    gi = os.path.join(folder, ".gitignore")
    if not os.path.exists(gi):
        try:
            with open(gi, "w") as fh:
                fh.write("# Automatically created by newslint.\n*\n")
            with open(os.path.join(folder, "CACHEDIR.TAG"), "w") as fh:
                fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# newslint findings cache\n")
        except OSError:
            pass


def _finding_to(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "code": f.code,
        "severity": int(f.severity),
        "message": to_json(f.message),
        "start": f.start,
        "end": f.end,
        "related": [[r.start, r.end, to_json(r.message)] for r in f.related],
        "fix": None
        if f.fix is None
        else [to_json(f.fix.message), f.fix.applicability, [[e.start, e.end, e.replacement] for e in f.fix.edits]],
        "path": f.path,
        "pos": [f.line, f.column, f.end_line, f.end_column, f.offset, f.end_offset],
        "related_positions": [dict(r, message=to_json(r.get("message", ""))) for r in f.related_positions],
        "fix_edits": f.fix_edits,
        "source_line": f.source_line,
        "fingerprint": f.fingerprint,
        "position_kind": f.position_kind,
    }


def _finding_from(d: dict) -> Finding:
    fix = None
    if d["fix"] is not None:
        msg, app, edits = d["fix"]
        fix = Fix(from_json(msg), tuple(Edit(*e) for e in edits), app)
    f = Finding(
        d["rule"],
        d["code"],
        Severity(d["severity"]),
        from_json(d["message"]),
        d["start"],
        d["end"],
        [Related(r[0], r[1], from_json(r[2])) for r in d["related"]],
        fix,
    )
    f.path = d["path"]
    f.line, f.column, f.end_line, f.end_column, f.offset, f.end_offset = d["pos"]
    f.related_positions = [dict(r, message=from_json(r.get("message", ""))) for r in d["related_positions"]]
    f.fix_edits = d["fix_edits"]
    f.source_line = d["source_line"]
    f.fingerprint = d["fingerprint"]
    f.position_kind = d.get("position_kind", "line")
    return f


def default_folder(config) -> str:
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return env
    configured = config.data.get("cache-dir")
    if configured:
        return str((config.root / configured).resolve()) if not os.path.isabs(configured) else configured
    return str(config.root / CACHE_DIR_NAME)
