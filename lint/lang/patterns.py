"""Newsroom patterns, one home each, shared by the classifier and the rules.

Chinese and English conventions of news copy: datelines (``新华社北京12月6日电``,
``央视网消息（新闻联播）：``, ``LONDON (Reuters) -``), bylines (``■新华社记者 …``,
``By …``), picture captions and credits (``… 摄``, ``Photo: …``), sign-offs
(``（完）``, ``(END)``), list items, lead-ins ending in ``——`` or ``：``, lone
ellipses, read-more teasers (``［详细］``, ``>> more``), boilerplate lines.

A rule that needs a deliberate variant of one of these declares it here,
named as a variant of the shared one (``LIST_ITEM_START`` beside
``LIST_ITEM``), with what differs and why. Patterns compile on first use.
"""

from __future__ import annotations

import regex

from lint.lang.text import lazy as _lazy

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
# (the lookahead lets a search skip at once every position past the first that
# no alternative can start at: an opening bracket or an agency's initial)
EN_CREDIT = _lazy(
    r"(?:^|(?=[(GAREPS]))"
    r"(?:^(?:Photo|Photograph|Picture|Image|Credit|Photos|Pictured)(?:\s+by)?\s*[:：]"
    r"|^(?:Image\s+)?Credits?\s*(?:\.{2,}|…)\s*\S"
    r"|\((?:Xinhua|AP|AFP|Reuters|EPA|Getty)(?:\s+Photo)?/[^)]{1,60}\)\s*$"
    r"|\((?:Photo|Picture|Image)s?:\s[^)]{1,80}\)\s*$"
    r"|\b(?:Getty Images|AFP/Getty|AP Photo|Reuters/[A-Z]\w+|EPA|PA Wire|Shutterstock)\b[^.]{0,40}$"
    r"|^(?:Photo|Image)\s+courtesy\b)"
)
# Past a text's start only EN_CREDIT's bracketed and agency alternatives can
# match: each needs one of these strings in the text (an opening bracket and
# an agency or "Photo", or an agency's name), so a text with none is asked
# for a match at its start only.
_EN_CREDIT_BRACKETED = ("(Xinhua", "(AP", "(AFP", "(Reuters", "(Photo", "(Picture", "(Image")
_EN_CREDIT_AGENCIES = ("Getty", "AP Photo", "Reuters/", "EPA", "PA Wire", "Shutterstock")


def has_en_credit(s: str) -> bool:
    """``EN_CREDIT.search(s)``, as a yes or no, without trying every position
    of a paragraph that cannot hold a credit past its start (a search tried
    40 ns a character; ``tests/test_patterns.py`` checks that the two agree)."""
    if ("(" in s and any(k in s for k in _EN_CREDIT_BRACKETED)) or any(k in s for k in _EN_CREDIT_AGENCIES):
        return EN_CREDIT.search(s) is not None
    return EN_CREDIT.match(s) is not None


EN_SIGNOFF = _lazy(r"^(?:\(?END\)?|-+\s*30\s*-+|###|Reuters?|REUTERS?(?:\.{3}|…)?|\(Reporting by .{0,120}\))\s*$")
LIST_ITEM = _lazy(
    r"^(?:[-*•·▪◦]\s+|\d{1,3}[.)、](?!\d)\s*|[（(]\d{1,3}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s+)"
)
ELLIPSIS_ONLY = _lazy(r"^[\s　]*(?:…+|\.{3,}|……+|·{3,})[\s　]*$")
LEADIN_END = _lazy(r"(?:——|—|--|[:：])[”’\"]?\s*$")


def ends_leadin(s: str) -> bool:
    """``LEADIN_END.search(s)``, as a yes or no, read from the end of ``s``
    instead of searched for from its start: white space (``str.rstrip`` strips
    what ``\\s`` matches), at most one closing quote, then ——, —, -- or a colon
    (``tests/test_patterns.py`` checks them over every code point)."""
    t = s.rstrip()
    if t.endswith(("”", "’", '"')):
        t = t[:-1]
    return t.endswith(("—", "--", ":", "："))


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


# --- variants: what a rule needs that the classifier's pattern does not say ---------

# NL102: a line that starts a list item. Stricter than LIST_ITEM after a
# number ("3.5 million" continues a sentence: a digit after "3." is no item)
# and without the lettered "a)" form, which opens many wrapped English lines.
LIST_ITEM_START = _lazy(
    r"^(?:[-*•·▪◦]\s|\d{1,3}[.)、]\s*\D|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
# NL103: the last line of a paragraph that is a list item, in any numbering a
# newsroom uses (full-width digits, "1．"): looser than LIST_ITEM, since a list
# item may end without a full stop wherever it is.
LIST_ITEM_LOOSE = _lazy(
    r"^\s*(?:[-*•·▪◦]\s*|\d{1,3}[.)、．]\s*|[０-９]{1,3}[、．]|[（(]\d{1,3}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s+)"
)
# Read-more teasers a web page leaves at the end of a cut paragraph (a regex
# source to build patterns from): ［详细］, >> more, Read the full story.
READ_MORE = (
    r"［详细］|\[详细\]|【详细】|(?:>>|»|›)\s*(?:更多|全文|详细|(?:read\s+)?more|full\s+story)?|(?:更多|全文|详细|more)\s*(?:>>|»|›)"
    r"|\[more\]|\[read more\]|Read more\.?|Continue reading\.?|Read the full (?:story|article)\.?|阅读全文|查看全文"
)
# The characters a READ_MORE marker can end with, lower-cased (whitespace after
# it aside): a text whose last non-space character is none of these cannot end
# in a marker, so NL103 skips searching its end-anchored marker patterns
# (tests/test_truncated_ending.py derives this set from READ_MORE).
READ_MORE_LAST = frozenset("］]】>»›多文细eyg.")
# ... and the letters before a marker's closing full stop ("Read more.",
# "Continue reading.", "Read the full story."): most paragraphs end in "."
READ_MORE_BEFORE_STOP = frozenset("egy")
# NL205: a teaser mark anywhere in a line (the link text the boilerplate rule removes)
# (the lookahead names the characters a mark can start with: a line's other
# positions are skipped at once)
TEASER_MARK = _lazy(
    r"(?=[［\[【>RC])(?:[［\[【]\s*(?:详细|全文|详情|更多|阅读全文|查看全文|点击查看)\s*[］\]】]|>>\s*(?:详细|全文|更多)|\[Read more\]|Read more »|Continue reading »)"
)
# NL103: a line of wire or web furniture that legitimately ends a story without
# a full stop: the sign-offs of ZH_SIGNOFF and EN_SIGNOFF in a looser form (also
# "Reporting by ...", "REUTER ..."), staff and source credits, a copyright
# line, a photo credit.
META_LINE = _lazy(
    r"^\s*(?:\(?END\)?|-+\s*30\s*-+|#+|REUTER\b.*|Reuter\b.*|AP|AFP|\(Reporting by .*\)|Reporting by .*|Editing by .*"
    r"|Writing by .*|Additional reporting by .*|[（(]\s*(?:完|全文完|终|本文完|记者[^）)]{0,20}|编辑[^）)]{0,20}|责编[^）)]{0,20})\s*[）)]"
    r"|(?:责任编辑|编辑|来源|作者|记者|通讯员|校对|审核|监制|制作|出品)[：:].{0,40}|［详细］|\[详细\]|"
    r"(?:Copyright|©).{0,80}|.{0,30}(?:摄|攝|供图|供圖)[）)]?)\s*$",
)
