"""The ``newslint`` command."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslint",
        description="A linter for news copy: duplicated paragraphs, broken line wraps, truncated endings, mixed stories.",
    )
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp):
        sp.add_argument("--config", metavar="FILE", help="use this config file instead of newslint.yml / .newslint.yml")
        sp.add_argument("--no-config", action="store_true", help="ignore newslint.yml; use the defaults only")

    c = sub.add_parser("check", help="lint files and folders (default: .)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    c.add_argument("--format", default="text", help="output format (text, json, ...; see `newslint formats`)")
    c.add_argument("--select", type=_csv, metavar="RULES", help="comma-separated rule names or code prefixes to run")
    c.add_argument("--ignore", type=_csv, metavar="RULES", help="comma-separated rule names or code prefixes to skip")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit status 1")
    c.add_argument("--stdin-filename", metavar="PATH", help="the path to report for input read from -")
    c.add_argument("--encoding", metavar="NAME", help="decode input with this encoding instead of UTF-8/BOM detection")
    c.add_argument("-q", "--quiet", action="store_true", help="print findings only, no source lines or summary")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour text output")
    c.add_argument("-j", "--jobs", type=int, metavar="N", help="lint files in N parallel processes (default: the number of CPUs)")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    c.add_argument("--cache-dir", metavar="DIR", help="where the findings cache lives (default: .newslint_cache beside the config)")
    c.add_argument("--fix", action="store_true", help="apply safe fixes to the files (with -, print the fixed text)")
    c.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes that need an editor's eye")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE (the first run records them)")
    c.add_argument("--write-baseline", action="store_true", help="with --baseline, record the current findings and report none")
    # --watch (logic in lint/watch.py)
    c.add_argument("--watch", action="store_true", help="after linting, re-lint each file when it is saved (Ctrl-C to stop)")
    common(c)

    r = sub.add_parser("rules", help="list every rule")
    common(r)
    r1 = sub.add_parser("rule", help="print a rule's documentation")
    r1.add_argument("rule", metavar="NAME|CODE")
    common(r1)
    i = sub.add_parser("inspect", help="show how a file was read: blocks, kinds, languages")
    i.add_argument("file")
    i.add_argument("--encoding", metavar="NAME")
    common(i)
    cf = sub.add_parser("config", help="print the effective configuration")
    common(cf)
    fm = sub.add_parser("formats", help="list output formats")
    common(fm)
    ar = sub.add_parser("archive", help="lint a large archive on a Dask cluster (needs: pip install 'newslint[archive]')")
    ar.add_argument("source", help="a folder of files, a JSON-lines file, or a Parquet dataset (with id and text columns)")
    ar.add_argument("--out", required=True, metavar="DIR", help="folder for the partitioned findings")
    ar.add_argument("--scheduler", default="local", help="'local' (a LocalCluster sized to this machine) or an address like tcp://host:8786")
    ar.add_argument("--workers", type=int, help="with --scheduler local: number of worker processes")
    ar.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl", help="how findings are written")
    ar.add_argument("--partition-size", type=int, metavar="N",
                    help="documents per partition (default: chosen from the input size and the number of workers)")
    # output folder ownership and progress (logic in lint/archive.py, lint/progress.py)
    ar.add_argument("--overwrite", action="store_true", help="replace an output folder written with other settings")
    ar.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common(ar)
    ls = sub.add_parser("lsp", help="run the Language Server over stdio (needs: pip install 'newslint[lsp]')")
    common(ls)
    return p


def _err(msg: str) -> None:
    print(f"newslint: {msg}", file=sys.stderr)


def _load(args):
    from .config import ConfigError, load_config
    from .engine import Linter
    from .manager import PluginError

    try:
        cfg = load_config(args.config, no_config=args.no_config)
        cfg = cfg.with_cli(
            select=getattr(args, "select", None),
            ignore=getattr(args, "ignore", None),
            fail_on=getattr(args, "fail_on", None),
            encoding=getattr(args, "encoding", None),
        )
        return Linter(cfg)
    except (ConfigError, PluginError) as err:
        _err(str(err))
        return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return {
            "check": cmd_check,
            "rules": cmd_rules,
            "rule": cmd_rule,
            "inspect": cmd_inspect,
            "config": cmd_config,
            "formats": cmd_formats,
            "lsp": cmd_lsp,
            "archive": cmd_archive,
        }[args.command](args)
    except BrokenPipeError:  # `newslint check | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write(text: str) -> None:
    if not text:
        return
    out = sys.stdout
    try:
        out.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show CJK: never crash on output
        out.buffer.write(text.encode(out.encoding or "utf-8", "replace"))
    out.flush()


def cmd_check(args) -> int:
    if getattr(args, "watch", False):
        from .watch import run as watch

        return watch(args, cmd_check, _load)
    from .engine import iter_files
    from .model import FileError, Report

    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    fmt_cls = linter.registry.formats.get(args.format)
    if fmt_cls is None:
        _err(f"unknown format {args.format!r} (available: {', '.join(sorted(linter.registry.formats))})")
        return EXIT_ERROR
    fixing = args.fix or args.diff
    paths = args.paths or ["."]
    report = Report(rules=linter.registry.checks, tool_version=__version__)
    stats = {"fixed": 0, "files_fixed": 0}
    stdin_fixed: Optional[str] = None
    if "-" in paths:
        display = args.stdin_filename or "-"
        data = sys.stdin.buffer.read()
        report.files += 1
        stdin_fixed = _check_one(linter, args, display, display, data, None, report, stats)
    file_paths = [p for p in paths if p != "-"]
    if file_paths and fixing:
        from .engine import read_file

        for display, real, rel, error in iter_files(file_paths, linter.config):
            report.files += error is None
            data, problem = (None, error) if error is not None else read_file(real)
            if problem is not None:
                report.errors.append(FileError(display, problem))
                continue
            _check_one(linter, args, display, rel, data, real, report, stats)
    elif file_paths:
        from .runner import default_jobs

        cache_folder = None
        if not args.no_cache:
            from .cache import default_folder

            cache_folder = args.cache_dir or default_folder(linter.config)
        jobs = args.jobs if args.jobs is not None else default_jobs()
        sub = linter.lint_paths(file_paths, jobs, cache_folder, progress=False if args.quiet else None)
        report.files += sub.files
        report.findings.extend(sub.findings)
        report.errors.extend(sub.errors)

    if args.baseline:
        from . import baseline

        prints = [f.fingerprint for f in report.findings]
        if args.write_baseline or not os.path.exists(args.baseline):
            n = baseline.write(args.baseline, prints)
            _err(f"wrote {n} finding{'s' if n != 1 else ''} to baseline {args.baseline}")
            report.findings = []
        else:
            try:
                known = baseline.load(args.baseline)
            except baseline.BaselineError as err:
                _err(str(err))
                return EXIT_ERROR
            report.findings = baseline.split_new(report.findings, prints, known)

    options = {
        "color": _use_color(args.color),
        "quiet": args.quiet,
        "statistics": args.statistics,
        "fail_on": str(linter.config.fail_on),
    }
    rendered = fmt_cls().render(report, options)
    if stdin_fixed is not None and args.fix and not args.diff:
        # the fixed text is the output; the report goes to stderr
        _write(stdin_fixed)
        sys.stderr.write(rendered)
    else:
        _write(rendered)
    if fixing:
        verb = "would fix" if args.diff else "fixed"
        msg = f"{verb} {stats['fixed']} finding{'s' if stats['fixed'] != 1 else ''} in {stats['files_fixed']} file{'s' if stats['files_fixed'] != 1 else ''}; {len(report.findings)} remaining"
        _err(msg)
    for e in report.errors:
        if args.format != "text" or (stdin_fixed is not None and args.fix):
            _err(f"{e.path}: {e.message}")
    if report.errors:
        return EXIT_ERROR
    fail_on = linter.config.fail_on
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in report.findings) else EXIT_OK


def _check_one(linter, args, display, rel, data, real_path, report, stats) -> Optional[str]:
    """Lint (and fix) one input; add its findings and errors to ``report``.
    Returns the fixed text for stdin input when fixing."""
    from .api import ReadError
    from .model import FileError

    try:
        doc = linter.read(data, display)
    except ReadError as err:
        report.errors.append(FileError(display, str(err)))
        return None
    fixing = args.fix or args.diff
    if fixing and not doc.fixable:
        _err(f"{display}: fixes are not written into {doc.reader} files; reporting only")
        fixing = False
    if not fixing:
        findings, errors = linter.lint_document(doc, display, rel)
        report.findings.extend(findings)
        report.errors.extend(errors)
        return None
    from . import fixes

    result = fixes.fix_text(linter, doc.raw, display, rel, unsafe=args.unsafe_fixes, newline=doc.newline)
    changed = result.text != doc.raw
    if changed:
        stats["fixed"] += len(result.applied)
        stats["files_fixed"] += 1
    final = linter.read_text(result.text, display) if changed else doc
    findings, errors = linter.lint_document(final, display, rel)
    report.findings.extend(findings)
    report.errors.extend(errors)
    if args.diff:
        if changed:
            _write(fixes.unified_diff(display, doc.raw, result.text))
        return None
    if real_path is None:  # stdin
        return result.text
    if changed:
        try:
            fixes.atomic_write(real_path, fixes.encode_like(result.text, doc.encoding, doc.bom))
        except (OSError, UnicodeEncodeError) as err:
            stats["fixed"] -= len(result.applied)
            stats["files_fixed"] -= 1
            why = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            report.errors.append(FileError(display, f"cannot write fixes: {why}"))
    return None


def cmd_rules(args) -> int:
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    checks = linter.registry.checks
    enabled = linter.config.rule_settings(linter.registry)
    rows = [("CODE", "NAME", "SEVERITY", "PLUGIN", "SUMMARY")]
    for name, cls in checks.items():
        sev = str(enabled[name].severity) if name in enabled else "off"
        rows.append((cls.code, name, sev, cls.plugin, cls.one_line()))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows]
    _write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_rule(args) -> int:
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    cls = linter.registry.check_by_name_or_code(args.rule)
    if cls is None:
        _err(f"no rule is named or coded {args.rule!r} (see `newslint rules`)")
        return EXIT_ERROR
    head = f"# {cls.name} ({cls.code})\n\nDefault severity: {cls.severity}. Plugin: {cls.plugin}.\n"
    opts = ""
    if cls.options:
        notes = _option_notes(cls.name)
        opts = "\n## Options\n" + "".join(
            f"- `{k}` (default: {v!r})" + (f": {notes[k]}" if k in notes else "") + "\n" for k, v in cls.options.items()
        )
    _write(head + "\n" + cls.doc() + "\n" + opts)
    return EXIT_OK


def _option_notes(rule: str) -> dict:
    """The comment above each of a rule's options in the shipped config.yml."""
    import re

    from .config import defaults_path

    try:
        lines = defaults_path().read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    notes: dict = {}
    inside = False
    comment: list = []
    for line in lines:
        if re.match(rf"^  {re.escape(rule)}:\s*$", line):
            inside, comment = True, []
            continue
        if inside:
            m = re.match(r"^    ([\w-]+):", line)
            if line.startswith("    #"):
                comment.append(line.strip()[1:].strip())
            elif m:
                if comment:
                    notes[m.group(1)] = " ".join(comment)
                comment = []
            elif line.strip() and not line.startswith("    "):
                break
    return notes


