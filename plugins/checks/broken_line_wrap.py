"""NL102 broken-line-wrap: a line or paragraph break inside a sentence or a word."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

import regex

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.doc.classify import classify_block, detect_lang
from lint.i18n import N_, _, join
from lint.lang import patterns as P
from lint.lang import text as T
from lint.lang.text import lazy as _lazy
from lint.lang.text import rx
from lint.model import Edit, Fix

# kinds that are never part of a wrapped sentence
_HARD_LEGIT = {D.BYLINE, D.DATELINE, D.SIGNOFF, D.ELLIPSIS, D.LIST, D.BOILERPLATE}
# kinds the classifier may give to a fragment of a broken paragraph
_SOFT_LEGIT = {D.HEADLINE, D.SUBHEAD, D.CAPTION, D.CREDIT, D.LEADIN}
_PICTURE = {D.CAPTION, D.CREDIT}

_HYPHEN_END = _lazy(r"(\p{L}+)-$")
_WORD_START = _lazy(r"^(\p{Ll}+)")
_LOWER_START = _lazy(r"^[\"“‘'(]?\p{Ll}")
_ZH_CLAUSE = _lazy(r"[，、；：]")
_NEW_PARA = _lazy(
    r"^(?:"
    + P.ZH_DATELINE.pattern
    + r"|"
    + P.EN_DATELINE.pattern
    + r"|"
    + P.EN_BYLINE.pattern
    + r"|"
    + P.ZH_BYLINE.pattern
    + r")"
)
# how a Chinese paragraph typically opens: a time or date, then a comma
_ZH_OPENER = _lazy(
    r"^(?:今[天日晨早晚]|昨[天日晨晚]|明[天日]|前[天日]|近[日期来來年]|日前|此前|目前|當[天日]|当[天日]|本月|上月|"
    r"[0-9０-９一二三四五六七八九十]{1,4}[年月日][0-9０-９一二三四五六七八九十]{0,2}[日號号]?|[0-9０-９]{1,2}[時时点點]許?)"
    r"[^，。,]{0,8}[，,]"
)
_URL_START = _lazy(r"(?:https?://|www\.)\S", regex.I).match
_URL_ONLY = _lazy(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", regex.I).match  # a line that is only an address
_TRAILING_NOTE = _lazy(r"\s*[（(][^（）()]{1,40}[）)]\s*$")
_BRACKETED = _lazy(r"^[（(【\[][^（）()]*[）)】\]]$")
_NAME_TAIL = _lazy(r"[.!?][\"'”’]?\s+\p{Lu}[\p{L}'’.-]*(?:\s+[\p{L}\p{N}'’.-]+){0,4}$")
_ARTICLES = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "that", "into", "as"}


class Ev(Enum):
    """Kinds of evidence that a break is inside a sentence; the value is how
    the finding's message states it (``{char}``: the character concerned),
    a catalog message rendered in the run's language."""

    STARTS_WITH = N_("the next line starts with {char}")
    ENDS_WITH = N_("the line ends with {char}")
    WORD_SPLIT = N_("a word is split")
    LOWER_START = N_("the next line starts in lower case")
    FUNCTION_WORD = N_("the line ends in a function word")
    CLOSED_NEXT = N_("{char} is closed on the next line")
    DASH_SPLIT = N_("the dash —— is split")
    LINE_BREAK_INSIDE = N_("a line break inside the paragraph")
    NO_SENTENCE_END = N_("the line does not end a sentence")
    AFTER_CAPTION = N_("the sentence continues after the caption")
    ONE_PARAGRAPH = N_("lines of one paragraph")
    ONE_WIDTH = N_("lines of one column width")


@dataclass(frozen=True)
class Evidence:
    kind: Ev
    ch: str = ""

    def message(self):
        """The evidence as the finding states it (a catalog message)."""
        if "{char}" in self.kind.value:
            return _(self.kind.value, char=self.ch)
        return _(self.kind.value)

    def __str__(self) -> str:
        return str(self.message())


