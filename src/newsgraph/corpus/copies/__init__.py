"""Copies and rewrites: exact copies, near-copies and passages one article reuses from another,
with what changed between them, the credit given and the relay chain of a story.

`text` turns an article into words, shingles and fingerprints; `compare` decides what two
articles share; `changes` and `credit` describe a copy against its original; `step` keeps the
indexes and the results in the store; `report` reads them back.
"""
