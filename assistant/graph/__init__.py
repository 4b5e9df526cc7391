"""The LangGraph flow every skill goes through. Graphs are built by a function, never at import."""
