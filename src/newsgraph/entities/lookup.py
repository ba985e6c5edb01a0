"""Map a stretch of text (a speaker 'he', 'the interim Syrian president') to its entity."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from newsgraph.model import Analysis, Mention


class _LinkedMentions:
    """The mentions of one analysis that have an entity, sorted by start for lookups by
    position. Each keeps its place in the mention list, which settles ties as a scan would."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.count = len(mentions)
        linked = sorted(
            ((m.start, index, m) for index, m in enumerate(mentions) if m.entity is not None),
            key=lambda item: (item[0], item[1]),
        )
        self.starts = [start for start, _, _ in linked]
        self.linked = [(index, mention) for _, index, mention in linked]
        self.longest = max((m.end - m.start for _, m in self.linked), default=0)

    def fits(self, mentions: list[Mention]) -> bool:
        return mentions is self.mentions and len(mentions) == self.count

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The linked mentions that overlap [start, end) or lie in it (even empty ones), in
        mention-list order: no other mention can be an exact, inside or overlapping match."""
        low = bisect_left(self.starts, start - self.longest)
        high = bisect_right(self.starts, end)
        return [mention for _, mention in sorted(self.linked[low:high], key=lambda x: x[0])]


# The index of the analysis looked at last: attribution asks for many spans of one analysis.
_index: _LinkedMentions | None = None


def entity_at(analysis: Analysis, start: int, end: int) -> str | None:
    """Entity id of the mention that best covers [start, end), or None.

    An exact mention wins; otherwise the longest non-demonym mention inside the span (the head
    name of 'Syrian President Ahmad al-Sharaa'), then the mention that overlaps it most.
    """
    global _index
    if _index is None or not _index.fits(analysis.mentions):
        _index = _LinkedMentions(analysis.mentions)
    linked = _index.overlapping(start, end)
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
