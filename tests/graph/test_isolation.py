"""Runs on one thread see nothing of each other's working data; only the conversation history carries (issue 10).

Both leaks found in review are here: a leftover SBI draft answering a later vague note (in tests/skills/sbi), and a
chat question retrieved with SBI's query, document types and k."""

from __future__ import annotations

from assistant.config import load_settings
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import load_prompt
from assistant.service import CoachService, last
from assistant.skills.chat.guidance import search_query
from assistant.skills.chat.models import ChatOutput
from assistant.skills.chat.nodes import GUIDE_TYPES
from assistant.skills.chat.roles import read_role
from assistant.skills.sbi.models import SBIResult
from tests.doubles import Retriever, hit
from tests.skills.sbi.helpers import CONCRETE, GOOD_MARCUS

STEPS = '{"steps": ["Ask how they like to work."]}'
QUESTION = "How do I start a one-on-one with a new report?"
ONE_ON_ONE = hit("handbook/one-on-ones.md", "Start a one-on-one with a new report by asking how they like to work.",
                 heading_path=["First one-on-one"])  # fmt: skip


def service(retriever: Retriever) -> CoachService:
    llm = ScriptedLLM.replies({"sbi/request": [GOOD_MARCUS], "chat/answer": [STEPS] * 2})
    return CoachService(load_settings(), llm=llm, retriever=retriever, checkpointer="memory")


def test_chat_after_sbi_retrieves_with_its_own_question_and_settings() -> None:
    retriever = Retriever([ONE_ON_ONE])
    svc = service(retriever)
    assert last(svc.run("sbi", CONCRETE, "t-mixed")).output_as(SBIResult).status == "ready"
    sbi_call = retriever.calls[-1]
    assert sbi_call["k"] == 2 and sbi_call["doc_types"] is not None
    out = last(svc.run("chat", {"message": QUESTION}, "t-mixed")).output_as(ChatOutput)
    query = search_query(QUESTION, read_role(QUESTION))
    assert retriever.calls[-2:] == [
        {"query": query, "k": 4, "doc_types": GUIDE_TYPES},
        {"query": query, "k": 2, "doc_types": None},
    ]
    assert [s.citation for s in out.sources] == ["handbook/one-on-ones.md#First one-on-one"]
    assert out.notes == []


def test_skills_on_one_thread_share_only_the_conversation_history() -> None:
    svc = service(Retriever([ONE_ON_ONE]))
    first = last(svc.run("chat", {"message": QUESTION}, "t-shared")).output_as(ChatOutput)
    sbi = last(svc.run("sbi", CONCRETE, "t-shared")).output_as(SBIResult)
    again = last(svc.run("chat", {"message": QUESTION}, "t-shared")).output_as(ChatOutput)
    # The feedback run neither reads the chat's sources/notes nor adds to the conversation.
    assert sbi.notes == [n for n in sbi.notes if "one-on-one" not in n] and sbi.status == "ready"
    assert [t["content"] for t in svc.history("t-shared")] == [QUESTION, first.answer, QUESTION, again.answer]
    # The second chat turn saw the first turn as history, and nothing of the SBI run.
    prompt = svc.llm.calls[-1].messages  # type: ignore[attr-defined]
    examples = len([m for m in load_prompt("chat/answer").examples if m.role == "assistant"])
    assert [m.content for m in prompt if m.role == "assistant"][examples:] == [first.answer]
    assert not any("Aisha" in m.content for m in prompt)
    # The parent state holds only what is meant to carry: no skill's working data.
    values = svc.graph.get_state({"configurable": {"thread_id": "t-shared"}}).values
    assert set(values) <= {"skill", "request", "result", "history"}
