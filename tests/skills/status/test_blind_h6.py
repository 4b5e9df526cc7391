"""Habits of notes written by someone else, each read by hand on the held-out set h6 (2026-12-04) and fixed in
general, not for the case: a verdict on the colour, an edited past update, a warning sign, an ask written as a label,
an outline numbered 1.1, a table whose header is any words, a chat with full names, a heading with no blank line
above, the next update named for its audience, wins the notes do not report."""

from __future__ import annotations

import pytest

from assistant.skills.status.asking import ask_of
from assistant.skills.status.asks import _request
from assistant.skills.status.colours import colour_of
from assistant.skills.status.notes import next_update, read_notes
from assistant.skills.status.words import without_colour


@pytest.mark.parametrize(
    ("line", "colour"),
    [
        ("so call that amber not red because we have a workaround", "amber"),
        ("I'd say green rather than amber, the retest passed", "green"),
        ("pooler rollout PAY-412 amber, flaky failover [update: done, green, payout-api moved 02-02]", "green"),
        ("Tidewater red [update: still red, cert slot 04-07]", "red"),
        ("⚠️ month-end close is 01-27..01-29, the thu deploy lands in the middle of it", "amber"),
        ("TIDEWATER IS RED. cert failed wed 03-10", "red"),
    ],
)
def test_the_colour_the_lead_settles_on_is_the_lines_colour(line: str, colour: str) -> None:
    assert colour_of(line) == colour


def test_a_verdict_on_the_colour_is_not_why() -> None:
    line = "so call that amber not red because we have a workaround we can pause the job while recon runs"
    assert without_colour(line) == "we have a workaround we can pause the job while recon runs"


@pytest.mark.parametrize(
    ("line", "who", "wanted"),
    [
        (
            "ask → Grace to push procurement to sign by 2027-01-29 (priya)",
            "Grace",
            "push procurement to sign by 2027-01-29",
        ),
        ("ASK Lena: decide by 2027-03-31 whether we launch to the pilot", "Lena", "decide by 2027-03-31 whether we"),
        ("ASK for Ben's team: bump checkout-consumer to 2.4 by 2027-03-16", "Ben's team", "bump checkout-consumer"),
        ("ask team: need 2 people for the cert dry-run on 2027-03-27", "team", "need 2 people"),
        ("asks for Owen: (1) ok the 01-27 deploy by end of today", "Owen", "(1) ok the 01-27 deploy"),
    ],
)
def test_an_ask_written_as_a_label_names_who_is_asked_and_drops_the_label(line: str, who: str, wanted: str) -> None:
    found = ask_of(line)
    assert found is not None and found[0] == who
    assert _request(found[1], who).startswith(wanted)
    assert "(priya)" not in _request(found[1], who)  # the chat's speaker is not part of the ask


def test_the_word_ask_alone_is_a_heading_and_its_lines_are_asks_not_workstreams() -> None:
    notes = read_notes("Risks\n- sandbox keeps falling over\nAsks\n- Grace to raise it at the exec review\n")
    assert ask_of("Asks") is None
    assert [(x.text, x.stream, x.asked) for x in notes.lines] == [
        ("sandbox keeps falling over", None, False),
        ("Grace to raise it at the exec review", None, True),
    ]


def test_an_ask_label_or_a_fixes_label_in_front_of_a_line_names_no_workstream() -> None:
    notes = read_notes("- ASK Lena: decide by Friday\n- ask team: need 2 people\n- fixes: Ravi owns the mapping\n")
    assert [x.stream for x in notes.lines] == [None, None, None]


def test_items_numbered_1_1_belong_to_the_numbered_section_above_without_their_numbers() -> None:
    notes = read_notes(
        "1. fraud-scorer\n1.1 v3 at 100% since Jan\n1.2 v3.1 goes to 25% on 2027-03-23\n"
        "2. schema registry\n2.1 we register the topic on 2027-03-17\n"
    )
    assert [(x.text, x.stream) for x in notes.lines] == [
        ("v3 at 100% since Jan", "fraud-scorer"),
        ("v3.1 goes to 25% on 2027-03-23", "fraud-scorer"),
        ("we register the topic on 2027-03-17", "schema registry"),
    ]


