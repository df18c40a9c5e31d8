"""Word-level knowledge shared by the core and the rules: how common a word is,
and where Chinese words begin and end.

Both come from well-kept libraries, loaded lazily so that a draft that never
needs them never pays for them:

- ``wordfreq`` (word frequencies from many sources, on the Zipf scale: 0 for
  a word never seen, about 3 for a word seen once per million words, 7 for
  "the");
- ``rjieba`` (jieba-rs: jieba's Chinese word segmentation, compiled; its
  results are jieba's) with the word counts of jieba's own dictionary.

Reading those libraries' full word lists costs most of a second per process
(importing wordfreq and loading its English list; loading jieba's prefix
dictionary), which a new process linting one draft should not pay. So the
parts newslint looks up are kept in a small SQLite **lexicon** in the user's
cache folder (:func:`lint.usercache.user_cache_dir`, or
``$NEWSLINT_LEXICON`` as an exact path): built once per machine from the
installed libraries (a few seconds), named after their versions so an upgrade
rebuilds it, and opened read-only after that, a lookup per word. Where it
cannot be written, it is built in memory once per process. Anything the
lexicon does not answer exactly (an English word with other than ASCII
letters, inner apostrophes and hyphens; another language) is asked of wordfreq itself.

Rules call these functions instead of importing the libraries themselves, so
that each library has one home and one loading policy.
"""

from __future__ import annotations

import math
import os
import sqlite3
from functools import lru_cache
from typing import Optional

from lint.lang.compiled import compile_re

__all__ = [
    "zipf",
    "is_word",
    "segment_zh",
    "completes_to",
    "informativeness",
    "content_words_zh",
    "prepare_zh",
    "prepare_batch",
    "lexicon_path",
]

# wordfreq's 100,000 most common words of a language are "common": the ones a
# word cut short is completed to.
COMMON_WORDS = 100_000
_SCHEMA = 3


# --- the lexicon --------------------------------------------------------------------


def _package_file(package: str, *parts: str) -> str:
    """A data file of an installed package, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - dependencies
        raise RuntimeError(f"{package} is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], *parts)


def _sources() -> list[str]:
    """The word-list files the lexicon is built from."""
    return [_package_file("wordfreq", "data", "large_en.msgpack.gz"), _package_file("jieba", "dict.txt")]


def lexicon_path() -> str:
    """Where the lexicon lives: ``$NEWSLINT_LEXICON``, else a file in the
    user's cache folder named after the schema and the size and time of the
    word lists it is built from (an upgrade of either library rebuilds it)."""
    env = os.environ.get("NEWSLINT_LEXICON")
    if env:
        return env
    import zlib

    from lint.usercache import user_cache_dir

    stamp = []
    for src in _sources():
        try:
            st = os.stat(src)
            stamp.append(f"{src}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamp.append(f"{src}:missing")
    key = zlib.crc32("\n".join(stamp).encode())
    return os.path.join(user_cache_dir(), f"lexicon-{_SCHEMA}-{key:08x}.sqlite3")


def _wordfreq_zipf(freq: float) -> float:
    """wordfreq's Zipf value of a word of frequency ``freq``: the frequency
    (at least one per billion) rounded to three significant digits, then to
    0.01 Zipf (as ``wordfreq.zipf_frequency`` does; tests check the two agree)."""
    freq = max(freq, 1e-9)
    lead = math.floor(-math.log(freq, 10))
    return round(math.log(round(freq, lead + 3), 10) + 9, 2)


# English tokens the lexicon holds: ASCII letters, with inner apostrophes
# ("don't", "hodgson's"), as wordfreq's tokenizer keeps them whole; a
# hyphenated word is several tokens (first-quarter: first, quarter).
_EN_TOKEN = compile_re(r"[a-z]+(?:'[a-z]+)*\Z")
_EN_WORD = compile_re(r"[A-Za-z]+(?:'[A-Za-z]+)*(?:-[A-Za-z]+(?:'[A-Za-z]+)*)*\Z")


def _fill(con: sqlite3.Connection) -> None:
    """Write the lexicon's tables: English words of plain ASCII letters with
    their Zipf value (and whether they are common), and jieba's word counts."""
    from wordfreq import get_frequency_dict, top_n_list, zipf_frequency

    common = {w for w in top_n_list("en", COMMON_WORDS) if w.isalpha()}
    rows = {w: (_wordfreq_zipf(f), f, 0) for w, f in get_frequency_dict("en").items() if _EN_TOKEN.match(w)}
    for w in common:  # common words outside ASCII too, with wordfreq's own value
        rows[w] = (rows[w][0], rows[w][1], 1) if w in rows else (zipf_frequency(w, "en"), 0.0, 1)
    con.execute(
        "CREATE TABLE en (word TEXT PRIMARY KEY, zipf REAL NOT NULL, freq REAL NOT NULL, common INTEGER NOT NULL)"
        " WITHOUT ROWID"
    )
    con.executemany("INSERT INTO en VALUES (?, ?, ?, ?)", ((w, z, f, c) for w, (z, f, c) in rows.items()))
    con.execute("CREATE INDEX en_common ON en (common, word)")
    # jieba's counts as its own loader reads them: a repeated entry keeps its
    # last count, and every line adds to the total.
    counts: dict[str, int] = {}
    total = 0
    with open(_sources()[1], encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                counts[parts[0]] = int(parts[1])
                total += int(parts[1])
    # every beginning of a word too, with count 0 (jieba's prefix dictionary):
    # what lets _Segmenter find the words of a text a character at a time
    prefixes = {w[:k] for w in counts for k in range(1, len(w))}
    rows_zh = list(counts.items()) + [(p, 0) for p in prefixes - counts.keys()]
    con.execute("CREATE TABLE zh (word TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID")
    con.executemany("INSERT INTO zh VALUES (?, ?)", rows_zh)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [("zh_total", total), ("schema", _SCHEMA)])
    con.commit()


