"""Habits of notes written by someone else, read by hand on the held-out set h8 (2026-12-04) and fixed in general:
an email's "aud:" and "re:" lines, a person made a workstream, office hours on "Tue/Thu", "need Lena's call", an
ask label with its person before a dash, wins that are only a workstream's name or a metric. Its private lines are
with the others in ``test_letters_and_strays.py``; its colour cues ("did NOT go live") there too."""

from __future__ import annotations

import datetime as dt

from assistant.skills.status.asking import ask_of
from assistant.skills.status.done import done_items
from assistant.skills.status.notes import read_notes
from assistant.skills.status.people import is_person, people, subject


def test_an_audience_a_subject_a_freeze_or_an_impact_label_names_no_workstream() -> None:
    notes = read_notes(
        "aud: Finance Ops (Owen F.)\nre: Sept month-end close 2027-09-28..09-30\n"
        "- ledger archival: 26 of 26 done 09-22\n- impact for FinOps: reports take ~10 min\n"
        "- FREEZE: no ledger changes 09-28 to 09-30\n- recon: 3 breaks, all timing\n- Overall: RED (pooler date)\n"
        "- notes per area: see below\n- heads up from us: brokers go 3.9 -> 4.1 on 18 Jan\n",
        outside=True,
    )
    assert [line.stream for line in notes.lines] == [
        None,
        None,
        "ledger archival",
        None,
        None,
        "recon",
        None,
        None,
        None,
    ]


def test_a_person_is_not_a_workstream_and_one_named_after_a_person_is_named_for_what_its_note_is_about() -> None:
    texts = [
        "Ben, headline: the fraud-scorer /v1/score endpoint goes away on 2027-08-31.",
        "Tomás is our contact for the migration; he's holding office hours Tue/Thu 15:00 UTC.",
        "Ask: Ben to commit a migration date by 2027-07-23.",
        "pooler (Marcus): done 08-17",
    ]
    names = people(texts)
    assert {"ben", "tomás", "marcus"} <= names and "fraud" not in names
    assert is_person("Ben", names) and is_person("Tomás", names) and is_person("Marcus out", names)
    assert not is_person("Hannah's migration", names) and not is_person("Meridian Bank", names)
    note = "the fraud-scorer /v1/score endpoint goes away on 2027-08-31; checkout is the last caller"
    assert subject(note, names) == "Fraud-scorer /v1/score endpoint"
    assert subject("contact for the migration; holding office hours", names) is None


def test_need_someones_call_asks_them_and_a_label_with_a_name_before_a_dash_asks_that_person() -> None:
    assert ask_of("need Lena's call by 2027-07-28 so sales can be briefed") == (
        "Lena",
        "need Lena's call by 2027-07-28 so sales can be briefed",
    )
    assert ask_of("Ask: Keiko - can Data Platform set up a Meridian sample file feed by 2027-08-20?") == (
        "Keiko",
        "can Data Platform set up a Meridian sample file feed by 2027-08-20?",
    )


def test_a_win_needs_a_clause_that_says_something_was_done_not_a_name_or_a_metric() -> None:
    lines = read_notes(
        "- ledger archival: Jun, partitions moving to cold storage, 14 of 26 done\n"
        "- fraud v4 at 25% since 07-27, wrongly-held rate 1.25%, p99 104 ms\n"
        "- schema registry: Checkout consumers upgraded by Ben's team\n"
        "- USD payouts: sandbox cert passed 07-06\n"
    ).lines
    wins = ["Ledger archival", "p99 104 ms", "wrongly-held rate 1.25%", "Checkout consumers upgraded",
            "USD payouts sandbox cert passed"]  # fmt: skip
    assert done_items(wins, lines, dt.date(2027, 7, 30)) == ["Checkout consumers upgraded",
                                                             "USD payouts sandbox cert passed"]  # fmt: skip


def test_the_next_update_or_nothing_to_decide_is_no_next_step_and_an_arrow_to_a_colour_goes_with_it() -> None:
    from assistant.skills.status.models import StatusDraft
    from assistant.skills.status.review import _without_filler
    from assistant.skills.status.words import without_colour

    draft = StatusDraft(tldr="x", next=["next team update 09-17", "nothing for Lena to decide", "pair on the bug"])
    assert _without_filler(draft).next == ["pair on the bug"]
    assert without_colour("no contract test without a feed via Data Platform -> RED, this will recur") == (
        "no contract test without a feed via Data Platform, this will recur"
    )


