"""Base classes plugins subclass: Check, Format and Reader."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Optional, Sequence

from lint.i18n import translator  # noqa: F401  (a plugin's own message catalog: README, "Plugins")
from lint.lang.compiled import compile_re
from lint.model import Finding, Fix, Related, Report, Severity

# where a rule's page lives: one helper in lint.ruledocs, re-exported here for plugins
from lint.ruledocs import REPOSITORY, rule_doc_url  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from lint.doc.document import Document

CODE_RE = compile_re(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = compile_re(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ReadError(Exception):
    """Input that cannot be linted. The message names the problem; the core adds the path."""


def rule_matches(selector: str, name: str, code: str) -> bool:
    """The one way a selector names a rule, wherever rules are named
    (``select``/``ignore``, suppression comments): the rule's name exactly, or
    a prefix of its code in capitals (``NL1`` selects NL101 ... NL104)."""
    return selector == name or (selector[:1].isupper() and code.startswith(selector))


class Context:
    """What a check gets besides the document: its options and a way to report."""

    def __init__(
        self,
        check: "Check",
        doc: "Document",
        *,
        directives: Sequence[Any] = (),
        enabled_rules: Optional[dict[str, str]] = None,
    ):
        self.check = check
        self.doc = doc
        self.options = check.options
        self.findings: list[Finding] = []
        #: the suppression comments of the document (``lint.run.suppress.Directive``:
        #: ``rules``, ``kind``, ``used``, ``start``, ``end``): filled in only for a
        #: check with ``after_suppressions``, once the other checks' findings were filtered
        self.directives: Sequence[Any] = directives
        #: name -> code of every rule enabled for this document (same condition)
        self.enabled_rules: dict[str, str] = dict(enabled_rules or {})

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related | tuple] = (),
        fix: Optional[Fix] = None,
        severity: Optional[str | Severity] = None,
    ) -> Finding:
        rel = [r if isinstance(r, Related) else Related(*r) for r in related]
        f = Finding(
            rule=self.check.name,
            code=self.check.code,
            severity=Severity.parse(severity) if severity is not None else self.check.effective_severity,
            message=message,
            start=start,
            end=end,
            related=rel,
            fix=fix,
        )
        self.findings.append(f)
        return f


_TYPE_OF = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


class Option:
    """A rule option's declaration: its default, type and range.

    Write it in a rule's ``options``: ``{"min-chars": Option(15, min=1)}``. A
    plain value (``{"min-chars": 15}``) declares the type of its default and
    no range. The config is validated from these declarations, and
    ``Check.options`` holds the defaults (plain values) either way.
    """

    __slots__ = ("default", "type", "min", "max", "choices", "help")

    def __init__(
        self,
        default: Any,
        *,
        type: Optional[str] = None,
        min: Optional[float] = None,
        max: Optional[float] = None,
        choices: Optional[Iterable] = None,
        help: str = "",
    ):
        self.default = default
        self.type = type or next((name for t, name in _TYPE_OF if isinstance(default, t)), None)
        self.min, self.max = min, max
        self.choices = tuple(choices) if choices is not None else None
        self.help = help

    def schema(self) -> dict:
        """The JSON schema a configured value must match."""
        out: dict = {"type": self.type} if self.type else {}
        if self.min is not None:
            out["minimum"] = self.min
        if self.max is not None:
            out["maximum"] = self.max
        if self.choices is not None:
            out["enum"] = list(self.choices)
        return out

    def range_text(self) -> str:
        """``between 0 and 1``, ``at least 1``, ``at most 10`` or ''."""
        from .i18n import _

        if self.min is not None and self.max is not None:
            return _("between {min:g} and {max:g}", min=self.min, max=self.max)
        if self.min is not None:
            return _("at least {min:g}", min=self.min)
        if self.max is not None:
            return _("at most {max:g}", max=self.max)
        return ""

    def __repr__(self) -> str:
        extra = "".join(
            f", {k}={getattr(self, k)!r}" for k in ("min", "max", "choices") if getattr(self, k) is not None
        )
        return f"Option({self.default!r}, type={self.type!r}{extra})"


class Check:
    """A rule. Subclass it, set the class attributes, implement :meth:`check`."""

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        own = cls.__dict__.get("options")
        if isinstance(own, dict):
            # keep the declarations aside; options holds plain defaults
            cls._option_specs = {k: v for k, v in own.items() if isinstance(v, Option)}
            cls.options = {k: (v.default if isinstance(v, Option) else v) for k, v in own.items()}

    @classmethod
    def declared_options(cls) -> dict[str, Option]:
        """Each option's declaration (type and range), in ``options`` order."""
        specs = getattr(cls, "_option_specs", {})
        out = {}
        for k, v in cls.options.items():
            spec = specs.get(k)
            out[k] = (
                spec
                if spec is not None and spec.default == v
                else Option(
                    v,
                    **(
                        {}
                        if spec is None
                        else {
                            "type": spec.type,
                            "min": spec.min,
                            "max": spec.max,
                            "choices": spec.choices,
                            "help": spec.help,
                        }
                    ),
                )
            )
        return out

    name: ClassVar[str] = ""
    code: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    #: option defaults on the class; on an instance, the options in force
    options: dict[str, Any] = {}
    #: the Option declarations among ``options`` (filled in per subclass)
    _option_specs: ClassVar[dict[str, Option]] = {}
    #: one-line summary; defaults to the first sentence of "## What it does"
    summary: ClassVar[str] = ""
    #: filled in by the plugin manager: the plugin (entry point or module) name
    plugin: ClassVar[str] = ""
    #: a link to the rule's documentation (built-in rules get theirs from rule_doc_url)
    doc_url: ClassVar[str] = ""
    #: run after the other checks' findings were filtered by suppression
    #: comments, with ``ctx.directives`` and ``ctx.enabled_rules`` filled in
    #: (NL001 unused-suppression reports the comments that suppressed nothing)
    after_suppressions: ClassVar[bool] = False

    @classmethod
    def documentation_url(cls) -> Optional[str]:
        return rule_doc_url(cls.code, cls.name, cls)

    def __init__(self, options: Optional[dict] = None, severity: Optional[str] = None):
        merged = dict(type(self).options)
        merged.update(options or {})
        self.options = merged
        self.effective_severity = Severity.parse(severity or type(self).severity)

    def check(self, doc: "Document", ctx: Context) -> Iterable[Finding] | None:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def prepare_run(cls, expected_bytes: int) -> None:
        """Called once before a run of several files, with their total size in
        bytes, ahead of the first document; with ``--jobs``, in the parent
        before the worker processes are forked, so that they share whatever it
        loads. A rule whose first use loads something a long run needs anyway
        (a library, a whole dictionary) may load it here at once instead of
        deciding as it goes. It must not change any finding. The default does
        nothing."""

    @classmethod
    def doc(cls, lang: Optional[str] = None) -> str:
        """The rule's documentation: its docstring, or in ``lang`` (default: the
        run's language) the translated page when there is one (see
        :func:`lint.i18n.rule_doc`)."""
        import inspect

        english = inspect.cleandoc(cls.__doc__ or "")
        from .i18n import rule_doc

        return rule_doc(cls, english, lang) or english

    @classmethod
    def one_line(cls, lang: Optional[str] = None) -> str:
        """The one-line summary: ``summary`` (in ``lang``, from the rule's
        gettext domain, ``gettext_domain``, when it is translated), else the
        first sentence of "What it does" of the doc in ``lang``."""
        from . import i18n

        lang = i18n.normalize(lang) if lang else i18n.get_language()
        if cls.summary:
            said = i18n.Message(cls.summary, domain=getattr(cls, "gettext_domain", i18n.DOMAIN)).render(lang)
            if lang == "en" or said != cls.summary:
                return said
        text = cls.doc(lang)
        m = re.search(r"## (?:What it does|作用)\s*\n(.+?)(?:\n\s*\n|\n##|$)", text, re.S)
        para = (m.group(1) if m else text).strip().replace("\n", " ")
        if text != cls.doc("en") and i18n.is_chinese(lang):
            m = re.search(r"。", para)
        else:
            m = re.search(r"(?<!\.)(?:\.|。)(?=\s|$)", para)
        return para[: m.end()] if m else para


class Format:
    """An output format. ``render`` returns the whole output as text."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def render(self, report: Report, options: dict) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class Reader:
    """An input reader: bytes in, :class:`lint.doc.document.Document` out."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()

    def read(self, data: bytes, path: str, options: dict) -> "Document":  # pragma: no cover - abstract
        raise NotImplementedError
