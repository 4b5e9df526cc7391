"""The feedback coach (SBI): raw feedback in, Situation-Behavior-Impact-Request out, never with an invented moment.

- ``models``: the contract (``SBIRequest`` in, ``SBIDraft`` from the model, ``SBIResult`` out);
- ``split``, ``facts``: the note read in code into tagged facts; ``questions``: what to ask when facts are missing;
- ``prompt``: the draft prompt; ``review``: checks on a draft, revise lines, composing the message;
- ``delivery``: notes on when and where to say it;
- ``state``, ``nodes``, ``graph``: the subgraph; ``skill``: its registration; ``eval``: its eval adapter.

Its lint rules (``sbi.*``) live in the shared catalogue (``assistant/checks/sbi.py``), because `coach lint --kind
sbi` runs them on any text too.
"""
