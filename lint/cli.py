"""The ``newslint`` command."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from lint import __version__

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
    p.set_defaults(_commands=sub.choices)

    def common(sp):
        sp.add_argument("--config", metavar="FILE", help="use this config file instead of newslint.yml / .newslint.yml")
        sp.add_argument("--no-config", action="store_true", help="ignore newslint.yml; use the defaults only")

    c = sub.add_parser("check", help="lint files and folders (default: .)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    c.add_argument(
        "--format",
        "--output-format",
        dest="format",
        default="text",
        help="output format (text, json, ...; see `newslint formats`)",
    )
    c.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    c.add_argument(
        "--select",
        type=_csv,
        metavar="RULES",
        help="comma-separated rule names or code prefixes to run (any case: nl1 = NL1)",
    )
    c.add_argument(
        "--ignore", type=_csv, metavar="RULES", help="comma-separated rule names or code prefixes to skip (any case)"
    )
    c.add_argument(
        "--exclude",
        type=_csv,
        metavar="PATTERNS",
        help="comma-separated gitignore-style patterns to skip when walking folders, instead of the config's exclude",
    )
    c.add_argument(
        "--extend-exclude", type=_csv, metavar="PATTERNS", help="like --exclude, but added to the config's exclude"
    )
    c.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (2 still means files could not be linted)",
    )
    c.add_argument(
        "--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit status 1"
    )
    c.add_argument("--stdin-filename", metavar="PATH", help="the path to report for input read from -")
    c.add_argument("--encoding", metavar="NAME", help="decode input with this encoding instead of UTF-8/BOM detection")
    c.add_argument(
        "--html-content",
        choices=["article", "all"],
        help="full HTML pages: lint the article only (default) or all the page's copy",
    )
    c.add_argument("-q", "--quiet", action="store_true", help="print findings only, no source lines or summary")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour text output")
    c.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="lint files in N parallel processes (default: the number of CPUs)"
    )
    c.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    c.add_argument(
        "--cache-dir", metavar="DIR", help="where the findings cache lives (default: .newslint_cache beside the config)"
    )
    c.add_argument("--fix", action="store_true", help="apply safe fixes to the files (with -, print the fixed text)")
    c.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes that need an editor's eye"
    )
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument(
        "--show-fixes",
        action="store_true",
        help="list, fix by fix, what --fix would change (with --fix: what it changed)",
    )
    c.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in FILE (a missing FILE is an error: create it with --write-baseline)",
    )
    c.add_argument(
        "--write-baseline",
        action="store_true",
        help="with --baseline FILE, record the current findings in FILE and report none",
    )
    c.add_argument(
        "-v", "--verbose", action="store_true", help="print the traceback of a rule that crashed (on standard error)"
    )
    # --watch (logic in lint/watch.py)
    c.add_argument(
        "--watch", action="store_true", help="after linting, re-lint each file when it is saved (Ctrl-C to stop)"
    )
    common(c)

    r = sub.add_parser("rules", help="list every rule")
    common(r)
    r1 = sub.add_parser("rule", help="print a rule's documentation")
    r1.add_argument("rule", metavar="NAME|CODE")
    common(r1)
    i = sub.add_parser("inspect", help="show how a file was read: blocks, kinds, languages")
    i.add_argument("file")
    i.add_argument("--encoding", metavar="NAME")
    i.add_argument("--html-content", choices=["article", "all"], help="full HTML pages: read the article only, or all")
    common(i)
    cf = sub.add_parser("config", help="print the effective configuration")
    common(cf)
    fm = sub.add_parser("formats", help="list output formats")
    common(fm)
    ar = sub.add_parser(
        "archive", help="lint a large archive on a Dask cluster (needs: pip install 'newslint[archive]')"
    )
    ar.add_argument(
        "source", help="a folder of files, a JSON-lines file, or a Parquet dataset (with id and text columns)"
    )
    ar.add_argument("--out", required=True, metavar="DIR", help="folder for the partitioned findings")
    ar.add_argument(
        "--scheduler",
        default="local",
        help="'local' (a LocalCluster sized to this machine) or an address like tcp://host:8786",
    )
    ar.add_argument("--workers", type=int, help="with --scheduler local: number of worker processes")
    ar.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl", help="how findings are written")
    ar.add_argument(
        "--partition-size",
        type=int,
        metavar="N",
        help="documents per partition (default: chosen from the input size and the number of workers)",
    )
    # output folder ownership and progress (logic in lint/archive.py, lint/progress.py)
    ar.add_argument("--overwrite", action="store_true", help="replace an output folder written with other settings")
    ar.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common(ar)
    ls = sub.add_parser("lsp", help="run the Language Server over stdio (needs: pip install 'newslint[lsp]')")
    common(ls)
    sv = sub.add_parser(
        "serve",
        help="a local review page: drafts with their findings marked, fixes, save (needs: pip install 'newslint[web]')",
    )
    sv.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PATH",
        help="a draft or a folder of drafts (default: .); only files under it are opened or written",
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1, this machine only)"
    )
    sv.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    sv.add_argument("--open", action="store_true", help="open the page in the web browser")
    common(sv)
    return p


def _err(msg: str) -> None:
    print(f"newslint: {msg}", file=sys.stderr)


class UsageError(Exception):
    """A mistake on the command line (exit status 2)."""


def _did_you_mean(word: str, registry) -> str:
    from difflib import get_close_matches

    names = list(registry.checks)
    codes = [cls.code for cls in registry.checks.values()]
    near = get_close_matches(word.lower(), names, n=1) or get_close_matches(word.upper(), codes, n=1)
    return f" (did you mean {near[0]!r}?)" if near else " (see `newslint rules`)"


def resolve_selectors(values: Optional[list[str]], registry, option: str) -> Optional[list[str]]:
    """Rule names and code prefixes from the command line, spelt as the config
    matches them (names and codes in any case: ``nl1`` is ``NL1``). An unknown
    one raises UsageError with a did-you-mean."""
    if values is None:
        return None
    names = {name.lower(): name for name in registry.checks}
    codes = [cls.code for cls in registry.checks.values()]
    out = []
    for value in values:
        if value.upper() == "ALL":
            out.append("ALL")
        elif value.lower() in names:
            out.append(names[value.lower()])
        elif any(code.startswith(value.upper()) for code in codes):
            out.append(value.upper())
        else:
            raise UsageError(f"{option}: no rule is named or coded {value!r}{_did_you_mean(value, registry)}")
    return out


def _load(args):
    import dataclasses

    from lint.config import ConfigError, load_config
    from lint.run.engine import Linter
    from lint.manager import PluginError, load_plugins

    try:
        cfg = load_config(args.config, no_config=args.no_config)
        registry = load_plugins(cfg.plugins, cfg.blocked)
        cfg = cfg.with_cli(
            select=resolve_selectors(getattr(args, "select", None), registry, "--select"),
            ignore=resolve_selectors(getattr(args, "ignore", None), registry, "--ignore"),
            fail_on=getattr(args, "fail_on", None),
            encoding=getattr(args, "encoding", None),
            html_content=getattr(args, "html_content", None),
        )
        exclude = getattr(args, "exclude", None)
        extend = getattr(args, "extend_exclude", None)
        if exclude is not None or extend:
            data = dict(cfg.data)
            base = exclude if exclude is not None else list(data.get("exclude") or [])
            data["exclude"] = base + list(extend or [])
            cfg = dataclasses.replace(cfg, data=data)
        return Linter(cfg, registry)
    except (ConfigError, PluginError, UsageError) as err:
        _err(str(err))
        if isinstance(err, PluginError) and getattr(args, "verbose", False) and err.__cause__ is not None:
            import traceback

            sys.stderr.write(
                "".join(traceback.format_exception(type(err.__cause__), err.__cause__, err.__cause__.__traceback__))
            )
        return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # an unknown option after a command gets that command's usage, not the top-level one
        commands = getattr(args, "_commands", {}) or {}
        (commands.get(args.command) or parser).error(f"unrecognized arguments: {' '.join(extra)}")
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
            "serve": cmd_serve,
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


def _width(to_file: bool) -> int:
    """Columns for text output: the terminal's (or $COLUMNS); 100 when neither is known."""
    import shutil

    if to_file:
        try:
            return int(os.environ.get("COLUMNS", "")) or 100
        except ValueError:
            return 100
    return shutil.get_terminal_size((100, 24)).columns


