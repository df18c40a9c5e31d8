"""Script and punctuation helpers for Chinese and English copy.

Everything here is pure string logic, shared by the document model and the
checks. Patterns are compiled once at import.
"""

from __future__ import annotations

import os
from functools import lru_cache

import regex

from lint.lang.compiled import compile_re, compile_regex

# --- lazily compiled patterns ---------------------------------------------------


class LazyPattern:
    """A ``regex`` pattern compiled on first use.

    Compiling with ``regex`` is slow (tens of milliseconds for a plugin's
    patterns) and many patterns serve rare branches, so module-level patterns
    are declared with :func:`lazy` to keep start-up fast. After the first
    call the pattern's methods are plain attributes: no per-call overhead.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def compile(self):
        p = _compile_fast(self.pattern, self.flags)
        for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer"):
            if hasattr(p, name):
                setattr(self, name, getattr(p, name))
        self.compiled = p
        return p

    def __getattr__(self, name: str):
        # only reached for attributes not set yet: compile, then delegate
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compile(), name)

    def __repr__(self) -> str:  # pragma: no cover
        return f"lazy({self.pattern!r})"


# Syntax only the regex module has: Unicode properties, graphemes, reverse
# or version flags, POSIX classes, \m \M \G \K, named lists, fuzzy matching.
_REGEX_ONLY = compile_regex(r"\\[pPXGKmMLN]|\(\?[^:=!<>P#(]*[rVfbe]|\[\[:|\{e[<>=]")
_RE_FLAGS = 2 | 4 | 8 | 16 | 32 | 64 | 256  # I L M S U X A, shared by re and regex


def _compile_fast(pattern: str, flags: int):
    """Compile with the standard library's re where the pattern means the same
    there (it compiles several times faster), else with regex."""
    flags = int(flags)
    if not flags & ~_RE_FLAGS and not _REGEX_ONLY.search(pattern):
        import re

        try:
            return compile_re(pattern, flags)
        except (re.error, ValueError, OverflowError):
            pass  # e.g. a variable-length look-behind: regex handles it
    return compile_regex(pattern, flags)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled on first use, by the standard library's re where it
    means the same there, else by regex."""
    return LazyPattern(pattern, flags)


@lru_cache(maxsize=1024)
def rx(pattern: str, flags: int = 0):
    """``pattern`` compiled by the regex module, once per process (and kept
    between processes, :mod:`lint.lang.compiled`): write
    ``rx(r"...").search(s)`` where a fixed pattern is used in one place. Unlike
    ``regex.search(r"...", s)``, a call costs one cache lookup, not a trip
    through regex's own cache (which a hot loop paid on every line)."""
    return compile_regex(pattern, flags)


# --- word lists -----------------------------------------------------------------
# Word lists are data: lint/lang/lists/<name>.txt, one entry per line, with
# comments saying what each is for (read once, when first asked for).


