"""The data of a skill eval: the case file (what a suite expects) and the report (what a run measured).

Case files are written by hand, so every model rejects unknown keys: a misspelt ``must_inculde`` must fail the load,
not silently check nothing. Reports are JSON-native so they can be diffed against the previous run.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.base import ArtifactKindField

Mode = Literal["replay", "live"]
EvalStatus = Literal["pass", "fail", "skip"]
CaseStatus = Literal["pass", "fail", "error"]
PropertyValue = bool | int | str
# A required phrase, or a list of alternatives of which one must appear (models word the same idea differently).
Phrase = str | list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvalCase(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)
    description: str = ""
    tags: list[str] = []
    smoke: bool = False
    input: dict[str, Any]
    properties: dict[str, PropertyValue] = {}
    must_include: list[Phrase] = []
    must_not_include: list[str] = []
    checks: list[str] | None = None  # rule ids or globs that must not fire; None takes the suite default
    rubric: str | None = None
    reference: str = ""  # what a good answer would say, in the user's own words: for the reader, the report, a judge


class SuiteFile(_Strict):
    """One ``evals/cases/<skill>.yaml``. Paths are relative to the case file."""

    skill: str
    description: str = ""
    knowledge: str | None = None  # the folder indexed for retrieval; None runs without documents
    embedder: Literal["minilm", "wordllama", "hash"] = "minilm"
    check_kind: ArtifactKindField = "note"  # the old name "feedback" is read as "note"
    default_checks: list[str] = []
    judge_pass_score: int = Field(3, ge=1, le=5)
    # Evaluators reported per case but not failing it; only their pass rate is gated (e.g. a rule still too noisy).
    advisory: list[str] = []
    cases: list[EvalCase] = Field(min_length=1)


class Thresholds(_Strict):
    """The gate of one suite in ``evals/thresholds.yaml``. Evaluator minimums apply to the cases it judged."""

    min_pass_rate: float = Field(1.0, ge=0.0, le=1.0)
    evaluators: dict[str, float] = {}
    max_regressions: int | None = Field(None, ge=0)


class EvaluatorResult(_Strict):
    name: str
    status: EvalStatus
    detail: str = ""
    score: float | None = None
    gating: bool = True  # False for the LLM judge: it is reported and gated in aggregate, never per case


class CaseResult(_Strict):
    id: str
    description: str = ""
    tags: list[str] = []
    status: CaseStatus
    evaluators: list[EvaluatorResult] = []
    error: str | None = None
    latency_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_calls: int = 0
    prompts: list[str] = []  # "id@version" of every prompt this case sent
    fixture_keys: list[str] = []
    metrics: dict[str, float] = {}  # skill-specific figures from the adapter (e.g. revisions)
    text: str = ""  # what the evaluators read (the answer, or the questions asked instead)
    output: dict[str, Any] | None = None

    @property
    def failed_evaluators(self) -> list[str]:
        """The evaluators that failed the case."""
        return [e.name for e in self.evaluators if e.status == "fail" and e.gating]

    @property
    def advisory_failures(self) -> list[str]:
        """Evaluators that failed but do not gate a case (the judge, a suite's advisory evaluators)."""
        return [e.name for e in self.evaluators if e.status == "fail" and not e.gating]

    def failure_summary(self) -> str:
        """ "checks, (facts)": gating failures, then advisory ones in brackets."""
        return ", ".join([*self.failed_evaluators, *(f"({name})" for name in self.advisory_failures)])


class EvaluatorSummary(_Strict):
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def judged(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None


class Summary(_Strict):
    total: int
    passed: int
    failed: int
    errors: int
    pass_rate: float
    evaluators: dict[str, EvaluatorSummary]
    latency_p50_s: float
    latency_p95_s: float
    latency_total_s: float
    prompt_tokens: int
    completion_tokens: int


class MetricDrop(_Strict):
    metric: str
    before: float
    after: float


class Comparison(_Strict):
    previous: str | None = None  # file name of the report compared with
    regressions: list[str] = []  # passed before, fail or error now
    fixed: list[str] = []
    metric_drops: list[MetricDrop] = []
    note: str = ""


class GateResult(_Strict):
    passed: bool
    failures: list[str] = []


class Report(_Strict):
    suite: str
    skill: str
    mode: Mode
    recorded: bool = False
    model: str
    judge_model: str | None = None
    embedder: str
    started_at: str
    duration_s: float
    selection: str = "all cases"
    prompts: dict[str, int] = {}  # prompt id -> version, over every case
    thresholds: Thresholds
    summary: Summary
    # The same figures per split when the suite has held-out cases (tag "holdout", never tuned on): "tuned" and
    # "held-out", so a reader sees whether the skill generalises beyond the cases it was fixed for.
    splits: dict[str, Summary] = {}
    gate: GateResult
    comparison: Comparison
    cases: list[CaseResult]

    @property
    def exit_code(self) -> int:
        """0 at or above the gate, 1 below it, 2 when a case could not run (a replay miss, a model error)."""
        if self.summary.errors:
            return 2
        return 0 if self.gate.passed else 1
