"""Status updates for one audience from the lead's raw notes (and, optionally, merged work from git)."""
