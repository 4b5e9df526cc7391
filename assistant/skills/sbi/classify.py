"""What kind of fact a clause the lead typed is: a moment, what the person did, what it caused, a request, or
background. Code decides where its rules agree; the rest gets one small model call each, under a grammar.

``decide`` reuses the rules that tag known facts (``known_tags``, ``as_theirs``) plus a few about the sentence's
frame (a request frame, a rule or plan, "because …", a bare moment, a passive with its doer, the lead as the
subject, a present-tense state), and returns ``None`` where they cannot decide: no detector fired, the lead is the
subject with no sign of an effect or of background, a clause holds a moment and someone else's action, a progressive
("Jun was presenting …"), or someone else acting on the person ("Northwind emailed her …"). Those are what
``ask_model`` is for: one ``FactKind`` reply (an enum, ~6 tokens) per fact, at temperature 0; a "did" from it must
still be the person's own action (``theirs``). Measured on evals/cases/fact_kinds.yaml (docs/evals.md, "Fact kinds"):
the model alone is right about 2 times in 3, so code decides all it can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from assistant.errors import LLMError
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.protocol import LLM
from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.sbi.fact import Fact
from assistant.skills.sbi.known import NORM, as_theirs, known_tags, own_action
from assistant.skills.sbi.person import address, name_pattern
from assistant.skills.sbi.split import ASK, anchor_phrases

Kind = Literal["when", "did", "effect", "ask", "context"]
KINDS: tuple[Kind, ...] = get_args(Kind)
PROMPT = "sbi/fact_kind"
# The reply is {"kind": "context"} at most: about 8 tokens. Temperature 0: the same fact always gets the same kind.
KIND_MAX_TOKENS = 16
KIND_TEMPERATURE = 0.0


class FactKind(BaseModel):
    """The model's whole reply: one kind, an enum the grammar enforces."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind


# A finite verb, roughly: an auxiliary or modal, a common irregular past, or a regular past ("-ed") that is not
# an adjective after a determiner ("the planned release").
_IRREGULAR = (
    r"said|told|(?:re|over)?wrote|took|gave|made|ran|left|came|went|saw|sent|kept|put|set|cut|got|spent|lost|found|"
    r"held|met|led|built|brought|bought|thought|knew|began|broke|chose|spoke|stood|sat|threw|won|hid|forgot|caught|"
    r"taught|drew|drove|flew|grew|rode|rose|fell|felt|heard|paid|sold|shut|slept|stuck|swore|tore|understood|"
    r"woke|wore|sought|fought|dealt|meant|shook|struck|undid|withdrew|overtook|overlooked|mistook"
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|can|could|will|would|should|must|may|might|"
    r"isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't|"
    rf"{_IRREGULAR}|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bour\s)(?<!\bthis\s)[a-z]{{3,}}ed)\b|"
    r"['’](?:d|ll|ve|re|s\s+been)\b",
    re.IGNORECASE,
)
# "while the payouts job was failing" belongs to the moment it follows; "Jun was presenting …" opening a clause is
# background, not something that followed.
_WHILE = re.compile(r"\bwhile\b[^,.;]*", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"^(?!you\b|while\b|when\b)(?:[\w'’-]+\s+){1,3}(?:was|were)\s+\w+ing\b", re.IGNORECASE)
# A rule or a plan stated in the passive ("Deploys are only allowed before 12:00 on Fridays", "The migration was
# scheduled for Sunday"), or labelled as one ("Team rule: no merges after 15:00").
_RULE = re.compile(
    r"\b(?:is|are)\s+(?:only\s+|not\s+|never\s+)?(?:allowed|permitted|required|forbidden|banned|expected)\b|"
    r"\b(?:is|are|was|were)\s+(?:planned|scheduled|due|supposed|meant|set)\s+(?:for|to)\b|"
    r"^(?:(?:the|our|team|their)\s+)?(?:[\w-]+\s+)?(?:rule|policy|norm|agreement|process|convention)s?\s*:",
    re.IGNORECASE,
)
# A moment typed as a label before the fact: "Sprint 31: Oluwaseun volunteered at planning …".
_LABELLED = re.compile(r"^(?P<label>[^:]{3,40}):\s+(?P<rest>\S.*)$")
# Narrated events are in the past; a fact with a verb in the present and none in the past describes how things
# stand: a role, an owner, a rule, what a system does ("Lena owns the refunds roadmap", "The runbook lists …").
_PAST = re.compile(
    rf"\b(?:was|were|had|did|wasn't|weren't|hadn't|didn't|{_IRREGULAR}|(?<!\bthe\s)(?<!\ba\s)(?<!\bour\s)[a-z]{{3,}}ed)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:is|are|am|has|have|does|isn't|aren't|doesn't|don't|hasn't|haven't)\b|['’](?:s|re|ve)\s+(?!been\b)|"
    r"^(?:[\w'’%.-]+\s+){1,4}?(?!(?:is|was|has)\b)[a-z]{3,}s\b(?!['’])",
    re.IGNORECASE,
)
# A figure that moved: an outcome ("The fraud rate went from 0.2% to 0.9%").
_CHANGE = re.compile(
    r"\b(?:went\s+(?:up|down|from)|rose|fell|dropped|doubled|tripled|halved|spiked|increased|decreased|jumped)\b",
    re.IGNORECASE,
)
# Where a verbless clause opens with a time or place word, it is a moment ("On the 2 a.m. page for the batch").
_MOMENT_START = re.compile(
    r"^(?:in|on|at|during|after|before|over|around|throughout|last|this|yesterday|today|earlier|mid-\w+|sprint\s+\d+|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d)",
    re.IGNORECASE,
)
# Request frames beyond the note's ASK openers: "I'd like her to …", "My ask: …", "He should …", "Ideally …".
_WANT = r"(?:i|we)\s*(?:['’]d|would)?\s+(?:really\s+)?(?:like|want|need|prefer|expect)\s+(?:that\s+)?"
_CONSEQUENCE = re.compile(
    r"^(?:because|thanks\s+to|as\s+a\s+result|due\s+to|that\s+meant|which\s+meant|so\s+(?=the|we|I|nobody|no\s+one))\b",
    re.IGNORECASE,
)
# The lead as the subject: what it cost them, or their own background ("I asked you to pair with me").
_LEAD = re.compile(r"^(?:I|we|my\s+team|our\s+team|the\s+team)\b(?!['’]d\s+like)", re.IGNORECASE)
_LEAD_EFFECT = re.compile(
    r"\b(?:had\s+to|has\s+had\s+to|spent|lost|missed|found\s+out|learned|heard|could(?:n['’]t|\s+not)|ended\s+up|"
    r"(?:was|were|got)\s+paged|stayed\s+(?:up|late)|worked\s+(?:late|overnight|the\s+weekend|over)|"
    r"re-?(?:planned|ran|did|wrote|tested|scheduled|prioritised|prioritized|opened)|rolled\s+\w+\s+back)\b",
    re.IGNORECASE,
)
_LEAD_CONTEXT = re.compile(
    r"^(?:I|we|the\s+team)\s*(?:had\s+)?(?:already\s+)?(?:asked|told|suggested|reminded|agreed|explained|offered|"
    r"mentioned|assigned|set|gave|(?:have|has)\s+(?:a|an)\s+(?:rule|policy|agreement|norm)|(?:['’]ve|have|has)\s+"
    r"been|['’]m|am|is|are)\b",
    re.IGNORECASE,
)


