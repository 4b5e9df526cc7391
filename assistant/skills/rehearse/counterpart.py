"""The counterpart's next line: the scene as a script the model continues (JSON ``{"says": …}`` under a grammar),
checked by the guard, written again once with an instruction for what went wrong, then replaced by a scripted
in-character line. How they feel is decided by code from the mood and told to the model."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import LLMError
from assistant.llm.protocol import LLM
from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.grounding import neutralise
from assistant.skills.rehearse.guard import ATTACKED, MEANING, Problem, fallback_line, problems
from assistant.skills.rehearse.models import Line, Source
from assistant.skills.rehearse.mood import Mood
from assistant.skills.rehearse.scenario import Scenario, Trait

PROMPT_ID = "rehearse/counterpart"
# One to three spoken sentences, plus the JSON around them.
MAX_TOKENS = 80
TEMPERATURE = 0.8  # a person, not a template: some variety between rehearsals of one scenario
SEED_BASE = 7
ATTACKED_NOTES = frozenset(MEANING[problem] for problem in ATTACKED)
STRAINED = 8.0  # stress at which they are upset whatever the trust
# The embedded model has a 4k context: the oldest lines go first, the scene always stays.
MAX_SCRIPT_LINES = 16


class Reply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The grammar holds the line to about 35 words: unbounded, the embedded model read out every detail it was given.
    says: str = Field(min_length=1, max_length=220)


class Puzzled(BaseModel):
    """The reply to a line that was all words to the tool: asked for "a dozen words at most", the embedded model still
    read out the scene after "I can't believe what you just said." in 3 of 5 such replies; the grammar ends it there."""

    model_config = ConfigDict(extra="forbid")

    says: str = Field(min_length=1, max_length=90)


def whole_sentences(text: str) -> str:
    """The line without a sentence the length cap cut off ("… and I"), when a whole sentence comes before it."""
    if text.endswith((".", "?", "!", "…")):
        return text
    end = max(text.rfind(". "), text.rfind("? "), text.rfind("! "))
    return text[: end + 1] if end > 0 else text


def feeling(mood: Mood, traits: Sequence[Trait]) -> str:
    """How they feel, from the state (the model is told, not asked): a grammar-chosen emotion first in the reply
    measured as the tail wagging the dog ("angry", then an angry line to a kind question)."""
    if mood.stress >= STRAINED:
        return "upset"
    if mood.openness != "closed":
        return {"guarded": "guarded", "opening": "a little more at ease", "open": "open"}[mood.openness]
    if {"defensive", "combative"} & set(traits):
        return "defensive"
    return "hurt" if "emotional" in traits else "withdrawn"


class Spoken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    says: str
    feels: str
    source: Source
    guard: list[str]


def next_detail(scenario: Scenario, lines: Sequence[Line]) -> str | None:
    """One detail per reply, in order, chosen by code: given the whole list, the model read it all out at once."""
    # A puzzled answer to words meant for the tool was offered no detail, so it does not use one up.
    answered = sum(
        1
        for before, line in zip([None, *lines], lines, strict=False)
        if line.speaker == "counterpart" and line.source != "script" and (before is None or before.spoken)
    )
    return scenario.may_mention[answered] if answered < len(scenario.may_mention) else None


def _model_view(lines: Sequence[Line]) -> Iterator[Line]:
    """The lines the model sees. The scripted greeting stays out (the model opened every reply by repeating it), and
    so does an exchange that ended in the fallback line: an attack ("what would a good manager say?") left in the
    script kept steering the next replies into coaching, and a fallback line left in got copied."""
    for index, line in enumerate(lines):
        if line.source in {"script", "fallback"}:
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        if line.speaker == "lead" and after is not None and (after.source == "fallback" or _attacked(after)):
            continue
        if line.speaker == "lead" and after is not None and not line.spoken:
            continue  # words to the tool, answered: once past, the puzzled reply needs no place in the script
        if line.speaker == "counterpart" and (_attacked(line) or (index and not lines[index - 1].spoken)):
            continue
        yield line


def _attacked(reply: Line) -> bool:
    """The reply's first attempt broke character: the lead's line was most likely an attack, so the exchange leaves
    the model's view (left in, "what would a good manager say?" steered the next replies into coaching)."""
    return any(note in ATTACKED_NOTES for note in reply.guard)


def _script(scenario: Scenario, lines: Sequence[Line], offstage: str) -> str:
    name = scenario.counterpart.first_name
    shown = list(_model_view(lines))[-MAX_SCRIPT_LINES:]
    said = [f'{"Lead" if line.speaker == "lead" else name}: "{_heard(line, offstage)}"' for line in shown]
    return "\n".join(said)


def _heard(line: Line, offstage: str) -> str:
    """What the counterpart heard of a line; a lead line that was all words to the tool shows as ``offstage``."""
    return _quoted(line.spoken) if line.spoken else offstage


def _quoted(text: str) -> str:
    return neutralise(" ".join(text.split())).replace('"', "'")


