"""Every page of the app in a real browser: the UI runs on localhost with the fake model, Debian's Chromium (driven by
Playwright, never a browser download) clicks through each page the way a lead would, checks what is shown, and saves
the screenshots in docs/screenshots/ that the README shows.

The fake model replays recorded replies. They are recorded here, before each page is driven: the same request runs
in-process against a scripted model (one reply per prompt id), and every prompt it sent is written as a fixture. The
browser's run must then send exactly the same prompts, or the page shows the fake model's miss and the test fails.
`make test` runs this file (`-m browser`); without Chromium it is skipped with the reason."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.examples import examples
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from tests.conftest import FakeLLM

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path(os.environ.get("COACH_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
WAIT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 1000}

# One reply per prompt id, valid for its schema: what the scripted model answers while the fixtures are recorded.
REPLIES = {
    "chat/answer": json.dumps(
        {
            "steps": [
                "Describe one review where it happened and what it did to the room, then ask how they saw it.",
                "Agree one change for the next review, such as letting each person finish before replying.",
                "Follow up after that review with what you noticed.",
            ]
        }
    ),
    "sbi/request": json.dumps(
        {
            "impact": "",
            "request": "Tell me by mid-sprint when a ticket will slip, so we can re-plan together.",
            "question": "What has been getting in the way?",
        }
    ),
    "rehearse/counterpart": json.dumps({"says": "Staging was down for two days. I told the channel, not you."}),
    "rehearse/debrief": json.dumps({"summary": "You opened with the purpose and asked before judging."}),
    "rehearse/turn_move": json.dumps({"move": "open_question"}),
    "status/draft": json.dumps(
        {
            "tldr": "Instant payouts are amber: the bank's sandbox is down. Ledger partitioning is done.",
            "streams": [
                {"name": "Payouts", "note": "bank certification slipped, sandbox down since 2026-11-26"},
                {"name": "Ledger", "note": "partitioning by month merged, old partitions archived"},
                {"name": "Fraud scorer", "note": "scoring is fast again after the cache fix"},
            ],
            "risks": [{"stream": "Payouts", "impact": "the certification date moves", "mitigation": "", "owner": ""}],
            "asks": [{"what": "decide whether we launch EU-only first", "who": "Dana", "by": "2026-12-08"}],
            "done": ["ledger partitioning merged"],
        }
    ),
    "adr/draft": json.dumps(
        {
            "context": "The fraud scorer call is on the payout path and adds about 40 ms at p50. Repeat payouts to the "
            "same merchant within a day get the same score almost every time.",
            "options": [
                {
                    "name": "Cache scores in Redis for 24 hours",
                    "good": "cuts latency and scorer load",
                    "bad": "a score can be a day stale",
                },
                {"name": "Keep calling the scorer every time", "good": "always fresh", "bad": "adds 40 ms"},
            ],
            "decision": "We will cache fraud scores in Redis for 24 hours, with a kill switch.",
            "good": ["lower payout latency"],
            "bad": ["a score can be a day stale"],
            "open_questions": [],
        }
    ),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(env: dict[str, str], port: int, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", *extra]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise AssertionError(f"the UI did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install chromium` (make test tries it)")
    pytest.importorskip("playwright", reason="the browser extra is not installed: pip install -e '.[browser]'")
    from playwright.sync_api import sync_playwright

    base = tmp_path_factory.mktemp("browser")
    adr_log = base / "adr"
    shutil.copytree(ROOT / "knowledge" / "adr", adr_log)
    env = {key: value for key, value in os.environ.items() if not key.startswith("COACH_")}
    env |= {"COACH_MODEL": "fake/coach", "COACH_FAKE_FIXTURES": str(base / "fixtures"),
            "COACH_DATA_DIR": str(base / "data"), "COACH_EMBEDDER": "hash", "COACH_CONFIG": str(base / "coach.toml"),
            "COACH_KNOWLEDGE_DIR": str(ROOT / "knowledge"), "COACH_ADR__DIR": str(adr_log),
            "HF_HUB_OFFLINE": "1", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}  # fmt: skip
    port = _free_port()
    server = _start(env, port)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            yield {"url": f"http://127.0.0.1:{port}", "env": env, "browser": browser, "port": port}
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def page(app: dict[str, Any], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser session, with this process's environment set as the server's (for recording fixtures)."""
    for key, value in app["env"].items():
        monkeypatch.setenv(key, value)
    tab = app["browser"].new_page(viewport=VIEWPORT)
    tab.set_default_timeout(WAIT_MS)
    yield tab
    if folder := os.environ.get("BROWSER_SHOTS_ON_EXIT"):  # where to keep the last picture of each test
        tab.screenshot(path=str(Path(folder) / f"{request.node.name}.png"), full_page=True)
    tab.close()


