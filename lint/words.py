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

__all__ = ["zipf", "is_word", "segment_zh", "completes_to"]


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
