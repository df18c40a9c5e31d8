"""The ``newslint`` command."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from lint import __version__, i18n
from lint.i18n import message_of, ntr, tr

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _lang_help() -> str:
    return tr(
        "language of messages, docs and help: en, zh (Simplified Chinese) or zh-Hant (Traditional);"
        " default: lang in newslint.yml, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en"
    )


def _lang(value: str) -> str:
    lang = i18n.normalize(value)
    if lang is None:
        raise argparse.ArgumentTypeError(
            tr("unknown language {value!r} (use {choices})", value=value, choices=", ".join(i18n.LANG_CHOICES))
        )
    return lang


def _lang_in(argv: Sequence[str]) -> Optional[str]:
    """The language ``--lang`` asks for, read before the parser is built (its help is translated)."""
    found = None
    for i, a in enumerate(argv):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif a.startswith("--lang="):
            found = a.split("=", 1)[1]
    return found


class _ArgparseLanguage:
    """While newslint parses its command line, argparse's own words ("usage:",
    "options", its error messages) come from newslint's catalog."""

    def __enter__(self) -> None:
        self.saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._ = i18n.gettext  # type: ignore[attr-defined]
        argparse.ngettext = i18n.gettext_plural  # type: ignore[attr-defined]

    def __exit__(self, *exc) -> None:
        argparse._, argparse.ngettext = self.saved  # type: ignore[attr-defined]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with a full-width colon after a section heading in Chinese."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not i18n.is_chinese():
            return super()._split_lines(text, width)
        return _wrap_cjk(text, width)

    def format_help(self) -> str:
        text = super().format_help()
        if i18n.is_chinese():
            text = re.sub(r"^(\S[^\n]*?):\n", "\\1：\n", text, flags=re.M)
        return text


