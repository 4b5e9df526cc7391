"""Retrieval eval: recall@k and MRR of dense, lexical and hybrid search on labelled questions.

The documents are indexed into a collection of their own (``coach_eval_<hash of the folder>``) in the configured
store, so the user's index is never touched; the collection is updated incrementally, so a second run only
re-embeds documents that changed. A hit matches a relevant entry when the paths are equal and the entry's heading is
one of the hit's headings (an empty heading accepts any chunk of the file).
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.config import Settings
    from assistant.knowledge import Hit, KnowledgeBase
    from assistant.knowledge.embeddings import Embedder

Mode = Literal["dense", "lexical", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "lexical", "hybrid")
GATE_K = 5


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RelevantSection(_Strict):
    path: str
    heading: str = ""


class RetrievalCase(_Strict):
    id: str
    question: str = Field(min_length=1)
    relevant: list[RelevantSection] = Field(min_length=1)


class RetrievalCaseFile(_Strict):
    cases: list[RetrievalCase] = Field(min_length=1)


class RetrievalThresholds(_Strict):
    hybrid_recall_at_5: float = Field(ge=0.0, le=1.0)


class ModeScores(_Strict):
    recall_at_k: float
    hit_rate_at_k: float
    mrr: float
    recall_at_5: float
    search_ms_mean: float


class CaseMiss(_Strict):
    id: str
    question: str
    recall: float
    expected: list[str]
    got: list[str]


class RetrievalReport(_Strict):
    k: int
    embedder: str
    cases: int
    chunks: int
    knowledge_dir: str
    collection: str
    modes: dict[str, ModeScores]
    gate: float
    gate_metric: str = "hybrid recall@5"
    gate_passed: bool
    ingest_seconds: float
    misses: list[CaseMiss] = []
    problems: list[str] = []


def load_cases(path: Path) -> list[RetrievalCase]:
    return _load_yaml(path, RetrievalCaseFile).cases


def load_gate(path: Path) -> float:
    data = _read_yaml(path)
    section = data.get("retrieval") if isinstance(data, dict) else None
    try:
        return RetrievalThresholds.model_validate(section).hybrid_recall_at_5
    except ValidationError as exc:
        raise InputError(f"{path}: bad 'retrieval' section: {exc.errors()[0]['msg']}", hint=_GATE_HINT) from exc


_GATE_HINT = "it needs `retrieval: {hybrid_recall_at_5: 0.9}`"


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", hint="run from the repository root, or pass the path") from None
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read {path}: {exc}", hint="fix the YAML") from exc


def _load_yaml(path: Path, model: type[RetrievalCaseFile]) -> RetrievalCaseFile:
    try:
        return model.model_validate(_read_yaml(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: {where}: {first['msg']}", hint="see the format in docs/knowledge.md") from exc


def matches(hit: Hit, wanted: RelevantSection) -> bool:
    return hit.path == wanted.path and (not wanted.heading or wanted.heading in hit.heading_path)


def score_case(case: RetrievalCase, hits: list[Hit]) -> tuple[float, float]:
    """(recall, reciprocal rank) of one case's ranked hits."""
    found = sum(any(matches(h, want) for h in hits) for want in case.relevant)
    rank = next((i for i, h in enumerate(hits, start=1) if any(matches(h, w) for w in case.relevant)), None)
    return found / len(case.relevant), (1.0 / rank if rank else 0.0)


def eval_collection(knowledge_dir: Path) -> str:
    return "coach_eval_" + hashlib.sha1(str(knowledge_dir.resolve()).encode()).hexdigest()[:10]


def run_retrieval_eval(
    settings: Settings,
    *,
    cases_path: Path,
    thresholds_path: Path,
    knowledge_dir: Path | None = None,
    k: int = 5,
    embedder: Embedder | None = None,
) -> RetrievalReport:
    from assistant.knowledge import KnowledgeBase

    cases = load_cases(cases_path)
    gate = load_gate(thresholds_path)
    folder = knowledge_dir or settings.knowledge_dir
    collection = eval_collection(folder)
    kb = KnowledgeBase(settings, embedder=embedder, collection=collection)
    stale = kb.indexed_embedder() not in (None, kb.embedder.name)
    ingest = kb.ingest([folder], reindex=stale)
    scored = {mode: _score_mode(kb, cases, mode, k) for mode in MODES}
    modes = {mode: scores for mode, (scores, _) in scored.items()}
    hybrid_hits = scored["hybrid"][1]
    misses = [_miss(c, hits) for c, hits in zip(cases, hybrid_hits, strict=True) if score_case(c, hits)[0] < 1.0]
    return RetrievalReport(
        k=k,
        embedder=kb.embedder.name,
        cases=len(cases),
        chunks=ingest.total_chunks,
        knowledge_dir=str(folder),
        collection=collection,
        modes=modes,
        gate=gate,
        gate_passed=modes["hybrid"].recall_at_5 >= gate,
        ingest_seconds=ingest.seconds,
        misses=misses,
        problems=_problems(kb, cases) + [f"skipped {s.path}: {s.reason}" for s in ingest.skipped],
    )