def _build(path: str) -> None:
    from lint.atomic import atomic_path

    with atomic_path(path, make_folder=True) as tmp:  # readers see the whole lexicon or none
        con = sqlite3.connect(tmp)
        try:
            _fill(con)
        finally:
            con.close()
    if not os.environ.get("NEWSLINT_LEXICON"):  # lexicons of earlier versions (20 MB each)
        from lint.usercache import prune

        prune(os.path.dirname(path), "lexicon-", ".sqlite3", keep=3)


_LEXICON: Optional[sqlite3.Connection] = None


def _lexicon() -> sqlite3.Connection:
    """The open lexicon, built on first use (once per machine; in memory, once
    per process, when the cache folder cannot be written)."""
    global _LEXICON
    if _LEXICON is None:
        con: Optional[sqlite3.Connection] = None
        try:
            path = lexicon_path()
            if not os.path.exists(path):
                _build(path)
            # never changed in place (a new lexicon replaces the file), so
            # SQLite may skip locking. It is read, not memory-mapped: every
            # page a mapping touches counts in the process's memory (a long
            # English text touches half the 23 MB file, +11 MB at its peak),
            # while read pages stay in the system's file cache; lookups are
            # slower by about a microsecond each (12,600 words: +15 ms)
            from urllib.parse import quote

            uri = f"file:{quote(path)}?mode=ro&immutable=1"
            con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            con.execute("PRAGMA mmap_size = 0")  # whatever SQLite was built with
            con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except (OSError, sqlite3.Error):
            if con is not None:
                con.close()
            con = sqlite3.connect(":memory:", check_same_thread=False)
            _fill(con)
        _LEXICON = con
    return _LEXICON


# --- English ------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str = "en") -> float:
    """The Zipf frequency of ``word`` in ``lang`` (0.0 when unknown), as
    ``wordfreq.zipf_frequency`` gives it.

    Case is folded and curly apostrophes are straightened, as wordfreq's own
    tokenizer does.
    """
    word = word.replace("’", "'")
    if lang == "en" and _EN_WORD.match(word):
        tokens = word.lower().split("-")
        if len(tokens) == 1:
            row = _lexicon().execute("SELECT zipf FROM en WHERE word = ?", (tokens[0],)).fetchone()
            return row[0] if row else 0.0
        # several tokens: 1/f = 1/f1 + 1/f2 + ..., as wordfreq combines them
        inverse = 0.0
        for t in tokens:
            row = _lexicon().execute("SELECT freq FROM en WHERE word = ?", (t,)).fetchone()
            if not row or not row[0]:
                return 0.0
            inverse += 1.0 / row[0]
        return _wordfreq_zipf(1.0 / inverse)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def is_word(word: str, lang: str = "en", min_zipf: float = 1.0) -> bool:
    """True when ``word`` is a word of ``lang`` seen at least ``min_zipf`` often."""
    return zipf(word, lang) >= min_zipf


