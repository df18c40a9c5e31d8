"""`newslint lsp`, end to end: a real LSP client (pytest-lsp) drives the real
server process over stdio.

The four core rules are blocked in these workspaces so that the tests depend
only on a local house-rule plugin written into a temporary workspace.
"""
import asyncio
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")
pytest_lsp = pytest.importorskip("pytest_lsp")
pytest.importorskip("pytest_asyncio")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEBOUNCE = 0.25  # seconds; the server's default is 0.3

HOUSE_RULES = '''
import re
from lint import Check, Fix, hookimpl

class NoCliches(Check):
    """## What it does
    Flags "at the end of the day" and "very unique".
    ## Why is this bad?
    They say nothing.
    ## Example
    At the end of the day, the council voted.
    """
    name = "no-cliches"
    code = "HS001"
    severity = "error"

    def check(self, doc, ctx):
        headline = doc.text.split("\\n", 1)[0]
        for m in re.finditer("at the end of the day", doc.text, re.I):
            ctx.report(m.start(), m.end(), "Cliché: " + m.group(),
                       related=[(0, len(headline), "the headline")],
                       fix=Fix.replace(m.start(), m.end(), "in the end", "Replace the cliché"))
        for m in re.finditer("very unique", doc.text):
            ctx.report(m.start(), m.end(), "Tautology: " + m.group(),
                       fix=Fix.replace(m.start(), m.end(), "unique", "Drop 'very'", applicability="unsafe"))

@hookimpl
def newslint_register_checks():
    return [NoCliches]
'''

BOOM = '''
from lint import Check, hookimpl

class Boom(Check):
    """## What it does
    Crashes on purpose.
    ## Why is this bad?
    Test.
    ## Example
    x
    """
    name = "boom"
    code = "BM001"
    severity = "error"

    def check(self, doc, ctx):
        raise RuntimeError("kaput")

@hookimpl
def newslint_register_checks():
    return [Boom]
'''

CORE = "[duplicate-paragraph, broken-line-wrap, truncated-ending, mixed-articles, unused-suppression]"
CONFIG = f"plugins: [house_rules.py]\nblock-plugins: {CORE}\n"
DRAFT = "Council votes\n\nAt the end of the day, the council voted.\n"


# --- the client ---------------------------------------------------------------------------


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also recording every publish and registration."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []

    def publish(ls, params: types.PublishDiagnosticsParams):
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def register(ls, params: types.RegistrationParams):
        ls.registrations.extend(params.registrations)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "lint.cli", "lsp"],
    client_factory=make_client,
    server_env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)},
)


def capabilities(encoding: str) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[encoding]),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix])
                ),
                is_preferred_support=True,
            ),
        ),
        window=types.WindowClientCapabilities(show_message=types.ShowMessageRequestClientCapabilities()),
    )


async def start(client: LanguageClient, ws: Path, encoding: str = "utf-16") -> types.InitializeResult:
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(encoding),
            root_uri=ws.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=ws.as_uri(), name="ws")],
            initialization_options={"debounce": DEBOUNCE},
        )
    )
    client.init_result = result
    return result


def workspace(tmp_path: Path, config: str = CONFIG, **files: str) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "house_rules.py").write_text(HOUSE_RULES, encoding="utf-8")
    (ws / "newslint.yml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        (ws / name).write_text(text, encoding="utf-8")
    return ws


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path):
    await start(lsp_client, workspace(tmp_path))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, params=["utf-16", "utf-32", "utf-8"])
async def client_enc(lsp_client: LanguageClient, tmp_path, request):
    await start(lsp_client, workspace(tmp_path), encoding=request.param)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def client_boom(lsp_client: LanguageClient, tmp_path):
    ws = workspace(tmp_path, config=f"plugins: [boom.py, house_rules.py]\nblock-plugins: {CORE}\n", **{"boom.py": BOOM})
    await start(lsp_client, ws)
    yield
    await lsp_client.shutdown_session()


# --- helpers --------------------------------------------------------------------------------


async def wait_for(pred, what: str, timeout: float = 10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = pred()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def published_for(client, uri, version=None):
    return [p for p in client.published if p.uri == uri and (version is None or p.version == version)]


async def diagnostics_for(client, uri, version=None, pred=lambda ds: True):
    """The newest diagnostics published for ``uri`` (at ``version``) that satisfy ``pred``."""

    def got():
        pubs = published_for(client, uri, version)
        if pubs and pred(pubs[-1].diagnostics):
            return pubs[-1]
        return None

    pub = await wait_for(got, f"diagnostics for {uri} (version {version})")
    return list(pub.diagnostics)


def ours(diags, code="HS001"):
    return [d for d in diags if d.source == "newslint" and d.code == code]


def open_doc(client, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text))
    )
    return uri