def record(run: Callable[[CoachService], None]) -> None:
    """Run a request in-process against the scripted model and keep every prompt it sent as a fixture."""
    llm = ScriptedLLM(lambda prompt: REPLIES[prompt.id])
    run(CoachService(load_settings(), llm=llm, checkpointer="memory"))
    fake = FakeLLM(Path(os.environ["COACH_FAKE_FIXTURES"]))
    for call in llm.calls:
        fake.add([{"role": m.role, "content": m.content} for m in call.messages], call.reply)


def ingest_sample() -> None:
    CoachService(load_settings(), checkpointer="memory").knowledge().ingest()


def goto(tab: Any, url: str) -> None:
    tab.goto(url, wait_until="domcontentloaded")
    tab.locator("[data-testid='stApp']").wait_for()
    tab.get_by_text("Tech Lead Coach").first.wait_for()  # the sidebar is drawn: the page script ran


def shoot(tab: Any, name: str) -> None:
    tab.wait_for_timeout(600)  # let the last elements settle before the picture
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_error(tab: Any) -> None:
    assert tab.locator("[data-testid='stException']").count() == 0, tab.locator(
        "[data-testid='stException']"
    ).first.inner_text()
    errors = tab.locator("[data-testid='stAlertContentError']")
    assert errors.count() == 0, errors.first.inner_text()


def unlabelled_inputs(tab: Any) -> list[str]:
    """Inputs a screen reader could not name: no <label>, aria-label or aria-labelledby."""
    found: list[str] = tab.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
        .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                     && !e.getAttribute('aria-labelledby'))
        .map(e => e.outerHTML.slice(0, 120))""")
    return found


def test_home_opens_on_what_the_coach_does_with_a_card_per_skill(page: Any, app: dict[str, Any]) -> None:
    ingest_sample()
    goto(page, app["url"])
    page.get_by_text("A coach for the conversations and documents").wait_for()
    for title in ("Coach chat", "Feedback coach", "Rehearse a 1:1", "Status update", "Decision record"):
        page.get_by_role("button", name=f"Try {title}").wait_for()
    assert page.get_by_text("fake/coach").first.is_visible()
    assert page.get_by_text("passages indexed").first.is_visible()
    assert unlabelled_inputs(page) == []
    no_error(page)
    shoot(page, "home")


def test_chat_answers_a_one_click_example_with_steps_and_sources(page: Any, app: dict[str, Any]) -> None:
    question = examples().chat.fields["message"]
    record(lambda svc: (last(svc.run("chat", {"message": question})), None)[1])
    goto(page, app["url"] + "/chat")
    page.get_by_role("button", name=question).click()
    page.get_by_text("Agree one change for the next review").wait_for()
    page.get_by_text("Sources (").first.wait_for()
    assert unlabelled_inputs(page) == []
    no_error(page)
    shoot(page, "chat")
    page.get_by_text("Sources (").first.click()
    page.get_by_text("handbook/").first.wait_for()
    assert page.locator("[data-testid='stExpander'] h1").count() == 0  # passages are plain text, not headings
    # Keyboard only: focus the chat box and send with Enter; the page answers (a replay miss shows as an error).
    record(lambda svc: None)
    page.get_by_placeholder("Ask the coach…").focus()
    page.keyboard.type("thanks")
    page.keyboard.press("Enter")
    page.get_by_text("thanks", exact=True).wait_for()


FACTS = {"when and where": "In Monday's sprint planning", "what exactly": "Two tickets you committed to slipped a week",
         "what did it cause": "Aisha waited three days for the payouts API"}  # fmt: skip


def fact_for(question: str) -> str:
    """The lead's answer to a question of the feedback coach, by what it asks (the same in and out of the browser)."""
    return next((answer for start, answer in FACTS.items() if start in question.lower()), "")