@lru_cache(maxsize=None)
def wordlist(name: str) -> frozenset[str]:
    """The entries of the word list ``name`` (lint/lang/lists/NAME.txt)."""
    path = os.path.join(os.path.dirname(__file__), "lists", name + ".txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(w for w in (line.strip() for line in fh) if w and not w.startswith("#"))


# --- character classes -------------------------------------------------------

# The Han of news copy as a character-class body: the CJK Unified Ideographs
# (with Extension A) and the compatibility ideographs. Fast with the standard
# library's re. HAN (\p{Han}) also takes radicals, iteration marks and the
# supplementary planes: use it where those count as Chinese.
HAN_RANGES = "\u3400-\u9fff\uf900-\ufaff"

HAN = compile_regex(r"\p{Han}")

# What may close around sentence-ending punctuation (quotes, brackets).
CLOSERS = "”’」』）》】〕〉\"')]"

# CJK line-breaking rules: a line may not start with these ...
NO_LINE_START = "，。、；：？！）》」』】〕〉…,.;:?!)]"
# ... and may not end with these.
NO_LINE_END = "（《「『【〔〈([“‘"

PAIRS = {
    "（": "）",
    "(": ")",
    "《": "》",
    "「": "」",
    "『": "』",
    "【": "】",
    "“": "”",
    "‘": "’",
    "〔": "〕",
    "〈": "〉",
    "[": "]",
}

ABBREVIATIONS_EN = wordlist("abbreviations-en")

FUNCTION_WORDS_EN = wordlist("function-words-en")

# Function words a sentence cannot stop on (the others can close a clause).
DANGLING_WORDS_EN = FUNCTION_WORDS_EN - wordlist("clause-closers-en")

# Chinese characters and words that cannot end a sentence.
FUNCTION_CHARS_ZH = "的了着地得和与及或而但并且把被对向从在于为以将让给比跟同由因如若虽即就才都还也又更最很"
# The variant NL103 weighs at the end of a paragraph: characters after which a
# sentence cannot stop (prepositions, conjunctions, the attributive 的). 了/着/等
# often end a clause, and adverbs (就, 都, 很) end many colloquial ones: left out.
DANGLING_CHARS_ZH = frozenset("的在和与及或而但并且把被对向从于为以将让使给跟同由因若虽即比")
FUNCTION_WORDS_ZH = (
    "关键是",
    "在于",
    "就是",
    "但是",
    "而且",
    "并且",
    "因为",
    "所以",
    "如果",
    "虽然",
    "以及",
    "通过",
    "对于",
    "关于",
    "根据",
    "随着",
    "为了",
    "由于",
    "包括",
    "其中",
    "除了",
    "作为",
    "以来",
    "已经",
    "正在",
    "不断",
    "持续",
    "进一步",
    "加快",
    "推动",
    "进行",
    "实现",
    "成为",
    "是",
)

# The variant NL103 weighs at the end of a paragraph (in this order: the first
# that ends it is named): words that need what follows them. Unlike
# FUNCTION_WORDS_ZH it leaves out 在于, 以来 and verbs of progress that close many
# clauses (推动, 实现, 加快), and adds concessive and prepositional openers (尽管, 针对).
DANGLING_WORDS_ZH = (
    "关键是",
    "就是",
    "还是",
    "但是",
    "而且",
    "并且",
    "因为",
    "所以",
    "如果",
    "虽然",
    "以及",
    "通过",
    "对于",
    "关于",
    "根据",
    "随着",
    "为了",
    "由于",
    "包括",
    "除了",
    "作为",
    "不仅",
    "不但",
    "只有",
    "只要",
    "无论",
    "不论",
    "尽管",
    "即使",
    "例如",
    "比如",
    "其中",
    "面对",
    "针对",
    "按照",
    "依照",
    "围绕",
    "基于",
    "鉴于",
    "截至",
    "是",
)


_HAN_RUN = compile_regex(r"\p{Han}+")
_LATIN_RUN = compile_regex(r"[A-Za-z\u00C0-\u024F]+")


def count_han(s: str) -> int:
    return sum(map(len, _HAN_RUN.findall(s)))


def count_latin(s: str) -> int:
    return sum(map(len, _LATIN_RUN.findall(s)))


# (a reverse search: the same match, the whole run of letters before the final
# dot, without trying every position of the text first)
_WORD_DOT_END = compile_regex(r"(?r)(\p{L}+)\.$")
# sentence ends of Chinese, English and the scripts met in web copy: the
# full-width and half-width ideographic full stops, Devanagari danda and double
# danda (Hindi), the Urdu full stop and the Arabic question mark
_TERMINALS = "。！？!?；…．｡।॥۔؟"


def ends_sentence(s: str) -> bool:
    """True when ``s`` ends with sentence-final punctuation (closers allowed after it).

    An English full stop after a title abbreviation (``Mr.``) does not end a
    sentence.
    """
    s = s.rstrip()
    corner = s.endswith(("」", "』"))
    s = s.rstrip(CLOSERS)
    if not s:
        return False
    ch = s[-1]
    if ch in _TERMINALS:
        return True
    if corner and ch not in "，、,：:":
        return True  # Japanese closes a quoted sentence with 」 and no 。
    if ch != ".":
        return False
    m = _WORD_DOT_END.search(s[-40:])
    if not m:
        return True  # "3.", "...", "%." etc.
    word = m.group(1)
    if word.lower() in ABBREVIATIONS_EN:
        return False
    # A lone capital ("John F.", "Mac OS X.") is ambiguous; at the end of a
    # line or paragraph it ends the sentence far more often than not.
    return True


_LAST_WORD = compile_regex(r"([\p{L}\p{N}'’-]+)\W*$")


def last_word(s: str) -> str:
    m = _LAST_WORD.search(s[-80:])
    return m.group(1) if m else ""


def unclosed_openers(s: str) -> list[str]:
    """Openers in ``s`` (brackets and curly quotes) that are never closed, innermost last."""
    stack: list[str] = []
    closers = {v: k for k, v in PAIRS.items()}
    for ch in s:
        if ch in PAIRS:
            stack.append(ch)
        elif ch in closers:
            # pop to the matching opener if there is one; ignore strays
            opener = closers[ch]
            for i in range(len(stack) - 1, -1, -1):
                if stack[i] == opener:
                    del stack[i:]
                    break
    return stack


_WIDE_RUN = compile_regex(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]+")
_COMBINING_RUN = compile_regex(r"\p{Mn}+")


def display_width(s: str) -> int:
    """Terminal columns ``s`` occupies (East Asian wide/fullwidth count 2,
    combining marks 0)."""
    if s.isascii():
        return len(s)
    wide = sum(map(len, _WIDE_RUN.findall(s)))
    combining = sum(map(len, _COMBINING_RUN.findall(s)))
    return len(s) + wide - combining


def is_cjk_char(ch: str) -> bool:
    return bool(HAN.match(ch)) or ch in "，。、；：？！“”‘’（）《》「」『』【】—…"


# --- what is not copy ----------------------------------------------------------

#: stands in for a character that is not copy (code, URLs) in Document.copy_text:
#: no rule reads it as a letter, a space, a bracket or punctuation
MASK = "\ufffc"

_URL_OR_MAIL = lazy(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”‘’「」《》（）\ufffc]+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
    regex.I,
)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses in ``text``. Punctuation that ends
    the sentence around a URL (``.``, ``,``, an unmatched ``)``) is not part
    of it."""
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    out = []
    for m in _URL_OR_MAIL.finditer(text):
        a, b = m.span()
        while b > a and text[b - 1] in ".,;:!?'’)]}":
            if text[b - 1] in ")]}" and text.count("([{"[")]}".index(text[b - 1])], a, b) >= text.count(
                text[b - 1], a, b
            ):
                break  # a bracket that belongs to the URL: .../Foo_(bar)
            b -= 1
        out.append((a, b))
    return out


_ENTITY = lazy(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def entity_spans(text: str) -> list[tuple[int, int]]:
    """Spans of HTML character references (``&nbsp;``, ``&#8217;``) in ``text``."""
    if "&" not in text:
        return []
    return [m.span() for m in _ENTITY.finditer(text)]


# --- showing copy in a terminal ---------------------------------------------------

# C0 controls, DEL, C1 controls, bidirectional overrides/isolates and the Unicode
# line/paragraph separators: a terminal acts on them (recolours, retitles, moves
# the cursor, reorders the line) instead of showing them.
_UNSAFE = compile_regex(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_char(ch: str) -> str:
    """How one unsafe character is shown: C0 controls and DEL as their control
    pictures (``␛`` for ESC, one column, like ruff), C1 controls as ``\\x9b``,
    the others as ``\\u202e``. Safe characters are returned unchanged."""
    o = ord(ch)
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    if o <= 0x9F and o >= 0x80:
        return f"\\x{o:02x}"
    if _UNSAFE.match(ch):
        return f"\\u{o:04x}"
    return ch


def escape_controls(s: str, keep: str = "") -> str:
    """``s`` safe to print to a terminal: every control character (except those
    in ``keep``) escaped with :func:`escape_char`."""
    if not _UNSAFE.search(s):
        return s
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else escape_char(m.group()), s)


TOPIC_STOP_WORDS_EN = wordlist("topic-stop-words-en")
# Han characters that carry grammar, not topic: NL104 drops bigrams holding one.
TOPIC_STOP_CHARS_ZH = frozenset(
    "的了是在和与及或而并把被对向从于为以将让给这那其之也都就还又有个一不我们他她它年月日中上下到说等多要会"
)
