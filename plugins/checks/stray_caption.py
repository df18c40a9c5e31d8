"""NL201 stray-caption: a photo caption or credit inside the running story, or repeated."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import N_, _
from lint.lang import text as T
from lint.lang.text import lazy as _lazy
from lint.model import Fix, Related

_PICTURE = {D.CAPTION, D.CREDIT}

# credits the core classifier does not know (whole line)
_EXTRA_CREDIT = _lazy(
    r"^(?:Image\s+)?Credits?\s*(?:\.{2,}|…|:)\s*\S.{0,80}$"  # Credit...Getty Images / Credit: Jane Doe
    r"|^(?:Photo|Picture|Image)(?:graph)?\s*(?:by|/)\s+\p{Lu}[^.]{0,60}$"
    r"|^[（(]?(?:新华社|中新社|本报)?(?:特约)?(?:记者|通讯员)\s*[\p{Han}·\s]{2,20}\s*摄[）)]?$"
)
# a credit embedded in a running paragraph
_INLINE_CREDIT = _lazy(
    r"[（(](?:(?:新华社|中新社|本报)?(?:特约)?(?:记者|通讯员)\s*)?[\p{Han}·]{2,6}(?:\s+[\p{Han}·]{2,6}){0,3}\s*摄[）)]"
    r"|\((?:Xinhua|AP|AFP|Reuters|EPA|Getty)(?:\s+Photo)?/[^()\n]{1,60}\)"
    r"|\b(?:Photo|Credit)\s*(?:\.{3}|…)\s*\p{Lu}[\w.'’ -]{1,40}(?:/(?:Getty Images|AFP|AP|Reuters|EPA))"
)
_NORM = _lazy(r"[\s\u3000\p{P}]+")


def _norm(s: str) -> str:
    return _NORM.sub("", s).lower()


class StrayCaption(Check):
    """## What it does
    Flags a photo caption or photo credit that sits inside the running story
    (between two body paragraphs, worst of all in the middle of a sentence, or
    embedded inside a paragraph), and a caption or credit that appears twice.

    Captions and credits are recognised as the core does (… 摄, 新华社发,
    图为…, (Xinhua/…), Photo: …, … Getty Images) plus `Credit…Name`,
    `Photo by …` and 记者 … 摄 lines. A caption right under the headline or
    byline (before the first body paragraph), or at the very end of the story,
    is normal placement and is left alone. Set `between-paragraphs: false` to
    accept captions between complete paragraphs too (web layouts often put the
    picture there) and flag only those that cut a sentence or repeat.

    ## Why is this bad?
    Text extracted from a page layout or a CMS keeps picture captions where the
    picture was: inside the story. Readers then meet a sentence about a picture
    they cannot see, often cutting a sentence of the story in two; a repeated
    credit is layout debris.

    ## Example
    ```
    今年以来，围绕营造创新环境，各地推出了一系列

    参观者在科技馆体验展区内参观。新华社记者 李明 摄

    支持政策，激发市场活力。
    ```
    ```
    The council approved the plan on Tuesday.

    Photo: Residents gather outside the town hall. (AP Photo/Jane Doe)

    Work is due to start in the spring.
    ```
    Fix (unsafe): remove the caption from the running story (move it to the
    top if the picture is kept).
    """

    name = "stray-caption"
    code = "NL201"
    summary = N_("A photo caption or credit inside the running story, or repeated.")
    severity = "warning"
    options = {
        "flag-repeated": True,
        "between-paragraphs": True,
        "flag-inline": True,
        "min-body-chars": Option(20, min=0),
    }

    def _is_picture(self, b) -> bool:
        if b.kind in _PICTURE:
            return True
        if b.kind == D.BODY and b.line_count == 1:
            s = b.text.strip()
            if len(s) <= 120 and _EXTRA_CREDIT.match(s):
                return True
        return False

    def _is_body(self, b) -> bool:
        if b.kind not in (D.BODY, D.LIST, D.LEADIN):
            return False
        return bool(b.text.strip())  # (strip() removes every character \s matches)

    def check(self, doc, ctx):
        opts = self.options
        blocks = [b for b in doc.blocks if b.text.strip()]
        n = len(blocks)
        pic = [self._is_picture(b) for b in blocks]
        body = [not pic[i] and self._is_body(b) for i, b in enumerate(blocks)]
        min_body = int(opts["min-body-chars"])
        substantial = [body[i] and len(blocks[i].text.strip()) >= min_body for i in range(n)]
        # body before / after each index (prefix and suffix scans: linear)
        has_before = [False] * n
        seen = False
        for i in range(n):
            has_before[i] = seen
            seen = seen or substantial[i]
        has_after = [False] * n
        seen = False
        for i in range(n - 1, -1, -1):
            has_after[i] = seen
            seen = seen or substantial[i]

        first_copy: dict[str, tuple[int, int]] = {}
        i = 0
        while i < n:
            if not pic[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and pic[j + 1]:
                j += 1
            start, end = blocks[i].start, blocks[j].end
            # repeated captions or credits in this run
            repeats = []
            if opts["flag-repeated"]:
                for k in range(i, j + 1):
                    key = _norm(blocks[k].text)
                    if len(key) < 4:
                        continue
                    if key in first_copy:
                        repeats.append((k, first_copy[key]))
                    else:
                        first_copy[key] = (blocks[k].start, blocks[k].end)
            prev = blocks[i - 1] if i > 0 else None
            nxt = blocks[j + 1] if j + 1 < n else None
            what = N_("caption") if any(blocks[k].kind == D.CAPTION for k in range(i, j + 1)) else N_("credit")
            mid = False
            inside = has_before[i] and has_after[j] and prev is not None and nxt is not None
            if inside:
                assert prev is not None  # (inside)
                mid = (
                    body[i - 1]
                    and body[j + 1]
                    and not T.ends_sentence(prev.text)
                    and not prev.text.rstrip().endswith(("：", ":", "——", "—"))
                )
            # a <figcaption> (or a NITF caption) the markup itself places
            # between paragraphs is where a caption belongs
            placed = all(blocks[k].kind_from_markup and blocks[k].kind == D.CAPTION for k in range(i, j + 1))
            if inside and (mid or repeats or opts["between-paragraphs"] and not placed):
                if mid:
                    msg = _(
                        "Photo {what} inside a sentence of the story: the paragraph before it does not end"
                        " and the text continues after it",
                        what=_(what),
                    )
                else:
                    msg = _("Photo {what} between paragraphs of the running story", what=_(what))
                if repeats:
                    msg = _("{message} (and repeated)", message=msg)
                assert nxt is not None  # (inside)
                ctx.report(
                    start,
                    end,
                    msg,
                    related=[Related(s0, e0, _("first copy")) for _k, (s0, e0) in repeats],
                    fix=Fix.delete(
                        start, nxt.start, _("Remove the {what} from the running story", what=_(what)), "unsafe"
                    ),
                )
            else:
                for k, (s0, e0) in repeats:
                    b = blocks[k]
                    cut = blocks[k + 1].start if k + 1 < n else b.end
                    ctx.report(
                        b.start,
                        b.end,
                        _("Photo {what} repeated", what=_(what)),
                        related=[Related(s0, e0, _("first copy"))],
                        fix=Fix.delete(b.start, cut, _("Remove the repeated {what}", what=_(what)), "unsafe"),
                    )
            i = j + 1

        if opts["flag-inline"]:
            for b in blocks:
                if b.kind != D.BODY or b.kind_from_markup:
                    continue
                for m in _INLINE_CREDIT.finditer(b.text):
                    s = b.start + m.start()
                    e = b.start + m.end()
                    tail = b.text[m.end() :].strip()
                    head = b.text[: m.start()].strip()
                    if not tail or not head:
                        continue  # a credit closing or opening its own caption paragraph
                    ctx.report(
                        s,
                        e,
                        _("Photo credit embedded in a paragraph of the story"),
                        fix=Fix.delete(s, e, _("Remove the photo credit"), "unsafe"),
                    )


@hookimpl
def newslint_register_checks():
    return [StrayCaption]
