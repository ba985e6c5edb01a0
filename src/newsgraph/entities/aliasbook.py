"""Alias lists: variant names mapped to one canonical name and stable key.

A list is a CSV file with a header row and the columns

    alias,canonical,kind,key

`alias` is the variant as it may appear in text ("Jolani"), `canonical` the preferred name
("Ahmad al-Sharaa"), `kind` one of person/organization/country/place/group/event/other (empty
for any kind), and `key` the stable cross-document id (empty: derived from `canonical`). Lines
starting with '#' are comments. A built-in list covers a few names that are commonly written in
several ways; the file named by the NEWSGRAPH_ALIASES environment variable (or passed to the
stage) is read after it, so its rows win.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.entities.drafts import NAME, Draft
from newsgraph.entities.gazetteer import fold
from newsgraph.intervals import SpanIndex

ALIASES_ENV = "NEWSGRAPH_ALIASES"

# Built-in rows, in the file format. Only variants that are unambiguous in news text.
BUILTIN = """alias,canonical,kind,key
Ahmad al-Sharaa,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Ahmed al-Sharaa,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Sharaa,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
al-Sharaa,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Jolani,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
al-Jolani,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Golani,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Abu Mohammad al-Jolani,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Abu Mohammed al-Golani,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Jolani-Sharaa,Ahmad al-Sharaa,person,person:ahmad-al-sharaa
Hayat Tahrir al-Sham,Hayat Tahrir al-Sham,organization,org:hayat-tahrir-al-sham
HTS,Hayat Tahrir al-Sham,organization,org:hayat-tahrir-al-sham
Islamic State,Islamic State,organization,org:islamic-state
ISIS,Islamic State,organization,org:islamic-state
ISIL,Islamic State,organization,org:islamic-state
Daesh,Islamic State,organization,org:islamic-state
Al-Qaeda,Al-Qaeda,organization,org:al-qaeda
al-Qaeda,Al-Qaeda,organization,org:al-qaeda
Al Qaeda,Al-Qaeda,organization,org:al-qaeda
Bashar al-Assad,Bashar al-Assad,person,person:bashar-al-assad
Bashar Assad,Bashar al-Assad,person,person:bashar-al-assad
Hafez al-Assad,Hafez al-Assad,person,person:hafez-al-assad
Vladimir Putin,Vladimir Putin,person,person:vladimir-putin
Putin,Vladimir Putin,person,person:vladimir-putin
United Nations,United Nations,organization,org:united-nations
UN,United Nations,organization,org:united-nations
U.N.,United Nations,organization,org:united-nations
European Union,European Union,organization,org:european-union
EU,European Union,organization,org:european-union
NATO,NATO,organization,org:nato
Al-Ikhbariya,Al-Ikhbariya,organization,org:al-ikhbariya
Al-Ikhbariya TV,Al-Ikhbariya,organization,org:al-ikhbariya
Soviet Union,Soviet Union,country,country:SU
USSR,Soviet Union,country,country:SU
"""


@dataclass(frozen=True)
class AliasEntry:
    canonical: str
    kind: str | None
    key: str


class AliasBook:
    """Variant -> canonical name and key, with user rows overriding built-in ones."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.entries: dict[str, list[AliasEntry]] = {}
        # Aliases as written, for finding them in text (capitalised ones only: "us" is no alias).
        self.surfaces: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self.add_csv(BUILTIN)
        chosen = path if path is not None else os.environ.get(ALIASES_ENV)
        if chosen:
            self.add_csv(Path(chosen).read_text(encoding="utf-8"))

    def add_csv(self, content: str) -> None:
        lines = [line for line in content.splitlines() if not line.lstrip().startswith("#")]
        for row in csv.DictReader(io.StringIO("\n".join(lines))):
            alias = (row.get("alias") or "").strip()
            canonical = (row.get("canonical") or "").strip() or alias
            if not alias:
                continue
            kind = (row.get("kind") or "").strip() or None
            key = (row.get("key") or "").strip() or f"{kind or 'entity'}:{slug(canonical)}"
            entry = AliasEntry(canonical, kind, key)
            if alias[:1].isupper() and len(alias) >= 3:
                self.surfaces.add(alias)
                self._pattern = None
            existing = self.entries.setdefault(fold(alias), [])
            existing[:] = [e for e in existing if e.kind != kind]
            existing.insert(0, entry)

    def pattern(self) -> re.Pattern[str] | None:
        """One regular expression that finds every listed alias as a whole word."""
        if self._pattern is None and self.surfaces:
            ordered = sorted(self.surfaces, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])"
            )
        return self._pattern

    def lookup(self, alias: str, kind: str | None) -> AliasEntry | None:
        for entry in self.entries.get(fold(alias), []):
            if entry.kind is None or kind is None or entry.kind == kind:
                return entry
        return None


def slug(name: str) -> str:
    """'Ahmad al-Sharaa' -> 'ahmad-al-sharaa': lower case, ASCII letters and digits."""
    folded = fold(name)
    out = []
    for char in folded:
        if char.isalnum() and char.isascii():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


_LABEL_BY_KIND = {
    "person": "PERSON",
    "organization": "ORG",
    "country": "GPE",
    "place": "GPE",
    "group": "NORP",
    "event": "EVENT",
}


def add_listed_names(drafts: list[Draft], text: str, book: AliasBook) -> list[Draft]:
    """Names on the alias list are mentions even where spaCy missed them ('Jolani spoke')."""
    pattern = book.pattern()
    if pattern is None:
        return drafts
    taken = SpanIndex(d.offsets for d in drafts)
    added: list[Draft] = []
    for match in pattern.finditer(text):
        offsets = match.span()
        if taken.overlaps(offsets):
            continue
        entry = book.lookup(match.group(), None)
        label = _LABEL_BY_KIND.get(entry.kind or "", "ORG") if entry else "ORG"
        added.append(Draft(*offsets, match.group(), label, NAME, origin="alias-list"))
        taken.add(offsets)
    return sorted([*drafts, *added], key=lambda d: d.start)
