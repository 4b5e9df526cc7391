"""Notes written by someone else: a letter in paragraphs with its ask as a polite question, and bad news that no
workstream holds. Each case is a failure read by hand on a blind case (h3-04, h2-02), fixed by habit."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.skills.status.asking import ask_of
from assistant.skills.status.asks import _request, asked_for
from assistant.skills.status.colours import cue_colour
from assistant.skills.status.dates import absolute_dates, month_first
from assistant.skills.status.known import Known
from assistant.skills.status.models import StatusDraft
from assistant.skills.status.notes import read_notes
from assistant.skills.status.review import body
from assistant.skills.status.strays import strays
from assistant.skills.status.waiting import waited_for
from assistant.skills.status.words import lines_of

TODAY = dt.date(2026, 12, 3)

LETTER = """\
Hi Lena,

Rough notes ahead of tomorrow's sync; I'll turn them into the proper update after we've spoken.

Refunds. Partial refunds are live for all sellers since Monday and the error rate is flat. The bank told Mo that \
refunds above EUR 5,000 will be rejected on their side, which nobody said before. About 4% of refund requests are \
above that. Would you be happy for us to cap refunds at EUR 5,000 for now and do the split on 12 January? I'd need \
to know by Monday to get it in before the freeze.

Statements. The CSV export is live and 610 sellers used it. PDF stays in January.

