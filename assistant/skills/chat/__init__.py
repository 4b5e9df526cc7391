"""The coaching chat: ``models`` (input, output), ``prompt``, ``state``, ``nodes``, ``graph`` (retrieve -> answer),
``skill`` (registration, the history it carries) and ``eval`` (its eval adapter)."""
