"""NL101 duplicate-paragraph: a paragraph (or a run of paragraphs) pasted twice."""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from enum import Enum

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import N_, _, join, ngettext
from lint.lang import text as T
from lint.lang.compiled import compile_re
from lint.model import Fix, Related

# the kinds of copy, as the run-of-paragraphs message names them
_KIND_WORDS = {
    "exact": N_("exact"),
    "near": N_("near"),
    "re-wrapped": N_("re-wrapped"),
    "cut short": N_("cut short"),
    "re-wrapped, cut short": N_("re-wrapped, cut short"),
    "near, cut short": N_("near, cut short"),
}

# Blocks that may be reported as (the edge of) a copy. Headlines, datelines,
# credits and the like legitimately repeat, so a copy made only of them is never
# reported, and they are trimmed from the edges of a reported copy.
_REPORTABLE = {D.BODY}
# kinds the classifier may give to a body paragraph (a long line without a
# full stop): reportable when the block copies body text
_SOFT = {D.HEADLINE, D.SUBHEAD, D.LEADIN, D.CAPTION}

# a line-end hyphen inside a Latin word (trans-\nport): not part of the text
_SOFT_HYPHEN = compile_re(r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z])")


class _NormTable(dict):
    """str.translate table: each character to one character, NFKC-folded and
    lower-cased where that keeps it one character (so offsets stay aligned)."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        r = unicodedata.normalize("NFKC", ch).lower()
        out = ord(r) if len(r) == 1 else code
        self[code] = out
        return out


_TABLE = _NormTable()
# zero-width characters, which count as gaps like whitespace
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# _TABLE, dropping the zero-width characters too
_TABLE_NO_GAPS = _NormTable({ord(c): None for c in _ZERO_WIDTH})


def _squeeze(text: str) -> str:
    """``text`` without whitespace or zero-width characters, normalised by
    ``_TABLE``. (str.split() drops exactly what ``\\s`` matches, faster than a
    pattern's sub.)"""
    return "".join(text.split()).translate(_TABLE_NO_GAPS)


def _common(s: str, j: int, i: int, hi: int) -> int:
    """Length of the longest common prefix of s[j:] and s[i:], at most hi."""
    length, step = 0, 16
    while length < hi:
        nxt = min(hi, length + step)
        if s[j + length : j + nxt] == s[i + length : i + nxt]:
            length = nxt
            step *= 2
            continue
        lo, up = length, nxt - 1
        while lo < up:
            mid = (lo + up + 1) // 2
            if s[j + length : j + mid] == s[i + length : i + mid]:
                lo = mid
            else:
                up = mid - 1
        return lo
    return length


class CopyKind(str, Enum):
    """How a repeated paragraph differs from the first copy."""

    EXACT = "exact"
    REWRAPPED = "re-wrapped"
    CUT = "cut short"
    REWRAPPED_CUT = "re-wrapped, cut short"
    NEAR = "near"
    NEAR_CUT = "near, cut short"

    def __str__(self) -> str:
        return str(self.value)

    __hash__ = str.__hash__  # as the string it equals (Enum's __hash__ is Python code)

    @property
    def near(self) -> bool:
        """A few characters or words differ."""
        return self in (CopyKind.NEAR, CopyKind.NEAR_CUT)

    @property
    def cut_short(self) -> bool:
        """The copy is a prefix of the first."""
        return self in (CopyKind.CUT, CopyKind.REWRAPPED_CUT, CopyKind.NEAR_CUT)

    @property
    def label(self) -> str:
        """How the finding's message names it (a catalog message id)."""
        return _LABELS[self]


_LABELS = {
    CopyKind.EXACT: N_("exact copy"),
    CopyKind.NEAR: N_("near copy: a few characters or words differ"),
    CopyKind.REWRAPPED: N_("re-wrapped copy: same text, broken at other places"),
    CopyKind.CUT: N_("copy cut short: a prefix of the earlier paragraph"),
    CopyKind.REWRAPPED_CUT: N_("re-wrapped copy, cut short"),
    CopyKind.NEAR_CUT: N_("near copy, cut short"),
}


@dataclass
class _Unit:
    """Copy blocks ``copy`` repeating source blocks ``s1``..``s2`` (the match
    covers source offsets ``ms``..``me``), with what the rule decided of it."""

    copy: list
    s1: int
    s2: int
    ms: int
    me: int
    simple: bool = False
    body_src: bool = False
    kind: CopyKind = CopyKind.EXACT


@dataclass(slots=True)
class _Chain:
    a: int  # copy range [a, b) in the stream
    b: int
    c: int  # source range [c, d)
    d: int
    matched: int
    parts: list = field(default_factory=list)  # (a, b, c) exact stretches


# documents up to this many normalised characters index every position
_FULL_INDEX_CHARS = 400_000


# --- the k-gram index ---------------------------------------------------------
# The exact stretches of the text that repeat earlier text are found through
# its k-grams (k characters, whitespace removed). A position q is a candidate
# when its gram occurred before at an indexed position (every ``stride``-th);
# the stretch is then extended against the gram's first indexed occurrence
# (j1) and its latest indexed occurrence before q (j2). The grams are hashed
# all at once with numpy (a polynomial hash mod 2**64 over the code points)
# and joined by sorting: the indexed grams' hashes are sorted once, and each
# position looks its hash up with a binary search. A hash is only a hint:
# every candidate's j1 and j2 are compared with the text itself, and on a
# collision the true occurrences are found among the positions sharing the
# hash, so the stretches are exactly those of an index keyed by the grams.

_HASH_BASE = 0x9E3779B97F4A7C15  # odd: a unit mod 2**64
_CHUNK = 1 << 16  # positions hashed per numpy pass (bounds the arrays' memory)


def _code_points(s: str):
    """The text's code points as a numpy array, one element per character,
    in the narrowest type that holds them (1, 2 or 4 bytes)."""
    import numpy as np

    if s.isascii():
        return np.frombuffer(s.encode("ascii"), dtype=np.uint8)
    b = s.encode("utf-16-le", "surrogatepass")
    if len(b) == 2 * len(s):  # nothing beyond the BMP: one unit per character
        return np.frombuffer(b, dtype=np.uint16)
    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _gram_hashes(codes, k: int, start: int, stop: int):
    """Hashes of the k-grams at positions [start, stop): sum of
    code[q + t] * B**(k - 1 - t) mod 2**64, built by doubling (a 2m-gram's
    hash from two m-grams'), so a few array operations whatever k is."""
    import numpy as np

    seg = codes[start : stop + k - 1].astype(np.uint64)
    res = None  # hashes of the res_len-grams
    res_len = 0
    part, m = seg, 1  # hashes of the m-grams, m a power of two
    while True:
        if k & m:
            if res is None:
                res, res_len = part, m
            else:
                # (r + m)-gram at q = r-gram at q * B**m + m-gram at q + r
                width = len(part) - res_len
                res = res[:width] * np.uint64(pow(_HASH_BASE, m, 1 << 64))
                res += part[res_len : res_len + width]
                res_len += m
        if 2 * m > k:
            break
        nxt = part[: len(part) - m] * np.uint64(pow(_HASH_BASE, m, 1 << 64))
        nxt += part[m:]
        part, m = nxt, 2 * m
    assert res is not None  # k >= 1: the loop takes at least one power of two
    return res[: stop - start]


class _GramIndex:
    """The grams at every ``stride``-th position, as one sorted array of
    64-bit entries: the gram's hash in the high bits, the position's index
    (position // stride) in the low ``shift`` bits. Sorting it orders the
    grams by hash and, among equal hashes, by position; its low bits cleared,
    an entry is the gram's key."""

    def __init__(self, s: str, k: int, stride: int):
        import numpy as np

        self.s, self.k, self.stride = s, k, stride
        self.codes = _code_points(s)
        limit = len(s) - k + 1
        m = self.m = len(range(0, limit, stride))
        self.shift = m.bit_length()  # m itself fits in the low bits
        self.low = np.uint64((1 << self.shift) - 1)
        self.high = ~self.low
        if stride == 1:
            entries = _gram_hashes(self.codes, k, 0, limit)
        else:
            entries = np.empty(m, dtype=np.uint64)
            for base in range(0, limit, _CHUNK):
                part = _gram_hashes(self.codes, k, base, min(limit, base + _CHUNK))[-base % stride :: stride]
                at = -(-base // stride)  # the index of the first multiple of stride from base on
                entries[at : at + len(part)] = part
        entries &= self.high
        entries |= np.arange(m, dtype=np.uint64)
        entries.sort()
        self.entries = entries

    def key(self, h):
        return h & self.high

    def all_candidates(self):
        """Every candidate's (position, j1, j2) as arrays ascending by position,
        when every position is indexed: in sorted order, a position's group
        starts at j1 and the entry before holds j2."""
        import numpy as np

        entries = self.entries
        pos = (entries & self.low).astype(np.int64)
        # entry x + 1 continues entry x's group: the same hash bits
        sel = np.flatnonzero((entries[1:] ^ entries[:-1]) <= self.low)
        if not len(sel):
            return sel, sel, sel
        sel += 1
        starts = np.arange(len(entries), dtype=np.int32 if len(entries) < 2**31 else np.int64)
        starts[sel] = 0
        np.maximum.accumulate(starts, out=starts)  # the group's first entry
        sel = sel[np.argsort(pos[sel])]
        return pos[sel], pos[starts[sel]], pos[sel - 1]

    def candidates(self, base: int, top: int):
        """For the positions in [base, top) whose gram's hash occurred at an
        earlier indexed position: (positions, j1, j2) as arrays, ascending."""
        import numpy as np

        if not hasattr(self, "table"):
            # a bit table of the indexed hashes' top bits: most positions
            # whose gram never occurred at an indexed position stop here
            self.bits = max(16, (4 * self.m).bit_length())
            self.table = np.zeros(1 << self.bits, dtype=bool)
            self.table[self.entries >> np.uint64(64 - self.bits)] = True
        entries, stride = self.entries, self.stride
        h = _gram_hashes(self.codes, self.k, base, top)
        q = np.flatnonzero(self.table[h >> np.uint64(64 - self.bits)])
        h = h[q] & self.high
        # the binary searches run in hash order: sorted needles walk the
        # sorted entries (many times faster than needles in text order)
        by_hash = np.argsort(h)
        q, h = q[by_hash], h[by_hash]
        q += base
        # the group's first entry: j1
        at = np.searchsorted(entries, h)
        np.minimum(at, self.m - 1, out=at)
        found = entries[at]
        hit = (found & self.high) == h
        j1 = (found & self.low).astype(np.int64) * stride
        hit &= j1 < q
        q, h, j1 = q[hit], h[hit], j1[hit]
        # the group's last entry before q: j2
        h |= ((q + (stride - 1)) // stride).astype(np.uint64)
        j2 = (entries[np.searchsorted(entries, h) - 1] & self.low).astype(np.int64) * stride
        by_pos = np.argsort(q)
        return q[by_pos], j1[by_pos], j2[by_pos]

    def exact(self, i: int):
        """(j1, j2) for the gram at i by the text itself, or None when no
        indexed position before i holds the same gram (a hash collision)."""
        import numpy as np

        s, k, entries = self.s, self.k, self.entries
        h = _gram_hashes(self.codes, k, i, i + 1)[0] & self.high
        lo = int(np.searchsorted(entries, h))
        hi = int(np.searchsorted(entries, h | self.low, side="right"))
        g = s[i : i + k]
        found = [p * self.stride for p in (entries[lo:hi] & self.low).tolist()]
        found = [p for p in found if p < i and s.startswith(g, p)]
        return (found[0], found[-1]) if found else None


# numpy's import (tens of milliseconds, and 12-16 MB that stay in the process
# for good) is paid only where it pays off: a document of a million characters
# or more, or a process that indexed this much text before the document (a
# batch); the others are indexed by a dict of their grams. Both give the same
# stretches. A 1 MB file (680,000 characters here) through the dict: its peak
# 85.5 -> 71.0 MB, the rule's time 0.41-0.48 -> 0.53-0.78 s.
_NUMPY_MIN_CHARS = 1_000_000
_NUMPY_AFTER_CHARS = 200_000
_indexed = 0  # normalised characters this process has indexed so far (a batch: past the threshold at once)


def _prepare_batch(expected_bytes: int) -> None:
    """A run of ``expected_bytes`` of input is starting: when it holds at
    least ``_NUMPY_AFTER_CHARS`` characters for sure (UTF-8 spends at most four
    bytes on one), import numpy now and index every document with it, instead
    of through the dict until that many characters went by."""
    global _indexed
    if expected_bytes // 4 > _NUMPY_AFTER_CHARS and _indexed <= _NUMPY_AFTER_CHARS:
        import numpy  # noqa: F401  (loaded once, before any worker is forked)

        _indexed = _NUMPY_AFTER_CHARS + 1


def _gram_dict_candidates(s: str, k: int, stride: int, key=hash):
    """(positions, j1, j2) through a dict of the grams: for each gram, the
    first indexed position it occurs at and the latest indexed one after that.
    The dicts are keyed by the gram's hash (an int weighs 32 bytes, the gram's
    string 65-106); a gram whose hash an earlier, different gram holds
    (checked against the text) is keyed by its own text instead (a string
    key never equals an int one), so the candidates are exactly those of a
    dict of the grams (``key`` is there for the test that makes hashes
    collide). The candidates are arrays of machine integers: as lists of int
    objects they weighed 40 bytes each (a 1 MB file: 200,000 candidates, 24 MB)."""
    first: dict = {}
    last: dict = {}
    cands = array("q")
    j1s = array("q")
    j2s = array("q")
    get = first.get
    for q in range(len(s) - k + 1):
        g = s[q : q + k]
        h = key(g)
        f = get(h)
        if f is not None and not s.startswith(g, f):
            h = g  # another gram holds this hash: this one is kept under its text
            f = get(h)
        if f is None:
            if q % stride == 0:
                first[h] = q
        elif f < q:
            cands.append(q)
            j1s.append(f)
            j2s.append(last.get(h, f))
            if q % stride == 0:
                last[h] = q
    return cands, j1s, j2s


def _stretches(s: str, k: int, stride: int, use_numpy: bool | None = None) -> list[tuple[int, int, int]]:
    """The exact stretches (a, b, c) of s that repeat earlier text: s[a:b]
    equals s[c:c + b - a], c < a, the stretches ascending and disjoint."""
    global _indexed
    n = len(s)
    limit = n - k + 1
    if limit < 2:
        return []
    if use_numpy is None:
        use_numpy = n >= _NUMPY_MIN_CHARS or _indexed > _NUMPY_AFTER_CHARS
        _indexed += n
    index = None
    stretches = []
    prev_end = 0
    if not use_numpy:
        batches = iter([_gram_dict_candidates(s, k, stride)])
    elif stride == 1:  # one pass, no binary searches
        index = _GramIndex(s, k, stride)
        batches = iter([index.all_candidates()])
    else:
        index = _GramIndex(s, k, stride)
        batches = (index.candidates(base, min(limit, base + _CHUNK)) for base in range(0, limit, _CHUNK))
    for cands, first, latest in batches:
        # (arrays or lists, read one element at a time: most candidates lie
        # inside a stretch found before them and are skipped by a binary search)
        x, m = 0, len(cands)
        while x < m:
            i = int(cands[x])
            if i < prev_end:  # inside the stretch just found
                x = bisect.bisect_left(cands, prev_end, x + 1)
                continue
            j1, j2 = int(first[x]), int(latest[x])
            x += 1
            g = s[i : i + k]
            if index is not None and not (s.startswith(g, j1) and s.startswith(g, j2)):
                found = index.exact(i)  # a hash collision
                if found is None:
                    continue
                j1, j2 = found
            l1 = _common(s, j1, i, min(i - j1, n - i))
            best_j, best_l = j1, l1
            if l1 < 3 * k:
                # the latest earlier occurrence: a phrase common to several
                # paragraphs may first occur in an unrelated one
                # (j2, found by the index: an rfind here made long documents quadratic)
                if j2 != j1:
                    l2 = _common(s, j2, i, min(i - j2, n - i))
                    if l2 > l1:
                        best_j, best_l = j2, l2
            if best_l < k:
                continue
            # extend backwards over text no earlier stretch claimed
            a, c = i, best_j
            while a > prev_end and c > 0 and s[a - 1] == s[c - 1] and best_j + best_l <= a - 1:
                a -= 1
                c -= 1
            end = i + best_l
            stretches.append((a, end, c))
            prev_end = end
    return stretches


def _stream(blocks) -> tuple[str, list[int]]:
    """The blocks' text without whitespace, normalised (see ``_TABLE``), one
    after the other, and where each block starts in it (with the end last).
    (A function of its own, so that the pieces are dropped once joined.)"""
    parts: list[str] = []
    bstart: list[int] = []
    n = 0
    for b in blocks:
        bstart.append(n)
        t = b.text
        if "-" in t:
            t = _SOFT_HYPHEN.sub(lambda m: " " * len(m.group()), t)
        run = _squeeze(t)  # the block without whitespace
        parts.append(run)
        n += len(run)
    bstart.append(n)
    return "".join(parts), bstart


class DuplicateParagraph(Check):
    """## What it does
    Flags every later copy of a paragraph and points back to the first copy.
    It finds exact copies, near copies (a few characters or words differ),
    re-wrapped copies (the same text broken into lines or blank-line-separated
    fragments at other places), copies cut short (a long prefix of an earlier
    paragraph), and runs of several consecutive paragraphs repeated, which are
    reported as one finding. Text is compared with whitespace removed, through
    an index of character n-grams, so the cost grows linearly with the text.
    Short repeated lines (datelines, photo credits, headlines, subheads,
    bylines) are not reported. A run of several long list items repeated
    verbatim is reported; single list items, which legitimately recur, are not.

    Intended repetition is not reported (option `skip-intended`): flattened
    table rows; a caption or photo credit repeating body text; a line quoted
    in a reply (`> ...`); a summary bullet restated as a body paragraph (or
    the reverse); a dek, teaser or summary at the top, set off from the story
    by a byline, date, picture or credit, repeating a later paragraph; an
    epigraph (a quotation, or a line with its attribution) opening the story
    and closing it again; one sentence of a longer paragraph standing alone
    (a pull quote); a near copy differing in several places, one of them a
    figure (parallel paragraphs: the same template stating other facts).
    A short one-sentence line (`short-line-chars`, `short-line-chars-cjk`)
    or a question is weak evidence: it is reported only when the line after
    it repeats too (a comment printed twice with its signature), so an
    interview question put to several people, each with their own answer,
    and a recurring label are not. Otherwise whole body paragraphs repeated
    in the story, under the same or another heading, are reported.

    ## Why is this bad?
    Readers see the same text twice. It almost always means a paste, layout or
    CMS error, and the copy is often slightly edited or cut, so it is easy to miss.

    ## Example
    ```text
    发展新质生产力，既是发展命题，也是改革命题。

    今年以来，各地各部门立足实际、统筹谋划。

    发展新质生产力，既是发展命题，也是改革命题。
    ```
    ```text
    The council approved the budget on Tuesday after a long debate.

    Opposition members walked out before the vote.

    The council approved the budget on Tuesday after a
    long debate.
    ```
    The fix removes the copy with the blank line before it. In HTML and XML
    (NITF) it removes the copy's elements, from the opening tag to the end
    tag, with the whitespace before them, so the file keeps its indentation
    and reads as before but for the copy.

    ## Fix safety
    Removing an exact copy is safe; removing a near, re-wrapped or cut copy is
    unsafe (the two differ, and an editor should choose which to keep).

    In HTML and XML the fix is offered only when each paragraph of the copy is
    the whole content of one element that can go without changing the
    structure around it: a `<p>`, `<li>`, `<blockquote>`, `<pre>`,
    `<address>` or heading (NITF: `<p>`, `<li>`, `<hl2>`, `<pre>`) whose
    parent is a container (`<div>`, `<article>`, `<ul>`, `<body>` ...), not a
    table cell, a list item or a quotation, and (for a run) with nothing but
    whitespace between the elements. A copy that shares its element with
    other text (`<p>...<br><br>...</p>`) or sits in a table gets no fix. The
    fix is unsafe when an element to remove has an `id` or `name` (a link may
    point at it; as a rule the first copy does not carry the same one) or
    holds markup that is not copy: an image, a comment (perhaps a suppression
    directive), a script. DOCX files are never fixed.
    """

    name = "duplicate-paragraph"
    code = "NL101"
    severity = "error"
    options = {
        "min-chars": Option(15, min=1),
        "min-chars-latin": Option(40, min=1),
        "min-copy-coverage": Option(0.85, min=0, max=1),
        "min-source-coverage": Option(0.5, min=0, max=1),
        "ngram-cjk": Option(8, min=1),
        "ngram-latin": Option(16, min=1),
        "require-prose": True,
        "skip-intended": True,
        "short-line-chars": 80,
        "short-line-chars-cjk": 30,
    }

    def check(self, doc, ctx):
        # per-document working state lives in a pass object, not on this
        # instance (which the engine reuses across documents)
        return _Pass(self.options).check(doc, ctx)

    @classmethod
    def prepare_run(cls, expected_bytes: int) -> None:
        _prepare_batch(expected_bytes)


class _Pass:
    """One document's pass of NL101: the rule's options and the document's
    layout, dropped when the document is done."""

    def __init__(self, options: dict):
        self.options = options

    # ------------------------------------------------------------------
    def check(self, doc, ctx):
        opts = self.options
        blocks = doc.blocks
        if len(blocks) < 2:
            return
        s, bstart = _stream(blocks)
        n = len(s)
        latin = doc.lang != "zh"
        k = int(opts["ngram-latin"] if latin else opts["ngram-cjk"])
        if n < 2 * k:
            return
        gap_max, diff_max = (30, 16) if latin else (12, 6)

        # --- 1. exact stretches against earlier text -------------------
        # Long documents index every ``stride``-th position only: a copy
        # longer than k + stride still hits an indexed gram, and memory stays
        # a fraction of the text's.
        stride = 1 if n <= _FULL_INDEX_CHARS else min(16, 2 + n // _FULL_INDEX_CHARS)
        stretches = _stretches(s, k, stride)

        if not stretches:
            return

        # --- 2. chain stretches across small differences (near copies) ---
        chains: list[_Chain] = []
        for a, b, c in stretches:
            d = c + (b - a)
            merged = False
            for back in range(1, min(4, len(chains) + 1)):
                ch = chains[-back]
                ga, gc = a - ch.b, c - ch.d
                if 0 <= ga <= gap_max and -2 <= gc <= gap_max and abs(ga - gc) <= diff_max and c >= ch.c:
                    # drop short junk chains in between
                    del chains[len(chains) - back + 1 :]
                    ch.b, ch.d = b, max(ch.d, d)
                    ch.matched += b - a
                    ch.parts.append((a, b, c))
                    merged = True
                    break
            if not merged:
                chains.append(_Chain(a, b, c, d, b - a, [(a, b, c)]))
        del stretches  # the chains hold them

        self._origin: dict[int, tuple[int, int]] = {}
        self._layout = _Layout(doc, blocks, latin)
        # in order, each chain dropped once reported: on a long document the
        # chains weigh as much as the findings made from them
        chains.reverse()
        while chains:
            self._report_chain(doc, ctx, chains.pop(), blocks, bstart, s, latin)

    # ------------------------------------------------------------------
    def _report_chain(self, doc, ctx, ch, blocks, bstart, s, latin):
        opts = self.options
        min_chars = int(opts["min-chars-latin"] if latin else opts["min-chars"])
        if ch.b - ch.a < min(min_chars, 12):
            return

        def blen(x):
            return bstart[x + 1] - bstart[x]

        def block_of(p):
            return bisect.bisect_right(bstart, p) - 1

        def overlap(x, lo, hi):
            return max(0, min(hi, bstart[x + 1]) - max(lo, bstart[x]))

        def map_pos(p):
            # stream position in the copy -> position in the source
            best = ch.parts[max(0, bisect.bisect_right(part_starts, p) - 1)]
            return best[2] + (p - best[0])

        # a short stretch joined to the chain across a gap (a phrase the
        # source paragraph shares with the headline) dilutes it: drop such
        # edge stretches while the chain is too sparse to be one copy
        while len(ch.parts) > 1 and ch.matched < 0.8 * (ch.b - ch.a):
            (a0, b0, _), (a1, _, c1) = ch.parts[0], ch.parts[1]
            (_, by, _), (az, bz, _) = ch.parts[-2], ch.parts[-1]
            if (b0 - a0) / (a1 - a0) <= (bz - az) / (bz - by):
                ch.parts.pop(0)
                ch.a, ch.c = a1, c1
                ch.matched -= b0 - a0
            else:
                ch.parts.pop()
                ch.b = by
                ch.matched -= bz - az
            ch.d = max(pc + (pb - pa) for pa, pb, pc in ch.parts)
        part_starts = [part[0] for part in ch.parts]

        # near copies differing at the very start or end: the chain stops short
        # of both paragraphs' edges by a few characters; extend it to them
        gap_max = 30 if latin else 12
        x, y = block_of(ch.a), block_of(ch.c)
        if 0 < ch.a - bstart[x] <= gap_max and 0 <= ch.c - bstart[y] <= gap_max:
            head_c, head_s = s[bstart[x] : ch.a], s[bstart[y] : ch.c]
            ch.matched += len(os.path.commonprefix([head_c, head_s]))
            ch.a = bstart[x]
            ch.parts[0] = (ch.a, ch.parts[0][1], ch.parts[0][2] - (ch.parts[0][0] - ch.a))
        x, y = block_of(ch.b - 1), block_of(ch.d - 1)
        if 0 < bstart[x + 1] - ch.b <= gap_max and 0 <= bstart[y + 1] - ch.d <= gap_max:
            tail_c, tail_s = s[ch.b : bstart[x + 1]], s[ch.d : bstart[y + 1]]
            ch.matched += len(os.path.commonprefix([tail_c[::-1], tail_s[::-1]]))
            ch.b = bstart[x + 1]
        if ch.matched < 0.8 * (ch.b - ch.a):
            return
        # copy blocks the chain covers well enough
        cb = [
            x
            for x in range(block_of(ch.a), block_of(ch.b - 1) + 1)
            if blen(x) and overlap(x, ch.a, ch.b) >= 0.6 * blen(x)
        ]
        if not cb:
            return
        # per copy block: its source block range
        items = []
        for x in cb:
            lo = max(ch.a, bstart[x])
            hi = min(ch.b, bstart[x + 1])
            ms, me = map_pos(lo), map_pos(hi - 1)
            s1, s2 = block_of(ms), block_of(me)
            # ignore a source block touched only by a few characters at an edge
            if s2 > s1 and overlap(s1, ms, me + 1) < 0.5 * blen(s1) and overlap(s1, ms, me + 1) < k_min(latin):
                s1 += 1
            if s2 > s1 and overlap(s2, ms, me + 1) < 0.5 * blen(s2) and overlap(s2, ms, me + 1) < k_min(latin):
                s2 -= 1
            if s1 >= x or s2 >= x:
                continue  # overlaps itself: not a copy of earlier text
            items.append([x, s1, s2, ms, me])
        if not items:
            return
        # group into units: fragments of one source paragraph, or one block each
        units: list[_Unit] = []
        for it in items:
            x, s1, s2 = it[0], it[1], it[2]
            u = units[-1] if units else None
            if u and s1 == s2 and u.s1 == u.s2 == s1 and u.copy[-1] == x - 1:
                u.copy.append(x)
                u.me = it[4]
            else:
                units.append(_Unit(copy=[x], s1=s1, s2=s2, ms=it[3], me=it[4]))
        good: list[_Unit | None] = []
        cover_min = float(opts["min-copy-coverage"])
        src_min = float(opts["min-source-coverage"])
        for u in units:
            total = sum(blen(x) for x in u.copy)
            covered = sum(overlap(x, ch.a, ch.b) for x in u.copy)
            src_total = sum(blen(y) for y in range(u.s1, u.s2 + 1))
            if total == 0 or src_total == 0 or covered < cover_min * total:
                good.append(None)
                continue
            src_cov = (u.me - u.ms + 1) / src_total
            if src_cov < src_min:
                good.append(None)
                continue
            u.simple = len(u.copy) == 1 and u.s1 == u.s2
            # the first block is the headline slot even when the classifier
            # calls it body; a later subhead repeating it is not a copy
            u.body_src = any(blocks[y].kind in _REPORTABLE and y > 0 for y in range(u.s1, u.s2 + 1))
            u.kind = self._kind(u, blocks, bstart, s)
            if u.s2 > u.s1 and u.kind.near:
                # a paragraph joining several earlier ones must repeat them
                # verbatim: otherwise it is list-like text (fixtures, results)
                good.append(None)
                continue
            good.append(u)
        # runs: consecutive simple units copying consecutive source blocks
        groups: list[list[_Unit] | None] = []
        for u in good:
            if u is None:
                groups.append(None)
                continue
            g = groups[-1] if groups else None
            if g and u.simple and g[-1].simple and u.copy[0] == g[-1].copy[-1] + 1 and u.s1 == g[-1].s2 + 1:
                g.append(u)
            else:
                groups.append([u])
        for g in groups:
            if g:
                self._emit(doc, ctx, g, blocks, bstart, s, min_chars, blen)

    def _emit(self, doc, ctx, group, blocks, bstart, s, min_chars, blen):
        latin = doc.lang != "zh"
        # list items legitimately repeat one by one (roundups, results); a run
        # of several long items repeated verbatim is a pasted block all the same
        list_run = len(group) >= 2 and all(
            u.kind is CopyKind.EXACT
            and blocks[u.copy[0]].kind == D.LIST
            and blocks[u.s1].kind == D.LIST
            and blen(u.copy[0]) >= min_chars
            for u in group
        )

        # trim non-body blocks from the edges (a repeated credit or dateline)
        def body(x, u):
            kind = blocks[x].kind
            return (
                kind in _REPORTABLE
                or (list_run and kind == D.LIST)
                or (
                    kind in _SOFT
                    and u.body_src
                    and blen(x) >= min_chars
                    and (len(u.copy) == 1 or any(blocks[z].kind in _REPORTABLE for z in u.copy))
                )
            )

        while group and not any(body(x, group[0]) for x in group[0].copy):
            group = group[1:]
        while group and not any(body(x, group[-1]) for x in group[-1].copy):
            group = group[:-1]
        if not group:
            return
        copy_blocks = [x for u in group for x in u.copy]
        body_chars = sum(blen(x) for u in group for x in u.copy if body(x, u))
        if body_chars < min_chars:
            return
        if self.options["require-prose"] and not _is_prose(" ".join(blocks[x].text for x in copy_blocks)):
            return  # fixture lists, results, tables legitimately repeat lines
        if self.options["skip-intended"] and _intended(
            doc,
            group,
            blocks,
            self._layout,
            latin,
            int(self.options["short-line-chars" if latin else "short-line-chars-cjk"]),
        ):
            return
        src_lo, src_hi = group[0].s1, group[-1].s2
        for u in group:
            for x in u.copy:
                self._origin[x] = (u.s1, u.s2)
        # the source is itself a reported copy: point at the first copy
        if src_lo in self._origin and src_hi in self._origin:
            lo, hi = self._origin[src_lo][0], self._origin[src_hi][1]
            if lo <= hi:
                src_lo, src_hi = lo, hi
        kinds = [u.kind for u in group]
        first_line = blocks[src_lo].first_line
        last_src_line = blocks[src_hi].last_line
        c0, c1 = blocks[copy_blocks[0]], blocks[copy_blocks[-1]]
        if len(group) > 1:
            if all(k is CopyKind.EXACT for k in kinds):
                what = _("exact copy")
            else:
                and_ = _(" and ")
                what = _("{kinds} copies", kinds=join(and_, [_(_KIND_WORDS.get(k, k)) for k in sorted(set(kinds))]))
            msg = _(
                "Run of {n} paragraphs repeats lines {first}-{last} ({what})",
                n=len(group),
                first=first_line,
                last=last_src_line,
                what=what,
            )
        else:
            kind = kinds[0]
            if first_line == last_src_line:
                where = _("line {line}", line=first_line)
            else:
                where = _("lines {first}-{last}", first=first_line, last=last_src_line)
            msg = _("Paragraph repeats the one at {where} ({label})", where=where, label=_(kind.label))
        exact = all(k is CopyKind.EXACT for k in kinds)
        # the copy with the separator before it (HTML, XML: the copy's elements)
        edit, removal = doc.remove_blocks(copy_blocks[0], copy_blocks[-1])
        fix = None
        if removal is not None:
            fix = Fix(
                ngettext("Remove the repeated paragraph", "Remove the repeated paragraphs", len(copy_blocks)),
                (edit,),
                "safe" if exact and removal == "safe" else "unsafe",
            )
        related = [Related(blocks[src_lo].start, blocks[src_hi].end, _("first copy"))]
        ctx.report(c0.start, c1.end, msg, related=related, fix=fix)

    @staticmethod
    def _kind(u, blocks, bstart, s) -> "CopyKind":
        copy = "".join(s[bstart[x] : bstart[x + 1]] for x in u.copy)
        src = s[bstart[u.s1] : bstart[u.s2 + 1]]
        raw_copy = "\n\n".join(blocks[x].text for x in u.copy)
        raw_src = "\n\n".join(blocks[y].text for y in range(u.s1, u.s2 + 1))
        rewrapped = raw_copy.strip() != raw_src.strip()
        if copy == src:
            return CopyKind.REWRAPPED if rewrapped else CopyKind.EXACT
        if src.startswith(copy):
            return CopyKind.REWRAPPED_CUT if (len(u.copy) > 1 or "\n" in raw_copy) else CopyKind.CUT
        if len(copy) < 0.9 * len(src):
            return CopyKind.NEAR_CUT
        return CopyKind.NEAR


# ---------------------------------------------------------------------------
# Intended repetition: a repeat made on purpose, not pasted twice

# a flattened table row: cells between | or tab separators
_CELLS = compile_re(r"\|[^|\n]*\|")
# a line quoted in a reply (e-mail and forum style)
_QUOTED = compile_re(r"^\s*>")
_QUESTION_END = compile_re(r"[?？][\s\"'”’」』)）]*$")
_TOKEN = compile_re(rf"[{T.HAN_RANGES}]|\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_DIGIT = compile_re(r"\d")
_QUOTE_PUNCT = "\"'“”‘’「」『』«».,;:!?。，；：！？…"
# a picture credit set as its own line
_CREDIT_LINE = compile_re(r"^\s*(?:image|photo|picture)\s*(?:credits?|courtesy|source)\b", re.I)
# an epigraph: a quotation, or a line followed by its attribution
_QUOTE_START = compile_re(r"^\s*[\"'“‘「『«]")
_ATTRIBUTION = compile_re(r"^\s*(?:—|–|-{1,2}|——)\s*\S")
_FURNITURE = {
    D.HEADLINE,
    D.SUBHEAD,
    D.BYLINE,
    D.DATELINE,
    D.CAPTION,
    D.CREDIT,
    D.LEADIN,
    D.LIST,
    D.BOILERPLATE,
    D.SIGNOFF,
    D.ELLIPSIS,
}


def _is_table_row(text: str) -> bool:
    return bool(_CELLS.search(text)) or text.count("\t") >= 2


def _is_caption(block) -> bool:
    from lint.lang.patterns import ZH_CAPTION_START, ZH_CREDIT, has_en_credit

    if block.kind in (D.CAPTION, D.CREDIT):
        return True
    t = block.text.strip()
    if ZH_CAPTION_START.match(t):
        return True
    # a caption is a few lines at most; a long paragraph is not one
    return len(t) <= 400 and bool(ZH_CREDIT.search(t) or has_en_credit(t))


def _n_sentences(doc, block) -> int:
    return len(doc.sentences(block))


def _is_furniture(doc, block, latin: bool) -> bool:
    """A block that is not a body paragraph: a kind the classifier gives to
    headings, bylines, captions..., or a short line ending no sentence
    (an image credit, a "Read more" link)."""
    from lint.lang.text import ends_sentence

    if block.kind in _FURNITURE:
        return True
    t = block.text.strip()
    return len(_squeeze(t)) < (60 if latin else 20) and not ends_sentence(t)


def _is_masthead(doc, block, latin: bool) -> bool:
    """Furniture between a dek and the story: a byline, date, picture,
    credit, share buttons, a "Read more" link; not a section or story
    heading (a heading between two copies makes them a paragraph repeated
    under two heads)."""
    if block.kind in (D.BYLINE, D.DATELINE, D.CAPTION, D.CREDIT, D.LIST, D.BOILERPLATE):
        return True
    if block.kind == D.LEADIN or not _is_furniture(doc, block, latin):
        return False
    t = _squeeze(block.text)
    return bool(_DIGIT.search(t)) or len(t) <= (12 if latin else 3)


def _is_title(doc, block) -> bool:
    """A one-line, one-sentence block not closed by a full stop: a headline
    (possibly a question) the classifier read as body text."""
    t = block.text.strip()
    return "\n" not in t and len(doc.sentences(block)) <= 1 and not t.endswith((".", "。", "．"))


def _prefix_len(a: str, b: str) -> int:
    """Length of the common prefix of a and b (binary search on slices)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _figures_differ(copy: str, src: str, cut: bool) -> bool:
    """A near copy differing at several places, one of them a number (a
    figure, a date): the same template stating other facts, not a paste."""
    import difflib

    src, copy = src.casefold(), copy.casefold()
    # compare only what lies between the common start and end, widened to
    # whole tokens
    lo = _prefix_len(src, copy)
    hi = _prefix_len(src[lo:][::-1], copy[lo:][::-1])
    while lo > 0 and src[lo - 1].isalnum():
        lo -= 1
    while hi > 0 and src[len(src) - hi].isalnum():
        hi -= 1
    mid_src, mid_copy = src[lo : len(src) - hi], copy[lo : len(copy) - hi]
    if not (_DIGIT.search(mid_src) or _DIGIT.search(mid_copy)):
        return False
    a, b = _TOKEN.findall(mid_src), _TOKEN.findall(mid_copy)
    if len(a) * len(b) > 4_000_000:
        return False
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if cut and ops and ops[-1][0] == "delete":
        ops = ops[:-1]  # the part the copy leaves off
    diffs = [("".join(a[i1:i2]), "".join(b[j1:j2])) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    # one changed figure may be a correction made to one copy only
    return len(diffs) >= 2 and any(_DIGIT.search(x) or _DIGIT.search(y) for x, y in diffs)


def _neighbour(blocks, x: int, step: int):
    y = x + step
    while 0 <= y < len(blocks) and not blocks[y].text.strip():
        y += step
    return y if 0 <= y < len(blocks) else None


class _Layout:
    """Where the story starts and ends, worked out once per document and
    only when a copy is found (a document may hold thousands of copies)."""

    def __init__(self, doc, blocks, latin: bool):
        self.doc, self.blocks, self.latin = doc, blocks, latin
        self._first: int | None = None
        self._last: int | None = None
        self._body: list[int] | None = None

    def first_text(self) -> int:
        """Index of the first block after the headline slot that is neither
        furniture nor a title: the start of the story text."""
        if self._first is None:
            doc, latin = self.doc, self.latin
            self._first = next(
                (
                    z
                    for z in range(1, len(self.blocks))
                    if self.blocks[z].text.strip()
                    and not (_is_furniture(doc, self.blocks[z], latin) or _is_title(doc, self.blocks[z]))
                ),
                len(self.blocks),
            )
        return self._first

    def last_text(self) -> int:
        """Index of the last block that is not furniture (-1 when none)."""
        if self._last is None:
            doc, latin = self.doc, self.latin
            self._last = next(
                (
                    z
                    for z in range(len(self.blocks) - 1, -1, -1)
                    if self.blocks[z].text.strip() and not _is_furniture(doc, self.blocks[z], latin)
                ),
                -1,
            )
        return self._last

    def body_between(self, lo: int, hi: int) -> int:
        """Body blocks strictly between block lo and block hi."""
        if self._body is None:
            acc, n = [0], 0
            for b in self.blocks:
                n += b.kind == D.BODY
                acc.append(n)
            self._body = acc
        return max(0, self._body[hi] - self._body[lo + 1])


def _weak_single(doc, u, blocks, ctext: str, stext: str, short_max: int) -> str | None:
    """One paragraph repeating one: a pull quote, or a short line or a
    question that only its following line repeating too makes a paste."""
    is_short = len(_squeeze(stext)) < short_max and "\n" not in ctext.strip()
    ends_question = bool(_QUESTION_END.search(ctext.strip()))
    if not (is_short or ends_question or u.kind.cut_short):
        return None
    n_copy = sum(_n_sentences(doc, blocks[x]) for x in u.copy)
    # one sentence of a longer paragraph standing alone, a quotation or
    # not its opening sentence: a pull quote (a long prefix of the
    # paragraph is a copy cut short)
    if u.kind.cut_short and n_copy <= 1:
        sents = doc.sentences(blocks[u.s1])
        core = _squeeze(ctext).strip(_QUOTE_PUNCT)  # the quoted words, without quotation marks
        for i, (a, b) in enumerate(sents):
            if len(sents) >= 2 and core and core in _squeeze(doc.text[a:b]) and (i > 0 or _QUOTE_START.match(ctext)):
                return "pull quote"
    # a short line (a question, a label) is weak evidence: only its
    # neighbours repeating too make it a paste
    short = is_short and n_copy <= 1
    question = ends_question and n_copy <= 2
    if short or question:
        x, y = u.copy[0], u.s1
        confirmed = _neighbour(blocks, y, 1) == x
        # what follows the line (the answer to a question, the name
        # under a comment) must repeat too
        nx, ny = _neighbour(blocks, x, 1), _neighbour(blocks, y, 1)
        if nx is not None and ny is not None and ny != x and _squeeze(blocks[nx].text) == _squeeze(blocks[ny].text):
            confirmed = True
        from lint.lang.text import ends_sentence

        if short and not ends_sentence(stext):
            return "label"  # a heading, a table or form label: no sentence at all
        if not confirmed:
            return "short line" if short else "interview question"
    return None


def _intended(doc, group, blocks, layout: _Layout, latin: bool, short_max: int = 80) -> str | None:
    """Why a repeat looks intended, or None: table rows, captions, quoted
    replies, bullets restating body text, a dek or teaser repeating the lede,
    a pull quote, a short line (a question, a label) whose neighbours differ,
    parallel paragraphs stating other figures."""
    copy = [x for u in group for x in u.copy]
    src = [y for u in group for y in range(u.s1, u.s2 + 1)]
    if any("|" in blocks[x].text or "\t" in blocks[x].text for x in copy) and 2 * sum(
        len(_squeeze(blocks[x].text)) for x in copy if _is_table_row(blocks[x].text)
    ) > sum(len(_squeeze(blocks[x].text)) for x in copy):
        return "table rows"
    if any(_is_caption(blocks[x]) for x in copy + src):
        return "caption"
    if any(_QUOTED.match(blocks[x].text) for x in copy):
        return "quoted in a reply"
    if (all(blocks[x].kind == D.LIST for x in copy)) != (all(blocks[y].kind == D.LIST for y in src)):
        return "bullet restating body text"
    if len(group) == 1:
        u = group[0]
        kind = u.kind
        single = len(u.copy) == 1 and u.s1 == u.s2
        ctext = "\n".join(blocks[x].text for x in u.copy)
        stext = "\n".join(blocks[y].text for y in range(u.s1, u.s2 + 1))
        if u.s1 == u.s2:
            y = u.s1
            at_top = y <= layout.first_text()
            nxt = _neighbour(blocks, y, 1)
            # an epigraph (a quotation, or a line with its attribution)
            # opening the story and closing it again: a bookend
            x = u.copy[-1]
            between = layout.body_between(y, u.copy[0])
            attributed = nxt is not None and _ATTRIBUTION.match(blocks[nxt].text) and len(blocks[nxt].text) < 80
            if (
                at_top
                and between >= 3
                and kind is CopyKind.EXACT
                and _n_sentences(doc, blocks[y]) <= 2
                and (_QUOTE_START.match(stext) or attributed)
                and x >= layout.last_text()
            ):
                return "epigraph bookend"
            # a dek, teaser or summary at the top, set off from the story by
            # the byline, date or picture, repeating a body paragraph: either
            # only such furniture stands between the two, or the byline or
            # picture credit comes straight after the first
            if at_top and nxt is not None and nxt not in u.copy:
                gap = (blocks[z] for z in range(y + 1, u.copy[0]) if blocks[z].text.strip())
                if (
                    u.copy[0] > nxt
                    and all(_is_masthead(doc, b, latin) for b in gap)
                    or blocks[nxt].kind in (D.BYLINE, D.DATELINE)
                    or _is_caption(blocks[nxt])
                    or _CREDIT_LINE.match(blocks[nxt].text)
                ):
                    return "dek repeating the lede"
        if single:
            reason = _weak_single(doc, u, blocks, ctext, stext, short_max)
            if reason:
                return reason
        if kind.near and _figures_differ(ctext, stext, kind.cut_short):
            return "other figures"
    elif any(
        u.kind.near
        and _figures_differ(
            "\n".join(blocks[x].text for x in u.copy),
            "\n".join(blocks[y].text for y in range(u.s1, u.s2 + 1)),
            u.kind.cut_short,
        )
        for u in group
    ):
        return "other figures"
    return None


_HAN = compile_re(f"[{T.HAN_RANGES}]")
_ZH_PUNCT = compile_re(r"[，。！？；、]")
_EN_WORD = compile_re(r"\b[a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f]{3,}\b")  # accented letters are letters


def _is_prose(text: str) -> bool:
    """Running text rather than a list line: Chinese with clause punctuation,
    or English with several lower-case words."""
    if len(_HAN.findall(text)) >= 10 and _ZH_PUNCT.search(text):
        return True
    return len(_EN_WORD.findall(text)) >= 4


def k_min(latin: bool) -> int:
    return 12 if latin else 6


@hookimpl
def newslint_register_checks():
    return [DuplicateParagraph]
