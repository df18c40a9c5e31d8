"""Messages in the editor's language (English, Simplified and Traditional Chinese).

Checks build a message once, in English, with named placeholders::

    from lint.i18n import _, ngettext
    ctx.report(a, b, _("Paragraph repeats the one at line {line} ({how})", line=66, how=_("exact copy")))

``_`` returns a :class:`Message`: a ``str`` whose value is the English text
(so fingerprints, baselines, the cache key and every English output are what
they always were) that also keeps its message id and parameters. Output is
rendered in the run's language at the last moment (:func:`render`,
:func:`localize_findings`), so findings cross worker processes, the findings
cache and the language server unchanged, and the language can differ per
client. ``tr`` translates immediately, for the command line's own messages.

The language is chosen once per run (:func:`choose`: ``--lang``, then
``lang:`` in the config, then the locale variables ``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, then English) and set with :func:`set_language`.

Catalogs are GNU gettext ``.po`` files under ``lint/locale/<lang>/LC_MESSAGES``
(managed with Babel; see CONTRIBUTING.md, "Translations"), read at run time by
the standard library's :mod:`gettext` from the compiled ``.mo`` files.
A plugin ships its own catalog with :func:`translator`.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

DOMAIN = "newslint"
LOCALEDIR = Path(__file__).resolve().parent / "locale"
#: the languages newslint speaks (catalog folder names); English needs no catalog
LANGUAGES = ("en", "zh_Hans", "zh_Hant")
#: what ``--lang`` and ``lang:`` accept (any case; ``-`` or ``_``); locale names work too
LANG_CHOICES = ("en", "zh", "zh-Hans", "zh-Hant")

_DOMAINS: dict[str, Path] = {DOMAIN: LOCALEDIR}
_current = "en"


def normalize(value: Optional[str]) -> Optional[str]:
    """A language or locale name as a catalog name (``en``, ``zh_Hans``,
    ``zh_Hant``), or None when newslint does not speak it.

    ``zh``, ``zh_CN``, ``zh-SG``, ``zh_Hans``, ``zh_CN.UTF-8`` are Simplified;
    ``zh_TW``, ``zh_HK``, ``zh_MO`` and ``zh_Hant`` Traditional; ``C``,
    ``POSIX`` and ``en*`` English."""
    if not value:
        return None
    v = value.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if v in ("c", "posix", "en") or v.startswith("en_"):
        return "en"
    if v == "zh" or v.startswith("zh_"):
        parts = v.split("_")[1:]
        if "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts):
            return "zh_Hant"
        return "zh_Hans"
    return None


def from_environment(environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The language the locale variables ask for, in gettext's order of
    precedence (``LANGUAGE`` is a colon-separated list of preferences), or
    None when none of them names a language newslint speaks."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for item in value.split(":") if name == "LANGUAGE" else [value]:
            lang = normalize(item)
            if lang is not None:
                return lang
        if name != "LANGUAGE":
            # the first locale variable that is set decides, as in the C library
            return None
    return None


def choose(cli: Optional[str] = None, config: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> str:
    """The run's language: ``--lang``, else ``lang:`` in the config, else the
    locale, else English."""
    for value in (cli, config):
        lang = normalize(value)
        if lang is not None:
            return lang
    return from_environment(environ) or "en"


def set_language(lang: Optional[str]) -> str:
    """Make ``lang`` (any spelling :func:`normalize` accepts) the language
    messages are rendered in; returns the catalog name."""
    global _current
    _current = normalize(lang) or "en"
    return _current


def get_language() -> str:
    return _current


def is_chinese(lang: Optional[str] = None) -> bool:
    return (lang or _current).startswith("zh")


@functools.lru_cache(maxsize=None)
def _catalog(domain: str, lang: str) -> _gettext.NullTranslations:
    folder = _DOMAINS.get(domain)
    if lang == "en" or folder is None:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, str(folder), languages=[lang], fallback=True)


def register_domain(domain: str, localedir: "str | os.PathLike[str]") -> None:
    """Tell newslint where a plugin's catalogs live (``<localedir>/<lang>/LC_MESSAGES/<domain>.mo``)."""
    _DOMAINS[domain] = Path(localedir)
    _catalog.cache_clear()