def test_feedback_from_the_home_card_asks_for_facts_then_rewrites(page: Any, app: dict[str, Any]) -> None:
    fields = examples().feedback.fields
    request = {"raw": fields["raw"], "recipient": {"name": fields["name"], "role": fields["role"]},
               "relationship": "report", "polarity": None, "known_facts": [], "ask": "", "setting": ""}  # fmt: skip

    def run(svc: CoachService) -> None:
        first = last(svc.run("sbi", request))
        svc.converse(first, lambda event: {q.id: fact_for(q.text) for q in event.questions})

    record(run)
    goto(page, app["url"])
    page.get_by_role("button", name="Try Feedback coach").click()
    page.get_by_text("won't invent").wait_for()
    page.locator("[data-testid='stForm'] [data-testid='stTextInput'] input").nth(2).wait_for()
    boxes = page.locator("[data-testid='stForm'] [data-testid='stTextInput'] input").all()
    assert len(boxes) == 3
    for box in boxes:
        box.fill(fact_for(box.get_attribute("aria-label") or ""))
    assert unlabelled_inputs(page) == []
    shoot(page, "feedback-questions")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Ready to say").wait_for()
    assert page.get_by_text("Tell me by mid-sprint when a ticket will slip").first.is_visible()
    no_error(page)
    shoot(page, "feedback-result")


LEAD_LINE = "Hi Tomás, thanks for making time. I'd like to talk about the last two sprints. How have they felt for you?"


def test_a_rehearsal_runs_from_the_prep_sheet_to_the_scored_debrief(page: Any, app: dict[str, Any]) -> None:
    def run(svc: CoachService) -> None:
        started = last(svc.run("rehearse", {"scenario": "missed-deadlines", "persona": None}))
        last(svc.resume(started.thread_id, {"turn": LEAD_LINE}))
        last(svc.resume(started.thread_id, {"end": "ui"}))

    record(run)
    goto(page, app["url"])
    page.get_by_role("button", name="Try Rehearse a 1:1").click()
    page.get_by_text("Goal.").first.wait_for()
    page.get_by_text("Tomás Herrera").first.wait_for()
    assert unlabelled_inputs(page) == []
    shoot(page, "rehearse-prep")
    page.get_by_role("button", name="Start rehearsal").click()
    box = page.get_by_placeholder("Your line to Tomás…")
    box.fill(LEAD_LINE)
    box.press("Enter")
    page.get_by_text("Staging was down for two days").wait_for()
    page.get_by_role("button", name="End and get the debrief").click()
    page.get_by_text("Trust and stress over your lines").wait_for()
    assert page.get_by_text("How have they felt for you?").count() >= 2  # the line, and the debrief quoting it
    no_error(page)
    shoot(page, "rehearse-debrief")


def test_a_status_update_from_the_home_card_leaves_the_private_line_out(page: Any, app: dict[str, Any]) -> None:
    fields = examples().status.fields
    request = {"notes": fields["notes"], "audience": fields["audience"], "period": None, "ask": True}

    def run(svc: CoachService) -> None:
        svc.converse(last(svc.run("status", request)), lambda event: {q.id: "" for q in event.questions})

    record(run)
    goto(page, app["url"])
    page.get_by_role("button", name="Try Status update").click()
    page.get_by_role("button", name="Finish the update").click()
    page.get_by_role("tab", name="Copy").wait_for()
    page.get_by_text("Left out").first.wait_for()
    preview = page.locator("[data-testid='stTabs']").first.inner_text()
    assert "leave" not in preview and "Dana" in preview
    page.get_by_role("button", name="Download").wait_for()
    no_error(page)
    shoot(page, "status")


