"""``newslint serve [PATH]``: a local review page for editors.

A small Starlette app (run by uvicorn, page rendered with Jinja2) over the
same :class:`lint.run.engine.Linter` as ``newslint check`` and the language
server. The editor opens a draft from PATH (a file or a folder) or pastes
text; the page lints it as it is edited, marks each finding in place, applies
fixes on request, and writes the file back only when the editor clicks Save,
with the same atomic writer as ``--fix`` (keeping encoding, BOM and newline
style).

Safety, since the page can write files:

* it listens on 127.0.0.1 unless ``--host`` says otherwise (with a warning);
* every request's ``Host`` must name this machine (``localhost`` or an IP
  address), which stops DNS rebinding; a request whose ``Origin`` or
  ``Sec-Fetch-Site`` says it comes from another site is refused; every API
  call must carry the session token the page was served with;
* request bodies over ``max_body`` bytes are refused (413) before they are
  parsed;
* paths are relative to PATH: absolute paths, ``..`` and symlinks that lead
  out of PATH are refused (403).

Needs the ``web`` extra: ``pip install 'newslint[web]'``.
"""

from __future__ import annotations

import difflib
import hashlib
import ipaddress
import json
import os
import secrets
import threading
from pathlib import Path, PurePosixPath
from typing import Optional

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from lint.i18n import N_, gettext, gettext_plural, localize_findings, message_of, render, tr
from lint.lang.compiled import compile_re
from lint.model import Finding
from lint.ruledocs import rule_doc_url
from lint.run.engine import Linter
from lint.run.files import iter_files, rel_path
from lint.web.highlight import LineIndex, Span, Utf16Index, segments
from lint.web.report import html_lang

DEFAULT_PORT = 8765
DEFAULT_MAX_BODY = 5 * 1024 * 1024  # bytes
PASTED_NAME = "pasted.txt"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


#: the words the page's script shows, translated when the page is served
JS_MESSAGES = (
    N_("line {line}:{column}"),
    N_("error"),
    N_("warning"),
    N_("info"),
    N_("No findings."),
    N_("Nothing to check yet."),
    N_("related"),
    N_("{label} (line {line})"),
    N_("Unsafe fix: "),
    N_("Fix: "),
    N_("Apply…"),
    N_("Apply"),
    N_("This fix needs an editor\u2019s eye: it may change meaning. Apply it? "),
    N_("Apply anyway"),
    N_("Cancel"),
    N_("Edited, not saved"),
    N_("Applied: {message}"),
    N_(" (not saved yet)"),
    N_("Saved {path}"),
    N_("Checking\u2026"),
    N_("No drafts here."),
    N_("Opening {path}\u2026"),
    N_("Discard the unsaved edits to {path}?"),
)


