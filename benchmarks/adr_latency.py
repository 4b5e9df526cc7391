"""End-to-end latency of one `coach adr new` on the embedded model, and its prompt size.

Claim checked (docs/benchmarks.md, "ADR drafting"): the work around the model (reading and linting the log, finding
related records, rendering and checking the draft) is small next to the model call, so a draft costs about one
model call. The baseline, measured in the same run: the model calls alone (summed latency of every draft and revise
call); the figure reported is the ratio total / model calls.

    .venv/bin/python benchmarks/adr_latency.py [--runs 3] [--out FILE]

Each run drafts a different decision from fixed notes into the sample log (knowledge/adr) through the same
``CoachService`` the CLI uses. ``cold`` forgets llama.cpp's cached prompt first (a one-off `coach adr new`); ``warm``
keeps it, so the static system prompt and worked example are reused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cold_and_warm, timed_run

DRAFTS = (
    ("Poll the bank's file server every hour",
     "settlement files from Northwind arrive late about twice a month and recon-worker fails the nightly run. we "
     "looked at the bank's push notifications (new integration to certify), polling every hour (more requests to the "
     "bank), keeping the nightly poll with a retry. agreed in arch review to go with hourly polling."),
    ("Rate-limit payout-api per merchant",
     "one merchant's retry storm pushed payout-api p99 to 4 s for everyone. options: token bucket per merchant in the "
     "gateway (fair, config per merchant), a global limit (simple, one merchant still starves the rest). Decision: "
     "token bucket per merchant in the gateway."),
    ("Build the payout history export",
     "merchants ask support for a CSV of payouts. options: nightly batch to object storage (a day stale), on-demand "
     "export from a read replica (heavy queries), export from the warehouse (Finance owns it). no decision yet."),
    ("Require two approvals for ledger migrations",
     "an index migration on the staging ledger locked ledger_entries for 12 minutes. options: two approvals for "
     "ledger migrations, one approval from the ledger rota, a checklist. we decided at the retro on two approvals."),
)  # fmt: skip


def one_draft(service: Any, llm: Any, index: int, *, cold: bool) -> dict[str, float]:
    title, notes = DRAFTS[index % len(DRAFTS)]
    request = {"title": title, "notes": notes, "log_dir": "knowledge/adr", "date": "2026-11-30"}
    result, figures = timed_run(service, llm, "adr", request, cold=cold)
    return figures | {"revisions": float(result.revisions if result else -1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    cold_and_warm(one_draft, runs=args.runs, prefix="adr-bench-", out=args.out)


if __name__ == "__main__":
    main()
