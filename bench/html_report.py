"""Time the HTML report of a 1 MB draft: lint + render (the CLI end to end),
the render alone, and (when Chromium is installed) the browser's load.

    python bench/html_report.py [--size 1000000]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# our own sentences: an English and a Chinese paragraph, a line broken inside a
# sentence, and every tenth paragraph repeated, so the draft has findings
EN = "The harbour board met on Monday to set the ferry timetable for the summer, and said the older boats would be kept in service for one more year."
ZH = "市议会周二投票批准在河上新建一座大桥，结束了长达十年的争论。工程预计明年春季开工，两年内完工，大桥将设两条车道和一条人行道。"
BROKEN = "Residents on both banks welcomed the decision, though some raised\nconcerns about noise during the construction of the new crossing."


def make_draft(size: int) -> str:
    parts, n, i = [], 0, 0
    while n < size:
        p = (EN, ZH, BROKEN)[i % 3] + f" ({i})"
        if i % 10 == 9:
            p = parts[-5]  # a repeated paragraph
        parts.append(p)
        n += len(p.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newslint-html-bench-"))
    draft = tmp / "big.txt"
    draft.write_text(make_draft(args.size), encoding="utf-8")
    size = draft.stat().st_size

    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", "--format", "html", "--no-cache", "--no-config", str(draft)],
        capture_output=True, cwd=ROOT,
    )
    cli = time.perf_counter() - t
    report = tmp / "report.html"
    report.write_bytes(proc.stdout)

    sys.path.insert(0, str(ROOT))
    from lint.run.engine import Linter
    from lint.run.runner import lint_paths
    from lint.web.report import render_report

    linter = Linter()
    t = time.perf_counter()
    rep = lint_paths(linter, [str(draft)])
    lint_s = time.perf_counter() - t
    t = time.perf_counter()
    render_report(rep)
    render_s = time.perf_counter() - t
    print(f"draft: {size:,} bytes, {len(rep.findings):,} findings; report: {report.stat().st_size:,} bytes")
    print(f"newslint check --format html (end to end): {cli:.2f} s")
    print(f"  lint alone: {lint_s:.2f} s; render alone: {render_s:.2f} s")

    if os.access("/usr/bin/chromium", os.X_OK) and os.access("/usr/bin/chromedriver", os.X_OK):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  f"--user-data-dir={tmp / 'profile'}"):
            opts.add_argument(a)
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            t = time.perf_counter()
            d.get(report.as_uri())
            n = d.execute_script("return document.querySelectorAll('[data-f]').length")
            d.execute_script("return document.body.getBoundingClientRect().height")  # forces layout
            print(f"browser load + layout (headless Chromium): {time.perf_counter() - t:.2f} s ({n:,} highlight segments)")
        finally:
            d.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
