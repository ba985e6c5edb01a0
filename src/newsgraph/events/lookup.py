"""One article's layers indexed for the events stage: by id, and by position for "which
mentions lie in this sentence" and "which contents hold this trigger".

Each answer equals that of a scan of the whole layer (in layer order), but costs a bisection
and a look at the few items near the position, so that the stage stays linear in the length
of the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, TypeVar

from newsgraph.model import Analysis, Attribution, Entity, Mention, Span, Timex

Item = TypeVar("Item", Mention, Timex)


class _ByStart(Generic[Item]):
    """Items sorted by start, each remembering its place in its layer."""

    def __init__(self, items: Sequence[Item]) -> None:
        ordered: list[tuple[int, Item]] = sorted(
            enumerate(items), key=lambda pair: (pair[1].start, pair[0])
        )
        self._starts = [item.start for _, item in ordered]
        self._items: list[tuple[int, Item]] = ordered

    def starting_in(self, start: int, end: int) -> list[tuple[int, Item]]:
        low, high = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return sorted(self._items[low:high], key=lambda pair: pair[0])


class DocumentLookup:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.entities: dict[str, Entity] = {}
        for entity in analysis.entities:
            self.entities.setdefault(entity.id, entity)
        self.attributions: dict[str, Attribution] = {}
        for attribution in analysis.attributions:
            self.attributions.setdefault(attribution.id, attribution)
        self.timexes: dict[str, Timex] = {}
        for timex in analysis.timexes:
            self.timexes.setdefault(timex.id, timex)
        self.own_voice = next((a.id for a in analysis.attributions if a.kind == "own_voice"), None)
        self._mentions = _ByStart(analysis.mentions)
        self._timexes = _ByStart(analysis.timexes)
        pieces = sorted(
            (
                (piece.start, piece.end, attribution)
                for attribution in analysis.attributions
                for piece in attribution.content
            ),
            key=lambda item: item[0],
        )
        self._piece_starts = [start for start, _, _ in pieces]
        self._pieces = pieces
        self._longest_piece = max((end - start for start, end, _ in pieces), default=0)

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), in mention-list order."""
        # Inclusive of `end` itself, as a scan would be: an empty mention may sit there.
        return [m for _, m in self._mentions.starting_in(start, end + 1) if m.end <= end]

    def timexes_starting_in(self, start: int, end: int) -> list[Timex]:
        return [t for _, t in self._timexes.starting_in(start, end)]

    def contents_holding(self, start: int, end: int) -> list[tuple[Attribution, Span]]:
        """(attribution, content piece) pairs whose piece holds [start, end)."""
        low = bisect_left(self._piece_starts, start - self._longest_piece)
        high = bisect_right(self._piece_starts, start)
        held = []
        for piece_start, piece_end, attribution in self._pieces[low:high]:
            if piece_start <= start and end <= piece_end:
                held.append((attribution, Span.of(self.analysis.text, piece_start, piece_end)))
        return held
