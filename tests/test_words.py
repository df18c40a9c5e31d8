"""lint.lang.words: the lexicon answers exactly what the libraries it is built from answer.

The lexicon (a small SQLite file built once from wordfreq's English list and
jieba's dictionary) exists only to make a new process fast; every answer must
be the one wordfreq or jieba itself gives, or findings would change with it.
"""

from __future__ import annotations

import bisect
import functools
import math
import os
import subprocess
import sys

import pytest

from lint.lang import words

from conftest import ROOT, SHARED

wordfreq = pytest.importorskip("wordfreq")


@pytest.fixture(autouse=True)
def _no_batch_announced(monkeypatch):
    """Each test starts as a process that was told of no long run (another
    test in this worker may have linted a large folder in-process)."""
    monkeypatch.setattr(words, "_BATCH", False)


def _ascii_words(step: int) -> list[str]:
    freqs = wordfreq.get_frequency_dict("en")
    return [w for w in sorted(freqs) if w.isascii() and w.isalpha()][::step]


def test_zipf_agrees_with_wordfreq_on_words_in_any_case():
    sample = _ascii_words(53)
    assert len(sample) > 4000
    cased = [w.capitalize() for w in sample[::7]] + [w.upper() for w in sample[::11]]
    made_up = ["operato", "minis", "xqzvkw", "Hodgsonx", "a", "I"]
    other = ["don't", "café", "naïve", "co-operate", "2.9%", "’tis", "Zürich", "", "first-quarter", "Hodgson's",
             "Well-Known", "rock'n'roll", "x-ray-zzqx", "it’s", "-ray", "ray-", "a--b"]
    for w in sample + cased + made_up + other:
        assert words.zipf(w, "en") == wordfreq.zipf_frequency(w.replace("’", "'"), "en"), w


@functools.lru_cache(maxsize=1)
def _common_sorted() -> list[str]:
    return sorted(set(wordfreq.top_n_list("en", words.COMMON_WORDS)))


def test_words_of_several_tokens_combine_as_wordfreq_does():
    """A hyphenated word is several tokens in wordfreq (first-quarter: first,
    quarter), their frequencies combined as 1/f = 1/f1 + 1/f2; words with inner
    apostrophes are one token. The lexicon answers both without wordfreq."""
    import random

    rng = random.Random(7)
    plain = _ascii_words(97)
    hyphenated = ["-".join(rng.sample(plain, k)) for k in (2, 3) for _ in range(600)]
    freqs = wordfreq.get_frequency_dict("en")
    apostrophes = sorted(w for w in freqs if "'" in w and w.replace("'", "").isascii() and w.replace("'", "").isalpha())
    assert len(apostrophes) > 100
    for w in hyphenated + apostrophes[::3] + [w.title() for w in apostrophes[::17]]:
        assert words.zipf(w, "en") == wordfreq.zipf_frequency(w, "en"), w


def _completes_to_reference(prefix: str, min_zipf: float) -> str:
    """The definition: the most frequent alphabetic word among wordfreq's
    100,000 most common that starts with ``prefix`` and is longer (the last in
    alphabetical order on a tie)."""
    ws = _common_sorted()
    p = prefix.lower()
    best, best_z = "", min_zipf
    i = bisect.bisect_right(ws, p)
    while i < len(ws) and ws[i].startswith(p):
        if ws[i].isalpha():
            z = wordfreq.zipf_frequency(ws[i], "en")
            if z >= best_z:
                best, best_z = ws[i], z
        i += 1
    return best


def test_completes_to_agrees_with_its_definition():
    prefixes = set()
    for w in wordfreq.top_n_list("en", 3000)[::13]:
        prefixes.update(w[:k] for k in range(1, len(w) + 1))
    prefixes |= {"Minis", "operato", "caf", "na", "zz", "é", "q"}
    for p in sorted(prefixes):
        for z in (3.5, 4.4):
            assert words.completes_to(p, "en", z) == _completes_to_reference(p, z), (p, z)
    assert words.completes_to("minis") == "minister"
    assert words.completes_to("xqzv") == ""


def test_completes_to_is_english_only():
    with pytest.raises(ValueError):
        words.completes_to("部", "zh")


ZH_TEXT = [
    "国务院总理李克强主持召开国务院常务会议",
    "今年以来各地持续推进社会保障体系建设",
    "央视网消息新闻联播国家统计局今天发布数据",
    "在新年到来之际他向全国人民致以问候",
    "报告会由中国科学院主办",
]


def test_chinese_segmentation_and_counts_agree_with_jieba():
    jieba = pytest.importorskip("jieba")
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    freq, total = jieba.dt.FREQ, jieba.dt.total
    for text in ZH_TEXT:
        assert words.segment_zh(text) == jieba.lcut(text, HMM=False)
        expected = [
            (w, math.log10(freq[w] / total * 1e9) if freq.get(w) else 0.0)
            for w in jieba.lcut(text, HMM=True)
            if len(w) >= 2 and not w.isspace()
        ]
        assert words.content_words_zh(text) == expected


