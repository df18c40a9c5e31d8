"""NL104 mixed-articles: two (or more) stories in one file."""

from __future__ import annotations

import bisect
import math
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import N_, _, join
from lint.lang import text as T
from lint.lang.compiled import compile_re, compile_regex
from lint.lang.patterns import EN_DATELINE, ZH_DATELINE
from lint.lang.text import ends_sentence, rx
from lint.lang.text import lazy as _lazy
from lint.model import Related

# the cue that opens a second story, as the message names it
_CUE_NAMES = {"dateline": N_("dateline"), "byline": N_("byline"), "headline": N_("headline"), "subhead": N_("subhead")}
_ROUNDUP = _lazy(
    r"快讯|简讯|联播(?!）|\))|要闻|速览|一览|早报|晚报|播报|资讯|新闻(?:简报|摘要|汇总)|\bin brief\b|\bbriefs?\b|\broundup\b|"
    r"\bround-up\b|\bdigest\b|\bheadlines\b|\bat a glance\b|\bwhat we know\b|\blive\b",
    regex.I,
)


_HAN = compile_re(f"[{T.HAN_RANGES}]+")
# Latin letters, accented ones included (fiança, Bahía): a word is not split at ç or í
_LATIN = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f"
_WORD = compile_re(rf"[{_LATIN}][{_LATIN}'’-]+")
_SENT = compile_re(r"(?<=[.!?])\s+|(?<=[。！？；])")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def features(text: str, lang: str) -> frozenset:
    """Topic terms of a text: Han bigrams (no segmentation needed) or English content words."""
    if lang == "zh":
        return frozenset(_zh_grams(text, 2))
    memo = _EN_TERM
    if len(memo) > 200000:
        memo.clear()
    words = _WORD.findall(text.lower())
    for raw in words:
        if raw not in memo:
            memo[raw] = _en_term(raw)
    # (the terms added in the words' order, as one at a time: the same set, in the same order)
    return frozenset({w for w in map(memo.__getitem__, words) if w})


_EN_TERM: dict = {}  # word as written -> its term (one string for every sentence), or None


def _bare(w: str) -> str:
    """An English word without the quotes and hyphens around it and without a possessive 's."""
    w = w.strip("'’-")
    return w[:-2] if w.endswith(("'s", "’s")) else w


def _singular(w: str) -> str:
    """A light plural -s dropped (votes -> vote; not bass, not bus)."""
    return w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w


def _en_term(w: str):
    w = _bare(w)
    if len(w) < 3 or w in T.TOPIC_STOP_WORDS_EN:
        return None
    return sys.intern(_singular(w))


@dataclass
class _Caches:
    """What one pass of NL104 computes once per document and reuses: features
    of each block's sentences, the units each term occurs in, each unit's
    topic words. Large on long files, and dropped with the pass."""

    sentence_features: dict = field(default_factory=dict)
    occurrences: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)


def _sentence_features(cache: dict, b) -> list:
    """Features of each sentence of a block (a cheap split: vocabulary chains
    need no more), kept in ``cache`` (the pass's, by block index). Each is kept
    as a tuple in the set's own order: only iterated once made, and a tuple
    of eight terms weighs 104 bytes where the set weighs 728 (the sentences
    of a long document outweighed its text). Equal terms are one string
    (a Han bigram is a new 2-character string each time it is cut)."""
    got = cache.get(b.index)
    if got is None:
        lang = "zh" if b.lang == "zh" else "en"
        # (English terms come interned from features; Han bigrams are new strings)
        got = cache[b.index] = [
            tuple(map(sys.intern, f)) if lang == "zh" else tuple(f)
            for f in (features(x, lang) for x in _SENT.split(b.text))
            if f
        ]
    return got


_END_CHARS = set(".!?。！？…；;:：")
_CLOSERS = '"”’」』）)]】》 \t'


def _ends(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _END_CHARS


_HW = compile_re(rf"[{_LATIN}][{_LATIN}'’]*[{_LATIN}]|\d[\d.,]*\d|\d")
_EN_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "ers", "er", "ly", "s")


@lru_cache(maxsize=200_000)
def _stem(w: str) -> str:
    """Light English stem for headline matching: warns/warned/warning -> warn (six letters at most)."""
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    for suf in _EN_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    return w[:6]


def _en_stems(text: str) -> set:
    out: set = set()
    for w in set(_HW.findall(unicodedata.normalize("NFKC", text).lower())):
        out.update(_word_stems(w))
    return out


@lru_cache(maxsize=200_000)
def _word_stems(w: str) -> tuple:
    out = []
    for part in w.split("-"):
        part = part.strip("'’")
        if (len(part) < 3 and not part.isdigit()) or part in T.TOPIC_STOP_WORDS_EN:
            continue
        out.append(_stem(part))
    return tuple(out)


# topic stop characters turned into a space: Han runs then hold no stop character
_STOP_TO_SPACE = str.maketrans(dict.fromkeys(T.TOPIC_STOP_CHARS_ZH, " "))


def _zh_grams(text: str, n: int) -> set:
    """Han n-grams of ``text`` that hold no topic stop character."""
    return {s[i : i + n] for s in _HAN.findall(text.translate(_STOP_TO_SPACE)) for i in range(len(s) - n + 1)}


_LABEL = compile_re(
    r"^[\u3400-\u9fff]{0,4}(?:主办|协办|承办|时间|地点|来源|联系|电话|地址|日期|简介|说明|报名)[：:]|[：:]\s*$"
)


def _dot(a: Counter, b: Counter) -> float:
    if len(a) > len(b):
        a, b = b, a
    return float(sum(v * b.get(k, 0) for k, v in a.items()))


def _inline_dateline(text: str) -> bool:
    """A paragraph that opens with an agency dateline: 新华社北京12月6日电 …, LONDON (Reuters) - …."""
    s = text.lstrip()
    if s.startswith(("据", "来源")):
        return False  # 据塔斯社报道: an attribution inside the story, not a dateline
    m = ZH_DATELINE.match(s) or EN_DATELINE.match(s)
    return bool(m) and m.end() >= 6


def _term_units(caches: _Caches, units, members=None) -> dict:
    """Each recurring term -> sorted unit indices, one entry per sentence that
    holds it (chains of vocabulary), kept in the pass's caches."""
    key = tuple(b.index for b, _ in units)
    cache = caches.occurrences
    if key in cache:
        return cache[key]
    occ: dict = {}
    members = members or {}
    for i, (b, _f) in enumerate(units):
        for blk in members.get(b.index, (b,)):
            for f in _sentence_features(caches.sentence_features, blk):
                for t in f:
                    lst = occ.get(t)
                    if lst is None:
                        occ[t] = [i]
                    else:
                        lst.append(i)
    cache[key] = out = {t: v for t, v in occ.items() if len(v) >= 2}
    return out


