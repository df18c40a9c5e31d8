"""NL202 unbalanced-pair: a bracket or quote that is never closed, or never opened."""

from __future__ import annotations

import regex

from lint import hookimpl
from lint.api import Check, Option
from lint.i18n import N_, _
from lint.lang.compiled import compile_regex
from lint.lang.text import lazy as _lazy
from lint.model import Related

_PAIRS = {
    "（": "）",
    "(": ")",
    "【": "】",
    "《": "》",
    "「": "」",
    "『": "』",
    "“": "”",
    "‘": "’",
    "〔": "〕",
    "〈": "〉",
    "[": "]",
    "〖": "〗",
    "«": "»",
    "‹": "›",
    '"': '"',
}
# the full-width and half-width forms of one bracket
_TWIN = {"（": "(", "(": "（"}
# what may follow a closing straight quote besides a space: punctuation, a closing bracket
_CLOSE_CONTEXT = _lazy(r"[\p{P}\p{Pe}\p{Pf}]")
_CLOSE = {v: k for k, v in _PAIRS.items() if k != '"'}
_QUOTES = {"“", "‘", '"', "「", "『", "«", "‹"}
_LATIN = _lazy(r"[\p{Latin}\p{N}]")
_SPACEISH = _lazy(r"[\s\p{Ps}\p{Pi}—–-]")
# list markers: "1)", "a)", "iv)", "A." at the start or after a separator
_LIST_CLOSER = _lazy(r"(?:^|(?<=[\s,;:，；：、]))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_REOPEN = _lazy(r"[.?!。？！…:：]\s*$")
_SMILEY = _lazy(r"[:;=8xX][-^'o]?$")
_NAMES = {
    "(": N_("parenthesis"),
    ")": N_("parenthesis"),
    "[": N_("bracket"),
    "]": N_("bracket"),
    '"': N_("quotation mark"),
    "“": N_("quotation mark"),
    "”": N_("quotation mark"),
    "‘": N_("quotation mark"),
    "’": N_("quotation mark"),
    "「": N_("quotation mark"),
    "」": N_("quotation mark"),
    "『": N_("quotation mark"),
    "』": N_("quotation mark"),
    "《": N_("title mark"),
    "》": N_("title mark"),
    "（": N_("parenthesis"),
    "）": N_("parenthesis"),
    "【": N_("bracket"),
    "】": N_("bracket"),
    "〔": N_("bracket"),
    "〕": N_("bracket"),
    "〈": N_("title mark"),
    "〉": N_("title mark"),
    "〖": N_("bracket"),
    "〗": N_("bracket"),
    "«": N_("guillemet"),
    "»": N_("guillemet"),
    "‹": N_("guillemet"),
    "›": N_("guillemet"),
}


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ‘ used as an apostrophe: don’t, Xi’an, students’, ’90s, rock ’n’ roll."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if _LATIN.match(prev) and (_LATIN.match(nxt) or not nxt.isalnum()):
        return True  # don’t, Xi’an, students’
    if not prev.isalnum() and nxt.isdigit():
        return True  # ’90s, ‘90s
    if (
        text[i + 1 : i + 3] == "n’"
        or text[i - 1 : i + 1] in (" ’",)
        and text[i + 1 : i + 2] in ("n", "t", "e")
        and text[i + 2 : i + 3] in (" ", "i", "m")
    ):
        return True  # ’n’, ’tis, ’em
    return False


_CANDIDATES = None


def _candidates():
    global _CANDIDATES
    if _CANDIDATES is None:
        chars = set(_PAIRS) | set(_CLOSE) | {'"', "’", "‘"}
        _CANDIDATES = compile_regex("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")
    return _CANDIDATES


def _scan(text: str, straight: bool):
    """Unmatched openers (stack of (char, index)) and stray closers [(char, index)]."""
    stack: list[tuple[str, int]] = []
    stray: list[tuple[str, int]] = []
    mismatched: list[tuple[int, str, int]] = []
    n = len(text)
    german = _german_guillemets(text)
    for m in _candidates().finditer(text):  # only the characters that matter
        i, ch = m.start(), m.group()
        if german and ch in "«»‹›":
            ch = {"«": "»", "»": "«", "‹": "›", "›": "‹"}[ch]  # »Zitat« opens with »
        if ch == '"':
            if not straight:
                continue
            prev = text[i - 1] if i else " "
            if prev.isdigit():
                continue  # inches: 6'2"
            nxt = text[i + 1] if i + 1 < n else " "
            # by position: an opening quote follows a space, a bracket or the
            # start; a closing one follows a letter, digit or punctuation and
            # precedes a space, punctuation or the end
            can_open = (i == 0 or bool(_SPACEISH.match(prev))) and not nxt.isspace()
            can_close = not prev.isspace() and (nxt.isspace() or i + 1 == n or bool(_CLOSE_CONTEXT.match(nxt)))
            if stack and stack[-1][0] == "“" and can_close and not can_open:
                stack.pop()  # “…" : mixed curly and straight quotes still pair
            elif stack and stack[-1][0] == '"':
                if can_close or not can_open:
                    stack.pop()
                elif _REOPEN.search(text, 0, i):
                    stack[-1] = (ch, i)  # a quotation re-opened at a (collapsed) paragraph start
                else:
                    stack.append((ch, i))  # clearly opens: the open one before it was never closed
            elif can_open or not can_close:
                stack.append((ch, i))
            else:
                stray.append((ch, i))
            continue
        if ch == "’" or ch == "‘":
            if _is_apostrophe(text, i):
                if ch == "’" and stack and stack[-1][0] == "‘" and not _LATIN.match(text[i + 1 : i + 2] or " "):
                    stack.pop()  # ‘the students’ — closes the quote
                continue
        if ch in _PAIRS:
            if ch in "“「『" and stack and stack[-1][0] == ch and _REOPEN.search(text, 0, i):
                stack[-1] = (ch, i)  # re-opened at a (collapsed) paragraph start
                continue
            stack.append((ch, i))
        elif ch in _CLOSE:
            op = _CLOSE[ch]
            if stack and (stack[-1][0] == op or ch == "”" and stack[-1][0] == '"'):
                stack.pop()  # (a straight quote closed by a curly one still pairs)
                continue
            if stack and _TWIN.get(stack[-1][0]) == op:
                mismatched.append((stack.pop()[1], ch, i))  # （…) or (…）: closed by the other width
                continue
            if ch == ")" and stack and stack[-1][0] == "[" or ch == "]" and stack and stack[-1][0] == "(":
                # a half-open interval: [0, 1)  (0, 1]
                if regex.fullmatch(r"\s*-?[\d.]+\s*,\s*-?[\d.∞]+\s*", text[stack[-1][1] + 1 : i]):
                    stack.pop()
                    continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == op), None)
            if depth is not None:
                stack[depth:] = [s for s in stack[depth + 1 :]]  # the ones above stay unclosed
                continue
            before = text[max(0, i - 6) : i]
            if ch == ")" and (_LIST_CLOSER.search(before) or _SMILEY.search(before)):
                continue
            if ch == "）" and regex.search(r"(?:^|(?<=[\s，；：、]))\d{1,3}$", before):
                continue
            stray.append((ch, i))
    return stack, stray, mismatched