def units(s: str, encoding: str) -> int:
    """Code units of ``s``, computed independently of the server's code."""
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    """LSP position -> Python string offset (lines end at \\n only in these tests)."""
    lines = text.split("\n")
    start = sum(len(l) + 1 for l in lines[: pos.line])
    line = lines[pos.line]
    if encoding == "utf-32":
        return start + pos.character
    codec = "utf-8" if encoding == "utf-8" else "utf-16-le"
    width = 1 if encoding == "utf-8" else 2
    raw = line.encode(codec)[: pos.character * width]
    return start + len(raw.decode(codec))


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str):
    edit = action.edit
    if edit.document_changes:
        return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    return list(edit.changes[uri])


async def code_actions(client, uri, diags):
    rng = diags[0].range if diags else types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=diags),
        )
    )


# --- tests ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_a_quick_fix_that_applies(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    text = DRAFT + "\nIt was a very unique vote.\n"
    uri = open_doc(client, ws / "draft.txt", text)
    diags = await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    hs = ours(diags)
    assert len(hs) == 2
    cliche, tautology = hs
    assert cliche.severity == types.DiagnosticSeverity.Error
    assert cliche.message == "Cliché: At the end of the day (no-cliches)"
    assert (cliche.range.start.line, cliche.range.start.character, cliche.range.end.line, cliche.range.end.character) == (2, 0, 2, 21)
    rel = cliche.related_information
    assert rel and rel[0].message == "the headline" and rel[0].location.uri == uri
    assert (rel[0].location.range.start.line, rel[0].location.range.start.character, rel[0].location.range.end.character) == (0, 0, 13)

    actions = [a for a in await code_actions(client, uri, [cliche, tautology]) if a.diagnostics]  # each finding's own fix
    assert [a.title for a in actions] == ["Replace the cliché", "Drop 'very' (unsafe)"]
    assert [a.is_preferred for a in actions] == [True, False]
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)
    fixed = apply_edits(text, edits_of(actions[0], uri))
    assert fixed == text.replace("At the end of the day", "in the end")
    fixed = apply_edits(fixed, edits_of(actions[1], uri))
    assert fixed == "Council votes\n\nin the end, the council voted.\n\nIt was a unique vote.\n"

    # the editor applies the fix: the diagnostic goes away
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert ours(await diagnostics_for(client, uri, 2)) == []

    # diagnostics from another source get no action from us
    foreign = types.Diagnostic(range=cliche.range, message="x", source="other", data=cliche.data)
    assert not await code_actions(client, uri, [foreign])


@pytest.mark.asyncio
async def test_diagnostics_follow_changes_debounced(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", "Council votes\n\nThe council voted.\n")
    assert ours(await diagnostics_for(client, uri, 1)) == []
    # type the cliché in, a few keystrokes in quick succession (incremental changes)
    typed = "At the end of the day, "
    for i, ch in enumerate(typed):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2 + i),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=2, character=i), end=types.Position(line=2, character=i)),
                        text=ch,
                    )
                ],
            )
        )
    last = 1 + len(typed)
    diags = await diagnostics_for(client, uri, last, lambda ds: ours(ds))
    (d,) = ours(diags)
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (2, 0, 21)
    # debounced: nothing was published for the intermediate versions
    assert {p.version for p in published_for(client, uri)} == {1, last}

    # save re-lints too
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(lambda: len(published_for(client, uri, last)) >= 2, "a publish after didSave")


@pytest.mark.asyncio
async def test_positions_with_emoji_and_cjk(client_enc: LanguageClient, tmp_path):
    client = client_enc
    encoding = client.init_result.capabilities.position_encoding
    encoding = getattr(encoding, "value", encoding)
    assert encoding == client.capabilities.general.position_encodings[0]
    ws = tmp_path / "ws"
    headline = "😀🇨🇳 议会投票 𠀀"
    prefix = "市民说😀😀，𠀀 "
    text = f"{headline}\n\n{prefix}at the end of the day, 🎉 the council voted.\n"
    uri = open_doc(client, ws / "emoji.txt", text)
    (d,) = ours(await diagnostics_for(client, uri, 1, lambda ds: ours(ds)))
    assert d.range.start.line == 2 and d.range.end.line == 2
    assert d.range.start.character == units(prefix, encoding)
    assert d.range.end.character == units(prefix + "at the end of the day", encoding)
    assert d.related_information[0].location.range.end.character == units(headline, encoding)
    (action,) = [a for a in await code_actions(client, uri, [d]) if a.diagnostics]
    fixed = apply_edits(text, edits_of(action, uri), encoding)
    assert fixed == text.replace("at the end of the day", "in the end")