def cmd_inspect(args) -> int:
    from .api import ReadError

    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    try:
        with open(args.file, "rb") as fh:
            data = fh.read()
        doc = linter.read(data, args.file)
    except OSError as err:
        _err(f"{args.file}: cannot read: {err.strerror or err}")
        return EXIT_ERROR
    except ReadError as err:
        _err(f"{args.file}: {err}")
        return EXIT_ERROR
    out = [
        f"file:       {args.file}",
        f"reader:     {doc.reader}",
        f"encoding:   {doc.encoding}{' with BOM' if doc.bom else ''}",
        f"newlines:   {_nl_name(doc.newline)}",
        f"paragraphs: {doc.convention}",
        f"language:   {doc.lang}",
        f"lines:      {doc.line_count}",
        f"blocks:     {len(doc.blocks)}",
        "",
        f"{'lines':>11}  {'kind':<11} {'lang':<5} text",
    ]
    from .text import display_width

    for b in doc.blocks:
        span = f"{b.first_line}-{b.last_line}" if b.last_line != b.first_line else f"{b.first_line}"
        preview = b.text.replace("\n", "⏎")
        cut = ""
        width = 0
        for ch in preview:
            width += display_width(ch)
            if width > 60:
                cut += "…"
                break
            cut += ch
        out.append(f"{span:>11}  {b.kind:<11} {b.lang:<5} {cut}")
    _write("\n".join(out) + "\n")
    return EXIT_OK


def _nl_name(nl: str) -> str:
    return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}.get(nl, repr(nl))


def cmd_config(args) -> int:
    from .config import dump

    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    cfg = linter.config
    header = "# effective configuration, merged from:\n" + "".join(f"#   {s}\n" for s in cfg.sources)
    _write(header + dump(cfg))
    return EXIT_OK


def cmd_formats(args) -> int:
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    for name, cls in sorted(linter.registry.formats.items()):
        _write(f"{name:12} {cls.description}\n")
    return EXIT_OK


def cmd_archive(args) -> int:
    try:
        from .archive import main as archive_main
    except ImportError as err:
        _err(f"archive mode needs Dask: pip install 'newslint[archive]' ({err})")
        return EXIT_ERROR
    return archive_main(args)


def cmd_lsp(args) -> int:
    try:
        from .lsp import serve
    except ImportError as err:
        _err(f"the language server needs pygls: pip install 'newslint[lsp]' ({err})")
        return EXIT_ERROR
    return serve(config=args.config, no_config=args.no_config)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
