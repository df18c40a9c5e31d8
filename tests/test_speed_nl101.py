"""NL101's k-gram index (numpy hashes joined by sorting) finds exactly what
an index keyed by the grams themselves finds.

The reference below is the plain-Python index the rule used before: a dict
from each gram (the string, not a hash) to its first indexed position, and
its latest indexed position so far. The properties compare the exact
stretches both find on random texts with planted repeats (at the very start
and end, overlapping, periodic, in Chinese, with characters beyond the BMP),
at every stride, across chunk boundaries, and under hashes that collide
(constant, or nearly so), where only the check against the text keeps
collisions from creating or moving stretches. Derandomized under the ``ci``
profile (tests/test_properties.py).
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
from unittest import mock

import pytest

hypothesis = pytest.importorskip("hypothesis")
np = pytest.importorskip("numpy")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

try:  # after the package move
    import plugins.checks.duplicate_paragraph as DP  # noqa: E402
except ImportError:
    import plugins.duplicate_paragraph as DP  # noqa: E402

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=False)
try:  # the profiles of tests/test_properties.py, when this module runs alone
    settings.get_profile("ci")
except hypothesis.errors.InvalidArgument:
    settings.register_profile("ci", max_examples=400, derandomize=True, database=None, **_COMMON)
    settings.register_profile("dev", max_examples=30, derandomize=True, database=None, **_COMMON)
    settings.register_profile("soak", max_examples=5000, derandomize=False, **_COMMON)
    settings.register_profile("long", max_examples=5000, derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("NEWSLINT_HYPOTHESIS_PROFILE", "ci"))
N = max(20, settings.default.max_examples // 2)


def test_the_default_profile_is_deterministic():
    if os.environ.get("NEWSLINT_HYPOTHESIS_PROFILE", "ci") == "ci":
        assert settings.default.derandomize and settings.default.database is None


# --- the reference ---------------------------------------------------------------


def reference_candidates(s: str, k: int, stride: int) -> list[tuple[int, int, int]]:
    """(position, first, latest) of each gram met before, through a dict keyed
    by the grams themselves."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    cands = []
    for q in range(max(0, len(s) - k + 1)):
        g = s[q : q + k]
        f = first.get(g)
        if f is None:
            if q % stride == 0:
                first[g] = q
        elif f < q:
            cands.append((q, f, last.get(g, f)))
            if q % stride == 0:
                last[g] = q
    return cands


def reference_stretches(s: str, k: int, stride: int) -> list[tuple[int, int, int]]:
    """The exact stretches, through a dict keyed by the grams themselves."""
    n = len(s)
    stretches = []
    prev_end = 0
    for i, j1, j2 in reference_candidates(s, k, stride):
        if i < prev_end:
            continue
        l1 = DP._common(s, j1, i, min(i - j1, n - i))
        best_j, best_l = j1, l1
        if l1 < 3 * k and j2 != j1:
            l2 = DP._common(s, j2, i, min(i - j2, n - i))
            if l2 > l1:
                best_j, best_l = j2, l2
        if best_l < k:
            continue
        a, c = i, best_j
        while a > prev_end and c > 0 and s[a - 1] == s[c - 1] and best_j + best_l <= a - 1:
            a -= 1
            c -= 1
        stretches.append((a, i + best_l, c))
        prev_end = i + best_l
    return stretches


def naive_hashes(s: str, k: int, start: int, stop: int) -> list[int]:
    out = []
    for q in range(start, stop):
        v = 0
        for ch in s[q : q + k]:
            v = (v * DP._HASH_BASE + ord(ch)) % (1 << 64)
        out.append(v)
    return out


def constant_hash(codes, k, start, stop):
    return np.zeros(stop - start, dtype=np.uint64)


_REAL_HASH = DP._gram_hashes


def weak_hash(codes, k, start, stop):
    """The real hash kept to two values: most different grams collide."""
    return _REAL_HASH(codes, k, start, stop) % np.uint64(2)


# --- texts -----------------------------------------------------------------------

ALPHABETS = [
    "ab",  # periodic runs, overlapping repeats
    "abcde",
    "the quick brown fox jumps over lazy dogs.,",
    "发展新质生产力既是命题也是改革，。",  # Chinese (UTF-16 code points)
    "éàüßøœ-",  # Latin-1 and beyond
    "a\U0001f600b\U00020000",  # beyond the BMP (UTF-32 code points)
]