_WISH = re.compile(
    r"^(?:(?:my|our|the\s+one)\s+ask\b|ideally\b|it\s+would\s+(?:really\s+)?(?:help|be\s+(?:great|good|better|nice))\s+"
    r"if\b|i\s*(?:['’]d|would)\s+appreciate\b|what\s+(?:i|we)\s*(?:['’]d\s+like|want|need|ask\s+for|would\s+like)\s+is\b)",
    re.IGNORECASE,
)


def _request_frame(text: str, name: str) -> bool:
    who = rf"(?:you|your\s+team|{name_pattern(name)})"
    return bool(
        ASK.match(text)
        or re.match(rf"{_WANT}{who}\b", text, re.IGNORECASE)
        or _WISH.match(text)
        or re.match(rf"{who}\s+(?:really\s+)?(?:should|needs?\s+to|must|ought\s+to)\b(?!\s+have)", text, re.I)
    )


def _moment_only(text: str, name: str) -> bool:
    """No verb (outside a "while …" clause), nobody of theirs acting, and a time or place in it or at its start."""
    rest = _WHILE.sub(" ", text)
    if _VERB.search(rest) or _their_action(text, name):
        return False
    return bool(anchor_phrases(rest) or _MOMENT_START.match(text.strip()))


def _by_whom(text: str, name: str) -> Kind | None:
    """A passive with its doer: "The flaky test was finally fixed by Wei" is their action; "Your change was
    reverted by the SRE on call" is what someone else did about it."""
    passive = re.search(
        r"\b(?:was|were|got|been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|t)\s+(?:\w+\s+){0,3}?by\s+(?P<who>[\w'’-]+)", text, re.I
    )
    if not passive:
        return None
    them = re.fullmatch(rf"you|your|{name_pattern(name)}", passive.group("who"), re.IGNORECASE)
    return "did" if them else "effect"


def _acted_on(text: str, name: str) -> bool:
    """Someone else did something to the person ("Northwind emailed you the calendar"): often what came before."""
    verb = r"(?:[a-z]+ed|told|sent|gave|asked|showed|left)"
    return bool(re.match(rf"^[A-Z][\w-]+\s+(?:also\s+)?{verb}\s+(?:you|him|her|{name_pattern(name)})\b", text))


def rule_tags(text: str, name: str) -> list[str]:
    """The tags the feedback coach's rules give a stated clause, after it speaks to the person (as in ``analyse``)."""
    fact = Fact(text=text, tags=known_tags(text, name), stated=True)
    spoken = fact.model_copy(update={"text": address(own_action(fact, name), name)})
    return list(dict.fromkeys(as_theirs(spoken).tags))


