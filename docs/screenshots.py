"""Remake docs/report.png and docs/serve.png from the sample page.

    python docs/screenshots.py      # needs chromium, chromium-driver, the web extra
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "examples/zh-newspaper-page.txt"


def driver(profile: str, width=1400, height=900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--hide-scrollbars", f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="newslint-shots-"))
    html = subprocess.run([sys.executable, "-m", "lint.cli", "check", "--format", "html", "--no-cache", "--no-config", SAMPLE],
                          cwd=ROOT, capture_output=True).stdout
    (tmp / "report.html").write_bytes(html)
    d = driver(str(tmp / "p1"))
    try:
        d.get((tmp / "report.html").as_uri())
        # the summary, then the first marked paragraphs of the page
        d.save_screenshot(str(ROOT / "docs" / "report.png"))
        d.execute_script("document.getElementById('f0-2').scrollIntoView({block: 'start'}); window.scrollBy(0, -60);")
        time.sleep(0.3)
        d.save_screenshot(str(ROOT / "docs" / "report-text.png"))
    finally:
        d.quit()

    drafts = tmp / "examples"
    shutil.copytree(ROOT / "examples", drafts)
    import os

    proc = subprocess.Popen([sys.executable, "-m", "lint.cli", "serve", "examples", "--port", "0", "--no-config"],
                            cwd=tmp, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        url = re.search(r"http://\S+/", proc.stdout.readline()).group(0)
        d = driver(str(tmp / "p2"))
        try:
            d.get(url + "?file=zh-newspaper-page.txt")
            for _ in range(100):
                if d.execute_script("return document.querySelectorAll('#findings .finding').length"):
                    break
                time.sleep(0.1)
            key = d.execute_script("return Array.from(document.querySelectorAll('#findings .finding')).find(li => / NL101/.test(li.textContent)).getAttribute('data-key')")
            d.execute_script(f"document.querySelector('#findings li[data-key=\"{key}\"] .msg').click()")
            d.execute_script(f"document.querySelector('#findings li[data-key=\"{key}\"]').scrollIntoView({{block: 'start'}})")
            time.sleep(1.5)
            d.save_screenshot(str(ROOT / "docs" / "serve.png"))
        finally:
            d.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
