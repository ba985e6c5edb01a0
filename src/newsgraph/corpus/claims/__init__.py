"""Claims: attributions in different articles that report the same claim, and how it travelled.

`update_claims(engine, document_ids)` matches the statements of stored documents into claims
(incrementally); `list_claims(connection, ...)` reads claims back with their timelines.
"""

from newsgraph.corpus.claims.report import Claim, ClaimAppearance, UnknownNameError, list_claims
from newsgraph.corpus.claims.update import ClaimsError, ClaimsUpdate, update_claims

__all__ = [
    "Claim",
    "ClaimAppearance",
    "ClaimsError",
    "ClaimsUpdate",
    "UnknownNameError",
    "list_claims",
    "update_claims",
]
