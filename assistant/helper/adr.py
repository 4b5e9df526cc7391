"""The ADR helper prompt and the checks on a record pasted back.

The log is read by the skill's own ``gathered`` step (the number, the template, Proposed or Accepted, the related
records). The skeleton is the skill's own rendering of the record (``render``) with the prompt's slots where the
model's fields go, so the headings are exactly the ones `coach adr lint` expects. The related records are the ADR
skill's retrieval: their opening text goes in as passages, screened like any team passage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.checks.base import Finding
from assistant.helper.common import fence, part, prompt_of
from assistant.helper.models import Material
from assistant.prompts import Prompt, RenderedPrompt
from assistant.skills.adr.models import AdrDraft, AdrInput, OptionDraft, Related

EXCERPT_CHARS = 1200  # of each related record: its title, status and context


def _skeleton(prompt: Prompt, got: dict[str, Any], title: str) -> str:
    from assistant.skills.adr.render import Frame, render

    options = [
        OptionDraft(name=part(prompt, "slot_option", n=n), good=part(prompt, "slot_good", n=n),
                    bad=part(prompt, "slot_bad", n=n))
        for n in ("1", "2")
    ]  # fmt: skip
    slots = AdrDraft(
        context=part(prompt, "slot_context"),
        options=options,
        decision=part(prompt, "slot_decision"),
        good=[part(prompt, "slot_positive")],
        bad=[part(prompt, "slot_negative")],
        open_questions=[part(prompt, "slot_question")],
    )
    frame = Frame(template=got["template"], number=got["number"], title=title, date=got["date"],
                  status=got["status"], decided=got["decided"], related=got["related"])  # fmt: skip
    return render(frame, slots).strip()


def _related(prompt: Prompt, related: list[Related], log_dir: Path) -> str:
    """Each related record's link, and its opening text as a passage (screened like any team passage)."""
    from assistant.checks.markdown import front_matter
    from assistant.safety.passages import screen_passage

    if not related:
        return part(prompt, "no_related")
    links, docs = [], []
    for record in related:
        label = f"{record.number}. {record.title}" if record.number is not None else record.title
        conflict = part(prompt, "conflict") if record.conflict else ""
        links.append(f"- [{fence(label)}]({record.file}) ({record.status or part(prompt, 'no_status')}){conflict}")
        try:
            text = (log_dir / record.file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # listed by name; its text only helps
        text = text[front_matter(text)[1] :][:EXCERPT_CHARS].strip()
        docs.append(f'<doc cite="{record.file}">\n{fence(screen_passage(text)[0])}\n</doc>')
    return "\n".join(links) + ("\n<documents>\n" + "\n".join(docs) + "\n</documents>" if docs else "")


def _gathered(request: AdrInput, material: Material) -> dict[str, Any]:
    from assistant.skills.adr.nodes import gathered

    return gathered(request, material.settings.adr)


def _render(request: AdrInput, got: dict[str, Any]) -> RenderedPrompt:
    prompt = prompt_of("adr")
    return prompt.render(
        template=part(prompt, got["template"]),
        number=str(got["number"]),
        title=fence(request.title),
        status=str(got["status"]).capitalize(),
        decided=part(prompt, "decided" if got["decided"] else "undecided"),
        skeleton=fence(_skeleton(prompt, got, request.title)),
        related=_related(prompt, got["related"], Path(got["log_dir"])),
        notes=fence(request.notes),
    )


def build(request: AdrInput, material: Material) -> tuple[RenderedPrompt, list[str], list[str]]:
    got = _gathered(request, material)
    notes = [*got["notes"], f"Record {got['number']} of {got['log_dir']}, in its {got['template']} template."]
    return _render(request, got), [r.file for r in got["related"]], notes


def check(reply: str, request: AdrInput | None, material: Material) -> tuple[str, list[Finding], list[str]]:
    """`coach lint --kind adr` (the team's ADR policy); with the title and notes, also the file name the record will
    have and invented facts (against everything the prompt gave)."""
    from assistant.checks import run_checks

    text = reply.strip()
    policy = material.settings.adr
    if request is None:
        return text, run_checks(text, "adr", adr=policy), ["Pass the title and notes too to check the facts."]
    from assistant.skills.adr.log import file_name

    got = _gathered(request, material)
    given = [m.content for m in _render(request, got).messages if m.role == "user"]
    name = file_name(got["number"], request.title)
    return text, run_checks(text, "adr", adr=policy, path=name, sources=given), []
