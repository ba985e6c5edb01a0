"""Turn clustered drafts into the model's Mention and Entity records, with keys and places."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import cast

from newsgraph.entities.aliasbook import AliasBook, slug
from newsgraph.entities.countries import GROUP_FORMS
from newsgraph.entities.drafts import ALIAS, DEMONYM, DESCRIPTION, NAME, PRONOUN, Draft
from newsgraph.entities.drafts import name_tokens as tokens_of
from newsgraph.entities.gazetteer import Gazetteer, Place, fold
from newsgraph.model import Entity, EntityKind, GeoInfo, Mention, Provenance

_KIND_BY_LABEL: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}
_KEY_PREFIX: dict[str, str] = {"organization": "org"}


def entity_kind(drafts: list[Draft], gazetteer: Gazetteer) -> EntityKind:
    if any(d.country for d in drafts if d.form in {NAME, DEMONYM, DESCRIPTION}):
        return "country"
    labels = Counter(d.label for d in drafts if d.form in {NAME, ALIAS})
    if not labels:
        labels = Counter(d.label for d in drafts)
    label = labels.most_common(1)[0][0]
    return _KIND_BY_LABEL.get(label, "other")


def canonical_name(drafts: list[Draft], kind: EntityKind, gazetteer: Gazetteer) -> str:
    """Country: its gazetteer name; otherwise the longest plain name, earliest on ties."""
    if kind == "country":
        code = next(d.country for d in drafts if d.country)
        place = gazetteer.country(code or "")
        if place is not None:
            return place.name
    if kind == "group":
        for draft in drafts:
            group = GROUP_FORMS.get(draft.text.lower())
            if group:
                return group
    for forms in ({NAME}, {ALIAS}, {NAME, ALIAS, DESCRIPTION, DEMONYM, PRONOUN}):
        named = [d for d in drafts if d.form in forms]
        if named:
            return max(named, key=lambda d: (len(tokens_of(d.text)), -d.start)).text
    return drafts[0].text


def merge_by_book(drafts: list[Draft], book: AliasBook, gazetteer: Gazetteer) -> None:
    """Clusters whose names the alias list gives one key are one entity ('Jolani', 'Sharaa')."""
    by_cluster = _group(drafts)
    owner: dict[str, int] = {}
    for cluster, members in by_cluster.items():
        kind = entity_kind(members, gazetteer)
        keys = {
            entry.key
            for d in members
            if d.form in {NAME, ALIAS} and (entry := book.lookup(d.text, kind)) is not None
        }
        if len(keys) != 1:
            continue
        key = keys.pop()
        if key in owner:
            for draft in members:
                draft.cluster = owner[key]
        else:
            owner[key] = cluster


def merge_places(drafts: list[Draft], gazetteer: Gazetteer, context: Counter[str]) -> None:
    """Place names the gazetteer resolves to one place are one entity ('Golan', 'Golan Heights')."""
    owner: dict[Place, int] = {}
    owner_names: dict[Place, str] = {}
    for cluster, members in sorted(_group(drafts).items()):
        if entity_kind(members, gazetteer) != "place":
            continue
        name = canonical_name(members, "place", gazetteer)
        place = gazetteer.resolve_place(name, context)
        if place is None:
            continue
        # Alternate names can point two different places at one record ("Para" is listed for
        # Belem); only names that share a word are taken as one place.
        earlier = owner.get(place)
        if earlier is not None and set(fold(name).split()) & set(fold(owner_names[place]).split()):
            for draft in members:
                draft.cluster = earlier
        elif earlier is None:
            owner[place] = cluster
            owner_names[place] = name


def _group(drafts: list[Draft]) -> dict[int, list[Draft]]:
    groups: dict[int, list[Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.cluster is not None:
            groups[draft.cluster].append(draft)
    return groups


def build(
    drafts: list[Draft],
    text: str,
    gazetteer: Gazetteer,
    book: AliasBook,
    context: Counter[str],
    provenance: Provenance,
) -> tuple[list[Mention], list[Entity]]:
    """Mentions in text order with entity ids; entities in order of first mention."""
    drafts = sorted(drafts, key=lambda d: (d.start, d.end))
    mention_ids = {id(d): f"m{n}" for n, d in enumerate(drafts, start=1)}
    entity_ids: dict[int, str] = {}
    entities: list[Entity] = []
    for cluster, members in _group(drafts).items():
        kind = entity_kind(members, gazetteer)
        name = canonical_name(members, kind, gazetteer)
        listed = book.lookup(name, None)
        if listed is not None and listed.kind and kind in {"place", "other"}:
            kind = cast(EntityKind, listed.kind)
        geo, key = _place_and_key(members, kind, name, gazetteer, book, context)
        entry = book.lookup(name, kind)
        if entry is not None:
            name = entry.canonical
        entity_id = f"e{len(entities) + 1}"
        entity_ids[cluster] = entity_id
        surfaces = [d.text for d in members if d.form in {NAME, ALIAS, DESCRIPTION}]
        entities.append(
            Entity(
                id=entity_id,
                key=key,
                name=name,
                kind=kind,
                mentions=[mention_ids[id(d)] for d in members],
                aliases=[s for s in dict.fromkeys(surfaces) if s != name],
                geo=geo,
                provenance=provenance,
            )
        )
    labels = _cluster_labels(drafts)
    mentions: list[Mention] = []
    for draft in drafts:
        own = draft.cluster
        entity = entity_ids.get(own) if own is not None else None
        mentions.append(
            Mention(
                id=mention_ids[id(draft)],
                start=draft.start,
                end=draft.end,
                text=text[draft.start : draft.end],
                label=_label(draft, labels.get(own) if own is not None else None),
                form=draft.form if entity is not None else None,
                entity=entity,
                provenance=provenance.model_copy(update={"confidence": draft.confidence}),
            )
        )
    return mentions, entities


def _cluster_labels(drafts: list[Draft]) -> dict[int, str]:
    """The most common label of each cluster's names and aliases, in one pass over the drafts
    (one count per mention made this quadratic in the number of mentions)."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for draft in drafts:
        if draft.cluster is not None and draft.form in {NAME, ALIAS}:
            counts[draft.cluster][draft.label] += 1
    return {cluster: labels.most_common(1)[0][0] for cluster, labels in counts.items()}


