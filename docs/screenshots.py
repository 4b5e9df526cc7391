"""Take the docs' screenshots on the real model in a real browser: `make screenshots`.

Starts the UI (`streamlit run ui/app.py`) on a free loopback port with the configured model (the embedded one by
default), then drives Debian's Chromium through Playwright, the way a lead would. Feedback: type the flagship note,
answer the questions, wait for the rewrite (docs/img/feedback-questions.png, docs/img/feedback-result.png).
Rehearsal: read the prep sheet, start, say two lines, end it and read the scorecard (docs/img/rehearse-prep.png,
docs/img/rehearse-debrief.png). Home cards: the chat, status update and decision record examples, one click each, run
on the model (docs/img/home-chat.png, docs/img/home-status.png, docs/img/home-adr.png). `--only NAME` takes one set.
The decision record is drafted into a copy of the sample log, never written into knowledge/adr.

Needs the `browser` extra (Playwright from PyPI) and /usr/bin/chromium from Debian's packages; Playwright's own
browser download is never used. The model answers in about 15-40 s on two cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

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


def _start_ui(port: int, adr_log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    env = os.environ | {"COACH_ADR__DIR": str(adr_log)}  # drafts number on from a copy of the sample log
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


REHEARSAL = (
    "Hi Tomás, thanks for making time. I wanted to talk about the last two sprints. How have they felt for you?",
    "That sounds like a rough couple of weeks. What got in the way on the fallback alert?",
)


def _feedback(page: Any, base: str, timeout_s: float) -> list[Path]:
    shots = [OUT / "feedback-questions.png", OUT / "feedback-result.png"]
    page.goto(f"{base}/feedback", wait_until="networkidle")
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
    return shots


def _rehearsal(page: Any, base: str, timeout_s: float) -> list[Path]:
    shots = [OUT / "rehearse-prep.png", OUT / "rehearse-debrief.png"]
    page.goto(f"{base}/rehearse", wait_until="networkidle")
    page.get_by_role("button", name="Start rehearsal").wait_for(timeout=30_000)
    # The scenario of the lines below: the picker opens on the easiest one.
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Two missed sprint commitments", exact=False).click()
    page.get_by_text("Tomás Herrera").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # let the sidebar widgets settle before the picture
    page.screenshot(path=str(shots[0]), full_page=True)
    page.get_by_role("button", name="Start rehearsal").click()
    box = page.get_by_placeholder("Your line to Tomás…")
    for number, line in enumerate(REHEARSAL, 1):
        box.wait_for(timeout=timeout_s * 1000)
        box.fill(line)
        box.press("Enter")
        # The greeting, then one reply per line: wait for this line's reply before the next line.
        page.locator("[data-testid='stChatMessage']").nth(2 * number).wait_for(timeout=timeout_s * 1000)
    page.get_by_role("button", name="End and get the debrief").click()
    page.get_by_text("Trust and stress over your lines").wait_for(timeout=timeout_s * 1000)
    page.wait_for_timeout(1000)  # the chart draws after the text
    page.screenshot(path=str(shots[1]), full_page=True)
    return shots


def _card(skill: str, title: str, done: str) -> Any:
    """A Home card's one-click example, on the model: click, wait for ``done``, take the picture."""

    def take(page: Any, base: str, timeout_s: float) -> list[Path]:
        shot = OUT / f"home-{skill}.png"
        page.goto(base, wait_until="networkidle")
        page.get_by_role("button", name=f"Try {title}").click()
        if skill == "status":
            page.get_by_role("button", name="Finish the update").click(timeout=timeout_s * 1000)
        page.get_by_text(done).first.wait_for(timeout=timeout_s * 1000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(shot), full_page=True)
        return [shot]

    return take


SETS = {
    "feedback": _feedback,
    "rehearse": _rehearsal,
    "chat": _card("chat", "Coach chat", "Sources ("),
    "status": _card("status", "Status update", "Left out"),
    "adr": _card("adr", "Decision record", "Record 00"),
}


def shoot(chromium: str, timeout_s: float, only: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    adr_log = Path(tempfile.mkdtemp()) / "adr"
    shutil.copytree(ROOT / "knowledge" / "adr", adr_log)
    ui = _start_ui(port, adr_log)
    shots: list[Path] = []
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for name, take in SETS.items():
                if only in (None, name):
                    page = browser.new_page(viewport={"width": 1400, "height": 1500})
                    shots += take(page, f"http://127.0.0.1:{port}", timeout_s)
                    page.close()
            browser.close()
    finally:
        ui.terminate()
        ui.wait(timeout=20)
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser binary (Debian's chromium)")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds to wait for each model step")
    parser.add_argument("--only", choices=sorted(SETS), help="take one set of screenshots")
    args = parser.parse_args()
    if not Path(args.chromium).is_file():
        raise SystemExit(f"no browser at {args.chromium}: install Debian's package (apt-get install chromium)")
    for path in shoot(args.chromium, args.timeout, args.only):
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
