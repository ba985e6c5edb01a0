"""The words that report events, each with its PLOVER type, mode and how sure it makes us.

Written for newsgraph from the PLOVER and CAMEO codebooks' descriptions of each type. A verb is
keyed by its lemma, or by lemma and particle/preposition ("call for", "pull out") when the
particle changes the event. A noun ("offensive", "talks") reports an event of its own when it
names one ("Israel's attack on Iran", "launched an offensive on Aleppo"). The confidence is the
share of uses of the word that report that event in news: "attack" nearly always does, "hit"
or "support" often mean something else, so they carry less.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Sense(NamedTuple):
    type: str
    mode: str | None
    confidence: float


def _table(rows: str, type_: str) -> dict[str, Sense]:
    """Parse 'lemma[:mode][@confidence]' entries separated by commas."""
    table: dict[str, Sense] = {}
    for raw in rows.split(","):
        entry = raw.strip()
        if not entry:
            continue
        entry, _, sure = entry.partition("@")
        lemma, _, mode = entry.partition(":")
        table[lemma.strip()] = Sense(type_, mode.strip() or None, float(sure) if sure else 0.8)
    return table


_VERBS: Final[dict[str, str]] = {
    "AGREE": "agree, accept@0.6, sign, approve@0.6, ratify, settle@0.5, "
    "reconcile, pledge@0.6, promise@0.6, vow@0.5, commit@0.4, adopt@0.5, conclude@0.4, "
    "consent, broker@0.6",
    "CONSULT": "meet, visit:visit, host:host, consult, negotiate, discuss@0.7, "
    "talk@0.6, telephone:phone, phone:phone, call@0.4, welcome@0.4, receive@0.4, "
    "mediate:third-party, confer, hold talks",
    "SUPPORT": "support@0.6, praise, commend, hail, back@0.6, defend@0.5, endorse@0.6, "
    "applaud, congratulate, thank@0.6, recognize@0.5, recognise@0.5, apologize@0.5, "
    "apologise@0.5, welcome@0.5, laud, salute@0.5",
    "CONCEDE": "concede, yield@0.6, resign, surrender@0.7, relent, ease@0.5, lift@0.5, "
    "drop@0.4, abandon@0.5, waive, pardon, forgive, grant@0.5, compromise@0.5, "
    "reverse@0.4, admit@0.4",
    "COOPERATE": "cooperate, collaborate, partner, ally, coordinate@0.6, join@0.4, "
    "share@0.4, integrate@0.4",
    "AID": "aid:economic, assist, donate, provide@0.5, supply@0.6, send@0.4, fund:economic, "
    "contribute:economic@0.5, give@0.35, offer@0.35, pay:economic@0.35, "
    "finance:economic, train:military@0.5, arm:military@0.7, help@0.6, deliver@0.5, "
    "rescue:humanitarian, evacuate:humanitarian@0.5, shelter:humanitarian@0.5, "
    "feed:humanitarian@0.5, donor:economic",
    "RETREAT": "withdraw, retreat, flee@0.6, evacuate@0.4, demobilize, disarm, disband, "
    "demilitarize, "
    "free:release@0.7, release:release@0.7, return@0.5, hand@0.3, cede, relinquish, "
    "extend@0.3",
    "REQUEST": "demand, request, ask@0.5, lobby@0.7, urge, appeal, plead, press@0.5, seek@0.6, "
    "petition, beg, invite@0.5, summon@0.5, implore",
    "ACCUSE": "accuse, blame, condemn, criticize, criticise, denounce, allege@0.6, "
    "charge@0.5, sue:lawsuit, convict:lawsuit, indict:lawsuit, prosecute:lawsuit, "
    "investigate:investigate, probe:investigate, dispute@0.6, decry, deplore, slam@0.7, "
    "rebuke, censure, fault, question@0.4, complain, protest@0.4, lambast, castigate, "
    "chastise, scold, warn@0.4",
    "REJECT": "reject, refuse, deny@0.6, veto, rebuff, dismiss@0.5, decline@0.5, oppose@0.7, "
    "boycott:boycott@0.6, spurn, resist@0.5, snub, repudiate, block@0.5, defy",
    "THREATEN": "threaten, warn@0.5, menace, intimidate, ultimatum",
    "PROTEST": "protest@0.7, demonstrate@0.6, rally@0.6, march@0.5, riot:riot, strike:strike@0.4, "
    "picket, boycott:boycott@0.5",
    "SANCTION": "suspend@0.6, expel:diplomatic@0.6, "
    "recall:diplomatic@0.4, freeze@0.5, halt@0.5, restrict@0.5, downgrade@0.5, "
    "blacklist, penalize, penalise, fine@0.6, ban@0.5",
    "MOBILIZE": "mobilize:military, mobilise:military, deploy:military, station:military@0.5, "
    "mass:military@0.5, reinforce:military@0.5, enter@0.3, alert@0.4",
    "COERCE": "sanction:sanctions, embargo:sanctions, arrest:arrest, detain:arrest, "
    "jail:arrest, imprison:arrest, seize:seize, "
    "capture:seize, confiscate:seize, raid@0.6, deport:deport, expel:deport@0.5, "
    "evict@0.7, ban:ban@0.6, censor:censor, impose@0.5, occupy:seize, annex:seize, "
    "kidnap:abduct, abduct:abduct, hijack:abduct, torture@0.8, execute@0.6, "
    "demolish:destroy, destroy:destroy@0.6, raze:destroy, blockade, besiege, "
    "take:seize@0.2, round:arrest@0.3, sentence:arrest@0.6, hang@0.4, convict@0.4, "
    "crack@0.4, suppress@0.6, forbid@0.5, outlaw, shut@0.4, close@0.3, force@0.4",
    "ASSAULT": "attack, assault, bomb:aerial, shell:artillery, strike@0.5, hit@0.4, kill, "
    "murder, assassinate, shoot:firearms, fire@0.5, invade, storm, ambush, massacre, "
    "slaughter, wound, injure@0.6, fight@0.7, clash, battle, target@0.5, "
    "pound@0.5, bombard:artillery, stab:primitive, behead, lynch, beat:beat@0.5, "
    "raid@0.5, overrun, besiege@0.5, launch@0.2, torch@0.7, burn@0.4, rocket:artillery",
}

# Verb and particle or preposition together, where that changes what the verb reports.
_PHRASES: Final[dict[str, str]] = {
    "REQUEST": "call for, call on, call upon, appeal to, press for, push for, ask for",
    "RETREAT": "pull out, pull back, step back, move out, hand over@0.6, give up@0.5, "
    "stand down, withdraw from",
    "CONCEDE": "back down, step down, give in, back off",
    "CONSULT": "meet with, talk with, talk to@0.6, speak with@0.6, speak to@0.4, sit down",
    "COERCE": "crack down, round up, lock up, take over:seize@0.7, take control:seize, "
    "shut down@0.5, break up@0.5",
    "ASSAULT": "open fire:firearms, fire on:firearms, carry out@0.1",
    "MOBILIZE": "send in:military@0.6, enter war:military@0.7, join war:military@0.6, "
    "enter conflict:military@0.6",
    "SUPPORT": "stand by@0.5, side with, stand with, establish tie@0.7, establish relation@0.7, "
    "restore tie@0.7, restore relation@0.7",
    "REJECT": "turn down, walk out@0.6, rule out, strike down",
    "SANCTION": "cut tie:diplomatic, sever tie:diplomatic, break off:diplomatic@0.7, "
    "sever relation:diplomatic, cut relation:diplomatic",
    "THREATEN": "warn of@0.5",
    "ACCUSE": "call out@0.5, lash out, speak out@0.5",
    "AID": "send aid:humanitarian",
}

_NOUNS: Final[dict[str, str]] = {
    "AGREE": "agreement, deal@0.6, accord, treaty, pact, armistice",
    "CONSULT": "talk, negotiation, meeting@0.6, summit, visit:visit@0.6, consultation, "
    "dialogue, mediation:third-party, discussion@0.5",
    "SUPPORT": "endorsement@0.7",
    "COOPERATE": "cooperation, partnership@0.6, alliance@0.5, collaboration, coordination@0.5",
    "AID": "aid:economic@0.6, assistance@0.6, donation@0.6, funding:economic@0.5, "
    "loan:economic@0.4",
    "RETREAT": "withdrawal, retreat, pullout, release:release@0.5",
    # A ceasefire one side declares is a concession; an agreed one is coded by "agree".
    "CONCEDE": "concession, surrender@0.6, resignation@0.6, ceasefire@0.6, truce@0.6, "
    "cessation@0.6",
    "REQUEST": "demand@0.6, request@0.6, appeal@0.6, plea, call@0.3",
    "ACCUSE": "accusation, allegation@0.6, condemnation, criticism@0.6, "
    "investigation:investigate@0.6, "
    "probe:investigate@0.6, lawsuit:lawsuit, inquiry:investigate@0.6",
    "REJECT": "rejection, refusal, veto",
    "THREATEN": "threat@0.6, ultimatum, warning@0.6",
    "PROTEST": "protest, demonstration@0.7, rally@0.5, riot:riot, strike:strike@0.3, sit-in",
    "SANCTION": "suspension@0.5, expulsion:diplomatic@0.5",
    "MOBILIZE": "mobilization:military, mobilisation:military, deployment:military, "
    "intervention:military@0.6, buildup:military",
    "COERCE": "sanction:sanctions, embargo:sanctions, arrest:arrest, detention:arrest, "
    "seizure:seize, capture:seize, "
    "occupation:seize, annexation:seize, crackdown, blockade, siege, raid@0.5, "
    "deportation:deport, takeover:seize, ban:ban@0.5, execution@0.5, "
    "sanction:sanctions, embargo:sanctions, tariff:sanctions@0.5, restriction:ban@0.5",
    "ASSAULT": "attack, assault, offensive, airstrike:aerial, strike@0.5, bombing:aerial, "
    "bombardment:artillery, shelling:artillery, invasion, incursion, raid@0.5, ambush, "
    "massacre, killing, shooting:firearms, fighting, clash, battle@0.6, war@0.3, "
    "onslaught, assassination, air strike:aerial, missile strike:aerial, drone strike:drone",
}

# Verbs that hand their event to the noun they govern: "launched an offensive", "held talks".
LIGHT_VERBS: Final[frozenset[str]] = frozenset(
    [
        "launch",
        "carry",
        "conduct",
        "begin",
        "start",
        "stage",
        "mount",
        "hold",
        "sign",
        "reach",
        "make",
        "impose",
        "lift",
        "issue",
        "open",
        "resume",
        "wage",
        "undertake",
        "continue",
        "announce",
        "have",
        "order",
        "initiate",
        "strike",
        "seal",
        "broker",
        "deliver",
        "send",
        "provide",
        "give",
        "extend",
        "unleash",
    ]
)
# Verbs that undo the restriction they govern: "lifted sanctions", "eased the ban" concede.
REVERSING_VERBS: Final[frozenset[str]] = frozenset(
    [
        "lift",
        "ease",
        "remove",
        "end",
        "drop",
        "relax",
        "reduce",
        "cut",
        "scrap",
        "waive",
        "rescind",
        "revoke",
    ]
)
# Verbs whose subject only meets an event noun, not does it: "survived an attack".
WITNESS_VERBS: Final[frozenset[str]] = frozenset(
    [
        "report",
        "survive",
        "witness",
        "see",
        "suffer",
        "face",
        "describe",
        "recall",
        "fear",
        "mark",
        "follow",
        "fail",
        "escape",
        "investigate",
        "cause",
        "prevent",
        "stop",
        "avert",
    ]
)
# Verbs whose complement clause is an event to come: "agreed to open", "plans to attack".
PLAN_VERBS: Final[frozenset[str]] = frozenset(
    [
        "plan",
        "intend",
        "aim",
        "prepare",
        "seek",
        "want",
        "hope",
        "decide",
        "expect",
        "propose",
        "consider",
        "mean",
        "try",
        "attempt",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "agree",
        "offer",
    ]
)
CONDITION_MARKERS: Final[frozenset[str]] = frozenset({"if", "unless", "provided", "whether"})
HYPOTHETICAL_MODALS: Final[frozenset[str]] = frozenset(
    {"would", "could", "might", "may", "should", "must", "can", "ought"}
)
# Verbs that deny the event of their complement: "refused to reach an agreement".
REFUSAL_VERBS: Final[frozenset[str]] = frozenset({"refuse", "decline", "fail", "avoid", "deny"})
FUTURE_AUX: Final[frozenset[str]] = frozenset({"will", "shall", "'ll", "wo"})

VERBS: Final[dict[str, list[Sense]]] = {}
for _type, _rows in _VERBS.items():
    for _lemma, _sense in _table(_rows, _type).items():
        VERBS.setdefault(_lemma, []).append(_sense)
PHRASES: Final[dict[str, Sense]] = {
    lemma: sense for t, rows in _PHRASES.items() for lemma, sense in _table(rows, t).items()
}
NOUNS: Final[dict[str, Sense]] = {
    lemma: sense for t, rows in _NOUNS.items() for lemma, sense in _table(rows, t).items()
}
