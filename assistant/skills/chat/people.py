"""Who is who on the team, read from the team's own documents: the roster table and the stakeholder map.

Leads name people, not roles, and type in lower case: "tomas has missed his last two sprint commitments", "dmitri
wants me to run Q1 planning too". Only the team's documents know that Tomás is an engineer on the team and Dmitri
the lead's manager, so the chat reads them: two searches for the pages that list people, then the lines that pair
a full name with a title ("| Dmitri Volkov | Engineering Manager | M1 |", "**Lena Ortiz, Product Manager, …**",
"Data Platform team, tech lead Keiko Tanaka").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.errors import KnowledgeError
from assistant.skills.chat.roles import Role, read_role

if TYPE_CHECKING:
    from assistant.graph.context import Retriever

# What finds the pages that list people: a roster table and a map of stakeholders.
ROSTER_QUERIES = (
    "team members and roles person role level",
    "stakeholders director product manager support lead",
    "peer teams team tech lead depends on",
)
ROSTER_TYPES = ("handbook", "guide", "agreement", "template", "process")
ROSTER_CHUNKS = 4

_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
_LINES = (
    re.compile(rf"^\|\s*(?P<name>{_NAME})\s*\|\s*(?P<title>[^|]+?)\s*\|"),  # a roster table row
    re.compile(rf"\*\*(?P<name>{_NAME}),\s*(?P<title>[^.*]+)"),  # "**Grace Okafor, Director of Engineering, …"
    re.compile(rf"(?P<title>[A-Z][\w ]+? team, tech lead)\s+(?P<name>{_NAME})"),  # "Checkout team, tech lead Ben …"
    re.compile(rf"(?P<title>[A-Z][\w ]+? team|[A-Z][\w ]+? and [A-Z]\w+)\s+\((?P<name>{_NAME})\)"),  # "… team (Keiko)"
)
# A title's relationship to a tech lead on the team. Order matters: "Engineering Manager" is a manager, not an engineer.
_TITLES: tuple[tuple[str, Role], ...] = (
    (r"director|vp\b|vice president|head of|engineering manager|\bcto\b|\bm\d\b", "manager"),
    (r"product manager|product owner|designer|support|sales|account|compliance|risk|merchant", "stakeholder"),
    (r"team, tech lead|\bteam\b", "peer"),
    (r"tech lead", "self"),  # the lead's own row in the roster
    (r"engineer|developer|\bsre\b|intern|\be\d\b", "report"),
)


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str  # as the documents write it: "Tomás Herrera"
    title: str
    role: Role
    citation: str

    @property
    def first(self) -> str:
        return self.name.split()[0]


def fold(text: str) -> str:
    """Lower case without accents: "Tomás" and "tomas" are the same person."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def role_of(title: str) -> Role | None:
    for pattern, role in _TITLES:
        if re.search(pattern, title, re.IGNORECASE):
            return role
    return None


def people_in(text: str, citation: str) -> list[Person]:
    found = []
    for line in text.splitlines():
        for pattern in _LINES:
            for match in pattern.finditer(line.strip()):
                title = match.group("title").strip()
                role = role_of(title)
                if role is not None and not re.fullmatch(r"person|role|name", title, re.IGNORECASE):
                    found.append(Person(name=match.group("name"), title=title, role=role, citation=citation))
    return found


def roster(retriever: Retriever | None) -> list[Person]:
    """Everyone the team's documents name with a title; empty when nothing is indexed or the search fails."""
    if retriever is None:
        return []
    people: dict[str, Person] = {}
    for query in ROSTER_QUERIES:
        try:
            hits = retriever.search(query, k=ROSTER_CHUNKS, doc_types=ROSTER_TYPES)
        except KnowledgeError:
            return []  # the answer still comes; it just cannot tell who is who
        for hit in hits:
            for person in people_in(hit.text, hit.citation):
                people.setdefault(fold(person.name), person)
    return list(people.values())


def named(question: str, people: Sequence[Person]) -> list[tuple[int, Person]]:
    """Where the question names someone from the roster, by first or full name, in any case, with or without
    accents. A first name two people share is left out: guessing would put the wrong role on someone."""
    folded = fold(question)
    firsts: dict[str, list[Person]] = {}
    for person in people:
        firsts.setdefault(fold(person.first), []).append(person)
    found = []
    for first, owners in firsts.items():
        if len(owners) != 1:
            continue
        for match in re.finditer(rf"\b{re.escape(first)}\b", folded):
            found.append((match.start(), owners[0]))
    return sorted(found, key=lambda pair: pair[0])


def counterpart(question: str, people: Sequence[Person]) -> tuple[Role, str | None]:
    """The role the lead is raising it with, and that person's first name when the documents know them."""
    mentioned = named(question, people)
    role = read_role(question, [(at, person.role) for at, person in mentioned])
    name = next((person.first for _, person in mentioned if person.role == role), None)
    return role, name
