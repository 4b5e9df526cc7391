"""Habits of notes written by someone else, read by hand on the held-out set h7 (2026-12-04) and fixed in general:
a reply-all with headers and quote marks, a retro's layout, an outliner's nested bullets, an issue tracker's export,
the lead's verdict on the whole update, a count in the TL;DR. Its private lines (flags at a line's end, HR) are with
the others in ``test_letters_and_strays.py``."""

from __future__ import annotations

from assistant.skills.status.asking import ask_of, asks_plainly
from assistant.skills.status.models import Stream
from assistant.skills.status.notes import read_notes
from assistant.skills.status.strays import strays
from assistant.skills.status.tldr import compose


def test_a_reply_all_loses_its_headers_and_quote_marks() -> None:
    notes = read_notes(
        "From: Priya Raman\nTo: Ben Ashworth\nSubject: RE: RE: events v3 cutover\n\n"
        "- v3 schema is registered\n> From: Hannah Kowalski\n> Sent: Wed 12 May\n"
        "> Dual-publish has been running since 10 May.\n>> Hannah, can we get Checkout to confirm a date?\n"
    )
    assert [x.text for x in notes.lines] == [
        "v3 schema is registered",
        "Dual-publish has been running since 10 May.",
        "Hannah, can we get Checkout to confirm a date?",
    ]


def test_a_retros_layout_names_no_workstream() -> None:
    notes = read_notes(
        "WENT WELL\n+ transfers live 2027-05-21\nDIDN'T GO WELL\n- USD payouts: creds 3 wks late\n"
        "ACTIONS\n* Aisha: USD replan doc by 2027-06-02\n"
    )
    assert [x.stream for x in notes.lines] == [None, "USD payouts", None]


def test_an_outliners_bullet_with_items_under_it_is_their_workstream() -> None:
    notes = read_notes(
        "## Workstreams\n- [[Multi-currency balances]] (Ravi)\n    - GBP live in prod\n"
        "- [[Schema registry rollout]] (Hannah)\n    - two topics registered\n"
    )
    assert [(x.text, x.stream) for x in notes.lines] == [
        ("GBP live in prod", "Multi-currency balances"),
        ("two topics registered", "Schema registry rollout"),
    ]


def test_an_issue_trackers_export_is_a_table_named_by_its_titles() -> None:
    notes = read_notes(
        "ID       | Title                          | Status      | Assignee    | Due        | Labels\n"
        "PAY-2101 | UK instant payouts: bank cert  | In Progress | Aisha Bello | 2027-05-14 | instant-uk, at-risk\n"
        "PAY-2088 | GBP prod rollout               | Done        | Ravi Menon  | 2027-04-27 | mcb\n"
    )
    assert [(x.stream, x.colour) for x in notes.lines] == [
        ("UK instant payouts", "amber"),  # the work; "bank cert" is the ticket's part of it (h9)
        ("GBP prod rollout", "green"),
    ]


def test_the_leads_verdict_on_the_update_is_no_workstream() -> None:
    lines = read_notes("Overall I'd call it amber, mostly because of the UK thing.\n").lines
    assert strays([], lines) == []


def test_ask_equals_is_a_label_and_news_about_a_review_asks_nothing() -> None:
    assert (ask_of("ask = Grace to escalate with the Larkspur sponsor by 2027-04-23") or ("",))[0] == "Grace"
    assert not asks_plainly("review tool change PAY-2120 shipped 2027-05-05")


def test_the_tldr_names_no_count_the_notes_never_gave() -> None:
    streams = [Stream(name=n, rag="green", note="") for n in ("A", "B", "C", "D", "E", "F", "G")]
    tldr = compose(streams, [])
    assert "the rest" in tldr and not any(w in tldr for w in ("two", "three", "2 more"))


def test_a_trackers_row_says_its_note_not_its_status_or_assignee_and_a_verb_label_reads_as_words() -> None:
    from assistant.skills.status.asks import asked_for
    from assistant.skills.status.table import row_note

    row = "| PAY-2101 | UK instant payouts: bank cert | In Progress | Aisha Bello | 2027-05-14 | bank moved retest |"
    assert row_note(row) == "2027-05-14; bank moved retest"
    assert asked_for("move: sandbox alerts to ticket-only") == "move sandbox alerts to ticket-only"


def test_a_launch_that_will_not_happen_is_red_and_a_risk_in_another_language_is_amber() -> None:
    from assistant.skills.status.colours import cue_colour

    assert (cue_colour("committed launch 2027-06-01 will not happen") or ("",))[0] == "red"
    assert (cue_colour("USD con Larkspur: se movió. Riesgo: si el sandbox sigue inestable") or ("",))[0] == "amber"
    assert cue_colour("ledger old database is gone, decommissioned dec 15") is None


def test_the_teams_own_action_items_ask_the_reader_nothing() -> None:
    import datetime as dt

    from assistant.skills.status.asks import asks_of
    from assistant.skills.status.known import Known
    from assistant.skills.status.models import StatusDraft

    lines = read_notes("ACTIONS\n* Aisha: USD replan doc by 2027-06-02\n").lines
    assert lines[0].acted
    draft = StatusDraft(tldr="-", asks=[{"what": "USD replan doc", "who": "Aisha", "by": "2027-06-02"}])
    assert asks_of(draft, Known(lines=lines, today=dt.date(2027, 5, 28), audience="team")) == []
    lines = read_notes("ACTIONS\n* Priya: take the USD slip to Grace/Lena at the 2027-06-01 exec sync\n").lines
    assert asks_of(StatusDraft(tldr="-"), Known(lines=lines, today=dt.date(2027, 5, 28), audience="team")) == []
