"""Who acts and on whom: the actor and target heads of a trigger in the dependency parse.

Only words syntactically tied to the trigger are taken (its subject, object, the objects of
its prepositions, the possessor of a noun trigger), never some other name in the sentence: a
coder that pairs any actor with any verb of a story codes events nobody reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.events.sectors import sector_of

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# Prepositions whose object is the one acted upon, most telling first.
TARGET_PREPS = ("against", "on", "upon", "with", "to", "into", "toward", "towards", "from")
# "of" names what a noun trigger acts on ("the capture of Damascus"); "between" both sides.
NOUN_TARGET_PREPS = ("against", "on", "upon", "of", "with", "to", "into", "between", "in")
# Prepositions inside an object phrase that lead to the one it concerns.
_INNER_PREPS = ("on", "against", "to", "with", "for", "from", "of", "in", "toward", "towards")
# A place after "in" is the target only when nothing else is ("a ceasefire in Libya").
LAST_RESORT_PREPS = ("in", "at")
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
# Named-entity labels of things that act or are acted upon (not dates, numbers, amounts).
_AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"})
# Nouns that only measure or hold what follows "of": "hundreds of airstrikes", "control of
# Damascus", "large swathes of land".
QUANTITY_NOUNS = frozenset(
    [
        "hundreds",
        "dozens",
        "thousands",
        "number",
        "series",
        "wave",
        "host",
        "swathes",
        "swath",
        "parts",
        "part",
        "areas",
        "much",
        "most",
        "some",
        "control",
        "rest",
    ]
)
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass
class Roles:
    """Heads of the actor and target phrases (tokens), and whether the frame was passive."""

    actors: list[Any] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)


def _nominal(token: Any) -> bool:
    if token.ent_type_ in _NOT_PARTICIPANTS:
        return False
    return bool(token.pos_ in _NOMINAL or token.tag_ in ("NNP", "NNPS"))


def through_quantity(token: Any) -> Any:
    """The noun after "of" when the token only measures or holds it ("control of Damascus")."""
    while token.lemma_.lower() in QUANTITY_NOUNS or token.lower_ in QUANTITY_NOUNS:
        following = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        inner = _prep_object(following[0]) if following else None
        if inner is None:
            return token
        token = inner
    return token


def _prep_object(prep: Any) -> Any | None:
    for child in prep.children:
        if child.dep_ == "pobj" and _nominal(child):
            return child
    return None


def prep_objects(token: Any, allowed: tuple[str, ...]) -> list[Any]:
    """Objects of the token's prepositions, in the order of `allowed`."""
    found: dict[str, Any] = {}
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in allowed:
            obj = _prep_object(child) if child.dep_ == "prep" else child
            if obj is not None and child.lower_ not in found:
                found[child.lower_] = obj
    return [found[p] for p in allowed if p in found]


