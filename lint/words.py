"""Word-level knowledge shared by the core and the rules: how common a word is,
and where Chinese words begin and end.

Both come from well-kept libraries, loaded lazily so that a draft that never
needs them never pays for them:

- ``wordfreq`` (word frequencies from many sources, on the Zipf scale: 0 for
  a word never seen, about 3 for a word seen once per million words, 7 for
  "the");
- ``jieba`` (Chinese word segmentation). Its dictionary loads on the first
  call, once per process.

Rules call these functions instead of importing the libraries themselves, so
that each library has one home and one loading policy.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["zipf", "is_word", "segment_zh", "completes_to", "informativeness", "content_words_zh"]


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str = "en") -> float:
    """The Zipf frequency of ``word`` in ``lang`` (0.0 when unknown).

    Case is folded and curly apostrophes are straightened, as wordfreq's own
    tokenizer does.
    """
    from wordfreq import zipf_frequency

    return zipf_frequency(word.replace("’", "'"), lang)


def is_word(word: str, lang: str = "en", min_zipf: float = 1.0) -> bool:
    """True when ``word`` is a word of ``lang`` seen at least ``min_zipf`` often."""
    return zipf(word, lang) >= min_zipf


_JIEBA = None


def _jieba():
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _JIEBA = jieba
    return _JIEBA


def segment_zh(text: str, hmm: bool = False) -> list[str]:
    """Chinese words of ``text`` in order (jieba's precise mode). Without
    ``hmm`` unknown words are not guessed, so the result depends on the
    dictionary alone."""
    return _jieba().lcut(text, HMM=hmm)


_PREFIX_INDEX: dict = {}


def _sorted_words(lang: str) -> list[str]:
    words = _PREFIX_INDEX.get(lang)
    if words is None:
        from wordfreq import top_n_list

        words = sorted(set(top_n_list(lang, 100000)))
        _PREFIX_INDEX[lang] = words
    return words


@lru_cache(maxsize=4096)
def completes_to(prefix: str, lang: str = "en", min_zipf: float = 3.5) -> str:
    """A common word of ``lang`` (Zipf >= ``min_zipf``) that ``prefix`` begins
    but does not end ("minis" -> "minister"), or "" when there is none. Tells a
    word cut short from a whole one. The word list (wordfreq's 100,000 most
    common words) loads on the first call."""
    import bisect

    p = prefix.lower()
    words = _sorted_words(lang)
    i = bisect.bisect_right(words, p)
    best, best_z = "", min_zipf
    while i < len(words) and words[i].startswith(p):
        w = words[i]
        if w.isalpha():
            z = zipf(w, lang)
            if z >= best_z:
                best, best_z = w, z
        i += 1
    return best


def informativeness(word: str, lang: str = "en", ceiling: float = 6.0) -> float:
    """How much a word tells about the topic of a text: ``ceiling`` minus its
    Zipf frequency, floored at 0. Function words and everyday words (Zipf 6 and
    above: "the", "said", 我们) weigh nothing; names and topic words (rare,
    or unknown to wordfreq) weigh most."""
    return max(0.0, ceiling - zipf(word, lang))


def content_words_zh(text: str) -> list[tuple[str, float]]:
    """Chinese words of two or more characters in ``text``, each with its Zipf
    frequency. jieba segments with its HMM, so that names and new words outside
    the dictionary are kept whole; the frequency is read from the same dictionary
    jieba segments by (its counts agree with wordfreq's to about 0.2 on the Zipf
    scale, and reading them costs nothing once the segmenter is loaded, where
    wordfreq would load a second copy of jieba to look Chinese words up). A word
    the dictionary does not hold (a name, a new coinage) has frequency 0."""
    import math

    jb = _jieba()
    freq, total = jb.dt.FREQ, jb.dt.total
    out = []
    for w in jb.lcut(text, HMM=True):
        if len(w) < 2 or w.isspace():
            continue
        c = freq.get(w, 0)
        out.append((w, math.log10(c / total * 1e9) if c else 0.0))
    return out
