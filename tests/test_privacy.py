"""The privacy filter on its own: what it hides and keeps, stable placeholders, and putting the originals back in a
reply (whole, streamed token by token, or JSON)."""

import itertools
import json

import pytest
from pydantic import BaseModel

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.privacy import Detector, Hidden, Pseudonymiser, Shield

ROSTER = ["Priya Raman", "Dmitri Volkov", "Lena Ortiz", "Ravi Menon", "Tomás Herrera", "Jun Park"]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(ROSTER)


def hidden(detector: Detector, text: str) -> list[tuple[str, str]]:
    return [(span.kind, span.text(text)) for span in detector.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomas missed the cutoff", [("person", "tomas")]),
        ("TOMÁS MISSED IT AGAIN", [("person", "TOMÁS")]),
        ("Ravi's review was harsh", [("person", "Ravi")]),
        ("ravis attitude in standup", [("person", "ravis")]),
        ("Herrera wants the swap", [("person", "Herrera")]),
        ("dima said no backfill", [("person", "dima")]),  # Dmitri's short form
        ("with Priya Raman and jun", [("person", "Priya Raman"), ("person", "jun")]),
        ("our contact, Brannigan, is late", [("person", "Brannigan")]),
        ("Zoltan Kovacs from Northwind said no", [("person", "Zoltan Kovacs")]),
        ("spoke to emily from support", [("person", "emily")]),
        ("Dr. Nwosu called", [("person", "Nwosu")]),
        ("ping @rmenon please", [("person", "rmenon")]),
        ("mail ravi.menon@acme.io today", [("email", "ravi.menon@acme.io")]),
        ("call +44 7700 900123 now", [("phone", "+44 7700 900123")]),
        ("or (415) 555-0134", [("phone", "(415) 555-0134")]),
        ("see https://x.io/d/a?token=abc123 ok", [("url_token", "https://x.io/d/a?token=abc123")]),
        ("ids EMP-20417 and E204411", [("employee_id", "EMP-20417"), ("employee_id", "E204411")]),
        ("employee id 48213 please", [("employee_id", "48213")]),
    ],
)
def test_what_is_hidden(detector: Detector, text: str, expected: list[tuple[str, str]]) -> None:
    assert hidden(detector, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kafka lag went up on Monday. Postgres was fine. Q4 is at risk.",
        "Park this until after the freeze.",  # a roster surname that is also a word, at the start of a sentence
        "the cert slipped to Jun 12, and by jun we ship",  # a roster first name that is also a month
        "Will we hit the date? We agreed on RFC-014 for INC-2041.",
        "upgraded to 2.14.3 on 2026-11-20; p99 1200 ms at 10.0.4.17; cost 12,400",
        "the PRD is https://docs.harbor.io/product/instant-payouts-v2 and the PR https://github.com/h/p/pull/1842",
        "she is an E2 doing E3 work",
        "Terraform plan failed. Jenkins is flaky. I've asked twice.",
    ],
)
def test_what_stays(detector: Detector, text: str) -> None:
    assert hidden(detector, text) == []


def test_a_bad_employee_id_pattern_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="employee id pattern"):
        Detector([], employee_id_pattern="(unclosed")
    with pytest.raises(ConfigError, match="employee_id_pattern"):
        load_settings(employee_id_pattern="(unclosed")


def test_a_roster_nickname_in_quotes_is_the_same_person() -> None:
    mapping = Pseudonymiser(Detector(['Robert "Bobby" Fisher']))
    assert mapping.mask("bobby and Robert Fisher and Fisher") == "Person_1 and Person_1 and Person_1"


def test_a_custom_employee_id_pattern(detector: Detector) -> None:
    custom = Detector(ROSTER, employee_id_pattern=r"\bHB\d{4}\b")
    assert hidden(custom, "badge HB1234 and EMP-20417") == [("employee_id", "HB1234")]
    assert hidden(detector, "badge HB1234") == []


