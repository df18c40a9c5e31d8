#!/usr/bin/env python3
"""Generate labelled newslint test cases by injecting one known defect into clean copy.

    python tests/gen/inject.py OUTDIR --seed 7 --count 200 [--source DIR ...]

Writes OUTDIR/case-0001.txt + OUTDIR/case-0001.expected.yml, ... in the label
format read by shared/tools/score.py. About a third of the cases are left clean
(``expect: []``). Same seed and sources -> byte-identical output.

Library use::

    from tests.gen.inject import generate
    cases = generate([Path("tests/fixtures/clean")], seed=1, count=60)
    cases[0].text, cases[0].expected, cases[0].kind, cases[0].variant, cases[0].lang
"""
from __future__ import annotations

import argparse
import re
import random
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SHARED_CLEAN = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "clean"
FIXTURE_CLEAN = REPO / "tests" / "fixtures" / "clean"

DUP, BLW, TRUNC, MIXED, CLEAN = (
    "duplicate-paragraph", "broken-line-wrap", "truncated-ending", "mixed-articles", "clean")
VARIANTS = {
    DUP: ["exact", "near", "rewrap", "cut-short", "run"],
    BLW: ["sentence-break", "word-break", "hard-wrap", "caption"],
    TRUNC: ["end-of-file", "mid-file", "open-bracket"],
    MIXED: ["append-headline", "append-no-headline", "splice-headline", "splice-no-headline"],
}
LANGS = ["en", "zh"]

CJK = re.compile(r"[\u3400-\u9fff]")
EN_END = re.compile(r"[.!?][\"'”’)\]]*$")
ZH_END = re.compile(r"(?:[。！？!?…]|……)[”’」』）)\"]*$")
ZH_PUNCT = set("。！？；：，、…—“”‘’（）《》「」『』·")
EN_FUNCTION = ["the", "a", "an", "of", "to", "in", "for", "and", "with", "on", "at", "by", "from",
               "that", "its", "their", "which", "as", "but", "or", "was", "is", "are", "were", "has",
               "have", "had", "will", "would", "into", "than", "about", "after"]
ZH_FUNCTION = set("的在和与对将为把从向被及并但于让使")
ZH_WORDS = ["发展", "经济", "建设", "工作", "国家", "社会", "企业", "推进", "人民", "服务", "政策",
            "技术", "创新", "市场", "全国", "地区", "项目", "增长", "合作", "安全", "保障", "群众",
            "文化", "生态", "产业", "会议", "教育", "城市", "农村", "组织", "部门", "活动", "世界",
            "国际", "历史", "时代", "提升", "加强", "坚持", "实现", "推动", "全面", "记者", "旅客",
            "居民", "设备", "数据", "系统", "研究", "科技", "能源", "交通", "游客", "医院"]
ZH_SYNONYMS = [("推动", "推进"), ("加强", "强化"), ("提高", "提升"), ("重要", "重大"), ("积极", "主动"),
               ("不断", "持续"), ("全面", "深入"), ("促进", "带动"), ("发挥", "激发"), ("增长", "增加"),
               ("目前", "当前"), ("显著", "明显"), ("有效", "切实"), ("保障", "保证"), ("开展", "展开"),
               ("举行", "召开"), ("企业", "公司"), ("群众", "民众"), ("建设", "打造"), ("已经", "已"),
               ("今年", "去年"), ("进一步", "更加"), ("表示", "指出"), ("工作", "任务"), ("完善", "健全")]
EN_SYNONYMS = {"said": "stated", "rose": "climbed", "fell": "dropped", "company": "firm", "firm": "company",
               "government": "administration", "year": "season", "new": "fresh", "will": "would",
               "has": "had", "more": "further", "also": "now", "first": "initial", "last": "previous",
               "major": "key", "big": "large", "large": "big", "people": "residents", "show": "reveal",
               "expected": "predicted", "increase": "rise", "plans": "proposals", "help": "assist",
               "market": "sector", "added": "noted", "told": "informed", "because": "since",
               "but": "yet", "however": "though", "recent": "latest", "record": "historic",
               "number": "total", "while": "whereas", "million": "billion", "percent": "points",
               "minister": "secretary", "team": "side", "game": "match", "match": "game",
               "film": "movie", "music": "songs", "users": "customers", "city": "town"}
