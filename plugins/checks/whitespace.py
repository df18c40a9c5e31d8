"""NL206 whitespace: stray whitespace in copy."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Check
from lint.doc import document as D
from lint.i18n import _
from lint.lang import patterns as P
from lint.lang import text as T
from lint.lang.text import lazy as _lazy
from lint.lang.text import rx
from lint.model import Fix

# kinds where spaces separate items by house style (names in a byline, parts of a headline)
_LAYOUT_KINDS = {D.HEADLINE, D.SUBHEAD, D.BYLINE, D.DATELINE, D.CAPTION, D.CREDIT, D.SIGNOFF, D.BOILERPLATE, D.LIST}

# the blanks a line may start or end with: space, tab, full-width space, no-break space
_BLANKS = " \t\u3000\u00a0"
_TRAILING = _lazy(f"[{_BLANKS}]+$")
_WS_ONLY = _lazy(f"^[{_BLANKS}\f\v]+$")
_LEADING = _lazy(f"^[{_BLANKS}]*")
_SPACE_RUN = _lazy(r"(?<=\S) {2,}(?=\S)")
_TAB = _lazy(r"(?<=\S)[ ]*\t[ \t]*(?=\S)")
_FW_SPACE = _lazy(r"(?<=\S)\u3000+(?=\S)")
# the head of a Chinese paragraph where 　 separates agency, reporters and the story:
# 南都讯　记者张三　李四　继…, 本报讯（记者刘某）　“…, ［提要］　…
_ZH_HEAD_SEG = _lazy(r"(?:讯|电|消息|[）)】］\]])$")
# a 　 between the names of a byline or credit, anywhere: 文／记者张三　实习生李四　（来源：…）
_ZH_CREDIT_SEG = _lazy(r"(?:记者|通讯员|实习生|文[／/]|作者[：:])\S{0,12}$")
_ZH_NEXT = _lazy(r"^(?:[（(]?(?:记者|通讯员|实习生|来源|编辑|责任编辑|摄影|图|文[／/]|作者))")
_SENT_END_EN = _lazy(r"[.!?][\"'”’)\]]*$")


class Whitespace(Check):
    """## What it does
    Flags stray whitespace: lines that hold only spaces or tabs, trailing
    whitespace at the end of a line, runs of two or more spaces inside running
    text, tabs inside a line, and full-width spaces (U+3000 　) inside running
    text.

    House style is left alone: the indent at the start of a paragraph (spaces,
    a tab or 　　 before a Chinese paragraph, the indented paragraphs of wire
    copy), 　 as the separator in a headline (深圳地铁将设立头等车厢　买票可享坐票),
    in a byline or dateline (南都讯　记者张三　李四　…), and the two trailing
    spaces that make a hard line break in Markdown. Code is not checked.

    Each kind of whitespace can be switched off with its option. Removing a
    whitespace-only line's content and trailing whitespace is a safe fix;
    collapsing a run of spaces is safe; replacing tabs and full-width spaces is
    unsafe (they may separate columns or items).

    ## Why is this bad?
    Stray whitespace is residue of layout, PDF or CMS conversion. It shows up as
    gaps in print and on the web, breaks search and diffs, and hides real
    damage: a line of spaces looks like a paragraph break, and a 　 in the
    middle of a Chinese sentence reads as a missing word.

    ## Example
    ```text
    市政府今天发布通知，　要求各区加快推进公园建设。
    The council voted  on Tuesday to close the bridge.␠␠␠
    ```
    (␠ marks a trailing space.) Use instead:
    ```text
    市政府今天发布通知，要求各区加快推进公园建设。
    The council voted on Tuesday to close the bridge.
    ```
    """

    name = "whitespace"
    code = "NL206"
    severity = "info"
    options = {
        "whitespace-only-lines": True,
        "trailing": True,
        "space-runs": True,
        "after-sentence": True,
        "tabs": True,
        "full-width-spaces": True,
    }

    def check(self, doc, ctx):
        o = self.options
        copy = doc.copy_slice  # code spans and URLs masked
        markdown = doc.reader == "markdown"
        indented = doc.convention == D.INDENTED
        seen_lines: set[int] = set()

        # whitespace-only lines between blocks (plain text only: Markdown has code blocks)
        if o["whitespace-only-lines"] and not markdown:
            for ln in doc.lines():
                s = copy(ln.start, ln.end)
                if s and _WS_ONLY.match(s):
                    seen_lines.add(ln.number)
                    ctx.report(
                        ln.start,
                        ln.end,
                        _("Line holds only whitespace"),
                        fix=Fix.delete(ln.start, ln.end, _("Make the line empty")),
                    )

        first = next((b for b in doc.blocks if b.text.strip()), None)
        for b in doc.blocks:
            layout = b.kind in _LAYOUT_KINDS or (
                first is not None  # (b is never None)
                and b is first
                and b.line_count == 1
                and len(b.text.strip()) <= 60
                and not T.ends_sentence(b.text)
            )
            for li, ln in enumerate(b.lines):
                if ln.number in seen_lines:
                    continue
                s = copy(ln.start, ln.end)
                if not s:
                    continue
                # (each search runs only when the line holds what it looks for: most lines hold none)
                # ("\n": $ matches before a final newline too)
                if o["trailing"] and (s[-1] in _BLANKS or s[-1] == "\n"):
                    m = _TRAILING.search(s)
                    if m and m.start() > 0:
                        trail = m.group()
                        if not (markdown and rx(r" {2,}").fullmatch(trail)):
                            a, e = ln.start + m.start(), ln.start + m.end()
                            ctx.report(
                                a,
                                e,
                                _("Trailing whitespace"),
                                fix=Fix.delete(a, e, _("Remove the trailing whitespace")),
                            )
                            s = s[: m.start()]
                lead = _LEADING.match(s).end()
                if o["space-runs"] and not layout and "  " in s:
                    for m in _SPACE_RUN.finditer(s, lead):
                        if not o["after-sentence"] and _SENT_END_EN.search(s, 0, m.start()):
                            continue
                        a, e = ln.start + m.start(), ln.start + m.end()
                        ctx.report(
                            a,
                            e,
                            _("Run of {n} spaces inside the text", n=e - a),
                            fix=Fix.replace(a, e, " ", _("Collapse to one space")),
                        )
                if o["tabs"] and "\t" in s:
                    for m in _TAB.finditer(s, lead):
                        a, e = ln.start + m.start(), ln.start + m.end()
                        ctx.report(
                            a,
                            e,
                            _("Tab inside the text"),
                            fix=Fix.replace(a, e, " ", _("Replace with one space"), applicability="unsafe"),
                        )
                if o["full-width-spaces"] and not layout and not indented and "\u3000" in s:
                    for m in _FW_SPACE.finditer(s, lead):
                        if self._zh_separator(s, m.start(), m.end(), li == 0):
                            continue
                        a, e = ln.start + m.start(), ln.start + m.end()
                        before, after = s[m.start() - 1], s[m.end()]
                        rep = (
                            " "
                            if (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())
                            else ""
                        )
                        ctx.report(
                            a,
                            e,
                            _("Full-width space (U+3000) inside running text"),
                            fix=Fix.replace(
                                a,
                                e,
                                rep,
                                _("Remove the full-width space") if not rep else _("Replace with a space"),
                                applicability="unsafe",
                            ),
                        )

    @staticmethod
    def _zh_separator(s: str, start: int, end: int, first_line: bool) -> bool:
        """A 　 separating the agency, reporters or a marker at the head of a
        Chinese paragraph (before the first clause punctuation), or the names of
        a byline or credit anywhere."""
        head = s[:start]
        seg = rx(r"\u3000+").split(head)[-1]
        if _ZH_NEXT.match(s[end:]) or _ZH_CREDIT_SEG.search(seg):
            return True
        if first_line and len(head) <= 40 and not rx(r"[，。；！？,;!?]").search(head):
            h = head.strip()
            if P.ZH_DATELINE.match(h) or P.ZH_BYLINE.match(seg) or _ZH_HEAD_SEG.search(seg):
                return True
        return False


@hookimpl
def newslint_register_checks():
    return [Whitespace]
