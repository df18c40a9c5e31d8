"""NL104 mixed-articles: two (or more) stories in one file."""
from __future__ import annotations

import bisect
import math
import unicodedata
from collections import Counter

import re

import regex

from lint.text import lazy as _lazy

from lint import document as D
from lint import hookimpl
from lint.api import Check, Option
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
_ROUNDUP = _lazy(
    r"快讯|简讯|联播(?!）|\))|要闻|速览|一览|早报|晚报|播报|资讯|新闻(?:简报|摘要|汇总)|\bin brief\b|\bbriefs?\b|\broundup\b|"
    r"\bround-up\b|\bdigest\b|\bheadlines\b|\bat a glance\b|\bwhat we know\b|\blive\b",
    regex.I,
)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z][a-z'’-]+")
_SENT = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_ZH_STOPSET = set(_ZH_STOP)


def features(text: str, lang: str) -> frozenset:
    """Topic terms of a text: Han bigrams (no segmentation needed) or English content words."""
    out = set()
    if lang == "zh":
        stop = _ZH_STOPSET
        for s in _HAN.findall(text):
            for i in range(len(s) - 1):
                a, b = s[i], s[i + 1]
                if a not in stop and b not in stop:
                    out.add(a + b)
    else:
        memo = _EN_TERM
        if len(memo) > 200000:
            memo.clear()
        for raw in _WORD.findall(text.lower()):
            w = memo.get(raw, 0)
            if w == 0:
                w = memo[raw] = _en_term(raw)
            if w:
                out.add(w)
        out.discard(None)
    return frozenset(out)


_EN_TERM: dict = {}


def _en_term(w: str):
    w = w.strip("'’-")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) < 3 or w in _EN_STOP:
        return None
    if w.endswith("s") and len(w) > 4 and not w.endswith("ss"):
        w = w[:-1]
    return w


def _sentence_features(doc, b) -> list:
    """Features of each sentence of a block (a cheap split: vocabulary chains need no more), cached."""
    cache = doc.__dict__.setdefault("_nl104_sf", {})
    got = cache.get(b.index)
    if got is None:
        lang = "zh" if b.lang == "zh" else "en"
        got = cache[b.index] = [f for f in (features(x, lang) for x in _SENT.split(b.text)) if f]
    return got


_END_CHARS = set(".!?。！？…；;:：")
_CLOSERS = "\"”’」』）)]】》 \t"


def _ends(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _END_CHARS


_HW = re.compile(r"[a-z][a-z'’]*[a-z]|\d[\d.,]*\d|\d")
_EN_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "ers", "er", "ly", "s")


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
    out = set()
    for w in set(_HW.findall(unicodedata.normalize("NFKC", text).lower())):
        for part in w.split("-"):
            part = part.strip("'’")
            if (len(part) < 3 and not part.isdigit()) or part in _EN_STOP:
                continue
            out.add(_stem(part))
    return out


def _zh_grams(text: str, n: int) -> set:
    out = set()
    stop = _ZH_STOPSET
    for s in _HAN.findall(text):
        for i in range(len(s) - n + 1):
            g = s[i:i + n]
            if not any(c in stop for c in g):
                out.add(g)
    return out


_LABEL = re.compile(r"^[\u3400-\u9fff]{0,4}(?:主办|协办|承办|时间|地点|来源|联系|电话|地址|日期|简介|说明|报名)[：:]|[：:]\s*$")


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


def _term_units(doc, units, members=None) -> dict:
    """Each recurring term -> sorted unit indices, one entry per sentence that holds it (chains of vocabulary)."""
    key = tuple(b.index for b, _ in units)
    cache = doc.__dict__.setdefault("_nl104_occ", {})
    if key in cache:
        return cache[key]
    occ: dict = {}
    members = members or {}
    for i, (b, _) in enumerate(units):
        for blk in members.get(b.index, (b,)):
            for f in _sentence_features(doc, blk):
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
    unit_terms = [Counter() for _ in range(n)]
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
    best = (2.0, None, 0, 0)
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


