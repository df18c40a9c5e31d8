"""Language and kind of each block: headline, byline, dateline, caption, ...

Legitimate news copy is full of short lines that do not end a sentence.
Checks lean on these kinds to leave them alone, so the patterns here follow
Chinese and English newsroom conventions:

- bylines: ``■新华社记者 …``, ``本报记者 …``, ``By …``, ``Reporting by …``
- datelines: ``新华社北京12月6日电``, ``央视网消息（新闻联播）：``, ``LONDON (Reuters) -``
- captions and credits: ``… 摄``, ``(Xinhua/…)``, ``Photo: …``, ``… Getty Images``
- sign-offs: ``（完）``, ``(END)``, ``Reuter``
- lead-ins ending in ``——`` or ``：``, lone ellipses, list items
"""

from __future__ import annotations

import regex

from lint.lang.text import lazy as _lazy

from lint.doc import document as D
from lint.lang.text import count_han, count_latin, ends_sentence

# --- language ---------------------------------------------------------------


def detect_lang(s: str) -> str:
    """zh when Han characters dominate, en when Latin letters do, else other.

    Traditional Chinese is Han too, so it counts as zh.
    """
    han = count_han(s)
    latin = count_latin(s)
    if han == 0 and latin == 0:
        return "other"
    if han * 2 >= latin:  # one Han character carries about as much as a word
        return "zh" if han else "other"
    # English needs some ASCII words; other Latin-script languages are "other"
    if regex.search(r"\b(?:the|and|of|to|in|a|is|for|on|that|with|was|by|as|at|said)\b", s, regex.I) or latin < 40:
        return "en"
    return "other"


# --- patterns -----------------------------------------------------------------

_ZH_AGENCY = r"(?:新华社|新华网|中新社|中新网|人民网|本报|本刊|央视网|央视新闻|中国日报|中国新闻社|经济日报|光明日报|人民日报|澎湃新闻|新京报|南都|[\p{Han}]{2,6}(?:日报|晚报|晨报|商报|时报|新闻网|网|社|台|讯))"
ZH_DATELINE = _lazy(
    r"^(?:[■●◆▲]\s*)?(?:"
    + _ZH_AGENCY
    + r"[^，。：:\n]{0,12}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯)"
    r"|央视网消息(?:（[^）]{0,12}）)?[：:]?"
    r"|(?:" + _ZH_AGENCY + r")(?:讯|消息)(?:（[^）]{0,20}）)?"
    r"|(?:据|来源[：:])\s*" + _ZH_AGENCY + r"(?:报道|消息)?"
    r")"
)
ZH_BYLINE = _lazy(
    r"^(?:[■●◆▲□]\s*)?(?:(?:新华社|本报|中新社|人民日报|经济日报|光明日报|央视)?(?:特派|特约|实习)?(?:记者|通讯员|评论员)"
    r"|文[／/|]|作者[：:]|撰文[：:]|编辑[：:]|责任编辑[：:]|来源[：:]|记者[：:])"
)
ZH_CREDIT = _lazy(
    r"(?:摄|供图|图片来源[：:].*|视觉中国|新华社发(?:（[^）]*）)?|资料图(?:片)?|图[／/].{1,12}|发\s*$)[）)]?\s*$"
)
ZH_CAPTION_START = _lazy(r"^(?:图为|图[：:]|上图|下图|左图|右图|图\s*\d|▲|△)")
ZH_SIGNOFF = _lazy(r"^[（(]\s*(?:完|全文完|终|本文完|记者[^）)]{0,20}|编辑[^）)]{0,20}|责编[^）)]{0,20})\s*[）)]$")

