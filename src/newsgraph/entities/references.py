"""Pronouns, role descriptions and country epithets, resolved to the entities named nearby.

A pronoun goes to the most salient person before it: recent, preferably a grammatical subject
(the speaker of a quote is the subject of 'said'), agreeing in gender with what the text has
already shown. A role description ('the interim Syrian president') goes to the person whose
titles in the text share its role word and modifiers. An epithet ('the Islamic Republic') goes
to the country it can stand for that the document last named.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsgraph.entities.countries import EPITHETS, demonym_country
from newsgraph.entities.drafts import DESCRIPTION, PRONOUN, Draft
from newsgraph.entities.lexicon import (
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    KINSHIP,
    MALE_PRONOUNS,
    MALE_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    TITLES,
)
from newsgraph.intervals import SpanIndex

_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "pobj", "dative", "iobj"})
# How far back (in sentences) a pronoun or description looks for its referent.
_WINDOW = 8


@dataclass
class PersonProfile:
    """What the text has said about one person so far."""

    titles: set[str] = field(default_factory=set)
    male: int = 0
    female: int = 0
    count: int = 0


def _sentence_index(doc: Any) -> dict[int, int]:
    return {token.i: number for number, sent in enumerate(doc.sents) for token in sent}


def _token_at(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def person_profiles(drafts: list[Draft], doc: Any) -> dict[int, PersonProfile]:
    """Titles and gender cues in front of each person's names: 'Syrian President X'."""
    profiles: dict[int, PersonProfile] = defaultdict(PersonProfile)
    for draft in drafts:
        if draft.label != "PERSON" or draft.cluster is None or draft.form == PRONOUN:
            continue
        profile = profiles[draft.cluster]
        profile.count += 1
        span = doc.char_span(draft.start, draft.end, alignment_mode="expand")
        if span is None:
            continue
        index = span.start - 1
        while index >= 0 and span.start - index <= 4:
            word = doc[index].lower_
            role = doc[index].tag_ == "NN" and doc[index].dep_ == "compound"
            known = word in TITLES or word in PERSON_ROLES or word in KINSHIP  # "his wife Ruth"
            if known or role or demonym_country(doc[index].text):
                profile.titles.add(word)
                index -= 1
                continue
            break
        # "Its chairwoman, Anna Zielinska": the noun the name stands in apposition to.
        if span.root.dep_ == "appos" and span.root.head.tag_ == "NN":
            head = span.root.head
            profile.titles.add(head.lower_)
            profile.titles.update(t.lower_ for t in head.lefts if t.tag_ in {"JJ", "NN"})
        # "Grace Wanjiru, a former magistrate, ...": the apposition describes her too.
        for child in span.root.children:
            if child.dep_ == "appos" and child.tag_ == "NN":
                _add_role(profile, child)
        for role in _predicated_roles(span.root):
            _add_role(profile, role)
    for profile in profiles.values():
        profile.male += sum(word in MALE_WORDS for word in profile.titles)
        profile.female += sum(word in FEMALE_WORDS for word in profile.titles)
    return profiles


def _add_role(profile: PersonProfile, noun: Any) -> None:
    profile.titles.add(noun.lower_)
    profile.titles.update(t.lower_ for t in noun.lefts if t.tag_ in {"JJ", "NN"})


def _predicated_roles(name: Any) -> list[Any]:
    """Roles given to a person by a verb: 'named X as captain', 'X, who was appointed as the
    union's special envoy', 'X is the mayor'."""
    verbs = [name.head] if name.dep_ in {"nsubj", "nsubjpass", "dobj"} else []
    verbs.extend(child for child in name.children if child.dep_ == "relcl")
    roles = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "attr" and child.tag_ == "NN" and name.dep_ != "dobj":
                roles.append(child)
            if child.dep_ == "prep" and child.lower_ == "as":
                roles.extend(g for g in child.children if g.dep_ == "pobj" and g.tag_ == "NN")
    return roles


@dataclass
class _Candidate:
    cluster: int
    position: int
    sentence: int
    subject: bool
    head: int
    quoted: bool = False


class Quotes:
    """Which character offsets lie inside quotation marks."""

    def __init__(self, text: str) -> None:
        # Matches do not overlap and come in text order, so one bisection finds the only
        # range that can hold an offset.
        self.ranges: list[tuple[int, int]] = []
        for match in re.finditer(r"“[^”]*”|\"[^\"]*\"", text):
            self.ranges.append(match.span())
        self.starts = [start for start, _ in self.ranges]

    def __call__(self, offset: int) -> bool:
        index = bisect.bisect_left(self.starts, offset) - 1  # the last range starting before
        return index >= 0 and offset < self.ranges[index][1]


