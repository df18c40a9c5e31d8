"""NL202 unbalanced-pair: a bracket or quote that is never closed, or never opened."""
from __future__ import annotations

import regex

from lint.text import lazy as _lazy

from lint import hookimpl
from lint import document as D
from lint.api import Check, Option
from lint.model import Related

_PAIRS = {"（": "）", "(": ")", "【": "】", "《": "》", "「": "」", "『": "』", "“": "”", "‘": "’",
          "〔": "〕", "〈": "〉", "[": "]", "〖": "〗", '"': '"'}
_CLOSE = {v: k for k, v in _PAIRS.items() if k != '"'}
_QUOTES = {"“", "‘", '"', "「", "『"}
_LATIN = _lazy(r"[\p{Latin}\p{N}]")
_SPACEISH = _lazy(r"[\s\p{Ps}\p{Pi}—–-]")
# list markers: "1)", "a)", "iv)", "A." at the start or after a separator
_LIST_CLOSER = _lazy(r"(?:^|(?<=[\s,;:，；：、]))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_REOPEN = _lazy(r"[.?!。？！…:：]\s*$")
_SMILEY = _lazy(r"[:;=8xX][-^'o]?$")
_NAMES = {"(": "parenthesis", ")": "parenthesis", "[": "bracket", "]": "bracket",
          '"': "quotation mark", "“": "quotation mark", "”": "quotation mark", "‘": "quotation mark", "’": "quotation mark",
          "「": "quotation mark", "」": "quotation mark", "『": "quotation mark", "』": "quotation mark",
          "《": "title mark", "》": "title mark", "（": "parenthesis", "）": "parenthesis",
          "【": "bracket", "】": "bracket", "〔": "bracket", "〕": "bracket", "〈": "title mark", "〉": "title mark",
          "〖": "bracket", "〗": "bracket"}


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ‘ used as an apostrophe: don’t, Xi’an, students’, ’90s, rock ’n’ roll."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if _LATIN.match(prev) and (_LATIN.match(nxt) or not nxt.isalnum()):
        return True  # don’t, Xi’an, students’
    if not prev.isalnum() and nxt.isdigit():
        return True  # ’90s, ‘90s
    if text[i + 1:i + 3] == "n’" or text[i - 1:i + 1] in (" ’",) and text[i + 1:i + 2] in ("n", "t", "e") and \
            text[i + 2:i + 3] in (" ", "i", "m"):
        return True  # ’n’, ’tis, ’em
    return False


_CANDIDATES = None


def _candidates():
    global _CANDIDATES
    if _CANDIDATES is None:
        chars = set(_PAIRS) | set(_CLOSE) | {'"', "’", "‘"}
        _CANDIDATES = regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")
    return _CANDIDATES


def _scan(text: str, straight: bool):
    """Unmatched openers (stack of (char, index)) and stray closers [(char, index)]."""
    stack: list[tuple[str, int]] = []
    stray: list[tuple[str, int]] = []
    n = len(text)
    for m in _candidates().finditer(text):  # only the characters that matter
        i, ch = m.start(), m.group()
        if ch == '"':
            if not straight:
                continue
            prev = text[i - 1] if i else " "
            if prev.isdigit():
                continue  # inches: 6'2"
            nxt = text[i + 1] if i + 1 < n else " "
            opening = (not stack or stack[-1][0] != '"') and (_SPACEISH.match(prev) or i == 0 or not nxt.isspace())
            if stack and stack[-1][0] == '"':
                if _REOPEN.search(text, 0, i) and not nxt.isspace():
                    stack[-1] = (ch, i)  # a quotation re-opened at a (collapsed) paragraph start
                    continue
                if (i == 0 or prev.isspace()) and nxt.isalnum() and i - stack[-1][1] > 1:
                    stack.append((ch, i))  # clearly opens: the open one before it was never closed
                    continue
                stack.pop()
            elif opening:
                stack.append((ch, i))
            else:
                stray.append((ch, i))
            continue
        if ch == "’" or ch == "‘":
            if _is_apostrophe(text, i):
                if ch == "’" and stack and stack[-1][0] == "‘" and not _LATIN.match(text[i + 1:i + 2] or " "):
                    stack.pop()  # ‘the students’ — closes the quote
                continue
        if ch in _PAIRS:
            if ch in "“「『" and stack and stack[-1][0] == ch and _REOPEN.search(text, 0, i):
                stack[-1] = (ch, i)  # re-opened at a (collapsed) paragraph start
                continue
            stack.append((ch, i))
        elif ch in _CLOSE:
            op = _CLOSE[ch]
            if stack and stack[-1][0] == op:
                stack.pop()
                continue
            if ch == ")" and stack and stack[-1][0] == "[" or ch == "]" and stack and stack[-1][0] == "(":
                # a half-open interval: [0, 1)  (0, 1]
                if regex.fullmatch(r"\s*-?[\d.]+\s*,\s*-?[\d.∞]+\s*", text[stack[-1][1] + 1:i]):
                    stack.pop()
                    continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == op), None)
            if depth is not None:
                stack[depth:] = [s for s in stack[depth + 1:]]  # the ones above stay unclosed
                continue
            before = text[max(0, i - 6):i]
            if ch == ")" and (_LIST_CLOSER.search(before) or _SMILEY.search(before)):
                continue
            if ch == "）" and regex.search(r"(?:^|(?<=[\s，；：、]))\d{1,3}$", before):
                continue
            stray.append((ch, i))
    return stack, stray


