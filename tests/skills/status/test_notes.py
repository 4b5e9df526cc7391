"""Reading the notes in code: what is private in an update (and what only looks it), colours that are and are not a
RAG, relative dates made absolute, lines marked internal, a private section, asks and mitigations in the lines."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.skills.private import why_private
from assistant.skills.status.asking import ask_of
from assistant.skills.status.clauses import mitigation_in
from assistant.skills.status.colours import colour_of
from assistant.skills.status.dates import absolute_dates
from assistant.skills.status.notes import read_notes

THURSDAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    "line",
    [
        "tom's perf is slipping, talking to HR",
        "ravi out sick till 14 Dec",
        "dana got a counter-offer",
        "jo is interviewing elsewhere",
        "might lose 2 people in the reorg",
        "Priya is on a PIP",
        "in my 1:1 he said he wants to leave",
    ],
)
def test_personal_matters_are_private_in_an_update_marked_or_not(line: str) -> None:
    assert why_private(line, wide=True)


@pytest.mark.parametrize(
    "line",
    [
        "pip install fails on the CI image",
        "alerts fired 14 times on Sunday",
        "we need to raise the rate limit to 50 rps",
        "restructured the payout module",
        "query performance is fine after the index",
        "health check endpoint returns 200 again",
    ],
)
def test_work_that_only_looks_private_is_kept(line: str) -> None:
    assert why_private(line, wide=True) is None


@pytest.mark.parametrize(
    ("line", "colour"),
    [
        ("payouts: RED", "red"),
        ("🟡 statements: pdf timeouts", "amber"),
        ("ledger went green on monday", "green"),
        ("integration tests red 3 days running", None),
        ("overall: amber (pooler date + registry dependency). nothing red.", "amber"),  # h9: a colour denied
        ("legal gave us the green light", None),
        ("redis cluster resized", None),
    ],
)
def test_a_colour_is_the_lead_s_rag_not_a_build_or_a_green_light(line: str, colour: str | None) -> None:
    assert colour_of(line) == colour


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("need the cert by friday", "need the cert by Friday 2026-12-04"),
        ("shipped on Monday", "shipped on Monday 2026-11-30"),
        ("50% of traffic since Monday", "50% of traffic since Monday 2026-11-30"),  # read as the coming one before
        ("rollout tomorrow", "rollout tomorrow (2026-12-04)"),
        ("launch Friday 4 Dec", "launch Friday 4 Dec"),
        ("done EOW", "done EOW (by 2026-12-04)"),
        ("off next week", "off next week (week of 2026-12-07)"),
        # each clause has its own tense; an -ed word after "the" describes a noun; "moved to" names a new date
        (
            "the capped launch is on for 8 Dec and the go/no-go is Monday",
            "the capped launch is on for 8 Dec and the go/no-go is Monday 2026-12-07",
        ),
        ("merged, deploying Friday", "merged, deploying Friday 2026-12-04"),
        ("the delayed release is Friday", "the delayed release is Friday 2026-12-04"),
        ("cutover moved to Monday", "cutover moved to Monday 2026-12-07"),
        ("went to prod on Monday", "went to prod on Monday 2026-11-30"),
        ("deployed and tested on Monday", "deployed and tested on Monday 2026-11-30"),
        ("SEV2 Tuesday night, rolled back", "SEV2 Tuesday 2026-12-01 night, rolled back"),
        ("cutover done Sunday night", "cutover done Sunday 2026-11-29 night"),
        ("need it done by Friday", "need it done by Friday 2026-12-04"),
        ("dry run Tuesday went ok, go/no-go Monday", "dry run Tuesday 2026-12-01 went ok, go/no-go Monday 2026-12-07"),
        # h8: days that recur are no one date
        ("office hours Tue/Thu 15:00 UTC", "office hours Tue/Thu 15:00 UTC"),
        ("sync every Monday at 10", "sync every Monday at 10"),
        ("deploys on Mondays and Thursdays", "deploys on Mondays and Thursdays"),
        ("anyone free to pair fri/mon?", "anyone free to pair Friday 2026-12-04/Monday 2026-12-07?"),
    ],
)
def test_relative_dates_are_made_absolute_from_the_update_date(text: str, expected: str) -> None:
    assert absolute_dates(text, THURSDAY).text == expected


def test_next_weekday_is_read_as_the_coming_one_and_flagged_for_the_lead() -> None:
    resolved = absolute_dates("cutover next friday", THURSDAY)
    assert resolved.text == "cutover Friday 2026-12-04" and "check it" in resolved.changes[0]


def test_internal_lines_stay_inside_the_team_and_a_private_section_is_withheld_whole() -> None:
    notes = (
        "- internal: refactored the retry worker\n- v2 live\n## private\n- their lead skips our syncs\n"
        "## api\n- v1 off 31 Jan"
    )
    outside = read_notes(notes, outside=True)
    assert [line.text for line in outside.lines] == ["v2 live", "v1 off 31 Jan"]
    assert [w.text for w in outside.withheld] == ["internal: refactored the retry worker", "their lead skips our syncs"]
    inside = read_notes(notes)
    assert "internal: refactored the retry worker" in [line.text for line in inside.lines]
    assert outside.lines[1].stream == "api"


def test_asks_and_mitigations_are_read_from_the_lines() -> None:
    assert ask_of("need grace on the bank call by 7 Dec") == ("grace", "need grace on the bank call by 7 Dec")
    assert ask_of("lena to pick by 10 Dec") == ("lena", "lena to pick by 10 Dec")
    assert ask_of("need a decision on scope")[0] == ""  # type: ignore[index]
    assert ask_of("payouts shipped") is None
    assert mitigation_in(["GA at risk, aisha chasing their lead"]) == ("aisha chasing their lead", "aisha")


@pytest.mark.parametrize(
    ("line", "colour"),
    [
        ("cutover moved to 1 Dec", "amber"),
        ("cutover moved to 1 Dec, went fine, lag under 2 min", None),
        ("rollout not done, delayed by the vendor", "amber"),
        ("statements 80% done but the renderer times out, we might slip past 17 Dec", "amber"),
        ("onboarding BLOCKED on the contract", "red"),
    ],
)
def test_words_imply_a_colour_unless_the_line_says_it_is_over(line: str, colour: str | None) -> None:
    from assistant.skills.status.colours import cue_colour

    found = cue_colour(line)
    assert (found[0] if found else None) == colour


@pytest.mark.parametrize(
    "first", ["status notes wk 49 - for grace", "notes for grace, wk 49", "for checkout team:", "## Weekly update"]
)
def test_the_notes_title_is_neither_a_line_nor_a_workstream(first: str) -> None:
    notes = read_notes(f"{first}\n- payouts: GA at risk\n- search: reindex done")
    assert [line.text for line in notes.lines] == ["payouts: GA at risk", "search: reindex done"]
    kept = read_notes("- payouts: GA at risk\nstatus of the search reindex: done")
    assert len(kept.lines) == 2  # only the first line can be a title


def test_a_workstream_takes_the_past_updates_name_only_when_that_name_holds_all_its_words() -> None:
    from assistant.skills.status.streams import house_name

    past = ["Instant Payouts", "Database upgrade for the ledger", "New fraud model"]
    assert house_name("payouts", past) == "Instant Payouts"
    assert house_name("instant payouts", past) == "Instant Payouts"
    # One shared word is not the same project: the lead's own name is kept.
    assert house_name("fraud scorer", past) == "fraud scorer"
    assert house_name("DBT Upgrade", past) == "DBT Upgrade"
    assert house_name("Ledger Events", past) == "Ledger Events"
    assert house_name("ledger", past) == "Database upgrade for the ledger"


def test_the_tldr_ask_is_one_request_and_not_repeated() -> None:
    from assistant.skills.status.models import AskDraft
    from assistant.skills.status.tldr import ask_sentence, states_ask

    dana = AskDraft(
        what="need Dana to decide by 2026-12-08 whether we launch EU-only first", who="Dana", by="2026-12-08"
    )
    assert ask_sentence(dana) == "We need Dana to decide by 2026-12-08 whether we launch EU-only first."
    assert states_ask(dana, "Need Dana's decision by 2026-12-08.")  # already said: not added again
    assert not states_ask(dana, "Ledger is green.")
    grace = AskDraft(what="need grace on the northwind call on 7 Dec", who="grace")
    assert ask_sentence(grace) == "We need Grace on the northwind call on 7 Dec."
    assert ask_sentence(AskDraft(what="approve the launch", who="lena")) == "We need Lena to approve the launch."
    # The model's "verb: object" is a request, not a chain of labels ("Ask: Exec to decide: …").
    exec_ask = AskDraft(what="decide: drop SMS MFA?", who="Exec", by="2026-12-10")
    assert ask_sentence(exec_ask) == "We need Exec to decide whether to drop SMS MFA by 2026-12-10."
    grace_ask = AskDraft(what="approve: 2 contractor extensions", who="grace", by="5 Dec")
    assert ask_sentence(grace_ask) == "We need Grace to approve 2 contractor extensions by 5 Dec."
    assert ask_sentence(AskDraft(what="a volunteer for the swap")) == "We need a volunteer for the swap."
    please = AskDraft(what="please do not add new consumers after 15 Dec")
    assert ask_sentence(please) == "Please do not add new consumers after 15 Dec."


def test_an_ask_among_other_news_is_found_as_its_own_sentence() -> None:
    line = "cards v2: RED. vendor cant ship the sdk before the freeze. need omar to choose by 9 Dec, ivy owns"
    assert ask_of(line) == ("omar", "need omar to choose by 9 Dec, ivy owns")
    assert ask_of("ledger: 60% migrated. we need more data before going to 100%") is None  # news, not an ask


def test_polite_and_volunteer_asks_are_asks() -> None:
    assert ask_of("dana / design pls confirm the empty states") == (
        "dana / design",
        "dana / design pls confirm the empty states",
    )
    assert ask_of("release train has no driver next week, looking for a volunteer from mobile") == (
        "mobile",
        "release train has no driver next week, looking for a volunteer from mobile",
    )


def test_a_line_with_two_colours_gives_the_firm_worst_one() -> None:
    assert colour_of("everything green except the hold reasons, call that amber") == "amber"
    assert colour_of("green for now, might be amber next time") == "green"
    assert colour_of("was red last week, now green") == "green"


def test_a_denied_risk_word_is_not_a_risk() -> None:
    from assistant.skills.status.colours import cue_colour

    assert cue_colour("first on-call shift went fine, zero escalations") is None
    assert cue_colour("two escalations from merchants this week") == ("red", "escalations")


def test_asks_named_by_what_the_team_waits_for() -> None:
    assert ask_of("limits: blocked on omar's approval for the new caps")[0] == "omar"  # type: ignore[index]
    assert ask_of("need a yes/no from ivy on the rename")[0] == "ivy"  # type: ignore[index]
    assert ask_of("can someone from infra look at the quota before fri?")[0] == "infra"  # type: ignore[index]
    assert ask_of("blocked on the vendor, no eta") is None


def test_a_colour_written_as_its_rag_letter_is_read() -> None:
    assert colour_of("WS2 payouts - RAG: A. capped launch on track") == "amber"
    assert colour_of("overall RAG: G") == "green"
    assert colour_of("RAG status below") is None


def test_private_lines_in_more_words_never_reach_an_update() -> None:
    from assistant.skills.private import why_private

    private = [
        "- not for the update: ana's reviews are getting sloppy, talking to her fri",
        "- vertraulich: the raise pool for next year is tiny",
        "(note to self: ask about the on-call allowance gap)",
        "sam's back in hospital, asked me not to mention it",
        "ravi off since tue with a kidney stone",
    ]
    work = ["the allowance for retries is 3", "cert pinning is getting unreliable on android", "deploy operation fine"]
    assert all(why_private(line, wide=True) for line in private)
    assert not any(why_private(line, wide=True) for line in work)
