"""``newslint lsp``: a Language Server (pygls 2.x) for editors.

It lints the editor's buffer with the same engine and config as ``newslint
check`` and publishes diagnostics on open, on change (debounced) and on save;
offers each finding's fix as a quick-fix code action; and reloads the config
when ``newslint.yml`` / ``.newslint.yml`` changes.

Positions: findings carry code-point offsets into the decoded text; LSP
positions are 0-based lines and columns in the negotiated position encoding
(UTF-16 code units unless the client offers UTF-32 or UTF-8). :class:`PositionMap`
does that conversion, in one place.

Needs the ``lsp`` extra: ``pip install 'newslint[lsp]'``.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from lint import i18n
from lint.config import CONFIG_NAMES, ConfigError, find_user_config, load_config
from lint.i18n import _, ngettext, render
from lint.lang.compiled import compile_re
from lint.manager import PluginError
from lint.model import Finding, Severity
from lint.run.engine import Linter

try:  # the version, without making the server depend on how it was installed
    from importlib.metadata import version as _dist_version

    __version__ = _dist_version("newslint")
except Exception:  # noqa: BLE001 - a source checkout without metadata
    __version__ = "0"

SOURCE = "newslint"
DEFAULT_DEBOUNCE = 0.3  # seconds between the last keystroke and the lint
CONFIG_GLOB = "**/{" + ",".join(CONFIG_NAMES) + "}"
WATCHER_ID = "newslint-config-watcher"

log = logging.getLogger("newslint.lsp")

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

_NEWLINE = compile_re(r"\r\n|\r|\n")


# --- positions -----------------------------------------------------------------------


def _norm_encoding(encoding: Any) -> str:
    value = getattr(encoding, "value", encoding) or "utf-16"
    value = str(value).lower()
    return value if value in ("utf-8", "utf-16", "utf-32") else "utf-16"


def code_units(s: str, encoding: str = "utf-16") -> int:
    """How many code units ``s`` takes in an LSP position encoding."""
    if encoding == "utf-32":
        return len(s)
    if encoding == "utf-8":
        return len(s.encode("utf-8", "surrogatepass"))
    # UTF-16: one unit per code point, two for those outside the BMP (emoji, rare CJK)
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def _names(path, uri: str, linter) -> tuple:
    """How a document is named in findings (its path, else its URI) and its
    path relative to the config's root (for per-file overrides), or None."""
    display = str(path) if path is not None else uri
    if path is None:
        return display, None
    from lint.run.files import rel_path

    return display, rel_path(str(path), linter.config.root)  # as `newslint check` names it


class PositionMap:
    """Code-point offsets and 1-based (line, column) pairs -> LSP positions.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the LSP specification says
    (and as newslint's Document counts them). An offset inside a ``\\r\\n`` maps
    to the end of its line.
    """

    def __init__(self, text: str, encoding: Any = "utf-16"):
        self.text = text
        self.encoding = _norm_encoding(encoding)
        self.starts = [0]
        self.ends = []  # offset of each line's terminator (or end of text)
        for m in _NEWLINE.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(int(offset), len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        end = min(offset, self.ends[line])
        return types.Position(line=line, character=code_units(self.text[start:end], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def position_at(self, line: int, column: int) -> types.Position:
        """From newslint's 1-based line and 1-based code-point column."""
        line = max(0, min(int(line) - 1, len(self.starts) - 1))
        start, end = self.starts[line], self.ends[line]
        stop = max(start, min(start + max(int(column) - 1, 0), end))
        return types.Position(line=line, character=code_units(self.text[start:stop], self.encoding))


def _range_dict(r: types.Range) -> dict:
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }


def _range_from(d: dict) -> types.Range:
    return types.Range(
        start=types.Position(line=int(d["start"]["line"]), character=int(d["start"]["character"])),
        end=types.Position(line=int(d["end"]["line"]), character=int(d["end"]["character"])),
    )


# --- findings -> diagnostics -----------------------------------------------------------


def to_diagnostic(
    f: Finding,
    pm: PositionMap,
    uri: str,
    version: Optional[int],
    doc_url: Optional[str] = None,
    lang: Optional[str] = None,
) -> types.Diagnostic:
    """The finding as a diagnostic, its messages in ``lang`` (the client's; default: the process's)."""
    related = []
    for r in f.related_positions or []:
        try:
            rng = types.Range(
                start=pm.position_at(r["line"], r["column"]), end=pm.position_at(r["end_line"], r["end_column"])
            )
        except (KeyError, TypeError, ValueError):
            continue
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=rng),
                message=render(r.get("message"), lang) or _("see also ({rule})", rule=f.rule).render(lang),
            )
        )
    data: dict[str, Any] = {"rule": f.rule, "code": f.code, "uri": uri, "version": version}
    if f.fix is not None and f.fix_edits:
        data["fix"] = {
            "message": render(f.fix.message, lang),
            "applicability": f.fix.applicability,
            "edits": [
                {"range": _range_dict(pm.range(e["offset"], e["end_offset"])), "newText": e["replacement"]}
                for e in f.fix_edits
            ],
        }
    return types.Diagnostic(
        range=pm.range(f.offset, f.end_offset),
        severity=_SEVERITY.get(Severity(int(f.severity)), types.DiagnosticSeverity.Warning),
        code=f.code,
        code_description=types.CodeDescription(href=doc_url) if doc_url else None,
        source=SOURCE,
        message=f"{render(f.message, lang)} ({f.rule})",
        related_information=related or None,
        data=data,
    )


