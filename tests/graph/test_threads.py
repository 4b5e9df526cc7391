"""The conversations listed for resuming after a reload: newest first, one skill's threads when asked, titled by the
first thing the user said."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from tests.doubles import Retriever
from tests.skills.sbi.helpers import CONCRETE, GOOD_MARCUS

STEPS = '{"steps": ["Ask how they like to work."]}'


@pytest.mark.parametrize("saver", ["memory", None])  # None: SQLite in the data directory, as the app runs
def test_threads_are_listed_newest_first_with_their_first_message(saver: str | None) -> None:
    llm = ScriptedLLM.replies({"sbi/request": [GOOD_MARCUS], "chat/answer": [STEPS] * 3})
    svc = CoachService(load_settings(), llm=llm, retriever=Retriever([]), checkpointer=saver)
    last(svc.run("chat", {"message": "How do I start a one-on-one with a new report?"}, "t-old"))
    last(svc.run("sbi", CONCRETE, "t-feedback"))
    long_question = "What do I say to a peer who keeps " + "reopening decisions " * 6
    last(svc.run("chat", {"message": long_question}, "t-new"))
    last(svc.run("chat", {"message": "And then?"}, "t-new"))
    chats = svc.threads("chat")
    assert [t.thread_id for t in chats] == ["t-new", "t-old"]
    assert chats[0].turns == 2 and chats[0].title.startswith("What do I say to a peer") and chats[0].title[-1] == "…"
    assert [t.thread_id for t in svc.threads()] == ["t-new", "t-feedback", "t-old"]
    assert svc.threads("chat", limit=1)[0].thread_id == "t-new"
    assert chats[0].updated > chats[1].updated