WORD_SPLIT = Evidence(Ev.WORD_SPLIT)
LOWER_START = Evidence(Ev.LOWER_START)
FUNCTION_WORD = Evidence(Ev.FUNCTION_WORD)
DASH_SPLIT = Evidence(Ev.DASH_SPLIT)
# evidence about the break itself (not about one side of it): it stands even
# at the top of a file or beside a real heading
_AT_THE_BREAK = {Ev.WORD_SPLIT, Ev.LOWER_START, Ev.DASH_SPLIT, Ev.CLOSED_NEXT, Ev.STARTS_WITH}
# evidence that verse and label runs show too: a lower-case start, equal widths
_SPLIT = {Ev.WORD_SPLIT, Ev.DASH_SPLIT}
_WEAK = {Ev.LOWER_START, Ev.ONE_WIDTH, Ev.ONE_PARAGRAPH}
_ELLIPSIS_START = _lazy(r"^(?:…|\.\.\.)").match
_ELLIPSIS_ONLY = _lazy(r"^[\s　]*(?:…+|\.{3,}|·{3,})[\s　]*$").match


@dataclass(slots=True)
class Piece:
    start: int
    end: int  # exclusive, trailing spaces stripped
    # the document's text: the piece's (stripped) text is src[start:end], sliced
    # when read (the pieces of a long document held a second copy of it)
    src: str = field(repr=False, compare=False)
    kind: str
    lang: str
    block: int  # index of the block
    blank_before: bool  # separated from the previous piece by a blank line
    width: int
    marked: bool = False  # the kind comes from markup (an HTML <h3>, a Markdown heading)

    @property
    def text(self) -> str:
        return self.src[self.start : self.end]

    @property
    def fragment_kind(self) -> bool:
        return self.kind in _SOFT_LEGIT


def _width(s: str) -> int:
    return T.display_width(s)


class BrokenLineWrap(Check):
    """## What it does
    Flags a paragraph break, or a hard line break, that falls inside a sentence or
    inside a word: 关键是 / 从实际出发, 持续晋 / 级, a 《title》 split over two
    lines, `trans-` / `port`, a paragraph hard-wrapped at a column width (one
    finding per wrapped paragraph, with the number of breaks), and a sentence
    interrupted by a photo caption and continued after it.

    Evidence: the first part does not end a sentence, and the next part does not
    start like a new paragraph; CJK line-breaking rules (a line may not start
    with ，。、；：？！）》 nor end with （《“); an unclosed bracket or quote at the
    break; a first part ending in a function word (的 了 是 和 与, the of to and);
    a next part starting with a lower-case letter; line widths clustering around
    one column width.

    Headlines, subheads, bylines, datelines, captions, credits, sign-offs,
    lead-ins ending in —— or a colon, lists, lone ellipses and the soft line
    breaks of Markdown are left alone. So are:

    - copy with one paragraph per line (trafilatura's output, many CMS
      exports): each line is a paragraph, and a break between two lines
      counts only with evidence about the break itself (a lower-case start, a
      split word, a pair closed on the next line, a dangling function word);
    - verse and label runs: a stretch of short lines that mostly stop with
      room left for the next line's first word is set line by line on
      purpose (wrapped lines never have that room);
    - reader-comment headers (`Jane says`), a source note after a finished
      sentence (`… spills.” (Reuters)`), a lower-case byline under a title,
      a subhead with an anchor (`Timetable changes #`), a line that is only a
      web address, two headings the markup sets apart;
    - lines in a language the rule does not read (no weak evidence there).

    ## Why is this bad?
    Breaks inside sentences come from PDF or OCR extraction, fixed-width wire
    copy and CMS paste accidents. In print or on the web they show as ragged
    half-empty lines and paragraphs that stop mid-sentence.

    ## Example
    ```
    不论是科技创新还是产业创新，关键是

    从实际出发，因地制宜。
    ```
    ```
    The minister said the new trans-
    port plan would be published in June.
    ```
    Fix: join the parts (Chinese with no space, Latin text with one space).
    A hyphen at the break is removed only where that is safe.

    ## Fix safety
    Joining is safe; it is unsafe when a hyphen at the break may belong to the
    word (the joined word is not found elsewhere in the copy) or when a
    caption is moved out of the sentence it interrupted.
    """

    name = "broken-line-wrap"
    code = "NL102"
    summary = N_("A line or paragraph break inside a sentence or a word (one finding per wrapped paragraph).")
    severity = "error"
    options = {
        "min-fragment-chars": Option(6, min=0),
        "max-caption-lines": Option(3, min=0),
        "column-tolerance": Option(2, min=0),
    }

    def check(self, doc, ctx):
        # per-document working state lives in a pass object, not on this
        # instance (which the engine reuses across documents)
        return _Pass(self.options).check(doc, ctx)


