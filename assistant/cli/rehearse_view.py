"""How a rehearsal looks in the terminal: the prep sheet, the lines as they are said, and the scored debrief.
Everything the user or the model wrote is escaped: a line with "[b]" in it is text, not rich markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.skills.rehearse.models import Debrief, Line, RehearseOutput
    from assistant.skills.rehearse.scenario import Prep, Scenario

_BAR = "▁▂▃▄▅▆▇█"


def _e(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def render_list(out: Console, scenarios: list[Scenario], broken: dict[str, str]) -> None:
    from rich.table import Table

    table = Table(title="Rehearsal scenarios", show_lines=False)
    for column in ("id", "with", "traits", "difficulty", "what it is about"):
        table.add_column(column)
    for s in scenarios:
        who = f"{s.counterpart.name} ({s.counterpart.relation})"
        table.add_row(s.id, _e(who), ", ".join(s.traits), "●" * s.difficulty, _e(s.summary))
    out.print(table)
    for path, why in broken.items():
        out.print(f"[yellow]skipped {_e(path)}:[/] {_e(why.splitlines()[0])}", soft_wrap=True)
    out.print("[dim]Start one with `coach rehearse --scenario ID`; add your own as YAML in <data dir>/personas/.[/]")


def render_prep(out: Console, title: str, name: str, prep: Prep) -> None:
    out.print(f"[bold]Prep sheet: {_e(title)}[/] (with {_e(name)})")
    out.print(f"[bold]Goal:[/] {_e(prep.goal)}", soft_wrap=True)
    out.print(f"[bold]Opening line:[/] {_e(prep.opening_line)}", soft_wrap=True)
    out.print("[bold]What you saw (SBI):[/]")
    for point in prep.sbi:
        out.print(f"  • {_e(point.situation)}: {_e(point.behavior)}. Impact: {_e(point.impact)}", soft_wrap=True)
    out.print("[bold]Questions to ask:[/]")
    for question in prep.questions:
        out.print(f"  • {_e(question)}", soft_wrap=True)
    out.print(f"[bold]If it goes sideways:[/] {_e(prep.sideways)}", soft_wrap=True)
    out.print(f"[bold]Follow-up:[/] {_e(prep.follow_up)}", soft_wrap=True)


def render_reactions(out: Console, scenario: Scenario) -> None:
    out.print("[bold]Likely reactions:[/]")
    for item in scenario.reactions:
        out.print(f"  • {_e(item.reaction)} → {_e(item.response)}", soft_wrap=True)


def render_line(out: Console, line: Line, name: str) -> None:
    if line.speaker == "lead":
        out.print(f"[bold cyan]you:[/] {_e(line.text)}", soft_wrap=True)
        return
    mood = f" [dim]({_e(line.feels)})[/]" if line.feels else ""
    out.print(f"[bold magenta]{_e(name)}:[/]{mood} {_e(line.text)}", soft_wrap=True)


def _spark(values: list[float]) -> str:
    return "".join(_BAR[min(len(_BAR) - 1, int(v / 10 * (len(_BAR) - 1) + 0.5))] for v in values)


def render_debrief(out: Console, result: RehearseOutput) -> None:
    from rich.table import Table

    debrief: Debrief | None = result.debrief
    if debrief is None:
        return
    out.print()
    share = round(debrief.talk_ratio * 100)
    out.print(f"[bold]Debrief: {debrief.total}/{debrief.out_of}[/]  (you said {share}% of the words)")
    table = Table(show_lines=True)
    for column in ("criterion", "score", "your words", "try instead"):
        table.add_column(column, overflow="fold")
    for c in debrief.criteria:
        quote = f'"{_e(c.quote)}"' if c.quote else "[dim](nothing to quote)[/]"
        table.add_row(_e(c.name), f"{c.score}/2\n[dim]{_e(c.evidence)}[/]", quote, _e(c.better))
    out.print(table)
    lead = result.lead_lines()
    if lead:
        out.print(f"trust  {_spark([line.trust for line in lead])}  {lead[0].trust:.0f} → {lead[-1].trust:.0f}")
        out.print(f"stress {_spark([line.stress for line in lead])}  {lead[0].stress:.0f} → {lead[-1].stress:.0f}")
    said = "opened up" if debrief.revealed else "did not open up"
    out.print(f"{_e(result.counterpart.split()[0])} {said}. {_e(debrief.summary)}", soft_wrap=True)