@pytest.mark.asyncio
async def test_config_reload_on_watched_file_change_and_on_save(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    # the server asked to watch the config files
    await wait_for(lambda: client.registrations, "client/registerCapability")
    (reg,) = client.registrations
    assert reg.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert [w["globPattern"] for w in reg.register_options["watchers"]] == ["**/{newslint.yml,.newslint.yml}"]

    uri = open_doc(client, ws / "draft.txt", DRAFT)
    (d,) = ours(await diagnostics_for(client, uri, 1, lambda ds: ours(ds)))
    assert d.severity == types.DiagnosticSeverity.Error

    cfg = ws / "newslint.yml"
    cfg.write_text(CONFIG + "rules:\n  no-cliches:\n    severity: warning\n", encoding="utf-8")
    n = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Changed)])
    )
    await wait_for(lambda: len(client.published) > n, "re-lint after the config changed")
    (d,) = ours(client.published[-1].diagnostics)
    assert d.severity == types.DiagnosticSeverity.Warning

    # saving the config in the editor reloads it as well
    cfg.write_text(CONFIG + "ignore: [no-cliches]\n", encoding="utf-8")
    n = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=cfg.as_uri())))
    await wait_for(lambda: len(client.published) > n, "re-lint after the config was saved")
    assert ours(client.published[-1].diagnostics) == []


@pytest.mark.asyncio
async def test_a_broken_config_is_shown_and_the_server_keeps_serving(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", DRAFT)
    await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    cfg = ws / "newslint.yml"
    cfg.write_text(CONFIG + "colour: red\n", encoding="utf-8")
    n = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Changed)])
    )
    msg = await wait_for(lambda: [m for m in client.messages if "unknown key 'colour'" in m.message], "window/showMessage")
    assert msg[0].type == types.MessageType.Error and "newslint.yml:3" in msg[0].message
    # linted with the defaults meanwhile: the house rule is not loaded
    await wait_for(lambda: len(client.published) > n, "a publish with the defaults")
    assert ours(client.published[-1].diagnostics) == []

    # a plugin that cannot be imported is shown the same way
    (ws / "house_rules.py").write_text("1/0\n", encoding="utf-8")
    cfg.write_text(CONFIG, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Changed)])
    )
    await wait_for(lambda: [m for m in client.messages if "failed to import: ZeroDivisionError" in m.message], "plugin error message")

    # fixed: back to normal
    (ws / "house_rules.py").write_text(HOUSE_RULES, encoding="utf-8")
    n = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Changed)])
    )
    await wait_for(lambda: len(client.published) > n and ours(client.published[-1].diagnostics), "house rule back")


@pytest.mark.asyncio
async def test_a_crashing_plugin_does_not_kill_the_server(client_boom: LanguageClient, tmp_path):
    client = client_boom
    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", DRAFT)
    (d,) = ours(await diagnostics_for(client, uri, 1, lambda ds: ours(ds)))
    await wait_for(lambda: [m for m in client.log_messages if "rule boom (BM001) crashed: RuntimeError: kaput" in m.message], "crash logged")
    # still answering requests and still linting
    actions = [a for a in await code_actions(client, uri, [d]) if a.diagnostics]
    assert [a.title for a in actions] == ["Replace the cliché"]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=DRAFT + "\nAt the end of the day.\n")],
        )
    )
    assert len(ours(await diagnostics_for(client, uri, 2))) == 2


@pytest.mark.asyncio
async def test_close_clears_diagnostics_and_cancels_pending_lint(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", DRAFT)
    await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=DRAFT + DRAFT)],
        )
    )
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(lambda: published_for(client, uri) and not published_for(client, uri)[-1].diagnostics, "cleared diagnostics")
    await asyncio.sleep(DEBOUNCE * 4)
    assert not published_for(client, uri)[-1].diagnostics
    assert not published_for(client, uri, 2)


# --- rule links, file-wide code actions, one config error (issue item 27) ------------------------


def _kind(action) -> str:
    return str(getattr(action.kind, "value", action.kind))


@pytest.mark.asyncio
async def test_each_diagnostic_links_to_its_rule_page(client: LanguageClient, tmp_path):
    from lint.api import rule_doc_url

    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", "Council votes   \n\nThe council voted on Tuesday.\n")
    diags = await diagnostics_for(client, uri, 1, lambda ds: ours(ds, "NL206"))
    d = ours(diags, "NL206")[0]
    assert d.code_description is not None
    assert d.code_description.href == rule_doc_url("NL206", "whitespace")
    assert d.code_description.href.endswith("/docs/rules/NL206-whitespace.md")


