"""The `temporal` stage: TIMEX3 expressions with ISO-TimeML values."""

from __future__ import annotations

import bisect
from typing import Any, ClassVar

from newsgraph.model import Timex
from newsgraph.stage import StageInput, provenance
from newsgraph.temporal.finder import Finder
from newsgraph.temporal.posts import post_dates
from newsgraph.temporal.readings import PUBLICATION
from newsgraph.temporal.resolve import Context, Point, Resolver, point_of
from newsgraph.temporal.tense import Tense, sets_the_scene, tense_of

NO_PUBLICATION_DATE = (
    "no publication date: temporal expressions relative to it (today, last year, December 8) "
    "are left without a value"
)


class TemporalStage:
    """Finds temporal expressions and resolves them against the publication date and narrative."""

    name: ClassVar[str] = "temporal"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("timexes",)

    def __init__(self) -> None:
        # Patterns are compiled at import; nothing else to load.
        self.origin = provenance(self)

    def run(self, data: StageInput) -> dict[str, list[Any]]:
        text = data.analysis.text
        published = data.analysis.document.published
        candidates = Finder(data.doc).find()
        sentence_starts = [sentence.start_char for sentence in data.doc.sents]
        resolver = Resolver(published)
        timexes: list[Timex] = []
        # Per sentence: the absolute date that sets its scene, and the last date resolved in it.
        scenes: dict[int, Point] = {}
        last_points: dict[int, Point] = {}
        own_dates = post_dates(text, candidates)
        for index, candidate in enumerate(candidates):
            timex_id = f"t{index + 1}"
            reading = candidate.reading
            sentence = bisect.bisect_right(sentence_starts, candidate.start) - 1
            needs_tense = reading.tense_shift or (
                reading.value is None and reading.unit is None and reading.year is None
            )
            tense = tense_of(data.doc, candidate.start, candidate.end) if needs_tense else Tense()
            context = Context(
                tense=tense,
                scene=scenes.get(sentence),
                last_in_sentence=last_points.get(sentence),
                own_date=own_dates.get(index),
            )
            resolution = resolver.resolve(timex_id, reading, context)
            point = point_of(resolution.value, timex_id) if reading.type == "DATE" else None
            if point is not None:
                last_points[sentence] = point
            if (
                point is not None
                and resolution.anchor != PUBLICATION  # absolute, or from an absolute date
                and sets_the_scene(data.doc, candidate.start, candidate.end)
            ):
                scenes[sentence] = point
            timexes.append(
                Timex(
                    id=timex_id,
                    start=candidate.start,
                    end=candidate.end,
                    text=text[candidate.start : candidate.end],
                    type=reading.type,
                    value=resolution.value,
                    anchor=resolution.anchor,
                    provenance=self.origin,
                )
            )
        unresolved = any(timex.value is None for timex in timexes)
        warnings = [NO_PUBLICATION_DATE] if published is None and unresolved else []
        return {"timexes": timexes, "warnings": warnings}
