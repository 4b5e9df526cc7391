"""ADR drafting as an eval subject. A case is an ``AdrInput`` whose ``log_dir`` names a sample log (relative to the
repository, e.g. ``knowledge/adr``); what the evaluators read:

- ``text``: the record's markdown;
- ``inputs``: the title, the notes and the related records' titles (the only places names, numbers and dates may
  come from; the number and date code writes are added too);
- ``properties``, computed by code: ``lint_clean`` (no warning or error from `coach adr lint`), ``decided``,
  ``status``, ``number``, ``template``, ``cites`` (the file names of related records), ``conflict`` (a conflict was
  flagged), ``undecided_honest`` (an undecided record states no "We will").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.evals.adapters import Observation, SkillAdapter, SkillRun
from assistant.skills.adr.models import AdrInput, AdrResult

if TYPE_CHECKING:
    from assistant.service import CoachService


def run(service: CoachService, case: AdrInput, thread_id: str) -> SkillRun[AdrResult]:
    result = service.complete("adr", case, None, thread_id=thread_id).output_as(AdrResult)
    return SkillRun(output=result, metrics={"revisions": float(result.revisions)})


def lint_clean(output: AdrResult) -> bool:
    from assistant.skills.adr.review import lint

    return not lint(output.markdown, output.file_name, output.template)


def skeleton(case: AdrInput, output: AdrResult) -> str:
    """Everything code writes in the record (number, date, status, headings, fixed lines, citations): the record
    rendered around an empty draft."""
    from assistant.skills.adr.models import AdrDraft
    from assistant.skills.adr.render import Frame, render

    frame = Frame(template=output.template, number=output.number, title=case.title, date=output.date,
                  status=output.status, decided=output.decided, related=output.related)  # fmt: skip
    return render(frame, AdrDraft(context="-"))


def observe(case: AdrInput, output: AdrResult) -> Observation:
    cited = ",".join(sorted(r.file for r in output.related))
    return Observation(
        text=output.markdown,
        # Code writes the number, the date, the headings and the citations: facts in the record, not inventions.
        inputs=[case.title, case.notes, skeleton(case, output)],
        properties={
            "lint_clean": lint_clean(output),
            "decided": output.decided,
            "status": output.status,
            "number": output.number,
            "template": output.template,
            "cites": cited,
            "conflict": bool(output.conflicts),
            "undecided_honest": output.decided or not re.search(r"\bwe will\b", output.markdown, re.I),
            "revisions": output.revisions,
        },
    )


ADAPTER: SkillAdapter[AdrInput, AdrResult] = SkillAdapter(
    name="adr",
    input_model=AdrInput,
    output_model=AdrResult,
    run=run,
    observe=observe,
    properties=frozenset(
        {"lint_clean", "decided", "status", "number", "template", "cites", "conflict", "undecided_honest", "revisions"}
    ),
    numeric_properties=frozenset({"number", "revisions"}),
)
