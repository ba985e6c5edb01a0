"""Evaluators: score newsgraph's layers against annotated corpora."""