Thanks,
Priya
"""


def test_a_letter_is_read_sentence_by_sentence_under_its_lead_in_without_greeting_title_or_signature() -> None:
    notes = read_notes(LETTER, outside=True)
    texts = [line.text for line in notes.lines]
    assert notes.addressee == "Lena"
    assert not any(t.startswith(("Hi", "Rough notes", "Thanks", "Priya")) for t in texts)
    assert {line.stream for line in notes.lines} == {"Refunds", "Statements"}
    assert "Refunds: About 4% of refund requests are above that." in texts
    assert "Statements: PDF stays in January." in texts


def test_a_short_note_with_two_sentences_or_a_table_row_is_not_split() -> None:
    notes = read_notes("- ledger: cutover done. lag under 2 min\n| WS1 | On track | Ravi | done. next: decom |\n")
    assert len(notes.lines) == 2


def test_a_rejection_told_calmly_is_a_risk() -> None:
    assert cue_colour("refunds above EUR 5,000 will be rejected on their side") == ("amber", "will be rejected")


def test_a_polite_question_to_the_reader_is_an_ask_of_the_person_greeted_with_the_date_from_the_next_sentence() -> None:
    notes = read_notes(LETTER, outside=True)
    lines = [line.model_copy(update={"text": absolute_dates(line.text, TODAY).text}) for line in notes.lines]
    known = Known(lines=lines, today=TODAY, audience="product", addressee=notes.addressee)
    draft = StatusDraft(tldr="-", streams=[{"name": "Refunds", "note": "live"}, {"name": "Statements", "note": "CSV"}])
    content = body(draft, known)
    assert [(a.who, a.what, a.by) for a in content.asks] == [
        ("Lena", "agree that we cap refunds at EUR 5,000 for now and do the split on 12 January", "2026-12-07")
    ]
    assert {s.name: s.rag for s in content.streams} == {"Refunds": "amber", "Statements": "green"}


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Grace, could you ask their head of partnerships for it in writing?", "Grace"),
        ("so, could you confirm the date by Friday?", ""),
        ("Are you ok with shipping CSV first?", ""),
        ("blocked on nadia's sign-off for the 100% step", "nadia"),
        ("need a yes/no from keiko on the rename", "keiko"),
    ],
)
def test_asks_by_what_the_team_waits_for_and_questions_name_who_is_asked(sentence: str, who: str) -> None:
    found = waited_for(sentence)
    assert found is not None and found[0] == who
    assert ask_of(sentence) is not None


def test_we_would_be_happy_to_help_asks_nothing() -> None:
    assert waited_for("we would be happy to help them test") is None


BURIED = """\
mostly good week!!
- ledger upgrade done sun, smooth, 0 late payouts
- fraud model at 50%, false holds 1.4%, on target
- one small thing: on 1 dec the bank sent the ack twice and we didn't dedupe, so 37 sellers got paid twice
- finance clawed most of it back, ~EUR 11k still out across 9 sellers
- on-call quieter, 6 pages
"""


def test_bad_news_no_workstream_holds_gets_a_row_of_its_own_named_in_the_leads_words() -> None:
    lines = read_notes(BURIED, outside=True).lines
    found = strays(["Ledger upgrade", "Fraud model", "On-call"], lines)
    assert [s.name for s in found] == ["37 sellers paid twice"]  # the next line goes on about it: no second row
    draft = StatusDraft(tldr="-", streams=[{"name": "Ledger upgrade", "note": "done"},
                                           {"name": "Fraud model", "note": "50%"},
                                           {"name": "On-call", "note": "quieter"}])  # fmt: skip
    content = body(draft, Known(lines=lines, today=TODAY, audience="exec"))
    assert "37 sellers paid twice" in content.tldr and "on track" in content.tldr
    assert [r.stream for r in content.risks] == ["37 sellers paid twice"]


def test_a_summary_line_or_how_a_loose_item_stands_makes_no_row() -> None:
    notes = "- big picture: one red, one amber-ish, rest fine\n- budget for load test env, waiting on finance\n"
    assert strays(["Payouts"], read_notes(notes).lines) == []


@pytest.mark.parametrize(
    ("what", "shown"),
    [
        ("decide: ship without PDF or move the date", "decide whether to ship without PDF or move the date"),
        ("answer: 11k write off vs keep chasing", "answer on 11k write off vs keep chasing"),
        ("decide: overflow-to-standard vs sold-out message", "decide between overflow-to-standard vs sold-out message"),
        ("approve: 2 contractor extensions", "approve 2 contractor extensions"),
        ("sign off the rollout plan", "sign off the rollout plan"),
    ],
)
def test_an_ask_the_model_wrote_as_a_label_reads_as_words(what: str, shown: str) -> None:
    assert asked_for(what) == shown


def test_what_the_notes_ask_for_is_not_also_listed_as_done() -> None:
    notes = "- registry: schemas registered 12/1\n- need someone from data platform to bump retention by 12/9\n"
    draft = StatusDraft(tldr="-", streams=[{"name": "Registry", "note": "registered"}],
                        done=["registry registration", "retention bumped"])  # fmt: skip
    content = body(draft, Known(lines=read_notes(notes).lines, today=TODAY, audience="other_team"))
    assert content.done == ["registry registration"]


GERMAN_HABITS = """\
Exec Update KW49 – input for Grace (pls shorten, she wants 1 page!!)
Stand: 03.12.2026

=== 1) Fraud v3 ===
Status: RED (was green)
- Root cause: the logging flag was off for the 50 % cohort
- DECISION NEEDED from Grace: ok to pull Hannah off the registry work for 2 weeks?

=== 2) Ledger PG16 ===
Status: green (becomes yellow if the answer in 1) is yes)
- Costs: both clusters in parallel, ca. 4.000 EUR extra in December