def test_every_built_in_rule_has_its_doc_page():
    from lint.api import rule_doc_url
    from lint.config import load_config
    from lint.run.engine import Linter

    for name, cls in Linter(load_config(no_config=True)).registry.checks.items():
        page = ROOT / "docs" / "rules" / f"{cls.code}-{name}.md"
        assert page.is_file(), page
        assert rule_doc_url(cls.code, name).endswith(f"docs/rules/{cls.code}-{name}.md")
        assert cls.code in page.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_fix_all_safe_fixes_in_this_file(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    text = "Council votes   \n\nAt the end of the day, the council voted.  \n\nIt was a very unique vote.\n"
    uri = open_doc(client, ws / "draft.txt", text)
    diags = await diagnostics_for(client, uri, 1, lambda ds: ours(ds) and ours(ds, "NL206"))
    actions = await code_actions(client, uri, diags)
    fix_all = [a for a in actions if _kind(a).startswith("source.fixAll")]
    assert len(fix_all) == 1 and "safe" in fix_all[0].title.lower()
    fixed = apply_edits(text, edits_of(fix_all[0], uri))
    # safe fixes only: the cliché and the trailing spaces; not the unsafe 'very unique'
    assert fixed == "Council votes\n\nin the end, the council voted.\n\nIt was a very unique vote.\n"


@pytest.mark.asyncio
async def test_disable_a_rule_for_a_markdown_file(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    text = DRAFT
    uri = open_doc(client, ws / "draft.md", text)
    diags = await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    actions = await code_actions(client, uri, ours(diags))
    disable = [a for a in actions if a.title.startswith("Disable") and "HS001" in a.title]
    assert len(disable) == 1 and "for this file" in disable[0].title
    edited = apply_edits(text, edits_of(disable[0], uri))
    assert edited.startswith("<!-- newslint-disable-file HS001 -->\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
        )
    )
    assert ours(await diagnostics_for(client, uri, 2)) == []


@pytest.mark.asyncio
async def test_disable_a_rule_for_a_plain_text_file_edits_the_config(client: LanguageClient, tmp_path):
    from lint.config import load_config
    from lint.run.engine import Linter

    ws = tmp_path / "ws"
    (ws / "draft.txt").write_text(DRAFT, encoding="utf-8")
    uri = open_doc(client, ws / "draft.txt", DRAFT)
    diags = await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    actions = await code_actions(client, uri, ours(diags))
    disable = [a for a in actions if a.title.startswith("Disable") and "HS001" in a.title]
    assert len(disable) == 1
    cfg = ws / "newslint.yml"
    cfg_uri = cfg.as_uri()
    before = cfg.read_text(encoding="utf-8")
    after = apply_edits(before, edits_of(disable[0], cfg_uri))
    cfg.write_text(after, encoding="utf-8")
    linter = Linter(load_config(cfg))
    assert "no-cliches" not in linter.config.rule_settings(linter.registry, "draft.txt")
    assert "no-cliches" in linter.config.rule_settings(linter.registry, "other.txt")


@pytest.mark.asyncio
async def test_a_config_error_is_shown_once(client: LanguageClient, tmp_path):
    ws = tmp_path / "ws"
    uri = open_doc(client, ws / "draft.txt", DRAFT)
    await diagnostics_for(client, uri, 1, lambda ds: ours(ds))
    cfg = ws / "newslint.yml"
    cfg.write_text(CONFIG + "colour: red\n", encoding="utf-8")
    n = len(client.published)
    # an editor saving the config sends both: didSave and a watched-file change
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=cfg.as_uri())))
    await wait_for(lambda: [m for m in client.messages if "unknown key 'colour'" in m.message], "the error shown")
    await wait_for(lambda: len(client.published) > n, "a re-lint")
    n = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=cfg.as_uri(), type=types.FileChangeType.Changed)])
    )
    await wait_for(lambda: len(client.published) > n, "a second re-lint")
    await asyncio.sleep(0.3)
    shown = [m for m in client.messages if "unknown key 'colour'" in m.message]
    assert len(shown) == 1, [m.message for m in client.messages]


# --- the client's language ------------------------------------------------------------------


@pytest_lsp.fixture(config=SERVER)
async def client_zh(lsp_client: LanguageClient, tmp_path):
    ws = workspace(tmp_path, config="select: [NL101]\n")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities("utf-16"),
            root_uri=ws.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=ws.as_uri(), name="ws")],
            initialization_options={"debounce": DEBOUNCE},
            locale="zh-cn",
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_diagnostics_and_actions_speak_the_clients_locale(client_zh: LanguageClient, tmp_path):
    para = "市政府今天发布通知，要求各区加快推进公园建设。"
    uri = open_doc(client_zh, tmp_path / "ws" / "draft.txt", f"{para}\n\n{para}\n")
    diags = await diagnostics_for(client_zh, uri, 1, lambda ds: ours(ds, "NL101"))
    (d,) = ours(diags, "NL101")
    assert d.message == "本段重复了第1行的段落（完全相同） (duplicate-paragraph)"
    assert d.related_information[0].message == "第一份"
    actions = [a for a in await code_actions(client_zh, uri, [d]) if a.diagnostics]
    assert [a.title for a in actions] == ["删除重复的段落"]
