"""NL103 truncated-ending: text that stops mid-sentence."""

from __future__ import annotations

from typing import Optional

import regex

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import _
from lint.lang import patterns as P
from lint.lang import text as T
from lint.lang.patterns import EN_DATELINE, ZH_DATELINE
from lint.lang.text import (
    CLOSERS,
    DANGLING_WORDS_EN,
    FUNCTION_CHARS_ZH,
    NO_LINE_START,
    PAIRS,
    count_han,
    ends_sentence,
    rx,
    unclosed_openers,
)
from lint.lang.text import lazy as _lazy

# --- evidence tables ----------------------------------------------------------

# Whole words that end in a function character (现在, 行为, 原因): no dangling ending.
ZH_COMPLETE_WORDS = T.wordlist("complete-words-zh")
EN_DANGLING = DANGLING_WORDS_EN  # the shared list: words a sentence cannot stop on

# a preposition used as a particle closes a phrasal verb: "aimed for", "drafted in", "early on"
EN_PARTICLE = _lazy(
    r"\b(?:(?:aimed|called|paid|accounted|voted|asked|hoped|waited|cared|fought|sought|opted|bid|applied|qualified|"
    r"compensated|allowed|made up|pushed|pressed|argued|campaigned|lobbied|prepared|planned|searched|looked) for"
    r"|(?:early|later|so|carry|carried|went|go|goes|moved|move|hold|held|lived) on"
    r"|(?:drafted|brought|called|came|come|moved|stepped|kicked|joined|logged|signed|checked|sign|log|check|opt|opted|plug|tune|tuned|dig|chip|join|fill|cave|caved|give|filled|turned|pitched|"
    r"chipped|weighed|cashed|plugged|handed|phased|factored|sank|set|settled|sworn|took|taken|fit|fitted|gave|give|given) in"
    r"|(?:aimed|looked|hinted|stared|laughed|arrived|priced|valued|estimated|pegged) at"
    r"|(?:heard|thought|disposed|afraid|proud|aware|unaware|sure|fond|capable|short|consist|consists|consisted) of"
    r"|(?:talked|thought|cared|worried|asked|brought|came|come|spoke|spoken|wrote|written|knew|know|known) about"
    r"|(?:dealt|agreed|sided|coped|met|deal|cope|along|away|through|done|finished|familiar|happy|pleased|satisfied|content) with"
    r"|(?:stood|stand|stands|come|came|passed|pass|drop|dropped|stop|stopped|abide|abided|swear|swore|went|go) by"
    r"|(?:over and|all) over|(?:at|about|over|above|around) about)$",
    regex.I,
)
# what stands before the last word: another word or a comma (so it is not a
# line's first word) / the start of a sentence (the last word opens one)
_AFTER_WORD = _lazy(r"[\p{L}\p{N},;:]\s+$")
_SENTENCE_START = _lazy(r"(?:^|[.!?…:;]['\"”’)]*\s+)$")
OPENERS_CHECKED = "（(《“「『【〔〈[‘"
SENT_END_ZH = _lazy(r"[。！？!?；…]|\.{3}")
SENT_END_EN = _lazy(r"[.!?…][\"'”’)\]]*(?=\s|$)")
READ_MORE_END = _lazy(r"[\s\u3000]*(?:" + P.READ_MORE + r")[\s\u3000]*$", regex.I)
TRAILING_MARKERS = _lazy(
    r"(?:[\s\u3000]*(?:" + P.READ_MORE + r""
    r"|[（(](?:来源|来源于|稿件来源|本报|记者|编辑|责编|完|全文完|[\p{Han}]{2,8}(?:报|网|社|台|讯|新闻))[^）)]{0,20}[）)]))+[\s\u3000]*$",
    regex.I,
)
CAPTION_LIKE = _lazy(
    r"[(（](?:Photo|Picture|Pictured|Image|Credit|Photograph)s?(?:\s+by)?\s*[:：][^)）]{1,80}[)）]\s*$"
    r"|^\s*(?:Photo|Picture|Pictured|Image)s?\s*[:：]|^\s*(?:图为|圖為|图[：:]|上图|下图|左图|右图)|(?:摄|攝|提供|供图|供圖)[）)]?\s*$"
    r"|^\s*(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit|Video|图|圖|表)\s*\d+(?:\.\d+)?\s*[:：.]",
    regex.I,
)
PUA_SPLIT = _lazy(r"[\ue000-\uf8ff]")
URL = _lazy(r"(?:https?://|www\.)\S+$|\b[\w.-]+\.(?:com|org|net|cn|gov|edu|co\.uk)(?:/\S*)?$|\S+@\S+\.\w+$", regex.I)
TABLE_LIKE = _lazy(r"\S(?: {2,}|\t)\S.*\S(?: {2,}|\t)\S|\S(?: {3,}|\t)\S")
# one-character clauses that can close a sentence: answers, particles
ZH_ONE_CHAR_CLAUSE = set("好对是行嗯啊哦呢吧了吗呀哈嘛么啦否")
ZH_FRESH_START = T.wordlist("fresh-starts-zh")


_TAIL = 600  # how much of a paragraph's end the evidence looks at