class _Tokens:
    """The head token of each mention, looked up once per document."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.cache: dict[tuple[int, int], Any] = {}

    def __call__(self, start: int, end: int) -> Any:
        if (start, end) not in self.cache:
            self.cache[(start, end)] = _token_at(self.doc, start, end)
        return self.cache[(start, end)]


class _Candidates:
    """The latest draft of each cluster before an offset, for offsets asked in text order.

    The drafts before an offset are those up to the first that starts at or after it; as the
    offsets only grow, that prefix only grows, so each draft is read once for the whole
    document instead of once per pronoun. Drafts may be added after the prefix meanwhile.
    """

    def __init__(
        self,
        drafts: list[Draft],
        sentence_of: dict[int, int],
        tokens: _Tokens,
        label: str,
        quoted: Quotes | None = None,
    ) -> None:
        self.drafts = drafts
        self.sentence_of = sentence_of
        self.tokens = tokens
        self.label = label
        self.quoted = quoted or Quotes("")
        self.read = 0  # drafts[:read] are in `latest`
        self.offset = -1  # the offset asked last
        # In the order each cluster was first seen, which settles ties between candidates.
        self.latest: dict[int, _Candidate] = {}

    def before(self, offset: int) -> dict[int, _Candidate]:
        drafts = self.drafts
        if offset < self.offset:  # asked out of text order: read the prefix again
            self.read, self.latest = 0, {}
        self.offset = offset
        while self.read < len(drafts) and drafts[self.read].start < offset:
            draft = drafts[self.read]
            self.read += 1
            if draft.cluster is None or draft.label != self.label:
                continue
            token = self.tokens(draft.start, draft.end)
            if token is None:
                continue
            subject = token.dep_ in _SUBJECT or (
                token.dep_ == "appos" and token.head.dep_ in _SUBJECT  # "Their observer, X, said"
            )
            self.latest[draft.cluster] = _Candidate(
                draft.cluster, draft.start, self.sentence_of[token.i], subject, token.head.i,
                quoted=self.quoted(draft.start),
            )  # fmt: skip
        return self.latest


def _kin_named_after(pronoun: Any, drafts: list[Draft]) -> int | None:
    """Cluster of the name in 'his son Bashar', which the possessive cannot refer to."""
    doc = pronoun.doc
    if pronoun.tag_ != "PRP$" or pronoun.i + 2 >= len(doc):
        return None
    if doc[pronoun.i + 1].lower_ not in KINSHIP:
        return None
    start = doc[pronoun.i + 2].idx
    return next((d.cluster for d in drafts if d.start == start), None)


def resolve_pronouns(drafts: list[Draft], doc: Any, text: str) -> list[Draft]:
    """Add he/him/his/she/her mentions, each joined to the person it most likely means."""
    sentence_of = _sentence_index(doc)
    profiles = person_profiles(drafts, doc)
    quotes = Quotes(text)
    tokens = _Tokens(doc)
    taken = SpanIndex(d.offsets for d in drafts)
    resolved = sorted(drafts, key=lambda d: d.start)
    candidates = _Candidates(resolved, sentence_of, tokens, "PERSON", quotes)
    for token in doc:
        lowered = token.lower_
        if lowered not in PERSON_PRONOUNS or token.tag_ not in {"PRP", "PRP$"}:
            continue
        offsets = (token.idx, token.idx + len(token.text))
        if taken.overlaps(offsets):
            continue
        pool = candidates.before(token.idx)
        here = sentence_of[token.i]
        inside = quotes(token.idx)
        relative = _kin_named_after(token, resolved)
        best: tuple[float, int] | None = None
        for candidate in pool.values():
            distance = here - candidate.sentence
            if distance > _WINDOW:
                continue
            profile = profiles[candidate.cluster]
            score = -1.0 * distance + 0.3 * math.log1p(profile.count)
            score += 1.0 if candidate.subject else 0.0
            if candidate.quoted and not inside:
                score -= 1.5  # a name inside a quote is rarely the speaker outside it
            if token.dep_ in _OBJECT and candidate.subject and candidate.head == token.head.i:
                score -= 3.0  # "X thanked him": him is not X
            if lowered in MALE_PRONOUNS and profile.female > profile.male:
                score -= 5.0
            if lowered in FEMALE_PRONOUNS and profile.male > profile.female:
                score -= 5.0
            if candidate.cluster == relative:
                continue  # "his son Bashar": his is not Bashar
            if best is None or score > best[0]:
                best = (score, candidate.cluster)
        if best is None:
            continue
        profile = profiles[best[1]]
        profile.male += lowered in MALE_PRONOUNS
        profile.female += lowered in FEMALE_PRONOUNS
        pronoun = Draft(
            *offsets, token.text, "PERSON", PRONOUN, cluster=best[1], confidence=0.7,
            origin="pronoun",
        )  # fmt: skip
        # After every draft that starts before it or with it, as a stable sort would put it;
        # so after the drafts the candidates have read.
        bisect.insort_right(resolved, pronoun, key=lambda d: d.start)
        taken.add(offsets)
    return resolved


_AGENT_ENDINGS = ("man", "woman", "ist", "er", "or", "ian", "ant", "ent", "ate", "ee")


def _person_noun(token: Any) -> bool:
    """Nouns that can name a person's role: 'president', 'businessman', 'magistrate'."""
    word = token.lower_
    if token.tag_ != "NN":
        return False
    return word in PERSON_ROLES or word in TITLES or word.endswith(_AGENT_ENDINGS)


