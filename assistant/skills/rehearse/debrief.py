"""The debrief: each rubric criterion scored 0-2 by code from the tags of the lead's own lines, with a quote of the
lead's words and a better alternative taken from the scenario's prep sheet. The model only writes the summary, and a
summary that quotes words the lead never said is replaced by one code writes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.skills.rehearse.models import Criterion, Debrief, Line, TurnTag
from assistant.skills.rehearse.scenario import Scenario

MAX_QUOTE_WORDS = 30
# The lead's share of the words said. A 1:1 belongs to the other person: the lead talking for most of it is the
# commonest failure in the domain reference.
GOOD_RATIO, FAIR_RATIO = 0.5, 0.65
_DATED = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri)day|\bnext (?:week|sprint|1:1)|\bcheck[- ]in|\bfollow[- ]?up|\bin (?:a|two|one) "
    r"weeks?|\bby (?:the )?end of|\b\d{1,2}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)


def _clip(text: str) -> str:
    words = text.split()
    return " ".join(words[:MAX_QUOTE_WORDS]) + ("…" if len(words) > MAX_QUOTE_WORDS else "")


def _with(lines: Sequence[Line], tag: TurnTag) -> list[Line]:
    return [line for line in lines if tag in line.tags]


def _quote(found: Sequence[Line], fallback: Line | None) -> str:
    line = found[0] if found else fallback
    return _clip(line.text) if line is not None else ""


def _ratio(transcript: Sequence[Line]) -> float:
    # The scripted greeting is not the counterpart's talking: it is there before the lead says a word.
    spoken = [line for line in transcript if line.source != "script"]
    lead = sum(len(line.spoken.split()) for line in spoken if line.speaker == "lead")
    total = sum(len(line.spoken.split()) for line in spoken)
    return round(lead / total, 2) if total else 0.0


def _score(count: int, good: int, fair: int) -> int:
    return 2 if count >= good else 1 if count >= fair else 0


def criteria(scenario: Scenario, transcript: Sequence[Line]) -> list[Criterion]:
    # Only what the counterpart heard is scored and quoted: words to the tool ("are you an AI?") are not the lead's
    # conversation (rehearse/frame.py).
    lead = [
        line.model_copy(update={"text": line.spoken}) for line in transcript if line.speaker == "lead" and line.spoken
    ]
    first = lead[0] if lead else None
    longest = max(lead, key=lambda line: len(line.text.split()), default=None)
    prep = scenario.prep
    point = prep.sbi[0]
    found: list[Criterion] = []

    def add(cid: str, name: str, score: int, *texts: str) -> None:
        evidence, quote, better = texts
        found.append(Criterion(id=cid, name=name, score=score, evidence=evidence, quote=quote, better=better))

    purposed = [i for i, line in enumerate(lead[:2]) if "purpose" in line.tags]
    add("purpose", "Opened with the purpose", 2 if purposed == [0] or 0 in purposed else 1 if purposed else 0,
        "said why you were meeting in your first line" if purposed and purposed[0] == 0
        else "said why you were meeting in your second line" if purposed else "never said why you were meeting",
        _quote([], first), prep.opening_line)  # fmt: skip

    facts, judged = _with(lead, "sbi_fact"), _with(lead, "label") + _with(lead, "blame")
    add("facts", "Stated observable facts", 2 if facts and not judged else 1 if facts else 0,
        f"{len(facts)} line(s) with a dated, observable fact" + (f"; {len(judged)} with a judgement" if judged else ""),
        _quote(facts, judged[0] if judged else longest),
        f"{point.situation}: {point.behavior}. The effect: {point.impact}.")  # fmt: skip

    asked = _with(lead, "open_question")
    add("questions", "Asked open questions", _score(len(asked), 2, 1),
        f"{len(asked)} open question(s)", _quote(asked, next((li for li in lead if "?" in li.text), longest)),
        " / ".join(prep.questions[:2]))  # fmt: skip

    ratio = _ratio(transcript)
    cut = _with(lead, "interruption")
    listened = 2 if ratio <= GOOD_RATIO and not cut else 1 if ratio <= FAIR_RATIO and len(cut) <= 1 else 0
    add("listening", "Listened more than talked", listened,
        f"you said {round(ratio * 100)}% of the words; {len(cut)} point(s) brushed aside",
        _quote(cut, longest),
        f"Say less, ask one question, then wait. When {scenario.counterpart.first_name} explains, reflect it back "
        "before answering: 'So what I'm hearing is…, is that right?'")  # fmt: skip

    acks = _with(lead, "acknowledgement")
    add("emotion", "Acknowledged their feelings", _score(len(acks), 2, 1), f"{len(acks)} acknowledgement(s)",
        _quote(acks, longest),
        "Name what you hear before moving on: 'That sounds like a frustrating couple of weeks. "
        "Thanks for telling me.'")  # fmt: skip

    add("labels", "Avoided labels and absolutes", 2 if not judged else 1 if len(judged) == 1 else 0,
        f"{len(judged)} line(s) with a label, an absolute or blame", _quote(judged, None),
        f"Describe the behaviour instead: {point.behavior}.")  # fmt: skip

    steps = _with(lead, "next_step")
    dated = [line for line in steps if _DATED.search(line.text)]
    add("next_steps", "Agreed next steps and a follow-up", 2 if dated else 1 if steps else 0,
        f"{len(steps)} next step(s), {len(dated)} with a date or check-in",
        _quote(dated or steps, lead[-1] if lead else None),
        prep.follow_up)  # fmt: skip
    return found


def code_summary(scenario: Scenario, found: Sequence[Criterion], revealed: bool) -> str:
    strong = [c.name.lower() for c in found if c.score == 2]
    weak = [c.name.lower() for c in found if c.score == 0]
    name = scenario.counterpart.first_name
    parts = []
    if strong:
        parts.append(f"What worked: {', '.join(strong[:3])}.")
    if weak:
        parts.append(f"Work on: {', '.join(weak[:3])}.")
    parts.append(
        f"{name} told you what was really going on." if revealed
        else f"{name} never got to say what was really going on: that takes questions and room before solutions."
    )  # fmt: skip
    return " ".join(parts)


_QUOTED = re.compile(r"[\"“]([^\"”]{8,})[\"”]")


def summary_is_faithful(summary: str, transcript: Sequence[Line]) -> bool:
    """Every quotation in the summary is words the lead or the counterpart actually said."""
    said = " ".join(" ".join(line.text.split()).lower() for line in transcript)
    return all(" ".join(q.split()).lower().strip(" .,!?") in said for q in _QUOTED.findall(summary))


Summarise = Callable[[Scenario, Sequence[Criterion], bool], str]


def debrief(scenario: Scenario, transcript: Sequence[Line], revealed: bool, summarise: Summarise | None) -> Debrief:
    found = criteria(scenario, transcript)
    summary, source = "", "code"
    if summarise is not None:
        summary = summarise(scenario, found, revealed).strip()
        if summary and summary_is_faithful(summary, transcript):
            source = "model"
    if source == "code":
        summary = code_summary(scenario, found, revealed)
    return Debrief(
        criteria=found, total=sum(c.score for c in found), out_of=2 * len(found), talk_ratio=_ratio(transcript),
        revealed=revealed, summary=summary, summary_source=source,
    )  # fmt: skip