def _german_guillemets(text: str) -> bool:
    """German and Danish quote »so« (» opens): both appear and the first is a »."""
    if "«" not in text or "»" not in text:
        return False
    # German sets them tight (»Wort … Wort«); separators and French quotes have spaces
    return text.index("»") < text.index("«") and bool(_GERMAN.search(text))


# guillemets also serve as arrows in web copy: "Read more »", "Home › News",
# "« Previous". A stray closing one is never reported, an opening one only
# when a sentence follows it.
_ARROW_LIKE = {"»", "›", "«", "‹"}
_GERMAN = _lazy(r"»[\p{L}\p{N}][^«»]*[\p{L}\p{N}.!?,]«")
_QUOTED_SENTENCE = _lazy(r"\s*\S+\s+\S+\s+\S+")


class UnbalancedPair(Check):
    """## What it does
    Flags a bracket, title mark or quotation mark that is opened and never
    closed, or closed and never opened, within a paragraph: （）()【】《》「」『』
    〈〉“”‘’, guillemets « » ‹ › and straight double quotes, and a full-width
    bracket closed by a half-width one (（…) or (…）). When a pair is opened
    at the end of one paragraph and closed at the start of the next, the
    paragraph break is almost certainly a broken wrap, and the message says so.

    Straight double quotes are paired by position: an opening one follows a
    space, a bracket or the start of a line; a closing one follows a letter, a
    digit or punctuation and comes before a space, punctuation or the end
    (`He said "Hello World!".`). A straight quote and a curly one still pair.
    German quotes (»so«) are read the other way round.

    Left alone: code spans, code blocks, autolinks and URLs (not copy: see
    ``Document.copy_text``); English (and Chinese) quotations running over
    several paragraphs, where a quote left open at the end of a paragraph is
    re-opened at the start of the next; apostrophes (don’t, Xi’an, students’,
    ’90s); list markers such as 1) a) (1); smileys :-) and half-open ranges
    [0, 1); guillemets used as arrows (`Read more »`, `Home › News`,
    `« Previous`).

    ## Why is this bad?
    A lone bracket or quote leaves the reader unsure where a quotation or an
    aside ends. It is usually the trace of an edit that deleted half the pair,
    or of a paragraph broken in two.

    ## Example
    ```
    会议审议通过了《关于加强城市公园建设的意见，要求各地加快推进。
    ```
    ```
    “We will open the park in June, the mayor said.
    ```
    ```
    The council (which met on Tuesday approved the plan.
    ```
    ```
    Paul a dit : « Je viendrai demain.
    ```

    ## Fix safety
    No fix: only the writer knows where the pair should close.
    """

    name = "unbalanced-pair"
    code = "NL202"
    summary = N_("A bracket or quotation mark not closed, or not opened, within a paragraph.")
    severity = "warning"
    options = {
        "straight-quotes": True,
        "multi-paragraph-quotes": True,
        "max-findings-per-paragraph": Option(3, min=1),
    }

    def check(self, doc, ctx):
        straight = bool(self.options["straight-quotes"])
        multi = bool(self.options["multi-paragraph-quotes"])
        cap = int(self.options["max-findings-per-paragraph"])
        blocks = [b for b in doc.blocks if b.text.strip()]
        n = len(blocks)
        consumed: set[tuple[int, int]] = set()  # (block idx, char offset) handled across a break

        def scan(i: int):
            return _scan(doc.copy_slice(blocks[i].start, blocks[i].end), straight)  # code spans and URLs masked

        # each block is scanned once, as the block after the one before it: two
        # blocks' scans are kept at a time, not the whole document's
        nothing: tuple = ([], [], [])
        following = scan(0) if n else nothing
        for bi, b in enumerate(blocks):
            stack, stray, mismatched = following
            following = scan(bi + 1) if bi + 1 < n else nothing
            found = 0
            for i, ch, k in mismatched:
                op = b.text[i] if i < len(b.text) else ch
                ctx.report(
                    b.start + i,
                    b.start + i + 1,
                    _(
                        "{open} is closed by {close}, the other width of the bracket (use {right})",
                        open=op,
                        close=ch,
                        right=_PAIRS[op],
                    ),
                    related=[Related(b.start + k, b.start + k + 1, _("closed here"))],
                )
                found += 1
            nxt = blocks[bi + 1] if bi + 1 < n else None
            nxt_text = nxt.text.lstrip() if nxt else ""
            for ch, i in reversed(stack):
                if found >= cap:
                    break
                if ch in _ARROW_LIKE and not _QUOTED_SENTENCE.match(b.text, i + 1):
                    continue  # "« Previous": an arrow, not a quotation
                close = _PAIRS[ch]
                if nxt is not None and ch in _QUOTES and multi and nxt_text.startswith(ch):
                    continue  # a quotation running on: re-opened in the next paragraph
                # closed at the start of the next paragraph: a broken wrap
                if nxt is not None:
                    nstray = [(c, k) for c, k in following[1] if (bi + 1, k) not in consumed]
                    hit = next(((c, k) for c, k in nstray if c == close), None)
                    if hit is not None:
                        consumed.add((bi + 1, hit[1]))
                        ctx.report(
                            b.start + i,
                            nxt.start + hit[1] + 1,
                            _(
                                "{open} is opened here and {close} closes it only in the next paragraph: "
                                "the paragraph break falls inside the pair (a broken wrap?)",
                                open=ch,
                                close=close,
                            ),
                            related=[Related(nxt.start + hit[1], nxt.start + hit[1] + 1, _("closed here"))],
                        )
                        found += 1
                        continue
                ctx.report(
                    b.start + i,
                    b.start + i + 1,
                    _("{open} is never closed in this paragraph (missing {close})", open=ch, close=close),
                )
                found += 1
            for ch, i in stray:
                if found >= cap:
                    break
                if ch in _ARROW_LIKE:
                    continue  # "Read more »", "Home › News"
                if (bi, i) in consumed:
                    continue
                op = _CLOSE.get(ch, '"')
                ctx.report(
                    b.start + i,
                    b.start + i + 1,
                    _(
                        "{close} closes a {name} that was never opened (missing {open})",
                        close=ch,
                        name=_(_NAMES[ch]),
                        open=op,
                    ),
                )
                found += 1


@hookimpl
def newslint_register_checks():
    return [UnbalancedPair]