class UnbalancedPair(Check):
    """## What it does
    Flags a bracket, title mark or quotation mark that is opened and never
    closed, or closed and never opened, within a paragraph: （）()【】《》「」『』
    “”‘’ and straight double quotes. When a pair is opened at the end of one
    paragraph and closed at the start of the next, the paragraph break is almost
    certainly a broken wrap, and the message says so.

    Left alone: English (and Chinese) quotations running over several
    paragraphs, where a quote left open at the end of a paragraph is re-opened
    at the start of the next; apostrophes (don’t, Xi’an, students’, ’90s);
    list markers such as 1) a) (1); smileys :-) and half-open ranges [0, 1).

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
    """

    name = "unbalanced-pair"
    code = "NL202"
    summary = 'A bracket or quotation mark not closed, or not opened, within a paragraph.'
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
        blocks = [b for b in doc.blocks if b.text.strip() and b.kind != D.CODE]
        results = [_scan(b.text, straight) for b in blocks]
        n = len(blocks)
        consumed: set[tuple[int, int]] = set()  # (block idx, char offset) handled across a break
        for bi, b in enumerate(blocks):
            stack, stray = results[bi]
            found = 0
            nxt = blocks[bi + 1] if bi + 1 < n else None
            nxt_text = nxt.text.lstrip() if nxt else ""
            for ch, i in reversed(stack):
                if found >= cap:
                    break
                close = _PAIRS[ch]
                if nxt is not None and ch in _QUOTES and multi and nxt_text.startswith(ch):
                    continue  # a quotation running on: re-opened in the next paragraph
                # closed at the start of the next paragraph: a broken wrap
                if nxt is not None:
                    nstray = [(c, k) for c, k in results[bi + 1][1] if (bi + 1, k) not in consumed]
                    hit = next(((c, k) for c, k in nstray if c == close), None)
                    if hit is not None:
                        consumed.add((bi + 1, hit[1]))
                        ctx.report(b.start + i, nxt.start + hit[1] + 1,
                                   f"{ch} is opened here and {close} closes it only in the next paragraph: "
                                   f"the paragraph break falls inside the pair (a broken wrap?)",
                                   related=[Related(nxt.start + hit[1], nxt.start + hit[1] + 1, "closed here")])
                        found += 1
                        continue
                ctx.report(b.start + i, b.start + i + 1,
                           f"{ch} is never closed in this paragraph (missing {close})")
                found += 1
            for ch, i in stray:
                if found >= cap:
                    break
                if (bi, i) in consumed:
                    continue
                op = _CLOSE.get(ch, '"')
                ctx.report(b.start + i, b.start + i + 1, f"{ch} closes a {_NAMES[ch]} that was never opened (missing {op})")
                found += 1


@hookimpl
def newslint_register_checks():
    return [UnbalancedPair]