def _wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese and Latin text to ``width`` display columns: a Latin
    word is never split, a Han character may end a line, and closing
    punctuation never starts one."""
    from lint.lang.text import display_width

    lines: list[str] = []
    line, used = "", 0
    for tok in re.findall(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", " ".join(text.split())):
        w = display_width(tok)
        if tok.isspace():
            if line and used + 1 <= width:
                line, used = line + " ", used + 1
            continue
        if used + w > width and line.strip() and tok not in "，。、；：）」』”！？":
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + tok, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Parser(argparse.ArgumentParser):
    """newslint's parser (its subcommands' parsers are of the same class)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newslint",
        description=tr(
            "A linter for news copy: duplicated paragraphs, broken line wraps, truncated endings, mixed stories."
        ),
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"newslint {__version__}",
        help=tr("show program's version number and exit"),
    )
    p.add_argument("--lang", type=_lang, metavar="LANG", help=_lang_help())
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    p.set_defaults(_commands=sub.choices)

    def common(sp):
        sp.add_argument(
            "--config", metavar="FILE", help=tr("use this config file instead of newslint.yml / .newslint.yml")
        )
        sp.add_argument("--no-config", action="store_true", help=tr("ignore newslint.yml; use the defaults only"))
        sp.add_argument("--lang", type=_lang, metavar="LANG", default=argparse.SUPPRESS, help=_lang_help())

    c = sub.add_parser("check", help=tr("lint files and folders (default: .)"))
    c.add_argument("paths", nargs="*", metavar="PATH", help=tr("files or folders; - reads standard input"))
    c.add_argument(
        "--format",
        "--output-format",
        dest="format",
        default="text",
        help=tr("output format (text, json, ...; see `newslint formats`)"),
    )
    c.add_argument(
        "-o", "--output-file", metavar="FILE", help=tr("write the report to FILE instead of standard output")
    )
    c.add_argument(
        "--select",
        type=_csv,
        metavar="RULES",
        help=tr("comma-separated rule names or code prefixes to run (any case: nl1 = NL1)"),
    )
    c.add_argument(
        "--ignore",
        type=_csv,
        metavar="RULES",
        help=tr("comma-separated rule names or code prefixes to skip (any case)"),
    )
    c.add_argument(
        "--exclude",
        type=_csv,
        metavar="PATTERNS",
        help=tr(
            "comma-separated gitignore-style patterns to skip when walking folders, instead of the config's exclude"
        ),
    )
    c.add_argument(
        "--extend-exclude", type=_csv, metavar="PATTERNS", help=tr("like --exclude, but added to the config's exclude")
    )
    c.add_argument(
        "--exit-zero",
        action="store_true",
        help=tr("exit 0 even when there are findings (2 still means files could not be linted)"),
    )
    c.add_argument(
        "--fail-on", choices=["error", "warning", "info"], help=tr("lowest severity that makes the exit status 1")
    )
    c.add_argument("--stdin-filename", metavar="PATH", help=tr("the path to report for input read from -"))
    c.add_argument(
        "--encoding", metavar="NAME", help=tr("decode input with this encoding instead of UTF-8/BOM detection")
    )
    c.add_argument(
        "--html-content",
        choices=["article", "all"],
        help=tr("full HTML pages: lint the article only (default) or all the page's copy"),
    )
    c.add_argument("-q", "--quiet", action="store_true", help=tr("print findings only, no source lines or summary"))
    c.add_argument("--statistics", action="store_true", help=tr("print the number of findings per rule"))
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto", help=tr("colour text output"))
    c.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help=tr("lint files in N parallel processes (default: the number of CPUs)"),
    )
    c.add_argument("--no-cache", action="store_true", help=tr("do not read or write the findings cache"))
    c.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=tr("where the findings cache lives (default: .newslint_cache beside the config)"),
    )
    c.add_argument(
        "--fix", action="store_true", help=tr("apply safe fixes to the files (with -, print the fixed text)")
    )
    c.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help=tr("with --fix or --diff, also apply fixes that need an editor's eye"),
    )
    c.add_argument("--diff", action="store_true", help=tr("print the fixes as a unified diff; write nothing"))
    c.add_argument(
        "--show-fixes",
        action="store_true",
        help=tr("list, fix by fix, what --fix would change (with --fix: what it changed)"),
    )
    c.add_argument(
        "--baseline",
        metavar="FILE",
        help=tr(
            "report only findings not recorded in FILE (a missing FILE is an error: create it with --write-baseline)"
        ),
    )
    c.add_argument(
        "--write-baseline",
        action="store_true",
        help=tr("with --baseline FILE, record the current findings in FILE and report none"),
    )
    c.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=tr("print the traceback of a rule that crashed (on standard error)"),
    )
    # --watch (logic in lint/watch.py)
    c.add_argument(
        "--watch", action="store_true", help=tr("after linting, re-lint each file when it is saved (Ctrl-C to stop)")
    )
    common(c)

    r = sub.add_parser("rules", help=tr("list every rule"))
    common(r)
    r1 = sub.add_parser("rule", help=tr("print a rule's documentation"))
    r1.add_argument("rule", metavar="NAME|CODE")
    common(r1)
    i = sub.add_parser("inspect", help=tr("show how a file was read: blocks, kinds, languages"))
    i.add_argument("file")
    i.add_argument("--encoding", metavar="NAME")
    i.add_argument(
        "--html-content", choices=["article", "all"], help=tr("full HTML pages: read the article only, or all")
    )
    common(i)
    cf = sub.add_parser("config", help=tr("print the effective configuration"))
    common(cf)
    fm = sub.add_parser("formats", help=tr("list output formats"))
    common(fm)
    ar = sub.add_parser(
        "archive", help=tr("lint a large archive on a Dask cluster (needs: pip install 'newslint[archive]')")
    )
    ar.add_argument(
        "source", help=tr("a folder of files, a JSON-lines file, or a Parquet dataset (with id and text columns)")
    )
    ar.add_argument("--out", required=True, metavar="DIR", help=tr("folder for the partitioned findings"))
    ar.add_argument(
        "--scheduler",
        default="local",
        help=tr("'local' (a LocalCluster sized to this machine) or an address like tcp://host:8786"),
    )
    ar.add_argument("--workers", type=int, help=tr("with --scheduler local: number of worker processes"))
    ar.add_argument(
        "--output-format", choices=["jsonl", "parquet"], default="jsonl", help=tr("how findings are written")
    )
    ar.add_argument(
        "--partition-size",
        type=int,
        metavar="N",
        help=tr("documents per partition (default: chosen from the input size and the number of workers)"),
    )
    # output folder ownership and progress (logic in lint/archive.py, lint/progress.py)
    ar.add_argument("--overwrite", action="store_true", help=tr("replace an output folder written with other settings"))
    ar.add_argument("-q", "--quiet", action="store_true", help=tr("no progress bar"))
    common(ar)
    ls = sub.add_parser("lsp", help=tr("run the Language Server over stdio (needs: pip install 'newslint[lsp]')"))
    common(ls)
    sv = sub.add_parser(
        "serve",
        help=tr(
            "a local review page: drafts with their findings marked, fixes, save (needs: pip install 'newslint[web]')"
        ),
    )
    sv.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PATH",
        help=tr("a draft or a folder of drafts (default: .); only files under it are opened or written"),
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help=tr("interface to listen on (default: 127.0.0.1, this machine only)")
    )
    sv.add_argument("--port", type=int, default=8765, help=tr("port (default: 8765; 0 picks a free one)"))
    sv.add_argument("--open", action="store_true", help=tr("open the page in the web browser"))
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
    return tr(" (did you mean {name!r}?)", name=near[0]) if near else tr(" (see `newslint rules`)")


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
            raise UsageError(
                tr(
                    "{option}: no rule is named or coded {value!r}{hint}",
                    option=option,
                    value=value,
                    hint=_did_you_mean(value, registry),
                )
            )
    return out


