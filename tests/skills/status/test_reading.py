"""What a reader of an update notices that the status rules do not (the eval's tldr_reads, workstreams_named and
risk_parts_own): a TL;DR that reads as a list, workstreams the notes never name, a risk's impact or mitigation taken
from another workstream's line. Each check flags the measured failure and passes the update that reads well."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evals import evaluators as ev
from assistant.evals.models import EvalCase, SuiteFile
from assistant.skills.status.eval import ADAPTER, observe
from assistant.skills.status.models import AskDraft, Rag, Risk, StatusBody, StatusInput, StatusResult, Stream
from assistant.skills.status.reading import risk_part_problems, stream_problems, tldr_problems


def _streams(*pairs: tuple[str, Rag]) -> list[Stream]:
    return [Stream(name=name, rag=rag) for name, rag in pairs]


def _result(body: StatusBody, audience: str = "exec", house: list[str] | None = None) -> StatusResult:
    return StatusResult(
        audience=audience,  # type: ignore[arg-type]
        date="2026-12-03",
        title="Team Status",
        overall="red",
        body=body,
        next_update="2026-12-17",
        markdown="",
        text="",
        email="",
        words=0,
        budget=450,
        house_streams=house or [],
    )


PAYOUTS = _streams(("Payouts", "red"), ("Ledger", "green"), ("Fraud", "green"))


@pytest.mark.parametrize(
    ("tldr", "streams", "found"),
    [
        # the measured failures: code's repairs chained labels, the model wrote fragments and lists
        ("Payouts is red. Ask: Exec: decide: drop SMS MFA?", PAYOUTS, "labels in a chain"),
        ("Payouts is red. Ask: Grace to approve: 2 contractor extensions.", PAYOUTS, "labels in a chain"),
        ("Payouts are at risk. Aisha chasing partnerships lead.", PAYOUTS, "a fragment with no verb"),
        ("Hiring is on track. 7 pages.", PAYOUTS, "a fragment with no verb"),
        ("Payout API v1 status deprecation, v2 live, checkout freeze, need move to v2 by 2027-01-15.", [],
         "a list in one sentence"),
        ("Payouts is red: cert late. Ledger went fine this week. Ledger went fine.", PAYOUTS, "repeats another"),
        ("EU tax calc is late. EU tax calc needs legal sign-off.", _streams(("EU Tax Calc", "amber")),
         "named in 2 sentences"),
        ("Cost is amber: sms spend back to normal.", _streams(("Cost", "amber")), "both on track and at risk"),
        ("Payouts are on track. Ledger is fine.", PAYOUTS, "red in the table"),
    ],
)  # fmt: skip
def test_a_tldr_that_reads_as_a_list_is_flagged(tldr: str, streams: list[Stream], found: str) -> None:
    problems = tldr_problems(StatusBody(tldr=tldr, streams=streams))
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize(
    ("tldr", "streams"),
    [
        ("Payouts is red: bank cert not until 2026-12-09. Ledger and Fraud are on track. We need Grace to decide by "
         "2026-12-04: launch without Northwind?", PAYOUTS),
        ("All workstreams are on track: Ledger, Fraud, On-call and Search.",
         _streams(("Ledger", "green"), ("Fraud", "green"), ("On-call", "green"), ("Search", "green"))),
        # a word inside a clause is not the workstream; "on track … but" hedges
        ("SMS fraud is amber: a spike cost ~$22k in fees. Cost is on track.",
         _streams(("SMS fraud", "amber"), ("Cost", "green"))),
        ("SSO is amber: on track for 19 Dec but finance has not answered.", _streams(("SSO", "amber"))),
        ("Partition job ran clean. Index cleanup PR merged. We need Jun to review #1877 by 2026-12-04.", []),
        ("Please do not add new consumers to ledger.events.v1 after 15 Dec.", []),
    ],
)  # fmt: skip
def test_a_tldr_that_reads_well_is_not_flagged(tldr: str, streams: list[Stream]) -> None:
    assert tldr_problems(StatusBody(tldr=tldr, streams=streams)) == []


def _named(notes: str, *names: str, house: list[str] | None = None) -> list[str]:
    body = StatusBody(tldr="-", streams=[Stream(name=n, rag="green") for n in names])
    return stream_problems(StatusInput(notes=notes, audience="exec"), _result(body, house=house))


NOTES = """\
- instant payouts: GA 8 Dec is RED. northwind cert not before 9 Dec. aisha chasing their partnerships lead
- ledger db upgrade: cutover moved to 1 Dec, went fine
- fraud model at 50% traffic
"""


@pytest.mark.parametrize(
    ("notes", "names", "house", "found"),
    [
        ("exec update draft\n" + NOTES, ("Exec Update Draft", "Instant payouts"), None, "in no line of the notes"),
        ("status stuff (rough)\n" + NOTES, ("Status Stuff", "Instant payouts"), None, "in no line of the notes"),
        (NOTES, ("Instant payouts", "Cost"), None, "'Cost': cost in no line"),
        (NOTES, ("Instant payouts", "Northwind cert"), None, "'Northwind cert' is split from 'Instant payouts'"),
        (NOTES, ("Instant payouts", "Payouts"), None, "are one workstream"),
        ("- sepa instant: sandbox flaky, GA 15 Jan at risk\n- payout ETA shipped", ("Instant Payouts",),
         ["WS2 Instant Payouts"], "the notes call it 'sepa instant'"),
        ("- me: need 2 reviewers for #1877\n- ravi: decom pushed", ("Me", "Ravi"), None, "'Me' names no work"),
        ("Ben, headline: /v1/score goes away 08-31\nTomás is our contact for the migration", ("Ben", "Tomás"), None,
         "'Tomás' is a person the notes name"),
    ],
)  # fmt: skip
def test_a_workstream_the_notes_do_not_name_is_flagged(
    notes: str, names: tuple[str, ...], house: list[str] | None, found: str
) -> None:
    problems = _named(notes, *names, house=house)
    assert any(found in p for p in problems), problems


def test_the_notes_own_workstreams_and_the_past_updates_names_for_them_are_not_flagged() -> None:
    assert _named(NOTES, "Instant Payouts", "Database upgrade for the ledger", "Fraud model",
                  house=["WS2 Instant Payouts", "Database upgrade for the ledger"]) == []  # fmt: skip
    # "notif" in the notes is the "Notification" of the name; headings name workstreams too
    assert _named("🟢 push notif preference center — 100% rollout", "Push Notification Preference Center") == []
    assert _named("## Ledger\n- partition job ran clean\n## On-call\n- 4 pages", "Ledger", "On-call") == []


H01 = """\
instant payouts: RED. northwind still cant issue the prod cert before 2026-12-09, our GA is 2026-12-08
need grace to pick by 2026-12-04, aisha owns
oncall 5 pages/wk, green finally
win: black friday freeze, no incidents. jun handled 2 pages solo
"""


def _risk(notes: str, streams: list[Stream], risk: Risk, asks: list[AskDraft] | None = None) -> list[str]:
    body = StatusBody(tldr="-", streams=streams, risks=[risk], asks=asks or [])
    return risk_part_problems(StatusInput(notes=notes, audience="exec"), _result(body))


def test_an_impact_or_mitigation_from_another_workstreams_line_is_flagged() -> None:
    streams = _streams(("Instant payouts", "red"), ("Oncall", "green"))
    taken = Risk(stream="Instant payouts", rag="red", issue="cert late", impact="no incidents",
                 mitigation="jun handled 2 pages solo")  # fmt: skip
    problems = _risk(H01, streams, taken)
    assert len(problems) == 2 and all("from a line of Oncall" in p for p in problems), problems
    webhook = "- payout webhook event payout.delayed live 10 Dec, opt-in\n- webhook signing key rotation 20 Jan"
    key = _streams(("Payout webhook", "amber"), ("Webhook signing key rotation", "amber"))
    other = Risk(stream="Webhook signing key rotation", rag="amber", issue="-", impact="the event is delayed")
    assert "from a line of Payout webhook" in _risk(webhook, key, other)[0]


SHOUTING = "onboarding v2 blocked on the KYC contract\nneed someone in leadership to unblock legal this week\n"
STATEMENTS = "seller statements v2 slipping past 17 Dec unless lena agrees to ship CSV first\n"


@pytest.mark.parametrize(
    ("notes", "mitigation", "ask", "found"),
    [
        (H01, "grace needed", "", "is the ask"),
        (SHOUTING, "need leadership to unblock legal this week", "unblock legal", "is the ask"),
        (STATEMENTS, "lena agrees to ship CSV first", "decide: ship CSV first", "is the ask"),
        (H01, "wait for the bank to resolve it", "", "not in the notes"),
        (H01, "aisha owns", "", "says who owns it"),
    ],
)
def test_a_filler_mitigation_is_flagged(notes: str, mitigation: str, ask: str, found: str) -> None:
    stream = notes.split(" ", maxsplit=1)[0].strip(":")
    risk = Risk(stream=stream, rag="red", issue="-", mitigation=mitigation, ask=ask)
    problems = _risk(notes, _streams((stream, "red")), risk)
    assert any(found in p for p in problems), problems


def test_parts_from_the_workstreams_own_lines_and_an_inferred_impact_are_not_flagged() -> None:
    notes = "- payouts: GA on 2026-12-08 but RED, bank cert not until 2026-12-09. aisha chasing their partnerships lead"
    risk = Risk(stream="Payouts", rag="red", issue="-", impact="GA slips past 2026-12-08",
                mitigation="aisha chasing their partnerships lead")  # fmt: skip
    assert _risk(notes, _streams(("Payouts", "red")), risk) == []


def test_the_eval_reports_each_check_as_a_property_with_what_it_found() -> None:
    body = StatusBody(tldr="Payouts is red. 7 pages.", streams=_streams(("Payouts", "red")))
    case = StatusInput(notes="- payouts: GA 8 Dec is RED\n- 7 pages", audience="exec")
    observed = observe(case, _result(body))
    props = observed.properties
    assert (props["tldr_reads"], props["workstreams_named"], props["risk_parts_own"]) == (False, True, True)
    assert {"tldr_reads", "workstreams_named", "risk_parts_own"} <= ADAPTER.properties
    # A case requiring the property fails with what the check found, not only "is False".
    suite = SuiteFile(skill="status", cases=[EvalCase(id="x", input={})])
    wanted: dict[str, Any] = {"tldr_reads": True}
    subject = ev.Subject(case=EvalCase(id="x", input={}, properties=wanted), suite=suite, output=body,
                         observation=observed)  # fmt: skip
    result = ev.properties(subject)
    assert result.status == "fail" and "a fragment with no verb: '7 pages.'" in result.detail


def test_the_leak_and_owner_checks_read_a_possessive_as_the_name() -> None:
    # "blocked on samir's sign-off" in a kept line names Samir: an update asking Samir leaks nothing private.
    from assistant.skills.status.eval import _words

    assert "samir" in _words("we're blocked on samir's sign-off to rotate early")


def test_the_leak_check_reads_a_kept_lines_word_in_another_form_and_the_updates_headings_as_no_leak() -> None:
    from assistant.skills.private import Withheld
    from assistant.skills.status.eval import leaked

    notes = (
        "- Hannah patched the parser 17 Nov\n- priv - Hannah's been in a rough patch since the wedding\n"
        "- Marcus has the landlord thing, keep it vague if anyone asks where he is\n"
    )
    withheld = [Withheld(text=line[2:], reason="r") for line in notes.splitlines()[1:]]
    shown = "## Wins\n\n- patch parser.\n\n## Asks\n\n- **Ben**: name an owner.\n"
    output = _result(StatusBody(tldr="x")).model_copy(update={"markdown": shown, "withheld": withheld})
    assert leaked(StatusInput(notes=notes, audience="exec"), output) == []
    said = output.model_copy(update={"markdown": shown + "\n- the wedding was called off\n"})
    assert leaked(StatusInput(notes=notes, audience="exec"), said) == ["wedding"]
