"""Take the docs' screenshots of the feedback coach in a real browser: `make screenshots`.

Starts the UI (`streamlit run ui/app.py`) on a free loopback port with the configured model (the embedded one by
default), then drives Debian's Chromium through Playwright, the way a lead would: type the flagship note, answer
the questions, wait for the rewrite. Writes docs/img/feedback-questions.png and docs/img/feedback-result.png.

Needs the `browser` extra (Playwright from PyPI) and /usr/bin/chromium from Debian's packages; Playwright's own
browser download is never used. The model answers in about 15-40 s on two cores.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM_FLAGS = [  # no background traffic: the machine may have no network at all
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
NOTE = "Tom is lazy, his PRs are always late"
ANSWERS = (
    "Last Tuesday, in the sprint review",
    "He opened the PR for the payout retries two days after the review and did not reply to the comments",
    "Aisha could not start the reconciliation work, so we moved it to the next sprint",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the UI did not start at {url} within {timeout:.0f} s")


def _start_ui(port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def shoot(chromium: str, timeout_s: float) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    ui = _start_ui(port)
    shots = [OUT / "feedback-questions.png", OUT / "feedback-result.png"]
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1500})
            page.goto(f"http://127.0.0.1:{port}/feedback", wait_until="networkidle")
            page.get_by_label("What do you want to tell them?", exact=False).fill(NOTE)
            page.get_by_label("Their name").fill("Tom")
            page.get_by_label("Their role").fill("engineer")
            page.get_by_role("button", name="Rewrite as SBI").click()
            first = page.get_by_role("textbox", name="When and where did this happen?")
            first.wait_for(timeout=timeout_s * 1000)
            for box, answer in zip(page.locator("[data-testid='stTextInput'] input").all(), ANSWERS, strict=False):
                box.fill(answer)
            page.screenshot(path=str(shots[0]), full_page=True)
            page.get_by_role("button", name="Continue").click()
            page.get_by_text("Ready to say").wait_for(timeout=timeout_s * 1000)
            page.wait_for_timeout(500)  # let the last elements settle before the picture
            page.screenshot(path=str(shots[1]), full_page=True)
            browser.close()
    finally:
        ui.terminate()
        ui.wait(timeout=20)
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser binary (Debian's chromium)")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds to wait for each model step")
    args = parser.parse_args()
    if not Path(args.chromium).is_file():
        raise SystemExit(f"no browser at {args.chromium}: install Debian's package (apt-get install chromium)")
    for path in shoot(args.chromium, args.timeout):
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
