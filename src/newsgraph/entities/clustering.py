"""Group name mentions into entities within one document.

Names join when they are the same name, the same country, an organisation with and without its
suffix, an alias pair, or a short form of a full personal name. A short form that fits several
full names ('Assad' for Bashar or Hafez al-Assad) goes to the one the text spoke of last, which
is how a reader settles it. Two different full names never merge, so a father and his son
stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.entities.countries import GROUP_FORMS
from newsgraph.entities.drafts import ALIAS, DEMONYM, DESCRIPTION, NAME, Draft, name_tokens
from newsgraph.entities.lexicon import ORG_SUFFIXES


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _org_key(text: str) -> str:
    words = text.lower().split()
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def name_key(draft: Draft) -> str | None:
    """What two mentions of one thing share outright (country code, group, plain name)."""
    if draft.country:
        return f"country:{draft.country}"
    if draft.label == "NORP":
        group = GROUP_FORMS.get(draft.text.lower())
        return f"group:{group or draft.text.lower()}"
    if draft.label == "PERSON":
        return "person:" + " ".join(name_tokens(draft.text))
    return f"{draft.label}:{_org_key(draft.text)}"


def cluster_names(drafts: list[Draft], alias_links: Iterable[tuple[int, int]]) -> None:
    """Set `cluster` on every name, alias and demonym draft."""
    forms = {NAME, ALIAS, DEMONYM}
    indexes = [
        i for i, d in enumerate(drafts) if d.form in forms or (d.form == DESCRIPTION and d.country)
    ]
    links = UnionFind(len(drafts))
    first_by_key: dict[str, int] = {}
    person_names = {
        tuple(name_tokens(d.text)) for d in drafts if d.label == "PERSON" and d.form == NAME
    }
    for index in indexes:
        key = name_key(drafts[index])
        draft = drafts[index]
        if draft.label == "PERSON" and is_short(name_tokens(draft.text), person_names):
            continue  # two bare "Assad"s may be two people; settled one by one below
        if key is None:
            continue
        if key in first_by_key:
            links.union(first_by_key[key], index)
        else:
            first_by_key[key] = index
    for a, b in alias_links:
        links.union(a, b)
    _join_organisation_short_names(drafts, indexes, links)
    _join_person_names(drafts, indexes, links)
    for index in indexes:
        drafts[index].cluster = links.find(index)


def _join_organisation_short_names(
    drafts: list[Draft], indexes: list[int], links: UnionFind
) -> None:
    """'Nordvik' for 'Nordvik Petroleum': a one-word name that starts exactly one longer
    organisation name in the document is that organisation."""
    organisations = [i for i in indexes if drafts[i].label == "ORG" and drafts[i].form == NAME]
    long_names: dict[str, set[str]] = {}
    first_index: dict[str, int] = {}
    for index in organisations:
        words = drafts[index].text.split()
        if len(words) > 1:
            long_names.setdefault(words[0], set()).add(drafts[index].text)
            first_index.setdefault(words[0], index)
    for index in organisations:
        word = drafts[index].text
        if " " not in word and len(long_names.get(word, ())) == 1:
            links.union(first_index[word], index)


def is_short(parts: list[str], names: set[tuple[str, ...]]) -> bool:
    """A short form: its parts are a subset of a longer name's ('Assad', 'Ag Tamelit')."""
    return any(
        len(other) > len(parts) and set(parts) <= set(other)
        and (len(parts) == 1 or parts[-1] == other[-1])
        for other in names
    )  # fmt: skip


def _join_person_names(drafts: list[Draft], indexes: list[int], links: UnionFind) -> None:
    """Full names absorb their shorter forms; ambiguous short forms go to the latest referent.

    A name is short when its parts are a subset of a longer name's ('Ag Tamelit' of 'Moussa Ag
    Tamelit'); when it fits several longer names (a father's and a son's), the one the text
    spoke of last wins.
    """
    people = [i for i in indexes if drafts[i].label == "PERSON" and drafts[i].form == NAME]
    parts_of = {i: name_tokens(drafts[i].text) for i in people}
    distinct = {tuple(p) for p in parts_of.values() if p}
    full = [i for i in people if parts_of[i] and not is_short(parts_of[i], distinct)]
    last_seen: dict[int, int] = {}
    for index in people:
        parts = parts_of[index]
        if not parts:
            continue
        if index in full:
            last_seen[links.find(index)] = drafts[index].start
            continue
        owners = {links.find(f) for f in full if set(parts) <= set(parts_of[f])}
        if not owners:
            continue
        if len(owners) == 1:
            owner = owners.pop()
        else:
            # A lone surname prefers full names it ends; then the one mentioned last.
            surname = {o for o in owners if _surname_of(drafts, full, links, o) == parts[-1]}
            pool = surname if surname and len(parts) == 1 else owners
            seen = [o for o in pool if o in last_seen]
            owner = max(seen, key=lambda o: last_seen[o]) if seen else min(pool)
        links.union(owner, index)
        root = links.find(index)
        for key in list(last_seen):
            if links.find(key) != key:
                last_seen[links.find(key)] = max(last_seen.pop(key), last_seen.get(root, -1))
        last_seen[root] = drafts[index].start


def _surname_of(drafts: list[Draft], full: list[int], links: UnionFind, owner: int) -> str | None:
    for index in full:
        if links.find(index) == owner:
            return name_tokens(drafts[index].text)[-1]
    return None
