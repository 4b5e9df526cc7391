"""Each ADR is checked against the template it follows (Nygard, MADR, Y-statement), so a log another team wrote gets
no warning for following its own template; the team's `[adr]` settings decide whether a status or date is required."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.adr_policy import AdrPolicy
from assistant.checks import run_checks
from assistant.checks.adr_parse import detect_template
from assistant.checks.base import Finding, Severity
from assistant.config import load_settings

MADR = """---
date: 2024-03-02
deciders: Ana, Bo
---
# Use Meilisearch for the docs search

## Context and Problem Statement

The docs site has no search, and readers ask for one in every survey. Which engine should we run?

## Considered Options

* Meilisearch
* Algolia DocSearch
* Client-side lunr index

## Decision Outcome

Chosen option: "Meilisearch", because it runs on our own host and indexes the site in seconds.
"""
MADR_2 = """# Keep feature flags in the database

* Status: accepted
* Deciders: payments team

Flags live in environment variables today, so turning one off needs a deploy.

## Considered Options

* A flags table in the database
* A hosted flag service

## Decision Outcome

Chosen option: "A flags table in the database", because it needs no new vendor.
"""
NYGARD_PROSE = """# 4. Build the app with Gradle

Date: 2023-01-10

## Status

Accepted

## Context

The Android app is built by hand-written Ant scripts that only one person understands.

## Decision

The app moves to Gradle with the Android plugin.

## Consequences

Builds get faster and anyone can change them, though the first migration costs the team about a sprint.
"""
Y = """# Cache rendered pages

In the context of the museum's collection site, facing slow page renders at opening time, we decided for a CDN
cache in front of the app and neglected server-side memoisation, to achieve fast pages at peak load, accepting that
an edit can take five minutes to show.
"""


def _serious(text: str, path: str | None = None, policy: AdrPolicy | None = None) -> list[Finding]:
    return [f for f in run_checks(text, "adr", path=path, adr=policy) if f.severity is not Severity.INFO]


@pytest.mark.parametrize(
    ("text", "template"), [(MADR, "madr"), (MADR_2, "madr"), (NYGARD_PROSE, "nygard"), (Y, "ystatement")]
)
def test_each_record_is_read_as_its_own_template(text: str, template: str) -> None:
    assert detect_template(text) == template


@pytest.mark.parametrize("text", [MADR, MADR_2, NYGARD_PROSE, Y], ids=["madr", "madr2", "nygard-prose", "y"])
def test_a_record_that_follows_its_template_gets_no_warning(text: str) -> None:
    assert _serious(text, path="docs/decisions/0004-some-decision.md") == []


def test_style_advice_on_a_nygard_record_is_info() -> None:
    rules = {f.rule: f.severity for f in run_checks(NYGARD_PROSE, "adr")}
    assert rules == {
        "adr.options": Severity.INFO,
        "adr.decision_phrasing": Severity.INFO,
        "adr.consequences": Severity.INFO,
    }


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (("* Meilisearch\n* Algolia DocSearch\n* Client-side lunr index\n", "* Meilisearch\n"), "adr.options"),
        (('Chosen option: "Meilisearch", because it runs', "Meilisearch runs"), "adr.decision"),
        (("## Decision Outcome", "## Notes"), "adr.decision"),
        (("date: 2024-03-02", "date: 03/02/2024"), "adr.date"),
        (("# Use Meilisearch for the docs search\n", ""), "adr.title"),
    ],
)
def test_madr_defects_are_found(change: tuple[str, str], rule: str) -> None:
    assert rule in {f.rule for f in _serious(MADR.replace(*change))}


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ("In the context of the museum's collection site, ", "adr.context"),
        (" to achieve fast pages at peak load,", "adr.consequences"),
        (", accepting that\nan edit can take five minutes to show", "adr.consequences"),
    ],
)
def test_a_y_statement_missing_a_clause_is_flagged(change: str, rule: str) -> None:
    assert rule in {f.rule for f in _serious(Y.replace(change, ""))}


def test_the_team_decides_whether_status_and_date_are_required() -> None:
    assert _serious(MADR) == []
    strict = AdrPolicy(require_status=True, require_date=True)
    assert {f.rule for f in _serious(MADR.replace("date: 2024-03-02\n", ""), policy=strict)} == {
        "adr.status",
        "adr.date",
    }
    relaxed = AdrPolicy(require_status=False)
    nygard_without_status = NYGARD_PROSE.replace("## Status\n\nAccepted\n\n", "")
    assert "adr.status" in {f.rule for f in _serious(nygard_without_status)}
    assert "adr.status" not in {f.rule for f in _serious(nygard_without_status, policy=relaxed)}


def test_a_template_set_by_the_team_overrides_detection() -> None:
    as_nygard = AdrPolicy(template="nygard")
    assert "adr.title" in {f.rule for f in _serious(MADR, policy=as_nygard)}


def test_madr_statuses_outside_the_usual_five_are_advice_and_nygard_ones_errors() -> None:
    madr = [f for f in run_checks(MADR_2.replace("accepted", "on hold"), "adr") if f.rule == "adr.status"]
    assert [f.severity for f in madr] == [Severity.INFO] and "on hold" in madr[0].message
    nygard = [f for f in run_checks(NYGARD_PROSE.replace("Accepted", "Done"), "adr") if f.rule == "adr.status"]
    assert [f.severity for f in nygard] == [Severity.ERROR]


def test_adr_settings_come_from_the_toml_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "coach.toml"
    toml.write_text('[adr]\ntemplate = "madr"\nrequire_date = true\n', encoding="utf-8")
    monkeypatch.setenv("COACH_CONFIG", str(toml))
    assert load_settings().adr == AdrPolicy(template="madr", require_date=True)
    monkeypatch.setenv("COACH_ADR__REQUIRE_STATUS", "true")
    assert load_settings().adr.require_status is True


def test_the_labelled_records_meet_the_gate_on_the_dev_split() -> None:
    """The split the rules were written from; the held-out figure is reported by evals/adr_lint.py."""
    from evals.adr_lint import MIN_PRECISION, MIN_RECALL, load, score

    dev = [(template, case) for template, case in load() if case.split == "dev"]
    assert len(dev) >= 40
    tally = score(dev)["all"]
    assert tally.precision >= MIN_PRECISION, tally.misses
    assert tally.recall >= MIN_RECALL, tally.misses
