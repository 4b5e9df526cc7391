"""Shared by the fake provider and the gateway without importing litellm: the text that marks a replay miss."""

FAKE_MISS_MARKER = "fake LLM: no recorded reply"
