"""NL209 misplaced-byline: a byline or dateline in the middle of a story, or a second one."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import _
from lint.lang import patterns as P
from lint.lang import text as T
from lint.lang.text import lazy as _lazy
from lint.lang.text import rx
from lint.model import Related

# running text: once there is some, the story has begun
_TEXT_KINDS = {D.BODY, D.LIST, D.LEADIN}
# what may follow the last paragraph without being more story
_TAIL_KINDS = {D.SIGNOFF, D.CREDIT, D.CAPTION, D.BOILERPLATE, D.BYLINE, D.DATELINE, D.ELLIPSIS}
# an English byline mid-file must look like one: By + a name of two to four words
_EN_BYLINE_STRICT = _lazy(
    r"^(?:By|BY)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){1,5}\s*(?:[,|]\s*[\p{L} ]{0,40})?$"
)
# closing credits, legitimately after the text
_EN_CREDITS = _lazy(r"^\(?(?:Reporting by|Additional reporting by|Writing by|Editing by|Compiled by)\b")
_WS = _lazy(r"\s+")
_ZH_END_CREDITS = _lazy(r"^[（(]?(?:责任编辑|编辑|责编|校对|审核)[：:]")


class MisplacedByline(Check):
    """## What it does
    Flags a byline or dateline that sits in the middle of a story, after the
    story's text has begun: a second byline (■新华社记者 …, By …) or a
    dateline (新华社北京12月6日电, LONDON (Reuters) -) between paragraphs.
    When the story already had one near the top, the finding points at it.

    Left alone: bylines and datelines before the first paragraph, a dateline
    that opens the first paragraph (新华社北京12月6日电 记者… / LONDON (Reuters) -
    The …), closing credits (Reporting by …; Editing by …; 责任编辑：…), and a
    dateline after the last paragraph, which is how Xinhua signs off a story on
    the printed page. A dateline after a paragraph that is followed by more text
    is flagged: the story went on, or a second story begins there.

    ## Why is this bad?
    A byline or dateline in mid-story is residue of a page extraction or a bad
    paste: the end of one story and the start of another run together, or a
    second story's header landed inside the first. Readers see the credit
    line as text; search and syndication mis-attribute the story.

    ## Example
    ```text
    新华社北京5月8日电 城东新建公园今日开放……
    首日入园游客超过两万人次。
    ■新华社记者 王立
    园方表示，夜间开放时间将延长。
    ```
    ```text
    LONDON (Reuters) - The bridge will close next month.
    Buses will be diverted.
    By Jane Carter
    The council said repairs would take a year.
    ```
    """

    name = "misplaced-byline"
    code = "NL209"
    severity = "warning"
    options = {
        "min-body-chars": Option(20, min=0),
        "allow-dateline-at-end": True,
        "check-inline-datelines": True,
    }

    def check(self, doc, ctx):
        o = self.options
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not blocks:
            return
        # index of the last block of running text
        last_text = max((i for i, b in enumerate(blocks) if b.kind in _TEXT_KINDS), default=-1)
        body_chars = 0
        first: dict[str, object] = {}  # "byline"/"dateline" -> first block seen
        openings: list[str] = []  # openings of paragraphs that carry a dateline
        for i, b in enumerate(blocks):
            s = b.text.strip()
            kind = self._kind(b, s)
            if kind is not None and b.kind in _TEXT_KINDS:
                key = _WS.sub("", s)[:400]
                import difflib

                if any(difflib.SequenceMatcher(None, k, key, autojunk=False).ratio() >= 0.75 for k in openings):
                    kind = None  # a copy of the dateline's paragraph: duplicate-paragraph's finding
                if len(openings) < 8:
                    openings.append(key)
            if kind is not None:
                started = body_chars >= o["min-body-chars"]
                at_end = i > last_text
                if started and not (at_end and (kind == D.DATELINE and o["allow-dateline-at-end"] or kind == D.BYLINE)):
                    ok = kind == D.BYLINE and (_EN_CREDITS.match(s) or _ZH_END_CREDITS.match(s))
                    if not ok:
                        self._report(ctx, b, kind, first.get(kind), inline=b.kind in _TEXT_KINDS)
                first.setdefault(kind, b)
            if b.kind in _TEXT_KINDS and (i > 0 or T.ends_sentence(s)):  # a long headline is not text
                body_chars += len(s)

    def _kind(self, b, s):
        if b.kind == D.DATELINE:
            return D.DATELINE
        if b.kind == D.BYLINE:
            if _ZH_END_CREDITS.match(s) or _EN_CREDITS.match(s):
                return D.BYLINE
            if b.lang == "zh" and (len(s) > 40 or rx(r"[，。；！？]").search(s)):
                return None  # 记者在车站看到，… : a fragment of running text
            if (
                b.lang == "en"
                and not _EN_BYLINE_STRICT.match(s)
                and not s.startswith(("Reporting", "Additional", "Writing", "Editing", "Compiled"))
            ):
                return None  # "From Monday, ..." read as a byline
            return D.BYLINE
        if b.kind == D.BODY and self.options["check-inline-datelines"]:
            m = P.ZH_DATELINE.match(s) if b.lang == "zh" else P.EN_DATELINE.match(s)
            if m and not s.startswith(("据", "来源")) and rx(r"(?:电|讯|消息|\))\s*[-—–:：]*\s*$").search(m.group()):
                return D.DATELINE
        return None

    @staticmethod
    def _report(ctx, b, kind, prev, inline):
        what = "byline" if kind == D.BYLINE else "dateline"
        start = b.start
        end = b.end if not inline else b.start + len(b.text) - len(b.text.lstrip())
        if inline:
            m = P.ZH_DATELINE.match(b.text.lstrip()) if b.lang == "zh" else P.EN_DATELINE.match(b.text.lstrip())
            end = start + (len(b.text) - len(b.text.lstrip())) + (m.end() if m else 0)
            end = max(end, start + 1)
        else:
            end = b.start + len(b.text.rstrip())
        if prev is not None:
            if what == "byline":
                msg, label = _("Second byline in the middle of the story"), _("first byline")
            else:
                msg, label = _("Second dateline in the middle of the story"), _("first dateline")
            related = [Related(prev.start, prev.start + len(prev.text.rstrip()), label)]
        else:
            if what == "byline":
                msg = _("Byline in the middle of the story, after its text has begun")
            elif kind == D.DATELINE and not inline:
                msg = _(
                    "Dateline in the middle of the story, after its text has begun"
                    " (a dateline after the last paragraph is a sign-off; here more text follows)"
                )
            else:
                msg = _("Dateline in the middle of the story, after its text has begun")
            related = []
        ctx.report(start, end, msg, related=related)


@hookimpl
def newslint_register_checks():
    return [MisplacedByline]