class _Pass:
    """One document's pass of NL102: the rule's options and the document's
    working state (its Han bigrams, paragraph prefixes, typical line widths and
    word set), dropped when the document is done."""

    def __init__(self, options: dict):
        self.options = options

    # ------------------------------------------------------------------ pieces
    def _pieces(self, doc) -> list[Piece]:
        pieces: list[Piece] = []
        for b in doc.blocks:
            if not b.text.strip():
                continue
            blank = b.gap_before > 0
            if b.soft_wrap or b.line_count == 1:
                piece = self._piece(doc, b.start, b.end, b.kind, b.lang, b.index, blank)
                piece.marked = bool(b.kind_from_markup)
                pieces.append(piece)
                continue
            nlines = b.line_count
            for k, ln in enumerate(b.lines):
                s = doc.text[ln.start : ln.end]
                if not s.strip():
                    continue
                lang = detect_lang(s)
                if lang == "other":
                    lang = b.lang
                tmp = D.Block(0, ln.start, ln.end, [ln], s, lang=lang)
                kind = classify_block(tmp, k == 0 and b.index == 0, None, None)
                if kind in (D.HEADLINE, D.SUBHEAD) and (
                    k > 0 or b.index > 0 and doc.convention == D.BLANK_LINE and b.kind == D.BODY and nlines > 1
                ):
                    kind = D.BODY  # a line inside a paragraph is not a heading
                if b.kind == D.BODY and kind == D.LEADIN and k < nlines - 1:
                    kind = D.BODY
                pieces.append(self._piece(doc, ln.start, ln.end, kind, lang, b.index, blank and k == 0))
        return pieces

    @staticmethod
    def _piece(doc, start, end, kind, lang, bi, blank) -> Piece:
        s = doc.text[start:end]
        t = s.strip()
        if kind == D.LIST and rx(r"^\d{1,3}[.)]\d").match(t):
            kind = D.BODY  # "59.50 and 80 euro" is not a list item
        elif kind == D.DATELINE:
            m = P.ZH_DATELINE.match(t)
            rest = t[m.end() :] if m else ""
            rest2 = rx(r"^[（(][^（）()]*[）)]").sub("", rest)
            if len(rest) >= 6 and rx(r"[，、]").search(rest) or T.unclosed_openers(rest) or T.count_han(rest2) >= 2:
                kind = D.BODY  # a dateline-led paragraph, cut

        ls = len(s) - len(s.lstrip())
        rs = len(s.rstrip())
        return Piece(start + ls, start + rs, doc.text, kind, lang, bi, blank, _width(t))

    # --------------------------------------------------------------- evidence
    def _strong(self, p: Piece, n: Piece) -> list[Evidence]:
        """Reasons the break between p and n is inside a sentence (strong ones)."""
        why = []
        a, b = p.text, n.text
        if b[0] in T.NO_LINE_START and not _ELLIPSIS_START(b):
            why.append(Evidence(Ev.STARTS_WITH, b[0]))
        if a[-1] in T.NO_LINE_END:
            why.append(Evidence(Ev.ENDS_WITH, a[-1]))
        if _HYPHEN_END.search(a) and _WORD_START.match(b):
            why.append(WORD_SPLIT)
        elif (
            _LOWER_START.match(b)
            and p.lang == "en"
            and n.lang != "zh"
            and not P.LIST_ITEM_START.match(b)
            and not _BRACKETED.match(b)
            and not _URL_START(b)
            and not _URL_ONLY(a)
        ):  # "(after extra-time ...)": a bracketed deck or note
            why.append(LOWER_START)
        if p.lang == "zh":
            if a[-1] in T.FUNCTION_CHARS_ZH or a.endswith(T.FUNCTION_WORDS_ZH):
                why.append(FUNCTION_WORD)
        elif (
            T.last_word(a).lower() in T.DANGLING_WORDS_EN
            and not a.endswith(("-", ","))
            and a[-1].isalpha()
            and " " in a.strip()
        ):  # a lone "or" between two contacts is no sentence
            why.append(FUNCTION_WORD)
        op = [o for o in T.unclosed_openers(self._tail(a)) if o not in '“‘"']
        if op and any(T.PAIRS[o] in b[:200] for o in op):
            why.append(Evidence(Ev.CLOSED_NEXT, op[-1]))
        return why

    @staticmethod
    def _tail(a: str) -> str:
        # the last sentence of a part
        m = rx(r"[。！？!?；][”’」』）)]*(?=[^。！？!?；]*$)").search(a)
        return a[m.end() :] if m else a

    def _prose(self, p: Piece) -> bool:
        if p.kind == D.SUBHEAD and P.SUBHEAD_MARK.match(p.text):
            return False  # a subhead marked as one (【…】, **…**, a trailing # anchor)
        return p.kind not in _HARD_LEGIT

    def _open_end(self, p: Piece, n: Optional[Piece] = None) -> bool:
        """p stops where a sentence cannot stop."""
        a = p.text
        if T.ends_sentence(a) or P.ends_leadin(a):
            return False
        m = _TRAILING_NOTE.search(a)
        if m and T.ends_sentence(a[: m.start()]):
            return False  # "... spills.” (4/2/2010)", "... ChatGPT. (Bloomberg)"
        if a.rstrip(T.CLOSERS).endswith(".") and (n is None or not _LOWER_START.match(n.text)):
            return False  # "Mac OS X." then a capital: a sentence end after all
        if _ELLIPSIS_ONLY(a):
            return False
        return True

    def _judge(self, p: Piece, n: Piece, first: bool = False) -> Optional[list[Evidence]]:
        """Reasons if the break p|n is inside a sentence, else None."""
        if p.marked and n.marked and p.kind in _SOFT_LEGIT and n.kind in _SOFT_LEGIT:
            return None  # two headings the markup itself sets apart (a title, then its byline)
        if (
            p.text.endswith("—")
            and not p.text.endswith("——")
            and n.text.startswith("—")
            and not n.text.startswith("——")
        ):
            return [DASH_SPLIT]  # one half of a Chinese dash on each line
        if not self._prose(p) or not self._prose(n) or not self._open_end(p, n):
            return None
        if p.kind == D.HEADLINE or n.kind == D.HEADLINE:
            return None
        if n.kind == D.LIST or P.LIST_ITEM_START.match(n.text) or _NEW_PARA.match(n.text):
            return None
        if _BRACKETED.match(p.text):
            return None
        strong = self._strong(p, n)
        if first:
            strong = [w for w in strong if w.kind in _AT_THE_BREAK]
        if (
            p.lang == "en"
            and p.blank_before is not None
            and n.blank_before
            and strong
            and set(strong) <= {LOWER_START, FUNCTION_WORD}
            and _NAME_TAIL.search(p.text)
            and (len(_NAME_TAIL.search(p.text).group().split()) <= 2 or T.last_word(p.text).lower() not in _ARTICLES)
        ):
            # "... said. Ireland's" | "continued ...": a name dropped from the copy,
            # not a wrap (common in scraped copy where links were removed)
            strong = []
        if (
            p.lang == "en"
            and p.blank_before is not None
            and n.blank_before
            and len(p.text.split()) <= 2
            and strong == [LOWER_START]
            and all(w[:1].isupper() for w in p.text.split())
        ):
            strong = []  # a lone name paragraph ("Jamaican") before a lower-case one: dropped link text
        if p.fragment_kind or n.fragment_kind:
            # a real heading or caption stands alone: only evidence about the
            # break itself makes it a fragment
            strong = [
                w
                for w in strong
                if w.kind in _AT_THE_BREAK
                or w.kind is Ev.ENDS_WITH
                or (n.fragment_kind and not p.fragment_kind and w.kind is Ev.FUNCTION_WORD)
            ]
            return strong or None
        if strong:
            return strong
        if first:
            return None
        a = p.text
        inside = p.block == n.block and self._hard_blocks
        # weak: two body parts, the first does not end a sentence
        if p.lang != "zh" or n.lang != "zh":
            if "other" in (p.lang, n.lang):
                return None  # no weak evidence in a language the rule does not read
            if inside and (len(a.split()) >= 4 or a[-1] == ","):
                return [Evidence(Ev.LINE_BREAK_INSIDE)]
            return None
        minc = self.options["min-fragment-chars"]
        if len(a) < minc and not _ZH_CLAUSE.search(a):
            return None
        if self._bigram(a, n.text):
            return [WORD_SPLIT]
        if self._cut_copy(p):
            return None  # a cut-short copy of an earlier paragraph: duplicate-paragraph's
        if p.block != n.block and _ZH_OPENER.match(n.text):
            return None  # the next paragraph opens like one ("今晨3时许，…"): a cut, truncated-ending's
        return [Evidence(Ev.NO_SENTENCE_END)]

    def _cut_copy(self, p: Piece) -> bool:
        key = p.text[:16]
        if len(p.text) < 16:
            return False
        for b in self._prefixes.get(key, ()):
            if b.start < p.start:
                text = b.text.strip()
                if len(text) > len(p.text) and text.startswith(p.text):
                    return True
        return False

    def _bigram(self, a: str, b: str) -> bool:
        """The two characters either side of the break form a word used elsewhere."""
        x, y = a[-1:], b[:1]
        if not (T.HAN.match(x or " ") and T.HAN.match(y or " ")):
            return False
        return x + y in self._doc.han_bigrams  # (worked out on first use: most documents never ask)

    # ------------------------------------------------------------------ check
    def check(self, doc, ctx):
        pieces = self._pieces(doc)
        n = len(pieces)
        self._doc = doc  # its Han bigrams (inside lines) tell a split word
        # single newlines are hard breaks in blank-line copy (not in Markdown)
        self._hard_blocks = doc.convention == D.BLANK_LINE
        # blocks by the first 16 characters of their stripped text (the blocks,
        # not their texts: those would be a second copy of a long document)
        pre: dict[str, list] = {}
        for b in doc.blocks:
            t = b.text.strip()
            if len(t) >= 16:
                pre.setdefault(t[:16], []).append(b)
        self._prefixes = pre
        if n < 2:
            return
        self._typical = self._typical_widths(pieces)
        maxcap = self.options["max-caption-lines"]
        # link[i] = (j, reasons, via_caption): piece i continues in piece j
        links: dict[int, tuple[int, list[Evidence], bool]] = {}
        for i in range(n - 1):
            p = pieces[i]
            why = self._judge(p, pieces[i + 1], first=i == 0)
            if why:
                links[i] = (i + 1, why, False)
                continue
            # a caption (or credit) inside the sentence
            if not self._prose(p) or p.kind in _PICTURE or not self._open_end(p):
                continue
            j = i + 1
            while j < n and j - i - 1 < maxcap and pieces[j].kind in _PICTURE:
                j += 1
            if j == i + 1 or j >= n:
                continue
            q = pieces[j]
            if q.kind in _PICTURE:
                continue
            why = self._judge(p, q)
            if not why and self._cut_copy(p):
                continue
            if why or self._continues(p, q):
                links[i] = (j, why or [Evidence(Ev.AFTER_CAPTION)], True)
        self._columns(pieces, links)
        # a hard-wrapped block is one paragraph: once a break inside it is
        # broken, join the rest of its lines too
        hit = {pieces[i].block for i, (j, _, via) in links.items() if not via and pieces[j].block == pieces[i].block}
        typical = self._typical
        for i in range(n - 1):
            p, q = pieces[i], pieces[i + 1]
            if (
                i not in links
                and p.block in hit
                and q.block == p.block
                and p.kind == D.BODY
                and q.kind == D.BODY
                and not self._paragraph_end(p, q, typical)
            ):
                links[i] = (i + 1, [Evidence(Ev.ONE_PARAGRAPH)], False)
        # inside verse (a quoted poem, lyrics), a lower-case start is no evidence
        verse, short = self._verse_lines(pieces)
        for k in verse:
            # enjambment ("the singing spring of / transparent time") is verse
            # too where its lines are short: only a split word or a pair
            # closed on the next line still counts
            if k in links and (
                {w.kind for w in links[k][1]} <= _WEAK
                or k in short
                and not any(w.kind in _SPLIT for w in links[k][1])
                and not any(w.kind is Ev.CLOSED_NEXT for w in links[k][1])
            ):
                del links[k]
        # group the linked pieces into runs
        i = 0
        while i < n:
            if i not in links:
                i += 1
                continue
            run = [i]
            k = i
            while k in links:
                k = links[k][0]
                run.append(k)
            if not self._verse(pieces, run, links):
                self._report(doc, ctx, pieces, run, links)
            i = k + 1

    @staticmethod
    def _verse_lines(pieces: list[Piece], max_width: int = 60, min_lines: int = 4) -> tuple[set[int], set[int]]:
        """Pieces inside a stretch of verse: at least ``min_lines`` short
        Latin-script lines in a row, most of which stop with room to spare for
        the next line's first word. Wrapped lines never do (the next word did
        not fit: that is why the line was broken); verse lines end where the
        phrase ends, whatever the width."""
        out: set[int] = set()
        short: set[int] = set()  # ... whose lines are short: lyric verse
        n = len(pieces)
        i = 0
        while i < n:
            j = i
            while (
                j < n
                and pieces[j].width <= max_width
                and pieces[j].lang != "zh"
                and pieces[j].kind in (D.BODY, D.SUBHEAD, D.LEADIN)
            ):
                j += 1
            if j - i >= min_lines:
                # the column: the widest line of the stretch, or of a
                # hard-wrapped block in it (a headline above is no measure)
                column = max(p.width for p in pieces[i:j])
                block_width: dict[int, int] = {}
                for p in pieces[i:j]:
                    block_width[p.block] = max(block_width.get(p.block, 0), p.width)
                multi = {p.block for p in pieces[i:j]}
                multi = {b for b in multi if sum(1 for p in pieces[i:j] if p.block == b) > 1}
                pairs = list(zip(range(i, j - 1), range(i + 1, j)))

                def fits(a: int, b: int) -> bool:
                    col = (
                        block_width[pieces[a].block]
                        if pieces[a].block in multi and pieces[a].block == pieces[b].block
                        else column
                    )
                    return pieces[a].width + 1 + _width(pieces[b].text.split(None, 1)[0]) <= col

                room = sum(1 for a, b in pairs if fits(a, b))
                if room * 2 > len(pairs):
                    out.update(range(i, j))
                    widths = sorted(p.width for p in pieces[i:j])
                    if widths[len(widths) // 2] <= 40:
                        short.update(range(i, j))
            i = j + 1 if j == i else j
        return out, short

    @staticmethod
    def _verse(pieces: list[Piece], run: list[int], links) -> bool:
        """A run of short lines joined only because the next line starts in
        lower case is verse (a quoted poem, lyrics), set line by line on
        purpose. Wrapped lines are filled: the next line's first word would not
        have fitted on the line. Verse lines end where a phrase ends, with room
        to spare, and most carry a comma, colon or stop."""
        if len(run) < 3 or any(pieces[k].lang == "zh" for k in run):
            return False
        if any(not {w.kind for w in links[k][1]} <= _WEAK for k in run[:-1]):
            return False
        widths = sorted(pieces[k].width for k in run)
        if widths[len(widths) // 2] > 50:
            return False
        column = widths[-1]

        def room(k: int, nxt: int) -> bool:
            word = pieces[nxt].text.split(None, 1)[0]
            return pieces[k].width + 1 + _width(word) <= column

        if all(room(k, j) for k, j in zip(run, run[1:])):
            return True
        if widths[len(widths) // 2] <= 32 and min(pieces[k].width for k in run[:-1]) * 2 < column:
            return True  # short and ragged: labels, verse
        # lines that each end a phrase with a comma or stop, the next starting
        # in lower case: verse (a list of names wrapped at commas starts in capitals)
        marked = sum(1 for k in run[:-1] if pieces[k].text[-1] in ",;:.!?—–")
        lower = all(LOWER_START in links[k][1] for k in run[:-1])
        return lower and marked * 2 >= len(run) - 1

    @staticmethod
    def _typical_widths(pieces: list[Piece]) -> dict[int, float]:
        """The usual line width of each block (its column width when hard-wrapped)."""
        by_block: dict[int, list[int]] = {}
        for p in pieces:
            by_block.setdefault(p.block, []).append(p.width)
        out: dict[int, float] = {}
        for b, ws in by_block.items():
            ws = sorted(ws)
            out[b] = ws[len(ws) * 3 // 4]  # upper quartile: full lines
        return out

    @staticmethod
    def _paragraph_end(p: Piece, q: Piece, typical: dict[int, float]) -> bool:
        """In hard-wrapped copy that lost its paragraph marks (OCR, PDF), a short
        line that ends a sentence, followed by a line that starts like a
        sentence, ends a paragraph: keep that break."""
        if not T.ends_sentence(p.text):
            return False
        col = typical.get(p.block, 0)
        if col < 20 or p.width > col * 0.85:
            return False
        first = q.text[:1]
        return bool(first) and not first.islower() and first not in T.NO_LINE_START

    def _continues(self, p: Piece, q: Piece) -> bool:
        """After a caption: the next part cannot start a paragraph."""
        a, b = p.text, q.text
        if q.kind not in (D.BODY,) and not q.fragment_kind:
            return False
        if p.lang == "zh":
            # a short clause before the first comma, e.g. 机制，政策…
            m = rx(r"^\p{Han}{1,4}[，、。）》”]").match(b)
            return bool(m) or len(a) >= 20 and not T.ends_sentence(a)
        return False

    def _columns(self, pieces: list[Piece], links) -> None:
        """Join runs of lines of one column width into one paragraph."""
        tol = self.options["column-tolerance"]
        n = len(pieces)
        i = 0
        while i < n - 2:
            w = pieces[i].width
            j = i
            if pieces[i].lang not in ("en", "zh"):
                i += 1  # equal widths say nothing in a script the rule does not read
                continue
            # lines of (nearly) equal width with the same kind of separator
            while (
                j + 1 < n
                and pieces[j + 1].lang in ("en", "zh")
                and self._prose(pieces[j + 1])
                and pieces[j + 1].kind not in _PICTURE
                and self._same_width(pieces[j + 1].width, w, pieces[i].lang, tol)
                and (j + 1 - i < 2 or pieces[j + 1].blank_before == pieces[j].blank_before)
            ):
                j += 1
            full = j - i + 1  # full-width lines
            linked = full >= 3 or j + 1 < n and (j + 1) in links or j in links
            # the first piece of the run that ends a sentence
            sent_end = next(
                (k for k in range(i, j + 1) if not self._open_end(pieces[k], pieces[k + 1] if k + 1 < n else None)),
                None,
            )
            one = sent_end is not None and sent_end > i and self._one_sentence_run(pieces, i, sent_end, w)
            if full >= 2 and w >= 14 and self._prose(pieces[i]) and (linked or one):
                # plus a last, shorter line
                last = (
                    j + 1
                    if j + 1 < n and self._prose(pieces[j + 1]) and pieces[j + 1].width < w + tol and (j in links)
                    else j
                )
                broken = sum(1 for k in range(i, last) if k in links)
                if one and sent_end is not None and broken * 2 < (last - i):  # (one: sent_end is set)
                    last, broken = sent_end, sent_end - i
                if broken * 2 >= (last - i):
                    typical = self._typical
                    for k in range(i, last):
                        if (
                            k not in links
                            and pieces[k].kind not in _PICTURE
                            and not self._paragraph_end(pieces[k], pieces[k + 1], typical)
                            and (
                                pieces[k].block == pieces[k + 1].block
                                and not self._hard_blocks
                                or self._open_end(pieces[k], pieces[k + 1])
                            )
                        ):
                            links[k] = (k + 1, [Evidence(Ev.ONE_WIDTH)], False)
                i = last + 1
                continue
            i += 1

    def _one_sentence_run(self, pieces: list[Piece], i: int, last: int, w: int) -> bool:
        """English pieces i..last of one column width read as one sentence:
        every piece but the last stops where a sentence cannot, and the last
        ends it. Column-like widths only (40 to 100), body text or fragments
        taken for subheads (Chinese subheads are too often that wide)."""
        if not 40 <= w <= 100 or last <= i or pieces[i].lang != "en":
            return False
        if any(pieces[k].kind not in (D.BODY, D.SUBHEAD) for k in range(i, last + 1)):
            return False
        if not all(self._open_end(pieces[k], pieces[k + 1]) for k in range(i, last)):
            return False
        return T.ends_sentence(pieces[last].text)

    @staticmethod
    def _same_width(x: int, w: int, lang: str, tol: int) -> bool:
        if lang == "zh":
            return abs(x - w) <= tol * 2
        return abs(x - w) <= max(tol, w // 4)

    # ----------------------------------------------------------------- report
    def _report(self, doc, ctx, pieces, run, links):
        first, last = pieces[run[0]], pieces[run[-1]]
        breaks = len(run) - 1
        reasons: list[Evidence] = []
        caption = False
        word = False
        edits = []
        unsafe = False
        moved: list[str] = []
        for a, b in zip(run, run[1:]):
            j, why, via = links[a]
            for w in why:
                if w not in reasons:
                    reasons.append(w)
            p, q = pieces[a], pieces[j]
            if via:
                caption = True
                unsafe = True
                moved.append(doc.text[pieces[a + 1].start : pieces[j - 1].end])
            e, u = self._join(doc, p, q)
            unsafe = unsafe or u
            if WORD_SPLIT in why:
                word = True
            edits.append(e)
        if caption:
            msg = _("sentence interrupted by a photo caption and continued after it")
            # put the caption after the joined paragraph
            end_block = doc.blocks[last.block]
            edits.append(Edit(end_block.end, end_block.end, "\n\n" + "\n\n".join(moved)))
        elif word and breaks == 1:
            msg = _("line break inside a word")
        elif breaks >= 2:
            msg = _(
                "paragraph broken into {lines} lines at {breaks} breaks inside sentences",
                lines=breaks + 1,
                breaks=breaks,
            )
        else:
            msg = _("line break inside a sentence")
        sep = _("; ")
        msg = _("{what} ({reasons})", what=msg, reasons=join(sep, [r.message() for r in reasons[:2]]))
        fix = Fix(_("Join the broken lines"), tuple(edits), "unsafe" if unsafe else "safe")
        # point at the break(s): from the last character before the first break to
        # the first character after the last one, where that keeps the finding's
        # first and last lines those of the run (a line of HTML copy may span
        # several source lines)
        start = first.end - 1 if doc.position(first.end - 1)[0] == doc.position(first.start)[0] else first.start
        end = last.start + 1 if doc.position(last.start + 1)[0] == doc.position(last.end)[0] else last.end
        ctx.report(start, end, msg, fix=fix)

    def _words(self, doc) -> set:
        """Lower-cased words and hyphenated compounds used on one line of the copy."""
        return doc.word_set

    def _join(self, doc, p: Piece, q: Piece):
        a, b = p.text, q.text
        zh = p.lang == "zh" and q.lang == "zh" or (T.is_cjk_char(a[-1]) and T.is_cjk_char(b[0]))
        start, end = p.end, q.start
        if zh or a[-1] in "“‘（《「『【(" or b[0] in T.NO_LINE_START:
            return Edit(start, end, ""), False
        m = _HYPHEN_END.search(a)
        m2 = _WORD_START.match(b)
        if m and m2:
            joined = m.group(1) + m2.group(1)
            words = self._words(doc)
            if f"{m.group(1)}-{m2.group(1)}".lower() in words:
                return Edit(start, end, ""), False  # a known hyphenated compound: keep the hyphen
            if joined.lower() in words:
                return Edit(start - 1, end, ""), False
            return Edit(start - 1, end, ""), True
        return Edit(start, end, " "), False


@hookimpl
def newslint_register_checks():
    return [BrokenLineWrap]
