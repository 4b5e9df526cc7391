"""The `coach` command line. Thin: each module parses arguments and calls assistant.service or a library API."""