def test_a_tables_header_is_the_row_over_the_rule_whatever_its_words() -> None:
    notes = read_notes(
        "| thing | who | status | next | notes |\n|---|---|---|---|---|\n"
        "| export | Aisha | done | - | shipped 02-03 |\n"
    )
    assert [x.stream for x in notes.lines] == ["export"]


def test_a_chat_with_full_names_is_read_as_a_chat_and_its_first_line_is_its_title() -> None:
    notes = read_notes(
        "[Tue 10:02] Priya Raman: drafting the FinOps edition for Owen, pasting bits from this thread\n"
        "[Tue 10:04] Ravi Menon: recon breaks jumped, 37 last week vs ~5 normally\n"
    )
    assert [x.text for x in notes.lines] == ["recon breaks jumped, 37 last week vs ~5 normally (Ravi)"]


def test_a_colour_letter_in_brackets_is_not_a_chat_speaker() -> None:
    assert [x.colour for x in read_notes("[A] registry: two consumers left\n").lines] == ["amber"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("- nothing needed from Lena this time, next product update 2027-02-19", "2027-02-19"),
        ("- next: retest 2027-01-26 (Marcus), freeze 2027-02-05, next exec update early March", None),
        ("- next update goes to product 2027-01-29", "2027-01-29"),
    ],
)
def test_the_next_update_is_the_date_after_the_words(line: str, date: str | None) -> None:
    assert next_update(read_notes(line)) == date


def test_a_win_is_shown_only_when_a_clause_of_the_notes_reports_it_done() -> None:
    import datetime as dt

    from assistant.skills.status.done import done_items

    lines = read_notes(
        "- Tidewater: FX rate feed vendor contract STILL not signed, procurement sitting on it\n"
        "- Instant Payouts GA live since 2027-01-12, 4,010 sellers enabled\n"
        "- ravi thinks its the index, were going to try the fix in staging monday\n"
        "- marcus can you take the flaky test in payout api PAY-431\n"
        "- we register payments.events.v2 in the registry on 2027-03-17\n"
    ).lines
    wins = [
        "Tidewater FX rate feed vendor contract signed",
        "Instant Payouts GA live",
        "fix in staging",
        "take the flaky test in payout API PAY-431",
        "register payments.events.v2",
        "migrated the billing service",
    ]
    assert done_items(wins, lines, dt.date(2027, 1, 22)) == ["Instant Payouts GA live"]


def test_a_line_the_lead_coloured_that_no_workstream_holds_gets_a_row_named_before_its_verb() -> None:
    from assistant.skills.status.strays import strays

    lines = read_notes(
        "[Tue 10:04] Ravi Menon: recon breaks jumped, 37 last week\n"
        "[Tue 10:10] Priya Raman: ⚠️ jan month-end close is 01-27..01-29, the deploy lands in the middle of it\n"
    ).lines
    assert [s.name for s in strays(["Recon"], lines)] == ["Jan month-end close"]
    assert [s.name for s in strays([], read_notes("🟡 instant payouts GA 8 dec (capped)\n").lines)] == [
        "Instant payouts GA 8 dec"
    ]


def test_a_question_put_to_someone_by_name_is_their_ask_and_a_build_red_on_main_is_no_colour() -> None:
    line = "marcus can you take the flaky test in payout api PAY-431 its been red on main for a week"
    assert (ask_of(line) or ("", ""))[0] == "marcus"
    assert colour_of(line) is None


def test_slack_copied_as_text_is_a_chat_and_where_it_was_pasted_from_is_not_news() -> None:
    notes = read_notes(
        "pasted from #payments-platform this morning:\n"
        "> aisha  10:42  northwind just confirmed the 200 cap is per DAY\n"
    )
    assert [x.text for x in notes.lines] == ["northwind just confirmed the 200 cap is per DAY (aisha)"]
