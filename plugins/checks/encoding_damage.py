"""NL203 encoding-damage: replacement characters, mojibake, control and invisible characters."""

from __future__ import annotations

import bisect
import unicodedata

from lint import hookimpl
from lint.api import Check
from lint.i18n import N_, _, ngettext
from lint.lang.text import lazy as _lazy
from lint.model import Fix

_FFFD_CHARS = r"\uFFFD"
# C0 controls except tab and newline (CR is normalised away), DEL, C1 controls
_CONTROL_CHARS = r"\x00-\x08\x0B-\x0C\x0E-\x1F\x7F\x80-\x9F"
_ZW_CHARS = r"\u200B\u2060\u00AD\uFEFF\u180E"  # ZWSP, word joiner, soft hyphen, BOM, Mongolian vowel separator
_ZWJ_CHARS = r"\u200C\u200D"
_BIDI_CHARS = r"\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C"
_FFFD = _lazy(rf"[{_FFFD_CHARS}]+")
_CONTROL = _lazy(rf"[{_CONTROL_CHARS}]+")
_ZW = _lazy(rf"[{_ZW_CHARS}]+")
_ZWJ = _lazy(rf"[{_ZWJ_CHARS}]+")
_BIDI = _lazy(rf"[{_BIDI_CHARS}]+")
# any of them: one scan tells whether a text needs the five (clean copy has none)
_ANY_MARKED = _lazy(f"[{_FFFD_CHARS}{_CONTROL_CHARS}{_ZW_CHARS}{_ZWJ_CHARS}{_BIDI_CHARS}]")
_RTL = _lazy(r"[\p{Hebrew}\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}]")
# scripts where ZWJ/ZWNJ shape letters (Indic, Arabic, Persian, Sinhala, ...) and emoji
_JOINING = _lazy(
    r"[\p{Arabic}\p{Syriac}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}"
    r"\p{Kannada}\p{Malayalam}\p{Sinhala}\p{Khmer}\p{Myanmar}\p{Tibetan}\p{Mongolian}\p{Extended_Pictographic}"
    r"\p{Emoji_Modifier}\p{Emoji_Component}\uFE0F]"
)
# Where mojibake may be: UTF-8 read in a single-byte code page turns every
# character outside ASCII into a lead byte's character followed by one or more
# continuation bytes' characters, so mojibake always holds such a pair in one
# code page: "Ã©" (é in Windows-1252/Latin-1), "â€œ" (“), "√©" (é in
# MacRoman), "Ð¿" (п read as Latin-1), "Рї" (п in Windows-1251). A lead
# character before a space is kept too ("Ã " is à whose no-break space was
# lost, which ftfy restores), and so is a C1 control character (Windows-1252
# read as Latin-1: U+0097 for an em dash). The pairs are read from the code
# pages themselves. A line with no such pair (curly quotes, dashes, "£5", "café",
# "Zürich", "·") has nothing ftfy could repair, and never loads it.
_MOJI_CODECS = (("cp1252", "latin-1"), ("mac-roman",), ("cp1251",))


def _byte_chars(codecs: tuple[str, ...], first: int, last: int) -> str:
    chars = set()
    for codec in codecs:
        for b in range(first, last + 1):
            try:
                chars.add(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(chars))


def _moji_pattern() -> str:
    import regex

    pairs = []
    leads: set[str] = set()
    for codecs in _MOJI_CODECS:
        lead = _byte_chars(codecs, 0xC2, 0xF4)
        cont = _byte_chars(codecs, 0x80, 0xBF)
        pairs.append(f"[{regex.escape(lead)}][{regex.escape(cont)}]")
        leads.update(lead)
    # (the lookahead names every character a candidate starts with, so a search
    # skips other positions at once: 2.7x faster over copy with none)
    first = regex.escape("".join(sorted(leads | {"\u00c2", "\u00c3"})))
    return f"(?=[{first}\u0080-\u009f])(?:" + "|".join(pairs) + "|[\u00c2\u00c3] |[\u0080-\u009f])"


_MOJI_CANDIDATE = _lazy(_moji_pattern())
_NAMES = {
    "\u200b": N_("zero-width space"),
    "\u2060": N_("word joiner"),
    "\u00ad": N_("soft hyphen"),
    "\ufeff": N_("byte-order mark"),
    "\u180e": N_("Mongolian vowel separator"),
    "\u200c": N_("zero-width non-joiner"),
    "\u200d": N_("zero-width joiner"),
}


def _ftfy():
    try:
        import ftfy  # noqa: F401 - imported lazily: start-up stays fast
        from ftfy import badness
    except ImportError:  # pragma: no cover - ftfy is a dependency
        return None, None
    return ftfy, badness


def _name(ch: str) -> str:
    known = _NAMES.get(ch)
    return _(known) if known else unicodedata.name(ch, f"U+{ord(ch):04X}")


def _ctl_name(ch: str) -> str:
    if ch == "\x00":
        return "NUL"
    return f"U+{ord(ch):04X}"


