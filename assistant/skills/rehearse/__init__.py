"""Rehearse difficult one-on-ones against an in-character counterpart, then get a scored debrief."""