def test_the_owner_is_the_person_the_lines_name_as_owner_not_a_word_the_model_took_for_one() -> None:
    from assistant.skills.status.people import owner_in

    assert owner_in(["multi-currency balances (Ravi): USD balances slipped, FX rate feed vendor late"]) == "Ravi"
    assert owner_in(["this will recur", "Ravi owns the recon fix + contract test"]) == "Ravi"
    assert owner_in(["FX rate feed vendor late signing contract"]) == ""


def test_a_win_that_only_names_the_work_with_its_colour_is_no_win() -> None:
    lines = read_notes("- Multi-currency balances shipped USD on 2027-08-02 as replanned, green.\n").lines
    wins = ["green multi-currency balances", "multi-currency balances shipped USD, green"]
    assert done_items(wins, lines, dt.date(2027, 8, 20)) == ["multi-currency balances shipped USD"]


def test_a_decision_label_before_a_verb_asks_whether_to_do_it_and_a_two_word_verb_label_reads_as_words() -> None:
    from assistant.skills.status.asks import asked_for

    assert asked_for("decide: escalate with Meridian's head of partnerships") == (
        "decide whether to escalate with Meridian's head of partnerships"
    )
    assert asked_for("set up: Meridian sample file feed in staging") == "set up Meridian sample file feed in staging"


def test_a_thin_note_is_the_clause_of_the_leads_line_that_says_it() -> None:
    from assistant.skills.status.notes import NoteLine
    from assistant.skills.status.streams import _lead_words

    memo = [NoteLine(text="Uh, and the ledger, um, connection pooler is done, pages are down to three or four a week")]
    assert _lead_words("done", memo, "green") == "connection pooler is done"
    edited = [NoteLine(text="Instant Payouts GA live since 01-12 [update: 4,020 sellers enabled, EUR 61k fees]")]
    assert _lead_words("live", edited, "green") == "Instant Payouts GA live since 01-12"
    prose = [NoteLine(text="USD payouts with Meridian Bank went live on 2027-09-08; 212 US sellers paid so far")]
    assert _lead_words("payouts live", prose, "green") == "USD payouts with Meridian Bank went live on 2027-09-08"
    assert _lead_words("retry fix needs review", [NoteLine(text="retry fix needs review by 12-04")], "amber") == (
        "retry fix needs review"
    )


def test_a_jira_dump_names_the_work_by_its_titles_prefix_not_its_status_and_a_tickets_blocked_is_no_colour() -> None:
    notes = read_notes(
        "sprint 46 board (copied from jira):\nPAY-2270 | Done | Hannah | schema registry: payouts.status migrated\n"
        "PAY-2281 | Done | Marcus | pooler rolled to ledger-service, all pods (2 Nov)\n"
        "PAY-2283 | Blocked | Marcus | pooler for payout-api - waiting on PAY-2282\n"
        "PAY-2299 | Done | Tomás | fraud v4 retraining\n"
    )
    assert [(x.stream, x.colour) for x in notes.lines] == [  # the first line is the title
        ("schema registry", "green"),
        (None, "green"),
        (None, None),
        ("fraud v4 retraining", "green"),
    ]


def test_a_nested_label_keeps_its_sections_workstream_and_where_we_are_or_my_notes_names_no_work() -> None:
    notes = read_notes(
        "# draft\n\n## Multi-currency balances (Ravi)\n- where we are\n  - EUR + GBP done in staging\n"
        "  - NOK blocked on Halden FX\n- colour: amber (date ok, scope at risk)\n\n## Open questions\n"
        "- does sales need a NOK date?\n\nmy notes:\n- payouts = RED\n"
    )
    assert [x.stream for x in notes.lines] == ["Multi-currency balances"] * 3 + [None, None]


def test_a_table_row_the_model_wrote_nothing_for_shows_its_note_cells_and_a_forwarded_message_is_no_workstream() -> (
    None
):
    from assistant.skills.status.notes import NoteLine
    from assistant.skills.status.streams import _lead_words

    row = [NoteLine(text="| multi-currency | Ravi | amber | NOK/DKK waiting on Halden's 60s rate feed |")]
    assert _lead_words("", row, "amber") == "NOK/DKK waiting on Halden's 60s rate feed"
    notes = read_notes("fwd to myself\n\n---------- Forwarded message ---------\n> cap at EUR 15,000 from 1 Dec\n")
    assert notes.lines and all(x.stream is None for x in notes.lines)
