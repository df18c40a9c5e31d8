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

from lint.doc import document as D
from lint.lang.patterns import (
    BOILERPLATE,
    ELLIPSIS_ONLY,
    EN_BYLINE,
    EN_BYLINE_LOWER,
    EN_COMMENT_HEADER,
    EN_DATELINE,
    EN_SIGNOFF,
    LIST_ITEM,
    SUBHEAD_MARK,
    ZH_BYLINE,
    ZH_CAPTION_START,
    ZH_CREDIT,
    ZH_DATELINE,
    ZH_SIGNOFF,
    ends_leadin,
    has_en_credit,
)
from lint.lang.text import count_han, count_latin, ends_sentence, rx

# --- language ---------------------------------------------------------------


def detect_lang(s: str) -> str:
    """zh when Han characters dominate, en when Latin letters do, else other.

    Traditional Chinese is Han too, so it counts as zh.
    """
    han = count_han(s)
    if han and 3 * han >= len(s):
        return "zh"  # (Latin letters are among the other characters: at most twice the Han ones)
    english = rx(r"\b(?:the|and|of|to|in|a|is|for|on|that|with|was|by|as|at|said)\b", regex.I).search
    if not han and english(s):
        return "en"  # (the function word is Latin letters, which outnumber no Han ones)
    latin = count_latin(s)
    if han == 0 and latin == 0:
        return "other"
    if han * 2 >= latin:  # one Han character carries about as much as a word
        return "zh" if han else "other"
    # English needs some ASCII words; other Latin-script languages are "other"
    if english(s) or latin < 40:
        return "en"
    return "other"


def classify_block(block: "D.Block", is_first: bool, prev: "D.Block | None", nxt: "D.Block | None") -> str:
    s = block.text.strip()
    if not s:
        return D.BODY
    lang = block.lang
    short = len(s) <= (45 if lang == "zh" else 100)
    one_line = block.line_count == 1

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
        if (len(rest) <= 16 and not ends_sentence(s) and not rx(r"[，、；]").search(rest)) or (
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
        and not rx(r"[，。；！？]").search(s)
        or EN_BYLINE.match(s)
        and len(s) < 80
        and not s.startswith("From ")
    ):
        if ZH_CREDIT.search(s):
            return D.CREDIT
        return D.BYLINE
    if ZH_CREDIT.search(s) or has_en_credit(s):
        # a whole caption ends with its credit; a bare credit is short
        if len(s) <= (24 if lang == "zh" else 60) and not rx(r"[。.!?！？]\s").search(s + " "):
            return D.CREDIT
        return D.CAPTION
    if ZH_CAPTION_START.match(s) and short:
        return D.CAPTION
    if LIST_ITEM.match(s) and (short or one_line):
        return D.LIST
    if SUBHEAD_MARK.match(s):
        return D.SUBHEAD
    if ends_leadin(s) and not s.startswith("——"):
        return D.LEADIN
    if short and one_line and not ends_sentence(s) and _looks_like_heading(s, lang):
        return D.HEADLINE if is_first else D.SUBHEAD
    if s.startswith(("——", "—", "--")) and short and not ends_sentence(s):
        return D.SUBHEAD  # a deck line: ——新质生产力发展一线见闻
    return D.BODY


def _looks_like_heading(s: str, lang: str) -> bool:
    """A short line with no clause punctuation inside, that is not a fragment."""
    from lint.lang.text import FUNCTION_CHARS_ZH, NO_LINE_START, unclosed_openers

    if s[0] in NO_LINE_START or unclosed_openers(s) or rx(r"^[^（(《“]*[）)》”]").search(s):
        return False
    if lang == "zh":
        if s[-1] in FUNCTION_CHARS_ZH or s.startswith(("虽然", "但是", "因为", "如果", "而且", "并且", "所以")):
            return False
        if rx(r"[，、；。（《“]").search(s) and not rx(r"[“《][^”》]*[”》]").search(s):
            return False
        if rx(r"[，；。]").search(s):
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
            if tail and not ends_sentence(tail) and not ends_leadin(tail) and tail[-1] not in "”’」』）)》】\"'":
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