# Sentence-final marks of other scripts (Devanagari danda, Urdu full stop,
# halfwidth ideographic stop): a paragraph ending in one is finished.
OTHER_STOPS = "।॥۔｡"
# a line that opens with a pictograph is a call to action or a social line ("📲 Follow us on …")
PICTOGRAPH_START = _lazy(r"^\s*(?:\p{Extended_Pictographic}|[\u2600-\u27bf])")
EN_CLAUSE_END = T.wordlist("clause-ends-en")
EN_SENTENCE_OPENERS = T.wordlist("sentence-openers-en")
EMOJI_END = _lazy(r"(?:\p{Extended_Pictographic}|[\u2600-\u27bf]|[:;]-?[)(DP])[\ufe0f\u200d\s]*$")
# a comma after a verb of saying leads in to a quotation: "..., the minister declared,"
LEADIN_COMMA = _lazy(
    r"(?:\b(?:said|says|declared|declares|wrote|writes|added|adds|explained|explains|stated|states|announced|asked|"
    r"replied|noted|notes|warned|insisted|continued|recalled|told\s+\w+|put\s+it)"
    r"|(?:说|表示|指出|称|强调|认为|写道|提到|透露|介绍|坦言|感慨|回忆))\s*[,，]$",
    regex.I,
)
# "..., the club said": the last sentence is a complete attributed clause
EN_ATTRIBUTION_END = _lazy(
    r"\b(?:he|she|they|we|it|I|officials|police|[A-Z][\w.'’-]+|(?:the|a|an|its|their)\s+\w+)\s+(?:said|says|added|adds|wrote|writes|confirmed|announced|reported"
    r"|told\s+\w+(?:\s+\w+)?)$"
)
EN_WORD_END = _lazy(r"([\p{L}\p{N}][\p{L}\p{N}'’-]*)$")


FOOTNOTE_END = _lazy(r"(?<![\d.])[.!?。！？…][\"'”’)）]*(?:\d{1,2}|[¹²³⁰-⁹]+|\[\d{1,3}\])$")
# furniture: menu items and metadata joined by separators
SEPARATED = _lazy(r"\S\s+[|·•]\s+\S")
CONTACT_LINE = _lazy(r"^.{0,16}[：:]\s*\+?[\d\s()（）-]{2,}\d$|\+?\d[\d\s()-]{8,}\d$")
KANA = _lazy(r"[\p{Hiragana}\p{Katakana}]{2}")
ZH_SOURCE_NOTE = _lazy(r"[（(][^（）()]{1,24}(?:报道|報導|报导|电|電|摄|攝|提供|来源|來源)[）)]")
ZH_STAMP = _lazy(
    r"(?:\d{2,4}年)?\d{1,2}月\d{1,2}日(?:\s*\d{1,2}[:：]\d{2})?$|\d{1,2}[:：]\d{2}$|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$"
)


def _finished(s: str) -> bool:
    """Does ``s`` end as a finished paragraph: a sentence-final mark (of any
    script, closers allowed after it), a closing quote, or an emoji?"""
    t = s.rstrip(" \t\u3000\u00a0")
    if not t:
        return False
    if ends_sentence(t) or t[-1] in "”’」』\"'" or t.rstrip(CLOSERS)[-1:] in OTHER_STOPS:
        return True
    if FOOTNOTE_END.search(t[-12:]):
        return True  # a note reference after the full stop: "... the US government.2"
    return bool(EMOJI_END.search(t[-8:]))


def _title_case(s: str) -> bool:
    """Are most words of ``s`` capitalised (a name, a credit, a title), not running text?"""
    words = rx(r"\p{L}[\p{L}'’-]*").findall(s)[-12:]
    if len(words) < 2:
        return False
    caps = sum(
        1
        for w in words
        if w[0].isupper() or w.lower() in ("of", "the", "and", "for", "a", "in", "on", "at", "to", "by")
    )
    return caps >= 0.8 * len(words) and sum(1 for w in words if w[0].isupper()) >= 0.5 * len(words)


def _english(s: str) -> bool:
    """Do the last words of ``s`` read as English (most are English words)?
    Latin-script text in other languages is often tagged en by the block
    classifier; word-level evidence must not judge it."""
    from lint.lang.words import zipf

    words = rx(r"\p{L}+").findall(s[-300:])[-9:-1]  # not the last word: that is the one judged
    if not words:
        return False
    # names count as English when wordfreq has seen them (Hodgson, Kerry)
    known = sum(1 for w in words if zipf(w, "en") >= (1.5 if w[0].isupper() else 3.0))
    # a lower-case word English has never seen ("propuesta") gives another language away
    foreign = sum(1 for w in words if w.islower() and len(w) >= 4 and zipf(w, "en") < 1.5)
    return known >= 0.75 * len(words) and foreign * 8 <= len(words)


def _words_en(s: str) -> int:
    return len(s.split())


def _mid_word(token: str, first: bool = False) -> bool:
    """Is ``token`` the start of an English word cut short: rare itself, and
    the beginning of a much more common word ("minis" -> "minister", "Novem"
    -> "November")? A capitalised token may be a name: it must be rarer, and
    not the first word of its sentence."""
    if not token.isascii() or not token.isalpha():
        return False
    from lint.lang.words import completes_to, zipf

    if token.islower():
        if len(token) == 1:
            return token != "a"  # "ensuring i", "billion b"
        z = zipf(token, "en")
        if z >= 4.5:
            return False
        if z >= {2: 4.5, 3: 4.0}.get(len(token), 3.5):
            # fairly common itself: the longer word must be far more common ("numb" -> "number")
            return bool(completes_to(token, "en", z + 2.0))
        return bool(completes_to(token, "en", max(3.5, z + 1.5)))
    if token.istitle() and first:
        # capitalised only because it starts the sentence: "... in Las Vegas. Othe"
        return _mid_word(token.lower()) if len(token) > 1 else False
    if token.istitle() and len(token) >= 2:
        z = zipf(token, "en")
        return z < 3.5 and bool(completes_to(token, "en", max(3.5, z + 1.8)))
    return False


def _fresh_sentence(before: str, frag: str) -> bool:
    """Does ``frag`` (a word or two) open a new sentence after running prose that
    ends a real sentence in ``before`` (not "Mr." or "U.S.": the word before the
    stop is lower case, a figure or a closing quote), with a capital or figure?"""
    if not rx(r"[\p{Lu}\p{N}\"“‘']").match(frag.lstrip()):
        return False
    if not rx(r"(?:\b\p{Ll}{2,}|\p{N}|[\"”’')])[.!?][\"”’')]*\s*$").search(before):
        return False
    prose = rx(r"(?<=[.!?])\s+").split(before.strip())
    # the finished part is prose: a sentence of several words, not a label
    return len(before.split()) >= 8 and any(len(p.split()) >= 6 for p in prose)


