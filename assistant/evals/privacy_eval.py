"""Measure the privacy detector (``assistant/privacy``) on the labelled notes in ``evals/cases/privacy/*.yaml``.

Each file has a split (``dev``, tuned on; ``heldout``, written blind), the team's roster, and cases: a note, every
span that must be hidden, and words that must not be ("Kafka", "Monday"). Recall is per labelled occurrence: it is
found when a detected span of the same kind covers it (a person label's "'s" and "@" aside). Person labels count as
roster names when one of their words is a roster first name, surname, or a listed short form of a roster first name
("Dima"); the rest are other names. Precision is the share of detected spans that overlap a labelled span; a "keep"
word that was hidden is reported on its own line. No model is involved: the run is offline and deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from assistant.errors import ConfigError
from assistant.evals.cases import EVALS_DIR, read_yaml
from assistant.privacy import Detector, EntityKind, Span
from assistant.privacy.lexicon import lexicon
from assistant.privacy.spans import fold

DEFAULT_DIR = EVALS_DIR / "cases" / "privacy"
Split = Literal["dev", "heldout"]
SPLITS: tuple[Split, ...] = ("dev", "heldout")
Bucket = Literal["roster", "other_names", "email", "phone", "url_token", "employee_id"]
BUCKETS: tuple[Bucket, ...] = ("roster", "other_names", "email", "phone", "url_token", "employee_id")
# The targets: roster names >= 0.95, every other kind >= 0.9.
TARGETS: dict[Bucket, float] = {bucket: 0.95 if bucket == "roster" else 0.9 for bucket in BUCKETS}


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EntityKind
    text: str = Field(min_length=1)


class PrivacyCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    text: str = Field(min_length=1)
    entities: list[Label] = Field(default_factory=list)
    keep: list[str] = Field(default_factory=list)


class PrivacyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    split: Split
    roster: list[str]
    cases: list[PrivacyCase]


class Miss(BaseModel):
    case: str
    bucket: Bucket
    text: str


class Extra(BaseModel):
    case: str
    kind: EntityKind
    text: str


class SplitScore(BaseModel):
    split: Split
    cases: int = 0
    found: dict[Bucket, int] = Field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    total: dict[Bucket, int] = Field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    detected: int = 0
    correct: int = 0  # detected spans that overlap a label
    keep_total: int = 0
    keep_hidden: int = 0
    # What went wrong, case by case (left out of a held-out split's report unless asked for: see ``blind``).
    misses: list[Miss] = Field(default_factory=list)
    extras: list[Extra] = Field(default_factory=list)
    kept_wrongly: list[Extra] = Field(default_factory=list)

    def recall(self, bucket: Bucket) -> float | None:
        return self.found[bucket] / self.total[bucket] if self.total[bucket] else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recalls(self) -> dict[Bucket, float | None]:
        return {bucket: self.recall(bucket) for bucket in BUCKETS}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.correct / self.detected if self.detected else None

    def failed_targets(self) -> list[str]:
        failed = []
        for bucket in BUCKETS:
            recall = self.recall(bucket)
            if recall is not None and recall < TARGETS[bucket]:
                failed.append(f"{self.split} {bucket} recall {recall:.3f} < {TARGETS[bucket]}")
        return failed


class Report(BaseModel):
    files: list[str]
    splits: list[SplitScore]

    @property
    def failed_targets(self) -> list[str]:
        return [line for score in self.splits for line in score.failed_targets()]


def load_files(folder: Path = DEFAULT_DIR) -> dict[Path, PrivacyFile]:
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise ConfigError(f"no *.yaml case files in {folder}", hint="the dev set is evals/cases/privacy/dev.yaml")
    files = {}
    for path in paths:
        try:
            loaded = PrivacyFile.model_validate(read_yaml(path))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise ConfigError(f"{path}: {where}: {first['msg']}", hint="see docs/privacy.md for the format") from exc
        ids = [case.id for case in loaded.cases]
        if len(set(ids)) != len(ids):
            raise ConfigError(f"{path}: case ids must be unique", hint="rename the repeated id")
        files[path] = loaded
    return files


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every place ``needle`` occurs as whole words (a label "jun" is not the start of "june")."""
    left = r"(?<!\w)" if needle[0].isalnum() else ""
    right = r"(?!\w)" if needle[-1].isalnum() else ""
    return [(m.start(), m.end()) for m in re.finditer(left + re.escape(needle) + right, text)]


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """A person label without its "@" or possessive: what the detector is expected to cover."""
    piece = text[start:end]
    if piece.startswith("@"):
        start += 1
    tail = re.search(r"['’]s?$", text[start:end])
    return start, (start + tail.start()) if tail and tail.start() > 0 else end


def roster_words(roster: Sequence[str]) -> set[str]:
    words = lexicon()
    found: set[str] = set()
    for name in roster:
        parts = fold(name).split()
        if parts:
            found |= {parts[0], parts[-1], *words.short_forms(parts[0])}
    return found