def _fill(template: str, params: Mapping[str, Any], conv: Callable[[Any], Any]) -> str:
    if not params:
        return template
    return template.format(**{k: conv(v) for k, v in params.items()})


def _rebuild(msgid: str, params: dict, plural: Optional[str], n: Optional[int], domain: str) -> "Message":
    return Message(msgid, params, plural=plural, n=n, domain=domain)


class Message(str):
    """A translatable message. Its ``str`` value is the English text; it keeps
    the message id, the named parameters (themselves messages or plain
    values) and the gettext domain, so that :func:`render` can say it in
    another language later.

    Slotted, the parameters kept as one flat tuple: a long document's findings
    hold tens of thousands of messages, and an instance dictionary and a
    parameter dictionary would weigh more than the message itself."""

    __slots__ = ("msgid", "_p", "plural", "n", "domain")

    msgid: str
    _p: tuple  # name, value, name, value, ...
    plural: Optional[str]
    n: Optional[int]
    domain: str

    def __new__(
        cls,
        msgid: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        plural: Optional[str] = None,
        n: Optional[int] = None,
        domain: str = DOMAIN,
    ) -> "Message":
        params = dict(params or {})
        if msgid == _JOIN:
            english = str(params["sep"]).join(str(v) for v in params["items"])
        else:
            english = _fill(msgid if plural is None or n == 1 else plural, params, lambda v: v)
        self = super().__new__(cls, english)
        self.msgid, self.plural, self.n, self.domain = msgid, plural, n, domain
        self._p = tuple(x for item in params.items() for x in item)
        return self

    @property
    def params(self) -> dict:
        """The named parameters (a new dictionary each time)."""
        p = self._p
        return dict(zip(p[::2], p[1::2]))

    def __reduce__(self) -> tuple:
        return _rebuild, (self.msgid, self.params, self.plural, self.n, self.domain)

    def render(self, lang: Optional[str] = None) -> str:
        lang = (normalize(lang) or "en") if lang else _current
        if lang == "en":
            return str.__str__(self)
        if self.msgid == _JOIN:
            return str(render(self.params["sep"], lang)).join(str(render(v, lang)) for v in self.params["items"])
        cat = _catalog(self.domain, lang)
        if self.plural is None:
            template = cat.gettext(self.msgid)
        else:
            template = cat.ngettext(self.msgid, self.plural, self.n if self.n is not None else 1)
        try:
            return _fill(template, self.params, lambda v: render(v, lang))
        except (KeyError, IndexError, ValueError):  # a broken translation must not crash a run
            return str.__str__(self)

    def to_json(self) -> dict:
        """A JSON-able form (for the findings cache); :func:`from_json` reverses it."""
        d: dict = {"id": self.msgid, "p": {k: to_json(v) for k, v in self.params.items()}}
        if self.plural is not None:
            d["pl"], d["n"] = self.plural, self.n
        if self.domain != DOMAIN:
            d["d"] = self.domain
        return d


def to_json(value: Any) -> Any:
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value.to_json() if isinstance(value, Message) else value


def from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict) and "id" in value:
        params = {k: from_json(v) for k, v in (value.get("p") or {}).items()}
        return Message(value["id"], params, plural=value.get("pl"), n=value.get("n"), domain=value.get("d", DOMAIN))
    return value


# Messages are never changed once made, so equal ones are made once and
# shared: a long document's findings repeat the same few ("first copy",
# "Remove the repeated paragraph"), and NL101's "Paragraph repeats the one at
# {where} ({label})", made for each copy, points at a few thousand places (the
# 20 MB bench file: 39,035 findings, 4,758 distinct messages); each Message
# costs about half a kilobyte. A message is keyed by its whole structure: a
# key tells a message from the text it equals, a bool from 1 and a list from a
# tuple, so only messages equal in every part (id, parameters, plural, count,
# domain) are one object. Bounded (the least recently used goes first), so a
# run's memory stays flat.
_SHARED_MAX = 6144
_shared: dict[tuple, Message] = {}
_MSG, _LIST = object(), object()