EN_CAPTIONS = ["A worker inspects the line at a plant outside the city.",
               "Commuters wait on a platform during the morning rush.",
               "Volunteers sort donated food at a community centre.",
               "Delegates arrive for the opening session of the talks.",
               "Fans celebrate outside the stadium after the final whistle.",
               "An engineer checks a wind turbine at an offshore site.",
               "Shoppers queue outside a store on the first day of the sale.",
               "Rescue crews clear debris from a flooded street."]
EN_CREDITS = ["Jane Doe/Reuters", "Tom Hale/AP", "Priya Nair/AFP", "Sam Okafor/Getty Images",
              "Lena Vogt/EPA", "Marco Ruiz/Reuters"]
ZH_CAPTIONS = ["图为工作人员在生产线上检查产品质量。", "图为旅客在车站有序候车。", "图为志愿者在社区为老人测量血压。",
               "图为农民在田间驾驶农机收割小麦。", "图为游客在景区参观游览。", "图为技术人员在实验室调试设备。",
               "图为港口码头集装箱装卸作业现场。", "图为市民在新开放的公园内休闲健身。"]
ZH_CREDITS = ["新华社记者 王磊 摄", "新华社记者 李娜 摄", "（刘洋 摄）", "新华社发（陈晨 摄）",
              "本报记者 赵明 摄", "新华社记者 周婷 摄"]


# ---------------------------------------------------------------- articles

@dataclass
class Article:
    name: str  # source path relative to its source root, e.g. "en-bbc/business-001.txt"
    lang: str
    blocks: list[str]  # blocks[0] is the headline

    def is_body(self, i: int) -> bool:
        return i > 0 and is_body(self.blocks[i], self.lang)


def detect_lang(text: str) -> str:
    cjk = len(CJK.findall(text))
    return "zh" if cjk > 0.2 * max(1, len(re.sub(r"\s", "", text))) else "en"


def is_caption(b: str, lang: str) -> bool:
    if lang == "en":
        return bool(re.search(r"\((?:Photo|Picture|Pictured)[:\s]", b)) or b.startswith(("Photo:", "Pictured:"))
    return b.startswith("图为") or bool(re.search(r"摄[）)]?$", b))


def is_body(b: str, lang: str) -> bool:
    """A complete prose paragraph that injections may copy, cut or break."""
    if "\n" in b or is_caption(b, lang):
        return False
    if lang == "en":
        return len(b) >= 60 and " " in b and bool(EN_END.search(b))
    return len(b) >= 25 and bool(ZH_END.search(b))


def load_articles(sources: list[Path]) -> list[Article]:
    arts = []
    for root in sources:
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*.txt"))
        for p in files:
            if p.name.endswith(".expected.txt"):
                continue
            text = p.read_text(encoding="utf-8").replace("\r\n", "\n")
            blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]
            if len(blocks) < 2:
                continue
            name = p.name if root.is_file() else p.relative_to(root).as_posix()
            arts.append(Article(f"{root.name}/{name}", detect_lang(text), blocks))
    return arts


# ---------------------------------------------------------------- document building

@dataclass
class Seg:
    text: str
    tags: tuple = ()
    body: bool = True  # used for must_not_flag: non-body untouched segments must not be flagged


class Doc:
    """A list of segments joined by one blank line; tags mark spans for labels."""

    def __init__(self, art: Article):
        self.segs = [Seg(b, (f"src{i}",), art.is_body(i)) for i, b in enumerate(art.blocks)]

    def text(self) -> str:
        return "\n\n".join(s.text for s in self.segs) + "\n"

    def spans(self):
        line = 1
        out = []
        for s in self.segs:
            n = s.text.count("\n") + 1
            out.append((line, line + n - 1))
            line += n + 1
        return out

    def lines_of(self, tag: str) -> list[int]:
        sp = [span for s, span in zip(self.segs, self.spans()) if tag in s.tags]
        if not sp:
            raise KeyError(tag)
        return [sp[0][0], sp[-1][1]]

    def n_lines(self) -> int:
        return self.spans()[-1][1]

    def index(self, tag: str) -> int:
        return next(i for i, s in enumerate(self.segs) if tag in s.tags)


def tagged(text: str, *tags, body=True) -> Seg:
    return Seg(text, tuple(tags), body)


class Skip(Exception):
    """The chosen article does not suit the chosen variant; try another."""


