"""Tone rules, table-driven: each row is a text, the rule under test, and whether it should fire.

Rows include the hard negatives that motivated each rule's guard (things, processes, the writer, quotes)."""

from __future__ import annotations

import pytest

from assistant.checks import run_checks
from assistant.checks.base import Audience

CASES: list[tuple[str, str, bool]] = [
    # labels: about a person, not a thing
    ("tone.label", "Priya is careless with rollbacks.", True),
    ("tone.label", "You're being so difficult about the estimate.", True),
    ("tone.label", "He is a liability on call.", True),
    ("tone.label", "Our new hire is not a team player.", True),
    ("tone.label", "The images use lazy loading.", False),
    ("tone.label", "Kafka is difficult to operate without Data Platform.", False),
    ("tone.label", "The retry policy is too aggressive for the bank API.", False),
    ("tone.label", 'Jun said "the tests are sloppy" in the retro.', False),
    # absolutes: about a person's behaviour
    ("tone.absolute", "You always skip the retro.", True),
    ("tone.absolute", "Each time we plan, Marcus interrupts the estimates.", True),
    ("tone.absolute", "The job always retries twice.", False),
    ("tone.absolute", "Never deploy on a Friday afternoon.", False),
    ("tone.absolute", "You've never been on call before, so pair with Aisha first.", False),
    ("tone.absolute", "You always write thoughtful reviews, thanks.", False),
    # intent
    ("tone.intent", "You ignored my comment on purpose.", True),
    ("tone.intent", "She doesn't care about the on-call rota.", True),
    ("tone.intent", "We chose the smaller API on purpose.", False),
    ("tone.intent", "I don't think you did it on purpose.", False),
    # blame
    ("tone.blame", "Ravi caused the outage.", True),
    ("tone.blame", "Whose fault is the missed date?", True),
    ("tone.blame", "The config change caused the outage.", False),
    ("tone.blame", "You dropped the ball on the release.", True),
    ("tone.blame", "This review is blameless.", False),
    ("tone.blame", "No one is blaming you for the incident.", False),
    # sarcasm
    ("tone.sarcasm", "Thanks for breaking the build again.", True),
    ("tone.sarcasm", "Glad you could finally join us.", True),
    ("tone.sarcasm", "Thanks for fixing the build so quickly.", False),
    ("tone.sarcasm", "How many times do I have to ask for tests?", True),
    ("tone.sarcasm", "Why do the tests keep failing on main?", False),
    # defensive
    ("tone.defensive", "I didn't mean it like that, you're overreacting.", True),
    ("tone.defensive", "It's not my fault the spec changed.", True),
    ("tone.defensive", "I'm sorry the comment hurt; I'll raise it with you directly next time.", False),
    # fixed mindset
    ("tone.fixed_mindset", "He's not technical enough for the platform team.", True),
    ("tone.fixed_mindset", "You will never have to page the secondary again.", False),
    # hedging
    ("tone.hedge", "Maybe the tests could be better?", True),
    ("tone.hedge", "What sort of dashboard do you need?", False),
    # vague asks
    ("tone.vague", "Be more strategic.", True),
    ("tone.vague", "Be more strategic by bringing one option and one risk to each planning meeting.", False),
    # vague praise
    ("tone.vague_praise", "Good job!", True),
    ("tone.vague_praise", "Good job on the pooler runbook: Jun fixed the 2am page with it in ten minutes.", False),
    ("tone.vague_praise", "Great job breaking prod.", False),
    # sandwich
    ("tone.sandwich", "Great demo! The rollback plan was missing though. Still, great work overall!", True),
    ("tone.sandwich", "Great demo! Next time, please include the rollback plan.", False),
    # exaggeration
    ("tone.exaggeration", "The new pipeline is a nightmare.", True),
    ("tone.exaggeration", "We rehearsed disaster recovery on Monday.", False),
    # demands
    ("tone.demand", "You have to ship this by Friday.", True),
    ("tone.demand", "You have to ship this by Friday because the bank freezes changes on Monday.", False),
    ("tone.demand", "Could you ship this by Friday?", False),
    # passive
    ("tone.passive", "The deadline was missed.", True),
    ("tone.passive", "The deadline was missed by the vendor.", False),
    ("tone.passive", "We were blocked on the sandbox.", False),
    # privacy
    ("privacy.confidential", "Hannah is pregnant, so plan around it.", True),
    ("privacy.confidential", "Ravi's salary is below the band.", True),
    ("privacy.confidential", "The health endpoint is slow.", False),
    ("privacy.confidential", "Your performance review is on 2026-12-10; let's prepare together.", False),
    # sentiment band
    ("tone.sentiment", "I hate this. The code is awful, the tests are pathetic and I'm furious.", True),
    ("tone.sentiment", "The deploy failed twice and the rollback broke staging; let's pair on the runbook.", False),
]


@pytest.mark.parametrize(("rule", "text", "fires"), CASES, ids=[f"{r}:{t[:30]}" for r, t, _ in CASES])
def test_tone_rule(rule: str, text: str, fires: bool) -> None:
    fired = {f.rule for f in run_checks(text, "note")}
    assert (rule in fired) is fires, sorted(fired)


@pytest.mark.parametrize(
    ("audience", "text", "fires"),
    [
        ("exec", "Consumer lag on Kafka hit 2 million messages.", True),
        ("product", "The ETL needs a CDC connector.", True),
        ("exec", "The service level objective (SLO) was met in November.", False),
        ("exec", "Sellers were paid on time all month; the API is stable.", False),
        ("team", "Consumer lag on Kafka hit 2 million messages.", False),
        (None, "Consumer lag on Kafka hit 2 million messages.", False),
    ],
)
def test_jargon_depends_on_audience(audience: Audience | None, text: str, fires: bool) -> None:
    fired = {f.rule for f in run_checks(text, "note", audience=audience)}
    assert ("tone.jargon" in fired) is fires


def test_readability_flags_only_the_hard_sentence() -> None:
    long = (
        "Because the replica fell behind while the backfill was running, and because nobody was watching the lag "
        "dashboard at the time, the cutover window ran over, Finance could not close the day, and the team spent "
        "the next morning reconciling balances by hand."
    )
    findings = [f for f in run_checks(f"Thanks for the notes. {long}", "note") if f.rule == "readability.hard"]
    assert len(findings) == 1
    assert findings[0].span is not None and findings[0].span.text.startswith("Because")


def test_spans_point_at_the_words() -> None:
    text = "Sam is lazy and always late to standup."
    spans = {f.rule: f.span for f in run_checks(text, "note")}
    assert spans["tone.label"] is not None and text[spans["tone.label"].start : spans["tone.label"].end] == "lazy"
    assert spans["tone.absolute"] is not None and spans["tone.absolute"].text == "always"