@lru_cache(maxsize=4096)
def completes_to(prefix: str, lang: str = "en", min_zipf: float = 3.5) -> str:
    """A common word of ``lang`` (Zipf >= ``min_zipf``) that ``prefix`` begins
    but does not end ("minis" -> "minister"), or "" when there is none. Tells a
    word cut short from a whole one. The candidates are the alphabetic words
    among wordfreq's 100,000 most common; the most frequent wins (the last in
    alphabetical order on a tie). English only."""
    if lang != "en":
        raise ValueError(f"completes_to knows English words only, not {lang!r}")
    p = prefix.lower()
    best, best_z = "", min_zipf
    rows = _lexicon().execute("SELECT word, zipf FROM en WHERE common = 1 AND word > ? ORDER BY word", (p,))
    for w, z in rows:
        if not w.startswith(p):
            break
        if z >= best_z:
            best, best_z = w, z
    return best


def informativeness(word: str, lang: str = "en", ceiling: float = 6.0) -> float:
    """How much a word tells about the topic of a text: ``ceiling`` minus its
    Zipf frequency, floored at 0. Function words and everyday words (Zipf 6 and
    above: "the", "said", 我们) weigh nothing; names and topic words (rare,
    or unknown to wordfreq) weigh most."""
    return max(0.0, ceiling - zipf(word, lang))


# --- Chinese ------------------------------------------------------------------------


def prepare_zh(text: str) -> None:
    """Read the dictionary words of ``text`` in one pass before its parts are
    segmented one by one (a rule about to segment every paragraph of a
    document passes the document): the same results, fewer lookups."""
    _segmenter().prepare_all(text)


def segment_zh(text: str, hmm: bool = False) -> list[str]:
    """Chinese words of ``text`` in order (jieba's precise mode). Without
    ``hmm`` unknown words are not guessed, so the result depends on the
    dictionary alone."""
    return _segmenter().cut(text, hmm)


class _Segmenter:
    """rjieba, given only the part of jieba's dictionary a text can use.

    Loading jieba's whole dictionary (349,046 words) costs a tenth of a second,
    more than the rest of linting a draft. jieba's result for a text depends
    only on the dictionary words found inside the text (and on the dictionary's
    total count, which scales every word's probability). So the first texts of a
    process are segmented by an rjieba segmenter holding just those words, read
    from the lexicon (its ``zh`` table also holds every beginning of a word, so
    a text's words are found by extending fragments a character at a time), and
    a placeholder word that no text can contain carries the rest of the total.
    The result is jieba's, word for word (``tests/test_words.py`` checks it over
    the corpus). Once a process has segmented ``FULL_AFTER`` characters, looking
    words up costs more than loading them all, and the whole dictionary is
    loaded.
    """

    FULL_AFTER = 50_000
    _REST = "\ue000"  # a private-use character: in no dictionary and no copy

    def __init__(self) -> None:
        self._mod = _rjieba_module()
        self._jieba = self._mod.Jieba.empty()
        self._known: dict[str, int] = {}  # fragment -> count; 0: only a beginning; -1: neither
        self._added = 0  # sum of the counts given to the segmenter
        self._seen = 0  # characters segmented so far
        self._full = False
        self._prepared = ""  # the last text given to prepare_zh: its parts need no lookups

    def cut(self, text: str, hmm: bool) -> list[str]:
        self.prepare(text)
        return self._jieba.cut(text, hmm=hmm)

    def prepare_all(self, text: str) -> None:
        if text:  # nothing new: keep what was prepared
            self.prepare(text)
            self._prepared = text

    def prepare(self, text: str) -> None:
        if self._full or text in self._prepared:  # a part of a prepared text: its words are in
            return
        self._seen += len(text)
        if self._seen > self.FULL_AFTER or _BATCH:
            self._jieba, self._full = self._mod.Jieba(), True
            self._known, self._prepared = {}, ""  # no more lookups
        else:
            self._add_words_of(text)

    def _add_words_of(self, text: str) -> None:
        """Give the segmenter every dictionary word inside ``text``: grow each
        position's fragment a character at a time while it still begins a
        word (no dictionary word holds white space, so runs end there)."""
        known = self._known
        new: dict[str, int] = {}
        n = len(text)
        self._look_up(set(text), new)
        active = [i for i in range(n - 1) if known[text[i]] >= 0]
        size = 2
        while active:
            self._look_up({text[i : i + size] for i in active}, new)
            size += 1
            active = [i for i in active if i + size <= n and known[text[i : i + size - 1]] >= 0]
        if new:
            for w, c in new.items():
                self._jieba.add_word(w, c, "")
            self._added += sum(new.values())
            self._jieba.add_word(self._REST, max(1, _zh_total() - self._added), "")

    def _look_up(self, frags: set[str], new: dict[str, int]) -> None:
        known = self._known
        ask = [f for f in frags if f not in known]
        if not ask:
            return
        con = _lexicon()
        for k in range(0, len(ask), 900):
            chunk = ask[k : k + 900]
            rows = dict(con.execute(f"SELECT word, count FROM zh WHERE word IN ({','.join('?' * len(chunk))})", chunk))
            known.update(dict.fromkeys(chunk, -1))
            known.update(rows)
            new.update({w: c for w, c in rows.items() if c > 0})