EN_DATELINE = _lazy(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?\s*\((?:Reuters|AP|AFP|Xinhua|Bloomberg|UPI|dpa|CNN|BBC)\)\s*[-—–]*"
    r"|^[A-Z][A-Z .'’-]{2,40},\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*[-—–]"
    r"|^[A-Z]{3,}(?:\s+[A-Z]{2,})*\s*[-—–]{1,2}\s"
)
EN_BYLINE = _lazy(
    r"^(?:By|BY|From|Reporting by|Additional reporting by|Written by|Writing by|Editing by|Compiled by)\s+[\p{Lu}\p{Lt}]"
)
EN_CREDIT = _lazy(
    r"(?:^(?:Photo|Photograph|Picture|Image|Credit|Photos|Pictured)(?:\s+by)?\s*[:：]"
    r"|^(?:Image\s+)?Credits?\s*(?:\.{2,}|…)\s*\S"
    r"|\((?:Xinhua|AP|AFP|Reuters|EPA|Getty)(?:\s+Photo)?/[^)]{1,60}\)\s*$"
    r"|\((?:Photo|Picture|Image)s?:\s[^)]{1,80}\)\s*$"
    r"|\b(?:Getty Images|AFP/Getty|AP Photo|Reuters/[A-Z]\w+|EPA|PA Wire|Shutterstock)\b[^.]{0,40}$"
    r"|^(?:Photo|Image)\s+courtesy\b)"
)
EN_SIGNOFF = _lazy(r"^(?:\(?END\)?|-+\s*30\s*-+|###|Reuters?|REUTERS?(?:\.{3}|…)?|\(Reporting by .{0,120}\))\s*$")
LIST_ITEM = _lazy(
    r"^(?:[-*•·▪◦]\s+|\d{1,3}[.)、](?!\d)\s*|[（(]\d{1,3}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s+)"
)
ELLIPSIS_ONLY = _lazy(r"^[\s　]*(?:…+|\.{3,}|……+|·{3,})[\s　]*$")
LEADIN_END = _lazy(r"(?:——|—|--|[:：])[”’\"]?\s*$")
BOILERPLATE = _lazy(
    r"^(?:［详细］|\[详细\]|Continue reading the main story|Advertisement|Share this|Related (?:Topics|Stories|links)"
    r"|责任编辑[：:]|版权所有|Copyright|©|All rights reserved|Subscribe)",
    regex.I,
)
SUBHEAD_MARK = _lazy(r"^(?:【[^】]{1,30}】|\*\*[^*]{1,80}\*\*|■\s*\S.{0,30}$|[^.!?。！？]{1,120}\s[#¶])\s*$")
# the header of a reader comment: "JaneDoe says", "Jane Doe says:", "Jane Doe on March 3, 2020 at
# 5:12 pm said" (not a lead-in such as "She writes:" or "The minister said:")
EN_COMMENT_HEADER = _lazy(
    r"^(?!(?i:he|she|they|it|we|i|you|the|a|an|this|that|his|her|their|our|mr|mrs|ms|dr|prof)\b)"
    r"[\p{L}\p{N}_.'’ -]{1,40}?(?:\s+on\s+.{4,40}?\s+(?:said|wrote|replied|commented):?"
    r"|\s+(?:says:?|said|wrote|writes|replied|replies|commented|comments))\s*$"
)
# "by Jane Doe, February 28, 2010" under a title: a byline in lower case
EN_BYLINE_LOWER = _lazy(r"^by\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|and|&)\s*[^.!?]{0,40})?$")


def classify_block(block: "D.Block", is_first: bool, prev: "D.Block | None", nxt: "D.Block | None") -> str:
    s = block.text.strip()
    if not s:
        return D.BODY
    lang = block.lang
    short = len(s) <= (45 if lang == "zh" else 100)
    one_line = len(block.lines) == 1

    if ELLIPSIS_ONLY.match(s):
        return D.ELLIPSIS
    if BOILERPLATE.match(s) and short:
        return D.BOILERPLATE
    if ZH_SIGNOFF.match(s) or EN_SIGNOFF.match(s):
        return D.SIGNOFF
    # dateline alone on its line
    m = ZH_DATELINE.match(s)
    if m:
        rest = s[m.end() :]
        if (len(rest) <= 16 and not ends_sentence(s) and not regex.search(r"[，、；]", rest)) or (
            s.endswith(("：", ":")) and len(s) < 40
        ):
            return D.DATELINE
    m = EN_DATELINE.match(s)
    if m and len(s) - m.end() <= 2:
        return D.DATELINE
    if prev is not None and prev.kind in (D.HEADLINE, D.SUBHEAD) and len(s) < 80 and EN_BYLINE_LOWER.match(s):
        return D.BYLINE
    if one_line and len(s) <= 80 and EN_COMMENT_HEADER.match(s):
        return D.BYLINE
    if short and (
        ZH_BYLINE.match(s)
        and not ends_sentence(s)
        and not regex.search(r"[，。；！？]", s)
        or EN_BYLINE.match(s)
        and len(s) < 80
        and not s.startswith("From ")
    ):
        if ZH_CREDIT.search(s):
            return D.CREDIT
        return D.BYLINE
    if ZH_CREDIT.search(s) or EN_CREDIT.search(s):
        # a whole caption ends with its credit; a bare credit is short
        if len(s) <= (24 if lang == "zh" else 60) and not regex.search(r"[。.!?！？]\s", s + " "):
            return D.CREDIT
        return D.CAPTION
    if ZH_CAPTION_START.match(s) and short:
        return D.CAPTION
    if LIST_ITEM.match(s) and (short or one_line):
        return D.LIST
    if SUBHEAD_MARK.match(s):
        return D.SUBHEAD
    if LEADIN_END.search(s) and not s.startswith("——"):
        return D.LEADIN
    if short and one_line and not ends_sentence(s) and _looks_like_heading(s, lang):
        return D.HEADLINE if is_first else D.SUBHEAD
    if s.startswith(("——", "—", "--")) and short and not ends_sentence(s):
        return D.SUBHEAD  # a deck line: ——新质生产力发展一线见闻
    return D.BODY


