"""NL207 repeated-sentence: the same sentence twice in a paragraph or in neighbouring paragraphs."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Check, Option
from lint.doc import document as D
from lint.i18n import _
from lint.lang.text import count_han
from lint.lang.text import lazy as _lazy
from lint.model import Fix, Related

# kinds whose sentences are running text
_TEXT_KINDS = {D.BODY, D.LIST, D.LEADIN, D.CAPTION}
_WS = _lazy(r"[\s\u3000\u00a0]+")
_HAN = _lazy(r"\p{Han}")
_WORD = _lazy(r"[\p{L}\p{N}]+")


def _norm(s: str) -> str:
    """Whitespace runs folded to one space, none at the ends (str.split()
    splits at exactly what ``_WS`` matches, and faster)."""
    return " ".join(s.split())


def _without_comments(s: str) -> str:
    """A sentence as readers see it: a markup comment (a suppression directive)
    is not part of it, so removing one (NL001's fix) never makes or unmakes a repeat."""
    if "<!--" not in s:
        return s
    import re

    return re.sub(r"<!--.*?(?:-->|$)", "", s, flags=re.S)


class RepeatedSentence(Check):
    """## What it does
    Flags a sentence that appears twice within one paragraph or in neighbouring
    paragraphs: the duplicate below paragraph level, left behind by a paste, an
    undo or a merge of two drafts. Whitespace is normalised before comparing;
    very short sentences (他说。 Yes.) are ignored.

    A paragraph that is entirely a copy of another paragraph is left to
    duplicate-paragraph (NL101). Headlines, bylines, datelines, credits and
    sign-offs are not compared.

    The fix (unsafe: an editor should choose which copy to keep) removes the
    second copy.

    ## Why is this bad?
    A repeated sentence is an obvious slip to readers and a sign that the copy
    was assembled carelessly; it usually hides a lost edit next to it.

    ## Example
    ```text
    大桥将于下月起封闭施工。施工期间公交线路绕行。大桥将于下月起封闭施工。
    The bridge will close next month for repairs. Buses will be diverted.
    The bridge will close next month for repairs.
    ```
    """

    name = "repeated-sentence"
    code = "NL207"
    severity = "warning"
    options = {
        "min-chars": Option(10, min=1),
        "min-words": Option(6, min=1),
        "max-distance": Option(1, min=0),
    }

    def _long_enough(self, s: str) -> bool:
        han = count_han(s)
        if han >= self.options["min-chars"]:
            return True
        return len(_WORD.findall(_HAN.sub(" ", s) if han else s)) + han // 2 >= self.options["min-words"]

    def check(self, doc, ctx):
        dist = max(0, int(self.options["max-distance"]))
        text = doc.text
        # the text blocks in order (seq index -> position in doc.blocks); the
        # sentences of each are read in turn, and a key is kept only while a
        # later block within `dist` may still repeat it (a long document's
        # sentences, kept all at once, would outweigh its text)
        seq: list[int] = []
        # every sentence's key is kept, long enough or not; whether one is long
        # enough to count is asked only of a key seen again (few are)
        last_seen: dict[str, tuple[int, int, int]] = {}  # key -> (seq index, start, end)
        keys_of: dict[int, set[str]] = {}  # seq index -> its keys, while they may be seen again
        for bi, b in enumerate(doc.blocks):
            if b.kind not in _TEXT_KINDS:
                continue
            si = len(seq)
            seq.append(bi)
            sents = []
            for s, e in doc.sentences(b):
                key = _norm(_without_comments(text[s:e]) if doc.markup else text[s:e])
                if b.lang == "zh":
                    key = key.replace(" ", "")
                sents.append((s, e, key))
            stale = si - dist - 1  # the block no longer in reach: forget the keys last seen there
            for key in keys_of.pop(stale, ()):
                if last_seen[key][0] == stale:
                    del last_seen[key]
            keys_of[si] = {key for _, _, key in sents if key}
            hits = []
            for s, e, key in sents:
                if not key:
                    continue
                prev = last_seen.get(key)
                if prev is not None and si - prev[0] <= dist and self._long_enough(key):
                    hits.append((s, e, prev))
                last_seen[key] = (si, s, e)
            if not hits:
                continue
            if self._whole_copy(doc, seq, si, hits):
                continue
            b = doc.blocks[bi]
            for s, e, prev in hits:
                same = prev[0] == si
                # remove the copy with the space before it (or the whole paragraph when it is all of it)
                if b.text.strip() == text[s:e] and sum(1 for _, _, k in sents if k and self._long_enough(k)) == 1:
                    prev_block = doc.blocks[bi - 1] if bi > 0 else None
                    a = prev_block.end if prev_block is not None else b.start
                    fix = Fix.delete(a, b.end, _("Remove the repeated sentence"), applicability="unsafe")
                else:
                    a, z = s, e
                    while a > b.start and text[a - 1] in " \t\u3000\n":
                        a -= 1
                    if a == b.start:  # first in its paragraph: take the space after it instead
                        a = s
                        while z < b.end and text[z] in " \t\u3000\n":
                            z += 1
                    fix = Fix.delete(a, z, _("Remove the repeated sentence"), applicability="unsafe")
                ctx.report(
                    s,
                    e,
                    _("Sentence repeated in the same paragraph")
                    if same
                    else _("Sentence repeated in the paragraph above"),
                    related=[Related(prev[1], prev[2], _("first copy"))],
                    fix=fix,
                )

    @staticmethod
    def _whole_copy(doc, seq, si, hits) -> bool:
        """True when this paragraph is, as a whole, a copy of the earlier
        paragraph its repeats come from (exact, near or cut short): that is a
        duplicate paragraph, NL101's finding."""
        if any(p[0] == si for _, _, p in hits):
            return False
        sources = {p[0] for _, _, p in hits}
        if len(sources) != 1:
            return False
        a = _WS.sub("", doc.blocks[seq[si]].text)
        b = _WS.sub("", doc.blocks[seq[sources.pop()]].text)
        if not a or not b:
            return False
        import difflib

        sm = difflib.SequenceMatcher(None, b, a, autojunk=False)
        matched = sum(m.size for m in sm.get_matching_blocks() if m.size >= 4)
        return matched >= 0.8 * len(a) and matched >= 0.5 * len(b)


@hookimpl
def newslint_register_checks():
    return [RepeatedSentence]
