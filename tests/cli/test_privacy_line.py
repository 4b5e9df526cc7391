import io

from pydantic import BaseModel
from rich.console import Console

from assistant.cli.common import final_event
from assistant.privacy import Hidden
from assistant.service import ResultEvent


class Done(BaseModel):
    answer: str = "ok"


def _result(hidden: Hidden) -> ResultEvent:
    return ResultEvent(skill="chat", thread_id="t", output=Done(), hidden=hidden)


def test_the_terminal_says_what_was_hidden_on_stderr() -> None:
    out = io.StringIO()
    err = Console(file=out, width=200)
    final_event(iter([_result(Hidden(model="openai/gpt-4o", counts={"person": 3, "email": 1}))]), err, "…")
    assert (
        "Hidden from openai/gpt-4o: 3 names, 1 email (replaced before sending, restored in the reply)" in out.getvalue()
    )


def test_nothing_is_said_when_nothing_was_hidden() -> None:
    out = io.StringIO()
    final_event(iter([_result(Hidden())]), Console(file=out, width=200), "…")
    assert "Hidden" not in out.getvalue()
