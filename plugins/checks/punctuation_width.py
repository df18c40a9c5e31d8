"""NL208 punctuation-width: half-width punctuation in Chinese text, full-width in English."""

from __future__ import annotations

import regex

from lint import hookimpl
from lint.api import Check
from lint.doc import document as D
from lint.i18n import N_, _
from lint.lang.text import lazy as _lazy
from lint.lang.text import rx
from lint.model import Edit, Fix

_SKIP_KINDS = {D.BOILERPLATE}

# spans inside which punctuation belongs to something else: URLs, e-mail
# addresses, domain and file names, inline code, times and numbers
_EXEMPT = _lazy(
    r"(?:(?:https?|ftp)://|www\.)[^\s\p{Han}，。；：？！（）“”《》]*[^\s\p{Han}，。；：？！（）“”《》,.;:!?)]"
    r"|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"
    r"|`[^`\n]+`"
    r"|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:com|cn|org|net|gov|edu|int|io|uk|jp|hk|tw|info|txt|pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|html?|zip|csv|json|xml|py|mp[34])(?![A-Za-z0-9_])"
    r"|\d[\d,.:]*\d"
    r"|\.{2,}|…+",
    regex.I,
)

# Chinese context: Han characters and full-width punctuation and quotes
_CJK = _lazy(r"[\p{Han}，。、；：？！（）《》「」『』【】“”‘’…—]")
_LATIN = _lazy(r"[A-Za-z0-9]")
_HALF = ",.;:?!()"
_TO_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_FULL = "，。；：？！（）"
_TO_HALF = {"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"}
_FW_ALNUM = _lazy(r"[Ａ-Ｚａ-ｚ０-９][Ａ-Ｚａ-ｚ０-９．，％]*[Ａ-Ｚａ-ｚ０-９]|[Ａ-Ｚａ-ｚ０-９]")
_FW_SPACE = " \t\u3000"
# blocks without any candidate mark are skipped before the (costlier) masking
_HALF_RE = _lazy(r"[,.;:?!()]")
_FULL_RE = _lazy(r"[，。；：？！（）]")


def _prev_char(s: str, i: int) -> tuple[str, int]:
    j = i - 1
    while j >= 0 and s[j] in " \t":
        j -= 1
    return (s[j], j) if j >= 0 else ("", -1)


def _next_char(s: str, i: int) -> tuple[str, int]:
    j = i + 1
    while j < len(s) and s[j] in " \t":
        j += 1
    return (s[j], j) if j < len(s) else ("", len(s))


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