def _zh_syntax(s: str) -> bool:
    """Does a short Chinese phrase hold a function character that segmentation
    leaves standing alone (在新年, 报告会由中国): the start of a sentence?"""
    from lint.lang.words import segment_zh

    return any(len(w) == 1 and w in FUNCTION_CHARS_ZH for w in segment_zh(s))


def _zh_dangles(s: str, ch: str) -> bool:
    """Does the function character ``ch`` at the end of ``s`` stand alone (走向,
    死因, 谦和 are whole words; 是有机会的 is a complete 是……的 clause)?"""
    from lint.lang.words import segment_zh

    clause = rx(r"[，。；！？、：,;:!?]").split(s[-40:])[-1]
    if len(clause) < 2:
        return True
    toks = segment_zh(clause)
    if not toks or toks[-1] != ch:
        return False
    if ch == "的" and any(t in ("是", "会", "能", "要", "可能", "应该", "一定") for t in toks[:-1]):
        return False  # 是……的 / 会……的: the clause is complete
    return True


def _caption_like(text: str) -> bool:
    return len(text) < 400 and bool(CAPTION_LIKE.search(text))


# what a trailing marker (TRAILING_MARKERS) can end with: a read-more marker's
# last character or a source note's closing bracket
_MARKER_LAST = P.READ_MORE_LAST | frozenset("）)")


def _may_end_in_marker(s: str, last: frozenset = _MARKER_LAST) -> bool:
    """False when ``s`` cannot end in a marker because its last non-space
    character ends none: a cheap test that spares the end-anchored marker
    patterns a search through the whole tail (they try every position)."""
    t = s.rstrip()
    c = t[-1:].lower()
    if c == ".":
        return t[-2:-1].lower() in P.READ_MORE_BEFORE_STOP  # "Read more." (most paragraphs end in ".")
    return c in last


def _strip_markers(s: str) -> str:
    """Drop trailing read-more markers and source notes: ``…［详细］``, ``（京华时报）``."""
    prev = None
    s = s.rstrip()
    if len(s) > 160:
        # the markers sit at the end: work on the tail only (linear overall)
        return s[:-160] + _strip_markers(s[-160:])
    while prev != s and _may_end_in_marker(s):
        prev = s
        s = TRAILING_MARKERS.sub("", s).rstrip(" \t\u3000\u00a0")
    return s


def _within(what, opens: list):
    """The evidence, with the bracket or quote it is inside when there is one."""
    return _("{what} inside an unclosed {char}", what=what, char=opens[-1]) if opens else what


def _habit_note(why, n: int, mark: str):
    """The evidence, with how the document's other paragraphs end."""
    if n > 1:
        return _("{why} (the other {n} paragraphs end with {mark})", why=why, n=n, mark=mark)
    return _("{why} (the other paragraph ends with {mark})", why=why, mark=mark)


class TruncatedEnding(Check):
    """## What it does
    Flags text that stops mid-sentence: at the end of the file, or in a
    paragraph that is cut off and never continued (a new paragraph, a heading
    or a different story follows). The message names the evidence.

    Strong evidence (reported as errors), from the ending itself:

    - a function word (the/of/and; 的/和/在/是 ...); Chinese function
      characters count only when segmentation leaves them standing alone
      (走向, 死因, 谦和 are words; 是……的 is a complete clause);
    - a comma or 、, an unclosed （ 《 “ or an opening quote, a ``trans-`` hyphen;
    - an English word cut short: "ends mid-word ('minis')" (a rare token that
      begins a much more common word, from wordfreq; in a line read as a
      heading only when it has five words or more, or three or more and the
      fragment is lower case), or a possessive with
      nothing after it (``... chased fly-half Charlie Hodgson's``);
    - a Chinese clause of one character after a comma (``今年以来，衢``), or a
      dateline paragraph that stops before its first sentence ends;
    - a teaser cut before its read-more marker (``……他们将继续［详细］``,
      ``... would >> more``).

    Weak evidence (warnings): running text with no sentence-final punctuation,
    weighed against the document's own habit: "no sentence-final punctuation
    after running text (the other 12 paragraphs end with 。)". It counts where
    the other body paragraphs of running text end with 。/./!/?/a closing quote
    (see ``habit-share``), where a news dateline opens the paragraph, or where
    the paragraph is the only one and runs long. In English it also covers a
    new sentence of a word or two after finished prose (``... last week.
    Their self``), a lone statement of a few words ending the file (``She
    faces German``), and mid-file a long one-sentence paragraph between
    finished paragraphs of running text (not a deck after a heading, not a
    caption). In Chinese, a file that ends on a bare phrase of four to seven
    characters with a function character standing alone in it (``座谈会由市园林``;
    not a label such as ``关于我们``). Mid-file it also needs a new paragraph or
    heading after the cut.

    A short line at the very end of a file, after body text, is read as a
    fragment, not a subhead. A paragraph whose sentence is carried on by the
    next block (a lower-case start, a closing bracket, a word split across the
    break, a wrap continued across a caption) is left to `broken-line-wrap`.
    Never flagged: headlines and subheads (except on strong evidence), bylines,
    datelines, captions and ``Figure 1:`` lines, credits, sign-offs
    (``Cheers,``), contact lines, URLs, menus (``Home | News``), lead-ins
    ending in —— ： or a comma after a verb of saying, quotations after a
    lead-in, list items, tables and columns of figures, footnote marks
    (``... government.2``), emoji, titles joined by spaces, an attributed
    clause (``..., the club said``), and a paragraph ending as the document's
    others do. Word-frequency evidence judges English only: Latin-script text
    in other languages (accented words such as ``fiança``, ``Bahía``) and
    Japanese (「…」) get no word-level evidence; ``।`` and ``۔`` end sentences.

    ## Why is this bad?
    A story that stops in the middle of a sentence lost its ending on the way
    to the desk (a CMS teaser cut at a byte limit, a paste that fell short, a
    feed that truncates). Readers notice at once; the missing text has to be
    recovered.

    ## Example
    ```text
    净胜球、进球、胜负关系，甚至纪律分（红黄
    ```
    ```text
    ... AirAsia fell 2.9%. Resort operato
    ```
    Use instead: restore the rest of the sentence from the source.

    ## Options
    - ``check-mid-file`` (true): also flag paragraphs cut inside the file.
    - ``weak-evidence`` (true): use the missing full stop as (weak) evidence.
    - ``weak-evidence-at-end`` (true): also at the very end of the file.
    - ``habit-share`` (0.9): share of the other body paragraphs that must end
      with sentence-final punctuation for the weak evidence to count (one odd
      paragraph in five or more is tolerated).
    - ``min-running-chars-zh`` (25) / ``min-running-words-en`` (12): length a
      one-sentence Chinese / English fragment needs to count as running text
      without other support.

    ## Fix safety
    No automatic fix: the missing text can only come from the source.
    """

    name = "truncated-ending"
    code = "NL103"
    severity = "error"
    options = {
        "check-mid-file": True,
        "weak-evidence": True,
        "weak-evidence-at-end": True,
        "habit-share": Option(0.9, min=0, max=1),
        "min-running-chars-zh": Option(25, min=0),
        "min-running-words-en": Option(12, min=0),
    }

    def check(self, doc, ctx):
        # per-document working state lives in a pass object, not on this
        # instance (which the engine reuses across documents)
        return _Pass(self.options).check(doc, ctx)