def _rjieba_module():
    """rjieba's compiled module. ``import rjieba`` builds a segmenter with the
    whole dictionary as it imports; the module itself is loaded without it (and
    registered, so that a later ``import rjieba`` uses the same module)."""
    import sys

    mod = sys.modules.get("rjieba.rjieba")
    if mod is not None:
        return mod
    import importlib.machinery
    import importlib.util

    pkg = importlib.util.find_spec("rjieba")
    ext = (
        importlib.machinery.PathFinder.find_spec("rjieba", list(pkg.submodule_search_locations or ())) if pkg else None
    )
    spec = importlib.util.spec_from_file_location("rjieba.rjieba", ext.origin) if ext and ext.origin else None
    try:
        if spec is None or spec.loader is None:
            raise ImportError("rjieba's compiled module was not found beside its package")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    except ImportError:  # another layout: import the package the ordinary way
        import rjieba  # noqa: F401

        return sys.modules["rjieba.rjieba"]
    sys.modules["rjieba.rjieba"] = mod
    return mod


_SEGMENTER: Optional[_Segmenter] = None
_BATCH = False  # a long run was announced: the first Chinese text loads the whole dictionary


def prepare_batch(expected_bytes: int) -> None:
    """A run of ``expected_bytes`` of input is starting (``Linter.prepare_run``).
    When it may hold ``FULL_AFTER`` characters of Chinese (four bytes a
    character at most), the first text segmented loads jieba's whole dictionary
    at once, skipping the word-by-word lookups that would come first. Nothing is
    loaded until a text is segmented: a run with no Chinese loads nothing. The
    same words either way."""
    global _BATCH
    if expected_bytes >= 4 * _Segmenter.FULL_AFTER:
        _BATCH = True


def _segmenter() -> _Segmenter:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = _Segmenter()
    return _SEGMENTER


@lru_cache(maxsize=1)
def _zh_total() -> int:
    return int(_lexicon().execute("SELECT value FROM meta WHERE key = 'zh_total'").fetchone()[0])


@lru_cache(maxsize=65536)
def _zh_zipf(word: str) -> float:
    c = _SEGMENTER._known.get(word) if _SEGMENTER is not None else None  # looked up while segmenting
    if c is None:
        row = _lexicon().execute("SELECT count FROM zh WHERE word = ?", (word,)).fetchone()
        c = row[0] if row else 0
    c = max(c, 0)
    return math.log10(c / _zh_total() * 1e9) if c else 0.0


def content_words_zh(text: str) -> list[tuple[str, float]]:
    """Chinese words of two or more characters in ``text``, each with its Zipf
    frequency. The segmenter guesses unknown words (HMM), so that names and new
    words outside the dictionary are kept whole; the frequency is read from the
    dictionary the segmenter uses (jieba's counts agree with wordfreq's to about
    0.2 on the Zipf scale). A word the dictionary does not hold (a name, a new
    coinage) has frequency 0."""
    return [(w, _zh_zipf(w)) for w in segment_zh(text, hmm=True) if len(w) >= 2 and not w.isspace()]