@st.composite
def seeded(draw):
    """A longer text from a drawn seed (hypothesis keeps texts short): random
    characters and words, with pasted copies of its own stretches."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    alphabet = rng.choice(ALPHABETS)
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(1, 12))]
    text = "".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
    for _ in range(rng.randint(0, 5)):
        if not text:
            break
        a = rng.randrange(len(text))
        piece = text[a : a + rng.randint(0, 80)]
        if piece and rng.random() < 0.3:
            x = rng.randrange(len(piece))
            piece = piece[:x] + rng.choice(alphabet) + piece[x + 1 :]
        x = rng.choice([0, len(text), a + len(piece), rng.randint(0, len(text))])
        text = text[:x] + piece + text[x:]
    return text


@st.composite
def drawn(draw):
    """Random text with copies of its own slices pasted in (at the start, the
    end, overlapping the source, several times)."""
    alphabet = draw(st.sampled_from(ALPHABETS))
    text = draw(st.text(alphabet=alphabet, min_size=0, max_size=120))
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a, min(len(text), a + 60)))
        where = draw(st.sampled_from(["start", "end", "inside", "right-after"]))
        piece = text[a:b]
        if draw(st.booleans()) and piece:  # a near copy: one character changed
            x = draw(st.integers(0, len(piece) - 1))
            piece = piece[:x] + draw(st.sampled_from(alphabet)) + piece[x + 1 :]
        if where == "start":
            text = piece + text
        elif where == "end":
            text = text + piece
        elif where == "right-after":
            text = text[:b] + piece + text[b:]  # overlaps its own source
        else:
            x = draw(st.integers(0, len(text)))
            text = text[:x] + piece + text[x:]
    return text


def planted():
    return st.one_of(drawn(), seeded())


# --- properties ------------------------------------------------------------------


@settings(max_examples=N)
@given(planted(), st.integers(1, 12), st.integers(1, 5))
def test_index_finds_what_the_gram_dict_finds(text, k, stride):
    assert DP._stretches(text, k, stride, use_numpy=True) == reference_stretches(text, k, stride)


@settings(max_examples=N)
@given(planted(), st.integers(1, 10), st.integers(2, 5), st.integers(1, 9))
def test_strided_index_across_chunk_boundaries(text, k, stride, chunk):
    """The long-document path (binary searches, chunk by chunk), with tiny
    chunks so that a text crosses many of them at every alignment."""
    with mock.patch.object(DP, "_CHUNK", chunk):
        assert DP._stretches(text, k, stride, use_numpy=True) == reference_stretches(text, k, stride)


@settings(max_examples=N)
@given(planted(), st.integers(1, 10), st.integers(1, 4), st.sampled_from([constant_hash, weak_hash]))
def test_hash_collisions_never_change_the_stretches(text, k, stride, bad_hash):
    """Every gram hashing alike (or to one of two values): the candidates'
    occurrences are checked against the text, and the true ones are found."""
    with mock.patch.object(DP, "_gram_hashes", bad_hash), mock.patch.object(DP, "_CHUNK", 16):
        assert DP._stretches(text, k, stride, use_numpy=True) == reference_stretches(text, k, stride)


@settings(max_examples=N)
@given(planted(), st.integers(1, 17))
def test_gram_hashes_are_the_polynomial_hash(text, k):
    if len(text) < k:
        return
    codes = DP._code_points(text)
    assert len(codes) == len(text)
    limit = len(text) - k + 1
    assert DP._gram_hashes(codes, k, 0, limit).tolist() == naive_hashes(text, k, 0, limit)


# --- examples --------------------------------------------------------------------


@pytest.mark.parametrize("stride", [1, 2, 3, 16])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",  # shorter than k
        "a" * 40,  # one gram everywhere: each position overlaps the last
        "abcdefgh" * 6,
        "xyzw the same words again " * 3 + "tail",
        "repeat at the very start then other text and repeat at the very start",
        "中文的段落重复了一次。" * 4,
        "\U0001f600\U0001f601 emoji text \U0001f600\U0001f601 emoji text",
    ],
)
def test_examples(text, stride):
    for k in (1, 4, 8, 16):
        assert DP._stretches(text, k, stride, use_numpy=True) == reference_stretches(text, k, stride)
        with mock.patch.object(DP, "_gram_hashes", constant_hash):
            assert DP._stretches(text, k, stride, use_numpy=True) == reference_stretches(text, k, stride)


@settings(max_examples=N)
@given(planted(), st.integers(1, 12), st.integers(1, 5))
def test_the_dict_path_for_short_drafts_finds_the_same(text, k, stride):
    """Short drafts in a fresh process skip numpy's import: a dict of the grams."""
    assert DP._stretches(text, k, stride, use_numpy=False) == reference_stretches(text, k, stride)


