"""The character guard: a counterpart reply that breaks character, coaches the lead, speaks for the lead, talks about
being an AI or a practice, or shows the hidden state is regenerated once, then replaced by a scripted line.

Measured on the embedded model: framed as a transcript and guarded, about 8 in 10 turns stayed in character; the
guard catches the rest in code, so the lead never sees "How can I assist you today?".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

from assistant.checks.text import word_runs
from assistant.skills.rehearse.scenario import Scenario, Trait

_AI = re.compile(
    r"\b(?:AI|A\.I\.|artificial intelligence|language model|LLM|chat ?bot|assistant|GPT|Qwen|OpenAI|"
    r"(?:computer|software) program|as an? (?:AI|model|machine)|I(?:'m| am) (?:just )?(?:a|an) (?:bot|program|model|"
    r"simulation)|simulat\w+|role[- ]?play\w*|this (?:exercise|rehearsal|practice|scenario|simulation)|"
    r"(?:my|the) (?:character|persona|script|instructions|prompt|system prompt)|in character|out of character|"
    # Answering "which company trained you?" as a model would: a parameter count, training data, a cut-off.
    r"(?:\d+(?:\.\d+)?\s*(?:[bm]|billion|million)?\s+parameters)|(?:my|the) training (?:data|set|cut-?off)|"
    # An assistant's refusal ("I'm sorry, but I can't assist with that."), not a colleague's "I'd rather not say".
    r"I'?m sorry,? but I (?:can(?:'|no)?t|am unable to|won't be able to) (?:assist|help|provide|comply|fulfil)|"
    r"knowledge cut-?off|model weights|I was (?:created|developed|built|made|trained) by (?:a |an )?(?:team|company|"
    r"engineers|researchers|\w+ (?:AI|Labs|Research)))\b",
    re.IGNORECASE,
)
_COACHING = re.compile(
    r"\b(?:a good (?:lead|manager|tech lead|leader) would|here are (?:some|a few) (?:tips|steps|ideas|suggestions)|"
    r"tips?:|as your coach|my advice (?:to you )?is|I (?:would )?(?:recommend|suggest) (?:you|that you)|"
    r"you (?:could|should|might|can) (?:try )?(?:say(?:ing)?|ask(?:ing)? (?:him|her|them)|open with|start with|"
    r"respond|acknowledge)\b|"
    r"(?:try|consider) (?:saying|asking|acknowledging|using)|SBI|situation[,-]? behaviou?r|open[- ]ended question|"
    r"active listening|how can I (?:help|assist) you|(?:anything|something) (?:else )?I can (?:help|assist)|"
    r"feel free to (?:ask|reach out)|let me know if you (?:have|need) any)\b|"
    # Advice as numbered moves in prose ("First, take a step back… Next, be specific…"), seen after "give me 3 tips".
    r"^\W*(?:first(?:ly)?|step one),.{0,200}\b(?:next|then|second(?:ly)?|after that),",
    re.IGNORECASE,
)
_FOR_LEAD = re.compile(
    r"(?:^|\n)\s*(?:Lead|You|Priya|Tech lead|Manager)\s*:|\byour next line\b|\bhere(?:'s| is) (?:what you|a line)|"
    r"\bsure,? I can (?:write|play|be|switch|pretend)\b|\bI(?:'ll| will) (?:play|be) (?:the|your) (?:manager|lead)\b",
    re.IGNORECASE,
)
_STATE = re.compile(
    r"\b(?:trust (?:score|level|is|=|:)|stress (?:score|level|=|:)|hidden concern|openness|revealed|\d+\s*/\s*10)\b",
    re.IGNORECASE,
)
# Case matters: "the lead engineer" is ordinary speech; "I know how you feel, Lead." is the script's label as a name.
_SCRIPT_LABEL = re.compile(
    r"\bthe Lead\b|\bLead:|(?:,\s*|\b(?:Hi|Hey|Thanks|Sorry|Look|Well|Yes|No|Okay|OK)\s+)Lead\b"
    r"(?!\s+(?:engineer|dev\w*|role))"
)
_LIST = re.compile(r"(?:^|\n)\s*(?:\d+[.)]|[-*•])\s+\w")
MAX_WORDS = 90
REPEATED_SHARE = 0.3
ECHO_SHARE = 0.5

# Lines any counterpart can say at any moment without breaking the scene, by trait; a scenario's own come first.
FALLBACK: dict[Trait, tuple[str, ...]] = {
    "defensive": ("I'm not sure what you want me to say here.", "Can we stick to what actually happened?"),
    "quiet": ("I don't know. Maybe.", "...Sorry, I'm still thinking about it."),
    "emotional": ("Honestly, this is a lot to take in right now.", "I need a second."),
    "combative": ("I don't really see it that way.", "That's not how I remember it."),
    "deflecting": ("It's been a busy few weeks for everyone.", "There's a lot going on, to be fair."),
}


Problem = Literal[
    "broken",
    "empty",
    "example",
    "ai",
    "coaching",
    "for_lead",
    "state",
    "long",
    "concern",
    "echo",
    "scene",
    "repeat",
    "role",
]
# What each problem means, for the lead (a line's ``guard`` notes) and for the retry's "Now" line.
MEANING: dict[Problem, str] = {
    "broken": "the reply was not valid JSON",
    "empty": "the reply was empty",
    "example": "it borrowed a detail from the prompt's worked example",
    "ai": "it talked about being an AI or a practice",
    "coaching": "it coached the lead instead of answering as the character",
    "for_lead": "it spoke for the lead",
    "state": "it showed the hidden state",
    "long": f"it ran over {MAX_WORDS} words",
    "concern": "it said the hidden concern before trust was earned",
    "echo": "it repeated the lead's line back",
    "scene": "it read out the scene instead of speaking",
    "repeat": "it repeated words already said",
    "role": "it took the lead's role",
}
# Problems that say the lead's line was an attack on the character rather than part of the conversation.
ATTACKED: frozenset[Problem] = frozenset({"ai", "coaching", "for_lead", "role", "state"})
_ROLE = re.compile(
    r"\bas (?:the|your) (?:manager|tech lead|lead)\b|"
    # Agreeing to be someone else ("I can definitely play Jun"), seen after "can you play Jun instead?".
    r"\bI (?:can|could|will|'ll|would be happy to) (?:definitely |happily )?"
    r"(?:play|pretend to be|act as|be (?:the |your |a |an )?"
    r"(?:manager|lead|tech lead|recruiter|coach|interviewer|priya)\b)",
    re.IGNORECASE,
)


def problems(
    says: str,
    scenario: Scenario,
    lead_line: str,
    *,
    revealed: bool,
    earlier: Sequence[str] = (),
    lead_earlier: Sequence[str] = (),
) -> list[Problem]:
    """Why a reply cannot be shown, or [] when it can. ``earlier``: their own earlier lines; ``lead_earlier``: the
    lead's earlier lines (read in the eval: the counterpart said the lead's line of three turns ago back word for
    word)."""
    text = says.strip()
    if not text:
        return ["empty"]
    checks: list[tuple[Problem, bool]] = [
        # Read in the eval: "since Piotr left in January" (the worked example's scene) in a scene about Tomás.
        ("example", bool(word_runs(text, 4) & example_runs()) or bool(example_names() & set(text.split()))),
        ("ai", bool(_AI.search(text))),
        ("coaching", bool(_COACHING.search(text) or _LIST.search(text))),
        ("for_lead", bool(_FOR_LEAD.search(text))),
        ("state", bool(_STATE.search(text))),
        ("long", len(text.split()) > MAX_WORDS),
        ("concern", not revealed and _shares_run(text, scenario.hidden_concern, 4)),
        # Agreeing echoes a few words ("posting in the channel would be a good start"); a parrot echoes most.
        ("echo", _share(text, [lead_line, *lead_earlier], 6) >= ECHO_SHARE),
        # The script's label for the lead ("could you clarify what the Lead means?") is not how a person talks.
        (
            "scene",
            _shares_run(text, scenario.situation, 8)
            or _shares_run(text, scenario.their_view, 8)
            or bool(_SCRIPT_LABEL.search(says)),
        ),
        # A phrase said again is how people talk ("balance work and home"); most of a line said again is a loop.
        ("repeat", _share(text, earlier, 5) >= REPEATED_SHARE),
        (
            "role",
            bool(_ROLE.search(text)) and not (scenario.counterpart.relation == "manager" and "as your" in text.lower()),
        ),
    ]
    return [problem for problem, found in checks if found]


@functools.cache
def _example_texts() -> tuple[str, ...]:
    from assistant.prompts import load_prompt

    prompt = load_prompt("rehearse/counterpart")
    return tuple(m.content for m in prompt.examples)


@functools.cache
def example_runs() -> frozenset[tuple[str, ...]]:
    """Four-word runs of the counterpart prompt's worked examples, less what every scene shares (the prompt's own
    frame: "a private one-on-one between the Lead")."""
    from assistant.prompts import load_prompt

    prompt = load_prompt("rehearse/counterpart")
    frame = word_runs(prompt.user + " " + prompt.system + " " + " ".join(prompt.parts.values()), 4)
    return frozenset(set().union(*(word_runs(text, 4) for text in _example_texts())) - frame)


@functools.cache
def example_names() -> frozenset[str]:
    """The examples' own names (Ines, Piotr): capitalised words that are not sentence starts or common words."""
    words = re.findall(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b", " ".join(_example_texts()))
    return frozenset(words) - {"Lead", "January", "March", "Now", "Write", "Honestly", "QA"}


def _share(text: str, others: Sequence[str], n: int) -> float:
    """The share of the text's n-word runs that occur in ``others``."""
    runs = word_runs(text, n)
    if not runs or not others:
        return 0.0
    return len(runs & set().union(*(word_runs(other, n) for other in others))) / len(runs)


def _shares_run(text: str, other: str, n: int) -> bool:
    return bool(other) and bool(word_runs(text, n) & word_runs(other, n))


def fallback_line(scenario: Scenario, traits: list[Trait], turn: int) -> str:
    """A scripted in-character line, varied by turn so two failures in a row do not repeat."""
    lines = [*scenario.fallback_lines, *(line for trait in traits for line in FALLBACK[trait])]
    return lines[turn % len(lines)]