def _load(args):
    import dataclasses

    from lint.config import ConfigError, load_config
    from lint.manager import PluginError, load_plugins
    from lint.run.engine import Linter

    try:
        cfg = load_config(args.config, no_config=args.no_config)
        if getattr(args, "lang", None) is None and cfg.data.get("lang"):
            i18n.set_language(i18n.choose(None, cfg.data.get("lang")))
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
        _err(i18n.error_text(err))
        if isinstance(err, PluginError) and getattr(args, "verbose", False) and err.__cause__ is not None:
            import traceback

            sys.stderr.write(
                "".join(traceback.format_exception(type(err.__cause__), err.__cause__, err.__cause__.__traceback__))
            )
        return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the language: --lang, else (once a command loads its config) lang: in newslint.yml, else the locale
    previous = i18n.get_language()
    i18n.set_language(i18n.choose(_lang_in(argv)))
    try:
        with _ArgparseLanguage():
            return _main(argv)
    finally:  # a caller in the same process (a test, an editor plugin) keeps its own
        i18n.set_language(previous)


def _main(argv: list[str]) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # an unknown option after a command gets that command's usage, not the top-level one
        commands = getattr(args, "_commands", {}) or {}
        (commands.get(args.command) or parser).error(i18n.gettext("unrecognized arguments: %s") % " ".join(extra))
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
        _err(
            tr(
                "unknown format {name!r} (available: {names})",
                name=args.format,
                names=", ".join(sorted(linter.registry.formats)),
            )
        )
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
        return tr("--write-baseline needs --baseline FILE: the file to write")
    if args.baseline and not args.write_baseline and not os.path.exists(args.baseline):
        return tr(
            "baseline {file} does not exist; create it with: "
            "newslint check --baseline {file} --write-baseline [PATH ...]",
            file=args.baseline,
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
            _err(i18n.render(note))
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
                _err(tr("cannot write baseline {file}: {reason}", file=args.baseline, reason=err.strerror or err))
                return None
            _err(
                ntr(
                    "wrote {n} finding to baseline {file}",
                    "wrote {n} findings to baseline {file}",
                    n,
                    file=args.baseline,
                )
            )
            report.findings = []
        else:
            try:
                known = baseline.load(args.baseline)
            except baseline.BaselineError as err:
                _err(i18n.error_text(err))
                return None
            before = len(report.findings)
            report.findings = baseline.split_new(report.findings, prints, known)
            hidden = before - len(report.findings)
            if hidden and args.format != "text":
                _err(
                    ntr(
                        "baseline {file} hid {n} finding",
                        "baseline {file} hid {n} findings",
                        hidden,
                        file=args.baseline,
                    )
                )
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
            title = tr("Fixed:") if args.fix and not args.diff else tr("Fixes `--fix` would apply:")
        else:
            title = tr("No fixes applied.") if args.fix and not args.diff else tr("No fixes to apply.")
        if args.format == "text":
            options["fix_listing"], options["fix_listing_title"] = listing, title
        else:
            sys.stderr.write(escape_for_terminal("\n".join([title, *listing]) + "\n"))
    # messages are rendered in the run's language here, at output; findings keep their message ids
    report = i18n.localize_report(report)
    rendered = fmt_cls().render(report, options)
    if args.output_file:
        try:
            folder = os.path.dirname(args.output_file)
            if folder:
                os.makedirs(folder, exist_ok=True)
            with open(args.output_file, "w", encoding="utf-8", newline="") as fh:
                fh.write(rendered)
        except OSError as err:
            _err(tr("cannot write {file}: {reason}", file=args.output_file, reason=err.strerror or err))
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
        counts = dict(
            fixed=ntr("{n} finding", "{n} findings", run.fixed),
            files=ntr("{n} file", "{n} files", run.files_fixed),
            left=len(report.findings),
        )
        if args.diff:
            _err(tr("would fix {fixed} in {files}; {left} remaining", **counts))
        else:
            _err(tr("fixed {fixed} in {files}; {left} remaining", **counts))
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
    from lint.lang.text import display_width

    rows = [(tr("CODE"), tr("NAME"), tr("SEVERITY"), tr("PLUGIN"), tr("SUMMARY"))]
    for name, cls in checks.items():
        sev = str(enabled[name].severity) if name in enabled else "off"
        rows.append((cls.code, name, sev, cls.plugin, cls.one_line()))
    widths = [max(display_width(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(r[i] + " " * (widths[i] - display_width(r[i])) for i in range(4)) + "  " + r[4] for r in rows]
    _write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_rule(args) -> int:
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    cls = linter.registry.check_by_name_or_code(args.rule) or linter.registry.check_by_name_or_code(args.rule.lower())
    if cls is None:
        _err(
            tr(
                "no rule is named or coded {value!r}{hint}",
                value=args.rule,
                hint=_did_you_mean(args.rule, linter.registry),
            )
        )
        return EXIT_ERROR
    head = f"# {cls.name} ({cls.code})\n\n" + tr(
        "Default severity: {severity}. Plugin: {plugin}.\n", severity=cls.severity, plugin=cls.plugin
    )
    opts = ""
    if cls.options:
        # the notes are config.yml's comments (English): a translated doc explains the options itself
        notes = _option_notes(cls.name) if i18n.get_language() == "en" else {}
        opts = (
            "\n"
            + tr("## Options\n")
            + "".join(
                tr("- `{name}` (default: {value!r})", name=k, value=v) + (f": {notes[k]}" if k in notes else "") + "\n"
                for k, v in cls.options.items()
            )
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
        _err(tr("{path}: cannot read: {reason}", path=args.file, reason=err.strerror or err))
        return EXIT_ERROR
    except ReadError as err:
        _err(f"{args.file}: {i18n.render(message_of(err))}")
        return EXIT_ERROR
    from lint.lang.text import display_width

    bom = tr(" with BOM") if doc.bom else ""
    labels = [
        (tr("file:"), args.file),
        (tr("reader:"), doc.reader),
        (tr("encoding:"), doc.encoding + bom),
        (tr("newlines:"), _nl_name(doc.newline)),
        (tr("paragraphs:"), doc.convention),
        *([(tr("content:"), doc.content_note)] if doc.content_note else []),
        (tr("language:"), doc.lang),
        (tr("lines:"), doc.line_count),
        (tr("blocks:"), len(doc.blocks)),
    ]
    out = [f"{label}{' ' * max(1, 12 - display_width(label))}{value}" for label, value in labels]
    lines_, kind_, lang_, text_ = tr("lines"), tr("kind"), tr("lang"), tr("text")
    out += [
        "",
        " " * max(0, 11 - display_width(lines_))
        + f"{lines_}  {kind_}{' ' * max(1, 12 - display_width(kind_))}{lang_}{' ' * max(1, 6 - display_width(lang_))}{text_}",
    ]
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
    header = tr("# effective configuration, merged from:\n") + "".join(f"#   {s}\n" for s in cfg.sources)
    _write(header + dump(cfg))
    return EXIT_OK


def cmd_formats(args) -> int:
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    for name, cls in sorted(linter.registry.formats.items()):
        _write(f"{name:12} {i18n.Message(cls.description).render()}\n")
    return EXIT_OK


def cmd_archive(args) -> int:
    try:
        from lint.archive import main as archive_main
    except ImportError as err:
        _err(tr("archive mode needs Dask: pip install 'newslint[archive]' ({error})", error=err))
        return EXIT_ERROR
    return archive_main(args)


def cmd_lsp(args) -> int:
    try:
        from lint.lsp import serve
    except ImportError as err:
        _err(tr("the language server needs pygls: pip install 'newslint[lsp]' ({error})", error=err))
        return EXIT_ERROR
    return serve(config=args.config, no_config=args.no_config)


def cmd_serve(args) -> int:
    try:
        from lint.web.serve import serve
    except ImportError as err:
        _err(tr("the review page needs the web extra: pip install 'newslint[web]' ({error})", error=err))
        return EXIT_ERROR
    if not os.path.exists(args.path):
        _err(tr("{path}: no such file or directory", path=args.path))
        return EXIT_ERROR
    linter = _load(args)
    if linter is None:
        return EXIT_ERROR
    return serve(args.path, host=args.host, port=args.port, open_browser=args.open, linter=linter)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
