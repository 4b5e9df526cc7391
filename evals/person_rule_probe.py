"""A probe, not a check: how a rule "the line names a person and no word of the work" would sort the lines of the
status cases (``evals/cases/status.yaml``), measured before building it (docs/evals.md, status, h9).

A private line is one holding a ``must_not_include`` word of its case. Prints how many private lines the rule
catches, and how many other lines it would withhold wrongly.

    .venv/bin/python evals/person_rule_probe.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from assistant.privacy import Detector
from assistant.skills.status.notes import read_notes
from assistant.skills.status.words import topic

CASES = Path(__file__).parent / "cases" / "status.yaml"
# The people of the sample team (knowledge/); the detector also knows common given names.
ROSTER = [
    "Grace",
    "Lena",
    "Dmitri",
    "Aisha",
    "Ravi",
    "Tomás",
    "Jun",
    "Marcus",
    "Hannah",
    "Samir",
    "Nadia",
    "Ben",
    "Keiko",
    "Owen",
    "Priya",
]
WORK = (
    "deploy release ship launch live migration rollout cert pr review ticket test bug fix incident sev page on-call "
    "api endpoint service cluster database schema topic partition pipeline sprint roadmap design rfc adr doc runbook "
    "prod staging seller payout ledger recon fraud model feature customer merchant vendor contract budget cost traffic "
    "latency p99 error rate scope date deadline freeze ga beta cap limit sandbox bank rail registry pooler consumer "
    "producer upgrade rotation alert dashboard metric plan ask decision sign-off approval owner team support finance "
    "product exec update status risk blocked delay slip week"
)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_FIGURE = re.compile(r"\d+\s*%|\d{2,}")


def main() -> int:
    detector = Detector(ROSTER)
    work = topic(WORK)
    caught = missed = wrong = others = 0
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]:
        notes = case["input"]["notes"]
        private_words = [w.lower() for w in case.get("must_not_include") or []]
        streams = set().union(*(topic(line.stream) for line in read_notes(notes).lines if line.stream))
        for raw in notes.splitlines():
            line = _BULLET.sub("", raw).strip()
            if not line:
                continue
            person = any(span.kind == "person" for span in detector.spans(line))
            rule = person and not topic(line) & (work | streams) and not _FIGURE.search(line)
            if any(w in line.lower() for w in private_words):
                caught, missed = caught + rule, missed + (not rule)
            else:
                wrong, others = wrong + rule, others + 1
    print(f"private lines caught {caught} of {caught + missed}; other lines caught wrongly {wrong} of {others}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
