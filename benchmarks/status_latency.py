"""End-to-end latency of one executive status update from 15 lines of notes on the embedded model, and its prompt size.

Claims checked (docs/benchmarks.md, "Status updates"): issue 13's target, p50 <= 30 s for an exec update from 15
lines of notes; and the work around the model (reading the notes, removing private lines, colours, rendering three
formats, the checks) is small next to the model call. The baseline, measured in the same run: the model calls alone
(summed latency of every draft and revise call); the figure reported is the ratio total / model calls.

    .venv/bin/python benchmarks/status_latency.py [--runs 3] [--out FILE]

Each run drafts an exec update from one of three fixed 15-line notes through the same ``CoachService`` the CLI uses.
``cold`` forgets llama.cpp's cached prompt first (a one-off `coach status`); ``warm`` keeps it, so the static system
prompt and worked example are reused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cold_and_warm, timed_run

NOTES = (
    """\
- instant payouts: GA 8 Dec is RED, northwind cert not before 9 Dec
- aisha chasing the northwind partnerships lead
- need grace on the northwind call on 7 Dec
- need a decision on launch scope by 4 Dec
- ledger upgrade: cutover done 1 Dec, no seller impact
- old ledger cluster decommissioned 15 Dec
- fraud model at 50% of traffic, false holds down to 1.5%
- risk & compliance approved the next step
- event pipeline: RFC-014 decided 30 Nov, schema registry
- staging milestone 11 Dec
- on-call: 7 pages last week, was 14
- marcus retuned the noisiest alerts
- hiring: senior backend starts 12 Jan
- ravi off next week, back surgery DO NOT SHARE
- offsite 9 Dec
""",
    """\
- onboarding v2: BLOCKED, kyc vendor contract not signed, legal has it since 12 Nov
- onboarding v2 was due 15 Dec, will miss it without the contract
- need someone in leadership to unblock legal by 8 Dec
- payouts reliability 99.97% over 30 days, target 99.95
- seller statements: pdf timeouts on big sellers, csv fallback ready
- tomás profiling the pdf renderer
- statements due 17 Dec
- payout notifications live 2 Dec
- multi-currency: fx provider shortlist by 11 Dec
- lena + finance own the shortlist
- on-call quiet, 4 pages
- (private) jun has an offer elsewhere
- budget for load test env EUR 4k/month waiting on finance
- next update 17 Dec
- dashboards migrated to the new metrics stack
""",
    """\
- search: new sharding live in all 3 regions since 1 Dec
- search: old cluster off 14 Dec
- query latency p95 210ms -> 140ms, target 180
- synonyms a/b test starts 15 Dec, mei owns
- refunds to card: acquirer changed their api, we are behind
- refunds new date tbd, waiting on sandbox creds
- partial refunds live for sepa
- need product to tell the 3 pilot merchants about the delay
- checkout still calls payout-api v1 2k times a day
- v1 switched off 31 Jan
- need checkout on v2 before 15 Jan
- freeze 18 Dec to 5 Jan
- in my 1:1 hannah said she feels stuck
- 1 page all week
- runbook for reindex used twice
""",
)


def one_update(service: Any, llm: Any, index: int, *, cold: bool) -> dict[str, float]:
    request = {"notes": NOTES[index % len(NOTES)], "audience": "exec", "date": "2026-12-03"}
    result, figures = timed_run(service, llm, "status", request, cold=cold)
    found = {"revisions": float(result.revisions), "words": float(result.words)} if result else {}
    return figures | {"revisions": -1.0, "words": -1.0} | found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    cold_and_warm(one_update, runs=args.runs, prefix="status-bench-", out=args.out)


if __name__ == "__main__":
    main()