def _seg_stats(occ: dict, s: int, e: int) -> tuple:
    """(crossing, inside-only, outside-only) vocabulary chains for the segment [s, e).

    Chains wholly inside the segment are its own vocabulary, chains wholly outside
    belong to the rest; a single story has many crossing chains, two stories few.
    """
    ins = out = sh = 0
    bl = bisect.bisect_left
    for v in occ.values():
        k = bl(v, s)
        inside = k < len(v) and v[k] < e
        outside = v[0] < s or v[-1] >= e
        if inside and outside:
            sh += 1
        elif inside:
            ins += 1
        else:
            out += 1
    return sh, ins, out


def _unit_terms(occ: dict, n: int) -> list:
    unit_terms: list[Counter[str]] = [Counter() for _ in range(n)]
    for t, v in occ.items():
        for i in v:
            unit_terms[i][t] += 1
    return unit_terms


def _sweep(occ: dict, unit_terms: list, s: int, n: int, ends, min_own: int = 3, window: int = 40) -> tuple:
    """Best (lowest) chain ratio crossing/(crossing + min(own counts)) of segment [s, e)
    over e in ends: one pass over the units after s, at most `window` units (a spliced
    story is short), plus the suffix [s, n) counted directly."""
    ins = sh = 0
    out = len(occ)
    cnt: dict = {}
    best: tuple[float, int | None, int, int] = (2.0, None, 0, 0)
    ends = sorted(set(ends))
    lim = min(n, s + window)
    k = 0
    for e in range(s, lim + 1):
        if e > s:
            for t, c in unit_terms[e - 1].items():
                tot = len(occ[t])
                before = cnt.get(t, 0)
                after = before + c
                cnt[t] = after
                # old state -> new state
                if before == 0:
                    out -= 1
                elif before < tot:
                    sh -= 1
                if after >= tot:
                    ins += 1
                else:
                    sh += 1
        while k < len(ends) and ends[k] < e:
            k += 1
        if k < len(ends) and ends[k] == e:
            if min(ins, out) >= min_own:
                r = sh / max(min(ins, out) + sh, 1)
                if r < best[0]:
                    best = (r, e, ins, out)
    if lim < n and n in ends:
        sh, ins, out = _seg_stats(occ, s, n)
        if min(ins, out) >= min_own:
            r = sh / max(min(ins, out) + sh, 1)
            if r < best[0]:
                best = (r, n, ins, out)
    return best


_READER = compile_regex(r"\b(?:you|your|yours|you're|you’re|you'll|you’ll|we|our|us)\b|[您你]", regex.I)
_QUOTED = compile_regex(r"“[^”]*”?|\"[^\"]*\"?|「[^」]*」?|『[^』]*』?")
_KANA = compile_re(r"[\u3041-\u309f\u30a0-\u30ff]")


def _is_japanese(text: str) -> bool:
    """Kana make up a tenth or more of the Han and kana characters (Chinese has none)."""
    sample = text[:20000]
    kana = len(_KANA.findall(sample))
    return kana >= 20 and kana * 10 >= kana + sum(map(len, _HAN.findall(sample)))


def _not_english(texts) -> bool:
    """Two in five words (three letters or more) of `texts` are rare or unknown in
    English (Zipf under 2): another language written in Latin letters (German,
    French), whose function words English frequency lists hold only as rarities."""
    from lint.lang import words

    toks = [w for t in texts for w in _WORD.findall(t.lower()) if len(w) >= 3][:200]
    if len(toks) < 8:
        return False
    return sum(1 for w in toks if words.zipf(w.strip("'’-"), "en") < 2.0) * 5 > 2 * len(toks)