def build_prompt(
    scenario: Scenario,
    traits: Sequence[Trait],
    lines: Sequence[Line],
    mood: Mood,
    *,
    newly: bool,
    redo: Sequence[Problem] = (),
    said: Sequence[Line] | None = None,
) -> RenderedPrompt:
    """``lines`` are what the model sees of the script; ``said`` (default: ``lines``) is the whole transcript, which
    decides the next detail to mention (a retry that shows only the lead's lines must not start the details over).
    A retry after a reply that read out the scene is written without the scene's two long texts (what the lead knows,
    how they see it): with them, the embedded model read them out again, most often when it had nothing to answer."""
    prompt = load_prompt(PROMPT_ID)
    part = prompt.parts
    now = f"{scenario.counterpart.first_name} feels {feeling(mood, traits)}. " + part[mood.openness]
    last = next((line for line in reversed(lines) if line.speaker == "lead"), None)
    puzzled = last is not None and not last.spoken  # the lead talked to the tool: the person only hears something odd
    if puzzled:
        now += " " + part["odd"]  # and no detail to mention: offered one, the model read out the scene instead
    elif mood.revealed:
        # The concern enters the prompt only here, after trust was earned: before, no attack can make it leak.
        now += " " + (part["reveal"] + " " + scenario.hidden_concern if newly else part["revealed"])
    elif (detail := next_detail(scenario, lines if said is None else said)) is not None:
        now += " " + part["mention"] + " " + detail
    # A retry: what to do instead, per problem (the prompt's redo_* parts), or a general nudge after broken JSON.
    now += "".join(" " + fix for fix in dict.fromkeys(part.get(f"redo_{problem}", part["redo"]) for problem in redo))
    bare = "scene" in redo
    person = scenario.counterpart
    return prompt.render(
        name=person.first_name,
        role=person.role,
        situation="" if bare else scenario.situation.strip(),
        traits=" ".join(part[t] for t in traits),
        view="" if bare else scenario.their_view.strip(),
        script=_script(scenario, lines, part["offstage"]),
        now=now,
        last=_heard(last, part["offstage"]) if last is not None else "",
    )


def warm_up(llm: LLM, scenario: Scenario, traits: Sequence[Trait]) -> threading.Thread:
    """Read the counterpart prompt's static prefix (system text, examples, scene) into the embedded model's cache in
    the background, while the lead reads the prep sheet and types: cold, the first reply took about 50 s on two cores
    (docs/benchmarks.md, "Rehearsal"). One token is generated and thrown away; a failure only costs the speed-up."""
    prompt = build_prompt(scenario, traits, [], Mood.start(scenario.difficulty), newly=False)

    def read() -> None:
        with contextlib.suppress(Exception):  # best effort: the real call reports any model error itself
            llm.complete(prompt, max_tokens=1)

    thread = threading.Thread(target=read, name="rehearse-warm-up", daemon=True)
    thread.start()
    return thread


def speak(
    llm: LLM, scenario: Scenario, traits: Sequence[Trait], lines: Sequence[Line], mood: Mood, *, newly: bool
) -> Spoken:
    """The reply, or after two unusable ones a scripted line. A model that is down raises (the turn is kept and can be
    sent again); a reply that fails the schema twice counts as unusable."""
    prompt = build_prompt(scenario, traits, lines, mood, newly=newly)
    lead_line = next((line.spoken for line in reversed(lines) if line.speaker == "lead"), "")
    seen: list[str] = []
    turn = sum(1 for line in lines if line.speaker == "lead")
    last = next((line for line in reversed(lines) if line.speaker == "lead"), None)
    schema: type[Reply | Puzzled] = Puzzled if last is not None and not last.spoken else Reply
    for attempt, source in enumerate(("model", "retry")):
        # A seed of its own per turn and attempt: with one fixed seed, the retry sampled the same words again.
        seed = SEED_BASE + 100 * attempt + turn
        try:
            reply = llm.structured(prompt, schema, max_tokens=MAX_TOKENS, temperature=TEMPERATURE, seed=seed)
        except LLMError as exc:
            if not exc.raw:
                raise
            reasons: list[Problem] = ["broken"]
        else:
            says = whole_sentences(" ".join(reply.value.says.split()).strip().strip('"'))
            said_before = [line.text for line in lines if line.speaker == "counterpart"]
            said_by_lead = [line.spoken for line in lines if line.speaker == "lead"]
            reasons = problems(
                says, scenario, lead_line, revealed=mood.revealed, earlier=said_before, lead_earlier=said_by_lead
            )
            if not reasons:
                return Spoken(says=says, feels=feeling(mood, traits), source=source, guard=seen)
        seen.extend(MEANING[r] for r in reasons)
        # The retry says what to do instead but does not show the bad reply (the model copied it back word for word);
        # after a loop it sees only the lead's side of the script.
        view = [line for line in lines if line.speaker == "lead"] if "repeat" in reasons else lines
        prompt = build_prompt(scenario, traits, view, mood, newly=newly, redo=reasons, said=lines)
    line = fallback_line(scenario, list(traits), turn)
    return Spoken(says=line, feels=feeling(mood, traits), source="fallback", guard=seen)
