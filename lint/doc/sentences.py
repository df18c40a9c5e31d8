"""Sentence segmentation for Chinese and English copy.

Chinese sentences end at 。！？…… (and ；), English ones at . ! ? … followed by
space (Hindi at । and ॥, Urdu at ۔ and ؟, in either); closing quotes and brackets stay with the sentence they close.
Abbreviations (Mr., U.S. before a lower-case word), initials and decimals do
not end an English sentence.
"""

from __future__ import annotations

import regex

from lint.lang.compiled import compile_regex
from lint.lang.text import ABBREVIATIONS_EN

_ZH_END = compile_regex(r"(?:[。！？!?।॥۔؟]|…+|\.{3,})[”’」』）》】\"')\]]*")
_EN_END = compile_regex(r"(?:[.!?।॥۔؟]+|…)[”’\"')\]»]*(?=\s+|$)")


# (searched in reverse, from the end: a forward search tries every position of
# the 40 characters; the match is the same, the longest such word at the end,
# since the word's own letters hold no dot and each dot opens a ".X" pair)
_WORD_BEFORE = compile_regex(r"(?r)([\p{L}\p{N}]+)(?:\.[\p{L}])*$")
_COMMENT = compile_regex(r"<!--.*?(?:-->|$)", regex.S)


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``; whitespace between
    sentences belongs to neither."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    pattern = _ZH_END if lang == "zh" else _EN_END
    # an HTML comment (a suppression directive in Markdown) is not prose: the "!"
    # of "<!--" and punctuation inside it end no sentence
    comments = [(c.start(), c.end()) for c in _COMMENT.finditer(text)] if "<!--" in text else []
    for m in pattern.finditer(text):
        end = m.end()
        if comments and any(a <= m.start() < b for a, b in comments):
            continue
        if lang != "zh" and not _english_boundary(text, m.start(), end):
            continue
        if (
            lang == "zh"
            and m.group().startswith(("!", "?", "."))
            and end < n
            and text[end : end + 1].isascii()
            and text[end : end + 1].isalnum()
        ):
            continue  # "3.5", "Yahoo!" inside a word
        _push(spans, text, start, end)
        start = end
    _push(spans, text, start, n)
    return spans


def _push(spans, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    e = end
    while e > start and text[e - 1].isspace():
        e -= 1
    if e > start:
        spans.append((start, e))


def _english_boundary(text: str, punct_start: int, end: int) -> bool:
    if end >= len(text):
        return True
    punct = text[punct_start]
    # what follows: skip spaces, and look at the next character
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    if j >= len(text):
        return True
    nxt = text[j]
    if punct != ".":
        return not nxt.islower()
    m = _WORD_BEFORE.search(text[max(0, punct_start - 40) : punct_start])
    word = m.group(0) if m else ""
    if word.lower() in ABBREVIATIONS_EN:
        return False
    if len(word) == 1 and word.isupper():  # initial
        return False
    if nxt.islower() or nxt.isdigit() and word.isdigit():
        return False
    return True