def decide(text: str, name: str) -> Kind | None:
    """The kind of one clause (pronouns for the person already turned to "you", as ``analyse`` has them), or
    ``None`` where the rules cannot decide and the model should."""
    text = text.strip()
    labelled = _LABELLED.match(text)
    if labelled and _moment_only(labelled.group("label"), name) and not _moment_only(labelled.group("rest"), name):
        text = labelled.group("rest")  # "Sprint 31: Oluwaseun volunteered …": the moment is a label on the fact
    framed = _by_frame(text, name)
    if framed is not None or _LEAD.match(text) or _PROGRESSIVE.search(text) or _acted_on(text, name):
        return framed
    return _by_tags(text, name)


def _by_frame(text: str, name: str) -> Kind | None:
    """What the sentence's frame says: a request, a rule or plan, "because …", a bare moment, a passive with its
    doer, or the lead as the subject (an effect only with a sign of one: "I had to …", "we lost …")."""
    if _request_frame(text, name):
        return "ask"
    if NORM.match(text) or (_RULE.search(text) and not _their_action(text, name)):
        return "context"
    if _CONSEQUENCE.match(text):
        return "effect"  # "Because of your comment, Jun rewrote the module": what followed
    if _moment_only(text, name):
        return "when"
    if passive := _by_whom(text, name):
        return passive
    if _LEAD.match(text):
        if _LEAD_EFFECT.search(text):
            return "effect"
        return "context" if _LEAD_CONTEXT.match(text) else None
    return None


def _by_tags(text: str, name: str) -> Kind | None:
    """The rules' tags, where they give one kind (a moment inside an action does not count against it)."""
    tags = rule_tags(text, name)
    main = [t for t in tags if t != "when"]
    if main == ["did"] or (set(main) == {"did", "effect"} and _their_action(text, name)):
        return "did"
    if main == ["effect"] or (main in ([], ["context"]) and _CHANGE.search(text)):
        return "effect"
    if tags == ["when"] and _their_action(text, name):
        return "did"  # "After INC-41 you wrote the postmortem in a day": a moment, and their action in it
    if _PRESENT.search(text) and not _PAST.search(text):
        return "context"  # how things stand, not what happened
    return None  # no detector fired ("context" by default), a moment in someone else's clause, or a mix


def _their_action(text: str, name: str) -> bool:
    """The clause's subject is the person, after any opening moment ("On Wednesday you missed the call")."""
    who = rf"(?:you|your\s+team|{name_pattern(name)}(?:['’]s\s+team)?)"
    opening = r"(?:(?:in|on|at|during|after|before|while|when|this|last|yesterday|today|earlier)\b[^,]{0,40}?,?\s+)?"
    # A state in the present ("Marek is three months into his first role") is background, not an action.
    verb = r"(?!(?:is|are|am|has\s+been|have\s+been)\b)\w+"
    return bool(re.match(rf"^{opening}{who}\s+{verb}", text, re.IGNORECASE))


def theirs(kind: Kind, text: str, name: str) -> Kind:
    """The behaviour is the person's alone, whoever typed the kind: a "did" whose subject is someone else becomes what
    ``as_theirs`` makes of it ("Keiko pointed it out" is what followed; "We sent Nadia the pack" is background).
    Seen on the SBI eval: the model typed 13 of 18 facts "did", other people's actions among them."""
    if kind != "did":
        return kind
    if _LEAD.match(text):  # the lead's own action ("We sent you the pack"): background, or what it cost them
        return "effect" if _LEAD_EFFECT.search(text) else "context"
    fact = Fact(text=text, tags=["did"], stated=True)
    settled = as_theirs(fact.model_copy(update={"text": address(own_action(fact, name), name)})).tags[0]
    return "effect" if settled == "effect" else "context" if settled == "context" else "did"


def kind_prompt(text: str, name: str) -> RenderedPrompt:
    return load_prompt(PROMPT).render(name=name, fact=text)


def ask_model(llm: LLM, text: str, name: str) -> Kind:
    """One grammar-constrained call: the kind of one fact. Raises ``LLMError`` as the model does."""
    reply = llm.structured(kind_prompt(text, name), FactKind, max_tokens=KIND_MAX_TOKENS, temperature=KIND_TEMPERATURE)
    return reply.value.kind


def classify_undecided(llm: LLM, texts: Iterable[str], name: str) -> dict[str, Kind]:
    """The model's kind for each fact code could not decide (a "did" only where the person is the one acting:
    ``theirs``). On a model error the remaining facts keep their rule tags (an empty or partial mapping): a run never
    fails for this. A replay miss is raised, so tests fail loudly."""
    kinds: dict[str, Kind] = {}
    for text in dict.fromkeys(texts):
        try:
            kinds[text] = theirs(ask_model(llm, text, name), text, name)
        except LLMError as error:
            if FAKE_MISS_MARKER in error.message:
                raise
            break  # the model is failing: don't pay its timeout once per fact
    return kinds