def page_messages() -> dict:
    """What the page's script shows, in the run's language (keys: the English)."""
    out = {m: gettext(m) for m in JS_MESSAGES}
    out["{n} finding"], out["{n} findings"] = (gettext_plural("{n} finding", "{n} findings", k) for k in (1, 2))
    out["Applied {n} safe fix"], out["Applied {n} safe fixes"] = (
        gettext_plural("Applied {n} safe fix", "Applied {n} safe fixes", k) for k in (1, 2)
    )
    return out


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _json_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _host_name(host_header: str) -> str:
    """``[::1]:8765`` -> ``::1``; ``localhost:8765`` -> ``localhost``."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class Guard:
    """ASGI middleware: Host, Origin, session token and body size checks,
    before the app sees the request."""

    def __init__(self, app, token: str, max_body: int, extra_hosts: frozenset = frozenset()):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.extra_hosts = extra_hosts  # with --host: that name; IP literals are allowed then too

    def _host_ok(self, name: str) -> bool:
        if name in LOCAL_NAMES:
            return True
        if self.extra_hosts:
            # a rebinding attack needs a DNS name it controls: IP literals are safe
            return name in self.extra_hosts or _is_ip(name)
        return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if not self._host_ok(_host_name(host)):
            return await _json_error(
                400,
                f"refused: Host {host!r} is not this machine (newslint serve answers only to localhost, to stop DNS rebinding)",
            )(scope, receive, send)
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"http://{host.lower()}":
            return await _json_error(403, f"refused: a request from another origin ({origin!r})")(scope, receive, send)
        navigation = scope["method"] == "GET" and headers.get("sec-fetch-mode") == "navigate"
        if not navigation and headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return await _json_error(403, "refused: a request from another site")(scope, receive, send)
        if scope["method"] not in ("GET", "HEAD"):
            if not secrets.compare_digest(headers.get("x-newslint-token", ""), self.token):
                return await _json_error(403, "refused: missing or wrong session token (reload the page)")(
                    scope, receive, send
                )
            if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                return await _json_error(415, "refused: send JSON (Content-Type: application/json)")(
                    scope, receive, send
                )
            too_big = _json_error(413, f"refused: the request is larger than the limit of {self.max_body} bytes")
            declared = headers.get("content-length")
            if declared is not None:
                try:
                    if int(declared) > self.max_body:
                        return await too_big(scope, receive, send)
                except ValueError:
                    return await _json_error(400, "refused: bad Content-Length")(scope, receive, send)
            # read the body here, counting, so a chunked body cannot exceed the limit either
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    return await too_big(scope, receive, send)
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send)
        return await self.app(scope, receive, send)


class Workspace:
    """PATH, the linter, and every file operation, confined to PATH."""

    def __init__(self, root: str, linter: Linter):
        self.linter = linter
        self.lock = threading.Lock()  # one lint at a time: plugins need no locks
        real = os.path.realpath(root)
        if not os.path.exists(real):
            raise FileNotFoundError(root)
        self.is_file = os.path.isfile(real)
        self.root = real if not self.is_file else os.path.dirname(real)
        self.only = os.path.basename(real) if self.is_file else None
        self.display_root = root

    # --- paths -------------------------------------------------------------------
    def resolve(self, rel: object) -> str:
        """The real path of a file named relative to PATH; ApiError if it is
        not a file under PATH."""
        if not isinstance(rel, str) or not rel.strip():
            raise ApiError(400, tr("no file named"))
        if "\x00" in rel or "\\" in rel:
            raise ApiError(400, tr("bad file name {name!r}", name=rel))
        p = PurePosixPath(rel)
        if p.is_absolute() or ".." in p.parts:
            raise ApiError(403, tr("refused: {name!r} is outside {root}", name=rel, root=self.display_root))
        if self.only is not None and p.as_posix() != self.only:
            raise ApiError(403, tr("refused: only {name} is being reviewed", name=self.only))
        real = os.path.realpath(os.path.join(self.root, *p.parts))
        if os.path.commonpath([real, self.root]) != self.root:
            raise ApiError(
                403, tr("refused: {name!r} leads outside {root} (a symlink)", name=rel, root=self.display_root)
            )
        if not os.path.isfile(real):
            raise ApiError(404, tr("no such file: {name}", name=rel))
        return real

    def files(self) -> list[str]:
        if self.only is not None:
            return [self.only]
        out = []
        for _display, real, _relc, error in iter_files([self.root], self.linter.config):
            if error is not None:
                continue
            try:
                rel = os.path.relpath(os.path.realpath(real), self.root)
            except ValueError:
                continue
            if rel.startswith(".."):  # a symlink out of PATH: not offered
                continue
            out.append(PurePosixPath(Path(rel)).as_posix())
        return out

    def display(self, rel: Optional[str]) -> str:
        return rel or PASTED_NAME

    def config_rel(self, rel: Optional[str]) -> str:
        if rel is None:
            return PASTED_NAME
        return rel_path(os.path.join(self.root, rel), self.linter.config.root)

    # --- linting -------------------------------------------------------------------
    def lint(self, text: str, rel: Optional[str], name: Optional[str] = None) -> tuple[list[Finding], list[str]]:
        display = self.display(rel) if rel is not None else _pasted_name(name)
        with self.lock:
            doc = self.linter.read_text(text, display)
            findings, errors = self.linter.lint_document(doc, display, self.config_rel(rel))
        return findings, [render(e.message) for e in errors]

    def payload(self, text: str, rel: Optional[str], name: Optional[str] = None) -> dict:
        from lint.api import ReadError

        try:
            findings, errors = self.lint(text, rel, name)
        except ReadError as err:
            findings, errors = [], [render(message_of(err))]
        return describe(text, findings, errors, self.linter.registry.checks)


def _pasted_name(name: Optional[str]) -> str:
    """Pasted text is linted as plain text unless the page says it is Markdown or HTML."""
    if name in ("pasted.md", "pasted.html"):
        return name
    return PASTED_NAME


def finding_key(f: Finding) -> str:
    return f"{f.code}:{f.offset}:{f.end_offset}:{f.rule}"


def describe(text: str, findings: list[Finding], errors: list[str], rules: dict) -> dict:
    """Findings and highlight segments for the page (offsets into ``text``)."""
    idx = LineIndex(text)
    u16 = Utf16Index(text)
    spans: list[Span] = []
    out = []
    shown = localize_findings(findings)  # the page's language; the ids stay the English findings'
    for j, f in enumerate(findings):
        key = f"f{j}"
        d = shown[j].to_dict()
        d["key"] = key
        d["id"] = finding_key(f)
        d["u16"] = [u16(f.offset), u16(f.end_offset)]
        d["doc_url"] = rule_doc_url(f.code, f.rule, rules.get(f.rule))
        d["text"] = text[f.offset : f.end_offset]
        spans.append(Span(f.offset, f.end_offset, key, "f", str(f.severity)))
        for k, r in enumerate(d["related"]):
            a = idx.offset(int(r["line"]), int(r["column"]))
            b = max(a, idx.offset(int(r["end_line"]), int(r["end_column"])))
            r["key"] = f"r{j}-{k}"
            r["u16"] = [u16(a), u16(b)]
            spans.append(Span(a, b, r["key"], "r"))
        out.append(d)
    segs = [
        [s.text, [x.key for x in s.findings], [x.key for x in s.related], s.point, s.severity]
        for s in segments(text, spans)
    ]
    return {"findings": out, "segments": segs, "errors": errors}


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE = compile_re(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def restore_newlines(original: str, text: str, newline: str) -> str:
    """``text`` (LF only, as the page edits it) with the newlines of
    ``original`` (the decoded file) kept on every line the editor left alone;
    new or changed lines get the file's dominant ``newline``. A file with mixed
    line ends stays byte for byte the same where it was not edited."""
    old_lines = _LINE.findall(original)
    norm = [ln.rstrip("\r\n") + ("\n" if ln.endswith(("\r", "\n")) else "") for ln in old_lines]
    new_lines = _LINE.findall(text)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, norm, new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(old_lines[a1:a2])
        else:
            out.extend(ln[:-1] + newline if ln.endswith("\n") else ln for ln in new_lines[b1:b2])
    return "".join(out)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the app --------------------------------------------------------------------------


def create_app(
    root: str,
    linter: Optional[Linter] = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    extra_hosts: frozenset = frozenset(),
    token: Optional[str] = None,
):
    """The ASGI app for ``newslint serve ROOT`` (also what the tests drive)."""
    import jinja2

    from lint import __version__
    from lint.web.report import css

    ws = Workspace(root, linter or Linter())
    token = token or secrets.token_urlsafe(24)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lint.web", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    template = env.get_template("serve.html")
    style = css()

    def api(fn):
        async def endpoint(request: Request) -> Response:
            try:
                body = json.loads(await request.body() or b"{}")
            except (ValueError, UnicodeDecodeError):
                return _json_error(400, "the request body is not JSON")
            if not isinstance(body, dict):
                return _json_error(400, "the request body must be a JSON object")
            try:
                from starlette.concurrency import run_in_threadpool

                return JSONResponse(await run_in_threadpool(fn, body))
            except ApiError as err:
                return _json_error(err.status, err.message)

        return endpoint

    def _text(body: dict) -> str:
        text = body.get("text")
        if not isinstance(text, str):
            raise ApiError(400, tr("no text sent"))
        return _normalise(text)

    def _body_rel(body: dict) -> Optional[str]:
        rel = body.get("path")
        if rel is None:
            return None
        ws.resolve(rel)
        return PurePosixPath(rel).as_posix()

    def do_open(body: dict) -> dict:
        from lint.api import ReadError

        real = ws.resolve(body.get("path"))
        rel = PurePosixPath(body["path"]).as_posix()
        with open(real, "rb") as fh:
            data = fh.read()
        try:
            with ws.lock:
                doc = ws.linter.read(data, rel)
        except ReadError as err:
            raise ApiError(422, f"{rel}: {render(message_of(err))}") from None
        text = _normalise(doc.raw)
        res = {
            "path": rel,
            "text": text,
            "encoding": doc.encoding,
            "bom": doc.bom,
            "newline": {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(doc.newline, "LF"),
            "fixable": bool(doc.fixable),
            "sha": _sha(data),
        }
        res.update(ws.payload(text, rel))
        return res

    def do_lint(body: dict) -> dict:
        return ws.payload(_text(body), _body_rel(body), body.get("name"))

    def do_fix(body: dict) -> dict:
        from lint.run import fixes

        text, rel, name = _text(body), _body_rel(body), body.get("name")
        display = ws.display(rel) if rel is not None else _pasted_name(name)
        if body.get("all"):
            with ws.lock:
                result = fixes.fix_text(ws.linter, text, display, ws.config_rel(rel), unsafe=False)
            new, applied = result.text, len(result.applied)
        else:
            want = body.get("id")
            findings, _errors = ws.lint(text, rel, name)
            match = [f for f in findings if finding_key(f) == want]
            if not match:
                raise ApiError(409, tr("that finding is no longer in the text (it changed); look again"))
            f = match[0]
            if f.fix is None or not f.fix_edits:
                raise ApiError(400, tr("that finding has no fix"))
            if f.fix.applicability != "safe" and not body.get("unsafe"):
                raise ApiError(409, tr("that fix is unsafe: confirm it to apply it"))
            new, _removed = fixes.apply_edits(text, [f])
            applied = 1
        res = {"text": new, "applied": applied}
        res.update(ws.payload(new, rel, name))
        return res

    def do_save(body: dict) -> dict:
        from lint.api import ReadError
        from lint.atomic import replace_file
        from lint.doc.decode import encode_like

        real = ws.resolve(body.get("path"))
        rel = PurePosixPath(body["path"]).as_posix()
        text = _text(body)
        with open(real, "rb") as fh:
            data = fh.read()
        if body.get("sha") and body["sha"] != _sha(data):
            raise ApiError(
                409,
                tr(
                    "{name} changed on disk since it was opened: reopen it (your edits are still in the page)", name=rel
                ),
            )
        try:
            with ws.lock:
                doc = ws.linter.read(data, rel)
        except ReadError as err:
            raise ApiError(422, f"{rel}: {render(message_of(err))}") from None
        if not doc.fixable:
            raise ApiError(400, tr("{name}: {reader} files are not written", name=rel, reader=doc.reader))
        out = restore_newlines(doc.raw, text, doc.newline)
        try:
            encoded = encode_like(out, doc.encoding, doc.bom)
        except UnicodeEncodeError as err:
            raise ApiError(
                422,
                tr(
                    "cannot save in {encoding}: {reason} ({text!r})",
                    encoding=doc.encoding,
                    reason=err.reason,
                    text=text[err.start : err.end],
                ),
            ) from None
        if encoded != data:
            try:
                replace_file(real, encoded)
            except OSError as err:
                raise ApiError(500, tr("cannot write {file}: {reason}", file=rel, reason=err.strerror or err)) from None
        return {"saved": True, "path": rel, "sha": _sha(encoded), "bytes": len(encoded), "changed": encoded != data}

    async def page(request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        body = template.render(
            _=tr,
            html_lang=html_lang(),
            messages=page_messages(),
            token=token,
            nonce=nonce,
            css=style,
            root=ws.display_root,
            is_file=ws.is_file,
            version=__version__,
        )
        csp = (
            "default-src 'none'; "
            f"script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        return HTMLResponse(
            body,
            headers={
                "Content-Security-Policy": csp,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store",
            },
        )

    async def files(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        return JSONResponse(
            {"root": ws.display_root, "is_file": ws.is_file, "files": await run_in_threadpool(ws.files)}
        )

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/api/files", files, methods=["GET"]),
        Route("/api/open", api(do_open), methods=["POST"]),
        Route("/api/lint", api(do_lint), methods=["POST"]),
        Route("/api/fix", api(do_fix), methods=["POST"]),
        Route("/api/save", api(do_save), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.workspace = ws
    app.state.token = token
    return Guard(app, token, max_body, extra_hosts)


def serve(
    root: str,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    linter: Optional[Linter] = None,
    max_body: int = DEFAULT_MAX_BODY,
    on_ready=None,
) -> int:
    """Run the review page until interrupted. Prints the URL."""
    import socket
    import sys

    import uvicorn

    local = host in LOCAL_NAMES
    extra = frozenset() if local else frozenset({host.lower()})
    app = create_app(root, linter, max_body=max_body, extra_hosts=extra)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        print(
            "newslint: "
            + tr(
                "cannot listen on {host}:{port}: {reason} (try --port 0 for any free port)",
                host=host,
                port=port,
                reason=err.strerror or err,
            ),
            file=sys.stderr,
        )
        return 2
    sock.listen(64)
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    if not local:
        print(
            "newslint: "
            + tr(
                "warning: listening on {host}, not only on this machine: anyone who can reach it "
                "can read and change the drafts under the folder",
                host=host,
            ),
            file=sys.stderr,
        )
    print("newslint serve: " + tr("reviewing {root} at {url}  (Ctrl+C to stop)", root=root, url=url), flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if open_browser or on_ready:

        def ready():
            import time
            import webbrowser

            while not server.started and not server.should_exit:
                time.sleep(0.05)
            if on_ready:
                on_ready(url, server)
            if open_browser:
                webbrowser.open(url)

        threading.Thread(target=ready, daemon=True).start()
    server.run(sockets=[sock])
    return 0
