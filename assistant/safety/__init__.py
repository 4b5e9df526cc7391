"""Defences against prompt injection (docs/security.md): text the coach did not write itself (a team document, a
pasted note, the model's reply) is data, never instructions, and never a way to make the user's browser or terminal
reach another machine.

- ``output``: what may be shown: no images, no raw HTML or scripts, no terminal control codes, links only to
  addresses the user or the retrieved sources already hold;
- ``passages``: sentences of a retrieved passage that speak to an AI assistant are left out before any prompt sees
  them;
- ``leaks``: a reply that repeats the coach's own instructions, or a team document the run did not retrieve, is
  caught by word n-grams;
- ``screen``: the three applied to a skill's whole result, the one place the graph and the service call.

Pure functions over strings: no model, no I/O, so every rule is unit-tested and deterministic.
"""