def _key(value: Any) -> Any:
    """``value`` as part of a sharing key, or None when it cannot be shared."""
    t = type(value)
    if t is str or t is int:
        return value
    if t is Message:
        p = value._p
        ks = tuple(_key(x) for x in p[1::2])
        if None in ks:
            return None
        return (_MSG, value.msgid, p[::2], ks, value.plural, value.n, value.domain)
    if t is list:
        ks = tuple(_key(x) for x in value)
        return None if None in ks else (_LIST, ks)
    return None


def _share(msgid: str, params: dict, plural: Optional[str], n: Optional[int]) -> Message:
    """The shared message for these parts (see ``_shared``), or a new one when
    a part cannot be keyed."""
    ks = tuple(_key(v) for v in params.values())
    if (
        None in ks
        or type(msgid) is not str
        or type(plural) not in (str, type(None))
        or type(n) not in (int, type(None))
    ):
        return Message(msgid, params, plural=plural, n=n)
    key = (msgid, tuple(params), ks, plural, n)
    found = _shared.pop(key, None)
    if found is None:
        found = Message(msgid, params, plural=plural, n=n)
        if len(_shared) >= _SHARED_MAX:
            _shared.pop(next(iter(_shared)), None)  # the least recently used
    _shared[key] = found
    return found


def _(msgid: str, **params: Any) -> Message:
    """A message in newslint's catalog, rendered later in the run's language."""
    return _share(msgid, params, None, None)


def ngettext(singular: str, plural: str, n: int, **params: Any) -> Message:
    """A message whose wording depends on a count (``n`` is also a parameter)."""
    params.setdefault("n", n)
    return _share(singular, params, plural, n)


_JOIN = "\x00join"


def join(sep: "str | Message", items: Iterable[Any]) -> Message:
    """``sep.join(items)`` that stays translatable (``sep`` and the items may be messages)."""
    return _share(_JOIN, {"sep": sep, "items": list(items)}, None, None)


def N_(msgid: str) -> str:
    """Mark a string for the catalog without translating it (tables of names;
    pass the value through ``_`` where it is used)."""
    return msgid


def message_of(err: BaseException) -> Any:
    """An exception's message, kept translatable when it was raised with one."""
    return err.args[0] if len(err.args) == 1 and isinstance(err.args[0], Message) else str(err)


def error_text(err: BaseException, lang: Optional[str] = None) -> str:
    """An exception as text in ``lang``: a config error's problems, one a line,
    or the exception's own message."""
    problems = getattr(err, "problems", None)
    if isinstance(problems, list) and problems:
        return "\n".join(str(render(p, lang)) for p in problems)
    return str(render(message_of(err), lang))


def render(value: Any, lang: Optional[str] = None) -> Any:
    """A message in ``lang`` (default: the run's language); anything that is
    not a :class:`Message` (a third-party plugin's plain string) unchanged."""
    return value.render(lang) if isinstance(value, Message) else value


def tr(msgid: str, **params: Any) -> str:
    """Translate now, into the run's language (the command line's own messages)."""
    return render(Message(msgid, params))


def ntr(singular: str, plural: str, n: int, **params: Any) -> str:
    return render(ngettext(singular, plural, n, **params))


def gettext(msgid: str) -> str:
    """``msgid`` from newslint's catalog in the run's language (a plain gettext: no placeholders filled)."""
    return _catalog(DOMAIN, _current).gettext(msgid)


def gettext_plural(singular: str, plural: str, n: int) -> str:
    return _catalog(DOMAIN, _current).ngettext(singular, plural, n)


