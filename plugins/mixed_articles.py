"""NL104 mixed-articles: two (or more) stories in one file."""
from __future__ import annotations

import math
from collections import Counter

import regex

from lint import document as D
from lint import hookimpl
from lint.api import Check
from lint.model import Related
from lint.text import ends_sentence
from lint.classify import EN_DATELINE, ZH_DATELINE

_EN_STOP = frozenset(
    """a an the and or but of to in on at by for with from as into is are was were be been being has have had will would
    shall should can could may might must do does did not it its he she they them his her their we our you your i me my
    this that these those said says say also than then there here which who whom whose what when where why how all any
    some more most other such no nor only own same so too very just about after before over under between up down out
    off again further once mr mrs ms one two three new year years last first people time now if while because during
    against through per told added make made like get got well back still even much many way being since around
    week month day today yesterday according""".split()
)
# Han characters that carry grammar, not topic: bigrams holding one are dropped.
_ZH_STOP = frozenset("的了是在和与及或而并把被对向从于为以将让给这那其之也都就还又有个一不我们他她它年月日中上下到说等多要会")
_ROUNDUP = regex.compile(
    r"快讯|简讯|联播|要闻|速览|一览|早报|晚报|播报|资讯|新闻(?:简报|摘要|汇总)|\bin brief\b|\bbriefs?\b|\broundup\b|"
    r"\bround-up\b|\bdigest\b|\bheadlines\b|\bat a glance\b|\bwhat we know\b|\blive\b",
    regex.I,
)
_HAN_RUNS = regex.compile(r"\p{Han}+")
_EN_WORD = regex.compile(r"[A-Za-z][A-Za-z'’-]+")


def features(text: str, lang: str) -> frozenset:
    """Topic terms of a text: Han bigrams (no segmentation needed) or English content words."""
    out = set()
    if lang == "zh":
        for m in _HAN_RUNS.finditer(text):
            s = m.group()
            for i in range(len(s) - 1):
                a, b = s[i], s[i + 1]
                if a not in _ZH_STOP and b not in _ZH_STOP:
                    out.add(a + b)
    else:
        for w in _EN_WORD.findall(text):
            w = w.lower().strip("'’-")
            if w.endswith(("'s", "’s")):
                w = w[:-2]
            if len(w) < 3 or w in _EN_STOP:
                continue
            if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
                w = w[:-1]
            out.add(w)
    return frozenset(out)


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