def cmd_check(args) -> int:
    """``newslint check``: lint (and fix) the inputs, apply the baseline,
    render the report, say what was fixed, and choose the exit code."""
    if getattr(args, "watch", False):
        from lint.watch import run as watch

        return watch(args, cmd_check, _load)
    problem = _baseline_usage_problem(args)
    if problem:
        _err(problem)
        return EXIT_ERROR
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    fmt_cls = linter.registry.formats.get(args.format)
    if fmt_cls is None:
        _err(f"unknown format {args.format!r} (available: {', '.join(sorted(linter.registry.formats))})")
        return EXIT_ERROR
    run = _lint_inputs(linter, args)
    hidden = _apply_baseline(args, run.report)
    if hidden is None:
        return EXIT_ERROR
    if not _output(args, linter, fmt_cls, run, hidden):
        return EXIT_ERROR
    return _finish(args, linter, run)


def _baseline_usage_problem(args) -> Optional[str]:
    if args.write_baseline and not args.baseline:
        return "--write-baseline needs --baseline FILE: the file to write"
    if args.baseline and not args.write_baseline and not os.path.exists(args.baseline):
        return (
            f"baseline {args.baseline} does not exist; create it with: "
            f"newslint check --baseline {args.baseline} --write-baseline [PATH ...]"
        )
    return None