_COH_RUN = compile_re(f"[{T.HAN_RANGES}]+|[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def _topic_terms(text: str, lang: str, ceiling: float) -> dict:
    """Topic words of a paragraph, each with its weight (how informative it is:
    `ceiling` minus its Zipf frequency). Chinese is segmented into words (jieba);
    English words are folded to lower case and lightly stemmed (plural -s).
    A leading dateline names a place and an agency, not the topic: it is skipped."""
    from lint.lang import words

    m = ZH_DATELINE.match(text) or EN_DATELINE.match(text)
    if m:
        text = text[m.end() :]
    out: dict = {}
    memo = _EN_TOPIC.get(ceiling)
    if memo is None or len(memo) > 200000:
        memo = _EN_TOPIC[ceiling] = {}
    for run in _COH_RUN.findall(text):
        if run[0] >= "\u3400":
            if lang != "zh":
                continue
            for w, z in words.content_words_zh(run):
                if z < ceiling:
                    out[sys.intern(w)] = ceiling - z  # (one string for a word met in many paragraphs)
            continue
        got = memo.get(run, 0)
        if got == 0:
            got = memo[run] = _en_topic_word(run, ceiling)
        if got is not None:
            w, wt = got
            out[w] = max(wt, out.get(w, 0.0))
    return out


_EN_TOPIC: dict = {}  # ceiling -> {English word as written -> (term, weight), or None: it weighs nothing}


def _en_topic_word(run: str, ceiling: float):
    from lint.lang import words

    w = _bare(run.lower())
    if len(w) < 3:
        return None
    wt = words.informativeness(w, "en", ceiling)  # (weighed as written, before a plural -s is dropped)
    return (sys.intern(_singular(w)), wt) if wt > 0 else None


def _wdot(u: dict, bag: dict, W: dict) -> float:
    """Weighted dot product of a paragraph's terms (each counted once) with a bag of term counts."""
    return sum(W[k] * W[k] * bag[k] for k in u if k in bag)


def _cos(a: Counter, b: Counter, W: dict) -> float:
    """Weighted cosine of two bags of term counts."""
    aa = sum(W[k] ** 2 * c * c for k, c in a.items())
    bb = sum(W[k] ** 2 * c * c for k, c in b.items())
    if len(a) > len(b):
        a, b = b, a
    return sum(W[k] ** 2 * c * b[k] for k, c in a.items() if k in b) / math.sqrt(max(aa * bb, 1e-9))


def _stretch_scan(U: list, heads: list, min_len: int, max_len: int, min_before: int):
    """Every stretch [s, e) of 2..max_len paragraphs, with the text before it (P) and
    after it (Q): weighted cosines of the term counts of stretch and P, stretch and Q,
    and P and Q. Yields (s, e, xp, xq, pq); pq is None when the stretch runs to the end.
    One pass: the bags are updated paragraph by paragraph (linear in the text)."""
    n = len(U)
    W: dict = {}
    T: dict = {}
    for u in U:
        W.update(u)
        for k in u:
            T[k] = T.get(k, 0) + 1
    TT = sum(W[k] * W[k] * c * c for k, c in T.items())
    UT = [_wdot(u, T, W) for u in U]
    UU = [sum(W[k] * W[k] for k in u) for u in U]
    P: dict = {}
    PP = PT = 0.0
    for s in range(n):
        if s >= min_before and not heads[s]:
            X: dict = {}
            XX = XP = XT = 0.0
            for e in range(s + 1, min(n, s + max_len) + 1):
                u = U[e - 1]
                XX += 2 * _wdot(u, X, W) + UU[e - 1]
                XP += _wdot(u, P, W)
                XT += UT[e - 1]
                for k in u:
                    X[k] = X.get(k, 0) + 1
                if e - s < min_len or (e < n and heads[e]) or XX <= 0 or PP <= 0:
                    continue
                xp = XP / math.sqrt(XX * PP)
                if e == n:
                    yield s, e, xp, 0.0, None
                    continue
                QQ = TT + PP + XX - 2 * PT - 2 * XT + 2 * XP
                if QQ <= 1e-9:
                    continue
                xq = (XT - XP - XX) / math.sqrt(XX * QQ)
                pq = (PT - PP - XP) / math.sqrt(PP * QQ)
                yield s, e, xp, xq, pq
        u = U[s]
        PP += 2 * _wdot(u, P, W) + UU[s]
        PT += UT[s]
        for k in u:
            P[k] = P.get(k, 0) + 1


class MixedArticles(Check):
    """## What it does
    Flags a file that holds more than one story, with one finding per file at the
    line where story 2 starts (its headline, dateline or byline when one opens it,
    else its first paragraph; the message and `related` name the same line), the
    number of stories, and in `related` where story 2 starts and, when story 1
    resumes after it, the last line of the stretch.
    Evidence, strongest first:
    - a second dateline or byline in mid-file, with different vocabulary between
      the story it opens and the rest of the file (each cue is tried in turn). A
      byline naming an author the file already named is a credit inside one story
      (a graphic's "By ... | Imagery by ..."), not a cue;
    - a second headline in mid-file whose words recur in the body below it but not
      in the text above it (headline-body affinity), with few vocabulary chains
      (terms recurring across sentences) crossing the boundary. In a file with
      several section heads, a head opens a story only with a dateline or byline
      of its own below it: a subhead is not a boundary by itself;
    - topic cohesion, with no marker at the seam: a stretch of 2 to
      `stretch-max-paragraphs` paragraphs whose topic words belong to neither
      neighbour while the text before and after it cohere once it is taken out
      (story B dropped into story A, which resumes after it). Words are weighted
      by how informative they are (`word-ceiling` minus their Zipf frequency, so
      names and topic words count and everyday words do not); Chinese is segmented
      into words (jieba, loaded only for a Chinese file long enough to hold two
      stories, `stretch-min-han`); English is first screened on cheap word sets
      (`stretch-prescreen`). The stretch's weighted cosine with the text before it
      and with the text after it, the larger, over their cosine with each other,
      must be at most `max-stretch-affinity`, against the whole file and against
      the three paragraphs on each side. The stretch must hold `stretch-min-chars`
      characters (Chinese: three tenths), cohere within itself at least as much as
      with its surroundings, be in the file's language and not address the reader.
      Seams at subheads and short section heads are left to the headline test.
      Chinese: a foreign tail of at least two paragraphs after three or more, with
      a cosine of at most `max-tail-affinity` with the text above it;
    - English: a change of vocabulary alone, when few of the recurring words cross
      the boundary compared with the words each side keeps to itself (a cohesion
      ratio judged against the file's own vocabulary), including a story spliced
      into another that then resumes (A, B, A).
    A boundary from a cue or from vocabulary chains stands only when both sides are
    stories: story 1 comes first, each side holds `min-story-chars` characters
    (Chinese: a fifth; English: two paragraphs), the two share little topic
    vocabulary (weighted cosine at most `max-story-affinity`), neither side mostly
    addresses the reader (you, your, the page's "we" outside quotes: cookie boxes,
    paywalls, newsletter boxes, comment prompts) and neither is in another
    language (most words rare or unknown in English).
    - a headline that does not belong to its body (a scraped page whose body is
      another story): English, none of its content words (light stems), numbers or
      names occur in the body, or the body never mentions the names it carries
      (Blair, Tory) and shares at most one word with it (dates are neither names
      nor topic words, and a credit line such as "From staff reports" is not a
      headline); Chinese, at most a tenth of its character pairs and no
      three-character run (a short item must share none), or, when a common word
      is shared by chance, at most a tenth of the weight of its informative words.
      Reported on the headline through the first body line.
    - an unbroken page (a long English text with no blank line at all, such as an
      OCR'd front page): cut into windows of lines, a title line (ALL CAPS, or a short
      Title Case line after a finished sentence) whose words occur in the lines below
      but not above, where the similarity of the windows on each side falls well under
      the page's own typical similarity of adjacent windows. Reported on that line.
    A mid-file headline may carry a deck, dateline or byline before its body; its
    words are compared with the few paragraphs just above it, not the whole file.
    A spliced story may be followed by story A resuming for a single paragraph.
    Files longer than `max-chars` (a million characters by default) are
    collections such as archive dumps, not one story, and are not checked; nor is
    Japanese (Han with kana), whose words the Chinese segmenter does not know.
    Near copies of a paragraph are ignored for the vocabulary test. A single story
    with subheads, a Q&A, a comment section, credit lines or a newsletter box, a
    news-briefs roundup (联播快讯, "In brief"), and a Chinese report with several
    item headings are not flagged.

    ## Why is this bad?
    A page scraped or pasted together from two stories misleads readers: one
    story's facts end up under the other's headline.

    ## Example
    ```
    市政府宣布地铁三号线延长至新区……（story A）

    新华社北京12月6日电

    2026年世界杯小组赛抽签结果揭晓……（story B）
    ```
    ```
    The council voted to extend the tram line to the airport ...

    Manchester United beat Chelsea 2-1 on Saturday ...
    ```
    """

    name = "mixed-articles"
    code = "NL104"
    severity = "error"
    options = {
        "min-units": Option(4, min=1),
        "max-shared-en": Option(0.35, min=-1, max=1),
        "max-shared-zh": Option(-1.0, min=-1, max=1),
        "candidates": Option(5, min=1),
        "cue-cross-similarity": Option(0.2, min=-1, max=1),
        "min-chars": Option(20, min=0),
        "headline-max-above": Option(0.34, min=0, max=1),
        "headline-max-shared": Option(0.7, min=0, max=1),
        "headline-window": Option(3, min=1),
        "page-min-lines": Option(120, min=1),
        "page-window": Option(10, min=1),
        "page-max-similarity": Option(0.5, min=0),
        "mismatch-min-body": Option(300, min=0),
        "max-chars": Option(1_000_000, min=1),
        "mismatch-max-zh": Option(0.1, min=0, max=1),
        "stretch-max-paragraphs": Option(5, min=0),
        "max-stretch-affinity": Option(0.08, min=0, max=1),
        "max-tail-affinity": Option(0.012, min=0, max=1),
        "word-ceiling": Option(6.0, min=0),
        "stretch-min-han": Option(200, min=0),
        "stretch-min-chars": Option(200, min=0),
        "stretch-prescreen": Option(0.8, min=0, max=1),
        "min-story-chars": Option(200, min=0),
        "max-story-affinity": Option(0.2, min=0, max=1),
    }

    def check(self, doc, ctx):
        # per-document working state lives in a pass object, not on this
        # instance (which the engine reuses across documents)
        return _Pass(self.options).check(doc, ctx)


class _Pass:
    """One document's pass of NL104: the rule's options and the document's
    units and their topic words, dropped when the document is done."""

    def __init__(self, options: dict):
        self.options = options
        self.caches = _Caches()

    # ------------------------------------------------------------------ helpers
    def _units(self, doc):
        min_chars = self.options["min-chars"]
        units: list[tuple[D.Block, frozenset]] = []
        members: dict[int, list[D.Block]] = {}
        self._members = members
        open_unit = False  # the previous unit stops mid-sentence: a fragment joins it
        for b in doc.blocks:
            if b.kind not in (D.BODY, D.SUBHEAD) or not b.text.strip():
                open_unit = False
                continue
            sf = _sentence_features(self.caches.sentence_features, b)
            f = frozenset().union(*sf) if sf else frozenset()
            if open_unit and units:
                pb, pf = units[-1]
                units[-1] = (pb, pf | f)
                members[pb.index].append(b)
            elif b.kind == D.BODY and len(b.text.strip()) >= min_chars and len(f) >= 2:
                units.append((b, f))
                members[b.index] = [b]
            else:
                open_unit = False
                continue
            open_unit = not _ends(b.text)
        return units

    @staticmethod
    def _is_roundup(doc) -> bool:
        heads = [b for b in doc.blocks if b.text.strip()][:3]
        for b in heads:
            if (
                b.kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.LEADIN, D.BODY)
                and len(b.text) <= 80
                and _ROUNDUP.search(b.text)
            ):
                return True
        # structurally: short items, each a heading and one or two paragraphs, all the way down
        items = sum(
            1
            for i, b in enumerate(doc.blocks)
            if b.kind in (D.SUBHEAD, D.HEADLINE) and i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind == D.BODY
        )
        body = sum(1 for b in doc.blocks if b.kind == D.BODY)
        return items >= 4 and body <= 2 * items + 1

    def _vocab_split(self, doc, units):
        """Best story boundary by vocabulary chains: (ratio, start of story B, end of B or n).

        Near copies of an earlier paragraph are left out (a duplicate is not a story).
        Start candidates are the few gaps with the lowest local similarity, so the
        cost stays linear in the text: one sweep over the units per candidate.
        """
        n = len(units)
        keep = []
        seen: list[frozenset] = []
        for i, (b, f) in enumerate(units):
            if any(len(f & g) >= 0.6 * min(len(f), len(g)) for g in seen[-12:]):
                continue
            seen.append(f)
            keep.append(units[i])
        units = keep
        n = len(units)
        if n < self.options["min-units"]:
            return None
        occ = _term_units(self.caches, units, self._members)
        unit_terms = _unit_terms(occ, n)
        local = self._local(units)
        starts = sorted((g for g in local if 2 <= g <= n - 2), key=local.get)[: self.options["candidates"]]
        best = None
        for g in starts:
            ends = [e for e in range(g + 2, n)] + [n]  # story A may resume for its last paragraph only
            r, e, ins, out = _sweep(occ, unit_terms, g, n, ends)
            if e is not None and (best is None or r < best[0]):
                best = (r, g, e)
        if best is None:
            return None
        # map back to the original unit numbering
        r, g, e = best
        orig = {id(u[0]): k for k, u in enumerate(self._all_units)}
        g2 = orig[id(units[g][0])]
        e2 = orig[id(units[e][0])] if e < n else len(self._all_units)
        return r, g2, e2

    def _stretch(self, doc, units):
        """A stretch of paragraphs with no headline, dateline or byline at its seams
        whose topic words belong to neither neighbour: (affinity, start, end) in unit
        indices, end == n when the stretch runs to the end of the file, or None.

        Interleaved (story A resumes after it): the stretch's weighted cosine with the
        text before it and with the text after it, the larger of the two, over the
        cosine of those two parts with each other (A's halves cohere once the stretch
        is taken out). At the end of the file: the stretch's cosine with the text
        before it. Words are weighted by how informative they are (wordfreq), Chinese
        is segmented (jieba). Seams at subheads and short section heads are left to
        the headline test: a new section is not a new story by itself."""
        o = self.options
        n = len(units)
        min_before, min_len, max_len = 2, 2, o["stretch-max-paragraphs"]
        if n < min_before + min_len + 1 or max_len < min_len:
            return None
        lang = "zh" if doc.lang == "zh" else "en"
        texts = self._unit_texts(units)
        if lang == "zh" and sum(len(x) for t in texts for x in _HAN.findall(t)) < o["stretch-min-han"]:
            return None  # too short to hold two stories: do not load the segmenter
        heads = [True]
        for i in range(1, n):
            prev_last = self._members.get(units[i - 1][0].index, (units[i - 1][0],))[-1].index
            heads.append(any(self._is_head(blk) for blk in doc.blocks[prev_last + 1 : units[i][0].index]))
        if lang != "zh":
            # English: the same scan over the cheap, unweighted word sets first; word
            # frequencies are looked up only when it already points at a stretch
            cheap = [dict.fromkeys(f, 1.0) for _, f in units]
            if not any(
                pq is not None and max(xp, xq) / max(pq, 0.05) <= o["stretch-prescreen"]
                for _, _, xp, xq, pq in _stretch_scan(cheap, heads, min_len, max_len, min_before)
            ):
                return None
        U = self._unit_terms(doc, units)
        best = None
        min_chars = o["stretch-min-chars"] * (0.3 if lang == "zh" else 1)  # a Han character carries about a word
        for s, e, xp, xq, pq in _stretch_scan(U, heads, min_len, max_len, min_before):
            if pq is None:
                # a foreign tail: English is left to the vocabulary-chain test
                if lang != "zh" or s < 3 or xp > o["max-tail-affinity"]:
                    continue
                r = xp
            else:
                r = max(xp, xq) / max(pq, 0.05)
                if r > o["max-stretch-affinity"]:
                    continue
            if best is not None and r >= best[0]:
                continue
            if pq is not None:
                # the same test against the few paragraphs on each side: in a long text the
                # halves are large and a stretch about a side topic looks foreign to them
                # although it runs on from the paragraph before or into the one after
                Wl = {k: w for u in U[max(0, s - 3) : e + 3] for k, w in u.items()}
                Pl, X, Ql = (Counter(k for u in U[a:b] for k in u) for a, b in ((max(0, s - 3), s), (s, e), (e, e + 3)))
                rl = max(_cos(X, Pl, Wl), _cos(X, Ql, Wl)) / max(_cos(Pl, Ql, Wl), 0.05)
                if rl > o["max-stretch-affinity"]:
                    continue
                r = max(r, rl)
            if sum(len(t) for t in texts[s:e]) < min_chars:
                continue  # a few short items (a list) are not a story
            if any(units[k][0].lang != doc.lang for k in range(s, e)) or lang == "en" and _not_english(texts[s:e]):
                continue  # a passage in another language (a reader's comment) is not another story
            if self._addresses_reader(texts[s:e]):
                continue
            h = (e - s) // 2
            W = {k: w for u in U[s:e] for k, w in u.items()}
            a, b = Counter(k for u in U[s : s + h] for k in u), Counter(k for u in U[s + h : e] for k in u)
            aa = sum(W[k] ** 2 * c * c for k, c in a.items())
            bb = sum(W[k] ** 2 * c * c for k, c in b.items())
            inner = sum(W[k] ** 2 * a[k] * b[k] for k in a if k in b) / math.sqrt(max(aa * bb, 1e-9))
            if inner < max(xp, xq):
                continue  # the stretch holds together no better than with its surroundings
            best = (r, s, e)
        return best

    def _unit_texts(self, units) -> list:
        return [" ".join(x.text for x in self._members.get(b.index, (b,))) for b, _ in units]

    def _unit_terms(self, doc, units) -> list:
        """Weighted topic words of each unit (cached for the document)."""
        cache = self.caches.terms
        lang = "zh" if doc.lang == "zh" else "en"
        ceiling = self.options["word-ceiling"]
        texts = self._unit_texts(units)
        if lang == "zh":
            from lint.lang import words

            words.prepare_zh("\n".join(t for (b, _f), t in zip(units, texts) if b.index not in cache))
        out = []
        for (b, _f), t in zip(units, texts):
            got = cache.get(b.index)
            if got is None:
                got = cache[b.index] = _topic_terms(t, lang, ceiling)
            out.append(got)
        return out

    def _confirmed(self, doc, units, g, e) -> bool:
        """A boundary found by a cue (a mid-file headline, dateline or byline) or by
        vocabulary chains stands only when both stories are stories: each holds at
        least `min-story-chars` of text (a cookie box, a paywall
        notice, a credit line or a reprint notice is not a story), and the topic
        words of the one share little with the other (weighted cosine at most
        `max-story-affinity`): a subhead inside one essay opens no new story."""
        n = len(units)
        o = self.options
        inside = list(range(g, e))
        outside = [k for k in range(n) if not g <= k < e]
        if not inside or not outside:
            return False
        texts = self._unit_texts(units)
        zh = doc.lang == "zh"
        need = o["min-story-chars"] * (0.2 if zh else 1)  # a Han character carries about a word
        if sum(len(texts[k]) for k in inside) < need or sum(len(texts[k]) for k in outside) < need:
            return False
        if not zh and (len(inside) < 2 or len(outside) < 2 or g < 2):
            return False  # English paragraphs are short: one is not a story
        if sum(len(texts[k]) for k in range(g)) < need:
            return False  # story 1 must come first: a title, deck or byline block is not a story
        if self._addresses_reader(texts[g:e]) or self._addresses_reader([texts[k] for k in outside]):
            return False  # a cookie box, paywall or sign-up notice is not a story
        if not zh and (_not_english(texts[g:e]) or _not_english([texts[k] for k in range(g)])):
            return False  # a passage in another language (a site's footer, a reader's comment)
        U = self._unit_terms(doc, units)
        W: dict = {}
        for u in U:
            W.update(u)
        a = Counter(k for i in inside for k in U[i])
        b = Counter(k for i in outside for k in U[i])
        aa = sum(W[k] ** 2 * c * c for k, c in a.items())
        bb = sum(W[k] ** 2 * c * c for k, c in b.items())
        cos = sum(W[k] ** 2 * c * b[k] for k, c in a.items() if k in b) / math.sqrt(max(aa * bb, 1e-9))
        return cos <= o["max-story-affinity"]

    @staticmethod
    def _addresses_reader(texts) -> bool:
        """Page furniture talks to the reader (cookie and consent boxes, paywalls,
        newsletter boxes, comment prompts: "we use cookies", "sign up", "your
        email"); news copy reports. True when most sentences of `texts` hold a
        second-person pronoun or the publisher's "we" (you, your, we, our; 您, 你)."""
        # a quoted speaker's "we" is the source talking, not the page: quotes are left out
        sents = [x for t in texts for x in _SENT.split(_QUOTED.sub(" ", t)) if len(x.strip()) > 1]
        if not sents:
            return False
        hits = sum(1 for x in sents if _READER.search(x))
        return hits * 2 > len(sents)

    @staticmethod
    def _is_head(blk) -> bool:
        """A subhead or headline, or a short line that ends no sentence (a section head)."""
        if blk.kind in (D.SUBHEAD, D.HEADLINE):
            return True
        t = blk.text.strip()
        return blk.kind == D.BODY and 0 < len(t) <= 60 and blk.line_count == 1 and not ends_sentence(t)

    @staticmethod
    def _local(units, k=2):
        """Cosine of the k units before each gap with the k after (set intersections, linear)."""
        out = {}
        n = len(units)
        sets = [f for _, f in units]
        memo: dict[tuple[int, int], int] = {}

        def inter(i, j):
            if i == j:
                return len(sets[i])
            key = (i, j) if i < j else (j, i)
            v = memo.get(key)
            if v is None:
                v = memo[key] = len(sets[i] & sets[j])
            return v

        for g in range(1, n):
            bef = range(max(0, g - k), g)
            aft = range(g, min(n, g + k))
            dot = sum(inter(i, j) for i in bef for j in aft)
            aa = sum(inter(i, j) for i in bef for j in bef)
            bb = sum(inter(i, j) for i in aft for j in aft)
            out[g] = dot / math.sqrt(max(aa * bb, 1e-9))
        return out

    # ------------------------------------------------------------------ unbroken pages
    _CAPS_TITLE = compile_re(r"^[A-Z][A-Z'’\",.:;!?&$\d -]{6,48}$")

    @classmethod
    def _title_line(cls, t: str) -> bool:
        """An all-caps line (WAR AS THE YEAR ENDS.) or a short Title Case line (The World's Anxiety)."""
        words = t.split()
        if sum(c.isalpha() for c in t) < 8 or not 2 <= len(words) <= 8:
            return False
        if cls._CAPS_TITLE.match(t):
            return True
        if len(t) > 40 or t[-1] in ".,;:!?-" or not t[0].isupper():
            return False
        big = [w for w in words if len(w) > 3]
        return len(big) >= 2 and all(w[0].isupper() for w in big)

    def _unbroken_page(self, doc, ctx) -> bool:
        """A long text with no blank line at all (an OCR'd page): cut it into windows of
        lines and look for an all-caps title line where the vocabulary of the lines
        above and below parts (their similarity well under the page's own typical
        similarity of adjacent windows) and whose words are not found above it."""
        text = doc.text
        lines = text.split("\n")
        w = self.options["page-window"]
        if (
            doc.lang != "en"
            or len(lines) < self.options["page-min-lines"]
            or "\n\n" in text.strip()
            or any(not x.strip() for x in lines[1:-1])
        ):
            return False
        offs = [0]
        for x in lines:
            offs.append(offs[-1] + len(x) + 1)
        feats = [features(x, "en") for x in lines]

        def bag(a, b):
            c: Counter[str] = Counter()
            for f in feats[max(a, 0) : min(b, len(lines))]:
                c.update(f)
            return c

        def cos(a, b):
            return _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))

        typical = sorted(cos(bag(i - w, i), bag(i, i + w)) for i in range(w, len(lines) - w, max(w // 2, 1)))
        if not typical:
            return False
        med = typical[len(typical) // 2]
        for i in range(w, len(lines) - w):
            t = lines[i].strip()
            if not self._title_line(t):
                continue
            prev = lines[i - 1].rstrip()
            if not prev or prev[-1] not in ".!?\"”'’":
                continue
            H = _en_stems(t)
            if len(H) < 2:
                continue
            above = "\n".join(lines[max(0, i - 2 * w) : i])
            below = "\n".join(lines[i + 1 : i + 1 + 2 * w])
            hb = len(H & _en_stems(above)) / len(H)
            ha = len(H & _en_stems(below)) / len(H)
            c = cos(bag(i - w, i), bag(i + 1, i + 1 + w))
            if hb == 0 and ha > 0 and c <= self.options["page-max-similarity"] * med:
                ctx.report(
                    offs[i],
                    offs[i] + len(lines[i]),
                    _(
                        "File holds several stories; a new one starts at line {line} (a title line "
                        "where the vocabulary changes: window similarity {c:.2f} against {med:.2f} typical on this page)",
                        line=i + 1,
                        c=c,
                        med=med,
                    ),
                    related=[Related(offs[i], offs[i] + len(lines[i]), _("story 2 starts here"))],
                )
                return True
        return False

    # ------------------------------------------------------------------ check
    def check(self, doc, ctx):
        if len(doc.text) > self.options["max-chars"]:
            return  # a collection (an archive or feed dump), not one story file
        self._check(doc, ctx)

    def _check(self, doc, ctx):
        if doc.lang == "zh" and _is_japanese(doc.text):
            return  # Han with kana: Japanese, whose words neither jieba nor the Chinese frequencies know
        if self._unbroken_page(doc, ctx):
            return
        units = self._units(doc)
        self._all_units = units
        n = len(units)
        if n < 2:
            if units and not self._is_roundup(doc):
                self._mismatch(doc, ctx, units)
            return
        lang = doc.lang
        roundup = self._is_roundup(doc)
        # structural cues: a dateline or byline after body text, followed by body text
        unit_starts = [b.start for b, _ in units]
        import bisect

        cue_gaps: dict[int, D.Block] = {}  # unit index of the first unit after the cue -> cue block
        seen_body = False
        byline_names: set = set()
        for blk in doc.blocks:
            if blk.kind == D.BODY and len(blk.text.strip()) >= self.options["min-chars"]:
                if seen_body and _inline_dateline(blk.text):
                    g = bisect.bisect_left(unit_starts, blk.start)
                    if 1 <= g < n:
                        cue_gaps.setdefault(g, blk)
                seen_body = True
                continue
            if blk.kind == D.BYLINE or len(blk.text) <= 120 and blk.text.lstrip().startswith("By "):
                names = {w for w in _NAME.findall(blk.text) if w not in _HEAD_STOP and w != "By"}
                again = bool(names & byline_names)
                byline_names |= names
                if again:
                    continue  # the same author again: a graphic or photo credit inside one story
            if seen_body and blk.kind in (D.DATELINE, D.BYLINE):
                g = bisect.bisect_left(unit_starts, blk.start)
                if 1 <= g < n:
                    cue_gaps.setdefault(g, blk)
        head_cue = self._headline_cue(doc, units, lang) if n >= 2 else None
        vocab = None
        lim = self.options["max-shared-zh" if lang == "zh" else "max-shared-en"]
        if not roundup and n >= self.options["min-units"] and lim >= 0:
            vocab = self._vocab_split(doc, units)
        boundaries = []
        reason = ""
        if cue_gaps and n >= 2:
            # confirm each cue, in order, with vocabulary: the story it opens
            # (up to where story A may resume) against the rest of the file
            thr = self.options["cue-cross-similarity"]
            for g in sorted(cue_gaps):
                best, best_e = None, n
                for e in sorted({min(n, g + m) for m in (1, 2, 3)} | {n}):
                    if e <= g:
                        continue
                    c = self._cross_seg(units, g, e)
                    if best is None or c < best:
                        best, best_e = c, e
                if best is not None and best <= thr and self._confirmed(doc, units, g, best_e):
                    boundaries = [g] + ([best_e] if best_e < n else [])
                    cue = cue_gaps[g]
                    what = cue.kind if cue.kind != D.BODY else "dateline"
                    reason = _(
                        "a second {what} at line {line}, different vocabulary",
                        what=_(_CUE_NAMES[what]) if what in _CUE_NAMES else what,
                        line=cue.first_line,
                    )
                    break
        if not boundaries and head_cue is not None and self._confirmed(doc, units, head_cue[0], head_cue[1]):
            g, e, hblk, r = head_cue
            boundaries = [x for x in (g, e) if 0 < x < n]
            reason = _(
                "a second headline at line {line}, its words recur in the text below it but not above"
                " (shared vocabulary {r:.2f})",
                line=hblk.first_line,
                r=r,
            )
        stretch = None
        if not boundaries and not roundup:
            stretch = self._stretch(doc, units)
        if stretch is not None:
            r, g, e = stretch
            boundaries = [x for x in (g, e) if 0 < x < n]
            last = units[e - 1][0]
            last_line = self._members.get(last.index, (last,))[-1].last_line
            where = _("lines {first}-{last}", first=units[g][0].first_line, last=last_line)
            reason = (
                _(
                    "the paragraphs at {where} share almost no topic words with the story around them"
                    " (affinity {r:.2f})",
                    where=where,
                    r=r,
                )
                if e < n
                else _(
                    "the paragraphs at {where} share almost no topic words with the text above them (affinity {r:.2f})",
                    where=where,
                    r=r,
                )
            )
        if not boundaries and vocab is not None and vocab[0] <= lim and self._confirmed(doc, units, vocab[1], vocab[2]):
            r, g, e = vocab
            boundaries = [x for x in (g, e) if 0 < x < n]
            reason = _("different vocabulary: only {r:.0%} of recurring words cross the boundary", r=r)
        if not boundaries:
            if not roundup:
                self._mismatch(doc, ctx, units)
            return
        nstories = len(boundaries) + 1
        if len(boundaries) == 2:
            nstories = 2  # A, B, then A again
        first = units[boundaries[0]][0]
        # the boundary starts at the cue (headline/dateline/byline) just before the first unit
        start_blk = first
        i = first.index
        while i > 0 and (
            doc.blocks[i - 1].kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.BYLINE)
            or doc.blocks[i - 1].kind == D.BODY
            and len(doc.blocks[i - 1].text.strip()) <= 40
            and doc.blocks[i - 1].line_count == 1
            and not ends_sentence(doc.blocks[i - 1].text)
        ):
            i -= 1
            start_blk = doc.blocks[i]
            if first.index - i >= 3:
                break
        # one story start, the same in the message and in `related`: the cue's line
        # (headline, dateline, byline) when one opens story 2, else its first paragraph
        start_line = doc.line(start_blk.first_line)
        related = [Related(start_blk.start, start_line.end, _("story 2 starts here"))]
        if len(boundaries) == 2:
            last = units[boundaries[1] - 1][0]
            end_line = doc.line(self._members.get(last.index, (last,))[-1].last_line)
            related.append(Related(end_line.start, end_line.end, _("story 2 ends here; story 1 resumes after it")))
        if len(boundaries) == 2:
            msg = _(
                "File holds {n} stories; the second starts at line {line} ({reason}) and story 1 resumes after it",
                n=nstories,
                line=start_blk.first_line,
                reason=reason,
            )
        else:
            msg = _(
                "File holds {n} stories; the second starts at line {line} ({reason})",
                n=nstories,
                line=start_blk.first_line,
                reason=reason,
            )
        ctx.report(
            start_blk.start,
            start_line.end,
            msg,
            related=related,
        )

    def _mismatch(self, doc, ctx, units):
        """The headline (first line) names nothing the body talks about: a scraped page
        whose body belongs to another story. English: no content word (light stems),
        number or name of the headline anywhere in the body; Chinese: at most a tenth of
        its character bigrams and no trigram. Reported on the headline through the first
        body line."""
        blocks = [b for b in doc.blocks if b.text.strip()]
        if len(blocks) < 2 or not units:
            return
        head = blocks[0]
        if head.kind != D.HEADLINE or head.line_count > 2:
            return
        if self._is_roundup_title(doc) and (head.lang != "zh" or _ROUNDUP.search(head.text)):
            return  # a roundup under its own roundup title (国际联播快讯)
        htext = unicodedata.normalize("NFKC", head.text.strip())
        if _LABEL.search(htext) or _inline_dateline(htext) or _CREDIT_HEAD.search(htext):
            return
        body_blocks = [b for b in doc.blocks[head.index + 1 :] if b.kind in (D.BODY, D.SUBHEAD, D.LEADIN, D.LIST)]
        body = unicodedata.normalize("NFKC", "\n".join(b.text for b in body_blocks))[:20000]
        short = len(body) < self.options["mismatch-min-body"] * (0.5 if head.lang == "zh" else 1)
        if head.lang == "en" and getattr(doc, "reader", "") == "html":
            # another head between the first line and the body (a web page: masthead,
            # then the story's own title) that matches the body: the first line is the
            # site's name, not the story's headline
            stop = units[min(2, len(units) - 1)][0].index
            for h in doc.blocks[head.index + 1 : stop]:
                if h.kind in (D.HEADLINE, D.SUBHEAD):
                    rest = "\n".join(b.text for b in body_blocks if b is not h)
                    if len(_en_stems(h.text) & _en_stems(rest)) >= 2:
                        return
        if short and head.lang != "zh":
            return
        if head.lang == "zh":
            H = _zh_grams(htext, 2)
            if len(H) < 5:
                return
            # (a headline n-gram is one of the body's exactly when the body holds
            # it as a string: its characters are Han and none is a stop character;
            # so each is looked for, instead of listing every n-gram of the body)
            cov = sum(1 for g in H if g in body) / len(H)
            if short and (len(body) < 30 or len(H) < 8 or cov > 0):
                return  # a short item must share nothing with a long headline
            if any(g in body for g in _zh_grams(htext, 3)):
                return
            why = _("only {cov:.0%} of its character pairs occur in the body", cov=cov)
            if cov > self.options["mismatch-max-zh"]:
                # a common word shared by chance (北京, 今天) hides a mismatch from character
                # pairs: weigh the headline's words by how informative they are instead
                if short or cov > 2 * self.options["mismatch-max-zh"]:
                    return
                wcov = self._weighted_cover_zh(htext, body)
                if wcov > self.options["mismatch-max-zh"]:
                    return
                why = _(
                    "its informative words are missing from the body ({wcov:.0%} of their weight occurs there)",
                    wcov=wcov,
                )
        elif head.lang == "en":
            # a date (Fragments: February 25) says nothing about the topic
            H = _en_stems(htext) - {_stem(w) for w in _CALENDAR}
            H = {w for w in H if not w.isdigit()}
            if len(H) < 3:
                return
            shared = H & _en_stems(body)
            unnamed = self._names_missing(htext, body)
            if unnamed and len(shared) <= 1 and len(body) >= self.options["mismatch-min-body"]:
                comma = _(", ")
                why = _("the body never names {names}", names=join(comma, unnamed))
                shared = set()
                H = set()  # decided
            if H and shared:
                # one common word met once in a long body (rise, deal, show) is chance, not a match
                if len(shared) > 1 or len(H) < 4 or len(body) < 1000:
                    return
                (t,) = shared
                names = {_stem(w.lower()) for w in rx(r"\b[A-Z][a-z]+|\d[\d.,]*").findall(htext[1:])}
                if (
                    t in names
                    or t.isdigit()
                    or sum(c for w, c in Counter(_HW.findall(body.lower())).items() if _stem(w) == t) > 1
                ):
                    return
            if H:
                why = (
                    _("none of its words occur in the body")
                    if not shared
                    else _("one of its words occurs once in the body")
                )
        else:
            return
        first = units[0][0]
        end_line = doc.line(first.first_line)
        if first.first_line - head.first_line > 4:
            end_line = doc.line(head.last_line)
        ctx.report(
            head.start,
            end_line.end,
            _(
                "File holds 2 stories: the headline at line {line} does not belong to the body ({why})",
                line=head.first_line,
                why=why,
            ),
            related=[Related(first.start, doc.line(first.first_line).end, _("the body starts here"))],
        )

    def _weighted_cover_zh(self, htext: str, body: str) -> float:
        """Share of the headline's word weight (jieba words, weighted by how informative
        they are) whose words occur in the body."""
        H = _topic_terms(htext, "zh", self.options["word-ceiling"])
        tot = sum(H.values())
        if tot <= 0:
            return 1.0
        return sum(w for k, w in H.items() if k in body) / tot

    @staticmethod
    def _names_missing(htext: str, body: str) -> list:
        """English headlines in sentence case: the capitalised words after the
        first are names (Blair, Tory, Euro). Returns them when the body names
        none of them, nor the first word (when it is a name: "Gerrard plays
        down ..."); an empty list otherwise. All-caps headlines say nothing."""
        if htext.upper() == htext:
            return []
        toks = _HEAD_TOKEN.findall(htext)
        if len(toks) < 2:
            return []
        names = [
            rx(r"['’]s$").sub("", t)
            for t in toks[1:]
            if t[:1].isupper() and t not in _HEAD_STOP and t.lower().rstrip(".") not in _CALENDAR
        ]  # a date (Fragments: February 25) names nobody
        if not names or any(regex.search(r"\b" + regex.escape(n), body) for n in names):
            return []
        first = rx(r"['’]s$").sub("", toks[0])
        if first[:1].isupper() and regex.search(r"(?<![.!?]\s)(?<!^)\b" + regex.escape(first) + r"\b", body):
            return []
        return names

    def _headline_cue(self, doc, units, lang):
        """A headline-like line in mid-file whose words recur in the body below it but
        not in the text above it, where little vocabulary crosses the boundary:
        returns (first unit of story B, unit where story A resumes or n, the line, ratio)."""
        n = len(units)
        starts = {b.index: i for i, (b, _) in enumerate(units)}
        heads: list[tuple] = []
        for blk in doc.blocks[1:]:
            if blk.kind not in (D.SUBHEAD, D.HEADLINE) or blk.index + 1 >= len(doc.blocks):
                continue
            j = blk.index + 1
            # a headline may carry a deck, a dateline or a byline before its body
            while (
                j < len(doc.blocks) and j - blk.index <= 2 and doc.blocks[j].kind in (D.SUBHEAD, D.DATELINE, D.BYLINE)
            ):
                j += 1
            g = starts.get(j)
            if g is None or g < 1:
                continue
            prev = doc.blocks[blk.index - 1]
            if prev.kind != D.BODY or not ends_sentence(prev.text):
                continue
            heads.append((g, blk, j > blk.index + 1))
        if not heads:
            return None
        zh = lang == "zh"
        first_body = next((b.index for b, _ in units), 0)
        nheads = sum(1 for b in doc.blocks[first_body:] if self._is_head(b))
        if zh and nheads > 1:
            return None  # several items under their own headings: a roundup or a multi-part report
        if nheads > 1:
            # a story with section heads: a head opens a new story only with a
            # dateline or byline of its own below it, not by itself
            heads = [h for h in heads if h[2]]
        heads = [(g, blk) for g, blk, _ in heads]
        if self._is_roundup_title(doc):
            return None
        occ = None
        max_hb = self.options["headline-max-above"]
        for g, blk in heads[:6]:
            H = features(blk.text, blk.lang)
            if len(H) < 2:
                continue
            before = set().union(*(f for _, f in units[max(0, g - self.options["headline-window"]) : g]))
            after = set().union(*(f for _, f in units[g : g + 2]))
            hb = len(H & before) / len(H)
            ha = len(H & after) / len(H)
            if hb > (max_hb / 3 if zh else max_hb):
                continue
            if occ is None:
                occ = _term_units(self.caches, units, self._members)
                unit_terms = _unit_terms(occ, n)
            r, e = _sweep(occ, unit_terms, g, n, list(range(g + 1, min(n, g + 10))) + [n], min_own=0)[:2]
            if e is None:
                continue
            lim = self.options["headline-max-shared"]
            if zh:
                ok = ha >= 0.4 and r <= lim * 0.5
            else:
                ok = (ha >= 0.3 and r <= lim) or r <= lim * 0.5
                if not ok and r <= lim:
                    ok = self._new_name(doc, units, g, blk)
            if ok:
                return g, e, blk, r
        return None

    @staticmethod
    def _new_name(doc, units, g, blk) -> bool:
        """English: the headline names someone or something (a capitalised
        word) that the text below it names too and the text above never
        mentions: "Gerrard plays down European hopes" over "Steven Gerrard
        has admitted ..." after a story that never names him."""
        names = {w for w in _NAME.findall(blk.text) if w.lower() not in _EN_STOP_NAMES}
        if not names:
            return False
        below = " ".join(b.text for b, _ in units[g : g + 2])
        above = " ".join(b.text for b, _ in units[:g]).lower()
        named = {w for w in names if regex.search(r"\b" + regex.escape(w) + r"\b", below)}
        return bool(named) and not any(regex.search(r"\b" + regex.escape(w.lower()) + r"\b", above) for w in named)

    @staticmethod
    def _is_roundup_title(doc) -> bool:
        heads = [b for b in doc.blocks if b.text.strip()][:2]
        for b in heads:
            if (
                b.kind in (D.HEADLINE, D.SUBHEAD, D.BODY)
                and len(b.text) <= 80
                and _ROUNDUP.search(b.text)
                and not _inline_dateline(b.text)
            ):
                return True
        # 国际联播快讯 layout: a dateline alone on its line, then an item heading
        for i, b in enumerate(doc.blocks[:4]):
            if b.kind == D.DATELINE and i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind in (D.SUBHEAD, D.HEADLINE):
                return True
        return False

    @staticmethod
    def _cross_seg(units, g, e):
        """Cosine between the units [g, e) and all the others."""
        a: Counter[str] = Counter()
        b: Counter[str] = Counter()
        for k, (_b, f) in enumerate(units):
            (b if g <= k < e else a).update(f)
        return _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))


_HEAD_TOKEN = _lazy(r"[A-Za-z][\w'’-]*")
_HEAD_STOP = T.wordlist("headline-stop-words-en")
_NAME = _lazy(r"\b[A-Z][a-z]{2,}(?:'s)?\b")
_CALENDAR = T.wordlist("calendar-en")
# a credit line taken for a headline: "From The Tribune staff reports", "By Staff Reporter"
_CREDIT_HEAD = _lazy(
    r"^(?:by|from)\b.{0,60}\b(?:staff|reports?|reporters?|correspondents?|wire|news service)\b", regex.I
)
_EN_STOP_NAMES = T.wordlist("name-stop-words-en")


@hookimpl
def newslint_register_checks():
    return [MixedArticles]
