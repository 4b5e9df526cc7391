"""Does `coach lint --kind adr` fit ADR logs written by other teams? Scored on labelled records of each template
(evals/cases/adr_lint/*.yaml: Nygard, MADR 2-4, Y-statements; well-formed ones and ones with planted defects):

    python evals/adr_lint.py [--failures] [--json]

- precision at warning level and above: every warning or error is about a planted defect (a well-formed record gets
  none); gate 1.0;
- recall: each planted defect is found, at any severity (style advice is `info`); gate 0.9;
- the template each record was read as.

The dev and held-out splits are reported apart (held-out records were written with habits the dev ones do not use,
and the rules were not tuned on them). Exit 1 when a gate is missed over all records.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.adr_policy import AdrPolicy, Template
from assistant.checks.adr_parse import detect_template
from assistant.checks.base import Severity
from assistant.checks.files import lint_texts

CASES_DIR = Path(__file__).resolve().parent / "cases" / "adr_lint"
MIN_PRECISION = 1.0
MIN_RECALL = 0.9

# Which rule finds each planted defect ("empty_section" may be any of the section rules, the options one included:
# an empty "Considered Options" or "Pros and Cons of the Options" is reported by adr.options).
DEFECT_RULES: dict[str, frozenset[str]] = {
    "no_title": frozenset({"adr.title"}),
    "title_unnumbered": frozenset({"adr.title"}),
    "title_number_mismatch": frozenset({"adr.title"}),
    "no_status": frozenset({"adr.status"}),
    "bad_status": frozenset({"adr.status"}),
    "superseded_without_successor": frozenset({"adr.supersede"}),
    "bad_date": frozenset({"adr.date"}),
    "no_context": frozenset({"adr.context"}),
    "no_context_clause": frozenset({"adr.context"}),
    "no_facing_clause": frozenset({"adr.context"}),
    "no_options": frozenset({"adr.options"}),
    "one_option": frozenset({"adr.options"}),
    "no_decision": frozenset({"adr.decision"}),
    "no_outcome": frozenset({"adr.decision"}),
    "no_chosen_option": frozenset({"adr.decision"}),
    "no_decision_clause": frozenset({"adr.decision"}),
    "no_consequences": frozenset({"adr.consequences"}),
    "no_quality_clause": frozenset({"adr.consequences"}),
    "no_accepting_clause": frozenset({"adr.consequences"}),
    "empty_section": frozenset({"adr.context", "adr.options", "adr.decision", "adr.consequences"}),
}


class AdrCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "heldout"]
    path: str
    defects: list[Literal[tuple(DEFECT_RULES)]] = Field(default_factory=list)  # type: ignore[valid-type]
    note: str | None = None
    text: str = Field(min_length=1)


class AdrCaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template: Template
    cases: list[AdrCase]


@dataclass
class Tally:
    serious: int = 0  # warnings and errors
    serious_right: int = 0  # ... about a planted defect
    planted: int = 0
    found: int = 0
    clean: int = 0  # well-formed records with no warning or error
    well_formed: int = 0
    read_as_own: int = 0  # records read as the template they were written in
    records: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.serious_right / self.serious if self.serious else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    def as_dict(self) -> dict[str, object]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "serious": self.serious,
                "planted": self.planted, "found": self.found, "clean": self.clean, "well_formed": self.well_formed,
                "read_as_own": self.read_as_own, "records": self.records, "misses": self.misses}  # fmt: skip


def load(folder: Path = CASES_DIR) -> list[tuple[Template, AdrCase]]:
    out: list[tuple[Template, AdrCase]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = AdrCaseFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        out.extend((data.template, case) for case in data.cases)
    return out


def score(cases: list[tuple[Template, AdrCase]], policy: AdrPolicy | None = None) -> dict[str, Tally]:
    """Tallies keyed "all", "<template>", "<split>" and "<template>/<split>"."""
    tallies: dict[str, Tally] = {}
    for template, case in cases:
        result = lint_texts({case.path: case.text}, "adr", adr=policy or AdrPolicy())[0]
        findings = [located.finding for located in result.findings]
        wanted = set().union(*(DEFECT_RULES[d] for d in case.defects)) if case.defects else set()
        serious = [f for f in findings if f.severity is not Severity.INFO]
        fired = {f.rule for f in findings}
        for key in ("all", template, case.split, f"{template}/{case.split}"):
            t = tallies.setdefault(key, Tally())
            t.records += 1
            t.read_as_own += detect_template(case.text) == template
            t.serious += len(serious)
            t.serious_right += sum(f.rule in wanted for f in serious)
            for f in serious:
                if f.rule not in wanted:
                    t.misses.append(f"{case.id}: false alarm {f.rule} ({f.message})")
            for defect in case.defects:
                t.planted += 1
                hit = bool(DEFECT_RULES[defect] & fired)
                t.found += hit
                if not hit:
                    t.misses.append(f"{case.id}: missed {defect}")
            if not case.defects:
                t.well_formed += 1
                t.clean += not serious
    return tallies


def table(tallies: dict[str, Tally], failures: bool) -> str:
    keys = [k for k in ("all", "dev", "heldout") if k in tallies]
    keys += [k for k in sorted(tallies) if k not in {"all", "dev", "heldout"}]
    lines = [f"{'records':<20} {'n':>4} {'read as own':>12} {'precision (warn+)':>18} {'recall':>7} {'clean':>9}"]
    for key in keys:
        t = tallies[key]
        lines.append(
            f"{key:<20} {t.records:>4} {t.read_as_own:>8}/{t.records:<3} {t.precision:>12.3f} ({t.serious:>3}) "
            f"{t.recall:>7.3f} {t.clean:>4}/{t.well_formed:<4}"
        )
    t = tallies["all"]
    ok = t.precision >= MIN_PRECISION and t.recall >= MIN_RECALL
    lines.append(f"gate: precision >= {MIN_PRECISION}, recall >= {MIN_RECALL} over all records: "
                 + ("ok" if ok else "MISSED"))  # fmt: skip
    if failures:
        for key in ("dev", "heldout"):
            if key in tallies:
                lines.append(f"\n{key}:")
                lines.extend(f"  {m}" for m in tallies[key].misses)
    return "\n".join(lines)


def main() -> int:
    found = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    found.add_argument("--failures", action="store_true", help="list false alarms and missed defects")
    found.add_argument("--json", action="store_true", help="print the figures as JSON")
    found.add_argument("--cases", type=Path, default=CASES_DIR)
    args = found.parse_args()
    tallies = score(load(args.cases))
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in tallies.items()}, indent=2))
    else:
        print(table(tallies, args.failures))
    t = tallies["all"]
    return 0 if t.precision >= MIN_PRECISION and t.recall >= MIN_RECALL else 1


if __name__ == "__main__":
    raise SystemExit(main())