=== Sonstiges ===
- Offsite 09.12. Dublin
"""


def test_headings_in_other_clothes_name_the_workstream_and_labels_under_them_do_not() -> None:
    notes = read_notes(GERMAN_HABITS, outside=True)
    assert notes.lines[0].text == "Status: RED (was green)"  # no title, no "Stand:" date line
    assert {line.stream for line in notes.lines} == {"Fraud v3", "Ledger PG16", None}
    colours = {line.stream: line.colour for line in notes.lines if line.colour}
    assert colours == {"Fraud v3": "red", "Ledger PG16": "green"}  # a colour it becomes "if …" does not count


@pytest.mark.parametrize("heading", ["## This week", "Last sprint:", "KW49:", "Summary:"])
def test_a_heading_that_says_when_leaves_the_lines_prefixes_as_their_workstreams(heading: str) -> None:
    notes = read_notes(f"{heading}\n- payouts: cert late\n- ledger: cutover done\n")
    assert [line.stream for line in notes.lines] == ["payouts", "ledger"]


def test_a_short_line_after_a_blank_line_with_bullets_under_it_is_a_heading() -> None:
    notes = read_notes("ok so. big picture first\n\ninstant payouts\n- cert slips to jan\n- i'd call it red\n\n"
                       "ledger / pg16\n- cutover done\n- green\n")  # fmt: skip
    streams = {line.text: line.stream for line in notes.lines}
    assert streams == {
        "ok so. big picture first": None,
        "cert slips to jan": "instant payouts",
        "i'd call it red": "instant payouts",
        "cutover done": "ledger / pg16",
        "green": "ledger / pg16",
    }


@pytest.mark.parametrize(
    ("line", "stream"),
    [
        ("🟢 WS1 ledger: pg13 box off 11 dec", "WS1 ledger"),
        ("fraud v3: rollout to 100% tomorrow", "fraud v3"),
        ("RFC-014 decision 30 Nov: approved", None),
        ("12/7 sync: moved", None),
    ],
)
def test_a_workstream_code_is_part_of_its_name_and_a_date_is_not(line: str, stream: str | None) -> None:
    assert read_notes(f"- {line}\n- other: x\n").lines[0].stream == stream


def test_a_piece_of_a_workstreams_line_folds_into_it_when_other_workstreams_come_first() -> None:
    from assistant.skills.status.models import StreamDraft
    from assistant.skills.status.streams import _one_each

    notes = "## Payouts\n- northwind cert late, GA at risk\n## Ledger\n- cutover done\n- fraud model at 50%\n"
    known = Known(lines=read_notes(notes).lines, today=TODAY, audience="team")
    drafted = [StreamDraft(name=n, note="x y z") for n in ("Ledger", "Fraud model", "Payouts", "Northwind cert")]
    assert [s.name for s in _one_each(drafted, known)] == ["Ledger", "Payouts"]  # each piece folded into its own


def test_a_pasted_chat_keeps_what_was_said_and_who_said_it_not_times_handles_or_emoji() -> None:
    notes = read_notes(
        "pasted from #payments-leads, tue/wed\n[Tue 09:12] @ravi.menon: cutover done, ledger on PG16\n"
        "[Tue 09:14] @priya: 🎉\n@lena.ortiz: I can hold the waitlist email but not past the 10th\n"
    )
    assert [line.text for line in notes.lines] == [
        "cutover done, ledger on PG16 (ravi)",
        "I can hold the waitlist email but not past the 10th (lena)",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "pvt: Marcus's promo to E4 approved, don't announce till Dmitri tells him",
        "Ravi's wife had the baby on Sunday, he's off till the 4th, don't put that in",
        "Ravi's been checked out for weeks, missing standups, need to raise it with Dmitri",
        "(just for me) Hannah's physio mornings",
        "Privately, I think he is leaving",
        "privately I think he is leaving soon",
        "NFS: Tomás asked me about the staff eng opening on the other team",
        "scratch: jun 3rd missed estimate this month, raise w/ dmitri before perf cycle",
        "not for distro: marcus wants to go part-time from march",
        "1:1 w/ hannah: wants to move to data platform in Q2, hasn't told anyone yet",
        "dmitri hinted MM could be split into two orgs in Q2, nothing official",
        "Marcus is done with holiday on-call if his holiday pay is not sorted",
        "also Jun asked for flexible hours for a few weeks, his mum is moving in after her stroke, I said yes",
        "Ravi's been working through a slipped disc flare-up, half days this week",
        "Dana's back from the hospitalisation, easing in",
        "Lena is looking after her dad this week, replies may be slow",
        "Omar had a panic attack before the demo, we moved it",
        "Priya's visa renewal appointment is on the 14th, she'll be out",
        "there's a complaint against Tom from the contractor, HR is looking at it",
        "Sam is thinking about leaving after the reorg news",
        "Ana's RSUs vest in May, she might stay till then",
        "Kofi out Thursday, family emergency",
        # h7: flagged at the end of the line, or about HR
        "Jun: permit renewal still stuck, if it's not done by June he can't travel to the offsite. keep private",
        "design review got heated; Hannah raised a formal complaint with HR about comments Tomás made",
        "Marcus asked again about his equity refresh, need to chase Dmitri. Not for Grace.",
        "we should also say, and this stays in the leads' channel, that the offsite budget was cut",
        "Jun's probation gets extended a month, which we will not be mentioning to the wider team",
        "the review on 25 May went badly, do not discuss in channel",
        # h8: an accommodation, counselling, a flag the line opens with or ends on, someone looking around
        "[09:16] dmitri: jun asked for the quiet room + headphones as an ADHD accommodation, approved",
        "sensitive: Jun mentioned he's been sleeping badly since the incident",
        "Jun has been seeing a counsellor since the incident, he asked me to keep it to myself",
        "Ravi's been quietly asking about the staff eng opening on the Treasury team, don't put that anywhere",
        "Ravi is probably testing the market",
        "Ravi and Hannah told me they're together now - pls don't let it near the update",
        "Tomás has been seeing a speech therapist for his stutter",
        "Samir asked for reasonable adjustments after his dyslexia assessment",
        # h9: written to get past a word list, each flagged or about a person in a way the rules did not know
        "(just us) Aisha's in family court on the 21st about the kids, she'll be offline all day",
        "Aisha will be offline all day and really doesn't want it mentioned",
        "Tomás has been on lithium since the summer and it's finally levelled out, he's doing so much better",
        "honestly I don't think Tomás is ready for senior this cycle",
        "the v4 rollout was mostly Nadia's people pushing him - not for the doc",
        "Ravi's updated his LinkedIn and took a recruiter call last week",
        "Ravi took a call last week (for my eyes only)",
        "Jun asked me to keep it quiet but he's at Friday prayers 12:30-14:00 now",
        "Marcus asked whether he could cash out his unused PTO early, sounds like the mortgage reset hit them hard",
        "Hannah: she'll tell everyone after Tuesday - until then mum's the word",
        "Aisha's L6 went through calibration on Tuesday, letter goes out 1 Dec, can't say anything till then",
        "Nota para mí: Tomás me contó que está en trámites de divorcio - no compartir.",
        "Marcus has the landlord thing at small claims on the 18th - keep it vague if anyone asks where he is",
        "Hannah's been in a rough patch since the wedding got called off",
        "starting a paper trail before his mid-year",
    ],
)
def test_private_lines_written_by_someone_else_are_withheld(line: str) -> None:
    assert read_notes(f"- payouts: fine\n- {line}\n", outside=True).withheld


@pytest.mark.parametrize(
    "line",
    [
        "private key rotated on the bank gateway",
        "private beta is live for 20 sellers",
        "build promoted to prod",
        "payroll integration ships friday",
        "1:1 with the bank went fine",
        "nothing official from Northwind yet on the cert date",
        "scratch that, cutover is Sunday",
        "new stroke width on the chart icons ships with the redesign",
        "partner bank confirmed the cert slot",
        "the child process is restarted by the supervisor",
        "error-rate flare-up after the deploy, rolled back in 10 min",
        "family of services behind the gateway all on the new TLS config",
        "Visa 3DS cert passed, Mastercard next week",
        "Visa and Mastercard both live for GBP",
        "keep private key rotation on the runbook",
        "not for now, the cutover waits for the freeze",
        "hr-service migration to the new cluster is done",
        "sensitive data fields masked in the export",
        "sanctions screening is sensitive to the new name-matching threshold",
        "opening the UK rail to all sellers on 08-30",
        "the accommodation booking API for the travel marketplace is live",
        "ledger and recon together now cover all USD settlement lines",
        "would be great if grace could OK the €9k/yr stipend for a 2nd on-call rotation before budget lock",
        "fraud model calibration run on Tuesday, thresholds unchanged",
        "payouts to custody accounts are live for the 3 partner banks",
        "the recruiter sent 3 candidates for the open SRE role",
        "can't say anything about the date until Northwind confirms the cert",
    ],
)
def test_work_that_only_sounds_private_is_kept(line: str) -> None:
    assert not read_notes(f"- payouts: fine\n- {line}\n", outside=True).withheld


@pytest.mark.parametrize(
    ("line", "colour"),
    [
        ("GA out, 3,400 payouts and not one stuck", None),
        ("export was blocked on Merchant Experience, unblocked Wed", None),
        ("v3 was stuck at 50% waiting on Nadia, she signed Tue", None),
        ("cert was delayed again to Jan", ("amber", "delayed")),
        # h8: a launch that did not happen on its date, a partner that will not approve it yet
        ("USD payouts via Meridian Bank did NOT go live on 2027-08-16.", ("red", "did NOT go live")),
        ("their compliance team won't approve prod until a re-review", ("red", "won't approve")),
        ("UK instant didn't launch: the rail cert failed", ("red", "didn't launch")),
        ("we did not go live with a bug, the flag stayed off until the fix", None),
    ],
)
def test_a_risk_the_line_denies_or_says_is_over_sets_no_colour(line: str, colour: tuple[str, str] | None) -> None:
    assert cue_colour(line) == colour


@pytest.mark.parametrize(
    ("sentence", "who", "wanted"),
    [
        ("can we get Grace to call Northwind's head of partnerships before Monday?", "Grace",
         "call Northwind's head of partnerships before Monday"),
        ("Q1 roadmap is in the doc, Grace needs to sign it off by 15 Jan", "Grace", "sign it off by 15 Jan"),
        ("would be great if someone could take the flaky test PAY-830", "", "take the flaky test PAY-830"),
        ("not sure who owns the call on PDF-in-v1 vs later but we need one by Friday", "",
         "make the call on PDF-in-v1 vs later"),
        ("it would help if support could route escalations to me", "support", "route escalations to me"),
    ],
)  # fmt: skip
def test_asks_made_in_passing_name_who_is_asked_and_what(sentence: str, who: str, wanted: str) -> None:
    found = ask_of(sentence)
    assert found is not None and found[0] == who
    assert _request(found[1], found[0]) == wanted


def test_calling_this_red_on_a_line_of_its_own_colours_the_workstream_above() -> None:
    notes = (
        "- fraud v3 p99 crept to 131ms, budget 120\n- calling this red until Keiko commits a date\n"
        "- statements: nothing new\n- everything green except hold reasons, call that amber\n"
    )
    lines = read_notes(notes).lines
    assert [line.text[:12] for line in lines_of("fraud v3", ["fraud v3", "statements"], lines)] == [
        "fraud v3 p99",
        "calling this",
    ]
    assert len(lines_of("statements", ["fraud v3", "statements"], lines)) == 1


def test_dates_without_a_year_are_read_by_their_weekday_or_the_notes_habit_and_fractions_are_left_alone() -> None:
    notes = (
        "producer flips Mon 12/14, prod Tue 1/12\nfreeze 12/23-1/11\ncutover Tue 12/1\n2/3 of cases\nregistered 12/1"
    )
    order = month_first(notes)
    assert order is True
    resolved = [absolute_dates(line, TODAY, order).text for line in notes.splitlines()]
    assert resolved == [
        "producer flips Monday 2026-12-14, prod Tuesday 2027-01-12",
        "freeze 2026-12-23-2027-01-11",
        "cutover Tuesday 2026-12-01",
        "2/3 of cases",
        "registered 12/1",  # no weekday or preposition: left as the lead wrote it
    ]


def test_quoted_copy_asks_nothing_and_can_we_get_reads_as_a_request() -> None:
    assert ask_of('copy below is approved: "Please check your bank details and try again."') is None
    found = ask_of("can we get one name on your side to own the consumer upgrade?")
    assert found is not None
    assert _request(found[1], found[0]) == "one name on your side to own the consumer upgrade"


def test_a_pasted_table_gives_each_row_its_workstream_and_colour_and_drops_header_and_rule() -> None:
    notes = read_notes(
        "| ws | owner | rag | next |\n|---|---|---|---|\n| ledger pg16 | Ravi | G | done |\n"
        "| history export | Aisha | A | pick option |\n| WS5 Reliability | Marcus | Off track | 9 pages |\n"
    )
    assert [(line.stream, line.colour) for line in notes.lines] == [
        ("ledger pg16", "green"),
        ("history export", "amber"),
        ("WS5 Reliability", "red"),
    ]


def test_numbered_sections_brackets_arrows_and_an_asks_heading_are_read_as_leads_write_them() -> None:
    notes = read_notes(
        "1. Incident INC-2027-003, SEV1\n   a. 312 sellers paid twice\n   b. EUR 53,300 still open\n"
        "2. fraud-scorer: fail-closed from 9 Dec\n   a. your client retries on fallback=true\n"
        "(R) your Kafka upgrade window, Wed 24 Feb\n(a) move it to 15-19 Feb\n→ CSV export shipped 28 Jan. Green.\n"
        "5. Decisions needed\n   a. Grace: write off the EUR 53,300 or send it to collections, by 13 Jan\n"
    )
    got = [(line.text[:24], line.stream, line.colour, line.asked) for line in notes.lines]
    assert got == [
        ("312 sellers paid twice", "Incident INC-2027-003, SEV1", None, False),
        ("EUR 53,300 still open", "Incident INC-2027-003, SEV1", None, False),
        ("fraud-scorer: fail-close", "fraud-scorer", None, False),
        ("your client retries on f", "fraud-scorer", None, False),  # the item belongs to the line above it
        ("(R) your Kafka upgrade w", None, "red", False),
        ("(a) move it to 15-19 Feb", None, None, False),  # an option, not amber
        ("CSV export shipped 28 Ja", None, "green", False),
        ("Grace: write off the EUR", None, None, True),
    ]
    assert cue_colour("SEV1 on Tuesday, 312 sellers paid twice") == ("red", "SEV1")


def test_an_incident_section_is_red_by_its_heading_and_a_time_is_not_a_prefix() -> None:
    from assistant.skills.status.clauses import mitigation_in
    from assistant.skills.status.streams import colour
    from assistant.skills.status.words import shortened

    notes = read_notes(
        "1. Incident INC-2027-003, SEV1\n   a. Tue 5 Jan 09:12-10:47 UTC: a retry bug re-sent payouts\n"
        "2. Fraud model\n   a. 100% since 5 Jan\n"
    )
    assert colour("Incident INC-2027-003, SEV1", notes.lines[:1]) == ("red", "'SEV1' in your notes")
    assert colour("Remaining double payout", notes.lines[:1])[0] == "green"  # a name the model made says nothing
    draft = StatusDraft(tldr="-")
    content = body(draft, Known(lines=notes.lines, today=TODAY, audience="exec"))
    assert content.streams[0].note.startswith("Tue 5 Jan 09:12-10:47 UTC")
    assert mitigation_in(["first working day, aisha is replaying the queue"]) == (
        "aisha is replaying the queue",
        "aisha",
    )
    assert mitigation_in(["first working day is replaying the queue"])[1] == ""  # type: ignore[index]
    assert shortened("expects <105 by end of next week (week of 2026-12-14)", 36) == "expects <105 by end of next week…"


def test_a_table_rows_note_and_parts_are_its_note_cells_not_its_pipes() -> None:
    notes = "| ws | owner | rag | next | note |\n|---|---|---|---|---|\n"
    notes += "| ledger pg16 | Ravi | G | done | old cluster off |\n"
    notes += "| instant payouts | Aisha | A | open to all 12/17 | cert late, sellers would wait |\n"
    content = body(StatusDraft(tldr="-"), Known(lines=read_notes(notes).lines, today=TODAY, audience="product"))
    assert [s.note for s in content.streams] == ["old cluster off", "open to all 12/17; cert late, sellers would wait"]
    assert "|" not in " ".join(f"{r.issue} {r.impact} {r.mitigation}" for r in content.risks)