def _chinese_paragraphs(shared) -> list[str]:
    """Chinese paragraphs to segment: the project's sample page, and the dev
    corpus's Chinese copy when ../shared is beside the checkout."""
    paths = [ROOT / "examples" / "zh-newspaper-page.txt"]
    if shared is not None:
        paths += sorted((shared / "corpus" / "dev" / "clean").glob("zh-*/*.txt"))[::6]
        paths += sorted((shared / "corpus" / "dev" / "synth").glob("zh-*/*.txt"))[::4]
    paras = [p for path in paths for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return ZH_TEXT + paras + ["B超和T恤、3C产品 与 γ射线", "  空格 分开的 词语\t制表符", ""]


def test_segmenting_with_a_texts_own_words_gives_the_whole_dictionarys_result():
    """The segmenter starts with only the dictionary words found in the texts it
    is given; every cut, with and without guessing unknown words, must be the
    one rjieba gives with jieba's whole dictionary, on one segmenter reused
    text after text as a process reuses it."""
    paras = _chinese_paragraphs(SHARED if SHARED.is_dir() else None)
    full = words._rjieba_module().Jieba()
    seg = words._Segmenter()
    seg.FULL_AFTER = 10**9
    for text in paras:
        for hmm in (False, True):
            assert seg.cut(text, hmm) == full.cut(text, hmm=hmm), text
    assert not seg._full and len(paras) > 100


def test_a_prepared_documents_parts_are_cut_as_with_the_whole_dictionary():
    """prepare_zh reads a document's words in one pass; its paragraphs are then
    cut without lookups, and text outside it is still looked up."""
    paras = _chinese_paragraphs(None)
    full = words._rjieba_module().Jieba()
    seg = words._Segmenter()
    seg.prepare_all("\n".join(paras[5:]))
    known = len(seg._known)
    for text in paras[5:]:
        assert seg.cut(text, True) == full.cut(text, hmm=True), text
    assert len(seg._known) == known  # nothing more was looked up
    for text in paras[:5]:  # not in the prepared text
        assert seg.cut(text, False) == full.cut(text, hmm=False), text
    assert len(seg._known) > known


def test_the_segmenter_loads_the_whole_dictionary_after_enough_text():
    full = words._rjieba_module().Jieba()
    seg = words._Segmenter()
    seg.FULL_AFTER = 40
    texts = ZH_TEXT * 2
    cuts = [seg.cut(t, True) for t in texts]
    assert seg._full
    assert cuts == [full.cut(t, hmm=True) for t in texts]


def test_a_long_run_loads_the_whole_dictionary_at_its_first_chinese_text(monkeypatch):
    """prepare_batch: a run that may hold FULL_AFTER characters of Chinese
    skips the word-by-word lookups; nothing is loaded before a text is
    segmented, and the cuts are the whole dictionary's."""
    monkeypatch.setattr(words, "_BATCH", False)
    words.prepare_batch(4 * words._Segmenter.FULL_AFTER - 1)
    assert not words._BATCH  # too short to be sure: the segmenter decides as it goes
    words.prepare_batch(4 * words._Segmenter.FULL_AFTER)
    assert words._BATCH
    seg = words._Segmenter()
    assert not seg._full  # nothing loaded yet
    full = words._rjieba_module().Jieba()
    assert [seg.cut(t, True) for t in ZH_TEXT] == [full.cut(t, hmm=True) for t in ZH_TEXT]
    assert seg._full and not seg._known  # no lookups were made


def test_segmenting_one_draft_does_not_load_the_whole_dictionary():
    code = (
        "import sys, lint\n"
        "from lint.lang import words\n"
        "print(words.segment_zh('国务院总理李克强主持召开国务院常务会议'), words._segmenter()._full, 'rjieba' in sys.modules)\n"
    )
    out = _fresh_process(code, {})
    assert out == "['国务院', '总理', '李克强', '主持', '召开', '国务院', '常务会议'] False False"


def _fresh_process(code: str, env: dict) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(ROOT),
        env={**os.environ, **env},
    ).stdout.strip()


def test_the_lexicon_is_built_once_where_named_and_reused(tmp_path):
    path = tmp_path / "lex" / "words.sqlite3"
    code = "from lint.lang import words; print(words.zipf('minister'), words.completes_to('minis'))"
    first = _fresh_process(code, {"NEWSLINT_LEXICON": str(path)})
    assert path.is_file()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # built aside, then renamed
    stamp = path.stat().st_mtime_ns
    assert _fresh_process(code, {"NEWSLINT_LEXICON": str(path)}) == first
    assert path.stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert first.split()[1] == "minister"


def test_an_unwritable_cache_folder_still_answers(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = "from lint.lang import words; print(words.zipf('minister'), words.completes_to('minis'))"
    out = _fresh_process(code, {"NEWSLINT_LEXICON": str(blocker / "lexicon.sqlite3")})
    assert out == f"{wordfreq.zipf_frequency('minister', 'en')} minister"


def test_the_lexicon_is_named_after_the_word_lists_it_was_built_from(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLINT_LEXICON", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    name = words.lexicon_path()
    assert name.startswith(str(tmp_path))
    assert os.path.basename(name).startswith("lexicon-")
    src = words._sources()
    assert all(os.path.isfile(s) for s in src)


def test_linting_english_needs_neither_wordfreq_nor_a_segmenter_once_the_lexicon_exists():
    code = (
        "import sys, lint\n"
        "lint.check_text('The minister said the first-quarter plan would help. Resort operato\\n', path='t.txt')\n"
        "print(sorted(m for m in ('wordfreq', 'jieba', 'rjieba', 'ftfy') if m in sys.modules))\n"
    )
    _fresh_process(code, {})  # builds the lexicon if this machine has none yet
    assert _fresh_process(code, {}) == "[]"


def test_the_lexicon_is_read_not_memory_mapped():
    # every page a mapping touches would count in the process's memory
    assert words._lexicon().execute("PRAGMA mmap_size").fetchone()[0] == 0