@dataclass
class _CheckRun:
    """What one ``newslint check`` produced, for the report and the summary."""

    report: Any
    fixed: int = 0
    files_fixed: int = 0
    listing: list = field(default_factory=list)
    stdin_fixed: Optional[str] = None


def _lint_inputs(linter, args) -> _CheckRun:
    """Lint (and fix) stdin and the paths through the one lint path
    (lint.run.runner), showing diffs and notes as each file is done."""
    from lint.model import Report
    from lint.run.runner import FileResult, FixMode, default_jobs, fix_one, lint_paths

    run = _CheckRun(Report(rules=linter.registry.checks, tool_version=__version__))
    report = run.report
    paths = args.paths or ["."]
    mode = FixMode(apply=args.fix, diff=args.diff, show=args.show_fixes, unsafe=args.unsafe_fixes)
    fix = mode if (args.fix or args.diff or args.show_fixes) else None

    def take(res: FileResult) -> None:
        """What the CLI shows of each file's result, in input order."""
        for note in res.notes:
            _err(note)
        run.listing.extend(res.listing)
        if res.applied:
            run.fixed += res.applied
            run.files_fixed += 1
        if res.diff:
            _write(res.diff)

    if "-" in paths:
        display = args.stdin_filename or "-"
        data = sys.stdin.buffer.read()
        report.files += 1
        if fix is not None:
            res = fix_one(linter, data, display, display, None, fix)
        else:
            res = FileResult(*linter.lint_bytes(data, display, display))
        report.findings.extend(res.findings)
        report.errors.extend(res.errors)
        take(res)
        run.stdin_fixed = res.fixed_text
    file_paths = [p for p in paths if p != "-"]
    if file_paths:
        cache_folder = None
        if not args.no_cache and fix is None:
            from lint.run.cache import default_folder

            cache_folder = args.cache_dir or default_folder(linter.config)
        jobs = args.jobs if args.jobs is not None else default_jobs()
        progress = False if (args.quiet or fix is not None) else None
        sub = lint_paths(linter, file_paths, jobs, cache_folder, progress=progress, fix=fix, on_file=take)
        report.files += sub.files
        report.findings.extend(sub.findings)
        report.errors.extend(sub.errors)
    return run


def _apply_baseline(args, report) -> Optional[int]:
    """Write the baseline, or hide the findings it knows; returns how many
    were hidden, or None on an error (already said)."""
    hidden = 0
    if args.baseline:
        from lint.run import baseline

        prints = [f.fingerprint for f in report.findings]
        if args.write_baseline:
            try:
                n = baseline.write(args.baseline, prints)
            except OSError as err:
                _err(f"cannot write baseline {args.baseline}: {err.strerror or err}")
                return None
            _err(f"wrote {n} finding{'s' if n != 1 else ''} to baseline {args.baseline}")
            report.findings = []
        else:
            try:
                known = baseline.load(args.baseline)
            except baseline.BaselineError as err:
                _err(str(err))
                return None
            before = len(report.findings)
            report.findings = baseline.split_new(report.findings, prints, known)
            hidden = before - len(report.findings)
            if hidden and args.format != "text":
                _err(f"baseline {args.baseline} hid {hidden} finding{'s' if hidden != 1 else ''}")
    return hidden