class MixedArticles(Check):
    """## What it does
    Flags a file that holds more than one story, with one finding per file at the
    first boundary, the number of stories, and every boundary in `related`.
    Evidence, strongest first:
    - a second dateline or byline in mid-file, with different vocabulary between
      the story it opens and the rest of the file (each cue is tried in turn);
    - a second headline in mid-file whose words recur in the body below it but not
      in the text above it (headline-body affinity), with few vocabulary chains
      (terms recurring across sentences) crossing the boundary;
    - English: a change of vocabulary alone, when few of the recurring words cross
      the boundary compared with the words each side keeps to itself (a cohesion
      ratio judged against the file's own vocabulary), including a story spliced
      into another that then resumes (A, B, A).
    - a headline that does not belong to its body (a scraped page whose body is
      another story): English, none of its content words (light stems), numbers or
      names occur in the body, or the body never mentions the names it carries
      (Blair, Tory) and shares at most one word with it; Chinese, at most a tenth
      of its character pairs and no three-character run (a short item must share
      none). Reported on the headline through the first body line.
    - an unbroken page (a long English text with no blank line at all, such as an
      OCR'd front page): cut into windows of lines, a title line (ALL CAPS, or a short
      Title Case line after a finished sentence) whose words occur in the lines below
      but not above, where the similarity of the windows on each side falls well under
      the page's own typical similarity of adjacent windows. Reported on that line.
    A mid-file headline may carry a deck, dateline or byline before its body; its
    words are compared with the few paragraphs just above it, not the whole file.
    A spliced story may be followed by story A resuming for a single paragraph.
    Files longer than `max-chars` (a million characters by default) are
    collections such as archive dumps, not one story, and are not checked.
    Near copies of a paragraph are ignored for the vocabulary test. A single story
    with subheads, a news-briefs roundup (联播快讯, "In brief"), and a Chinese
    report with several item headings are not flagged.

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
    }

    # ------------------------------------------------------------------ helpers
    def _units(self, doc):
        min_chars = self.options["min-chars"]
        units = []
        members = self._members = {}
        open_unit = False  # the previous unit stops mid-sentence: a fragment joins it
        for b in doc.blocks:
            if b.kind not in (D.BODY, D.SUBHEAD) or not b.text.strip():
                open_unit = False
                continue
            sf = _sentence_features(doc, b)
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
            if b.kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.LEADIN, D.BODY) and len(b.text) <= 80 and _ROUNDUP.search(b.text):
                return True
        # structurally: short items, each a heading and one or two paragraphs, all the way down
        items = sum(1 for i, b in enumerate(doc.blocks) if b.kind in (D.SUBHEAD, D.HEADLINE) and i + 1 < len(doc.blocks)
                    and doc.blocks[i + 1].kind == D.BODY)
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
        seen = []
        for i, (b, f) in enumerate(units):
            if any(len(f & g) >= 0.6 * min(len(f), len(g)) for g in seen[-12:]):
                continue
            seen.append(f)
            keep.append(units[i])
        units = keep
        n = len(units)
        if n < self.options["min-units"]:
            return None
        occ = _term_units(doc, units, self._members)
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

    @staticmethod
    def _local(units, k=2):
        """Cosine of the k units before each gap with the k after (set intersections, linear)."""
        out = {}
        n = len(units)
        sets = [f for _, f in units]
        memo = {}

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
    _CAPS_TITLE = re.compile(r"^[A-Z][A-Z'’\",.:;!?&$\d -]{6,48}$")

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
        if doc.lang != "en" or len(lines) < self.options["page-min-lines"] or "\n\n" in text.strip() \
                or any(not x.strip() for x in lines[1:-1]):
            return False
        offs = [0]
        for x in lines:
            offs.append(offs[-1] + len(x) + 1)
        feats = [features(x, "en") for x in lines]

        def bag(a, b):
            c = Counter()
            for f in feats[max(a, 0):min(b, len(lines))]:
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
            above = "\n".join(lines[max(0, i - 2 * w):i])
            below = "\n".join(lines[i + 1:i + 1 + 2 * w])
            hb = len(H & _en_stems(above)) / len(H)
            ha = len(H & _en_stems(below)) / len(H)
            c = cos(bag(i - w, i), bag(i + 1, i + 1 + w))
            if hb == 0 and ha > 0 and c <= self.options["page-max-similarity"] * med:
                ctx.report(offs[i], offs[i] + len(lines[i]),
                           f"File holds several stories; a new one starts at line {i + 1} (a title line "
                           f"where the vocabulary changes: window similarity {c:.2f} against {med:.2f} typical on this page)",
                           related=[Related(offs[i], offs[i] + len(lines[i]), "story 2 starts here")])
                return True
        return False

    # ------------------------------------------------------------------ check
    def check(self, doc, ctx):
        if len(doc.text) > self.options["max-chars"]:
            return  # a collection (an archive or feed dump), not one story file
        try:
            self._check(doc, ctx)
        finally:
            # the per-document caches (sentence features, term occurrences)
            # are large on long files: do not keep them alive with the document
            doc.__dict__.pop("_nl104_sf", None)
            doc.__dict__.pop("_nl104_occ", None)
            self._all_units = None
            self._members = None

    def _check(self, doc, ctx):
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
                if best is not None and best <= thr:
                    boundaries = [g] + ([best_e] if best_e < n else [])
                    cue = cue_gaps[g]
                    what = cue.kind if cue.kind != D.BODY else "dateline"
                    reason = f"a second {what} at line {cue.first_line}, different vocabulary"
                    break
        if not boundaries and head_cue is not None:
            g, e, hblk, r = head_cue
            boundaries = [x for x in (g, e) if 0 < x < n]
            reason = f"a second headline at line {hblk.first_line}, its words recur in the text below it but not above (shared vocabulary {r:.2f})"
        if not boundaries and vocab is not None and vocab[0] <= lim:
            r, g, e = vocab
            boundaries = [x for x in (g, e) if 0 < x < n]
            reason = f"different vocabulary: only {r:.0%} of recurring words cross the boundary"
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
        while i > 0 and (doc.blocks[i - 1].kind in (D.HEADLINE, D.SUBHEAD, D.DATELINE, D.BYLINE)
                         or doc.blocks[i - 1].kind == D.BODY and len(doc.blocks[i - 1].text.strip()) <= 40
                         and len(doc.blocks[i - 1].lines) == 1 and not ends_sentence(doc.blocks[i - 1].text)):
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
        if head.kind != D.HEADLINE or len(head.lines) > 2:
            return
        if self._is_roundup_title(doc) and (head.lang != "zh" or _ROUNDUP.search(head.text)):
            return  # a roundup under its own roundup title (国际联播快讯)
        htext = unicodedata.normalize("NFKC", head.text.strip())
        if _LABEL.search(htext) or _inline_dateline(htext):
            return
        body_blocks = [b for b in doc.blocks[head.index + 1:] if b.kind in (D.BODY, D.SUBHEAD, D.LEADIN, D.LIST)]
        body = unicodedata.normalize("NFKC", "\n".join(b.text for b in body_blocks))[:20000]
        short = len(body) < self.options["mismatch-min-body"] * (0.5 if head.lang == "zh" else 1)
        if short and head.lang != "zh":
            return
        if head.lang == "zh":
            H = _zh_grams(htext, 2)
            if len(H) < 5:
                return
            cov = len(H & _zh_grams(body, 2)) / len(H)
            if short and (len(body) < 30 or len(H) < 8 or cov > 0):
                return  # a short item must share nothing with a long headline
            if cov > self.options["mismatch-max-zh"] or _zh_grams(htext, 3) & _zh_grams(body, 3):
                return
            why = f"only {cov:.0%} of its character pairs occur in the body"
        elif head.lang == "en":
            H = _en_stems(htext)
            if len(H) < 3:
                return
            shared = H & _en_stems(body)
            unnamed = self._names_missing(htext, body)
            if unnamed and len(shared) <= 1 and len(body) >= self.options["mismatch-min-body"]:
                why = f"the body never names {', '.join(unnamed)}"
                shared = set()
                H = set()  # decided
            if H and shared:
                # one common word met once in a long body (rise, deal, show) is chance, not a match
                if len(shared) > 1 or len(H) < 4 or len(body) < 1000:
                    return
                (t,) = shared
                names = {_stem(w.lower()) for w in regex.findall(r"\b[A-Z][a-z]+|\d[\d.,]*", htext[1:])}
                if t in names or t.isdigit() or sum(c for w, c in Counter(_HW.findall(body.lower())).items() if _stem(w) == t) > 1:
                    return
            if H:
                why = "none of its words occur in the body" if not shared else "one of its words occurs once in the body"
        else:
            return
        first = units[0][0]
        end_line = doc.line(first.first_line)
        if first.first_line - head.first_line > 4:
            end_line = doc.line(head.last_line)
        ctx.report(
            head.start,
            end_line.end,
            f"File holds 2 stories: the headline at line {head.first_line} does not belong to the body ({why})",
            related=[Related(first.start, doc.line(first.first_line).end, "the body starts here")],
        )

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
        names = [regex.sub(r"['’]s$", "", t) for t in toks[1:] if t[:1].isupper() and t not in _HEAD_STOP]
        if not names or any(regex.search(r"\b" + regex.escape(n), body) for n in names):
            return []
        first = regex.sub(r"['’]s$", "", toks[0])
        if first[:1].isupper() and regex.search(r"(?<![.!?]\s)(?<!^)\b" + regex.escape(first) + r"\b", body):
            return []
        return names

    def _headline_cue(self, doc, units, lang):
        """A headline-like line in mid-file whose words recur in the body below it but
        not in the text above it, where little vocabulary crosses the boundary:
        returns (first unit of story B, unit where story A resumes or n, the line, ratio)."""
        n = len(units)
        starts = {b.index: i for i, (b, _) in enumerate(units)}
        heads = []
        for blk in doc.blocks[1:]:
            if blk.kind not in (D.SUBHEAD, D.HEADLINE) or blk.index + 1 >= len(doc.blocks):
                continue
            j = blk.index + 1
            # a headline may carry a deck, a dateline or a byline before its body
            while j < len(doc.blocks) and j - blk.index <= 2 and doc.blocks[j].kind in (D.SUBHEAD, D.DATELINE, D.BYLINE):
                j += 1
            g = starts.get(j)
            if g is None or g < 1:
                continue
            prev = doc.blocks[blk.index - 1]
            if prev.kind != D.BODY or not ends_sentence(prev.text):
                continue
            heads.append((g, blk))
        if not heads:
            return None
        zh = lang == "zh"
        first_body = next((b.index for b, _ in units), 0)
        nheads = sum(1 for b in doc.blocks[first_body:] if b.kind in (D.SUBHEAD, D.HEADLINE))
        if zh and nheads > 1:
            return None  # several items under their own headings: a roundup or a multi-part report
        if self._is_roundup_title(doc):
            return None
        occ = None
        max_hb = self.options["headline-max-above"]
        for g, blk in heads[:6]:
            H = features(blk.text, blk.lang)
            if len(H) < 2:
                continue
            before = set().union(*(f for _, f in units[max(0, g - self.options["headline-window"]):g]))
            after = set().union(*(f for _, f in units[g:g + 2]))
            hb = len(H & before) / len(H)
            ha = len(H & after) / len(H)
            if hb > (max_hb / 3 if zh else max_hb):
                continue
            if occ is None:
                occ = _term_units(doc, units, self._members)
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
        below = " ".join(b.text for b, _ in units[g:g + 2])
        above = " ".join(b.text for b, _ in units[:g]).lower()
        named = {w for w in names if regex.search(r"\b" + regex.escape(w) + r"\b", below)}
        return bool(named) and not any(regex.search(r"\b" + regex.escape(w.lower()) + r"\b", above) for w in named)

    @staticmethod
    def _is_roundup_title(doc) -> bool:
        heads = [b for b in doc.blocks if b.text.strip()][:2]
        for b in heads:
            if b.kind in (D.HEADLINE, D.SUBHEAD, D.BODY) and len(b.text) <= 80 and _ROUNDUP.search(b.text) \
                    and not _inline_dateline(b.text):
                return True
        # 国际联播快讯 layout: a dateline alone on its line, then an item heading
        for i, b in enumerate(doc.blocks[:4]):
            if b.kind == D.DATELINE and i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind in (D.SUBHEAD, D.HEADLINE):
                return True
        return False

    @staticmethod
    def _cross_seg(units, g, e):
        """Cosine between the units [g, e) and all the others."""
        a, b = Counter(), Counter()
        for k, (_, f) in enumerate(units):
            (b if g <= k < e else a).update(f)
        return _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))

    @staticmethod
    def _cross(units, g):
        a, b = Counter(), Counter()
        for _, f in units[:g]:
            a.update(f)
        for _, f in units[g:]:
            b.update(f)
        return _dot(a, b) / math.sqrt(max(_dot(a, a) * _dot(b, b), 1e-9))


_HEAD_TOKEN = _lazy(r"[A-Za-z][\w'’-]*")
_HEAD_STOP = frozenset(
    "The A An In On At Of For To And Or But With From By As Is Are Was Be Up Down Out Over Into After Before "
    "New More Most Big Top Why How What Who When Where Will Can Could May Might Must Should Would Not No".split()
)
_NAME = _lazy(r"\b[A-Z][a-z]{2,}(?:'s)?\b")
_EN_STOP_NAMES = frozenset(
    "the and but for new how why what who when where after over with from into about more most this that "
    "its their his her our your not all any can will may could would should says said say".split()
)


@hookimpl
def newslint_register_checks():
    return [MixedArticles]