def _role_chunks(doc: Any) -> list[Any]:
    """'the interim Syrian president': definite noun phrases headed by a role word."""
    chunks = []
    for chunk in doc.noun_chunks:
        words = [t for t in chunk]
        if len(words) < 2 or words[0].lower_ != "the" or not _person_noun(words[-1]):
            continue
        root = chunk.root
        if root.dep_ in {"appos", "attr"} or (root.dep_ == "pobj" and root.head.lower_ == "as"):
            continue  # "X, the former mayor", "X is the right man": said of X, not a mention
        if any(t.ent_type_ == "PERSON" for t in words) or words[-1].tag_ not in {"NN", "NNP"}:
            continue
        following = doc[chunk.end] if chunk.end < len(doc) else None
        if following is not None and (following.ent_type_ == "PERSON" or following.lower_ == "of"):
            continue  # "the president Assad", "the president of X": not a bare description
        chunks.append(chunk)
    return chunks


def resolve_descriptions(drafts: list[Draft], doc: Any) -> list[Draft]:
    """Add role descriptions whose role and modifiers match a person's titles in the text."""
    sentence_of = _sentence_index(doc)
    profiles = person_profiles(drafts, doc)
    tokens = _Tokens(doc)
    taken = SpanIndex(d.offsets for d in drafts)
    candidates = _Candidates(drafts, sentence_of, tokens, "PERSON")
    added: list[Draft] = []
    for chunk in _role_chunks(doc):
        start, end = chunk.start_char, chunk.end_char
        if any(s < end and start < e and s <= start for s, e in taken.near(start, end)):
            continue
        offsets = (start, end)
        words = {t.lower_ for t in chunk[1:]}
        head = chunk[-1].lower_
        pool = candidates.before(chunk.start_char)
        best: tuple[float, int] | None = None
        for candidate in pool.values():
            titles = profiles[candidate.cluster].titles
            if head not in titles:
                continue
            distance = sentence_of[chunk.start] - candidate.sentence
            score = 2.0 * len((words - {head}) & titles) - 0.2 * distance
            if "former" in titles and "former" not in words:
                score -= 1.0
            if best is None or score > best[0]:
                best = (score, candidate.cluster)
        if best is None:
            continue
        added.append(
            Draft(*offsets, chunk.text, "PERSON", DESCRIPTION, cluster=best[1], confidence=0.7,
                  origin="description")
        )  # fmt: skip
        taken.add(offsets)
    return sorted([*drafts, *added], key=lambda d: d.start)


def resolve_epithets(drafts: list[Draft], text: str) -> list[Draft]:
    """'the Islamic Republic' joins the country it can stand for that was named last."""
    taken = SpanIndex(d.offsets for d in drafts)
    by_offsets: dict[tuple[int, int], list[Draft]] = defaultdict(list)
    for draft in drafts:
        by_offsets[draft.offsets].append(draft)
    added: list[Draft] = []
    for phrase, codes in EPITHETS.items():
        if not codes:
            continue
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE):
            if not match.group()[4:5].isupper():
                continue  # "the kingdom" in lower case is a common noun
            offsets = match.span()
            existing = by_offsets.get(offsets, [])
            if not existing and taken.overlaps(offsets):
                continue
            country = _latest_country(drafts, codes, offsets[0])
            if country is None:
                continue
            if existing:
                existing[0].country, existing[0].form, existing[0].label = (
                    country,
                    DESCRIPTION,
                    "GPE",
                )
                continue
            added.append(
                Draft(*offsets, match.group(), "GPE", DESCRIPTION, country, origin="epithet")
            )
            taken.add(offsets)
    return sorted([*drafts, *added], key=lambda d: d.start)


def _latest_country(drafts: list[Draft], codes: tuple[str, ...], before: int) -> str | None:
    latest: tuple[int, str] | None = None
    for draft in drafts:
        usable = draft.form != DESCRIPTION and draft.country in codes and draft.start < before
        if usable and (latest is None or draft.start > latest[0]):
            latest = (draft.start, draft.country or "")
    if latest is not None:
        return latest[1]
    mentioned = {d.country for d in drafts if d.country in codes}
    return next((code for code in codes if code in mentioned), None)