def _looks_like_heading(s: str, lang: str) -> bool:
    """A short line with no clause punctuation inside, that is not a fragment."""
    from lint.lang.text import FUNCTION_CHARS_ZH, NO_LINE_START, unclosed_openers

    if s[0] in NO_LINE_START or unclosed_openers(s) or regex.search(r"^[^（(《“]*[）)》”]", s):
        return False
    if lang == "zh":
        if s[-1] in FUNCTION_CHARS_ZH or s.startswith(("虽然", "但是", "因为", "如果", "而且", "并且", "所以")):
            return False
        if regex.search(r"[，、；。（《“]", s) and not regex.search(r"[“《][^”》]*[”》]", s):
            return False
        if regex.search(r"[，；。]", s):
            return False
        return True
    # English: no comma-joined clauses ending in a function word
    from lint.lang.text import FUNCTION_WORDS_EN, last_word

    if last_word(s).lower() in FUNCTION_WORDS_EN:
        return False
    if s[:1].islower():
        return False
    return True


def classify_document(doc: "D.Document") -> "D.Document":
    """Give each block of ``doc`` its language and kind (a step of its own,
    run by the engine after a reader; running it again changes nothing).
    Returns ``doc``."""
    if doc.classified:
        return doc
    doc.classified = True
    blocks = doc.blocks
    for b in blocks:
        b.lang = detect_lang(b.text)
    first_content = next((i for i, b in enumerate(blocks) if b.text.strip()), None)
    for i, b in enumerate(blocks):
        if b.kind_from_markup:
            continue
        b.kind = classify_block(
            b, i == first_content, blocks[i - 1] if i else None, blocks[i + 1] if i + 1 < len(blocks) else None
        )
    # A "heading" whose next block carries on its sentence is a fragment of a
    # broken paragraph, not a heading: the next block starts in lower case or
    # with punctuation that cannot start a line.
    from lint.lang.text import NO_LINE_START

    for i, b in enumerate(blocks[:-1]):
        if b.kind in (D.HEADLINE, D.SUBHEAD) and not b.kind_from_markup:
            nxt = blocks[i + 1].text.lstrip()
            if blocks[i + 1].kind == D.BYLINE:
                continue
            if nxt and (nxt[0] in NO_LINE_START or nxt[0].islower()):
                b.kind = D.BODY
    # ... and so is a "subhead" of the same width as the last line of the body
    # paragraph before it, when that paragraph stops mid-sentence: the pieces
    # of a paragraph hard-wrapped at a column width. (A paragraph cut short
    # and followed by a real heading has no such width match.)
    for i in range(1, len(blocks)):
        b, prev = blocks[i], blocks[i - 1]
        if b.kind == D.SUBHEAD and not b.kind_from_markup and prev.kind == D.BODY:
            tail = prev.text.rstrip()
            if tail and not ends_sentence(tail) and not LEADIN_END.search(tail) and tail[-1] not in "”’」』）)》】\"'":
                last = tail.rsplit("\n", 1)[-1].strip()
                w = len(b.text.strip())
                if abs(w - len(last)) <= max(2, w // 8):
                    b.kind = D.BODY
    # A short line at the very end of the file, after the headline or body
    # text and followed by nothing, is where a cut leaves its fragment ("The
    # prime minis"): it is not a subhead, since a subhead introduces text that
    # follows it.
    content = [b for b in blocks if b.text.strip()]
    if len(content) >= 2:
        b, prev = content[-1], content[-2]
        t = b.text.strip()
        if (
            b.kind in (D.SUBHEAD, D.HEADLINE)
            and not b.kind_from_markup
            and prev.kind in (D.BODY, D.HEADLINE)
            and (prev.kind == D.BODY or prev is content[0])
            and b.lang in ("en", "zh")
            and not SUBHEAD_MARK.match(t)
            # a page that repeats its title at the foot: a heading again
            and not any(o.text.strip() == t for o in content[:-1])
        ):
            b.kind = D.BODY
    return doc
