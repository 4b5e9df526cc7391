from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.knowledge import Hit, KnowledgeBase
from assistant.knowledge.search import Corpus, deduplicate, rrf
from assistant.knowledge.store import Snapshot


@pytest.fixture
def indexed(kb: KnowledgeBase, docs: Path) -> KnowledgeBase:
    kb.ingest([docs])
    return kb


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_each_mode_finds_the_section_and_cites_it(indexed: KnowledgeBase, docs: Path, mode: str) -> None:
    hits = indexed.search("acknowledge a SEV2 page escalate", k=3, mode=mode)  # type: ignore[arg-type]
    top = hits[0]
    assert top.citation == "handbook/on-call.md#Escalation"
    assert top.heading_path == ["On-call and Incidents", "Escalation"]
    assert (top.title, top.doc_type) == ("On-call and Incidents", "process")
    source = (docs / "handbook/on-call.md").read_text().splitlines()
    assert source[top.line_start - 1] == "## Escalation"
    assert "15 minutes" in "\n".join(source[top.line_start - 1 : top.line_end])


def test_citations_for_other_formats(indexed: KnowledgeBase) -> None:
    assert indexed.search("travel budget euros", k=1)[0].citation == "handbook/budget.pdf#Page 1"
    assert indexed.search("leaked API key rotate", k=1)[0].citation == "handbook/security.html#Handling secrets"
    assert indexed.search("canary error rates", k=1)[0].citation == "handbook/release.rst#Canary"
    assert indexed.search("team lunch mug", k=1)[0].citation == "notes.txt"


def test_doc_type_filter(indexed: KnowledgeBase) -> None:
    hits = indexed.search("ledger PostgreSQL escalation", k=5, doc_types=["ADR"])
    assert hits and {h.doc_type for h in hits} == {"adr"}
    assert indexed.search("anything", doc_types=["no-such-type"]) == []


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_path_glob_filter(indexed: KnowledgeBase, mode: str) -> None:
    hits = indexed.search("ledger payouts secrets", k=10, path_glob="handbook/*", mode=mode)  # type: ignore[arg-type]
    assert hits and all(h.path.startswith("handbook/") for h in hits)
    assert indexed.search("ledger", path_glob="nowhere/*", mode=mode) == []  # type: ignore[arg-type]


def test_both_filters_combine(indexed: KnowledgeBase) -> None:
    hits = indexed.search("secrets escalation", k=10, doc_types=["process"], path_glob="handbook/*")
    assert hits and {h.path for h in hits} == {"handbook/on-call.md"}


def test_the_same_text_from_two_roots_is_returned_once(kb: KnowledgeBase, docs: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(docs, copy)
    kb.ingest([docs, copy])
    hits = kb.search("acknowledge a SEV2 page escalate", k=5)
    texts = [h.text for h in hits]
    assert len(texts) == len(set(texts))
    assert sum(h.citation == "handbook/on-call.md#Escalation" for h in hits) == 1


def test_near_duplicates_are_dropped_but_different_texts_kept() -> None:
    base = " ".join(f"word{i}" for i in range(60))
    texts = [base, base.replace("word30", "changed"), "something else entirely here", base]
    metas = [{"content_hash": h} for h in ("a", "b", "c", "a")]
    corpus = Corpus(Snapshot([f"id{i}" for i in range(4)], texts, metas), ("x", 0, 4))
    kept = deduplicate(corpus, [(0, 1.0), (1, 0.9), (2, 0.8), (3, 0.7)], k=5)
    assert [i for i, _ in kept] == [0, 2]


def test_rrf_rewards_agreement_and_keeps_single_list_items() -> None:
    fused = rrf([[(1, 9.0), (2, 8.0), (3, 7.0)], [(3, 0.9), (1, 0.8), (4, 0.7)]], k=60)
    order = [i for i, _ in fused]
    assert order[:2] == [1, 3] and set(order) == {1, 2, 3, 4}
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


def test_new_documents_are_found_after_a_later_ingest(indexed: KnowledgeBase, docs: Path) -> None:
    assert indexed.search("zeppelin", k=3, mode="lexical") == []
    (docs / "zeppelin.md").write_text("# Airships\n\nThe zeppelin offsite is in May.\n")
    indexed.ingest([docs])
    assert indexed.search("zeppelin", k=3, mode="lexical")[0].path == "zeppelin.md"


def test_bad_queries_are_input_errors(indexed: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="empty"):
        indexed.search("   ")
    with pytest.raises(InputError, match="at least 1"):
        indexed.search("x", k=0)


def test_k_limits_results_and_scores_are_sorted(indexed: KnowledgeBase) -> None:
    hits = indexed.search("the team", k=2, mode="dense")
    assert len(hits) == 2 and hits[0].score >= hits[1].score


def test_hit_citation_and_json_round_trip() -> None:
    hit = Hit(
        chunk_id="x:0", path="a.md", title="A", heading_path=[], line_start=1, line_end=2,
        doc_type="other", text="t", score=0.5,
    )  # fmt: skip
    assert hit.citation == "a.md"
    again = Hit.model_validate(json.loads(hit.model_dump_json()))
    assert again == hit
    with pytest.raises(ValueError, match="extra"):
        Hit.model_validate({**hit.model_dump(), "unexpected": 1})