class MixedArticles(Check):
    """## What it does
    Flags a file that holds more than one story, with one finding per file at the
    first boundary, the number of stories, and every boundary in `related`.
    Evidence: a second dateline or byline in mid-file, and a change of vocabulary
    (Han character bigrams for Chinese, content words for English) between the
    text before a boundary and the text after it, including a story spliced into
    the middle of another. A single story with subheads, and a news-briefs
    roundup (联播快讯, "In brief"), are not flagged.

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
        "min-units": 4,
        "max-cross-similarity-en": 0.01,
        "max-cross-similarity-zh": -1.0,
        "cue-cross-similarity": 0.2,
        "min-chars": 20,
    }

    # ------------------------------------------------------------------ helpers
    def _units(self, doc):
        min_chars = self.options["min-chars"]
        units = []
        open_unit = False  # the previous unit stops mid-sentence: a fragment joins it
        for b in doc.blocks:
            if b.kind not in (D.BODY, D.SUBHEAD) or not b.text.strip():
                open_unit = False
                continue
            f = features(b.text, b.lang)
            if open_unit and units:
                pb, pf = units[-1]
                units[-1] = (pb, pf | f)
            elif b.kind == D.BODY and len(b.text.strip()) >= min_chars and len(f) >= 2:
                units.append((b, f))
            else:
                open_unit = False
                continue
            open_unit = not ends_sentence(b.text)
        return units

    @staticmethod
    def _is_roundup(doc) -> bool:
        heads = [b for b in doc.blocks if b.text.strip()][:3]
        for b in heads:
            if b.kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.LEADIN, D.BODY) and len(b.text) <= 80 and _ROUNDUP.search(b.text):
                return True
        # structurally: short items, each a heading and one or two paragraphs, all the way down
        items = sum(1 for i, b in enumerate(doc.blocks) if b.kind in (D.SUBHEAD, D.HEADLINE) and i + 1 < len(doc.blocks)
                    and doc.blocks[i + 1].kind == D.BODY)
        body = sum(1 for b in doc.blocks if b.kind == D.BODY)
        return items >= 4 and body <= 2 * items + 1

    def _best_split(self, units, cands):
        """Lowest cosine between a segment of units and the rest, over splits at candidate gaps."""
        n = len(units)
        vecs = [Counter(f) for _, f in units]
        T = Counter()
        for v in vecs:
            T.update(v)
        TT = _dot(T, T)
        best = (2.0, None, None)
        # every prefix split, incrementally: dot(L, R) = dot(L, T) - |L|^2
        L = Counter()
        LT = LL = 0.0
        for b in range(1, n):
            v = vecs[b - 1]
            LL += 2 * _dot(L, v) + _dot(v, v)
            LT += _dot(v, T)
            L.update(v)
            if b < 2 or n - b < 2:
                continue
            RR = TT - 2 * LT + LL
            c = (LT - LL) / math.sqrt(max(LL * RR, 1e-9))
            if c < best[0]:
                best = (c, b, n)
        # inner segments between candidate gaps (a story spliced into another)
        cands = sorted(set(cands))
        for i, s in enumerate(cands):
            X = Counter()
            XT = XX = 0.0
            e0 = s
            for e in cands[i + 1:]:
                for k in range(e0, e):
                    v = vecs[k]
                    XX += 2 * _dot(X, v) + _dot(v, v)
                    XT += _dot(v, T)
                    X.update(v)
                e0 = e
                if e - s < 2 or n - (e - s) < 2 or s == 0 or e == n:
                    continue
                YY = TT - 2 * XT + XX
                # a spliced segment must be clearly foreign: inner splits are many, so ask for more
                c = 2 * (XT - XX) / math.sqrt(max(XX * YY, 1e-9))
                if c < best[0]:
                    best = (c, s, e)
        return best

    @staticmethod
    def _local(units, k=2):
        """Cosine of the k units before each gap with the k after (sliding window)."""
        out = {}
        n = len(units)
        for g in range(1, n):
            a, b = Counter(), Counter()
            for _, f in units[max(0, g - k):g]:
                a.update(f)
            for _, f in units[g:g + k]:
                b.update(f)
            out[g] = _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))
        return out

    # ------------------------------------------------------------------ check
    def check(self, doc, ctx):
        units = self._units(doc)
        n = len(units)
        if n < 2:
            return
        lang = doc.lang
        roundup = self._is_roundup(doc)
        # structural cues: a dateline or byline after body text, followed by body text
        unit_starts = [b.start for b, _ in units]
        import bisect

        cue_gaps = {}  # unit index of the first unit after the cue -> cue block
        seen_body = False
        for blk in doc.blocks:
            if blk.kind == D.BODY and len(blk.text.strip()) >= self.options["min-chars"]:
                if seen_body and _inline_dateline(blk.text):
                    g = bisect.bisect_left(unit_starts, blk.start)
                    if 1 <= g < n:
                        cue_gaps.setdefault(g, blk)
                seen_body = True
                continue
            if seen_body and blk.kind in (D.DATELINE, D.BYLINE):
                g = bisect.bisect_left(unit_starts, blk.start)
                if 1 <= g < n:
                    cue_gaps.setdefault(g, blk)
        if n < 2:
            return
        local = self._local(units)
        cands = {0, n} | set(cue_gaps)
        cands |= set(sorted(local, key=local.get)[:6])
        if n >= 2 and cue_gaps:
            pass
        best = self._best_split(units, cands) if n >= 3 else (2.0, None, None)
        c, s, e = best
        boundaries = []
        reason = ""
        thr = self.options["max-cross-similarity-zh" if lang == "zh" else "max-cross-similarity-en"]
        if cue_gaps:
            g = min(cue_gaps)
            # confirm with vocabulary: the units before the cue vs those after
            if n >= 2:
                cross = self._cross(units, g)
                if cross <= self.options["cue-cross-similarity"]:
                    boundaries = sorted(cue_gaps)
                    cue = cue_gaps[g]
                    what = cue.kind if cue.kind != D.BODY else "dateline"
                    reason = f"a second {what} at line {cue.first_line}, different vocabulary"
        if s is not None and 0 < s < n:
            prev = doc.blocks[units[s][0].index - 1] if units[s][0].index else None
            if (prev is not None and prev.kind in (D.SUBHEAD, D.HEADLINE) and not regex.search(r"[,，、]", prev.text)
                    and prev.index and ends_sentence(doc.blocks[prev.index - 1].text)):
                thr = thr * 2 + 0.01  # story B kept its headline
        if not boundaries and not roundup and s is not None and n >= self.options["min-units"] and c <= thr:
            boundaries = [x for x in (s, e) if 0 < x < n]
            reason = f"different vocabulary (similarity {c:.2f})"
        if not boundaries:
            return
        nstories = len(boundaries) + 1
        if len(boundaries) == 2:
            nstories = 2  # A, B, then A again
        first = units[boundaries[0]][0]
        # the boundary starts at the cue (headline/dateline/byline) just before the first unit
        start_blk = first
        i = first.index
        while i > 0 and doc.blocks[i - 1].kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.BYLINE) and doc.blocks[i - 1].index >= 0:
            i -= 1
            start_blk = doc.blocks[i]
            if first.index - i >= 3:
                break
        start = start_blk.start
        line_end = doc.line(start_blk.first_line)
        related = []
        for k, g in enumerate(boundaries):
            b = units[g][0]
            ln = doc.line(b.first_line)
            msg = f"story {k + 2} starts here" if not (len(boundaries) == 2 and k == 1) else "story 1 resumes here"
            related.append(Related(ln.start, ln.end, msg))
        interleave = " and story 1 resumes later" if len(boundaries) == 2 else ""
        ctx.report(
            start,
            line_end.end,
            f"File holds {nstories} stories; the second starts at line {start_blk.first_line} ({reason}){interleave}",
            related=related,
        )

    @staticmethod
    def _cross(units, g):
        a, b = Counter(), Counter()
        for _, f in units[:g]:
            a.update(f)
        for _, f in units[g:]:
            b.update(f)
        return _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))


@hookimpl
def newslint_register_checks():
    return [MixedArticles]
