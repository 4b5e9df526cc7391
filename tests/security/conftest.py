"""One knowledge folder for the attack tests: the suite's base documents and every planted one, indexed once with
the hash embedder (each case's question retrieves its own planted document; building one index per case would cost
a second or two each). The eval (evals/injection.py) gives each case a folder of its own."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.evals import workspace
from assistant.evals.injection import InjectionCase, load_injection_suite
from assistant.service import CoachService

CASES = Path(__file__).resolve().parents[2] / "evals" / "cases" / "injection.yaml"
SUITE, KNOWLEDGE = load_injection_suite(CASES)


@dataclass
class Workspace:
    folder: Path
    retriever: Any

    def service(self, llm: Any) -> CoachService:
        settings = load_settings().model_copy(update={"knowledge_dir": self.folder})
        return CoachService(settings, llm=llm, retriever=self.retriever, checkpointer="memory")


@pytest.fixture(scope="session")
def planted_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    folder = root / "knowledge"
    for name in SUITE.base:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(KNOWLEDGE / name, folder / name)
    for case in SUITE.cases:
        if case.document is not None:
            (folder / case.document.path).parent.mkdir(parents=True, exist_ok=True)
            (folder / case.document.path).write_text(case.document.text, encoding="utf-8")
    (root / "index").mkdir()
    return folder


@pytest.fixture
def ws(planted_folder: Path) -> Workspace:
    # The index lives beside the folder, outside each test's data directory, so it is built by the first test only.
    index_home = load_settings().model_copy(update={"data_dir": planted_folder.parent / "index"})
    return Workspace(planted_folder, workspace.eval_retriever(index_home, planted_folder, SUITE.embedder))


def case_ids(cases: list[InjectionCase]) -> list[str]:
    return [case.id for case in cases]
