"""Map a stretch of text (a speaker 'he', 'the interim Syrian president') to its entity."""

from __future__ import annotations

from newsgraph.model import Analysis, Mention


def entity_at(analysis: Analysis, start: int, end: int) -> str | None:
    """Entity id of the mention that best covers [start, end), or None.

    An exact mention wins; otherwise the longest non-demonym mention inside the span (the head
    name of 'Syrian President Ahmad al-Sharaa'), then the mention that overlaps it most.
    """
    linked = [m for m in analysis.mentions if m.entity is not None]
    for mention in linked:
        if mention.start == start and mention.end == end:
            return mention.entity
    inside = [m for m in linked if start <= m.start and m.end <= end]
    if inside:
        return max(inside, key=_weight).entity
    overlapping = [m for m in linked if m.start < end and start < m.end]
    if overlapping:
        return max(overlapping, key=lambda m: min(m.end, end) - max(m.start, start)).entity
    return None


def _weight(mention: Mention) -> tuple[int, int, int]:
    # A demonym is a modifier ('Syrian' in 'the Syrian president'), never the referent.
    return (mention.form != "demonym", mention.end - mention.start, -mention.start)
