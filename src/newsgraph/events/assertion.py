"""On whose word an event is known: the innermost attribution whose content holds its trigger,
or the outlet's own voice for the sentence."""

from __future__ import annotations

from newsgraph.events.lookup import DocumentLookup


def asserting_attribution(lookup: DocumentLookup, start: int, end: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for attribution, piece in lookup.contents_holding(start, end):
        # Reported speech beats the outlet's voice; then the narrowest content wins, which is
        # the innermost of nested attributions.
        rank = (attribution.kind == "own_voice", piece.end - piece.start, attribution.id)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None