# ---------------------------------------------------------------- text helpers

def wrap(text: str, lang: str, width: int) -> list[str]:
    if lang == "en":
        return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    return [text[i:i + width] for i in range(0, len(text), width)]


def pick_width(p: str, lang: str, rng: random.Random, max_pieces: int = 14) -> int:
    """A hard-wrap width in the allowed range giving 2..max_pieces lines."""
    lo, hi = (14, 70) if lang == "en" else (14, 40)
    lo = max(lo, -(-len(p) * 5 // (4 * max_pieces)))
    hi = min(hi, len(p) // 2)
    if lo > hi:
        raise Skip
    return rng.randint(lo, hi)


def ends_sentence(prefix: str, lang: str) -> bool:
    p = prefix.rstrip()
    if lang == "en":
        return bool(re.search(r"[.!?:;\-–—][\"'”’)\]]*$", p))
    return bool(re.search(r"[。！？!?；;：:…—][”’」』）)\"]*$", p))


def break_points(p: str, lang: str, margin: int = 12) -> list[int]:
    """Indices i at which p can be broken inside a sentence (p[:i] | p[i:])."""
    pts = []
    if lang == "en":
        for m in re.finditer(r" ", p):
            i = m.start()
            if i < margin or len(p) - i < margin:
                continue
            if ends_sentence(p[:i], lang) or not p[i + 1:i + 2].strip() or p[i + 1] in "-–—":
                continue
            pts.append(i)
    else:
        for i in range(margin, len(p) - margin // 2):
            if ends_sentence(p[:i], lang) or p[i] in ZH_PUNCT or p[i - 1] in "“‘（《「" or ascii_run(p, i):
                continue
            pts.append(i)
    return pts


def ascii_run(p: str, i: int) -> bool:
    """p[i-1] and p[i] are both ASCII letters/digits/./% (e.g. inside 2150 or 3.5%)."""
    ok = lambda ch: ch.isascii() and (ch.isalnum() or ch in ".%")
    return ok(p[i - 1]) and ok(p[i])


def split_at(p: str, i: int, lang: str) -> tuple[str, str]:
    return (p[:i].rstrip(), p[i:].lstrip()) if lang == "en" else (p[:i], p[i:])


def preview(s: str, lang: str, n: int = 3) -> str:
    return " ".join(s.split()[-n:]) if lang == "en" else s[-6:]


def body_indices(art: Article) -> list[int]:
    return [i for i in range(1, len(art.blocks)) if art.is_body(i)]


# ---------------------------------------------------------------- duplicate-paragraph

def near_copy(p: str, lang: str, rng: random.Random) -> tuple[str, str]:
    if lang == "en":
        words = list(re.finditer(r"\b[a-z]{3,}\b", p))
        cands = [m for m in words if m.group() in EN_SYNONYMS and m.start() > 0]
        if not cands:
            raise Skip
        n = min(len(cands), rng.choice([1, 1, 2]))
        picks = sorted(rng.sample(cands, n), key=lambda m: m.start(), reverse=True)
        out, notes = p, []
        for m in picks:
            new = EN_SYNONYMS[m.group()]
            out = out[:m.start()] + new + out[m.end():]
            notes.append(f"{m.group()} / {new}")
        return out, "; ".join(reversed(notes))
    cands = []
    for a, b in ZH_SYNONYMS:
        for old, new in ((a, b), (b, a)):
            for m in re.finditer(re.escape(old), p):
                cands.append((m.start(), old, new))
    if not cands:
        raise Skip
    cands.sort()
    pos, old, new = rng.choice(cands)
    return p[:pos] + new + p[pos + len(old):], f"{old} / {new}"


def inject_dup(art, doc, variant, rng):
    body = body_indices(art)
    lang = art.lang
    if variant == "run":
        r = rng.choice([2, 3])
        starts = [i for i in body if all(j in body for j in range(i, i + r))]
        if not starts:
            raise Skip
        i = rng.choice(starts)
        src = list(range(i, i + r))
    else:
        cands = [i for i in body if len(art.blocks[i]) >= (100 if lang == "en" else 40)]
        if variant in ("rewrap", "cut-short"):
            cands = [i for i in cands if len(art.blocks[i]) >= (140 if lang == "en" else 60)
                     and (variant != "rewrap" or len(art.blocks[i]) <= (14 * 70 if lang == "en" else 14 * 40))]
        if not cands:
            raise Skip
        src = [rng.choice(cands)]
    last = src[-1]
    after = len(art.blocks) - 1 - last  # paragraphs after the original (run)
    gap = 0 if after == 0 or rng.random() < 0.4 else rng.randint(1, min(after, 4))
    where = "right after the original" if gap == 0 else f"{gap} paragraph(s) after the original"
    copies, note, optional = [], "", []
    if variant in ("exact", "run"):
        copies = [tagged(art.blocks[j], "D") for j in src]
        note = "exact copy" if variant == "exact" else f"run of {len(src)} paragraphs repeated"
    elif variant == "near":
        new, what = near_copy(art.blocks[src[0]], lang, rng)
        copies = [tagged(new, "D")]
        note = f"near copy: {what}"
    elif variant == "rewrap":
        p = art.blocks[src[0]]
        w = pick_width(p, lang, rng)
        pieces = wrap(p, lang, w)
        sep = rng.choice(["\n", "\n\n"])
        copies = [tagged("\n".join(pieces), "D", "W")] if sep == "\n" else [tagged(x, "D", "W") for x in pieces]
        note = f"rewrapped copy, width {w}, {'newline' if sep == chr(10) else 'blank-line'} separators"
        optional.append({"rule": BLW, "tag": "W", "note": "the copy is also hard-wrapped"})
    elif variant == "cut-short":
        p = art.blocks[src[0]]
        lo = int(len(p) * 0.6) + 1
        ends = [m.end() for m in re.finditer(r"[.!?][\"”’]?(?= )" if lang == "en" else r"[。！？][”’]?", p)]
        ends = [e for e in ends if lo <= e < len(p) - 1]
        if ends and rng.random() < 0.5:
            cut = rng.choice(ends)
            note = f"copy cut short at a sentence end ({100 * cut // len(p)}% of the paragraph)"
        else:
            pts = [i for i in break_points(p, lang, margin=4) if lo <= i <= len(p) * 0.95]
            if not pts:
                raise Skip
            cut = rng.choice(pts)
            note = f"copy cut short mid-sentence ({100 * cut // len(p)}% of the paragraph)"
            optional.append({"rule": TRUNC, "tag": "D", "last": True, "note": "the cut copy stops mid-sentence"})
        copies = [tagged(p[:cut].rstrip(), "D")]
    pos = doc.index(f"src{last}") + 1 + gap
    doc.segs[pos:pos] = copies
    for j in src:
        doc.segs[doc.index(f"src{j}")].tags += ("O",)
    return {"rule": DUP, "tag": "D", "first_tag": "O", "note": f"{note}, {where}"}, optional


# ---------------------------------------------------------------- broken-line-wrap

def inject_blw(art, doc, variant, rng):
    lang = art.lang
    body = body_indices(art)
    optional = [{"rule": TRUNC, "tag": "D", "note": "a piece of the broken paragraph may read as cut off"}]
    if variant == "hard-wrap":
        cands = [i for i in body if 40 <= len(art.blocks[i]) <= (14 * 70 if lang == "en" else 14 * 40)]
        if not cands:
            raise Skip
        i = rng.choice(cands)
        p = art.blocks[i]
        w = pick_width(p, lang, rng)
        pieces = wrap(p, lang, w)
        sep = rng.choice(["\n", "\n\n"])
        k = doc.index(f"src{i}")
        doc.segs[k:k + 1] = ([tagged("\n".join(pieces), "D")] if sep == "\n"
                             else [tagged(x, "D") for x in pieces])
        return {"rule": BLW, "tag": "D", "note": f"paragraph hard-wrapped at width {w} into {len(pieces)} lines, "
                                                 f"{'newline' if sep == chr(10) else 'blank-line'} separators"}, optional
    if variant == "word-break":
        opts = []
        for i in body:
            p = art.blocks[i]
            if lang == "en":
                for m in re.finditer(r"\b[A-Za-z]{6,}\b", p):
                    if 12 <= m.start() and len(p) - m.end() >= 8:
                        opts.append((i, m.start(), m.end()))
            else:
                for w in ZH_WORDS:
                    for m in re.finditer(w, p):
                        if m.start() >= 8 and len(p) - m.end() >= 6:
                            opts.append((i, m.start(), m.end()))
        if not opts:
            raise Skip
        opts.sort()
        i, s, e = rng.choice(opts)
        p = art.blocks[i]
        word = p[s:e]
        if lang == "en":
            style = rng.choice(["hyphen", "newline", "blank"])
            cut = s + rng.randint(2 if style != "hyphen" else 3, len(word) - (2 if style != "hyphen" else 3))
        else:
            style = rng.choice(["newline", "blank"])
            cut = s + 1
        a, b = p[:cut], p[cut:]
        k = doc.index(f"src{i}")
        if style == "hyphen":
            doc.segs[k:k + 1] = [tagged(a + "-\n" + b, "D")]
        elif style == "newline":
            doc.segs[k:k + 1] = [tagged(a + "\n" + b, "D")]
        else:
            doc.segs[k:k + 1] = [tagged(a, "D"), tagged(b, "D")]
        sep = {"hyphen": "hyphenated, newline", "newline": "newline", "blank": "blank line"}[style]
        return {"rule": BLW, "tag": "D", "note": f"word split {p[s:cut]} / {p[cut:e]} ({sep})"}, optional
    # sentence-break and caption: break one body paragraph inside a sentence
    cands = [(i, j) for i in body for j in break_points(art.blocks[i], lang)]
    if not cands:
        raise Skip
    i, j = rng.choice(cands)
    a, b = split_at(art.blocks[i], j, lang)
    k = doc.index(f"src{i}")
    sep = rng.choice(["\n", "\n\n"])
    sepname = "newline" if sep == "\n" else "blank line"
    if variant == "sentence-break":
        doc.segs[k:k + 1] = ([tagged(a + "\n" + b, "D")] if sep == "\n" else [tagged(a, "D"), tagged(b, "D")])
        return {"rule": BLW, "tag": "D", "note": f"break inside a sentence after '{preview(a, lang)}' ({sepname})"}, optional
    if lang == "en":
        cap = f"{rng.choice(EN_CAPTIONS)} (Photo: {rng.choice(EN_CREDITS)})"
    else:
        cap = rng.choice(ZH_CAPTIONS) + rng.choice(["", " "]) + rng.choice(ZH_CREDITS)
    if sep == "\n":
        doc.segs[k:k + 1] = [tagged(f"{a}\n{cap}\n{b}", "D")]
    else:
        doc.segs[k:k + 1] = [tagged(a, "D"), tagged(cap, "D", "CAP", body=False), tagged(b, "D")]
    return {"rule": BLW, "tag": "D", "note": f"photo caption inside a sentence after '{preview(a, lang)}' ({sepname})"}, optional


# ---------------------------------------------------------------- truncated-ending

def cut_points(p: str, lang: str) -> list[tuple[int, str]]:
    """(index, how) where p[:index] stops clearly mid-sentence."""
    out = []
    if lang == "en":
        for m in re.finditer(r"\b([A-Za-z]+)([,]?) ", p):
            end = m.end(2)
            if end < 20 or len(p) - end < 10:
                continue
            rest = p[end:].split()
            if len(rest) < 2 or any(EN_END.search(w) for w in rest[:2]):
                continue  # the sentence must go on for at least two more words
            if m.group(2) == ",":
                out.append((end, "after a comma"))
            elif m.group(1).lower() in EN_FUNCTION:
                out.append((end, f"after function word '{m.group(1)}'"))
    else:
        for i in range(10, len(p) - 4):
            if ends_sentence(p[:i], lang) or p[i] in ZH_PUNCT or ascii_run(p, i):
                continue
            if p[i - 1] in "，、":
                out.append((i, "after a comma"))
            elif p[i - 1] in ZH_FUNCTION:
                out.append((i, f"after function word '{p[i - 1]}'"))
    return out


def bracket_cuts(p: str, lang: str) -> list[tuple[int, str]]:
    out = []
    openers = {"（": "）", "“": "”", "《": "》", "(": ")", "‘": "’"} if lang == "zh" else {"(": ")", "“": "”", '"': '"'}
    for o, ch in enumerate(p):
        if ch not in openers or o < 12:
            continue
        if ch == '"' and not (p[o - 1] in " (" and p[o + 1:o + 2].strip()):
            continue
        c = p.find(openers[ch], o + 1)
        if c < 0:
            continue
        inner = p[o + 1:c]
        if lang == "en":
            words = inner.split(" ")
            for k in range(0, len(words)):
                kept = " ".join(words[:k])
                if k and (re.search(r"[.!?,;:]$", kept) or len(kept) >= len(inner) - 2):
                    continue
                out.append((o + 1 + len(kept), f"after opening {ch}" + (f" + {k} word(s)" if k else "")))
        else:
            for k in range(0, min(len(inner) - 1, 10)):
                kept = inner[:k]
                if k and (ends_sentence(kept, lang) or kept[-1] in ZH_PUNCT):
                    continue
                out.append((o + 1 + k, f"after opening {ch}" + (f" + {k} char(s)" if k else "")))
    return out


def inject_trunc(art, doc, variant, rng):
    lang = art.lang
    body = body_indices(art)
    optional = []
    if variant == "end-of-file":
        # the file stops inside one of the last body paragraphs; anything after it is gone
        tail = body[-2:] if len(body) >= 3 else body[-1:]
        cands = [(i, c) for i in tail for c in cut_points(art.blocks[i], lang)]
    elif variant == "mid-file":
        cands = [(i, c) for i in body if i < len(art.blocks) - 1 and i in body
                 for c in cut_points(art.blocks[i], lang)]
    else:
        at_end = rng.random() < 0.5
        pool = body[-1:] if at_end else [i for i in body if i < len(art.blocks) - 1]
        cands = [(i, c) for i in pool for c in bracket_cuts(art.blocks[i], lang)]
        if not cands:
            pool = [i for i in body if i < len(art.blocks) - 1] if at_end else body[-1:]
            at_end = not at_end
            cands = [(i, c) for i in pool for c in bracket_cuts(art.blocks[i], lang)]
    if not cands:
        raise Skip
    i, (cut, how) = rng.choice(cands)
    p = art.blocks[i][:cut].rstrip()
    k = doc.index(f"src{i}")
    doc.segs[k] = tagged(p, "D")
    kept = 100 * cut // len(art.blocks[i])
    if variant == "end-of-file" or (variant == "open-bracket" and at_end):
        del doc.segs[k + 1:]
        dropped = len(art.blocks) - 1 - i
        where = "file ends mid-sentence" + (f" ({dropped} later paragraph(s) dropped)" if dropped else "")
    else:
        doc.segs[k + 1].tags += ("N",)
        where = "paragraph stops mid-sentence, next paragraph starts afresh"
        optional.append({"rule": BLW, "tag": "D", "to": "N", "note": "a linter may read the cut as a broken wrap"})
    return {"rule": TRUNC, "tag": "D", "last": True, "note": f"{where}; cut {how}, {kept}% kept"}, optional


# ---------------------------------------------------------------- mixed-articles

def inject_mixed(art, doc, variant, rng, others):
    cands = [b for b in others if b.lang == art.lang and b.name != art.name and body_indices(b)
             and b.blocks[0] != art.blocks[0]]
    if not cands:
        raise Skip
    b = rng.choice(cands)
    nb = rng.randint(2, 5) if "splice" in variant else rng.randint(2, 6)
    bbody = [x for x in b.blocks[1:]][:nb]
    mat = ([tagged(b.blocks[0], "B", body=False)] if "no-headline" not in variant else []) \
        + [tagged(x, "B") for x in bbody]
    if variant.startswith("append"):
        pos = len(doc.segs)
        where = "appended after story A"
    else:
        if len(art.blocks) < 4:
            raise Skip
        ks = [k for k in range(2, len(art.blocks) - 1) if art.is_body(k)]  # after A's k-th block
        if not ks:
            raise Skip
        k = rng.choice(ks)
        pos = doc.index(f"src{k}") + 1
        where = f"spliced in after paragraph {k} of story A, which then resumes"
    doc.segs[pos:pos] = mat
    head = "with its headline" if "no-" not in variant else "without its headline"
    return {"rule": MIXED, "tag": "B", "start_only": True,
            "note": f"story B ({b.name}, {len(bbody)} paragraph(s), {head}) {where}"}, []


# ---------------------------------------------------------------- cases

@dataclass
class Case:
    name: str
    kind: str
    variant: str
    lang: str
    source: str
    text: str
    expected: dict = field(default_factory=dict)


def _label(doc: Doc, spec: dict) -> dict:
    lines = doc.lines_of(spec["tag"])
    if spec.get("last"):
        lines = [lines[1], lines[1]]
    if spec.get("first"):
        lines = [lines[0], lines[0]]
    if spec.get("start_only"):
        lines = [lines[0], lines[0]]
    if spec.get("to"):
        lines = [lines[0], doc.lines_of(spec["to"])[0]]
    out = {"rule": spec["rule"], "lines": lines}
    if spec.get("first_tag"):
        out["first"] = doc.lines_of(spec["first_tag"])
    if spec.get("note"):
        out["note"] = spec["note"]
    return out


def build_case(n: int, art: Article, kind: str, variant: str, rng: random.Random, arts: list[Article]) -> Case:
    doc = Doc(art)
    expect, optional = [], []
    if kind != CLEAN:
        fn = {DUP: inject_dup, BLW: inject_blw, TRUNC: inject_trunc}.get(kind)
        spec, opts = fn(art, doc, variant, rng) if fn else inject_mixed(art, doc, variant, rng, arts)
        expect.append(_label(doc, spec))
        optional.extend(_label(doc, o) for o in opts)
        if kind == MIXED:
            start = expect[0]["lines"][0]
            optional.append({"rule": MIXED, "lines": [start, doc.n_lines()], "note": "rest of the file from story B on"})
            optional.append({"rule": MIXED, "lines": [1, doc.n_lines()], "note": "whole file"})
    name = f"case-{n:04d}"
    mnf = []
    for s, (a, b) in zip(doc.segs, doc.spans()):
        if not s.body and not any(t in s.tags for t in ("D", "B")):
            mnf.extend(range(a, b + 1))
    expected = {
        "file": f"{name}.txt",
        "generated": {"kind": kind, "variant": variant, "lang": art.lang, "source": art.name},
        "expect": expect,
        "optional": optional,
        "must_not_flag": mnf,
    }
    return Case(name, kind, variant, art.lang, art.name, doc.text(), expected)


def schedule(rng: random.Random, count: int, langs: list[str]) -> list[tuple[str, str, str]]:
    combos = [(k, v, l) for k, vs in VARIANTS.items() for v in vs for l in langs]
    out, pool, li = [], [], 0
    for i in range(count):
        if i % 3 == 2:
            out.append((CLEAN, "clean", langs[li % len(langs)]))
            li += 1
            continue
        if not pool:
            pool = combos[:]
            rng.shuffle(pool)
        out.append(pool.pop())
    return out


def generate(sources: list[Path], seed: int, count: int) -> list[Case]:
    arts = load_articles([Path(s) for s in sources])
    if not arts:
        raise SystemExit(f"inject: no articles under {', '.join(map(str, sources))}")
    rng = random.Random(seed)
    by_lang = {l: [a for a in arts if a.lang == l] for l in LANGS}
    langs = [l for l in LANGS if by_lang[l]]
    cases = []
    for n, (kind, variant, lang) in enumerate(schedule(rng, count, langs), 1):
        for _ in range(200):
            art = rng.choice(by_lang[lang])
            try:
                cases.append(build_case(n, art, kind, variant, rng, arts))
                break
            except Skip:
                continue
        else:
            raise SystemExit(f"inject: no article suits {kind}/{variant}/{lang}")
    return cases


def default_sources() -> list[Path]:
    return [SHARED_CLEAN] if SHARED_CLEAN.is_dir() else [FIXTURE_CLEAN]


def dump_yaml(d: dict) -> str:
    return yaml.safe_dump(d, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)


def write_cases(cases: list[Case], outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    for c in cases:
        (outdir / f"{c.name}.txt").write_text(c.text, encoding="utf-8", newline="\n")
        (outdir / f"{c.name}.expected.yml").write_text(dump_yaml(c.expected), encoding="utf-8", newline="\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--source", type=Path, action="append", help="folder of clean articles (repeatable)")
    args = ap.parse_args(argv)
    sources = args.source or default_sources()
    cases = generate(sources, args.seed, args.count)
    write_cases(cases, args.outdir)
    tally: dict[tuple, int] = {}
    for c in cases:
        tally[(c.kind, c.variant, c.lang)] = tally.get((c.kind, c.variant, c.lang), 0) + 1
    print(f"wrote {len(cases)} cases to {args.outdir} from {', '.join(map(str, sources))}")
    for (k, v, l), n in sorted(tally.items()):
        print(f"  {k:20} {v:20} {l}  {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
