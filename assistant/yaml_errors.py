"""A YAML syntax error in one line a person can act on: where it is and what is wrong there. PyYAML's own text
spans several lines with a copy of the offending line, which reads badly after "error:" in a terminal."""

from __future__ import annotations

import yaml


def yaml_problem(exc: yaml.YAMLError) -> str:
    """``at line 3, column 7: mapping values are not allowed here``."""
    where = getattr(exc, "problem_mark", None)
    position = getattr(exc, "position", None)  # a character the reader refuses (a NUL, a control byte) has no line
    if where is not None:
        at = f"at line {where.line + 1}, column {where.column + 1}: "
    elif isinstance(position, int):
        at = f"at character {position + 1}: "
    else:
        at = "- "
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    context = getattr(exc, "context", None)
    return f"{at}{problem}" + (f" ({context})" if context else "")
