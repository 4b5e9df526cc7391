"""Hypothesis profiles for the property tests.

``ci`` (the default) tries a few examples per property, derandomized, so `make test` is quick and a failure
reproduces on every machine. ``long`` (`make fuzz`, or ``HYPOTHESIS_PROFILE=long``, or ``pytest -m fuzz``) tries
many random ones; its finds are kept in ``.hypothesis/`` so the next run retries them first.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Generated texts and byte strings are large and some checks are slow on them: neither is a bug in the test.
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=50, deadline=None, derandomize=True, database=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile("long", max_examples=2_000, deadline=None, suppress_health_check=_SLOW_IS_FINE)


def pytest_configure(config: pytest.Config) -> None:
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen is None:
        # Asking for the fuzz tests by marker means asking for a long run.
        markexpr = str(config.getoption("markexpr", default="") or "")
        chosen = "long" if "fuzz" in markexpr and "not fuzz" not in markexpr else "ci"
    settings.load_profile(chosen)
