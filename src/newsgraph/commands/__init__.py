"""Terminal commands that read the store (their parsers are registered in newsgraph.cli)."""