FIX_ALL_KIND = "source.fixAll.newslint"


def _top_of(text: str) -> int:
    """Where a file-wide comment goes: the top, after YAML front matter or an XML declaration."""
    if text.startswith("---"):
        m = re.match(r"---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.S)
        if m:
            return m.end()
    if text.startswith("<?xml"):
        m = re.match(r"<\?xml.*?\?>[ \t]*(?:\r?\n)?", text, re.S)
        if m:
            return m.end()
    return 0


def _override_insertion(cfg_text: str, file_rel: str, code: str) -> tuple[int, str]:
    """(offset, text) that adds ``{files: [file_rel], ignore: [code]}`` to a config's overrides."""
    import json

    item = [f"- files: [{json.dumps(file_rel, ensure_ascii=False)}]", f"  ignore: [{code}]"]
    m = re.search(r"^overrides:[ \t]*(?:#.*)?$", cfg_text, re.M)
    if m:  # a block list: the new item goes first, indented like the others
        nxt = re.search(r"^([ \t]*)- ", cfg_text[m.end() :], re.M)
        indent = nxt.group(1) if nxt else "  "
        at = m.end() + 1 if m.end() < len(cfg_text) else m.end()
        lead = "" if m.end() < len(cfg_text) else "\n"
        return at, lead + "".join(indent + line + "\n" for line in item)
    m = re.search(r"^overrides:[ \t]*\[[ \t]*\][ \t]*$", cfg_text, re.M)
    if m:
        return m.start(), "overrides:\n" + "".join("  " + line + "\n" for line in item) + "#"
    lead = "" if not cfg_text or cfg_text.endswith("\n") else "\n"
    return len(cfg_text), lead + "overrides:\n" + "".join("  " + line + "\n" for line in item)


def fix_title(fix: dict, lang: Optional[str] = None) -> str:
    title = fix.get("message") or _("Apply newslint's fix").render(lang)
    if fix.get("applicability") == "unsafe":
        return _("{title} (unsafe)", title=title).render(lang)
    return title


# --- the server ------------------------------------------------------------------------


def _uri_to_path(uri: str) -> Optional[Path]:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and re.match(r"^/[A-Za-z]:", path):
        path = path[1:]
    return Path(path)


class NewslintServer(LanguageServer):
    """pygls server holding the linters (one per config file) and the pending lints."""

    def __init__(self, config: Optional[str] = None, no_config: bool = False, debounce: Optional[float] = None):
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.config_path = Path(config).resolve() if config else None
        self.no_config = no_config
        env = os.environ.get("NEWSLINT_LSP_DEBOUNCE_MS")
        if debounce is None and env:
            try:
                debounce = float(env) / 1000
            except ValueError:
                pass
        self.debounce = DEFAULT_DEBOUNCE if debounce is None else debounce
        # the client's language (initialize's locale); lang: in a folder's config overrides it
        self.lang = i18n.choose()
        self.langs: dict[str, str] = {}  # uri -> the language its diagnostics were rendered in
        # every lint runs here, one at a time: the engine and plugins need no locks
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.linters: dict[Any, Optional[Linter]] = {}
        self.tasks: dict[str, asyncio.Task] = {}
        self.open_uris: set[str] = set()
        self.generation = 0  # bumped on config reload
        self.shown_errors: dict[Any, str] = {}  # config key -> the error last shown for it

    # --- messages ----------------------------------------------------------------
    def log_client(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        {types.MessageType.Error: log.error, types.MessageType.Warning: log.warning}.get(kind, log.info)(message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # noqa: BLE001 - a lost client must not crash us
            log.exception("cannot send window/logMessage")

    def show_client(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.log_client(message, kind)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))
        except Exception:  # noqa: BLE001
            log.exception("cannot send window/showMessage")

    # --- config and linters (run in the executor) -----------------------------------
    def _lang_of(self, linter) -> str:
        """The language for a document: lang: in its config, else the client's."""
        configured = linter.config.data.get("lang") if linter is not None else None
        return i18n.choose(configured) if configured else self.lang

    def _config_key(self, folder: Path):
        if self.config_path is not None:
            return ("file", self.config_path)
        if self.no_config:
            return ("defaults", None)
        found = find_user_config(folder)
        return ("file", found.resolve()) if found is not None else ("defaults", None)

    def _linter_for(self, folder: Path, notices: list, generation: int) -> Optional[Linter]:
        key = self._config_key(folder)
        if key in self.linters:
            return self.linters[key]
        linter: Optional[Linter] = None
        try:
            if key[0] == "file":
                cfg = load_config(key[1])
            else:
                cfg = load_config(no_config=True, cwd=folder)
            # the buffer is text already: the engine gets it as UTF-8, whatever the config says
            linter = Linter(cfg.with_cli(encoding="utf-8"))
            self.shown_errors.pop(key, None)
        except (ConfigError, PluginError) as err:
            message = "newslint: " + _(
                "{error} (using the default config until it is fixed)", error=i18n.error_text(err, self.lang)
            ).render(self.lang)
            # shown once: a reload for the same mistake (the editor's didSave and the
            # file watcher both report one save) does not show it again
            if self.shown_errors.get(key) != message:
                self.shown_errors[key] = message
                notices.append((types.MessageType.Error, message))
            else:
                log.info("%s (already shown)", message)
            try:
                linter = Linter(load_config(no_config=True, cwd=folder).with_cli(encoding="utf-8"))
            except (ConfigError, PluginError) as err2:
                notices.append(
                    (
                        types.MessageType.Error,
                        "newslint: "
                        + _("cannot load even the defaults: {error}", error=i18n.error_text(err2, self.lang)).render(
                            self.lang
                        ),
                    )
                )
        if generation == self.generation:  # not if the config was reloaded meanwhile
            self.linters[key] = linter
        return linter

    def _lint_job(self, text: str, path: Optional[Path], uri: str, generation: int):
        notices: list = []
        if path is not None:
            folder = path.parent
        else:  # an untitled buffer: the workspace's config
            root = getattr(self.workspace, "root_path", None)
            folder = Path(root) if root else Path.cwd()
        linter = self._linter_for(folder, notices, generation)
        if linter is None:
            return None, [], notices, {}
        display, rel = _names(path, uri, linter)
        self.langs[uri] = self._lang_of(linter)
        findings, errors = linter.lint_bytes(text.encode("utf-8", "surrogatepass"), display, rel)
        urls = {cls.code: cls.documentation_url() for cls in linter.registry.checks.values()}
        return findings, errors, notices, urls

    # --- linting -------------------------------------------------------------------
    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """(Re)start the lint of one document, cancelling the one pending."""
        old = self.tasks.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        task = asyncio.ensure_future(self._lint_later(uri, delay))
        self.tasks[uri] = task

        def forget(t: asyncio.Task, uri: str = uri) -> None:
            if self.tasks.get(uri) is t:
                self.tasks.pop(uri, None)

        task.add_done_callback(forget)

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.lint_and_publish(uri)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - never let a lint kill the server
            self.log_client(
                f"newslint: linting {uri} failed: {type(err).__name__}: {err}\n{traceback.format_exc()}",
                types.MessageType.Error,
            )

    async def lint_and_publish(self, uri: str) -> None:
        if uri not in self.open_uris:
            return
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        path = _uri_to_path(uri)
        if path is not None and path.name in CONFIG_NAMES:
            return  # a config file is not news copy
        loop = asyncio.get_running_loop()
        findings, errors, notices, urls = await loop.run_in_executor(
            self.executor, self._lint_job, text, path, uri, self.generation
        )
        for kind, message in notices:
            self.show_client(message, kind)
        for e in errors:
            self.log_client(
                f"newslint: {e.path}: {render(e.message, self.langs.get(uri, self.lang))}", types.MessageType.Warning
            )
        # closed or changed while we were linting: these results are stale
        if uri not in self.open_uris or self.workspace.get_text_document(uri).version != version:
            return
        if findings is None:
            return
        pm = PositionMap(text, self.workspace.position_encoding)
        diagnostics = [
            to_diagnostic(f, pm, uri, version, urls.get(f.code), self.langs.get(uri, self.lang))
            for f in findings
            if f.severity > Severity.OFF
        ]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def reload_config(self, why: str) -> None:
        self.generation += 1
        self.linters = {}
        self.log_client(f"newslint: {why}: reloading the config")
        for uri in sorted(self.open_uris):
            self.schedule(uri)

    # --- code actions ----------------------------------------------------------------
    async def all_code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        """Each diagnostic's quick fix, "disable this rule for this file" for each
        rule in the context, and "fix all safe fixes in this file"."""
        only = [str(getattr(k, "value", k)) for k in params.context.only or []]
        want_quick = not only or any(k.startswith("quickfix") or k == "" for k in only)
        want_all = not only or any(FIX_ALL_KIND.startswith(k) or k.startswith(FIX_ALL_KIND) for k in only)
        actions = self.code_actions(params) if want_quick else []
        uri = params.text_document.uri
        if uri not in self.open_uris:
            return actions
        doc = self.workspace.get_text_document(uri)
        rules: dict[str, str] = {}
        for diag in params.context.diagnostics:
            data = diag.data if isinstance(diag.data, dict) else {}
            if diag.source == SOURCE and data.get("code") and data.get("rule"):
                rules.setdefault(str(data["code"]), str(data["rule"]))
        # fix-all when asked for by kind (an editor's fix-on-save), or beside our own diagnostics
        want_all = want_all and (bool(rules) or any(k.startswith("source") for k in only))
        if not (want_all or (want_quick and rules)):
            return actions
        loop = asyncio.get_running_loop()
        extra = await loop.run_in_executor(
            self.executor,
            self._file_actions,
            doc.source,
            doc.version,
            uri,
            rules if want_quick else {},
            want_all,
            self.generation,
        )
        return actions + extra

    def _file_actions(self, text: str, version, uri: str, rules: dict, want_all: bool, generation: int) -> list:
        from lint.api import ReadError

        path = _uri_to_path(uri)
        root = getattr(self.workspace, "root_path", None)
        folder = path.parent if path is not None else (Path(root) if root else Path.cwd())
        linter = self._linter_for(folder, [], generation)
        if linter is None:
            return []
        display, rel = _names(path, uri, linter)
        try:
            doc = linter.read_text(text, display)
        except ReadError:
            return []
        pm = PositionMap(text, self.workspace.position_encoding)
        out = []
        for code, rule in sorted(rules.items()):
            edit = self._disable_edit(linter, doc, text, pm, uri, version, code, path, rel)
            if edit is not None:
                out.append(
                    types.CodeAction(
                        title=_("Disable {rule} ({code}) for this file", rule=rule, code=code).render(
                            self._lang_of(linter)
                        ),
                        kind=types.CodeActionKind.QuickFix,
                        edit=edit,
                    )
                )
        if want_all and doc.fixable:
            from lint.run.fixes import fix_text

            result = fix_text(linter, text, display, rel, unsafe=False, newline=doc.newline)
            if result.text != text and result.applied:
                whole = types.TextEdit(range=pm.range(0, len(text)), new_text=result.text)
                n = len(result.applied)
                out.append(
                    types.CodeAction(
                        title=ngettext(
                            "Fix all safe newslint fixes in this file ({n} finding)",
                            "Fix all safe newslint fixes in this file ({n} findings)",
                            n,
                        ).render(self._lang_of(linter)),
                        kind=FIX_ALL_KIND,
                        edit=self._workspace_edit(uri, version, [whole]),
                    )
                )
        return out

    def _workspace_edit(self, uri: str, version, edits: list) -> types.WorkspaceEdit:
        if self._supports_document_changes():
            return types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                        edits=edits,
                    )
                ]
            )
        return types.WorkspaceEdit(changes={uri: edits})

    def _disable_edit(self, linter, doc, text, pm, uri, version, code, path, rel) -> Optional[types.WorkspaceEdit]:
        """A comment at the top of a file with comments; an ``overrides`` entry in
        the config for plain text (which has no comment syntax)."""
        if doc.markup:
            at = _top_of(text)
            nl = doc.newline or "\n"
            edit = types.TextEdit(range=pm.range(at, at), new_text=f"<!-- newslint-disable-file {code} -->{nl}")
            return self._workspace_edit(uri, version, [edit])
        located = getattr(linter.config, "located", None)
        if not located or rel is None:
            return None  # no user config to add the override to
        cfg_path = Path(located[-1].path).resolve()
        cfg_uri = cfg_path.as_uri()
        try:
            cfg_doc = self.workspace.get_text_document(cfg_uri) if cfg_uri in self.open_uris else None
            cfg_text = cfg_doc.source if cfg_doc is not None else cfg_path.read_text(encoding="utf-8-sig")
        except OSError:
            return None
        try:
            file_rel = path.resolve().relative_to(cfg_path.parent).as_posix()
        except ValueError:
            return None
        offset, new_text = _override_insertion(cfg_text, file_rel, code)
        cpm = PositionMap(cfg_text, self.workspace.position_encoding)
        return self._workspace_edit(cfg_uri, None, [types.TextEdit(range=cpm.range(offset, offset), new_text=new_text)])

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(str(getattr(k, "value", k)).startswith("quickfix") for k in only):
            return []
        uri = params.text_document.uri
        doc = self.workspace.get_text_document(uri) if uri in self.open_uris else None
        actions = []
        for diag in params.context.diagnostics:
            data = diag.data
            if diag.source != SOURCE or not isinstance(data, dict) or not isinstance(data.get("fix"), dict):
                continue
            fix = data["fix"]
            version = data.get("version")
            if doc is not None and version is not None and doc.version is not None and doc.version != version:
                continue  # stale: a fresh diagnostic is on its way
            try:
                edits = [
                    types.TextEdit(range=_range_from(e["range"]), new_text=str(e["newText"]))
                    for e in fix.get("edits") or []
                ]
            except (KeyError, TypeError, ValueError):
                continue
            if not edits:
                continue
            if self._supports_document_changes():
                edit = types.WorkspaceEdit(
                    document_changes=[
                        types.TextDocumentEdit(
                            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                            edits=edits,
                        )
                    ]
                )
            else:
                edit = types.WorkspaceEdit(changes={uri: edits})
            safe = fix.get("applicability") != "unsafe"
            actions.append(
                types.CodeAction(
                    title=fix_title(fix, self.lang),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=edit,
                    is_preferred=safe,
                )
            )
        return actions

    def _supports_document_changes(self) -> bool:
        try:
            workspace = self.client_capabilities.workspace
            edit = workspace.workspace_edit if workspace is not None else None
            return bool(edit is not None and edit.document_changes)
        except AttributeError:
            return False

    def shutdown_executor(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def create_server(
    config: Optional[str] = None, no_config: bool = False, debounce: Optional[float] = None
) -> NewslintServer:
    server = NewslintServer(config=config, no_config=no_config, debounce=debounce)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        # the client's locale ("zh-cn", "en"): messages and code actions speak it
        server.lang = i18n.choose(getattr(params, "locale", None))
        opts = params.initialization_options
        if isinstance(opts, dict):
            value = opts.get("debounce")  # seconds
            if value is None and opts.get("debounceMs") is not None:
                value = float(opts["debounceMs"]) / 1000
            if value is not None:
                try:
                    server.debounce = max(0.0, float(value))
                except (TypeError, ValueError):
                    pass

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        try:
            workspace = server.client_capabilities.workspace
            watched = workspace.did_change_watched_files if workspace is not None else None
            dynamic = watched is not None and watched.dynamic_registration
        except AttributeError:
            dynamic = False
        if not dynamic:
            return
        registration = types.Registration(
            id=WATCHER_ID,
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_GLOB)]
            ),
        )
        try:
            await server.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as err:  # noqa: BLE001 - the client may refuse; we still work
            server.log_client(f"newslint: could not register the config file watcher: {err}", types.MessageType.Warning)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.open_uris.add(params.text_document.uri)
        server.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _uri_to_path(uri)
        if path is not None and path.name in CONFIG_NAMES:
            server.reload_config(f"{path.name} was saved")
            return
        server.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.open_uris.discard(uri)
        task = server.tasks.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        names = []
        for change in params.changes:
            path = _uri_to_path(change.uri)
            name = path.name if path is not None else change.uri.rsplit("/", 1)[-1]
            names.append(name)
        if names:
            server.reload_config(", ".join(sorted(set(names))) + " changed")

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return await server.all_code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None = None) -> None:
        for task in list(server.tasks.values()):
            task.cancel()
        server.tasks.clear()

    return server


def serve(config: Optional[str] = None, no_config: bool = False, debounce: Optional[float] = None) -> int:
    """Run the server over stdio until the client says exit; return the exit status."""
    logging.basicConfig(
        level=os.environ.get("NEWSLINT_LSP_LOG", "WARNING").upper(), format="newslint-lsp %(levelname)s %(message)s"
    )
    server = create_server(config=config, no_config=no_config, debounce=debounce)
    try:
        server.start_io()
    finally:
        server.shutdown_executor()
    return 0
