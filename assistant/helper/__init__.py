"""`coach prompt`: what a skill knows before any model is asked, as one request a lead can paste into another chat
tool, and the same checks on the reply they paste back (docs/prompt-helper.md).

The skills' own pipelines split each job into small steps for the embedded 1.5B model, so their first model call is
not a request anyone could answer on its own. A helper prompt (``prompts/helper/<skill>.yaml``) is one
self-contained request instead, filled by the skill's own code: its input model validates the input, its reading of
the input (the SBI lint and questions, the status notes without private lines, the ADR log's number and template),
its retrieval with the passage screen, and its checks on what comes back. Nothing here calls a model.
"""

from assistant.helper.build import SKILLS, build, check_reply
from assistant.helper.models import HelperPrompt, Material, ReplyCheck

__all__ = ["SKILLS", "HelperPrompt", "Material", "ReplyCheck", "build", "check_reply"]