def bucket_of(label: Label, members: set[str]) -> Bucket:
    if label.kind != "person":
        return label.kind
    words = re.findall(r"[^\W\d_]+", fold(re.sub(r"['’]s?$", "", label.text)))
    return "roster" if any(word in members for word in words) else "other_names"


def score_case(case: PrivacyCase, detector: Detector, members: set[str], score: SplitScore, path: Path) -> None:
    spans = detector.spans(case.text)
    labelled = _score_labels(case, spans, members, score, path)
    for span in spans:
        score.detected += 1
        if any(span.start < end and start < span.end for start, end in labelled):
            score.correct += 1
        else:
            score.extras.append(Extra(case=case.id, kind=span.kind, text=span.text(case.text)))
    for word in case.keep:
        places = occurrences(case.text, word)
        if not places:
            raise ConfigError(f"{path}: case {case.id}: keep {word!r} is not in its text", hint="copy it exactly")
        for start, end in places:
            score.keep_total += 1
            hiding = next((span for span in spans if span.start < end and start < span.end), None)
            if hiding is not None:
                score.keep_hidden += 1
                score.kept_wrongly.append(Extra(case=case.id, kind=hiding.kind, text=word))


def _score_labels(
    case: PrivacyCase, spans: list[Span], members: set[str], score: SplitScore, path: Path
) -> list[tuple[int, int]]:
    """Count each labelled occurrence as found or missed; return where the labels are (for precision)."""
    labelled: list[tuple[int, int]] = []
    for label in dict.fromkeys(case.entities):  # a label listed twice is still one set of occurrences
        places = occurrences(case.text, label.text)
        if not places:
            raise ConfigError(f"{path}: case {case.id}: {label.text!r} is not in its text", hint="copy it exactly")
        bucket = bucket_of(label, members)
        labelled += places
        for place in places:
            start, end = _core(case.text, *place) if label.kind == "person" else place
            score.total[bucket] += 1
            if any(_covers(span, label.kind, start, end) for span in spans):
                score.found[bucket] += 1
            else:
                score.misses.append(Miss(case=case.id, bucket=bucket, text=label.text))
    return labelled


def _covers(span: Span, kind: EntityKind, start: int, end: int) -> bool:
    return span.kind == kind and span.start <= start and span.end >= end


def run(folder: Path = DEFAULT_DIR, employee_id_pattern: str | None = None, split: Split | None = None) -> Report:
    """Score every case file in ``folder`` (only those of ``split`` when given)."""
    scores: dict[Split, SplitScore] = {}
    files = {path: loaded for path, loaded in load_files(folder).items() if split in (None, loaded.split)}
    for path, loaded in files.items():
        detector = Detector(loaded.roster, employee_id_pattern) if employee_id_pattern else Detector(loaded.roster)
        members = roster_words(loaded.roster)
        score = scores.setdefault(loaded.split, SplitScore(split=loaded.split))
        for case in loaded.cases:
            score.cases += 1
            score_case(case, detector, members, score, path)
    ordered = [scores[split] for split in SPLITS if split in scores]
    return Report(files=[str(path) for path in files], splits=ordered)


def blind(report: Report) -> Report:
    """The report without the held-out set's cases (misses, spans, keep words): its scores are for reading, its
    cases are not for tuning on."""
    splits = [
        s if s.split != "heldout" else s.model_copy(update={"misses": [], "extras": [], "kept_wrongly": []})
        for s in report.splits
    ]
    return report.model_copy(update={"splits": splits})


def table(report: Report, failures: bool = False) -> str:
    def pct(value: float | None) -> str:
        return "   -  " if value is None else f"{value:6.3f}"

    lines = ["split     cases  " + "  ".join(f"{bucket:>11}" for bucket in BUCKETS) + "  precision  keep-hidden"]
    for s in report.splits:
        cells = "  ".join(f"{pct(s.recall(b))} ({s.total[b]:>2})" for b in BUCKETS)
        lines.append(f"{s.split:<8} {s.cases:>6}  {cells}  {pct(s.precision):>9}  {s.keep_hidden}/{s.keep_total}")
    lines.append("targets: recall of roster names >= 0.95, of every other kind >= 0.9 (count of labels in brackets)")
    for failed in report.failed_targets:
        lines.append(f"MISSED TARGET: {failed}")
    if failures:
        for s in report.splits:
            by_case: dict[str, list[str]] = defaultdict(list)
            for miss in s.misses:
                by_case[miss.case].append(f"missed {miss.bucket} {miss.text!r}")
            for extra in s.extras:
                by_case[extra.case].append(f"hid unlabelled {extra.kind} {extra.text!r}")
            for kept in s.kept_wrongly:
                by_case[kept.case].append(f"hid keep word {kept.text!r} (as {kept.kind})")
            for case_id, problems in by_case.items():
                lines.append(f"[{s.split}] {case_id}: " + "; ".join(problems))
    return "\n".join(lines)
