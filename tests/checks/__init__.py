"""Tests for the deterministic checks, `coach lint` and the checks eval."""