class _Pass:
    """One document's pass of NL103: the rule's options and the document's
    Han bigrams, dropped when the document is done."""

    def __init__(self, options: dict):
        self.options = options

    # --------------------------------------------------------------- helpers
    def _tail(self, doc, block):
        tl = self._tail0(doc, block)
        if tl is not None and block.kind == D.DATELINE:
            # a dateline that runs into the first words of a cut paragraph
            text, start, end = tl
            m = ZH_DATELINE.match(text) or EN_DATELINE.match(text)
            rest = text[m.end() :] if m else ""
            if len(rest.strip()) < 2 or "\n" in text:
                return None
        return tl

    def _tail0(self, doc, block):
        """(text, start offset, end offset) of the block's last content line(s),
        after meta lines (sign-offs, credits, URLs) at its end are dropped; None
        when nothing is left."""
        lines = block.lines
        k = len(lines)
        while k > 0:
            t = doc.text[lines[k - 1].start : lines[k - 1].end].strip()
            if not t or P.META_LINE.match(t) or URL.fullmatch(t.strip()) or t in ("…", "……", "...", "．．．"):
                k -= 1
                continue
            break
        if k == 0:
            return None
        start = lines[0].start
        end = lines[k - 1].end
        text = doc.text[start:end]
        # collapsed paragraphs (scraped pages) separated by private-use characters
        parts = PUA_SPLIT.split(text)
        if len(parts) > 1:
            off = len(text) - len(parts[-1])
            if not parts[-1].strip():
                return None
            text = parts[-1]
            start += off
        return text, start, end

    def _evidence(
        self,
        text: str,
        lang: str,
        weak_ok: bool,
        dateline_led: bool = False,
        mid: bool = False,
        heading: bool = False,
        between: bool = False,
    ):
        """(strength, description) of the evidence that ``text`` stops mid-sentence:
        2 strong (the ending itself shows the cut), 1 weak (running text with no
        sentence-final punctuation: it counts only where the document's other
        paragraphs end theirs), 0 none."""
        text = text[-_TAIL:]  # the evidence is at the end; keep the cost per paragraph bounded
        zh = lang == "zh" or (count_han(text[-20:]) >= 3)
        if zh and KANA.search(text[-200:]):
            zh = False  # Japanese: neither the Chinese nor the English evidence applies
            lang = "other"
        en = lang == "en" and not zh
        # a teaser cut before its read-more marker: "……他们将继续［详细］"
        tail = text[-160:]
        rm = READ_MORE_END.search(tail) if _may_end_in_marker(tail, P.READ_MORE_LAST) else None
        if rm:
            before = _strip_markers(text[: len(text) - 160 + rm.start()] if len(text) > 160 else text[: rm.start()])
            if before and not _finished(before) and not rx(r"(?:…+|\.{3,}|．{3,})$").search(before):
                c = before[-1]
                running = count_han(before) >= 6 if zh else en and _words_en(before) >= 5
                if running and (count_han(c) or c.isalnum()):
                    return 2, "cut before a read-more marker"
        s = _strip_markers(text)
        s = s.rstrip(" \t\u3000\u00a0")
        if not s:
            return 0, ""
        teaser = len(s) < len(text.rstrip()) and rx(r"(?:…+|\.{3,}|．{3,})$").search(s)
        if teaser:
            # a teaser cut (…［详细］): the ellipsis marks the cut; judge what precedes it
            s = s[: teaser.start()].rstrip()
            if not s or ends_sentence(s):
                return 0, ""
            weak_ok = False
        # (every URL shape has a "." or "://"; every table row two spaces or a tab)
        token, row = s[-300:].rsplit(None, 1)[-1], s.rsplit("\n", 1)[-1][-300:]
        if (
            ("." in token or "://" in token)
            and URL.search(token)
            or ("  " in row or "\t" in row)
            and TABLE_LIKE.search(row)
        ):
            return 0, ""
        last_line = s.rsplit("\n", 1)[-1].strip()
        if P.LIST_ITEM_LOOSE.match(last_line) and "\n" in s:
            return 0, ""
        if EMOJI_END.search(s[-8:]):
            return 0, ""  # informal copy ends on an emoji
        ch = s[-1]
        # unclosed opener at the cut
        if (ch in OPENERS_CHECKED or ch == '"' and (len(s) < 2 or s[-2] in " (")) and (
            ch in "（(《【〔〈[" or zh or en
        ):
            return 2, _("ends on an opening {char}", char=ch)
        # the last sentence
        ends = list((SENT_END_ZH if zh else SENT_END_EN).finditer(s))
        last_sent = s[ends[-1].end() :] if ends else s
        if _finished(s):
            return 0, ""
        bracket_end = False
        if ch in CLOSERS:
            if ch in "”’」』\"'" or not zh:
                # a closing quote: the quotation was finished, even when a
                # comma inside it waits for an attribution
                return 0, ""
            # a Chinese bracket or title mark (…签署《备忘录》, 约90%（套）)
            # closes an aside, not the sentence: weak evidence at most
            bracket_end = True
        # a label, a sign-off ("Cheers,"), a table cell: too short to be a cut sentence
        tiny = _words_en(s) < 4 if not zh else count_han(s) < 4
        # quotation marks differ between languages (’…‘ in Urdu, „…“ in German);
        # “> is a broken attribute (markup residue), not a quotation
        opens = [
            o
            for o in unclosed_openers(rx(r"[“‘\"]>").sub("", s))
            if o in OPENERS_CHECKED and (zh or en or o in "（(《【〔〈[")
        ]
        if not zh and s.count('"') % 2 == 1:
            q = rx(r'(?:^|[\s(\[])"([^"]*)$').search(s)
            # an opening quote near the end (house styles leave long quotes open)
            if q and len(SENT_END_EN.findall(q.group(1))) <= 1:
                opens.append('"')
        if bracket_end:
            pass
        elif ch in "，,、":
            if tiny or LEADIN_COMMA.search(s[-40:]):
                return 0, ""
            return 2, _within(_("ends with a comma {char!r}", char=ch), opens)
        if bracket_end:
            pass
        elif ch in "-‐" and rx(r"\p{L}-$").search(s) and not zh:
            return 2, _("ends in a word broken by a hyphen")
        if opens and opens[-1] in "（(《“「『【〔〈[":
            return 2, _("ends inside an unclosed {char}", char=opens[-1])
        if bracket_end:
            pass
        elif zh and count_han(ch):
            for w in T.DANGLING_WORDS_ZH:
                if s.endswith(w) and (len(w) > 1 or _zh_dangles(s, w)):
                    return 2, _within(_("ends in the function word '{word}'", word=w), opens)
            if ch in T.DANGLING_CHARS_ZH and s[-2:] not in ZH_COMPLETE_WORDS and _zh_dangles(s, ch):
                return 2, _within(_("ends in the function word '{word}'", word=ch), opens)
        elif en and _words_en(s) >= 2 and not EN_ATTRIBUTION_END.search(s[-60:]):
            found = self._en_word_evidence(s, opens, heading)
            if found:
                return found
        if opens:
            return 2, _("ends inside an unclosed {char}", char=opens[-1])
        if zh and count_han(ch) and rx(r"[，,、]\p{Han}$").search(s) and ch not in ZH_ONE_CHAR_CLAUSE:
            return 2, _("ends in a one-character fragment after a comma ('{char}')", char=ch)
        if zh and dateline_led and count_han(ch) and count_han(s) >= 2 and not ends:
            return 2, _("the dateline's paragraph stops before its first sentence ends")
        if not weak_ok or tiny:
            return 0, ""
        return self._weak_evidence(s, zh, en, ch, ends, last_sent, last_line, bracket_end, mid, between)

    @staticmethod
    def _en_word_evidence(s: str, opens: list, heading: bool) -> Optional[tuple]:
        """Strong evidence in the last English word: a function word, a word
        cut short, a possessive with nothing after it; None when there is none."""
        m = EN_WORD_END.search(s[-80:])
        token = m.group(1) if m else ""
        word = token if "-" not in token else ""  # buy-in, sworn-in: whole words
        first_word = bool(m) and not _AFTER_WORD.search(s[: len(s) - len(token)])
        # (a two-word label such as "Supported by" is furniture, not a cut sentence)
        if (
            word
            and _words_en(s) >= 3
            and (word.islower() or word.istitle() and first_word)
            and word.lower() in EN_DANGLING
            and not EN_PARTICLE.search(s[-120:])
            and _english(s)
        ):
            return 2, _within(_("ends in the function word '{word}'", word=word), opens)
        # word frequencies: not for short headings, which end without a
        # stop by design (and would load the word list for most documents);
        # a "heading" of prose length may be a cut paragraph's first line
        # (a heading of three or four words counts when its last word is a
        # lower-case fragment, "He accused the governme", not a name)
        long_enough = not heading or _words_en(s) >= 5 or _words_en(s) >= 3 and word.islower() and not _title_case(s)
        if (
            word
            and long_enough
            and _mid_word(word, bool(_SENTENCE_START.search(s[: len(s) - len(word)])))
            and _english(s)
        ):
            return 2, _("ends mid-word ('{word}')", word=word)
        pm = rx(r"(\p{Lu}[\p{L}-]*)['’]s").fullmatch(word)
        if (
            pm
            and _words_en(s) >= 6
            and not rx(r"\b(?:of|at|to|from|is|was|are|were|be|by)\s+\S+$", regex.I).search(s[-60:])
            and _english(s)
        ):
            return 2, _("ends in a possessive ('{word}') with nothing after it", word=word)
        return None

    def _weak_evidence(
        self,
        s: str,
        zh: bool,
        en: bool,
        ch: str,
        ends: list,
        last_sent: str,
        last_line: str,
        bracket_end: bool,
        mid: bool,
        between: bool,
    ) -> tuple[int, str]:
        """Weak evidence: running text with no sentence-final punctuation at the
        end, unless it reads as furniture, data or a list."""
        # weak: running text with no sentence-final punctuation at the end ...
        # ... but not furniture: menus and metadata, contact lines, a tagline
        # after the story's source note, a date stamp
        if SEPARATED.search(last_sent) or CONTACT_LINE.search(last_line):
            return 0, ""
        if PICTOGRAPH_START.match(last_line):
            return 0, ""  # "📲 Follow us on …": a call to action, not a cut sentence
        lines = [x for x in s[-400:].split("\n") if x.strip()]
        if len(lines) >= 2 and all(len(x.strip()) < (20 if zh else 40) for x in lines[-3:]):
            return 0, ""  # a column of short lines: a list or a table, not prose
        if not zh:
            toks = last_sent.split()
            if toks and sum(1 for t in toks if rx(r"\p{L}").match(t)) < 0.75 * len(toks):
                return 0, ""  # figures and codes more than words: data
        if zh and rx(r"\p{Han}[ \u3000]+\p{Han}").search(last_sent) and not rx(r"[，、；]").search(last_sent):
            return 0, ""  # titles joined by spaces (a list of headlines), not a sentence
        if zh:
            note = None
            for note in ZH_SOURCE_NOTE.finditer(s[-60:]):
                pass
            if note is not None and count_han(s[-60:][note.end() :]) < 15 or ZH_STAMP.search(s[-20:]):
                return 0, ""
        if zh:
            if (
                (count_han(ch) or ch.isdigit() or bracket_end)
                and count_han(s) >= 4
                and (
                    ends
                    or rx(r"[，、：]").search(last_sent)
                    or count_han(last_sent) >= (8 if not mid else self.options["min-running-chars-zh"])
                )
            ):
                return 1, _("no sentence-final punctuation after running text")
            # the file ends on the first words of a paragraph (报告会由中国, 在新年):
            # a bare phrase with a function character standing alone in it (a
            # sentence's syntax), not a label (相关新闻, 关于我们, 编辑王明)
            if (
                not mid
                and not ends
                and count_han(ch)
                and 2 <= count_han(s) == len(s.strip()) <= 7
                and _zh_syntax(s.strip())
            ):
                return 1, _("no sentence-final punctuation after running text")
        elif en:
            words = last_sent.split()
            # a new sentence of a word or two after a finished one in running
            # prose ("... last week. Their self"): the cut came right after it
            # began (titles and names are expected there, so no title-case test)
            fresh = bool(ends) and 1 <= len(words) <= 6 and _fresh_sentence(s[: ends[-1].end()], last_sent)
            # at the end of the file, a lone sentence of a few words that opens
            # as a statement does ("She faces ...", "The US government"), where
            # the other paragraphs end theirs (a credit or a call to action opens
            # with a name or a verb)
            opener = (
                not mid
                and not ends
                and len(words) >= 3
                and words[0].lower() in EN_SENTENCE_OPENERS
                and words[0][0].isupper()
            )
            if (
                words
                and rx(r"[\p{L}\p{N}]").match(words[-1][-1])
                # mid-file, a one-sentence block without a stop is as often a
                # caption, a menu or a list entry as a cut: want a paragraph
                and (
                    ends
                    and len(words) >= 3
                    or fresh
                    or opener
                    # mid-file, a long one-sentence block only between finished
                    # paragraphs of running text (a deck or a caption has none before it)
                    or (not mid or between)
                    and len(words) >= self.options["min-running-words-en"]
                    and not _caption_like(s)
                )
                and not EN_ATTRIBUTION_END.search(last_sent[-60:])
                and words[-1].lower().strip(".,;:!?\"'”’") not in EN_CLAUSE_END
                and (fresh or not _title_case(last_sent))
                and _english(s)
            ):
                return 1, _("no sentence-final punctuation after running text")
        return 0, ""

    def _continues(self, prev_text: str, nxt, lang: str) -> bool:
        """Does the block ``nxt`` read as the rest of the sentence in ``prev_text``?"""
        t = nxt.text.lstrip(" \t\u3000\u00a0")
        if not t:
            return False
        c = t[0]
        if c in NO_LINE_START or c in CLOSERS and c not in "“‘\"'":
            return True
        if c.islower() or c in "的了着得之":
            return True
        # the next block closes a bracket the cut block left open (or it does not)
        closes = self._closes(prev_text, t)
        if closes is not None:
            return closes
        if lang == "zh" and count_han(c):
            # a short first clause (机制，政策……) carries on a word or phrase
            m = rx(r"([^，。；：！？、,.;:!?“”（）]{1,2})[，；、,;]").match(t)
            if m and m.group(1) not in ZH_FRESH_START:
                return True
        return False

    @staticmethod
    def _closes(text: str, nxt_text: str):
        """None when ``text`` leaves no bracket or quote open; else whether
        ``nxt_text`` closes the innermost one before opening it again."""
        opens = [o for o in unclosed_openers(text) if o in PAIRS]
        if not opens:
            return None
        o, c = opens[-1], PAIRS[opens[-1]]
        i = nxt_text.find(c)
        return i >= 0 and o not in nxt_text[:i]

    def _wrap_run(self, prev, text, nxt, trust_headings=False) -> bool:
        """The cut block sits in a run of broken-wrap pieces: the body piece before
        it is open too, or the piece after it is open and about as wide. With
        ``trust_headings`` (the document ends its paragraphs) a heading is a
        heading, whatever its width."""
        w = len(text.rsplit("\n", 1)[-1].strip())
        if prev.index > 0 and self._lacks_end(prev):
            if prev.kind == D.BODY:
                return True
            pw = len(prev.text.strip())
            if not trust_headings and "\n" not in text and not _caption_like(prev.text) and 0.67 * w <= pw <= 1.5 * w:
                return True
        if self._closes(text, nxt.text) is False:
            return False
        if self._lacks_end(nxt):
            if nxt.kind == D.BODY:
                return True
            return not trust_headings and 0.5 * w <= len(nxt.text.strip()) <= 1.5 * w + 2
        return False

    def _lacks_end(self, b) -> bool:
        t = _strip_markers(b.text).rstrip().rstrip(CLOSERS)
        return bool(t) and t[-1] not in ".。!?！？…；;" and b.kind in (D.BODY, D.SUBHEAD, D.HEADLINE)

    # --------------------------------------------------------------- check
    @staticmethod
    def _running(b) -> bool:
        """Is the block running text (not a label, a heading or a short line)?"""
        t = b.text
        if b.lang == "zh":
            return count_han(t) >= 15
        return _words_en(t) >= 8

    def _split_bigram(self, doc, text: str, nxt_text: str) -> bool:
        """Do the two Han characters either side of the break form a word the
        document uses elsewhere (inside its lines)?"""
        x, y = text.rstrip()[-1:], nxt_text.lstrip()[:1]
        if not (count_han(x) and count_han(y)):
            return False
        return x + y in doc.han_bigrams

    @staticmethod
    def _heading(b) -> bool:
        """A heading of a few words (a lone name or label is not one)."""
        if b.kind not in (D.HEADLINE, D.SUBHEAD):
            return False
        t = b.text.strip()
        return count_han(t) >= 4 if b.lang == "zh" else len(t.split()) >= 2

    @staticmethod
    def _after_leadin(blocks, i) -> bool:
        """The block follows a lead-in ("Laura knows this too:"): it is a
        quotation or an excerpt, which need not end its sentence."""
        if i == 0:
            return False
        p = blocks[i - 1]
        return p.kind == D.LEADIN or p.text.rstrip().endswith((":", "："))

    @staticmethod
    def _sentence(b) -> bool:
        """Is the block a finished sentence or more (not a bare label)?"""
        t = _strip_markers(b.text)
        return _finished(t) and (count_han(t) >= 6 if b.lang == "zh" else _words_en(t) >= 4)

    def _habits(self, blocks):
        """{index: finished?} for the body paragraphs of running text, the mark
        most of the finished ones end with, and how many are finished (counted
        once, so that judging each paragraph against the others stays linear)."""
        ended = {}
        marks: dict[str, int] = {}
        for k, b in enumerate(blocks):
            if k == 0 or b.kind != D.BODY or not self._running(b):  # block 0: the title's place
                continue
            t = _strip_markers(b.text[-200:])
            ok = _finished(t)
            ended[k] = ok
            if ok:
                m = t.rstrip().rstrip(CLOSERS)[-1:] or t.rstrip()[-1:]
                marks[m] = marks.get(m, 0) + 1
        mark = max(marks, key=lambda m: marks[m]) if marks else "."
        return ended, mark, sum(ended.values())

    @staticmethod
    def _habit_holds(habits, skip, min_count, share=0.9):
        """The other body paragraphs end their sentences (at least 90% of them,
        and at least ``min_count``): (holds, how many). ``habits`` is what
        :meth:`_habits` returned; the paragraph ``skip`` is left out."""
        ended, _, done = habits
        n = len(ended)
        if skip in ended:
            n, done = n - 1, done - ended[skip]
        # one odd paragraph in five or more (a tagline, a sign-off line) is tolerated
        return n >= min_count and (done >= share * n or n >= 5 and done >= n - 1), n

    def check(self, doc, ctx):
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not blocks:
            return
        skip_kinds = {D.SIGNOFF, D.CREDIT, D.CAPTION, D.BYLINE, D.BOILERPLATE, D.ELLIPSIS}
        weak = self.options["weak-evidence"]
        habits = None
        # --- end of the file
        last = None
        for i in range(len(blocks) - 1, -1, -1):
            b = blocks[i]
            if b.kind in skip_kinds:
                continue
            tl = self._tail(doc, b)
            if tl is None:
                continue
            last = i
            break
        reported = set()
        if last is not None and last > 0:
            b = blocks[last]
            text, start, end = self._tail(doc, b)
            ok_kind = b.kind in (D.BODY, D.SUBHEAD, D.HEADLINE, D.DATELINE)
            if ok_kind:
                dl = b.lang == "zh" and bool(ZH_DATELINE.match(text.lstrip()))
                habits = self._habits(blocks)
                ok0, n0 = self._habit_holds(habits, last, 1, self.options["habit-share"])
                # weak evidence only where something can confirm it (the
                # document's habit, a dateline, a lone paragraph): the word
                # lists load only for such candidates
                weak_ok = (
                    b.kind in (D.BODY, D.DATELINE)
                    and weak
                    and self.options["weak-evidence-at-end"]
                    and (ok0 or dl or n0 == 0)
                )
                strength, why = self._evidence(
                    text, b.lang, weak_ok, dateline_led=dl, heading=b.kind in (D.SUBHEAD, D.HEADLINE)
                )
                if b.kind not in (D.BODY, D.DATELINE) and strength < 2:
                    strength = 0
                if strength == 1:
                    habits = habits or self._habits(blocks)
                    ok, n = self._habit_holds(habits, last, 1, self.options["habit-share"])
                    ok = ok and not self._after_leadin(blocks, last)
                    if dl and not ok:
                        # a news agency's dateline paragraph is running copy: it ends its sentences
                        why = _("{why} (the paragraph opens with a dateline)", why=why)
                    elif ok:
                        why = _habit_note(why, n, habits[1])
                    elif n == 0 and not self._after_leadin(blocks, last) and self._own_habit(text, b.lang):
                        # the only paragraph: its own earlier sentences show the
                        # habit, or it is a long run of prose (a teaser cut at a limit)
                        why = _("{why} (the only paragraph)", why=why)
                    else:
                        strength = 0
                if strength:
                    self._report(
                        doc,
                        ctx,
                        start,
                        end,
                        _("Text stops mid-sentence at the end of the file: {why}", why=why),
                        severity=None if strength == 2 else "warning",
                    )
                    reported.add(last)
        # --- mid-file cuts
        if not self.options["check-mid-file"]:
            return
        indented = None
        for i, b in enumerate(blocks[:-1]):
            if i == 0 or i in reported or (last is not None and i >= last):
                continue
            if b.kind not in (D.BODY, D.SUBHEAD, D.DATELINE):
                continue
            tl = self._tail(doc, b)
            if tl is None:
                continue
            text, start, end = tl
            if indented is None:
                indented = self._indent_odd(doc, blocks)
            if b.index in indented:
                continue  # an indented block in flush-left copy: a quotation, verse or furniture
            habits = habits or self._habits(blocks)
            habit_ok, n = self._habit_holds(habits, i, 1, self.options["habit-share"])
            weak_ok = b.kind in (D.BODY, D.DATELINE) and weak and (habit_ok or b.lang == "zh")
            prev = blocks[i - 1]
            between = prev.kind == D.BODY and self._running(prev) and _finished(_strip_markers(prev.text[-200:]))
            strength, why = self._evidence(
                text, b.lang, weak_ok, mid=True, heading=b.kind == D.SUBHEAD, between=between
            )
            if strength == 0:
                continue
            # the next block that is not a caption/credit interposed in the sentence
            j = i + 1
            while j < len(blocks) and (blocks[j].kind in (D.CAPTION, D.CREDIT) or _caption_like(blocks[j].text)):
                j += 1
            if j >= len(blocks):
                continue
            nxt = blocks[j]
            if self._continues(text, nxt, b.lang) or self._one_sentence(text, nxt, b.lang):
                continue
            if b.lang == "zh" and self._split_bigram(doc, text, nxt.text):
                continue  # a word split across the break (从火|场): broken-line-wrap's
            # a cut paragraph is followed by a new paragraph; a label, an
            # author's name or a menu item after it says the page is furniture
            if not (self._running(nxt) or self._sentence(nxt) or nxt.kind == D.LEADIN or self._heading(nxt)):
                continue
            # part of a run of broken wraps: a neighbouring body piece is also
            # open (not where the document's paragraphs end their sentences)
            if self._wrap_run(blocks[i - 1], text, nxt, trust_headings=habit_ok):
                continue
            # a clause ending in a function word or comma, then an unfinished
            # heading-like line: the line is its continuation (a label or a
            # table cell wrapped), not a new section
            if (
                strength == 2
                and nxt.kind in (D.SUBHEAD, D.HEADLINE)
                and not _finished(nxt.text)
                and not rx(r"[。！？!?；;，,]|\.\s").search(text[-_TAIL:-1])
                and ("function word" in why or "comma" in why)
            ):
                continue
            if strength == 1:
                # weak evidence mid-file: where the document ends its other
                # paragraphs and a new paragraph of running text follows
                if (
                    habit_ok
                    and not (self._lacks_end(nxt) and nxt.kind == D.BODY)
                    and (nxt.kind == D.BODY and self._running(nxt) or self._heading(nxt))
                    and not self._after_leadin(blocks, i)
                ):
                    why = _("{why}, and a new paragraph follows", why=_habit_note(why, n, habits[1]))
                elif (
                    # or, in Chinese, where a different story follows (the
                    # document's habits are unknown: pages pasted together)
                    b.lang == "zh"
                    and nxt.kind == D.BODY
                    and not self._lacks_end(nxt)
                    and len(nxt.text) >= 40
                    and not self._similar(text, nxt.text)
                    and self._zh_clause_cut(text)
                ):
                    why = _("{why}, and an unrelated paragraph follows", why=why)
                else:
                    continue
            self._report(
                doc,
                ctx,
                start,
                end,
                _("Paragraph stops mid-sentence and is not continued: {why}", why=why),
                severity=None if strength == 2 else "warning",
            )

    def _own_habit(self, text: str, lang: str) -> bool:
        """A paragraph of two or more finished sentences, then an unfinished one
        of a few words."""
        s = _strip_markers(text[-_TAIL:])
        ends = list((SENT_END_ZH if lang == "zh" else SENT_END_EN).finditer(s))
        last = s[ends[-1].end() :] if ends else s
        if len(ends) >= 2:
            return count_han(last) >= 4 if lang == "zh" else len(last.split()) >= 4
        if lang == "zh":
            return count_han(last) >= self.options["min-running-chars-zh"]
        return len(last.split()) >= self.options["min-running-words-en"]

    def _zh_clause_cut(self, text: str) -> bool:
        """Chinese running text whose last sentence has a clause or more before the cut."""
        s = _strip_markers(text[-_TAIL:])
        ends = list(SENT_END_ZH.finditer(s))
        last = s[ends[-1].end() :] if ends else s
        return (
            count_han(last) >= 6
            and "，" in last
            and (bool(ends) or count_han(s) >= self.options["min-running-chars-zh"])
        )

    @staticmethod
    def _indent_odd(doc, blocks) -> set:
        """Indices of blocks indented (4+ spaces or a tab) in a document whose
        paragraphs are otherwise flush left."""
        if doc.convention == D.INDENTED or doc.markup:
            return set()
        out = set()
        for b in blocks:
            first = b.lines[0]
            line = doc.text[first.start : first.end]
            if line.startswith(("    ", "\t")):
                out.add(b.index)
        return out if len(out) * 2 < len(blocks) else set()

    @staticmethod
    def _similar(a: str, b: str) -> bool:
        """Do two paragraphs share vocabulary (character bigrams / words)?"""

        def grams(s):
            if count_han(s) * 2 >= len(s.split()):
                s = rx(r"[^\p{Han}]").sub("", s)
                return {s[k : k + 2] for k in range(len(s) - 1)}
            return {w.lower() for w in rx(r"[A-Za-z]{4,}").findall(s)}

        ga, gb = grams(a), grams(b)
        if not ga or not gb:
            return True
        return len(ga & gb) / min(len(ga), len(gb)) >= 0.12

    def _one_sentence(self, text: str, nxt, lang: str) -> bool:
        """A fragment followed by a short one-sentence block: read them as one sentence."""
        t = _strip_markers(nxt.text).strip()
        zh = lang == "zh"
        pat = SENT_END_ZH if zh else SENT_END_EN
        if pat.search(text) or not t:
            return False
        ends = list(pat.finditer(t))
        if len(ends) != 1 or ends[0].end() < len(t.rstrip(CLOSERS)):
            return False
        if self._closes(text, t) is False:
            return False
        # English: a fresh paragraph starts with a capital and a continuation in
        # lower case (see _continues), so only Chinese needs this test
        return zh and len(t) <= 25 and len(text) + len(t) <= 45

    def _report(self, doc, ctx, start, end, message, severity=None):
        # keep the span tight: the last line of the cut paragraph
        ln, _ = doc.position(end)
        line = doc.line(ln)
        s = max(start, line.start)
        while s < end and doc.text[s] in " \t\u3000":
            s += 1
        ctx.report(s, end, message, severity=severity)


@hookimpl
def newslint_register_checks():
    return [TruncatedEnding]