def _label(draft: Draft, cluster_label: str | None) -> str:
    if draft.form in {PRONOUN, DESCRIPTION} and cluster_label:
        return cluster_label
    return draft.label


def _place_and_key(
    members: list[Draft],
    kind: EntityKind,
    name: str,
    gazetteer: Gazetteer,
    book: AliasBook,
    context: Counter[str],
) -> tuple[GeoInfo | None, str]:
    surfaces = sorted(
        {d.text for d in members if d.form in {NAME, ALIAS}}, key=lambda s: (-len(s), s)
    )
    for surface in [name, *surfaces]:
        entry = book.lookup(surface, kind)
        if entry is not None:
            return _geo(members, kind, name, gazetteer, context), entry.key
    geo = _geo(members, kind, name, gazetteer, context)
    if kind == "country" and geo is not None and geo.country_code:
        return geo, f"country:{geo.country_code}"
    if geo is not None and geo.geonames_id is not None:
        return geo, f"geonames:{geo.geonames_id}"
    words = tokens_of(name) if kind == "person" else [name]
    prefix = _KEY_PREFIX.get(kind, kind)
    return geo, f"{prefix}:{slug(' '.join(words))}"


def _geo(
    members: list[Draft],
    kind: EntityKind,
    name: str,
    gazetteer: Gazetteer,
    context: Counter[str],
) -> GeoInfo | None:
    if kind == "country":
        code = next((d.country for d in members if d.country), None)
        place = gazetteer.country(code) if code else None
        return place.geo() if place else GeoInfo(country_code=code)
    if kind != "place":
        return None
    found: Place | None = None
    for surface in [name, *(d.text for d in members if d.form in {NAME, ALIAS})]:
        found = gazetteer.resolve_place(surface, context)
        if found is not None:
            break
    return found.geo() if found else None
