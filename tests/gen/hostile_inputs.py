"""Deterministic hostile and huge inputs, shared by tests/test_hostile.py and
bench/hostile.py."""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def news_bytes(size: int, seed: int = 1) -> bytes:
    """~``size`` bytes of Chinese and English news paragraphs, some repeated or cut."""
    rnd = random.Random(seed)
    page = (ROOT / "examples" / "zh-newspaper-page.txt").read_text(encoding="utf-8")
    paras = [p for p in page.split("\n") if p.strip()]
    words = ("the council voted on a new budget for schools and hospitals after long debate over "
             "taxes said minister government police reported city people year percent officials").split()
    out, n, i = [], 0, 0
    while n < size:
        if i % 2:
            p = rnd.choice(paras)
            p = p[: rnd.randint(len(p) // 2, len(p))] + f"（{i}）。"
        else:
            p = " ".join(rnd.choice(words) for _ in range(rnd.randint(20, 60))).capitalize() + f" {i}."
        b = (p + "\n\n").encode("utf-8")
        out.append(b)
        n += len(b)
        i += 1
    return b"".join(out)