def test_a_decision_record_is_drafted_from_the_example_with_its_number(page: Any, app: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    fields = examples().adr.fields
    request = {"title": fields["title"], "notes": fields["notes"], "template": None, "status": None}
    record(lambda svc: (last(svc.run("adr", request)), None)[1])
    goto(page, app["url"] + "/adr")
    page.get_by_role("button", name="Fill in an example").click()
    expect(page.get_by_role("textbox", name="The decision, as a title")).to_have_value(fields["title"])
    page.get_by_role("button", name="Draft the record").click()
    page.get_by_text("13. Cache fraud scores for repeat payouts").first.wait_for()
    page.get_by_text("Record 0013").wait_for()
    assert page.get_by_role("button", name="Write 0013-cache-fraud-scores-for-repeat-payouts.md", exact=False).count()
    no_error(page)
    shoot(page, "adr")


def test_the_knowledge_page_adds_a_file_and_finds_it(page: Any, app: dict[str, Any], tmp_path: Path) -> None:
    note = tmp_path / "pairing-norms.md"
    note.write_text("# Pairing norms\n\nWe pair on every payout change and swap the keyboard every 25 minutes.\n",
                    encoding="utf-8")  # fmt: skip
    goto(page, app["url"] + "/knowledge")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(note))
    page.get_by_text("pairing-norms.md").first.wait_for()
    page.get_by_role("button", name="Add and index").click()
    page.get_by_text("Indexed").first.wait_for()
    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Search your documents").fill("swap the keyboard when pairing")
    page.get_by_label("Search your documents").press("Enter")
    page.get_by_text(
        "handbook/pairing-norms.md#Pairing norms"
    ).first.wait_for()  # uploads are handbook pages unless told
    assert unlabelled_inputs(page) == []
    no_error(page)
    shoot(page, "knowledge")


def test_the_evals_page_shows_the_runs_and_failing_cases(page: Any, app: dict[str, Any]) -> None:
    from tests.ui.test_workspace_pages import _report

    reports = Path(os.environ["COACH_DATA_DIR"]) / "eval-reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "status-replay-1.json").write_text(_report("2026-12-01T10:00:00+00:00", 2), encoding="utf-8")
    (reports / "status-replay-2.json").write_text(_report("2026-12-02T10:00:00+00:00", 1), encoding="utf-8")
    goto(page, app["url"] + "/evals")
    page.get_by_text("Latest run per skill").wait_for()
    page.get_by_text("h01-held-out-case (held-out)").wait_for()
    no_error(page)
    shoot(page, "evals")


def test_the_settings_page_shows_the_model_and_the_doctor(page: Any, app: dict[str, Any]) -> None:
    goto(page, app["url"] + "/settings")
    page.get_by_text("Doctor").wait_for()
    page.get_by_text("Network").first.wait_for()
    box = page.get_by_role("textbox", name="litellm model name")
    for _ in range(50):  # the box is drawn before its value arrives (seen once under load)
        if box.input_value():
            break
        page.wait_for_timeout(200)
    assert box.input_value() == "fake/coach"
    assert unlabelled_inputs(page) == []
    no_error(page)
    shoot(page, "settings")


def _contrast(tab: Any) -> float:
    """The contrast ratio of the page's body text on its background (WCAG's formula)."""
    ratio: float = tab.evaluate("""() => {
        const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const text = document.querySelector('[data-testid="stMarkdownContainer"] p');
        let bg = getComputedStyle(document.querySelector('[data-testid="stMain"]')).backgroundColor;
        if (bg === 'rgba(0, 0, 0, 0)') bg = getComputedStyle(document.querySelector('.stApp')).backgroundColor;
        const [a, b] = [lum(rgb(getComputedStyle(text).color)), lum(rgb(bg))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    return ratio


def test_text_is_readable_in_the_light_and_the_dark_theme(page: Any, app: dict[str, Any]) -> None:
    goto(page, app["url"])
    page.get_by_text("A coach for the conversations and documents").wait_for()
    assert _contrast(page) >= 4.5
    port = _free_port()
    dark = _start(app["env"], port, "--theme.base", "dark")
    try:
        goto(page, f"http://127.0.0.1:{port}")
        page.get_by_text("A coach for the conversations and documents").wait_for()
        assert _contrast(page) >= 4.5
        shoot(page, "home-dark")
    finally:
        dark.terminate()
        dark.wait(timeout=20)
