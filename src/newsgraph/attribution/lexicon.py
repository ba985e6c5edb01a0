"""Words that decide an attribution's stance and name its channel."""

from __future__ import annotations

from newsgraph.model import Stance

# The stance a reporting verb lends to what it introduces. Verbs not listed are "other",
# except plain speech verbs, which are "neutral".
_STANCE_WORDS: dict[Stance, str] = {
    "neutral": "say tell add state explain note report write announce describe quote comment "
    "remark according_to reply respond answer post tweet testify recall continue mention speak "
    "inform reveal disclose publish brief :",  # the colon of "Pence: ..." and of transcripts
    "assertive": "insist maintain stress assert emphasize emphasise affirm confirm declare argue "
    "vow pledge reiterate underline guarantee promise swear contend",
    "distancing": "claim allege purport",
    "question": "ask wonder question inquire enquire query",
}
_STANCES: dict[str, Stance] = {
    lemma: stance for stance, words in _STANCE_WORDS.items() for lemma in words.split()
}


# Verbs by which the writer hedges a judgement of their own ("Sharaa's comments appear to endorse
# ..."): the sentence is the outlet's assessment, not a statement it reports.
WRITER_HEDGES = frozenset({"appear", "seem"})


# Verbs of physical force that news also uses for words ("attacked her rival's plan"). Only a
# content that says something (a clause or a quote) makes one a cue: "Israel attacked Russia's
# ally, Iran" reports a strike, not a statement.
FORCE_VERBS = frozenset(
    {"attack", "hit", "strike", "target", "blast", "slam", "fire", "shoot", "bomb", "hammer"}
)


# Verbs of deeds and political positions that PolNeAR also annotates as cues ("Syria is
# negotiating a security agreement", "groups supported by the US"). Over a mere noun phrase or
# infinitive they report what someone did, not what they said: the sentence is then the
# outlet's own claim, with the deed nested in it.
DEED_VERBS = frozenset(
    {
        "negotiate", "support", "back", "endorse", "oppose", "favor", "favour", "fund",
        "finance", "sponsor", "refuse", "vote", "sign", "ratify", "seek", "try", "decide",
        "choose", "nominate", "offer", "plan",
    }
)  # fmt: skip


def stance_of(lemma: str | None) -> Stance:
    if not lemma:
        return "neutral"
    return _STANCES.get(lemma.lower().replace(" ", "_"), "other")


# Nouns that name the medium of a statement: "in an interview with ...", "in a post on X".
CHANNEL_NOUNS = (
    "interview",
    "statement",
    "post",
    "tweet",
    "video",
    "op-ed",
    "opinion piece",
    "column",
    "article",
    "essay",
    "paper",
    "report",
    "speech",
    "address",
    "press conference",
    "news conference",
    "briefing",
    "letter",
    "podcast",
    "broadcast",
    "message",
    "email",
    "memo",
    "book",
    "blog post",
    "televised address",
    "remarks",
)