@settings(max_examples=N)
@given(planted(), st.integers(1, 12), st.integers(1, 5), st.sampled_from([hash, lambda g: hash(g) & 3, lambda g: 0]))
def test_the_dict_path_keyed_by_hash_gives_the_candidates_of_the_grams(text, k, stride, key):
    """The dict path keys grams by their hash; under hashes that collide (two
    bits, or one value for every gram) its candidates are still exactly those
    of a dict of the grams."""
    got = DP._gram_dict_candidates(text, k, stride, key=key)
    assert list(zip(*got)) == reference_candidates(text, k, stride)


def test_which_path():
    with mock.patch.object(DP, "_indexed", 0):
        with mock.patch.object(DP, "_gram_dict_candidates", side_effect=AssertionError("dict path")):
            with pytest.raises(AssertionError, match="dict path"):
                DP._stretches("short draft text " * 4, 8, 1)  # one short draft: no numpy
            with pytest.raises(AssertionError, match="dict path"):
                # a long draft, first in its process: no numpy (it would stay loaded)
                DP._stretches("a long draft text " * (DP._NUMPY_AFTER_CHARS // 10), 8, 1)
            DP._stretches("a long document " * (DP._NUMPY_MIN_CHARS // 16 + 1), 8, 1)  # very long: numpy
            DP._stretches("short draft text " * 4, 8, 1)  # the process has indexed much: numpy


def test_a_planted_copy_is_found_with_its_source():
    text = "one paragraph of news about the council budget vote" + "then other words entirely" + "one paragraph of news about the council budget"
    (a, b, c), = DP._stretches(text, 8, 1, use_numpy=True)
    assert text[a:b] == "one paragraph of news about the council budget" and c == 0


def test_rule_findings_are_those_of_the_reference_index():
    """The whole rule, on news-like copy with pasted paragraphs, gives the same
    findings with the reference index, and on the long-document path too."""
    from lint.api import Context
    from lint.config import load_config
    from lint import Linter

    linter = Linter(load_config(no_config=True))
    settings_ = linter.config.rule_settings(linter.registry, None)["duplicate-paragraph"]
    paras = [
        "The council approved the budget on Tuesday after a long debate about roads.",
        "Opposition members walked out before the vote, saying the plan cut too much.",
        "The mayor said the money would go to schools, parks and the new bus depot.",
        "Residents who spoke at the meeting asked for more time to read the figures.",
        "市政府周二通过了预算方案，会议持续了很长时间，各方代表充分发表了意见。",
    ]
    text = "\n\n".join(paras[:4] + [paras[1], paras[2][:60] + "\n" + paras[2][60:], paras[3]] + paras[4:] + [paras[4]]) + "\n"

    def findings():
        doc = linter.read(text.encode(), "a.txt")
        rule = linter.registry.checks["duplicate-paragraph"](settings_.options, str(settings_.severity))
        ctx = Context(rule, doc)
        rule.check(doc, ctx)
        return [(f.start, f.end, f.message) for f in ctx.findings]

    for full in (DP._FULL_INDEX_CHARS, 50):  # 50: the strided path on this short text
        with mock.patch.object(DP, "_FULL_INDEX_CHARS", full), mock.patch.object(DP, "_NUMPY_MIN_CHARS", 0):
            ours = findings()
            with mock.patch.object(DP, "_stretches", reference_stretches):
                assert findings() == ours
        assert ours  # the pasted paragraphs are reported


def test_numpy_is_not_imported_at_start_up_nor_for_one_draft():
    code = (
        f"import sys, {DP.__name__} as DP; "
        "DP._stretches('The council met on Tuesday. The council met on Tuesday again.', 8, 1); "
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.stdout.strip() == "False", out.stderr


def test_a_run_announced_as_long_indexes_with_numpy_from_its_first_document():
    """Linter.prepare_run: a batch that surely holds _NUMPY_AFTER_CHARS characters
    (four bytes a character at most) skips the dict path from the start; a
    smaller one leaves the choice to the documents."""
    with mock.patch.object(DP, "_indexed", 0):
        with mock.patch.object(DP, "_gram_dict_candidates", side_effect=AssertionError("dict path")):
            DP.DuplicateParagraph.prepare_run(4 * DP._NUMPY_AFTER_CHARS)  # not more than the threshold for sure
            with pytest.raises(AssertionError, match="dict path"):
                DP._stretches("short draft text " * 4, 8, 1)
            DP.DuplicateParagraph.prepare_run(4 * DP._NUMPY_AFTER_CHARS + 4)
            assert "numpy" in sys.modules
            DP._stretches("short draft text " * 4, 8, 1)  # numpy from the first document
