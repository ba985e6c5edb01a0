"""Embedded social-media posts: their own date, not the article's, dates what they say.

An embedded post ends with a signature line such as "— Name (@handle) April 6, 2025". Within
that paragraph, "today", "at 20:00" or "last month" are the poster's, so they are resolved
against the signature's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.temporal.finder import Candidate
from newsgraph.temporal.resolve import Context, Point, Resolver, point_of

_SIGNATURE_BEFORE_DATE = re.compile(r"\(@\w{1,30}\)\s*$")


def post_dates(text: str, candidates: Sequence[Candidate]) -> dict[int, Point]:
    """Map candidate index -> date of the embedded post it lies in, for posts with a dated
    signature. The signature's own date is not included."""
    own: dict[int, Point] = {}
    for index, candidate in enumerate(candidates):
        line_start = text.rfind("\n", 0, candidate.start) + 1
        if not _SIGNATURE_BEFORE_DATE.search(text, line_start, candidate.start):
            continue
        # Text before the signature on the same line is the post; an absolute date is required.
        resolution = Resolver(None).resolve(f"t{index + 1}", candidate.reading, Context())
        point = point_of(resolution.value, f"t{index + 1}")
        if point is None:
            continue
        for earlier in range(index - 1, -1, -1):
            if candidates[earlier].start < line_start:
                break
            own[earlier] = point
    return own