def test_the_same_person_gets_the_same_placeholder_in_every_form_and_message(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    first = mapping.mask("Tomás Herrera missed it; ravi covered")
    second = mapping.mask_messages([{"role": "user", "content": "tomas and TOMÁS, and Ravi's PR"}])[0]["content"]
    assert first == "Person_1 missed it; Person_2 covered"
    assert second == "Person_1 and Person_1, and Person_2's PR"


def test_other_names_join_their_longer_form(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    assert mapping.mask("met Sarah Whitfield today. Sarah said yes") == "met Person_1 today. Person_1 said yes"


def test_the_mapping_is_a_plain_dict_that_carries_over(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    mapping.mask("lena and dmitri, lena@harbor.io")
    kept = json.loads(json.dumps(mapping.to_dict()))  # what a thread could store
    again = Pseudonymiser.from_dict(detector, kept)
    assert again.mask("dmitri then lena then Jun") == "Person_2 then Person_1 then Person_3"
    assert again.restore("Email_1") == "lena@harbor.io"
    with pytest.raises(ValueError, match="extra"):
        Pseudonymiser(detector, {"entities": [], "surprise": 1})


@pytest.mark.parametrize(
    "text",
    [
        "tomas has missed his last two sprint commitments",
        "Ravi's PR: ravi.menon@acme.io, +44 7700 900123, EMP-20417, https://x.io/a?token=abc123",
        "Zoltan Kovacs (Northwind) told Priya Raman the fix is late",
        "nothing to hide in this one",
        "Tomás\u0301 with a combining accent",
    ],
)
def test_round_trip(detector: Detector, text: str) -> None:
    mapping = Pseudonymiser(detector)
    masked = mapping.mask(text)
    assert mapping.restore(masked) == text


def test_a_person_written_two_ways_comes_back_as_first_written(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    assert mapping.restore(mapping.mask("Ravi Menon said ravi is fine")) == "Ravi Menon said Ravi Menon is fine"


def test_restore_finds_placeholders_the_model_changed(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    mapping.mask("tomas and lena")
    reply = "Ask PERSON_1 first, then person_2's view; Person_7 and Person 1 are not ours."
    assert mapping.restore(reply) == "Ask tomas first, then lena's view; Person_7 and Person 1 are not ours."


def test_a_placeholder_already_in_the_text_is_not_reused(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    masked = mapping.mask("Person_1 is a test user; lena is not")
    assert masked == "Person_1 is a test user; Person_2 is not"


def _stream(mapping: Pseudonymiser, pieces: list[str], json_strings: bool = False) -> str:
    out: list[str] = []
    restorer = mapping.restorer(out.append, json_strings=json_strings)
    for piece in pieces:
        restorer.feed(piece)
    restorer.close()
    return "".join(out)


def test_streamed_tokens_are_restored_wherever_a_placeholder_is_split(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    mapping.mask("tomas, lena and Jun Park")
    reply = "Talk to Person_1 before Person_3's demo; Person_2: ok. End with Person_1"
    expected = "Talk to tomas before Jun Park's demo; lena: ok. End with tomas"
    for a, b in itertools.combinations(range(1, len(reply)), 2):  # every split into three tokens
        assert _stream(mapping, [reply[:a], reply[a:b], reply[b:]]) == expected, (a, b)
    assert _stream(mapping, list(reply)) == expected  # one character at a time


def test_a_longer_number_is_not_cut_into_a_known_placeholder(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    mapping.mask("tomas")
    assert _stream(mapping, ["Person_1", "2 and Person_1", ""]) == "Person_12 and tomas"


def test_streamed_tokens_keep_nothing_back_that_cannot_be_a_placeholder(detector: Detector) -> None:
    mapping = Pseudonymiser(detector)
    out: list[str] = []
    restorer = mapping.restorer(out.append)
    restorer.feed("Hello there ")
    restorer.feed("Pers")
    assert "".join(out) == "Hello there "  # "Pers" may become "Person_1"
    restorer.feed("istence pays")
    assert "".join(out) == "Hello there Persistence pays"


class Step(BaseModel):
    who: str
    contact: str


def test_json_replies_are_restored_inside_strings_before_validation() -> None:
    mapping = Pseudonymiser(Detector(["Ana Lima"]))
    mapping.mask("Ana\nLima wrote from ana@x.io")  # a name broken over two lines: a raw newline breaks a JSON string
    reply = '{"who": "Person_1", "contact": "Email_1"}'
    restored = mapping.restore(reply, json_strings=True)
    assert Step.model_validate_json(restored) == Step(who="Ana\nLima", contact="ana@x.io")
    with pytest.raises(ValueError, match="control character"):
        Step.model_validate_json(mapping.restore(reply))  # what restoring without escaping would have sent on
    assert _stream(mapping, ['{"who": "Per', 'son_1", "contact"', ': "Email_1"}'], json_strings=True) == restored


def test_what_a_run_hid_is_counted_and_said_in_one_line(detector: Detector) -> None:
    shield = Shield(Pseudonymiser(detector), "openai/gpt-4o")
    shield.mask_messages([{"role": "system", "content": "be brief"}, {"role": "user", "content": "tomas and lena"}])
    shield.mask_messages([{"role": "user", "content": "Tomás, lena@harbor.io and +44 7700 900123"}])
    assert shield.hidden().counts == {"person": 2, "email": 1, "phone": 1}
    assert shield.hidden().line() == (
        "Hidden from openai/gpt-4o: 2 names, 1 email, 1 phone number (replaced before sending, restored in the reply)"
    )
    assert Hidden().line() == ""


@pytest.mark.parametrize(
    ("settings", "applies"),
    [
        ({}, False),  # the embedded model
        ({"model": "fake/coach"}, False),
        ({"model": "openai/gpt-4o"}, True),
        ({"model": "anthropic/claude-x", "privacy": "off"}, False),
        ({"model": "ollama/llama3.1"}, False),
        ({"model": "ollama/llama3.1", "api_base": "https://gpu.example.com"}, True),
        ({"model": "openai/local-vllm", "api_base": "http://127.0.0.1:8000/v1"}, False),
        ({"privacy": "on"}, True),
    ],
)
def test_when_privacy_applies(settings: dict[str, str], applies: bool) -> None:
    assert load_settings(**settings).privacy_applies is applies
