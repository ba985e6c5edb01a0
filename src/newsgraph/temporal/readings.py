"""What a temporal expression means before it is placed on the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

# Where a relative reading is counted from.
PUBLICATION = "publication"  # the article's date ("last year", "today")
NARRATIVE = "narrative"  # the last date the text mentioned ("that year", "the next day")
# The last day the text mentioned if it named one, else the publication date ("at 10:35 a.m.").
NARRATIVE_DAY = "narrative-day"


@dataclass(frozen=True)
class Reading:
    """The meaning of one expression, in one of four shapes.

    - fixed: `value` is final (1974, P3Y, PAST_REF, XXXX-WXX-1);
    - shifted: `unit`/`offset` from a reference point, shown at `granularity` ("last year");
    - calendar: a `month`/`day`/`quarter`/`half`/`season` whose year comes from `year`, from
      `year_offset` against the reference, or from the tense of the sentence ("December 8");
    - weekday: `weekday` (1 = Monday) nearest to the reference in the tense's direction.
    `suffix` is appended to a resolved value ("TNI" for "Friday night", "T15:00").
    """

    type: TimexType
    value: str | None = None
    unit: str | None = None
    offset: int = 0
    granularity: str | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    year: int | None = None
    year_offset: int | None = None
    weekday: int | None = None
    # A movable day within `month`: (n, weekday) for "the fourth Thursday" (Thanksgiving).
    nth_weekday: tuple[int, int] | None = None
    # -1: the one before the reference ("last April"); +1: after ("next Friday"); 0: by tense.
    direction: int = 0
    reference: str = PUBLICATION
    suffix: str = ""
    # A vague value (PAST_REF ...) that is still read against the publication date.
    deictic: bool = False
    # "a year earlier" beside a quarter's results means that quarter a year before.
    comparative: bool = False
    # "at the time", "since then": the time the narrative last named, whatever its granularity.
    same_as_narrative: bool = False
    # "the weekend" in a past-tense sentence written on a weekday is the one just gone.
    tense_shift: bool = False
