"""NL103 truncated-ending: text that stops mid-sentence."""
from __future__ import annotations

import regex

from lint.text import lazy as _lazy

from lint import hookimpl
from lint import document as D
from lint.api import Check, Option
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
# ... unless they close a complete word: 现在, 行为, 原因, 参与, 反对, 相同 ...
ZH_COMPLETE_WORDS = frozenset(
    "现在 存在 所在 实在 自在 健在 潜在 内在 外在 目的 行为 认为 以为 称为 视为 人为 原因 基因 诱因 理由 自由 缘由 "
    "参与 涉及 普及 波及 危及 不及 方向 反对 面对 相对 绝对 核对 应对 属于 等于 大使 天使 立即 随即 合并 兼并 吞并 "
    "总和 温和 共和 缓和 相同 不同 共同 陪同 赞同 认同 协同 可以 难以 予以 加以 足以 得以 转让 出让 服从 无从 "
    "主将 大将 老将 然而 因而 反而 进而 从而 继而 对比 相比 无比 好比 支付 交付 应付 之一 一致".split()
)
ZH_DANGLING_WORDS = (
    "关键是", "就是", "还是", "但是", "而且", "并且", "因为", "所以", "如果", "虽然", "以及", "通过",
    "对于", "关于", "根据", "随着", "为了", "由于", "包括", "除了", "作为", "不仅", "不但", "只有",
    "只要", "无论", "不论", "尽管", "即使", "例如", "比如", "其中", "是",
)
EN_DANGLING = FUNCTION_WORDS_EN - frozenset(
    # these can close a clause: "..., he said", "... than ever before", "... and more"
    "said says told more most less least also either neither both each some any no this these those before "
    "not do does did being her such while when where against".split()
)

# a preposition used as a particle closes a phrasal verb: "aimed for", "drafted in", "early on"
EN_PARTICLE = _lazy(
    r"\b(?:(?:aimed|called|paid|accounted|voted|asked|hoped|waited|cared|fought|sought|opted|bid|applied|qualified|"
    r"compensated|allowed|made up|pushed|pressed|argued|campaigned|lobbied|prepared|planned|searched|looked) for"
    r"|(?:early|later|so|carry|carried|went|go|goes|moved|move|hold|held|lived) on"
    r"|(?:drafted|brought|called|came|come|moved|stepped|kicked|joined|logged|signed|checked|filled|turned|pitched|"
    r"chipped|weighed|cashed|plugged|handed|phased|factored|sank|set|settled|sworn|took|taken|fit|fitted|gave|give|given) in"
    r"|(?:aimed|looked|hinted|stared|laughed|arrived|priced|valued|estimated|pegged) at"
    r"|(?:heard|thought|disposed|afraid|proud|aware|unaware|sure|fond|capable|short|consist|consists|consisted) of"
    r"|(?:talked|thought|cared|worried|asked|brought|came|come|spoke|spoken|wrote|written|knew|know|known) about"
    r"|(?:dealt|agreed|sided|coped|met|deal|cope|along|away|through|done|finished|familiar|happy|pleased|satisfied|content) with"
    r"|(?:stood|stand|stands|come|came|passed|pass|drop|dropped|stop|stopped|abide|abided|swear|swore|went|go) by"
    r"|(?:over and|all) over|(?:at|about|over|above|around) about)$",
    regex.I,
)
OPENERS_CHECKED = "（(《“「『【〔〈[‘"
SENT_END_ZH = _lazy(r"[。！？!?；…]|\.{3}")
SENT_END_EN = _lazy(r"[.!?…][\"'”’)\]]*(?=\s|$)")
TRAILING_MARKERS = _lazy(
    r"(?:[\s\u3000]*(?:［详细］|\[详细\]|【详细】|>>|>>\s*更多|更多>>|\[more\]|Read more\.?|Continue reading\.?"
    r"|[（(](?:来源|来源于|稿件来源|本报|记者|编辑|责编|完|全文完|[\p{Han}]{2,8}(?:报|网|社|台|讯|新闻))[^）)]{0,20}[）)]))+[\s\u3000]*$",
    regex.I,
)
CAPTION_LIKE = _lazy(
    r"[(（](?:Photo|Picture|Pictured|Image|Credit|Photograph)s?(?:\s+by)?\s*[:：][^)）]{1,80}[)）]\s*$"
    r"|^\s*(?:Photo|Picture|Pictured|Image)s?\s*[:：]|^\s*(?:图为|图[：:]|上图|下图|左图|右图)|摄[）)]?\s*$",
    regex.I,
)
PUA_SPLIT = _lazy(r"[\ue000-\uf8ff]")
URL = _lazy(r"(?:https?://|www\.)\S+$|\b[\w.-]+\.(?:com|org|net|cn|gov|edu|co\.uk)(?:/\S*)?$|\S+@\S+\.\w+$", regex.I)
META_LINE = _lazy(
    r"^\s*(?:\(?END\)?|-+\s*30\s*-+|#+|REUTER\b.*|Reuter\b.*|AP|AFP|\(Reporting by .*\)|Reporting by .*|Editing by .*"
    r"|Writing by .*|Additional reporting by .*|[（(]\s*(?:完|全文完|终|本文完|记者[^）)]{0,20}|编辑[^）)]{0,20}|责编[^）)]{0,20})\s*[）)]"
    r"|(?:责任编辑|编辑|来源|作者|记者|通讯员|校对|审核|监制|制作|出品)[：:].{0,40}|［详细］|\[详细\]|"
    r"(?:Copyright|©).{0,80}|.{0,30}(?:摄|供图)[）)]?)\s*$",
)
TABLE_LIKE = _lazy(r"\S(?: {2,}|\t)\S.*\S(?: {2,}|\t)\S|\S(?: {3,}|\t)\S")
LIST_START = _lazy(
    r"^\s*(?:[-*•·▪◦]\s*|\d{1,3}[.)、．]\s*|[０-９]{1,3}[、．]|[（(]\d{1,3}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s+)"
)
# Words that open a new sentence before a comma (此外，……): not the tail of a cut word.
ZH_FRESH_START = frozenset(
    "此外 同时 目前 另外 其中 但是 然而 因此 对此 据悉 如今 当前 首先 其次 再次 最后 最终 总之 可见 显然 随后 此后 此前 "
    "今年 去年 明年 今天 昨天 明天 今日 昨日 当天 当日 当晚 近日 日前 近年 近期 会上 为此 所以 不过 而且 并且 例如 比如 "
    "另一方面 与此同时 事实上 实际上 据了解 近年来 目前 现在 以前 过去 未来 其实 因而 从而 否则 总体 整体 截至 对于 关于 "
    "他说 她说 他们 我们 记者 专家 报告 数据 今后 接下来 下一步 一是 二是 三是 第一 第二 第三 其一 其二 当时 后来 起初 原来".split()
)


