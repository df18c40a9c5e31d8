"""NL103 truncated-ending: text that stops mid-sentence."""
from __future__ import annotations

import regex

from lint import hookimpl
from lint import document as D
from lint.api import Check
from lint.classify import EN_DATELINE, ZH_DATELINE
from lint.text import (
    CLOSERS,
    FUNCTION_WORDS_EN,
    NO_LINE_START,
    PAIRS,
    count_han,
    ends_sentence,
    unclosed_openers,
)

# --- evidence tables ----------------------------------------------------------

# Chinese characters after which a sentence cannot stop (prepositions,
# conjunctions, the attributive 的). 了/着/等 often end a clause and are left out.
ZH_DANGLING_CHARS = set("的在和与及或而但并且把被对向从于为以将让使给跟同由因若虽即比")
# Words that need what follows them (a verb's object, the rest of a clause).
ZH_DANGLING_WORDS = (
    "关键是", "就是", "还是", "但是", "而且", "并且", "因为", "所以", "如果", "虽然", "以及", "通过",
    "对于", "关于", "根据", "随着", "为了", "由于", "包括", "除了", "作为", "不仅", "不但", "只有",
    "只要", "无论", "不论", "尽管", "即使", "例如", "比如", "其中", "是",
)
EN_DANGLING = FUNCTION_WORDS_EN - frozenset(
    # these can close a clause: "..., he said", "... than ever before", "... and more"
    "said says told more most less least also either neither both each some any no this these those before".split()
)

OPENERS_CHECKED = "（(《“「『【〔〈[‘"
SENT_END_ZH = regex.compile(r"[。！？!?；…]|\.{3}")
SENT_END_EN = regex.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
TRAILING_MARKERS = regex.compile(
    r"(?:[\s\u3000]*(?:［详细］|\[详细\]|【详细】|>>|>>\s*更多|更多>>|\[more\]|Read more\.?|Continue reading\.?"
    r"|[（(](?:来源|来源于|稿件来源|本报|记者|编辑|责编|完|全文完|[\p{Han}]{2,8}(?:报|网|社|台|讯|新闻))[^）)]{0,20}[）)]))+[\s\u3000]*$",
    regex.I,
)
PUA_SPLIT = regex.compile(r"[\ue000-\uf8ff]")
URL = regex.compile(r"(?:https?://|www\.)\S+$|\b[\w.-]+\.(?:com|org|net|cn|gov|edu|co\.uk)(?:/\S*)?$|\S+@\S+\.\w+$", regex.I)
META_LINE = regex.compile(
    r"^\s*(?:\(?END\)?|-+\s*30\s*-+|#+|REUTER\b.*|Reuter\b.*|AP|AFP|\(Reporting by .*\)|Reporting by .*|Editing by .*"
    r"|Writing by .*|Additional reporting by .*|[（(]\s*(?:完|全文完|终|本文完|记者[^）)]{0,20}|编辑[^）)]{0,20}|责编[^）)]{0,20})\s*[）)]"
    r"|(?:责任编辑|编辑|来源|作者|记者|通讯员|校对|审核|监制|制作|出品)[：:].{0,40}|［详细］|\[详细\]|"
    r"(?:Copyright|©).{0,80}|.{0,30}(?:摄|供图)[）)]?)\s*$",
)
TABLE_LIKE = regex.compile(r"\S(?: {2,}|\t)\S.*\S(?: {2,}|\t)\S|\S(?: {3,}|\t)\S")
LIST_START = regex.compile(
    r"^\s*(?:[-*•·▪◦]\s*|\d{1,3}[.)、．]\s*|[０-９]{1,3}[、．]|[（(]\d{1,3}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s+)"
)
ZH_FRESH_START = (
    "此外", "同时", "目前", "另外", "其中", "但是", "然而", "因此", "对此", "据悉", "据了解", "近日", "今年", "去年",
    "此前", "随后", "如今", "当前", "首先", "其次", "最后", "总之", "可见", "另一方面", "与此同时", "据", "记者",
)


def _strip_markers(s: str) -> str:
    """Drop trailing read-more markers and source notes: ``…［详细］``, ``（京华时报）``."""
    prev = None
    s = s.rstrip()
    while prev != s:
        prev = s
        s = TRAILING_MARKERS.sub("", s).rstrip(" \t\u3000\u00a0")
    return s


