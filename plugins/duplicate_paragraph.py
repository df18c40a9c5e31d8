"""NL101 duplicate-paragraph: a paragraph (or a run of paragraphs) pasted twice."""
from __future__ import annotations

from array import array

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass, field

from lint import hookimpl
from lint import document as D
from lint.api import Check, Option
from lint.model import Edit, Fix, Related

# Blocks that may be reported as (the edge of) a copy. Headlines, datelines,
# credits and the like legitimately repeat, so a copy made only of them is never
# reported, and they are trimmed from the edges of a reported copy.
_REPORTABLE = {D.BODY}
# kinds the classifier may give to a body paragraph (a long line without a
# full stop): reportable when the block copies body text
_SOFT = {D.HEADLINE, D.SUBHEAD, D.LEADIN, D.CAPTION}

# a line-end hyphen inside a Latin word (trans-\nport): not part of the text
_SOFT_HYPHEN = re.compile(r"(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z])")


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
# runs of text between whitespace (and zero-width characters)
_RUN = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_GAP = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


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


@dataclass
class _Chain:
    a: int  # copy range [a, b) in the stream
    b: int
    c: int  # source range [c, d)
    d: int
    matched: int
    parts: list = field(default_factory=list)  # (a, b, c) exact stretches


# documents up to this many normalised characters index every position
_FULL_INDEX_CHARS = 400_000


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
    bylines) are not reported.

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
    The fix removes an exact copy (safe); removing a near, re-wrapped or cut
    copy is offered as an unsafe fix.
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
    }

    # ------------------------------------------------------------------
    def check(self, doc, ctx):
        opts = self.options
        blocks = doc.blocks
        if len(blocks) < 2:
            return
        parts: list[str] = []
        bstart: list[int] = []
        n = 0
        for b in blocks:
            bstart.append(n)
            t = b.text
            if "-" in t:
                t = _SOFT_HYPHEN.sub(lambda m: " " * len(m.group()), t)
            run = _GAP.sub("", t).translate(_TABLE)  # the block without whitespace
            parts.append(run)
            n += len(run)
        bstart.append(n)
        s = "".join(parts)
        latin = doc.lang != "zh"
        k = int(opts["ngram-latin"] if latin else opts["ngram-cjk"])
        if n < 2 * k:
            return
        gap_max, diff_max = (30, 16) if latin else (12, 6)

        # --- 1. exact stretches against earlier text -------------------
        # index: the first occurrence of every k-gram; only positions whose
        # k-gram occurred before are candidates for a copy
        limit = n - k + 1
        # Grams are keyed by hash (a collision only costs a failed extension,
        # which compares the text itself). Long documents index every
        # ``stride``-th position only: a copy longer than k + stride still
        # hits an indexed gram, and memory stays a fraction of the text's.
        stride = 1 if n <= _FULL_INDEX_CHARS else min(16, 2 + n // _FULL_INDEX_CHARS)
        first: dict[int, int] = {}
        last: dict[int, int] = {}  # the latest occurrence so far of a repeated gram
        cands = array("q")
        prevs = array("q")  # per candidate: the latest earlier occurrence of its gram
        for base in range(0, limit, 65536):
            top = min(limit, base + 65536)
            hashes = [hash(s[q : q + k]) for q in range(base, top)]
            get = first.get
            for q, h in enumerate(hashes, base):
                f = get(h)
                if f is None:
                    if q % stride == 0:
                        first[h] = q
                elif f < q:
                    cands.append(q)
                    prevs.append(last.get(h, f))
                    if q % stride == 0:  # bounded like the index itself
                        last[h] = q
        if not cands:
            return
        stretches = []
        prev_end = 0
        for i, j2 in zip(cands, prevs):
            if i < prev_end:
                continue
            g = s[i : i + k]
            j1 = first[hash(g)]
            l1 = _common(s, j1, i, min(i - j1, n - i))
            best_j, best_l = j1, l1
            if l1 < 3 * k:
                # the latest earlier occurrence: a phrase common to several
                # paragraphs may first occur in an unrelated one
                # (j2, recorded while indexing: an rfind here made long documents quadratic)
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

        self._origin: dict[int, tuple[int, int]] = {}
        for ch in chains:
            self._report_chain(doc, ctx, ch, blocks, bstart, s, latin)

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

        part_starts = [part[0] for part in ch.parts]

        def map_pos(p):
            # stream position in the copy -> position in the source
            best = ch.parts[max(0, bisect.bisect_right(part_starts, p) - 1)]
            return best[2] + (p - best[0])

        # near copies differing at the very start or end: the chain stops short
        # of both paragraphs' edges by a few characters; extend it to them
        gap_max = 30 if latin else 12
        x, y = block_of(ch.a), block_of(ch.c)
        if 0 < ch.a - bstart[x] <= gap_max and 0 <= ch.c - bstart[y] <= gap_max:
            head_c, head_s = s[bstart[x]:ch.a], s[bstart[y]:ch.c]
            ch.matched += len(os.path.commonprefix([head_c, head_s]))
            ch.a = bstart[x]
            ch.parts[0] = (ch.a, ch.parts[0][1], ch.parts[0][2] - (ch.parts[0][0] - ch.a))
        x, y = block_of(ch.b - 1), block_of(ch.d - 1)
        if 0 < bstart[x + 1] - ch.b <= gap_max and 0 <= bstart[y + 1] - ch.d <= gap_max:
            tail_c, tail_s = s[ch.b:bstart[x + 1]], s[ch.d:bstart[y + 1]]
            ch.matched += len(os.path.commonprefix([tail_c[::-1], tail_s[::-1]]))
            ch.b = bstart[x + 1]
        if ch.matched < 0.8 * (ch.b - ch.a):
            return
        # copy blocks the chain covers well enough
        cb = [x for x in range(block_of(ch.a), block_of(ch.b - 1) + 1)
              if blen(x) and overlap(x, ch.a, ch.b) >= 0.6 * blen(x)]
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
        units = []
        for it in items:
            x, s1, s2 = it[0], it[1], it[2]
            u = units[-1] if units else None
            if (u and s1 == s2 and u["s1"] == u["s2"] == s1 and u["copy"][-1] == x - 1):
                u["copy"].append(x)
                u["me"] = it[4]
            else:
                units.append({"copy": [x], "s1": s1, "s2": s2, "ms": it[3], "me": it[4]})
        good = []
        cover_min = float(opts["min-copy-coverage"])
        src_min = float(opts["min-source-coverage"])
        for u in units:
            total = sum(blen(x) for x in u["copy"])
            covered = sum(overlap(x, ch.a, ch.b) for x in u["copy"])
            src_total = sum(blen(y) for y in range(u["s1"], u["s2"] + 1))
            if total == 0 or src_total == 0 or covered < cover_min * total:
                good.append(None)
                continue
            src_cov = (u["me"] - u["ms"] + 1) / src_total
            if src_cov < src_min:
                good.append(None)
                continue
            u["simple"] = len(u["copy"]) == 1 and u["s1"] == u["s2"]
            # the first block is the headline slot even when the classifier
            # calls it body; a later subhead repeating it is not a copy
            u["body_src"] = any(blocks[y].kind in _REPORTABLE and y > 0 for y in range(u["s1"], u["s2"] + 1))
            u["kind"] = self._kind(u, blocks, bstart, s)
            if u["s2"] > u["s1"] and u["kind"].startswith("near"):
                # a paragraph joining several earlier ones must repeat them
                # verbatim: otherwise it is list-like text (fixtures, results)
                good.append(None)
                continue
            good.append(u)
        # runs: consecutive simple units copying consecutive source blocks
        groups = []
        for u in good:
            if u is None:
                groups.append(None)
                continue
            g = groups[-1] if groups else None
            if (g and u["simple"] and g[-1]["simple"] and u["copy"][0] == g[-1]["copy"][-1] + 1
                    and u["s1"] == g[-1]["s2"] + 1):
                g.append(u)
            else:
                groups.append([u])
        for g in groups:
            if g:
                self._emit(doc, ctx, g, blocks, bstart, s, min_chars, blen)

    def _emit(self, doc, ctx, group, blocks, bstart, s, min_chars, blen):
        # trim non-body blocks from the edges (a repeated credit or dateline)
        def body(x, u):
            kind = blocks[x].kind
            return kind in _REPORTABLE or (
                kind in _SOFT and u["body_src"] and blen(x) >= min_chars
                and (len(u["copy"]) == 1 or any(blocks[z].kind in _REPORTABLE for z in u["copy"])))

        while group and not any(body(x, group[0]) for x in group[0]["copy"]):
            group = group[1:]
        while group and not any(body(x, group[-1]) for x in group[-1]["copy"]):
            group = group[:-1]
        if not group:
            return
        copy_blocks = [x for u in group for x in u["copy"]]
        body_chars = sum(blen(x) for u in group for x in u["copy"] if body(x, u))
        if body_chars < min_chars:
            return
        if self.options["require-prose"] and not _is_prose(" ".join(blocks[x].text for x in copy_blocks)):
            return  # fixture lists, results, tables legitimately repeat lines
        src_lo, src_hi = group[0]["s1"], group[-1]["s2"]
        for u in group:
            for x in u["copy"]:
                self._origin[x] = (u["s1"], u["s2"])
        # the source is itself a reported copy: point at the first copy
        if src_lo in self._origin and src_hi in self._origin:
            lo, hi = self._origin[src_lo][0], self._origin[src_hi][1]
            if lo <= hi:
                src_lo, src_hi = lo, hi
        kinds = [u["kind"] for u in group]
        first_line = blocks[src_lo].first_line
        last_src_line = blocks[src_hi].last_line
        c0, c1 = blocks[copy_blocks[0]], blocks[copy_blocks[-1]]
        if len(group) > 1:
            what = ("exact copy" if all(k == "exact" for k in kinds)
                    else " and ".join(sorted(set(kinds))) + " copies")
            msg = f"Run of {len(group)} paragraphs repeats lines {first_line}-{last_src_line} ({what})"
        else:
            kind = kinds[0]
            where = (f"line {first_line}" if first_line == last_src_line
                     else f"lines {first_line}-{last_src_line}")
            label = {"exact": "exact copy", "near": "near copy: a few characters or words differ",
                     "re-wrapped": "re-wrapped copy: same text, broken at other places",
                     "cut short": "copy cut short: a prefix of the earlier paragraph",
                     "re-wrapped, cut short": "re-wrapped copy, cut short",
                     "near, cut short": "near copy, cut short"}[kind]
            msg = f"Paragraph repeats the one at {where} ({label})"
        exact = all(k == "exact" for k in kinds)
        prev_end = blocks[copy_blocks[0] - 1].end if copy_blocks[0] > 0 else 0
        fix = Fix("Remove the repeated paragraph" + ("s" if len(copy_blocks) > 1 else ""),
                  (Edit(prev_end, c1.end, ""),), "safe" if exact else "unsafe")
        related = [Related(blocks[src_lo].start, blocks[src_hi].end, "first copy")]
        ctx.report(c0.start, c1.end, msg, related=related, fix=fix)

    @staticmethod
    def _kind(u, blocks, bstart, s) -> str:
        copy = "".join(s[bstart[x]:bstart[x + 1]] for x in u["copy"])
        src = s[bstart[u["s1"]]:bstart[u["s2"] + 1]]
        raw_copy = "\n\n".join(blocks[x].text for x in u["copy"])
        raw_src = "\n\n".join(blocks[y].text for y in range(u["s1"], u["s2"] + 1))
        rewrapped = raw_copy.strip() != raw_src.strip()
        if copy == src:
            return "re-wrapped" if rewrapped else "exact"
        if src.startswith(copy):
            return "re-wrapped, cut short" if (len(u["copy"]) > 1 or "\n" in raw_copy) else "cut short"
        if len(copy) < 0.9 * len(src):
            return "near, cut short"
        return "near"


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZH_PUNCT = re.compile(r"[，。！？；、]")
_EN_WORD = re.compile(r"\b[a-z]{3,}\b")


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