_TAIL = 600  # how much of a paragraph's end the evidence looks at


def _caption_like(text: str) -> bool:
    return len(text) < 400 and bool(CAPTION_LIKE.search(text))


def _strip_markers(s: str) -> str:
    """Drop trailing read-more markers and source notes: ``…［详细］``, ``（京华时报）``."""
    prev = None
    s = s.rstrip()
    if len(s) > 160:
        # the markers sit at the end: work on the tail only (linear overall)
        return s[:-160] + _strip_markers(s[-160:])
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
        "weak-evidence-at-end": False,
        "min-running-chars-zh": Option(25, min=0),
        "min-running-words-en": Option(12, min=0),
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
        text = text[-_TAIL:]  # the evidence is at the end; keep the cost per paragraph bounded
        s = _strip_markers(text)
        s = s.rstrip(" \t\u3000\u00a0")
        if not s:
            return 0, ""
        teaser = len(s) < len(text.rstrip()) and regex.search(r"(?:…+|\.{3,}|．{3,})$", s)
        if teaser:
            # a teaser cut (…［详细］): the ellipsis marks the cut; judge what precedes it
            s = s[: teaser.start()].rstrip()
            if not s or ends_sentence(s):
                return 0, ""
            weak_ok = False
        if URL.search(s[-300:].rsplit(None, 1)[-1]) or TABLE_LIKE.search(s.rsplit("\n", 1)[-1][-300:]):
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
        opens = [o for o in unclosed_openers(s) if o in OPENERS_CHECKED]
        if not zh and s.count('"') % 2 == 1:
            q = regex.search(r'(?:^|[\s(\[])"([^"]*)$', s)
            # an opening quote near the end (house styles leave long quotes open)
            if q and len(SENT_END_EN.findall(q.group(1))) <= 1:
                opens.append('"')
        if ch in "，,、":
            return 2, f"ends with a comma {ch!r}" + (f" inside an unclosed {opens[-1]}" if opens else "")
        if ch in "-‐" and regex.search(r"\p{L}-$", s) and not zh:
            return 2, "ends in a word broken by a hyphen"
        inside = f" inside an unclosed {opens[-1]}" if opens else ""
        if opens and opens[-1] in "（(《“「『【〔〈[":
            return 2, f"ends inside an unclosed {opens[-1]}"
        if zh and count_han(ch):
            for w in ZH_DANGLING_WORDS:
                if s.endswith(w):
                    return 2, f"ends in the function word '{w}'{inside}"
            if ch in ZH_DANGLING_CHARS and s[-2:] not in ZH_COMPLETE_WORDS:
                return 2, f"ends in the function word '{ch}'{inside}"
        elif not zh:
            m = regex.search(r"([A-Za-z']+)$", s)
            word = m.group(1) if m else ""
            first_word = bool(m) and not regex.search(r"[\p{L}\p{N},;:]\s+" + regex.escape(word) + "$", s)
            if (word.islower() or word.istitle() and first_word) and word.lower() in EN_DANGLING and not EN_PARTICLE.search(s[-120:]):
                return 2, f"ends in the function word '{word}'{inside}"
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
        # the next block closes a bracket the cut block left open (or it does not)
        closes = self._closes(prev_text, t)
        if closes is not None:
            return closes
        if lang == "zh" and count_han(c):
            # a short first clause (机制，政策……) carries on a word or phrase
            m = regex.match(r"([^，。；：！？、,.;:!?“”（）]{1,2})[，；、,;]", t)
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

    def _wrap_run(self, prev, text, nxt) -> bool:
        """The cut block sits in a run of broken-wrap pieces: the body piece before
        it is open too, or the piece after it is open and about as wide."""
        w = len(text.rsplit("\n", 1)[-1].strip())
        if prev.index > 0 and self._lacks_end(prev):
            if prev.kind == D.BODY:
                return True
            pw = len(prev.text.strip())
            if "\n" not in text and not _caption_like(prev.text) and 0.67 * w <= pw <= 1.5 * w:
                return True
        if self._closes(text, nxt.text) is False:
            return False
        if self._lacks_end(nxt):
            if nxt.kind == D.BODY:
                return True
            return 0.5 * w <= len(nxt.text.strip()) <= 1.5 * w + 2
        return False

    def _lacks_end(self, b) -> bool:
        t = _strip_markers(b.text).rstrip().rstrip(CLOSERS)
        return bool(t) and t[-1] not in ".。!?！？…；;" and b.kind in (D.BODY, D.SUBHEAD, D.HEADLINE)

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
                strength, why = self._evidence(text, b.lang, b.kind == D.BODY and not trailing_meta and self.options["weak-evidence"] and self.options["weak-evidence-at-end"])
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
            strength, why = self._evidence(text, b.lang, b.kind == D.BODY and self.options["weak-evidence"])
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
            # part of a run of broken wraps: a neighbouring body piece is also open
            if self._wrap_run(blocks[i - 1], text, nxt):
                continue
            if strength == 1:
                # weak evidence mid-file: only where a different story follows
                # (Chinese only: English vocabulary overlap is too thin a signal)
                if b.lang != "zh" or nxt.kind != D.BODY or self._lacks_end(nxt) or self._similar(text, nxt.text) or len(nxt.text) < (40 if b.lang == "zh" else 150):
                    continue
                why += ", and an unrelated paragraph follows"
            self._report(doc, ctx, start, end, f"Paragraph stops mid-sentence and is not continued: {why}")

    @staticmethod
    def _similar(a: str, b: str) -> bool:
        """Do two paragraphs share vocabulary (character bigrams / words)?"""
        def grams(s):
            if count_han(s) * 2 >= len(s.split()):
                s = regex.sub(r"[^\p{Han}]", "", s)
                return {s[k : k + 2] for k in range(len(s) - 1)}
            return {w.lower() for w in regex.findall(r"[A-Za-z]{4,}", s)}
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

    def _weak_confirmed(self, blocks, last, skip=None) -> bool:
        """Weak evidence counts only when the other body paragraphs end their sentences."""
        body = [b for k, b in enumerate(blocks[:last]) if b.kind == D.BODY and k != skip]
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
