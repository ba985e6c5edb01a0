"""The credit a later article gives the earlier one: its relay chain (`via`), its dateline's
agency, or words such as "according to X", "X reported", "first reported by X"."""

from __future__ import annotations

import re

_CREDIT_PATTERNS = (
    r"according to (?:the )?{name}",
    r"(?:the )?{name} (?:first )?(?:reported|said|wrote|reports)",
    r"(?:first )?reported by (?:the )?{name}",
    r"(?:via|from|courtesy of|copyright) (?:the )?{name}",
    r"\((?:the )?{name}\)",
    r"{name} contributed to this",
)


def credit(
    earlier_outlet: str | None,
    later_via: list[str],
    later_dateline_credit: str | None,
    later_text: str,
) -> str | None:
    """How the later article credits the earlier one's outlet, or None when it does not."""
    if not earlier_outlet:
        return None
    wanted = earlier_outlet.casefold()
    for outlet in later_via:
        if outlet.casefold() == wanted:
            return f"via {outlet}"
    if later_dateline_credit and later_dateline_credit.casefold() == wanted:
        return f"dateline ({later_dateline_credit})"
    name = re.escape(earlier_outlet)
    for pattern in _CREDIT_PATTERNS:
        match = re.search(pattern.format(name=name), later_text, re.IGNORECASE)
        if match:
            return f"text: {match.group()!r} at {match.start()}"
    return None