def _score_mode(
    kb: KnowledgeBase, cases: list[RetrievalCase], mode: Mode, k: int
) -> tuple[ModeScores, list[list[Hit]]]:
    recalls, reciprocal, hit_rate, recalls_at_5 = [], [], [], []
    ranked: list[list[Hit]] = []
    started = time.perf_counter()
    for case in cases:
        hits = kb.search(case.question, k=k, mode=mode)
        ranked.append(hits)
        recall, rr = score_case(case, hits)
        recalls.append(recall)
        reciprocal.append(rr)
        hit_rate.append(1.0 if rr else 0.0)
        top5 = hits[:GATE_K] if k == GATE_K else kb.search(case.question, k=GATE_K, mode=mode)
        recalls_at_5.append(score_case(case, top5)[0])
    elapsed = (time.perf_counter() - started) / len(cases) / (1 if k == GATE_K else 2)
    n = len(cases)
    scores = ModeScores(
        recall_at_k=round(sum(recalls) / n, 4),
        hit_rate_at_k=round(sum(hit_rate) / n, 4),
        mrr=round(sum(reciprocal) / n, 4),
        recall_at_5=round(sum(recalls_at_5) / n, 4),
        search_ms_mean=round(elapsed * 1000, 2),
    )
    return scores, ranked


def _miss(case: RetrievalCase, hits: list[Hit]) -> CaseMiss:
    expected = [f"{w.path}#{w.heading}" if w.heading else w.path for w in case.relevant]
    got = [h.citation for h in hits]
    return CaseMiss(id=case.id, question=case.question, recall=score_case(case, hits)[0], expected=expected, got=got)


def _problems(kb: KnowledgeBase, cases: list[RetrievalCase]) -> list[str]:
    """Relevant entries that no indexed chunk can ever match: a typo in the case file, or a renamed heading."""
    sections: set[tuple[str, str]] = set()
    for meta in kb.store.all_metadata():
        path = str(meta.get("path"))
        sections.add((path, ""))
        sections.update((path, heading) for heading in json.loads(str(meta.get("heading_path", "[]"))))
    return [
        f"{case.id}: no chunk matches {want.path}#{want.heading}"
        for case in cases
        for want in case.relevant
        if (want.path, want.heading) not in sections
    ]


def print_report(out: Console, report: RetrievalReport) -> None:
    from rich.table import Table

    k = report.k
    table = Table(title=f"Retrieval: {report.cases} questions, {report.chunks} chunks, embedder {report.embedder}")
    columns = ["mode", f"recall@{k}", f"hit@{k}", f"MRR@{k}", *([] if k == GATE_K else ["recall@5"]), "ms/query"]
    for column in columns:
        table.add_column(column, justify="left" if column == "mode" else "right")
    for mode, s in report.modes.items():
        values = [s.recall_at_k, s.hit_rate_at_k, s.mrr, *([] if k == GATE_K else [s.recall_at_5])]
        table.add_row(mode, *(f"{v:.3f}" for v in values), f"{s.search_ms_mean:.1f}")
    out.print(table)
    verdict = "[green]pass[/]" if report.gate_passed else "[red]FAIL[/]"
    out.print(f"gate: {report.gate_metric} {report.modes['hybrid'].recall_at_5:.3f} ≥ {report.gate:.2f}: {verdict}")
    for miss in report.misses[:10]:
        found = f"partly found ({miss.recall:.0%})" if miss.recall else "missed"
        out.print(f"{found} {miss.id}: {miss.question}", markup=False, soft_wrap=True)
        out.print(f"  expected: {', '.join(miss.expected)}", markup=False, style="dim", soft_wrap=True)
        out.print(f"  got:      {', '.join(miss.got[:3])}, …", markup=False, style="dim", soft_wrap=True)
    if len(report.misses) > 10:
        out.print(f"… and {len(report.misses) - 10} more (see --json)", markup=False)
    for problem in report.problems:
        out.print(f"problem: {problem}", markup=False, style="yellow", soft_wrap=True)
