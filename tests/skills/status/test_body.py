"""From the model's fields to what the update says, in code (review.body): the TL;DR written as sentences from the
colours, notes and asks; one workstream per piece of work the notes name; a risk's impact and mitigation only from
its own workstream's lines. Each case is a failure measured on the eval's tuned cases, and the reading checks pass on
what code now shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.skills.status.known import Known
from assistant.skills.status.models import Audience, StatusBody, StatusDraft
from assistant.skills.status.notes import read_notes
from assistant.skills.status.reading import tldr_problems
from assistant.skills.status.review import body
from assistant.skills.status.tldr import compose

TODAY = dt.date(2026, 12, 3)


def _body(notes: str, draft: dict[str, Any], names: list[str] | None = None, audience: Audience = "exec") -> StatusBody:
    lines = read_notes(notes, outside=audience != "team").lines
    known = Known(lines=lines, names=names or [], today=TODAY, audience=audience)
    return body(StatusDraft.model_validate({"tldr": "-"} | draft), known)


RED = """\
- instant payouts: GA 8 Dec is RED. northwind cert not before 9 Dec. aisha chasing their partnerships lead
- need grace on the northwind call on 7 Dec + a decision on launch scope by 4 Dec
- ledger db upgrade: cutover moved to 1 Dec, went fine, lag under 2 min
- fraud model at 50% traffic, false holds down to 1.5%
"""


def test_the_tldr_is_sentences_from_the_colours_the_notes_and_the_ask_not_the_models_fragments() -> None:
    draft = {
        "tldr": "Instant payouts are at risk; northwind cert is due by 9 Dec; aisha chasing partnerships lead",
        "streams": [{"name": "Instant payouts", "note": "GA 8 Dec is RED"}, {"name": "Ledger db upgrade", "note": ""}],
    }
    content = _body(RED, draft)
    assert content.tldr == (
        "Instant payouts is red: GA 8 Dec, northwind cert not before 9 Dec. Ledger db upgrade is on track. "
        "We need Grace on the northwind call on 7 Dec + a decision on launch scope by 4 Dec."
    )
    assert tldr_problems(content) == []


def test_the_tldr_gives_a_red_or_amber_workstream_the_reason_its_colour_comes_from() -> None:
    notes = "instant payouts\n  - beta 20 merchants, 0 failed\n  - GA 8 Dec still on, amber: bank cert timing unclear\n"
    notes += "ledger\n  - cutover done\n- need grace to approve the 2 contractor extensions by 5 Dec\n"
    draft = {"streams": [{"name": "Instant payouts", "note": "beta 20 merchants, 0 failed"}],
             "asks": [{"what": "approve: 2 contractor extensions", "who": "grace", "by": "5 Dec"}]}  # fmt: skip
    content = _body(notes, draft)
    assert content.tldr.startswith("Instant payouts is amber: GA 8 Dec still on: bank cert timing unclear. ")
    assert content.tldr.endswith("We need Grace to approve 2 contractor extensions by 5 Dec.")
    assert tldr_problems(content) == []


def test_a_workstream_at_risk_for_the_reason_another_gives_is_named_not_said_twice() -> None:
    from assistant.skills.status.models import Stream

    streams = [
        Stream(name="Statements", rag="amber", note="renderer times out on big sellers"),
        Stream(name="Renderer", rag="amber", note="profiling"),
        Stream(name="Notifications", rag="green"),
    ]
    causes = {"Statements": "statements 80% done but the renderer times out on big sellers",
              "Renderer": "statements 80% done but the renderer times out on big sellers"}  # fmt: skip
    assert compose(streams, [], causes=causes) == (
        "Statements is amber: renderer times out on big sellers. Renderer is also at risk. Notifications is on track."
    )


def test_a_piece_of_a_leads_line_is_folded_into_its_workstream_and_its_risk_block_goes() -> None:
    draft = {
        "streams": [{"name": "Instant payouts", "note": "GA 8 Dec"},
                    {"name": "Northwind cert", "note": "not before 9 Dec"},
                    {"name": "Ledger db upgrade", "note": "cutover went fine"}],
        "risks": [{"stream": "Northwind cert", "mitigation": "aisha chasing their partnerships lead"}],
    }  # fmt: skip
    content = _body(RED, draft)
    assert [s.name for s in content.streams] == ["Instant payouts", "Ledger db upgrade"]
    assert content.streams[0].note == "GA 8 Dec; Northwind cert not before 9 Dec"
    assert [r.stream for r in content.risks] == ["Instant payouts"]


def test_one_workstream_per_piece_of_work_the_notes_name() -> None:
    notes = "- refunds to card: the acquirer changed their API, our integration is behind\n"
    notes += "- partial refunds already live for SEPA\n- need product to tell the 3 pilot merchants about the delay\n"
    streams = [{"name": "Refunds", "note": "acquirer API change"}, {"name": "Partial Refunds", "note": "live for SEPA"}]
    draft = {"streams": [*streams, {"name": "Cost", "note": "up 4k"}]}
    content = _body(notes, draft, audience="product")
    # "Cost" is in no line of the notes; "Refunds" and "Partial refunds" are one; the lead calls it "refunds to card"
    assert [(s.name, s.note) for s in content.streams] == [
        ("Refunds to card", "acquirer API change; Partial Refunds live for SEPA")
    ]


def test_a_past_updates_name_is_used_only_when_it_holds_all_the_leads_words() -> None:
    past = ["WS2 Instant Payouts", "WS5 Reliability"]
    sepa = _body("- sepa instant: bank sandbox flaky, GA 15 Jan at risk\n- payout ETA shipped",
                 {"streams": [{"name": "SEPA Instant", "note": "sandbox flaky"}]}, past)  # fmt: skip
    assert [s.name for s in sepa.streams] == ["SEPA Instant"]  # "sepa" is not "sep", the month
    fx_notes = "- multi-currency payouts: FX provider pulled out"
    fx = _body(fx_notes, {"streams": [{"name": "Multi-currency payouts"}]}, past)
    assert [s.name for s in fx.streams] == ["Multi-currency payouts"]
    reliability = _body("- payouts reliability: 99.97% last 30 days\n- fraud rollout planned 14 Dec",
                        {"streams": [{"name": "Payouts", "note": "99.97%"}]}, past)  # fmt: skip
    assert [s.name for s in reliability.streams] == ["Payouts reliability"]  # the lead's name, not "Instant Payouts"
    plain = _body("- payouts: GA at risk\n- search: reindex done", {"streams": [{"name": "Payouts"}]}, past)
    assert plain.streams[0].name == "Instant Payouts"


WEBHOOK = """\
## for checkout
- new payout webhook event payout.delayed live 10 Dec, opt-in
- webhook signing key rotation 20 Jan, need checkout to accept both keys from 13 Jan
"""


def test_colour_impact_and_mitigation_come_from_the_workstreams_own_lines() -> None:
    draft = {
        "streams": [{"name": "Payout webhook", "note": "payout.delayed live 10 Dec"},
                    {"name": "Webhook signing key rotation", "note": "rotation 20 Jan"}],
        "risks": [{"stream": "Payout webhook", "impact": "the event is delayed", "mitigation": "opt-in"},
                  {"stream": "Webhook signing key rotation", "impact": "the event is delayed", "mitigation": "opt-in"}],
    }  # fmt: skip
    content = _body(WEBHOOK, draft, audience="other_team")
    colours = {s.name: s.rag for s in content.streams}
    # "delayed" is on the payout webhook's line only: it no longer colours the key rotation
    assert colours == {"Payout webhook": "amber", "Webhook signing key rotation": "green"}
    assert [(r.stream, r.impact, r.mitigation) for r in content.risks] == [
        ("Payout webhook", "the event is delayed", "opt-in")
    ]


def test_an_impact_or_mitigation_from_another_workstreams_line_or_not_done_is_a_gap() -> None:
    notes = "- sepa instant: bank sandbox flaky all week. GA 15 Jan at risk\n"
    notes += "- options: ship GA 15 Jan with SEPA only, or slip both rails to 29 Jan\n- lena to pick by 10 Dec\n"
    draft = {
        "streams": [{"name": "SEPA Instant", "note": "bank sandbox flaky"},
                    {"name": "Options", "note": "ship or slip"}],
        "risks": [{"stream": "SEPA Instant", "impact": "slip both rails", "mitigation": "wait for bank to resolve"},
                  {"stream": "Options", "impact": "bank sandbox flaky", "mitigation": "need lena to pick"}],
        "asks": [{"what": "pick: ship GA 15 Jan or slip", "who": "lena", "by": "10 Dec"}],
    }  # fmt: skip
    content = _body(notes, draft, audience="product")
    risks = {r.stream: r for r in content.risks}
    # the other workstream's line, a mitigation no line says, the ask again: gaps the lead is asked to fill
    assert (risks["SEPA Instant"].impact, risks["SEPA Instant"].mitigation) == ("", "")
    assert (risks["Options"].impact, risks["Options"].mitigation) == ("", "")


def test_by_before_an_amount_is_not_a_deadline() -> None:
    from assistant.skills.status.asks import _NOT_A_DEADLINE

    assert _NOT_A_DEADLINE.search("3d -> 7d") and _NOT_A_DEADLINE.search("20%")
    assert not any(_NOT_A_DEADLINE.search(by) for by in ("Friday 2026-12-04", "dec close", "8 Dec", "end of sprint"))
