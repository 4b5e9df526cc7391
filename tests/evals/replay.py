"""What the replay tests of every skill share: the recorded manifest, the check that each case has its replies, and
`coach eval <skill> --mode replay` run through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from click.testing import Result
from typer.testing import CliRunner

from assistant.cli.evals import register
from assistant.evals.adapters import get_adapter
from assistant.evals.cases import EVALS_DIR, Suite, load_suite


def fixtures_dir(skill: str) -> Path:
    return EVALS_DIR / "fixtures" / skill


def recorded_manifest(skill: str) -> dict[str, Any]:
    path = fixtures_dir(skill) / "manifest.json"
    if not path.is_file():
        pytest.fail(f"no recorded {skill} fixtures in {path.parent}: record them with `coach eval {skill} --record`")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def assert_every_case_recorded(skill: str) -> Suite:
    """Same cases as when recorded, each fixture on disk, same embedder; returns the loaded suite."""
    manifest = recorded_manifest(skill)
    suite = load_suite(EVALS_DIR / "cases" / f"{skill}.yaml", get_adapter(skill))
    recorded = manifest["cases"]
    assert isinstance(recorded, dict)
    assert set(recorded) == {c.id for c in suite.cases}, (
        f"cases changed since recording: run `coach eval {skill} --record`"
    )
    for case_id, keys in recorded.items():
        for key in keys:
            assert (fixtures_dir(skill) / f"{key}.json").is_file(), f"{case_id}: fixture {key} is missing"
    assert manifest["embedder"] == suite.file.embedder
    return suite


def run_replay(skill: str, out: Path) -> Result:
    app, eval_app = typer.Typer(), typer.Typer()
    register(app, eval_app)
    app.add_typer(eval_app, name="eval")
    return CliRunner().invoke(app, ["eval", skill, "--mode", "replay", "--json", "--out", str(out)])