class PunctuationWidth(Check):
    """## What it does
    Flags half-width punctuation , . ; : ? ! ( ) in Chinese text (他说,明天出发.
    → 他说，明天出发。) and full-width punctuation ，。；：？！（） in English text
    (The council voted，then adjourned。).

    Exempt: numbers, times and decimals (3.5, 1,000, 12:30), URLs, e-mail
    addresses, domain and file names, inline code, ellipses (... …),
    abbreviations and Latin names inside Chinese text (U.S.、Yahoo!、iPhone 15 Pro),
    and Chinese inside English text. In Chinese text, a half-width , ; : next to
    a Latin word is flagged only when it separates Chinese clauses; ? ! . only
    after Chinese. Brackets around purely Latin or numeric content inside
    Chinese text, as in 高能同步辐射光源(HEPS) or (2025), are commonly
    half-width in real copy and are left alone; brackets holding Chinese are
    flagged as a pair. Full-width punctuation inside a title such as
    《Project X：星际友好计划》 is Chinese punctuation in Chinese text and is
    correct.

    Optionally (off by default) flags full-width letters and digits
    (ＶＩＰ、２０１２), which Chinese style guides write half-width.

    The fix converts the punctuation (and drops the space that followed a
    half-width comma in Chinese, or adds one after a converted mark in English).
    It is safe when the mark sits between Chinese characters (or between
    English words), unsafe when one side is Latin text inside Chinese.

    ## Why is this bad?
    Chinese text takes full-width punctuation and English half-width (GB/T
    15834, every English style guide). Mixed widths come from typing in the
    wrong input mode or from conversion, and look broken in print: a half-width
    comma is cramped among Chinese characters; a full-width one leaves a hole in
    an English line.

    ## Example
    ```text
    市政府表示,新公园将于5月开放(首期).
    The park opens in May（phase one）。
    ```
    Use instead:
    ```text
    市政府表示，新公园将于5月开放（首期）。
    The park opens in May (phase one).
    ```
    """

    name = "punctuation-width"
    code = "NL208"
    summary = N_("Flags half-width punctuation in Chinese text and full-width punctuation in English text.")
    severity = "info"
    options = {
        "chinese": True,
        "english": True,
        "latin-brackets-in-chinese": False,
        "full-width-alphanumerics": False,
    }

    def check(self, doc, ctx):
        o = self.options
        for b in doc.blocks:
            if b.kind in _SKIP_KINDS:
                continue
            s = doc.copy_slice(b.start, b.end)  # code spans and URLs masked
            if b.lang == "zh":
                if o["chinese"] and _HALF_RE.search(s):
                    self._chinese(b, s, _mask(s), ctx)
                if o["full-width-alphanumerics"]:
                    for m in _FW_ALNUM.finditer(s):
                        a, e = b.start + m.start(), b.start + m.end()
                        rep = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
                        ctx.report(
                            a,
                            e,
                            _("Full-width letters or digits {text!r}: write {rep!r}", text=m.group(), rep=rep),
                            fix=Fix.replace(a, e, rep, _("Convert to half-width")),
                        )
            elif b.lang == "en" and o["english"] and _FULL_RE.search(s):
                self._english(b, s, _mask(s), ctx)

    # --- Chinese text: half-width marks --------------------------------------
    def _chinese(self, b, s, masked, ctx):
        pairs = _bracket_pairs(masked)
        done: set[int] = set()
        for i, ch in enumerate(masked):
            if ch not in _HALF or i in done:
                continue
            p, pi = _prev_char(s, i)
            n, ni = _next_char(s, i)
            if ch in "()":
                j = pairs.get(i)
                if j is not None:
                    done.add(j)
                    lo, hi = min(i, j), max(i, j)
                    inner = s[lo + 1 : hi]
                    if not rx(r"\p{Han}").search(inner) and not self.options["latin-brackets-in-chinese"]:
                        continue
                    if not rx(r"\p{Han}").search(inner) and not (
                        _is_cjk(_prev_char(s, lo)[0]) or _is_cjk(_next_char(s, hi)[0])
                    ):
                        continue
                    edits = (Edit(b.start + lo, b.start + lo + 1, "（"), Edit(b.start + hi, b.start + hi + 1, "）"))
                    ctx.report(
                        b.start + lo,
                        b.start + hi + 1,
                        _("Half-width brackets ( ) in Chinese text: use （）"),
                        fix=Fix(_("Convert to full-width brackets"), edits, "safe"),
                    )
                    continue
                # a lone bracket: flag only with Chinese on the inside
                inside = n if ch == "(" else p
                if not _is_cjk(inside):
                    continue
                full = _TO_FULL[ch]
                ctx.report(
                    b.start + i,
                    b.start + i + 1,
                    _("Half-width {char} in Chinese text: use {full}", char=ch, full=full),
                    fix=Fix.replace(b.start + i, b.start + i + 1, full, _("Convert to {char}", char=full), "unsafe"),
                )
                continue
            p_cjk, n_cjk = _is_cjk(p), _is_cjk(n)
            n_lat = bool(n) and bool(_LATIN.match(n))
            if ch in ".?!":
                # after Chinese only (U.S. Yahoo! C++? stay); "." must end a sentence
                if p.isdigit() and ch == "." and (not n or _is_cjk(n)):
                    # 时间是12:30. / 共3. : a number ending a Chinese sentence (not a list marker 1.)
                    k = pi
                    while k >= 0 and (s[k].isdigit() or s[k] in ".,:"):
                        k -= 1
                    if k < 0 or not _is_cjk(s[k]):
                        continue
                    p_cjk = True
                elif not p_cjk or p in "“‘（《「『【":
                    continue
                if ch == "." and n_lat and not n.isupper():
                    continue
            else:  # , ; :
                if not (p_cjk or n_cjk):
                    continue
                if p in "“‘（《「『【" and not n_cjk:
                    continue
            safe = (p_cjk or not p) and (n_cjk or not n or ch in ".?!" and not n_lat)
            full = _TO_FULL[ch]
            # the half-width space typed after the mark (or before it) goes too
            a, e = i, i + 1
            if n_cjk or not n:
                e = ni if ni > i + 1 and (n_cjk or not n) else e
            if p_cjk and pi < i - 1:
                a = pi + 1
            ctx.report(
                b.start + a,
                b.start + e,
                _("Half-width {char} in Chinese text: use {full}", char=ch, full=full),
                fix=Fix.replace(
                    b.start + a, b.start + e, full, _("Convert to {char}", char=full), "safe" if safe else "unsafe"
                ),
            )

    # --- English text: full-width marks --------------------------------------
    def _english(self, b, s, masked, ctx):
        for i, ch in enumerate(masked):
            if ch not in _FULL:
                continue
            p = s[i - 1] if i else ""
            n = s[i + 1] if i + 1 < len(s) else ""
            if (p and rx(r"\p{Han}").match(p)) or (n and rx(r"\p{Han}").match(n)):
                continue  # Chinese quoted inside English copy
            half = _TO_HALF[ch]
            rep = half
            if ch == "（" and p and not p.isspace() and p not in "([“\"'":
                rep = " " + half
            elif ch != "（" and n and (n.isalnum() or n in "“‘"):
                rep = half + " "
            ctx.report(
                b.start + i,
                b.start + i + 1,
                _("Full-width {char} in English text: use {half}", char=ch, half=half),
                fix=Fix.replace(b.start + i, b.start + i + 1, rep, _("Convert to {char}", char=half)),
            )


def _mask(s: str) -> str:
    """``s`` with exempt spans (URLs, numbers, ...) blanked out, same length."""
    return _EXEMPT.sub(lambda m: "\x00" * len(m.group()), s)


def _bracket_pairs(s: str) -> dict[int, int]:
    """Matching half-width ( ) in ``s``, both ways."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(s):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            out[i] = j
            out[j] = i
    return out


@hookimpl
def newslint_register_checks():
    return [PunctuationWidth]
