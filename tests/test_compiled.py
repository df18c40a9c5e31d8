"""lint.lang.compiled: patterns kept between processes match exactly as freshly
compiled ones do, and a missing or damaged cache only costs time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import regex

from lint.lang import compiled, words

from conftest import ROOT

TEXTS = [
    (ROOT / "examples" / "en-draft.txt").read_text(encoding="utf-8"),
    (ROOT / "examples" / "zh-newspaper-page.txt").read_text(encoding="utf-8"),
    "Photo: Jane Doe/Reuters\n（记者 张三 李四）\n<p>Read more &gt;&gt;</p>\r\nEND\n",
]

# Lint every example in a new process with an empty cache folder, then list
# what the process left in the cache.
_LINT_AND_LIST = """
import json, marshal, sys
from lint.cli import main
main(["check", "--no-cache", "--no-config", *sys.argv[1:]])
from lint.lang import compiled
compiled._save()
with open(compiled.cache_path(), "rb") as fh:
    entries = marshal.loads(fh.read()[4:])  # after the checksum
print(json.dumps([[k[0], k[1] if isinstance(k[1], str) else k[1].decode("latin-1"), isinstance(k[1], bytes), k[2]]
                  for k in entries]))
"""


def _env(tmp_path) -> dict:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NEWSLINT_LEXICON": words.lexicon_path()}


def _run(code: str, tmp_path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=str(ROOT), env=_env(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_every_cached_pattern_matches_as_a_fresh_compile(tmp_path, monkeypatch):
    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.is_file())
    keys = json.loads(_run(_LINT_AND_LIST, tmp_path, *examples).splitlines()[-1])
    engines = {k[0] for k in keys}
    assert engines == {"re", "regex"} and len(keys) > 100  # the patterns of a whole lint run
    # this process reads the file the other one wrote
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(compiled, "_entries", None)
    monkeypatch.setattr(compiled, "_added", 0)
    for engine, pattern, is_bytes, flags in keys:
        if is_bytes:
            pattern = pattern.encode("latin-1")
        cached = (compiled.compile_re if engine == "re" else compiled.compile_regex)(pattern, flags)
        fresh = (re if engine == "re" else regex).compile(pattern, flags)
        assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )
        for text in TEXTS:
            subject = text.encode("utf-8") if is_bytes else text
            assert [m.span() for m in cached.finditer(subject)] == [m.span() for m in fresh.finditer(subject)]
    assert compiled._added == 0  # every one came from the file


def test_a_second_process_compiles_nothing_and_a_damaged_cache_is_ignored(tmp_path):
    code = (
        "import sys\n"
        "from lint.cli import main\n"
        "code = main(['check', '--no-cache', '--no-config', 'examples/en-draft.txt'])\n"
        "from lint.lang import compiled\n"
        "print(code, compiled._added)\n"
    )
    first = _run(code, tmp_path).splitlines()[-1].split()
    second = _run(code, tmp_path).splitlines()[-1].split()
    assert first[0] == second[0] == "1"
    assert int(first[1]) > 50 and second[1] == "0"
    (path,) = (tmp_path / "cache" / "newslint").glob("patterns-*.marshal")
    good = path.read_bytes()
    path.write_bytes(b"\x00not marshal")
    third = _run(code, tmp_path).splitlines()[-1].split()
    assert third == first  # compiled afresh, same result, and written again
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01  # one bit of engine code: still valid marshal, caught by the checksum
    path.write_bytes(bytes(flipped))
    assert _run(code, tmp_path).splitlines()[-1].split() == first


def test_regex_compiles_as_before_once_hooked_and_named_lists_are_not_kept(monkeypatch):
    compiled._hook_regex()
    p = regex.compile(r"\b\L<names>\b", names=["Ada", "Grace"])  # not through newslint: passes straight through
    assert [m.group() for m in p.finditer("Ada met Grace and Alan")] == ["Ada", "Grace"]
    assert compiled._capture.args is None  # nothing kept from a compile that is not newslint's
    monkeypatch.setattr(compiled, "_entries", {})
    monkeypatch.setattr(compiled, "_added", 0)
    monkeypatch.setattr(compiled, "_save", lambda: None)
    q = compiled.compile_regex(r"\p{Han}{2}|\bAda\b", regex.I)
    assert [m.group() for m in q.finditer("ada 中文字")] == ["ada", "中文"]
    assert list(compiled._entries) == [("regex", r"\p{Han}{2}|\bAda\b", int(regex.I))]


def test_the_user_cache_keeps_the_newest_few_files_of_a_kind(tmp_path):
    from lint.usercache import prune

    for i in range(6):
        f = tmp_path / f"patterns-{i}.marshal"
        f.write_bytes(b"x")
        os.utime(f, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "lexicon-0.sqlite3").write_bytes(b"x")
    prune(str(tmp_path), "patterns-", ".marshal", keep=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lexicon-0.sqlite3",
        "patterns-2.marshal",
        "patterns-3.marshal",
        "patterns-4.marshal",
        "patterns-5.marshal",
    ]
    prune(str(tmp_path / "missing"), "patterns-", ".marshal", keep=1)  # no folder: nothing to do


def test_cached_values_round_trip_and_damage_reads_as_nothing(tmp_path):
    # the user cache's files (entry points, parsed defaults, compiled patterns)
    # are checksummed marshal: a damaged or foreign file is read as nothing
    from lint.usercache import read_cached, write_cached

    path = str(tmp_path / "sub" / "v.marshal")
    assert read_cached(path) is None  # missing
    value = {"signature": "py 3.11\nsite-packages\nx.dist-info=1:2", "entry_points": [("a", "m:b")], "n": 1.5}
    write_cached(path, value)
    assert read_cached(path) == value
    data = bytearray(open(path, "rb").read())
    data[-1] ^= 0x01
    open(path, "wb").write(bytes(data))
    assert read_cached(path) is None  # one flipped bit
    open(path, "wb").write(b"\x00\x01")
    assert read_cached(path) is None  # too short
    open(path, "w").write('{"signature": "json from an older newslint"}')
    assert read_cached(path) is None
