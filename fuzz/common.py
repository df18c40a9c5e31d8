"""Shared by the atheris harnesses: the path setup, the linter and the
invariants a harness checks beyond "it did not raise".

A harness treats ReadError (readers) and ConfigError (config) as the expected,
clean refusal of bad input; any other exception, or a broken invariant, is a
crash: atheris stops and writes the input to ``-artifact_prefix``.
"""
from __future__ import annotations

import io
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

CRASHERS = os.path.join(ROOT, "fuzz", "corpus", "crashers")

# the reader a harness input goes to: its first byte modulo this list
READER_PATHS = ("a.txt", "a.md", "a.html", "a.xml", "a.nitf", "a.docx", "a.docx")


class InvariantBroken(AssertionError):
    """A reader or rule produced something impossible (not just refused input)."""


_LINTER = None


def linter():
    global _LINTER
    if _LINTER is None:
        from lint.config import load_config
        from lint.run.engine import Linter

        _LINTER = Linter(load_config(no_config=True))
    return _LINTER


_DOCX_TEMPLATE = None


def docx_with_body(xml_body: bytes) -> bytes:
    """A .docx package whose ``word/document.xml`` is ``xml_body`` (so the
    fuzzer reaches python-docx's XML handling instead of failing at the ZIP)."""
    global _DOCX_TEMPLATE
    if _DOCX_TEMPLATE is None:
        import docx

        buf = io.BytesIO()
        docx.Document().save(buf)
        _DOCX_TEMPLATE = buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_DOCX_TEMPLATE)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                    + xml_body
                    + b"</w:body></w:document>"
                )
            dst.writestr(item, data)
    return out.getvalue()


def reader_input(data: bytes) -> tuple[str, bytes]:
    """(path, file bytes) for a harness input: the first byte picks the reader;
    the second of the two .docx slots wraps the rest as a document body."""
    if not data:
        return "a.txt", b""
    k = data[0] % len(READER_PATHS)
    body = data[1:]
    if k == len(READER_PATHS) - 1:
        body = docx_with_body(body)
    return READER_PATHS[k], body


def lint_one(path: str, body: bytes) -> None:
    """Read and lint; ReadError is fine, anything else propagates."""
    from lint.api import ReadError

    lt = linter()
    try:
        doc = lt.read(body, path)
    except ReadError:
        return
    findings, errors = lt.lint_document(doc, path)
    for e in errors:
        if "crashed" in e.message:
            raise InvariantBroken(e.message)
    n = len(doc.raw)
    for f in findings:
        if not (0 <= f.start <= f.end <= len(doc.text) and 0 <= f.offset <= f.end_offset <= n):
            raise InvariantBroken(f"{f.rule}: span {f.start}-{f.end} / offsets {f.offset}-{f.end_offset} outside the document")
        if f.line < 1 or f.column < 1 or (f.end_line, f.end_column) < (f.line, f.column):
            raise InvariantBroken(f"{f.rule}: bad position {f.line}:{f.column}-{f.end_line}:{f.end_column}")
        for e in f.fix_edits:
            if not 0 <= e["offset"] <= e["end_offset"] <= n:
                raise InvariantBroken(f"{f.rule}: fix edit {e} outside the document")


_REGISTRY = None


def config_one(data: bytes, folder: str) -> None:
    """Write ``data`` as newslint.yml in ``folder``, load and validate it against
    the registry of built-in rules, then use it; ConfigError is fine."""
    from lint.config import ConfigError, load_config, validate

    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = linter().registry
    path = os.path.join(folder, "newslint.yml")
    with open(path, "wb") as fh:
        fh.write(data)
    try:
        cfg = load_config(path)
        # what Linter() does: the plugin list is read before validation
        assert all(isinstance(p, os.PathLike) for p in cfg.plugins)
        assert all(isinstance(b, str) for b in cfg.blocked)
        validate(cfg, _REGISTRY)
    except ConfigError:
        return
    # a config that validated must be usable
    cfg.rule_settings(_REGISTRY, "wire/a.txt")
    cfg.fail_on
    cfg.blocked
    cfg.is_excluded("wire/a.txt")
    cfg.is_included("wire/a.txt")
    cfg.with_cli(select=["NL1"], ignore=["whitespace"])


def main(test_one_input, modules=("lint", "plugins")) -> None:
    """Run atheris on ``test_one_input``, instrumenting newslint's modules."""
    import atheris

    with atheris.instrument_imports(include=list(modules)):
        import lint.config  # noqa: F401
        import lint.run.engine  # noqa: F401
        import plugins.readers.docx  # noqa: F401
        import plugins.readers.html  # noqa: F401
        import plugins.readers.markdown  # noqa: F401
        import plugins.readers.text  # noqa: F401
        import plugins.readers.xml  # noqa: F401

        linter()  # load every plugin (instrumented) before fuzzing starts
    os.makedirs(CRASHERS, exist_ok=True)
    argv = list(sys.argv)
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        argv.append(f"-artifact_prefix={CRASHERS}{os.sep}")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
