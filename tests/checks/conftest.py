"""Shared by the lint CLI tests: the `coach lint` commands on a bare typer app."""

from __future__ import annotations

import pytest
import typer

from assistant.cli import lint


@pytest.fixture
def app() -> typer.Typer:
    root = typer.Typer()
    evals = typer.Typer()
    root.add_typer(evals, name="eval")
    lint.register(root, evals)
    return root