class TruncatedEnding(Check):
    """## What it does
    Flags text that stops mid-sentence: at the end of the file, or in a paragraph
    that is cut off and never continued (for example, where a different story
    follows). The message names the evidence: the text ends in a function word
    (the/of/and; 的/和/在/是 ...), with a comma or 、, inside an unclosed （ or “,
    with a broken word (``trans-``), or as running text without any
    sentence-final punctuation.

    A paragraph whose sentence is carried on by the next block (a broken line
    wrap, possibly across a photo caption) is left to `broken-line-wrap`.
    Headlines, subheads, bylines, datelines, captions, credits, sign-offs, URLs,
    lead-ins ending in —— or ：, list items, table-like lines and lone ellipses
    are never flagged, and neither is a complete sentence that merely lacks its
    full stop.

    ## Why is this bad?
    A story that stops in the middle of a sentence lost its ending on the way
    to the desk (a CMS teaser cut, a paste that fell short, a page that ran out).
    Readers notice at once; the missing text has to be recovered.

    ## Example
    ```text
    净胜球、进球、胜负关系，甚至纪律分（红黄
    ```
    ```text
    The council said the new lanes would be ready by the end of
    ```
    Use instead: restore the rest of the sentence from the source.
    """

    name = "truncated-ending"
    code = "NL103"
    severity = "error"
    options = {
        "check-mid-file": True,
        "weak-evidence": True,
        "min-running-chars-zh": 40,
        "min-running-words-en": 12,
    }

    # --------------------------------------------------------------- helpers
    def _tail(self, doc, block):
        tl = self._tail0(doc, block)
        if tl is not None and block.kind == D.DATELINE:
            # a dateline that runs into the first words of a cut paragraph
            text, start, end = tl
            m = ZH_DATELINE.match(text) or EN_DATELINE.match(text)
            rest = text[m.end():] if m else ""
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
            if not t or META_LINE.match(t) or URL.fullmatch(t.strip()) or t in ("…", "……", "...", "．．．"):
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

    def _evidence(self, text: str, lang: str, weak_ok: bool):
        """(strength, description) of the evidence that ``text`` stops mid-sentence;
        strength 2 strong, 1 weak, 0 none."""
        s = _strip_markers(text)
        s = s.rstrip(" \t\u3000\u00a0")
        if not s:
            return 0, ""
        if URL.search(s) or TABLE_LIKE.search(s.rsplit("\n", 1)[-1]):
            return 0, ""
        last_line = s.rsplit("\n", 1)[-1].strip()
        if LIST_START.match(last_line) and "\n" in s:
            return 0, ""
        zh = lang == "zh" or (count_han(s[-20:]) >= 3)
        ch = s[-1]
        # unclosed opener at the cut
        if ch in OPENERS_CHECKED or ch == '"' and (len(s) < 2 or s[-2] in " (") :
            return 2, f"ends on an opening {ch}"
        # the last sentence
        ends = list((SENT_END_ZH if zh else SENT_END_EN).finditer(s))
        last_sent = s[ends[-1].end():] if ends else s
        if ends_sentence(s):
            return 0, ""
        if ch in CLOSERS:
            inner = s.rstrip(CLOSERS)
            if inner and inner[-1] in "，,、":
                return 2, f"ends with a comma inside {ch}"
            return 0, ""  # a closing quote or bracket: the clause was finished
        opens = [o for o in unclosed_openers(last_sent) if o in OPENERS_CHECKED]
        if not zh and last_sent.count('"') % 2 == 1:
            opens.append('"')
        if ch in "，,、":
            return 2, f"ends with a comma {ch!r}" + (f" inside an unclosed {opens[-1]}" if opens else "")
        if ch in "-‐" and regex.search(r"\p{L}-$", s) and not zh:
            return 2, "ends in a word broken by a hyphen"
        if opens and opens[-1] in "（(《“「『【〔〈[":
            return 2, f"ends inside an unclosed {opens[-1]}"
        if zh and count_han(ch):
            for w in ZH_DANGLING_WORDS:
                if s.endswith(w):
                    return 2, f"ends in the function word '{w}'"
            if ch in ZH_DANGLING_CHARS:
                return 2, f"ends in the function word '{ch}'"
        elif not zh:
            m = regex.search(r"([A-Za-z']+)$", s)
            if m and m.group(1).lower() in EN_DANGLING and not (m.group(1)[0].isupper() and len(m.group(1)) > 1 and m.group(1).isupper()):
                return 2, f"ends in the function word '{m.group(1)}'"
        if opens:
            return 2, f"ends inside an unclosed {opens[-1]}"
        if not weak_ok:
            return 0, ""
        # weak: running text with no sentence-final punctuation at the end
        if zh:
            if count_han(last_sent) >= 6 and count_han(ch) and (ends or count_han(s) >= self.options["min-running-chars-zh"]) and "，" in last_sent:
                return 1, "running text ends with no sentence-final punctuation"
        else:
            words = last_sent.split()
            if regex.match(r"[a-z]+$", words[-1] if words else "") and len(words) >= self.options["min-running-words-en"] and (ends or len(s.split()) >= 25):
                return 1, "running text ends with no sentence-final punctuation"
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
        # the next block closes a bracket the cut block left open
        opens = unclosed_openers(prev_text)
        if opens:
            closer = PAIRS.get(opens[-1])
            if closer:
                i = t.find(closer)
                if i >= 0 and not any(o in t[:i] for o in PAIRS if PAIRS[o] == closer):
                    return True
        if lang == "zh" and count_han(c):
            # a short first clause (机制，政策……) carries on a word or phrase
            m = regex.match(r"[^，。；：！？、,.;:!?]{1,3}[，；、,;]", t)
            if m and not t.startswith(ZH_FRESH_START):
                return True
        return False

    def _lacks_end(self, b) -> bool:
        t = _strip_markers(b.text).rstrip()
        return bool(t) and not ends_sentence(t) and t[-1] not in CLOSERS and b.kind in (D.BODY, D.SUBHEAD, D.HEADLINE)

    # --------------------------------------------------------------- check
    def check(self, doc, ctx):
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not blocks:
            return
        skip_kinds = {D.SIGNOFF, D.CREDIT, D.CAPTION, D.BYLINE, D.BOILERPLATE, D.ELLIPSIS, D.CODE}
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
            trailing_meta = last < len(blocks) - 1
            ok_kind = b.kind in (D.BODY, D.SUBHEAD, D.HEADLINE, D.DATELINE)
            if ok_kind:
                strength, why = self._evidence(text, b.lang, b.kind == D.BODY and not trailing_meta and self.options["weak-evidence"])
                if b.kind != D.BODY and strength < 2:
                    strength = 0
                if strength == 1 and not self._weak_confirmed(blocks, last):
                    strength = 0
                if strength:
                    self._report(doc, ctx, start, end, f"Text stops mid-sentence at the end of the file: {why}",
                                 severity=None if strength == 2 else "warning")
                    reported.add(last)
        # --- mid-file cuts
        if not self.options["check-mid-file"]:
            return
        for i, b in enumerate(blocks[:-1]):
            if i == 0 or i in reported or (last is not None and i >= last):
                continue
            if b.kind not in (D.BODY, D.SUBHEAD, D.DATELINE):
                continue
            tl = self._tail(doc, b)
            if tl is None:
                continue
            text, start, end = tl
            strength, why = self._evidence(text, b.lang, False)
            if strength < 2:
                continue
            # the next block that is not a caption/credit interposed in the sentence
            j = i + 1
            while j < len(blocks) and blocks[j].kind in (D.CAPTION, D.CREDIT):
                j += 1
            if j >= len(blocks):
                continue
            nxt = blocks[j]
            if self._continues(text, nxt, b.lang):
                continue
            # part of a run of broken wraps: a neighbouring body piece is also open
            if self._lacks_end(blocks[i - 1]) or self._lacks_end(nxt):
                continue
            self._report(doc, ctx, start, end, f"Paragraph stops mid-sentence and is not continued: {why}")

    def _weak_confirmed(self, blocks, last) -> bool:
        """Weak evidence counts only when the other body paragraphs end their sentences."""
        body = [b for b in blocks[:last] if b.kind == D.BODY]
        if len(body) < 2:
            return False
        ended = sum(1 for b in body if not self._lacks_end(b))
        return ended >= 0.9 * len(body)

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