def translator(domain: str, localedir: "str | os.PathLike[str]") -> Callable[..., Message]:
    """A plugin's own ``_``: messages from its own gettext domain and catalogs.

    In a house rule::

        from pathlib import Path
        from lint.api import translator
        _ = translator("acme_rules", Path(__file__).parent / "locale")
        ctx.report(a, b, _("Headline has {n} words", n=n))
    """
    register_domain(domain, localedir)

    def _t(msgid: str, **params: Any) -> Message:
        return Message(msgid, params, domain=domain)

    return _t


def doc_hash(english: str) -> str:
    """What a translated rule page records of the English docstring it translates."""
    import hashlib

    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:16]


_DOC_HEAD = "<!-- translated from the English docstring sha256:"


def rule_doc_path(code: str, lang: str, base: "Path | None" = None) -> Path:
    """Where a built-in rule's translated page lives: ``lint/locale/<lang>/rules/<CODE>.md``."""
    return (base or LOCALEDIR) / lang / "rules" / f"{code}.md"


def read_rule_doc(path: Path) -> Optional[tuple[str, str]]:
    """``(source hash, text)`` of a translated rule page, or None."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    head, _sep, body = raw.partition("\n")
    if not head.startswith(_DOC_HEAD):
        return None
    return head[len(_DOC_HEAD) :].strip(" ->"), body.strip("\n")


def write_rule_doc(path: Path, english: str, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{_DOC_HEAD}{doc_hash(english)} -->\n{text.strip()}\n", encoding="utf-8")


def rule_doc(cls: type, english: str, lang: Optional[str] = None) -> Optional[str]:
    """A rule's documentation in ``lang``, or None when it has no translation.

    Built-in rules' pages are ``lint/locale/<lang>/rules/<CODE>.md``; a
    plugin's are ``<its package>/locale/<lang>/rules/<CODE>.md`` beside the
    module that defines the rule (or in the folder its ``doc_locale_dir``
    class attribute names). The first line records a hash of the English
    docstring, so that a test can tell a stale translation."""
    lang = (normalize(lang) if lang else _current) or "en"
    code = getattr(cls, "code", "")
    if lang == "en" or not code:
        return None
    import sys

    bases = [LOCALEDIR]
    own = getattr(cls, "doc_locale_dir", None)
    if own:
        bases.insert(0, Path(own))
    mod = sys.modules.get(getattr(cls, "__module__", ""))
    where = getattr(mod, "__file__", None)
    if where and not cls.__module__.startswith("plugins."):
        bases.insert(0, Path(where).resolve().parent / "locale")
    for base in bases:
        found = read_rule_doc(rule_doc_path(code, lang, base))
        if found is not None:
            return found[1]
    return None


def localize_findings(findings: Iterable[Any], lang: Optional[str] = None) -> list:
    """Copies of ``findings`` with every message (and related-span label and
    fix title) rendered in ``lang``; English keeps the messages as they are.
    Rule, code, severity, positions and fingerprints are untouched."""
    import dataclasses

    lang = lang or _current
    out = []
    for f in findings:
        if lang == "en":
            out.append(f)
            continue
        g = dataclasses.replace(
            f,
            message=render(f.message, lang),
            related=[dataclasses.replace(r, message=render(r.message, lang)) for r in f.related],
            fix=None if f.fix is None else dataclasses.replace(f.fix, message=render(f.fix.message, lang)),
        )
        g.related_positions = [dict(r, message=render(r.get("message", ""), lang)) for r in f.related_positions]
        g.english = f.message  # the English message, for fingerprints (SARIF)
        out.append(g)
    return out


def localize_errors(errors: Iterable[Any], lang: Optional[str] = None) -> list:
    import dataclasses

    lang = lang or _current
    return [e if lang == "en" else dataclasses.replace(e, message=render(e.message, lang)) for e in errors]


def localize_report(report: Any, lang: Optional[str] = None) -> Any:
    """The report with its findings and errors in ``lang`` (a copy; the
    original keeps its messages)."""
    import dataclasses

    lang = lang or _current
    if lang == "en":
        return report
    return dataclasses.replace(
        report, findings=localize_findings(report.findings, lang), errors=localize_errors(report.errors, lang)
    )