class EncodingDamage(Check):
    """## What it does
    Flags text damaged by a wrong encoding or a careless copy: U+FFFD
    replacement characters (�), mojibake (UTF-8 read as Latin-1 or Windows-1252:
    `cafÃ©`, `â€œquotedâ€`, `æ·±åœ³`), NUL and other control characters, and
    invisible characters in running text: zero-width space, word joiner, soft
    hyphen, a byte-order mark in the middle of the text, bidirectional controls in
    left-to-right copy, and zero-width (non-)joiners outside the scripts and emoji
    sequences that need them.

    Mojibake is detected and repaired with the ftfy library.

    ## Why is this bad?
    The characters the writer typed are gone or garbled (� cannot be
    repaired; mojibake can); invisible characters break search, word counts and
    line breaking, and bidi controls can reorder what the reader sees.

    ## Example
    ```
    深圳地铁将设立头等车厢，买双倍票可享坐�
    The cafÃ© reopened on Monday.
    The mayor said<U+200B> the plan was final.   (an invisible zero-width space)
    ```
    Fixes: removing a zero-width space, word joiner, soft hyphen, stray BOM or
    control character is safe; ftfy's repair of mojibake and removing bidi
    controls or joiners are unsafe (check them).
    """

    name = "encoding-damage"
    code = "NL203"
    summary = N_("Replacement characters, mojibake, control characters and invisible characters.")
    severity = "error"
    options = {
        "mojibake": True,
        "control": True,
        "invisible": True,
        "bidi": True,
    }

    def check(self, doc, ctx):
        text = doc.text
        opts = self.options
        spans: list[tuple[int, int]] = self._mojibake(doc, ctx) if opts["mojibake"] else []
        if not _ANY_MARKED.search(text):
            return  # none of the characters the checks below look for
        starts = [a for a, _ in spans]

        def in_moji(i: int) -> bool:
            k = bisect.bisect_right(starts, i) - 1
            return k >= 0 and spans[k][0] <= i < spans[k][1]

        for m in _FFFD.finditer(text):
            k = m.end() - m.start()
            times = f" ×{k}" if k > 1 else ""
            ctx.report(
                m.start(),
                m.end(),
                _(
                    "Replacement character U+FFFD{times}: the original characters were lost when the text was decoded",
                    times=times,
                ),
            )
        if opts["control"]:
            for m in _CONTROL.finditer(text):
                s = m.group()
                if in_moji(m.start()):
                    continue  # part of a mojibake run: reported with its repair
                names = ", ".join(dict.fromkeys(_ctl_name(c) for c in s))
                page = s in ("\x0c", "\x0b")
                ctx.report(
                    m.start(),
                    m.end(),
                    ngettext(
                        "Control character {names} in the text",
                        "Control characters {names} in the text",
                        len(s),
                        names=names,
                    ),
                    fix=Fix.delete(m.start(), m.end(), _("Remove the control character"), "unsafe" if page else "safe"),
                )
        if opts["invisible"]:
            for m in _ZW.finditer(text):
                s = m.group()
                if m.start() == 0 and s == "\ufeff" or in_moji(m.start()):
                    continue  # a leading BOM is the encoding's business
                ctx.report(
                    m.start(),
                    m.end(),
                    _("Invisible {name} in the text", name=_name(s[0])),
                    fix=Fix.delete(m.start(), m.end(), _("Remove the {name}", name=_name(s[0])), "safe"),
                )
            for m in _ZWJ.finditer(text):
                a = text[max(0, m.start() - 1) : m.start()]
                b = text[m.end() : m.end() + 1]
                if _JOINING.match(a or " ") or _JOINING.match(b or " "):
                    continue  # emoji sequences, Indic and Arabic-script shaping: legitimate
                ctx.report(
                    m.start(),
                    m.end(),
                    _("Invisible {name} in the text", name=_name(m.group()[0])),
                    fix=Fix.delete(m.start(), m.end(), _("Remove the {name}", name=_name(m.group()[0])), "unsafe"),
                )
        if opts["bidi"]:
            for m in _BIDI.finditer(text):
                ls = text.rfind("\n", 0, m.start()) + 1
                le = text.find("\n", m.end())
                le = len(text) if le < 0 else le
                if _RTL.search(text, ls, le):
                    continue  # right-to-left text needs them
                ctx.report(
                    m.start(),
                    m.end(),
                    _("Bidirectional control {name} in left-to-right text", name=_name(m.group()[0])),
                    fix=Fix.delete(m.start(), m.end(), _("Remove the bidirectional control"), "unsafe"),
                )

    def _mojibake(self, doc, ctx) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        text = doc.text
        if not _MOJI_CANDIDATE.search(text):
            return spans  # nothing ftfy could repair: skip the import
        ftfy, badness = _ftfy()
        if ftfy is None:
            return spans
        start = 0
        n = len(text)
        while start <= n:
            end = text.find("\n", start)
            if end < 0:
                end = n
            line = text[start:end]
            if line and _MOJI_CANDIDATE.search(line) and badness.is_bad(line):
                fixed = ftfy.fix_encoding(line)
                if fixed != line:
                    # tighten the span to the part that changed
                    p = 0
                    lim = min(len(line), len(fixed))
                    while p < lim and line[p] == fixed[p]:
                        p += 1
                    q = 0
                    while q < lim - p and line[-1 - q] == fixed[-1 - q]:
                        q += 1
                    a, b = start + p, end - q
                    repl = fixed[p : len(fixed) - q]
                    shown = repl if len(repl) <= 20 else repl[:20] + "…"
                    ctx.report(
                        a,
                        max(b, a + 1),
                        _("Mojibake (text decoded with the wrong encoding): should read: {text}", text=shown),
                        fix=Fix.replace(a, b, repl, _("Repair the mojibake (ftfy)"), "unsafe"),
                    )
                    spans.append((a, max(b, a + 1)))
            start = end + 1
        return spans


@hookimpl
def newslint_register_checks():
    return [EncodingDamage]
