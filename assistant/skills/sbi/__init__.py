"""The feedback coach (SBI): raw feedback in, Situation-Behavior-Impact-Request out, never with an invented moment.

- ``models``: the contract (``SBIRequest`` in, ``SBIReply`` from the model, ``SBIResult`` out);
- ``fact``, ``split``, ``facts``, ``known``: the note and the typed facts read in code into tagged facts;
  ``judgement``, ``private``: what is never a fact;
  ``questions``: what to ask when facts are missing;
- ``person``, ``select``, ``template``: the situation, behaviour and impact written by code, spoken to the person;
- ``prompt``: the model's prompt (request and question); ``review``, ``sayable``: checks on a draft, revise lines,
  composing the message; ``reader``: the eval's listener checks;
- ``delivery``: notes on when and where to say it;
- ``state``, ``nodes``, ``graph``: the subgraph; ``skill``: its registration; ``eval``: its eval adapter.

Its lint rules (``sbi.*``) live in the shared catalogue (``assistant/checks/sbi.py``), because `coach lint --kind
sbi` runs them on any text too.
"""