def _output(args, linter, fmt_cls, run: _CheckRun, hidden: int) -> bool:
    """Render the report (with the fix listing) to stdout or --output-file,
    and stdin's fixed text to stdout; False on an error (already said)."""
    report, listing, stdin_fixed = run.report, run.listing, run.stdin_fixed
    to_file = bool(args.output_file)
    options = {
        "color": _use_color(args.color) and not (to_file and args.color != "always"),
        "quiet": args.quiet,
        "statistics": args.statistics,
        "fail_on": str(linter.config.fail_on),
        "width": _width(to_file),
        "unsafe_fixes": args.unsafe_fixes,
        "baseline_hidden": hidden,
    }
    if args.show_fixes:
        if listing:
            title = "Fixed:" if args.fix and not args.diff else "Fixes `--fix` would apply:"
        else:
            title = "No fixes applied." if args.fix and not args.diff else "No fixes to apply."
        if args.format == "text":
            options["fix_listing"], options["fix_listing_title"] = listing, title
        else:
            sys.stderr.write(escape_for_terminal("\n".join([title, *listing]) + "\n"))
    rendered = fmt_cls().render(report, options)
    if args.output_file:
        try:
            folder = os.path.dirname(args.output_file)
            if folder:
                os.makedirs(folder, exist_ok=True)
            with open(args.output_file, "w", encoding="utf-8", newline="") as fh:
                fh.write(rendered)
        except OSError as err:
            _err(f"cannot write {args.output_file}: {err.strerror or err}")
            return False
        if stdin_fixed is not None and args.fix and not args.diff:
            _write(stdin_fixed)
    elif stdin_fixed is not None and args.fix and not args.diff:
        # the fixed text is the output; the report goes to stderr
        _write(stdin_fixed)
        sys.stderr.write(rendered)
    else:
        _write(rendered)
    return True


def _finish(args, linter, run: _CheckRun) -> int:
    """Say what was fixed and which files failed; the exit code."""
    report, stdin_fixed = run.report, run.stdin_fixed
    to_file = bool(args.output_file)
    if args.fix or args.diff:
        verb = "would fix" if args.diff else "fixed"
        msg = f"{verb} {run.fixed} finding{'s' if run.fixed != 1 else ''} in {run.files_fixed} file{'s' if run.files_fixed != 1 else ''}; {len(report.findings)} remaining"
        _err(msg)
    for e in report.errors:
        if args.format != "text" or to_file or (stdin_fixed is not None and args.fix):
            _err(escape_for_terminal(f"{e.path}: {e.message}"))
        if args.verbose and e.detail:
            sys.stderr.write(escape_for_terminal(f"{e.path}: {e.message}\n{e.detail}"))
    if report.errors:
        return EXIT_ERROR
    fail_on = linter.config.fail_on
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in report.findings) else EXIT_OK


def escape_for_terminal(text: str) -> str:
    from lint.lang.text import escape_controls

    return escape_controls(text, keep="\n\t")


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
    cls = linter.registry.check_by_name_or_code(args.rule) or linter.registry.check_by_name_or_code(args.rule.lower())
    if cls is None:
        _err(f"no rule is named or coded {args.rule!r}{_did_you_mean(args.rule, linter.registry)}")
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

    from lint.config import defaults_path

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
    from lint.api import ReadError

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
        *([f"content:    {doc.content_note}"] if doc.content_note else []),
        f"language:   {doc.lang}",
        f"lines:      {doc.line_count}",
        f"blocks:     {len(doc.blocks)}",
        "",
        f"{'lines':>11}  {'kind':<11} {'lang':<5} text",
    ]
    from lint.lang.text import display_width

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
    from lint.config import dump

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
        from lint.archive import main as archive_main
    except ImportError as err:
        _err(f"archive mode needs Dask: pip install 'newslint[archive]' ({err})")
        return EXIT_ERROR
    return archive_main(args)


def cmd_lsp(args) -> int:
    try:
        from lint.lsp import serve
    except ImportError as err:
        _err(f"the language server needs pygls: pip install 'newslint[lsp]' ({err})")
        return EXIT_ERROR
    return serve(config=args.config, no_config=args.no_config)


def cmd_serve(args) -> int:
    try:
        from lint.web.serve import serve
    except ImportError as err:
        _err(f"the review page needs the web extra: pip install 'newslint[web]' ({err})")
        return EXIT_ERROR
    if not os.path.exists(args.path):
        _err(f"{args.path}: no such file or directory")
        return EXIT_ERROR
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    return serve(args.path, host=args.host, port=args.port, open_browser=args.open, linter=linter)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