def _own_subject(verb: Any) -> tuple[Any | None, bool]:
    """(subject head, passive) of a verb, through relative pronouns to their antecedent."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
            head = child
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                head = verb.head
            return head, child.dep_ in _PASSIVE_SUBJECTS
    return None, False


# Nouns for what someone issues: a verb hung on one acts for its issuer ("Amnesty put out a
# report accusing the army", "parliament passed a resolution criticizing the president").
_ISSUED = frozenset(
    ["report", "statement", "resolution", "letter", "declaration", "communique", "motion",
     "decree", "order", "bill", "law", "complaint", "petition", "note", "message", "video"]
)  # fmt: skip


def _acting_for(noun: Any) -> Any | None:
    """Who acts in a participle clause on `noun`: the issuer of an issued text, else the
    noun itself ("troops firing on protesters")."""
    if noun.lemma_.lower() in _ISSUED:
        if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
            issuer, _ = _own_subject(noun.head)
            return issuer
        return None
    return noun


def _agent(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return _prep_object(child)
    return None


def verb_roles(verb: Any, consumed: Any | None = None) -> Roles:
    """Actor and target heads of a verb trigger."""
    roles = Roles()
    subject, passive = _own_subject(verb)
    climbed = verb
    # "agreed to withdraw", "attacked the town, killing ...": the subject of the verb above.
    while subject is None and climbed.dep_ in ("xcomp", "conj", "advcl", "acomp"):
        dep, climbed = climbed.dep_, climbed.head
        subject, passive_above = _own_subject(climbed)
        # "Russia was forced to withdraw": the subject above acts in the clause below.
        passive = passive_above if dep == "conj" else False
    if subject is None and verb.dep_ == "relcl" and _nominal(verb.head):
        subject = verb.head
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG" and _nominal(verb.head):
        subject = _acting_for(verb.head)
    agent = _agent(verb)
    if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        target = subject if passive else verb.head
        if agent is not None:
            roles.actors.append(agent)
        if target is not None and _nominal(target):
            roles.targets.append(target)
    elif subject is not None and _nominal(subject):
        roles.actors.append(subject)
    if not roles.targets:
        roles.targets.extend(_objects(verb, consumed))
    if not roles.targets:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                roles.targets.extend(_objects(child, None))
                break
    if not any(_agentive(t) for t in roles.targets):
        # "summoned the ambassador to complain", "sent experts to Saudi Arabia to investigate":
        # a purpose clause acts on the one its verb above acts on.
        above = _purpose_head(verb)
        if above is not None:
            named = [t for t in _objects(above, None) if _agentive(t)]
            roles.targets = named[:1] or roles.targets
    return roles


def _purpose_head(verb: Any) -> Any | None:
    """The verb a "to" purpose clause hangs on ("summoned X to complain"), or None."""
    if verb.dep_ not in ("advcl", "xcomp") or verb.head.pos_ != "VERB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return verb.head


def _agentive(token: Any) -> bool:
    """Whether a word names someone who can be acted upon: a name, a pronoun, "officials",
    "Russia's Hmeimim airbase"."""
    if any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in token.lefts):
        return True
    return bool(
        token.ent_type_ in _AGENT_LABELS
        or token.pos_ in ("PRON", "PROPN")
        or sector_of(token.text, None)
    )


# Links followed down from a trigger's object to the someone it concerns.
_DOWNWARD = frozenset(
    {"prep", "pobj", "dobj", "obj", "xcomp", "acl", "relcl", "agent", "dative", "ccomp", "nsubj",
     "nsubjpass", "conj", "pcomp", "appos"}
)  # fmt: skip


def named_below(starts: list[Any], skip: set[int]) -> Any | None:
    """The nearest someone (breadth first) under the given words: "the ban on Cypriot ships",
    "a request from 20 MPs", "an order sought by the ACLU"."""
    queue = list(starts)
    seen = set(skip)
    while queue:
        token = queue.pop(0)
        if token.i in seen:
            continue
        seen.add(token.i)
        if _nominal(token) and _agentive(token) and token.dep_ != "poss":
            return token
        queue.extend(c for c in token.children if c.dep_ in _DOWNWARD)
    return None


def _objects(verb: Any, consumed: Any | None) -> list[Any]:
    """The one acted on: the object, unless it names no one and the clause does ("negotiating
    a security agreement with Israel", "fled the country to Russia", "lift sanctions on
    Sudan")."""
    objects = [
        through_quantity(c)
        for c in verb.children
        if c.dep_ in ("dobj", "obj") and _nominal(c) and (consumed is None or c.i != consumed.i)
    ]
    ordered = prep_objects(verb, TARGET_PREPS)
    if objects and _agentive(objects[0]):
        return objects[:1]
    named = [t for t in ordered if _agentive(t)]
    if named:
        return named[:1]
    holders = [*objects, *([consumed] if consumed is not None else [])]
    holders.extend(c for c in verb.children if c.dep_ in ("prep", "xcomp", "dative", "ccomp"))
    subject, _ = _own_subject(verb)
    inner = named_below(holders, {verb.i} | ({subject.i} if subject is not None else set()))
    if inner is not None:
        return [inner]
    if consumed is not None and through_quantity(consumed).i != consumed.i:
        # "took control of the city": what the phrase's object holds.
        return [through_quantity(consumed)]
    if objects:
        return objects[:1]
    return ordered[:1]


def noun_roles(noun: Any) -> Roles:
    """Actor and target heads of a noun trigger ("Israel's attack on Iran")."""
    roles = Roles()
    for child in noun.children:
        if (child.dep_ == "poss" and _nominal(child)) or (
            child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            roles.actors.append(child)
    by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
    if not roles.actors and by:
        agent = _prep_object(by[0])
        if agent is not None:
            roles.actors.append(agent)
    targets = prep_objects(noun, NOUN_TARGET_PREPS)
    quantity = _quantity_above(noun)
    if not targets and quantity is not None:
        targets = [t for t in prep_objects(quantity, NOUN_TARGET_PREPS) if t.i != noun.i]
    if targets and not _agentive(through_quantity(targets[0])):
        inner = named_below([targets[0]], {noun.i})
        targets = [inner] if inner is not None else targets
    if targets:
        roles.targets.append(through_quantity(targets[0]))
    else:
        # "an offensive to capture Aleppo": the purpose clause names what it is aimed at.
        for child in noun.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                roles.targets.extend(_objects(child, None))
                break
    return roles


def _quantity_above(noun: Any) -> Any | None:
    """The quantity noun a noun is counted by ("hundreds" of "hundreds of airstrikes")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of":
        quantity = head.head
        if quantity.lemma_.lower() in QUANTITY_NOUNS or quantity.lower_ in QUANTITY_NOUNS:
            return quantity
    return None


def governing_verb(noun: Any) -> Any | None:
    """The verb a noun trigger is the object of ("launched an offensive", "began talks")."""
    # "expressed its rejection and condemnation of ...": a conjoined noun shares the slot.
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    head = noun.head
    # "hundreds of airstrikes": the quantity noun stands in the verb's object slot.
    if _quantity_above(noun) is not None:
        noun = head.head
        head = noun.head
    if noun.dep_ in ("dobj", "obj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return head.head
    return None
